/* internal.h - shared between the layout modules (not for other stages).
 *
 * The layout works like TeX's: blocks become a vertical list of items (a
 * line, a table row, a figure, some space, a forced break), each with a
 * height and boxes relative to its top-left corner; the page builder
 * (page.c) cuts the list into pages. */
#ifndef RAPPORT_LAY_INT_H
#define RAPPORT_LAY_INT_H

#include "layout/layout.h"
#include "util/buf.h"

/* Theme values, read once (style.c). */
typedef struct {
  double pw, ph, mt, mb, ml, mr, tw, th;
  double size, leading, par_space, par_indent, list_indent, block_space;
  long text, accent, rule, link, heading_colour, muted;
  double h_size[7], h_before[7], h_after[7];
  bool h_new_page, justify;
  double t_size, t_leading, t_pad, t_rule_w;
  long t_head_fill, t_head_text, t_stripe, t_rule;
  double fn_size, fn_leading, cap_size, code_size, run_size;
  double title_size, subtitle_size;
  long code_fill, quote_bar;
} lay_style;

/* Paragraph settings for the line setter (text.c). */
typedef struct {
  font_family *fam;
  font_style base;
  double size, leading;
  long colour;
  char align;          /* 'j'ustify, 'l'eft, 'c'entre, 'r'ight */
  bool hyphenate;
  double width;        /* measure */
  double first_indent; /* first line starts here (and is shorter) */
  double rest_indent;  /* other lines */
  const char *prefix;  /* set before the content (caption "Tabel 1."), bold */
  const char *prefix_link;
  bool prefix_sup;     /* prefix as superscript (footnote number) */
} lay_pstyle;

typedef struct {
  lay_boxes b;   /* x from the measure's left edge; y = 0 on the baseline */
  double width;  /* natural width */
  bool hyphenated;
  int *fns;      /* footnote numbers referenced on this line */
  size_t nfns;
} lay_line;

typedef struct {
  lay_line *v;
  size_t len, cap;
} lay_lines;

typedef enum { IT_BOXES, IT_SPACE, IT_BREAK } lay_it_kind;

struct lay_table;

typedef struct {
  lay_it_kind kind;
  double h;
  lay_boxes b;          /* relative to the item's top-left in the text area */
  bool keep_prev;       /* no page break before this item */
  bool hyphenated;      /* a line ending in a hyphen */
  bool line;            /* a text line (statistics) */
  int *fns;             /* footnotes referenced */
  size_t nfns;
  int heading;          /* index into the heading list, -1 */
  const doc_node *anchor; /* heading/table/figure whose page this fixes */
  bool title_page;      /* the page holding it gets no header or footer */
  struct lay_table *tab;/* table row: for repeated headers and splitting */
  int row;              /* row index in tab */
  int row_from;         /* first line of the row's cells in this item */
  bool header;          /* a header row */
  int fl;               /* float group (a short table, a figure), 0 = none:
                           text after it may move up past it to fill a page */
  bool landscape;       /* laid out for a landscape page (landscape.c): a
                           page that starts with it is turned */
} lay_item;

typedef struct {
  lay_item *v;
  size_t len, cap;
} lay_items;

/* A footnote laid out for the page foot. */
typedef struct {
  lay_items items;
  double h;
} lay_fn;

typedef struct {
  const doc_node *node;
  int page; /* 0-based */
} lay_anchor;

typedef struct {
  const doc *d;
  const theme *t;
  const locale *l;
  const lay_fonts *f;
  diag_list *diags;
  lay_style s;
  lay_items items;
  lay_fn *fns;   /* indexed by footnote number */
  int nfns;
  lay_heading *heads; /* headings in document order */
  size_t nheads, hcap;
  lay_anchor *anch;   /* pages of this pass */
  size_t nanch, acap;
  lay_anchor *prev;   /* pages of the previous pass */
  size_t nprev;
  struct lay_table **tables;
  size_t ntabs, tabcap;
  /* state while walking blocks */
  double indent_l, indent_r;
  bool keep_next;     /* the next item may not start a page */
  const char *marker; /* list marker waiting for the first line */
  const doc_node *item; /* the list item whose marker it is */
  int quote_depth, list_depth;
  double quote_x[8];  /* where each open quote's bar stands */
  bool in_fn;
  int pass;           /* layout pass: messages only in the first */
  int nfloats;
  struct lay_cache *cache; /* lines of the first pass (cache.c), or NULL */
  struct lay_scratch *scratch; /* text.c's buffers, reused between settings */
  /* statistics */
  size_t lines, hyph_lines, hyph_run, max_hyph_run, overfull;
} lay_ctx;

/* style.c */
void lay_style_load(lay_style *s, const theme *t);

/* text.c: inline content of `parent` (a paragraph, heading, cell, caption)
 * broken into lines. */
void lay_set_inlines(lay_ctx *c, const doc_node *parent, const lay_pstyle *ps,
                     lay_lines *out);
/* The widest unbreakable word (hyphenation aside) and the widest forced
 * line of the inline content, for table column widths. */
void lay_measure_inlines(lay_ctx *c, const doc_node *parent,
                         const lay_pstyle *ps, double *min, double *max);
