#!/bin/sh
# messages_editions.sh - each diagnostic once, naming the editions it
# concerns (issue 18): a chapter's mistake is found again by every edition
# that has the chapter; the build says it once, with " (i udgaven slut)" or
# " (i udgaverne baseline, midtvejs)" when it is not all the editions that
# were built, and nothing when it is. The same text whether the editions
# are built one after another or in parallel; in English too.
. tests/lib.sh

P=$TMP/p
"$RAPPORT" new "$P" >/dev/null 2>&1 || { fail "rapport new"; exit 0; }
# three editions, and a rapport.lua key within one typing mistake of a known
sed -i 's|^    { name = "midtvejs", title = "Midtvejsrapport", rounds = { "baseline", "midtvejs" } },|    { name = "baseline", title = "Baseline", rounds = { "baseline" } },\n&\n    { name = "slut", title = "Slutrapport", rounds = { "baseline", "midtvejs", "slut" } },|; s|^  toc = true,|&\n  subtitel = "x",|' "$P/rapport.lua"
check_contains "(the test set up three editions)" "$P/rapport.lua" '{ name = "slut"'
mkdir -p "$P/components"
# warns in every edition, in the first two, and in the last only
cat >"$P/components/advar.lua" <<'LUA'
local K = require("komponent")
return function(args)
  K.check_args(args, "advar", { "fejl" })
  K.warn("en advarsel i alle udgaver")
  if #K.rounds() < 3 then K.warn("slutrunden er ikke med") end
  if K.edition_name() == "slut" then K.warn("kun i slutrapporten") end
  if args.fejl and K.edition_name() == args.fejl then K.fail("en fejl i " .. args.fejl) end
  return { type = "paragraph", content = "Tekst." }
end
LUA
cat >>"$P/kapitler/01-indledning.md" <<'MD'

```{advar}
kaption = "x"
```
MD
C=$P/kapitler/01-indledning.md
n=$(grep -c '' "$C")
arg=$((n - 1))

for j in 1 3; do
  check_status "-j $j: the build with warnings" 0 "$RAPPORT" build "$P" --out "$TMP/o$j" -j $j
  grep -v '^[a-z]*: \|bygget i' "$TMP/out" >"$TMP/msgs$j"
  check_eq "-j $j: a warning of every edition once, naming none" \
    "$(grep -c 'en advarsel i alle udgaver' "$TMP/msgs$j")" 1
  check "-j $j: ... as it stands, with no edition after it" grep -qxF \
    "$C:$((n - 2)): advarsel: i komponenten 'advar' (components/advar.lua:4): en advarsel i alle udgaver" \
    "$TMP/msgs$j"
  check_eq "-j $j: a warning of two editions once" \
    "$(grep -c 'slutrunden er ikke med' "$TMP/msgs$j")" 1
  check_contains "-j $j: ... naming both" "$TMP/msgs$j" \
    "slutrunden er ikke med (i udgaverne baseline, midtvejs)"
  check_contains "-j $j: a warning of one edition names it" "$TMP/msgs$j" \
    "kun i slutrapporten (i udgaven slut)"
  check_eq "-j $j: the misspelt argument once" \
    "$(grep -c "argumentet 'kaption'" "$TMP/msgs$j")" 1
  check_contains "-j $j: ... at its line, with 'mente du'" "$TMP/msgs$j" \
    "$C:$arg: advarsel: i argumenterne til {advar}: komponenten advar kender ikke argumentet 'kaption' (mente du 'caption'?)"
  check_eq "-j $j: rapport.lua's misspelt key once" \
    "$(grep -c "ukendt nøgle 'subtitel'; mente du 'subtitle'?" "$TMP/msgs$j")" 1
  check_eq "-j $j: five messages in all" "$(grep -c '' "$TMP/msgs$j")" 5
done
check "one after another or in parallel: the same messages" cmp "$TMP/msgs1" "$TMP/msgs3"

LC_MESSAGES=en_GB.UTF-8 "$RAPPORT" build "$P" --out "$TMP/oe" >"$TMP/en" 2>&1
check_contains "in English: the editions named" "$TMP/en" \
  "slutrunden er ikke med (in the editions baseline, midtvejs)"
check_contains "in English: one edition" "$TMP/en" "kun i slutrapporten (in the edition slut)"

# an error in one edition, the others built in parallel
sed -i 's|^kaption = "x"|fejl = "midtvejs"|' "$C"
check_status "an error in one edition fails the build" 1 "$RAPPORT" build "$P" --out "$TMP/o4" -j 3
check_eq "the error once" "$(grep -c 'en fejl i midtvejs' "$TMP/out")" 1
check_contains "naming its edition" "$TMP/out" \
  "$C:$((n - 2)): fejl: i komponenten 'advar' (components/advar.lua:7): en fejl i midtvejs (i udgaven midtvejs)"

# a misspelt key in one of rapport.lua's inner tables: a warning naming the
# table and the nearest key, once (the unit's forms, an edition, a data
# file, a column, a dialect)
sed -i 's|^fejl = "midtvejs"|kaption = "x"|' "$C"
sed -i 's|    singular = "enhed",|    singlar = "enhed", singular = "enhed",|; s|{ name = "baseline", title = "Baseline"|{ name = "baseline", titel = "Baseline", title = "Baseline"|; s|      file = "data/typologi.csv",|      file = "data/typologi.csv", dialekt = {},|; s|{ "beskrivelse", "text", required = true }|{ "beskrivelse", "text", requird = true }|' "$P/rapport.lua"
check_status "misspelt inner keys: the build goes on" 0 "$RAPPORT" build "$P" --out "$TMP/o5" -j 3
for w in "ukendt nøgle 'singlar' i unit; mente du 'singular'?" \
         "ukendt nøgle 'titel' i editions[1]; mente du 'title'?" \
         "ukendt nøgle 'dialekt' i data.typologi; mente du 'dialect'?" \
         "ukendt nøgle 'requird' i data.typologi.columns[3]; mente du 'required'?"; do
  check_eq "once: $w" "$(grep -cF "rapport.lua: advarsel: $w" "$TMP/out")" 1
done
