# `rapport names` (issue 16): on a labelled text in the style of the
# follow-research reports (tests/fixtures/anon/navne), the review list finds
# at least 95 % of the names at a precision of at least 80 %; it is printed
# once for all editions, aligned by characters, says so when nothing is
# found, and leaves out cited authors.
. tests/lib.sh

N=tests/fixtures/anon/navne
"$RAPPORT" names "$N/projekt" >"$TMP/names.txt" 2>"$TMP/names.err"
st=$?
if [ $st -ne 0 ]; then fail "names on the labelled text: exit $st: $(head -3 "$TMP/names.err")"; exit 0; fi
python3 "$N/score.py" "$N/labels.txt" <"$TMP/names.txt" >"$TMP/score.txt"
read -r _ labels _ listed _ right _ recall _ _ precision _ <"$TMP/score.txt"
echo "    names: $(head -1 "$TMP/score.txt"); $(sed -n 2p "$TMP/score.txt")"
if awk "BEGIN{exit !($recall >= 95)}"; then pass "names: recall $recall % of $labels labelled names (>= 95 %)"
else fail "names: recall $recall % (< 95 %): $(sed -n 2p "$TMP/score.txt")"; fi
if awk "BEGIN{exit !($precision >= 80)}"; then pass "names: precision $precision % of $listed listed (>= 80 %)"
else fail "names: precision $precision % (< 80 %): $(sed -n 3p "$TMP/score.txt")"; fi
for name in "Anne-Mette Mortensen" "Karl-Erik Vang" "Per Holm" "Bo Storm" "Storm" "Mortensen"; do
  if grep -q "^  $name  " "$TMP/names.txt"; then pass "names: '$name' is listed as written"
  else fail "names: '$name' is not listed: $(grep -F "$name" "$TMP/names.txt" | head -2)"; fi
done
if grep -q "^  Karl-Erik  \|^  Anne  \|^  Mette Mortensen  " "$TMP/names.txt"; then
  fail "names: a hyphenated given name was split"; else pass "names: hyphenated given names stay whole"; fi

# two editions, one list
h=$(grep -c 'stort begyndelsesbogstav' "$TMP/names.txt")
if [ "$h" = 1 ] && [ "$(grep -c '^  Haderslev  ' "$TMP/names.txt")" = 1 ]; then
  pass "names: one list for the project's two editions"
else fail "names: the list was printed $h times"; fi

# the count column lines up, whatever the bytes of æ, ø and å
cols=$(python3 -c '
import re, sys
c = set()
for l in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"(  .+?\s{2,})\d+  ", l)
    if m: c.add(len(m.group(1)))
print(len(c))' "$TMP/names.txt")
if [ "$cols" = 1 ] && grep -q '^  Østergård  ' "$TMP/names.txt"; then pass "names: columns aligned by characters (æøå)"
else fail "names: the count column starts in $cols different columns"; fi

# nothing to list
P="$TMP/tom"
cp -r "$N/projekt" "$P"
for f in "$P"/kapitler/*.md; do
  printf '# Forløbet\n\nDerfor mødtes konsulenterne hver måned. Det gav et bedre samarbejde.\n' >"$f"
done
check_status "names on a text without names" 0 "$RAPPORT" names "$P"
check_contains "names: says that nothing was found" "$TMP/out" "Ingen mulige navne fundet"

# cited authors and the literature list are not names to hide
"$RAPPORT" names content/eksempel >"$TMP/ex.txt" 2>&1
for a in Lindqvist Whitfield Connor Klitgaard "Collaborative Advantage"; do
  if grep -q "^  $a  " "$TMP/ex.txt"; then fail "names: the cited author or title '$a' is listed"
  else pass "names: the cited '$a' is not listed"; fi
done
