#!/bin/sh
# exported.sh BUILD - every function src/ exports (a global symbol in
# BUILD/**/*.o) has a caller in another object of rapport, in a unit test or
# in a fuzz harness. One called only inside its own file is a file-local
# helper (static, S_ prefix); one called by nothing is dead code. The
# linker's --wrap targets (__wrap_NAME, LDLIBS in the Makefile) are called
# by the library they wrap. Prints each finding; exit 1 if any.
BUILD=${1:-build}
cd "$(dirname "$0")/../.." || exit 2
objs=$(find "$BUILD" -name '*.o' ! -path "$BUILD/tests/*" | sort)
[ -n "$objs" ] || { echo "exported.sh: no objects in $BUILD (make bin/rapport first)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for o in $objs; do nm -u "$o" | awk '{ print $2 }'; done | sort -u >"$tmp/used"
status=0
for o in $objs; do
  nm -g --defined-only "$o" | awk '$2 == "T" { print $3 }' | while read -r sym; do
    case $sym in main|__wrap_*) continue ;; esac
    grep -qx -- "$sym" "$tmp/used" && continue
    grep -qw -- "$sym" tests/unit/*.c fuzz/*.c && continue
    src=${o#"$BUILD"/}; src=src/${src%.o}.c
    echo "$src: '$sym' has no caller outside its file: make it static (S_ prefix) or remove it"
  done
done >"$tmp/found"
if [ -s "$tmp/found" ]; then cat "$tmp/found" >&2; status=1; fi
exit $status
