# The command line: help, version, usage errors (exit 2), missing project
# (exit 1), and errors in rapport.lua.
. tests/lib.sh

check_status "--help exits 0" 0 "$RAPPORT" --help
check_contains "--help names the build command" "$TMP/out" "rapport build PROJEKT"
check_contains "--help explains exit status" "$TMP/out" "Afslutningsstatus"
check_status "--version exits 0" 0 "$RAPPORT" --version
check_contains "--version prints a version" "$TMP/out" "rapport 0."
check_status "no command is a usage error" 2 "$RAPPORT"
check_status "unknown command is a usage error" 2 "$RAPPORT" bygg content/eksempel
check_contains "unknown command is named" "$TMP/out" "ukendt kommando 'bygg'"
check_status "unknown flag is a usage error" 2 "$RAPPORT" build content/eksempel --fast
check_contains "unknown flag is named" "$TMP/out" "ukendt tilvalg '--fast'"
check_status "unknown format is a usage error" 2 "$RAPPORT" build content/eksempel --format odt
check_status "build without project is a usage error" 2 "$RAPPORT" build
check_status "missing project folder exits 1" 1 "$RAPPORT" build "$TMP/findes-ikke"
check_contains "missing project folder is named" "$TMP/out" "findes-ikke"
mkdir -p "$TMP/tom"
check_status "folder without rapport.lua exits 1" 1 "$RAPPORT" check "$TMP/tom"
check_contains "missing rapport.lua is explained" "$TMP/out" "rapport.lua: fejl: filen mangler"

# a syntax error in rapport.lua names the file and line
mkdir -p "$TMP/syntaks"
printf 'return {\n  title = "x",\n  chapters = { "a.md" \n  date = 2\n}\n' >"$TMP/syntaks/rapport.lua"
check_status "syntax error in rapport.lua exits 1" 1 "$RAPPORT" check "$TMP/syntaks"
check_contains "syntax error names file and line" "$TMP/out" "syntaks/rapport.lua:4:"

# a wrong field type is explained
mkdir -p "$TMP/felt"
printf 'return { title = "x", authors = 5, editions = { { name = "a/b" } } }\n' >"$TMP/felt/rapport.lua"
check_status "wrong field type exits 1" 1 "$RAPPORT" check "$TMP/felt"
check_contains "wrong field is named" "$TMP/out" "feltet 'authors' skal være en liste"
check_contains "bad edition name is explained" "$TMP/out" "udgavens navn 'a/b'"

# an endless loop in rapport.lua ends with an error, not a hang
mkdir -p "$TMP/loop"
printf 'while true do end\nreturn {}\n' >"$TMP/loop/rapport.lua"
check_status "endless loop in rapport.lua exits 1" 1 "$RAPPORT" check "$TMP/loop"
check_contains "endless loop is explained" "$TMP/out" "uendelig løkke"

# rapport.lua cannot run programs or read files
mkdir -p "$TMP/sandbox"
printf 'os.execute("touch %s/pwned")\nreturn {}\n' "$TMP" >"$TMP/sandbox/rapport.lua"
check_status "os.execute in rapport.lua exits 1" 1 "$RAPPORT" check "$TMP/sandbox"
if [ -e "$TMP/pwned" ]; then fail "os.execute ran"; else pass "os.execute did not run"; fi
printf 'local f = io.open("/etc/passwd")\nreturn {}\n' >"$TMP/sandbox/rapport.lua"
check_status "io.open in rapport.lua exits 1" 1 "$RAPPORT" check "$TMP/sandbox"

# an unknown edition lists the project's editions
if [ -f content/eksempel/rapport.lua ]; then
  check_status "unknown edition exits 1" 1 "$RAPPORT" build content/eksempel --edition findes-ikke --out "$TMP/o"
  check_contains "unknown edition lists the editions" "$TMP/out" "projektets udgaver: midtvejs, slut"
fi
