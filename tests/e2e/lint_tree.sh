#!/bin/sh
# lint_tree.sh - two checks of make lint on the tree (issue 15): README's
# map of src/ is the listing of its folders (tests/lint/srcmap.sh), and no
# function is exported without a caller outside its file
# (tests/lint/exported.sh). Each holds for the tree as it is and catches a
# planted change.
. tests/lib.sh
check "README's source map is the tree" sh tests/lint/srcmap.sh README.md src

# srcmap NAME: srcmap.sh on $TMP/src must fail and name TEXT
srcmap_refuses() {
  if sh tests/lint/srcmap.sh README.md "$TMP/src" 2>"$TMP/map.err"; then
    fail "$1: srcmap.sh passed"
  else
    check_contains "$1: named" "$TMP/map.err" "$2"
  fi
}
rm -rf "$TMP/src" && cp -r src "$TMP/src"
: >"$TMP/src/layout/planted.c"
srcmap_refuses "a file added to layout/ but not to the map" "page.c planted.c sfnt.c"
check_contains "a file added to layout/: the check says how to fix it" "$TMP/map.err" \
  "run sh tests/lint/srcmap.sh --write and describe the change"
rm "$TMP/src/layout/planted.c" "$TMP/src/cite/latex.c"
srcmap_refuses "a file removed from cite/ but still in the map" "-src/cite/      bib.c"
cp -r src "$TMP/src2" && rm -rf "$TMP/src" && mv "$TMP/src2" "$TMP/src"
: >"$TMP/src/loose.c"
srcmap_refuses "a file directly in src/" "$TMP/src/loose.c: a file outside the stage folders"
# --write makes the map of the tree, and then the check passes
cp README.md "$TMP/README.md"
rm "$TMP/src/loose.c"; : >"$TMP/src/doc/planted.c"
sh tests/lint/srcmap.sh --write "$TMP/README.md" "$TMP/src"
check "--write puts the tree's map in README" sh tests/lint/srcmap.sh "$TMP/README.md" "$TMP/src"
check_contains "--write lists the new file" "$TMP/README.md" " planted.c"

# exported.sh: an exported function nothing else calls is refused; the same
# made static, or called from another object, passes
check "every exported function of src/ has an outside caller" sh tests/lint/exported.sh build
mkdir -p "$TMP/b/util"
printf 'int planted_helper(int x) { return x + 1; }\n' >"$TMP/p1.c"
cc -c -o "$TMP/b/util/planted.o" "$TMP/p1.c"
if sh tests/lint/exported.sh "$TMP/b" 2>"$TMP/exp.err"; then
  fail "an exported function without a caller passed"
else
  check_contains "an exported function without a caller is named" "$TMP/exp.err" \
    "src/util/planted.c: 'planted_helper' has no caller outside its file: make it static (S_ prefix) or remove it"
fi
printf 'int planted_helper(int x);\nint planted_user(void) { return planted_helper(1); }\n' >"$TMP/p2.c"
printf 'int main(void) { extern int planted_user(void); return planted_user(); }\n' >"$TMP/p3.c"
cc -c -o "$TMP/b/util/planted_user.o" "$TMP/p2.c"
cc -c -o "$TMP/b/util/main.o" "$TMP/p3.c"
check "an exported function called from another object passes" sh tests/lint/exported.sh "$TMP/b"
