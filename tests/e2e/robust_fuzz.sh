#!/bin/sh
# robust_fuzz.sh - a short run of every libFuzzer harness in fuzz/ (CSV
# reader, Markdown with directives, layout, configuration files, images):
# FUZZ_RUNS inputs each (2000 by default) from the seed corpus, with ASan
# and UBSan.
# The ten-minute runs
# are `make fuzz`; their figures are in tests/BAD-INPUTS.md.
. tests/lib.sh
if ! command -v clang >/dev/null; then fail "fuzz: clang missing"; exit 0; fi
for h in fuzz/fuzz_*.c; do
  n=$(basename "$h" .c); n=${n#fuzz_}
  if ! grep -q '^ \* FUZZ-SOURCES:' "$h"; then
    echo "    fuzz $n: no FUZZ-SOURCES line, run.sh cannot build it (skipped)"
    continue
  fi
  FUZZ_OUT=$TMP/fuzz FUZZ_RUNS=${FUZZ_RUNS:-2000} sh fuzz/run.sh "$n" >"$TMP/f.out" 2>&1
  rc=$?
  if [ "$rc" = 0 ] && grep -q "crashes: 0" "$TMP/f.out"; then
    pass "fuzz $n: $(sed -n 's/^fuzz [a-z]*: //p' "$TMP/f.out")"
  else
    fail "fuzz $n"; sed 's/^/    /' "$TMP/f.out" | head -10
  fi
done
