# The message catalogue (src/util/messages/): the command line speaks the
# user's locale (LC_ALL, LC_MESSAGES, LANG: the first one set), and the
# project's lang when the locale names no catalogue language (C, POSIX,
# unset); the generator refuses a catalogue that does not match itself or
# the sources.
. tests/lib.sh

# in_locale LC_ALL LC_MESSAGES LANG COMMAND...: runs COMMAND with exactly
# these three variables ("" for unset)
in_locale() {
  a=$1 m=$2 l=$3; shift 3
  env -u LC_ALL -u LC_MESSAGES -u LANG ${a:+LC_ALL=$a} ${m:+LC_MESSAGES=$m} \
    ${l:+LANG=$l} "$@"
}

check_status "unknown command, English locale: usage error" 2 \
  in_locale "" "" en_US.UTF-8 "$RAPPORT" bygg content/eksempel
check_contains "unknown command in English with LANG=en_US.UTF-8" "$TMP/out" \
  "rapport: unknown command 'bygg'; use build, check, names, watch or new"
check_contains "the usage hint in English" "$TMP/out" "See 'rapport --help'."
check_status "unknown command, Danish locale: usage error" 2 \
  in_locale "" "" da_DK.UTF-8 "$RAPPORT" bygg content/eksempel
check_contains "unknown command in Danish with LANG=da_DK.UTF-8" "$TMP/out" \
  "rapport: ukendt kommando 'bygg'; brug build, check, names, watch eller new"
check_status "unknown command, C locale: usage error" 2 \
  in_locale "" "" C "$RAPPORT" bygg content/eksempel
check_contains "unknown command in Danish with LANG=C" "$TMP/out" \
  "ukendt kommando 'bygg'"
in_locale "" "" "" "$RAPPORT" bygg content/eksempel >"$TMP/out" 2>&1
check_contains "unknown command in Danish with no locale set" "$TMP/out" \
  "ukendt kommando 'bygg'"
in_locale en_GB.UTF-8 "" da_DK.UTF-8 "$RAPPORT" bygg x >"$TMP/out" 2>&1
check_contains "LC_ALL comes before LANG" "$TMP/out" "unknown command 'bygg'"
in_locale "" en_US.UTF-8 da_DK.UTF-8 "$RAPPORT" bygg x >"$TMP/out" 2>&1
check_contains "LC_MESSAGES comes before LANG" "$TMP/out" \
  "unknown command 'bygg'"
in_locale "" da_DK.UTF-8 en_US.UTF-8 "$RAPPORT" bygg x >"$TMP/out" 2>&1
check_contains "LC_MESSAGES=da before LANG=en" "$TMP/out" \
  "ukendt kommando 'bygg'"
in_locale "" "" de_DE.UTF-8 "$RAPPORT" bygg x >"$TMP/out" 2>&1
check_contains "a language with no catalogue: the default, Danish" "$TMP/out" \
  "ukendt kommando 'bygg'"

check_status "--help in English" 0 in_locale "" "" en_US.UTF-8 "$RAPPORT" --help
check_contains "--help in English names the build command" "$TMP/out" \
  "rapport build PROJECT [--edition NAME]"
check_contains "--help in English explains the exit status" "$TMP/out" \
  "Exit status: 0 all went well"
check_contains "--help in English has the version" "$TMP/out" "rapport 0."
check_status "--help in Danish" 0 in_locale "" "" da_DK.UTF-8 "$RAPPORT" --help
check_contains "--help in Danish names the build command" "$TMP/out" "rapport build PROJEKT [--edition NAVN]"

# a bad CSV quote in a Danish project (lang = "da")
copy_example "$TMP/da"
printf '"Virksomheder kontaktet;Skovlund;7\n' >>"$TMP/da/data/maal.csv"
quote_da="anførselstegnet her bliver aldrig lukket, så resten af filen"
quote_en="this quote is never closed, so the rest of the file"
check_status "a bad CSV quote (LANG=en_US.UTF-8) exits 1" 1 \
  in_locale "" "" en_US.UTF-8 "$RAPPORT" check "$TMP/da"
check_contains "the bad quote in English with LANG=en_US.UTF-8" "$TMP/out" \
  "maal.csv:$(wc -l <"$TMP/da/data/maal.csv" | tr -d ' '):1: error: $quote_en"
check_status "a bad CSV quote (LANG=da_DK.UTF-8) exits 1" 1 \
  in_locale "" "" da_DK.UTF-8 "$RAPPORT" check "$TMP/da"
check_contains "the bad quote in Danish with LANG=da_DK.UTF-8" "$TMP/out" \
  "fejl: $quote_da"
check_status "a bad CSV quote (LANG=C) exits 1" 1 \
  in_locale "" "" C "$RAPPORT" check "$TMP/da"
check_contains "the bad quote in Danish with LANG=C in a da project" \
  "$TMP/out" "fejl: $quote_da"

