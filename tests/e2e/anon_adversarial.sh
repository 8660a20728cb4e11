# The adversarial corpus (issue 16): every way of getting a name or a
# piece of personal data into a public edition, one case a line in
# tests/fixtures/anon/adversarial.tsv, each ending pseudonymised, refused
# with the file and line, or (false alarms) kept as written. The outputs
# are read by tests/fixtures/anon/adversarial.py, which shares no code
# with rapport's matcher.
. tests/lib.sh

FIX=tests/fixtures/anon/adversarial
PY=tests/fixtures/anon/adversarial.py
W="$TMP/adv"
if ! command -v python3 >/dev/null || ! command -v pdftotext >/dev/null; then
  fail "python3 and pdftotext are needed to read the outputs"; exit 0
fi
python3 "$PY" plant tests/fixtures/anon/adversarial.tsv "$FIX" "$W"

for g in replaced refused kept; do
  "$RAPPORT" build "$W/$g" --public --out "$W/$g-out" >"$W/$g.out" 2>"$W/$g.err"
  echo $? >"$W/$g.status"
done
python3 "$PY" check-replaced "$W" "$W/replaced-out"
python3 "$PY" check-refused "$W" "$W/refused.err" "$W/refused-out" "$(cat "$W/refused.status")"
python3 "$PY" check-kept "$W" "$W/kept.err" "$W/kept-out" "$(cat "$W/kept.status")"
python3 "$PY" configs "$W" "$FIX" "$RAPPORT"
for f in pdf,html pdf html; do
  python3 "$PY" folder "$W" "$FIX" "$RAPPORT" "$f"
done

# a single format runs every check a build of both runs: the same cases
# in --format html and --format pdf (an SVG is only in the HTML, a JPEG's
# metadata went into both), and `rapport check --public` writes nothing
# but refuses the same
for f in html pdf; do
  for g in replaced refused; do
    "$RAPPORT" build "$W/$g" --public --format "$f" --out "$W/$g-$f" >"$W/$g-$f.out" 2>"$W/$g-$f.err"
    echo $? >"$W/$g-$f.status"
  done
  { python3 "$PY" check-replaced "$W" "$W/replaced-$f" "$f"
    python3 "$PY" check-refused "$W" "$W/refused-$f.err" "$W/refused-$f" "$(cat "$W/refused-$f.status")"
  } | sed -e "s/^PASS /PASS [--format $f] /" -e "s/^FAIL /FAIL [--format $f] /"
done
"$RAPPORT" check "$W/refused" --public >"$W/check.out" 2>"$W/check.err"
check_eq "rapport check --public refuses the refused cases" "$?" 1
check_contains "rapport check --public names an SVG's text" "$W/check.err" \
  "01-tekst.md:$(grep -n 'billeder/tspan.svg' "$W/refused/kapitler/01-tekst.md" | cut -d: -f1):1: fejl: billedet 'billeder/tspan.svg' har det rigtige navn 'Ida Mørch' i sin tekst"
check_contains "rapport check --public names an image file" "$W/check.err" \
  "fejl: billedfilen 'billeder/ida-moerch.png' har det rigtige navn 'Ida Mørch' i sit navn"
