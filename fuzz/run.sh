#!/bin/sh
# fuzz/run.sh [NAME...] - builds each libFuzzer harness fuzz/fuzz_NAME.c
# (all of them by default) with clang, AddressSanitizer and UBSan, and runs
# it for FUZZ_TIME seconds (default 60), or FUZZ_RUNS inputs if that is set,
# from a corpus seeded with the files its FUZZ-SEEDS line names. A harness
# names its sources and libraries in FUZZ-SOURCES and FUZZ-LIBS comment
# lines. Prints one "fuzz NAME: N runs, crashes: 0|1" line per harness and
# exits 1 if any crashed (the crashing input is left in build-fuzz/).
cd "$(dirname "$0")/.." || exit 2
OUT=${FUZZ_OUT:-build-fuzz}
mkdir -p "$OUT"
names=$*
[ -n "$names" ] || names=$(ls fuzz/fuzz_*.c | sed 's#fuzz/fuzz_##; s#\.c$##')
status=0
for n in $names; do
  h=fuzz/fuzz_$n.c
  field() { sed -n "s/^ \* $1: //p" "$h"; }
  # shellcheck disable=SC2046 # the globs are meant to expand
  if ! clang -g -O1 -fsanitize=fuzzer,address,undefined \
      -fno-sanitize-recover=undefined -std=c11 -D_DEFAULT_SOURCE \
      -D_POSIX_C_SOURCE=200809L -Isrc -Ibuild/gen "$h" $(ls $(field FUZZ-SOURCES)) \
      $(field FUZZ-LIBS) -o "$OUT/fuzz_$n" 2>"$OUT/fuzz_$n.build"; then
    echo "fuzz $n: does not build"; cat "$OUT/fuzz_$n.build"; status=1; continue
  fi
  corpus="$OUT/corpus_$n"
  mkdir -p "$corpus"
  for f in $(field FUZZ-SEEDS); do [ -f "$f" ] && cp "$f" "$corpus/"; done
  if [ -n "${FUZZ_RUNS:-}" ]; then limit="-runs=$FUZZ_RUNS"; else
    limit="-max_total_time=${FUZZ_TIME:-60}"; fi
  (cd "$OUT" && ./"fuzz_$n" $limit -max_len=65536 "corpus_$n" \
    >"fuzz_$n.log" 2>&1)
  rc=$?
  runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$OUT/fuzz_$n.log")
  if [ "$rc" = 0 ]; then
    echo "fuzz $n: ${runs:-?} runs, crashes: 0"
  else
    echo "fuzz $n: crashes: 1 (see $OUT/fuzz_$n.log)"
    grep -E 'ERROR|SUMMARY|Test unit written' "$OUT/fuzz_$n.log" | head -5
    status=1
  fi
done
exit $status
