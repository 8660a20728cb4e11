/* haru.h - what the PDF writer relies on inside libharu, beyond its
 * public API: the one place that reads libharu's private structures or
 * calls its internal functions, checked against libharu PDF_HARU_VERSION
 * (Debian bookworm's libhpdf 2.3.0). test_pdf_haru fails if the installed
 * library is another version or any of this stops behaving as described;
 * then read this file's functions against the new library's sources.
 *
 * Only pdf*.c use this; everything before the PDF writer (layout included)
 * knows nothing of libharu. */
#ifndef RAPPORT_PDF_HARU_H
#define RAPPORT_PDF_HARU_H

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* test_pdf_haru compares it with HPDF_GetVersion() of the library linked */
#define PDF_HARU_VERSION "2.3.0"

/* Registers the TrueType font d[0..n) (copied) with pdf to be embedded, as
 * HPDF_LoadTTFontFromFile does for a file (with the same subset tag
 * sequence, so the names in the PDF are the same), and returns its name for
 * HPDF_GetFont; NULL if libharu refuses it (the error is reset). */
const char *pdf_haru_load_ttf(HPDF_Doc pdf, const unsigned char *d, size_t n);

/* Moves what libharu has written into pg's content stream so far to the
 * end of out, and empties the stream. */
void pdf_haru_take_page(HPDF_Page pg, buf *out);

/* The object number of pg's content stream (for pdf_fix_with). */
unsigned pdf_haru_contents_obj(HPDF_Page pg);

/* Marks code point cp as drawn with hf, so its glyph is embedded: libharu
 * embeds a TrueType glyph only once it has measured it, and text written
 * past its TextOut is not measured. Nothing for a font that is not a
 * TrueType one. */
void pdf_haru_use_char(HPDF_Font hf, uint16_t cp);

/* What libharu's object API (hpdf_objects.h: dictionaries, arrays, an
 * object made indirect by adding it to the cross-reference table) needs of
 * the document, for the structure tree pdf_tags writes: its allocator, its
 * cross-reference table, and the catalog to hang the tree on. */
HPDF_MMgr pdf_haru_mmgr(HPDF_Doc pdf);
HPDF_Xref pdf_haru_xref(HPDF_Doc pdf);
HPDF_Dict pdf_haru_catalog(HPDF_Doc pdf);

/* The object number of an indirect object o (a page, an annotation, a
 * dictionary added to the cross-reference table). */
unsigned pdf_haru_obj_num(HPDF_Dict o);

/* The number libharu writes for a real (its HPDF_FToA: clamped to
 * +-32767, five decimals, truncated), in units of 1e-5. */
long long pdf_haru_real_units(HPDF_REAL v);

/* Adds to pdf's catalog a /Metadata stream (/Type /Metadata /Subtype /XML)
 * holding the XMP packet x[0..n), left without a filter as PDF/A wants it
 * (pdf_fix leaves a /Type /Metadata stream alone). False if libharu
 * refuses (out of memory: the error handler has been called). */
bool pdf_haru_add_metadata(HPDF_Doc pdf, const char *x, size_t n);

/* Adds to pdf's catalog /OutputIntents with one GTS_PDFA1 output intent
 * whose DestOutputProfile is the ICC profile icc[0..n) (3 components,
 * deflated), named ident. False as for pdf_haru_add_metadata. */
bool pdf_haru_add_output_intent(HPDF_Doc pdf, const unsigned char *icc,
                                size_t n, const char *ident);

/* Sets the Print flag (/F 4) on every annotation of every page, as PDF/A
 * requires (libharu writes no /F). */
bool pdf_haru_print_annots(HPDF_Doc pdf);

#endif
