/* pdf.h - paints the laid-out pages (layout/) with libharu: the only module
 * that touches the PDF library. */
#ifndef RAPPORT_PDF_H
#define RAPPORT_PDF_H

#include "doc/doc.h"
#include "layout/layout.h"
#include "util/diag.h"

typedef struct {
  long long source_epoch; /* creation date; -1 = from doc meta */
  int pages;              /* out: number of pages written */
} pdf_options;

/* Writes d (through resolve_structure) as laid out in r with the fonts f (those lay_document measured
 * with), atomically (temporary file, then rename). 0 or -1. Each page's
 * boxes but its links and destinations are let go once it is painted, to
 * keep the peak low: r is spent, only for lay_result_free afterwards. */
int pdf_write(const doc *d, lay_result *r, const lay_fonts *f,
              const char *path, pdf_options *opt, diag_list *diags);

#endif
