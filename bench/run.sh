#!/bin/sh
# bench/run.sh - `make bench`: builds the same content with rapport and with
# its peers (pandoc to HTML, pandoc + xelatex to PDF, pandoc + WeasyPrint to
# PDF) in one run, and writes bench/RESULTS.md with medians, spread, peak
# memory and output sizes, as ratios against each peer measured here; then
# the scaling of rapport over a synthetic project at 1x, 2x, 4x and 8x, and a
# callgrind profile per pipeline stage. The text-dense report (bench/dense)
# is also set by Typst 0.14 (node, tests/pdfua/typst.js) and timed from 1x to 20x
# its length (bench/gen_dense.sh). No thresholds: it reports.
set -e
cd "$(dirname "$0")/.."
ROOT=$PWD
R="$ROOT/bin/rapport"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
RES=bench/RESULTS.md
QUICK=${QUICK:-}            # QUICK=1: fewer runs, for a smoke test
runs() { if [ -n "$QUICK" ]; then echo 1; else echo "$1"; fi; }
say() { echo "bench: $*" >&2; }
# per_page_spread FILE COL LABEL: the lowest and highest of 1000 * COL /
# pages over the rows of a scaling table (pages in field 4), and how far apart.
per_page_spread() {
  awk -F';' -v c="$2" -v label="$3" 'NR == 1 { lo = hi = 1000 * $c / $4 } { v = 1000 * $c / $4; if (v < lo) lo = v; if (v > hi) hi = v }
    END { printf "\n%s: %.2f-%.2f ms, the highest %.0f %% above the lowest.\n", label, lo, hi, 100 * (hi - lo) / lo }' "$1"
}

# ---- content --------------------------------------------------------------
say "genererer indhold"
cp -r content/eksempel "$W/eksempel"
"$R" build "$W/eksempel" --edition slut --format html --out "$W/ex-html" -q
# the peers get the same text with the tables pre-rendered: rapport's own
# HTML of the final report, turned into Markdown once, outside the timing
pandoc "$W/ex-html/slut.html" --lua-filter bench/no-images.lua -f html -t markdown-raw_html-native_divs-native_spans-fenced_divs-bracketed_spans-header_attributes-link_attributes \
  -o "$W/eksempel.md"
for s in 1 2 4 8; do
  lua5.4 bench/gen_large.lua "$W/large$s" "$s"
done
cp "$W/large1/peers/rapport.md" "$W/large.md"
# the text-dense report (seed 000's text, bench/dense/README.md): its
# chapters are plain Markdown with pipe tables, which the peers read too
cp -r bench/dense "$W/dense"
cat bench/dense/kapitler/0[0-9]-*.md | grep -v '^```' >"$W/dense.md"
# Typst reads Typst: the same Markdown turned into it once (bench/md2typ.py)
python3 bench/md2typ.py "$W/dense.md" "$W/dense.typ" "Partnerskaber i støbeskeen"
DENSE_SCALES="1 2 5 10 20"
for s in $DENSE_SCALES; do
  sh bench/gen_dense.sh "$W/dense$s" "$s"
done

PANDOC_PDF="-V geometry:a4paper -V geometry:margin=78bp -V mainfont=Liberation\\ Serif -V fontsize=11pt -V lang=da"

# ---- timing -----------------------------------------------------------------
# measure NAME RUNS WARMUP COMMAND: runs the command RUNS times (after
# WARMUP unmeasured runs) and records the median and
# min-max of the wall time, the mean user+system CPU and the peak memory.
csv="$W/times.csv"
: >"$csv"
measure() {
  name=$1 n=$2 warm=$3 cmd=$4
  say "$name ($n kørsler)"
  i=0; while [ "$i" -lt "$warm" ]; do sh -c "$cmd" >/dev/null 2>&1 || true; i=$((i + 1)); done
  : >"$W/runs"
  i=0; while [ "$i" -lt "$n" ]; do
    # like /usr/bin/time (wall, user, system, peak KB of the command), but
    # with a microsecond clock: time's %e has 10 ms steps, too coarse for a
    # build of 80 ms; the timer's own start is outside the measurement
    python3 -c 'import resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.Popen(["sh", "-c", sys.argv[1]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, _, r = __import__("os").wait4(p.pid, 0)
w = time.perf_counter() - t
print("%.4f %.3f %.3f %d" % (w, r.ru_utime, r.ru_stime, r.ru_maxrss))' "$cmd" >>"$W/runs"
    i=$((i + 1))
  done
  sort -n "$W/runs" | awk -v n="$name" '{ e[NR] = $1; c += $2 + $3; if ($4 > m) m = $4 }
    END { med = (NR % 2) ? e[(NR + 1) / 2] : (e[NR / 2] + e[NR / 2 + 1]) / 2;
          printf "%s;%.4f;%.4f;%.4f;%.3f;%d\n", n, med, e[1], e[NR], c / NR, m }' >>"$csv"
}
med() { awk -F';' -v n="$1" '$1 == n {print $2}' "$csv"; }
field() { awk -F';' -v n="$1" -v f="$2" '$1 == n {print $f}' "$csv"; }

