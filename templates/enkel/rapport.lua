-- rapport.lua: projektets indstillinger. rapport læser filen ved hver
-- bygning. Ret først titel, forfattere og dato; tilføj kapitler i
-- `chapters` i den rækkefølge, de skal stå. README.md forklarer hver nøgle
-- ("A report project").
return {
  title = "Arbejdstitel på rapporten",
  subtitle = "Undertitel",
  authors = { "Fornavn Efternavn" },
  organisation = "Jeres organisation",
  date = "2026-12-31",          -- ÅÅÅÅ-MM-DD; også PDF'ens dato
  lang = "da",                  -- "da" eller "en"
  theme = "klassisk",           -- "klassisk" eller "kommune"
  toc = true,                   -- indholdsfortegnelse efter titelbladet

  chapters = {
    "kapitler/01-indledning.md",
    "kapitler/02-resultater.md",
  },

  -- litteraturlisten (BibTeX eller CSL-JSON); henvis med [@nøgle]
  bibliography = "litteratur.bib",
}
