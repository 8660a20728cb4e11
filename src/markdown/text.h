/* text.h - internal to the Markdown stage: the conversion context
 * and the text-level rules (inline values, cross-references, dashes,
 * attributes, footnote checks, image paths). Not for other stages. */
#ifndef RAPPORT_MARKDOWN_TEXT_H
#define RAPPORT_MARKDOWN_TEXT_H

#include <cmark-gfm.h>
#include <stdbool.h>
#include <stddef.h>

#include "doc/doc.h"
#include "markdown/markdown.h"
#include "util/buf.h"
#include "util/diag.h"

typedef struct {
  char *label;
  int line;
  int first_line; /* a duplicate: the line of the definition that counts */
  bool used, duplicate;
} md_fndef;

typedef struct {
  doc *d;
  const md_directives *dx; /* NULL: no directives, no inline values */
  diag_list *diags;
  const char *file;     /* interned display path */
  const char *src;      /* the text cmark parses (values expanded) */
  size_t len;
  size_t *lines;        /* offsets of line starts, lines[0] = line 1 */
  size_t nlines;
  int fixed_line;       /* > 0: every node is placed at this line */
  const char *chapter_dir, *project_dir; /* for images */
  char *fn_base;        /* footnote ids are "fn-<fn_base>-<n>" */
  md_fndef *fndefs;     /* definitions found in the source */
  size_t nfndefs, fndefs_cap;
  int depth;
  bool too_deep;
  /* where the character column was last found: positions are asked for in source
   * order, so a long line is walked once instead of once per node */
  int col_line;
  size_t col_byte;
  int col_char;
} md_ctx;

void md_ctx_init(md_ctx *c, doc *d, const md_directives *dx, const char *file,
                 diag_list *diags);
void md_ctx_free(md_ctx *c);

/* Fenced code tracked line by line (``` or ~~~, after spaces and quote
 * markers); ch 0 outside a fence. */
typedef struct {
  char ch;
  size_t run;
} md_fence;
/* Whether the line p[0..e) is inside a fence or one of its fence lines. */
bool md_in_fence(md_fence *f, const char *p, const char *e);
/* Whether p[0..e) holds only blanks (spaces, tabs, CR). */
bool md_blank(const char *p, const char *e);

/* Line offsets and the footnote definitions of c->src. */
void md_index_lines(md_ctx *c);
/* Start of 1-based line in c->src, NULL when out of range. */
const char *md_line(const md_ctx *c, int line);
/* Refuses block quotes nested beyond MARKDOWN_MAX_DEPTH. 0 or -1. */
int md_check_nesting(md_ctx *c);
/* Line and character column of n (falls back to its parents). */
void md_position(md_ctx *c, cmark_node *n, int *line, int *col);

/* Copies src to out with every `{{ expr }}` outside code replaced by its
 * value, escaped so it stays literal text. */
void md_expand_values(md_ctx *c, const char *src, size_t len, buf *out);

/* Appends text to parent as DOC_TEXT and DOC_XREF nodes, with dashes made
 * typographic; reports undefined footnotes. line/byte_col: where the text
 * starts in the source (0 = unknown). */
void md_emit_text(md_ctx *c, const char *text, size_t len, int line,
                  int byte_col, doc_node *parent);

/* Wraps each `[text]{lang=xx}` among parent's inlines in a DOC_SPAN with
 * the language (span.c); reports a tag that is no BCP 47 tag. */
void md_lang_spans(md_ctx *c, doc_node *parent);

/* Attributes `{#id -}` at the end of container's last text node: removed
 * from the text and applied to target (id, DOC_UNNUMBERED ...). */
bool md_take_attributes(md_ctx *c, doc_node *container, doc_node *target,
                        const char *kind);
bool md_is_attribute_text(const char *s);
/* Bytes of a caption prefix ("Tabel: ", "Table: ", ": ") or 0. */
size_t md_caption_prefix(const char *s);
/* Removes skip bytes from the start of container's first text node. */
void md_strip_prefix(doc_node *container, size_t skip);

/* "name" when info is `{name}`, else NULL. Caller frees. */
char *md_directive_name(const char *info);
/* `{something}` that is no directive name and no pandoc attribute. */
bool md_looks_like_directive(const char *info);
/* Absolute path of an image inside the project, or the url after an
 * error has been reported. Caller frees. */
char *md_image_path(md_ctx *c, const char *url, int line, int col);
void md_raw_html(md_ctx *c, cmark_node *n, const char *literal);

char *md_footnote_base(const char *file);
char *md_footnote_id(const md_ctx *c, int number);
void md_note_used_footnote(md_ctx *c, int line);
void md_check_footnote_definitions(md_ctx *c);

#endif
