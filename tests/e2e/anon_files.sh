# What a public edition is as files (issue 16): it says what it is (title
# page, PDF keywords, HTML header and <meta>), in the project's language or
# the project's own word, and an internal edition does not; and the
# example's public editions are the same bytes build after build, with
# SOURCE_DATE_EPOCH set and unset. (The publishable folder and the images
# are in anon_adversarial.sh, read by its independent checker.)
. tests/lib.sh

FIX=tests/fixtures/anon/projekt

# label NAME PROJECT WORD: a public build of PROJECT shows WORD everywhere
label() {
  name=$1; P=$2; word=$3; O="$P-out"
  if ! "$RAPPORT" build "$P" --public --out "$O" >"$TMP/label.out" 2>&1; then
    fail "$name: the public build failed: $(head -3 "$TMP/label.out")"; return
  fi
  pdf="$O/offentlig/midtvejs-offentlig.pdf"; html="$O/offentlig/midtvejs-offentlig.html"
  pdftotext -l 1 "$pdf" "$TMP/p1.txt" 2>/dev/null
  check_contains "$name: the PDF's title page says '$word'" "$TMP/p1.txt" "$word"
  pdfinfo "$pdf" 2>/dev/null | grep '^Keywords:' >"$TMP/kw.txt"
  check_contains "$name: the PDF's keywords say '$word'" "$TMP/kw.txt" "$word"
  check_contains "$name: the HTML header says '$word'" "$html" \
    "<p class=\"udgave offentlig\">$word</p>"
  grep -o '<meta name="keywords" content="[^"]*">' "$html" >"$TMP/meta.txt"
  check_contains "$name: the HTML <meta> keywords say '$word'" "$TMP/meta.txt" "$word"
}

cp -r "$FIX" "$TMP/da"
label "da" "$TMP/da" "Offentlig udgave"
check_status "the internal edition builds" 0 "$RAPPORT" build "$TMP/da" --out "$TMP/da-int"
pdftotext "$TMP/da-int/midtvejs.pdf" "$TMP/int.txt" 2>/dev/null
pdfinfo "$TMP/da-int/midtvejs.pdf" >>"$TMP/int.txt" 2>/dev/null
cat "$TMP/da-int/midtvejs.html" >>"$TMP/int.txt"
check_not_contains "the internal edition does not say it is public" "$TMP/int.txt" "Offentlig udgave"

cp -r "$FIX" "$TMP/en"
sed -i 's/^return {/return {\n  lang = "en",/' "$TMP/en/rapport.lua"
label "en" "$TMP/en" "Public edition"

cp -r "$FIX" "$TMP/eget"
sed -i 's/^return {/return {\n  words = { public_edition = "Anonymiseret udgave" },/' "$TMP/eget/rapport.lua"
label "words.public_edition" "$TMP/eget" "Anonymiseret udgave"

# ---- the example's public editions, byte for byte ----
for sde in 1717243200 unset; do
  for run in a b; do
    if [ "$sde" = unset ]; then
      env -u SOURCE_DATE_EPOCH "$RAPPORT" build content/eksempel --public -j 1 \
        --out "$TMP/ex-$sde-$run" >"$TMP/ex.out" 2>&1
    else
      SOURCE_DATE_EPOCH=$sde "$RAPPORT" build content/eksempel --public -j 1 \
        --out "$TMP/ex-$sde-$run" >"$TMP/ex.out" 2>&1
    fi || fail "SOURCE_DATE_EPOCH $sde: build $run failed: $(head -3 "$TMP/ex.out")"
  done
  for f in midtvejs-offentlig.pdf midtvejs-offentlig.html slut-offentlig.pdf \
           slut-offentlig.html; do
    a="$TMP/ex-$sde-a/offentlig/$f"; b="$TMP/ex-$sde-b/offentlig/$f"
    if [ -s "$a" ] && cmp -s "$a" "$b"; then
      pass "SOURCE_DATE_EPOCH $sde: $f is the same bytes in two builds"
    else fail "SOURCE_DATE_EPOCH $sde: $f differs between two builds (or is missing)"; fi
  done
done
