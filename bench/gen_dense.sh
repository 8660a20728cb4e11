#!/bin/sh
# bench/gen_dense.sh OUTDIR [SCALE] - writes a SCALE-times (default 20)
# version of the text-dense report bench/dense: its chapters repeated SCALE
# times in one project (about 52 x SCALE pages), for timing the PDF writer
# on a long text. The output is not committed; bench/dense is the source.
set -e
out=$1
scale=${2:-20}
[ -n "$out" ] || { echo "usage: sh bench/gen_dense.sh OUTDIR [SCALE]" >&2; exit 2; }
src=$(cd "$(dirname "$0")/dense" && pwd)
mkdir -p "$out/kapitler"
cp -r "$src/data" "$out/"  # the pseudonym list, for --public
cp "$src/kapitler/00-indhold.md" "$out/kapitler/"
list='    "kapitler/00-indhold.md",'
i=1
while [ "$i" -le "$scale" ]; do
  for f in "$src"/kapitler/0[0-9]-*.md; do
    b=$(basename "$f")
    [ "$b" = 00-indhold.md ] && continue
    n=$(printf 'r%02d-%s' "$i" "$b")
    cp "$f" "$out/kapitler/$n"
    list="$list
    \"kapitler/$n\","
  done
  i=$((i + 1))
done
# the project's settings with the chapter list replaced
awk -v list="$list" '
  /^  chapters = \{/ { print; print list; skip = 1; next }
  skip && /^  \},/ { skip = 0 }
  !skip' "$src/rapport.lua" >"$out/rapport.lua"
