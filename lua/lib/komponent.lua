-- komponent.lua - what the components in lua/components/ share: the
-- project's analysis frame (levels, rounds of the edition, elements, the
-- unit of analysis and its units), the interface words, argument checks, error messages that list the allowed
-- values, and the shapes of table nodes.
--
-- Everything here reads the sandbox globals `project`, `data`, `locale` and
-- `rapport` at call time, so one loaded copy serves every directive.

local fmt = require("fmt")

local K = {}
K.fmt = fmt

-- The ideal-type names of the usual three levels; a project may override or
-- add names with `level_names = { kantine = "Kantinen", ... }` in rapport.lua.
local TYPE_NAMES = {
  da = { kantine = "Kantinen", klub = "Klubben", kompagni = "Kompagniet" },
  en = { kantine = "The Canteen", klub = "The Club", kompagni = "The Company" },
}
local DEFAULT_LEVELS = { "kantine", "klub", "kompagni" }

-- Greyscale-safe fills for the levels: light to darker, readable with black
-- text and distinguishable when printed without colour.
local LEVEL_FILLS = { "#f3f3f3", "#d9e6f2", "#a9c8e4", "#7fb0da" }

function K.project() return project or {} end

function K.lang()
  return fmt.lang()
end

-- Picks the Danish or English text of a message.
function K.T(da, en)
  if K.lang() == "en" then return en end
  return da
end

---------------------------------------------------------------- the unit

-- The unit of analysis: what the project follows (partnerships,
-- departments, schools, ...). rapport.lua declares it with
-- `unit = { singular =, plural =, definite =, definite_plural =, column = }`;
-- forms it leaves out are made from its singular the regular Danish way
-- (afdeling: afdelinger, afdelingen, afdelingerne), so an irregular noun
-- names them all. Without `unit`, the locale's forms (partnerskab,
-- partnership) hold. The data column that names the unit is `column`, else
-- the project's singular, else "partnerskab" in any language.
K.UNIT_FIELDS = { "singular", "plural", "definite", "definite_plural", "column" }

local function regular_forms(s)
  local e = s:sub(-1) == "e"
  local plural = e and s .. "r" or s .. "er"
  return { singular = s, plural = plural, definite = e and s .. "n" or s .. "en",
           definite_plural = plural .. "ne" }
end

local unit_cache = {}
function K.unit()
  local pu, l = K.project().unit, locale
  if unit_cache.pu == pu and unit_cache.l == l and unit_cache.u then return unit_cache.u end
  local u = {}
  local base = type(l) == "table" and type(l.unit) == "table" and l.unit or {}
  if type(pu) == "table" and type(pu.singular) == "string" then
    base = regular_forms(pu.singular)
  end
  for _, f in ipairs(K.UNIT_FIELDS) do
    u[f] = type(pu) == "table" and type(pu[f]) == "string" and pu[f] or base[f]
  end
  u.singular = u.singular or "partnerskab"
  for f, v in pairs(regular_forms(u.singular)) do u[f] = u[f] or v end
  if not u.column then
    u.column = type(pu) == "table" and type(pu.singular) == "string" and pu.singular or "partnerskab"
  end
  unit_cache = { pu = pu, l = l, u = u }
  return u
end

-- The genitive of a Danish noun or name: "afdelingens", "Randers'".
function K.genitive(s)
  if K.lang() == "en" then return s .. "'s" end
  if s:match("[sxzSXZ]$") then return s .. "'" end
  return s .. "s"
end

-- The unit's form for a placeholder: unit, units, the_unit, the_units,
-- with "_gen" the genitive; nil for other names.
local PLACEHOLDER = { unit = "singular", units = "plural", the_unit = "definite",
                      the_units = "definite_plural" }
function K.unit_word(name)
  local gen = name:match("^(.-)_gen$")
  local f = PLACEHOLDER[gen or name]
  if not f then return nil end
  local w = K.unit()[f]
  return gen and K.genitive(w) or w
end

-- The interface word `key`: the project's `words.key` in rapport.lua, else
-- the locale's, with its braces filled (K.expand).
function K.word(key, vars)
  local w = K.project().words
  w = type(w) == "table" and w[key] or nil
  if w == nil and type(locale) == "table" then w = locale[key] end
  if type(w) ~= "string" then return w or key end
  return K.expand(w, vars)
end

