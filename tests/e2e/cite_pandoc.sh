# The same citations through rapport and through pandoc --citeproc with a
# Danish author-year CSL style (tests/fixtures/cite/dansk-forfatter-aar.csl)
# must give the same author-year strings. pandoc's output is recorded in
# pandoc-citations.txt; when pandoc is installed it is run again here, from
# the BibTeX and from the CSL-JSON file, to show the recording is its own.
# Differences between the two programs: PANDOC-COMPARISON.md.
. tests/lib.sh

FIX=$PWD/tests/fixtures/cite

if command -v pandoc >/dev/null 2>&1; then
  for bibfile in litteratur.bib litteratur.json; do
    (cd "$FIX" && pandoc pandoc-citations.md --citeproc \
      --bibliography="$bibfile" --csl=dansk-forfatter-aar.csl \
      -t plain --wrap=none) | awk 'NF' | head -2 >"$TMP/pandoc.txt"
    check "pandoc --citeproc ($bibfile) prints the recorded citations" \
      cmp "$TMP/pandoc.txt" "$FIX/pandoc-citations.txt"
  done
else
  echo "note: pandoc is not installed; comparing with its recorded output"
fi

# rapport: the same paragraphs as a chapter (without pandoc's front matter)
P=$TMP/projekt
mkdir -p "$P/kapitler"
cp "$FIX/litteratur.bib" "$P/"
cat >"$P/rapport.lua" <<'EOF'
return {
  title = "Sammenligning med pandoc",
  date = "2025-06-30",
  chapters = { "kapitler/01.md" },
  bibliography = "litteratur.bib",
}
EOF
{ echo "# Citater"; sed '1,/^---$/d' "$FIX/pandoc-citations.md"; } >"$P/kapitler/01.md"
check "rapport builds the comparison project" \
  "$RAPPORT" build "$P" --format html --out "$P/out"

# the text of the chapter's paragraphs, one a line, from the HTML
sed -n '/<main/,/<\/main>/p' "$P/out/rapport.html" | tr '\n' ' ' |
  sed 's|</p>|\n|g' | grep '<p>' | sed 's/.*<p>//; s/<[^>]*>//g;
    s/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/  */ /g;
    s/^ //; s/ $//' >"$TMP/rapport.txt"
check "rapport prints the same author-year strings as pandoc" \
  diff "$FIX/pandoc-citations.txt" "$TMP/rapport.txt"

# every citation is a link to its entry, and every entry has the id
links=$(grep -o 'href="#ref-[^"]*"' "$P/out/rapport.html" | sort -u | sed 's/href="#//; s/"//')
missing=""
for id in $links; do
  grep -q "id=\"$id\"" "$P/out/rapport.html" || missing="$missing $id"
done
check_eq "every cited work has an entry to link to" "$missing" ""
check_eq "19 works are linked" "$(echo "$links" | wc -w)" "19"
