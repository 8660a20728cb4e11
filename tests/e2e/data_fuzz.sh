# A short fuzzing run of the CSV reader (issue 7): 2,000 inputs derived from
# the CSV fixtures, under AddressSanitizer and UBSan, must not crash.
# `make fuzz` runs every harness for longer.
. tests/lib.sh

if ! command -v clang >/dev/null; then fail "clang is missing (packages.txt)"; exit 0; fi
FUZZ_OUT="$TMP/fuzz" FUZZ_RUNS=2000 sh fuzz/run.sh csv >"$TMP/fuzz.out" 2>&1
if grep -q '^fuzz csv: 2000 runs, crashes: 0$' "$TMP/fuzz.out"; then
  pass "fuzz csv: 2000 inputs, no crash"
else
  fail "fuzz csv"; sed 's/^/    /' "$TMP/fuzz.out" | head -20
fi
