-- placering: where the units (partnerships, departments, ...) stand on the
-- typology, per element, and how they moved since the previous round.
--
-- variants:
--   "matrix"  (default without unit) rows = elements, columns = units
--             (more than six units, and more than elements: the other
--             way round); each cell is the level in `round` with an arrow
--             for the movement since the previous round (↑ op, ↓ ned,
--             → uændret); a last row explains the arrows.
--   "rounds"  (default with unit) rows = elements (per unit),
--             one column per round of the edition and a column with the
--             movement in words ("↑ op").
--   "summary" rows = elements, columns = levels: how many units
--             stand at each level in `round`, and how many moved up or
--             down since the previous round; a total row.
-- args: data ("vurderinger"), round (default: the edition's last round with
--       data), unit (or partnership), variant, columns = { partnership =, round =,
--       element =, level = }, id, caption, source.
local K = require("komponent")
local V = require("vurdering")

local function level_cell(level, extra)
  if level == nil then return K.cell("–", { align = "c" }) end
  local text = K.level_label(level)
  if extra and extra ~= "" then text = text .. " " .. extra end
  return K.cell(text, { fill = K.level_fill(level), align = "c" })
end

-- Units as columns while they fit beside each other; more than six units,
-- and more of them than elements, go in the rows instead (a column per
-- element), so twelve long department names are not cut into syllables.
local MAX_UNIT_COLUMNS = 6

