-- A pandoc filter for the benchmark: drops images (rapport's charts are
-- inline SVG in its HTML), so every tool typesets the same text and tables.
function Image(el) return {} end
