#!/bin/sh
# robust_inputs.sh - bad inputs beyond CSV (those are tests/fixtures/csv/):
# template errors, sandbox escapes, Markdown, configuration and output
# errors. Each case builds a small project with one thing broken and asserts
# the exact exit status and a distinctive part of the message a user sees.
# The table in tests/BAD-INPUTS.md lists the same cases with the full text.
. tests/lib.sh

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

# case NAME WANT_STATUS MESSAGE_PART [build options]: builds $P (prepared by
# the caller) into $O and checks the status and the message
n=0
case_() {
  name=$1; want=$2; msg=$3; shift 3
  n=$((n + 1))
  timeout 120 "$RAPPORT" build "$P" --out "$O" "$@" >"$TMP/out" 2>&1
  got=$?
  if [ "$got" = "$want" ] && grep -qF -- "$msg" "$TMP/out"; then
    pass "$name: exit $got"
  else
    fail "$name: exit $got (want $want), message wanted: $msg"
    sed 's/^/    /' "$TMP/out" | head -5
  fi
  [ -n "${SHOW:-}" ] && { echo "    [$got] $(grep -v '^$' "$TMP/out" | head -2 | tr '\n' ' ')"; }
}

P=$TMP/p; O=$TMP/o

# --- templates -----------------------------------------------------------
base "$P"; echo 'return function(args) return { type = "paragraph", content = "x" end' >"$P/components/c.lua"
case_ "Lua syntax error in a component" 1 "k.md:5: fejl: i komponenten 'c' kan ikke indlæses: components/c.lua:1: '}' expected near 'end'"
base "$P"; printf 'return function(args)\n  local t = nil\n  return t.x\nend\n' >"$P/components/c.lua"
case_ "runtime error in a component" 1 "k.md:5: fejl: i komponenten 'c' (components/c.lua:3): attempt to index a nil value (local 't')"
base "$P"; echo 'return function(args) return { type = "tabel" } end' >"$P/components/c.lua"
case_ "component returns an unknown node type" 1 "k.md:5: fejl: i komponenten 'c': ukendt nodetype 'tabel'; kendte typer er paragraph,"
base "$P"; echo 'return function(args) return { type = "table", rows = "x" } end' >"$P/components/c.lua"
case_ "component returns a node with a field of the wrong type" 1 "'rows' i en tabel skal være en liste af rækker"
base "$P"; printf '```{findesikke}\n```\n' >"$P/k.md"
case_ "unknown component" 1 "k.md:1: fejl: komponenten 'findesikke' findes ikke"
base "$P"; echo 'return function(args) while true do end end' >"$P/components/c.lua"
case_ "endless loop in a component" 1 "k.md:5: fejl: i komponenten 'c' (components/c.lua:1): skabelonen kørte for længe (uendelig løkke?)"
base "$P"; echo 'return function(args) local t = {} for i = 1, 1e9 do t[i] = string.rep("x", 1000) .. i end end' >"$P/components/c.lua"
case_ "memory bomb in a component" 1 "k.md:5: fejl: i komponenten 'c': skabelonen brugte for meget hukommelse (over 256 MB)"
base "$P"; printf '```{c}\nid = = 3\n```\n' >"$P/k.md"
case_ "syntax error in directive arguments" 1 "k.md:2: fejl: i argumenterne til {c}: unexpected symbol near '='"
base "$P"; echo 'return function(args) return { type = "table", columns = { {}, {} }, rows = { { "a", "b", "c" } } } end' >"$P/components/c.lua"
case_ "table row wider than its columns" 1 "k.md:5: fejl: tabellen fra 'c' har en række (nr. 1) med 3 celler, men 2 kolonner"
base "$P"; printf 'Værdi: {{ nil_var.x }}\n' >"$P/k.md"
case_ "inline value indexing nil" 1 "k.md:1:8: fejl: i udtrykket {{ nil_var.x }}: attempt to index a nil value (global 'nil_var')"

