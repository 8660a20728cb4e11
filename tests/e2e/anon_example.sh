# The example's public editions as `make` leaves them in out/eksempel
# (issue 6, 1 and the last point of "What to build"): no name of the
# example's mapping, in any form, in the text pdftotext extracts, in the
# qpdf --qdf decompressed bytes, in the PDF metadata or in the HTML.
. tests/lib.sh
. tests/fixtures/anon/leak.sh
O=out/eksempel/offentlig
MAP=content/eksempel/data/pseudonymer.csv
for e in midtvejs slut; do
  for f in "$e-offentlig.pdf" "$e-offentlig.html"; do
    if [ -s "$O/$f" ]; then pass "make left $O/$f"; else
      fail "make did not leave $O/$f"; continue; fi
    public_checks "$f" "$O/$f" "$MAP"
  done
  [ -s "$O/$e-offentlig.pdf" ] || continue
  pdftotext "$O/$e-offentlig.pdf" - 2>/dev/null | tr '\n' ' ' | tr -s ' ' >"$TMP/$e.txt"
  check_contains "$e: partnerships carry pseudonyms" "$TMP/$e.txt" "Partnerskab A"
  check_contains "$e: people carry their role" "$TMP/$e.txt" "virksomhedskonsulenten i Partnerskab A"
  check_contains "$e: a role before a name is not doubled" "$TMP/$e.txt" "takke projektlederen og"
  check_not_contains "$e: no doubled role" "$TMP/$e.txt" "projektleder projektlederen"
done
# the internal editions keep the real names (the mapping is for --public only)
if [ -s out/eksempel/slut.html ]; then
  check_contains "internal HTML keeps the real names" out/eksempel/slut.html "Skovlund"
fi
