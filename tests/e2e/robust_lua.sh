#!/bin/sh
# robust_lua.sh - the Lua limits (issue 14, items 5, 6 and 9): every Lua
# state is a sandbox and every call into project code is under its limits.
# Metatables in configuration files, pattern bombs and looping xpcall
# handlers in rapport.lua and components, a project's citation style that
# never ends, one long string in many table cells, and a rapport.lua with a
# UTF-8 byte order mark. Each case asserts the exit status, the message and
# (for the runaway ones) that it stopped within 5 seconds of CPU time.
# tests/BAD-INPUTS.md "Lua limits" lists the same cases.
. tests/lib.sh

if [ ! -x /usr/bin/time ]; then fail "/usr/bin/time is missing (packages.txt)"; exit 0; fi

# base DIR: a small valid project with one component {c}
base() {
  rm -rf "$1"; mkdir -p "$1/components" "$1/lua"
  cat >"$1/rapport.lua" <<'LUA'
return { title = "T", lang = "da", theme = "klassisk", chapters = { "k.md" },
  rounds = { "a", "b" },
  editions = { { name = "r", title = "R" } } }
LUA
  printf '# Kapitel\n\nTekst.\n\n```{c}\n```\n' >"$1/k.md"
  echo 'return function(args) return { type = "paragraph", content = "hej" } end' \
    >"$1/components/c.lua"
}

# run NAME WANT MESSAGE [build options]: builds $P into $O under a wall-clock
# ceiling of 60 s; checks the status, the message, that the process never
# aborted (134) and records its CPU seconds in $cpu and its peak memory
# (KB) in $rss
run() {
  name=$1; want=$2; msg=$3; shift 3
  rm -rf "$O"
  /usr/bin/time -f '%U %S %M' -o "$TMP/time" \
    timeout 60 "$RAPPORT" build "$P" --out "$O" -j 1 "$@" >"$TMP/out" 2>&1
  got=$?
  cpu=$(awk 'END { printf "%d", $1 + $2 + 0.999 }' "$TMP/time")
  rss=$(awk 'END { print $3 }' "$TMP/time")
  if [ "$got" = "$want" ] && grep -qF -- "$msg" "$TMP/out"; then
    pass "$name: exit $got"
  else
    fail "$name: exit $got (want $want), message wanted: $msg"
    sed 's/^/    /' "$TMP/out" | head -5
  fi
  [ -n "${SHOW:-}" ] && echo "    [$got] $(grep -v -e '^$' -e advarsel "$TMP/out" | head -1)"
  return 0
}

# quick NAME: the last run took under 5 s of CPU time
quick() {
  if [ "$cpu" -le 5 ]; then pass "$1: stopped within 5 s of CPU time"; else
    fail "$1: took $cpu s of CPU time"; fi
}

P=$TMP/p; O=$TMP/o

# ---- metatables in configuration files: exit 1, never a Lua panic ----
base "$P"
echo 'return setmetatable({}, {__index = function() error("x") end})' >"$P/rapport.lua"
run "rapport.lua with an erroring __index" 1 \
  "rapport.lua: fejl: tabellen, filen returnerer har en metatabel (setmetatable); en konfigurationsfil skal bestå af almindelige tabeller"

base "$P"
sed -i 's/chapters = { "k.md" }/chapters = setmetatable({}, {__len = function() error("x") end})/' "$P/rapport.lua"
run "chapters with an erroring __len" 1 "rapport.lua: fejl: chapters har en metatabel (setmetatable)"

base "$P"
sed -i 's/rounds = { "a", "b" },/rounds = { "a", "b" }, data = { t = setmetatable({ file = "t.csv" }, {__index = function() error("x") end}) },/' "$P/rapport.lua"
run "a data declaration with an erroring __index" 1 "rapport.lua: fejl: data.t har en metatabel (setmetatable)"

base "$P"
sed -i 's/theme = "klassisk"/theme = "min"/' "$P/rapport.lua"
mkdir -p "$P/themes/min"
echo 'return setmetatable({ font = "x" }, {__pairs = function() error("x") end})' >"$P/themes/min/theme.lua"
run "theme.lua with an erroring __pairs" 1 "theme.lua: fejl: tabellen, filen returnerer har en metatabel"
echo 'return { colour = { text = setmetatable({}, {__tostring = function() error("x") end}) } }' >"$P/themes/min/theme.lua"
run "theme.lua with an erroring __tostring" 1 "theme.lua: fejl: colour.text har en metatabel"

