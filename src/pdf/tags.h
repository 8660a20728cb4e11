/* pdf_tags.h - the tagged PDF (PDF/UA-1): the structure tree, built from
 * the document tree in reading order, and the marked content that ties
 * each page's operators to it.
 *
 * pdf_tags_new makes the elements of the document's blocks (Document, a
 * Sect per chapter, H1-H6, P, L/LI/Lbl/LBody, BlockQuote, Table/THead/
 * TBody/TR/TH/TD, Caption, Figure with /Alt, Note after the block that
 * refers to it, TOC, BibEntry for the literature list). While the pages
 * are painted, pdf_tags_mark is told of every box before it is painted:
 * it opens marked content with an MCID of the box's element (lay_box.node
 * and .role), or an /Artifact (Layout or Pagination), closing the previous
 * one when the element changes; a word hyphenated at a line end gets an
 * /ActualText span holding it whole. Elements that only painting reveals
 * are made then: a line of the contents (TOCI), a footnote's Reference, a
 * Link (holding its text and its annotation). pdf_tags_write sets what libharu's objects need (/MarkInfo,
 * /StructParents and /Tabs /S on the pages, /StructParent and /Contents on
 * the link annotations) and the final pass (pdf_fix_with) writes the
 * elements, the /ParentTree and the /StructTreeRoot. */
#ifndef RAPPORT_PDF_TAGS_H
#define RAPPORT_PDF_TAGS_H

#include <hpdf.h>
#include <stddef.h>

#include "doc/doc.h"
#include "layout/layout.h"
#include "pdf/finish.h"
#include "pdf/text.h"

typedef struct pdf_tags pdf_tags;

/* The structure of d (through resolve_structure) for npages pages (each
 * lay_page gives its own height to the figures' bounding boxes). */
pdf_tags *pdf_tags_new(const doc *d, size_t npages);
void pdf_tags_free(pdf_tags *t);

/* Box i of lp, page `page` (0-based; libharu's pg), is painted next
 * through tx: opens its marked content (closing the open one if it is
 * another). The two parts of a word hyphenated at a line end are each
 * marked as a Span with /ActualText, the whole word on the first (its
 * rest is looked for after it on lp, then on next, which may be NULL);
 * pdf_tags_after closes such a part's marked content. */
void pdf_tags_mark(pdf_tags *t, pdf_text *tx, HPDF_Page pg, size_t page,
                   const lay_page *lp, size_t i, const lay_page *next);
/* After painting the box pdf_tags_mark was last told of. */
void pdf_tags_after(pdf_tags *t, pdf_text *tx, HPDF_Page pg);
/* Closes the open marked content: before EndText and after each pass over
 * a page's boxes. */
void pdf_tags_close(pdf_tags *t, pdf_text *tx, HPDF_Page pg);

/* Before painting page `page` (lp): its link boxes (LB_LINK with a
 * target), in the order their annotations will be made. Each gets a Link
 * element, made where the first text inside it is marked (the Link holds
 * that text: a footnote's mark in its Reference, the number that leads
 * back from a footnote in its Note), or when its annotation comes. */
void pdf_tags_links(pdf_tags *t, size_t page, const lay_page *lp);
/* The annotation of the next link pdf_tags_links was told of (NULL if
 * libharu made none: the Link then stays without one). */
void pdf_tags_annot(pdf_tags *t, HPDF_Annotation a);

/* Hangs the structure tree on pdf, whose pages are pages[0..npages):
 * /MarkInfo and a placeholder /StructTreeRoot in the catalog,
 * /StructParents and /Tabs on the pages, /StructParent and /Contents on
 * the links. Its objects are written by *add, with t as the context, when
 * pdf_fix_with finishes the saved file. 0, or -1 if libharu failed (its
 * error handler has been told). t must outlive the pdf_fix_with. */
int pdf_tags_write(pdf_tags *t, HPDF_Doc pdf, HPDF_Page *pages,
                   size_t npages, pdf_fix_add_fn *add);

#endif
