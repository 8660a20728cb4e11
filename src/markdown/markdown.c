/* markdown.c - a chapter in Markdown -> blocks of the document tree.
 *
 * The chapter is read, its inline values `{{ expr }}` are expanded (as
 * literal, escaped text, so a value can never turn into Markdown syntax),
 * cmark-gfm parses it, and the AST is converted block by block. The text
 * level rules (cross-references, dashes, attributes) live in
 * text.c. */
#include "markdown/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "markdown/divs.h"
#include "markdown/text.h"
#include "util/buf.h"
#include "util/confine.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/utf8.h"
#include "util/mem.h"

/* Exported by libcmark-gfm-extensions but declared in no header; they are
 * 0 until the extensions are registered, so compare with if, not switch. */
extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW,
    CMARK_NODE_TABLE_CELL, CMARK_NODE_STRIKETHROUGH;

#define S_OPTIONS                                                              \
  (CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8)

static doc_node *S_new(md_ctx *c, doc_type t, cmark_node *n) {
  doc_node *x = doc_node_new(t);
  x->file = c->file;
  md_position(c, n, &x->line, &x->col);
  return x;
}

static void S_blocks(md_ctx *c, cmark_node *first, doc_node *parent);

/* ---- inlines ---- */

static void S_inlines(md_ctx *c, cmark_node *first, doc_node *parent) {
  buf text = BUF_INIT;
  int tline = 0, tcol = 0;
  for (cmark_node *n = first; n; n = cmark_node_next(n)) {
    cmark_node_type t = cmark_node_get_type(n);
    if (t == CMARK_NODE_TEXT) {
      /* cmark splits text at delimiter characters; join it back so a
       * cross-reference or a dash is seen whole */
      if (text.len == 0) {
        tline = cmark_node_get_start_line(n);
        tcol = cmark_node_get_start_column(n); /* bytes */
      }
      buf_puts(&text, cmark_node_get_literal(n));
      continue;
    }
    if (text.len) {
      md_emit_text(c, text.data, text.len, tline, tcol, parent);
      buf_clear(&text);
    }
    doc_node *x = NULL;
    if (t == CMARK_NODE_SOFTBREAK) {
      x = S_new(c, DOC_SOFT_BREAK, n);
    } else if (t == CMARK_NODE_LINEBREAK) {
      x = S_new(c, DOC_LINE_BREAK, n);
    } else if (t == CMARK_NODE_CODE) {
      x = S_new(c, DOC_CODE, n);
      x->text = xstrdup(cmark_node_get_literal(n));
    } else if (t == CMARK_NODE_EMPH || t == CMARK_NODE_STRONG ||
               t == CMARK_NODE_STRIKETHROUGH) {
      x = S_new(c, t == CMARK_NODE_EMPH     ? DOC_EMPH
                   : t == CMARK_NODE_STRONG ? DOC_STRONG
                                            : DOC_STRIKE,
                n);
      S_inlines(c, cmark_node_first_child(n), x);
    } else if (t == CMARK_NODE_LINK) {
      x = S_new(c, DOC_LINK, n);
      x->text = xstrdup(cmark_node_get_url(n));
      const char *title = cmark_node_get_title(n);
      if (title && *title)
        x->title = xstrdup(title);
      S_inlines(c, cmark_node_first_child(n), x);
    } else if (t == CMARK_NODE_IMAGE) {
      /* the tree has no inline images: keep the alt text */
      int line, col;
      md_position(c, n, &line, &col);
      diag_warning(c->diags, c->file, line, col,
                   M_MARKDOWN_IMAGE_INSIDE_RUNNING_TEXT);
      S_inlines(c, cmark_node_first_child(n), parent);
    } else if (t == CMARK_NODE_FOOTNOTE_REFERENCE) {
      x = S_new(c, DOC_FOOTNOTE_REF, n);
      x->text = md_footnote_id(c, atoi(cmark_node_get_literal(n)));
    } else if (t == CMARK_NODE_HTML_INLINE) {
      md_raw_html(c, n, cmark_node_get_literal(n));
    }
    if (x)
      doc_append(parent, x);
  }
  if (text.len)
    md_emit_text(c, text.data, text.len, tline, tcol, parent);
  buf_free(&text);
  md_lang_spans(c, parent);
}

/* ---- tables ---- */

/* cmark-gfm silently drops cells beyond the header's count: count the
 * unescaped pipes of the raw row ourselves. */
