/* pdf.c - STUB: to be replaced by the PDF writer. */
#include "pdf.h"

int pdf_write(const doc *d, const theme *t, const locale *l, const char *path,
              pdf_options *opt, diag_list *diags) {
  (void)d; (void)t; (void)l; (void)opt;
  diag_error(diags, path, 0, 0, "PDF er ikke implementeret");
  return -1;
}
