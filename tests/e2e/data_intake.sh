# Data intake through the command line (issue 7): every fixture in
# tests/fixtures/csv/cases.txt is put in place of a data file of a small
# project, and `rapport check` must exit with the expected status and print
# exactly the expected lines about the data (tests/fixtures/csv/expected/).
# UPDATE=1 rewrites the expected files (review the diff before committing).
. tests/lib.sh

F=tests/fixtures/csv

# run_case NAME TARGET: check with F/NAME as data/TARGET.csv; prints
# "exit N", then the messages (stderr), then what check says (stdout), each
# limited to lines about the data files
cp -r "$F/projekt" "$TMP/p"
run_case() {
  rm -rf "$TMP/p/data"
  cp -r "$F/projekt/data" "$TMP/p/data"
  case "$1" in
    --missing) rm "$TMP/p/data/$2.csv" ;;
    --folder) rm "$TMP/p/data/$2.csv"; mkdir "$TMP/p/data/$2.csv" ;;
    *) cp "$F/$1" "$TMP/p/data/$2.csv" ;;
  esac
  "$RAPPORT" check "$TMP/p" >"$TMP/stdout" 2>"$TMP/stderr"
  echo "exit $?"
  grep '^data/' "$TMP/stderr" | sed "s#$TMP/p#PROJECT#g"
  grep '^data/' "$TMP/stdout"
}

compare() {
  name=$1; shift
  run_case "$@" >"$TMP/got"
  want="$F/expected/$name.out"
  if [ -n "${UPDATE:-}" ]; then mkdir -p "$F/expected"; cp "$TMP/got" "$want"; fi
  if cmp -s "$TMP/got" "$want"; then pass "data: $name"; else
    fail "data: $name"; diff "$want" "$TMP/got" | sed 's/^/    /' | head -20; fi
}

grep -v '^#' "$F/cases.txt" | while IFS='|' read -r file target what; do
  compare "${file%.csv}" "$file" "$target"
done
compare missing-file --missing vurderinger
compare folder --folder vurderinger

# every bad fixture ends in exit 1 or a warning, and every message names
# the data file with a line (the whole point of issue 7)
silent=""
for f in "$F"/expected/bad-*.out; do
  if head -1 "$f" | grep -qx 'exit 0' && ! grep -q 'advarsel' "$f"; then
    silent="$silent $(basename "$f")"; fi
done
check_eq "no bad fixture passes silently" "$silent" ""

# a dialect pinned in rapport.lua: a headerless Windows-1252 file, read as
# pinned (detection would read it the same way, hence the check after it)
sed -i 's#file = "data/aktiviteter.csv",#file = "data/aktiviteter.csv",\n      dialect = { delimiter = ";", encoding = "WINDOWS-1252", decimal = ",", header = false },#' "$TMP/p/rapport.lua"
compare pinned-cp1252-uden-overskrift pinned-cp1252-uden-overskrift.csv aktiviteter
# the detection reads this file the same way, so show that the pin is
# obeyed: pinned to UTF-8, the Windows-1252 bytes are errors at their place
sed -i 's#encoding = "WINDOWS-1252", ##' "$TMP/p/rapport.lua"
sed -i 's#dialect = { delimiter#dialect = { encoding = "UTF-8", delimiter#' "$TMP/p/rapport.lua"
cp "$F/pinned-cp1252-uden-overskrift.csv" "$TMP/p/data/aktiviteter.csv"
check_status "a wrong pin is obeyed: exit 1" 1 "$RAPPORT" check "$TMP/p"
check_contains "a wrong pin is obeyed: the byte it cannot read" "$TMP/out" \
  "data/aktiviteter.csv:2:1: fejl: ugyldig UTF-8: byten 0xC6 kan ikke læses"
