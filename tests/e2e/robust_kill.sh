#!/bin/sh
# robust_kill.sh - a build killed (SIGKILL or SIGTERM) while it works, and
# above all while it writes the PDF, leaves the previous PDF byte for byte
# intact and valid, and no temporary file that looks like an output: the
# PDF is written to a hidden ".<name>.tmp-<pid>" file and renamed into
# place (src/util/fs.c). A stale hidden temp file left by SIGKILL is removed
# by the next build that writes the same output.
. tests/lib.sh

P=$TMP/proj
OUT=$TMP/out
lua5.4 bench/gen_large.lua "$P" 1 >/dev/null
# 8 of the 40 chapters (~90 pages): the PDF still takes a moment, the test
# stays short
sed -i 's#"kapitler/009.md", ##; s#"kapitler/01[0-9].md", ##g; s#"kapitler/0[2-3][0-9].md", ##g; s#, "kapitler/040.md"##' "$P/rapport.lua"

check "first build" "$RAPPORT" build "$P" --format pdf --out "$OUT" -q
cp "$OUT/rapport.pdf" "$TMP/good.pdf"
cp "$OUT/rapport.pdf" "$TMP/first.pdf"

# edit the data so a rebuild would write a different PDF
sed -i '2s/;[0-9]*;/;999999;/' "$P/data/maalinger.csv"
# what a complete rebuild writes (builds are reproducible): a kill that
# lands after the rename must leave exactly this, never anything in between
check "reference rebuild" "$RAPPORT" build "$P" --format pdf --out "$TMP/ref" -q
NEW=$TMP/ref/rapport.pdf
# old_or_new NAME: the PDF in place is the previous one or the complete new one
old_or_new() {
  if cmp -s "$OUT/rapport.pdf" "$TMP/good.pdf"; then pass "$1: previous PDF identical"
  elif cmp -s "$OUT/rapport.pdf" "$NEW"; then
    pass "$1: killed after the rename, the complete new PDF"
    cp "$NEW" "$TMP/good.pdf"
  else fail "$1: the PDF in place is neither the previous nor the new one"; fi
  check "$1: PDF valid" qpdf --check "$OUT/rapport.pdf"
}

# temp files that look like outputs: any visible file besides rapport.pdf
visible_junk() { ls "$OUT" | grep -v '^rapport\.pdf$'; }

# a tiny inotify watcher that sends the signal the moment the PDF's temp
# file is created (a shell poll loop almost never catches the write)
cc -O2 -o "$TMP/killer" tests/fixtures/robust/killer.c

# kill_when SIGNAL WHEN: starts a rebuild and sends SIGNAL at WHEN, which
# is "tmp" (as soon as the PDF's temp file is created) or a delay in
# seconds. Prints "killed" or "finished".
kill_when() {
  sig=$1; when=$2
  "$RAPPORT" build "$P" --format pdf --out "$OUT" -q >/dev/null 2>&1 &
  pid=$!
  if [ "$when" = tmp ]; then
    "$TMP/killer" "$OUT" "$pid" "$(case $sig in KILL) echo 9 ;; *) echo 15 ;; esac)" \
      >"$TMP/killer.out" &
    kpid=$!
    wait "$pid" 2>/dev/null; rc=$?
    kill "$kpid" 2>/dev/null; wait "$kpid" 2>/dev/null
    if [ -s "$TMP/killer.out" ] && [ "$rc" -gt 128 ]; then echo killed
    else echo finished; fi
    return
  fi
  sleep "$when"
  if kill -0 "$pid" 2>/dev/null && kill "-$sig" "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null; echo "killed"
  else
    wait "$pid" 2>/dev/null; echo "finished"
  fi
}

caught_tmp=0 kills=0
for attempt in 1 2 3; do
  r=$(kill_when KILL tmp)
  [ "$r" = killed ] || continue
  kills=$((kills + 1))
  if cmp -s "$OUT/rapport.pdf" "$TMP/good.pdf"; then caught_tmp=1; break; fi
  old_or_new "SIGKILL just after the temp file appeared"
done
if [ "$caught_tmp" = 1 ]; then
  pass "SIGKILL while the PDF temp file is written"
  check "previous PDF valid after SIGKILL during the write" qpdf --check "$OUT/rapport.pdf"
  check_eq "no visible temp file after SIGKILL during the write" "$(visible_junk)" ""
  ls -a "$OUT" | grep '\.tmp-' >"$TMP/stale"
  echo "    stale hidden temp files: $(tr '\n' ' ' <"$TMP/stale")"
else
  # the write window is short; on a fast machine even inotify may miss it
  echo "    the PDF temp file was never caught before the rename"
fi

for t in 0.05 0.2 1; do
  r=$(kill_when KILL "$t")
  [ "$r" = killed ] && kills=$((kills + 1)) && old_or_new "SIGKILL at ${t}s"
done
check_eq "no visible temp file after the SIGKILLs" "$(visible_junk)" ""

for when in 0.2 tmp; do
  r=$(kill_when TERM "$when")
  [ "$r" = killed ] && kills=$((kills + 1)) && old_or_new "SIGTERM at $when"
done
# every check above is about a build that was killed: if none was (each
# finished before its signal), nothing was tested
check "builds were killed while working ($kills of 8)" [ "$kills" -gt 0 ]
check_eq "no visible temp file after SIGTERM" "$(visible_junk)" ""

check "rebuild after the kills" "$RAPPORT" build "$P" --format pdf --out "$OUT" -q
check "rebuilt PDF valid" qpdf --check "$OUT/rapport.pdf"
check "rebuilt PDF is the new one" cmp "$OUT/rapport.pdf" "$NEW"
check_eq "no temp file left, hidden or not, after a complete rebuild" \
  "$(ls -a "$OUT" | grep '\.tmp-')" ""
