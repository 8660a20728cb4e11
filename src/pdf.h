/* pdf.h - lays out the document tree (layout/) and paints the pages with
 * libharu. */
#ifndef RAPPORT_PDF_H
#define RAPPORT_PDF_H

#include "doc.h"
#include "locale.h"
#include "theme.h"
#include "util/diag.h"

typedef struct {
  long long source_epoch; /* creation date; -1 = from doc meta */
  int pages;              /* out: number of pages written */
} pdf_options;

/* Writes atomically (temporary file, then rename). 0 or -1. d must have
 * been through resolve_structure (see lay_document). */
int pdf_write(const doc *d, const theme *t, const locale *l, const char *path,
              pdf_options *opt, diag_list *diags);

#endif
