# The README's "Install and start a new project", run as written there: the
# commands are read from the README's first sh block of that section (not
# copied here). `make install` runs in this repository with DESTDIR into a
# temporary folder; the rapport commands run in a folder outside the
# repository with the installed binary first on PATH and RAPPORT_HOME unset.
# Then: a binary copied alone says what is missing and where it looked.
. tests/lib.sh
REPO=$PWD
unset RAPPORT_HOME
DEST=$TMP/dest
WORK=$TMP/work
mkdir -p "$WORK"

awk '/^## Install and start a new project/ { s = 1; next }
     s && /^## / { exit }
     s && /^```sh/ { b = 1; next }
     b && /^```/ { exit }
     b { print }' README.md | sed 's/[[:space:]]*#.*$//; /^[[:space:]]*$/d' \
  >"$TMP/cmds"
check "the README's new-user section has an install, a new and a build" \
  sh -c "grep -q '^make install' '$TMP/cmds' && grep -q '^rapport new ' '$TMP/cmds' \
         && grep -q '^rapport build ' '$TMP/cmds'"

n=0
while IFS= read -r cmd; do
  n=$((n + 1))
  case $cmd in
    make*)
      # word splitting of $cmd is intended: the README's words as written
      (cd "$REPO" && $cmd DESTDIR="$DEST") >"$TMP/cmd$n.out" 2>&1
      rc=$?
      BINDIR=$(dirname "$(find "$DEST" -type f -path '*/bin/rapport' | head -n 1)")
      ;;
    rapport\ new\ *)
      set -- $cmd
      PROJECT=$3
      (cd "$WORK" && PATH="$BINDIR:$PATH" $cmd) >"$TMP/cmd$n.out" 2>"$TMP/cmd$n.err"
      rc=$?
      ;;
    rapport*)
      (cd "$WORK" && PATH="$BINDIR:$PATH" $cmd) >"$TMP/cmd$n.out" 2>"$TMP/cmd$n.err"
      rc=$?
      ;;
    *)
      rc=unknown
      ;;
  esac
  if [ "$rc" = 0 ]; then pass "README: '$cmd' exits 0"; else
    fail "README: '$cmd' exits $rc"; sed 's/^/    /' "$TMP/cmd$n.out" | tail -n 15
    cat "$TMP/cmd$n.err" 2>/dev/null | sed 's/^/    /' | head -n 15; fi
  if [ -f "$TMP/cmd$n.err" ]; then
    if [ -s "$TMP/cmd$n.err" ]; then
      fail "README: '$cmd' prints nothing on stderr (no warning)"
      sed 's/^/    /' "$TMP/cmd$n.err" | head -n 15
    else pass "README: '$cmd' prints nothing on stderr (no warning)"; fi
  fi
done <"$TMP/cmds"

check "make install put the binary in DESTDIR" test -x "$BINDIR/rapport"
SHARE=$(dirname "$BINDIR")/share/rapport
for d in lua/locale lua/components lua/lib themes/klassisk templates/følgeforskning templates/enkel; do
  check "make install put $d in $SHARE" test -d "$SHARE/$d"
done
check "the installed binary is not the repository's" \
  sh -c "! cmp -s '$BINDIR/rapport' /dev/null && [ '$BINDIR/rapport' != '$REPO/bin/rapport' ]"