local function matrix(args, a, round)
  local prev = V.previous(a, round)
  local ps, es = K.units(), K.elements()
  local across = #ps > MAX_UNIT_COLUMNS and #ps > #es
  local cols, rows = ps, es
  if across then cols, rows = es, ps end
  local header = { K.word(across and "unit_header" or "element") }
  for _, c in ipairs(cols) do header[#header + 1] = K.cell(c, { align = "c" }) end
  local body = {}
  for _, r in ipairs(rows) do
    local row = { K.cell(r, { strong = true }) }
    for _, c in ipairs(cols) do
      local p, e = c, r
      if across then p, e = r, c end
      local now = V.get(a, p, round, e)
      local m = prev and V.move(V.get(a, p, prev, e), now)
      row[#row + 1] = level_cell(now, m and V.ARROW[m] or nil)
    end
    body[#body + 1] = row
  end
  if prev then
    local note = K.word("matrix_note", {
      round = K.round_label(round):lower(), previous = K.round_label(prev):lower(),
      up = K.word("up"), down = K.word("down"), unchanged = K.word("unchanged") })
    body[#body + 1] = { K.cell(note, { colspan = #cols + 1, align = "l" }) }
  end
  return K.table(args, {
    columns = K.columns(#cols + 1, 0.31, nil),
    header = { header },
    rows = body,
  })
end

local function by_rounds(args, a, unit, upto)
  -- the rounds with data up to and including `upto`
  local rounds = {}
  for _, rd in ipairs(a.rounds) do
    rounds[#rounds + 1] = rd
    if rd == upto then break end
  end
  if #rounds == 0 then rounds = { upto } end
  local ps = unit and { unit } or K.units()
  local header = {}
  if not unit then header[#header + 1] = K.word("unit_header") end
  header[#header + 1] = K.word("element")
  for _, rd in ipairs(rounds) do header[#header + 1] = K.cell(K.round_label(rd), { align = "c" }) end
  local show_move = #rounds > 1
  if show_move then
    header[#header + 1] = K.cell(K.word("movement_since") .. " " .. K.round_label(rounds[#rounds - 1]):lower(),
                                 { align = "l" })
  end
  local body = {}
  for _, p in ipairs(ps) do
    for i, e in ipairs(K.elements()) do
      local row = {}
      if not unit then row[#row + 1] = i == 1 and K.cell(p, { strong = true }) or "" end
      row[#row + 1] = unit and K.cell(e, { strong = true }) or e
      for _, rd in ipairs(rounds) do row[#row + 1] = level_cell(V.get(a, p, rd, e)) end
      if show_move then
        local m = V.move(V.get(a, p, rounds[#rounds - 1], e), V.get(a, p, rounds[#rounds], e))
        row[#row + 1] = V.move_text(m)
      end
      body[#body + 1] = row
    end
  end
  local ncol = #header
  local cols = {}
  local fixed = unit and 0.30 or 0.42
  if not unit then cols[1] = { align = "l", width = 0.16 } end
  cols[#cols + 1] = { align = "l", width = unit and 0.30 or 0.26 }
  local rest = (1 - fixed) / (ncol - #cols)
  while #cols < ncol do cols[#cols + 1] = { align = "c", width = rest } end
  if show_move then cols[ncol].align = "l" end
  return K.table(args, { columns = cols, header = { header }, rows = body })
end

local function summary(args, a, round)
  local prev = V.previous(a, round)
  local levels = K.levels()
  local header = { K.word("element") }
  for _, l in ipairs(levels) do header[#header + 1] = K.cell(K.level_label(l), { fill = K.level_fill(l), align = "r" }) end
  if prev then
    header[#header + 1] = K.cell(K.word("moved_up"), { align = "r" })
    header[#header + 1] = K.cell(K.word("moved_down"), { align = "r" })
  end
  local totals = {}
  local body = {}
  for _, e in ipairs(K.elements()) do
    local count = {}
    local up, down = 0, 0
    for _, p in ipairs(K.units()) do
      local l = V.get(a, p, round, e)
      if l then count[l] = (count[l] or 0) + 1 end
      local m = prev and V.move(V.get(a, p, prev, e), l)
      if m == 1 then up = up + 1 elseif m == -1 then down = down + 1 end
    end
    local row = { K.cell(e, { strong = true }) }
    for i, l in ipairs(levels) do
      row[#row + 1] = K.fmt.integer(count[l] or 0)
      totals[i] = (totals[i] or 0) + (count[l] or 0)
    end
    if prev then
      row[#row + 1] = K.fmt.integer(up); row[#row + 1] = K.fmt.integer(down)
      totals.up = (totals.up or 0) + up; totals.down = (totals.down or 0) + down
    end
    body[#body + 1] = row
  end
  local total = { K.cell(K.word("total"), { strong = true }) }
  for i = 1, #levels do total[#total + 1] = K.cell(K.fmt.integer(totals[i] or 0), { strong = true }) end
  if prev then
    total[#total + 1] = K.cell(K.fmt.integer(totals.up or 0), { strong = true })
    total[#total + 1] = K.cell(K.fmt.integer(totals.down or 0), { strong = true })
  end
  body[#body + 1] = total
  local n = #header
  if prev then
    local note = K.word("summary_note", { round = K.round_label(round):lower(),
                                          previous = K.round_label(prev):lower() })
    body[#body + 1] = { K.cell(note, { colspan = n, align = "l" }) }
  end
  return K.table(args, { columns = K.columns(n, 0.31, nil), header = { header }, rows = body })
end

return function(args)
  K.check_args(args, "placering", { "round", "unit", "variant", "columns" })
  local unit = K.arg(args, "unit")
  local a = V.load(args)
  local round = args.round or V.latest(a)
  K.check_round(round)
  if unit ~= nil then K.check_unit(unit) end
  local variant = args.variant or (unit and "rounds" or "matrix")
  if variant == "matrix" then
    return matrix(args, a, round)
  elseif variant == "rounds" then
    return by_rounds(args, a, unit, round)
  elseif variant == "summary" then
    return summary(args, a, round)
  end
  K.fail(K.T("variant skal være en af: matrix, rounds, summary (ikke '" .. tostring(variant) .. "')",
             "variant must be one of: matrix, rounds, summary (not '" .. tostring(variant) .. "')"), "variant")
end
