-- citestyle.lua - the author-year citation style, Danish (the default).
--
-- rapport's citation stage (src/cite/cite.c) calls these functions; everything
-- a reader sees of a citation or a literature entry is decided here, so a
-- project can adjust it: write a module in the project's lua/ folder, say
-- lua/minstil.lua, and name it with `citation_style = "minstil"` in
-- rapport.lua. The easiest adjustment starts from this one:
--
--   local base = require("citestyle")
--   local S = base.new({ and_others = "m.fl." })   -- other words
--   local entry = S.entry
--   function S.entry(e) ... entry(e) ... end         -- or other functions
--   return S
--
-- (A project file named lua/citestyle.lua replaces this one entirely; it
-- cannot require("citestyle"), which would be itself.)
--
-- An entry `e` is a table: key, type ("book", "chapter", "article",
-- "report", "webpage", "thesis", "misc"), author and editor (lists of
-- {family=, given=, literal=}), year (nil = no year), suffix ("a", "b"
-- when two works of the same authors share a year), title, container
-- (journal or edited book), volume, issue, pages, number, edition,
-- publisher, place, url, doi, accessed ("YYYY-MM-DD"), note.
--
-- INLINES returned are lists of strings and inline nodes ({type="emph",
-- content=...}, {type="link", url=..., content=...}), as for components.

local M = {}

local danish = {
  cite_and = "&",          -- between two authors in a citation
  ["and"] = "og",          -- between the last two names in the list
  and_others = "et al.",   -- three or more authors in a citation
  no_date = "u.å.",
  page = "s.",             -- a page in a citation: (Hansen 2016, s. 12)
  pages = "s.",            -- a page range in the list: s. 41–80
  editor = "red.",
  editors = "red.",
  in_book = "i",           -- "i Hansen (red.): Bogtitel"
  accessed = "hentet",
  edition = "udg.",
  number = "nr.",
  heading = "Litteratur",
  open_quote = "”",
  close_quote = "”",
  months = { "januar", "februar", "marts", "april", "maj", "juni", "juli",
             "august", "september", "oktober", "november", "december" },
  date = function(d, m, y, months) return d .. ". " .. months[m] .. " " .. y end,
}

local function merge(base, over)
  local t = {}
  for k, v in pairs(base) do t[k] = v end
  for k, v in pairs(over or {}) do t[k] = v end
  return t
end

-- The project may choose "&" or "og" between two authors in citations:
-- citation_and = "&" in rapport.lua.
local function project_field(name)
  local ok, p = pcall(function() return project end)
  if ok and type(p) == "table" then return p[name] end
  return nil
end

