#!/bin/sh
# robust_outputs.sh - the outputs and the dependency files (issue 14):
# names written into rapport.d never run anything when make reads it, and
# make still reads them as the right files; an edition's PDF and HTML are
# replaced together or not at all; two builds into one folder take turns;
# a killed build's workers replace nothing afterwards; a source saved
# during a build never leaves outputs that make believes are current.
. tests/lib.sh

BIN=$(cd "$(dirname "$RAPPORT")" && pwd)

# base DIR [CHAPTER] [EDITION] [TEXT]: a small project with one chapter
base() {
  rm -rf "$1"; mkdir -p "$1"
  ch=${2:-k.md}; ed=${3:-r}
  cat >"$1/rapport.lua" <<LUA
return { title = "T", lang = "da", theme = "klassisk", chapters = { [[$ch]] },
  editions = { { name = [[$ed]], title = "R" } } }
LUA
  printf '# Kapitel\n\n%s\n' "${4:-Tekst.}" >"$1/$ch"
}

# a Makefile that includes OUT/rapport.d through a link (the test need not
# quote the out folder itself) and asks for every output
mkfile() {
  rm -rf "$TMP/mk"; mkdir -p "$TMP/mk"
  ln -s "$1/rapport.d" "$TMP/mk/rapport.d"
  printf 'BIN = %s\n-include rapport.d\nall: $(RAPPORT_OUTPUTS)\n' "$BIN" \
    >"$TMP/mk/Makefile"
}
# pwned: any marker file a name could have created
pwned() { ls "$TMP/mk" "$TMP" "$PWD" 2>/dev/null | grep -cx 'PWNED[0-9]*'; }

# make_safe LABEL PROJECT OUT CHAPTER: builds, then make reads rapport.d
make_safe() {
  label=$1; p=$2; o=$3; ch=$4
  check_status "$label: builds" 0 "$RAPPORT" build "$p" --out "$o" -q
  mkfile "$o"
  ( cd "$TMP/mk" && make -n all ) >"$TMP/make.out" 2>&1; rc=$?
  check_eq "$label: make -n parses rapport.d" "$rc" 0
  check_eq "$label: make -n runs nothing from a name" "$(pwned)" 0
  ( cd "$TMP/mk" && make -q all ) >/dev/null 2>&1
  check_eq "$label: make sees the outputs as current" "$?" 0
  touch "$p/$ch"
  ( cd "$TMP/mk" && make -q all ) >/dev/null 2>&1
  check_eq "$label: make sees the chapter as a source" "$?" 1
  ( cd "$TMP/mk" && make all ) >"$TMP/make.out" 2>&1
  check_eq "$label: make rebuilds through the recipe" "$?" 0
  check_eq "$label: the recipe runs nothing from a name" "$(pwned)" 0
  rm -f "$TMP"/PWNED* "$TMP/mk"/PWNED* ./PWNED* 2>/dev/null
}

# --- names in rapport.d --------------------------------------------------
for ch in '$(shell touch PWNED).md' 'a b.md' 'c#d.md' 'e:f.md' \
          '`touch PWNED2`.md' "q'uote \$\$PWNED.md"; do
  P="$TMP/p"; base "$P" "$ch"
  make_safe "chapter '$ch'" "$P" "$TMP/o" "$ch"
done

base "$TMP/p"
for o in 'o $(shell touch PWNED)' 'o #1' 'o:2' 'o `touch PWNED3`'; do
  rm -rf "$TMP/$o"
  make_safe "out folder '$o'" "$TMP/p" "$TMP/$o" k.md
done

base "$TMP/p" k.md 'børn_1-x'
make_safe "edition name with æøå, digits, - and _" "$TMP/p" "$TMP/o" k.md

for ed in '$(shell touch PWNED)' '`touch PWNED4`' 'a b' 'x#y' 'a:b' '-x' 'a
b'; do
  base "$TMP/p" k.md "$ed"
  check_status "edition name '$ed' refused" 1 "$RAPPORT" build "$TMP/p" --out "$TMP/o"
  check_contains "edition name '$ed': the message names rapport.lua" "$TMP/out" "rapport.lua"
  check_contains "edition name '$ed': the message says what is allowed" "$TMP/out" \
    "må kun indeholde bogstaver, tal, - og _"
  check_eq "edition name '$ed': nothing run" "$(pwned)" 0
done

nl='a
b.md'
base "$TMP/p" "$nl"
check_status "chapter name with a line break refused" 1 "$RAPPORT" build "$TMP/p" --out "$TMP/o"
check_contains "chapter name with a line break: message" "$TMP/out" \
  "kapitelfilen 'a\\nb.md' indeholder et linjeskift, som make ikke kan læse"
check_contains "chapter name with a line break: names rapport.lua" "$TMP/out" "rapport.lua"
base "$TMP/p" 'k;touch PWNED.md'
check_status "chapter name with ; refused" 1 "$RAPPORT" build "$TMP/p" --out "$TMP/o"
check_contains "chapter name with ;: message" "$TMP/out" "indeholder tegnet ';'"
base "$TMP/p"
check_status "out folder with a line break refused" 1 "$RAPPORT" build "$TMP/p" --out "$TMP/o$nl"
check_contains "out folder with a line break: message" "$TMP/out" \
  "udgavemappen '$TMP/oa\\nb.md' indeholder et linjeskift"
