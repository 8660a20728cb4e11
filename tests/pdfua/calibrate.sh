#!/bin/sh
# tests/pdfua/calibrate.sh - calibrates the PDF/UA checker and keeps the
# evidence: a PDF/UA-1 file from Typst 0.14 (tests/pdfua/calibrate.typ, via
# the pinned npm package @myriaddreamin/typst-ts-node-compiler) must pass
# every check; the example's PDFs as rapport writes them are checked too
# (rapport's untagged output, the binary bench/no-tags.patch makes, fails
# the tagging checks; the tagged output passes them all).
# Writes tests/evidence/pdfua-typst.txt, and for the example's PDFs
# (internal and public) tests/evidence/pdfua-untagged.txt or
# pdfua-tagged.txt, after what pdfinfo says of them. Run from the
# repository root after `make bin/rapport` and `npm ci`; RAPPORT names
# another binary (for the untagged one, the untagged build of
# bench/tag_cost.sh).
cd "$(dirname "$0")/../.." || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ev=tests/evidence
R=${RAPPORT:-./bin/rapport}
node tests/pdfua/typst.js tests/pdfua/calibrate.typ "$tmp/typst.pdf" || exit 1
{
  echo "# /usr/bin/python3 tests/pdfua/check.py on tests/pdfua/calibrate.typ"
  echo "# compiled by $(pdfinfo "$tmp/typst.pdf" 2>/dev/null | sed -n 's/^Creator: *//p') with pdfStandard ua-1"
  /usr/bin/python3 tests/pdfua/check.py "$tmp/typst.pdf"
  echo "# exit status $?"
} >"$ev/pdfua-typst.txt"
"$R" build content/eksempel --format pdf --out "$tmp/ex" >/dev/null 2>&1 || exit 1
"$R" build content/eksempel --format pdf --public --out "$tmp/ex" >/dev/null 2>&1 || exit 1
first=$(ls "$tmp"/ex/*.pdf | head -1)
case $(pdfinfo "$first" 2>/dev/null | sed -n 's/^Tagged: *//p') in
  yes) out=$ev/pdfua-tagged.txt ;;
  *) out=$ev/pdfua-untagged.txt ;;
esac
: >"$out"
for f in "$tmp"/ex/*.pdf "$tmp"/ex/offentlig/*.pdf; do
  {
    echo "# /usr/bin/python3 tests/pdfua/check.py on content/eksempel: $(basename "$f")"
    echo "# pdfinfo: $(pdfinfo "$f" | grep '^Tagged:' | tr -s ' ')"
    /usr/bin/python3 tests/pdfua/check.py "$f"
    echo "# exit status $?"
  } >>"$out"
done
echo "wrote $ev/pdfua-typst.txt and $out"
