#!/bin/sh
# bench/tag_cost.sh [RUNS] - what tagging the PDF (issue 17) costs, on the
# example's final edition and on the text-dense report bench/dense. The
# committed sources are built twice in temporary folders: as they are, and
# with bench/no-tags.patch, which turns the tags module's calls into no-ops
# (no structure tree, no marked content, nothing else changed). For each
# report it prints, side by side: callgrind's instructions of a PDF build
# minus those of an HTML build of the same sources (what the PDF costs), and
# over RUNS (default 21) PDF builds of each binary, alternated, the median
# CPU time of the process (perf's task-clock) and of the pdf stage's wall
# time as rapport prints it. Reports; no thresholds. Needs valgrind and
# linux-perf; the sizes of the PDFs come last.
set -e
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${1:-21}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
for v in tagged untagged; do
  mkdir "$W/$v"
  git archive HEAD | tar -x -C "$W/$v"
done
if ! (cd "$W/untagged" && git apply "$ROOT/bench/no-tags.patch"); then
  echo "bench/tag_cost.sh: bench/no-tags.patch no longer applies to src/pdf; make it again from the tags module's calls" >&2
  exit 1
fi
for v in tagged untagged; do
  echo "tag_cost: building $v" >&2
  make -C "$W/$v" bin/rapport >"$W/$v.log" 2>&1 || { cat "$W/$v.log" >&2; exit 1; }
done

# instr BINARY PROJECT FORMAT ARGS...: callgrind's total
instr() {
  b=$1; p=$2; f=$3; shift 3
  valgrind --tool=callgrind --callgrind-out-file="$W/cg.out" "$b" build "$p" \
    --format "$f" -j 1 --out "$W/o" "$@" >/dev/null 2>&1
  sed -n 's/^summary: //p; s/^totals: //p' "$W/cg.out" | head -1
  rm -rf "$W/cg.out" "$W/o"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f %%", (b - a) * 100 / a }'; }

echo "| report | untagged: PDF instructions | tagged: PDF instructions | added | untagged: CPU ms | tagged: CPU ms | added | untagged: pdf stage ms | tagged: pdf stage ms | untagged KB | tagged KB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for rep in example dense; do
  if [ $rep = example ]; then p=content/eksempel; set -- --edition slut
  else p=bench/dense; set --; fi
  echo "tag_cost: $rep" >&2
  for v in tagged untagged; do
    b=$W/$v/bin/rapport
    pdf=$(instr "$b" "$p" pdf "$@"); html=$(instr "$b" "$p" html "$@")
    echo $((pdf - html)) >"$W/$v.ir"
  done
  : >"$W/tagged.t"; : >"$W/untagged.t"
  i=0
  while [ $i -lt "$RUNS" ]; do
    for v in untagged tagged; do
      rm -rf "$W/o$v"
      perf stat -e task-clock -x, -o "$W/perf" "$W/$v/bin/rapport" build "$p" \
        --format pdf -j 1 --out "$W/o$v" "$@" >"$W/out" 2>&1
      cpu=$(awk -F, '/task-clock/ { print $1 }' "$W/perf")
      ms=$(sed -n 's/.*pdf \([0-9]*\)).*/\1/p' "$W/out" | head -1)
      echo "$cpu $ms" >>"$W/$v.t"
    done
    i=$((i + 1))
  done
  ui=$(cat "$W/untagged.ir"); ti=$(cat "$W/tagged.ir")
  uc=$(awk '{ print $1 }' "$W/untagged.t" | median); tc=$(awk '{ print $1 }' "$W/tagged.t" | median)
  um=$(awk '{ print $2 }' "$W/untagged.t" | median); tm=$(awk '{ print $2 }' "$W/tagged.t" | median)
  uk=$(cat "$W"/ountagged/*.pdf | wc -c); tk=$(cat "$W"/otagged/*.pdf | wc -c)
  rm -rf "$W/ountagged" "$W/otagged"
  printf '| %s | %s M | %s M | %s | %.1f | %.1f | %s | %s | %s | %d | %d |\n' "$rep" \
    $((ui / 100000 / 10)).$((ui / 100000 % 10)) $((ti / 100000 / 10)).$((ti / 100000 % 10)) "$(pct "$ui" "$ti")" \
    "$uc" "$tc" "$(pct "$uc" "$tc")" "$um" "$tm" $((uk / 1024)) $((tk / 1024))
done
