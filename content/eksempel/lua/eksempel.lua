-- eksempel.lua - the example project's own helpers for the prose
-- (`{{ require("eksempel").udgivet() }}`): a project may keep modules like
-- this in PROJECT/lua/ next to the library in lua/lib/.
local fmt = require("fmt")
local K = require("komponent")

local M = {}

-- The date of the edition being built (editions[i].date, else the
-- project's date), written the Danish way; style as fmt.date.
function M.udgivet(style)
  local date = project.date
  for _, e in ipairs(project.editions or {}) do
    if e.name == project.edition.name and e.date then date = e.date end
  end
  return fmt.date(date, style)
end

-- The rounds of the edition as a Danish list: "baseline og midtvejs".
function M.runder()
  local out = {}
  for i, r in ipairs(K.rounds()) do out[i] = K.round_label(r):lower() end
  return fmt.list(out)
end

-- The consultants' average weekly hours for the project (the question on
-- Ressourcer), for one partnership or all, in a round (default: the
-- edition's last). Returns a number; {{ }} prints it with a decimal comma.
function M.timer(partnerskab, runde)
  runde = runde or K.rounds()[#K.rounds()]
  local sum, n = 0, 0
  for _, r in ipairs(data.spoergeskema) do
    if r.timer and r.runde == runde and (partnerskab == nil or r.partnerskab == partnerskab) then
      sum = sum + r.timer
      n = n + 1
    end
  end
  if n == 0 then return 0 end
  return math.floor(sum / n * 10 + 0.5) / 10
end

return M
