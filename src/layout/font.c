/* font.c - STUB: to be replaced by the text engine. */
#include "font.h"

font_family *font_family_load(HPDF_Doc pdf, const char *family, diag_list *diags) {
  (void)pdf;
  diag_error(diags, NULL, 0, 0, "skrifttypen %s: ikke implementeret", family);
  return NULL;
}
void font_family_free(font_family *f) { (void)f; }
font *font_family_get(font_family *f, font_style style) { (void)f; (void)style; return NULL; }
HPDF_Font font_hpdf(const font *f) { (void)f; return NULL; }
const char *font_file(const font *f) { (void)f; return ""; }
double font_text_width(font *f, const char *s, size_t n, double size) { (void)f; (void)s; return (double)n * size * 0.5; }
double font_char_width(font *f, uint32_t cp, double size) { (void)f; (void)cp; return size * 0.5; }
int font_kern(const font *f, uint32_t l, uint32_t r) { (void)f; (void)l; (void)r; return 0; }
bool font_has_glyph(const font *f, uint32_t cp) { (void)f; (void)cp; return true; }
double font_ascent(const font *f, double size) { (void)f; return size * 0.8; }
double font_descent(const font *f, double size) { (void)f; return -size * 0.2; }