# --- sandbox escapes -----------------------------------------------------
esc() { # esc NAME LUA-BODY MESSAGE
  base "$P"; printf 'return function(args)\n  %s\n  return { type = "paragraph", content = "x" }\nend\n' "$2" >"$P/components/c.lua"
  case_ "sandbox: $1" 1 "$3"
}
esc "os.execute" 'os.execute("touch /tmp/rapport-pwned")' "(components/c.lua:2): attempt to call a nil value (field 'execute')"
esc "io.open" 'io.open("/etc/passwd")' "(components/c.lua:2): attempt to index a nil value (global 'io')"
esc "io.popen" 'io.popen("id")' "(components/c.lua:2): attempt to index a nil value (global 'io')"
esc "require of a C module" 'require("lfs")' "(components/c.lua:2): modulet 'lfs' findes ikke; require finder kun Lua-filer"
esc "package.loadlib" 'package.loadlib("/lib/x86_64-linux-gnu/libc.so.6", "system")' "(components/c.lua:2): attempt to index a nil value (global 'package')"
esc "load of bytecode" 'load("\27Lua")' "(components/c.lua:2): load kan kun indlæse Lua-tekst, ikke bytekode"
esc "string.dump" 'string.dump(function() end)' "(components/c.lua:2): attempt to call a nil value (field 'dump')"
esc "debug library" 'debug.getinfo(1)' "(components/c.lua:2): attempt to index a nil value (global 'debug')"
esc "dofile" 'dofile("/etc/passwd")' "(components/c.lua:2): attempt to call a nil value (global 'dofile')"
esc "require of ../ outside the project" 'require("../../etc/passwd")' "(components/c.lua:2): modulet '../../etc/passwd' findes ikke"
esc "os.getenv" 'os.getenv("HOME")' "(components/c.lua:2): attempt to call a nil value (field 'getenv')"
esc "setmetatable __gc" 'setmetatable({}, { __gc = function() end })' "(components/c.lua:2): __gc er ikke tilladt i skabeloner"

# --- Markdown --------------------------------------------------------------
base "$P"; lua5.4 -e 'io.write(string.rep("> ", 5000) .. "dyb\n" .. string.rep("- ", 3000) .. "x\n" .. string.rep("*", 20000) .. "a" .. string.rep("*", 20000) .. "\n")' >"$P/k.md"
case_ "huge nesting (5000 quotes, 3000 lists, 20000 stars)" 1 "indlejret 5000 niveauer dybt (højst 32)" --format html,pdf
base "$P"; lua5.4 -e 'local p = string.rep("Partnerskabet mellem kommunen og virksomhederne udvikler sig. ", 40) for i = 1, 4200 do io.write("## Afsnit " .. i .. "\n\n" .. p .. "\n\n") end' >"$P/k.md"
case_ "10 MB chapter" 1 "kapitlet er for stort (10244 KB, højst 2048 KB)" --format html
base "$P"; printf '# Kapitel\n\nUgyldig \377\376 UTF-8 og \300\200 her.\n' >"$P/k.md"
case_ "invalid UTF-8 in a chapter" 1 "k.md:3:9: fejl: kapitlet er ikke gyldig UTF-8 (byte 0xFF); gem filen som UTF-8" --format html
base "$P"; printf '# Kapitel\n\nTekst[^mangler].\n' >"$P/k.md"
case_ "undefined footnote" 1 "k.md:3:6: fejl: fodnoten [^mangler] er ikke defineret"
base "$P"; printf '# Kapitel\n\nSe @tbl:findesikke.\n' >"$P/k.md"
case_ "unknown cross-reference" 1 "k.md:3:4: fejl: henvisningen @tbl:findesikke peger på et mærke, der ikke findes"
base "$P"; printf '# Kapitel\n\n| a | b |\n|---|---|\n| 1 | 2 | 3 | 4 |\n' >"$P/k.md"
case_ "GFM table row with too many cells" 1 "rækken har 4 celler, men tabellens overskrift har 2 kolonner"
base "$P"; : >"$TMP/hemmelig.png"; printf '# Kapitel\n\n![Et billede](../hemmelig.png)\n' >"$P/k.md"
case_ "image outside the project" 1 "k.md:3:1: fejl: billedet '../hemmelig.png' ligger uden for projektmappen"
base "$P"; printf '# Kapitel\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n' >"$P/k.md"
case_ "raw HTML and javascript: link" 0 "1 udgave bygget" --format html
if grep -q '<script>alert' "$O/r.html" || grep -q 'href="javascript:' "$O/r.html"; then
  fail "raw HTML/javascript: reached the HTML"; else pass "raw HTML/javascript: not in the HTML"; fi
