-- optael.lua - counts for the prose, so that running text takes its numbers
-- from the data: `{{ require("optael").antal_paa("klub") }}`.
--
-- The default data names are those of the components (vurderinger,
-- aktiviteter, maal, spoergeskema); round defaults to the edition's last
-- round with data. A unit's (partnership's, department's, ...) overall
-- level in a round is the highest level that at least half of its elements
-- have reached (the median placement). The data columns naming the unit are
-- unit.column from rapport.lua (default "partnerskab").
local K = require("komponent")
local V = require("vurdering")
local A = require("aktivitet")

local O = {}

local cache = {}
local function assessments()
  -- data does not change while one edition is evaluated
  if cache.data ~= data or cache.edition ~= K.project().edition then
    cache = { data = data, edition = K.project().edition }
  end
  if not cache.a then cache.a = V.load({}) end
  return cache.a
end
local function activities()
  assessments()
  if not cache.act then cache.act = A.load({}) end
  return cache.act
end

local function pick_round(a, round)
  round = round or V.latest(a)
  K.check_round(round)
  return round
end

-- The edition's last round with assessments as the prose names it
-- (round_names in rapport.lua, lower-cased): "midtvejs", "slutrunden".
function O.runde()
  return K.round_label(V.latest(assessments())):lower()
end

-- The same round's name as the data has it: "slut".
function O.runde_id()
  return V.latest(assessments())
end

-- The round before the latest: "baseline" (or nil).
function O.forrige_runde(round)
  local a = assessments()
  return V.previous(a, pick_round(a, round))
end

-- The overall level of unit p: "klub".
function O.niveau(p, round)
  local a = assessments()
  K.check_unit(p)
  return V.overall(a, p, pick_round(a, round))
end

-- The units whose overall level is `level`, as a list.
function O.liste_paa(level, round)
  local a = assessments()
  K.one_of(level, K.levels(), "niveau", "level")
  round = pick_round(a, round)
  local out = {}
  for _, p in ipairs(K.units()) do
    if V.overall(a, p, round) == level then out[#out + 1] = p end
  end
  return out
end

-- The same as text for the prose: "Havbjerg og Ådal" ("ingen" when empty).
-- navne_paa is the name for any unit; partnerskaber_paa the same function.
function O.navne_paa(level, round)
  local l = O.liste_paa(level, round)
  if #l == 0 then return K.word("none") end
  return K.fmt.list(l)
end
O.partnerskaber_paa = O.navne_paa

-- How many units stand at `level` overall.
function O.antal_paa(level, round)
  return #O.liste_paa(level, round)
end

-- How many placements (unit x element) are at `level`; with `element`, how
-- many units are at that level on that element.
function O.placeringer(level, round, element)
  local a = assessments()
  K.one_of(level, K.levels(), "niveau", "level")
  round = pick_round(a, round)
  if element then K.one_of(element, K.elements(), "element", "element") end
  local n = 0
  for _, p in ipairs(K.units()) do
    for _, e in ipairs(K.elements()) do
      if (element == nil or e == element) and V.get(a, p, round, e) == level then n = n + 1 end
    end
  end
  return n
end

-- How many placements moved up (direction 1), down (-1) or stayed (0) from
-- the previous round to `round`; p limits it to one unit.
local function moved(direction, round, p)
  local a = assessments()
  round = pick_round(a, round)
  local prev = V.previous(a, round)
  if not prev then return 0 end
  local n = 0
  for _, pp in ipairs(p and { p } or K.units()) do
    for _, e in ipairs(K.elements()) do
      if V.move(V.get(a, pp, prev, e), V.get(a, pp, round, e)) == direction then n = n + 1 end
    end
  end
  return n
end
function O.rykket_op(round, p) return moved(1, round, p) end
function O.rykket_ned(round, p) return moved(-1, round, p) end
function O.uaendret(round, p) return moved(0, round, p) end

-- The elements on which unit p stands at `level`.
function O.elementer_paa(p, level, round)
  local a = assessments()
  K.check_unit(p)
  K.one_of(level, K.levels(), "niveau", "level")
  round = pick_round(a, round)
  local out = {}
  for _, e in ipairs(K.elements()) do
    if V.get(a, p, round, e) == level then out[#out + 1] = e end
  end
  return out
end

-- Activity count (all units unless p), over the edition's rounds.
function O.aktivitet(activity, p)
  local act = activities()
  A.check_activity(act, activity)
  return A.count(act, activity, p)
end

function O.maal(activity, p)
  local act = activities()
  A.check_activity(act, activity)
  return A.target(act, activity, p)
end

-- The share of the target reached, formatted: "84 %".
function O.andel(activity, p)
  local act = activities()
  A.check_activity(act, activity)
  local s = A.share(act, activity, p)
  return s and K.fmt.percent(s, 0) or "–"
end

-- Number of questionnaire answers (rows), optionally only those with
-- answer `svar`, from group `gruppe`, on element `element`, from unit `p`.
function O.svar(svar, gruppe, element, p)
  local rows = K.rows({}, "spoergeskema")
  if p then K.check_unit(p) end
  local col = K.unit().column
  local n = 0
  for _, r in ipairs(rows) do
    if (svar == nil or r.svar == svar) and (gruppe == nil or r.gruppe == gruppe)
       and (element == nil or r.element == element) and (p == nil or r[col] == p) then
      n = n + 1
    end
  end
  return n
end

-- The share of the answers `svar` among the answers of group `gruppe` (nil
-- = all) in a round (default: the edition's last round with answers),
-- formatted: "32 %".
function O.andel_svar(svar, gruppe, runde)
  local rows = K.rows({}, "spoergeskema")
  if runde == nil then
    local has = {}
    for _, r in ipairs(rows) do if r.runde then has[r.runde] = true end end
    for _, rd in ipairs(K.rounds()) do if has[rd] then runde = rd end end
  else
    K.check_round(runde)
  end
  local n, k = 0, 0
  for _, r in ipairs(rows) do
    if r.runde == runde and (gruppe == nil or r.gruppe == gruppe) and r.svar ~= nil then
      n = n + 1
      if r.svar == svar then k = k + 1 end
    end
  end
  if n == 0 then return "–" end
  return K.fmt.percent(k / n, 0)
end

-- The unit's word for prose: enhed() "afdeling", enhed("units")
-- "afdelinger", enhed("the_units_gen") "afdelingernes", enhed("Units")
-- "Afdelinger" (the placeholders of `words`, README).
function O.enhed(form)
  return K.expand("{" .. (form or "unit") .. "}")
end

-- Number words for prose ("tre"), re-exported for convenience.
O.ord = K.fmt.words
O.fmt = K.fmt

return O
