/* anon.c - STUB: to be replaced by the anonymisation stage. */
#include "anon.h"

#include <stdlib.h>

#include "util/mem.h"

anon_map *anon_load(const char *path, diag_list *diags) {
  diag_error(diags, path, 0, 0, "anonymisering er ikke implementeret");
  return NULL;
}
void anon_free(anon_map *m) { (void)m; }
void anon_apply(const anon_map *m, doc *d) { (void)m; (void)d; }
char *anon_text(const anon_map *m, const char *s) { (void)m; return xstrdup(s); }
int anon_scan_output(const anon_map *m, const char *path, diag_list *diags) {
  (void)m; (void)path; (void)diags; return -1;
}
int anon_names_report(const anon_map *m, const doc *d,
                      const char *allow_list_path, FILE *out) {
  (void)m; (void)d; (void)allow_list_path; (void)out; return 0;
}