-- Fills the braces in text from `vars`, then from the unit's forms
-- ({Units} capitalised); a name neither knows stays as written, so a
-- misspelt placeholder shows in the output.
function K.expand(w, vars)
  if not w:find("{", 1, true) then return w end
  return (w:gsub("{([%a_]+)}", function(name)
    if vars and vars[name] ~= nil then return tostring(vars[name]) end
    local lower = name:sub(1, 1):lower() .. name:sub(2)
    if lower ~= name and vars and vars[lower] ~= nil then return fmt.capitalise(tostring(vars[lower])) end
    local u = K.unit_word(lower)
    if u and lower ~= name then return fmt.capitalise(u) end
    return u
  end))
end

-- Warns (rapport.warn) at the directive; plain Lua ignores it. `row` is a
-- data row (the warning goes to its CSV line) or the name of the
-- directive's argument at fault (to the line the user wrote it on).
function K.warn(msg, row)
  if type(rapport) == "table" and type(rapport.warn) == "function" then
    rapport.warn(msg, row)
  end
end

-- The edit distance between two strings (bytes), for "mente du".
local function distance(a, b)
  local prev = {}
  for j = 0, #b do prev[j] = j end
  for i = 1, #a do
    local cur = { [0] = i }
    for j = 1, #b do
      local cost = a:byte(i) == b:byte(j) and 0 or 1
      cur[j] = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
    end
    prev = cur
  end
  return prev[#b]
end

-- The candidate nearest to `s` within a few typing mistakes, or nil.
function K.nearest(s, candidates)
  local best, bd = nil, math.max(2, math.floor(#s / 3)) + 1
  for _, c in ipairs(candidates) do
    local d = distance(s:lower(), tostring(c):lower())
    if d < bd then best, bd = c, d end
  end
  return best
end

-- Stops the component with an error at the row's CSV line, at the line of
-- the argument when row names one ("round"), or at the directive.
function K.fail(msg, row)
  if type(rapport) == "table" and type(rapport.error) == "function" then
    rapport.error(msg, row)
  end
  error(msg, 0)  -- rapport.error does not return; this is for bare Lua
end

-- "baseline, midtvejs, slut"
function K.join(list)
  local out = {}
  for i, v in ipairs(list) do out[i] = tostring(v) end
  return table.concat(out, ", ")
end

function K.index_of(list, value)
  -- as ipairs walks it (up to the first nil), without a call per step:
  -- every checked CSV cell comes through here
  if not list then return nil end
  local i = 1
  local v = list[1]
  while v ~= nil do
    if v == value then return i end
    i = i + 1
    v = list[i]
  end
  return nil
end

-- Checks that value is one of list; `what` names the kind of value in the
-- message ("runde"/"round"). Returns value.
function K.one_of(value, list, what_da, what_en, row, column)
  if K.index_of(list, value) then return value end
  local where = ""
  if column then
    where = K.T("kolonnen '" .. column .. "': ", "column '" .. column .. "': ")
  end
  local near = type(value) == "string" and K.nearest(value, list) or nil
  K.fail(where .. K.T(
    string.format("ukendt %s '%s'; tilladte værdier: %s%s", what_da, tostring(value), K.join(list),
                  near and ("; mente du '" .. near .. "'?") or ""),
    string.format("unknown %s '%s'; allowed values: %s%s", what_en, tostring(value), K.join(list),
                  near and ("; did you mean '" .. near .. "'?") or "")), row)
end

---------------------------------------------------------------- the frame

function K.levels()
  local l = K.project().levels
  if type(l) == "table" and #l > 0 then return l end
  return DEFAULT_LEVELS
end

function K.level_index(level)
  return K.index_of(K.levels(), level)
end

-- "klub" -> "Klub" (a placement cell)
function K.level_label(level)
  local names = K.project().level_labels
  if type(names) == "table" and names[level] then return names[level] end
  return fmt.capitalise(level)
end

-- "klub" -> "Klubben" (a column of the ideal-type table)
function K.type_name(level)
  local names = K.project().level_names
  if type(names) == "table" and names[level] then return names[level] end
  local t = TYPE_NAMES[K.lang()][level]
  return t or fmt.capitalise(level)
end

function K.level_fill(level)
  local i = K.level_index(level)
  if not i then return nil end
  local n = #K.levels()
  -- spread the available fills over the levels
  local j = n <= 1 and 1 or math.floor((i - 1) * (#LEVEL_FILLS - 1) / (n - 1) + 0.5) + 1
  return LEVEL_FILLS[j]
end

function K.elements() return K.project().elements or {} end
-- The names of the units followed: `units` in rapport.lua, or
-- `partnerships` (the older name of the same list).
function K.units() return K.project().units or K.project().partnerships or {} end
function K.all_rounds() return K.project().rounds or {} end

-- The rounds of the edition being built, in the project's order.
function K.rounds()
  local p = K.project()
  local all = p.rounds or {}
  local ed = p.edition
  if type(ed) ~= "table" or type(ed.rounds) ~= "table" or #ed.rounds == 0 then
    return all
  end
  local out = {}
  for _, r in ipairs(all) do
    if K.index_of(ed.rounds, r) then out[#out + 1] = r end
  end
  return out
end

function K.round_label(r)
  local names = K.project().round_names
  if type(names) == "table" and names[r] then return names[r] end
  return fmt.capitalise(r)
end

function K.edition_name()
  local ed = K.project().edition
  return type(ed) == "table" and ed.name or "?"
end

-- Checks a round given as an argument: declared, and covered by the
-- edition (a midway report cannot show the final round).
function K.check_round(r, arg)
  arg = arg or "round"
  if type(r) ~= "string" then
    K.fail(K.T("argumentet " .. arg .. " skal være navnet på en runde, fx \"" ..
                 (K.all_rounds()[1] or "baseline") .. "\"",
               "the argument " .. arg .. " must name a round, e.g. \"" ..
                 (K.all_rounds()[1] or "baseline") .. "\""), arg)
  end
  K.one_of(r, K.all_rounds(), "runde i " .. arg, "round in " .. arg, arg)
  if not K.index_of(K.rounds(), r) then
    K.fail(K.T(
      string.format("runden '%s' er ikke med i udgaven '%s', som dækker: %s",
                    r, K.edition_name(), K.join(K.rounds())),
      string.format("the round '%s' is not part of the edition '%s', which covers: %s",
                    r, K.edition_name(), K.join(K.rounds()))), arg)
  end
  return r
end

-- The round before r among the edition's rounds, or nil.
function K.previous_round(r)
  local rs = K.rounds()
  local i = K.index_of(rs, r)
  if i and i > 1 then return rs[i - 1] end
  return nil
end

---------------------------------------------------------------- arguments

-- Arguments every component accepts.
local COMMON = { id = true, caption = true, source = true, data = true,
                 unnumbered = true, landscape = true }

-- Warns about arguments the component does not know (a misspelt one is
-- left out, so the build goes on without it), naming the nearest known
-- argument and listing them all. `unit`/`units` may be written
-- `partnership`/`partnerships`: K.arg reads either.
function K.check_args(args, name, known)
  local ok = {}
  for k in pairs(COMMON) do ok[k] = true end
  for _, k in ipairs(known) do
    ok[k] = true
    if k == "unit" then ok.partnership = true elseif k == "units" then ok.partnerships = true end
  end
  local list = {}
  for kk in pairs(ok) do list[#list + 1] = kk end
  fmt.sort_da(list)
  local unknown = {}
  for k in pairs(args) do
    if type(k) ~= "string" or not ok[k] then unknown[#unknown + 1] = tostring(k) end
  end
  fmt.sort_da(unknown)
  for _, k in ipairs(unknown) do
    local near = K.nearest(k, list)
    K.warn(K.T(
      string.format("komponenten %s kender ikke argumentet '%s'%s og springer det over; mulige argumenter: %s",
                    name, k, near and (" (mente du '" .. near .. "'?)") or "", K.join(list)),
      string.format("the component %s has no argument '%s'%s and ignores it; possible arguments: %s",
                    name, k, near and (" (did you mean '" .. near .. "'?)") or "", K.join(list))), k)
    args[k] = nil
  end
  if args.id ~= nil and (type(args.id) ~= "string" or not args.id:match("^%a+:[%w%-_%.]+$")) then
    K.fail(K.T("id skal have formen \"tbl:navn\" eller \"fig:navn\", fx id = \"tbl:placering\"",
               "id must look like \"tbl:name\" or \"fig:name\", e.g. id = \"tbl:placement\""), "id")
  end
end

-- The rows of the data file the component reads: args.data or the default
-- name. Names the data files that exist when it is missing.
function K.rows(args, default)
  local name = args.data or default
  local d = data
  if type(d) ~= "table" or type(d[name]) ~= "table" then
    local names = {}
    if type(d) == "table" then
      for k in pairs(d) do names[#names + 1] = tostring(k) end
    end
    fmt.sort_da(names)
    K.fail(K.T(
      string.format("datafilen '%s' er ikke erklæret i rapport.lua (data = { %s = ... }); erklærede: %s",
                    name, name, #names > 0 and K.join(names) or "ingen"),
      string.format("the data file '%s' is not declared in rapport.lua (data = { %s = ... }); declared: %s",
                    name, name, #names > 0 and K.join(names) or "none")), "data")
  end
  return d[name], name
end

-- The column names of data file `name` as declared in rapport.lua.
function K.declared_columns(name)
  local decl = K.project().data
  decl = type(decl) == "table" and decl[name]
  local out = {}
  if type(decl) == "table" and type(decl.columns) == "table" then
    for _, c in ipairs(decl.columns) do
      if type(c) == "table" then out[#out + 1] = c[1] or c.name end
    end
  end
  return out
end

-- The declared allowed values of a column, or nil.
function K.declared_values(name, column)
  local decl = K.project().data
  decl = type(decl) == "table" and decl[name]
  if type(decl) ~= "table" or type(decl.columns) ~= "table" then return nil end
  for _, c in ipairs(decl.columns) do
    if type(c) == "table" and (c[1] or c.name) == column and type(c.values) == "table" then
      return c.values
    end
  end
  return nil
end

-- Checks that the column names the component will read exist (when the
-- data file's columns are declared): a misspelt column argument would
-- otherwise give an empty table.
function K.check_columns(dataname, cols)
  local declared = K.declared_columns(dataname)
  if #declared == 0 then return end
  for arg, col in pairs(cols) do
    if col and not K.index_of(declared, col) then
      K.fail(K.T(
        string.format("datafilen '%s' har ingen kolonne '%s' (argumentet %s); kolonnerne er: %s",
                      dataname, col, arg, K.join(declared)),
        string.format("the data file '%s' has no column '%s' (argument %s); its columns are: %s",
                      dataname, col, arg, K.join(declared))), "columns")
    end
  end
end

-- Validates a row's value against a project list (values a component relies
-- on): an undeclared partnership, element, round or level stops the build at
-- the row's line.
function K.check_value(row, column, list, what_da, what_en)
  local v = row[column]
  if v == nil then
    K.fail(K.T("kolonnen '" .. column .. "' er tom; den skal være en af: " .. K.join(list),
               "column '" .. column .. "' is empty; it must be one of: " .. K.join(list)), row)
  end
  return K.one_of(v, list, what_da, what_en, row, column)
end

-- The argument `name` ("unit", "units"), also under its older name
-- ("partnership", "partnerships").
local OLD_NAME = { unit = "partnership", units = "partnerships" }
function K.arg(args, name)
  local v = args[name]
  if v == nil and OLD_NAME[name] then v = args[OLD_NAME[name]] end
  return v
end

-- Checks a unit given as an argument against the project's units.
function K.check_unit(value, arg)
  local u = K.unit().singular
  return K.one_of(value, K.units(), arg and (u .. " i " .. arg) or u,
                  arg and (u .. " in " .. arg) or u, arg or "unit")
end

---------------------------------------------------------------- nodes

-- A cell: content plus optional align/fill/strong.
function K.cell(content, opts)
  local c = { content = content }
  if opts then for k, v in pairs(opts) do c[k] = v end end
  return c
end

-- A table node carrying the common arguments (id, caption, source).
function K.table(args, t)
  t.type = "table"
  t.id = t.id or args.id
  t.caption = t.caption or args.caption
  t.source = t.source or args.source
  if args.unnumbered then t.unnumbered = true end
  if args.landscape then t.landscape = true end
  return t
end

-- Equal relative widths after a first column of relative width `first`.
function K.columns(n, first, aligns)
  local cols = {}
  local rest = n > 1 and (1 - first) / (n - 1) or 1
  for i = 1, n do
    cols[i] = { align = (aligns and aligns[i]) or (i == 1 and "l" or "r"),
                width = i == 1 and first or rest }
  end
  return cols
end

-- Sums a list of numbers (nil counts as 0).
function K.sum(list)
  local s = 0
  for _, v in ipairs(list) do s = s + (v or 0) end
  return s
end

return K
