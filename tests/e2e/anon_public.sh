# Public editions (issue 6): no mapped name survives in any form in what
# is written (pdftotext text, qpdf --qdf raw bytes, HTML bytes); internal
# outputs do not depend on the mapping; a name planted in an unusual form
# is pseudonymised or fails the build with its place and no public file.
. tests/lib.sh
export LC_ALL=C.UTF-8

FIX=tests/fixtures/anon/projekt
P="$TMP/proj"
O="$TMP/pub"
cp -r "$FIX" "$P"

# the regular expression for a mapped name: any whitespace, hyphen or
# underscore between its words; as a prefix it also covers the genitive,
# hyphenated and closed compounds; grep -i covers capitals
name_re() { printf '%s' "$1" | sed 's/[][\.*^$]/\\&/g; s/ /[[:space:]_-]+/g'; }
# the ASCII spelling of ids and URLs: Ådal -> aadal
ascii() { printf '%s' "$1" | sed 's/æ/ae/g; s/Æ/Ae/g; s/ø/oe/g; s/Ø/Oe/g; s/å/aa/g; s/Å/Aa/g'; }
utf16hex() { printf '%s' "$1" | iconv -f UTF-8 -t UTF-16BE | od -An -tx1 -v | tr -d ' \n'; }
names() { tail -n +2 "$1" | cut -d';' -f1; }

# text normalised like a reader sees it: no-break spaces as spaces, soft
# hyphens gone, line-end hyphenation joined, one line
flatten() {
  sed 's/\xc2\xa0/ /g; s/\xc2\xad//g; s/\xe2\x80\x91/-/g' "$1" |
    sed -e ':a' -e 'N' -e '$!ba' -e 's/-\n\([[:lower:]]\)/\1/g; s/[\n\f]/ /g'
}

# leak_check LABEL FILE MAPPING: FILE holds no mapped name in any form
leak_check() {
  label=$1 file=$2 map=$3 found=""
  flatten "$file" >"$TMP/flat"
  while IFS= read -r n; do
    [ -n "$n" ] || continue
    for form in "$n" "$(ascii "$n")"; do
      if grep -a -i -q -E -- "$(name_re "$form")" "$TMP/flat"; then
        found="$found '$form' ($(grep -a -i -o -E -- ".{0,25}$(name_re "$form").{0,15}" "$TMP/flat" | head -1))"
      fi
    done
  done <<EOF
$(names "$map")
EOF
  if [ -z "$found" ]; then pass "$label: no mapped name"; else
    fail "$label: found$found"; fi
}

# pdf_raw_check LABEL PDF MAPPING: the decompressed PDF holds no name, as
# text or as UTF-16BE hex (content streams, outline and Info strings)
pdf_raw_check() {
  label=$1 pdf=$2 map=$3
  qpdf --qdf --object-streams=disable "$pdf" "$TMP/qdf.pdf" 2>/dev/null
  leak_check "$label (qpdf --qdf text)" "$TMP/qdf.pdf" "$map"
  tr -d ' \n<>' <"$TMP/qdf.pdf" >"$TMP/qdf.hex"
  found=""
  while IFS= read -r n; do
    [ -n "$n" ] || continue
    up=$(printf '%s' "$n" | tr '[:lower:]æøå' '[:upper:]ÆØÅ')
    for form in "$n" "$up"; do
      if grep -a -i -q -F -- "$(utf16hex "$form")" "$TMP/qdf.hex"; then
        found="$found '$form'"
      fi
    done
  done <<EOF
$(names "$map")
EOF
  if [ -z "$found" ]; then pass "$label (qpdf --qdf UTF-16 hex): no mapped name"; else
    fail "$label (qpdf --qdf UTF-16 hex): found$found"; fi
}

# the fixture must build at all (the stages it needs may still be stubs)
if ! "$RAPPORT" build "$P" --out "$TMP/probe" >"$TMP/probe.log" 2>&1; then
  fail "the anonymisation fixture does not build: $(head -1 "$TMP/probe.log")"
  exit 0
fi

