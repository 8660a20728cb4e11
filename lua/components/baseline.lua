-- baseline: the baseline table. Each element with what was observed
-- ("Anliggender") in a round, for one unit (partnership, department, ...)
-- or for all.
--
-- args: data ("anliggender"), round (default: the edition's first round),
--       unit or partnership (a name; "alle"/"all" lists every unit; nil
--       uses the rows with an empty unit cell, the researchers' summary
--       across units, and falls back to every unit),
--       columns = { element =, partnership =, round =, text = },
--       id, caption, source.
local K = require("komponent")

return function(args)
  K.check_args(args, "baseline", { "round", "unit", "columns" })
  local rows, dataname = K.rows(args, "anliggender")
  local decl = (K.project().data or {})[dataname]
  local cols = {
    element = "element", partnership = K.unit().column, text = "anliggender",
    round = type(decl) == "table" and decl.round or "runde",
  }
  for k, v in pairs(args.columns or {}) do cols[k] = v end
  K.check_columns(dataname, cols)

  local round = args.round or K.rounds()[1]
  K.check_round(round)
  local p = K.arg(args, "unit")
  local all = p == "alle" or p == "all"
  if p ~= nil and not all then K.check_unit(p) end

  -- text[unit or ""][element]
  local text = {}
  local has_summary = false
  for _, r in ipairs(rows) do
    if r[cols.round] == round then
      local e = K.check_value(r, cols.element, K.elements(), "element", "element")
      local who = r[cols.partnership] or ""
      if who ~= "" then
        K.one_of(who, K.units(), K.unit().singular, K.unit().singular, r, cols.partnership)
      else
        has_summary = true
      end
      text[who] = text[who] or {}
      if text[who][e] then
        local whom = who ~= "" and who or K.word("all_units"):lower()
        K.fail(K.T("'" .. e .. "' er allerede beskrevet for " .. whom .. " i runden " .. round,
                   "'" .. e .. "' is already described for " .. whom .. " in the round " .. round), r)
      end
      text[who][e] = r[cols.text] or "–"
    end
  end

  local header_e, header_t = K.word("element"), K.word("observed")
  if p ~= nil and not all or (p == nil and has_summary) then
    local who = (p ~= nil and not all) and p or ""
    local body = {}
    for _, e in ipairs(K.elements()) do
      body[#body + 1] = { K.cell(e, { strong = true }), (text[who] or {})[e] or "–" }
    end
    return K.table(args, {
      columns = { { align = "l", width = 0.24 }, { align = "l", width = 0.76 } },
      header = { { header_e, header_t } },
      rows = body,
    })
  end

  -- every unit: the element is named on the first row of its group
  local body = {}
  for _, e in ipairs(K.elements()) do
    local first = true
    for _, who in ipairs(K.units()) do
      local t = (text[who] or {})[e]
      if t then
        body[#body + 1] = { first and K.cell(e, { strong = true }) or "", who, t }
        first = false
      end
    end
  end
  return K.table(args, {
    columns = { { align = "l", width = 0.2 }, { align = "l", width = 0.16 }, { align = "l", width = 0.64 } },
    header = { { header_e, K.word("unit_header"), header_t } },
    rows = body,
  })
end