# ---- runaway configuration files stop quickly with the sandbox's message ----
base "$P"
sed -i '1i local x = ("a"):rep(1e5):match(("a*"):rep(100) .. "b")' "$P/rapport.lua"
run "pattern bomb in rapport.lua" 1 \
  "rapport.lua: fejl: filen kørte for længe (over 1 sekunder), sikkert i string.find, match, gmatch eller gsub"
quick "pattern bomb in rapport.lua"

base "$P"
sed -i '1i xpcall(function() while true do end end, function() while true do end end)' "$P/rapport.lua"
run "xpcall with a looping handler in rapport.lua" 1 \
  "rapport.lua:1: fejl: filen kørte for længe (uendelig løkke?)"
quick "xpcall with a looping handler in rapport.lua"

base "$P"
sed -i '1i while true do end' "$P/rapport.lua"
run "endless loop in rapport.lua" 1 "rapport.lua:1: fejl: filen kørte for længe (uendelig løkke?)"
quick "endless loop in rapport.lua"

# ---- a looping xpcall handler in a component ----
base "$P"
cat >"$P/components/c.lua" <<'LUA'
return function(args)
  xpcall(function() while true do end end, function() while true do end end)
  return "ok"
end
LUA
run "xpcall with a looping handler in a component" 1 \
  "k.md:5: fejl: i komponenten 'c' (components/c.lua:2): skabelonen kørte for længe (uendelig løkke?)"
quick "xpcall with a looping handler in a component"

# ---- a project's citation style runs under the same limits ----
base "$P"
sed -i 's/rounds = { "a", "b" },/rounds = { "a", "b" }, bibliography = "l.bib", citation_style = "minstil",/' "$P/rapport.lua"
cp tests/fixtures/cite/litteratur.bib "$P/l.bib"
printf '# Kapitel\n\nSe [@holm2015].\n' >"$P/k.md"
printf 'local S = require("citestyle").new({})\nfunction S.cite(items, textual)\n  while true do end\nend\nreturn S\n' \
  >"$P/lua/minstil.lua"
run "citation style with an endless loop" 1 \
  "fejl i litteraturstilen 'minstil' (cite, lua/minstil.lua:3): skabelonen kørte for længe (uendelig løkke?)"
quick "citation style with an endless loop"
printf 'local S = require("citestyle").new({})\nfunction S.cite(items, textual)\n  xpcall(function() while true do end end, function() while true do end end)\nend\nreturn S\n' \
  >"$P/lua/minstil.lua"
run "citation style with a looping xpcall handler" 1 \
  "fejl i litteraturstilen 'minstil' (cite, lua/minstil.lua:3): skabelonen kørte for længe (uendelig løkke?)"
quick "citation style with a looping xpcall handler"
# every other door of the style: its module's own code, its entry function,
# a function it inherits through a metatable, and the entry tables it has
# seen (a metatable on one must not run when rapport sets the suffix)
printf 'while true do end\nreturn {}\n' >"$P/lua/minstil.lua"
run "citation style whose module loops" 1 \
  "litteraturstilen 'minstil' kan ikke indlæses: skabelonen kørte for længe (uendelig løkke?)"
quick "citation style whose module loops"
printf 'local S = require("citestyle").new({})\nfunction S.entry(e)\n  while true do end\nend\nreturn S\n' \
  >"$P/lua/minstil.lua"
run "citation style whose entry loops" 1 \
  "fejl i litteraturstilen 'minstil' (entry, lua/minstil.lua:3): skabelonen kørte for længe (uendelig løkke?)"
quick "citation style whose entry loops"
printf 'local base = require("citestyle")\nreturn setmetatable({}, { __index = function(t, k)\n  while true do end\nend })\n' \
  >"$P/lua/minstil.lua"
run "citation style whose inherited functions loop" 1 \
  "fejl i litteraturstilen 'minstil' (names, lua/minstil.lua:3): skabelonen kørte for længe (uendelig løkke?)"
quick "citation style whose inherited functions loop"
printf 'local base = require("citestyle")\nreturn setmetatable({ heading = function() return "Kilder" end }, { __index = base })\n' \
  >"$P/lua/minstil.lua"
