/* html.h - writes the document tree as one self-contained HTML5 file. */
#ifndef RAPPORT_HTML_H
#define RAPPORT_HTML_H

#include "doc.h"
#include "locale.h"
#include "theme.h"
#include "util/diag.h"

/* Writes atomically (temporary file, then rename). 0 or -1. */
int html_write(const doc *d, const theme *t, const locale *l,
               const char *path, diag_list *diags);

#endif
