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
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f %%", (b - a) * 100 / a }'; }
echo "| report | before KB | after KB | size | before: CPU ms | after: CPU ms | CPU | before: pdf stage ms | after: pdf stage ms | before: instructions | after: instructions |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for rep in example dense large; do
  case $rep in
    example) p=content/eksempel; set -- --edition slut ;;
    dense) p=bench/dense; set -- ;;
    large) p=$W/large; set -- ;;
  esac
  echo "objstm_cost: $rep" >&2
  : >"$W/base.t"; : >"$W/head.t"
  i=0
  while [ $i -lt "$RUNS" ]; do
    for v in base head; do
      rm -rf "$W/o$v"
      perf stat -e task-clock -x, -o "$W/perf" "$W/$v/bin/rapport" build "$p" \
        --format pdf -j 1 --out "$W/o$v" "$@" >"$W/out" 2>&1
      cpu=$(awk -F, '/task-clock/ { print $1 }' "$W/perf")
      ms=$(sed -n 's/.*pdf \([0-9]*\)).*/\1/p' "$W/out" | head -1)
      echo "$cpu $ms" >>"$W/$v.t"
    done
    i=$((i + 1))
  done
  bk=$(cat "$W"/obase/*.pdf | wc -c); hk=$(cat "$W"/ohead/*.pdf | wc -c)
  bc=$(awk '{ print $1 }' "$W/base.t" | median); hc=$(awk '{ print $1 }' "$W/head.t" | median)
  bm=$(awk '{ print $2 }' "$W/base.t" | median); hm=$(awk '{ print $2 }' "$W/head.t" | median)
  bi=-; hi=-
  if [ $rep != large ]; then
    for v in base head; do
      valgrind --tool=callgrind --callgrind-out-file="$W/cg.out" "$W/$v/bin/rapport" \
        build "$p" --format pdf -j 1 --out "$W/cg" "$@" >/dev/null 2>&1
      n=$(sed -n 's/^summary: //p; s/^totals: //p' "$W/cg.out" | head -1)
      rm -rf "$W/cg.out" "$W/cg"
      if [ $v = base ]; then bi="$((n / 100000 / 10)).$((n / 100000 % 10)) M"; bn=$n
      else hi="$((n / 100000 / 10)).$((n / 100000 % 10)) M ($(pct "$bn" "$n"))"; fi
    done
  fi
  printf '| %s | %d | %d | %s | %.1f | %.1f | %s | %s | %s | %s | %s |\n' "$rep" \
    $((bk / 1024)) $((hk / 1024)) "$(pct "$bk" "$hk")" "$bc" "$hc" "$(pct "$bc" "$hc")" \
    "$bm" "$hm" "$bi" "$hi"
done
