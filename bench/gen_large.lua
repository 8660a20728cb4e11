-- gen_large.lua - writes a synthetic report project for the benchmarks:
-- 40 chapters of Danish-like prose per unit of scale, each with a table of
-- measurements drawn from a CSV of 250 rows per chapter (10,000 rows at
-- scale 1), plus the same report as one plain Markdown file with the tables
-- pre-rendered, so pandoc and WeasyPrint typeset the same text.
--
-- usage: lua5.4 bench/gen_large.lua OUTDIR SCALE
local out, scale = arg[1], tonumber(arg[2] or "1")
assert(out and scale, "usage: lua5.4 gen_large.lua OUTDIR SCALE")

local seed = 20251130
local function rand(n) -- deterministic LCG, so every run writes the same project
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n + 1
end

local words = {
  "partnerskabet", "samarbejdet", "virksomhederne", "jobcentret", "skolerne",
  "erhvervsservice", "konsulenterne", "styregruppen", "mødet", "indsatsen",
  "målene", "ressourcerne", "mandatet", "læringen", "udbyttet", "belastningen",
  "aftalerne", "projekterne", "medarbejderne", "lederne", "kompetencer",
  "udvikling", "opfølgning", "vurdering", "niveau", "kantinen", "klubben",
  "kompagniet", "fælles", "lokale", "regionale", "tværgående", "forskellige",
  "konkrete", "løbende", "tydelige", "svage", "stærke", "nye", "gamle",
  "har", "viser", "giver", "skaber", "kræver", "styrker", "samler", "bærer",
  "og", "men", "fordi", "når", "som", "der", "det", "en", "et", "til", "med",
  "om", "på", "i", "af", "for", "fra", "efter", "mellem", "gennem", "under",
  "også", "ikke", "ofte", "sjældent", "især", "dog", "derfor", "således",
  "følgeforskningen", "interviewene", "observationerne", "spørgeskemaet",
  "kommunerne", "uddannelsesinstitutionerne", "arbejdsstyrken", "væksten",
  "kompetenceudviklingen", "rekrutteringen", "screeningen", "vejledningen",
  "institutionaliseringen", "selvevalueringen", "prioriteringen", "økonomien",
}
local function sentence()
  local n = 9 + rand(14)
  local t = {}
  for i = 1, n do t[i] = words[rand(#words)] end
  local s = table.concat(t, " ")
  return s:sub(1, 1):upper() .. s:sub(2) .. "."
end
local function paragraph()
  local t = {}
  for i = 1, 4 + rand(4) do t[i] = sentence() end
  return table.concat(t, " ")
end

local partners = { "Nordby", "Sydby", "Østerby", "Vesterå", "Ølstrup", "Åmose" }
local elements = { "Mandat", "Ressourcer", "Mål", "Aftaler og møder",
  "Projekter", "Selvevaluering", "Medarbejdere", "Læring", "Belastning", "Udbytte" }
local chapters = 40 * scale
local rows_per_chapter = 250

os.execute("mkdir -p '" .. out .. "/kapitler' '" .. out .. "/data' '" ..
  out .. "/components' '" .. out .. "/peers'")

-- the CSV, as Excel writes it on a Danish machine
local csv = assert(io.open(out .. "/data/maalinger.csv", "w"))
csv:write("kapitel;partnerskab;element;antal;andel;dato\r\n")
local rows = {}
for c = 1, chapters do
  rows[c] = {}
  for r = 1, rows_per_chapter do
    local row = { c, partners[rand(#partners)], elements[rand(#elements)],
      rand(500), rand(1000) / 10, string.format("%d.%d.20%02d", rand(28),
      rand(12), 14 + rand(10)) }
    rows[c][r] = row
    csv:write(string.format("%d;%s;%s;%d;%s;%s\r\n", row[1], row[2], row[3],
      row[4], (string.format("%.1f", row[5]):gsub("%.", ",")), row[6]))
  end
end
csv:close()

local comp = assert(io.open(out .. "/components/maalinger.lua", "w"))
comp:write([[
-- The measurements of one chapter as a table. The rows are grouped by
-- chapter on the first call (the component stays loaded for the build):
-- a scan of every row for every chapter would make the template itself
-- quadratic in the size of the project.
local by_chapter
return function(args)
  local fmt = require("fmt")
  if not by_chapter then
    by_chapter = {}
    for _, r in ipairs(data.maalinger) do
      local list = by_chapter[r.kapitel]
      if not list then
        list = {}
        by_chapter[r.kapitel] = list
      end
      list[#list + 1] = r
    end
  end
  local rows = {}
  for _, r in ipairs(by_chapter[args.kapitel] or {}) do
    rows[#rows + 1] = { r.partnerskab, r.element, fmt.integer(r.antal),
      fmt.number(r.andel, 1), r.dato }
  end
  return { type = "table", id = args.id, caption = args.caption,
    columns = { { align = "l" }, { align = "l" }, { align = "r" },
                { align = "r" }, { align = "r" } },
    header = { { "Partnerskab", "Element", "Antal", "Andel", "Dato" } },
    rows = rows }
end
]])
comp:close()

local all = assert(io.open(out .. "/peers/rapport.md", "w"))
all:write("---\ntitle: Syntetisk rapport\nlang: da\n---\n\n")
local list = {}
for c = 1, chapters do
  local name = string.format("kapitler/%03d.md", c)
  list[#list + 1] = string.format("%q", name)
  local md = {}
  local peer = {}
  local function both(s) md[#md + 1] = s; peer[#peer + 1] = s end
  both(string.format("# Kapitel %d om %s\n", c, words[rand(#words)]))
  for s = 1, 3 do
    both(string.format("## Afsnit %d.%d\n", c, s))
    for p = 1, 3 do both(paragraph() .. "\n") end
  end
  local caption = string.format("Målinger i kapitel %d", c)
  md[#md + 1] = string.format("```{maalinger}\nkapitel = %d\nid = \"tbl:k%d\"\ncaption = %q\n```\n",
    c, c, caption)
  peer[#peer + 1] = string.format("Tabel %d. %s\n\n| Partnerskab | Element | Antal | Andel | Dato |\n|:--|:--|--:|--:|--:|", c, caption)
  for _, r in ipairs(rows[c]) do
    peer[#peer + 1] = string.format("| %s | %s | %d | %s | %s |", r[2], r[3], r[4],
      (string.format("%.1f", r[5]):gsub("%.", ",")), r[6])
  end
  peer[#peer + 1] = ""
  both(paragraph() .. "\n")
  local f = assert(io.open(out .. "/" .. name, "w"))
  f:write(table.concat(md, "\n"))
  f:close()
  all:write(table.concat(peer, "\n"), "\n")
end
all:close()

local cfg = assert(io.open(out .. "/rapport.lua", "w"))
cfg:write(string.format([[
-- A synthetic report for the benchmarks (bench/gen_large.lua, scale %d).
return {
  title = "Syntetisk rapport", authors = { "Bench" }, date = "2025-06-30",
  fictional = true, theme = "klassisk",
  chapters = { %s },
  data = {
    maalinger = {
      file = "data/maalinger.csv",
      columns = {
        { "kapitel", "integer", required = true },
        { "partnerskab", "text", required = true },
        { "element", "text", required = true },
        { "antal", "integer" }, { "andel", "decimal" }, { "dato", "date" },
      },
    },
  },
  editions = { { name = "rapport", title = "Benchmark" } },
}
]], scale, table.concat(list, ", ")))
cfg:close()
