# Public editions (issue 6): no mapped name survives in any form in what
# is written (pdftotext text, qpdf --qdf raw bytes, HTML bytes); internal
# outputs do not depend on the mapping; a name planted in an unusual form
# is pseudonymised or fails the build with its place and no public file.
. tests/lib.sh

FIX=tests/fixtures/anon/projekt
P="$TMP/proj"
O="$TMP/pub"
PO="$O/offentlig"
cp -r "$FIX" "$P"

. tests/fixtures/anon/leak.sh

# ---- the public build of the fixture ----
check_status "public build succeeds" 0 "$RAPPORT" build "$P" --public --out "$O"
if [ ! -s "$PO/midtvejs-offentlig.pdf" ] || [ ! -s "$PO/midtvejs-offentlig.html" ]; then
  fail "the public outputs are missing: $(head -2 "$TMP/out")"
  exit 0
fi
pass "public PDF and HTML written"
MAP="$P/data/pseudonymer.csv"
public_checks "public PDF" "$PO/midtvejs-offentlig.pdf" "$MAP"
public_checks "public HTML" "$PO/midtvejs-offentlig.html" "$MAP"
pdftotext "$PO/midtvejs-offentlig.pdf" "$TMP/pub.txt" 2>/dev/null
tr '\n' ' ' <"$TMP/pub.txt" | tr -s ' ' >"$TMP/pub1.txt"
check_contains "pseudonym in the PDF text" "$TMP/pub1.txt" "Partnerskab A"
check_contains "genitive of the pseudonym" "$TMP/pub1.txt" "Partnerskab A's partnerskab"
check_contains "hyphenated compound keeps its tail" "$TMP/pub1.txt" "Partnerskab B-partnerskabet"
check_contains "multi-word name over a line break, genitive" "$TMP/pub1.txt" "Kommune A's konsulenter"
check_contains "name over emphasis and text" "$TMP/pub1.txt" "Kommune A stiller"
check_contains "person in a quote becomes the role" "$TMP/pub1.txt" "(konsulent)"
check_contains "the footnote is pseudonymised" "$TMP/pub1.txt" "Oplyst af leder, Jobcenter B"
check_contains "table cell in capitals" "$TMP/pub1.txt" "KOMMUNE A"
check_contains "chart labels are pseudonymised" "$PO/midtvejs-offentlig.html" ">Partnerskab C<"
check_not_contains "no link to the real web site" "$PO/midtvejs-offentlig.html" "viborg.dk"
check_contains "internal link follows the new id" "$PO/midtvejs-offentlig.html" 'href="#sec:partnerskab-a"'
check_contains "the anchor has the new id" "$PO/midtvejs-offentlig.html" 'id="sec:partnerskab-a"'
pdfinfo "$PO/midtvejs-offentlig.pdf" >"$TMP/info.txt" 2>/dev/null
check_contains "PDF title pseudonymised" "$TMP/info.txt" "Følgeforskning i Partnerskab A, Partnerskab B og Partnerskab C"
check_contains "PDF subject pseudonymised" "$TMP/info.txt" "Midtvejs for Kommune A"

# ---- internal outputs do not depend on the mapping ----
check_status "internal build with a mapping line" 0 "$RAPPORT" build "$P" --out "$TMP/int1"
cp -r "$P" "$TMP/proj.keep"
sed -i '/mapping *=/d' "$P/rapport.lua"
check_status "internal build without a mapping line" 0 "$RAPPORT" build "$P" --out "$TMP/int2"
rm -rf "$P" && mv "$TMP/proj.keep" "$P"
for f in midtvejs.pdf midtvejs.html; do
  if [ -s "$TMP/int1/$f" ] && cmp -s "$TMP/int1/$f" "$TMP/int2/$f"; then
    pass "internal $f is byte-identical with and without a mapping"
  else fail "internal $f differs with and without a mapping"; fi
done
check_contains "internal HTML keeps the real names" "$TMP/int1/midtvejs.html" "Viborg Kommune"