static int S_raw_cells(md_ctx *c, cmark_node *row) {
  int line = cmark_node_get_start_line(row);
  int col = cmark_node_get_start_column(row);
  const char *p = md_line(c, line);
  if (!p)
    return 0;
  const char *end = strchr(p, '\n');
  if (!end)
    end = p + strlen(p);
  if (col > 1 && p + col - 1 <= end)
    p += col - 1;
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
    end--;
  if (p < end && *p == '|')
    p++;
  if (end > p && end[-1] == '|' && !(end - 2 >= p && end[-2] == '\\'))
    end--;
  int cells = 1;
  for (const char *q = p; q < end; q++) {
    if (*q == '\\' && q + 1 < end)
      q++;
    else if (*q == '|')
      cells++;
  }
  return cells;
}

static cmark_node *S_caption_row(md_ctx *c, cmark_node *table) {
  cmark_node *r = cmark_node_last_child(table);
  if (!r || r == cmark_node_first_child(table))
    return NULL;
  const char *p = md_line(c, cmark_node_get_start_line(r));
  if (!p)
    return NULL;
  size_t len = strcspn(p, "\n");
  if (memchr(p, '|', len))
    return NULL;
  cmark_node *cell = cmark_node_first_child(r);
  cmark_node *first = cell ? cmark_node_first_child(cell) : NULL;
  if (!first || cmark_node_get_type(first) != CMARK_NODE_TEXT ||
      !md_caption_prefix(cmark_node_get_literal(first)))
    return NULL;
  return r;
}

static cmark_node *S_table(md_ctx *c, cmark_node *n, doc_node *parent) {
  doc_node *t = S_new(c, DOC_TABLE, n);
  int ncols = cmark_gfm_extensions_get_table_columns(n);
  uint8_t *al = cmark_gfm_extensions_get_table_alignments(n);
  t->ncols = ncols;
  t->aligns = xcalloc((size_t)ncols + 1, 1);
  for (int i = 0; i < ncols; i++)
    t->aligns[i] = al && (al[i] == 'l' || al[i] == 'c' || al[i] == 'r')
                       ? (char)al[i]
                       : 0;
  /* "Tabel: ..." on the line right after the table (no blank line) is
   * parsed by cmark-gfm as a last row without pipes: take it back */
  cmark_node *caprow = S_caption_row(c, n);
  for (cmark_node *r = cmark_node_first_child(n); r; r = cmark_node_next(r)) {
    if (r == caprow)
      break;
    doc_node *row = S_new(c, DOC_TABLE_ROW, r);
    if (cmark_gfm_extensions_get_table_row_is_header(r))
      row->flags |= DOC_HEADER_ROW;
    int raw = S_raw_cells(c, r);
    if (raw > ncols)
      diag_error(c->diags, c->file, row->line, 0, M_MARKDOWN_ROW_HAS_CELLS_BUT,
                 raw, ncols, raw - ncols);
    int i = 0;
    for (cmark_node *cl = cmark_node_first_child(r); cl;
         cl = cmark_node_next(cl), i++) {
      doc_node *cell = S_new(c, DOC_TABLE_CELL, cl);
      cell->align = i < ncols ? t->aligns[i] : 0;
      S_inlines(c, cmark_node_first_child(cl), cell);
      doc_append(row, cell);
    }
    doc_append(t, row);
  }
  doc_append(parent, t);
  cmark_node *next = cmark_node_next(n);
  if (caprow) {
    cmark_node *cell = cmark_node_first_child(caprow);
    doc_node *cap = S_new(c, DOC_CAPTION, caprow);
    S_inlines(c, cmark_node_first_child(cell), cap);
    md_strip_prefix(cap, md_caption_prefix(
                             cmark_node_get_literal(cmark_node_first_child(cell))));
    md_take_attributes(c, cap, t, "tbl:");
    doc_prepend(t, cap);
    return next;
  }

  /* a caption paragraph right after the table */
  if (next && cmark_node_get_type(next) == CMARK_NODE_PARAGRAPH) {
    cmark_node *first = cmark_node_first_child(next);
    const char *lit = first && cmark_node_get_type(first) == CMARK_NODE_TEXT
                          ? cmark_node_get_literal(first)
                          : NULL;
    size_t skip = lit ? md_caption_prefix(lit) : 0;
    if (skip) {
      doc_node *cap = S_new(c, DOC_CAPTION, next);
      S_inlines(c, first, cap);
      md_strip_prefix(cap, skip);
      md_take_attributes(c, cap, t, "tbl:");
      doc_prepend(t, cap);
      return cmark_node_next(next);
    }
  }
  return next;
}

