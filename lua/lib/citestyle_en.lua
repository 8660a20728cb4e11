-- citestyle_en.lua - the author-year citation style in English: the Danish
-- style (citestyle.lua) with English words. Chosen when rapport.lua says
-- lang = "en", or by name with citation_style = "citestyle_en".
local base = require("citestyle")

return base.new({
  cite_and = "&",
  ["and"] = "and",
  and_others = "et al.",
  no_date = "n.d.",
  page = "p.",
  pages = "pp.",
  editor = "ed.",
  editors = "eds.",
  in_book = "in",
  accessed = "accessed",
  edition = "ed.",
  number = "no.",
  heading = "References",
  open_quote = "“",
  close_quote = "”",
  months = { "January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December" },
  date = function(d, m, y, months) return d .. " " .. months[m] .. " " .. y end,
})
