-- tegning.lua - small helpers for the DRAWING items of charts (see README,
-- "Components"): estimated text widths, markers that differ in shape as
-- well as colour, and greyscale-safe styles per series, so a chart reads
-- when printed in black and white.
local D = {}

-- Series styles: dark to light, each with its own dash pattern and marker
-- shape, so series differ without colour.
D.SERIES = {
  { stroke = "#1b3f66", fill = "#1b3f66", dash = 0, marker = "disc", width = 1.6 },
  { stroke = "#5b7fa6", fill = "#ffffff", dash = 4, marker = "square", width = 1.3 },
  { stroke = "#8c8c8c", fill = "#ffffff", dash = 1.5, marker = "ring", width = 1.1 },
  { stroke = "#000000", fill = "#bbbbbb", dash = 6, marker = "diamond", width = 1.1 },
}

-- Bar fills for stacked parts: mid and dark in turn, so every part is at
-- least 3:1 against a white page and against the part beside it (WCAG
-- 1.4.11; a monotone ramp of four cannot be) and reads in greyscale; blue
-- and orange tell the pairs apart. The HTML's dark palette and forced
-- colours map these values (src/html/css.c): change both together.
D.BAR_FILLS = { "#5b8cc0", "#15304f", "#c2794a", "#2b2b2b" }

-- The width (points) of a chart's layout for narrow screens: 340 CSS
-- pixels, what a 390 px phone leaves for the text column.
D.NARROW = 255

D.GRID = "#d0d0d0"
D.AXIS = "#606060"
D.TEXT = "#222222"

-- The width of text in points: measured with the font the PDF draws charts
-- with (rapport.text_width, from the layout stage's metrics), or, where
-- rapport cannot measure (no fonts), estimated with a generous average
-- advance (DejaVu Sans is wide), bold a tenth wider.
function D.text_width(s, size, bold)
  if rapport and rapport.text_width then return rapport.text_width(s, size, bold) end
  local n = utf8.len(s) or #s
  return n * size * 0.56 * (bold and 1.1 or 1)
end

-- Splits s into lines no wider than width (points) at size: at spaces, and
-- a word wider than the line with a hyphen ("Arbejdsmarkeds-" "afdelingen"
-- at best: after a hyphen of its own, else where the longest head that
-- fits ends, leaving no tail under three letters), so a long name never
-- runs into its neighbour. bold text is measured in the bold font.
function D.wrap(s, width, size, bold)
  local function w(t) return D.text_width(t, size, bold) end
  local lines, cur = {}, nil
  local function push_word(word)
    while w(word) > width and utf8.len(word) > 1 do
      -- the character offsets where a head could end, and the head that fits
      local starts = {}
      for p in utf8.codes(word) do starts[#starts + 1] = p end
      local n = #starts
      local best, own = nil, nil
      for i = 2, n do
        local head = word:sub(1, starts[i] - 1)
        local mark = head:sub(-1) == "-" and "" or "-"
        if w(head .. mark) > width then break end
        best = i
        if mark == "" then own = i end
      end
      local cut
      if own and own > 2 then
        cut = own
      elseif best then
        -- at least three letters on the next line, two on this one
        cut = math.max(math.min(best, n - 2), math.min(3, n))
      else
        cut = 2 -- not even one letter and a hyphen fit: one letter
      end
      local head = word:sub(1, starts[cut] - 1)
      if head:sub(-1) ~= "-" and best then head = head .. "-" end
      lines[#lines + 1] = head
      word = word:sub(starts[cut])
    end
    cur = word
  end
  for word in s:gmatch("%S+") do
    if cur and w(cur .. " " .. word) <= width then
      cur = cur .. " " .. word
    else
      if cur then lines[#lines + 1] = cur end
      push_word(word)
    end
  end
  lines[#lines + 1] = cur or ""
  return lines
end

-- The distance between the lines of a text item whose text holds "\n"
-- (the writers draw each line 1.15 x size below the one before).
function D.line_gap(size) return size * 1.15 end

function D.text(items, x, y, s, size, anchor, bold, fill)
  items[#items + 1] = { "text", x = x, y = y, text = s, size = size or 8,
                        anchor = anchor or "start", bold = bold or nil,
                        fill = fill or D.TEXT }
end

function D.line(items, x, y, x2, y2, stroke, width, dash)
  items[#items + 1] = { "line", x = x, y = y, x2 = x2, y2 = y2,
                        stroke = stroke or D.AXIS, stroke_width = width or 0.5,
                        dash = (dash and dash > 0) and dash or nil }
end

function D.rect(items, x, y, w, h, fill, stroke, width)
  items[#items + 1] = { "rect", x = x, y = y, w = w, h = h, fill = fill,
                        stroke = stroke, stroke_width = width }
end

-- A marker of the series style at (x, y).
function D.marker(items, style, x, y, r)
  r = r or 3
  local m = style.marker
  if m == "disc" then
    items[#items + 1] = { "circle", x = x, y = y, r = r, fill = style.fill, stroke = style.stroke }
  elseif m == "ring" then
    items[#items + 1] = { "circle", x = x, y = y, r = r, fill = "#ffffff", stroke = style.stroke }
  elseif m == "square" then
    items[#items + 1] = { "rect", x = x - r, y = y - r, w = 2 * r, h = 2 * r,
                          fill = style.fill, stroke = style.stroke, stroke_width = 1 }
  else -- diamond, as a closed outline
    items[#items + 1] = { "polyline", points = { x, y - r - 0.8, x + r + 0.8, y, x, y + r + 0.8,
                                                 x - r - 0.8, y, x, y - r - 0.8 },
                          stroke = style.stroke, stroke_width = 1 }
  end
end

-- The width a legend entry takes, with the space after it.
function D.legend_width(label, size)
  return 27 + D.text_width(label, size or 8) + 14
end

-- A legend entry: a short line in the series' style with its marker and a
-- label; returns the x after the entry.
function D.legend_entry(items, style, x, y, label, size)
  size = size or 8
  items[#items + 1] = { "line", x = x, y = y - size * 0.35, x2 = x + 22, y2 = y - size * 0.35,
                        stroke = style.stroke, stroke_width = style.width,
                        dash = style.dash > 0 and style.dash or nil }
  D.marker(items, style, x + 11, y - size * 0.35, 2.6)
  D.text(items, x + 27, y, label, size)
  return x + D.legend_width(label, size)
end

-- The width a legend box takes, with the space after it.
function D.legend_box_width(label, size)
  size = size or 8
  return size + 4 + D.text_width(label, size) + 14
end

-- A legend box for a bar fill; returns the x after the entry.
function D.legend_box(items, fill, x, y, label, size)
  size = size or 8
  D.rect(items, x, y - size * 0.8, size, size * 0.8, fill, "#404040", 0.4)
  D.text(items, x + size + 4, y, label, size)
  return x + D.legend_box_width(label, size)
end

return D
