#!/bin/sh
# bench/watch_latency.sh [PROJECT] - issue 10: starts `rapport watch` on a
# copy of the project (default: the example), edits one CSV cell 20 times,
# and reports the time from each save to the new PDF on disk (the PDF is
# renamed into place, so its inode changes) and to the new HTML: median,
# min and max in ms.
set -e
cd "$(dirname "$0")/.."
SRC=${1:-content/eksempel}
W=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$W"' EXIT
cp -r "$SRC" "$W/p"
csv=$(ls "$W"/p/data/*.csv | head -1)
bin/rapport watch "$W/p" --port 0 --out "$W/o" >"$W/log" 2>&1 &
pid=$!
for i in $(seq 1 300); do grep -q 127.0.0.1: "$W/log" && break; sleep 0.1; done
pdf=$(ls "$W"/o/*.pdf | head -1)
html=${pdf%.pdf}.html
now() { date +%s%N; }
: >"$W/times"
for i in $(seq 1 20); do
  before=$(stat -c %i "$pdf")
  before_h=$(stat -c %i "$html")
  t0=$(now)
  # append a space to the last line of the CSV: new content, same data
  printf ' ' >>"$csv"
  th=""
  while :; do
    [ -z "$th" ] && [ "$(stat -c %i "$html" 2>/dev/null)" != "$before_h" ] && th=$(now)
    [ "$(stat -c %i "$pdf" 2>/dev/null)" != "$before" ] && break
    sleep 0.002
  done
  t1=$(now)
  echo "$(( (t1 - t0) / 1000000 )) $(( (${th:-$t1} - t0) / 1000000 ))" >>"$W/times"
  sleep 0.3
done
sort -n "$W/times" | awk '{ p[NR] = $1 } END { printf "save -> new PDF on disk over %d edits: median %d ms, min %d ms, max %d ms\n", NR, (p[10] + p[11]) / 2, p[1], p[NR] }'
sort -n -k2 "$W/times" | awk '{ h[NR] = $2 } END { printf "save -> new HTML on disk: median %d ms\n", (h[10] + h[11]) / 2 }'
