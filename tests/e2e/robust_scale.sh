#!/bin/sh
# robust_scale.sh - pathological but legal chapters cost time in proportion
# to their size (issue 14, item 10): a long one-line paragraph with
# emphasis, and many inline values {{ 1 }} on one line. Work is counted,
# not timed: callgrind's instruction count (deterministic) at size N and 4N
# may grow at most 6x; a quadratic part shows as 16x at sizes where it
# dominates (the sizes below grew 12x before the fix).
. tests/lib.sh

if ! command -v valgrind >/dev/null 2>&1; then
  fail "valgrind is not installed (apt-get install valgrind)"; exit 0
fi

mkdir -p "$TMP/p"
cat >"$TMP/p/rapport.lua" <<'LUA'
return { title = "T", lang = "da", theme = "klassisk", chapters = { "k.md" },
  editions = { { name = "r", title = "R" } } }
LUA

# instructions NAME: the instruction count of building $TMP/p
instructions() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    "$RAPPORT" build "$TMP/p" --out "$TMP/o" -q >"$TMP/vg.out" 2>&1 ||
    { sed 's/^/    /' "$TMP/vg.out" | grep -v '==' | head -5; }
  sed -n 's/.*refs: *\([0-9,]*\).*/\1/p' "$TMP/vg.out" | tr -d ,
}

# grows NAME GENERATOR N: builds the chapters `GENERATOR N` and
# `GENERATOR 4N` writes, and checks the instruction count grows at most 6x
grows() {
  "$2" "$3" >"$TMP/p/k.md"
  small=$(instructions)
  "$2" $(($3 * 4)) >"$TMP/p/k.md"
  big=$(instructions)
  if [ -z "$small" ] || [ -z "$big" ]; then fail "$1: no instruction count"; return; fi
  ratio=$(awk -v a="$small" -v b="$big" 'BEGIN { printf "%.1f", b / a }')
  if awk -v r="$ratio" 'BEGIN { exit !(r <= 6) }'; then
    pass "$1: 4x the size costs ${ratio}x the instructions ($small -> $big)"
  else
    fail "$1: 4x the size costs ${ratio}x the instructions ($small -> $big); quadratic?"
  fi
}

# words N: about N bytes of words on one line, every third one emphasised
words() {
  awk -v n="$1" 'BEGIN { printf "# Stor\n\n"
    split("partnerskab virksomhed kompetence udvikling medarbejder samarbejde læring aftale", w, " ")
    for (b = i = 0; b < n; i++) { s = w[i % 8 + 1]; if (i % 3 == 0) s = "*" s "*"
      printf "%s ", s; b += length(s) + 1 }
    printf "\n" }'
}

# values N: N inline values on one line
values() {
  awk -v n="$1" 'BEGIN { printf "# Værdier\n\n"
    for (i = 0; i < n; i++) printf "{{ 1 }} "
    printf "\n" }'
}

grows "a one-line paragraph of 25 KB and 100 KB with emphasis" words 25000
grows "2,500 and 10,000 inline values on one line" values 2500

# footnotes N: N footnote references in one paragraph and their definitions
footnotes() {
  awk -v n="$1" 'BEGIN { printf "# Noter\n\n"
    for (i = 0; i < n; i++) printf "ord[^n%d] ", i
    printf "\n\n"
    for (i = 0; i < n; i++) printf "[^n%d]: Note %d.\n", i, i }'
}

# headings N: N sections with the same title (unique ids by suffix)
headings() {
  awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "## Afsnit\n\nTekst.\n\n" }'
}

grows "1,000 and 4,000 footnotes" footnotes 1000
grows "200 and 800 headings with the same title" headings 200
