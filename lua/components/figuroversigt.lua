-- figuroversigt: the list of figures.
-- Write ```{figuroversigt}``` on its own in a chapter. It takes no arguments.
local K = require("komponent")

return function(args)
  K.check_args(args or {}, "figuroversigt", {})
  return { type = "list_of_figures" }
end
