/* markdown.c - STUB: to be replaced by the Markdown stage. */
#include "markdown.h"

int markdown_parse_file(doc *d, const char *path, const char *display_path,
                        script *s, diag_list *diags) {
  (void)d; (void)path; (void)s;
  diag_error(diags, display_path, 0, 0, "Markdown er ikke implementeret");
  return -1;
}
int markdown_parse_string(doc *d, doc_node *parent, const char *text,
                          const char *file, int line, diag_list *diags) {
  (void)d; (void)parent; (void)text; (void)file; (void)line; (void)diags;
  return -1;
}
