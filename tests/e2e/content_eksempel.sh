# The example project speaks the domain (issue 3): the midway edition shows
# the ideal-type, baseline, placement and activity tables with numbers and
# captions; it never picks up data of the final round; a bad level or an
# undeclared element stops the build with file, line, column and the
# allowed values; a changed assessment is reported as a changed placement
# table and chart, and nothing else.
. tests/lib.sh
export LC_ALL=C.UTF-8
NB=$(printf '\302\240')   # fmt.lua puts a no-break space before "%"

P="$TMP/eks"
O="$TMP/build"  # not $TMP/out: check_status writes there
copy_example "$P"

has() { check_contains "$1" "$2" "$3"; }

# the example's CSV files are as Excel on a Danish machine writes them
check_status "rapport check accepts the example" 0 "$RAPPORT" check "$P"
has "a Windows-1252 file" "$TMP/out" "vurderinger.csv: 72 rækker; semikolon-separeret, Windows-1252, CRLF"
has "a UTF-8 file with BOM and CRLF" "$TMP/out" "typologi.csv: 24 rækker; semikolon-separeret, UTF-8 med BOM, CRLF"
has "decimal commas" "$TMP/out" "decimalkomma i 'timer'"

check_status "the example builds (PDF)" 0 "$RAPPORT" build "$P" --format pdf --out "$O"
pdftotext "$O/midtvejs.pdf" "$TMP/m0.txt"
pdftotext "$O/slut.pdf" "$TMP/s0.txt"
# one line per file, single spaces: captions and cells may wrap
flat() { tr '\n' ' ' <"$1" | tr -s ' '; }
flat "$TMP/m0.txt" >"$TMP/m.txt"
flat "$TMP/s0.txt" >"$TMP/s.txt"

# the ideal-type table: caption with its number, the three types, every element
grep -qE "Tabel [0-9]+\. Idealtyperne beskrevet element for element" "$TMP/m.txt" &&
  pass "midtvejs: ideal-type table with numbered caption" ||
  fail "midtvejs: no numbered caption of the ideal-type table"
for t in Kantinen Klubben Kompagniet; do has "midtvejs: ideal type $t" "$TMP/m.txt" "$t"; done
for e in Mandat Ressourcer "Mål" "Aftaler og møder" Medarbejdere Selvevaluering "Læring" \
         "Forhold til andre samarbejder"; do
  has "midtvejs: element $e" "$TMP/m.txt" "$e"
done
has "midtvejs: a typology description" "$TMP/m.txt" "Arbejdet foregår i de timer, der er tilovers."
# the baseline table
grep -qE "Tabel [0-9]+\. Anliggender ved baseline, på tværs af partnerskaberne" "$TMP/m.txt" &&
  pass "midtvejs: baseline table with numbered caption" ||
  fail "midtvejs: no numbered caption of the baseline table"
has "midtvejs: baseline observation" "$TMP/m.txt" "Der er kun få timer afsat."
# the placement table with the movement since baseline
grep -qE "Tabel [0-9]+\. Partnerskabernes placering ved midtvejs og bevægelsen siden baseline" "$TMP/m.txt" &&
  pass "midtvejs: placement table with numbered caption" ||
  fail "midtvejs: no numbered caption of the placement table"
has "midtvejs: a level moved up" "$TMP/m.txt" "Klub ↑"
has "midtvejs: a level moved down" "$TMP/m.txt" "Kantine ↓"
has "midtvejs: the arrows explained" "$TMP/m.txt" "Pilene viser bevægelsen siden baseline"
grep -qE "Figur [0-9]+\. Partnerskabernes profiler ved baseline og midtvejs" "$TMP/m.txt" &&
  pass "midtvejs: placement chart with numbered caption" ||
  fail "midtvejs: no numbered caption of the placement chart"
# the activity table against the targets, with Danish numbers
grep -qE "Tabel [0-9]+\. Aktiviteter pr\. partnerskab i forhold til projektets mål" "$TMP/m.txt" &&
  pass "midtvejs: activity table with numbered caption" ||
  fail "midtvejs: no numbered caption of the activity table"
has "midtvejs: activity target with thousands point" "$TMP/m.txt" "1.200"
# the PDF may draw the no-break space as a plain space; either way "48 %"
grep -qE "48( |${NB})%" "$TMP/m.txt" && pass "midtvejs: share of target, Danish percent" ||
  fail "midtvejs: no '48 %' in the PDF text"
has "midtvejs: prose counts from the data" "$TMP/m.txt" "kontaktet 193 virksomheder"
has "midtvejs: prose names the partnerships at klub level" "$TMP/m.txt" "klubniveau: Skovlund og Havbjerg"
has "midtvejs: Danish date" "$TMP/m.txt" "18. september 2024"
has "midtvejs: cross-reference resolved" "$TMP/m.txt" "Tabel 7 viser vores placering"
has "midtvejs: the fictional study says so" "$TMP/m.txt" "Denne rapport er et fiktivt eksempel."
# the midway edition never sees the final round; the final edition does
check_not_contains "midtvejs: no final-round event" "$TMP/m.txt" "Slutinterview"
check_not_contains "midtvejs: no final-round level" "$TMP/m.txt" "Kompagni ↑"
has "slut: the final-round event" "$TMP/s.txt" "Slutinterview"
has "slut: a level moved up to kompagni" "$TMP/s.txt" "Kompagni ↑"
has "slut: all three at klub level" "$TMP/s.txt" "klubniveau: Skovlund, Havbjerg og Ådal"
for n in midtvejs slut; do
  pages=$(pdfinfo "$O/$n.pdf" | awk '/^Pages:/{print $2}')
  [ "${pages:-0}" -ge 20 ] && pass "$n.pdf has $pages pages (20 or more)" || fail "$n.pdf has only ${pages:-0} pages"
