-- toc: the table of contents (filled in by the writers, with page numbers in the PDF).
-- Write ```{toc}``` on its own in a chapter. It takes no arguments.
local K = require("komponent")

return function(args)
  K.check_args(args or {}, "toc", {})
  return { type = "toc" }
end
