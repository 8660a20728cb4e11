#!/bin/sh
# chart_measure.sh - chart text measured with the real font (issue 18): the
# templates wrap chart titles and labels by rapport.text_width, the width
# the PDF draws them with, not an estimate. The afdelinger project with
# department names in wide capitals (wider per letter than any estimate
# allows) in its chart font (the kommune theme's Carlito): no two words of
# the placement chart's page overlap in the PDF (pdftotext -bbox), and no
# two panel titles run together; a component sees the real widths.
. tests/lib.sh

P=$TMP/p; O=$TMP/o
cp -r content/afdelinger "$P"
python3 - "$P" <<'PY'
import os, sys
rep = {"Plan og Udvikling": "WWMMWMM OG MWWMWMMW",
       "Job og Arbejdsmarked": "MWMWMM OG WMMWWMMWM",
       "Børn, Unge og Familie": "MØWMM, WMMW OG MWMW",
       "Sundhed og Omsorg": "WMMWMMW OG MMWMWM",
       "Teknik og Miljø": "WMMWM OG MWMMWØ"}
for d, _, fs in os.walk(sys.argv[1]):
    for f in fs:
        p = os.path.join(d, f)
        raw = open(p, "rb").read()
        for enc in ("utf-8", "cp1252"):  # the Excel export is Windows-1252
            try:
                t = raw.decode(enc); break
            except UnicodeDecodeError:
                pass
        n = t
        for a, b in rep.items():
            n = n.replace(a, b)
        if n != t:
            open(p, "wb").write(n.encode(enc))
PY
check_status "build with wide department names" 0 "$RAPPORT" build "$P" --out "$O"
page=$(for i in $(seq 1 30); do
  pdftotext -f "$i" -l "$i" "$O/slut.pdf" - 2>/dev/null |
    grep -qx "Figur 1\. Afdelingernes profiler i hver runde" && { echo "$i"; break; }
done)
if [ -z "$page" ]; then fail "the placement chart is in the PDF"; exit 0; fi
collisions=$(pdf_overlaps "$O/slut.pdf" "$page")
check_eq "no two words of the chart's page overlap (PDF page $page)" "$collisions" 0
pdftotext -f "$page" -l "$page" "$O/slut.pdf" - | tr '\n' ' ' >"$TMP/chart.txt"
for joined in MWWMWMMWMWMWMM WMMWWMMWMMØWMM MWMWWMMWMMWM; do
  check_not_contains "panel titles do not run together ($joined)" "$TMP/chart.txt" "$joined"
done
# the measure itself, as a component sees it: the real advance of the chart
# font (Carlito: "M" is wider than "i" five times over), bold wider
mkdir -p "$P/components"
cat >"$P/components/maal.lua" <<'LUA'
return function(args)
  local D = require("tegning")
  local m, i = D.text_width("MMMMMMMMMM", 10), D.text_width("iiiiiiiiii", 10)
  local mb = D.text_width("MMMMMMMMMM", 10, true)
  return { type = "paragraph", content = string.format("bredder %.1f %.1f %.1f", m, i, mb) }
end
LUA
printf '# Mål\n\n```{maal}\n```\n' >"$P/kapitler/maal.md"
sed -i 's|chapters = {|chapters = { "kapitler/maal.md",|' "$P/rapport.lua"
check_status "a component measuring text" 0 "$RAPPORT" build "$P" --out "$TMP/o2"
pdftotext "$TMP/o2/slut.pdf" - | grep -o "bredder [0-9. ]*" | head -1 >"$TMP/w"
check "M is wider than the estimate (5.6 pt at 10 pt), i narrower, bold wider still" \
  awk '{ exit !($2 > 60 && $2 < 100 && $3 < 30 && $4 > $2) }' "$TMP/w"