done

# HTML of the midway edition: the same tables
if "$RAPPORT" build "$P" --edition midtvejs --format html --out "$O" >"$TMP/html.out" 2>&1; then
  H="$O/midtvejs.html"
  has "midtvejs.html: ideal-type caption" "$H" "Idealtyperne beskrevet element for element"
  has "midtvejs.html: placement movement" "$H" "Klub ↑"
  has "midtvejs.html: Danish percent" "$H" "48${NB}%"
  has "midtvejs.html: chart data table" "$H" "Partnerskabernes profiler ved baseline og midtvejs"
  check_not_contains "midtvejs.html: no final-round event" "$H" "Slutinterview"
else
  fail "the example's HTML does not build: $(head -1 "$TMP/html.out")"
fi

# Rows of the final round appended to vurderinger.csv (Windows-1252, CRLF)
# change slut.pdf and leave the midway outputs byte for byte as they were.
V="$P/data/vurderinger.csv"
cp "$V" "$TMP/v.full"
grep -a -v ';slut;' "$TMP/v.full" >"$V"
grep -a ';slut;' "$TMP/v.full" >"$TMP/v.slut"
O2="$TMP/build2"
check_status "builds without the final round's assessments" 0 "$RAPPORT" build "$P" --out "$O2" --format pdf
"$RAPPORT" build "$P" --edition midtvejs --format html --out "$O2" >/dev/null 2>&1
cp "$O2/midtvejs.pdf" "$TMP/m1.pdf"; cp "$O2/slut.pdf" "$TMP/s1.pdf"
[ -f "$O2/midtvejs.html" ] && cp "$O2/midtvejs.html" "$TMP/m1.html"
cat "$TMP/v.slut" >>"$V"
check_status "builds with the final round's assessments appended" 0 "$RAPPORT" build "$P" --out "$O2" --format pdf
"$RAPPORT" build "$P" --edition midtvejs --format html --out "$O2" >/dev/null 2>&1
cmp -s "$TMP/m1.pdf" "$O2/midtvejs.pdf" && pass "midtvejs.pdf byte-identical after the final round arrived" ||
  fail "midtvejs.pdf changed when final-round rows were appended"
if [ -f "$TMP/m1.html" ]; then
  cmp -s "$TMP/m1.html" "$O2/midtvejs.html" && pass "midtvejs.html byte-identical after the final round arrived" ||
    fail "midtvejs.html changed when final-round rows were appended"
else
  fail "midtvejs.html was not built"
fi
cmp -s "$TMP/s1.pdf" "$O2/slut.pdf" && fail "slut.pdf did not pick up the final round" ||
  pass "slut.pdf picked up the final round"

# Changing one assessment: the build reports the placement tables and the
# chart as changed, and no table that does not come from the assessments.
LC_ALL=C sed -i 's/^Skovlund;slut;L\(.*\);klub;/Skovlund;slut;L\1;kompagni;/' "$V"
"$RAPPORT" build "$P" --edition slut --format pdf --out "$O2" >"$TMP/change.out" 2>&1
changed=$(grep -a "ændret" "$TMP/change.out")
case "$changed" in *"Tabel 7"*) pass "change report names the placement table";;
  *) fail "change report lacks the placement table: $changed";; esac
case "$changed" in *"Figur 1"*) pass "change report names the placement chart";;
  *) fail "change report lacks the placement chart: $changed";; esac
for t in "Tabel 1," "Tabel 3," "Tabel 9," "Tabel 10," "Tabel 11," "Figur 2" "Figur 3"; do
  case "$changed, " in *"$t"*) fail "change report names an unrelated ${t%,}: $changed";;
    *) pass "change report leaves ${t%,} alone";; esac
done

# A level the project does not declare, and an undeclared element.
cp "$O2/slut.pdf" "$TMP/good.pdf"
cp "$TMP/v.full" "$V"
LC_ALL=C sed -i '2s/;klub;/;klubben2;/' "$V"
check_status "level klubben2 exits 1" 1 "$RAPPORT" build "$P" --out "$O2" --format pdf
grep -aqE "data/vurderinger\.csv:2:[0-9]+" "$TMP/out" && pass "bad level: file, line and column" ||
  fail "bad level: no file:line:column in: $(head -2 "$TMP/out")"
has "bad level: the allowed levels" "$TMP/out" "kantine, klub, kompagni"
has "bad level: the value" "$TMP/out" "klubben2"
cp "$TMP/v.full" "$V"
LC_ALL=C sed -i '3s/;Ressourcer;/;Ledelse;/' "$V"
check_status "undeclared element exits 1" 1 "$RAPPORT" build "$P" --out "$O2" --format pdf
grep -aqE "data/vurderinger\.csv:3:[0-9]+" "$TMP/out" && pass "undeclared element: file, line and column" ||
  fail "undeclared element: no file:line:column in: $(head -2 "$TMP/out")"
has "undeclared element: the allowed elements" "$TMP/out" "Mandat, Ressourcer, Mål"
if cmp -s "$TMP/good.pdf" "$O2/slut.pdf"; then pass "a failed build leaves the last good output"
else fail "slut.pdf changed although both builds failed"; fi
