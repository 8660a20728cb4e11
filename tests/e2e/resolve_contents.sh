# The PDF's "Indhold" and the HTML's contents list the same entries at the
# same levels, from one setting (issue 15: the resolve stage). Each contents
# is reduced to "level|number title" lines: the PDF's from pdftotext -layout
# (dot leaders and page numbers dropped, the indent giving the level), the
# HTML's from the <nav class="indhold"> (the nesting of <ol> giving the
# level); then the two must be equal line for line.
. tests/lib.sh

# pdf_contents PDF: the entries between the "Indhold" heading and the next
# generated list ("Tabeloversigt"/"Figuroversigt") or the end of the leaders
pdf_contents() {
  pdftotext -layout "$1" - 2>/dev/null | tr -d '\f' | awk '
    /^Indhold *$/ { on = 1; next }
    on && /^(Tabeloversigt|Figuroversigt) *$/ { exit }
    on && / \. \. / {
      line = $0
      match(line, /^ */); ind = RLENGTH
      sub(/^ +/, "", line)
      sub(/ *( \.)+ *[0-9]+ *$/, "", line)
      # level 2 is indented about 3 columns, level 3 about 6-7
      printf "%d|%s\n", 1 + int((ind + 1) / 3.5), line
    }'
}

# html_contents HTML: the links of the contents nav with their nesting
html_contents() {
  awk '/<nav class="indhold"/ { on = 1 } on { printf "%s", $0 } /<\/nav>/ { if (on) exit }' "$1" |
    awk '{
      n = split($0, part, "<")
      depth = 0; text = ""; inlink = 0
      for (i = 2; i <= n; i++) {
        tag = part[i]; rest = tag; sub(/^[^>]*>/, "", rest)
        if (tag ~ /^ol>/) depth++
        else if (tag ~ /^\/ol>/) depth--
        else if (tag ~ /^a /) { inlink = 1; text = rest }
        else if (tag ~ /^\/a>/) { if (inlink) printf "%d|%s\n", depth, text; inlink = 0 }
        else if (inlink) text = text rest
      }
    }' | sed 's/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#39;/'"'"'/g; s/\xc2\xa0/ /g'
}

# compare NAME PDF HTML: both contents equal and not empty
compare() {
  pdf_contents "$2" >"$TMP/$1.pdf.txt"
  html_contents "$3" >"$TMP/$1.html.txt"
  n=$(wc -l <"$TMP/$1.pdf.txt")
  if [ "$n" -gt 5 ]; then pass "$1: the PDF's Indhold has $n entries"; else
    fail "$1: the PDF's Indhold has $n entries"; fi
  if diff "$TMP/$1.pdf.txt" "$TMP/$1.html.txt" >"$TMP/$1.diff"; then
    pass "$1: PDF and HTML contents list the same entries at the same levels"
  else
    fail "$1: PDF and HTML contents differ (< PDF, > HTML)"
    sed 's/^/    /' "$TMP/$1.diff" | head -20
  fi
  # the literature list (unnumbered) and the appendix, as chapters
  for want in Litteratur Bilag; do
    for w in pdf html; do
      if grep -qE "^1\|([0-9]+ )?$want\$" "$TMP/$1.$w.txt"; then
        pass "$1: $w contents lists $want"
      else fail "$1: $w contents lacks $want"; fi
    done
  done
  # {-} headings stay out of both
  check_not_contains "$1: Forord {-} not in the PDF contents" "$TMP/$1.pdf.txt" "Forord"
  check_not_contains "$1: Læsevejledning {-} not in the HTML contents" "$TMP/$1.html.txt" "Læsevejledning"
}

# the example as it is: the theme's depth (2), no heading numbers
"$RAPPORT" build content/eksempel --out "$TMP/out" -j 1 >"$TMP/build.log" 2>&1 ||
  { fail "the example builds"; sed 's/^/    /' "$TMP/build.log"; exit 0; }
for e in midtvejs slut; do
  compare "$e" "$TMP/out/$e.pdf" "$TMP/out/$e.html"
  check_not_contains "$e: depth 2 leaves level 3 out" "$TMP/$e.pdf.txt" "3|"
done
# the date in its machine form for the HTML, its display form in both
check_contains "slut.html: <time> with the machine date" "$TMP/out/slut.html" \
  "$(printf '<time datetime="2026-06-30">30.\302\240juni\302\2402026</time>')"
pdftotext "$TMP/out/midtvejs.pdf" "$TMP/midtvejs.txt" 2>/dev/null
check_contains "midtvejs.pdf: the edition's date on the title page" "$TMP/midtvejs.txt" "30. juni 2025"

# one setting for both writers: a theme with numbered headings and depth 3
copy_example "$TMP/p"
mkdir -p "$TMP/p/themes"
cp -r themes/klassisk "$TMP/p/themes/nummereret"
sed -i 's/numbered = false/numbered = true/; s/toc = { depth = 2 }/toc = { depth = 3 }/' \
  "$TMP/p/themes/nummereret/theme.lua"
sed -i 's/theme = "klassisk"/theme = "nummereret"/' "$TMP/p/rapport.lua"
# a level-3 heading, so depth 3 has something to show
sed -i 's/^## Fire kilder {#sec:kilder}$/&\n\n### Observationer af møder {#sec:obs}\n\nVi var til stede ved møderne./' \
  "$TMP/p/kapitler/02-metode.md"
"$RAPPORT" build "$TMP/p" --edition slut --out "$TMP/out2" -j 1 >"$TMP/build2.log" 2>&1 ||
  { fail "the numbered example builds"; sed 's/^/    /' "$TMP/build2.log"; exit 0; }
compare numbered "$TMP/out2/slut.pdf" "$TMP/out2/slut.html"
check_contains "numbered: depth 3 from the theme in the PDF" "$TMP/numbered.pdf.txt" "3|3.1.1 Observationer af møder"
check_contains "numbered: depth 3 from the theme in the HTML" "$TMP/numbered.html.txt" "3|3.1.1 Observationer af møder"
check_contains "numbered: sections numbered in the contents" "$TMP/numbered.pdf.txt" "2|3.1 Fire kilder"
check_contains "numbered: the literature list stays unnumbered" "$TMP/numbered.html.txt" "1|Litteratur"

# a theme that does not set toc.depth: both writers use the one default (2)
cp -r themes/klassisk "$TMP/p/themes/udendybde"
sed -i '/toc = { depth = /d' "$TMP/p/themes/udendybde/theme.lua"
sed -i 's/theme = "nummereret"/theme = "udendybde"/' "$TMP/p/rapport.lua"
"$RAPPORT" build "$TMP/p" --edition slut --out "$TMP/out3" -j 1 >"$TMP/build3.log" 2>&1 ||
  { fail "the example without toc.depth builds"; sed 's/^/    /' "$TMP/build3.log"; exit 0; }
compare default "$TMP/out3/slut.pdf" "$TMP/out3/slut.html"
check_not_contains "default: the HTML contents stops at level 2" "$TMP/default.html.txt" "3|"