run "citation style inheriting through a metatable" 0 "" --format html
if grep -q "Kilder" "$O/r.html" && grep -q "Holm" "$O/r.html"; then
  pass "citation style inheriting through a metatable: its own heading and the inherited entries"
else fail "citation style inheriting through a metatable: no 'Kilder' heading or no entry in r.html"; fi
cat >"$P/lua/minstil.lua" <<'LUA'
local S = require("citestyle").new({})
local names = S.names
function S.names(e)
  setmetatable(e, { __newindex = function() while true do end end })
  return names(e)
end
return S
LUA
printf '# Kapitel\n\nSe [@kjaer2019mandat] og [@kjaer2019laering].\n' >"$P/k.md"
run "citation style that puts a looping __newindex on an entry" 0 "" --format html
quick "citation style that puts a looping __newindex on an entry"
if grep -q "2019a" "$O/r.html" && grep -q "2019b" "$O/r.html"; then
  pass "looping __newindex on an entry: the suffixes a and b are set without it"
else fail "looping __newindex on an entry: no 2019a and 2019b in r.html"; fi

# ---- a project's theme.lua is a configuration file under its limits ----
base "$P"
sed -i 's/theme = "klassisk"/theme = "min"/' "$P/rapport.lua"
mkdir -p "$P/themes/min"
echo 'while true do end' >"$P/themes/min/theme.lua"
run "endless loop in a project's theme.lua" 1 "themes/min/theme.lua:1: fejl: filen kørte for længe (uendelig løkke?)"
quick "endless loop in a project's theme.lua"

# ---- one 10 MB string in 150 table rows: refused, bounded, nothing written ----
base "$P"
cat >"$P/components/c.lua" <<'LUA'
return function(args)
  local s = ("x"):rep(10 * 1024 * 1024)
  local rows = {}
  for i = 1, 150 do rows[i] = { s } end
  return { type = "table", header = { "a" }, rows = rows }
end
LUA
run "10 MB string in 150 table rows" 1 \
  "k.md:5: fejl: komponenten 'c' laver et dokument på over 256 MB tekst; en tekst tæller hver gang den bruges"
if [ "${rss:-9999999}" -lt 1048576 ]; then pass "10 MB x 150: peak memory $((rss / 1024)) MB, under 1 GB"; else
  fail "10 MB x 150: peak memory ${rss} KB"; fi
# (the out folder's .rapport/ holds the build's lock and font cache: not outputs)
written=$(find "$O" \( -name '*.pdf' -o -name '*.html' -o -name '*.d' -o -name '*.tmp-*' \) 2>/dev/null)
if [ -z "$written" ]; then pass "10 MB x 150: no output written"; else
  fail "10 MB x 150: output written: $written"; fi

# ---- a UTF-8 byte order mark at the start of Lua files ----
base "$P"
printf '\357\273\277' >"$TMP/bom"
cat "$TMP/bom" - >"$TMP/rapport.lua" <<'LUA'
return { title = "T", lang = "da", theme = "klassisk", chapters = { "k.md" },
  rounds = { "a", "b" }, round_names = { b = "Slutrunden" },
  editions = { { name = "r", title = "R" } } }
LUA
mv "$TMP/rapport.lua" "$P/rapport.lua"
cat "$TMP/bom" - >"$P/components/c.lua" <<'LUA'
return function(args) return { type = "paragraph", content = "komponent med BOM" } end
LUA
printf '# Kapitel\n\nRunden hedder {{ project.round_names.b }}.\n\n```{c}\n```\n' >"$P/k.md"
run "rapport.lua and a component with a byte order mark" 0 "" --format html
check_contains "BOM: round_names reach the templates" "$O/r.html" "Runden hedder Slutrunden."
check_contains "BOM: the component with a BOM runs" "$O/r.html" "komponent med BOM"

# ---- a misspelt key in rapport.lua is a warning naming the right one ----
base "$P"
sed -i 's/rounds = { "a", "b" },/rounds = { "a", "b" }, rund_names = { b = "Slut" }, my_own_field = 1,/' "$P/rapport.lua"
run "misspelt key in rapport.lua" 0 "rapport.lua: advarsel: ukendt nøgle 'rund_names'; mente du 'round_names'?" --format html
check_not_contains "a key far from every known one is left alone" "$TMP/out" "my_own_field"
