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
# the text area as the theme sets it: left and right margins from its
# theme.lua, the page width from the PDF; 0.01 pt for rounding
# (theme_lr THEME: prints "LEFT RIGHT")
theme_lr() {
  sed -n 's/.*margin *= *{.*left *= *\([0-9.]*\).*right *= *\([0-9.]*\).*/\1 \2/p' "themes/$1/theme.lua"
}
# words_outside PDF THEME: the first words whose box leaves the text area
words_outside() {
  set -- "$1" $(theme_lr "$2") "$(pdfinfo "$1" | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\).*/\1 \2/p')"
  [ -n "$2" ] && [ -n "$3" ] && [ -n "$4" ] || { echo "no margins or page size for $1"; return; }
  pdftotext -bbox "$1" - 2>/dev/null | grep '<word ' |
    sed 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)" yMax="\([0-9.]*\)">\(.*\)<\/word>/\1 \2 \3 \4 \5/' |
    awk -v l="$2" -v r="$3" -v size="$4" 'BEGIN { split(size, wh, " "); right = wh[1] - r }
      $1 < l - 0.01 || $3 > right + 0.01 || $2 < 0 || $4 > wh[2] { print }' | head -5
}
# the stress fixture names no theme: the default, klassisk
out=$(words_outside "$PDF" klassisk)
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
out=$(words_outside "$TMP/k/midtvejs.pdf" kommune)
check_eq "kommune: no text beyond the text area" "$out" ""
