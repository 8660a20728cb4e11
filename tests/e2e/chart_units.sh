#!/bin/sh
# chart_units.sh - the placement chart for 2 to 12 units with long names
# (issue 18): the project from `rapport new`, its two units replaced by N
# departments with long names (several words, long compounds). For each N:
# the build gives no warning; the placement table's cells are whole (the
# units go in its rows beyond six); in the PDF every panel title is on the chart's
# page and no two words are drawn over each other; in the HTML, at 390 px
# and at 1280 px, every text of the chart lies inside its drawing (nothing
# cut off) and over no other, and the chart's box does not scroll sideways.
. tests/lib.sh

NAMES="Plan, Byg og Bæredygtig Byudvikling|Job og Arbejdsmarkedsafdelingen|Børn, Unge og Familie|Sundhed, Ældre og Omsorg|Teknik, Miljø og Forsyning|Kultur, Fritid og Borgerservice|Økonomi og Digitaliseringsstaben|Skole- og Dagtilbudsafdelingen|Socialpsykiatri og Handicapområdet|Erhverv, Turisme og Bosætning|Klima, Natur og Kystbeskyttelse|Rådhusets Fællessekretariat"

if [ -x /usr/bin/chromium ] && [ -d node_modules/playwright-core ]; then browser=yes
else browser=no
  fail "chromium or node_modules/playwright-core is missing (make test installs them)"
fi

for n in 2 5 8 12; do
  P=$TMP/p$n; O=$TMP/o$n
  "$RAPPORT" new "$P" >/dev/null 2>&1 || { fail "$n units: rapport new"; continue; }
  python3 - "$P" "$n" "$NAMES" <<'PY'
import random, sys
p, n, names = sys.argv[1], int(sys.argv[2]), sys.argv[3].split("|")[:int(sys.argv[2])]
random.seed(n)
cfg = open(p + "/rapport.lua", encoding="utf-8").read()
old = 'units = { "Enhed Nord", "Enhed Syd" },'
assert old in cfg
cfg = cfg.replace(old, "units = { " + ", ".join('"%s"' % u for u in names) + " },")
open(p + "/rapport.lua", "w", encoding="utf-8").write(cfg)
rows = ["enhed;runde;element;niveau;begrundelse"]
for u in names:
    for r in ("baseline", "midtvejs"):
        for e in ("Ledelse", "Samarbejde"):
            rows.append("%s;%s;%s;%s;Begrundelse." % (u, r, e, random.choice(["start", "vej", "maal"])))
open(p + "/data/vurderinger.csv", "w", encoding="utf-8").write("\n".join(rows) + "\n")
pseud = ["navn;pseudonym;type"] + ["%s;Afdeling %s;organisation" % (u, chr(65 + i)) for i, u in enumerate(names)]
open(p + "/data/pseudonymer.csv", "w", encoding="utf-8").write("\n".join(pseud) + "\n")
PY
  check_status "$n units: the build" 0 "$RAPPORT" build "$P" --out "$O"
  check_not_contains "$n units: no warning" "$TMP/out" "advarsel"

  # the placement table: every cell whole ("Undervejs →", not "Und ervej
  # s →"): units in the columns up to six, in the rows beyond
  pdftotext "$O/midtvejs.pdf" - | tr '\n' ' ' | tr -s ' ' >"$TMP/all.txt"
  cells=$(grep -oE "(Start|Undervejs|Mål) [↑↓→]" "$TMP/all.txt" | wc -l)
  check_eq "$n units: every cell of the placement table whole in the PDF" "$cells" $((2 * n))

  # the PDF: the chart's page (its caption), the titles, no overlaps
  page=""
  for i in $(seq 1 20); do
    if pdftotext -f "$i" -l "$i" "$O/midtvejs.pdf" - 2>/dev/null |
       grep -q "^Figur 1\. Enhedernes profiler"; then page=$i; break; fi
  done
  if [ -z "$page" ]; then fail "$n units: the chart's page in the PDF"; continue; fi
  pdftotext -f "$page" -l "$page" "$O/midtvejs.pdf" - | tr '\n' ' ' | tr -s ' ' >"$TMP/page.txt"
  missing=""
  k=0
  echo "$NAMES" | tr '|' '\n' | head -n "$n" >"$TMP/names"
  while IFS= read -r name; do
    # every word of the name is on the page (a title may wrap, a compound
    # may break at its hyphen)
    for w in $(echo "$name" | tr -d ','); do
      grep -qF -- "${w%%-*}" "$TMP/page.txt" || missing="$missing $w"
    done
  done <"$TMP/names"
  check_eq "$n units: every panel title's words on the chart's page (PDF page $page)" "$missing" ""
  collisions=$(pdf_overlaps "$O/midtvejs.pdf" "$page")
  check_eq "$n units: no two words drawn over each other on the chart's page" "$collisions" 0

  # the HTML at a phone's width and a desktop's
  [ $browser = yes ] || continue
  node tests/browser/labels.mjs "$O/midtvejs.html" 390,1280 "Figur 1" >"$TMP/labels.txt" 2>&1
  for w in 390 1280; do
    grep "^$w " "$TMP/labels.txt" | cut -d' ' -f2- >"$TMP/lw.txt"
    if grep -q '^NONE' "$TMP/lw.txt" || ! grep -q '^IN ' "$TMP/lw.txt"; then
      fail "$n units: the chart is shown at $w px"; sed 's/^/    /' "$TMP/labels.txt" | head -5
    elif grep -q '^OVERLAP ' "$TMP/lw.txt"; then
      fail "$n units: texts drawn over each other at $w px:"
      grep '^OVERLAP ' "$TMP/lw.txt" | sed 's/^/    /' | head -5
    elif grep -q '^OUT ' "$TMP/lw.txt"; then
      fail "$n units: texts drawn outside the chart at $w px (cut off):"
      grep '^OUT ' "$TMP/lw.txt" | sed 's/^/    /' | head -5
    else
      pass "$n units: every text of the chart inside it, none over another, at $w px ($(grep -c '^IN ' "$TMP/lw.txt") texts)"
    fi
  done
  node tests/browser/fits.mjs "$O/midtvejs.html" 390 >"$TMP/fits.txt" 2>&1
  check_eq "$n units: at 390 px no chart scrolls sideways" "$(grep -c '^SCROLLS' "$TMP/fits.txt")" 0
  check_contains "$n units: at 390 px the page is 390 px wide" "$TMP/fits.txt" "PAGE 390 390"
done
