/* markdown.h - cmark-gfm AST -> document tree.
 *
 * Finds the directives (fenced blocks with info string `{name}`), the inline
 * values (`{{ expr }}`), cross-references (`@tbl:x`, `@fig:x`, `@sec:x`, and
 * capitalised `@Tbl:x`) and heading attributes (`# Title {#sec:x}`), and has
 * them evaluated through script. */
#ifndef RAPPORT_MARKDOWN_H
#define RAPPORT_MARKDOWN_H

#include "doc.h"
#include "script.h"
#include "util/diag.h"

/* Parses chapter `path` (display_path is what messages show) and appends its
 * blocks to d->root. s may be NULL (no directives allowed). 0 or -1. */
int markdown_parse_file(doc *d, const char *path, const char *display_path,
                        script *s, diag_list *diags);

/* Parses Markdown text from a component into blocks appended to parent (no
 * directives, no inline values). Positions are reported from file:line. */
int markdown_parse_string(doc *d, doc_node *parent, const char *text,
                          const char *file, int line, diag_list *diags);

#endif
