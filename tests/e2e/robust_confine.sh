#!/bin/sh
# robust_confine.sh - files outside the project and special files (the
# security issue, items 4 and 7; tests/BAD-INPUTS.md "Files outside the
# project"). For each kind of file a project names or reaches - chapter,
# CSV data, theme, bibliography, pseudonym list, word list, image, Lua
# component or module - an absolute path out of the project, a ../ path out
# of it and a symlink inside pointing out are refused with exit 1, a message
# at rapport.lua or the chapter line, and no output; the same files inside
# the project build; --allow DIR admits a shared folder; a FIFO, a folder
# or /dev/zero where a file belongs is refused without hanging.
. tests/lib.sh

U=$TMP/ude # outside the project; every file holds a HEMMELIG marker
P=$TMP/p
O=$TMP/o
PNG=$PWD/tests/fixtures/pdf/billeder/kort.png

mkdir -p "$U/tema" "$U/komp"
printf '# Hemmelig\n\nHEMMELIGKAPITEL\n' >"$U/k.md"
printf 'navn;antal\nHEMMELIGDATA;1\n' >"$U/d.csv"
cp themes/klassisk/theme.lua themes/klassisk/theme.css "$U/tema/"
printf '.hemmelig::after { content: "HEMMELIGTEMA"; }\n' >>"$U/tema/theme.css"
printf '@book{a2020, author = {Aagaard, Bo}, title = {HEMMELIGBOG}, publisher = {F}, year = {2020}}\n' >"$U/litt.bib"
printf 'navn;pseudonym;type\nHEMMELIGNAVN;Person A;person\n' >"$U/pseudonymer.csv"
printf 'HEMMELIGORD\n' >"$U/navne-ok.txt"
cp "$PNG" "$U/figur.png"
echo 'return function(args) return { type = "paragraph", content = "HEMMELIGMODUL" } end' >"$U/komp/c.lua"

# base: a small project that uses one file of each kind, all inside it
base() {
  rm -rf "$P" "$O"
  mkdir -p "$P/data" "$P/themes/mit" "$P/components" "$P/fig"
  CH=k.md DATA=data/d.csv THEME=mit BIB=litt.bib MAP=data/pseudonymer.csv
  IMG=fig/figur.png
  printf 'navn;antal\nAnna;1\n' >"$P/data/d.csv"
  cp themes/klassisk/theme.lua themes/klassisk/theme.css "$P/themes/mit/"
  printf '@book{a2020, author = {Aagaard, Bo}, title = {Bogen}, publisher = {F}, year = {2020}}\n' >"$P/litt.bib"
  printf 'navn;pseudonym;type\nSkovlund;Partnerskab A;partnerskab\n' >"$P/data/pseudonymer.csv"
  printf 'Aagaard\n' >"$P/data/navne-ok.txt"
  cp "$PNG" "$P/fig/figur.png"
  echo 'return function(args) return { type = "paragraph", content = "Data: " .. data.d[1].navn } end' \
    >"$P/components/c.lua"
}

# cfg: rapport.lua and the chapter from CH DATA THEME BIB MAP IMG
cfg() {
  cat >"$P/rapport.lua" <<EOF
return { title = "T", lang = "da", theme = "$THEME", chapters = { "$CH" },
  data = { d = { file = "$DATA", columns = { { "navn", "text" }, { "antal", "integer" } } } },
  bibliography = "$BIB", mapping = "$MAP" }
EOF
  printf '# Kapitel\n\n![Kort](%s)\n\nSe [@a2020].\n\n```{c}\n```\n' "$IMG" >"$P/k.md"
}

