/* text.h - the pages' operators: text kerned, one TJ array per run of
 * boxes on a baseline, fill colours and rectangles, and (moved over in
 * order) whatever libharu writes on the page.
 *
 * libharu has no TJ operator, and its TextOut costs an encoder pass, a
 * width pass and a Td per call: kerned text would be one call per piece.
 * This writer puts each run of boxes with the same font, size and baseline
 * into one array, `[(\0A)80(\0V) -312.5(\0 )] TJ` (\0 standing for a zero
 * byte): the codes are the Unicode code points as two bytes in a literal
 * string, with ( ), backslash and CR escaped (libharu's UTF-8 fonts are
 * Identity-H with CID = code point), the numbers are the kerning and the
 * gaps between boxes in 1/1000 em. Glyph positions within a box are
 * those of font_text_width; each array starts where HPDF_Page_TextOut would have put the box (its
 * float arithmetic and five decimals reproduced), so text extractors see
 * the page as before.
 *
 * libharu embeds only the glyphs it has seen measured, so every code point
 * written is also passed once to its TrueType font definition (the /W
 * widths and the CIDToGIDMap libharu builds from the font's cmap; with a
 * subset, font_mark_text must have marked the text before pdf_fonts_get
 * loaded the font).
 *
 * The writer keeps each page's operators itself (libharu copies every
 * byte of a stream one at a time, twice): what libharu writes on the page
 * (BT, Tf, rules, charts, images) is moved over before each of the
 * writer's own operators, and at the end pdf_fix puts each page's
 * operators into its content stream (see pdf_text_contents).
 *
 * Usage per page: paint in order; per text object HPDF_Page_BeginText,
 * pdf_text_begin, then pdf_text_show for each box; pdf_text_flush (it
 * closes the open array) before any libharu call on the page; at the end
 * of the page pdf_text_end_page. */
#ifndef RAPPORT_PDF_TEXT_H
#define RAPPORT_PDF_TEXT_H

#include <hpdf.h>
#include <stddef.h>

#include "layout/font.h"
#include "pdf/finish.h"
#include "pdf/font.h"

typedef struct pdf_text pdf_text;

/* One per document, painting with the fonts of pf (which must outlive
 * it): it remembers which glyphs each font has given libharu. */
pdf_text *pdf_text_new(pdf_fonts *pf);
void pdf_text_free(pdf_text *t);

/* Starts a text object on pg (call right after HPDF_Page_BeginText: the
 * line matrix is then the identity); pg becomes the page being painted. */
void pdf_text_begin(pdf_text *t, HPDF_Page pg);

/* Shows UTF-8 s[0..n) with its baseline starting at (x, y) in PDF
 * coordinates. f at size must be the page's current font (set with
 * HPDF_Page_SetFontAndSize after the last flush). Code points above U+FFFF
 * are drawn as spaces, as libharu does. */
void pdf_text_show(pdf_text *t, font *f, double size, double x, double y,
                   const char *s, size_t n);

/* Graphics operators libharu spends thousands of instructions on per call
 * (it clears a buffer for every number), written with the very numbers it
 * would write: the fill colour (0xRRGGBB, valid in and outside text) and
 * a filled rectangle (outside text). pg is the page being painted. */
void pdf_text_rgb_fill(pdf_text *t, HPDF_Page pg, long rgb);
void pdf_text_fill_rect(pdf_text *t, HPDF_Page pg, double x, double y,
                        double w, double h);

/* Writes the operators s[0..n) (marked content: BDC, EMC) next on pg. */
void pdf_text_raw(pdf_text *t, HPDF_Page pg, const char *s, size_t n);

/* Closes the open TJ array: call before any libharu call on the page. */
void pdf_text_flush(pdf_text *t);

/* Finishes the page being painted. */
void pdf_text_end_page(pdf_text *t);

/* The finished pages' operators, each with its page's content stream
 * object, for pdf_fix_with; *out is the caller's to free (the data stays
 * the writer's). Returns the count. */
size_t pdf_text_contents(const pdf_text *t, pdf_fix_stream **out);

#endif
