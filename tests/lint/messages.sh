#!/bin/sh
# messages.sh [SRC] - every message the user reads comes from the message
# catalogue (src/util/messages/, util/diag.h): no TR("dansk", "english")
# pair, no hand-made choice of language (diag_lang, msg_lang == N, a
# MSG_PICK of one's own), and no Danish text in a string literal outside the
# files of tests/lint/danish-ok.txt (word lists and tables that are data,
# not messages). Prints each offence as FILE:LINE: and exits 1 if any.
src=${1:-src}
ok=$(dirname "$0")/danish-ok.txt
out=${TMPDIR:-/tmp}/messages.$$
: >"$out"
find "$src" -name '*.[ch]' | sort | while IFS= read -r f; do
  rel=${f#"$src"/}
  # comments out, so a comment may quote a message or name TR()
  sed 's://.*$::' "$f" | awk '
    { line = $0; out = ""
      while (line != "") {
        if (incomment) {
          k = index(line, "*/")
          if (!k) { line = ""; break }
          line = substr(line, k + 2); incomment = 0
        } else {
          k = index(line, "/*")
          if (!k) { out = out line; line = ""; break }
          out = out substr(line, 1, k - 1); line = substr(line, k + 2)
          incomment = 1
        }
      }
      print out }' >"$out.code"
  grep -n '\(^\|[^A-Za-z0-9_]\)TR *(' "$out.code" | sed "s#^\([0-9]*\):.*#$f:\1: a TR(\"dansk\", \"english\") pair; put the message in the catalogue (src/util/messages/) and write M_KEY#" >>"$out"
  grep -n 'diag_lang\|msg_lang *[=!]=' "$out.code" | sed "s#^\([0-9]*\):.*#$f:\1: a choice of language by hand; write one M_KEY per text#" >>"$out"
  grep -n 'MSG_PICK *(' "$out.code" | sed "s#^\([0-9]*\):.*#$f:\1: a MSG_PICK of its own; put the texts in the catalogue and write M_KEY#" >>"$out"
  if ! grep -qx "$rel" "$ok" 2>/dev/null && ! grep -q "^$rel " "$ok"; then
    grep -n '"[^"]*[æøåÆØÅ][^"]*"' "$out.code" | sed "s#^\([0-9]*\):.*#$f:\1: Danish text in the code; put the message in the catalogue (src/util/messages/) and write M_KEY (data: list the file in $ok)#" >>"$out"
  fi
done
rm -f "$out.code"
status=0
if [ -s "$out" ]; then
  cat "$out" >&2
  status=1
fi
rm -f "$out"
exit $status
