#!/bin/sh
# Awkward input (tests/fixtures/pdf-stress) still gives a valid PDF with
# every word inside the text area.
. tests/lib.sh
OUT=$TMP/pdf
PDF=$OUT/x.pdf
check_status "build the stress fixture" 0 "$RAPPORT" build tests/fixtures/pdf-stress --format pdf --out "$OUT"
[ -f "$PDF" ] || { fail "no PDF written"; exit 0; }
check "qpdf --check is clean" qpdf --check "$PDF"
pdftotext "$PDF" "$TMP/all.txt" 2>"$TMP/err"
check_eq "pdftotext prints nothing on stderr" "$(cat "$TMP/err")" ""
# the text area of the default theme (klassisk), read from the theme
# itself: an earlier copy of its numbers said 72 pt where it has 78
# area THEME: "left right page-width page-height" of themes/THEME
area() {
  lua5.4 -e "local p = dofile('themes/$1/theme.lua').page
    print(p.margin.left, p.margin.right, p.width, p.height)"
}
set -- $(area klassisk)
out=$(pdftotext -bbox "$PDF" - 2>/dev/null | grep '<word ' |
  sed 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)" yMax="\([0-9.]*\)">\(.*\)<\/word>/\1 \2 \3 \4 \5/' |
  awk -v l="$1" -v r="$2" -v w="$3" -v h="$4" \
    '$1 < l - 0.5 || $3 > w - r + 0.5 || $2 < 0 || $4 > h { print }' | head -5)
check_eq "no text beyond the text area" "$out" ""
check_contains "a word longer than the column is printed (broken, not cut off)" "$TMP/all.txt" "xxxxxxxxxx"
check_not_contains "soft hyphens are not printed" "$TMP/all.txt" "$(printf '\302\255')"
check_contains "a character outside the BMP becomes U+FFFD" "$TMP/all.txt" "$(printf '\357\277\275')"

# the other theme: kommune (Carlito, narrower margins)
cp -r tests/fixtures/pdf "$TMP/kommune"
sed -i 's/theme = "klassisk"/theme = "kommune"/' "$TMP/kommune/rapport.lua"
check_status "build with theme kommune" 0 "$RAPPORT" build "$TMP/kommune" --format pdf --out "$TMP/k"
check "kommune: qpdf --check is clean" qpdf --check "$TMP/k/midtvejs.pdf"
pdffonts "$TMP/k/midtvejs.pdf" >"$TMP/kf.txt" 2>&1
check_contains "kommune: set in Carlito" "$TMP/kf.txt" "Carlito"
set -- $(area kommune)
out=$(pdftotext -bbox "$TMP/k/midtvejs.pdf" - 2>/dev/null | grep '<word ' |
  sed 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)" yMax="\([0-9.]*\)">\(.*\)<\/word>/\1 \2 \3 \4 \5/' |
  awk -v l="$1" -v r="$2" -v w="$3" '$1 < l - 0.5 || $3 > w - r + 0.5 { print }' | head -5)
check_eq "kommune: no text beyond the text area" "$out" ""
