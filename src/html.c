/* html.c - STUB: to be replaced by the HTML writer. */
#include "html.h"

int html_write(const doc *d, const theme *t, const locale *l, const char *path,
               diag_list *diags) {
  (void)d; (void)t; (void)l;
  diag_error(diags, path, 0, 0, "HTML er ikke implementeret");
  return -1;
}
