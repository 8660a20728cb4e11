-- tests/lua/run.lua - unit tests of lua/lib/fmt.lua and the components in
-- lua/components/, run with the standalone interpreter from the repository
-- root: `lua5.4 tests/lua/run.lua`. Sets up the globals the rapport sandbox
-- gives components (data, project, locale, rapport) from small tables,
-- calls each component and checks the node tables it returns against the
-- README's node shapes and against what a reader would see. Prints one
-- PASS or FAIL line per check.
package.path = "lua/lib/?.lua;" .. package.path

local fmt = require("fmt")
local NB = "\u{00A0}"

local passed, failed = 0, 0
local function check(name, cond, detail)
  if cond then
    passed = passed + 1
    print("PASS " .. name)
  else
    failed = failed + 1
    print("FAIL " .. name .. (detail and (": " .. tostring(detail)) or ""))
  end
end
local function eq(name, got, want)
  check(name, got == want, string.format("expected %q, got %q", tostring(want), tostring(got)))
end

---------------------------------------------------------------- fixture

local ELEMENTS = { "Mandat", "Ressourcer", "Mål", "Læring" }
local PARTNERS = { "Skovlund", "Havbjerg", "Ådal" }
local ROUNDS = { "baseline", "midtvejs", "slut" }

local function base_project(edition_rounds)
  return {
    title = "Test", lang = "da",
    levels = { "kantine", "klub", "kompagni" },
    rounds = ROUNDS, elements = ELEMENTS, partnerships = PARTNERS,
    data = {
      vurderinger = { file = "v.csv", round = "runde", columns = {
        { "partnerskab", "text" }, { "runde", "text" }, { "element", "text" },
        { "niveau", "level" }, { "begrundelse", "text" } } },
      spoergeskema = { file = "s.csv", round = "runde", columns = {
        { "partnerskab", "text" }, { "runde", "text" }, { "gruppe", "text", values = { "styregruppe", "konsulentgruppe" } },
        { "element", "text" }, { "svar", "text", values = { "ja", "delvist", "nej" } } } },
    },
    edition = { name = "midtvejs", title = "Midtvejsrapport", rounds = edition_rounds },
    public = false,
  }
end

-- levels[partnership] = { baseline = {per element}, midtvejs = {...}, slut = {...} }
local LEVELS = {
  Skovlund = { baseline = { "kantine", "kantine", "kantine", "kantine" },
               midtvejs = { "klub", "kantine", "klub", "kantine" },
               slut = { "klub", "klub", "kompagni", "klub" } },
  Havbjerg = { baseline = { "klub", "kantine", "klub", "kantine" },
               midtvejs = { "klub", "klub", "klub", "kantine" },
               slut = { "kompagni", "klub", "klub", "klub" } },
  ["Ådal"] = { baseline = { "kantine", "kantine", "kantine", "kantine" },
               midtvejs = { "kantine", "kantine", "kantine", "kantine" },
               slut = { "klub", "kantine", "kantine", "kantine" } },
}

