/* table.c - tables as Word tables: "Tabel N. caption" above, header rows
 * marked to repeat on each page (w:tblHeader), column widths, the PDF's
 * fills (header, stripes, a cell's own), spanned cells (w:gridSpan), rows
 * kept whole where the PDF keeps them whole, and the source note below.
 *
 * Column widths: the table's own relative widths when the component gave
 * them, else measured from the text as the PDF layout measures it (the
 * longest word is what a column keeps, the whole text what it would like),
 * in characters of an average width rather than font metrics: the layout's
 * measures need its fonts, which the Word edition leaves to Word. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx/internal.h"
#include "util/mem.h"
#include "util/utf8.h"

/* a row of fewer lines than this is never split over two pages
   (S_SPLIT_MIN_LINES of layout/table.c) */
#define S_SPLIT_MIN_LINES 4
/* an average character of body text, in em */
#define S_CHAR_EM 0.5

static int S_span(const doc_node *cell) {
  return cell->colspan > 1 ? cell->colspan : 1;
}

/* Characters of the cell's text (*all) and of its longest word (*word). */
static void S_measure(const doc_node *cell, double *all, double *word) {
  char *t = doc_plain_text(cell);
  size_t n = strlen(t), cur = 0, longest = 0, total = 0;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    i += (size_t)utf8_decode(t + i, n - i, &cp);
    total++;
    if (cp == ' ' || cp == '\n' || cp == '-')
      cur = 0;
    else if (++cur > longest)
      longest = cur;
  }
  free(t);
  *all = (double)total;
  *word = (double)longest;
}

/* Widths in points that add up to width, one per column. */
static double *S_widths(docx_ctx *x, const doc_node *tab, int nc,
                        double width) {
  double *w = xcalloc((size_t)nc, sizeof *w);
  double em = x->table_size * S_CHAR_EM, pad = 2 * 4.0;
  double swid = 0;
  if (tab->widths)
    for (int i = 0; i < nc; i++)
      swid += tab->widths[i] > 0 ? tab->widths[i] : 0;
  if (swid > 0) {
    for (int i = 0; i < nc; i++)
      w[i] = width * (tab->widths[i] > 0 ? tab->widths[i] : 0) / swid;
    return w;
  }
  double *mn = xcalloc((size_t)nc, sizeof *mn);
  double *pf = xcalloc((size_t)nc, sizeof *pf);
  for (const doc_node *row = tab->first; row; row = row->next) {
    if (row->type != DOC_TABLE_ROW)
      continue;
    int col = 0;
    for (const doc_node *c = row->first; c && col < nc; c = c->next) {
      if (S_span(c) == 1) {
        double all, word;
        S_measure(c, &all, &word);
        mn[col] = fmax(mn[col], word * em + pad);
        pf[col] = fmax(pf[col], all * em + pad);
      }
      col += S_span(c);
    }
  }
  double smin = 0, spref = 0;
  for (int i = 0; i < nc; i++) {
    mn[i] = fmin(fmax(mn[i], 3 * em + pad), width * 0.45);
    pf[i] = fmax(pf[i], mn[i]);
    smin += mn[i];
    spref += pf[i];
  }
  for (int i = 0; i < nc; i++) {
    if (spref <= width)
      w[i] = pf[i] + (width - spref) * (spref > 0 ? pf[i] / spref : 1.0 / nc);
    else if (smin >= width)
      w[i] = width * mn[i] / smin;
    else /* the room above the minimums shared as the text wants it */
      w[i] = mn[i] + (width - smin) * (pf[i] - mn[i]) / (spref - smin);
  }
  free(mn);
  free(pf);
  return w;
}

/* The lines a row needs in its tallest cell, estimated from its text. */
static double S_row_lines(docx_ctx *x, const doc_node *row, const double *w,
                          int nc) {
  double lines = 1, em = x->table_size * S_CHAR_EM;
  int col = 0;
  for (const doc_node *c = row->first; c && col < nc; c = c->next) {
    double span_w = 0;
    for (int k = col; k < col + S_span(c) && k < nc; k++)
      span_w += w[k];
    double all, word;
    S_measure(c, &all, &word);
    double per_line = fmax(1, (span_w - 8) / em);
    lines = fmax(lines, ceil(all / per_line));
    col += S_span(c);
  }
  return lines;
}

static void S_border(buf *b, const char *side, double width, long colour) {
  buf_printf(b, "<w:%s w:val=\"single\" w:sz=\"%ld\" w:space=\"0\" "
                "w:color=\"%06lX\"/>",
             side, (long)(width * 8 + 0.5), colour & 0xffffff);
}

