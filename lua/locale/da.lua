-- Danish interface words. Keys are shared by the C writers and the Lua
-- components; en.lua must have the same keys.
return {
  contents = "Indhold",
  table = "Tabel",
  figure = "Figur",
  table_lower = "tabel",
  figure_lower = "figur",
  section_lower = "afsnit",
  page = "Side",
  source = "Kilde",
  notes = "Noter",
  list_of_tables = "Tabeloversigt",
  list_of_figures = "Figuroversigt",
  literature = "Litteratur",
  skip_to_content = "Gå til indhold",
  chart_data = "Data bag figuren",
  chart_data_for = "Data bag figur",
  chart_data_appendix = "Data bag figurerne",
  back_to_text = "Tilbage til teksten",
  html_dark = "Mørk visning",
  html_enlarge = "Forstør figuren",
  html_close = "Luk",
  fictional = "Fiktivt eksempel",
  authors = "Forfattere",
  published = "Udgivet",
  continued = "fortsat",
  edition = "Udgave",
  public_edition = "Offentlig udgave",
  -- The unit of analysis: what the project follows. A project declares its
  -- own with `unit = { ... }` in rapport.lua (README, "The unit of
  -- analysis"); these forms are the default.
  unit = {
    singular = "partnerskab", plural = "partnerskaber",
    definite = "partnerskabet", definite_plural = "partnerskaberne",
  },
  -- Words the components in lua/components/ print. A project overrides any
  -- of them with `words = { key = "..." }` in rapport.lua. In braces, the
  -- unit's forms: {unit} {units} {the_unit} {the_units}, capitalised
  -- {Unit} ..., genitive {the_unit_gen} ...; the other braces are filled in
  -- by the component that prints the word.
  element = "Element",
  observed = "Anliggender",
  unit_header = "{Unit}",
  all_units = "Alle {units}",
  per_unit = "pr. {unit}",
  description = "Beskrivelse",
  up = "op",
  down = "ned",
  unchanged = "uændret",
  movement_since = "Bevægelse siden",
  moved_up = "Rykket op",
  moved_down = "Rykket ned",
  total = "I alt",
  target = "Mål",
  share_of_target = "Andel af mål",
  activity = "Aktivitet",
  group = "Gruppe",
  n = "n",
  date = "Dato",
  event = "Begivenhed",
  chart_target = "Mål",
  chart_target_full = "Mål (100\u{a0}%)",  -- a no-break space before %
  ideal_type = "Idealtypen ”{name}”",
  no_answers = "Ingen svar i {data}{round}.",
  matrix_note = "Placering ved {round}. Pilene viser bevægelsen siden {previous}: ↑ {up}, ↓ {down}, → {unchanged}.",
  summary_note = "Antal {units} på hvert niveau ved {round}; op og ned i forhold til {previous}.",
  placement_alt = "Profiler for {names} på {n} elementer ved {rounds}. Ved {last} fordeler de {total} placeringer sig sådan: {parts}.",
  at_level = "{n} på {level}",
  activity_alt = "Søjlediagram over {activity} pr. {unit}: {parts}.",
  of_target = "{text} af målet {target}",
  targets_alt = "Søjlediagram over andelen af projektets mål, der er nået: {parts}.",
  none = "ingen",
  -- month names for dates printed by the C side (title page, metadata)
  months = { "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december" },
}
