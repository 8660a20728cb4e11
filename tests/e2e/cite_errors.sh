# Citations through the whole program: an unknown key fails the build with
# the Markdown file, line and the nearest keys; unused entries warn; broken
# BibTeX and CSL-JSON files name their line; both formats build the same.
. tests/lib.sh

FIX=$PWD/tests/fixtures/cite

# project DIR BIBFILE: a one-chapter project citing from BIBFILE
project() {
  mkdir -p "$1/kapitler"
  cp "$2" "$1/"
  cat >"$1/rapport.lua" <<EOF
return {
  title = "Citater",
  date = "2025-06-30",
  chapters = { "kapitler/01-tekst.md" },
  bibliography = "$(basename "$2")",
}
EOF
  cat >"$1/kapitler/01-tekst.md" <<'EOF'
# Tekst

Partnerskaber er beskrevet før [@holm2015; @moller2012, s. 12], og
@ostbjerg2018 skelner mellem tre idealtyper [se -@ostbjerg2018idealtyper].
EOF
}

# an unknown key: exit 1, file and line, suggestions
project "$TMP/ukendt" "$FIX/litteratur.bib"
printf '\nTo nøgler er stavet forkert: [@holm2051] og @moler2012.\n' \
  >>"$TMP/ukendt/kapitler/01-tekst.md"
check_status "unknown key fails the build" 1 "$RAPPORT" build "$TMP/ukendt" --out "$TMP/ukendt/out"
check_contains "unknown key: file, line and column" "$TMP/out" "kapitler/01-tekst.md:6:31: fejl: ukendt litteraturnøgle @holm2051"
check_contains "unknown key: nearest key" "$TMP/out" "mente du 'holm2015'"
check_contains "second unknown key reported too" "$TMP/out" "@moler2012; mente du 'moller2012'"
check_contains "unknown key: where the keys are" "$TMP/out" "nøglerne står i"
check "unknown key: nothing written" test ! -e "$TMP/ukendt/out/rapport.pdf"
check_status "unknown key: check fails as well" 1 "$RAPPORT" check "$TMP/ukendt"

# unused entries are warnings naming the .bib line, not errors
project "$TMP/ok" "$FIX/litteratur.bib"
check_status "cited keys check" 0 "$RAPPORT" check "$TMP/ok"
check_contains "unused entry warns with its line" "$TMP/out" "litteratur.bib:35: advarsel: 'sorensen2017' citeres ikke"

# the same project with CSL-JSON gives the same PDF text
project "$TMP/json" "$FIX/litteratur.json"
check_status "bibtex project builds" 0 "$RAPPORT" build "$TMP/ok" --format pdf --out "$TMP/ok/out"
check_status "csl-json project builds" 0 "$RAPPORT" build "$TMP/json" --format pdf --out "$TMP/json/out"
pdftotext "$TMP/ok/out/rapport.pdf" "$TMP/ok.txt"
pdftotext "$TMP/json/out/rapport.pdf" "$TMP/json.txt"
check "csl-json and bibtex print the same" cmp "$TMP/ok.txt" "$TMP/json.txt"
check_contains "citation in the PDF" "$TMP/ok.txt" "(Holm & Bæk 2015; Møller 2012, s. 12)"
check_contains "in-text citation in the PDF" "$TMP/ok.txt" "Østbjerg (2018a)"
check_contains "suppressed author in the PDF" "$TMP/ok.txt" "(se 2018b)"
check_contains "literature heading in the PDF" "$TMP/ok.txt" "Litteratur"
check_contains "entry in the PDF" "$TMP/ok.txt" "Møller, Henrik (2012): Netværksstyring og offentlig værdi."

# a BibTeX syntax error names the file and line
project "$TMP/brudt" "$FIX/litteratur.bib"
printf '\n@book{brudt2020,\n  title = {Ingen slutparentes,\n  year = 2020\n' >>"$TMP/brudt/litteratur.bib"
check_status "broken BibTeX fails" 1 "$RAPPORT" check "$TMP/brudt"
# the fixture's lines, then a blank line and the entry opened on the second
# line after them, its brace never closed
n=$(wc -l <"$FIX/litteratur.bib")
check_contains "broken BibTeX: where the brace opened" "$TMP/out" \
  "litteratur.bib:$((n + 4)): advarsel: BibTeX: possible runaway string started at line $((n + 3))"
check_contains "broken BibTeX: file, line and what to do" "$TMP/out" \
  "litteratur.bib:$((n + 5)): fejl: fejl i BibTeX-filen: at end of input"

# a CSL-JSON syntax error names line and column
project "$TMP/jsonfejl" "$FIX/litteratur.json"
sed -i '7s/"family"/family/' "$TMP/jsonfejl/litteratur.json"
check_status "broken CSL-JSON fails" 1 "$RAPPORT" check "$TMP/jsonfejl"
check_contains "broken CSL-JSON: line" "$TMP/out" "litteratur.json:7:"

# a bibliography that does not exist
project "$TMP/mangler" "$FIX/litteratur.bib"
rm "$TMP/mangler/litteratur.bib"
check_status "missing bibliography fails" 1 "$RAPPORT" check "$TMP/mangler"
check_contains "missing bibliography is named" "$TMP/out" "litteratur.bib"

# the example's literature list is the fixture (one source of truth)
if [ -f content/eksempel/litteratur.bib ]; then
  check "example bibliography equals the fixture" cmp content/eksempel/litteratur.bib "$FIX/litteratur.bib"
fi

# a project's own style module, named by citation_style, adjusts words
project "$TMP/stil" "$FIX/litteratur.bib"
mkdir -p "$TMP/stil/lua"
cat >"$TMP/stil/lua/minstil.lua" <<'LUA'
local S = require("citestyle").new({ cite_and = "og" })
function S.heading() return "Kilder" end
return S
LUA
sed -i 's/bibliography = /citation_style = "minstil", bibliography = /' "$TMP/stil/rapport.lua"
check_status "a project style builds" 0 "$RAPPORT" build "$TMP/stil" --out "$TMP/stil/out"
pdftotext "$TMP/stil/out/rapport.pdf" "$TMP/stil.txt"
check_contains "project style: its word between authors" "$TMP/stil.txt" "(Holm og Bæk 2015; Møller 2012, s. 12)"
check_contains "project style: its heading" "$TMP/stil.txt" "Kilder"
# make rebuilds when the style changes: it is among the sources rapport.d names
check "project style: a dependency of the output" \
  grep -rqF --include='*.d' "lua/minstil.lua" "$TMP/stil/out"