/* ---- figures ---- */

/* An image alone in its paragraph (optionally followed by `{#fig:x}`). */
static cmark_node *S_lone_image(cmark_node *para) {
  cmark_node *img = cmark_node_first_child(para);
  if (!img || cmark_node_get_type(img) != CMARK_NODE_IMAGE)
    return NULL;
  cmark_node *rest = cmark_node_next(img);
  if (!rest)
    return img;
  if (cmark_node_next(rest) || cmark_node_get_type(rest) != CMARK_NODE_TEXT)
    return NULL;
  return md_is_attribute_text(cmark_node_get_literal(rest)) ? img : NULL;
}

static void S_figure(md_ctx *c, cmark_node *para, cmark_node *img,
                     doc_node *parent) {
  doc_node *fig = S_new(c, DOC_FIGURE, para);
  doc_node *cap = S_new(c, DOC_CAPTION, img);
  S_inlines(c, cmark_node_first_child(img), cap);
  cmark_node *rest = cmark_node_next(img);
  if (rest) {
    doc_node *tmp = doc_node_new(DOC_CAPTION);
    doc_append(tmp, doc_text(cmark_node_get_literal(rest)));
    md_take_attributes(c, tmp, fig, "fig:");
    doc_node_free(tmp);
  }
  doc_node *im = S_new(c, DOC_IMAGE, img);
  im->alt = doc_plain_text(cap);
  fig->alt = xstrdup(im->alt);
  const char *title = cmark_node_get_title(img);
  if (title && *title)
    im->title = xstrdup(title);
  im->text = md_image_path(c, cmark_node_get_url(img), im->line, im->col);
  doc_append(fig, im);
  if (cap->first)
    doc_append(fig, cap);
  else
    doc_node_free(cap);
  doc_append(parent, fig);
}

/* ---- blocks ---- */

/* The label a directive's body gives (`id = "tbl:x"`), or NULL; read from
 * the text, since a failed body may never have run. Caller frees. */
static char *S_directive_id(const char *body) {
  for (const char *p = body; p && *p;
       p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
    while (*p == ' ' || *p == '\t')
      p++;
    if (strncmp(p, "id", 2) != 0)
      continue;
    p += 2;
    while (*p == ' ' || *p == '\t')
      p++;
    if (*p != '=')
      continue;
    p++;
    while (*p == ' ' || *p == '\t')
      p++;
    char q = *p;
    if (q != '"' && q != '\'')
      continue;
    size_t len = strcspn(p + 1, q == '"' ? "\"\n" : "'\n");
    if (p[1 + len] == q && len > 0)
      return xstrndup(p + 1, len);
  }
  return NULL;
}

static void S_code_block(md_ctx *c, cmark_node *n, doc_node *parent) {
  const char *info = cmark_node_get_fence_info(n);
  char *name = md_directive_name(info);
  int line, col;
  md_position(c, n, &line, &col);
  if (name) {
    if (!c->dx) {
      diag_error(c->diags, c->file, line, col,
                 M_MARKDOWN_DIRECTIVE_CANNOT_BE_USED, name);
    } else {
      size_t before = c->diags->errors;
      const char *body = cmark_node_get_literal(n);
      if (c->dx->run_directive(c->dx->ctx, name, body, c->d, parent, c->file,
                               line) != 0) {
        if (c->diags->errors == before)
          diag_error(c->diags, c->file, line, col, M_MARKDOWN_DIRECTIVE_FAILED,
                     name);
        /* its label: one error is enough, not one more per reference */
        char *id = S_directive_id(body);
        if (id) {
          doc_node *x = S_new(c, DOC_PARAGRAPH, n);
          x->flags |= DOC_FAILED;
          x->text = id;
          doc_append(parent, x);
        }
      }
    }
    free(name);
    return;
  }
  if (md_looks_like_directive(info))
    diag_error(c->diags, c->file, line, col, M_MARKDOWN_IS_NOT_VALID_DIRECTIVE,
               info);
  doc_node *x = S_new(c, DOC_CODE_BLOCK, n);
  x->text = xstrdup(cmark_node_get_literal(n));
  if (info && *info) {
    size_t k = strcspn(info, " \t");
    x->info = xstrndup(info, k);
  }
  doc_append(parent, x);
}

