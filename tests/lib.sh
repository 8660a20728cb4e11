# tests/lib.sh - helpers for end-to-end tests (sourced). Each check prints a
# PASS or FAIL line; tests/run.sh counts them.
RAPPORT=${RAPPORT:-$PWD/bin/rapport}
# rapport's messages follow the locale; the tests expect the project's
# lang (tests/e2e/messages.sh sets the locale itself). LC_ALL's categories
# other than the messages are kept.
if [ -n "${LC_ALL:-}" ]; then export LANG="$LC_ALL"; unset LC_ALL; fi
export LC_MESSAGES=C
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; }

# check NAME COMMAND...: passes if the command exits 0
check() {
  name=$1; shift
  if "$@" >"$TMP/check.out" 2>&1; then pass "$name"; else
    fail "$name"; sed 's/^/    /' "$TMP/check.out" | head -20; fi
}

# check_contains NAME FILE TEXT: FILE contains TEXT (fixed string)
check_contains() {
  if grep -qF -- "$3" "$2"; then pass "$1"; else
    fail "$1: '$3' not found in $2"; fi
}

# check_not_contains NAME FILE TEXT
check_not_contains() {
  if grep -qF -- "$3" "$2"; then fail "$1: '$3' found in $2"; else
    pass "$1"; fi
}

# check_eq NAME GOT WANT
check_eq() {
  if [ "$2" = "$3" ]; then pass "$1"; else
    fail "$1: expected '$3', got '$2'"; fi
}

# check_status NAME WANT COMMAND...: exit status equals WANT; output in $TMP/out
check_status() {
  name=$1; want=$2; shift 2
  "$@" >"$TMP/out" 2>&1; got=$?
  if [ "$got" = "$want" ]; then pass "$name"; else
    fail "$name: exit $got, expected $want"; sed 's/^/    /' "$TMP/out" | head -20; fi
}

# copy_example DIR: a private copy of the example project to edit
copy_example() {
  cp -r "$PWD/content/eksempel" "$1"
}

# pdf_overlaps PDF PAGE: how many words on PAGE of PDF start before the word
# before them on the same baseline (rounded) ends: words drawn over each other
pdf_overlaps() {
  pdftotext -f "$2" -l "$2" -bbox "$1" - 2>/dev/null |
    grep -o 'xMin="[0-9.]*" yMin="[0-9.]*" xMax="[0-9.]*"' |
    sed 's/[a-zA-Z]*="//g; s/"//g' | awk '{ printf "%.0f %s %s\n", $2, $1, $3 }' |
    sort -k1,1n -k2,2n |
    awk '{ if (NR > 1 && $1 == y && x2 > $2 + 0.3) n++; y = $1; x2 = $3 } END { print n + 0 }'
}
