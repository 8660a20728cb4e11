# bench/compare.sh - sourced by the scripts that compare two builds of
# rapport (tag_cost.sh, objstm_cost.sh): each sets W (its scratch folder,
# with one binary per variant at $W/VARIANT/bin/rapport) before calling.

# median: the median of the numbers on stdin, one per line.
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

# pct A B: B's change against A, as "+1.2 %".
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f %%", (b - a) * 100 / a }'; }

# mega N: N instructions as millions with one decimal.
mega() { echo "$(($1 / 100000 / 10)).$(($1 / 100000 % 10))"; }

# instr BINARY PROJECT FORMAT ARGS...: callgrind's instruction total of one
# build.
instr() {
  b=$1; p=$2; f=$3; shift 3
  valgrind --tool=callgrind --callgrind-out-file="$W/cg.out" "$b" build "$p" \
    --format "$f" -j 1 --out "$W/cg" "$@" >/dev/null 2>&1
  sed -n 's/^summary: //p; s/^totals: //p' "$W/cg.out" | head -1
  rm -rf "$W/cg.out" "$W/cg"
}

# alternate RUNS PROJECT "VARIANTS" ARGS...: RUNS PDF builds of each
# variant's binary, taken in turn so that the machine's load falls on all
# alike; each run appends "CPU-ms pdf-stage-ms" (perf's task-clock, and the
# pdf stage's wall time as rapport prints it) to $W/VARIANT.t, and the last
# run's outputs stay in $W/oVARIANT.
alternate() {
  runs=$1; p=$2; variants=$3; shift 3
  for v in $variants; do : >"$W/$v.t"; done
  i=0
  while [ $i -lt "$runs" ]; do
    for v in $variants; do
      rm -rf "$W/o$v"
      perf stat -e task-clock -x, -o "$W/perf" "$W/$v/bin/rapport" build "$p" \
        --format pdf -j 1 --out "$W/o$v" "$@" >"$W/out" 2>&1
      cpu=$(awk -F, '/task-clock/ { print $1 }' "$W/perf")
      ms=$(sed -n 's/.*pdf \([0-9]*\)).*/\1/p' "$W/out" | head -1)
      echo "$cpu $ms" >>"$W/$v.t"
    done
    i=$((i + 1))
  done
}
