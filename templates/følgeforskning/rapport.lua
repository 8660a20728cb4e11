-- rapport.lua: projektets indstillinger. rapport læser filen ved hver
-- bygning. Ret først titel, forfattere og dato, og dernæst analyserammen
-- (enhederne, niveauerne, runderne og elementerne), så den passer til jeres
-- projekt; data i data/ skal bruge de samme navne. README.md forklarer
-- hver nøgle ("A report project").
return {
  title = "Arbejdstitel på rapporten",
  subtitle = "Følgeforskning i to enheder",
  authors = { "Fornavn Efternavn" },
  organisation = "Jeres organisation",
  date = "2026-12-31",          -- ÅÅÅÅ-MM-DD; også PDF'ens dato
  lang = "da",                  -- "da" eller "en"
  theme = "klassisk",           -- "klassisk" eller "kommune"
  toc = true,                   -- indholdsfortegnelse efter titelbladet

  -- analyseenheden: det, I følger (afdelinger, skoler, netværk ...).
  -- Komponenternes tabeller og noter bruger disse ord.
  unit = {
    singular = "enhed", plural = "enheder",
    definite = "enheden", definite_plural = "enhederne",
    column = "enhed",           -- kolonnen i data, der navngiver enheden
  },
  units = { "Enhed Nord", "Enhed Syd" },

  -- analyserammen: de værdier, data må indeholde, i deres rækkefølge
  levels = { "start", "vej", "maal" },
  level_names = { start = "Starten", vej = "Undervejs", maal = "Målet" },  -- i overskrifter
  level_labels = { start = "Start", vej = "Undervejs", maal = "Mål" },     -- i cellerne
  rounds = { "baseline", "midtvejs", "slut" },
  round_names = { baseline = "Baseline", midtvejs = "Midtvejs", slut = "Slutrunden" },
  elements = { "Ledelse", "Samarbejde" },

  -- datafilerne og deres kolonner; rapport tjekker hver celle mod dem
  data = {
    -- niveauernes beskrivelser: én række pr. element og niveau
    typologi = {
      file = "data/typologi.csv",
      columns = {
        { "element", "text", required = true, values = "elements" },
        { "idealtype", "level", required = true },
        { "beskrivelse", "text", required = true },
      },
    },
    -- jeres placering af hver enhed pr. runde og element
    vurderinger = {
      file = "data/vurderinger.csv",
      round = "runde",          -- kolonnen, der siger, hvilken runde rækken hører til
      columns = {
        { "enhed", "text", required = true, values = "units" },
        { "runde", "text", required = true, values = "rounds" },
        { "element", "text", required = true, values = "elements" },
        { "niveau", "level", required = true },
        { "begrundelse", "text" },
      },
    },
    -- det, I iagttog; en tom enhed gælder på tværs af alle
    anliggender = {
      file = "data/anliggender.csv",
      round = "runde",
      columns = {
        { "runde", "text", required = true, values = "rounds" },
        { "enhed", "text", values = "units" },
        { "element", "text", required = true, values = "elements" },
        { "anliggender", "text", required = true },
      },
    },
  },

  chapters = { "kapitler/01-indledning.md" },

  -- udgaverne: hver dækker de runder, den nævner, og ser kun deres data.
  -- Når slutrundens data er der, så tilføj fx:
  -- { name = "slut", title = "Slutrapport", rounds = { "baseline", "midtvejs", "slut" } },
  editions = {
    { name = "midtvejs", title = "Midtvejsrapport", rounds = { "baseline", "midtvejs" } },
  },

  -- rigtige navne og deres pseudonymer, til den offentlige udgave
  -- (rapport build . --public)
  mapping = "data/pseudonymer.csv",

  -- litteraturlisten (BibTeX eller CSL-JSON); henvis med [@nøgle]
  bibliography = "litteratur.bib",
}
