-- litteratur: places the literature list here. Write ```{litteratur}``` on
-- its own where the list belongs (usually at the end of the last chapter);
-- without it, the list is appended at the end of the report under the
-- heading "Litteratur" ("References" in English).
--
-- The heading is unnumbered and listed in the table of contents.
--
-- Arguments (all optional):
--   title = "Referencer"    the heading; title = "" for no heading
--   level = 2               the heading level (default 1)
--   id = "sec:litteratur"   a label for @sec: cross-references
--
-- The list itself is filled in by rapport's citation stage (src/cite/cite.c):
-- this component leaves an empty paragraph with id "refs" as the place
-- holder, and the stage puts one entry per cited work there, sorted and
-- formatted by the citation style (lua/lib/citestyle.lua).
local K = require("komponent")

return function(args)
  args = args or {}
  K.check_args(args, "litteratur", { "title", "level" })
  local title = args.title
  if title == nil then
    title = K.word("literature")
  end
  local nodes = {}
  if title ~= "" then
    nodes[#nodes + 1] = {
      type = "heading",
      level = args.level or 1,
      content = title,
      id = args.id,
    }
  end
  nodes[#nodes + 1] = { type = "paragraph", id = "refs", content = "" }
  return nodes
end
