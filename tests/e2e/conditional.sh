#!/bin/sh
# conditional.sh - conditional content (issue 18, README "Indhold kun til
# nogle udgaver"): fenced divs `::: {.intern}`, `::: {.offentlig}` and
# `::: {udgave="slut"}` keep their text only in the editions they name, in
# the PDF and the HTML; a block left out of the public edition never reaches
# its tree (an e-mail address in it fails no leak check, while the same
# address outside it does); `:::` in code is text; mistakes are reported.
. tests/lib.sh

P=$TMP/p; O=$TMP/o
mkdir -p "$P/kapitler" "$P/data"
cat >"$P/rapport.lua" <<'LUA'
return { title = "Betinget indhold", lang = "da", theme = "klassisk",
  date = "2026-01-01", organisation = "Institut X", fictional = true,
  partnerships = { "Viborg" }, chapters = { "kapitler/k.md" },
  editions = { { name = "midt", title = "Midtvejs" },
               { name = "slut", title = "Slut" } },
  mapping = "data/pseudonymer.csv" }
LUA
printf 'navn;pseudonym;type\nViborg;Partnerskab A;partnerskab\n' \
  >"$P/data/pseudonymer.csv"
cat >"$P/kapitler/k.md" <<'MD'
# Kapitel

Fælles tekst i alle udgaver.

::: {.intern}
Kun internt: skriv til kontakt@example.dk om Viborg.
:::

::: {.offentlig}
Kun offentligt afsnit.
:::

::: {udgave="slut"}
Kun i slutrapporten.

::: intern
Intern slutnote.
:::
:::

```
::: {.intern}
kode bevares
```

```ikke`et hegn```

::: {.intern}
Intern efter indlejret kode.
:::

Slut på kapitlet.
MD

check_status "internal build" 0 "$RAPPORT" build "$P" --out "$O"
check_not_contains "no warning in the internal build" "$TMP/out" "advarsel"
check_status "public build" 0 "$RAPPORT" build "$P" --public --out "$O"
check_not_contains "no warning in the public build" "$TMP/out" "advarsel"

# where each text belongs: "y" = in that output
#              midt slut midt-off slut-off
expect() {
  text=$1; shift
  for out in midt slut offentlig/midt-offentlig offentlig/slut-offentlig; do
    want=$1; shift
    for fmt in pdf html; do
      f=$O/$out.$fmt
      if [ $fmt = pdf ]; then pdftotext "$f" - 2>/dev/null | tr '\n' ' ' >"$TMP/t"
      else sed 's/<[^>]*>//g' "$f" | tr '\n' ' ' >"$TMP/t"; fi
      if grep -qF -- "$text" "$TMP/t"; then got=y; else got=n; fi
      check_eq "'$text' in $out.$fmt" "$got" "$want"
    done
  done
}
expect "Fælles tekst i alle udgaver." y y y y
expect "Kun internt" y y n n
expect "kontakt@example.dk" y y n n
expect "Kun offentligt afsnit." n n y y
expect "Kun i slutrapporten." n y n y
expect "Intern slutnote." n y n n
expect "kode bevares" y y y y
# a line of backticks with a backtick after them opens no code block
# (CommonMark): the block after it is a block like any other
expect "Intern efter indlejret kode." y y n n
expect "Slut på kapitlet." y y y y
for f in midt.pdf midt.html; do
  check_not_contains "no fence line in $f" "$O/$f" "::: intern"
done

# the leak check would have seen the address: outside the block it fails
sed 's/^Fælles tekst i alle udgaver\./Skriv til kontakt@example.dk./' \
  "$P/kapitler/k.md" >"$TMP/k.md" && cp "$TMP/k.md" "$P/kapitler/k.md"
check_status "the same address outside the block fails the public build" 1 \
  "$RAPPORT" build "$P" --public --out "$TMP/o2"
check_contains "the leak check names the address" "$TMP/out" "kontakt@example.dk"

# mistakes: an unknown class, an unknown edition, an unclosed block
cat >"$P/kapitler/k.md" <<'MD'
# Kapitel

::: {.intrn}
Skrevet forkert.
:::

::: {udgave="slutt"}
Forkert udgave.
:::

:::
MD
check_status "unknown class and edition are warnings" 0 "$RAPPORT" build "$P" --out "$TMP/o3"
check_contains "unknown class: did you mean" "$TMP/out" \
  "k.md:3: advarsel: ukendt klasse '.intrn' på en ':::'-blok; mente du '.intern'?"
check_contains "unknown edition: did you mean" "$TMP/out" \
  "k.md:7: advarsel: ingen udgave hedder 'slutt'; mente du 'slut'?"
check_contains "a stray closing fence" "$TMP/out" "k.md:11: advarsel: ':::' lukker ingen blok"
pdftotext "$TMP/o3/midt.pdf" "$TMP/o3.txt" 2>/dev/null
check_contains "a block of an unknown class is kept" "$TMP/o3.txt" "Skrevet forkert."
check_not_contains "a block of an unknown edition is left out" "$TMP/o3.txt" "Forkert udgave."
printf '# K\n\n::: {.intern}\nAldrig lukket.\n' >"$P/kapitler/k.md"
check_status "an unclosed block is an error" 1 "$RAPPORT" build "$P" --out "$TMP/o4"
check_contains "the error names the opening line" "$TMP/out" \
  "k.md:3: fejl: ':::'-blokken, der begynder her, lukkes aldrig"
