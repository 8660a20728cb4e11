#!/bin/sh
# html_output.sh - the HTML page from the whole pipeline, read as text:
# hostile Markdown (tests/fixtures/html: raw HTML, javascript: links, markup
# in the configuration) comes out escaped or dropped, the page is
# self-contained, and the structure a screen reader relies on is there.
# (tests/e2e/html_browser.sh opens the same page in a browser.)
. tests/lib.sh
P="$TMP/proj"
O="$TMP/html-fixture"
cp -r tests/fixtures/html "$P"
check_status "the fixture builds" 0 "$RAPPORT" build "$P" --format html --out "$O"
H="$O/proeve.html"
if [ ! -s "$H" ]; then fail "no page written"; exit 0; fi

# escaping and the link policy
# one script, the writer's own, allowed by its hash and by nothing else
n=$(grep -o '<script' "$H" | wc -l)
check_eq "one script element, the writer's own" "$n" 1
own=$(sed -n '/^<script>/,/<\/script>/p' "$H" | sed -e '1s/^<script>//' -e '$s/<\/script>$//' |
  head -c -1 | openssl dgst -sha256 -binary | base64)
check_contains "the CSP allows that script by its hash only" "$H" "img-src data:; script-src 'sha256-$own'\">"
check_not_contains "no iframe from raw HTML" "$H" "<iframe"
check_not_contains "no javascript: link" "$H" "javascript:"
check_not_contains "no JAVASCRIPT: link" "$H" "JAVASCRIPT:"
check_not_contains "no data:text link" "$H" "data:text"
check_contains "dropped links keep their text" "$H" "Et farligt link, et andet,"
check_contains "text escaped" "$H" "Tegn: 1 &lt; 2 &amp; 3 &gt; 2"
check_contains "title from the configuration escaped" "$H" "<h1>Prøve &lt;på&gt; \"HTML\" &amp; sikkerhed</h1>"
check_contains "author escaped" "$H" "Bo &lt;Bent&gt; Berg"
check_contains "quotes in a URL escaped" "$H" 'href="https://example.org/side?a=1&amp;b=&quot;2&quot;"'
check_contains "mailto link kept" "$H" '<a href="mailto:test@example.org">os</a>'
check_contains "autolink kept" "$H" '<a href="https://example.org/auto">'

# self-contained: nothing to fetch, nothing to run
check_contains "CSP forbids every request" "$H" "default-src 'none'"
check_not_contains "no external stylesheet" "$H" '<link rel="stylesheet"'
check_not_contains "no external image" "$H" 'src="http'
if grep -o 'url([^)]*)' "$H" | grep -qv 'url(data:'; then
  fail "CSS refers to another file"; else pass "CSS refers to no other file"; fi
check_contains "theme CSS inlined" "$H" "/* tema: kommune */"

# structure
check_contains "lang from the configuration" "$H" '<html lang="da">'
check_contains "title element" "$H" "<title>Prøve &lt;på&gt; \"HTML\" &amp; sikkerhed – Prøveudgave</title>"
check_contains "meta description" "$H" '<meta name="description" content="Escaping, links og tilgængelighed">'
check_contains "skip link" "$H" '<a class="spring" href="#indhold">Gå til indhold</a>'
check_contains "fictional mark" "$H" "Fiktivt eksempel"
check_contains "contents links a heading" "$H" '<li><a href="#sec:tekst">Tekst og links</a>'
check_contains "heading with id and self link" "$H" '<h2 id="sec:tekst"><a class="anker" href="#sec:tekst">'
check_contains "table caption with number" "$H" '<span class="nr">Tabel 1.</span> Bred tabel med mange kolonner</caption>'
check_contains "header cells with scope" "$H" '<th scope="col" class="h">Kontaktet</th>'
check_contains "row header" "$H" '<th scope="row">Nordby</th>'
check_contains "wide table in a scroll box (the script names it while it scrolls)" "$H" '<div class="tabel" id="tbl:bred">'
check_contains "cross-reference is a link" "$H" '<a class="xref" href="#tbl:bred">tabel 1</a>'
check_contains "chart is inline SVG with a name" "$H" '<title id="diagram-titel">Søjlediagram: Nordby 12, Sydby 9</title>'
check_contains "figure caption with number" "$H" '<figcaption><span class="nr">Figur 1.</span> Antal pr. by</figcaption>'
check_contains "image embedded with its alt text" "$H" '<img class="billede" alt="Skitse af tre områder i Nordby" width="160" height="80" src="data:image/png;base64,iVBORw0KGgo'
check_not_contains "image file not referenced" "$H" "skitse.png"
check_contains "chart data behind a summary" "$H" '<details class="figurdata"><summary>Data bag figuren</summary>'
ref_target=$(grep -o '<sup class="fnref"><a id="[^"]*" href="#[^"]*"' "$H" | head -1 | sed 's/.*href="#\([^"]*\)"/\1/')
ref_id=$(grep -o '<sup class="fnref"><a id="[^"]*"' "$H" | head -1 | sed 's/.*id="\([^"]*\)"/\1/')
check_contains "footnote reference leads to its note" "$H" "<li id=\"$ref_target\" value=\"1\">"
check_contains "the note leads back to the reference" "$H" "<a class=\"tilbage\" href=\"#$ref_id\""
n=$(grep -c '<li id="fn' "$H")
check_eq "a note referenced twice is listed once" "$n" 2

# every id that a link points to exists, and every id is unique
grep -o 'href="#[^"]*"' "$H" | sed 's/href="#\(.*\)"/\1/' | sort -u >"$TMP/targets"
grep -o ' id="[^"]*"' "$H" | sed 's/ id="\(.*\)"/\1/' | sort >"$TMP/ids"
missing=$(sort -u "$TMP/ids" | comm -23 "$TMP/targets" -)
check_eq "every internal link has a target" "$missing" ""
dups=$(uniq -d "$TMP/ids")
check_eq "ids are unique" "$dups" ""

# a failed write leaves the previous page as it was
cp "$H" "$TMP/before.html"
printf '\n[x](' >>"$P/kapitler/01-tekst.md"
printf '\nSe @tbl:findes_ikke.\n' >>"$P/kapitler/01-tekst.md"
check_status "a broken chapter fails the build" 1 "$RAPPORT" build "$P" --format html --out "$O"
if cmp -s "$H" "$TMP/before.html"; then pass "the previous page is untouched"; else
  fail "the previous page changed after a failed build"; fi
