-- tabeloversigt: the list of tables.
-- Write ```{tabeloversigt}``` on its own in a chapter. It takes no arguments.
local K = require("komponent")

return function(args)
  K.check_args(args or {}, "tabeloversigt", {})
  return { type = "list_of_tables" }
end