void docx_table(docx_ctx *x, const doc_node *tab) {
  buf *b = x->out;
  int nc = tab->ncols > 0 ? tab->ncols : 1;
  const doc_node *cap = NULL;
  for (const doc_node *c = tab->first; c; c = c->next)
    if (c->type == DOC_CAPTION)
      cap = c;
  int bm = docx_mark_of(x, tab);
  const char *word = locale_get(x->l, "table");
  if (cap) {
    buf_puts(b, "<w:p><w:pPr><w:pStyle w:val=\"Caption\"/><w:keepNext/>"
                "</w:pPr>");
    docx_bookmark_start(x, bm);
    if (tab->number > 0)
      docx_caption_label(x, word, tab->number);
    docx_inlines(x, cap, NULL);
    docx_bookmark_end(x, bm);
    buf_puts(b, "</w:p>");
  } else if (bm) { /* a link to a table without caption lands above it */
    buf_puts(b, "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/><w:keepNext/>"
                "</w:pPr>");
    docx_bookmark_start(x, bm);
    docx_bookmark_end(x, bm);
    buf_puts(b, "</w:p>");
  }
  double *w = S_widths(x, tab, nc, x->text_width);
  buf_puts(b, "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/>");
  buf_printf(b, "<w:tblW w:w=\"%ld\" w:type=\"dxa\"/>",
             DOCX_TWIPS(x->text_width));
  buf_puts(b, "<w:tblLayout w:type=\"fixed\"/><w:tblBorders>");
  S_border(b, "top", x->table_rule_w * 1.4, x->table_rule);
  S_border(b, "bottom", x->table_rule_w * 1.4, x->table_rule);
  buf_puts(b, "</w:tblBorders><w:tblLook w:val=\"0020\" w:firstRow=\"1\" "
              "w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" "
              "w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
  for (int i = 0; i < nc; i++)
    buf_printf(b, "<w:gridCol w:w=\"%ld\"/>", DOCX_TWIPS(w[i]));
  buf_puts(b, "</w:tblGrid>");
  size_t ri = 0;
  bool keep_all = (tab->flags & DOC_KEEP_TOGETHER) != 0;
  for (const doc_node *r = tab->first; r; r = r->next) {
    if (r->type != DOC_TABLE_ROW)
      continue;
    bool header = (r->flags & DOC_HEADER_ROW) != 0;
    buf_puts(b, "<w:tr><w:trPr>");
    /* as the PDF: a row of few lines stays whole on its page */
    if (header || S_row_lines(x, r, w, nc) < S_SPLIT_MIN_LINES)
      buf_puts(b, "<w:cantSplit/>");
    if (header)
      buf_puts(b, "<w:tblHeader/>");
    buf_puts(b, "</w:trPr>");
    int col = 0;
    for (const doc_node *c = r->first; c && col < nc; c = c->next) {
      int span = S_span(c);
      if (col + span > nc)
        span = nc - col;
      double cw = 0;
      for (int k = col; k < col + span; k++)
        cw += w[k];
      long fill = c->fill >= 0                       ? c->fill
                  : header                           ? x->table_head_fill
                  : (x->table_stripe >= 0 && ri % 2 == 1) ? x->table_stripe
                                                         : -1;
      buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%ld\" w:type=\"dxa\"/>",
                 DOCX_TWIPS(cw));
      if (span > 1)
        buf_printf(b, "<w:gridSpan w:val=\"%d\"/>", span);
      if (header) {
        buf_puts(b, "<w:tcBorders>");
        S_border(b, "bottom", x->table_rule_w, x->table_rule);
        buf_puts(b, "</w:tcBorders>");
      }
      if (fill >= 0)
        buf_printf(b, "<w:shd w:val=\"clear\" w:color=\"auto\" "
                      "w:fill=\"%06lX\"/>",
                   fill & 0xffffff);
      buf_puts(b, "</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/>");
      if (header || keep_all)
        buf_puts(b, "<w:keepNext/>");
      if (c->align == 'r')
        buf_puts(b, "<w:jc w:val=\"right\"/>");
      else if (c->align == 'c')
        buf_puts(b, "<w:jc w:val=\"center\"/>");
      buf_puts(b, "</w:pPr>");
      docx_inlines(x, c, header || (c->flags & DOC_STRONG_CELL) ? "<w:b/>"
                                                                : NULL);
      buf_puts(b, "</w:p></w:tc>");
      col += span;
    }
    for (; col < nc; col++) /* a short row is filled up: Word needs every
                               grid column covered */
      buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%ld\" w:type=\"dxa\"/>"
                    "</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/>"
                    "</w:pPr></w:p></w:tc>",
                 DOCX_TWIPS(w[col]));
    buf_puts(b, "</w:tr>");
    ri++;
  }
  buf_puts(b, "</w:tbl>");
  free(w);
  if (tab->title && *tab->title) {
    buf_puts(b, "<w:p><w:pPr><w:pStyle w:val=\"SourceNote\"/></w:pPr>");
    buf t = BUF_INIT;
    buf_printf(&t, "%s: %s", locale_get(x->l, "source"), tab->title);
    docx_run(x, buf_cstr(&t), NULL);
    buf_free(&t);
    buf_puts(b, "</w:p>");
  } else {
    /* two tables in a row would merge into one in Word */
    buf_puts(b, "<w:p><w:pPr><w:pStyle w:val=\"AfterTable\"/></w:pPr></w:p>");
  }
}
