#!/bin/sh
# sanitizers.sh - the unit tests, the example build and a few end-to-end
# scenarios under AddressSanitizer + UndefinedBehaviorSanitizer (`make
# asan`, clang), and the example build (one edition, PDF and HTML, and its
# public edition) under valgrind memcheck. Every run must be free of
# sanitizer reports, memcheck errors and definite or indirect leaks.
# Takes a few minutes; SANITIZERS=0 skips it.
. tests/lib.sh
[ "${SANITIZERS:-1}" = 0 ] && { echo "    skipped (SANITIZERS=0)"; exit 0; }
ASAN_FLAGS="CC=clang BUILD=build-asan BIN=build-asan/bin"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=23
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS=suppressions=$PWD/tests/fixtures/robust/lsan.supp:print_suppressions=0
CF="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer"
LF="-fsanitize=address,undefined"
units=$(ls tests/unit/test_*.c | sed 's#tests/unit/#build-asan/tests/#; s#\.c$##')
# shellcheck disable=SC2086
if ! make --no-print-directory $ASAN_FLAGS CFLAGS="$CF" LDFLAGS="$LF" \
    build-asan/bin/rapport $units >"$TMP/build.log" 2>&1; then
  fail "ASan+UBSan build (make asan)"; tail -20 "$TMP/build.log"; exit 0
fi
pass "ASan+UBSan build"
A=$PWD/build-asan/bin/rapport

# clean LOG: no sanitizer report in LOG
clean() {
  ! grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: UndefinedBehaviorSanitizer' "$1"
}

for t in $units; do
  "$t" >"$TMP/u.log" 2>&1; rc=$?
  if [ "$rc" = 0 ] && clean "$TMP/u.log"; then pass "asan: $(basename "$t")"
  else fail "asan: $(basename "$t") (exit $rc)"
    grep -E -A12 'ERROR|runtime error|FAIL' "$TMP/u.log" | head -30; fi
done

copy_example "$TMP/ex"
for args in "--edition midtvejs" "--edition midtvejs --public"; do
  # shellcheck disable=SC2086
  "$A" build "$TMP/ex" $args --out "$TMP/aout" -q >"$TMP/a.log" 2>&1; rc=$?
  if [ "$rc" = 0 ] && clean "$TMP/a.log"; then pass "asan: example build $args"
  else fail "asan: example build $args (exit $rc)"; head -30 "$TMP/a.log"; fi
done

# the end-to-end scenarios that drive the binary through every stage, with
# the sanitized binary: every bad input, the command line errors, the data,
# Markdown, templates, citations, both writers and the public editions
for e in robust_inputs cli pipeline script_sandbox script_markdown cite_errors data_intake html_output pdf_robust anon_public content_eksempel; do
  RAPPORT=$A sh "tests/e2e/$e.sh" >"$TMP/e.log" 2>&1
  f=$(grep -c '^FAIL' "$TMP/e.log"); p=$(grep -c '^PASS' "$TMP/e.log")
  if [ "$f" = 0 ] && [ "$p" -gt 0 ] && clean "$TMP/e.log"; then pass "asan: e2e $e ($p checks)"
  else fail "asan: e2e $e"; grep -E -A12 '^FAIL|ERROR|runtime error' "$TMP/e.log" | head -30; fi
done

# valgrind memcheck on the normal build
if ! command -v valgrind >/dev/null; then fail "valgrind missing"; exit 0; fi
VG="valgrind -q --suppressions=$PWD/tests/fixtures/robust/valgrind.supp --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=9"
for args in "--edition midtvejs --format pdf,html" "--edition midtvejs --public --format pdf,html"; do
  # shellcheck disable=SC2086
  $VG "$RAPPORT" build "$TMP/ex" $args --out "$TMP/vout" -q >"$TMP/v.log" 2>&1; rc=$?
  if [ "$rc" = 0 ] && ! grep -q '^==[0-9]*==' "$TMP/v.log"; then
    pass "valgrind: example build $args"
  else fail "valgrind: example build $args (exit $rc)"; head -40 "$TMP/v.log"; fi
done
