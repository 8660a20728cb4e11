# rapport watch (issue 10): serves on loopback only, rebuilds on save, the
# open page follows; a build error shows as a banner; Ctrl-C stops cleanly.
. tests/lib.sh
P="$TMP/proj"
cp -r tests/fixtures/pipeline "$P"
"$RAPPORT" watch "$P" --port 0 --out "$TMP/o" >"$TMP/watch.log" 2>&1 &
pid=$!
for i in $(seq 1 100); do grep -q 127.0.0.1: "$TMP/watch.log" && break; sleep 0.1; done
port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$TMP/watch.log" | head -1)
if [ -n "$port" ]; then pass "watch prints the preview address"; else
  fail "watch did not start"; cat "$TMP/watch.log"; kill $pid; exit 0; fi
if ss -ltn 2>/dev/null | grep ":$port " | grep -qv '127.0.0.1'; then
  fail "watch listens beyond loopback"; else pass "watch listens on 127.0.0.1 only"; fi
[ -s "$TMP/o/midtvejs.pdf" ] && pass "watch builds the PDF" || fail "watch did not build the PDF"

if [ -x /usr/bin/chromium ] && [ -d node_modules/playwright-core ]; then
  node tests/browser/watch.mjs "http://127.0.0.1:$port/" "$P"
else
  fail "watch: chromium or node_modules missing (run make test)"
fi
pdftotext "$TMP/o/midtvejs.pdf" "$TMP/m.txt"
check_contains "the PDF on disk follows the edits" "$TMP/m.txt" "8642"
grep -q "Genopbygget" "$TMP/watch.log" && pass "watch reports each rebuild" || fail "watch did not report a rebuild"
grep -q "tal.csv:3:" "$TMP/watch.log" && pass "watch prints the error" || fail "watch did not print the error"
kill -INT $pid
for i in $(seq 1 50); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
if kill -0 $pid 2>/dev/null; then fail "Ctrl-C did not stop watch"; kill -9 $pid; else
  wait $pid; rc=$?; check_eq "Ctrl-C stops watch with status 0" "$rc" 0; fi
grep -q "Stoppet" "$TMP/watch.log" && pass "watch says it stopped" || fail "watch did not say it stopped"