static cmark_node *S_block(md_ctx *c, cmark_node *n, doc_node *parent) {
  cmark_node_type t = cmark_node_get_type(n);
  doc_node *x = NULL;
  if (c->depth > MARKDOWN_MAX_DEPTH) {
    if (!c->too_deep) {
      int line, col;
      md_position(c, n, &line, &col);
      diag_error(c->diags, c->file, line, col,
                 M_MARKDOWN_LISTS_QUOTES_ARE_NESTED, MARKDOWN_MAX_DEPTH);
      c->too_deep = true;
    }
    return cmark_node_next(n);
  }
  if (t == CMARK_NODE_TABLE)
    return S_table(c, n, parent);
  if (t == CMARK_NODE_PARAGRAPH) {
    cmark_node *img = S_lone_image(n);
    if (img) {
      S_figure(c, n, img, parent);
      return cmark_node_next(n);
    }
    x = S_new(c, DOC_PARAGRAPH, n);
    S_inlines(c, cmark_node_first_child(n), x);
  } else if (t == CMARK_NODE_HEADING) {
    x = S_new(c, DOC_HEADING, n);
    x->level = cmark_node_get_heading_level(n);
    S_inlines(c, cmark_node_first_child(n), x);
    md_take_attributes(c, x, x, "sec:");
  } else if (t == CMARK_NODE_BLOCK_QUOTE || t == CMARK_NODE_LIST ||
             t == CMARK_NODE_ITEM) {
    x = S_new(c, t == CMARK_NODE_BLOCK_QUOTE ? DOC_QUOTE
                 : t == CMARK_NODE_LIST      ? DOC_LIST
                                             : DOC_ITEM,
              n);
    if (t == CMARK_NODE_LIST) {
      if (cmark_node_get_list_type(n) == CMARK_ORDERED_LIST) {
        x->flags |= DOC_ORDERED;
        x->number = cmark_node_get_list_start(n);
      }
      if (cmark_node_get_list_tight(n))
        x->flags |= DOC_TIGHT;
    }
    c->depth++;
    S_blocks(c, cmark_node_first_child(n), x);
    c->depth--;
  } else if (t == CMARK_NODE_CODE_BLOCK) {
    S_code_block(c, n, parent);
  } else if (t == CMARK_NODE_THEMATIC_BREAK) {
    x = S_new(c, DOC_RULE, n);
  } else if (t == CMARK_NODE_HTML_BLOCK) {
    md_raw_html(c, n, cmark_node_get_literal(n));
  } else if (t == CMARK_NODE_FOOTNOTE_DEFINITION) {
    /* converted after the chapter's blocks, see S_footnotes */
  }
  if (x)
    doc_append(parent, x);
  return cmark_node_next(n);
}

static void S_blocks(md_ctx *c, cmark_node *first, doc_node *parent) {
  cmark_node *n = first;
  while (n)
    n = S_block(c, n, parent);
}

/* cmark-gfm moves the definitions that are used to the end of the document
 * in number order: definition k is the target of references numbered k. */
static void S_footnotes(md_ctx *c, cmark_node *root) {
  int k = 0;
  for (cmark_node *n = cmark_node_first_child(root); n;
       n = cmark_node_next(n)) {
    if (cmark_node_get_type(n) != CMARK_NODE_FOOTNOTE_DEFINITION)
      continue;
    doc_node *def = S_new(c, DOC_FOOTNOTE_DEF, n);
    def->id = md_footnote_id(c, ++k);
    S_blocks(c, cmark_node_first_child(n), def);
    doc_append(c->d->root, def);
    md_note_used_footnote(c, cmark_node_get_start_line(n));
  }
}

/* cmark-gfm's default allocator prints "[cmark] calloc returned null
 * pointer, aborting" and aborts; rapport's exits with its own message and
 * status 1 (util/mem.h). The parser, its nodes and the extensions'
 * registry all allocate through the default, so it is replaced rather than
 * passed to the parser (cmark-gfm is linked statically: only rapport sees
 * the change). */
static void S_use_our_allocator(void) {
  cmark_mem *m = cmark_get_default_mem_allocator();
  m->calloc = xcalloc;
  m->realloc = xrealloc;
  m->free = free;
}

