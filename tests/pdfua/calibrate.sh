#!/bin/sh
# tests/pdfua/calibrate.sh - calibrates the PDF/UA checker and keeps the
# evidence: a PDF/UA-1 file from Typst 0.14 (tests/pdfua/calibrate.typ, via
# the pinned npm package @myriaddreamin/typst-ts-node-compiler) must pass
# every check; the example's PDFs as rapport writes them are checked too
# (before tagging they fail the tagging checks).
# Writes tests/evidence/pdfua-typst.txt and tests/evidence/pdfua-untagged.txt
# (the latter named for the calibration run on untagged output; rerun after
# tagging, it shows the current state). Run from the repository root after
# `make bin/rapport` and `npm ci`.
cd "$(dirname "$0")/../.." || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ev=tests/evidence
node tests/pdfua/typst.js tests/pdfua/calibrate.typ "$tmp/typst.pdf" || exit 1
{
  echo "# /usr/bin/python3 tests/pdfua/check.py on tests/pdfua/calibrate.typ"
  echo "# compiled by $(pdfinfo "$tmp/typst.pdf" 2>/dev/null | sed -n 's/^Creator: *//p') with pdfStandard ua-1"
  /usr/bin/python3 tests/pdfua/check.py "$tmp/typst.pdf"
  echo "# exit status $?"
} >"$ev/pdfua-typst.txt"
./bin/rapport build content/eksempel --format pdf --out "$tmp/int" >/dev/null 2>&1 || exit 1
./bin/rapport build content/eksempel --format pdf --public --out "$tmp/pub" >/dev/null 2>&1 || exit 1
: >"$ev/pdfua-untagged.txt"
for f in "$tmp"/int/*.pdf "$tmp"/pub/*.pdf; do
  {
    echo "# /usr/bin/python3 tests/pdfua/check.py on content/eksempel: $(basename "$f")"
    echo "# pdfinfo: $(pdfinfo "$f" | grep '^Tagged:' | tr -s ' ')"
    /usr/bin/python3 tests/pdfua/check.py "$f"
    echo "# exit status $?"
  } >>"$ev/pdfua-untagged.txt"
done
echo "wrote $ev/pdfua-typst.txt and $ev/pdfua-untagged.txt"
