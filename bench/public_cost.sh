#!/bin/sh
# bench/public_cost.sh [RUNS] [BIN...] - what the public editions cost
# against the internal ones (issue 20): for each binary (default
# bin/rapport), the example's two editions and the text-dense report
# (bench/dense), internal and --public, PDF and HTML as `make` builds them,
# and the dense report's HTML alone. All commands of all binaries take
# turns in one run (so a busy machine slows them alike), after one warm-up
# each. Prints a Markdown table: median and min-max of the wall time, the
# median CPU time (user + system, pdftotext included: it is a child), the
# peak memory, and the public/internal ratios. The leak check's pdftotext
# is also run alone on the copies it reads (kept once per binary through a
# wrapper in PATH), so the table splits a public build's CPU into the
# independent reader's share and rapport's own. It reports; no thresholds.
set -e
cd "$(dirname "$0")/.."
runs=${1:-7}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- bin/rapport
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cmds="$W/cmds"
: >"$cmds"
i=0
for bin in "$@"; do
  i=$((i + 1))
  b=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
  for p in eksempel dense; do
    dir=content/eksempel
    [ $p = dense ] && dir=bench/dense
    printf '%s\t%s\t%s\n' "$i" "$p internal" "$b build $dir --out $W/o$i-$p -q" >>"$cmds"
    printf '%s\t%s\t%s\n' "$i" "$p public" "$b build $dir --public --out $W/o$i-$p -q" >>"$cmds"
    # the copies the leak check's pdftotext reads, kept by a wrapper
    mkdir -p "$W/keep$i-$p"
    mkdir -p "$W/bin$i-$p"
    printf '#!/bin/sh\ntee "%s/$$.pdf" | exec %s "$@"\n' \
      "$W/keep$i-$p" "$(command -v pdftotext)" >"$W/bin$i-$p/pdftotext"
    chmod +x "$W/bin$i-$p/pdftotext"
    PATH="$W/bin$i-$p:$PATH" "$b" build $dir --public --out "$W/k$i-$p" -q
    printf '%s\t%s\t%s\n' "$i" "$p pdftotext" \
      "for f in $W/keep$i-$p/*.pdf; do pdftotext -q -enc UTF-8 \$f - >/dev/null; done" >>"$cmds"
  done
  printf '%s\t%s\t%s\n' "$i" "dense HTML" "$b build bench/dense --format html --out $W/h$i -q" >>"$cmds"
done
python3 - "$runs" "$cmds" "$@" <<'EOF'
import os, statistics, subprocess, sys, time
runs, path, bins = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
cmds = [l.rstrip("\n").split("\t") for l in open(path)]
res = {(b, n): [] for b, n, _ in cmds}
def once(c):
    t = time.perf_counter()
    p = subprocess.Popen(["sh", "-c", c], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, st, r = os.wait4(p.pid, 0)
    if st != 0:
        sys.exit("failed: " + c)
    return time.perf_counter() - t, r.ru_utime + r.ru_stime, r.ru_maxrss
for _, _, c in cmds:
    once(c)
for _ in range(runs):
    for b, n, c in cmds:
        res[(b, n)].append(once(c))
med = lambda xs: statistics.median(xs)
print("| binary | build | median ms | spread ms | CPU ms | peak MB |")
print("|---|---|---|---|---|---|")
for b, n, _ in cmds:
    w = sorted(x[0] for x in res[(b, n)])
    print("| %s | %s | %.0f | %.0f-%.0f | %.0f | %d |" % (
        bins[int(b) - 1], n, med(w) * 1e3, w[0] * 1e3, w[-1] * 1e3,
        med(x[1] for x in res[(b, n)]) * 1e3, max(x[2] for x in res[(b, n)]) // 1024))
print()
print("| binary | project | public/internal, wall | public/internal, CPU | of which pdftotext | of which rapport |")
print("|---|---|---|---|---|---|")
for b in sorted({b for b, _, _ in cmds}, key=int):
    for p in ("eksempel", "dense"):
        i, q = res[(b, p + " internal")], res[(b, p + " public")]
        t = res[(b, p + " pdftotext")]
        ci, cq, ct = (med(x[1] for x in r) for r in (i, q, t))
        print("| %s | %s | %.2f | %.2f | %.2f | %.2f |" % (
            bins[int(b) - 1], p, med(x[0] for x in q) / med(x[0] for x in i),
            cq / ci, ct / ci, (cq - ct) / ci))
EOF
