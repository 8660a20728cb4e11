-- idealtyper: the ideal-type table. Rows are the project's elements in the
-- declared order, columns the ideal types (one per level: Kantinen, Klubben,
-- Kompagniet), cells the descriptions from a typology CSV.
--
-- The CSV is long (one row per element and type: element;idealtype;
-- beskrivelse) or wide (element;kantine;klub;kompagni): a row with a column
-- named after a level is read as wide.
--
-- args: data ("typologi"), columns = { element =, level =, text = },
--       variant = "per_type" (one table per type: element, description, as
--       older reports print it), types = { "klub", ... } (a subset),
--       id, caption (per_type: "%s" is replaced by the type's name), source.
local K = require("komponent")

local DEFAULT_COLUMNS = { element = "element", level = "idealtype", text = "beskrivelse" }

return function(args)
  K.check_args(args, "idealtyper", { "columns", "variant", "types" })
  local rows, dataname = K.rows(args, "typologi")
  local cols = {}
  for k, v in pairs(DEFAULT_COLUMNS) do cols[k] = (args.columns or {})[k] or v end
  local levels = K.levels()
  local elements = K.elements()
  if args.variant ~= nil and args.variant ~= "per_type" and args.variant ~= "table" then
    K.fail(K.T("variant skal være \"table\" eller \"per_type\", ikke '" .. tostring(args.variant) .. "'",
               "variant must be \"table\" or \"per_type\", not '" .. tostring(args.variant) .. "'"), "variant")
  end
  local types = args.types or levels
  for _, t in ipairs(types) do K.one_of(t, levels, "idealtype i types", "ideal type in types", "types") end

  -- desc[element][level] = text
  local desc = {}
  local wide = false
  for _, r in ipairs(rows) do
    if r[cols.level] == nil then
      for _, l in ipairs(levels) do if r[l] ~= nil then wide = true end end
    end
  end
  if not wide then K.check_columns(dataname, { element = cols.element, level = cols.level, text = cols.text }) end
  for _, r in ipairs(rows) do
    local e = K.check_value(r, cols.element, elements, "element", "element")
    desc[e] = desc[e] or {}
    if wide then
      for _, l in ipairs(levels) do
        if r[l] ~= nil then
          if desc[e][l] then
            K.fail(K.T("elementet '" .. e .. "' er beskrevet to gange", "the element '" .. e .. "' is described twice"), r)
          end
          desc[e][l] = r[l]
        end
      end
    else
      local l = K.check_value(r, cols.level, levels, "idealtype", "ideal type")
      if desc[e][l] then
        K.fail(K.T(string.format("'%s' er allerede beskrevet for %s (linje %s)", e, K.type_name(l), tostring(desc[e][l .. "_line"])),
                   string.format("'%s' is already described for %s (line %s)", e, K.type_name(l), tostring(desc[e][l .. "_line"]))), r)
      end
      desc[e][l] = r[cols.text] or ""
      desc[e][l .. "_line"] = r._line
    end
  end

  -- every element and type must be described: a gap would silently leave a
  -- hole in the frame the whole report builds on
  local missing = {}
  for _, e in ipairs(elements) do
    for _, l in ipairs(types) do
      if not (desc[e] and desc[e][l]) then missing[#missing + 1] = e .. " (" .. l .. ")" end
    end
  end
  if #missing > 0 then
    K.fail(K.T("typologien i '" .. dataname .. "' mangler beskrivelser af: " .. K.join(missing),
               "the typology in '" .. dataname .. "' lacks descriptions of: " .. K.join(missing)))
  end

  local element_word = K.word("element")
  if args.variant == "per_type" then
    local out = {}
    for _, l in ipairs(types) do
      local body = {}
      for _, e in ipairs(elements) do
        body[#body + 1] = { K.cell(e, { strong = true }), desc[e][l] }
      end
      local caption
      local name = K.type_name(l)
      if args.caption == nil then
        caption = K.word("ideal_type", { name = name })
      elseif args.caption:find("%%s") then
        caption = args.caption:gsub("%%s", (name:gsub("%%", "%%%%")))
      else
        caption = args.caption .. ": " .. name
      end
      out[#out + 1] = K.table(args, {
        id = args.id and (args.id .. "-" .. l) or nil,
        caption = caption,
        columns = { { align = "l", width = 0.25 }, { align = "l", width = 0.75 } },
        header = { { element_word, K.word("description") } },
        rows = body,
      })
    end
    return out
  end

  local header = { element_word }
  for _, l in ipairs(types) do header[#header + 1] = K.cell(K.type_name(l), { fill = K.level_fill(l) }) end
  local body = {}
  for _, e in ipairs(elements) do
    local row = { K.cell(e, { strong = true }) }
    for _, l in ipairs(types) do row[#row + 1] = desc[e][l] end
    body[#body + 1] = row
  end
  local first = #types >= 3 and 0.16 or 0.25
  return K.table(args, {
    columns = K.columns(#types + 1, first, { "l", "l", "l", "l", "l", "l" }),
    header = { header },
    rows = body,
  })
end
