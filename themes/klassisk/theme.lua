-- klassisk: a classic serif report. Read by the PDF layout (the keys are
-- documented in README.md, "PDF"); theme.css in this folder is for HTML.
-- Sizes and lengths are in points (1/72 inch); colours "#rrggbb".
return {
  fonts = {
    body = "Liberation Serif",
    heading = "Liberation Serif",
    chart = "Liberation Sans",      -- labels in charts
    mono = "DejaVu Sans Mono",
  },
  page = {
    width = 595.28, height = 841.89,              -- A4
    margin = { top = 78, bottom = 84, left = 78, right = 78 },
  },
  body = {
    size = 11, leading = 14.8,
    paragraph_space = 6, paragraph_indent = 0,
    justify = true,
  },
  heading = {
    numbered = false,
    [1] = { size = 21, space_before = 0, space_after = 18, new_page = true },
    [2] = { size = 14, space_before = 16, space_after = 6 },
    [3] = { size = 12, space_before = 12, space_after = 4 },
    [4] = { size = 11, space_before = 10, space_after = 3 },
  },
  colours = {
    text = "#1a1a1a",
    heading = "#1a1a1a",
    accent = "#7a1f1f",
    rule = "#8c8c8c",
    muted = "#555555",
    link = "#1a1a1a",
  },
  table = {
    size = 9.5, leading = 12, padding = 4,
    rule = "#1a1a1a", rule_width = 0.6,
    header_fill = "#ffffff", header_text = "#1a1a1a",
    stripe = "#f3f1ec",
  },
  caption = { size = 10 },
  footnote = { size = 8.5, leading = 10.8 },
  code = { size = 9, fill = "#f3f1ec" },
  quote = { bar = "#b0a89a" },
  running = { size = 8.5 },
  title = { size = 28, subtitle_size = 16 },
  toc = { depth = 2 },
}
