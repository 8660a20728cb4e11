#!/bin/sh
# Runs every unit test binary and every end-to-end script, counts the PASS
# and FAIL lines, and ends with "N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
BUILD=${BUILD:-build}
log=$(mktemp)
status=0
run() {
  label=$1; shift
  start=$(date +%s)
  "$@" >"$log.one" 2>&1
  rc=$?
  end=$(date +%s)
  p=$(grep -c '^PASS' "$log.one"); f=$(grep -c '^FAIL' "$log.one")
  if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
    echo "FAIL $label exited with status $rc" >>"$log.one"; f=1
  fi
  printf '%-40s %4s passed %4s failed  (%ss)\n' "$label" "$p" "$f" "$((end - start))"
  grep -A8 '^FAIL' "$log.one" | sed 's/^/    /'
  cat "$log.one" >>"$log"
}
for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  run "unit: $(basename "$t")" "$t"
done
for t in tests/e2e/*.sh; do
  [ -f "$t" ] || continue
  case " ${TESTS:-} " in "  ") ;; *" $(basename "$t" .sh) "*) ;; *) continue ;; esac
  run "e2e: $(basename "$t" .sh)" sh "$t"
done
if [ -e "$BUILD/.example-failed" ]; then
  echo "FAIL make example: the example project did not build (see above)" | tee -a "$log"
fi
passed=$(grep -c '^PASS' "$log"); failed=$(grep -c '^FAIL' "$log")
rm -f "$log" "$log.one"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
