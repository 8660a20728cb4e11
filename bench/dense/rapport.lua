-- A text-dense report for the benchmarks and the PDF/UA test: the text of
-- seed 000 (see README.md), 52 pages, no components; a pseudonym list for
-- the public edition (the leak check's cost, bench/RESULTS.md).
return {
  title = "Partnerskaber i støbeskeen",
  subtitle = "Afrapportering af følgeforskning om et regionalt kompetenceprojekt",
  authors = { "Kelvin Baadsgaard", "Henning Jørgensen", "Flemming Larsen", "Morten Lassen" },
  organisation = "CARMA, Aalborg Universitet",
  date = "2016-05-31",
  lang = "da",
  theme = "klassisk",
  subject = "Benchmarkkorpus: tekstrig rapport",
  chapters = {
    "kapitler/00-indhold.md",
    "kapitler/00-forord.md",
    "kapitler/01-kapitel.md",
    "kapitler/02-kapitel.md",
    "kapitler/03-kapitel.md",
    "kapitler/04-kapitel.md",
    "kapitler/05-kapitel.md",
    "kapitler/06-kapitel.md",
    "kapitler/07-kapitel.md",
    "kapitler/08-kapitel.md",
  },
  -- rigtige navn -> pseudonym, til den offentlige udgave (--public)
  mapping = "data/pseudonymer.csv",
  editions = {
    { name = "rapport", title = "Afrapportering" },
  },
}
