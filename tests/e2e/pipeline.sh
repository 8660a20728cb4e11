# The whole pipeline end to end (issue 2): Markdown + CSV + a component ->
# PDF and HTML; incremental rebuilds through rapport.d; errors leave the
# previous outputs untouched; editions see only their rounds.
. tests/lib.sh

P="$TMP/proj"
O="$TMP/outdir"
cp -r tests/fixtures/pipeline "$P"

check_status "build succeeds" 0 "$RAPPORT" build "$P" --out "$O"
for f in midtvejs.pdf midtvejs.html slut.pdf slut.html rapport.d; do
  if [ -s "$O/$f" ]; then pass "output $f written"; else fail "output $f missing"; fi
done
check_contains "progress names the edition" "$TMP/out" "midtvejs:"

pdftotext -layout "$O/midtvejs.pdf" "$TMP/m.txt" 2>"$TMP/pdftotext.err"
check_contains "PDF has chapter 1 heading" "$TMP/m.txt" "Indledning til æblerne"
check_contains "PDF has chapter 2 heading" "$TMP/m.txt" "Tallene i åen"
check_contains "PDF has the subsection" "$TMP/m.txt" "Baggrund for Østerøen"
check_contains "PDF keeps upper-case Danish letters" "$TMP/m.txt" "ÆBLER, ØER, ÅER"
check_contains "PDF has the inline value from the data" "$TMP/m.txt" "Der er"
check_contains "PDF has the table caption with number" "$TMP/m.txt" "Tabel 1"
check_contains "PDF has a CSV value" "$TMP/m.txt" "Nordby"
check_contains "PDF has the cross-reference" "$TMP/m.txt" "tabel 1"
check_contains "PDF has the footnote" "$TMP/m.txt" "En fodnote med ø."
if [ -s "$TMP/pdftotext.err" ]; then fail "pdftotext warns: $(head -2 "$TMP/pdftotext.err")"; else pass "pdftotext prints no warnings"; fi
if pdffonts "$O/midtvejs.pdf" 2>&1 | awk 'NR>2 && $(NF-4)!="yes"{bad=1} NR>2{n++} END{exit bad || !n}'; then
  pass "every PDF font is embedded"; else fail "a PDF font is not embedded"; pdffonts "$O/midtvejs.pdf"; fi
check "qpdf --check passes" qpdf --check "$O/midtvejs.pdf"

check_contains "HTML has chapter heading" "$O/midtvejs.html" "Indledning til æblerne"
check_contains "HTML sets the language" "$O/midtvejs.html" 'lang="da"'
check_contains "HTML has a semantic table" "$O/midtvejs.html" "<th"
check_contains "HTML has a CSV value" "$O/midtvejs.html" "Nordby"

# editions see only their rounds: the inline value counts the rows
pdftotext "$O/slut.pdf" "$TMP/s.txt"
check_contains "midtvejs counts 4 rows (baseline + midtvejs)" "$TMP/m.txt" "Der er 4 rækker"
check_contains "slut counts 5 rows (all rounds)" "$TMP/s.txt" "Der er 5 rækker"
check_not_contains "midtvejs has no slut row" "$O/midtvejs.html" ">slut<"

# incremental rebuilds through the dependency file
cat >"$TMP/Makefile" <<MK
BIN := $(dirname "$RAPPORT")
-include $O/rapport.d
all: \$(RAPPORT_OUTPUTS)
MK
make -s -C "$TMP" -f "$TMP/Makefile" all >"$TMP/make1.out" 2>&1
if grep -q "rapport build" "$TMP/make1.out"; then fail "make rebuilt with nothing changed"; cat "$TMP/make1.out"; else pass "make with nothing changed rebuilds nothing"; fi
sleep 1
sed -i 's/Nordby;midtvejs;13;/Nordby;midtvejs;9876;/' "$P/data/tal.csv"
make -C "$TMP" -f "$TMP/Makefile" all >"$TMP/make2.out" 2>&1
check_contains "make rebuilds after a CSV edit" "$TMP/make2.out" "rapport build"
pdftotext "$O/midtvejs.pdf" "$TMP/m2.txt"
check_contains "the new value is in the PDF" "$TMP/m2.txt" "9876"
check_contains "the new value is in the HTML" "$O/midtvejs.html" "9876"
check_contains "the change report names the table" "$TMP/make2.out" "Tabel 1"
make -s -C "$TMP" -f "$TMP/Makefile" all >"$TMP/make3.out" 2>&1
if grep -q "rapport build" "$TMP/make3.out"; then fail "make rebuilt again"; else pass "make again rebuilds nothing"; fi

# a wrong type in a cell: exit 1, file and line named, outputs untouched
cp "$O/midtvejs.pdf" "$TMP/before.pdf"; cp "$O/midtvejs.html" "$TMP/before.html"
sed -i 's/Sydby;baseline;12;/Sydby;baseline;tolv;/' "$P/data/tal.csv"
check_status "a wrong type in a cell exits 1" 1 "$RAPPORT" build "$P" --out "$O"
check_contains "the error names file and line" "$TMP/out" "data/tal.csv:3:"
if cmp -s "$O/midtvejs.pdf" "$TMP/before.pdf" && cmp -s "$O/midtvejs.html" "$TMP/before.html"; then
  pass "the previous outputs stay as they were"; else fail "outputs changed after a failed build"; fi
sed -i 's/Sydby;baseline;tolv;/Sydby;baseline;12;/' "$P/data/tal.csv"

# an unknown component: exit 1, Markdown file and line named
printf '\n```{findes_ikke}\nx = 1\n```\n' >>"$P/kapitler/02-tal.md"
check_status "an unknown component exits 1" 1 "$RAPPORT" build "$P" --out "$O"
check_contains "the error names the Markdown file and line" "$TMP/out" "kapitler/02-tal.md:12:"
check_contains "the error names the component" "$TMP/out" "findes_ikke"
if cmp -s "$O/midtvejs.pdf" "$TMP/before.pdf"; then
  pass "the previous PDF stays as it was"; else fail "the PDF changed after a failed build"; fi
# temporary outputs are hidden (".midtvejs.pdf.tmp-PID"): ls -A shows them
left=$(ls -A "$O" | grep '\.tmp-')
check_eq "no temporary file left behind" "$left" ""

# check writes nothing and says what it found in the data
sed -i "/findes_ikke/,+2d" "$P/kapitler/02-tal.md"
check_status "check succeeds" 0 "$RAPPORT" check "$P"
check_contains "check describes the CSV dialect" "$TMP/out" "data/tal.csv: 5"
[ -e out/proj ] && fail "check wrote an output folder" || pass "check writes nothing"
