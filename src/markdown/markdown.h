/* markdown.h - cmark-gfm AST -> document tree.
 *
 * Finds the directives (fenced blocks with info string `{name}`), the inline
 * values (`{{ expr }}`), cross-references (`@tbl:x`, `@fig:x`, `@sec:x`, and
 * capitalised `@Tbl:x`) and heading attributes (`# Title {#sec:x}`), and has
 * them evaluated through the callbacks the script stage gives it.
 *
 * Policies (see README "Markdown"): raw HTML is dropped (comments silently,
 * other HTML with a warning); `--` becomes an en dash and `---` an em dash in
 * running text (never in code); an image alone in a paragraph becomes a
 * numbered figure whose caption is the alt text; a paragraph `Tabel: ...`
 * (or `Table: ...`, `: ...`) right after a table is its caption; a fenced
 * div `::: {.intern}` ... `:::` keeps its lines only in the editions it
 * names (divs.h). */
#ifndef RAPPORT_MARKDOWN_H
#define RAPPORT_MARKDOWN_H

#include "doc/doc.h"
#include "project/project.h"
#include "util/diag.h"

/* What a chapter's directives and inline values are evaluated by: the
 * script stage fills it (script_directives), so markdown calls the stage
 * after it only through these pointers and includes none of it. */
typedef struct {
  void *ctx;
  /* Runs component `name` with the directive's body and appends the blocks
   * it returns to parent. 0 or -1 (with diagnostics). */
  int (*run_directive)(void *ctx, const char *name, const char *body, doc *d,
                       doc_node *parent, const char *file, int line);
  /* The text of an inline value, or NULL (with a diagnostic). Caller frees. */
  char *(*eval_inline)(void *ctx, const char *expr, const char *file,
                       int line, int col);
  const char *project_dir; /* images are resolved against it */
  /* The edition being built, for conditional content (fenced divs
   * `::: {.intern}`, see md_divs_apply): its project (whose edition names
   * a `udgave="..."` is checked against), the edition (NULL: an internal
   * edition without a name) and whether it is the public one. */
  const project *project;
  const edition *edition;
  bool public_edition;
} md_directives;

/* Chapters larger than this are refused: cmark-gfm 0.29 has quadratic
 * corner cases, and no real chapter comes near it. */
#define MARKDOWN_MAX_BYTES (2u << 20)
/* Block quotes and lists nested deeper than this are refused. */
#define MARKDOWN_MAX_DEPTH 32

/* Parses chapter `path` (display_path is what messages show) and appends its
 * blocks to d->root. dx may be NULL (no directives allowed). 0 or -1. */
int markdown_parse_file(doc *d, const char *path, const char *display_path,
                        const md_directives *dx, diag_list *diags);

/* Parses Markdown text from a component into blocks appended to parent (no
 * directives, no inline values). Positions are reported from file:line. */
int markdown_parse_string(doc *d, doc_node *parent, const char *text,
                          const char *file, int line, diag_list *diags);

/* As markdown_parse_string, with the project folder images are resolved
 * against (NULL: images are refused). */
int markdown_parse_fragment(doc *d, doc_node *parent, const char *text,
                            const char *file, int line,
                            const char *project_dir, diag_list *diags);

#endif