cd "$W"  # xelatex writes its logs into the working folder
for c in eksempel large dense; do
  if [ "$c" = eksempel ]; then P="$W/eksempel"; MD="$W/eksempel.md"; ED="--edition slut"; big=""
  elif [ "$c" = dense ]; then P="$W/dense"; MD="$W/dense.md"; ED=""; big=""; else
    P="$W/large1"; MD="$W/large.md"; ED=""; big=1; fi
  slow=3; [ -n "$big" ] && slow=2
  measure "$c rapport pdf" "$(runs 11)" 1 "$R build $P $ED --format pdf --out $W/o-$c -q"
  measure "$c rapport html" "$(runs 11)" 1 "$R build $P $ED --format html --out $W/o-$c -q"
  measure "$c pandoc html" "$(runs 5)" 1 "pandoc $MD -s --metadata title=Rapport -o $W/p-$c.html"
  measure "$c rapport docx" "$(runs 11)" 1 "$R build $P $ED --format docx --out $W/o-$c -q"
  measure "$c pandoc docx" "$(runs 5)" 1 "pandoc $MD -s --metadata title=Rapport -o $W/p-$c.docx"
  if [ -n "$QUICK" ] && [ -n "$big" ]; then continue; fi  # smoke test: no slow peers
  measure "$c pandoc xelatex" "$(runs $slow)" 0 "pandoc $MD -s --pdf-engine=xelatex $PANDOC_PDF -o $W/x-$c.pdf"
  # WeasyPrint takes 1.5 minutes on the large project: once is enough there
  wruns=$slow; [ -n "$big" ] && wruns=1
  measure "$c weasyprint" "$(runs $wruns)" 0 "pandoc $MD -s --metadata title=Rapport -o $W/w-$c.html && weasyprint -q $W/w-$c.html $W/w-$c.pdf"
  if [ "$c" = dense ]; then
    # Typst in node: a run is node's start-up, loading the compiler, the
    # fonts and the compile; node's start-up alone (--startup) is timed too
    measure "dense typst" "$(runs 5)" 1 "node $ROOT/tests/pdfua/typst.js $W/dense.typ $W/t-dense.pdf"
    measure "dense node" "$(runs 5)" 1 "node $ROOT/tests/pdfua/typst.js --startup"
  fi
done

# the whole example as `make` rebuilds it: every edition, internal and
# public (with the name checks), PDF and HTML; no peer does this in one go
measure "eksempel rapport alt" "$(runs 11)" 1 "$R build $W/eksempel --out $W/o-alt -q && $R build $W/eksempel --public --out $W/o-alt -q"

size() { [ -f "$1" ] && stat -c %s "$1" || echo 0; }
pages() { [ -f "$1" ] && pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}' || echo "-"; }

# ---- scaling ----------------------------------------------------------------
scale="$W/scale.csv"
: >"$scale"
for s in 1 2 4 8; do
  say "skalering ${s}x"
  measure "scale $s" "$(runs 3)" 1 "$R build $W/large$s --out $W/s$s -q"
  echo "$s;$(field "scale $s" 2);$(field "scale $s" 6);$(pages "$W/s$s/rapport.pdf");$(wc -l <"$W/large$s/data/maalinger.csv");$(field "scale $s" 5)" >>"$scale"
done

# ---- the dense report from 1x to 20x: rapport's PDF only -------------------
dscale="$W/dscale.csv"
: >"$dscale"
for s in $DENSE_SCALES; do
  say "tekst ${s}x"
  measure "dense $s" "$(runs 3)" 1 "$R build $W/dense$s --format pdf --out $W/ds$s -q"
  echo "$s;$(field "dense $s" 2);$(field "dense $s" 6);$(pages "$W/ds$s/rapport.pdf");$(field "dense $s" 5);$(field "dense $s" 3);$(field "dense $s" 4)" >>"$dscale"
