/* table.c - tables as Word tables: "Tabel N. caption" above, header rows
 * marked to repeat on each page (w:tblHeader), the PDF's column widths,
 * the PDF's fills (header, stripes, a cell's own), spanned cells
 * (w:gridSpan), rows kept whole where the PDF keeps them whole, and the
 * source note below.
 *
 * The grid (column widths, padding, which rows may be split, whether the
 * table stays on one page) is the layout's (layout/grid.h): the layout
 * measured the cells with the PDF's fonts, so Word gets the PDF's
 * proportions rather than an estimate of its own. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx/internal.h"
#include "util/mem.h"

static int S_span(const doc_node *cell) {
  return cell->colspan > 1 ? cell->colspan : 1;
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
  const lay_grid *g = lay_grid_of(&x->lr->grids, tab);
  /* the layout lays out every table with rows; one without gets even
     columns */
  if (g)
    nc = g->ncols;
  /* widths in twips. The layout gives a column its longest word and no
     more, and LibreOffice wraps a word that fills its column to the twip:
     each column gets its width rounded up and a twip more, which the
     widest gives back, so that the table keeps its width */
  long *w = xcalloc((size_t)nc, sizeof *w);
  double width = 0;
  long sum = 0;
  int widest = 0;
  for (int i = 0; i < nc; i++) {
    double pt = g ? g->width[i] : x->text_width / nc;
    width += pt;
    w[i] = (long)ceil(pt * 20) + 1;
    sum += w[i];
    if (w[i] > w[widest])
      widest = i;
  }
  w[widest] -= sum - DOCX_TWIPS(width);
  buf_puts(b, "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/>");
  buf_printf(b, "<w:tblW w:w=\"%ld\" w:type=\"dxa\"/>", DOCX_TWIPS(width));
  if (g && g->indent > 0)
    buf_printf(b, "<w:tblInd w:w=\"%ld\" w:type=\"dxa\"/>",
               DOCX_TWIPS(g->indent));
  buf_puts(b, "<w:tblBorders>");
  S_border(b, "top", x->table_rule_w * 1.4, x->table_rule);
  S_border(b, "bottom", x->table_rule_w * 1.4, x->table_rule);
  buf_puts(b, "</w:tblBorders><w:tblLayout w:type=\"fixed\"/>");
  if (g)
    /* the layout's padding (narrower in a crowded table), on the table
       itself: LibreOffice takes the table style's for Word's default */
    buf_printf(b, "<w:tblCellMar><w:left w:w=\"%ld\" w:type=\"dxa\"/>"
                  "<w:right w:w=\"%ld\" w:type=\"dxa\"/></w:tblCellMar>",
               DOCX_TWIPS(g->pad), DOCX_TWIPS(g->pad));
  buf_puts(b, "<w:tblLook w:val=\"0020\" w:firstRow=\"1\" "
              "w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" "
              "w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
  for (int i = 0; i < nc; i++)
    buf_printf(b, "<w:gridCol w:w=\"%ld\"/>", w[i]);
  buf_puts(b, "</w:tblGrid>");
  size_t ri = 0;
  bool keep_all = g ? g->keep : (tab->flags & DOC_KEEP_TOGETHER) != 0;
  for (const doc_node *r = tab->first; r; r = r->next) {
    if (r->type != DOC_TABLE_ROW)
      continue;
    bool header = (r->flags & DOC_HEADER_ROW) != 0;
    buf_puts(b, "<w:tr><w:trPr>");
    /* as the PDF: a row of few lines stays whole on its page */
    if (!g || ri >= g->nrows || g->whole[ri])
      buf_puts(b, "<w:cantSplit/>");
    if (header)
      buf_puts(b, "<w:tblHeader/>");
    buf_puts(b, "</w:trPr>");
    int col = 0;
    for (const doc_node *c = r->first; c && col < nc; c = c->next) {
      int span = S_span(c);
      if (col + span > nc)
        span = nc - col;
      long cw = 0;
      for (int k = col; k < col + span; k++)
        cw += w[k];
      long fill = c->fill >= 0                       ? c->fill
                  : header                           ? x->table_head_fill
                  : (x->table_stripe >= 0 && ri % 2 == 1) ? x->table_stripe
                                                         : -1;
      buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%ld\" w:type=\"dxa\"/>",
                 cw);
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
                 w[col]);
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
