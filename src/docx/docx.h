/* docx.h - writes the document tree as a Word document (Office Open XML,
 * .docx): Word's own styles, lists, footnotes, caption and contents
 * fields, so that its navigation pane, outline and field updates work. */
#ifndef RAPPORT_DOCX_H
#define RAPPORT_DOCX_H

#include "doc/doc.h"
#include "layout/layout.h"
#include "project/locale.h"
#include "project/theme.h"
#include "util/diag.h"

/* Writes path atomically (fs_write_atomic). 0, or -1 with diagnostics. d
 * must have been through resolve_structure: the contents, the numbers, the
 * cross-reference texts and the date come from there. lr is the PDF
 * layout's result for d (lay_document; its pages may have been spent by
 * pdf_write): its grids give the tables their column widths and say which
 * rows may break over pages, and its running title heads the pages, as in
 * the PDF. Two calls with the
 * same tree give the same bytes: the archive's times are the document's
 * source date (d->meta.source_epoch), its parts are in a fixed order, and
 * each is deflated the same way. */
int docx_write(const doc *d, const theme *t, const locale *l,
               const lay_result *lr, const char *path, diag_list *diags);

#endif
