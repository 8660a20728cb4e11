#!/bin/sh
# bench/objstm_cost.sh [BASE [RUNS]] - what writing the PDF's non-stream
# objects into object streams with a cross-reference stream costs and
# saves: the sources at BASE (default: the last commit before it,
# 6dd4971^) and at HEAD are built in temporary folders; for the example's
# final edition, the text-dense report bench/dense and the synthetic large
# project (bench/gen_large.lua), each prints the PDF's size and, over RUNS
# (default 11) PDF builds of each binary, alternated, the median CPU time of
# the process (perf's task-clock) and of the pdf stage's wall time as
# rapport prints it; for the example and dense also callgrind's
# instructions of one PDF build. Reports; no thresholds.
set -e
cd "$(dirname "$0")/.."
BASE=${1:-6dd4971^}
RUNS=${2:-11}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir "$W/base" "$W/head"
git archive "$BASE" | tar -x -C "$W/base"
git archive HEAD | tar -x -C "$W/head"
for v in base head; do
  echo "objstm_cost: building $v" >&2
  make -C "$W/$v" bin/rapport >"$W/$v.log" 2>&1 || { cat "$W/$v.log" >&2; exit 1; }
done
lua5.4 bench/gen_large.lua "$W/large" 1
. bench/compare.sh
echo "| report | before KB | after KB | size | before: CPU ms | after: CPU ms | CPU | before: pdf stage ms | after: pdf stage ms | before: instructions | after: instructions |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for rep in example dense large; do
  case $rep in
    example) p=content/eksempel; set -- --edition slut ;;
    dense) p=bench/dense; set -- ;;
    large) p=$W/large; set -- ;;
  esac
  echo "objstm_cost: $rep" >&2
  alternate "$RUNS" "$p" "base head" "$@"
  bk=$(cat "$W"/obase/*.pdf | wc -c); hk=$(cat "$W"/ohead/*.pdf | wc -c)
  bc=$(awk '{ print $1 }' "$W/base.t" | median); hc=$(awk '{ print $1 }' "$W/head.t" | median)
  bm=$(awk '{ print $2 }' "$W/base.t" | median); hm=$(awk '{ print $2 }' "$W/head.t" | median)
  bi=-; hi=-
  if [ $rep != large ]; then
    for v in base head; do
      n=$(instr "$W/$v/bin/rapport" "$p" pdf "$@")
      if [ $v = base ]; then bi="$(mega "$n") M"; bn=$n
      else hi="$(mega "$n") M ($(pct "$bn" "$n"))"; fi
    done
  fi
  printf '| %s | %d | %d | %s | %.1f | %.1f | %s | %s | %s | %s | %s |\n' "$rep" \
    $((bk / 1024)) $((hk / 1024)) "$(pct "$bk" "$hk")" "$bc" "$hc" "$(pct "$bc" "$hc")" \
    "$bm" "$hm" "$bi" "$hi"
done
