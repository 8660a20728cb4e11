#!/bin/sh
# phony.sh MAKEFILE - every target named in .PHONY has a rule of its own in
# MAKEFILE (a .PHONY name without one is a promise `make NAME` breaks:
# "No rule to make target"). Prints each missing one; exit 1 if any.
mf=${1:-Makefile}
status=0
for t in $(sed -n 's/^\.PHONY *: *//p' "$mf"); do
  if ! grep -q "^$t *:" "$mf"; then
    echo "$mf: .PHONY names '$t', but no rule makes it" >&2
    status=1
  fi
done
exit $status
