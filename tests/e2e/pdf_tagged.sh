# Every PDF is a tagged PDF (issue 17): Tagged: yes for the example's
# internal and public editions, the structure tree in the order of the
# Markdown source, hyphenated words extracted whole, charts as Figures with
# the HTML's summary as /Alt, every piece of content tagged or an artifact.
. tests/lib.sh
PY=/usr/bin/python3
"$RAPPORT" build content/eksempel --out "$TMP/ex" >/dev/null 2>&1
"$RAPPORT" build content/eksempel --public --format pdf --out "$TMP/ex" \
  >/dev/null 2>&1
n=0
for pdf in "$TMP"/ex/*.pdf "$TMP"/ex/offentlig/*.pdf; do
  [ -f "$pdf" ] || continue
  n=$((n + 1))
  e=$(basename "$pdf" .pdf)
  tagged=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Tagged: *//p')
  check_eq "$e: pdfinfo says Tagged: yes" "$tagged" "yes"
  check "$e: qpdf --check" qpdf --check "$pdf"
  # the PDF/UA checker's checks of the structure and the content
  # (xmp: the metadata stream is h/pdfua's, tested there)
  $PY tests/pdfua/check.py "$pdf" >"$TMP/ua" 2>&1
  for c in marked struct-tree content-tagged content-not-both parent-tree \
      struct-types headings tables lists toc notes figures-alt links tabs \
      lang fonts; do
    line=$(grep -E "^(PASS|FAIL) $c(:|$)" "$TMP/ua")
    check_eq "$e: PDF/UA check $c" "${line%%:*}" "PASS $c"
  done
done
check "the example gives four PDFs (two editions, internal and public)" \
  [ "$n" -eq 4 ]

# reading order: the structure tree's text holds the headings, paragraphs,
# footnote, list items and table cells in the order of the Markdown source
"$RAPPORT" build tests/fixtures/tagged --format pdf --out "$TMP/fx" \
  >/dev/null 2>&1
pdfinfo -struct-text "$TMP/fx/prove.pdf" 2>/dev/null |
  sed -n 's/^ *"\(.*\)"$/\1/p' | tr '\n' ' ' | tr -s ' ' >"$TMP/struct.txt"
for md in tests/fixtures/tagged/kapitler/*.md; do
  sed -e 's/\[\^[0-9]*\]$//' -e 's/^\[\^[0-9]*\]: //' -e 's/^#* //' \
    -e 's/^- //' "$md" | grep -v '^|-' | tr '|' '\n' |
    sed -e 's/^ *//' -e 's/ *$//' | grep -v '^$'