static cmark_node *S_parse(const char *text, size_t len) {
  S_use_our_allocator();
  cmark_gfm_core_extensions_ensure_registered();
  cmark_parser *p = cmark_parser_new(S_OPTIONS);
  static const char *const ext[] = {"table", "strikethrough", "autolink",
                                    "tagfilter", NULL};
  for (int i = 0; ext[i]; i++) {
    cmark_syntax_extension *e = cmark_find_syntax_extension(ext[i]);
    if (e)
      cmark_parser_attach_syntax_extension(p, e);
  }
  cmark_parser_feed(p, text, len);
  cmark_node *root = cmark_parser_finish(p);
  cmark_parser_free(p);
  return root;
}

/* Parses c->src into parent (and footnote definitions into d->root). */
static int S_run(md_ctx *c, doc_node *parent) {
  size_t errors0 = c->diags->errors;
  md_index_lines(c);
  if (md_check_nesting(c) != 0)
    return -1;
  cmark_node *root = S_parse(c->src, c->len);
  doc_node *before = c->d->root->last;
  S_blocks(c, cmark_node_first_child(root), parent);
  /* definitions from component Markdown may have landed among the blocks:
   * keep every definition after the chapter's text */
  doc_node *n = before ? before->next : c->d->root->first;
  doc_node *stop = NULL;
  while (n && n != stop) {
    doc_node *next = n->next;
    if (n->type == DOC_FOOTNOTE_DEF) {
      doc_append(c->d->root, n);
      if (!stop)
        stop = n;
    }
    n = next;
  }
  S_footnotes(c, root);
  md_check_footnote_definitions(c);
  cmark_node_free(root);
  return c->diags->errors > errors0 ? -1 : 0;
}

/* Footnote ids are "fn-<chapter>-<n>"; two chapters with the same name in
 * different folders get "-2", "-3" after the name. */
static char *S_unique_base(doc *d, const char *file) {
  char *base = md_footnote_base(file);
  int same = 0;
  for (size_t i = 0; i < d->nfiles; i++) {
    if (d->files[i] == file)
      continue;
    char *b = md_footnote_base(d->files[i]);
    same += strcmp(b, base) == 0;
    free(b);
  }
  if (!same)
    return base;
  buf b = BUF_INIT;
  buf_printf(&b, "%s-%d", base, same + 1);
  free(base);
  return buf_detach(&b);
}

/* 1-based line and character column of byte off in raw. */
static void S_line_col(const char *raw, size_t off, int *line, int *col) {
  size_t bol = 0;
  *line = 1;
  for (size_t i = 0; i < off; i++)
    if (raw[i] == '\n')
      ++*line, bol = i + 1;
  *col = (int)utf8_length(raw + bol, off - bol) + 1;
}

/* The name of the encoding when raw is UTF-16 or UTF-32 (by its byte order
 * mark, or without one by NUL bytes in the positions where ASCII text in
 * that encoding has them), else NULL. Such a file would otherwise pass as
 * UTF-8 full of NUL bytes, or fail at its first non-ASCII letter with a
 * message that points nowhere useful. */
static const char *S_wide_encoding(const unsigned char *raw, size_t len) {
  if (len >= 4 && !memcmp(raw, "\xFF\xFE\0\0", 4))
    return "UTF-32 (little-endian)";
  if (len >= 4 && !memcmp(raw, "\0\0\xFE\xFF", 4))
    return "UTF-32 (big-endian)";
  if (len >= 2 && raw[0] == 0xFF && raw[1] == 0xFE)
    return "UTF-16 (little-endian)";
  if (len >= 2 && raw[0] == 0xFE && raw[1] == 0xFF)
    return "UTF-16 (big-endian)";
  /* zeros[k]: NUL bytes at offsets k mod 4 in the first 4 KB */
  size_t zeros[4] = {0, 0, 0, 0}, n = len < 4096 ? len : 4096;
  if (n < 4)
    return NULL;
  for (size_t i = 0; i < n; i++)
    zeros[i % 4] += raw[i] == 0;
  size_t per = n / 4;            /* bytes per class, rounded down */
  bool many[4], few[4];
  for (int k = 0; k < 4; k++) {
    many[k] = zeros[k] * 10 >= per * 4; /* 40 %: most letters are ASCII */
    few[k] = zeros[k] * 10 <= per;      /* 10 % */
  }
  if (many[1] && many[2] && many[3] && few[0])
    return "UTF-32 (little-endian)";
  if (many[0] && many[1] && many[2] && few[3])
    return "UTF-32 (big-endian)";
  if (many[1] && many[3] && few[0] && few[2])
    return "UTF-16 (little-endian)";
  if (many[0] && many[2] && few[1] && few[3])
    return "UTF-16 (big-endian)";
  return NULL;
}

