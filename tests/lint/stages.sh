#!/bin/sh
# stages.sh [SRC] - the include graph between the stage folders of src/
# (README "Source layout"): a file may include headers of its own folder and
# of the folders its stage is allowed below; another folder's internal.h
# never. script/sandbox.h, the one door into Lua, may be included by every
# stage that runs project code. Prints each include that crosses the graph
# as FILE:LINE: and exits 1 if any does.
src=${1:-src}
# stage: the folders it may include (util is allowed everywhere)
allowed() {
  case $1 in
    util) echo "" ;;
    data) echo "" ;;
    project) echo "data" ;;
    doc) echo "project" ;;
    markdown) echo "doc project" ;;
    script) echo "doc project data markdown" ;;
    cite) echo "doc project script" ;;
    anon) echo "doc project data" ;;
    layout) echo "doc project" ;;
    pdf) echo "doc project layout" ;;
    html) echo "doc project" ;;
    docx) echo "doc project layout" ;;
    cli) echo "*" ;;
    *) echo "?" ;;
  esac
}
status=0
for f in $(find "$src" -mindepth 2 -name '*.[ch]' | sort); do
  from=$(echo "${f#"$src"/}" | cut -d/ -f1)
  ok=$(allowed "$from")
  if [ "$ok" = "?" ]; then
    echo "$f: the folder '$from' is not a stage of tests/lint/stages.sh" >&2
    status=1
    continue
  fi
  grep -n '^#include "' "$f" | while IFS= read -r line; do
    n=${line%%:*}
    inc=$(echo "$line" | sed 's/^[0-9]*:#include "\([^"]*\)".*/\1/')
    to=${inc%%/*}
    [ "$to" = "$inc" ] && continue          # a header beside the file
    [ "$to" = "$from" ] && continue
    case "$inc" in */internal.h)
      echo "$f:$n: includes $inc, the private header of another stage" ;;
    esac
    [ "$to" = util ] && continue
    [ "$inc" = script/sandbox.h ] && continue
    case " $ok " in *" * "*|*" $to "*) continue ;; esac
    echo "$f:$n: stage '$from' includes $inc; it may include only: util${ok:+ $ok}"
  done
done >"${TMPDIR:-/tmp}/stages.$$"
if [ -s "${TMPDIR:-/tmp}/stages.$$" ]; then
  cat "${TMPDIR:-/tmp}/stages.$$" >&2
  status=1
fi
rm -f "${TMPDIR:-/tmp}/stages.$$"
exit $status