base "$P"; : >"$P/k.md"
case_ "empty chapter" 0 "1 udgave bygget" --format html

# --- configuration ---------------------------------------------------------
base "$P"; rm "$P/rapport.lua"
case_ "missing rapport.lua" 1 "p/rapport.lua: fejl: filen mangler"
base "$P"; echo 'return { title = "T", chapters = { "k.md" }' >"$P/rapport.lua"
case_ "syntax error in rapport.lua" 1 "p/rapport.lua:2: fejl: '}' expected (to close '{' at line 1)"
base "$P"; echo 'return { title = "T", chapters = 42 }' >"$P/rapport.lua"
case_ "wrong type in rapport.lua (chapters = 42)" 1 "feltet 'chapters' skal være en liste af tekster"
echo 'return { title = "T", chapters = { "k.md" }, editions = "r" }' >"$P/rapport.lua"
case_ "wrong type in rapport.lua (editions = \"r\")" 1 "feltet 'editions' skal være en liste af udgaver"
base "$P"; sed -i 's/klassisk/findesikke/' "$P/rapport.lua"
case_ "unknown theme" 1 "fejl: temaet 'findesikke' findes ikke"
base "$P"
case_ "unknown edition" 1 "fejl: udgaven 'findesikke' findes ikke; projektets udgaver: r" --edition findesikke
base "$P"; sed -i 's/"k.md"/"k.md", "mangler.md"/' "$P/rapport.lua"
case_ "missing chapter file" 1 "p/rapport.lua: fejl: kapitlet 'mangler.md' (udgaven 'r') findes ikke"
base "$P"; sed -i 's/title = "R" }/title = "R", rounds = { "c" } }/' "$P/rapport.lua"
case_ "undeclared round in an edition" 1 "nævner runden 'c', som ikke er i rounds"
base "$P"; echo 'error("boom")' >"$P/rapport.lua"
case_ "rapport.lua raises an error" 1 "p/rapport.lua:1: fejl: boom"
base "$P"; echo 'while true do end' >"$P/rapport.lua"
case_ "endless loop in rapport.lua" 1 "p/rapport.lua:1: fejl: filen kørte for længe (uendelig løkke?)"
base "$P"; sed -i 's#chapters = { "k.md" }#chapters = { "k.md" }, data = { d = { file = "d.csv", columns = { { "a", "integer" } } } }#' "$P/rapport.lua"
case_ "missing data file" 1 "d.csv: fejl: datafilen findes ikke"

# --- output ----------------------------------------------------------------
if [ "$(id -u)" = 0 ]; then
  # root writes anywhere: a path below a regular file is unwritable for all
  base "$P"; : >"$TMP/fil"
  O=$TMP/fil/ud case_ "out folder below a regular file" 1 "fil/ud: fejl: kan ikke oprette mappen"
else
  base "$P"; mkdir -p "$TMP/ro"; chmod 555 "$TMP/ro"
  O=$TMP/ro case_ "unwritable out folder" 1 "ro/r.html: fejl: HTML-filen kan ikke skrives (Permission denied)" --format html
fi
echo "    $n bad-input cases"
