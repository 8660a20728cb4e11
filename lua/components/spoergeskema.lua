-- spoergeskema: the questionnaire summary. Per element and group
-- (styregruppe, konsulentgruppe) the distribution of the answers, with n.
--
-- The CSV has one row per answer: partnerskab;runde;gruppe;element;svar
-- (the unit's column is unit.column from rapport.lua)
-- (more columns, such as a free-text reason, are ignored here). The answer
-- categories come in the order rapport.lua declares for the answer column
-- (values = { "ja", "delvist", "nej" }), or else in Danish order.
--
-- args: data ("spoergeskema"), round (default: the edition's last round
--       with answers; "alle"/"all" pools the rounds), unit (or
--       partnership), element,
--       answers (a list: the categories and their order), percent (default
--       true: "3 (50 %)"), columns = { partnership =, round =, group =,
--       element =, answer = }, id, caption, source.
local K = require("komponent")

return function(args)
  K.check_args(args, "spoergeskema", { "round", "unit", "element", "answers", "percent", "columns" })
  local unit = K.arg(args, "unit")
  local rows, dataname = K.rows(args, "spoergeskema")
  local decl = (K.project().data or {})[dataname]
  local cols = {
    partnership = K.unit().column, group = "gruppe", element = "element", answer = "svar",
    round = type(decl) == "table" and decl.round or "runde",
  }
  for k, v in pairs(args.columns or {}) do cols[k] = v end
  K.check_columns(dataname, cols)
  local fmt = K.fmt

  -- the round: default the last of the edition's rounds with answers
  local has = {}
  for _, r in ipairs(rows) do if r[cols.round] then has[r[cols.round]] = true end end
  local round = args.round
  if round == nil then
    for _, rd in ipairs(K.rounds()) do if has[rd] then round = rd end end
  end
  local pooled = round == "alle" or round == "all"
  if round ~= nil and not pooled then K.check_round(round) end
  if unit then K.check_unit(unit) end
  if args.element then K.one_of(args.element, K.elements(), "element", "element", "element") end

  local answers = args.answers or K.declared_values(dataname, cols.answer)
  local groups = K.declared_values(dataname, cols.group)
  local found_answers, found_groups = {}, {}
  local count = {} -- count[element][group][answer]
  for _, r in ipairs(rows) do
    -- every row is checked, also those of other rounds and partnerships
    local e = K.check_value(r, cols.element, K.elements(), "element", "element")
    local g = r[cols.group]
    local ans = r[cols.answer]
    if g == nil then
      K.fail(K.T("kolonnen '" .. cols.group .. "' er tom", "column '" .. cols.group .. "' is empty"), r)
    end
    if groups then K.one_of(g, groups, "gruppe", "group", r, cols.group) end
    if ans ~= nil and answers then K.one_of(tostring(ans), answers, "svar", "answer", r, cols.answer) end
    if (pooled or r[cols.round] == round)
       and (unit == nil or r[cols.partnership] == unit) then
      if ans ~= nil then
        ans = tostring(ans)
        found_answers[ans] = true
        found_groups[g] = true
        if args.element == nil or e == args.element then
          count[e] = count[e] or {}
          count[e][g] = count[e][g] or {}
          count[e][g][ans] = (count[e][g][ans] or 0) + 1
        end
      end
    end
  end
  local function sorted_keys(set)
    local l = {}
    for k in pairs(set) do l[#l + 1] = k end
    return fmt.sort_da(l)
  end
  answers = answers or sorted_keys(found_answers)
  local group_list = {}
  for _, g in ipairs(groups or sorted_keys(found_groups)) do
    if found_groups[g] then group_list[#group_list + 1] = g end
  end

  local header = { K.word("element"), K.word("group") }
  for _, ans in ipairs(answers) do header[#header + 1] = K.cell(fmt.capitalise(ans), { align = "r" }) end
  header[#header + 1] = K.cell(K.word("n"), { align = "r" })
  local show_pct = args.percent ~= false
  local body = {}
  local elements = args.element and { args.element } or K.elements()
  for _, e in ipairs(elements) do
    local first = true
    for _, g in ipairs(group_list) do
      local c = count[e] and count[e][g]
      if c then
        local n = 0
        for _, ans in ipairs(answers) do n = n + (c[ans] or 0) end
        local row = { first and K.cell(e, { strong = true }) or "", fmt.capitalise(g) }
        for _, ans in ipairs(answers) do
          local k = c[ans] or 0
          local s = fmt.integer(k)
          if show_pct and n > 0 then s = s .. " (" .. fmt.percent(k / n, 0) .. ")" end
          row[#row + 1] = s
        end
        row[#row + 1] = K.cell(fmt.integer(n), { strong = true })
        body[#body + 1] = row
        first = false
      end
    end
  end
  if #body == 0 then
    body[1] = { K.cell(K.word("no_answers", { data = dataname,
                       round = round and not pooled and (" (" .. K.round_label(round):lower() .. ")") or "" }),
                       { colspan = #header }) }
  end
  -- the group names ("Konsulentgruppe") must fit on one line; the answer
  -- columns share the rest, n gets a narrower one
  local cols_spec = { { align = "l", width = 0.2 }, { align = "l", width = 0.2 } }
  local rest = 0.6 / (#answers + 0.6)
  for i = 1, #answers do cols_spec[#cols_spec + 1] = { align = "r", width = rest } end
  cols_spec[#cols_spec + 1] = { align = "r", width = rest * 0.6 }
  return K.table(args, { columns = cols_spec, header = { header }, rows = body })
end
