/* font.h - the layout's fonts (metrics, layout/font.h) as libharu fonts:
 * each is loaded into the document the first time it is asked for, as the
 * subset of the characters marked on it (font_mark_text) or, if there are
 * none or the file cannot be subset, as the whole file. libharu spends tens
 * of milliseconds on a whole font (it builds a 64K-entry glyph map by a
 * linear search of the cmap), so mark everything the document draws first.
 *
 * Needs HPDF_UseUTFEncodings(pdf) called before (libharu gives no "UTF-8"
 * font without it). */
#ifndef RAPPORT_PDF_FONT_H
#define RAPPORT_PDF_FONT_H

#include <hpdf.h>

#include "layout/font.h"

typedef struct pdf_fonts pdf_fonts;

/* An empty table for pdf; free it before HPDF_Free(pdf). */
pdf_fonts *pdf_fonts_new(HPDF_Doc pdf);
void pdf_fonts_free(pdf_fonts *t);

/* f's libharu font, loaded on the first call; NULL if libharu refused it
 * (then every later call gives NULL too, without trying again). */
HPDF_Font pdf_fonts_get(pdf_fonts *t, const font *f);

#endif
