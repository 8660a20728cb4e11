#!/bin/sh
# faults.sh - fault injection in the style of SQLite's tests (issue 14):
# the fault build (`make faults`, src/util/fault.h) builds the example,
# and for every site it reached (each allocating call, in rapport and in
# the libraries linked into it, and each open/write/close/rename/mkdir of
# util/fs.c) one more build is run in which the first call at that site
# fails. Each such build must end with exit status 1 and a message (or
# with status 0 if the failure was recovered), never with a signal or a
# library's abort, and must leave every output of the previous build
# either byte for byte as it was or as the complete new output (builds are
# reproducible), with no temp file left over.
# Takes about a minute per scenario; FAULTS=0 skips it.
. tests/lib.sh
[ "${FAULTS:-1}" = 0 ] && { echo "    skipped (FAULTS=0)"; exit 0; }
if ! make --no-print-directory faults >"$TMP/build.log" 2>&1; then
  fail "fault build (make faults)"; tail -20 "$TMP/build.log"; exit 0
fi
F=$PWD/build-fault/bin/rapport

# the project as it is, and an older version of it whose outputs the
# builds under test find in place (so a build that fails halfway could
# leave a mix of old and new behind). Both are built in the same folders
# ($TMP/ex into $TMP/run): the dependency files name them.
copy_example "$TMP/new"
copy_example "$TMP/old"
echo "Et afsnit, som kun den forrige udgave havde." >>"$TMP/old/kapitler/09-bilag.md"

# where NAME: the site NAME ("alloc rapport+0x1234") as function and line
where() {
  off=${1##*+}
  case $1 in
    *" rapport+"*) addr2line -f -i -p -e "$F" "$off" 2>/dev/null |
                     sed "s#$PWD/##g" | tr '\n' ' ' ;;
  esac
}

