# Words in another language (issue 17): pandoc's bracketed span
# `[the text]{lang=en}` in a chapter becomes a Span with /Lang in the tagged
# PDF, <span lang="en"> in the HTML and runs with w:lang in Word; a tag that
# is no BCP 47 tag is an error naming the file and line.
. tests/lib.sh
PY=/usr/bin/python3
P=$TMP/sprog
cp -r tests/fixtures/tagged "$P"
cat >>"$P/kapitler/01-start.md" <<'EOF'

Projektet hedder på engelsk [*Skills for Growth* in the municipalities]{lang=en}, og tyskerne siger [Fachkräftemangel]{lang="de-CH"}; [dette]{.klasse} og \[dette\] er ikke spans.
EOF
check_status "a chapter with spans in English and German builds" 0 \
  "$RAPPORT" build "$P" --format pdf,html,docx --out "$TMP/out1"
PDF=$TMP/out1/prove.pdf

# the PDF: a Span with /Lang around exactly those words, in its paragraph
$PY - "$PDF" >"$TMP/spans" 2>&1 <<'EOF'
import sys
import pikepdf
pdf = pikepdf.open(sys.argv[1])
def walk(e, parent):
    if not isinstance(e, pikepdf.Dictionary) or "/S" not in e:
        return
    if "/Lang" in e:
        print(str(e.S)[1:], str(e.Lang), "in", str(parent.S)[1:] if parent is not None else "-")
    k = e.get("/K")
    for x in (k if isinstance(k, pikepdf.Array) else [k]):
        walk(x, e)
k = pdf.Root.StructTreeRoot.K
for x in (k if isinstance(k, pikepdf.Array) else [k]):
    walk(x, None)
EOF
check_eq "the structure tree has a Span with /Lang for each span, in its P" \
  "$(cat "$TMP/spans")" "Span en in P
Span de-CH in P"
pdfinfo -struct-text "$PDF" 2>/dev/null | awk '{ sub(/^ */, ""); print }' |
  tr '\n' '|' >"$TMP/flat"
check "pdfinfo -struct-text: the English Span holds the words, emphasis included" \
  grep -q '|Span (inline)|"Skills for Growth in the municipalities"|", og tyskerne siger "|Span (inline)|"Fachkräftemangel"|' "$TMP/flat"
check_contains "no brackets or attributes are left of a span" "$TMP/flat" \
  '"; [dette]{.klasse} og [dette] er ikke spans. "'
$PY tests/pdfua/check.py "$PDF" >"$TMP/ua" 2>&1
check_eq "the PDF/UA checker's lang check passes (every /Lang a BCP 47 tag)" \
  "$(grep -E '^(PASS|FAIL) lang' "$TMP/ua")" "PASS lang"
check_eq "the PDF/UA checker passes every check" "$(grep -c '^FAIL' "$TMP/ua")" "0"

# the HTML and the Word file
check_contains "HTML: <span lang=\"en\"> around the English words" "$TMP/out1/prove.html" \
  '<span lang="en"><em>Skills for Growth</em> in the municipalities</span>'
check_contains "HTML: <span lang=\"de-CH\">" "$TMP/out1/prove.html" \
  '<span lang="de-CH">Fachkräftemangel</span>'
unzip -p "$TMP/out1/prove.docx" word/document.xml >"$TMP/doc.xml"
check_contains "Word: the italic English run has w:lang after w:i (the schema's order)" \
  "$TMP/doc.xml" '<w:rPr><w:i/><w:lang w:val="en"/></w:rPr><w:t xml:space="preserve">Skills for Growth</w:t>'
check_contains "Word: the German run has w:lang de-CH" "$TMP/doc.xml" \
  '<w:rPr><w:lang w:val="de-CH"/></w:rPr><w:t xml:space="preserve">Fachkräftemangel</w:t>'
check_eq "Word: text outside the spans has no w:lang" \
  "$(grep -o '<w:lang [^>]*>' "$TMP/doc.xml" | sort | uniq -c | awk '{print $1}' | tr '\n' ' ')" "1 2 "

# a tag that is no BCP 47 tag
B=$TMP/forkert
cp -r tests/fixtures/tagged "$B"
printf '\nSe [the report]{lang=en_GB}.\n' >>"$B/kapitler/01-start.md"
check_status "a span with lang=en_GB is an error (exit 1)" 1 \
  "$RAPPORT" build "$B" --format pdf --out "$TMP/out2"
check_contains "the message names the file, line and column of the tag, and shows the form" "$TMP/out" \
  "kapitler/01-start.md:20:22: fejl: sprogmærket 'en_GB' er ikke et sprogmærke efter BCP 47; skriv fx [the text]{lang=en} eller {lang=de-CH}"
