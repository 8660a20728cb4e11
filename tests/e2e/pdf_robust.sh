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
# default theme margins: 72 pt on A4
out=$(pdftotext -bbox "$PDF" - 2>/dev/null | grep '<word ' |
  sed 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)" yMax="\([0-9.]*\)">\(.*\)<\/word>/\1 \2 \3 \4 \5/' |
  awk '$1 < 71.5 || $3 > 523.78 || $2 < 0 || $4 > 841.89 { print }' | head -5)
check_eq "no text beyond the text area" "$out" ""
check_contains "a word longer than the column is printed (broken, not cut off)" "$TMP/all.txt" "xxxxxxxxxx"
check_not_contains "soft hyphens are not printed" "$TMP/all.txt" "$(printf '\302\255')"
check_contains "a character outside the BMP becomes U+FFFD" "$TMP/all.txt" "$(printf '\357\277\275')"

# the other theme: kommune (Carlito, margins 68 pt)
cp -r tests/fixtures/pdf "$TMP/kommune"
sed -i 's/theme = "klassisk"/theme = "kommune"/' "$TMP/kommune/rapport.lua"
check_status "build with theme kommune" 0 "$RAPPORT" build "$TMP/kommune" --format pdf --out "$TMP/k"
check "kommune: qpdf --check is clean" qpdf --check "$TMP/k/midtvejs.pdf"
pdffonts "$TMP/k/midtvejs.pdf" >"$TMP/kf.txt" 2>&1
check_contains "kommune: set in Carlito" "$TMP/kf.txt" "Carlito"
out=$(pdftotext -bbox "$TMP/k/midtvejs.pdf" - 2>/dev/null | grep '<word ' |
  sed 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)" yMax="\([0-9.]*\)">\(.*\)<\/word>/\1 \2 \3 \4 \5/' |
  awk '$1 < 67.5 || $3 > 527.78 { print }' | head -5)
check_eq "kommune: no text beyond the text area" "$out" ""
