#!/bin/sh
# robust_text.sh - chapter text intake (issue 14, item 9): chapters saved
# as UTF-16 or UTF-32 (with or without a byte order mark) and NUL bytes are
# refused with a message naming the file; a UTF-8 byte order mark is
# skipped, not shown. Tables too wide for the page (GFM and component
# tables) never put a word outside the theme's text area.
. tests/lib.sh

P=$TMP/p; O=$TMP/o
mkdir -p "$P/components"
cat >"$P/rapport.lua" <<'LUA'
return { title = "T", lang = "da", theme = "klassisk", chapters = { "k.md" },
  editions = { { name = "r", title = "R" } } }
LUA
printf '# Overskrift\n\nHej med dig, æblegrød og ål.\n' >"$TMP/utf8.md"

# refused NAME MESSAGE_PART: building $P fails with status 1 and the message
refused() {
  rm -rf "$O"
  timeout 60 "$RAPPORT" build "$P" --out "$O" >"$TMP/out" 2>&1; got=$?
  if [ "$got" = 1 ] && grep -qF -- "$2" "$TMP/out"; then pass "$1: exit 1"; else
    fail "$1: exit $got (want 1), message wanted: $2"; sed 's/^/    /' "$TMP/out" | head -5; fi
  [ -n "${SHOW:-}" ] && echo "    [$got] $(head -1 "$TMP/out")"
}

iconv -f UTF-8 -t UTF-16LE "$TMP/utf8.md" >"$P/k.md"
refused "UTF-16LE chapter without BOM" "k.md: fejl: kapitlet er gemt som UTF-16 (little-endian); gem det som UTF-8"
iconv -f UTF-8 -t UTF-16BE "$TMP/utf8.md" >"$P/k.md"
refused "UTF-16BE chapter without BOM" "k.md: fejl: kapitlet er gemt som UTF-16 (big-endian); gem det som UTF-8"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$TMP/utf8.md"; } >"$P/k.md"
refused "UTF-16LE chapter with BOM" "k.md: fejl: kapitlet er gemt som UTF-16 (little-endian)"
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$TMP/utf8.md"; } >"$P/k.md"
refused "UTF-16BE chapter with BOM" "k.md: fejl: kapitlet er gemt som UTF-16 (big-endian)"
printf '# T\n\nhej\n' | iconv -f UTF-8 -t UTF-16LE >"$P/k.md"
refused "ASCII-only UTF-16LE chapter (valid UTF-8 byte by byte)" "kapitlet er gemt som UTF-16"
iconv -f UTF-8 -t UTF-32LE "$TMP/utf8.md" >"$P/k.md"
refused "UTF-32LE chapter without BOM" "k.md: fejl: kapitlet er gemt som UTF-32 (little-endian)"
iconv -f UTF-8 -t UTF-32BE "$TMP/utf8.md" >"$P/k.md"
refused "UTF-32BE chapter without BOM" "k.md: fejl: kapitlet er gemt som UTF-32 (big-endian)"
{ printf '\377\376\0\0'; iconv -f UTF-8 -t UTF-32LE "$TMP/utf8.md"; } >"$P/k.md"
refused "UTF-32LE chapter with BOM" "k.md: fejl: kapitlet er gemt som UTF-32 (little-endian)"
printf '# T\n\nab æ\000cd\n' >"$P/k.md"
refused "NUL byte in a UTF-8 chapter" "k.md:3:5: fejl: kapitlet indeholder et NUL-tegn (byte 0x00)"

# a UTF-8 BOM is skipped: the heading is a heading, positions are unshifted
{ printf '\357\273\277'; cat "$TMP/utf8.md"; } >"$P/k.md"
check "chapter with a UTF-8 BOM builds" "$RAPPORT" build "$P" --out "$O" -q
check_contains "its first line is a heading" "$O/r.html" "<h2 id=\"overskrift\">"
if grep -q "$(printf '\357\273\277')" "$O/r.html"; then fail "the BOM reaches the HTML"; else pass "the BOM does not reach the HTML"; fi
pdftotext "$O/r.pdf" "$TMP/r.txt"
if grep -q "$(printf '\357\273\277')" "$TMP/r.txt"; then fail "the BOM reaches the PDF"; else pass "the BOM does not reach the PDF"; fi
{ printf '\357\273\277'; printf 'Tal: {{ nil_x.y }}\n'; } >"$P/k.md"
refused "error position after a UTF-8 BOM" "k.md:1:6: fejl: i udtrykket {{ nil_x.y }}"

