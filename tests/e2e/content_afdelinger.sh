# The second example project (issue 18): content/afdelinger follows five
# municipal departments, not partnerships. It declares its unit of analysis
# (`unit = { singular = "afdeling", ... }`) and a few words of its own, and
# is built with no hack: the built-in components and the optael helpers
# print its vocabulary, and no built-in component prints "partnerskab" in any
# form. Its placement chart has five panels with long names: in the PDF the
# titles wrap and never run into each other; in the HTML every chart fits a
# 390 px screen without scrolling.
. tests/lib.sh
export LC_ALL=C.UTF-8

P="$PWD/content/afdelinger"
O="$TMP/build"  # not $TMP/out: check_status writes there
has() { check_contains "$1" "$2" "$3"; }

# the data is as Excel on a Danish machine exports it
check_status "afdelinger: rapport check accepts the project" 0 "$RAPPORT" check "$P"
has "afdelinger: a Windows-1252 CSV" "$TMP/out" "vurderinger.csv: 75 rækker; semikolon-separeret, Windows-1252, CRLF"
has "afdelinger: a UTF-8 CSV with BOM" "$TMP/out" "typologi.csv: 5 rækker; semikolon-separeret, UTF-8 med BOM, CRLF"
has "afdelinger: decimal commas" "$TMP/out" "decimalkomma i 'timer'"

# internal and public editions, without a single warning
check_status "afdelinger: builds (internal)" 0 "$RAPPORT" build "$P" --out "$O" -j 1
if grep -qiE "advarsel|warning" "$TMP/out"; then
  fail "afdelinger: the internal build warns"; sed 's/^/    /' "$TMP/out" | head
else pass "afdelinger: the internal build gives no warning"; fi
check_status "afdelinger: builds (--public)" 0 "$RAPPORT" build "$P" --public --out "$O" -j 1
if grep -qiE "advarsel|warning" "$TMP/out"; then
  fail "afdelinger: the public build warns"; sed 's/^/    /' "$TMP/out" | head
else pass "afdelinger: the public build gives no warning"; fi

# one line per file, single spaces: captions and cells may wrap
flat() { tr '\n' ' ' | tr -s ' '; }
for ed in opfoelgning slut opfoelgning-offentlig slut-offentlig; do
  case $ed in *-offentlig) D="$O/offentlig" ;; *) D="$O" ;; esac
  if [ -s "$D/$ed.pdf" ] && [ -s "$D/$ed.html" ]; then pass "afdelinger: $ed.pdf and $ed.html written"
  else fail "afdelinger: $ed.pdf or $ed.html missing"; fi
  pdftotext "$D/$ed.pdf" - 2>/dev/null | flat >"$TMP/$ed.pdf.txt"
  # the HTML as text: tags out, entities of letters are not used by the writer
  sed 's/<[^>]*>/ /g' "$D/$ed.html" | flat >"$TMP/$ed.html.txt"
done

# the project's vocabulary in the built-in components' fixed words
S="$TMP/slut.pdf.txt"
has "afdelinger: the unit as a column header (PDF)" "$S" "Afdeling Baseline Opfølgning Slutrunden I alt Mål Andel af mål"
has "afdelinger: the unit as a column header (HTML)" "$TMP/slut.html.txt" "Afdeling"
has "afdelinger: the summary note in the unit's plural" "$S" \
  "Antal afdelinger på hvert niveau ved slutrunden; op og ned i forhold til opfølgning."
has "afdelinger: the project's own word for all units (words.all_units)" "$S" "Hele forvaltningen"
has "afdelinger: the project's own header word (words.observed)" "$S" "Iagttagelser"
has "afdelinger: the activity chart's text alternative says 'pr. afdeling'" "$O/slut.html" \
  "Søjlediagram over Medarbejdere på kursus i samskabelse pr. afdeling:"
# the optael helpers read the project's column (afdeling) and names
has "afdelinger: optael.enhed gives the definite plural" "$S" "Rapporten følger afdelingerne og ikke"
has "afdelinger: optael.navne_paa and antal_paa count departments" "$S" "Sammenfattet står 3 af de 5 afdelinger nu på dialogtrinnet: Job og Arbejdsmarked, Børn, Unge og Familie og Sundhed og Omsorg."
has "afdelinger: optael.elementer_paa reads the unit column" "$S" "Afdelingen har tre elementer på partnertrinnet"
has "afdelinger: the ideal-type table in the project's levels" "$S" "Myndigheden Dialogen Partneren"

