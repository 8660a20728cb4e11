-- aktiviteter: activity counts against the project's targets.
--
-- With `activity`: rows = the units (partnerships, ...) and a total row; columns = the
-- edition's periods (rounds), the total, the target and the share of the
-- target reached.
-- Without: rows = activities; columns = the units' totals, the total,
-- the project's target and the share reached.
--
-- args: data ("aktiviteter"), targets ("maal"), activity, columns = {
--       partnership =, round =, activity =, count = }, target_columns = {
--       activity =, partnership =, target = }, id, caption, source.
local K = require("komponent")
local A = require("aktivitet")

local function num(n) return n and K.fmt.integer(n) or "–" end
local function pct(s) return s and K.fmt.percent(s, 0) or "–" end

local function strong(s) return K.cell(s, { strong = true }) end

local function per_activity(args, a, act)
  local rounds = K.rounds()
  local header = { K.word("unit_header") }
  for _, rd in ipairs(rounds) do header[#header + 1] = K.round_label(rd) end
  for _, w in ipairs({ "total", "target", "share_of_target" }) do header[#header + 1] = K.word(w) end
  local body = {}
  for _, p in ipairs(K.units()) do
    local row = { K.cell(p, { strong = true }) }
    for _, rd in ipairs(rounds) do row[#row + 1] = num(A.count(a, act, p, rd)) end
    row[#row + 1] = num(A.count(a, act, p))
    row[#row + 1] = num(A.target(a, act, p))
    row[#row + 1] = pct(A.share(a, act, p))
    body[#body + 1] = row
  end
  local total = { strong(K.word("total")) }
  for _, rd in ipairs(rounds) do total[#total + 1] = strong(num(A.count(a, act, nil, rd))) end
  total[#total + 1] = strong(num(A.count(a, act)))
  total[#total + 1] = strong(num(A.target(a, act)))
  total[#total + 1] = strong(pct(A.share(a, act)))
  body[#body + 1] = total
  return K.table(args, {
    columns = K.columns(#header, 0.2, nil),
    header = { header },
    rows = body,
  })
end

local function all_activities(args, a)
  local ps = K.units()
  local header = { K.word("activity") }
  for _, p in ipairs(ps) do header[#header + 1] = p end
  for _, w in ipairs({ "total", "target", "share_of_target" }) do header[#header + 1] = K.word(w) end
  local body = {}
  for _, act in ipairs(a.activities) do
    local row = { act }
    for _, p in ipairs(ps) do row[#row + 1] = num(A.count(a, act, p)) end
    row[#row + 1] = strong(num(A.count(a, act)))
    row[#row + 1] = num(A.target(a, act))
    row[#row + 1] = pct(A.share(a, act))
    body[#body + 1] = row
  end
  return K.table(args, {
    columns = K.columns(#header, 0.3, nil),
    header = { header },
    rows = body,
  })
end

return function(args)
  K.check_args(args, "aktiviteter", { "targets", "activity", "columns", "target_columns" })
  local a = A.load(args)
  if args.activity then
    return per_activity(args, a, A.check_activity(a, args.activity))
  end
  return all_activities(args, a)
end
