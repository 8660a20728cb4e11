#!/bin/sh
# PDF output of tests/fixtures/pdf: valid, extractable, inside the margins,
# contents pointing at the right pages, tables continued with their header,
# reproducible to the byte.
. tests/lib.sh
PROJ=tests/fixtures/pdf
OUT=$TMP/a
PDF=$OUT/midtvejs.pdf

check_status "build the PDF fixture" 0 "$RAPPORT" build "$PROJ" --format pdf --out "$OUT"
[ -f "$PDF" ] || { fail "no PDF written"; exit 0; }

# two builds give identical bytes
"$RAPPORT" build "$PROJ" --format pdf --out "$TMP/b" >/dev/null 2>&1
check "two builds give identical bytes" cmp "$PDF" "$TMP/b/midtvejs.pdf"

check "qpdf --check is clean" qpdf --check "$PDF"

pdftotext "$PDF" "$TMP/all.txt" 2>"$TMP/pt.err"
check_eq "pdftotext prints nothing on stderr" "$(cat "$TMP/pt.err")" ""
pdffonts "$PDF" >"$TMP/fonts.txt" 2>"$TMP/pf.err"
check_eq "pdffonts prints nothing on stderr" "$(cat "$TMP/pf.err")" ""
notemb=$(awk 'NR > 2 && $(NF-4) != "yes"' "$TMP/fonts.txt")
check_eq "every font is embedded" "$notemb" ""
nouni=$(awk 'NR > 2 && $(NF-2) != "yes"' "$TMP/fonts.txt")
check_eq "every font has a ToUnicode map" "$nouni" ""

for w in "Samarbejde på tværs af Østerø" "Åse Ørum og Bjørn Æbelø" \
         "Ærøskøbing" "Øster Åby" "Ålbæk" "Fiktivt eksempel"; do
  check_contains "text extracts intact: $w" "$TMP/all.txt" "$w"
done
check_contains "table caption numbered" "$TMP/all.txt" "Tabel 1. Vurderinger"
check_contains "figure caption numbered" "$TMP/all.txt" "Figur 1. Aktiviteter"
check_contains "source note under the table" "$TMP/all.txt" "Kilde: Interview"
check_contains "cross-reference text" "$TMP/all.txt" "tabel 1 viser"
check_contains "footnote text" "$TMP/all.txt" "Alle navne, steder og tal"
check_contains "chart labels as text" "$TMP/all.txt" "Ålbæk"

# metadata
pdfinfo "$PDF" >"$TMP/info.txt" 2>&1
check_contains "title in the metadata" "$TMP/info.txt" "Samarbejde på tværs af Østerø Kommune"
check_contains "author in the metadata" "$TMP/info.txt" "Åse Ørum"
check_contains "creator is rapport" "$TMP/info.txt" "rapport"
check_contains "creation date from the project" "$TMP/info.txt" "2025"
check "language set in the catalog" grep -aq "/Lang (da)" "$PDF"

# no word outside the text area (theme klassisk: margins 78 pt, A4)
left=78; right=517.28
pdftotext -bbox "$PDF" "$TMP/bbox.html" 2>/dev/null
out=$(grep '<word ' "$TMP/bbox.html" | sed 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)" yMax="\([0-9.]*\)">\(.*\)<\/word>/\1 \2 \3 \4 \5/' |
  awk -v l="$left" -v r="$right" '$1 < l - 0.5 || $3 > r + 0.5 || $2 < 0 || $4 > 841.89 { print }' | head -5)
check_eq "no text beyond the text area" "$out" ""
# below the text area only the page number (klassisk: bottom margin 84 pt)
out=$(pdftotext -bbox "$PDF" - 2>/dev/null | grep '<word ' |
  sed 's/.*yMin="\([0-9.]*\)" xMax="[0-9.]*" yMax="\([0-9.]*\)">\(.*\)<\/word>/\1 \2 \3/' |
  awk '$2 > 841.89 - 84 + 0.5 && $3 !~ /^[0-9]+$/' | head -3)
check_eq "nothing but the page number below the text area" "$out" ""

