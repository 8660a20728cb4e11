# Public editions are laid out with the pseudonyms (issue 16, "Layout
# computed on real names"): the templates read mapped data, configuration
# and chapter literals, so Figure 3's labels of content/eksempel and
# content/afdelinger are whole in the public HTML (SVG text, and drawn
# inside the chart in chromium) and PDF (pdftotext -bbox). Then each line
# of defence catches what the one before misses: the mapped data (1), the
# check of the finished tree (2), the scan of the written files (3).
. tests/lib.sh
. tests/fixtures/anon/leak.sh
FIX=tests/fixtures/anon/layout
export LC_ALL=C.UTF-8

# lua_field FILE FIELD: rapport.lua's FIELD, a string or a list, a line each
lua_field() {
  lua5.4 - "$1" "$2" <<'LUA'
local cfg = dofile(arg[1])
local v = cfg[arg[2]]
if type(v) == "table" then for _, s in ipairs(v) do print(s) end
elseif v then print(v) end
LUA
}
# pseudonyms MAPPING: each name read on stdin as the mapping file maps it
pseudonyms() {
  /usr/bin/python3 -c '
import csv, sys
m = {r["navn"]: r["pseudonym"]
     for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"), delimiter=";")}
for line in sys.stdin.read().splitlines():
    print(m.get(line, line))' "$1"
}
# figure3 HTML: the SVG of the chart boxes labelled "Figur 3"
figure3() {
  sed -n '/aria-label="Figur 3"/,/<\/svg>/p' "$1"
}

browser=yes
if [ ! -x /usr/bin/chromium ] || [ ! -d node_modules/playwright-core ]; then
  fail "anon_layout: chromium or node_modules/playwright-core is missing (make test installs them)"
  browser=no
fi

for proj in eksempel afdelinger; do
  P=content/$proj
  O="$TMP/$proj"
  check_status "$proj: the public editions build" 0 "$RAPPORT" build "$P" --public --out "$O" -j 1
  map="$P/$(lua_field "$P/rapport.lua" mapping)"
  { lua_field "$P/rapport.lua" units; lua_field "$P/rapport.lua" partnerships; } |
    pseudonyms "$map" >"$TMP/labels"
  n=$(wc -l <"$TMP/labels")
  [ "$n" -gt 0 ] || fail "$proj: no units or partnerships in rapport.lua"
  for html in "$O"/*-offentlig.html; do
    [ -f "$html" ] || { fail "$proj: no public HTML"; continue; }
    e=$(basename "$html" .html)
    figure3 "$html" >"$TMP/fig3.svg"
    [ -s "$TMP/fig3.svg" ] || fail "$proj/$e: no Figure 3 in the HTML"
    while IFS= read -r label; do
      check_contains "$proj/$e: Figure 3's SVG has the label '$label' whole" \
        "$TMP/fig3.svg" ">$label</text>"
    done <"$TMP/labels"
    tr '\n' '\0' <"$TMP/labels" | xargs -0 /usr/bin/python3 "$FIX/labels.py" "$O/$e.pdf" >"$TMP/pdf.txt" 2>&1
    while IFS= read -r label; do
      if cut -f1,2 "$TMP/pdf.txt" | grep -qxF "$(printf 'WHOLE\t%s' "$label")"; then
        pass "$proj/$e: Figure 3's label '$label' is whole inside the text block of the PDF"
      else
        fail "$proj/$e: Figure 3's label '$label' in the PDF: $(grep -F "$label" "$TMP/pdf.txt" || head -1 "$TMP/pdf.txt")"
      fi
    done <"$TMP/labels"
    [ $browser = yes ] || continue
    node tests/browser/labels.mjs "$html" 1280,390 "Figur 3" >"$TMP/b.txt" 2>&1
    for w in 1280 390; do
      grep "^$w " "$TMP/b.txt" | cut -d' ' -f2- >"$TMP/bw.txt"
      if grep -q '^NONE' "$TMP/bw.txt" || ! grep -q '^IN ' "$TMP/bw.txt"; then
        fail "$proj/$e: no visible Figure 3 at $w px"; sed 's/^/    /' "$TMP/b.txt" | head -5
      elif grep -q '^OUT ' "$TMP/bw.txt"; then
        fail "$proj/$e: texts of Figure 3 drawn outside the chart at $w px (cut off):"
        grep '^OUT ' "$TMP/bw.txt" | sed 's/^/    /' | head -5
      else
        pass "$proj/$e: every text of Figure 3 is drawn inside the chart at $w px"
      fi
    done
  done
done