# leaked NAME: no text from outside the project in any output (HTML bytes,
# pdftotext of each PDF)
leaked() {
  found=$(
    for f in "$O"/*.html; do [ -f "$f" ] && cat "$f"; done
    for f in "$O"/*.pdf; do [ -f "$f" ] && pdftotext "$f" - 2>/dev/null; done
  )
  case $found in
  *HEMMELIG*) fail "$1: text from outside the project reached the outputs" ;;
  *) pass "$1: nothing from outside in the outputs" ;;
  esac
}

# refused NAME WHERE MESSAGE [options]: exit 1 within 10 s, WHERE (file and
# line) and MESSAGE in the output, nothing written (SHOW=1 prints the line)
refused() {
  name=$1; where=$2; msg=$3; shift 3
  timeout 10 "$RAPPORT" build "$P" --out "$O" "$@" >"$TMP/out" 2>&1
  got=$?
  if [ "$got" = 1 ] && grep -F -- "$msg" "$TMP/out" | grep -qF -- "$where"; then
    pass "$name: exit 1 at $where"
  else
    fail "$name: exit $got (want 1), wanted '$where' ... '$msg'"
    sed 's/^/    /' "$TMP/out" | head -5
  fi
  if ls "$O"/*.pdf "$O"/*.html >/dev/null 2>&1; then
    fail "$name: outputs were written"
  else
    pass "$name: no output"
  fi
  leaked "$name"
  if [ -n "${SHOW:-}" ]; then
    echo "    [$got] $(grep -F -- "$msg" "$TMP/out" | head -1)"
  fi
}

check_status "--help names --allow" 0 "$RAPPORT" --help
check_contains "--help names --allow: text" "$TMP/out" "--allow MAPPE    projektet må også læse filer i MAPPE"

OUT="ligger uden for projektmappen; læg filen i projektet eller giv mappen med --allow MAPPE"
SPECIAL="er ikke en almindelig fil"
CFG=$P/rapport.lua

# --- inside the project: builds -------------------------------------------
base; cfg
check_status "every kind of file inside the project: builds" 0 \
  "$RAPPORT" build "$P" --out "$O"
check_contains "inside: the data reach the HTML" "$O/rapport.html" "Data: Anna"
check_contains "inside: the bibliography reaches the HTML" "$O/rapport.html" "Bogen"
rm -rf "$O"
check_status "inside: the public edition (mapping, word list) builds" 0 \
  "$RAPPORT" build "$P" --out "$O" --public --format html

# --- each kind: absolute, ../ and symlink out -------------------------------
base; CH=$U/k.md; cfg
refused "chapter, absolute path" "$CFG: fejl:" "kapitlet '$U/k.md' $OUT"
base; CH=../ude/k.md; cfg
refused "chapter, ../ path" "$CFG: fejl:" "kapitlet '../ude/k.md' $OUT"
base; ln -s "$U/k.md" "$P/link.md"; CH=link.md; cfg
refused "chapter, symlink out" "$CFG: fejl:" "kapitlet 'link.md' $OUT"

base; DATA=$U/d.csv; cfg
refused "data, absolute path" "$CFG: fejl:" "datafilen '$U/d.csv' $OUT"
base; DATA=../ude/d.csv; cfg
refused "data, ../ path" "$CFG: fejl:" "datafilen '../ude/d.csv' $OUT"
base; ln -sf "$U/d.csv" "$P/data/link.csv"; DATA=data/link.csv; cfg
refused "data, symlink out" "$CFG: fejl:" "datafilen 'data/link.csv' $OUT"

base; THEME=$U/tema; cfg
refused "theme, absolute path" "$CFG: fejl:" "temaet '$U/tema' $OUT"
base; THEME=../../ude/tema; cfg
refused "theme, ../ path" "$CFG: fejl:" "temaet '../../ude/tema' $OUT"
base; rm -rf "$P/themes/mit"; ln -s "$U/tema" "$P/themes/mit"; cfg
refused "theme, symlinked folder out" "$CFG: fejl:" "temaet 'mit' $OUT"

base; BIB=$U/litt.bib; cfg
refused "bibliography, absolute path" "$CFG: fejl:" "litteraturlisten '$U/litt.bib' $OUT"
base; BIB=../ude/litt.bib; cfg
refused "bibliography, ../ path" "$CFG: fejl:" "litteraturlisten '../ude/litt.bib' $OUT"
base; ln -s "$U/litt.bib" "$P/link.bib"; BIB=link.bib; cfg
refused "bibliography, symlink out" "$CFG: fejl:" "litteraturlisten 'link.bib' $OUT"

base; MAP=$U/pseudonymer.csv; cfg
refused "mapping, absolute path" "$CFG: fejl:" "pseudonymlisten '$U/pseudonymer.csv' $OUT" --public
base; MAP=../ude/pseudonymer.csv; cfg
refused "mapping, ../ path" "$CFG: fejl:" "pseudonymlisten '../ude/pseudonymer.csv' $OUT" --public
base; ln -s "$U/pseudonymer.csv" "$P/data/link.csv"; MAP=data/link.csv; cfg
refused "mapping, symlink out" "$CFG: fejl:" "pseudonymlisten 'data/link.csv' $OUT" --public

# the word list has a fixed name beside the mapping: a symlink, or a mapping
# folder outside (then the mapping itself is refused first)
base; ln -sf "$U/navne-ok.txt" "$P/data/navne-ok.txt"; cfg
refused "word list, symlink out" "$P/data/navne-ok.txt: fejl:" \
  "ordlisten '$P/data/navne-ok.txt' $OUT" --public

base; IMG=$U/figur.png; cfg
refused "image, absolute path" "k.md:3:1: fejl:" "billedet '$U/figur.png' $OUT"
base; IMG=../ude/figur.png; cfg
refused "image, ../ path" "k.md:3:1: fejl:" "billedet '../ude/figur.png' $OUT"
base; ln -s "$U/figur.png" "$P/fig/link.png"; IMG=fig/link.png; cfg
refused "image, symlink out" "k.md:3:1: fejl:" "billedet 'fig/link.png' $OUT"

# components and modules are found by name (no absolute or ../ names: the
# sandbox refuses those, robust_inputs.sh); a symlink can still lead out
base; rm -rf "$P/components"; ln -s "$U/komp" "$P/components"; cfg
refused "component, symlinked folder out" "k.md:7" "Lua-modulet 'components/c.lua' $OUT"
base; rm "$P/components/c.lua"; ln -s "$U/komp/c.lua" "$P/components/c.lua"; cfg
refused "component, symlink out" "k.md:7" "Lua-modulet 'components/c.lua' $OUT"
base; mkdir -p "$P/lua"; ln -s "$U/komp/c.lua" "$P/lua/m.lua"
echo 'return function(args) return require("m") end' >"$P/components/c.lua"; cfg
refused "module (require), symlink out" "k.md:7" "Lua-modulet 'lua/m.lua' $OUT"

# the language names a file of rapport's own lua/locale/, never a path
sed 's/table_lower = "tabel"/table_lower = "HEMMELIGSPROG"/' lua/locale/da.lua >"$U/sprog.lua"
base; cfg; sed -i "s|lang = \"da\"|lang = \"../../../../../../../../..$U/sprog\"|" "$P/rapport.lua"
refused "language, ../ path" "fejl:" "sproget '../../../../../../../../..$U/sprog' findes ikke"

# --- --allow: a shared folder the user names ------------------------------
base; CH=$U/k.md; DATA=$U/d.csv; IMG=$U/figur.png; cfg
check_status "--allow DIR: a shared folder builds" 0 \
  "$RAPPORT" build "$P" --out "$O" --allow "$U"
check_contains "--allow DIR: its chapter reaches the HTML" "$O/rapport.html" "HEMMELIGKAPITEL"
check_status "--allow of a missing folder: usage error" 2 \
  "$RAPPORT" build "$P" --out "$O" --allow "$TMP/findes-ikke"
check_contains "--allow of a missing folder: message" "$TMP/out" \
  "rapport: --allow: mappen '$TMP/findes-ikke' findes ikke"
check_status "the same project without --allow: refused" 1 \
  "$RAPPORT" build "$P" --out "$O.2"

# --- special files: FIFO, folder, /dev/zero -------------------------------
# (reported at the file itself, so `rapport check` goes on to the next one)
base; mkfifo "$P/fifo.md"; CH=fifo.md; cfg
refused "FIFO as chapter" "$P/fifo.md: fejl:" "kapitlet '$P/fifo.md' $SPECIAL (men en FIFO)"
base; mkfifo "$P/data/fifo.csv"; DATA=data/fifo.csv; cfg
refused "FIFO as CSV data" "data/fifo.csv: fejl:" "datafilen 'data/fifo.csv' $SPECIAL (men en FIFO)"
base; mkfifo "$P/fig/fifo.png"; IMG=fig/fifo.png; cfg
refused "FIFO as image" "k.md:3:1: fejl:" "billedet 'fig/fifo.png' $SPECIAL (men en FIFO)"
base; rm "$P/components/c.lua"; mkfifo "$P/components/c.lua"; cfg
refused "FIFO as component" "k.md:7" "Lua-modulet 'components/c.lua' $SPECIAL (men en FIFO)"
base; mkfifo "$P/litt.bib.fifo"; BIB=litt.bib.fifo; cfg
refused "FIFO as bibliography" "$P/litt.bib.fifo: fejl:" "litteraturlisten '$P/litt.bib.fifo' $SPECIAL (men en FIFO)"
base; mkdir "$P/mappe.md"; CH=mappe.md; cfg
refused "folder as chapter" "$P/mappe.md: fejl:" "kapitlet '$P/mappe.md' $SPECIAL (men en mappe)"
base; DATA=/dev/zero; cfg
refused "/dev/zero as data" "$CFG: fejl:" "datafilen '/dev/zero' $OUT"
base; DATA=/dev/zero; cfg
refused "/dev/zero as data, /dev allowed" "/dev/zero: fejl:" \
  "datafilen '/dev/zero' $SPECIAL (men en enhed)" --allow /dev
base; mkfifo "$P/rapport.lua"
refused "FIFO as rapport.lua" "$CFG: fejl:" "konfigurationen '$CFG' $SPECIAL (men en FIFO)"
