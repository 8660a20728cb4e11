/* font.h - font families found through fontconfig, loaded into libharu, and
 * measured with their real metrics.
 *
 * Usage: the caller creates the HPDF_Doc, calls HPDF_UseUTFEncodings(pdf)
 * (without it libharu cannot give a "UTF-8" font and font_hpdf returns
 * NULL), then font_family_load for each family the theme names. Measuring
 * reads the font file itself (cmap, hmtx) with libharu's rounding, so it
 * equals HPDF_Font_GetUnicodeWidth and what the PDF viewer advances (a unit
 * test checks every BMP code point); kerning is read from the font file too
 * ('kern' format 0, or GPOS pair adjustment), which libharu ignores: the
 * painter applies it with font_kern_runs. A style is loaded into libharu
 * (and embedded) only when font_hpdf is first called for it, because
 * libharu spends tens of milliseconds per font building its glyph map.
 *
 * Each font file is loaded once per HPDF_Doc (families that share files
 * share the font). Free every family before HPDF_Free(pdf). All text given
 * to these functions is UTF-8; invalid bytes count as U+FFFD. */
#ifndef RAPPORT_FONT_H
#define RAPPORT_FONT_H

#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../util/diag.h"

typedef enum {
  FONT_REGULAR = 0,
  FONT_BOLD = 1,
  FONT_ITALIC = 2,
  FONT_BOLD_ITALIC = 3
} font_style;

typedef struct font font;
typedef struct font_family font_family;

/* Finds the family's four styles through fontconfig (a missing style falls
 * back to the nearest one, with a warning; a family fontconfig does not have
 * is replaced by its substitute, with a warning) and loads them into pdf.
 * pdf may be NULL to measure only (font_hpdf then gives NULL). NULL (with
 * an error) if the family cannot be found at all or its file is not a
 * TrueType libharu can embed. */
font_family *font_family_load(HPDF_Doc pdf, const char *family,
                              diag_list *diags);
void font_family_free(font_family *f);
/* Never NULL for a loaded family. */
font *font_family_get(font_family *f, font_style style);

/* Loads fontconfig's configuration now (it is loaded on first use too):
 * called before editions are forked, so each child inherits it instead of
 * parsing it again (some 26 M instructions each). False if it failed. */
bool font_prepare(void);

/* Releases fontconfig's state; call once at exit, after every family is
 * freed, so that leak checkers see a clean run. */
void font_shutdown(void);

/* The libharu font, loaded on the first call; NULL if there is no document
 * or libharu refused it (HPDF_UseUTFEncodings not called). */
HPDF_Font font_hpdf(const font *f);
const char *font_file(const font *f);
/* Marks the characters of UTF-8 text s[0..n) as drawn with f. If any text
 * was marked when font_hpdf first loads f, only the marked characters are
 * embedded (a subset built in memory, see subset.h): much less work for
 * libharu and a smaller PDF. So mark everything a document draws with f
 * before its first font_hpdf; without marks the whole font is loaded. */
void font_mark_text(font *f, const char *s, size_t n);
/* The family name fontconfig reports for the file actually used. */
const char *font_family_name(const font *f);
/* Width of UTF-8 text in points at size, kerning included. */
double font_text_width(font *f, const char *s, size_t n, double size);
/* Advance of one code point in points (no kerning). */
double font_char_width(font *f, uint32_t cp, double size);
/* Kerning between two code points in 1/1000 em (0 if none; negative pulls
 * the pair together). */
int font_kern(const font *f, uint32_t left, uint32_t right);
bool font_has_glyph(const font *f, uint32_t cp);
double font_ascent(const font *f, double size);  /* positive */
double font_descent(const font *f, double size); /* negative */

/* Kerned drawing with libharu, which has no TJ operator: font_kern_runs cuts
 * s[0..n) at every kerned pair into pieces and calls cb(ctx, piece, len, x)
 * for each, where x is the piece's offset in points from the start of s
 * (kerning of all earlier pairs included). Drawing each piece with
 * HPDF_Page_TextOut(page, x0 + x, y, piece) reproduces font_text_width
 * exactly (libharu wants a NUL-terminated string: copy the piece). Text
 * without kerned pairs is one call with x = 0. Returns the
 * number of pieces. Pieces never cut a UTF-8 sequence. */
typedef void (*font_run_cb)(void *ctx, const char *piece, size_t len,
                            double x);
size_t font_kern_runs(font *f, const char *s, size_t n, double size,
                      font_run_cb cb, void *ctx);

#endif