/* Sets plain UTF-8 text (no markup) the same way. */
void lay_set_plain(lay_ctx *c, const char *text, const lay_pstyle *ps,
                   lay_lines *out);
void lay_lines_free(lay_lines *ls);
void lay_scratch_free(lay_ctx *c); /* text.c's buffers, at the end */
double lay_text_width(font *f, const char *s, double size);

/* boxes */
lay_box *lay_boxes_add(lay_boxes *b, lay_box_kind kind);
void lay_boxes_free(lay_boxes *b);
void lay_boxes_move(lay_boxes *dst, lay_boxes *src, double dx, double dy);
void lay_boxes_copy(lay_boxes *dst, const lay_boxes *src, double dx, double dy);
void lay_box_text(lay_boxes *b, font *f, double size, long colour, double x,
                  double y, const char *s);

/* items (layout.c) */
lay_item *lay_item_add(lay_ctx *c, lay_it_kind kind, double h);
void lay_space(lay_ctx *c, double h);
/* Appends lines as items of height ps->leading, with widow and orphan
 * control; x shifted by dx. */
void lay_add_lines(lay_ctx *c, lay_lines *ls, double leading, double dx,
                   bool keep_all);
void lay_items_free(lay_items *it);
void lay_item_free(lay_item *it);
font *lay_font(font_family *fam, font_style st);

/* table.c */
void lay_table(lay_ctx *c, const doc_node *table);
void lay_table_free(struct lay_table *t);
double lay_table_indent(const struct lay_table *t);
double lay_table_width(const struct lay_table *t);
/* Appends the grid of each table laid out in this pass to out. */
void lay_table_grids(lay_ctx *c, lay_grids *out);
/* The header rows of a table as items (copies), for a continued table. */
double lay_table_header(struct lay_table *t, lay_items *out);
/* Splits row item `it` at height avail: `it` keeps the top part, *rest gets
 * the remainder. False if it cannot be split there. */
bool lay_table_split(lay_ctx *c, lay_item *it, double avail, lay_item *rest);

/* page.c */
void lay_paginate(lay_ctx *c, lay_result *r);

/* landscape.c */
/* A table flagged DOC_LANDSCAPE: forced breaks around it, and its items
 * laid out for a landscape page (lay_style_turn) and marked so. */
void lay_landscape_table(lay_ctx *c, const doc_node *table);
/* Turns s to landscape (or back): page width and height swapped, the
 * margins kept on the same sides of the turned page, the text area
 * recomputed. */
void lay_style_turn(lay_style *s);

/* front.c */
void lay_title_page(lay_ctx *c);
void lay_toc(lay_ctx *c, const doc_node *n);

/* figure.c */
/* Pixel size of a PNG or JPEG (the only types a PDF shows); the document
 * stage has decoded it. False for any other image. */
bool lay_image_size(const char *path, double *w, double *h);

/* layout.c */
/* A generated heading (the contents' own), tagged as a heading of owner
 * (the list it heads: pdf/tags.h puts it before the list). */
void lay_heading_plain(lay_ctx *c, const char *title, const char *id,
                       int level, const doc_node *owner);
/* "Word N. caption" of owner (a table or figure); link, if not NULL, is
 * where "Word N." leads ("#id"). */
void lay_caption(lay_ctx *c, const doc_node *owner, const char *word,
                 bool keep_with_next, const char *link);
lay_pstyle lay_body_style(lay_ctx *c);
void lay_dest(lay_item *it, const char *id);
/* Tags the untagged content boxes (text, link, drawing, image) of items
 * [from, c->items.len) as node's with role; the first text box gets start
 * (it begins a line of the contents or the title page). */
void lay_tag(lay_ctx *c, size_t from, const doc_node *node, lay_role role);
/* The same for boxes b. */
void lay_tag_boxes(lay_boxes *b, const doc_node *node, lay_role role);
/* figure.c */
/* After the document's text: the appendix with the data behind the charts
 * (lay_chart_data_of), each table after a caption that leads back to its
 * figure; nothing if no chart has data. */
void lay_chart_data(lay_ctx *c);
/* Marks items [from, c->items.len) as one float group. */
void lay_float(lay_ctx *c, size_t from);

/* cache.c: what the first layout pass set, for the passes after it. The
 * put functions store only in pass 0 (put_lines takes the lines and
 * leaves pass 0 copies without the words' text); take hands each set of
 * lines out once (appended to out) and adds their overfull count to c. */
typedef struct lay_cache lay_cache;
lay_cache *lay_cache_new(void);
void lay_cache_free(lay_cache *k);
bool lay_cache_take_lines(lay_ctx *c, const doc_node *n, const lay_pstyle *ps,
                          lay_lines *out);
void lay_cache_put_lines(lay_ctx *c, const doc_node *n, const lay_pstyle *ps,
                         lay_lines *lines, size_t from, size_t overfull);
bool lay_cache_measured(lay_ctx *c, const doc_node *n, const lay_pstyle *ps,
                        double *min, double *max);
void lay_cache_put_measured(lay_ctx *c, const doc_node *n,
                            const lay_pstyle *ps, double min, double max);

/* figure.c */
void lay_figure(lay_ctx *c, const doc_node *n);

#endif
