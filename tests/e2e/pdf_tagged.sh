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
# and on the example: every heading, paragraph, list item, table caption
# and cell and figure caption of each edition's HTML (made from the same
# document tree in the order of the Markdown source) is in the structure
# tree's text in the same order, and each footnote is read right after the
# block that refers to it (tests/pdfua/order.py)
for e in midtvejs slut; do
  pdfinfo -struct-text "$TMP/ex/$e.pdf" >"$TMP/$e.st" 2>/dev/null
  $PY tests/pdfua/order.py "$TMP/$e.st" "$TMP/ex/$e.html" >"$TMP/$e.order" 2>&1
  nb=$(sed -n 's/^blocks \([0-9]*\) of \([0-9]*\)$/\1 \2/p' "$TMP/$e.order")
  check "$e.pdf: the structure tree reads every block of the HTML in its order (${nb% *} of ${nb#* })" \
    [ -n "$nb" -a "${nb% *}" = "${nb#* }" -a "${nb#* }" -gt 500 ]
  nn=$(sed -n 's/^notes \([0-9]*\) of \([0-9]*\)$/\1 \2/p' "$TMP/$e.order")
  check "$e.pdf: each footnote is read right after its reference's block (${nn% *} of ${nn#* })" \
    [ -n "$nn" -a "${nn% *}" = "${nn#* }" -a "${nn#* }" -gt 0 ]
  grep -v '^blocks\|^notes' "$TMP/$e.order" | head -5
done
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

# header cells: a cell that names its row (the first of a body row) is a
# TH with /Scope /Row, a header row's cells TH with /Scope /Column: the
# same cells, as many, as the HTML's <th scope="row"> and <th scope="col">
$PY - "$S" >"$TMP/scope" 2>&1 <<'EOF'
import sys
import pikepdf
pdf = pikepdf.open(sys.argv[1])
n = {}
def walk(e, seen):
    if not isinstance(e, pikepdf.Dictionary) or e.objgen in seen:
        return
    if e.objgen != (0, 0):
        seen.add(e.objgen)
    if e.get("/S") in ("/TH", "/TD"):
        a = e.get("/A")
        sc = str(a.get("/Scope", "")) if isinstance(a, pikepdf.Dictionary) else ""
        k = str(e.S)[1:] + sc
        n[k] = n.get(k, 0) + 1
    k = e.get("/K")
    for x in (k if isinstance(k, pikepdf.Array) else [k]):
        walk(x, seen)
walk(pdf.Root.StructTreeRoot, set())
print("row %d col %d th-without-scope %d" % (n.get("TH/Row", 0), n.get("TH/Column", 0), n.get("TH", 0)))
EOF
hrow=$(grep -o '<th scope="row"' "$TMP/ex/slut.html" | wc -l)
hcol=$(grep -o '<th scope="col' "$TMP/ex/slut.html" | wc -l)
check_eq "slut.pdf: TH /Scope /Row and /Column for the HTML's $hrow row and $hcol column headers" \
  "$(cat "$TMP/scope")" "row $hrow col $hcol th-without-scope 0"

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

# the numbers behind each chart are reachable from it, as in the HTML
# (<details class="figurdata">): in the structure tree each Figure's Caption
# is followed by a Table with exactly the cells of the HTML's data table
# (printed in the appendix "Data bag figurerne"), and the Link on "Figur N."
# leads to the page of that table, the Link on its caption back to the
# figure's page
pdfinfo -struct-text "$S" >"$TMP/st.txt" 2>/dev/null
$PY - "$S" "$TMP/st.txt" "$TMP/ex/slut.html" >"$TMP/data" 2>&1 <<'EOF'
import html, re, sys
import pikepdf
pdf = pikepdf.open(sys.argv[1])
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
page = open(sys.argv[3], encoding="utf-8").read()
# the HTML's data tables, cell by cell
want = []
for d in re.findall(r'<details class="figurdata">(.*?)</details>', page, re.S):
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", d, re.S)
    want.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
# struct-text: the two siblings after each Figure, and the Table's cells
def indent(l):
    return len(l) - len(l.lstrip(" "))