OUT=$WORK/out/$PROJECT
check "the build wrote a PDF in out/$PROJECT/" sh -c "ls '$OUT'/*.pdf"
check "the build wrote an HTML in out/$PROJECT/" sh -c "ls '$OUT'/*.html"
# the chapter's heading, as the new project's chapter file has it
heading=$(sed -n 's/^# \([^{]*\).*/\1/p' "$WORK/$PROJECT"/kapitler/*.md | head -n 1 | sed 's/ *$//')
check "the new project has a chapter heading" test -n "$heading"
for pdf in "$OUT"/*.pdf; do
  pdftotext "$pdf" "$TMP/pdf.txt"
  check_contains "the PDF shows the chapter's heading '$heading'" "$TMP/pdf.txt" "$heading"
done
for html in "$OUT"/*.html; do
  check_contains "the HTML shows the chapter's heading '$heading'" "$html" "$heading"
done
# the installed files were read, not the repository's (the editions'
# dependency files name every file a build read)
cat "$OUT"/.rapport/*.d >"$TMP/deps" 2>/dev/null
check_contains "the build read the installed components" "$TMP/deps" "$SHARE/lua/components/"
check_contains "the build read the installed theme" "$TMP/deps" "$SHARE/themes/"
check_not_contains "the build did not read the repository's lua/" "$TMP/deps" "$REPO/lua"

# The README's other parts for a new user, followed as written there on
# the new project, with the installed binary: a project's own theme ("A
# project's own theme.": the theme.lua block, saved where its first line
# says) and conditional content (the Markdown block of "Indhold kun til
# nogle udgaver", appended to the chapter; a second edition, "slut", as the
# new project's rapport.lua suggests in a comment).
readme_block() { # SECTION-START FENCE: the first FENCE block after it
  awk -v start="$1" -v fence="$2" 'index($0, start) == 1 { s = 1; next }
    s && $0 == fence { b = 1; next }
    b && /^```/ { exit }
    b { print }' README.md
}
readme_block "**A project's own theme.**" '```lua' >"$TMP/theme.lua"
theme_path=$(sed -n '1s/^-- *//p' "$TMP/theme.lua")
check "the README's theme block says where it goes, in the new project" \
  sh -c "case '$theme_path' in '$PROJECT'/themes/*/theme.lua) exit 0 ;; *) exit 1 ;; esac"
theme_name=$(basename "$(dirname "$theme_path")")
mkdir -p "$WORK/$(dirname "$theme_path")"
cp "$TMP/theme.lua" "$WORK/$theme_path"
sed -i "s/^  theme = \"[a-z]*\",/  theme = \"$theme_name\",/" "$WORK/$PROJECT/rapport.lua"
check_contains "(the test chose the theme as the README says)" "$WORK/$PROJECT/rapport.lua" "theme = \"$theme_name\""
readme_block "### Indhold kun til nogle udgaver" '```markdown' >"$TMP/cond.md"
check "the README's conditional block is there" grep -q '^::: {.intern}' "$TMP/cond.md"
printf '\n' >>"$WORK/$PROJECT/kapitler/01-indledning.md"
cat "$TMP/cond.md" >>"$WORK/$PROJECT/kapitler/01-indledning.md"
slut=$(sed -n 's|^  -- \({ name = "slut".*\)$|    \1|p' "$WORK/$PROJECT/rapport.lua")
awk -v add="$slut" '{ print } /^    { name = "midtvejs"/ { print add }' "$WORK/$PROJECT/rapport.lua" >"$TMP/r.lua"
cp "$TMP/r.lua" "$WORK/$PROJECT/rapport.lua"
check_contains "(the test added the slut edition)" "$WORK/$PROJECT/rapport.lua" '    { name = "slut"'
for pub in "" --public; do
  (cd "$WORK" && PATH="$BINDIR:$PATH" rapport build "$PROJECT" $pub) \
    >"$TMP/t.out" 2>"$TMP/t.err"
  check_eq "the theme and the blocks: build $pub exits 0" "$?" 0
  # (the test's edits were made a moment before: a build in the same
  # clock tick takes them for saved during it and says it builds again)
  check_eq "... with nothing on stderr" "$(grep -v 'bygger igen$' "$TMP/t.err")" ""
done
pdffonts "$OUT/midtvejs.pdf" >"$TMP/fonts"
check_contains "the project's theme: its body font in the PDF" "$TMP/fonts" "Carlito"
check_not_contains "... instead of klassisk's" "$TMP/fonts" "LiberationSerif"
check_contains "the project's theme was read from the project" "$OUT/.rapport/midtvejs.d" "$theme_path"
# where each of the README's lines belongs:  midtvejs slut midtvejs-off slut-off
for want in "Kun i de interne udgaver:y y n n" "Kun i den offentlige udgave:n n y y" \
            "Kun i slutrapporten:n y n y" "Blokke kan ligge i hinanden:n y n n"; do
  text=${want%%:*}; set -- ${want#*:}
  for ed in midtvejs slut offentlig/midtvejs-offentlig offentlig/slut-offentlig; do
    if pdftotext "$OUT/$ed.pdf" - 2>/dev/null | grep -qF "$text"; then got=y; else got=n; fi
    check_eq "'$text' in $ed.pdf" "$got" "$1"
    shift
  done
done

# A binary copied alone, away from its files: the message names what is
# missing and every place it looked (it used to say "sproget 'da' findes
# ikke"). If this machine has rapport installed under the compiled-in
# /usr/local, the copy finds it there: that is the last place it looks.
mkdir -p "$TMP/alene/bin"
cp "$BINDIR/rapport" "$TMP/alene/bin/rapport"
if [ -f /usr/local/share/rapport/lua/locale/da.lua ]; then
  check_status "a copied binary finds the installation under /usr/local" 0 \
    "$TMP/alene/bin/rapport" check "$WORK/$PROJECT"
else
  check_status "a copied binary stops with exit 1" 1 \
    "$TMP/alene/bin/rapport" build "$WORK/$PROJECT" --out "$TMP/alene/out"
  check_contains "it names itself and what is missing" "$TMP/out" \
    "$TMP/alene/bin/rapport: fejl: rapports egne filer (lua/, themes/ og templates/) findes ikke"
  check_contains "it names the installed layout it tried" "$TMP/out" \
    "$TMP/alene/share/rapport: mappen findes ikke"
  check_contains "it names the source-tree layout it tried" "$TMP/out" \
    "$TMP/alene: mangler lua/locale/da.lua"
  check_contains "it names the compiled-in PREFIX" "$TMP/out" \
    "/usr/local/share/rapport: mappen findes ikke"
  check_contains "it says how to fix it" "$TMP/out" "sæt RAPPORT_HOME til mappen"
  check_not_contains "no misleading language message" "$TMP/out" "sproget"
  check_status "rapport new with a copied binary stops with exit 1" 1 \
    "$TMP/alene/bin/rapport" new "$TMP/alene/nyt"
  check_contains "and says where it looked" "$TMP/out" "ledte efter dem i:"
  check "and writes nothing" test ! -e "$TMP/alene/nyt"
fi
# RAPPORT_HOME points the copy at the installed files
check_status "RAPPORT_HOME makes the copy work" 0 env RAPPORT_HOME="$SHARE" \
  "$TMP/alene/bin/rapport" check "$WORK/$PROJECT"
check_status "a wrong RAPPORT_HOME is the one place named" 1 \
  env RAPPORT_HOME="$TMP/ingen" "$TMP/alene/bin/rapport" check "$WORK/$PROJECT"
check_contains "the wrong RAPPORT_HOME is named" "$TMP/out" "$TMP/ingen: mappen findes ikke"

check_status "make uninstall exits 0" 0 make -s -C "$REPO" uninstall DESTDIR="$DEST"
check "make uninstall removed the binary and share/rapport" \
  sh -c "[ ! -e '$BINDIR/rapport' ] && [ ! -e '$SHARE' ]"