local function make(W)
  local S = { words = W }

  -- citation_and = "og" or "&" in rapport.lua sets the word in citations
  -- and in the list alike
  local function and_word()
    return project_field("citation_and") or W.cite_and
  end
  local function list_and()
    return project_field("citation_and") or W["and"]
  end

  -- the name that stands for a person in a citation: the family name
  local function short(n)
    return n.family or n.given or ""
  end

  -- "Hansen", "Hansen & Larsen", "Hansen et al."; the editors when there
  -- are no authors; else the title.
  function S.names(e)
    local list = (#(e.author or {}) > 0) and e.author or e.editor or {}
    if #list == 0 then return e.title or e.key end
    if e.more_authors and list == e.author then
      return short(list[1]) .. " " .. W.and_others
    end
    if #list == 1 then return short(list[1]) end
    if #list == 2 then
      return short(list[1]) .. " " .. and_word() .. " " .. short(list[2])
    end
    return short(list[1]) .. " " .. W.and_others
  end

  function S.year(e)
    return (e.year or W.no_date) .. (e.suffix or "")
  end

  -- ", s. 12" from what followed the key: ", s. 12", ", 12", " s. 12"
  function S.locator(suffix)
    if not suffix then return "" end
    local s = suffix:gsub("^%s*,?%s*", "")
    if s == "" then return "" end
    if s:match("^%d") then s = W.page .. " " .. s end
    return ", " .. s
  end

  local function link(e, text)
    return { type = "link", url = "#ref-" .. e.key, content = text }
  end

  -- items: { {entry=, prefix=, suffix=, suppress_author=bool}, ... };
  -- textual: @key in running text ("Hansen (2017)") rather than [@key].
  function S.cite(items, textual)
    if textual then
      local it = items[1]
      local e = it.entry
      return { link(e, S.names(e) .. " (" .. S.year(e) .. S.locator(it.suffix) .. ")") }
    end
    local parts = {}
    for _, it in ipairs(items) do
      local e = it.entry
      local text = S.year(e) .. S.locator(it.suffix)
      if not it.suppress_author then text = S.names(e) .. " " .. text end
      parts[#parts + 1] = { prefix = it.prefix, text = text, entry = e }
    end
    local out = {}
    if #parts == 1 then
      -- one work: the whole parenthesis is the link
      local p = parts[1]
      local pre = p.prefix and (p.prefix .. " ") or ""
      return { link(p.entry, "(" .. pre .. p.text .. ")") }
    end
    out[#out + 1] = "("
    for i, p in ipairs(parts) do
      if i > 1 then out[#out + 1] = "; " end
      if p.prefix then out[#out + 1] = p.prefix .. " " end
      out[#out + 1] = link(p.entry, p.text)
    end
    out[#out + 1] = ")"
    return out
  end

  -- Literature list order: first author's family and given name, the
  -- other authors, year, title. src/cite/cite.c compares keys the Danish way
  -- (æ, ø, å last); "\1" and "\2" make shorter author lists sort first.
  -- In Danish, "aa" is the old spelling of "å" and sorts as it: Aabye
  -- after Ærø (as Danish dictionaries and ICU's Danish collation do).
  local function aa(s)
    return (s:gsub("AA", "Å"):gsub("Aa", "Å"):gsub("aa", "å"))
  end

  function S.sort_key(e)
    local list = (#(e.author or {}) > 0) and e.author or e.editor or {}
    local names = {}
    for _, n in ipairs(list) do
      names[#names + 1] = (n.family or "") .. "\2" .. (n.given or "")
    end
    local who = #names > 0 and table.concat(names, "\2") or (e.title or "")
    return aa(who .. "\1" .. (e.year or "") .. "\1" .. (e.title or ""))
  end

  -- "Hansen, Åse", later names "Per Sørensen"
  local function full(n, inverted)
    if n.literal or not n.given then return n.family or n.given or "" end
    if inverted then return n.family .. ", " .. n.given end
    return n.given .. " " .. n.family
  end

  local function name_list(list, invert_first)
    local t = {}
    for i, n in ipairs(list) do t[i] = full(n, invert_first and i == 1) end
    if #t <= 1 then return t[1] or "" end
    return table.concat(t, ", ", 1, #t - 1) .. " " .. list_and() .. " " .. t[#t]
  end

  local function ed_word(list)
    return #list > 1 and W.editors or W.editor
  end

  local function date_text(iso)
    local y, m, d = tostring(iso):match("^(%d+)-(%d+)-(%d+)")
    if not y then return iso end
    return W.date(tonumber(d), tonumber(m), y, W.months)
  end

  -- An entry is built as a list; `put` keeps track of the last character so
  -- that a title ending in "?" is not followed by another full stop.
  local function builder()
    local out, last = {}, ""
    local b = {}
    function b.put(x)
      if x == nil or x == "" then return end
      out[#out + 1] = x
      local s = type(x) == "string" and x or (x.content or x.url or "")
      if type(s) == "string" and s ~= "" then last = s:sub(-1) end
    end
    function b.stop()   -- end a part with a full stop
      if last ~= "." and last ~= "?" and last ~= "!" then b.put(".") end
    end
    function b.emph(s) if s then b.put({ type = "emph", content = s }) end end
    function b.quoted(s) if s then b.put(W.open_quote .. s .. W.close_quote) end end
    function b.list() return out end
    return b
  end

  local function pages(p)
    if not p then return nil end
    return (p:find("[-–]") and W.pages or W.page) .. " " .. p
  end

  -- The literature entry of e.
  function S.entry(e)
    local b = builder()
    local authors = e.author or {}
    local editors = e.editor or {}
    local t = e.type
    -- who and when
    if #authors > 0 then
      b.put(name_list(authors, true))
      if e.more_authors then b.put(" " .. W.and_others) end
    elseif #editors > 0 and t ~= "chapter" then
      b.put(name_list(editors, true) .. " (" .. ed_word(editors) .. ")")
    end
    local has_who = #authors > 0 or (#editors > 0 and t ~= "chapter")
    if has_who then
      b.put(" (" .. S.year(e) .. "): ")
    end
    -- what
    local function title_part(italic)
      if italic then b.emph(e.title) else b.quoted(e.title) end
      if not has_who then b.put(" (" .. S.year(e) .. ")") end
    end
    if t == "article" then
      title_part(false)
      b.put(". ")
      b.emph(e.container)
      if e.volume then b.put(", " .. e.volume) end
      if e.issue and e.volume then b.put("(" .. e.issue .. ")")
      elseif e.issue then b.put(", " .. W.number .. " " .. e.issue) end
      if e.pages then b.put(", " .. pages(e.pages)) end
      b.stop()
    elseif t == "chapter" then
      title_part(false)
      b.put(", " .. W.in_book .. " ")
      if #editors > 0 then
        b.put(name_list(editors, false) .. " (" .. ed_word(editors) .. "): ")
      end
      b.emph(e.container)
      if e.pages then b.put(", " .. pages(e.pages)) end
      b.stop()
    else
      title_part(true)
      if e.edition then b.stop(); b.put(" " .. e.edition .. ". " .. W.edition) end
      if e.number then
        b.put(", " .. (e.number:match("^%d") and (W.number .. " ") or "") .. e.number)
      end
      b.stop()
      if t == "webpage" and e.container then b.put(" " .. e.container); b.stop() end
      -- a thesis's note says what kind it is: "Ph.d.-afhandling"
      if t == "thesis" and e.note then b.put(" " .. e.note); b.stop() end
    end
    -- where
    if e.publisher or e.place then
      b.put(" ")
      if e.place and e.publisher then
        b.put(e.place .. ": " .. e.publisher)
      else
        b.put(e.place or e.publisher)
      end
      b.stop()
    end
    if e.note and t ~= "thesis" then b.put(" " .. e.note); b.stop() end
    local url = e.doi and ("https://doi.org/" .. e.doi) or e.url
    if url then
      b.put(" ")
      b.put({ type = "link", url = url, content = url })
      -- no full stop after a bare address: it would look like part of it
      if e.accessed then
        b.put(" (" .. W.accessed .. " " .. date_text(e.accessed) .. ").")
      end
    end
    return b.list()
  end

  function S.heading()
    return W.heading
  end

  -- A variant with other words: require("citestyle").new({ ... }).
  function S.new(words)
    return make(merge(W, words))
  end

  return S
end

M = make(danish)
return M