int markdown_parse_file(doc *d, const char *path, const char *display_path,
                        const md_directives *dx, diag_list *diags) {
  const char *file = doc_intern_file(d, display_path ? display_path : path);
  size_t len = 0;
  confine_status st;
  char *raw = confine_read(path, &len, &st);
  if (!raw && confine_refused(st)) {
    confine_report(diags, file, 0, 0, CONFINE_CHAPTER, file, path, st);
    return -1;
  }
  if (!raw) {
    diag_error(diags, file, 0, 0, M_MARKDOWN_CANNOT_READ_CHAPTER_CHECK,
               strerror(errno));
    return -1;
  }
  if (len > MARKDOWN_MAX_BYTES) {
    diag_error(diags, file, 0, 0, M_MARKDOWN_CHAPTER_IS_TOO_LARGE, len / 1024,
               MARKDOWN_MAX_BYTES / 1024);
    free(raw);
    return -1;
  }
  const char *wide = S_wide_encoding((const unsigned char *)raw, len);
  if (wide) {
    diag_error(diags, file, 0, 0, M_MARKDOWN_CHAPTER_IS_SAVED_SAVE, wide);
    free(raw);
    return -1;
  }
  /* a UTF-8 byte order mark (Notepad writes one) is no text */
  size_t skip = len >= 3 && !memcmp(raw, "\xEF\xBB\xBF", 3) ? 3 : 0;
  const char *nul = memchr(raw + skip, '\0', len - skip);
  if (nul) {
    int line, col;
    S_line_col(raw + skip, (size_t)(nul - raw) - skip, &line, &col);
    diag_error(diags, file, line, col,
               M_MARKDOWN_CHAPTER_CONTAINS_NUL_CHARACTER);
    free(raw);
    return -1;
  }
  size_t bad = 0;
  if (!utf8_valid(raw + skip, len - skip, &bad)) {
    /* a chapter saved as Windows-1252 would otherwise lose its æ, ø, å */
    int line, col;
    S_line_col(raw + skip, bad, &line, &col);
    bad += skip;
    diag_error(diags, file, line, col, M_MARKDOWN_CHAPTER_IS_NOT_VALID,
               (unsigned char)raw[bad]);
    free(raw);
    return -1;
  }
  md_ctx c;
  md_ctx_init(&c, d, dx, file, diags);
  char *dir = fs_dirname(path);
  c.chapter_dir = dir;
  c.project_dir = dx ? dx->project_dir : dir;
  c.fn_base = S_unique_base(d, file);
  buf kept = BUF_INIT, text = BUF_INIT;
  md_divs_apply(&c, raw + skip, len - skip, &kept);
  free(raw);
  md_expand_values(&c, kept.data ? kept.data : "", kept.len, &text);
  buf_free(&kept);
  c.src = buf_cstr(&text);
  c.len = text.len;
  int rc = S_run(&c, d->root);
  md_ctx_free(&c);
  buf_free(&text);
  free(dir);
  return rc;
}

int markdown_parse_fragment(doc *d, doc_node *parent, const char *text,
                            const char *file, int line,
                            const char *project_dir, diag_list *diags) {
  size_t len = strlen(text);
  file = doc_intern_file(d, file);
  if (len > MARKDOWN_MAX_BYTES) {
    diag_error(diags, file, line, 0, M_MARKDOWN_MARKDOWN_TEXT_FROM_COMPONENT,
               len / 1024);
    return -1;
  }
  md_ctx c;
  md_ctx_init(&c, d, NULL, file, diags);
  c.fixed_line = line;
  c.project_dir = project_dir;
  c.chapter_dir = project_dir;
  buf base = BUF_INIT;
  char *b = md_footnote_base(file);
  /* the document node's number is otherwise unused: it counts fragments,
   * so their footnote ids stay unique and reproducible */
  buf_printf(&base, "%s-%d-%d", b, line, ++d->root->number);
  free(b);
  c.fn_base = buf_detach(&base);
  c.src = text;
  c.len = len;
  int rc = S_run(&c, parent);
  md_ctx_free(&c);
  return rc;
}

int markdown_parse_string(doc *d, doc_node *parent, const char *text,
                          const char *file, int line, diag_list *diags) {
  return markdown_parse_fragment(d, parent, text, file, line, NULL, diags);
}
