-- tidslinje: dated events as a compact table, in date order (then Danish
-- order of the text), dates written the Danish way (18. september 2014).
-- A column for the unit (partnership, ...) is added when any event names one.
--
-- args: data ("tidslinje"), variant = "list" (a compact list "date – event
--       (partnership)" instead of a table), date_style ("long", "short"
--       18.9.2014, "month" september 2014), unit or partnership (only
--       events of that unit and those of the whole project), columns = {
--       date =, text =, partnership = }, id, caption, source.
local K = require("komponent")

return function(args)
  K.check_args(args, "tidslinje", { "date_style", "unit", "columns", "variant" })
  local unit = K.arg(args, "unit")
  if args.variant ~= nil and args.variant ~= "list" and args.variant ~= "table" then
    K.fail(K.T("variant skal være \"table\" eller \"list\", ikke '" .. tostring(args.variant) .. "'",
               "variant must be \"table\" or \"list\", not '" .. tostring(args.variant) .. "'"), "variant")
  end
  local rows, dataname = K.rows(args, "tidslinje")
  local cols = { date = "dato", text = "begivenhed", partnership = K.unit().column }
  for k, v in pairs(args.columns or {}) do cols[k] = v end
  local declared = K.declared_columns(dataname)
  if #declared > 0 and not K.index_of(declared, cols.partnership) then cols.partnership = nil end
  K.check_columns(dataname, cols)
  local fmt = K.fmt
  local style = args.date_style or "long"
  K.one_of(style, { "long", "short", "month" }, "datoformat i date_style", "date format in date_style", "date_style")
  if unit then K.check_unit(unit) end

  local events = {}
  local any_partner = false
  for _, r in ipairs(rows) do
    local d = r[cols.date]
    local y, m, dd = fmt.parse_date(d)
    if not y then
      K.fail(K.T("kolonnen '" .. cols.date .. "' skal være en dato som 2024-09-18 eller 18.9.2024, ikke '" .. tostring(d) .. "'",
                 "column '" .. cols.date .. "' must be a date like 2024-09-18 or 18.9.2024, not '" .. tostring(d) .. "'"), r)
    end
    local p = cols.partnership and r[cols.partnership] or nil
    if p then K.one_of(p, K.units(), K.unit().singular, K.unit().singular, r, cols.partnership) end
    if unit == nil or p == nil or p == unit then
      if p then any_partner = true end
      events[#events + 1] = { key = string.format("%04d-%02d-%02d", y, m, dd), date = d,
                              text = r[cols.text] or "", partner = p }
    end
  end
  -- date order; on the same day, Danish order of the text
  table.sort(events, function(x, y)
    if x.key ~= y.key then return x.key < y.key end
    return fmt.compare_da(x.text, y.text)
  end)

  local with_p = any_partner and unit == nil
  if args.variant == "list" then
    local items = {}
    for _, ev in ipairs(events) do
      local item = { { type = "strong", content = fmt.date(ev.date, style) }, " – " .. ev.text }
      if with_p and ev.partner then item[#item + 1] = " (" .. ev.partner .. ")" end
      items[#items + 1] = item
    end
    return { type = "list", ordered = false, items = items }
  end
  local header = { K.word("date"), K.word("event") }
  if with_p then header[#header + 1] = K.word("unit_header") end
  local body = {}
  for _, ev in ipairs(events) do
    local row = { fmt.date(ev.date, style), ev.text }
    if with_p then row[#row + 1] = ev.partner or K.word("all_units") end
    body[#body + 1] = row
  end
  local columns = with_p
    and { { align = "l", width = 0.2 }, { align = "l", width = 0.6 }, { align = "l", width = 0.2 } }
    or { { align = "l", width = 0.22 }, { align = "l", width = 0.78 } }
  return K.table(args, { columns = columns, header = { header }, rows = body })
end
