# Images need alternative text (issue 17): ![](x.png) is an error in a
# public edition, whose files go on public websites, and a warning in an
# internal one; both name file:line:col and say to write
# ![beskrivelse](x.png). With alt text both build without a word.
. tests/lib.sh

P=$TMP/p; O=$TMP/o
mkdir -p "$P/data"
cat >"$P/rapport.lua" <<'LUA'
return { title = "T", lang = "da", theme = "klassisk", chapters = { "k.md" },
  mapping = "data/pseudonymer.csv",
  editions = { { name = "r", title = "R" } } }
LUA
printf 'navn;pseudonym;type\nSkovlund;Partnerskab A;partnerskab\n' >"$P/data/pseudonymer.csv"
cp tests/fixtures/pdf/billeder/kort.png "$P/kort.png"
printf '# Kapitel\n\nTekst.\n\n![](kort.png)\n\nMere tekst.\n' >"$P/k.md"

check_status "internal edition: an image without alt text still builds" 0 \
  "$RAPPORT" build "$P" --out "$O"
check_contains "internal: a warning at file:line:col" "$TMP/out" "k.md:5:1: advarsel:"
check_contains "internal: the warning says how to fix it" "$TMP/out" \
  "billedet 'kort.png' har ingen alternativ tekst til skærmlæsere; skriv en kort beskrivelse af det mellem de firkantede parenteser: ![beskrivelse](kort.png) (i en offentlig udgave er det en fejl)"
[ -s "$O/r.pdf" ] && pass "internal: the PDF is written" || fail "internal: no PDF"

check_status "public edition: an image without alt text is an error (exit 1)" 1 \
  "$RAPPORT" build "$P" --public --out "$O"
check_contains "public: an error at file:line:col" "$TMP/out" "k.md:5:1: fejl:"
check_contains "public: the error says how to fix it" "$TMP/out" \
  "skriv en kort beskrivelse af det mellem de firkantede parenteser: ![beskrivelse](kort.png) (en offentlig udgave skal være tilgængelig)"
[ -e "$O/r-offentlig.pdf" ] && fail "public: a PDF was written" || pass "public: no PDF is written"

printf '# Kapitel\n\nTekst.\n\n![  ](kort.png)\n' >"$P/k.md"
check_status "public: white space is no alt text either" 1 "$RAPPORT" build "$P" --public --out "$O"

printf '# Kapitel\n\nTekst.\n\n![Kort over de tre kommuner](kort.png)\n' >"$P/k.md"
check_status "public edition: an image with alt text builds" 0 \
  "$RAPPORT" build "$P" --public --out "$O"
check_not_contains "with alt text: no word about it" "$TMP/out" "alternativ tekst"
