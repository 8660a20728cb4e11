#!/bin/sh
# Unit tests of the Lua components and lua/lib/fmt.lua, run with the
# standalone interpreter (no rapport binary needed): tests/lua/run.lua
# prints the PASS/FAIL lines.
cd "$(dirname "$0")/../.." || exit 2
if ! command -v lua5.4 >/dev/null 2>&1; then
  echo "FAIL lua5.4 is not installed (it is in packages.txt)"; exit 1
fi
lua5.4 tests/lua/run.lua
