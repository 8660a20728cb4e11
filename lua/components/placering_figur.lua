-- placering_figur: the placement chart. One panel per partnership (small
-- multiples side by side); in each, the elements are rows and the levels
-- (kantine, klub, kompagni) columns, and each round is a profile line
-- through the element's level. Rounds differ in line pattern, marker shape
-- and shade, so the chart reads in greyscale print as well as on screen.
-- The figure carries the table behind it (`data`) and a text alternative.
--
-- args: data ("vurderinger"), round (the last round shown; default the
--       edition's last round with data), rounds (a list instead),
--       partnerships (a list; default all), width (points, default 450),
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
  local header = { K.word("partnership"), K.word("element") }
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
    parts[#parts + 1] = fmt.integer(counts[l] or 0) .. " " .. K.T("på ", "at ") .. l
  end
  local round_names = {}
  for i, rd in ipairs(rounds) do round_names[i] = K.round_label(rd):lower() end
  return K.T(
    string.format("Profiler for %s på %s elementer ved %s. Ved %s fordeler de %s placeringer sig sådan: %s.",
      fmt.list(ps), fmt.integer(#K.elements()), fmt.list(round_names), K.round_label(last):lower(),
      fmt.integer(total), fmt.list(parts)),
    string.format("Profiles of %s on %s elements at %s. At %s the %s placements are: %s.",
      fmt.list(ps, "en"), fmt.integer(#K.elements(), "en"), fmt.list(round_names, "en"),
      K.round_label(last):lower(), fmt.integer(total, "en"), fmt.list(parts, "en")))
end

return function(args)
  K.check_args(args, "placering_figur", { "round", "rounds", "partnerships", "width", "columns" })
  local a = V.load(args)
  local rounds = shown_rounds(args, a)
  local ps = args.partnerships or K.partnerships()
  for _, p in ipairs(ps) do K.one_of(p, K.partnerships(), "partnerskab i partnerships", "partnership in partnerships") end
  local elements, levels = K.elements(), K.levels()

  local W = tonumber(args.width) or 450
  local fs = 8
  local label_w = 0
  for _, e in ipairs(elements) do label_w = math.max(label_w, D.text_width(e, fs)) end
  label_w = math.min(W * 0.34, label_w + 8)
  local gap = 10
  local np = math.max(#ps, 1)
  local pw = (W - label_w - gap * (np - 1)) / np
  local rowh = 17
  local y0 = 20
  local yb = y0 + rowh * #elements
  local items = {}

  -- element rows: label and a light rule across all panels
  for i, e in ipairs(elements) do
    local y = y0 + rowh * (i - 0.5)
    D.text(items, label_w - 6, y + fs * 0.35, e, fs, "end")
    D.line(items, label_w, y, W, y, D.GRID, 0.4)
  end

  local function level_x(px, li)
    return px + pw * (li - 0.5) / #levels
  end

  for pi, p in ipairs(ps) do
    local px = label_w + (pi - 1) * (pw + gap)
    D.text(items, px + pw / 2, 12, p, 9, "middle", true)
    D.rect(items, px, y0, pw, yb - y0, nil, D.AXIS, 0.6)
    for li, l in ipairs(levels) do
      local x = level_x(px, li)
      D.line(items, x, y0, x, yb, D.GRID, 0.5, 2)
      -- stagger the level names when the columns are narrow
      local label = K.level_label(l)
      local narrow = D.text_width(label, 7) > pw / #levels - 2
      local ly = yb + 10 + ((narrow and li % 2 == 0) and 8 or 0)
      D.text(items, x, ly, label, 7, "middle")
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

  -- legend: one entry per round, in the style drawn
  local ly = yb + 34
  local lx = label_w
  for si, rd in ipairs(rounds) do
    lx = D.legend_entry(items, style_for(si, #rounds), lx, ly, K.round_label(rd), fs)
  end

  return {
    type = "figure",
    id = args.id,
    caption = args.caption,
    source = args.source,
    unnumbered = args.unnumbered or nil,
    chart = { width = W, height = ly + 8, items = items },
    alt = alt_text(a, ps, rounds),
    data = data_table(a, ps, rounds),
  }
end
