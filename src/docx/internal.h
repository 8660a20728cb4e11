/* internal.h - what the files of the Word writer share (docx.c packs the
 * parts, body.c writes the text, table.c tables, media.c charts and
 * images, png.c the PNG fallback of a chart, xml.c escaping). Not part of
 * the public interface: see docx.h. */
#ifndef RAPPORT_DOCX_INTERNAL_H
#define RAPPORT_DOCX_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "doc/doc.h"
#include "layout/layout.h"
#include "project/locale.h"
#include "project/theme.h"
#include "util/buf.h"
#include "util/diag.h"

/* 1 pt = 20 twentieths of a point (twips, page and table measures) =
 * 12700 EMU (drawing sizes) */
#define DOCX_TWIPS(pt) ((long)((pt) * 20 + 0.5))
#define DOCX_EMU(pt) ((long)((pt) * 12700 + 0.5))

/* A file of the package besides the fixed XML parts: images and charts. */
typedef struct {
  char *name;          /* "media/figur-1.svg", in word/ */
  unsigned char *data; /* owned */
  size_t len;
  int rel;             /* relationship number: r:id "rId<rel>" */
} docx_media;

/* An external link of the document part. */
typedef struct {
  char *url; /* owned */
  int rel;
} docx_link;

/* A node that carries a bookmark: headings, captioned tables and figures,
 * literature entries, anything with an id a link or reference names. */
typedef struct {
  const doc_node *node;
  const char *id; /* the node's id, or NULL */
  int bm;         /* the bookmark "_R<bm>" */
} docx_mark;

typedef struct {
  const doc *d;
  const theme *t;
  const locale *l;
  const lay_result *lr; /* the PDF layout: table grids, running title */
  diag_list *diags;
  buf *out;          /* the part being written: body or notes */
  buf body, notes;   /* word/document.xml's body, word/footnotes.xml's notes */
  docx_media *media;
  size_t nmedia, media_cap;
  docx_link *links;
  size_t nlinks, links_cap;
  docx_mark *marks;
  size_t nmarks, marks_cap;
  const doc_node **noted; /* footnote definitions written, in Word's order */
  size_t nnoted, noted_cap;
  int *list_starts;       /* numbering instance k+2 -> its first number */
  size_t nlists, lists_cap;
  int next_rel;           /* the next free relationship number */
  int next_pic;           /* drawing object ids (wp:docPr) */
  bool in_note;           /* writing a footnote: no footnotes inside */
  int errors;
  /* from the theme, with the PDF layout's defaults (layout/style.c) */
  double text_width;      /* pt */
  double body_size, table_size;
  long table_head_fill, table_stripe, table_rule;
  double table_rule_w;
  const char *chart_font;
  const char *lang; /* the language of the span being written (w:lang on
                       each run), NULL for the document's */
} docx_ctx;

/* xml.c: s escaped for XML element content and double-quoted attributes
 * alike (& < > "), invalid UTF-8 as U+FFFD, and the control characters
 * XML 1.0 forbids dropped. NULL appends nothing. */
void docx_xml(buf *b, const char *s);
/* A number with '.' as decimal point and at most two decimals. */
void docx_num(buf *b, double v);
/* "da" -> "da-DK": the language tag Word's proofing wants. */
void docx_lang_tag(buf *b, const char *lang);
/* A theme value with a default, t may be NULL. */
double docx_theme_num(const theme *t, const char *key, double def);
long docx_theme_colour(const theme *t, const char *key, long def);
bool docx_theme_bool(const theme *t, const char *key, bool def);

/* body.c */
/* Writes the title page and the document's blocks into x->body. */
void docx_body(docx_ctx *x);
/* The bookmark of n (0 = none). */
int docx_mark_of(const docx_ctx *x, const doc_node *n);
/* Writes the inline children of n as runs; rpr is added to every run's
 * properties (NULL = none). */
void docx_inlines(docx_ctx *x, const doc_node *n, const char *rpr);
/* <w:bookmarkStart/> and <w:bookmarkEnd/> around what follows. */
void docx_bookmark_start(docx_ctx *x, int bm);
void docx_bookmark_end(docx_ctx *x, int bm);
/* A run of plain text with the given run properties (NULL = none), and
 * w:lang when inside a span of another language (x->lang). */
void docx_run(docx_ctx *x, const char *text, const char *rpr);
/* "Tabel 3. " with the number as a SEQ field, for a caption. */
void docx_caption_label(docx_ctx *x, const char *word, int number);

/* table.c */
void docx_table(docx_ctx *x, const doc_node *tab);

/* media.c: a chart (SVG with a PNG fallback) or an image as an inline
 * drawing, alt text in its description. */
void docx_chart(docx_ctx *x, const doc_node *chart, const char *alt,
                const char *name);
void docx_image(docx_ctx *x, const doc_node *img, const char *alt,
                const char *name);

/* png.c: the SVG drawn into a PNG of width x height pixels by librsvg
 * (opened with dlopen on first use). NULL with the reason in why (static,
 * in the interface language) when it cannot. Caller frees. */
unsigned char *docx_svg_png(const char *svg, size_t len, int width,
                            int height, size_t *png_len, const char **why);

#endif
