# The Word edition (issue 19): every .docx of content/eksempel, internal
# and public, read by python-docx (Debian's python3-docx) against the HTML
# of the same build; its tables' column widths are our PDF's (pdftotext
# -bbox); the running head and page number are Word's header and footer;
# rapport.d rebuilds it; converted by LibreOffice headless without error, its
# words equal to the words of our PDF of the same edition; two builds give
# identical bytes; the public .docx passed the leak check. With
# RAPPORT_EVIDENCE=1 the two pages of a table broken across pages are
# kept as tests/evidence/docx-*.png.
. tests/lib.sh

PY=/usr/bin/python3 # Debian's Python, which has python3-docx
CHECK="$PWD/tests/e2e/docx_check.py"
EX=content/eksempel
A="$TMP/a"
B="$TMP/b"
TITLE=$(sed -n 's/^ *title *= *"\(.*\)",.*/\1/p' "$EX/rapport.lua" | head -1)

check_status "build pdf,html,docx" 0 "$RAPPORT" build "$EX" --format pdf,html,docx --out "$A" -q
check_status "public build pdf,html,docx" 0 "$RAPPORT" build "$EX" --public --format pdf,html,docx --out "$A" -q
check_status "a second build, docx only" 0 "$RAPPORT" build "$EX" --format docx --out "$B" -q
check_status "a second public build, docx only" 0 "$RAPPORT" build "$EX" --public --format docx --out "$B" -q
# public editions are written to offentlig/, the Word edition with them;
# the checks below read every edition from one folder
n=$(ls "$A"/offentlig/*-offentlig.docx 2>/dev/null | wc -l)
check_eq "each public .docx is in offentlig/ beside its PDF" "$n" \
  "$(ls "$A"/offentlig/*-offentlig.pdf | wc -l)"
for d in "$A" "$B"; do mv "$d"/offentlig/* "$d"/; done

# ---- the make rule (rapport.d) names the .docx and builds it again ----
D="$A/.rapport/slut.d"
check_contains "the edition's rule lists the .docx among its outputs" "$D" \
  "RAPPORT_OUTPUTS += $A/slut.html $A/slut.pdf $A/slut.docx"
check_contains "its recipe builds the .docx again" "$D" \
  "--format pdf,html,docx --out"
P="$TMP/proj"
copy_example "$P"
"$RAPPORT" build "$P" --edition slut --format pdf,html,docx --out "$TMP/m" -q
cat >"$TMP/Makefile" <<MK
BIN := $(dirname "$RAPPORT")
-include $TMP/m/rapport.d
all: \$(RAPPORT_OUTPUTS)
MK
sleep 1
touch "$P/kapitler/01-indledning.md"
make -s -C "$TMP" -f "$TMP/Makefile" all >"$TMP/make1.out" 2>&1
if [ "$TMP/m/slut.docx" -nt "$P/kapitler/01-indledning.md" ]; then
  pass "make builds the .docx again after a chapter changed"
else
  fail "make left the .docx older than the chapter: $(head -3 "$TMP/make1.out")"
fi
make -s -C "$TMP" -f "$TMP/Makefile" all >"$TMP/make2.out" 2>&1
if grep -q "rapport build" "$TMP/make2.out"; then
  fail "make builds again with nothing changed: $(head -3 "$TMP/make2.out")"
else pass "make then has nothing to do"; fi

# ---- the progress line times the Word edition under its own name ----
check_status "build pdf,docx" 0 "$RAPPORT" build "$EX" --edition slut \
  --format pdf,docx --out "$TMP/t"
if grep -Eq '^slut: pdf \([0-9]+ [a-z]+\) docx  \([0-9]+ ms: [a-z]+ [0-9]+, pdf [0-9]+, docx [0-9]+\)$' "$TMP/out"
then pass "the progress line has a docx stage beside the pdf stage"
else fail "no docx stage in the progress line: $(head -1 "$TMP/out")"; fi
n=0
for f in "$A"/*.docx; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  b=$(basename "$f")
  if cmp -s "$f" "$B/$b"; then pass "$b: two builds give identical bytes"
  else fail "$b: two builds differ"; fi
done
check_eq "a .docx for each edition, internal and public" "$n" \
  "$(ls "$A"/*.pdf | wc -l)"
check_status "--format with an unknown format is wrong use" 2 \
  "$RAPPORT" build "$EX" --format pdf,odt --out "$TMP/x"
check_contains "the message names the formats" "$TMP/out" "pdf, html, docx"

# ---- python-docx: structure against the HTML of the same tree ----
for f in "$A"/*.docx; do
  e=$(basename "$f" .docx)
  ed=${e%-offentlig}
  date=$(sed -n "s/.*name *= *\"$ed\".*date *= *\"\([0-9-]*\)\".*/\1/p" \
    "$EX/rapport.lua" | head -1)
  [ -n "$date" ] || date=$(sed -n 's/^ *date *= *"\([0-9-]*\)".*/\1/p' \
    "$EX/rapport.lua" | head -1)
  "$PY" "$CHECK" structure "$f" "$A/$e.html" "$TITLE" "$date" 2>&1 |
    sed 's/^Traceback/FAIL python-docx could not read it: Traceback/'
done

# ---- the tables' columns are our PDF's; the running head ----
for f in "$A"/*.docx; do
  e=$(basename "$f" .docx)
  pdftotext -bbox "$A/$e.pdf" "$TMP/$e.bbox"
  "$PY" "$CHECK" widths "$TMP/$e.bbox" "$f"
  "$PY" "$CHECK" header "$f" "$TITLE"
done

# ---- LibreOffice: converts each .docx; the words are our PDF's ----
mkdir -p "$TMP/home" "$TMP/lo"
if HOME="$TMP/home" nice soffice --headless --convert-to pdf \
     --outdir "$TMP/lo" "$A"/*.docx >"$TMP/lo.log" 2>&1; then
  pass "LibreOffice ran"
else
  fail "LibreOffice failed: $(tail -3 "$TMP/lo.log")"
fi
for f in "$A"/*.docx; do
  e=$(basename "$f" .docx)
  if [ -s "$TMP/lo/$e.pdf" ] && pdfinfo "$TMP/lo/$e.pdf" >/dev/null 2>&1; then
    pass "$e.docx: LibreOffice converts it to PDF"
  else
    fail "$e.docx: LibreOffice wrote no PDF"; continue
  fi
  # without the PDF's appendix of the charts' data (the way to a chart's
  # numbers in a PDF; the .docx has none)
  pdftotext -raw "$A/$e.pdf" - | sed '/^\f*Data bag figurerne$/,$d' \
    >"$TMP/ours-$e.txt"
  pdftotext -raw "$TMP/lo/$e.pdf" "$TMP/word-$e.txt"
  "$PY" "$CHECK" words "$TMP/ours-$e.txt" "$TMP/word-$e.txt" "$f" "$TITLE"
done

# ---- a table broken across pages in Word's layout ----
W="$TMP/lo/midtvejs.pdf"
if [ -s "$W" ]; then
  pdftotext -raw "$W" "$TMP/pages.txt"
  page=$("$PY" "$CHECK" break "$TMP/pages.txt" "$A/midtvejs.docx" x x)
  if [ -n "$page" ]; then
    pass "a table breaks from page $page to $((page + 1)), its header repeated"
    pdftoppm -r 60 -png -f "$page" -l "$((page + 1))" "$W" "$TMP/side"
    for i in 0 1; do
      png=$(ls "$TMP"/side-*.png | sed -n "$((i + 1))p")
      if [ -s "$png" ]; then pass "page $((page + i)) rendered"
      else fail "page $((page + i)) not rendered"; fi
      if [ "${RAPPORT_EVIDENCE:-}" = 1 ]; then
        cp "$png" "tests/evidence/docx-midtvejs-side-$((page + i)).png"
      fi
    done
  else
    fail "no table breaks across pages with its header repeated"
  fi
fi

# ---- the public .docx passed the leak check: no real name is left ----
MAP="$EX/data/pseudonymer.csv"
for f in "$A"/*-offentlig.docx; do
  [ -f "$f" ] || continue
  "$PY" - "$f" "$MAP" <<'EOF'
import csv, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
text = ' '.join(re.sub(r'<[^>]+>', ' ', z.read(n).decode('utf-8', 'replace'))
                for n in z.namelist() if n.endswith(('.xml', '.rels', '.svg')))
rows = list(csv.reader(open(sys.argv[2], encoding='utf-8'), delimiter=';'))
real = [r[0] for r in rows[1:] if r and r[0].strip()]
left = [r for r in real if re.search(r'\b' + re.escape(r) + r'\b', text)]
name = sys.argv[1].split('/')[-1]
print(('FAIL ' if left or not real else 'PASS ') + name +
      f': none of the {len(real)} real names of the mapping in any part' +
      (f': {left}' if left else ''))
EOF
done
