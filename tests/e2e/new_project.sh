# `rapport new` (both templates build at once with no warning; a folder that
# is not empty is refused), `toc = true` (the contents after the title page,
# in the PDF and the HTML), and the output folder named after the project's
# real folder for `build .`, `build ./`, `build ..` and a symlink.
. tests/lib.sh

# ---- rapport new ----
check_status "rapport new writes a follow-research project" 0 "$RAPPORT" new "$TMP/ff"
check_contains "it says what to edit first" "$TMP/out" "Ret først:"
check_contains "it names rapport.lua" "$TMP/out" "$TMP/ff/rapport.lua"
check_contains "it says how to build" "$TMP/out" "rapport build $TMP/ff (PDF og HTML kommer i out/ff/)"
for f in rapport.lua kapitler/01-indledning.md data/typologi.csv \
         data/vurderinger.csv data/anliggender.csv data/pseudonymer.csv litteratur.bib; do
  check "the project has $f" test -s "$TMP/ff/$f"
done
check_contains "rapport.lua is commented" "$TMP/ff/rapport.lua" "-- analyseenheden"
# the data files: a header and at least two rows each
for f in "$TMP"/ff/data/*.csv; do
  rows=$(($(wc -l <"$f") - 1))
  check "$(basename "$f") has a header and two rows or more" test "$rows" -ge 2
done

"$RAPPORT" build "$TMP/ff" --out "$TMP/ff-out" >"$TMP/ff.out" 2>"$TMP/ff.err"
check_eq "the new project builds at once" "$?" 0
check_eq "with nothing on stderr (no warning)" "$(cat "$TMP/ff.err")" ""
pdftotext "$TMP/ff-out/midtvejs.pdf" "$TMP/ff.txt"
check_contains "the PDF has the chapter" "$TMP/ff.txt" "Indledning"
check_contains "the PDF has the placement table" "$TMP/ff.txt" "Tabel 3. Enhedernes placering"
check_contains "the PDF has the profiles figure" "$TMP/ff.txt" "Figur 1. Enhedernes profiler"
check_contains "the PDF cites the bibliography's entry" "$TMP/ff.txt" "(Nielsen 2024)"
check_contains "the PDF lists the entry" "$TMP/ff.txt" "Nielsen, Fornavn (2024)"
check_not_contains "the components use the project's unit, not partnerskab" "$TMP/ff.txt" "artnerskab"
"$RAPPORT" build "$TMP/ff" --public --out "$TMP/ff-out" >"$TMP/ffp.out" 2>"$TMP/ffp.err"
check_eq "its public edition builds (the mapping works)" "$?" 0
check_eq "with nothing on stderr" "$(cat "$TMP/ffp.err")" ""
pdftotext "$TMP/ff-out/offentlig/midtvejs-offentlig.pdf" "$TMP/ffp.txt"
check_contains "the public edition shows the pseudonym" "$TMP/ffp.txt" "Enhed A"
check_not_contains "and not the real name" "$TMP/ffp.txt" "Enhed Nord"

# `rapport new x && rapport build x` at once: the build never finds the new
# files dated in its own clock tick (it would build twice and say so on
# stderr, about one time in four before rapport new waited for the tick)
again=0
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
  rm -rf "$TMP/tick" "$TMP/tick-out"
  "$RAPPORT" new "$TMP/tick" >/dev/null 2>&1 &&
    "$RAPPORT" build "$TMP/tick" --out "$TMP/tick-out" >/dev/null 2>"$TMP/tick.err"
  grep -q 'bygger igen' "$TMP/tick.err" && again=$((again + 1))
done
check_eq "new, then build at once, twelve times: never built twice" "$again" 0

check_status "rapport new --skabelon enkel writes a plain report" 0 \
  "$RAPPORT" new "$TMP/enkel" --skabelon enkel
check "the plain report has no data folder" test ! -e "$TMP/enkel/data"
check_status "--template is the English name of --skabelon" 0 \
  "$RAPPORT" new "$TMP/enkel2" --template=enkel
check "both write the same template" diff -r "$TMP/enkel" "$TMP/enkel2"
"$RAPPORT" build "$TMP/enkel" --out "$TMP/enkel-out" >"$TMP/e.out" 2>"$TMP/e.err"
check_eq "the plain report builds at once" "$?" 0
check_eq "with nothing on stderr (no warning)" "$(cat "$TMP/e.err")" ""
pdftotext "$TMP/enkel-out/rapport.pdf" "$TMP/e.txt"
check_contains "its PDF has the second chapter" "$TMP/e.txt" "Resultater"
check_contains "its PDF numbers the table" "$TMP/e.txt" "Tabel 1. Et eksempel på en tabel"
check_not_contains "no follow-research frame in it" "$TMP/e.txt" "Placering"

check_status "rapport new refuses a folder that is not empty" 1 "$RAPPORT" new "$TMP/ff"
check_contains "and says why and what to do" "$TMP/out" \
  "$TMP/ff: fejl: mappen findes og er ikke tom; vælg en ny mappe, så opretter rapport new den"
: >"$TMP/fil"
check_status "rapport new refuses a file" 1 "$RAPPORT" new "$TMP/fil"
check_contains "and says it is not a folder" "$TMP/out" \
  "$TMP/fil: fejl: findes og er ikke en mappe; vælg en ny mappe, så opretter rapport new den"
mkdir "$TMP/tom"
check_status "rapport new accepts an empty folder" 0 "$RAPPORT" new "$TMP/tom" --skabelon enkel
check_status "an unknown template is a usage error" 2 "$RAPPORT" new "$TMP/x" --skabelon stor
check_contains "naming the templates" "$TMP/out" "ukendt skabelon 'stor'; brug følgeforskning eller enkel"
check "and writes nothing" test ! -e "$TMP/x"
check_status "rapport new without a folder is a usage error" 2 "$RAPPORT" new
check_status "--skabelon with build is a usage error" 2 "$RAPPORT" build "$TMP/ff" --skabelon enkel

# ---- toc = true ----
# the template sets it: the contents follow the title page (page 2)
pdftotext -f 2 -l 2 "$TMP/enkel-out/rapport.pdf" "$TMP/p2.txt"
check_contains "toc = true: page 2 is the contents" "$TMP/p2.txt" "Indhold"
check_contains "listing the chapters" "$TMP/p2.txt" "Resultater"
check_contains "toc = true: the HTML has the contents box" "$TMP/enkel-out/rapport.html" '<nav class="indhold"'
sed 's/^  toc = true,.*$/  toc = false,/' "$TMP/enkel/rapport.lua" >"$TMP/r.lua" && mv "$TMP/r.lua" "$TMP/enkel/rapport.lua"
check_contains "(the test turned it off)" "$TMP/enkel/rapport.lua" "toc = false,"
"$RAPPORT" build "$TMP/enkel" --out "$TMP/enkel-out" >/dev/null 2>"$TMP/e.err"
pdftotext "$TMP/enkel-out/rapport.pdf" "$TMP/e.txt"
check_not_contains "toc = false: no contents in the PDF" "$TMP/e.txt" "Indhold"
check_not_contains "toc = false: none in the HTML" "$TMP/enkel-out/rapport.html" '<nav class="indhold"'
check_eq "toc is a known key (no warning)" "$(cat "$TMP/e.err")" ""
# a chapter's own {toc} and toc = true: one contents, where the chapter has it
sed 's/^  toc = false,.*$/  toc = true,/' "$TMP/enkel/rapport.lua" >"$TMP/r.lua" && mv "$TMP/r.lua" "$TMP/enkel/rapport.lua"
printf '\n```{toc}\n```\n' >>"$TMP/enkel/kapitler/02-resultater.md"
"$RAPPORT" build "$TMP/enkel" --out "$TMP/enkel-out" >/dev/null 2>&1
pdftotext "$TMP/enkel-out/rapport.pdf" "$TMP/e.txt"
check_eq "toc = true with a {toc} in a chapter: one contents" "$(grep -c 'Indhold' "$TMP/e.txt")" 1
pdftotext -f 2 -l 2 "$TMP/enkel-out/rapport.pdf" "$TMP/p2.txt"
check_not_contains "where the chapter put it, not after the title page" "$TMP/p2.txt" "Indhold"

# ---- out/<the real folder name> ----
mkdir -p "$TMP/run/sub"
"$RAPPORT" new "$TMP/run/mit-projekt" --skabelon enkel >/dev/null
(cd "$TMP/run/mit-projekt" && "$RAPPORT" build . --format html) >"$TMP/dot.out" 2>&1
check "build . writes out/<folder name>/" test -f "$TMP/run/mit-projekt/out/mit-projekt/rapport.html"
check "and no out/./" test ! -e "$TMP/run/mit-projekt/out/rapport.html"
check_contains "and says so" "$TMP/dot.out" "bygget i out/mit-projekt "
(cd "$TMP/run/mit-projekt" && "$RAPPORT" build ./ --format html) >"$TMP/dot.out" 2>&1
check_contains "build ./ writes out/<folder name>/" "$TMP/dot.out" "bygget i out/mit-projekt "
mkdir -p "$TMP/run/mit-projekt/kapitler/inde"
(cd "$TMP/run/mit-projekt/kapitler/inde" && "$RAPPORT" build ../.. --format html) >"$TMP/dot.out" 2>&1
check_contains "build ../.. writes out/<folder name>/" "$TMP/dot.out" "bygget i out/mit-projekt "
check "there" test -f "$TMP/run/mit-projekt/kapitler/inde/out/mit-projekt/rapport.html"
ln -s "$TMP/run/mit-projekt" "$TMP/run/genvej"
(cd "$TMP/run" && "$RAPPORT" build genvej/ --format html) >"$TMP/dot.out" 2>&1
check_contains "a symlink builds under the real folder's name" "$TMP/dot.out" "bygget i out/mit-projekt "
