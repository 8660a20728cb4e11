# The preview server of `rapport watch` (issue 14, item 3): it shows the
# internal edition, so it answers only its own loopback names (DNS
# rebinding), not other sites (Origin, Sec-Fetch-Site), only GET and HEAD,
# no path outside the output folder, with headers that keep the page out of
# caches and frames; and a crowd of slow connections neither blocks the
# researcher's page nor stays open past the idle timeout.
. tests/lib.sh
P="$TMP/proj"
cp -r tests/fixtures/pipeline "$P"
# 1024 descriptors, as on most desktops: watch raises its own soft limit
(ulimit -S -n 1024 && exec "$RAPPORT" watch "$P" --port 0 --out "$TMP/o") \
  >"$TMP/watch.log" 2>&1 &
pid=$!
for i in $(seq 1 100); do grep -q 127.0.0.1: "$TMP/watch.log" && break; sleep 0.1; done
port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$TMP/watch.log" | head -1)
if [ -z "$port" ]; then
  fail "watch did not start"; cat "$TMP/watch.log"; kill $pid; exit 0; fi
url="http://127.0.0.1:$port"

# status NAME WANT PATH CURL-ARGS...: the answer's status is WANT; the body
# is in $TMP/body, the headers in $TMP/head
status() {
  name=$1; want=$2; path=$3; shift 3
  got=$(curl -s --max-time 10 -o "$TMP/body" -D "$TMP/head" -w '%{http_code}' \
    "$@" "$url$path")
  check_eq "$name" "$got" "$want"
}

for p in / /__rapport/status /midtvejs.pdf; do
  status "Host evil.example is refused for $p" 421 "$p" -H 'Host: evil.example'
  check_contains "the refusal of $p says which address to open" "$TMP/body" \
    "421: forhåndsvisningen svarer kun under navnene 127.0.0.1, localhost og [::1] (beskyttelse mod DNS-rebinding); åbn $url/"
  check_not_contains "the refusal of $p shows nothing of the report" "$TMP/body" "Nordby"
  status "Host evil.example:$port is refused for $p" 421 "$p" -H "Host: evil.example:$port"
  status "Origin https://evil.example is refused for $p" 403 "$p" -H 'Origin: https://evil.example'
  check_contains "the cross-origin refusal of $p says what to do" "$TMP/body" \
    "403: forhåndsvisningen svarer ikke andre sider; åbn $url/ direkte i browseren"
  status "Sec-Fetch-Site: cross-site is refused for $p" 403 "$p" -H 'Sec-Fetch-Site: cross-site'
done
status "Host 127.0.0.1:$port with a wrong port is refused" 421 / -H 'Host: 127.0.0.1:1'
status "Origin null is refused" 403 / -H 'Origin: null'
status "Origin http://localhost:$port with Host 127.0.0.1 is refused" 403 / \
  -H "Origin: http://localhost:$port"
status "Sec-Fetch-Site: same-site is refused" 403 / -H 'Sec-Fetch-Site: same-site'

status "Host localhost:$port is served" 200 / -H "Host: localhost:$port"
check_contains "the page under localhost shows the report" "$TMP/body" "Nordby"
status "Host 127.0.0.1 without a port is served" 200 / -H 'Host: 127.0.0.1'
status "Host [::1]:$port is served" 200 /__rapport/status -H "Host: [::1]:$port"
check_contains "the status answers under [::1]" "$TMP/body" '"version":'
status "the server's own Origin is served" 200 /__rapport/status \
  -H "Origin: $url" -H 'Sec-Fetch-Site: same-origin'
status "the PDF is served" 200 /midtvejs.pdf
head -c 5 "$TMP/body" >"$TMP/magic"
check_contains "the PDF served is the PDF" "$TMP/magic" "%PDF-"

status "POST is refused" 405 / -X POST -d x=1
check_contains "the POST refusal names the methods" "$TMP/body" \
  "405: forhåndsvisningen svarer kun på GET og HEAD."
grep -qi '^Allow: GET, HEAD' "$TMP/head" && pass "405 says Allow: GET, HEAD" ||
  fail "405 without Allow: GET, HEAD"