done

# ---- callgrind per stage ------------------------------------------------------
say "callgrind"
valgrind --tool=callgrind --callgrind-out-file="$W/cg.out" "$R" build "$W/eksempel" \
  --edition slut --out "$W/cg" -q >/dev/null 2>&1
callgrind_annotate --inclusive=yes "$W/cg.out" 2>/dev/null >"$W/cg.txt"
if [ -z "$QUICK" ]; then
  valgrind --tool=callgrind --callgrind-out-file="$W/cg-large.out" "$R" build \
    "$W/large1" --out "$W/cg-large" -q >/dev/null 2>&1
  callgrind_annotate --inclusive=yes "$W/cg-large.out" 2>/dev/null >"$W/cg-large.txt"
fi
# the dense report's PDF, its output folder warm as in the timing above
valgrind --tool=callgrind --callgrind-out-file="$W/cg-dense.out" "$R" build \
  "$W/dense" --format pdf --out "$W/o-dense" -q >/dev/null 2>&1
callgrind_annotate --inclusive=yes "$W/cg-dense.out" 2>/dev/null >"$W/cg-dense.txt"
stages() { sh "$ROOT/bench/stages.sh" "$1"; }

# ---- results ----------------------------------------------------------------
cd "$ROOT"
# the sections measured by hand, after the marker line, are kept
hand="$W/hand.md"
sed -n '/^<!-- measured by hand/,$p' "$RES" >"$hand" 2>/dev/null || : >"$hand"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.0fx", b / a; else print "-" }'; }
{
  echo "# Benchmark results"
  echo
  echo "Written by \`make bench\` (bench/run.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'), on"
  echo "$(nproc) cores of $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
  echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM, load average at start $(cut -d' ' -f1 /proc/loadavg)."
  echo "Peers: $(pandoc --version | head -1), $(xelatex --version | head -1 | cut -d' ' -f1-2), WeasyPrint $(weasyprint --version 2>&1 | awk '{print $NF}'),"
  echo "Typst $(pdfinfo "$W/t-dense.pdf" 2>/dev/null | sed -n 's/^Creator: *Typst *//p') (npm @myriaddreamin/typst-ts-node-compiler $(node -p 'require("@myriaddreamin/typst-ts-node-compiler/package.json").version' 2>/dev/null), node $(node --version))."
  echo "Wall time is the median over repeated runs (rapport and pandoc HTML after one warm-up run); spread is min-max;"
  echo "CPU is the mean user+system time; memory is the peak resident set (\`/usr/bin/time\`)."
  echo
  for c in eksempel large dense; do
    if [ "$c" = eksempel ]; then
      echo "## The example project (final edition, $(pages "$W/o-eksempel/slut.pdf") pages)"
      pdf="$W/o-eksempel/slut.pdf"; html="$W/o-eksempel/slut.html"; docx="$W/o-eksempel/slut.docx"
    elif [ "$c" = dense ]; then
      echo "## The text-dense report (bench/dense, seed 000's text, $(pages "$W/o-dense/rapport.pdf") pages)"
      pdf="$W/o-dense/rapport.pdf"; html="$W/o-dense/rapport.html"; docx="$W/o-dense/rapport.docx"
    else
      echo "## The synthetic large project (40 chapters, 10,000 CSV rows, $(pages "$W/o-large/rapport.pdf") pages)"
      pdf="$W/o-large/rapport.pdf"; html="$W/o-large/rapport.html"; docx="$W/o-large/rapport.docx"
    fi
    echo
    echo "| tool | format | median s | spread s | CPU s | peak MB | output KB | pages |"
    echo "|---|---|---|---|---|---|---|---|"
    row() { # NAME LABEL FORMAT FILE
      echo "| $2 | $3 | $(field "$1" 2) | $(field "$1" 3)-$(field "$1" 4) | $(field "$1" 5) | $(field "$1" 6 | awk '{printf "%.0f", $1 / 1024}') | $(( $(size "$4") / 1024 )) | $(case "$4" in *.pdf) pages "$4";; *) echo -;; esac) |"
    }
    row "$c rapport pdf" rapport PDF "$pdf"
    row "$c pandoc xelatex" "pandoc + xelatex" PDF "$W/x-$c.pdf"
    row "$c weasyprint" "pandoc + WeasyPrint" PDF "$W/w-$c.pdf"
    [ "$c" = dense ] && row "dense typst" "Typst 0.14 (node)" PDF "$W/t-dense.pdf"
    row "$c rapport html" rapport HTML "$html"
    row "$c pandoc html" pandoc HTML "$W/p-$c.html"
    row "$c rapport docx" rapport Word "$docx"
    row "$c pandoc docx" pandoc Word "$W/p-$c.docx"
    echo
    echo "rapport is $(ratio "$(med "$c rapport pdf")" "$(med "$c pandoc xelatex")") faster than pandoc + xelatex and" \
      "$(ratio "$(med "$c rapport pdf")" "$(med "$c weasyprint")") faster than pandoc + WeasyPrint for PDF;" \
      "$(ratio "$(med "$c rapport html")" "$(med "$c pandoc html")") faster than pandoc for HTML;" \
      "$(ratio "$(med "$c rapport docx")" "$(med "$c pandoc docx")") faster than pandoc for Word (median wall time)."
    echo
    if [ "$c" = dense ]; then
      # Typst's own time: node's start-up and module load taken off
      tn=$(awk -v a="$(med "dense typst")" -v b="$(med "dense node")" 'BEGIN {printf "%.4f", a - b}')
      tc=$(awk -v a="$(field "dense typst" 5)" -v b="$(field "dense node" 5)" 'BEGIN {printf "%.3f", a - b}')
      echo "Typst 0.14 runs in node (the npm package embeds it): node's start-up with the compiler" \
        "module loaded takes $(med "dense node") s (CPU $(field "dense node" 5) s); without it Typst takes" \
        "$tn s (CPU $tc s), and rapport's PDF is $(ratio "$(med "$c rapport pdf")" "$tn") faster than that" \
        "(CPU: $(ratio "$(field "$c rapport pdf" 5)" "$tc")). Typst's PDF is tagged (PDF/UA-1) like rapport's."
      echo
    fi
    if [ "$c" = eksempel ]; then
      echo "The whole example as \`make\` rebuilds it (both editions, internal and public with" \
        "the name checks, PDF and HTML: 8 files, two commands): median" \
        "$(field "eksempel rapport alt" 2) s (spread $(field "eksempel rapport alt" 3)-$(field "eksempel rapport alt" 4) s," \
        "CPU $(field "eksempel rapport alt" 5) s, peak $(field "eksempel rapport alt" 6 | awk '{printf "%.0f", $1 / 1024}') MB)."
      echo
    fi
  done
  echo "## Scaling (synthetic project, PDF and HTML in one build)"
  echo
  echo "| scale | CSV rows | pages | median s | ms per page | CPU ms per page | peak MB | KB per page |"
  echo "|---|---|---|---|---|---|---|---|"
  awk -F';' '{ rows = $5 - 1; printf "| %sx | %d | %s | %.3f | %.2f | %.2f | %.0f | %.1f |\n", $1, rows, $4, $2, 1000 * $2 / $4, 1000 * $6 / $4, $3 / 1024, $3 / $4 }' "$scale"
  per_page_spread "$scale" 2 "Time per page from 1x to 8x"
  echo
  echo "## The dense report from 1x to 20x (PDF only, bench/gen_dense.sh)"
  echo
  echo "| scale | pages | median s | spread s | ms per page | CPU ms per page | peak MB |"
  echo "|---|---|---|---|---|---|---|"
  awk -F';' '{ printf "| %sx | %s | %.3f | %.3f-%.3f | %.2f | %.2f | %.0f |\n", $1, $4, $2, $6, $7, 1000 * $2 / $4, 1000 * $5 / $4, $3 / 1024 }' "$dscale"
  per_page_spread "$dscale" 5 "CPU per page from 1x to 20x"
  echo
  echo "## Where the instructions go (callgrind, the dense report, PDF)"
  echo
  stages "$W/cg-dense.txt"
  echo
  echo "## Where the instructions go (callgrind, example final edition, PDF + HTML)"
  echo
  stages "$W/cg.txt"
  if [ -f "$W/cg-large.txt" ]; then
    echo
    echo "## Where the instructions go (callgrind, the large project, PDF + HTML)"
    echo
    stages "$W/cg-large.txt"
  fi
  if [ -s "$hand" ]; then echo; cat "$hand"; fi
} >"$RES"
cat "$RES"
