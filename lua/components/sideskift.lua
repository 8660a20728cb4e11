-- sideskift: a page break.
-- Write ```{sideskift}``` on its own in a chapter. It takes no arguments.
local K = require("komponent")

return function(args)
  K.check_args(args or {}, "sideskift", {})
  return { type = "pagebreak" }
end
