-- placering_figur: the placement chart. One panel per unit (partnership,
-- department, ...): small multiples side by side, flowing into rows of
-- equal panels when they do not fit the width (2 to 12 units); in each, the elements are rows and the levels
-- (kantine, klub, kompagni) columns, and each round is a profile line
-- through the element's level. Rounds differ in line pattern, marker shape
-- and shade, so the chart reads in greyscale print as well as on screen.
-- Panel titles (the units' names) and element labels wrap onto more lines
-- instead of running into their neighbours.
-- The figure carries the table behind it (`data`) and a text alternative.
--
-- args: data ("vurderinger"), round (the last round shown; default the
--       edition's last round with data), rounds (a list instead),
--       units or partnerships (a list; default all), width (points,
--       default 450),
--       columns = { ... } as placering, id ("fig:..."), caption, source.
local K = require("komponent")
local V = require("vurdering")
local D = require("tegning")

local function shown_rounds(args, a)
  if args.rounds then
    for _, r in ipairs(args.rounds) do K.check_round(r, "rounds") end
    return args.rounds
  end
  local upto = args.round or V.latest(a)
  K.check_round(upto)
  local out = {}
  for _, rd in ipairs(a.rounds) do
    out[#out + 1] = rd
    if rd == upto then break end
  end
  if #out == 0 then out = { upto } end
  return out
end

-- The latest round gets the darkest, solid style; earlier rounds lighter,
-- dashed and dotted ones.
local function style_for(si, n)
  return D.SERIES[n - si + 1] or D.SERIES[#D.SERIES]
end

local function data_table(a, ps, rounds)
  local header = { K.word("unit_header"), K.word("element") }
  for _, rd in ipairs(rounds) do header[#header + 1] = K.round_label(rd) end
  local rows = {}
  for _, p in ipairs(ps) do
    for _, e in ipairs(K.elements()) do
      local row = { p, e }
      for _, rd in ipairs(rounds) do
        local l = V.get(a, p, rd, e)
        row[#row + 1] = l and K.level_label(l) or "–"
      end
      rows[#rows + 1] = row
    end
  end
  return { type = "table", header = { header }, rows = rows,
           columns = K.columns(#header, 0.2, { "l", "l", "c", "c", "c", "c" }) }
end

local function alt_text(a, ps, rounds)
  local fmt = K.fmt
  local last = rounds[#rounds]
  local counts = {}
  local total = 0
  for _, p in ipairs(ps) do
    for _, e in ipairs(K.elements()) do
      local l = V.get(a, p, last, e)
      if l then counts[l] = (counts[l] or 0) + 1; total = total + 1 end
    end
  end
  local parts = {}
  for _, l in ipairs(K.levels()) do
    parts[#parts + 1] = K.word("at_level", { n = fmt.integer(counts[l] or 0), level = l })
  end
  local round_names = {}
  for i, rd in ipairs(rounds) do round_names[i] = K.round_label(rd):lower() end
  return K.word("placement_alt", {
    names = fmt.list(ps), n = fmt.integer(#K.elements()), rounds = fmt.list(round_names),
    last = K.round_label(last):lower(), total = fmt.integer(total), parts = fmt.list(parts) })
end

-- How many panels go in a row, and how wide each is: as many as fit with
-- room for the level names (staggered on two lines, so each has two
-- columns' width), the rows then evened out (5 panels in rows of 3 and 2,
-- not 4 and 1).
local function panel_grid(W, label_w, gap, n, levels)
  local need = 0
  for _, l in ipairs(levels) do need = math.max(need, D.text_width(K.level_label(l), 7) + 4) end
  local min_w = math.max(72, need * #levels / 2)
  local per_row = math.max(1, math.floor((W - label_w + gap) / (min_w + gap)))
  per_row = math.min(per_row, n)
  local nrows = math.ceil(n / per_row)
  per_row = math.ceil(n / nrows)
  return per_row, (W - label_w - gap * (per_row - 1)) / per_row
end

-- The chart at width W (points): panels, legend and all.
local function draw(a, ps, rounds, W)
  local elements, levels = K.elements(), K.levels()
  local fs = 8
  -- element labels: at most a third of the width, wrapped beyond that
  local label_max = W * 0.34 - 8
  local label_w = 0
  local elabels = {}
  for i, e in ipairs(elements) do
    elabels[i] = D.wrap(e, label_max, fs)
    for _, line in ipairs(elabels[i]) do label_w = math.max(label_w, D.text_width(line, fs)) end
  end
  label_w = math.min(W * 0.34, label_w + 8)
  local rowh = 17
  for _, lines in ipairs(elabels) do rowh = math.max(rowh, #lines * D.line_gap(fs) + 6) end
  local gap = 10
  local per_row, pw = panel_grid(W, label_w, gap, math.max(#ps, 1), levels)
  local items = {}
  local top = 0
  local yb

  local function level_x(px, li)
    return px + pw * (li - 0.5) / #levels
  end

  for first = 1, math.max(#ps, 1), per_row do
    -- the row's titles, wrapped to the panel's width; the grid starts
    -- below the longest
    local titles, nlines = {}, 1
    for pi = first, math.min(first + per_row - 1, #ps) do
      titles[pi] = D.wrap(ps[pi], pw - 2, 9, true)
      nlines = math.max(nlines, #titles[pi])
    end
    local y0 = top + 20 + (nlines - 1) * D.line_gap(9)
    yb = y0 + rowh * #elements

    -- element rows: label and a light rule across the row's panels
    local row_right = label_w + (math.min(per_row, #ps - first + 1)) * (pw + gap) - gap
    if first + per_row > #ps and first == 1 then row_right = W end
    for i, lines in ipairs(elabels) do
      local y = y0 + rowh * (i - 0.5)
      -- one text item per label, its lines joined by "\n": a name stays
      -- whole for the anonymisation of a public edition
      D.text(items, label_w - 6, y + fs * 0.35 - (#lines - 1) * D.line_gap(fs) / 2,
             table.concat(lines, "\n"), fs, "end")
      D.line(items, label_w, y, row_right, y, D.GRID, 0.4)
    end

    local staggered = false
    for pi = first, math.min(first + per_row - 1, #ps) do
      local p = ps[pi]
      local px = label_w + (pi - first) * (pw + gap)
      D.text(items, px + pw / 2, top + 12, table.concat(titles[pi], "\n"), 9, "middle", true)
      D.rect(items, px, y0, pw, yb - y0, nil, D.AXIS, 0.6)
      -- the level names on two staggered lines when two neighbours would
      -- come closer than 6 pt on one (centred on columns pw / #levels apart)
      local narrow = false
      for li = 2, #levels do
        local half = (D.text_width(K.level_label(levels[li - 1]), 7) +
                      D.text_width(K.level_label(levels[li]), 7)) / 2
        if half + 6 > pw / #levels then narrow = true end
      end
      if narrow then staggered = true end
      for li, l in ipairs(levels) do
        local x = level_x(px, li)
        D.line(items, x, y0, x, yb, D.GRID, 0.5, 2)
        local ly = yb + 10 + ((narrow and li % 2 == 0) and 8 or 0)
        D.text(items, x, ly, K.level_label(l), 7, "middle")
      end
      -- one profile per round, earlier rounds first so the latest is on top
      for si, rd in ipairs(rounds) do
        local style = style_for(si, #rounds)
        local dy = (si - (#rounds + 1) / 2) * 2.5
        local pts = {}
        local function flush()
          if #pts >= 4 then
            items[#items + 1] = { "polyline", points = pts, stroke = style.stroke,
                                  stroke_width = style.width, dash = style.dash > 0 and style.dash or nil }
          end
          pts = {}
        end
        local marks = {}
        for i, e in ipairs(elements) do
          local l = V.get(a, p, rd, e)
          if l then
            local x, y = level_x(px, K.level_index(l)), y0 + rowh * (i - 0.5) + dy
            pts[#pts + 1] = x; pts[#pts + 1] = y
            marks[#marks + 1] = { x, y }
          else
            flush()
          end
        end
        flush()
        for _, m in ipairs(marks) do D.marker(items, style, m[1], m[2], 2.8) end
      end
    end
    top = yb + (staggered and 34 or 26)
  end

  -- legend: one entry per round, in the style drawn
  -- under the panels, from the left edge and on more lines when it does
  -- not fit beside the element labels
  local ly = yb + 34
  local widths, total = {}, 0
  for si, rd in ipairs(rounds) do
    widths[si] = D.legend_width(K.round_label(rd), fs)
    total = total + widths[si]
  end
  local x0 = label_w + total - 14 <= W and label_w or 0
  local lx = x0
  for si, rd in ipairs(rounds) do
    if lx > x0 and lx + widths[si] - 14 > W then lx, ly = x0, ly + 14 end
    lx = D.legend_entry(items, style_for(si, #rounds), lx, ly, K.round_label(rd), fs)
  end

  return { width = W, height = ly + 8, items = items }
end

return function(args)
  K.check_args(args, "placering_figur", { "round", "rounds", "units", "width", "columns" })
  local a = V.load(args)
  local rounds = shown_rounds(args, a)
  local ps = K.arg(args, "units") or K.units()
  for _, p in ipairs(ps) do K.check_unit(p, args.units and "units" or "partnerships") end
  local W = tonumber(args.width) or 450
  return {
    type = "figure",
    id = args.id,
    caption = args.caption,
    source = args.source,
    unnumbered = args.unnumbered or nil,
    chart = draw(a, ps, rounds, W),
    -- for phones: the same chart in fewer panels a row, so it fits a 390 px
    -- screen without scrolling or shrinking its labels
    narrow_chart = W > D.NARROW and draw(a, ps, rounds, D.NARROW) or nil,
    alt = alt_text(a, ps, rounds),
    data = data_table(a, ps, rounds),
  }
end