check_eq "nothing run by any refused name" "$(pwned)" 0

# --- an edition's outputs are replaced together or not at all -----------
P=$TMP/t; O=$TMP/to
base "$P" k.md r "Første udgave med **fed**, *kursiv* og \`kode\`."
"$RAPPORT" build "$P" --out "$O" -q
cp "$O/r.html" "$TMP/old.html"; cp "$O/r.pdf" "$TMP/old.pdf"
printf '# Kapitel\n\nAnden udgave. Med **fed**, *kursiv* og `kode`.\n' >"$P/k.md"

# a real write failure for the PDF only: a file size limit between the two
# outputs' sizes (SIGXFSZ ignored, so write() fails with EFBIG, as on a
# full disk)
hs=$(wc -c <"$O/r.html"); ps=$(wc -c <"$O/r.pdf")
lim=$(( (hs + 4096) / 512 ))
if [ "$ps" -gt $(( lim * 512 )) ]; then
  ( trap '' XFSZ; ulimit -f "$lim"; exec "$RAPPORT" build "$P" --out "$O" -j 1 ) \
    >"$TMP/out" 2>&1
  check_eq "PDF cannot be written: exit 1" "$?" 1
  check_contains "PDF cannot be written: the message names the PDF" "$TMP/out" \
    "$O/r.pdf: fejl: kan ikke skrive $O/r.pdf; findes mappen, og er der plads?"
  check "PDF cannot be written: old HTML kept" cmp "$O/r.html" "$TMP/old.html"
  check "PDF cannot be written: old PDF kept" cmp "$O/r.pdf" "$TMP/old.pdf"
  check_eq "PDF cannot be written: no temporary left" "$(ls -A "$O" | grep -c tmp)" 0
else
  fail "test setup: the PDF ($ps bytes) is not larger than the HTML ($hs)"
fi

# a folder where the PDF belongs
rm "$O/r.pdf"; mkdir "$O/r.pdf"
check_status "folder in the PDF's place: exit 1" 1 "$RAPPORT" build "$P" --out "$O" -j 1
check_contains "folder in the PDF's place: message" "$TMP/out" \
  "$O/r.pdf: fejl: her ligger en mappe, hvor udgaven skal skrives"
check "folder in the PDF's place: old HTML kept" cmp "$O/r.html" "$TMP/old.html"
rmdir "$O/r.pdf"
check_status "after the folder is gone: builds" 0 "$RAPPORT" build "$P" --out "$O"
check_contains "after the folder is gone: new HTML" "$O/r.html" "Anden udgave."

# --- two builds into one folder at once ---------------------------------
# A is long (its PDF takes most of a second), B short; B starts the
# moment A's HTML exists (as the output or its temporary): unlocked, B's
# HTML and PDF both land between A's HTML and A's PDF (10 of 10 rounds
# mixed before the lock); locked, B waits for A
base "$TMP/A" k.md r "Bygget af A."
i=0; while [ $i -lt 12000 ]; do i=$((i + 1))
  printf '\nEt afsnit med noget tekst, der fylder en linje eller to, nummer %d.\n' $i
done >>"$TMP/A/k.md"
base "$TMP/B" k.md r "Bygget af B."
O=$TMP/same; mixed=0; waited=0
for i in 1 2 3 4 5 6 7 8 9 10; do
  rm -f "$O/r.html" "$O/r.pdf"
  "$RAPPORT" build "$TMP/A" --out "$O" -q >"$TMP/a.out" 2>&1 &
  pa=$!
  n=0
  until ls -A "$O" 2>/dev/null | grep -q 'r\.html' || [ $n -ge 3000 ]; do
    sleep 0.01; n=$((n + 1)); done
  "$RAPPORT" build "$TMP/B" --out "$O" -q >"$TMP/b.out" 2>&1 &
  pb=$!
  wait "$pa"; wait "$pb"
  grep -qF "venter på, at den bliver færdig" "$TMP/b.out" && waited=$((waited + 1))
  h=$(grep -o 'Bygget af [AB]' "$O/r.html")
  p=$(pdftotext "$O/r.pdf" - 2>/dev/null | grep -o 'Bygget af [AB]')
  [ -n "$h" ] && [ "$h" = "$p" ] || { mixed=$((mixed + 1)); echo "    round $i: html '$h', pdf '$p'"; }
done
check_eq "two builds into one folder, 10 rounds: PDF and HTML from the same build" "$mixed" 0
# (a loaded machine may start B only after A is done: at least once)
[ "$waited" -gt 0 ] && pass "the second build says it waits for the first ($waited of 10 rounds)" ||
  fail "the second build never said it waited for the first"

