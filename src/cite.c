/* cite.c - STUB: to be replaced by the citation stage. */
#include "cite.h"

bib *bib_load(const char *path, diag_list *diags) {
  diag_error(diags, path, 0, 0, "litteraturlister er ikke implementeret");
  return NULL;
}
void bib_free(bib *b) { (void)b; }
int cite_process(doc *d, const bib *b, script *s, diag_list *diags) {
  (void)d; (void)b; (void)s; (void)diags; return 0;
}
