#!/bin/sh
# title_images.sh - a logo and a cover image (issue 18): `logo` and `cover`
# in rapport.lua put them on the PDF's title page (and nowhere else) and in
# the HTML's title block, with their text alternatives (the logo's default:
# the organisation); they are checked as every image (missing, outside the
# project, broken), and a public edition scans their file names.
. tests/lib.sh

P=$TMP/p; O=$TMP/o
mkdir -p "$P/kapitler" "$P/billeder" "$P/data"
python3 - "$P/billeder/logo.png" <<'PY'
import struct, sys, zlib
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
w, h = 120, 40
rows = b''.join(b'\0' + bytes([30, 80, 160]) * w for y in range(h))
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' +
    chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) +
    chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))
PY
cat >"$P/rapport.lua" <<'LUA'
return { title = "Logo og forside", lang = "da", theme = "klassisk",
  date = "2026-01-01", organisation = "Institut for Prøver",
  chapters = { "kapitler/k.md" }, logo = "billeder/logo.png",
  editions = { { name = "r", title = "Rapport" } } }
LUA
printf '# Kapitel\n\nTekst.\n\n# Andet kapitel\n\nMere tekst.\n' >"$P/kapitler/k.md"
# a JPEG cover: a page of the project's own first build
"$RAPPORT" build "$P" --out "$TMP/first" >/dev/null 2>&1
pdftoppm -jpeg -r 40 -f 2 -l 2 -singlefile "$TMP/first/r.pdf" "$TMP/side"
cp "$TMP/side.jpg" "$P/billeder/forside.jpg"
sed -i 's|logo = "billeder/logo.png",|& cover = "billeder/forside.jpg", cover_alt = "En side af rapporten",|' "$P/rapport.lua"

check_status "build with logo and cover" 0 "$RAPPORT" build "$P" --out "$O"
check_not_contains "no warning" "$TMP/out" "advarsel"
pdfimages -list "$O/r.pdf" | awk 'NR > 2 { print $1, $4 "x" $5, $9 }' >"$TMP/img"
case "$(tr '\n' ';' <"$TMP/img")" in
  "1 120x40 image;1 "*x*" jpeg;") pass "the title page has the logo and the cover, no other page an image" ;;
  *) fail "the title page has the logo and the cover, no other page an image: $(tr '\n' ';' <"$TMP/img")" ;;
esac
pdftotext -f 1 -l 1 -bbox "$O/r.pdf" "$TMP/bbox.html"
# the logo (120 x 40 px at 96 dpi: 90 x 30 pt) lies above the organisation
org_y=$(grep -m1 '>Institut<' "$TMP/bbox.html" | sed 's/.*yMin="\([0-9.]*\)".*/\1/')
check "the organisation's name is below the logo" \
  awk -v y="$org_y" 'BEGIN { exit !(y > 30) }'
check_contains "HTML: the logo in the title block, the organisation as its text" \
  "$O/r.html" '<header class="titelblok">
<div class="logo"><img class="billede" alt="Institut for Prøver" width="120" height="40"'
check_contains "HTML: the cover with its text" "$O/r.html" \
  '<div class="forside"><img class="billede" alt="En side af rapporten"'
check_eq "HTML: each image once" "$(grep -o '<img' "$O/r.html" | wc -l)" 2

# mistakes
cp "$P/rapport.lua" "$TMP/rapport.lua"
sed -i 's|billeder/logo.png|billeder/logoo.png|' "$P/rapport.lua"
check_status "a missing logo is an error" 1 "$RAPPORT" build "$P" --out "$TMP/o2"
check_contains "it names the file and the key" "$TMP/out" \
  "rapport.lua: fejl: billedet 'billeder/logoo.png' (logo i rapport.lua) findes ikke"
cp "$TMP/rapport.lua" "$P/rapport.lua"
sed -i 's|billeder/logo.png|../logo.png|' "$P/rapport.lua"
cp "$P/billeder/logo.png" "$TMP/logo.png"
check_status "a logo outside the project is refused" 1 "$RAPPORT" build "$P" --out "$TMP/o3"
check_contains "it says where it lies" "$TMP/out" "../logo.png"
cp "$TMP/rapport.lua" "$P/rapport.lua"
printf 'not an image\n' >"$P/billeder/forside.jpg"
check_status "a broken cover is an error" 1 "$RAPPORT" build "$P" --out "$TMP/o4"
check_contains "it names the image" "$TMP/out" "forside.jpg"
cp "$TMP/side.jpg" "$P/billeder/forside.jpg"

# a public edition: a real name in the logo's file name is found
mv "$P/billeder/logo.png" "$P/billeder/Viborg-logo.png"
sed -i 's|billeder/logo.png|billeder/Viborg-logo.png|; s|^  editions|  mapping = "data/pseudonymer.csv", partnerships = { "Viborg" },\n  editions|' "$P/rapport.lua"
printf 'navn;pseudonym;type\nViborg;Partnerskab A;partnerskab\n' >"$P/data/pseudonymer.csv"
check_status "a real name in the logo's file name fails the public build" 1 \
  "$RAPPORT" build "$P" --public --out "$TMP/o5"
check_contains "the scan names the logo" "$TMP/out" "Viborg-logo.png"
check_status "the internal build is fine" 0 "$RAPPORT" build "$P" --out "$TMP/o6"
