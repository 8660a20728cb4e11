/* html.h - writes the document tree as one self-contained HTML5 file. */
#ifndef RAPPORT_HTML_H
#define RAPPORT_HTML_H

#include "doc/doc.h"
#include "project/locale.h"
#include "project/theme.h"
#include "util/diag.h"

/* Writes atomically (temporary file, then rename). 0 or -1. d must have
 * been through resolve_structure: the contents, the lists of tables and
 * figures, heading numbers and the date come from there. */
int html_write(const doc *d, const theme *t, const locale *l,
               const char *path, diag_list *diags);

#endif
