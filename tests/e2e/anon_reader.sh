# The leak check's independent reader (issue 20): pdftotext reads the
# public PDF as written, but for keys poppler read on every page and text
# never needs: the catalog's /OutputIntents, whose ICC profile made poppler
# build colour transforms for every page (most of the check's cost), each
# CID font's /CIDToGIDMap (a 128 KB glyph map poppler inflated for every
# page) and the /FontFile2 of each CID font's descriptor (poppler inflated
# the font program's start for every page to learn its type). A pdftotext
# on PATH that keeps what it is given shows what the reader saw: the same
# bytes, the last letter of each such key changed, the same text; the PDF
# on disk keeps them all (PDF/A).
. tests/lib.sh
REAL=$(command -v pdftotext)
mkdir -p "$TMP/bin" "$TMP/seen"
cat >"$TMP/bin/pdftotext" <<EOF
#!/bin/sh
# the input is the argument before the last one; "-" is standard input
n=0; for a in "\$@"; do n=\$((n + 1)); done
i=0; for a in "\$@"; do i=\$((i + 1)); [ \$i = \$((n - 1)) ] && in=\$a; done
f=\$(mktemp "$TMP/seen/XXXXXX")
if [ "\$in" = - ]; then cat >"\$f"; else cp "\$in" "\$f"; fi
exec "$REAL" "\$@" <"\$f"
EOF
chmod +x "$TMP/bin/pdftotext"
OUT=$TMP/build
PATH="$TMP/bin:$PATH" check_status "public build with the recording pdftotext" 0 \
  "$RAPPORT" build content/eksempel --public -e slut -q -o "$OUT"
PDF=$OUT/offentlig/slut-offentlig.pdf
seen=$(grep -l '^%PDF-' "$TMP"/seen/* 2>/dev/null | head -1)
if [ -n "$seen" ]; then pass "pdftotext read a PDF"; else
  fail "pdftotext was not given a PDF"; exit 0; fi
check_eq "the PDF on disk keeps its output intent" \
  "$(grep -a -c '/OutputIntents' "$PDF")" 1
fonts=$(grep -a -c '/CIDToGIDMap [0-9]' "$PDF")
if [ "$fonts" -gt 0 ]; then pass "the PDF on disk has $fonts glyph maps"; else
  fail "the PDF on disk has no /CIDToGIDMap stream"; fi
check_eq "the reader's copy has no /OutputIntents key" \
  "$(grep -a -c '/OutputIntents' "$seen")" 0
check_eq "the reader's copy has no /CIDToGIDMap key" \
  "$(grep -a -c '/CIDToGIDMap' "$seen")" 0
programs=$(grep -a -c '/FontFile2 [0-9]' "$PDF")
check_eq "the PDF on disk has a font program for each CID font" \
  "$programs" "$fonts"
check_eq "the reader's copy has no /FontFile2 key" \
  "$(grep -a -c '/FontFile2' "$seen")" 0
check_eq "the reader's copy has the same length" \
  "$(wc -c <"$seen" | tr -d ' ')" "$(wc -c <"$PDF" | tr -d ' ')"
check_eq "one byte differs in each of those keys, no other" \
  "$(cmp -l "$PDF" "$seen" | wc -l | tr -d ' ')" $((2 * fonts + 1))
"$REAL" -q -enc UTF-8 "$PDF" "$TMP/a.txt"
"$REAL" -q -enc UTF-8 "$seen" "$TMP/b.txt"
if [ -s "$TMP/a.txt" ] && cmp -s "$TMP/a.txt" "$TMP/b.txt"; then
  pass "the reader's copy gives the same text"
else
  fail "the reader's copy gives other text than the PDF"
fi
