#!/bin/sh
# robust_size.sh - a 100,000-row CSV (4 MB) builds, every row reaches the
# templates. The 1,000-page report (bench/gen_large.lua at scale 3) is a
# manual check, too slow for make test: see tests/BAD-INPUTS.md.
. tests/lib.sh
P=$TMP/big
mkdir -p "$P"
cat >"$TMP/gen.lua" <<'LUA'
local f = io.open(arg[1], "w") f:write("id;navn;antal;andel;dato\n")
for i = 1, 100000 do
    f:write(i, ";Partnerskab ", i % 97, ";", i * 7 % 1000, ";", i % 100, ",5;",
      1 + i % 28, ".", 1 + i % 12, ".2024\n")
  end
f:close()
LUA
lua5.4 "$TMP/gen.lua" "$P/d.csv"
cat >"$P/rapport.lua" <<'LUA'
return { title = "Stor CSV", chapters = { "k.md" },
  data = { d = { file = "d.csv", columns = { { "id", "integer", required = true },
    { "navn", "text" }, { "antal", "integer" }, { "andel", "decimal" },
    { "dato", "date" } } } },
  editions = { { name = "r", title = "R" } } }
LUA
printf '# Stor\n\nRækker: {{ #data.d }}. Sidste id: {{ data.d[#data.d].id }}.\n' >"$P/k.md"
check "100,000-row CSV builds" "$RAPPORT" build "$P" --out "$TMP/o" -q
check_contains "all 100,000 rows reach the template" "$TMP/o/r.html" "Rækker: 100.000. Sidste id: 100.000."
check "its PDF is valid" qpdf --check "$TMP/o/r.pdf"