# ---- the public build of the fixture ----
check_status "public build succeeds" 0 "$RAPPORT" build "$P" --public --out "$O"
for f in midtvejs-offentlig.pdf midtvejs-offentlig.html; do
  if [ -s "$O/$f" ]; then pass "output $f written"; else fail "output $f missing"; fi
done
if [ -s "$O/midtvejs-offentlig.pdf" ]; then
  pdftotext "$O/midtvejs-offentlig.pdf" "$TMP/pub.txt" 2>/dev/null
  leak_check "public PDF text (pdftotext)" "$TMP/pub.txt" "$P/data/pseudonymer.csv"
  pdf_raw_check "public PDF" "$O/midtvejs-offentlig.pdf" "$P/data/pseudonymer.csv"
  pdfinfo "$O/midtvejs-offentlig.pdf" >"$TMP/info.txt" 2>/dev/null
  leak_check "public PDF metadata (pdfinfo)" "$TMP/info.txt" "$P/data/pseudonymer.csv"
  check_contains "pseudonym in the PDF text" "$TMP/pub.txt" "Partnerskab A"
  check_contains "genitive of the pseudonym" "$TMP/pub.txt" "Partnerskab A's"
  check_contains "hyphenated compound keeps its tail" "$TMP/pub.txt" "Partnerskab B-partnerskabet"
  check_contains "multi-word name over a line break" "$TMP/pub.txt" "Kommune A's"
  check_contains "person in a quote becomes the role" "$TMP/pub.txt" "(konsulent)"
  check_contains "the footnote is pseudonymised" "$TMP/pub.txt" "Jobcenter B"
  check_contains "chart label is pseudonymised" "$TMP/pub.txt" "Partnerskab C"
fi
if [ -s "$O/midtvejs-offentlig.html" ]; then
  leak_check "public HTML bytes" "$O/midtvejs-offentlig.html" "$P/data/pseudonymer.csv"
  sed 's/<[^>]*>//g' "$O/midtvejs-offentlig.html" >"$TMP/bare.txt"
  leak_check "public HTML text without tags" "$TMP/bare.txt" "$P/data/pseudonymer.csv"
  check_not_contains "no link to the real web site" "$O/midtvejs-offentlig.html" "viborg.dk"
  check_contains "internal link follows the new id" "$O/midtvejs-offentlig.html" 'href="#sec:partnerskab-a"'
fi

# ---- internal outputs do not depend on the mapping ----
check_status "internal build with mapping" 0 "$RAPPORT" build "$P" --out "$TMP/int1"
sed '/mapping *=/d' "$P/rapport.lua" >"$TMP/rapport.lua.nomap"
mkdir -p "$TMP/nomap" && cp -r "$P/." "$TMP/nomap/" && cp "$TMP/rapport.lua.nomap" "$TMP/nomap/rapport.lua"
# the same folder name, so the outputs can be compared byte for byte
mv "$P" "$TMP/proj.keep" && mv "$TMP/nomap" "$P"
check_status "internal build without mapping" 0 "$RAPPORT" build "$P" --out "$TMP/int2"
mv "$P" "$TMP/nomap" && mv "$TMP/proj.keep" "$P"
for f in midtvejs.pdf midtvejs.html; do
  if [ -s "$TMP/int1/$f" ] && cmp -s "$TMP/int1/$f" "$TMP/int2/$f"; then
    pass "internal $f is byte-identical with and without a mapping"
  else fail "internal $f differs with and without a mapping"; fi
done
check_contains "internal HTML keeps the real names" "$TMP/int1/midtvejs.html" "Viborg"

