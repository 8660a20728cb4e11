-- Et opdigtet eksempel på følgeforskning i en kommune: fem afdelinger i den
-- fiktive Fjordby Kommune på vej fra myndighed til partner. Alle steder,
-- personer og tal er fiktive. Projektet følger afdelinger, ikke
-- partnerskaber: `unit` nedenfor giver komponenterne deres ord.
return {
  title = "Fra myndighed til medspiller",
  subtitle = "Følgeforskning i fem afdelingers arbejde med borgerinddragelse",
  authors = { "Sofie Brandt", "Anders Kjeldsen" },
  organisation = "Center for Kommunal Samskabelse",
  date = "2026-03-31",
  lang = "da",
  theme = "kommune",
  fictional = true,
  subject = "Følgeforskning i Fjordby Kommunes afdelinger (fiktivt eksempel)",
  keywords = "følgeforskning, kommune, afdelinger, samskabelse, borgerinddragelse",

  -- analyseenheden: det, projektet følger
  unit = {
    singular = "afdeling", plural = "afdelinger",
    definite = "afdelingen", definite_plural = "afdelingerne",
    column = "afdeling",
  },
  -- faste ord, som komponenterne skriver, med projektets egen ordlyd
  words = {
    all_units = "Hele forvaltningen",
    observed = "Iagttagelser",
  },

  -- analyserammen
  levels = { "myndighed", "dialog", "partner" },
  level_names = { myndighed = "Myndigheden", dialog = "Dialogen", partner = "Partneren" },
  rounds = { "baseline", "opfoelgning", "slut" },
  round_names = { baseline = "Baseline", opfoelgning = "Opfølgning", slut = "Slutrunden" },
  elements = {
    "Ledelsesopbakning", "Tid og ressourcer", "Samarbejde på tværs",
    "Inddragelse af borgere", "Læring og opfølgning",
  },
  units = {
    "Plan og Udvikling", "Job og Arbejdsmarked", "Børn, Unge og Familie",
    "Sundhed og Omsorg", "Teknik og Miljø",
  },

  data = {
    -- trinenes beskrivelser: én række pr. element, én kolonne pr. trin
    typologi = {
      file = "data/typologi.csv",
      columns = {
        { "element", "text", required = true, values = "elements" },
        { "myndighed", "text", required = true },
        { "dialog", "text", required = true },
        { "partner", "text", required = true },
      },
    },
    -- forskernes placering af hver afdeling pr. runde og element
    vurderinger = {
      file = "data/vurderinger.csv",
      round = "runde",
      columns = {
        { "afdeling", "text", required = true, values = "units" },
        { "runde", "text", required = true, values = "rounds" },
        { "element", "text", required = true, values = "elements" },
        { "niveau", "level", required = true },
        { "begrundelse", "text", sensitive = true },
      },
    },
    -- det, vi iagttog; tom afdeling = på tværs af forvaltningen
    anliggender = {
      file = "data/anliggender.csv",
      round = "runde",
      columns = {
        { "runde", "text", required = true, values = "rounds" },
        { "afdeling", "text", values = "units" },
        { "element", "text", required = true, values = "elements" },
        { "anliggender", "text", required = true },
      },
    },
    aktiviteter = {
      file = "data/aktiviteter.csv",
      round = "runde",
      columns = {
        { "afdeling", "text", required = true, values = "units" },
        { "runde", "text", required = true, values = "rounds" },
        { "aktivitet", "text", required = true },
        { "antal", "integer", required = true },
      },
    },
    maal = {
      file = "data/maal.csv",
      columns = {
        { "aktivitet", "text", required = true },
        { "afdeling", "text", values = "units" },
        { "maal", "integer", required = true },
      },
    },
    -- ledere og medarbejderes svar: én række pr. svar
    spoergeskema = {
      file = "data/spoergeskema.csv",
      round = "runde",
      columns = {
        { "afdeling", "text", required = true, values = "units" },
        { "runde", "text", required = true, values = "rounds" },
        { "gruppe", "text", required = true, values = { "ledere", "medarbejdere" } },
        { "element", "text", required = true, values = "elements" },
        { "svar", "text", required = true, values = { "enig", "delvist enig", "uenig" } },
        { "timer", "decimal" },
      },
    },
    tidslinje = {
      file = "data/tidslinje.csv",
      round = "runde",
      columns = {
        { "dato", "date", required = true },
        { "runde", "text", required = true, values = "rounds" },
        { "begivenhed", "text", required = true },
        { "afdeling", "text", values = "units" },
      },
    },
  },

  chapters = {
    "kapitler/00-forord.md",
    "kapitler/01-indledning.md",
    "kapitler/02-metode.md",
    "kapitler/03-placering.md",
    "kapitler/04-aktiviteter.md",
    "kapitler/05-medarbejderne.md",
    "kapitler/06-anbefalinger.md",
    "kapitler/07-bilag.md",
  },

  editions = {
    { name = "opfoelgning", title = "Opfølgningsrapport", rounds = { "baseline", "opfoelgning" } },
    { name = "slut", title = "Slutrapport", rounds = { "baseline", "opfoelgning", "slut" } },
  },

  mapping = "data/pseudonymer.csv",
}