# outputs_ok DIR: every file in DIR is as in $before or as in $ref (or
# else a valid PDF or a complete HTML file: then $TMP/other is made), none
# is missing, none is a temp file; prints one line per problem
outputs_ok() {
  # an edition whose dependency file could not be written loses its rule
  # on purpose (build.c S_write_deps: make then builds it again), and says so
  nodeps=; grep -q 'afhængighedsfilen kan ikke skrives' "$TMP/e" && nodeps=1
  (cd "$before" && find . -type f) | while read -r f; do
    case $nodeps$f in 1./.rapport/*.d) continue ;; esac
    [ -e "$1/$f" ] || echo "$f removed"
  done
  (cd "$1" && find . -type f) | while read -r f; do
    case $f in *.tmp-*) echo "$f: temp file left"; continue ;; esac
    cmp -s "$1/$f" "$before/$f" || cmp -s "$1/$f" "$ref/$f" && continue
    [ "$nodeps$f" = 1./rapport.d ] && continue
    # a new output made another way (pdf_fix keeps a stream it could not
    # compress as it is): complete and valid
    case $f in
      *.pdf) qpdf --check "$1/$f" >/dev/null 2>&1 &&
               { touch "$TMP/other"; continue; } ;;
      *.html) tail -c 8 "$1/$f" | grep -q '</html>' &&
               { touch "$TMP/other"; continue; } ;;
    esac
    echo "$f is neither the previous nor the new output"
  done
}

# inject SPEC ARGS...: one build with ARGS in which the call SPEC
# ("NAME" or "NAME#N") fails; counts it and prints FAIL for a problem
inject() {
  spec=$1; shift
  rm -rf "$TMP/run"
  cp -a "$before" "$TMP/run"
  rm -f "$TMP/one.log" "$TMP/other"
  # a hang is a failure too (timeout: status 124)
  RAPPORT_FAULT=$spec RAPPORT_FAULT_LOG=$TMP/one.log timeout 60 \
    "$F" build "$TMP/ex" "$@" --out "$TMP/run" >"$TMP/o" 2>"$TMP/e"
  rc=$?
  if ! grep -q '^fail ' "$TMP/one.log"; then
    missed=$((missed + 1)); return
  fi
  reached=$((reached + 1))
  case $spec in alloc*) alloc=$((alloc + 1)) ;; *) io=$((io + 1)) ;; esac
  grep -q 'hukommelsen slap op' "$TMP/e" || echo "${spec%#*}" >>"$TMP/handled"
  head -1 "$TMP/e" | sed "s#$TMP/##g; s/[0-9][0-9]* ms/N ms/" >>"$TMP/messages"
  problem=$(outputs_ok "$TMP/run" | head -3 | tr '\n' ';')
  [ -e "$TMP/other" ] && other=$((other + 1))
  if [ "$rc" = 0 ]; then
    recovered=$((recovered + 1))
    # a failure that is recovered must not cost an output
    for o in "$ref"/*.pdf "$ref"/*.html "$ref"/offentlig/*.pdf "$ref"/offentlig/*.html; do
      [ -e "$o" ] || continue
      cmp -s "$o" "$TMP/run/${o#"$ref"/}" || [ -e "$TMP/other" ] ||
        problem="$problem ${o#"$ref"/} not written, yet exit status 0;"
    done
  elif [ "$rc" = 1 ]; then
    failed=$((failed + 1))
    [ -s "$TMP/e" ] || problem="$problem exit 1 without a message;"
    if grep -qE 'PANIC|Sanitizer|\[cmark\]|abort|runtime error' "$TMP/e"; then
      problem="$problem a library's crash message: $(head -1 "$TMP/e");"
    fi
  else
    problem="$problem exit status $rc: $(head -2 "$TMP/e" | tr '\n' ' ');"
  fi
  if [ -n "$problem" ]; then
    bad=$((bad + 1))
    fail "faults $label: $spec ($(where "${spec%#*}")): $problem"
  fi
}

# scenario LABEL ARGS...: the builds with ARGS under every fault
scenario() {
  label=$1; shift
  before=$TMP/before-$label; ref=$TMP/ref-$label
  rm -rf "$TMP/ex" "$TMP/run"
  cp -r "$TMP/old" "$TMP/ex"
  if ! "$F" build "$TMP/ex" "$@" --out "$TMP/run" >"$TMP/b.log" 2>&1; then
    fail "faults $label: the previous build"; head "$TMP/b.log"; return
  fi
  mv "$TMP/run" "$before"
  # without the font cache (layout/font_find.c) fontconfig, expat and
  # FreeType run too
  [ "$label" = fonts ] && rm "$before/.rapport/fonts.tsv"
  rm -rf "$TMP/ex"
  cp -r "$TMP/new" "$TMP/ex"
  cp -a "$before" "$TMP/run"
  rm -f "$TMP/sites.log"
  if ! RAPPORT_FAULT_LOG=$TMP/sites.log "$F" build "$TMP/ex" "$@" \
      --out "$TMP/run" >"$TMP/b.log" 2>&1; then
    fail "faults $label: the build without faults"; head "$TMP/b.log"; return
  fi
  mv "$TMP/run" "$ref"
  # (a public edition's outputs are in offentlig/)
  for p in "$ref"/*.pdf "$ref"/offentlig/*.pdf; do
    [ -e "$p" ] || continue
    qpdf --check "$p" >/dev/null 2>&1 || fail "faults $label: $p not valid"
  done
  # the outputs must change, or "as before" would prove nothing
  for o in "$ref"/*.pdf "$ref"/*.html "$ref"/offentlig/*.pdf "$ref"/offentlig/*.html; do
    [ -e "$o" ] || continue
    cmp -s "$o" "$before/${o#"$ref"/}" && fail "faults $label: $o did not change"
  done
  # the sites an earlier scenario has not failed yet (a site is a place
  # in the code: its failure is handled the same way in either edition)
  sed -n 's/^site //p' "$TMP/sites.log" | sort -u | comm -23 - "$TMP/done" \
    >"$TMP/sites"
  cat "$TMP/sites" >>"$TMP/done"
  sort -o "$TMP/done" "$TMP/done"
  reached=0 alloc=0 io=0 later=0 failed=0 recovered=0 other=0 bad=0 missed=0
  : >"$TMP/handled"; : >"$TMP/messages"
  while read -r site; do
    inject "$site" "$@"
  done <"$TMP/sites"
  first=$reached
  # a site whose failure the code handled itself (not through mem_fail):
  # its second, middle and last call too, since such a site can be a
  # funnel (libharu's HPDF_GetMem, a Lua state's allocator) that each
  # stage handles its own way
  while read -r site; do
    n=$(awk -v s="$site" '$1 == "calls" { n = $2; $1 = $2 = "";
      sub(/^ +/, ""); if ($0 == s) { print n; exit } }' "$TMP/sites.log")
    [ -n "$n" ] || continue
    for k in 2 $((n / 2)) "$n"; do echo "$k"; done | sort -un | while read -r k; do
      [ "$k" -ge 2 ] && [ "$k" -le "$n" ] && echo "$site#$k"
    done
  done <"$TMP/handled" >"$TMP/later"
  while read -r spec; do
    inject "$spec" "$@"
  done <"$TMP/later"
  later=$((reached - first))
  total=$(wc -l <"$TMP/sites")
  if [ "$reached" -gt 0 ] && [ "$bad" = 0 ] && [ "$missed" -lt "$total" ]; then
    pass "faults $label: $first sites reached, $reached faults injected ($alloc allocation, $io I/O; $later at a later call of a site), $failed failed with a message, $recovered recovered ($other of them with an output made another way), 0 corruptions"
  else
    fail "faults $label: $reached sites reached, $bad with problems"
  fi
  # a site that the fault run never reached though the good run did: the
  # build is not deterministic up to it (reported, not failed)
  [ "$missed" = 0 ] || echo "    $missed of $total sites not reached again"
  echo "    the messages (first line of stderr) of the failed builds:"
  sort "$TMP/messages" | uniq -c | sort -rn | sed 's/^/    /'
}

# FAULT_SCENARIOS="internal" runs one of them
: >"$TMP/done"
# "fonts" (without the font cache) is not in the default set: fontconfig
# 2.14 deadlocks on its own cache mutex when an allocation in
# FcDirCacheBuild fails (FcCacheInsert waits forever; a library bug that
# rapport cannot route around); FAULT_SCENARIOS=fonts runs it
for s in ${FAULT_SCENARIOS:-internal public}; do
  case $s in
    internal) scenario internal --edition midtvejs -j 1 -q ;;
    public) scenario public --edition midtvejs --public -j 1 -q ;;
    fonts) scenario fonts --edition midtvejs -j 1 -q ;;
  esac
done
