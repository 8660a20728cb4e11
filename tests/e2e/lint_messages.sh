# lint_messages.sh - every message comes from the catalogue
# (tests/lint/messages.sh, part of make lint): true of the tree as it is,
# and a message written inline, planted in a copy of src/, is caught with
# its file and line.
. tests/lib.sh
check "src/ has no inline message pair" sh tests/lint/messages.sh src
plant() { # plant NAME FILE TEXT: copy src/, append TEXT to FILE, expect
  # refusal at TEXT's first line
  rm -rf "$TMP/src" && cp -r src "$TMP/src"
  n=$(($(wc -l <"$TMP/src/$2") + 1))
  printf '%s\n' "$3" >>"$TMP/src/$2"
  if sh tests/lint/messages.sh "$TMP/src" 2>"$TMP/lint.err"; then
    fail "$1: the planted line passed"
  else
    check_contains "$1: named with its file and line" "$TMP/lint.err" \
      "$TMP/src/$2:$n:"
  fi
}
plant "a TR pair" data/csv.c \
  'static const char *S_x(void) { return TR("fejl", "error"); }'
plant "a TR pair over two lines" data/csv.c \
  'static const char *S_x(void) { return TR (
  "fejl", "error"); }'
plant "a language chosen by hand" doc/image.c \
  'static int S_x(void) { return msg_lang == 1; }'
plant "a MSG_PICK of its own" cli/main.c \
  'static const char *S_x(void) { return MSG_PICK("ja", "yes"); }'
plant "Danish text in the code" util/mem.c \
  'static const char S_x[] = "hukommelsen slap op; prøv igen";'
rm -rf "$TMP/src" && cp -r src "$TMP/src"
printf '/* TR("fejl", "error") was the old way; "prøv" */\n' \
  >>"$TMP/src/data/csv.c"
check "a comment may quote a message" sh tests/lint/messages.sh "$TMP/src"
