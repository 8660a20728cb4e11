#!/bin/sh
# Sets the prose of the example's first chapters with rapport and with
# pandoc + xelatex at the same page size, margins, font and size, and counts
# overfull and hyphenated lines in each (issue 4). Not part of `make test`
# (it needs a TeX installation); run: sh tests/compare/pandoc_xelatex.sh
set -e
cd "$(dirname "$0")/../.."
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/proj/kapitler"
n=0
for f in 01-indledning 02-metode 03-idealtyper 04-baseline; do
  # directives and inline values are rapport's own: leave them out
  awk '/^```\{/ { skip = 1; next } skip && /^```/ { skip = 0; next } !skip' \
    "content/eksempel/kapitler/$f.md" |
    sed -e 's/{{[^}]*}}/3/g' -e 's/@[Tt]bl:[a-z0-9_-]*/tabel 1/g' \
        -e 's/@[Ff]ig:[a-z0-9_-]*/figur 1/g' -e 's/@sec:[a-z0-9_-]*/afsnittet/g' \
    >"$T/proj/kapitler/$f.md"
  n=$((n + 1))
done
cat >"$T/proj/rapport.lua" <<LUA
return {
  title = "Sammenligning", authors = { "Test" }, date = "2025-01-01",
  theme = "klassisk",
  chapters = { "kapitler/01-indledning.md", "kapitler/02-metode.md",
               "kapitler/03-idealtyper.md", "kapitler/04-baseline.md" },
  editions = { { name = "cmp", title = "Sammenligning" } },
}
LUA
bin/rapport build "$T/proj" --format pdf --out "$T/out" >/dev/null
cat "$T"/proj/kapitler/*.md >"$T/all.md"
pandoc "$T/all.md" -s -o "$T/x.tex" -V documentclass=article -V lang=da \
  -V mainfont="Liberation Serif" -V fontsize=11pt \
  -V geometry:a4paper -V geometry:left=78bp -V geometry:right=78bp \
  -V geometry:top=78bp -V geometry:bottom=84bp
(cd "$T" && xelatex -interaction=nonstopmode x.tex >/dev/null 2>&1 || true)
hy() { pdftotext -layout "$1" - 2>/dev/null | grep -c '[[:alpha:]]-$' || true; }
lines() { pdftotext -layout "$1" - 2>/dev/null | grep -c '[[:alpha:]]' || true; }
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
over_r=$(pdftotext -bbox "$T/out/cmp.pdf" - 2>/dev/null | grep '<word ' |
  sed 's/.*xMax="\([0-9.]*\)".*/\1/' | awk '$1 > 517.28 + 0.5' | wc -l)
over_x=$(grep -c 'Overfull \\hbox' "$T/x.log" || true)
printf '%-16s %6s %8s %10s %12s\n' "" pages "lines" "overfull" "hyphenated"
printf '%-16s %6s %8s %10s %12s\n' rapport "$(pages "$T/out/cmp.pdf")" \
  "$(lines "$T/out/cmp.pdf")" "$over_r" "$(hy "$T/out/cmp.pdf")"
printf '%-16s %6s %8s %10s %12s\n' "pandoc+xelatex" "$(pages "$T/x.pdf")" \
  "$(lines "$T/x.pdf")" "$over_x" "$(hy "$T/x.pdf")"
