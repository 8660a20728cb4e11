-- Eksempelprojektet: en opdigtet følgeforskning i tre lokale partnerskaber.
-- Alle steder, personer, organisationer og tal er fiktive.
return {
  title = "Sammen om væksten",
  subtitle = "Følgeforskning i tre lokale partnerskaber om kompetencer i små og mellemstore virksomheder",
  authors = { "Karen Holm", "Jonas Vestergaard" },
  organisation = "Institut for Samarbejdsforskning",
  date = "2026-06-30",
  lang = "da",
  theme = "klassisk",
  fictional = true,
  subject = "Følgeforskning i projektet Kompetencer til Vækst (fiktivt eksempel)",
  keywords = "følgeforskning, partnerskaber, idealtyper, kompetenceudvikling",

  -- analyserammen: de værdier, data må indeholde
  levels = { "kantine", "klub", "kompagni" },
  level_names = { kantine = "Kantinen", klub = "Klubben", kompagni = "Kompagniet" },
  rounds = { "baseline", "midtvejs", "slut" },
  round_names = { baseline = "Baseline", midtvejs = "Midtvejs", slut = "Slutrunden" },
  elements = {
    "Mandat", "Ressourcer", "Mål", "Aftaler og møder", "Medarbejdere",
    "Selvevaluering", "Læring", "Forhold til andre samarbejder",
  },
  partnerships = { "Skovlund", "Havbjerg", "Ådal" },
  -- analyseenheden: det, projektet følger (ordene i tabeller og noter)
  unit = {
    singular = "partnerskab", plural = "partnerskaber",
    definite = "partnerskabet", definite_plural = "partnerskaberne",
    column = "partnerskab",
  },

  data = {
    -- idealtypernes beskrivelser: ét element og én idealtype pr. række
    typologi = {
      file = "data/typologi.csv",
      columns = {
        { "element", "text", required = true, values = "elements" },
        { "idealtype", "level", required = true },
        { "beskrivelse", "text", required = true },
      },
    },
    -- forskernes placering af hvert partnerskab pr. runde og element
    vurderinger = {
      file = "data/vurderinger.csv",
      round = "runde",
      columns = {
        { "partnerskab", "text", required = true, values = "partnerships" },
        { "runde", "text", required = true, values = "rounds" },
        { "element", "text", required = true, values = "elements" },
        { "niveau", "level", required = true },
        { "begrundelse", "text" },
      },
    },
    -- hvad vi iagttog ("anliggender"); tomt partnerskab = på tværs af alle
    anliggender = {
      file = "data/anliggender.csv",
      round = "runde",
      columns = {
        { "runde", "text", required = true, values = "rounds" },
        { "partnerskab", "text", values = "partnerships" },
        { "element", "text", required = true, values = "elements" },
        { "anliggender", "text", required = true },
      },
    },
    -- aktiviteter pr. partnerskab og periode (perioden slutter ved runden)
    aktiviteter = {
      file = "data/aktiviteter.csv",
      round = "runde",
      columns = {
        { "partnerskab", "text", required = true, values = "partnerships" },
        { "runde", "text", required = true, values = "rounds" },
        { "aktivitet", "text", required = true },
        { "antal", "integer", required = true },
      },
    },
    -- projektets mål pr. aktivitet, i alt og pr. partnerskab
    maal = {
      file = "data/maal.csv",
      columns = {
        { "aktivitet", "text", required = true },
        { "partnerskab", "text", values = "partnerships" },
        { "maal", "integer", required = true },
      },
    },
    -- svar fra styregrupper og konsulentgrupper: én række pr. svar
    spoergeskema = {
      file = "data/spoergeskema.csv",
      round = "runde",
      columns = {
        { "partnerskab", "text", required = true, values = "partnerships" },
        { "runde", "text", required = true, values = "rounds" },
        { "gruppe", "text", required = true, values = { "styregruppe", "konsulentgruppe" } },
        { "respondent", "text", sensitive = true },
        { "element", "text", required = true, values = "elements" },
        { "svar", "text", required = true, values = { "ja", "delvist", "nej", "ved ikke" } },
        { "timer", "decimal" },
        { "begrundelse", "text", sensitive = true },
      },
    },
    -- projektets tidslinje
    tidslinje = {
      file = "data/tidslinje.csv",
      round = "runde",
      columns = {
        { "dato", "date", required = true },
        { "runde", "text", required = true, values = "rounds" },
        { "begivenhed", "text", required = true },
        { "partnerskab", "text", values = "partnerships" },
      },
    },
  },

  chapters = {
    "kapitler/00-forord.md",
    "kapitler/00-sammenfatning.md",
    "kapitler/01-indledning.md",
    "kapitler/02-metode.md",
    "kapitler/03-idealtyper.md",
    "kapitler/04-baseline.md",
    "kapitler/slut/05-placering.md",
    "kapitler/06-aktiviteter.md",
    "kapitler/07-deltagerne.md",
    "kapitler/slut/08-konklusion.md",
    "kapitler/09-bilag.md",
  },

  editions = {
    {
      name = "midtvejs", title = "Midtvejsrapport", date = "2025-06-30",
      rounds = { "baseline", "midtvejs" },
      chapters = {
        "kapitler/00-forord.md",
        "kapitler/00-sammenfatning.md",
        "kapitler/01-indledning.md",
        "kapitler/02-metode.md",
        "kapitler/03-idealtyper.md",
        "kapitler/04-baseline.md",
        "kapitler/midtvejs/05-placering.md",
        "kapitler/06-aktiviteter.md",
        "kapitler/07-deltagerne.md",
        "kapitler/midtvejs/08-anbefalinger.md",
        "kapitler/09-bilag.md",
      },
    },
    {
      name = "slut", title = "Slutrapport", date = "2026-06-30",
      rounds = { "baseline", "midtvejs", "slut" },
    },
  },

  -- rigtige navn -> pseudonym, til de offentlige udgaver (--public)
  mapping = "data/pseudonymer.csv",

  -- litteraturlisten (BibTeX eller CSL-JSON), se README "Litteratur og henvisninger"
  bibliography = "litteratur.bib",
}
