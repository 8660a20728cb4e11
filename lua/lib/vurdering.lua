-- vurdering.lua - the assessments (unit x round x element -> level) that
-- the placement table, the placement chart and the prose counts read,
-- validated once: every value must be declared in rapport.lua, and one
-- unit (partnership, department, ...) has one level per element and round.
local K = require("komponent")

local V = {}

-- Reads the assessment rows. args.data (default "vurderinger") and
-- args.columns = { partnership =, round =, element =, level = } as in the
-- components. Returns an object:
--   a.level[p][r][e]  the level (string) or nil
--   a.row[p][r][e]    the CSV row (for messages)
--   a.rounds          the edition's rounds that have at least one assessment
--   a.name            the data file's name
function V.load(args)
  args = args or {}
  local rows, dataname = K.rows(args, "vurderinger")
  local decl = (K.project().data or {})[dataname]
  local cols = {
    partnership = K.unit().column, element = "element", level = "niveau",
    round = type(decl) == "table" and decl.round or "runde",
  }
  for k, v in pairs(args.columns or {}) do cols[k] = v end
  K.check_columns(dataname, cols)

  local a = { level = {}, row = {}, name = dataname, cols = cols }
  local seen = {}
  for _, r in ipairs(rows) do
    local p = K.check_value(r, cols.partnership, K.units(), K.unit().singular, K.unit().singular)
    local rd = K.check_value(r, cols.round, K.all_rounds(), "runde", "round")
    local e = K.check_value(r, cols.element, K.elements(), "element", "element")
    local l = K.check_value(r, cols.level, K.levels(), "niveau", "level")
    a.level[p] = a.level[p] or {}
    a.level[p][rd] = a.level[p][rd] or {}
    a.row[p] = a.row[p] or {}
    a.row[p][rd] = a.row[p][rd] or {}
    local before = a.row[p][rd][e]
    if before then
      K.fail(K.T(
        string.format("%s er allerede vurderet på '%s' i runden %s (linje %s)", p, e, rd, tostring(before._line)),
        string.format("%s has already been assessed on '%s' in the round %s (line %s)", p, e, rd, tostring(before._line))), r)
    end
    a.level[p][rd][e] = l
    a.row[p][rd][e] = r
    seen[rd] = true
  end
  a.rounds = {}
  for _, rd in ipairs(K.rounds()) do
    if seen[rd] then a.rounds[#a.rounds + 1] = rd end
  end
  return a
end

function V.get(a, p, rd, e)
  local x = a.level[p]
  x = x and x[rd]
  return x and x[e]
end

-- The round to show by default: the edition's last round with data.
function V.latest(a)
  return a.rounds[#a.rounds] or K.rounds()[#K.rounds()]
end

-- The round before rd among the edition's rounds that have data.
function V.previous(a, rd)
  local i = K.index_of(a.rounds, rd)
  if i and i > 1 then return a.rounds[i - 1] end
  return nil
end

-- Movement from `before` to `now`: 1 up, -1 down, 0 unchanged, nil when
-- either is missing.
function V.move(before, now)
  if before == nil or now == nil then return nil end
  local i, j = K.level_index(before), K.level_index(now)
  if j > i then return 1 elseif j < i then return -1 end
  return 0
end

V.ARROW = { [1] = "↑", [0] = "→", [-1] = "↓" }

-- "↑ op" / "→ uændret" / "↓ ned"
function V.move_text(m)
  if m == nil then return "" end
  local word = m > 0 and K.word("up") or m < 0 and K.word("down") or K.word("unchanged")
  return V.ARROW[m] .. " " .. word
end

-- The overall level of unit p in round rd: the highest level that at
-- least half of its assessed elements have reached (the median placement).
-- nil when it has not been assessed in the round.
function V.overall(a, p, rd)
  local idx = {}
  for _, e in ipairs(K.elements()) do
    local l = V.get(a, p, rd, e)
    if l then idx[#idx + 1] = K.level_index(l) end
  end
  if #idx == 0 then return nil end
  local need = #idx / 2
  for lv = #K.levels(), 2, -1 do
    local n = 0
    for _, v in ipairs(idx) do if v >= lv then n = n + 1 end end
    if n >= need then return K.levels()[lv] end
  end
  return K.levels()[1]
end

return V
