# Editions built in parallel (-j N, issue 8): every output, dependency file
# and change report is byte for byte what -j 1 writes; what is printed
# (progress, diagnostics) comes in edition order; an error in one edition's
# content gives exit 1 with its file:line:column and leaves that edition's
# last good outputs in place.
. tests/lib.sh

P="$TMP/proj"
copy_example "$P"

# progress lines without their timings ("(113 ms: ...)", "på 133 ms")
strip_times() { sed -e 's/  *(.* ms: .*)$//' -e 's/ på [0-9]* ms$//' "$1"; }

# build J ARGS...: a build into $TMP/o, stdout in $TMP/j$J.out, stderr in
# $TMP/j$J.err
build() {
  j=$1; shift
  "$RAPPORT" build "$P" -j "$j" --out "$TMP/o" "$@" >"$TMP/j$j.out" 2>"$TMP/j$j.err"
}

# same_tree NAME A B: every file under A (outputs, .rapport/*.d, *.sums,
# rapport.d) is in B with the same bytes, and B has no others
same_tree() {
  if diff -r "$2" "$3" >"$TMP/diff.txt" 2>&1; then pass "$1"; else
    fail "$1"; head -5 "$TMP/diff.txt" | sed 's/^/    /'; fi
}

# one run with -j 1, one with -j 2, each from an empty folder and each an
# internal build followed by a public one (as `make example` does); the
# folder has the same name both times, since the .d files name it
for j in 1 2; do
  rm -rf "$TMP/o"
  build "$j"; echo "status $?" >>"$TMP/j$j.out"
  mv "$TMP/j$j.out" "$TMP/int$j.out"; mv "$TMP/j$j.err" "$TMP/int$j.err"
  build "$j" --public; echo "status $?" >>"$TMP/j$j.out"
  mv "$TMP/j$j.out" "$TMP/pub$j.out"; mv "$TMP/j$j.err" "$TMP/pub$j.err"
  # a second build: the change report compares with the first one's sums
  build "$j"; echo "status $?" >>"$TMP/j$j.out"
  mv "$TMP/j$j.out" "$TMP/again$j.out"
  rm -rf "$TMP/tree$j"; cp -r "$TMP/o" "$TMP/tree$j"
done
check_contains "-j 2 builds both editions" "$TMP/int2.out" "slut: html pdf"
check_contains "-j 2 builds the public editions" "$TMP/pub2.out" "slut-offentlig: html pdf"
check_contains "-j 2 reports what changed" "$TMP/again2.out" \
  "slut: ingen tabeller eller figurer er ændret"
for f in midtvejs.pdf midtvejs.html slut.pdf slut.html offentlig/midtvejs-offentlig.pdf \
         offentlig/midtvejs-offentlig.html offentlig/slut-offentlig.pdf \
         offentlig/slut-offentlig.html; do
  if [ -s "$TMP/tree2/$f" ] && cmp -s "$TMP/tree1/$f" "$TMP/tree2/$f"; then
    pass "$f from -j 2 is byte-identical to -j 1"
  else fail "$f from -j 2 differs from -j 1 (or is missing)"; fi
done
same_tree "outputs, dependency files and sums identical with -j 1 and -j 2" \
  "$TMP/tree1" "$TMP/tree2"
for run in int pub again; do
  strip_times "$TMP/${run}1.out" >"$TMP/${run}1.txt"
  strip_times "$TMP/${run}2.out" >"$TMP/${run}2.txt"
  if cmp -s "$TMP/${run}1.txt" "$TMP/${run}2.txt"; then
    pass "$run: the same lines in the same order with -j 1 and -j 2"
  else
    fail "$run: the printed lines differ between -j 1 and -j 2"
    diff "$TMP/${run}1.txt" "$TMP/${run}2.txt" | head -8 | sed 's/^/    /'
  fi
done
check_eq "nothing on stderr for a clean -j 2 build" "$(cat "$TMP/int2.err")" ""

# ---- warnings from each edition, relayed in edition order ----
printf '\n<div>midt-advarsel</div>\n' >>"$P/kapitler/midtvejs/08-anbefalinger.md"
printf '\n<div>slut-advarsel</div>\n' >>"$P/kapitler/slut/08-konklusion.md"
# a build in the clock tick of the edits would take them for saved during
# it and say it builds again, on stderr of one run and not the other
sleep 0.1
for j in 1 2; do
  build "$j"; echo "status $?" >>"$TMP/j$j.out"
done
check_contains "warnings keep file:line:column" "$TMP/j2.err" \
  "kapitler/midtvejs/08-anbefalinger.md:"
if grep -q 'midt-advarsel' "$TMP/j2.err" && grep -q 'slut-advarsel' "$TMP/j2.err" &&
   [ "$(grep -n 'midt-advarsel' "$TMP/j2.err" | cut -d: -f1)" -lt \
     "$(grep -n 'slut-advarsel' "$TMP/j2.err" | cut -d: -f1)" ]; then
  pass "the warnings of both editions, in edition order"
else fail "warnings missing or out of order: $(cat "$TMP/j2.err")"; fi
if cmp -s "$TMP/j1.err" "$TMP/j2.err"; then pass "stderr identical with -j 1 and -j 2"
else fail "stderr differs between -j 1 and -j 2"; diff "$TMP/j1.err" "$TMP/j2.err" | head -6; fi
strip_times "$TMP/j1.out" >"$TMP/w1.txt"; strip_times "$TMP/j2.out" >"$TMP/w2.txt"
if cmp -s "$TMP/w1.txt" "$TMP/w2.txt"; then pass "stdout identical with warnings"
else fail "stdout differs with warnings"; fi

# ---- an error in one edition's content ----
rm -rf "$P"; copy_example "$P"
build 2 >/dev/null
cp -r "$TMP/o" "$TMP/good"
# invalid UTF-8 on line 3 of a chapter only the midway edition has
sed -i '3s/$/ \xff/' "$P/kapitler/midtvejs/05-placering.md"
check_status "an error in one edition gives exit 1 with -j 2" 1 \
  "$RAPPORT" build "$P" -j 2 --out "$TMP/o"
if grep -qE 'kapitler/midtvejs/05-placering\.md:3:[0-9]+: fejl' "$TMP/out"; then
  pass "the error names file:line:column"
else fail "no file:line:column error: $(head -3 "$TMP/out")"; fi
for f in midtvejs.pdf midtvejs.html; do
  if cmp -s "$TMP/good/$f" "$TMP/o/$f"; then
    pass "the failed edition's last good $f is untouched"
  else fail "the failed edition's $f changed"; fi
done
check_contains "the other edition is still built and reported" "$TMP/out" "slut: html pdf"
check_not_contains "no success line after a failure" "$TMP/out" "udgaver bygget"
check_status "the same error with -j 1" 1 "$RAPPORT" build "$P" -j 1 --out "$TMP/o"
if grep -qE 'kapitler/midtvejs/05-placering\.md:3:[0-9]+: fejl' "$TMP/out"; then
  pass "-j 1 names the same place"
else fail "-j 1: no file:line:column error"; fi

# ---- the option ----
check_status "-j 0 is a usage error" 2 "$RAPPORT" build "$P" -j 0
check_contains "-j 0 says what is wanted" "$TMP/out" "kræver et antal"
check_status "-j without a number is a usage error" 2 "$RAPPORT" build "$P" -j
"$RAPPORT" --help >"$TMP/help.txt"
check_contains "--help describes --jobs" "$TMP/help.txt" "--jobs N"
