-- aktivitet.lua - activity counts per unit and period against the
-- project's targets, read once for the activity table, the activity chart
-- and the prose counts.
--
-- Counts: one row per unit, round (the period) and activity with a count
-- (default file "aktiviteter": partnerskab;runde;aktivitet;antal, where the
-- unit's column is unit.column).
-- Targets: one row per activity with the target for the whole project (an
-- empty partnership cell) and/or per partnership (default file "maal":
-- aktivitet;partnerskab;maal). Without a project-wide target, the sum of the
-- partnerships' targets is used.
local K = require("komponent")

local A = {}

function A.load(args)
  args = args or {}
  local rows, dataname = K.rows(args, "aktiviteter")
  local decl = (K.project().data or {})[dataname]
  local cols = {
    partnership = K.unit().column, activity = "aktivitet", count = "antal",
    round = type(decl) == "table" and decl.round or "runde",
  }
  for k, v in pairs(args.columns or {}) do cols[k] = v end
  K.check_columns(dataname, cols)

  local a = { count = {}, activities = {}, rounds = {}, name = dataname,
              target = {}, project_target = {} }
  local known = {}
  local function add_activity(name)
    if not known[name] then known[name] = true; a.activities[#a.activities + 1] = name end
  end

  -- targets first: their order is the order of the activities
  local tname = args.targets or "maal"
  local trows = (type(data) == "table" and data[tname]) or nil
  if args.targets and not trows then K.rows({ data = tname }, tname) end
  if trows then
    local tcols = { activity = "aktivitet", partnership = K.unit().column, target = "maal" }
    for k, v in pairs(args.target_columns or {}) do tcols[k] = v end
    K.check_columns(tname, tcols)
    for _, r in ipairs(trows) do
      local act = r[tcols.activity]
      if act == nil then
        K.fail(K.T("kolonnen '" .. tcols.activity .. "' er tom", "column '" .. tcols.activity .. "' is empty"), r)
      end
      local t = tonumber(r[tcols.target])
      if t == nil then
        K.fail(K.T("kolonnen '" .. tcols.target .. "' skal være et tal (målet for " .. act .. ")",
                   "column '" .. tcols.target .. "' must be a number (the target for " .. act .. ")"), r)
      end
      add_activity(act)
      local p = r[tcols.partnership]
      if p == nil or p == "" then
        if a.project_target[act] then
          K.fail(K.T("målet for '" .. act .. "' står to gange", "the target for '" .. act .. "' appears twice"), r)
        end
        a.project_target[act] = t
      else
        K.one_of(p, K.units(), K.unit().singular, K.unit().singular, r, tcols.partnership)
        a.target[p] = a.target[p] or {}
        a.target[p][act] = t
      end
    end
  end

  local extra = {}
  local seen_round = {}
  for _, r in ipairs(rows) do
    local p = K.check_value(r, cols.partnership, K.units(), K.unit().singular, K.unit().singular)
    local rd = K.check_value(r, cols.round, K.all_rounds(), "runde", "round")
    local act = r[cols.activity]
    if act == nil then
      K.fail(K.T("kolonnen '" .. cols.activity .. "' er tom", "column '" .. cols.activity .. "' is empty"), r)
    end
    local n = tonumber(r[cols.count] or 0)
    if n == nil then
      K.fail(K.T("kolonnen '" .. cols.count .. "' skal være et tal", "column '" .. cols.count .. "' must be a number"), r)
    end
    if not known[act] and not extra[act] then extra[act] = true end
    a.count[p] = a.count[p] or {}
    a.count[p][act] = a.count[p][act] or {}
    a.count[p][act][rd] = (a.count[p][act][rd] or 0) + n
    seen_round[rd] = true
  end
  -- activities without a target: after those with one, in Danish order
  local more = {}
  for act in pairs(extra) do more[#more + 1] = act end
  K.fmt.sort_da(more)
  for _, act in ipairs(more) do add_activity(act) end
  for _, rd in ipairs(K.rounds()) do
    if seen_round[rd] then a.rounds[#a.rounds + 1] = rd end
  end
  return a
end

-- The count of unit p (nil = all) for activity act in round rd (nil
-- = all the edition's rounds).
function A.count(a, act, p, rd)
  local total = 0
  local ps = p and { p } or K.units()
  for _, pp in ipairs(ps) do
    local c = a.count[pp] and a.count[pp][act]
    if c then
      if rd then total = total + (c[rd] or 0)
      else for _, v in pairs(c) do total = total + v end end
    end
  end
  return total
end

-- The target of unit p (nil = the whole project) or nil.
function A.target(a, act, p)
  if p then return a.target[p] and a.target[p][act] end
  if a.project_target[act] then return a.project_target[act] end
  local sum, any = 0, false
  for _, pp in ipairs(K.units()) do
    local t = a.target[pp] and a.target[pp][act]
    if t then sum = sum + t; any = true end
  end
  return any and sum or nil
end

-- The share of the target reached (a number), or nil without a target.
function A.share(a, act, p)
  local t = A.target(a, act, p)
  if not t or t == 0 then return nil end
  return A.count(a, act, p) / t
end

function A.check_activity(a, act)
  K.one_of(act, a.activities, "aktivitet", "activity")
  return act
end

return A