-- The rows of the edition: the C side filters by round; so do we here.
local function make_data(edition_rounds)
  local inr = {}
  for _, r in ipairs(edition_rounds) do inr[r] = true end
  local line = 1
  local v = {}
  for _, p in ipairs(PARTNERS) do
    for _, r in ipairs(ROUNDS) do
      for i, e in ipairs(ELEMENTS) do
        line = line + 1
        if inr[r] then
          v[#v + 1] = { partnerskab = p, runde = r, element = e, niveau = LEVELS[p][r][i],
                        begrundelse = "obs " .. p .. " " .. e, _line = line }
        end
      end
    end
  end
  local typ = {}
  line = 1
  for _, e in ipairs(ELEMENTS) do
    for _, l in ipairs({ "kantine", "klub", "kompagni" }) do
      line = line + 1
      typ[#typ + 1] = { element = e, idealtype = l, beskrivelse = e .. " som " .. l, _line = line }
    end
  end
  local anl = {
    { runde = "baseline", element = "Mandat", anliggender = "Alle har mandat.", _line = 2 },
    { runde = "baseline", element = "Læring", anliggender = "Ingen opsamling.", _line = 3 },
    { runde = "baseline", partnerskab = "Ådal", element = "Mandat", anliggender = "Ådal: lidt mandat.", _line = 4 },
    { runde = "baseline", partnerskab = "Skovlund", element = "Mandat", anliggender = "Skovlund: mandat.", _line = 5 },
  }
  local akt, maal = {}, {
    { aktivitet = "Virksomheder kontaktet", maal = 300, _line = 2 },
    { aktivitet = "Virksomheder kontaktet", partnerskab = "Skovlund", maal = 100, _line = 3 },
    { aktivitet = "Virksomheder kontaktet", partnerskab = "Havbjerg", maal = 100, _line = 4 },
    { aktivitet = "Virksomheder kontaktet", partnerskab = "Ådal", maal = 100, _line = 5 },
    { aktivitet = "Medarbejdere opkvalificeret", maal = 1500, _line = 6 },
  }
  local counts = {
    Skovlund = { baseline = { 20, 100 }, midtvejs = { 40, 300 }, slut = { 45, 400 } },
    Havbjerg = { baseline = { 10, 50 }, midtvejs = { 30, 200 }, slut = { 50, 500 } },
    ["Ådal"] = { baseline = { 5, 0 }, midtvejs = { 15, 100 }, slut = { 20, 300 } },
  }
  line = 1
  for _, p in ipairs(PARTNERS) do
    for _, r in ipairs(ROUNDS) do
      line = line + 2
      if inr[r] then
        akt[#akt + 1] = { partnerskab = p, runde = r, aktivitet = "Virksomheder kontaktet", antal = counts[p][r][1], _line = line }
        akt[#akt + 1] = { partnerskab = p, runde = r, aktivitet = "Medarbejdere opkvalificeret", antal = counts[p][r][2], _line = line + 1 }
      end
    end
  end
  local sp = {}
  line = 1
  local answers = { styregruppe = { "ja", "ja", "nej" }, konsulentgruppe = { "delvist", "ja", "nej", "nej" } }
  for _, r in ipairs({ "baseline", "midtvejs" }) do
    for _, g in ipairs({ "styregruppe", "konsulentgruppe" }) do
      for _, a in ipairs(answers[g]) do
        line = line + 1
        if inr[r] then
          sp[#sp + 1] = { partnerskab = "Skovlund", runde = r, gruppe = g, element = "Mandat", svar = a, _line = line }
        end
      end
    end
  end
  local tl = {
    { dato = "2025-03-01", begivenhed = "Midtvejsseminar", runde = "midtvejs", _line = 2 },
    { dato = "2024-09-18", begivenhed = "Opstartsmøde", runde = "baseline", _line = 3 },
    { dato = "2024-09-18", begivenhed = "Aftale underskrevet", partnerskab = "Ådal", runde = "baseline", _line = 4 },
  }
  local tlr = {}
  for _, r in ipairs(tl) do if inr[r.runde] then tlr[#tlr + 1] = r end end
  return { vurderinger = v, typologi = typ, anliggender = anl, aktiviteter = akt, maal = maal,
           spoergeskema = sp, tidslinje = tlr }
end

local function setup(edition_rounds, lang)
  edition_rounds = edition_rounds or { "baseline", "midtvejs" }
  project = base_project(edition_rounds)
  if lang then project.lang = lang end
  data = make_data(edition_rounds)
  locale = dofile("lua/locale/" .. (lang or "da") .. ".lua")
  warnings = {}
  rapport = { error = function(msg, row)
    error({ msg = msg, line = row and row._line }, 0)
  end, warn = function(msg) warnings[#warnings + 1] = msg end }
end

local function component(name)
  return dofile("lua/components/" .. name .. ".lua")
end

-- Runs a component expecting an error; returns the error table.
local function fails(name, args)
  local ok, err = pcall(component(name), args)
  if ok then return nil end
  if type(err) ~= "table" then return { msg = tostring(err) } end
  return err
end

---------------------------------------------------------------- node shapes

local BLOCKS = { paragraph = true, heading = true, table = true, figure = true, list = true,
                 quote = true, markdown = true, toc = true, list_of_tables = true,
                 list_of_figures = true, pagebreak = true, rule = true }
local INLINE = { emph = true, strong = true, strike = true, code = true, link = true,
                 xref = true, linebreak = true }

local function inlines_ok(x)
  if type(x) == "string" then return true end
  if type(x) ~= "table" then return false end
  if x.type then return INLINE[x.type] ~= nil end
  for _, v in ipairs(x) do if not inlines_ok(v) then return false end end
  return true
end

local function colour_ok(c) return c == nil or (type(c) == "string" and c:match("^#%x%x%x%x%x%x$")) end

local function row_width(row)
  local w = 0
  for _, c in ipairs(row) do
    w = w + ((type(c) == "table" and c.colspan) or 1)
  end
  return w
end

-- Returns nil when node has the shape the README documents, else why not.
local function shape_error(n)
  if type(n) ~= "table" or not BLOCKS[n.type] then return "not a block: " .. tostring(n and n.type) end
  if n.type == "table" then
    local ncol = #n.columns
    for _, c in ipairs(n.columns) do
      if not (c.align == "l" or c.align == "c" or c.align == "r") then return "bad align" end
      if type(c.width) ~= "number" or c.width <= 0 then return "bad width" end
    end
    for _, part in ipairs({ "header", "rows" }) do
      for i, row in ipairs(n[part] or {}) do
        if row_width(row) ~= ncol then
          return string.format("%s row %d has %d cells for %d columns", part, i, row_width(row), ncol)
        end
        for _, c in ipairs(row) do
          local content = type(c) == "table" and c.content ~= nil and c.type == nil and c or { content = c }
          if not inlines_ok(content.content) then return "bad cell content" end
          if not colour_ok(content.fill) then return "bad fill " .. tostring(content.fill) end
        end
      end
    end
    if n.caption ~= nil and not inlines_ok(n.caption) then return "bad caption" end
  elseif n.type == "figure" then
    local ch = n.chart
    if type(ch) ~= "table" or type(ch.width) ~= "number" or type(ch.height) ~= "number" then return "no chart" end
    for i, it in ipairs(ch.items) do
      local kind = it[1]
      local nums = ({ rect = { "x", "y", "w", "h" }, line = { "x", "y", "x2", "y2" },
                      circle = { "x", "y", "r" }, polyline = {}, text = { "x", "y" } })[kind]
      if not nums then return "item " .. i .. " has unknown kind " .. tostring(kind) end
      for _, k in ipairs(nums) do
        if type(it[k]) ~= "number" or it[k] ~= it[k] then return "item " .. i .. " " .. kind .. "." .. k .. " not a number" end
      end
      if not (colour_ok(it.fill) and colour_ok(it.stroke)) then return "item " .. i .. " bad colour" end
      -- inside the drawing (text anchored at its point; allow its size)
      local pts = {}
      if kind == "polyline" then
        if #it.points < 4 or #it.points % 2 ~= 0 then return "polyline points" end
        pts = it.points
      elseif kind == "rect" then pts = { it.x, it.y, it.x + it.w, it.y + it.h }
      elseif kind == "line" then pts = { it.x, it.y, it.x2, it.y2 }
      elseif kind == "circle" then pts = { it.x - it.r, it.y - it.r, it.x + it.r, it.y + it.r }
      else
        if type(it.text) ~= "string" then return "text item without text" end
        pts = { it.x, it.y }
      end
      for k = 1, #pts, 2 do
        if pts[k] < -0.01 or pts[k] > ch.width + 0.01 or pts[k + 1] < -0.01 or pts[k + 1] > ch.height + 0.01 then
          return string.format("item %d (%s) outside the drawing at %.1f,%.1f", i, kind, pts[k], pts[k + 1])
        end
      end
    end
    if type(n.alt) ~= "string" or #n.alt < 10 then return "no alt text" end
    if n.data then local e = shape_error(n.data); if e then return "data: " .. e end end
  end
  return nil
end

local function cell_text(c)
  if type(c) == "table" and c.content ~= nil then c = c.content end
  if type(c) == "table" then
    local t = {}
    for _, x in ipairs(c) do t[#t + 1] = cell_text(x) end
    return table.concat(t)
  end
  return tostring(c)
end

local function all_text(node)
  local out = {}
  for _, part in ipairs({ "header", "rows" }) do
    for _, row in ipairs(node[part] or {}) do
      for _, c in ipairs(row) do out[#out + 1] = cell_text(c) end
    end
  end
  return table.concat(out, "|")
end

---------------------------------------------------------------- fmt

eq("fmt.integer groups thousands", fmt.integer(1234), "1.234")
eq("fmt.integer millions", fmt.integer(1234567), "1.234.567")
eq("fmt.integer negative uses minus sign", fmt.integer(-1234), "\u{2212}1.234")
eq("fmt.number decimal comma", fmt.number(3.5, 1), "3,5")
eq("fmt.number pads decimals", fmt.number(2, 1), "2,0")
eq("fmt.number rounds half up", fmt.number(0.125, 2), "0,13")
eq("fmt.number groups and trims", fmt.number(1234.50), "1.234,5")
eq("fmt.percent Danish", fmt.percent(0.4567, 0), "46" .. NB .. "%")
eq("fmt.percent one decimal", fmt.percent(1 / 3, 1), "33,3" .. NB .. "%")
eq("fmt.percent English", fmt.percent(0.4567, 0, "en"), "46%")
eq("fmt.date long", fmt.date("2014-09-18"), "18. september 2014")
eq("fmt.date from Danish form", fmt.date("1.5.2025"), "1. maj 2025")
eq("fmt.date short", fmt.date("2014-09-18", "short"), "18.9.2014")
eq("fmt.date month", fmt.date("2025-03-01", "month"), "marts 2025")
eq("fmt.date English", fmt.date("2014-09-18", nil, "en"), "18 September 2014")
eq("fmt.auto integer", fmt.auto(12000), "12.000")
eq("fmt.auto float", fmt.auto(2 / 3), "0,67")
eq("fmt.auto integral float", fmt.auto(3.0), "3")
eq("fmt.auto string", fmt.auto("klub"), "klub")
eq("fmt.auto list", fmt.auto({ "Skovlund", "Havbjerg", "Ådal" }), "Skovlund, Havbjerg og Ådal")
eq("fmt.auto nil", fmt.auto(nil), "")
eq("fmt.words", fmt.words(3), "tre")
eq("fmt.words neuter", fmt.words(1, "et"), "et")
eq("fmt.capitalise Danish letter", fmt.capitalise("ådal"), "Ådal")
eq("fmt.number no negative zero", fmt.number(-0.004, 2), "0,00")
eq("fmt.integer rounds half away from zero", fmt.integer(-2.5), "\u{2212}3")
eq("fmt.percent of nothing", fmt.percent(nil), "–")
eq("fmt.date leaves a non-date alone", fmt.date("primo 2025"), "primo 2025")
eq("fmt.list of two", fmt.list({ "a", "b" }), "a og b")
eq("fmt.list English", fmt.list({ "a", "b", "c" }, "en"), "a, b and c")
eq("fmt.words above twelve", fmt.words(1500), "1.500")

do
  local l = { "Ådal", "Aabenraa", "Zebra", "Æble", "Øster", "abe", "Élan", "Runde 10", "Runde 2", "Ödön" }
  fmt.sort_da(l)
  eq("sort_da: æ ø å last, aa not special, accents fold, numbers natural",
     table.concat(l, ","), "Aabenraa,abe,Élan,Runde 2,Runde 10,Zebra,Æble,Ödön,Øster,Ådal")
  check("compare_da Å after Z", fmt.compare_da("Zulu", "Åby"))
  check("compare_da case only breaks ties", fmt.compare_da("abc", "Abd"))
end

---------------------------------------------------------------- idealtyper

setup()
do
  local t = component("idealtyper")({ id = "tbl:idealtyper", caption = "Idealtyperne" })
  check("idealtyper: node shape", shape_error(t) == nil, shape_error(t))
  eq("idealtyper: id", t.id, "tbl:idealtyper")
  eq("idealtyper: caption", t.caption, "Idealtyperne")
  eq("idealtyper: header", cell_text(t.header[1][2]) .. "," .. cell_text(t.header[1][3]) .. "," .. cell_text(t.header[1][4]),
     "Kantinen,Klubben,Kompagniet")
  eq("idealtyper: one row per element", #t.rows, #ELEMENTS)
  eq("idealtyper: rows in declared order", cell_text(t.rows[3][1]), "Mål")
  eq("idealtyper: cell is the description", cell_text(t.rows[3][3]), "Mål som klub")

  local list = component("idealtyper")({ id = "tbl:type", variant = "per_type" })
  eq("idealtyper per_type: one table per type", #list, 3)
  eq("idealtyper per_type: ids", list[2].id, "tbl:type-klub")
  eq("idealtyper per_type: caption names the type", list[3].caption, "Idealtypen ”Kompagniet”")
  eq("idealtyper per_type: element, description", #list[1].columns, 2)
  check("idealtyper per_type: shape", shape_error(list[1]) == nil, shape_error(list[1]))

  data.typologi[#data.typologi + 1] = { element = "Ledelse", idealtype = "klub", beskrivelse = "x", _line = 99 }
  local err = fails("idealtyper", {})
  check("idealtyper: undeclared element stops at its line", err and err.line == 99, err and err.msg)
  check("idealtyper: message lists the allowed elements", err and err.msg:find("Mandat, Ressourcer, Mål, Læring", 1, true), err and err.msg)
  table.remove(data.typologi)
  table.remove(data.typologi, 5) -- Ressourcer/klub
  err = fails("idealtyper", {})
  check("idealtyper: a missing description is named", err and err.msg:find("Ressourcer (klub)", 1, true), err and err.msg)

  setup()
  data.typologi = {
    { element = "Mandat", kantine = "a", klub = "b", kompagni = "c", _line = 2 },
    { element = "Ressourcer", kantine = "a", klub = "b", kompagni = "c", _line = 3 },
    { element = "Mål", kantine = "a", klub = "b", kompagni = "c", _line = 4 },
    { element = "Læring", kantine = "a", klub = "b", kompagni = "c", _line = 5 },
  }
  t = component("idealtyper")({})
  eq("idealtyper: wide typology CSV", cell_text(t.rows[4][4]), "c")
end

---------------------------------------------------------------- baseline

setup()
do
  local t = component("baseline")({ caption = "Baseline" })
  check("baseline: shape", shape_error(t) == nil, shape_error(t))
  eq("baseline: summary rows, every element", #t.rows, #ELEMENTS)
  eq("baseline: header", cell_text(t.header[1][2]), "Anliggender")
  eq("baseline: observation text", cell_text(t.rows[1][2]), "Alle har mandat.")
  eq("baseline: element without observation", cell_text(t.rows[2][2]), "–")
  t = component("baseline")({ partnership = "Ådal" })
  eq("baseline: one partnership", cell_text(t.rows[1][2]), "Ådal: lidt mandat.")
  t = component("baseline")({ partnership = "alle" })
  check("baseline: all partnerships shape", shape_error(t) == nil, shape_error(t))
  eq("baseline: all partnerships, declared order", cell_text(t.rows[1][2]) .. "," .. cell_text(t.rows[2][2]), "Skovlund,Ådal")
  t = component("baseline")({ data = "vurderinger", partnership = "Havbjerg", round = "midtvejs",
                              columns = { text = "begrundelse" } })
  eq("baseline: from the assessments' reasons", cell_text(t.rows[2][2]), "obs Havbjerg Ressourcer")
  local err = fails("baseline", { round = "slut" })
  check("baseline: a round outside the edition is refused", err and err.msg:find("ikke med i udgaven", 1, true), err and err.msg)
  err = fails("baseline", { partnership = "Nordby" })
  check("baseline: unknown partnership lists the allowed", err and err.msg:find("Skovlund, Havbjerg, Ådal", 1, true), err and err.msg)
  -- a misspelt argument is a warning naming the nearest known one; the
  -- component goes on without it
  t = component("baseline")({ rund = "baseline" })
  check("baseline: misspelt argument skipped", shape_error(t) == nil, shape_error(t))
  check("baseline: misspelt argument warned with 'mente du'", #warnings == 1 and
    warnings[1]:find("argumentet 'rund' (mente du 'round'?)", 1, true) ~= nil, warnings[1])
end

---------------------------------------------------------------- placering

setup()
do
  local t = component("placering")({ id = "tbl:placering", caption = "Placering" })
  check("placering matrix: shape", shape_error(t) == nil, shape_error(t))
  eq("placering matrix: partnerships as columns", cell_text(t.header[1][4]), "Ådal")
  -- Skovlund Mandat kantine -> klub, Havbjerg Ressourcer kantine -> klub
  eq("placering matrix: level and arrow up", cell_text(t.rows[1][2]), "Klub ↑")
  eq("placering matrix: unchanged", cell_text(t.rows[1][3]), "Klub →")
  eq("placering matrix: element order", cell_text(t.rows[4][1]), "Læring")
  check("placering matrix: legend row explains arrows",
        cell_text(t.rows[#t.rows][1]):find("siden baseline: ↑ op, ↓ ned, → uændret", 1, true), cell_text(t.rows[#t.rows][1]))
  check("placering matrix: cells filled by level", type(t.rows[1][2]) == "table" and t.rows[1][2].fill ~= nil)
  check("placering: the midway edition never shows the final round", not all_text(t):find("Kompagni", 1, true))

  t = component("placering")({ round = "baseline" })
  eq("placering matrix at baseline: no arrows", cell_text(t.rows[1][2]), "Kantine")

  t = component("placering")({ partnership = "Skovlund" })
  check("placering rounds: shape", shape_error(t) == nil, shape_error(t))
  eq("placering rounds: a column per round + movement", #t.header[1], 4)
  eq("placering rounds: movement in words", cell_text(t.rows[1][4]), "↑ op")
  eq("placering rounds: unchanged in words", cell_text(t.rows[2][4]), "→ uændret")

  t = component("placering")({ variant = "rounds" })
  check("placering rounds all: shape", shape_error(t) == nil, shape_error(t))
  eq("placering rounds all: rows", #t.rows, #ELEMENTS * #PARTNERS)

  t = component("placering")({ variant = "summary", caption = "Antal" })
  check("placering summary: shape", shape_error(t) == nil, shape_error(t))
  -- midtvejs Mandat: Skovlund klub, Havbjerg klub, Ådal kantine
  eq("placering summary: counts per level", cell_text(t.rows[1][2]) .. "/" .. cell_text(t.rows[1][3]) .. "/" .. cell_text(t.rows[1][4]), "1/2/0")
  eq("placering summary: moved up", cell_text(t.rows[1][5]), "1")
  local total = t.rows[#ELEMENTS + 1]
  eq("placering summary: total row", cell_text(total[1]) .. " " .. cell_text(total[2]) .. "/" .. cell_text(total[3]), "I alt 7/5")

  setup({ "baseline", "midtvejs", "slut" })
  t = component("placering")({})
  eq("placering: final edition defaults to the final round", cell_text(t.rows[3][2]), "Kompagni ↑")

  setup()
  data.vurderinger[1].niveau = "klubben2"
  local err = fails("placering", {})
  check("placering: bad level stops at its line", err and err.line == data.vurderinger[1]._line, err and err.msg)
  check("placering: bad level lists the levels", err and err.msg:find("kantine, klub, kompagni", 1, true)
        and err.msg:find("niveau", 1, true), err and err.msg)
  setup()
  data.vurderinger[#data.vurderinger + 1] = { partnerskab = "Skovlund", runde = "baseline", element = "Mandat",
                                              niveau = "klub", _line = 200 }
  err = fails("placering", {})
  check("placering: a second assessment of the same element is refused", err and err.line == 200, err and err.msg)
  setup()
  err = fails("placering", { variant = "kryds" })
  check("placering: unknown variant lists the variants", err and err.msg:find("matrix, rounds, summary", 1, true), err and err.msg)
end

---------------------------------------------------------------- placering_figur

setup({ "baseline", "midtvejs", "slut" })
do
  local f = component("placering_figur")({ id = "fig:profil", caption = "Profiler" })
  check("placering_figur: shape (items inside the drawing)", shape_error(f) == nil, shape_error(f))
  eq("placering_figur: type", f.type, "figure")
  eq("placering_figur: id", f.id, "fig:profil")
  eq("placering_figur: data table rows", #f.data.rows, #PARTNERS * #ELEMENTS)
  eq("placering_figur: data table round columns", #f.data.header[1], 2 + 3)
  check("placering_figur: alt names the partnerships", f.alt:find("Skovlund, Havbjerg og Ådal", 1, true), f.alt)
  local texts, dashed, shapes = {}, false, {}
  for _, it in ipairs(f.chart.items) do
    if it[1] == "text" then texts[it.text] = true end
    if it.dash then dashed = true end
    shapes[it[1]] = true
  end
  check("placering_figur: element and level labels", texts["Læring"] and texts["Kompagni"] and texts["Ådal"])
  check("placering_figur: legend names the rounds", texts["Baseline"] and texts["Midtvejs"] and texts["Slut"])
  check("placering_figur: greyscale-safe (dash patterns and two marker shapes)", dashed and shapes.circle and shapes.rect)
  setup()
  f = component("placering_figur")({})
  local slut = false
  for _, it in ipairs(f.chart.items) do if it[1] == "text" and it.text == "Slut" then slut = true end end
  check("placering_figur: the midway edition has no final round", not slut)
end

---------------------------------------------------------------- aktiviteter

setup()
do
  local t = component("aktiviteter")({ activity = "Virksomheder kontaktet", caption = "Kontakter" })
  check("aktiviteter: shape", shape_error(t) == nil, shape_error(t))
  -- Skovlund 20 + 40 = 60 of 100
  eq("aktiviteter: per period", cell_text(t.rows[1][2]) .. "+" .. cell_text(t.rows[1][3]), "20+40")
  eq("aktiviteter: total", cell_text(t.rows[1][4]), "60")
  eq("aktiviteter: target", cell_text(t.rows[1][5]), "100")
  eq("aktiviteter: share in Danish percent", cell_text(t.rows[1][6]), "60" .. NB .. "%")
  local tot = t.rows[#t.rows]
  eq("aktiviteter: total row", cell_text(tot[1]) .. " " .. cell_text(tot[4]) .. " " .. cell_text(tot[5]) .. " " .. cell_text(tot[6]),
     "I alt 120 300 40" .. NB .. "%")
  t = component("aktiviteter")({})
  check("aktiviteter all: shape", shape_error(t) == nil, shape_error(t))
  eq("aktiviteter all: activities in the targets' order", cell_text(t.rows[2][1]), "Medarbejdere opkvalificeret")
  eq("aktiviteter all: total", cell_text(t.rows[2][5]), "750")
  eq("aktiviteter all: share of project target", cell_text(t.rows[2][7]), "50" .. NB .. "%")
  local err = fails("aktiviteter", { activity = "Kaffe drukket" })
  check("aktiviteter: unknown activity lists the activities", err and err.msg:find("Virksomheder kontaktet", 1, true), err and err.msg)
  setup({ "baseline", "midtvejs", "slut" })
  t = component("aktiviteter")({ activity = "Virksomheder kontaktet" })
  eq("aktiviteter: final edition adds the final period", cell_text(t.rows[1][5]), "105")
  t = component("aktiviteter")({})
  eq("aktiviteter all: thousands", cell_text(t.rows[2][5]), "1.950")
  eq("aktiviteter all: share above target", cell_text(t.rows[2][7]), "130" .. NB .. "%")

  setup()
  local f = component("aktiviteter_figur")({ id = "fig:akt", activity = "Virksomheder kontaktet", caption = "x" })
  check("aktiviteter_figur: shape", shape_error(f) == nil, shape_error(f))
  check("aktiviteter_figur: data table", f.data and #f.data.rows == 3)
  check("aktiviteter_figur: alt text gives the numbers", f.alt:find("Skovlund 60", 1, true), f.alt)
  f = component("aktiviteter_figur")({ id = "fig:akt2" })
  check("aktiviteter_figur all: shape", shape_error(f) == nil, shape_error(f))
  check("aktiviteter_figur all: alt gives shares", f.alt:find("50" .. NB .. "%", 1, true), f.alt)
end

---------------------------------------------------------------- spoergeskema

setup()
do
  local t = component("spoergeskema")({ caption = "Svar" })
  check("spoergeskema: shape", shape_error(t) == nil, shape_error(t))
  eq("spoergeskema: answers in declared order", cell_text(t.header[1][3]) .. "," .. cell_text(t.header[1][4]) .. "," .. cell_text(t.header[1][5]),
     "Ja,Delvist,Nej")
  eq("spoergeskema: group", cell_text(t.rows[1][2]), "Styregruppe")
  eq("spoergeskema: count and share", cell_text(t.rows[1][3]), "2 (67" .. NB .. "%)")
  eq("spoergeskema: n", cell_text(t.rows[1][6]), "3")
  eq("spoergeskema: second group", cell_text(t.rows[2][2]) .. " n=" .. cell_text(t.rows[2][6]), "Konsulentgruppe n=4")
  t = component("spoergeskema")({ round = "alle", percent = false })
  eq("spoergeskema: pooled rounds", cell_text(t.rows[1][6]), "6")
  eq("spoergeskema: without percent", cell_text(t.rows[1][3]), "4")
  data.spoergeskema[1].svar = "måske"
  local err = fails("spoergeskema", {})
  check("spoergeskema: undeclared answer lists the allowed", err and err.msg:find("ja, delvist, nej", 1, true), err and err.msg)
end

---------------------------------------------------------------- tidslinje

setup()
do
  local t = component("tidslinje")({ caption = "Tidslinje" })
  check("tidslinje: shape", shape_error(t) == nil, shape_error(t))
  eq("tidslinje: date order, then Danish order", cell_text(t.rows[1][2]) .. "," .. cell_text(t.rows[2][2]) .. "," .. cell_text(t.rows[3][2]),
     "Aftale underskrevet,Opstartsmøde,Midtvejsseminar")
  eq("tidslinje: Danish date", cell_text(t.rows[1][1]), "18. september 2024")
  eq("tidslinje: partnership column", cell_text(t.rows[2][3]), "Alle partnerskaber")
  t = component("tidslinje")({ date_style = "short" })
  eq("tidslinje: short date", cell_text(t.rows[3][1]), "1.3.2025")
  local l = component("tidslinje")({ variant = "list", date_style = "short" })
  eq("tidslinje list: a list node", l.type, "list")
  eq("tidslinje list: items in date order", #l.items, 3)
  eq("tidslinje list: date in bold", l.items[1][1].type .. " " .. l.items[1][1].content, "strong 18.9.2024")
  eq("tidslinje list: event and partnership", l.items[1][2] .. l.items[1][3], " – Aftale underskrevet (Ådal)")
  data.tidslinje[1].dato = "primo marts"
  local err = fails("tidslinje", {})
  check("tidslinje: a non-date stops at its line", err and err.line == 2, err and err.msg)
end

---------------------------------------------------------------- gaps in the data

setup()
do
  -- Ådal not assessed on Læring at midtvejs: a dash, and no arrow
  for i = #data.vurderinger, 1, -1 do
    local r = data.vurderinger[i]
    if r.partnerskab == "Ådal" and r.runde == "midtvejs" and r.element == "Læring" then table.remove(data.vurderinger, i) end
  end
  local t = component("placering")({})
  eq("placering: a missing assessment is a dash", cell_text(t.rows[4][4]), "–")
  t = component("placering")({ partnership = "Ådal" })
  eq("placering rounds: no movement without both rounds", cell_text(t.rows[4][4]), "")
  local f = component("placering_figur")({})
  check("placering_figur: a gap still draws", shape_error(f) == nil, shape_error(f))
  -- an activity without a target
  data.aktiviteter[#data.aktiviteter + 1] = { partnerskab = "Ådal", runde = "midtvejs", aktivitet = "Ledere på kursus", antal = 4, _line = 90 }
  t = component("aktiviteter")({})
  eq("aktiviteter: an activity without a target comes last", cell_text(t.rows[3][1]), "Ledere på kursus")
  eq("aktiviteter: no target, no share", cell_text(t.rows[3][6]) .. cell_text(t.rows[3][7]), "––")
  -- no answers in the round asked for
  data.spoergeskema = {}
  t = component("spoergeskema")({ round = "midtvejs" })
  check("spoergeskema: no answers says so", cell_text(t.rows[1][1]):find("Ingen svar", 1, true), cell_text(t.rows[1][1]))
  check("spoergeskema: no answers shape", shape_error(t) == nil, shape_error(t))
  data.vurderinger = {}
  t = component("placering")({ variant = "summary" })
  check("placering summary without data: shape", shape_error(t) == nil, shape_error(t))
end
do
  setup()
  local err = fails("placering", { columns = { level = "vurdering" } })
  check("placering: an undeclared column is named with the declared ones",
        err and err.msg:find("'vurdering'", 1, true) and err.msg:find("partnerskab, runde, element, niveau", 1, true), err and err.msg)
  err = fails("placering", { id = "placering" })
  check("an id without a kind prefix is refused", err and err.msg:find("tbl:", 1, true), err and err.msg)
  local l = { "b", "a\255x", "a" }
  local ok = pcall(fmt.sort_da, l)
  check("sort_da survives invalid UTF-8", ok)
end

---------------------------------------------------------------- small blocks

setup()
eq("toc", component("toc")({}).type, "toc")
eq("tabeloversigt", component("tabeloversigt")({}).type, "list_of_tables")
eq("figuroversigt", component("figuroversigt")({}).type, "list_of_figures")
eq("sideskift", component("sideskift")({}).type, "pagebreak")

---------------------------------------------------------------- English

setup(nil, "en")
do
  local t = component("idealtyper")({})
  eq("English: ideal type names", cell_text(t.header[1][3]), "The Club")
  t = component("aktiviteter")({ activity = "Virksomheder kontaktet" })
  eq("English: percent", cell_text(t.rows[1][6]), "60%")
  local err = fails("placering", { round = "final" })
  check("English: messages", err and err.msg:find("allowed values", 1, true), err and err.msg)
end

---------------------------------------------------------------- prose counts

setup()
do
  package.loaded["optael"] = nil
  local O = require("optael")
  eq("optael.runde", O.runde(), "midtvejs")
  -- midtvejs: Skovlund 2 of 4 at klub -> klub; Havbjerg 3 of 4 -> klub; Ådal kantine
  eq("optael.niveau", O.niveau("Skovlund"), "klub")
  eq("optael.antal_paa klub", O.antal_paa("klub"), 2)
  eq("optael.partnerskaber_paa gives a Danish list", O.partnerskaber_paa("klub"), "Skovlund og Havbjerg")
  eq("optael.partnerskaber_paa none", O.partnerskaber_paa("kompagni"), "ingen")
  eq("optael.liste_paa", #O.liste_paa("kantine"), 1)
  eq("optael.placeringer", O.placeringer("klub"), 5)
  eq("optael.rykket_op", O.rykket_op(), 3)
  eq("optael.aktivitet", O.aktivitet("Virksomheder kontaktet"), 120)
  eq("optael.andel", O.andel("Virksomheder kontaktet"), "40" .. NB .. "%")
  eq("optael.svar", O.svar("ja", "styregruppe"), 4)
  eq("optael.andel_svar in the latest round", O.andel_svar("ja", "styregruppe"), "67" .. NB .. "%")
  eq("optael.andel_svar all groups", O.andel_svar("nej", nil, "baseline"), "43" .. NB .. "%")
  local ok, err = pcall(O.antal_paa, "klubben")
  check("optael: unknown level lists the levels", not ok and type(err) == "table" and err.msg:find("kantine, klub, kompagni", 1, true))
end

---------------------------------------------------------------- the unit of analysis

-- Every string in a node tree, for "which words does a reader see".
local function all_strings(x, out)
  out = out or {}
  if type(x) == "string" then out[#out + 1] = x
  elseif type(x) == "table" then
    for _, v in pairs(x) do all_strings(v, out) end
  end
  return out
end

-- The fixture as a project about departments: the unit declared with its
-- singular only (the other forms are made the regular Danish way), the
-- list as `units`, the data column renamed, one word of its own.
local function department_project()
  setup({ "baseline", "midtvejs" })
  project.unit = { singular = "afdeling" }
  project.units, project.partnerships = PARTNERS, nil
  project.words = { all_units = "Hele forvaltningen" }
  for _, d in pairs(project.data) do
    for _, c in ipairs(d.columns) do if c[1] == "partnerskab" then c[1] = "afdeling" end end
  end
  for _, rows in pairs(data) do
    for _, r in ipairs(rows) do
      if r.partnerskab ~= nil then r.afdeling, r.partnerskab = r.partnerskab, nil end
    end
  end
  package.loaded["optael"] = nil
end

department_project()
do
  local K = require("komponent")
  eq("unit: plural made from the singular", K.unit().plural, "afdelinger")
  eq("unit: definite plural", K.unit().definite_plural, "afdelingerne")
  eq("unit: column defaults to the project's singular", K.unit().column, "afdeling")
  eq("unit: a placeholder capitalised", K.expand("{Units} og {the_unit_gen} navn"), "Afdelinger og afdelingens navn")
  eq("unit: genitive after s", K.genitive("Randers"), "Randers'")
  local t = component("placering")({ variant = "rounds" })
  eq("unit: placering header", cell_text(t.header[1][1]), "Afdeling")
  t = component("placering")({ variant = "summary" })
  local note = cell_text(t.rows[#t.rows][1])
  check("unit: summary note in the unit's plural", note:find("Antal afdelinger på hvert niveau", 1, true) ~= nil, note)
  t = component("tidslinje")({})
  eq("unit: tidslinje header", cell_text(t.header[1][3]), "Afdeling")
  eq("unit: the project's own word (words.all_units)", cell_text(t.rows[2][3]), "Hele forvaltningen")
  t = component("placering")({ unit = "Ådal" })
  check("unit: the argument unit = picks one", shape_error(t) == nil and #t.rows == #ELEMENTS, shape_error(t))
  local O = require("optael")
  eq("unit: optael reads the unit's column", O.navne_paa("klub"), "Skovlund og Havbjerg")
  eq("unit: optael.enhed", O.enhed("the_units_gen"), "afdelingernes")
  -- no built-in component prints the default unit's word
  local seen = {}
  for _, c in ipairs({ { "placering", {} }, { "placering", { variant = "rounds" } },
                       { "placering", { variant = "summary" } }, { "placering_figur", {} },
                       { "aktiviteter", {} }, { "aktiviteter", { activity = "Virksomheder kontaktet" } },
                       { "aktiviteter_figur", {} }, { "aktiviteter_figur", { activity = "Virksomheder kontaktet" } },
                       { "baseline", { unit = "alle" } }, { "spoergeskema", {} }, { "tidslinje", {} },
                       { "idealtyper", {} } }) do
    for _, str in ipairs(all_strings(component(c[1])(c[2]))) do
      if str:lower():find("partnersk", 1, true) then seen[#seen + 1] = c[1] .. ": " .. str end
    end
  end
  check("unit: no component prints 'partnerskab' for departments", #seen == 0, seen[1])
  eq("unit: no warnings", #warnings, 0)
end

setup(nil, "en")
do
  local t = component("placering")({ variant = "rounds" })
  eq("unit: English default header", cell_text(t.header[1][1]), "Partnership")
end

---------------------------------------------------------------- chart labels

do
  local D = require("tegning")
  local lines = D.wrap("Børn, Unge og Familie", 60, 9, true)
  check("wrap: a long name on more lines", #lines == 2, table.concat(lines, "|"))
  local ok = true
  for _, l in ipairs(lines) do ok = ok and D.text_width(l, 9) * 1.1 <= 60 end
  check("wrap: every line within the width", ok, table.concat(lines, "|"))
  eq("wrap: a short name stays whole", table.concat(D.wrap("Skovlund", 100, 9), "|"), "Skovlund")
  lines = D.wrap("Supercalifragilisticexpialidocious", 40, 9)
  local joined, hyphens = "", true
  for i, l in ipairs(lines) do
    if i < #lines then hyphens = hyphens and l:sub(-1) == "-"; l = l:sub(1, -2) end
    joined = joined .. l
  end
  check("wrap: a word too long is broken between characters", #lines > 1 and joined == "Supercalifragilisticexpialidocious", table.concat(lines, "|"))
  check("wrap: ... each broken line ends with a hyphen", hyphens, table.concat(lines, "|"))
  ok = true
  for _, l in ipairs(lines) do ok = ok and D.text_width(l, 9) <= 40 end
  check("wrap: ... and is within the width, the hyphen included", ok, table.concat(lines, "|"))
  -- no tail of one or two letters: "Digitaliseringsstabe|n" was drawn
  local word = "Digitaliseringsstaben"
  lines = D.wrap(word, D.text_width(word, 9) - 1, 9)
  check("wrap: at least three letters on the next line", #lines == 2 and utf8.len(lines[2]) >= 3, table.concat(lines, "|"))
  -- a compound with a hyphen of its own breaks there
  lines = D.wrap("Skole-Dagtilbudsafdelingen", D.text_width("Skole-Dagtilbud", 9), 9)
  eq("wrap: a word's own hyphen is where it breaks", lines[1], "Skole-")
end

print(string.format("%d passed, %d failed", passed, failed))
os.exit(failed == 0 and 0 or 1)
