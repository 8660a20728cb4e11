#!/bin/sh
# pdf_chart_contrast.sh - the charts of the PDF edition as a reader sees them
# on the white page: every series, bar and marker at least 3:1 against the
# page and every stacked part 3:1 against the part beside it (WCAG 1.4.11),
# read from the drawn PDF by tests/pdftext/chart_contrast.py. The PDF and the
# HTML's light mode share one palette (lua/lib/tegning.lua), which
# tests/browser/modes.mjs checks in the browser. Then the same palette with
# a planted fault (the old pale bar fill, two stacked parts alike) must fail.
. tests/lib.sh
PY=/usr/bin/python3
CHECK=tests/pdftext/chart_contrast.py

if ! $PY -c 'import pikepdf' 2>/dev/null; then
  fail "pdf_chart_contrast: python3-pikepdf is missing (packages.txt; run make)"
  exit 0
fi

# the example project's two editions and the hostile-Markdown fixture (a
# project's own chart colour)
check_status "pdf_chart_contrast: the example builds as PDF" 0 \
  "$RAPPORT" build content/eksempel --format pdf --out "$TMP/eks"
check_status "pdf_chart_contrast: tests/fixtures/html builds as PDF" 0 \
  "$RAPPORT" build tests/fixtures/html --format pdf --out "$TMP/fx"
for pdf in "$TMP/eks/midtvejs.pdf" "$TMP/eks/slut.pdf" "$TMP/fx/proeve.pdf"; do
  $PY $CHECK "$pdf" >"$TMP/check.log" 2>&1
  rc=$?
  n=$(sed -n 's/.*: \([0-9]*\) chart colours.*/\1/p' "$TMP/check.log")
  if [ "$rc" = 0 ]; then
    pass "pdf_chart_contrast: $(basename "$pdf"): ${n:-?} chart colours at least 3:1 on the page and beside each other"
  else
    fail "pdf_chart_contrast: $(basename "$pdf"): chart colours below 3:1 (exit $rc)"
    sed 's/^/    /' "$TMP/check.log" | head -15
  fi
done

# planted faults in the shared palette, through RAPPORT_HOME: the first bar
# fill pale as before (#c6d6e8, 1.46:1 on white), then the second bar fill
# close to the first (#3f6fa0 beside #5b8cc0: each 3:1 on white, not 3:1
# against each other)
plant() { # NAME SED: a copy of lua/, themes/, templates/ with SED applied to the palette
  mkdir -p "$TMP/$1"
  cp -r lua themes templates "$TMP/$1/"
  sed -i "$2" "$TMP/$1/lua/lib/tegning.lua"
  RAPPORT_HOME="$TMP/$1" "$RAPPORT" build content/eksempel --edition slut --format pdf \
    --out "$TMP/$1/out" >"$TMP/$1.build" 2>&1
  $PY $CHECK "$TMP/$1/out/slut.pdf" >"$TMP/$1.log" 2>&1
  echo $?
}
for fault in "bleg|s/D.BAR_FILLS = { \"#5b8cc0\"/D.BAR_FILLS = { \"#c6d6e8\"/|fill #c6d6e8 is 1.4[0-9]:1 on white" \
             "naboer|s/\"#15304f\", \"#c2794a\"/\"#3f6fa0\", \"#c2794a\"/|neighbouring parts #5b8cc0 | #3f6fa0 are 1.[0-9]*:1"; do
  name=${fault%%|*}; rest=${fault#*|}; expr=${rest%%|*}; want=${rest#*|}
  rc=$(plant "$name" "$expr")
  check_eq "pdf_chart_contrast: planted fault '$name' makes the check fail" "$rc" 1
  if grep -q -- "$want" "$TMP/$name.log"; then
    pass "pdf_chart_contrast: planted fault '$name' caught: $want"
  else
    fail "pdf_chart_contrast: planted fault '$name' not caught: $want"
    sed 's/^/    /' "$TMP/$name.build" "$TMP/$name.log" | head -15
  fi
done
