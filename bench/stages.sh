#!/bin/sh
# bench/stages.sh CALLGRIND_ANNOTATE_OUTPUT - the table of inclusive
# instruction counts per pipeline stage (and the hot parts of a text page)
# from `callgrind_annotate --inclusive=yes`; used by bench/run.sh.
f=$1
[ -f "$f" ] || { echo "usage: sh bench/stages.sh CALLGRIND_TEXT" >&2; exit 2; }
total=$(awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1; exit}' "$f")
echo "Total: $(awk -v t="$total" 'BEGIN {printf "%.1f M", t / 1e6}') instructions. Inclusive counts per stage:"
echo
echo "| stage | function | instructions | share |"
echo "|---|---|---|---|"
while IFS='|' read -r label fn; do
  # a static function may carry a suffix from the compiler (.isra.0)
  n=$(grep -E "[ :]$fn(\.[a-z]+\.[0-9]+)?( |\$)" "$f" | grep -v "'" | head -1 | awk '{gsub(",", "", $1); print $1}')
  [ -n "$n" ] || n=0
  awk -v l="$label" -v f="$fn" -v n="$n" -v t="$total" 'BEGIN {printf "| %s | `%s` | %.1f M | %.1f %% |\n", l, f, n / 1e6, 100 * n / t}'
done <<'EOF2'
load project|project_load
read data|data_table_load
parse Markdown + templates|markdown_parse_file
  of which templates|script_run_directive
citations|cite_process
document tree: numbering|doc_resolve
HTML writer|html_write
layout: fonts (metrics)|lay_fonts_load
layout|lay_document
  set paragraphs|lay_set_inlines
  of which words into items|S_tokenise
  of which hyphenation|hyphenate_word
  of which font measuring|font_text_width
  of which line breaking|kp_break
  of which the first pass alone|kp_break_first_pass
  pages|lay_paginate
PDF: the whole writer|pdf_write
  of which fonts (subset, libharu)|pdf_fonts_get
  of which text into content streams|pdf_text_show
  of which tagging (marked content)|pdf_tags_mark
PDF: serialise (libharu)|HPDF_SaveToStream
PDF: compression, ToUnicode, structure tree|pdf_fix_with
PDF: deflate on both threads, zlib|compress2
PDF: deflate on both threads, libdeflate|libdeflate_zlib_compress
EOF2
