#!/bin/sh
# srcmap.sh [--write] [README [SRC]] - the map of the source in README.md
# (section "Source layout", between the lines <!-- srcmap --> and
# <!-- /srcmap -->) is the listing of SRC/*/, one folder a line, its files
# in `ls` order, wrapped at 79 columns. Prints how the map differs from the
# tree and exits 1 if it does; --write puts the tree's map into README
# instead. A file directly in SRC (outside a stage folder) also fails.
write=
if [ "${1:-}" = --write ]; then write=1; shift; fi
readme=${1:-README.md}
src=${2:-src}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for f in "$src"/*; do
  [ -d "$f" ] && continue
  echo "$f: a file outside the stage folders of $src/ (README \"Source layout\")" >&2
  status=1
done
# the map the tree makes
for d in "$src"/*/; do
  d=${d%/}
  printf '%s/ ' "src/${d##*/}"
  (cd "$d" && LC_ALL=C ls | tr '\n' ' ')
  echo
done | awk '{
  line = sprintf("%-14s", $1); n = 0
  for (i = 2; i <= NF; i++) {
    if (n && length(line) + 1 + length($i) > 79) {
      print line; line = sprintf("%14s", ""); n = 0
    }
    line = line " " $i; n++
  }
  print line
}' | sed 's/ *$//' >"$tmp/tree"
if ! grep -q '^<!-- srcmap -->$' "$readme" || ! grep -q '^<!-- /srcmap -->$' "$readme"; then
  echo "$readme: no <!-- srcmap --> ... <!-- /srcmap --> section (README \"Source layout\")" >&2
  exit 1
fi
# the map README shows (inside its code fence)
sed -n '/^<!-- srcmap -->$/,/^<!-- \/srcmap -->$/p' "$readme" |
  sed '1d;$d' | sed '/^```/d' >"$tmp/readme"
if [ -n "$write" ]; then
  awk -v map="$tmp/tree" '
    /^<!-- srcmap -->$/ { print; print "```text"; while ((getline l < map) > 0) print l; print "```"; skip = 1; next }
    /^<!-- \/srcmap -->$/ { skip = 0 }
    !skip { print }' "$readme" >"$tmp/new" && cat "$tmp/new" >"$readme"
  exit $status
fi
if ! diff -u "$tmp/readme" "$tmp/tree" >"$tmp/diff"; then
  echo "$readme: the source map differs from $src/ (- README, + the tree);" \
    "run sh tests/lint/srcmap.sh --write and describe the change:" >&2
  sed '1,2d' "$tmp/diff" >&2
  status=1
fi
exit $status
