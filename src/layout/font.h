/* font.h - font families found through fontconfig, as metrics: the file,
 * its widths, kerning and ascent, and the characters a document draws with
 * it (for the subset the PDF embeds). No PDF library is involved: the PDF
 * writer (pdf/font.c) embeds a font from font_file / font_subset.
 *
 * Usage: font_family_load for each family the theme names, then measure.
 * Measuring reads the font file itself (cmap, hmtx) rounded as the PDF
 * library rounds, so it equals the widths the PDF's /W holds and what the
 * viewer advances (a unit test of the PDF writer checks every BMP code
 * point); kerning is read from the font file too ('kern' format 0, or GPOS
 * pair adjustment), which libharu ignores: the painter applies it.
 *
 * Each font file is loaded once while some family holds it (families that
 * share files share the font, and its marks). All text given to these
 * functions is UTF-8; invalid bytes count as U+FFFD. */
#ifndef RAPPORT_FONT_H
#define RAPPORT_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"

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
 * is replaced by its substitute, with a warning) and reads their metrics.
 * NULL (with an error) if the family cannot be found at all or its file is
 * not a TrueType the PDF can embed. */
font_family *font_family_load(const char *family, diag_list *diags);
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

const char *font_file(const font *f);
/* The face's index in a collection (.ttc); 0 for a plain file. */
int font_index(const font *f);
/* Marks the characters of UTF-8 text s[0..n) as drawn with f (a code point
 * above U+FFFF as a space, which is how it is drawn), for font_subset. */
void font_mark_text(font *f, const char *s, size_t n);
/* Forgets the marks of the family's fonts: one document's PDF is written,
 * and a font kept loaded for the next one (the chart font the templates
 * measure with) must embed only what that one draws. */
void font_family_clear_marks(font_family *f);
/* The TrueType subset of the characters marked so far (see subset.h),
 * malloc'd, its length in *len: much less work for the PDF library than
 * the whole file, and a smaller PDF. NULL if nothing was marked or the
 * file cannot be subset; then the whole file is to be embedded. */
unsigned char *font_subset(const font *f, size_t *len);
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

/* Kerned drawing where the output has no kerned-text operator:
 * font_kern_runs cuts s[0..n) at every kerned pair into pieces and calls
 * cb(ctx, piece, len, x) for each, where x is the piece's offset in points
 * from the start of s (kerning of all earlier pairs included). Drawing each
 * piece at x0 + x reproduces font_text_width exactly. Text without kerned
 * pairs is one call with x = 0. Returns the number of pieces. Pieces never
 * cut a UTF-8 sequence. */
typedef void (*font_run_cb)(void *ctx, const char *piece, size_t len,
                            double x);
size_t font_kern_runs(font *f, const char *s, size_t n, double size,
                      font_run_cb cb, void *ctx);

#endif
