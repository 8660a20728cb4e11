#!/bin/sh
# lint_stages.sh - the stage include graph of src/ (tests/lint/stages.sh,
# part of make lint) holds for the tree as it is, and catches an include
# planted across it: a later stage, and another stage's internal.h.
. tests/lib.sh
check "src/ keeps the stage graph" sh tests/lint/stages.sh src
plant() { # plant NAME FILE LINE: copy src/, add LINE to FILE, expect refusal
  rm -rf "$TMP/src" && cp -r src "$TMP/src"
  sed -i "1a $3" "$TMP/src/$2"
  if sh tests/lint/stages.sh "$TMP/src" 2>"$TMP/lint.err"; then
    fail "$1: the planted include passed"
  else
    check_contains "$1: named with its file and line" "$TMP/lint.err" \
      "$TMP/src/$2:2:"
  fi
}
plant "layout may not include the PDF writer" layout/text.c '#include "pdf/pdf.h"'
plant "markdown may not include the script stage" markdown/markdown.c '#include "script/script.h"'
plant "html may not include anon's internal.h" html/html.c '#include "anon/internal.h"'
plant "util may not include a stage" util/buf.c '#include "doc/doc.h"'
