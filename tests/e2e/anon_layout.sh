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
  sed -n '/data-navn="Figur 3"/,/<\/svg>/p' "$1"
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
  "$RAPPORT" build "$P" --public --out "$O.again" -q >/dev/null 2>&1
  for f in "$O"/offentlig/*-offentlig.*; do
    cmp -s "$f" "$O.again/offentlig/${f##*/}" && pass "$proj: ${f##*/} is byte-stable across builds" ||
      fail "$proj: ${f##*/} differs between two builds"
  done
  map="$P/$(lua_field "$P/rapport.lua" mapping)"
  { lua_field "$P/rapport.lua" units; lua_field "$P/rapport.lua" partnerships; } |
    pseudonyms "$map" >"$TMP/labels"
  n=$(wc -l <"$TMP/labels")
  [ "$n" -gt 0 ] || fail "$proj: no units or partnerships in rapport.lua"
  for html in "$O"/offentlig/*-offentlig.html; do
    [ -f "$html" ] || { fail "$proj: no public HTML"; continue; }
    e=$(basename "$html" .html)
    figure3 "$html" >"$TMP/fig3.svg"
    [ -s "$TMP/fig3.svg" ] || fail "$proj/$e: no Figure 3 in the HTML"
    while IFS= read -r label; do
      check_contains "$proj/$e: Figure 3's SVG has the label '$label' whole" \
        "$TMP/fig3.svg" ">$label</text>"
    done <"$TMP/labels"
    tr '\n' '\0' <"$TMP/labels" | xargs -0 /usr/bin/python3 "$FIX/labels.py" "$O/offentlig/$e.pdf" >"$TMP/pdf.txt" 2>&1
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

# ---- the three lines of defence, in a copy of the example ----
P="$TMP/lines"
O="$TMP/lines-out"
copy_example "$P"
printf 'Holstebro;Kommune Vest;sted\n' >>"$P/data/pseudonymer.csv"
cp "$FIX/steder.csv" "$P/data/steder.csv"
mkdir -p "$P/components"
cp "$FIX/components/"*.lua "$P/components/"
sed -i 's|^  data = {$|  data = {\n    steder = { file = "data/steder.csv", columns = {\n      { "sted", "text" }, { "tekst", "text" }, { "antal", "integer" } } },|' "$P/rapport.lua"
CH=kapitler/01-indledning.md
cat >>"$P/$CH" <<'MD'

PROSA1 Holstebros borgere

PROSA2 Holstebro-borgerne mødte HAVBJERG

PROSA3 Skovlunds og Ådals konsulenter i Holstebro Kommune

```{spejl}
```

SAMLET {{ "Skov" .. "lund" .. " har " .. utf8.len("Skov" .. "lund") .. " tegn" }}
MD
check_status "lines: the public edition builds" 0 "$RAPPORT" build "$P" --public --edition slut --out "$O" -j 1
H="$O/offentlig/slut-offentlig.html"
if [ -s "$H" ]; then
  # line 1: the templates read the mapped data, in every form prose has
  # (genitive, hyphenated compound, capitals, a name among other words):
  # the component's text, written backwards, is the prose's mapped text
  for i in 1 2 3; do
    prose=$(sed -n "s#.*<p>PROSA$i \\(.*\\)</p>.*#\\1#p" "$H")
    mirror=$(sed -n "s#.*<p>SPEJL$i \\([^|]*\\) |.*#\\1#p" "$H" |
      /usr/bin/python3 -c 'import sys; print(sys.stdin.read().rstrip("\n")[::-1])')
    if [ -n "$prose" ] && [ "$prose" = "$mirror" ]; then
      pass "line 1: data row $i reaches the templates mapped as prose is: '$prose'"
    else
      fail "line 1: data row $i: the templates read '$mirror', prose says '$prose'"
    fi
  done
  # numbers and column names do not change; the place the template reads
  # is the pseudonym (12 letters, Holstebro has 9)
  check_contains "line 1: a number cell is unchanged, the column names too" "$H" "| 12 | 7 | antal,sted,tekst</p>"
  check_contains "line 1: the second row's number" "$H" "| 12 | antal,sted,tekst</p>"
  # line 2: a name a template puts together from pieces no mapping knows
  # is seen whole only in the tree (8 letters long for the template) and
  # replaced there
  check_contains "line 2: a name made by the template is replaced in the tree" "$H" "SAMLET Partnerskab A har 8 tegn"
  check_not_contains "line 2: the made name is not in the HTML" "$H" "Skovlund"
  pdftotext "$O/offentlig/slut-offentlig.pdf" - 2>/dev/null | tr '\n' ' ' >"$TMP/lines.txt"
  check_contains "line 2: ... nor in the PDF" "$TMP/lines.txt" "SAMLET Partnerskab A har 8 tegn"
else
  fail "lines: no public HTML: $(head -3 "$TMP/out")"
fi
# the internal edition of the same project reads the real data
check_status "lines: the internal edition builds" 0 "$RAPPORT" build "$P" --edition slut --format html --out "$O" -j 1
mirror=$(sed -n "s#.*<p>SPEJL1 \\([^|]*\\) |.*#\\1#p" "$O/slut.html" |
  /usr/bin/python3 -c 'import sys; print(sys.stdin.read().rstrip("\n")[::-1])')
check_eq "lines: the internal edition's templates read the real names" "$mirror" "Holstebros borgere"
# line 2 also stops what it cannot rewrite: a made name inside a word
P2="$TMP/lines2"
cp -r "$P" "$P2"
printf '\nNORD {{ "Nordsk" .. "ovlund" }}\n' >>"$P2/$CH"
line=$(grep -n '^NORD ' "$P2/$CH" | cut -d: -f1)
check_status "line 2: a made name inside a word stops the build" 1 "$RAPPORT" build "$P2" --public --edition slut --out "$TMP/lines2-out" -j 1
check_contains "line 2: ... at its chapter and line" "$TMP/out" "$CH:$line"
check_contains "line 2: ... naming the form" "$TMP/out" "Nordskovlund"
[ ! -e "$TMP/lines2-out/offentlig/slut-offentlig.pdf" ] && [ ! -e "$TMP/lines2-out/offentlig/slut-offentlig.html" ] &&
  pass "line 2: ... and nothing is written" || fail "line 2: a public file was written"
# line 3: a label drawn as two texts that meet is one word only on the
# page: no text of the tree holds the name, the scan of the PDF finds it
P3="$TMP/lines3"
cp -r "$P" "$P3"
printf '\n```{delt}\nfirst = "Skov"\nsecond = "lund"\n```\n' >>"$P3/$CH"
check_status "line 3: a name made by the layout stops the build" 1 "$RAPPORT" build "$P3" --public --edition slut --out "$TMP/lines3-out" -j 1
check_contains "line 3: ... found in the written PDF" "$TMP/out" "slut-offentlig.pdf"
check_contains "line 3: ... naming the form" "$TMP/out" "Skovlund"
check_not_contains "line 3: ... which the tree check did not see" "$TMP/out" "$CH:"
[ ! -e "$TMP/lines3-out/offentlig/slut-offentlig.pdf" ] && [ ! -e "$TMP/lines3-out/offentlig/slut-offentlig.html" ] &&
  pass "line 3: ... and nothing is written" || fail "line 3: a public file was written"