status "PUT is refused" 405 /midtvejs.pdf -X PUT
echo secret >"$TMP/hemmelig.pdf"
status "/../ is refused" 400 /../hemmelig.pdf --path-as-is
check_contains "the /../ refusal says why" "$TMP/body" "400: ugyldig sti"
status "%2e%2e/ is refused" 400 /%2e%2e/hemmelig.pdf --path-as-is
status "..%2f is refused" 400 /..%2fhemmelig.pdf --path-as-is
status "a backslash is refused" 400 '/..%5chemmelig.pdf' --path-as-is
status "an unknown path is 404" 404 /rapport.d

status "the page is served" 200 /
for h in 'X-Content-Type-Options: nosniff' 'Cache-Control: no-store' \
  'Referrer-Policy: no-referrer' "Content-Security-Policy: default-src 'none'"; do
  check_contains "the page is sent with $h" "$TMP/head" "$h"
done
nonce=$(sed -n "s/^Content-Security-Policy:.*script-src 'nonce-\([0-9a-f]*\)'.*/\1/p" "$TMP/head")
if [ -n "$nonce" ] && grep -q "<script nonce=\"$nonce\">" "$TMP/body"; then
  pass "the page's policy lets only its reload script run (nonce $nonce)"
else fail "the reload script does not carry the policy's nonce '$nonce'"; fi
check_contains "the page may not be framed" "$TMP/head" "frame-ancestors 'none'"
check_not_contains "the page has no second policy in a meta" "$TMP/body" \
  'http-equiv="Content-Security-Policy"'
status "the page is served again" 200 /
nonce2=$(sed -n "s/^Content-Security-Policy:.*script-src 'nonce-\([0-9a-f]*\)'.*/\1/p" "$TMP/head")
[ "$nonce2" = "$nonce" ] && pass "one nonce per build of the page" ||
  fail "the nonce changed between two requests of one build"
curl -s -I --max-time 10 "$url/" >"$TMP/h2"
check_contains "HEAD is answered" "$TMP/h2" "200 OK"

# 1100 connections (the figure of the issue) that send half a request and
# stall: a normal request is still served at once, and every stalled one is
# closed after the idle timeout (10 s)
cat >"$TMP/slow.py" <<'EOF'
import resource, select, socket, sys, time
port, n, ready = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
if soft < n + 64:
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, n + 64), hard))
poll, socks, refused = select.poll(), {}, 0
for i in range(n):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Langsom: ")
        s.setblocking(False)
        socks[s.fileno()] = s
        poll.register(s, select.POLLIN)
    except OSError:
        refused += 1
with open(ready, "w") as f:
    f.write("%d\n" % len(socks))
t0, last = time.time(), 0.0
while socks and time.time() - t0 < 25:
    for fd, ev in poll.poll(500):
        s = socks[fd]
        try:
            data = s.recv(65536)
        except BlockingIOError:
            continue
        except OSError:
            data = b""
        if not data:
            poll.unregister(fd)
            s.close()
            del socks[fd]
            last = time.time() - t0
print("held %d (refused %d), closed %d, still open %d, last closed after %.1f s"
      % (n - refused, refused, n - refused - len(socks), len(socks), last))
EOF
python3 "$TMP/slow.py" "$port" 1100 "$TMP/ready" >"$TMP/slow.out" 2>&1 &
spid=$!
for i in $(seq 1 300); do [ -s "$TMP/ready" ] && break; sleep 0.1; done
held=$(cat "$TMP/ready" 2>/dev/null)
check_eq "1100 slow connections are accepted" "${held:-0}" 1100
r=$(curl -s --max-time 5 -o "$TMP/body" -w '%{http_code} %{time_total}' "$url/")
case "$r" in
  "200 "[0-2].*) pass "a request beside 1100 slow connections is served at once ($r s)" ;;
  *) fail "a request beside 1100 slow connections: '$r' (status, seconds)" ;;
esac
wait $spid
out=$(cat "$TMP/slow.out")
case "$out" in
  *"still open 0,"*) pass "the slow connections are closed after the idle timeout ($out)" ;;
  *) fail "slow connections stay open: $out" ;;
esac
status "the server still serves after the slow connections" 200 /__rapport/status

kill -INT $pid
for i in $(seq 1 50); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
if kill -0 $pid 2>/dev/null; then fail "Ctrl-C did not stop watch"; kill -9 $pid; else
  wait $pid; rc=$?; check_eq "watch stops with status 0" "$rc" 0; fi
