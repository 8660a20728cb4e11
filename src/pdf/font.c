/* font.c - font -> HPDF_Font, loaded lazily (see font.h). A
 * document has a handful of fonts: a list searched from the last hit. */
#include "pdf/font.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pdf/haru.h"
#include "util/mem.h"

typedef struct {
  const font *f;
  HPDF_Font hf; /* NULL if libharu refused it */
} S_entry;

struct pdf_fonts {
  HPDF_Doc pdf;
  S_entry *v;
  size_t len, cap;
  size_t last; /* the entry found last: text comes in runs of one font */
};

pdf_fonts *pdf_fonts_new(HPDF_Doc pdf) {
  pdf_fonts *t = xcalloc(1, sizeof *t);
  t->pdf = pdf;
  return t;
}

void pdf_fonts_free(pdf_fonts *t) {
  if (!t)
    return;
  free(t->v);
  free(t);
}

/* The subset if there is one, else the whole file (a collection's face by
 * its index); its name for HPDF_GetFont, or NULL. */
static const char *S_load(HPDF_Doc pdf, const font *f) {
  size_t n = 0;
  unsigned char *sub = font_subset(f, &n);
  const char *name = sub ? pdf_haru_load_ttf(pdf, sub, n) : NULL;
  free(sub);
  if (name)
    return name;
  const char *path = font_file(f);
  size_t pl = strlen(path);
  bool ttc = pl > 4 && strcasecmp(path + pl - 4, ".ttc") == 0;
  return font_index(f) > 0 || ttc
             ? HPDF_LoadTTFontFromFile2(pdf, path, (HPDF_UINT)font_index(f),
                                        HPDF_TRUE)
             : HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
}

HPDF_Font pdf_fonts_get(pdf_fonts *t, const font *f) {
  if (!f)
    return NULL;
  if (t->last < t->len && t->v[t->last].f == f)
    return t->v[t->last].hf;
  for (size_t i = 0; i < t->len; i++)
    if (t->v[i].f == f) {
      t->last = i;
      return t->v[i].hf;
    }
  const char *name = S_load(t->pdf, f);
  HPDF_Font hf = name ? HPDF_GetFont(t->pdf, name, "UTF-8") : NULL;
  if (!hf)
    HPDF_ResetError(t->pdf);
  XGROW(t->v, t->cap, t->len + 1);
  t->v[t->len] = (S_entry){f, hf};
  t->last = t->len++;
  return hf;
}