# (3) no built-in component prints "partnerskab" (any case or inflection)
for f in "$TMP"/*.pdf.txt "$TMP"/*.html.txt; do
  n=$(grep -oi "partnerskab[a-zæøå]*" "$f" | wc -l)
  check_eq "afdelinger: no 'partnerskab' in $(basename "$f" .txt)" "$n" "0"
done

# the public edition: the departments carry their pseudonyms, in charts too
has "afdelinger: pseudonyms in the public placement chart" "$O/offentlig/slut-offentlig.html" "Afdeling C"
check_not_contains "afdelinger: no real department name in the public HTML" \
  "$TMP/slut-offentlig.html.txt" "Arbejdsmarked"

# the placement chart in the PDF: no two words drawn over each other on the
# chart's page, and no two panel titles run together into one word
page=$(for i in $(seq 1 30); do
  pdftotext -f "$i" -l "$i" "$O/slut.pdf" - 2>/dev/null | grep -qx "Figur 1\. Afdelingernes profiler i hver runde" && { echo "$i"; break; }
done)
if [ -n "$page" ]; then
  collisions=$(pdf_overlaps "$O/slut.pdf" "$page")
  check_eq "afdelinger: no overlapping words on the chart's page (PDF page $page)" "$collisions" "0"
  pdftotext -f "$page" -l "$page" "$O/slut.pdf" - | flat >"$TMP/chart.txt"
  for joined in UdviklingJob ArbejdsmarkedBørn FamilieSundhed OmsorgTeknik; do
    check_not_contains "afdelinger: panel titles do not run together ($joined)" "$TMP/chart.txt" "$joined"
  done
else
  fail "afdelinger: the placement chart's page not found"
fi

# the HTML on a 390 px phone: every chart fits its box, the page does not
# scroll sideways
if [ -x /usr/bin/chromium ] && [ -d node_modules/playwright-core ]; then
  if node tests/browser/fits.mjs "$O/slut.html" 390 >"$TMP/fits.txt" 2>&1; then
    n=$(grep -c "^FITS" "$TMP/fits.txt")
    check_eq "afdelinger: at 390 px, charts that fit their box" "$n" "3"
    check_eq "afdelinger: at 390 px, charts that scroll" "$(grep -c "^SCROLLS" "$TMP/fits.txt")" "0"
    check_eq "afdelinger: at 390 px, the page is 390 px wide" "$(grep "^PAGE" "$TMP/fits.txt")" "PAGE 390 390"
  else
    fail "afdelinger: the browser check did not run"; sed 's/^/    /' "$TMP/fits.txt" | head
  fi
else
  fail "afdelinger: chromium or node_modules/playwright-core is missing (make test installs them)"
fi

# messages about a chapter's directives (issue 18): a misspelt argument is a
# warning with "mente du"; a mistake in an argument the user wrote points at
# the line they wrote it on, a component's own error at the chapter's line
# and the component, never lua/lib/komponent.lua; references to the label
# of a directive that failed are not reported once more, other broken
# references still are
M="$TMP/m"
cp -r "$P" "$M"
cat >>"$M/kapitler/06-anbefalinger.md" <<'MD'

Se @tbl:fejl, @fig:fejl-figur og @tbl:findes-ikke.

```{placering}
id = "tbl:fejl"
caption = "Fejl"
rund = "slut"
variant = "matrixx"
```

```{placering_figur}
id = "fig:fejl-figur"
caption = "Fejl"
round = "slutt"
```
MD
check_status "afdelinger: a chapter with broken directives fails" 1 "$RAPPORT" build "$M" --edition slut --out "$TMP/mo" -j 1
C="kapitler/06-anbefalinger.md"
has "afdelinger: misspelt argument is a warning at its line, with 'mente du'" "$TMP/out" \
  "$C:19: advarsel: i argumenterne til {placering}: komponenten placering kender ikke argumentet 'rund' (mente du 'round'?) og springer det over; mulige argumenter: caption, columns"
has "afdelinger: a bad variant at the argument's line" "$TMP/out" \
  "$C:20: fejl: i argumenterne til {placering}: variant skal være en af: matrix, rounds, summary (ikke 'matrixx')"
has "afdelinger: a misspelt round at its line, with the allowed rounds and the nearest" "$TMP/out" \
  "$C:26: fejl: i argumenterne til {placering_figur}: ukendt runde i round 'slutt'; tilladte værdier: baseline, opfoelgning, slut; mente du 'slut'?"
# a component's own error (not about an argument): the directive's line and
# the component's
mkdir -p "$M/components"
cat >"$M/components/egen.lua" <<'LUA'
local K = require("komponent")
return function(args)
  K.fail("egen fejl")
end
LUA
printf '\n```{egen}\n```\n' >>"$M/kapitler/06-anbefalinger.md"
check_status "afdelinger: a component's own error" 1 "$RAPPORT" build "$M" --edition slut --out "$TMP/mo" -j 1
has "afdelinger: ... at the directive, naming the component's line" "$TMP/out" \
  "$C:29: fejl: i komponenten 'egen' (components/egen.lua:3): egen fejl"
check_not_contains "afdelinger: no message points into lua/lib/komponent.lua" "$TMP/out" "komponent.lua"
check_not_contains "afdelinger: no cascade for the failed table's label" "$TMP/out" "@tbl:fejl "
check_not_contains "afdelinger: no cascade for the failed figure's label" "$TMP/out" "@fig:fejl-figur"
has "afdelinger: a reference to a label nobody defines is still an error" "$TMP/out" \
  "$C:14:34: fejl: henvisningen @tbl:findes-ikke"
has "afdelinger: ... naming the label" "$TMP/out" "henvisningen @tbl:findes-ikke peger på et mærke, der ikke findes"
