#!/bin/sh
# landscape.sh - a wide table on landscape pages of its own (issue 18):
# `{.liggende}` in a table's caption, or `landscape = true` in a component's
# table, puts that table alone on turned pages in the PDF (page size
# swapped, the running heads across the wide page, the header rows repeated,
# the text before and after on upright pages); the HTML keeps the table in
# its scrolling box.
. tests/lib.sh

P=$TMP/p; O=$TMP/o
mkdir -p "$P/kapitler" "$P/components"
cat >"$P/rapport.lua" <<'LUA'
return { title = "Liggende tabeller", lang = "da", theme = "klassisk",
  date = "2026-01-01", chapters = { "kapitler/k.md" },
  editions = { { name = "r", title = "Rapport" } } }
LUA
python3 - "$P/kapitler/k.md" <<'PY'
import sys
cols = 12
l = ["# Kapitel", "", "Tekst før tabellen.", ""]
l.append("| " + " | ".join("Kolonne nummer %d" % i for i in range(cols)) + " |")
l.append("|" + "---|" * cols)
for r in range(60):
    l.append("| " + " | ".join("celle %d.%d" % (r, i) for i in range(cols)) + " |")
l += ["", "Tabel: En meget bred tabel {#tbl:bred .liggende}", "",
      "Tekst efter tabellen, se @tbl:bred.", "", "```{bred}", "```", "",
      "Sidste afsnit.", ""]
open(sys.argv[1], "w").write("\n".join(l))
PY
cat >"$P/components/bred.lua" <<'LUA'
-- A small table a component asks to have on a landscape page.
return function(args)
  local row = {}
  for i = 1, 8 do row[i] = "komponentcelle " .. i end
  return { type = "table", caption = "Komponentens tabel", landscape = true,
           header = { row }, rows = { row } }
end
LUA
check_status "build" 0 "$RAPPORT" build "$P" --out "$O"
check_not_contains "no warning" "$TMP/out" "advarsel"
pdfinfo -f 1 -l 99 "$O/r.pdf" | awk '/^Page +[0-9]+ size/ { print $2, ($4 > $6 ? "L" : "P") }' >"$TMP/sizes"
n=$(wc -l <"$TMP/sizes")
# each page: where the texts are and whether it is turned
page_of() {
  k=1
  while [ "$k" -le "$n" ]; do
    if pdftotext -f "$k" -l "$k" "$O/r.pdf" - 2>/dev/null | tr '\n' ' ' | grep -qF -- "$1"; then
      echo "$k"; return; fi
    k=$((k + 1))
  done
}
orient() { awk -v p="$1" '$1 == p { print $2 }' "$TMP/sizes"; }
first=$(page_of "celle 0.0"); last=$(page_of "celle 59.11")
before=$(page_of "Tekst før tabellen."); after=$(page_of "Tekst efter tabellen")
comp=$(page_of "komponentcelle 1"); end=$(page_of "Sidste afsnit.")
check_eq "the text before the table is on an upright page" "$(orient "$before")" P
check_eq "the table starts on a turned page" "$(orient "$first")" L
check "the table starts on the page after the text" test "$first" = $((before + 1))
check "the table takes more than one page" test "$last" -gt "$first"
k=$first; turned=yes
while [ "$k" -le "$last" ]; do [ "$(orient $k)" = L ] || turned=no; k=$((k + 1)); done
check_eq "every page of the table is turned" "$turned" yes
check_eq "the text after it is on an upright page" "$(orient "$after")" P
check "the text after it starts the page after the table" test "$after" = $((last + 1))
check_eq "the component's table is on a turned page" "$(orient "$comp")" L
check_eq "the text after the component's table is upright" "$(orient "$end")" P
pdfinfo -f "$first" -l "$first" "$O/r.pdf" | grep "^Page *$first size" >"$TMP/s1"
check_contains "the turned page is A4 with width and height swapped" "$TMP/s1" "841.89 x 595.28"
# one row of 12 cells fits the wide text width: a whole row on one line
pdftotext -layout -f "$first" -l "$first" "$O/r.pdf" "$TMP/first.txt"
check "a row of twelve cells on one line of the turned page" \
  grep -q "celle 0.0 .*celle 0.11" "$TMP/first.txt"
pdftotext -layout -f $((first + 1)) -l $((first + 1)) "$O/r.pdf" "$TMP/second.txt"
check_contains "the header is repeated on the next turned page" "$TMP/second.txt" "Tabel 1 (fortsat)"
# the running head spans the wide page: title at the left, chapter at the
# right edge, beyond the upright page's width
pdftotext -bbox -f "$first" -l "$first" "$O/r.pdf" "$TMP/bbox.html"
xmax=$(grep '>Kapitel<' "$TMP/bbox.html" | head -1 | sed 's/.*xMax="\([0-9.]*\)".*/\1/')
check "the running head reaches the right margin of the turned page" \
  awk -v x="$xmax" 'BEGIN { exit !(x > 700 && x < 842) }'
check_contains "HTML: the table is in its scrolling box" "$O/r.html" '<div class="tabel" id="tbl:bred">'
