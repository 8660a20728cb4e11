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