# the same project with lang = "en": the project's lang when the locale is C,
# the locale when it names a language
cp -r "$TMP/da" "$TMP/en"
sed 's/lang = "da"/lang = "en"/' "$TMP/da/rapport.lua" >"$TMP/en/rapport.lua"
check_status "a bad CSV quote (en project, LANG=C) exits 1" 1 \
  in_locale "" "" C "$RAPPORT" check "$TMP/en"
check_contains "the bad quote in English with LANG=C in an en project" \
  "$TMP/out" "error: $quote_en"
check_status "a bad CSV quote (en project, LANG=da_DK.UTF-8) exits 1" 1 \
  in_locale "" "" da_DK.UTF-8 "$RAPPORT" check "$TMP/en"
check_contains "the locale's Danish before the en project's lang" "$TMP/out" \
  "fejl: $quote_da"

# the generator: a copy of the catalogues with one mistake planted at a time
gen() {
  awk -f src/util/messages/msgcat.awk "$TMP/cat/da.txt" "$TMP/cat/en.txt" \
    "$TMP/cat/uses.c" >"$TMP/gen.h" 2>"$TMP/gen.err"
}
plant() {
  mkdir -p "$TMP/cat"
  printf '# test\nX_ONE "kolonnen %%s har %%zu rækker"\n    " i alt"\nX_TWO "%%1$s før %%2$d"\n' \
    >"$TMP/cat/da.txt"
  printf 'X_ONE "the column %%s has %%zu rows in all"\nX_TWO "%%2$d before %%1$s"\n' \
    >"$TMP/cat/en.txt"
  echo 'f(M_X_ONE); g(M_X_TWO);' >"$TMP/cat/uses.c"
}
plant
check "the generator accepts matching catalogues" gen
check_contains "a key becomes a MSG_PICK of both languages" "$TMP/gen.h" \
  '#define M_X_ONE \'
check_contains "numbered conversions in another order are accepted" \
  "$TMP/gen.h" '"%2$d before %1$s")'
plant
sed -i 's/has %zu rows/has %d rows/' "$TMP/cat/en.txt"
check_status "the generator refuses a mismatched conversion" 1 gen
check_contains "a mismatched conversion is named with file and line" \
  "$TMP/gen.err" "$TMP/cat/en.txt:1: the conversions of X_ONE differ from $TMP/cat/da.txt:2"
plant
sed -i '/X_TWO/d' "$TMP/cat/en.txt"
check_status "the generator refuses a missing key" 1 gen
check_contains "a missing key is named with file and line" "$TMP/gen.err" \
  "$TMP/cat/da.txt:4: the key X_TWO has no en text in $TMP/cat/en.txt"
plant
echo 'X_ONE "again"' >>"$TMP/cat/en.txt"
check_status "the generator refuses a key twice" 1 gen
check_contains "a duplicate key is named" "$TMP/gen.err" \
  "$TMP/cat/en.txt:3: the key X_ONE is already at line 1"
plant
echo 'f(M_X_ONE);' >"$TMP/cat/uses.c"
check_status "the generator refuses a key no source uses" 1 gen
check_contains "an unused key is named" "$TMP/gen.err" \
  "$TMP/cat/da.txt:4: the key X_TWO is used nowhere"
plant
sed -i 's/i alt"/i alt%.0s"/' "$TMP/cat/da.txt"
printf 'X_ONE "the column %%s has %%zu rows in all%%s"\nX_TWO "%%2$d before %%1$s"\n' \
  >"$TMP/cat/en.txt"
check_status "the generator refuses %.0s" 1 gen
check_contains "%.0s is explained" "$TMP/gen.err" "'%.0s' prints nothing"

# make stops on a bad catalogue, and adding a language is adding its file
plant
sed -i 's/has %zu rows/has %d rows/' "$TMP/cat/en.txt"
check_status "make fails on a bad catalogue" 2 make --no-print-directory \
  BUILD="$TMP/build" MSGCAT="$TMP/cat/da.txt $TMP/cat/en.txt" \
  "$TMP/build/gen/util/messages.h"
check_contains "make names the catalogue's line" "$TMP/out" \
  "$TMP/cat/en.txt:1: the conversions of X_ONE differ"
mkdir -p "$TMP/three"
for l in da en; do cp src/util/messages/$l.txt "$TMP/three/"; done
cp src/util/messages/en.txt "$TMP/three/de.txt"
check "a third language is one more catalogue file" make --no-print-directory \
  BUILD="$TMP/build3" \
  MSGCAT="$TMP/three/da.txt $TMP/three/de.txt $TMP/three/en.txt" \
  "$TMP/build3/gen/util/messages.h"
check_contains "the third language is in MSG_LANGS" \
  "$TMP/build3/gen/util/messages.h" '#define MSG_LANGS {"da", "de", "en"}'
check_contains "MSG_PICK picks among three" \
  "$TMP/build3/gen/util/messages.h" '#define MSG_PICK(m0, m1, m2)'
