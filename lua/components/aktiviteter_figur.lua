-- aktiviteter_figur: a bar chart of activity counts against the targets.
--
-- With `activity`: one horizontal bar per unit (partnership, ...), stacked
-- by period (round), with the unit's target as a heavy tick; the label gives
-- the count and the share reached.
-- Without: one bar per activity showing the share of the project's target
-- reached, stacked by period, with a dashed line at 100 %.
-- Periods differ in shade (light to dark), so the chart reads in greyscale.
--
-- args: as aktiviteter, plus width (points, default 450); id ("fig:..."),
--       caption, source.
local K = require("komponent")
local A = require("aktivitet")
local D = require("tegning")

-- A "nice" tick step for an axis from 0 to max with about n ticks.
local function nice_step(max, n)
  if max <= 0 then return 1 end
  local raw = max / n
  local mag = 10 ^ math.floor(math.log(raw, 10))
  for _, m in ipairs({ 1, 2, 2.5, 5, 10 }) do
    if raw <= m * mag then return m * mag end
  end
  return 10 * mag
end

-- Draws the bars. bars = { { label=, parts={v...}, target=, value_label= } },
-- scale maximum vmax, axis label formatter tick(v).
local function draw(W, bars, rounds, vmax, tick, target_label, percent_axis)
  local items = {}
  local fs = 8
  -- labels: at most 38 % of the width, wrapped beyond that
  local label_w = 0
  local lines = {}
  for i, b in ipairs(bars) do
    lines[i] = D.wrap(b.label, W * 0.38 - 8, fs)
    for _, l in ipairs(lines[i]) do label_w = math.max(label_w, D.text_width(l, fs)) end
  end
  label_w = math.min(W * 0.38, label_w + 8)
  local value_w = 64
  local x0, x1 = label_w, W - value_w
  local barh, gap, y0 = 14, 9, 6
  local function X(v) return x0 + (x1 - x0) * v / vmax end
  -- each bar's top: a wrapped label makes its row taller
  local tops, y = {}, y0
  for i = 1, #bars do
    local extra = (#lines[i] - 1) * D.line_gap(fs)
    tops[i] = y + extra / 2
    y = y + barh + gap + extra
  end
  local yb = y

  -- grid and axis
  local step = nice_step(vmax, 5)
  local v = 0
  while v <= vmax + 1e-9 do
    D.line(items, X(v), y0 - 2, X(v), yb, D.GRID, 0.4)
    D.text(items, X(v), yb + 10, tick(v), 7, "middle")
    v = v + step
  end

  for i, b in ipairs(bars) do
    local y = tops[i]
    D.text(items, label_w - 6, y + barh * 0.7 - (#lines[i] - 1) * D.line_gap(fs) / 2,
           table.concat(lines[i], "\n"), fs, "end")
    local acc = 0
    for ri, part in ipairs(b.parts) do
      if part > 0 then
        D.rect(items, X(acc), y, X(acc + part) - X(acc), barh,
               D.BAR_FILLS[(ri - 1) % #D.BAR_FILLS + 1], "#ffffff", 0.6)
      end
      acc = acc + part
    end
    if b.target then
      local tx = X(b.target)
      items[#items + 1] = { "line", x = tx, y = y - 3, x2 = tx, y2 = y + barh + 3,
                            stroke = "#000000", stroke_width = 2 }
    end
    -- the value right after the bar, or after the target tick when the
    -- label would run into it
    local lx = X(acc) + 5
    if b.target then
      local tx = X(b.target)
      if lx < tx + 4 and lx + D.text_width(b.value_label, fs) > tx - 3 then lx = tx + 5 end
    end
    D.text(items, lx, y + barh * 0.7, b.value_label, fs)
  end
  -- the axis on top of the bars' white outlines
  D.line(items, x0, y0 - 2, x0, yb, D.AXIS, 0.8)
  if percent_axis then
    D.line(items, X(1), y0 - 4, X(1), yb, "#000000", 1, 3)
  end

  -- legend: periods, then the target mark; from the left edge and on more
  -- lines when it does not fit beside the labels
  local ly = yb + 28
  local total = D.text_width(target_label, fs) + 22
  for _, rd in ipairs(rounds) do total = total + D.legend_box_width(K.round_label(rd), fs) end
  local lx0 = x0 + total <= W and x0 or 0
  local lx = lx0
  for ri, rd in ipairs(rounds) do
    local w = D.legend_box_width(K.round_label(rd), fs)
    if lx > lx0 and lx + w - 14 > W then lx, ly = lx0, ly + 14 end
    lx = D.legend_box(items, D.BAR_FILLS[(ri - 1) % #D.BAR_FILLS + 1], lx, ly, K.round_label(rd), fs)
  end
  if lx + D.text_width(target_label, fs) + 22 > W then lx, ly = lx0, ly + 14 end
  if percent_axis then
    items[#items + 1] = { "line", x = lx, y = ly - 3, x2 = lx + 18, y2 = ly - 3, stroke = "#000000",
                          stroke_width = 1, dash = 3 }
  else
    items[#items + 1] = { "line", x = lx + 6, y = ly - 8, x2 = lx + 6, y2 = ly + 1, stroke = "#000000",
                          stroke_width = 2 }
  end
  D.text(items, lx + (percent_axis and 22 or 12), ly, target_label, fs)
  return { width = W, height = ly + 8, items = items }
end

local function data_header(first, rounds)
  local h = { K.word(first) }
  for _, rd in ipairs(rounds) do h[#h + 1] = K.round_label(rd) end
  for _, w in ipairs({ "total", "target", "share_of_target" }) do h[#h + 1] = K.word(w) end
  return h
end

return function(args)
  K.check_args(args, "aktiviteter_figur", { "targets", "activity", "columns", "target_columns", "width" })
  local a = A.load(args)
  local fmt = K.fmt
  local rounds = a.rounds
  local W = tonumber(args.width) or 450
  local bars, rows = {}, {}
  -- narrow: the same chart for phones (HTML), as in placering_figur
  local chart, narrow, alt

  if args.activity then
    local act = A.check_activity(a, args.activity)
    local vmax = 0
    local parts_alt = {}
    for _, p in ipairs(K.units()) do
      local parts = {}
      for _, rd in ipairs(rounds) do parts[#parts + 1] = A.count(a, act, p, rd) end
      local n, t, s = A.count(a, act, p), A.target(a, act, p), A.share(a, act, p)
      vmax = math.max(vmax, n, t or 0)
      local label = fmt.integer(n) .. (s and (" (" .. fmt.percent(s, 0) .. ")") or "")
      bars[#bars + 1] = { label = p, parts = parts, target = t, value_label = label }
      local row = { p }
      for _, v in ipairs(parts) do row[#row + 1] = fmt.integer(v) end
      row[#row + 1] = fmt.integer(n); row[#row + 1] = t and fmt.integer(t) or "–"
      row[#row + 1] = s and fmt.percent(s, 0) or "–"
      rows[#rows + 1] = row
      parts_alt[#parts_alt + 1] = t and K.word("of_target", { text = p .. " " .. label, target = fmt.integer(t) })
                                  or p .. " " .. label
    end
    local function at(w)
      return draw(w, bars, rounds, math.max(vmax * 1.08, 1), function(v) return fmt.integer(v) end,
                  K.word("chart_target"), false)
    end
    chart, narrow = at(W), W > D.NARROW and at(D.NARROW) or nil
    alt = K.word("activity_alt", { activity = act, parts = fmt.list(parts_alt) })
    return { type = "figure", id = args.id, caption = args.caption, source = args.source,
             unnumbered = args.unnumbered or nil, chart = chart, narrow_chart = narrow, alt = alt,
             data = { type = "table", header = { data_header("unit_header", rounds) }, rows = rows,
                      columns = K.columns(#rounds + 4, 0.25, nil) } }
  end

  local vmax = 1
  local parts_alt = {}
  for _, act in ipairs(a.activities) do
    local t = A.target(a, act)
    local parts = {}
    for _, rd in ipairs(rounds) do
      parts[#parts + 1] = t and t > 0 and A.count(a, act, nil, rd) / t or 0
    end
    local s = A.share(a, act)
    vmax = math.max(vmax, s or 0)
    local label = s and fmt.percent(s, 0) or "–"
    bars[#bars + 1] = { label = act, parts = parts, value_label = label }
    local row = { act }
    for _, rd in ipairs(rounds) do row[#row + 1] = fmt.integer(A.count(a, act, nil, rd)) end
    row[#row + 1] = fmt.integer(A.count(a, act)); row[#row + 1] = t and fmt.integer(t) or "–"
    row[#row + 1] = label
    rows[#rows + 1] = row
    parts_alt[#parts_alt + 1] = act .. " " .. label
  end
  local function at(w)
    return draw(w, bars, rounds, vmax * 1.08, function(v) return fmt.percent(v, 0) end,
                K.word("chart_target_full"), true)
  end
  chart, narrow = at(W), W > D.NARROW and at(D.NARROW) or nil
  alt = K.word("targets_alt", { parts = fmt.list(parts_alt) })
  return { type = "figure", id = args.id, caption = args.caption, source = args.source,
           unnumbered = args.unnumbered or nil, chart = chart, narrow_chart = narrow, alt = alt,
           data = { type = "table", header = { data_header("activity", rounds) }, rows = rows,
                    columns = K.columns(#rounds + 4, 0.35, nil) } }
end
