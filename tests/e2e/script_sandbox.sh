# Templates from a project run sandboxed (issue 7): each escape attempt or
# runaway template makes `rapport check` exit 1 with a message naming the
# Markdown file and line of the directive and the template file and line,
# and nothing outside the sandbox happens.
. tests/lib.sh

P="$TMP/proj"
cp -r tests/fixtures/pipeline "$P"
CH="$P/kapitler/02-tal.md"

# attempt NAME LUA-BODY-OF-THE-COMPONENT EXPECTED-MESSAGE
attempt() {
  name=$1
  printf 'return function(args)\n  %s\n  return "ok"\nend\n' "$2" >"$P/components/angreb.lua"
  printf '# Tallene i åen\n\nTekst.\n\n```{angreb}\nx = 1\n```\n' >"$CH"
  check_status "$name: exit 1" 1 "$RAPPORT" check "$P"
  check_contains "$name: message" "$TMP/out" "$3"
}

attempt "os.execute" "os.execute('touch $TMP/pwned')" \
  "02-tal.md:5: fejl: i komponenten 'angreb' (components/angreb.lua:2): attempt to call a nil value (field 'execute')"
attempt "io.popen" "io.popen('touch $TMP/pwned')" \
  "(components/angreb.lua:2): attempt to index a nil value (global 'io')"
attempt "require of a C module" "require('lpeg')" "modulet 'lpeg' findes ikke"
attempt "require outside the project" "require('..rapport')" "modulet '..rapport' findes ikke"
attempt "package.loadlib" "package.loadlib('libc.so.6', 'system')" \
  "attempt to index a nil value (global 'package')"
attempt "bytecode" "load(string.char(27) .. 'Lua')" "load kan kun indlæse Lua-tekst, ikke bytekode"
attempt "string.dump" "string.dump(print)" "attempt to call a nil value (field 'dump')"
attempt "dofile" "dofile('/etc/passwd')" "attempt to call a nil value (global 'dofile')"
attempt "debug" "debug.sethook()" "attempt to index a nil value (global 'debug')"
attempt "endless loop" "while true do end" \
  "02-tal.md:5: fejl: i komponenten 'angreb' (components/angreb.lua:2): skabelonen kørte for længe (uendelig løkke?)"
attempt "memory bomb" "local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(64) .. i end" \
  "skabelonen brugte for meget hukommelse (over 256 MB)"
if [ -e "$TMP/pwned" ]; then fail "a command ran outside the sandbox"; else pass "no command ran outside the sandbox"; fi

# a symlink out of the project's lua/ folder is not followed (util/confine.h)
mkdir -p "$P/lua" "$TMP/outside"
echo 'return { hemmelig = "ja" }' >"$TMP/outside/hemmelig.lua"
ln -s "$TMP/outside/hemmelig.lua" "$P/lua/hemmelig.lua"
attempt "symlink out of lua/" "require('hemmelig')" "Lua-modulet 'lua/hemmelig.lua' ligger uden for projektmappen"

# errors in inline values name the Markdown line and column
printf '# Tallene i åen\n\nDer er {{ #data.findes_ikke }} rækker.\n' >"$CH"
check_status "inline error: exit 1" 1 "$RAPPORT" check "$P"
check_contains "inline error: place and message" "$TMP/out" \
  "02-tal.md:3:8: fejl: i udtrykket {{ #data.findes_ikke }}: attempt to get length of a nil value (field 'findes_ikke')"

# the good project still checks
cp tests/fixtures/pipeline/kapitler/02-tal.md "$CH"
check_status "the project checks again" 0 "$RAPPORT" check "$P"
