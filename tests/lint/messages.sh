#!/bin/sh
# messages.sh [SRC] - every message the user reads comes from the message
# catalogue (src/util/messages/, util/diag.h): no TR("dansk", "english")
# pair, no hand-made choice of language (diag_lang, msg_lang == N, a
# MSG_PICK of one's own), and no Danish text in a string literal outside the
# files of tests/lint/danish-ok.txt (word lists and tables that are data,
# not messages). Comments are not read, so they may quote a message. Prints
# each offence as FILE:LINE: and exits 1 if any.
src=${1:-src}
ok=$(dirname "$0")/danish-ok.txt
# shellcheck disable=SC2046 # the file names have no blanks
awk -v src="$src" -v ok="$ok" '
  BEGIN {
    while ((getline l < ok) > 0) { split(l, w, " "); allowed[w[1]] = 1 }
  }
  FNR == 1 { incomment = 0; rel = substr(FILENAME, length(src) + 2) }
  {
    # the line without its comments (string and character literals kept
    # whole, so a "/*" in one starts no comment)
    code = ""; n = length($0); quote = ""
    for (i = 1; i <= n; i++) {
      c = substr($0, i, 1)
      if (incomment) {
        if (c == "*" && substr($0, i + 1, 1) == "/") { incomment = 0; i++ }
      } else if (quote != "") {
        code = code c
        if (c == "\\") { code = code substr($0, i + 1, 1); i++ }
        else if (c == quote) quote = ""
      } else if (c == "/" && substr($0, i + 1, 1) == "*") {
        incomment = 1; i++
      } else if (c == "/" && substr($0, i + 1, 1) == "/") {
        break
      } else {
        code = code c
        if (c == "\"" || c == "\047") quote = c
      }
    }
    where = FILENAME ":" FNR ": "
    if (code ~ /(^|[^A-Za-z0-9_])TR *\(/)
      bad(where "a TR(\"dansk\", \"english\") pair; put the message in the catalogue (src/util/messages/) and write M_KEY")
    if (code ~ /diag_lang|msg_lang *[=!]=/)
      bad(where "a choice of language by hand; write one M_KEY per text")
    if (code ~ /MSG_PICK *\(/)
      bad(where "a MSG_PICK of its own; put the texts in the catalogue and write M_KEY")
    if (!(rel in allowed) && code ~ /"[^"]*(æ|ø|å|Æ|Ø|Å)[^"]*"/)
      bad(where "Danish text in the code; put the message in the catalogue (src/util/messages/) and write M_KEY (data: list the file in " ok ")")
  }
  function bad(m) { print m > "/dev/stderr"; status = 1 }
  END { exit status }
' $(find "$src" -name '*.[ch]' | sort)