done >"$TMP/expected.txt"
order=$(awk 'NR == FNR { text = text $0; next }
  { i = index(substr(text, pos + 1), $0)
    if (i == 0) { print "missing or out of order: " $0; exit }
    pos += i + length($0) - 1 }' "$TMP/struct.txt" "$TMP/expected.txt")
check_eq "struct-text follows the Markdown order ($(wc -l <"$TMP/expected.txt") pieces)" "$order" ""
for t in H1 H2 H3 Note Reference Table TH TD L LI Lbl LBody; do
  if pdfinfo -struct-text "$TMP/fx/prove.pdf" | grep -Eq "^ *$t( |:|$)"; then
    pass "the fixture's structure has $t"; else
    fail "the fixture's structure has no $t"; fi
done

# a footnote's links hold their text: the mark in the paragraph is a
# Reference holding a Link (the mark "1" and the annotation), and the number
# that leads back from the footnote is a Link inside the Note, not a bare
# annotation beside the text
pdfinfo -struct-text "$TMP/fx/prove.pdf" 2>/dev/null |
  awk '{ sub(/^ */, ""); print }' | tr '\n' '|' >"$TMP/flat.txt"
check "the footnote's mark is a Reference holding a Link with \"1\" and its annotation" \
  grep -Eq 'Reference \(inline\)\|Link \(inline\)\|"1"\|Object [0-9]+ 0\|' "$TMP/flat.txt"
check "the footnote's Note holds its back-link: a Link with \"1\" and its annotation, before the text" \
  grep -Eq 'Note <note-000001> \(inline\)\|P \(block\)\|Link \(inline\)\|"1"\|Object [0-9]+ 0\|"Fodnoten siger' "$TMP/flat.txt"

# a word hyphenated at a line end comes out of pdftotext whole: each
# /ActualText span's glyphs ("mel-") and those of the empty span after it
# ("lemstore") make the word it names, which pdftotext prints; and no line
# of pdftotext ends in the glyphs of a span's first part
S=$TMP/ex/slut.pdf
pdftotext "$S" "$TMP/text.txt" 2>/dev/null
$PY - "$S" "$TMP/text.txt" >"$TMP/hy" 2>&1 <<'EOF'
import sys
import pikepdf
pdf = pikepdf.open(sys.argv[1])
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
text = " ".join(lines)
spans = []  # [actual, glyphs, depth]
for page in pdf.pages:
    depth, cur = 0, None
    for operands, op in pikepdf.parse_content_stream(page):
        o = str(op)
        if o == "BDC":
            depth += 1
            props = operands[1]
            if isinstance(props, pikepdf.Dictionary) and "/ActualText" in props:
                cur = [str(props.ActualText), "", depth]
                spans.append(cur)
        elif o == "EMC":
            if cur is not None and cur[2] == depth:
                cur = None
            depth -= 1
        elif o in ("TJ", "Tj") and cur is not None:
            items = operands[0] if o == "TJ" else [operands[0]]
            cur[1] += "".join(bytes(i).decode("utf-16-be") for i in items
                              if isinstance(i, pikepdf.String))
words = bad = 0
for a, b in zip(spans, spans[1:]):
    if not a[0] or b[0]:
        continue
    words += 1
    whole = a[1][:-1] + b[1]
    word = whole.strip().rstrip(".,;:)")
    if a[0] != whole or not a[1].endswith("-"):
        print("span says %r for %r + %r" % (a[0], a[1], b[1]))
    elif word not in text:
        print("pdftotext lacks " + word)
    elif any(l.rstrip().endswith(a[1].strip()) for l in lines):
        print("pdftotext splits " + word)
print("words", words)
EOF
nw=$(sed -n 's/^words //p' "$TMP/hy")
check "slut.pdf has hyphenated words with /ActualText (${nw:-0})" \
  [ "${nw:-0}" -gt 0 ]
check_eq "pdftotext gives every hyphenated word whole" \
  "$(grep -v '^words' "$TMP/hy" | head -3)" ""

# charts: Figures whose /Alt is the summary the HTML edition gives the chart
$PY - "$S" "$TMP/ex/slut.html" >"$TMP/fig" 2>&1 <<'EOF'
import html, sys
import pikepdf
pdf = pikepdf.open(sys.argv[1])
page = html.unescape(open(sys.argv[2], encoding="utf-8").read())
alts = []
def walk(e, seen):
    if not isinstance(e, pikepdf.Dictionary) or e.objgen in seen:
        return
    if e.objgen != (0, 0):
        seen.add(e.objgen)
    if e.get("/S") == "/Figure":
        alts.append(str(e.get("/Alt", "")))
    k = e.get("/K")
    for x in (k if isinstance(k, pikepdf.Array) else [k]):
        walk(x, seen)
walk(pdf.Root.StructTreeRoot, set())
print("figures", len(alts))
for a in alts:
    print("in-html" if a and "<title" in page and
          ">" + a + "</title>" in page else "not-in-html " + a[:60])
EOF
nf=$(sed -n 's/^figures //p' "$TMP/fig")
check "slut.pdf has Figures ($nf)" [ "${nf:-0}" -gt 0 ]
check_eq "every Figure's /Alt is the chart's summary in the HTML" \
  "$(grep -v '^figures\|^in-html$' "$TMP/fig")" ""