# --- tables wider than the page (issue 14, item 9) -----------------------
# the text area from the theme itself, not a copy of its numbers
THEME=$PWD/themes/klassisk/theme.lua
ML=$(lua5.4 -e "print(dofile('$THEME').page.margin.left)")
MR=$(lua5.4 -e "print(dofile('$THEME').page.margin.right)")

# inside NAME PDF WORD: every word pdftotext finds lies between the left and
# right margins (0.5 pt for rounding), and WORD is among them
inside() {
  pdftotext -bbox "$2" "$TMP/bbox.html"
  res=$(awk -v L="$ML" -v R="$MR" -v want="$3" '
    function attr(s, k,   r) { if (match(s, k "=\"[-0-9.]+\"")) {
        r = substr(s, RSTART + length(k) + 2, RLENGTH - length(k) - 3); return r + 0 } }
    /<page / { W = attr($0, "width") }
    /<word / { n++; x0 = attr($0, "xMin"); x1 = attr($0, "xMax")
      if (index($0, want)) seen++
      if (x0 < L - 0.5 || x1 > W - R + 0.5) { out++; if (!ex) ex = x0 "-" x1 " of " W } }
    END { printf "%d %d %d %s", n, out, seen, ex }' "$TMP/bbox.html")
  want=$3
  set -- "$1" $res
  if [ "$3" = 0 ] && [ "$4" -gt 0 ]; then pass "$1: all $2 words inside ${ML}..${MR} pt margins"
  else fail "$1: $3 of $2 words outside the margins (e.g. x $5), '$want' seen $4 times"; fi
}

# gfm NCOLS CELL_PREFIX: a chapter with an NCOLS-column table of two rows
gfm() {
  awk -v n="$1" -v c="$2" 'BEGIN {
    printf "# Tabel\n\nFør.\n\n"
    for (r = 0; r < 4; r++) { printf "|"
      for (i = 1; i <= n; i++) printf "%s|", r == 0 ? "K" i : r == 1 ? "---" : c i
      printf "\n" }
    printf "\nEfter.\n" }' >"$P/k.md"
}

gfm 2000 ""
refused "GFM table of 2000 columns" "k.md:5:1: fejl: tabellen har 2000 kolonner; højst"
if [ -e "$O/r.pdf" ]; then fail "a PDF is written for the refused table"; else pass "no PDF is written for the refused table"; fi
most=$(sed -n 's/.*højst \([0-9]*\) kan stå side om side.*/\1/p' "$TMP/out")
check_contains "the message says how to fix it" "$TMP/out" "del tabellen i flere, eller vend den, så kolonnerne bliver til rækker"
gfm 60 "Kompetenceudviklingsforløbsevaluering"
refused "GFM table of 60 columns with long words" "k.md:5:1: fejl: tabellen har 60 kolonner; højst $most kan stå"

cat >"$P/components/c.lua" <<'LUA'
return function(args)
  local cols, head, row = {}, {}, {}
  for i = 1, args.n do
    cols[i] = { width = i == 1 and 50 or 1 }
    head[i] = "K" .. i
    row[i] = args.word .. i
  end
  return { type = "table", columns = cols, header = head, rows = { row, row },
    caption = "Bred" }
end
LUA
printf '# Tabel\n\nFør.\n\n```{c}\nn = 2000\nword = "x"\n```\n' >"$P/k.md"
refused "component table of 2000 columns" "k.md:5: fejl: tabellen har 2000 kolonner; højst $most kan stå"

# the widest table that is accepted fits, its long words broken
if [ -n "$most" ] && [ "$most" -gt 2 ]; then pass "the limit is named ($most columns)"; else fail "no column limit in the message"; most=10; fi
gfm "$most" "Kompetenceudviklingsforløbsevaluering"
check "GFM table of $most columns with long words builds" "$RAPPORT" build "$P" --out "$O" -q
inside "GFM table of $most columns with long words" "$O/r.pdf" "Ko"
printf '# Tabel\n\nFør.\n\n```{c}\nn = %s\nword = "WWWWWWWWMMMMMMMM"\n```\n' "$most" >"$P/k.md"
check "component table of $most columns, one given most of the width, builds" "$RAPPORT" build "$P" --out "$O" -q
inside "component table of $most columns with given widths" "$O/r.pdf" "K2"
url="https://eksempel.dk/$(awk 'BEGIN { for (i = 0; i < 48; i++) printf "abcdefghij" }')"
printf '# Tabel\n\n| Kilde | Note |\n|---|---|\n| %s | kort |\n' "$url" >"$P/k.md"
check "a cell with a 500-character word builds" "$RAPPORT" build "$P" --out "$O" -q
inside "a cell with a 500-character word" "$O/r.pdf" "abcdef"
