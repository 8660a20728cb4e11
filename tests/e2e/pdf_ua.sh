# Accessible and archivable PDF (issue 17). First the checker itself
# (tests/pdfua/check.py): a PDF/UA-1 file from Typst 0.14 passes every
# check, and each check fails on a broken variant of that file
# (tests/pdfua/plant.py). Then every PDF of content/eksempel (internal and
# public) and of the text-dense report bench/dense: pdfinfo says Tagged:
# yes, every check passes (one PASS/FAIL line per PDF and check, so the
# failing checks are named), XMP and document information agree and
# declare PDF/A-2a with an sRGB output intent, qpdf --check is clean; and a
# missing colour profile is an error that says which package to install.
. tests/lib.sh
PY=/usr/bin/python3
CHECKER=tests/pdfua/check.py

# ---- the checker --------------------------------------------------------
if ! node -e "require('@myriaddreamin/typst-ts-node-compiler')" 2>/dev/null; then
  fail "checker: the Typst compiler is missing (npm ci installs @myriaddreamin/typst-ts-node-compiler, pinned in package.json)"
elif ! node tests/pdfua/typst.js tests/pdfua/calibrate.typ "$TMP/typst.pdf" 2>"$TMP/typst.err"; then
  fail "checker: Typst could not compile tests/pdfua/calibrate.typ: $(head -3 "$TMP/typst.err")"
else
  check "checker: a Typst 0.14 PDF/UA-1 file passes every check" \
    $PY $CHECKER "$TMP/typst.pdf"
  $PY $CHECKER "$TMP/typst.pdf" | awk '{print $2}' | tr -d : >"$TMP/checks"
  if $PY tests/pdfua/plant.py "$TMP/typst.pdf" "$TMP/plant" 2>"$TMP/plant.err"; then
    pass "checker: every broken variant written"
  else
    fail "checker: broken variants missing: $(cat "$TMP/plant.err")"
  fi
  for f in "$TMP"/plant/*.pdf; do
    b=$(basename "$f" .pdf); name=${b%%--*}; what=${b#*--}
    $PY $CHECKER -q "$f" >"$TMP/one" 2>&1
    rc=$?
    if [ "$rc" = 1 ] && grep -q "^FAIL $name:" "$TMP/one"; then
      pass "checker: '$name' fails on $what"
    else
      fail "checker: '$name' does not fail on $what (exit $rc): $(head -3 "$TMP/one")"
    fi
  done
  while read -r name; do
    ls "$TMP"/plant/"$name"--*.pdf >/dev/null 2>&1 ||
      fail "checker: no broken variant makes '$name' fail"
  done <"$TMP/checks"
  out=$($PY tests/pdfua/agree.py "$TMP/typst.pdf")
  case $out in *pdfaid*) pass "agree.py: a file without PDF/A-2a is reported" ;;
    *) fail "agree.py does not report a file without PDF/A-2a: $out" ;; esac
fi

# ---- rapport's PDFs -----------------------------------------------------
check_status "build the example (internal)" 0 "$RAPPORT" build content/eksempel --format pdf --out "$TMP/ex"
check_status "build the example (public)" 0 "$RAPPORT" build content/eksempel --format pdf --public --out "$TMP/ex"
check_status "build the text-dense report" 0 "$RAPPORT" build bench/dense --format pdf --out "$TMP/dense"
pages=$(pdfinfo "$TMP/dense/rapport.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
if [ "${pages:-0}" -ge 50 ]; then pass "the text-dense report has 50 pages or more ($pages)"
else fail "the text-dense report has ${pages:-no} pages, not 50 or more"; fi

# every PDF: the internal editions, the public ones (in offentlig/) and
# the dense report; each must give one PASS or FAIL line per check
npdf=0
nchecks=$($PY -c 'import sys; sys.path.insert(0, "tests/pdfua"); import check; print(len(check.CHECKS))')
for pdf in "$TMP"/ex/*.pdf "$TMP"/ex/offentlig/*.pdf "$TMP/dense/rapport.pdf"; do
  [ -f "$pdf" ] || continue
  npdf=$((npdf + 1))
  n=$(basename "$pdf")
  tagged=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Tagged:/ {print $2}')
  check_eq "$n: pdfinfo says Tagged: yes" "$tagged" "yes"
  $PY $CHECKER "$pdf" >"$TMP/res" 2>&1
  grep -q '^PASS\|^FAIL' "$TMP/res" || fail "$n: the checker did not run: $(head -3 "$TMP/res")"
  sed -n "s/^PASS \(.*\)/PASS $n: PDF\/UA check \1/p; s/^FAIL \(.*\)/FAIL $n: PDF\/UA check \1/p" "$TMP/res"
  check_eq "$n: the checker ran all $(grep -c '^FAIL\|^PASS' "$TMP/res") of its checks" \
    "$(grep -c '^FAIL\|^PASS' "$TMP/res")" "$nchecks"
  check_eq "$n: XMP agrees with the document information, PDF/A-2a declared" \
    "$($PY tests/pdfua/agree.py "$pdf" 2>&1)" ""
  check "$n: qpdf --check is clean" qpdf --check "$pdf"
done
check_eq "five PDFs checked (two editions, internal and public, and the dense report)" "$npdf" 5
# the structure tree is written in a fixed order: a second build of the
# text-dense report and of the public final edition gives the same bytes
"$RAPPORT" build bench/dense --format pdf --out "$TMP/dense2" >/dev/null 2>&1
check "rapport.pdf: a second build gives identical bytes" cmp "$TMP/dense/rapport.pdf" "$TMP/dense2/rapport.pdf"
"$RAPPORT" build content/eksempel --edition slut --format pdf --public --out "$TMP/ex2" >/dev/null 2>&1
check "slut-offentlig.pdf: a second build gives identical bytes" \
  cmp "$TMP/ex/offentlig/slut-offentlig.pdf" "$TMP/ex2/offentlig/slut-offentlig.pdf"

# ---- the colour profile -------------------------------------------------
RAPPORT_SRGB_ICC=$TMP/ingen.icc check_status "a missing sRGB profile is an error (exit 1)" 1 \
  "$RAPPORT" build content/eksempel --edition midtvejs --format pdf --out "$TMP/noicc"
check_contains "the message names the profile and the package" "$TMP/out" \
  "sRGB-farveprofilen $TMP/ingen.icc findes ikke, og uden den kan PDF'en ikke erklære PDF/A; installér Debian-pakken icc-profiles-free (apt-get install icc-profiles-free)"
[ -e "$TMP/noicc/midtvejs.pdf" ] && fail "a PDF was written without the profile" ||
  pass "no PDF is written without the profile"
