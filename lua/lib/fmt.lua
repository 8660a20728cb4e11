-- fmt.lua - Danish (and English) formatting of the numbers, dates and lists
-- that templates print, and Danish sorting.
--
-- Conventions (Danish; Retskrivningsordbogen and Sprognævnet):
--   integers   1.234        "." groups thousands (en: "1,234")
--   decimals   3,5          decimal comma (en: "3.5")
--   percent    46 %         a space before "%" (en: "46%")
--   negative   −3           U+2212 MINUS SIGN, as in typeset text
--   dates      18. september 2014   (en: "18 September 2014")
--   lists      a, b og c    (en: "a, b and c")
--
-- The space between a number and "%" is U+00A0 NO-BREAK SPACE (fmt.NBSP)
-- everywhere, so a line or a narrow table cell never breaks between the
-- number and its sign. The layout stage draws it with the width of a space.
--
-- The language is the optional last argument of each function; without it,
-- fmt uses project.lang when a `project` global exists (as in the rapport
-- sandbox), else "da".
--
-- Sorting: fmt.compare_da(a, b) is a "less than" for table.sort that follows
-- the Danish alphabet: digits before letters, a-z, then æ, ø, å; case and
-- accents only break ties (é sorts as e, ä as æ, ö as ø, ü as y); "aa" is
-- not treated as å. Runs of digits compare as numbers ("Runde 2" < "Runde 10").

local fmt = {}

fmt.NBSP = "\u{00A0}"
fmt.MINUS = "\u{2212}"

local MONTHS = {
  da = { "januar", "februar", "marts", "april", "maj", "juni", "juli",
         "august", "september", "oktober", "november", "december" },
  en = { "January", "February", "March", "April", "May", "June", "July",
         "August", "September", "October", "November", "December" },
}

local WORDS = {
  da = { [0] = "nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte",
         "ni", "ti", "elleve", "tolv" },
  en = { [0] = "zero", "one", "two", "three", "four", "five", "six", "seven",
         "eight", "nine", "ten", "eleven", "twelve" },
}

-- The language to format in: the explicit argument, else project.lang.
function fmt.lang(lang)
  if lang == "da" or lang == "en" then return lang end
  local p = project  -- the sandbox global, absent outside rapport
  if type(p) == "table" and p.lang == "en" then return "en" end
  return "da"
end