# ---- names planted in unusual forms ----
# plant NAME: a fresh copy of the fixture in $TMP/NAME; then build it
plant_build() {
  "$RAPPORT" build "$TMP/$1" --public --out "$TMP/$1-out" >"$TMP/$1.log" 2>&1
  echo $? >"$TMP/$1.rc"
}
fresh() { rm -rf "$TMP/$1"; cp -r "$FIX" "$TMP/$1"; }
# either_or NAME FORM: pseudonymised (exit 0, no name anywhere) or failed
# with the place named and no public file left
either_or() {
  name=$1 form=$2 rc=$(cat "$TMP/$1.rc")
  if [ "$rc" = 0 ]; then
    pdftotext "$TMP/$name-out/midtvejs-offentlig.pdf" "$TMP/$name.txt" 2>/dev/null
    leak_check "planted $name: pseudonymised in the PDF" "$TMP/$name.txt" "$FIX/data/pseudonymer.csv"
    leak_check "planted $name: pseudonymised in the HTML" "$TMP/$name-out/midtvejs-offentlig.html" "$FIX/data/pseudonymer.csv"
    pdfinfo "$TMP/$name-out/midtvejs-offentlig.pdf" >"$TMP/$name.info" 2>/dev/null
    leak_check "planted $name: not in the PDF metadata" "$TMP/$name.info" "$FIX/data/pseudonymer.csv"
  elif [ "$rc" = 1 ]; then
    if grep -q -F -- "$form" "$TMP/$name.log"; then pass "planted $name: the failure names '$form'"
    else fail "planted $name: the failure does not name '$form'"; sed 's/^/    /' "$TMP/$name.log" | head -5; fi
    if ls "$TMP/$name-out" 2>/dev/null | grep -q offentlig; then
      fail "planted $name: a public file was left behind"; else
      pass "planted $name: no public file left behind"; fi
  else
    fail "planted $name: exit $rc"; sed 's/^/    /' "$TMP/$name.log" | head -5
  fi
}

CH=kapitler/01-indledning.md
fresh genitiv
printf '\nÅdals styregruppe mødes sjældent.\n' >>"$TMP/genitiv/$CH"
plant_build genitiv
check_eq "planted genitive: the build succeeds" "$(cat "$TMP/genitiv.rc")" 0
either_or genitiv "Ådals"
grep -q "Partnerskab C's styregruppe" "$TMP/genitiv.txt" 2>/dev/null &&
  pass "planted genitive: comes out as the pseudonym's genitive" ||
  fail "planted genitive: 'Partnerskab C's styregruppe' not in the PDF"

fresh bindestreg
printf '\nJobcenter Randers-modellen og viborg-egnen.\n' >>"$TMP/bindestreg/$CH"
plant_build bindestreg
either_or bindestreg "Randers"

fresh figur
sed -i 's/^id = "fig:randers"/id = "fig:randers"\nlabel = "RANDERS KOMMUNE"/' "$TMP/figur/$CH"
plant_build figur
either_or figur "RANDERS"

fresh forfatter
sed -i 's/authors = { "Karen Holm" }/authors = { "Karen Holm", "Mette Olsen" }/' "$TMP/forfatter/rapport.lua"
plant_build forfatter
check_eq "planted author: the build succeeds" "$(cat "$TMP/forfatter.rc")" 0
either_or forfatter "Mette Olsen"

fresh fodnote
sed -i 's/^\[\^moede\]: .*/[^moede]: Oplyst af Jens Hansen fra Viborgegnen./' "$TMP/fodnote/$CH"
plant_build fodnote
either_or fodnote "Viborgegnen"

# a form that cannot be rewritten fails at its source line
fresh indeni
printf '\nMødet i Nordviborg var kort.\n' >>"$TMP/indeni/$CH"
plant_build indeni
check_eq "name inside a word: exit 1" "$(cat "$TMP/indeni.rc")" 1
either_or indeni "Nordviborg"
check_contains "name inside a word: the source file is named" "$TMP/indeni.log" "01-indledning.md:"

# ---- rapport names: words a human should check ----
fresh navne
printf '\nHolstebro Erhvervsråd var med til et møde.\n' >>"$TMP/navne/$CH"
check_status "rapport names runs" 0 "$RAPPORT" names "$TMP/navne"
check_contains "an unmapped place is listed" "$TMP/out" "Holstebro"
check_not_contains "pseudonyms are not listed" "$TMP/out" "Partnerskab"
check_not_contains "mapped names are not listed" "$TMP/out" "Viborg"