# ---- names planted in unusual forms: rewritten ----
# one copy with every plant, each asserted on its own
CH=kapitler/01-indledning.md
Q="$TMP/plantet"
cp -r "$FIX" "$Q"
printf '\nÅdals styregruppe mødes sjældent.\n' >>"$Q/$CH"                       # genitive
printf '\nJobcenter Randers-modellen og viborg-egnen.\n' >>"$Q/$CH"             # hyphenated
sed -i 's/^id = "fig:randers"/id = "fig:randers"\nlabel = "RANDERS KOMMUNE"/' "$Q/$CH" # chart label
sed -i 's/authors = { "Karen Holm" }/authors = { "Karen Holm", "Mette Olsen" }/' "$Q/rapport.lua" # author
sed -i 's/^\[\^moede\]: .*/[^moede]: Oplyst af Jens Hansen fra Viborgegnen./' "$Q/$CH"  # footnote
sed -i 's/name = "midtvejs", title = "Midtvejsrapport"/name = "viborg", title = "Rapport for Viborg"/' "$Q/rapport.lua" # file name
check_status "planted names: the public build succeeds" 0 "$RAPPORT" build "$Q" --public --out "$Q-out"
if ls -R "$Q-out" | grep -qi viborg; then fail "planted edition name: a file name holds the name: $(ls -R "$Q-out")"
else pass "planted edition name: no file name holds the name"; fi
QO="$Q-out/offentlig/partnerskab-a-offentlig"
if [ -s "$QO.pdf" ]; then
  public_checks "planted names: PDF" "$QO.pdf" "$MAP"
  public_checks "planted names: HTML" "$QO.html" "$MAP"
  pdftotext "$QO.pdf" - 2>/dev/null | tr '\n' ' ' | tr -s ' ' >"$TMP/q.txt"
  pdfinfo "$QO.pdf" >"$TMP/q.info" 2>/dev/null
  check_contains "planted genitive -> the pseudonym's genitive" "$TMP/q.txt" "Partnerskab C's styregruppe"
  check_contains "planted hyphenated -> pseudonym with the tail" "$TMP/q.txt" "Jobcenter B-modellen og Partnerskab A-egnen"
  check_contains "planted chart label -> pseudonym in capitals" "$TMP/q.txt" "PARTNERSKAB B KOMMUNE"
  check_contains "planted author -> the role" "$TMP/q.info" "Karen Holm, Leder"
  check_contains "planted footnote -> pseudonymised" "$TMP/q.txt" "Oplyst af konsulent fra Partnerskab A-egnen"
  check_contains "planted edition title -> pseudonymised" "$TMP/q.info" "Rapport for Partnerskab A"
else fail "planted names: $QO.pdf missing ($(ls -R "$Q-out"))"; fi

# ---- a planted form that cannot be rewritten: the build fails ----
R="$TMP/indeni"
cp -r "$FIX" "$R"
printf '\nMødet i Nordviborg var kort.\n' >>"$R/$CH"
check_status "a name inside a word fails the build" 1 "$RAPPORT" build "$R" --public --out "$R-out"
check_contains "the failure names the source file and line" "$TMP/out" "01-indledning.md:31:"
check_contains "the failure names the form" "$TMP/out" "Nordviborg"
if ls -A "$R-out/offentlig" 2>/dev/null | grep -q .; then
  fail "a public file was left behind"; else pass "no public file left behind"; fi

# ---- rapport names: words a human should check ----
printf '\nHolstebro Erhvervsråd var med til et møde.\n' >>"$R/$CH"
sed -i 's/Nordviborg/Nord-Viborg/' "$R/$CH"
check_status "rapport names runs" 0 "$RAPPORT" names "$R"
check_contains "an unmapped place is listed" "$TMP/out" "Holstebro"
check_not_contains "pseudonyms are not listed" "$TMP/out" "Partnerskab"
check_not_contains "mapped names are not listed" "$TMP/out" "Viborg"
printf 'Holstebro Erhvervsråd\n' >"$R/data/navne-ok.txt"
check_status "rapport names with an allow-list" 0 "$RAPPORT" names "$R"
check_not_contains "an allowed name is not listed" "$TMP/out" "Holstebro"

# ---- the last line of defence: a name that never was in the tree ----
# (a project theme's stylesheet) is found in the written HTML, the build
# fails with file, line and context, and no public file is left
S="$TMP/tema"
cp -r "$FIX" "$S"
mkdir -p "$S/themes" "$S-out"
cp -r themes/klassisk "$S/themes/"
printf '\n/* farver lånt fra Viborg Kommunes designguide */\n' >>"$S/themes/klassisk/theme.css"
check_status "a name only in the written HTML fails the build" 1 "$RAPPORT" build "$S" --public --out "$S-out"
check_contains "the scan names the output and line" "$TMP/out" "midtvejs-offentlig.html:"
check_contains "the scan shows the context" "$TMP/out" "[Viborg Kommunes] designguide"
if ls -A "$S-out/offentlig" 2>/dev/null | grep -q .; then
  fail "the scan left a public file behind: $(ls -A "$S-out/offentlig")"; else
  pass "the scan deleted the public files"; fi