# --- a large multi-edition build (bench/gen_large.lua) -------------------
G=$TMP/g; GO=$TMP/go
lua5.4 bench/gen_large.lua "$G" 1 >/dev/null
sed -i 's/editions = { { name = "rapport", title = "Benchmark" } },/editions = { { name = "a", title = "A" }, { name = "b", title = "B" }, { name = "c", title = "C" } },/' "$G/rapport.lua"
check "large build" "$RAPPORT" build "$G" --out "$GO" -q -j 3
sed -i '2s/;[0-9]*;/;777777;/' "$G/data/maalinger.csv"
stamp() { ls -l --full-time "$GO" | grep -v '^total'; }

# SIGKILL of the parent while the editions are built in workers: 0.3 s
# after the workers exist (they need seconds more)
"$RAPPORT" build "$G" --out "$GO" -q -j 3 >/dev/null 2>&1 &
pid=$!
n=0
until pgrep -P "$pid" >/dev/null || [ $n -ge 3000 ]; do sleep 0.01; n=$((n + 1)); done
sleep 0.3
kill -9 "$pid"; wait "$pid" 2>/dev/null
stamp >"$TMP/at-kill"
sleep 0.2
check_eq "SIGKILL of the parent: no worker left" \
  "$(ps -eo args | grep -F "$GO" | grep -vc grep)" 0
sleep 1.3
stamp >"$TMP/later"
if cmp -s "$TMP/at-kill" "$TMP/later"; then pass "SIGKILL of the parent: no output changed afterwards"
else fail "SIGKILL of the parent: outputs changed after the kill"; diff "$TMP/at-kill" "$TMP/later" | head -5; fi

# a CSV saved while the build runs: the moment the workers exist (the CSV
# has been read, no output is written yet)
check "large build before the edit" "$RAPPORT" build "$G" --out "$GO" -q -j 3
mkfile "$GO"
"$RAPPORT" build "$G" --out "$GO" -j 3 >"$TMP/out" 2>&1 &
bpid=$!
n=0
until pgrep -P "$bpid" >/dev/null || [ $n -ge 3000 ]; do sleep 0.01; n=$((n + 1)); done
sed -i '3s/;[0-9]*;/;888888;/' "$G/data/maalinger.csv"
ls -A "$GO" | grep -c tmp >"$TMP/temps-at-edit"
wait "$bpid"; rc=$?
check_eq "the CSV was saved after the workers started, before any output" \
  "$(cat "$TMP/temps-at-edit")" 0
"$RAPPORT" build "$G" --out "$TMP/ref" -q -j 3
( cd "$TMP/mk" && make -q all ) >/dev/null 2>&1; current=$?
if [ "$current" = 0 ]; then
  if cmp -s "$GO/a.html" "$TMP/ref/a.html" && cmp -s "$GO/c.pdf" "$TMP/ref/c.pdf"; then
    pass "CSV saved during the build: outputs make calls current are from the new CSV (exit $rc)"
  else
    fail "CSV saved during the build: make calls stale outputs current (exit $rc)"
  fi
else
  pass "CSV saved during the build: make rebuilds (exit $rc)"
fi
check_contains "CSV saved during the build: the build says so" "$TMP/out" \
  "maalinger.csv blev ændret under bygningen; bygger igen"

# a source saved just before the build, in the clock tick the build starts
# in (file systems with fine timestamps date it after the coarse start):
# built from it with no word of a change during the build
mkdir -p "$TMP/tick"
said=0
for i in $(seq 1 40); do
  echo "-- $i" >>"$G/rapport.lua"
  "$RAPPORT" build "$G" --out "$TMP/tick" --edition a --format html -q \
    >"$TMP/tick.out" 2>&1 || said=$((said + 100))
  grep -q 'ændret' "$TMP/tick.out" && said=$((said + 1))
done
check_eq "40 builds each right after a save: none says the file changed during it" \
  "$said" 0

# a CSV saved again and again: the repeat sees a change too, and the build
# fails without replacing anything, so make still rebuilds
cp "$GO/a.html" "$TMP/a-before.html"
( n=0; while [ ! -e "$TMP/stop" ]; do n=$((n + 1))
    sed -i "4s/;[0-9]*;/;$n;/" "$G/data/maalinger.csv"; sleep 0.01; done ) &
epid=$!
"$RAPPORT" build "$G" --out "$GO" --edition a -j 1 >"$TMP/out" 2>&1; rc=$?
touch "$TMP/stop"; wait "$epid"
check_eq "CSV saved throughout the build: exit 1" "$rc" 1
check_contains "CSV saved throughout the build: the repeat was tried" "$TMP/out" \
  "maalinger.csv blev ændret under bygningen; bygger igen"
check_contains "CSV saved throughout the build: the error" "$TMP/out" \
  "maalinger.csv: fejl: filen blev ændret, mens udgaven blev bygget; udgavens gamle filer er bevaret"
check "CSV saved throughout the build: old HTML kept" cmp "$GO/a.html" "$TMP/a-before.html"
( cd "$TMP/mk" && make -q all ) >/dev/null 2>&1
check_eq "CSV saved throughout the build: make rebuilds" "$?" 1
