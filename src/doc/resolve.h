/* resolve.h - the resolve stage: the document's structure, worked out once
 * for every writer.
 *
 * The pipeline is: chapters parsed, citations processed, doc_resolve (ids,
 * table/figure/footnote numbers, cross-reference texts), anonymisation for a
 * public edition, then resolve_structure, then the writers. This stage is
 * its two steps, doc_resolve and resolve_structure. The writers (HTML, PDF
 * layout, and any later one) render what it computed and do not number or
 * select anything themselves, so the PDF's "Indhold" and the
 * HTML's contents list the same entries at the same depth. */
#ifndef RAPPORT_RESOLVE_H
#define RAPPORT_RESOLVE_H

#include "doc/doc.h"
#include "project/locale.h"
#include "project/theme.h"
#include "util/diag.h"

/* The references: after all chapters and the citations are in, numbers
 * tables and figures that have a caption (and are not DOC_UNNUMBERED) and
 * footnotes, gives headings ids (slugs) where missing, checks ids are
 * unique, resolves DOC_XREF (its children become the display text, "tabel 3"
 * from the locale words given, or the heading's title) and footnote
 * references. Unknown labels and duplicate ids are errors (-1; 0 without).
 * Runs before anonymisation, which rewrites ids and references alike. */
typedef struct {
  const char *table_word;  /* "tabel" */
  const char *figure_word; /* "figur" */
  const char *section_word;/* "afsnit" */
} doc_words;
int doc_resolve(doc *d, const doc_words *w, diag_list *diags);

/* The contents depth when the theme does not set `toc.depth`: chapters and
 * their sections, as the follow-research reports it is made for list them. */
#define RESOLVE_TOC_DEPTH 2

/* Fills d->res (replacing an earlier one) and each heading's number_text, in
 * one walk over the tree:
 * - section numbers "2.1" for headings of levels 1-3 that are not
 *   DOC_UNNUMBERED, when the theme sets heading.numbered = true (t may be
 *   NULL: defaults);
 * - the contents: every heading of level <= toc.depth (theme, default
 *   RESOLVE_TOC_DEPTH) not flagged DOC_NOT_IN_TOC, numbered or not (the
 *   literature list is an unnumbered heading and belongs there), outside
 *   footnotes;
 * - the lists of tables and figures: those doc_resolve numbered;
 * - the date: d->meta.date "YYYY-MM-DD" in the display form of the
 *   document's language with the month names of l ("30. juni 2025"), and the
 *   machine form; any other text is shown as written.
 * Must run after doc_resolve and after anonymisation, so that every title it
 * copies is the edition's final text. */
void resolve_structure(doc *d, const theme *t, const locale *l);

#endif