got = []
for i, l in enumerate(lines):
    if l.strip() != "Figure:":
        continue
    ind, sib, cells, j = indent(l), [], None, i + 1
    while j < len(lines) and indent(lines[j]) > ind:
        j += 1
    while j < len(lines) and len(sib) < 2 and indent(lines[j]) == ind:
        sib.append(lines[j].strip().split(" ")[0].rstrip(":"))
        k, rows = j + 1, []
        while k < len(lines) and indent(lines[k]) > ind:
            t = lines[k].strip()
            if t.rstrip(":") in ("TH", "TD"):
                rows.append("")
            elif rows and t.startswith('"'):
                rows[-1] += t.strip('"')
            k += 1
        if sib[-1] == "Table":
            cells = [c.strip() for c in rows]
        j = k
    got.append((sib, cells))
print("figures %d %d" % (len(got), len(want)))
for n, ((sib, cells), w) in enumerate(zip(got, want)):
    if sib != ["Caption", "Table"]:
        print("figure %d is followed by %s, not Caption, Table" % (n + 1, sib))
    elif cells != w:
        print("figure %d: the Table's cells %s differ from the HTML's %s" % (n + 1, cells[:6], w[:6]))
# the links: the Figure's Caption -> the Table's page and back
pages = {p.obj.objgen: i + 1 for i, p in enumerate(pdf.pages)}
dests = {}
def names(node):
    a = node.get("/Names", [])
    for i in range(0, len(a), 2):
        dests[bytes(a[i])] = a[i + 1]
    for k in node.get("/Kids", []):
        names(k)
if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
    names(pdf.Root.Names.Dests)
def dest_page(annot):
    d = annot.get("/Dest")
    if d is None and "/A" in annot:
        d = annot.A.get("/D")
    if isinstance(d, pikepdf.String):
        d = dests.get(bytes(d))
    if isinstance(d, pikepdf.Dictionary):
        d = d.D
    return pages.get(d[0].objgen) if d is not None else None
def kids(e):
    k = e.get("/K")
    return [x for x in (k if isinstance(k, pikepdf.Array) else [k])
            if isinstance(x, pikepdf.Dictionary)]
def first_page(e):
    if "/Pg" in e:
        return pages.get(e.Pg.objgen)
    for x in kids(e):
        if "/S" in x and first_page(x) is not None:
            return first_page(x)
    return None
def link_target(cap):
    for x in kids(cap):
        if x.get("/S") == "/Link":
            for y in kids(x):
                if y.get("/Type") == "/OBJR":
                    return dest_page(y.Obj)
    return None
linked = 0
def walk(e):
    global linked
    ks = [x for x in kids(e) if "/S" in x]
    for i, x in enumerate(ks):
        if x.S == "/Figure" and i + 2 < len(ks) and ks[i + 2].S == "/Table":
            cap, tab = ks[i + 1], ks[i + 2]
            tcap = [y for y in kids(tab) if y.get("/S") == "/Caption"]
            fwd = link_target(cap)
            back = link_target(tcap[0]) if tcap else None
            if fwd is None or fwd != first_page(tab) or back != first_page(x):
                print("links: Figur -> page %s (the table is on %s), back -> page %s (the figure is on %s)"
                      % (fwd, first_page(tab), back, first_page(x)))
            else:
                linked += 1
        walk(x)
walk(pdf.Root.StructTreeRoot)
print("linked", linked)
EOF
nfig=$(sed -n 's/^figures \([0-9]*\) \([0-9]*\)$/\1/p' "$TMP/data")
nhtml=$(sed -n 's/^figures \([0-9]*\) \([0-9]*\)$/\2/p' "$TMP/data")
check "slut.pdf has Figures with data, as many as the HTML's data tables (${nfig:-0}, ${nhtml:-0})" \
  [ "${nfig:-0}" -gt 0 -a "${nfig:-0}" = "${nhtml:-x}" ]
check_eq "each Figure is followed in the structure tree by its Caption and a Table with the HTML's data cells" \
  "$(grep -v '^figures\|^linked\|^links' "$TMP/data" | head -3)" ""
check_eq "each Figure's caption links to its data table's page and the table's caption back" \
  "$(grep '^links' "$TMP/data" | head -3)" ""
check_eq "every figure is linked both ways" "$(sed -n 's/^linked //p' "$TMP/data")" "${nfig:-0}"
check "slut.pdf has the appendix heading Data bag figurerne as an H1" \
  sh -c "grep -A1 -E '^ *H1 ' '$TMP/st.txt' | grep -q '\"Data bag figurerne'"
