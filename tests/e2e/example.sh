# The example project as `make` leaves it in out/eksempel (issue 2, 1-2).
. tests/lib.sh
O=out/eksempel
for f in midtvejs.pdf midtvejs.html slut.pdf slut.html; do
  if [ -s "$O/$f" ]; then pass "make left $O/$f"; else fail "make did not leave $O/$f"; fi
done
[ -s "$O/slut.pdf" ] || exit 0
for e in midtvejs slut; do
  pdftotext "$O/$e.pdf" "$TMP/$e.txt" 2>"$TMP/$e.err"
  if [ -s "$TMP/$e.err" ]; then fail "$e: pdftotext warns: $(head -1 "$TMP/$e.err")"; else pass "$e: pdftotext prints no warnings"; fi
  for l in æ ø å Æ Ø Å; do
    check_contains "$e.pdf keeps $l" "$TMP/$e.txt" "$l"
  done
  pdffonts "$O/$e.pdf" >"$TMP/fonts" 2>"$TMP/fonts.err"
  if awk 'NR>2 && $(NF-4)!="yes"{bad=1} NR>2{n++} END{exit bad || !n}' "$TMP/fonts"; then
    pass "$e: every font embedded"; else fail "$e: a font is not embedded"; fi
  [ -s "$TMP/fonts.err" ] && fail "$e: pdffonts warns" || pass "$e: pdffonts prints no warnings"
  check "$e: qpdf --check" qpdf --check "$O/$e.pdf"
done
# every level-1 heading of every chapter appears in the PDF of an edition
# that includes the chapter (slut includes them all in the example)
for md in content/eksempel/kapitler/*.md; do
  sed -n 's/^# \(.*\)$/\1/p' "$md" | sed 's/ *{[^}]*} *$//' | while read -r h; do
    if tr '\n' ' ' <"$TMP/slut.txt" | tr -s ' ' | grep -qF -- "$h"; then
      pass "slut.pdf has heading '$h'"; else fail "slut.pdf lacks heading '$h' ($md)"; fi
    if grep -qF -- "$h" "$O/slut.html"; then pass "slut.html has heading '$h'"; else
      fail "slut.html lacks heading '$h'"; fi
  done
done
