# A short fuzzing run of the Markdown stage with directives and inline
# values (issue 7): 300 inputs derived from tests/fixtures/markdown, under
# AddressSanitizer and UBSan, must not crash, leak or hang.
# `make fuzz` runs every harness for longer.
. tests/lib.sh

if ! command -v clang >/dev/null; then fail "clang is missing (packages.txt)"; exit 0; fi
FUZZ_OUT="$TMP/fuzz" FUZZ_RUNS=300 sh fuzz/run.sh markdown >"$TMP/fuzz.out" 2>&1
if grep -q '^fuzz markdown: 300 runs, crashes: 0$' "$TMP/fuzz.out"; then
  pass "fuzz markdown: 300 inputs, no crash"
else
  fail "fuzz markdown"; sed 's/^/    /' "$TMP/fuzz.out" | head -20
fi