# contents: every entry's page number is the page where its heading is
# (check_toc NAME PDF)
check_toc() {
  tname=$1; pdf=$2; dir=$TMP/pages-$tname
  mkdir -p "$dir"
  # -layout keeps each entry and its number on one line; the contents may
  # run over several pages: every line with dot leaders is an entry
  pdftotext -layout "$pdf" - 2>/dev/null | grep ' \. \. ' |
    sed -e 's/^ *//' -e 's/ *\. \..* \([0-9][0-9]*\)$/|\1/' |
    grep -v '^Tabel \|^Figur ' >"$dir/entries"
  # plain text, pages separated by form feeds: the first page (not a
  # contents page) with a line equal to the title
  pdftotext "$pdf" "$dir/all.txt" 2>/dev/null
  bad=$(awk -F'|' '
    FNR == NR { want[$1] = $2; order[++n] = $1; next }
    {
      line = $0
      while ((i = index(line, "\f")) > 0) { page++; line = substr(line, i + 1) }
      p = page + 1
      if (line ~ / \. \. /) toc[p] = 1
      text[p, line] = 1; if (p > maxp) maxp = p
    }
    END {
      for (k = 1; k <= n; k++) {
        t = order[k]; got = ""
        for (p = 1; p <= maxp; p++) if (!(p in toc) && ((p, t) in text)) { got = p; break }
        if (got != want[t]) printf " [%s: contents says %s, heading on %s]", t, want[t], got
      }
    }' "$dir/entries" "$dir/all.txt")
  nent=$(wc -l <"$dir/entries")
  check "$tname: contents has entries ($nent)" [ "$nent" -ge 6 ]
  check_eq "$tname: contents page numbers match the headings' pages" "$bad" ""
  # one text file per page, for the checks below
  awk -v d="$dir" '{ n = split($0, part, "\f");
    for (k = 1; k <= n; k++) { if (k > 1) page++; print part[k] > (d "/p" (page + 1) ".txt") } }' "$dir/all.txt"
}
check_toc fixture "$PDF"
cp "$TMP/pages-fixture/"p*.txt "$TMP/"

# never more than two hyphenated lines in a row, counted in the glyphs as
# drawn (every extractor joins a hyphenated word through its /ActualText)
/usr/bin/python3 tests/pdftext/drawn.py "$PDF" >"$TMP/layout.txt" 2>/dev/null
nhy=$(grep -c '[[:alpha:]]-$' "$TMP/layout.txt")
check "the text is hyphenated somewhere ($nhy lines)" [ "$nhy" -gt 0 ]
run=$(awk '/[[:alpha:]]-$/ { n++; if (n > m) m = n; next } { n = 0 } END { print m + 0 }' "$TMP/layout.txt")
check "at most two hyphenated lines in a row (got $run)" [ "$run" -le 2 ]

# the long table breaks across pages and repeats its header
cont=$(grep -l 'Tabel 1 (fortsat)' "$TMP"/pages-fixture/p*.txt | head -1)
check "the long table continues on another page" [ -n "$cont" ]
if [ -n "$cont" ]; then
  check_contains "the continued page repeats the header" "$cont" "Begrundelse"
fi

# the same checks on the example's midway edition
"$RAPPORT" build content/eksempel --edition midtvejs --format pdf --out "$TMP/ex" >/dev/null 2>&1
if [ -f "$TMP/ex/midtvejs.pdf" ]; then
  check_toc example "$TMP/ex/midtvejs.pdf"
  /usr/bin/python3 tests/pdftext/drawn.py "$TMP/ex/midtvejs.pdf" >"$TMP/ex.txt" 2>/dev/null
  run=$(awk '/[[:alpha:]]-$/ { n++; if (n > m) m = n; next } { n = 0 } END { print m + 0 }' "$TMP/ex.txt")
  check "example: at most two hyphenated lines in a row (got $run)" [ "$run" -le 2 ]
  out=$(pdftotext -bbox "$TMP/ex/midtvejs.pdf" - 2>/dev/null | grep '<word ' |
    sed 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)".*/\1 \3/' |
    awk -v l="$left" -v r="$right" '$1 < l - 0.5 || $2 > r + 0.5' | head -3)
  check_eq "example: no text beyond the text area" "$out" ""
  pdftotext "$TMP/ex/midtvejs.pdf" /dev/null 2>"$TMP/ex.err"
  check_eq "example: pdftotext prints nothing on stderr" "$(cat "$TMP/ex.err")" ""
else
  fail "the example's midway PDF was not built"
fi
