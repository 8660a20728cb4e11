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

. bench/compare.sh

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
  alternate "$RUNS" "$p" "untagged tagged" "$@"
  ui=$(cat "$W/untagged.ir"); ti=$(cat "$W/tagged.ir")
  uc=$(awk '{ print $1 }' "$W/untagged.t" | median); tc=$(awk '{ print $1 }' "$W/tagged.t" | median)
  um=$(awk '{ print $2 }' "$W/untagged.t" | median); tm=$(awk '{ print $2 }' "$W/tagged.t" | median)
  uk=$(cat "$W"/ountagged/*.pdf | wc -c); tk=$(cat "$W"/otagged/*.pdf | wc -c)
  rm -rf "$W/ountagged" "$W/otagged"
  printf '| %s | %s M | %s M | %s | %.1f | %.1f | %s | %s | %s | %d | %d |\n' "$rep" \
    "$(mega "$ui")" "$(mega "$ti")" "$(pct "$ui" "$ti")" \
    "$uc" "$tc" "$(pct "$uc" "$tc")" "$um" "$tm" $((uk / 1024)) $((tk / 1024))
done
