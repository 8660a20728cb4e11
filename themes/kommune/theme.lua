-- kommune: the plain sans look of a Danish municipality's reports. Read by
-- the PDF layout (keys in README.md, "PDF"); theme.css here is for HTML.
-- Sizes and lengths are in points (1/72 inch); colours "#rrggbb".
return {
  fonts = {
    body = "Carlito",
    heading = "Carlito",
    chart = "Carlito",              -- labels in charts
    mono = "Liberation Mono",
  },
  page = {
    width = 595.28, height = 841.89,              -- A4
    margin = { top = 70, bottom = 76, left = 68, right = 68 },
  },
  body = {
    size = 11, leading = 15.4,
    paragraph_space = 8, paragraph_indent = 0,
    justify = false,                                -- ragged right, as on the web
  },
  heading = {
    numbered = false,
    [1] = { size = 22, space_before = 0, space_after = 14, new_page = true },
    [2] = { size = 15, space_before = 16, space_after = 6 },
    [3] = { size = 12.5, space_before = 12, space_after = 4 },
    [4] = { size = 11, space_before = 10, space_after = 3 },
  },
  colours = {
    text = "#222222",
    heading = "#00587a",
    accent = "#00587a",
    rule = "#9bb7c4",
    muted = "#5c6770",
    link = "#00587a",
  },
  table = {
    size = 9.5, leading = 12.2, padding = 4.5,
    rule = "#00587a", rule_width = 0.6,
    header_fill = "#dce9ef", header_text = "#0b2e3c",
    stripe = "#f2f6f8",
  },
  caption = { size = 10 },
  footnote = { size = 8.5, leading = 11 },
  code = { size = 9, fill = "#eef3f5" },
  quote = { bar = "#00587a" },
  running = { size = 8.5 },
  title = { size = 30, subtitle_size = 16 },
  toc = { depth = 2 },
}
