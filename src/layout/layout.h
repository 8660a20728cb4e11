/* layout.h - the document tree laid out into pages of positioned boxes.
 *
 * Layout is a stage of its own, between resolving the document and the PDF
 * writer, and needs no PDF library: fonts are metrics (font.h), so line
 * breaking, tables and pagination can be tested and fuzzed on numbers.
 * Usage: lay_fonts_load, lay_document, hand the result to pdf_write, then
 * lay_result_free and lay_fonts_free. Coordinates are points with the
 * origin at the page's top-left corner and y growing downwards; the PDF
 * writer flips them. A text box's (x, y) is the start of its baseline.
 *
 * Ownership: a lay_result owns its pages, their boxes and every string in
 * them; lay_result_free releases all of it. Boxes point into the document
 * (drawings, image paths) and into the fonts, which must outlive the result. */
#ifndef RAPPORT_LAYOUT_H
#define RAPPORT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "doc/doc.h"
#include "project/locale.h"
#include "project/theme.h"
#include "util/diag.h"
#include "layout/font.h"
#include "layout/grid.h"
#include "layout/hyphen.h"

typedef enum {
  LB_TEXT,    /* text at baseline (x, y): font, size, colour */
  LB_RULE,    /* line from (x, y) to (x + w, y + h), width lw */
  LB_RECT,    /* filled rectangle, top-left (x, y), size w x h */
  LB_DRAWING, /* chart: drawing scaled by `scale`, top-left (x, y) */
  LB_IMAGE,   /* image file `text`, top-left (x, y), size w x h */
  LB_LINK,    /* clickable area; `text` is "#id" (internal) or a URI */
  LB_DEST     /* named destination `text` at height y */
} lay_box_kind;

/* What a box's content is in the tagged PDF's structure (pdf/tags.h),
 * together with lay_box.node. */
typedef enum {
  LR_NONE,       /* the content of node; without a node, decoration (a
                    rule, shading, a dot leader): a layout artifact */
  LR_PAGINATION, /* running head, page number, a table's repeated header
                    rows and "continued" line: a pagination artifact */
  LR_LBL,        /* a list item's marker (node: the DOC_ITEM) */
  LR_REF,        /* a footnote's reference mark (node: its block) */
  LR_TOCI,       /* a line of the contents or a list of tables or figures
                    (node: the DOC_TOC or list node) */
  LR_TITLE,      /* a line of the title page (no node) */
  LR_AFTER,      /* a paragraph after node (a table's source line) */
  LR_CAPTION,    /* the caption of node printed apart from it: a chart's
                    data table (DOC_CHART_DATA) in the appendix */
  LR_H1,         /* a generated heading of level 1 to 6 (LR_H1 + level -
                    1): the contents' own heading (node: the list) */
  LR_H6 = LR_H1 + 5
} lay_role;

typedef struct {
  lay_box_kind kind;
  /* structure: the document node whose content this is (paragraph,
   * heading, list item, cell, caption, figure, code block, list node),
   * refined by role; NULL with LR_NONE is decoration */
  const doc_node *node;
  unsigned char role;  /* lay_role */
  bool start;          /* the first box of a new LR_TOCI or LR_TITLE line */
  unsigned char hyph;  /* LB_TEXT: 1 = ends in an inserted hyphen, 2 = the
                          rest of that word, first on the next line */
  double x, y, w, h;
  double size;       /* LB_TEXT font size; LB_DRAWING scale */
  double lw;         /* LB_RULE line width */
  long colour;       /* 0xRRGGBB */
  font *font;        /* LB_TEXT */
  char *text;        /* owned; see kind */
  const doc_drawing *drawing; /* LB_DRAWING (owned by the doc) */
  const doc_node *span; /* LB_TEXT: the DOC_SPAN of another language it
                           is in (its info the language), or NULL */
} lay_box;

typedef struct {
  lay_box *v;
  size_t len, cap;
} lay_boxes;

typedef struct {
  lay_boxes b;
  int number; /* printed page number (1-based physical page) */
  double width, height; /* this page's size: the result's, or swapped for
                           a landscape table's page */
} lay_page;

/* A heading as it landed: for the outline and the tests. */
typedef struct {
  char *title; /* plain text, with its number if numbered */
  char *dest;  /* destination name */
  int level;
  int page;    /* 0-based page index */
  double y;
} lay_heading;

/* The fonts layout measures with, and the PDF writer embeds. heading and
 * chart may be the same family as body (or chart as heading). */
typedef struct {
  font_family *body, *heading, *mono;
  font_family *chart; /* text in charts; NULL if the fonts did not load */
  hyphenator *hyph;   /* may be NULL: no hyphenation */
} lay_fonts;

/* Loads the families theme t names (fonts.body, fonts.heading, fonts.mono,
 * fonts.chart; t may be NULL for the defaults) and the hyphenation of the
 * document's language. 0, or -1 with an error in diags if a family cannot
 * be loaded; either way free f with lay_fonts_free. */
int lay_fonts_load(const doc *d, const theme *t, lay_fonts *f,
                   diag_list *diags);
void lay_fonts_free(lay_fonts *f);
/* The family lay_fonts_load would give charts (fonts.chart, else
 * fonts.heading, else fonts.body), alone: for measuring chart text before
 * layout (script_config.measure). NULL, with an error in diags, when it
 * cannot be loaded. Free with font_family_free. */
font_family *lay_chart_family_load(const theme *t, diag_list *diags);

typedef struct {
  lay_page *pages;
  size_t npages, cap;
  lay_heading *headings;
  size_t nheadings, hcap;
  double page_width, page_height;
  /* text area, for checks */
  double left, right, top, bottom;
  /* statistics for tests and the closing note */
  size_t lines, hyphenated_lines, max_hyphen_run, overfull_lines;
  size_t forced_breaks; /* page breaks that had to break a keep rule
                           (widow, orphan, heading with its text) */
  char *running_title; /* the title as the running head shows it: cut to
                          its width with an ellipsis (owned) */
  lay_grids grids; /* every table's grid (grid.h), in document order; still
                      there after pdf_write has spent the pages */
} lay_result;

/* Lays out d with theme t and locale words l. Returns 0, or -1 with an error
 * in diags. On return r holds the pages (free with lay_result_free). d must
 * have been through resolve_structure: heading numbers, the contents, the
 * lists of tables and figures and the date come from there. */
int lay_document(const doc *d, const theme *t, const locale *l,
                 const lay_fonts *f, lay_result *r, diag_list *diags);
void lay_result_free(lay_result *r);

/* The data table (DOC_CHART_DATA) behind the chart of figure, NULL if it
 * has none: lay_document prints it in an appendix after the text, with a
 * link from "Figur N." to it and back ("Data bag figurerne"). */
const doc_node *lay_chart_data_of(const doc_node *figure);

#endif