local function group_digits(digits, sep)
  -- "1234567" -> "1.234.567"
  local len = #digits
  if len <= 3 then return digits end  -- most table cells: nothing to group
  if len <= 6 then
    return digits:sub(1, len - 3) .. sep .. digits:sub(len - 2)
  end
  local head = len % 3
  local parts = {}
  if head > 0 then parts[#parts + 1] = digits:sub(1, head) end
  for i = head + 1, #digits, 3 do parts[#parts + 1] = digits:sub(i, i + 2) end
  return table.concat(parts, sep)
end

local function seps(lang)
  if fmt.lang(lang) == "en" then return ",", "." end
  return ".", ","
end

-- Rounds half away from zero to `decimals` places and returns the digits of
-- the integer part, the digits of the fraction part and the sign.
-- The format and the nudge per number of decimals, made once: a table of
-- numbers formats thousands of cells.
local FORMAT, NUDGE = {}, {}

local function split(x, decimals)
  local neg = x < 0
  if neg then x = -x end
  local f, nudge
  if math.type(decimals) == "integer" then
    f, nudge = FORMAT[decimals], NUDGE[decimals]
    if not f then
      f, nudge = "%." .. decimals .. "f", 0.5 * 10 ^ -(decimals + 6)
      FORMAT[decimals], NUDGE[decimals] = f, nudge
    end
  else
    f, nudge = "%." .. decimals .. "f", 0.5 * 10 ^ -(decimals + 6)
  end
  local s = string.format(f, x + nudge)
  local int, frac = s:match("^(%d+)%.?(%d*)$")
  if not int then int, frac = s, "" end
  -- "-0" after rounding is "0"
  if neg and not (int:match("[1-9]") or frac:match("[1-9]")) then neg = false end
  return int, frac, neg
end

-- 1234 -> "1.234"; a float is rounded to the nearest integer.
function fmt.integer(n, lang)
  n = tonumber(n)
  if n == nil then return "" end
  if n ~= n then return "?" end
  if math.type(n) == "integer" and n > -2^53 and n < 2^53 then
    -- exact already: the digits without the detour through "%.0f"
    local thousands = seps(lang)
    if n < 0 then return fmt.MINUS .. group_digits(tostring(-n), thousands) end
    return group_digits(tostring(n), thousands)
  end
  local int, _, neg = split(n, 0)
  local thousands = seps(lang)
  return (neg and fmt.MINUS or "") .. group_digits(int, thousands)
end

-- 3.5 -> "3,5". With `decimals` the number is rounded to exactly that many
-- places (fmt.number(2, 1) -> "2,0"); without, up to 2 places are shown and
-- trailing zeros dropped (fmt.number(2.50) -> "2,5", fmt.number(2.0) -> "2").
function fmt.number(x, decimals, lang)
  x = tonumber(x)
  if x == nil then return "" end
  if x ~= x then return "?" end
  local trim = decimals == nil
  decimals = decimals or 2
  local int, frac, neg = split(x, decimals)
  if trim then frac = frac:gsub("0+$", "") end
  local thousands, comma = seps(lang)
  local s = group_digits(int, thousands)
  if frac ~= "" then s = s .. comma .. frac end
  return (neg and fmt.MINUS or "") .. s
end

-- A share (0.4567) as a percentage: "46 %" (en "46%").
function fmt.percent(share, decimals, lang)
  share = tonumber(share)
  if share == nil or share ~= share or share == math.huge then return "–" end
  local s = fmt.number(share * 100, decimals or 0, lang)
  if fmt.lang(lang) == "en" then return s .. "%" end
  return s .. fmt.NBSP .. "%"
end

-- Parses "2014-09-18", "18.9.2014", "18-09-2014" or "18/9/2014".
-- Returns year, month, day or nil.
function fmt.parse_date(s)
  if type(s) ~= "string" then return nil end
  local y, m, d = s:match("^%s*(%d%d%d%d)%-(%d%d?)%-(%d%d?)%s*$")
  if not y then
    d, m, y = s:match("^%s*(%d%d?)[%.%-/](%d%d?)[%.%-/](%d%d%d%d)%s*$")
  end
  if not y then return nil end
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if m < 1 or m > 12 or d < 1 or d > 31 then return nil end
  return y, m, d
end

-- "2014-09-18" -> "18. september 2014". style: "long" (default), "short"
-- ("18.9.2014"; en "2014-09-18"), "month" ("september 2014").
-- A value that is not a date is returned unchanged.
function fmt.date(s, style, lang)
  if style == "da" or style == "en" then style, lang = nil, style end
  local y, m, d = fmt.parse_date(s)
  if not y then return s == nil and "" or tostring(s) end
  lang = fmt.lang(lang)
  style = style or "long"
  if style == "short" then
    if lang == "en" then return string.format("%04d-%02d-%02d", y, m, d) end
    return string.format("%d.%d.%d", d, m, y)
  elseif style == "month" then
    return MONTHS[lang][m] .. " " .. y
  end
  if lang == "en" then return string.format("%d %s %d", d, MONTHS.en[m], y) end
  return string.format("%d. %s %d", d, MONTHS.da[m], y)
end

-- Number words for prose: fmt.words(3) -> "tre"; 0..12 spelled out, larger
-- numbers as digits. gender "et" gives "et" for 1 (et partnerskab).
function fmt.words(n, gender, lang)
  if gender == "da" or gender == "en" then gender, lang = nil, gender end
  n = tonumber(n)
  if n == nil then return "" end
  lang = fmt.lang(lang)
  if math.type(n) == "float" and n == math.floor(n) then n = math.tointeger(n) end
  if math.type(n) == "integer" and n >= 0 and n <= 12 then
    if n == 1 and gender == "et" and lang == "da" then return "et" end
    return WORDS[lang][n]
  end
  return fmt.auto(n, lang)
end

-- {"a", "b", "c"} -> "a, b og c" (en "a, b and c"); the empty list is "".
function fmt.list(items, lang)
  local parts = {}
  for i, v in ipairs(items) do parts[i] = fmt.auto(v, lang) end
  if #parts <= 1 then return parts[1] or "" end
  local conj = fmt.lang(lang) == "en" and " and " or " og "
  return table.concat(parts, ", ", 1, #parts - 1) .. conj .. parts[#parts]
end

-- Any value as text, as `{{ expr }}` prints it: integers grouped, floats with
-- up to two decimals, booleans as ja/nej, lists as "a, b og c", nil as "".
function fmt.auto(v, lang)
  local t = type(v)
  if t == "number" then
    if math.type(v) == "integer" or (v == math.floor(v) and math.abs(v) < 2^53) then
      return fmt.integer(v, lang)
    end
    return fmt.number(v, nil, lang)
  elseif t == "string" then
    return v
  elseif t == "nil" then
    return ""
  elseif t == "boolean" then
    if fmt.lang(lang) == "en" then return v and "yes" or "no" end
    return v and "ja" or "nej"
  elseif t == "table" then
    local mt = getmetatable(v)
    if mt and mt.__tostring then return tostring(v) end
    return fmt.list(v, lang)
  end
  return tostring(v)
end

-- Upper-cases the first letter (Danish letters included): "ådal" -> "Ådal".
local UPPER = { ["æ"] = "Æ", ["ø"] = "Ø", ["å"] = "Å", ["é"] = "É", ["ü"] = "Ü",
                ["ö"] = "Ö", ["ä"] = "Ä" }
function fmt.capitalise(s)
  if type(s) ~= "string" or s == "" then return s end
  local first = s:match("^[%z\1-\127\194-\244][\128-\191]*")
  local up = UPPER[first] or first:upper()
  return up .. s:sub(#first + 1)
end

---------------------------------------------------------------- sorting

-- Primary weights: digits (as numbers) < a..z < æ < ø < å. Letters with
-- accents fold onto their base letter; the accent only breaks ties.
local FOLD = {
  [0xE0] = "a", [0xE1] = "a", [0xE2] = "a", [0xE3] = "a", [0xE4] = "æ",
  [0xE7] = "c", [0xE8] = "e", [0xE9] = "e", [0xEA] = "e", [0xEB] = "e",
  [0xEC] = "i", [0xED] = "i", [0xEE] = "i", [0xEF] = "i", [0xF0] = "d",
  [0xF1] = "n", [0xF2] = "o", [0xF3] = "o", [0xF4] = "o", [0xF5] = "o",
  [0xF6] = "ø", [0xF9] = "u", [0xFA] = "u", [0xFB] = "u", [0xFC] = "y",
  [0xFD] = "y", [0xFF] = "y",
}
local EXTRA = { ["æ"] = 27, ["ø"] = 28, ["å"] = 29 }
local BASE = 100  -- letters start here; a digit run is marked by 50

local function lower_cp(c)
  if c >= 0x41 and c <= 0x5A then return c + 32 end
  if c >= 0xC0 and c <= 0xDE and c ~= 0xD7 then return c + 32 end
  return c
end

local function letter_weight(c)
  -- c is a lower-cased code point; returns primary weight and accent flag
  if c >= 0x61 and c <= 0x7A then return BASE + (c - 0x60), 0 end
  local ch = utf8.char(c)
  if EXTRA[ch] then return BASE + EXTRA[ch], 0 end
  local f = FOLD[c]
  if f then
    if EXTRA[f] then return BASE + EXTRA[f], 1 end
    return BASE + (f:byte() - 0x60), 1
  end
  if c == 0xDF then return BASE + 19, 1 end  -- ß as s
  if c >= 0x100 then return BASE + 30 + c, 1 end  -- other scripts: after å
  return nil
end

local keys = {}
local nkeys = 0

-- The collation key of a string: { primary..., tie = {secondary...} }.
local function collation_key(s)
  s = tostring(s or "")
  local k = keys[s]
  if k then return k end
  local prim, sec = {}, {}
  local digits = nil
  local ok = pcall(function()
    for _, c in utf8.codes(s) do
      if c >= 0x30 and c <= 0x39 then
        digits = (digits or 0) * 10 + (c - 0x30)
      else
        if digits then
          prim[#prim + 1] = 50; prim[#prim + 1] = digits; digits = nil
        end
        local lc = lower_cp(c)
        local w, acc = letter_weight(lc)
        if w then
          prim[#prim + 1] = w
          sec[#sec + 1] = acc * 2 + (lc ~= c and 1 or 0)
        end
        -- spaces and punctuation carry no primary weight
      end
    end
  end)
  if not ok then prim = { s:byte(1, -1) } end  -- invalid UTF-8: bytes
  if digits then prim[#prim + 1] = 50; prim[#prim + 1] = digits end
  k = { p = prim, s = sec, raw = s }
  -- a small cache: sorting calls the key function O(n log n) times
  if nkeys > 5000 then keys, nkeys = {}, 0 end
  keys[s] = k; nkeys = nkeys + 1
  return k
end

local function cmp_lists(a, b)
  local n = math.min(#a, #b)
  for i = 1, n do
    if a[i] ~= b[i] then return a[i] < b[i] and -1 or 1 end
  end
  if #a ~= #b then return #a < #b and -1 or 1 end
  return 0
end

-- Three-way comparison: -1, 0 or 1.
function fmt.collate(a, b)
  local ka, kb = collation_key(a), collation_key(b)
  local c = cmp_lists(ka.p, kb.p)
  if c ~= 0 then return c end
  c = cmp_lists(ka.s, kb.s)
  if c ~= 0 then return c end
  if ka.raw == kb.raw then return 0 end
  return ka.raw < kb.raw and -1 or 1
end

-- "less than" in Danish order, for table.sort.
function fmt.compare_da(a, b)
  return fmt.collate(a, b) < 0
end

-- Sorts list in place in Danish order and returns it. key(item) gives the
-- string to sort by (default: the item itself). Stable: equal keys keep
-- their order.
function fmt.sort_da(list, key)
  local idx = {}
  for i, v in ipairs(list) do idx[i] = { v = v, k = key and key(v) or v, i = i } end
  table.sort(idx, function(x, y)
    local c = fmt.collate(x.k, y.k)
    if c ~= 0 then return c < 0 end
    return x.i < y.i
  end)
  for i, e in ipairs(idx) do list[i] = e.v end
  return list
end

return fmt
