/* font.h - font families found through fontconfig, loaded into libharu, and
 * measured with their real metrics. */
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
 * back to the nearest one, with a warning) and loads them into pdf. Must be
 * called after HPDF_UseUTFEncodings. NULL (with an error) if the family
 * cannot be found at all. */
font_family *font_family_load(HPDF_Doc pdf, const char *family,
                              diag_list *diags);
void font_family_free(font_family *f);
font *font_family_get(font_family *f, font_style style);

HPDF_Font font_hpdf(const font *f);
const char *font_file(const font *f);
/* Width of UTF-8 text in points at size, kerning included. */
double font_text_width(font *f, const char *s, size_t n, double size);
double font_char_width(font *f, uint32_t cp, double size);
/* Kerning between two code points in 1/1000 em (0 if none). */
int font_kern(const font *f, uint32_t left, uint32_t right);
bool font_has_glyph(const font *f, uint32_t cp);
double font_ascent(const font *f, double size);  /* positive */
double font_descent(const font *f, double size); /* negative */

#endif
