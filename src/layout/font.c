/* font.c - font families: fontconfig finds the files, sfnt.c reads their
 * character map, widths and kerning (the widths rounded as the PDF will
 * advance), subset.c cuts the embedded subset. Measuring is array
 * indexing over sfnt's BMP tables. */
#include "layout/font.h"

#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/fs.h"
#include "util/mem.h"
#include "util/memo.h"
#include "util/utf8.h"
#include "layout/font_find.h"
#include "layout/sfnt.h"
#include "layout/subset.h"

/* widths: the texts measured before, each with its advance in 1/1000 em
 * (value), which does not depend on the size, so each word is measured once
 * per font (text repeats its words; the line breaker measures each word,
 * the line builder its line's words again). Longer texts are measured each
 * time. */
#define S_MEMO_MAX_LEN 64

struct font {
  char *path;
  int index;
  char *family; /* as fontconfig names the file's family */
  int refs;
  sfnt_info sfnt;
  uint8_t *used;  /* bitmap over the BMP: characters marked as drawn */
  double ascent, descent; /* 1/1000 em */
  memo widths;
  font *next;             /* in the load cache */
};

struct font_family {
  font *styles[4];
};

/* One load per file: several families and styles may name the same file,
 * which the PDF must embed once, as one font with one set of marks. */
static font *S_cache = NULL;

static font *S_cached(const char *path, int index) {
  for (font *f = S_cache; f; f = f->next)
    if (f->index == index && strcmp(f->path, path) == 0)
      return f;
  return NULL;
}

static void S_release(font *f) {
  if (!f || --f->refs > 0)
    return;
  for (font **p = &S_cache; *p; p = &(*p)->next)
    if (*p == f) {
      *p = f->next;
      break;
    }
  sfnt_free(&f->sfnt);
  memo_free(&f->widths);
  free(f->used);
  free(f->path);
  free(f->family);
  free(f);
}

static const char *S_style_name(font_style s) {
  switch (s) {
  case FONT_REGULAR:
    return M_LAYOUT_REGULAR;
  case FONT_BOLD:
    return M_LAYOUT_BOLD;
  case FONT_ITALIC:
    return M_LAYOUT_ITALIC;
  case FONT_BOLD_ITALIC:
    return M_LAYOUT_BOLD_ITALIC;
  }
  return "?";
}

static bool S_family_has(FcPattern *p, const char *want) {
  FcChar8 *name;
  for (int i = 0; FcPatternGetString(p, FC_FAMILY, i, &name) == FcResultMatch;
       i++)
    if (strcasecmp((const char *)name, want) == 0)
      return true;
  return false;
}

/* Reads the file's metrics (or takes them from the cache). */
static font *S_load_file(const char *path, int index, const char *family,
                         diag_list *diags) {
  font *f = S_cached(path, index);
  if (f) {
    f->refs++;
    return f;
  }
  sfnt_info sf;
  const char *why = "";
  if (!sfnt_read(path, index, &sf, &why)) {
    diag_error(diags, NULL, 0, 0, M_LAYOUT_FONT_FILE_CANNOT_BE, path, why);
    return NULL;
  }
  f = xcalloc(1, sizeof *f);
  f->path = xstrdup(path);
  f->index = index;
  f->family = xstrdup(family);
  f->refs = 1;
  f->sfnt = sf;
  f->ascent = sf.ascent;
  f->descent = sf.descent;
  if (f->ascent <= 0) /* a font without hhea/OS2 values: a sane default */
    f->ascent = 800;
  if (f->descent >= 0)
    f->descent = -200;
  f->next = S_cache;
  S_cache = f;
  return f;
}

/* Asks fontconfig for one style; warns if it substituted the family or
 * could not give the style. */
static font *S_match(const char *family, font_style style,
                     bool *family_ok, diag_list *diags) {
  bool bold = style == FONT_BOLD || style == FONT_BOLD_ITALIC;
  bool italic = style == FONT_ITALIC || style == FONT_BOLD_ITALIC;
  FcPattern *pat = FcPatternCreate();
  FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
  FcPatternAddInteger(pat, FC_WEIGHT,
                      bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  FcPatternAddInteger(pat, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
  FcPatternAddInteger(pat, FC_WIDTH, FC_WIDTH_NORMAL);
  /* the PDF writer embeds TrueType outlines only */
  FcPatternAddString(pat, FC_FONTFORMAT, (const FcChar8 *)"TrueType");
  FcConfigSubstitute(NULL, pat, FcMatchPattern);
  FcDefaultSubstitute(pat);
  FcResult res;
  FcPattern *m = FcFontMatch(NULL, pat, &res);
  FcPatternDestroy(pat);
  if (!m) {
    diag_error(diags, NULL, 0, 0, M_LAYOUT_FONTCONFIG_FOUND_NO_FONT, family);
    *family_ok = false;
    return NULL;
  }
  FcChar8 *file = NULL, *got = NULL;
  int index = 0, weight = 0, slant = 0;
  FcPatternGetString(m, FC_FILE, 0, &file);
  FcPatternGetString(m, FC_FAMILY, 0, &got);
  FcPatternGetInteger(m, FC_INDEX, 0, &index);
  FcPatternGetInteger(m, FC_WEIGHT, 0, &weight);
  FcPatternGetInteger(m, FC_SLANT, 0, &slant);
  font *f = NULL;
  if (!file) {
    diag_error(diags, NULL, 0, 0, M_LAYOUT_FONTCONFIG_FOUND_NO_FILE, family);
  } else {
    if (!S_family_has(m, family)) {
      if (*family_ok) /* warn once per family */
        diag_warning(diags, NULL, 0, 0, M_LAYOUT_FONT_IS_NOT_INSTALLED, family,
                     got ? (const char *)got : "?");
      *family_ok = false;
    } else if ((bold && weight < FC_WEIGHT_DEMIBOLD) ||
               (italic && slant == FC_SLANT_ROMAN)) {
      diag_warning(diags, NULL, 0, 0, M_LAYOUT_FONT_HAS_NO_STYLE, family,
                   S_style_name(style), (const char *)file);
    } else { /* a clean answer: remembered for the next build */
      font_find_put(family, (int)style, (const char *)file, index,
                    got ? (const char *)got : family);
    }
    f = S_load_file((const char *)file, index,
                    got ? (const char *)got : family, diags);
  }
  FcPatternDestroy(m);
  return f;
}

font_family *font_family_load(const char *family, diag_list *diags) {
  if (!family || !*family) {
    diag_error(diags, NULL, 0, 0, "%s", M_LAYOUT_NO_FONT_FAMILY_GIVEN);
    return NULL;
  }
  font_found found[4];
  bool known = true;
  for (int s = 0; s < 4 && known; s++)
    known = font_find_get(family, s, &found[s]);
  if (!known && !FcInit()) {
    diag_error(diags, NULL, 0, 0, "%s", M_LAYOUT_FONTCONFIG_COULD_NOT_BE);
    return NULL;
  }
  font_family *fam = xcalloc(1, sizeof *fam);
  bool family_ok = true;
  for (int s = 0; s < 4; s++)
    fam->styles[s] = known ? S_load_file(found[s].file, found[s].index,
                                         found[s].family, diags)
                           : S_match(family, (font_style)s, &family_ok, diags);
  if (!known)
    font_find_save();
  /* a style that failed falls back to regular, regular to any other */
  font *any = NULL;
  for (int s = 0; s < 4 && !any; s++)
    any = fam->styles[s];
  if (!any) {
    free(fam);
    return NULL;
  }
  for (int s = 0; s < 4; s++)
    if (!fam->styles[s]) {
      font *fb = fam->styles[FONT_REGULAR] ? fam->styles[FONT_REGULAR] : any;
      fb->refs++;
      fam->styles[s] = fb;
    }
  return fam;
}

void font_family_free(font_family *f) {
  if (!f)
    return;
  for (int s = 0; s < 4; s++)
    S_release(f->styles[s]);
  free(f);
}

font *font_family_get(font_family *f, font_style style) {
  if (!f || style < FONT_REGULAR || style > FONT_BOLD_ITALIC)
    return NULL;
  return f->styles[style];
}

bool font_prepare(void) { return FcInit() != FcFalse; }

void font_shutdown(void) {
  font_find_free();
  if (!S_cache)
    FcFini();
}

static inline int S_next(const char *s, size_t n, size_t i, uint32_t *cp) {
  unsigned char c = (unsigned char)s[i];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  return utf8_decode(s + i, n - i, cp);
}

void font_mark_text(font *f, const char *s, size_t n) {
  if (!f)
    return;
  if (!f->used) {
    f->used = xcalloc(65536 / 8, 1);
    /* libharu reads the bounding boxes of H and x for the descriptor's
     * CapHeight and XHeight: keep them so the descriptor is unchanged */
    f->used['H' >> 3] |= (uint8_t)(1u << ('H' & 7));
    f->used['x' >> 3] |= (uint8_t)(1u << ('x' & 7));
    f->used[' ' >> 3] |= (uint8_t)(1u << (' ' & 7));
  }
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    i += (size_t)S_next(s, n, i, &cp);
    if (cp > 0xFFFF) /* drawn as a space (see utf8_sanitize) */
      cp = 0x20;
    f->used[cp >> 3] |= (uint8_t)(1u << (cp & 7));
  }
}

void font_family_clear_marks(font_family *f) {
  if (!f)
    return;
  for (int s = 0; s < 4; s++)
    if (f->styles[s]) {
      free(f->styles[s]->used);
      f->styles[s]->used = NULL;
    }
}

unsigned char *font_subset(const font *f, size_t *len) {
  if (!f || !f->used)
    return NULL;
  size_t n = 0;
  char *raw = fs_read(f->path, &n);
  if (!raw)
    return NULL;
  const unsigned char *u = (const unsigned char *)raw;
  size_t dir = 0;
  if (n >= 16 && memcmp(raw, "ttcf", 4) == 0) {
    size_t at = 12 + 4 * (size_t)f->index;
    dir = at + 4 <= n ? (size_t)u[at] << 24 | (size_t)u[at + 1] << 16 |
                            (size_t)u[at + 2] << 8 | u[at + 3]
                      : n;
  }
  unsigned char *sub =
      dir < n ? subset_build(u, n, dir, f->used, f->sfnt.gid, len) : NULL;
  free(raw);
  return sub;
}

const char *font_file(const font *f) { return f ? f->path : ""; }
int font_index(const font *f) { return f ? f->index : 0; }
const char *font_family_name(const font *f) { return f ? f->family : ""; }

/* Advance of cp in 1/1000 em: the font's own hmtx, truncated as libharu
 * does, so it equals the PDF's /W (test_pdf_font checks this for every BMP
 * code point). */
static inline int S_width(const font *f, uint32_t cp) {
  if (cp > 0xFFFF) /* libharu draws these as a space (see utf8_sanitize) */
    cp = 0x20;
  uint16_t g = f->sfnt.gid[cp];
  return g < f->sfnt.nglyphs ? f->sfnt.width[g] : f->sfnt.width[0];
}

static uint16_t S_gid(const font *f, uint32_t cp) {
  return cp <= 0xFFFF ? f->sfnt.gid[cp] : 0;
}

/* Kerning of a glyph pair in 1/1000 em (libharu's unit). */
static int S_kern_gid(const font *f, uint16_t l, uint16_t r) {
  if (!l || !r)
    return 0;
  int v = sfnt_kern(&f->sfnt, l, r);
  if (!v)
    return 0;
  return (int)lround((double)v * 1000.0 / f->sfnt.upem);
}

static long S_units(const font *f, const char *s, size_t n) {
  long total = 0;
  uint16_t prev = 0;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    i += (size_t)S_next(s, n, i, &cp);
    total += S_width(f, cp);
    uint16_t g = S_gid(f, cp);
    total += S_kern_gid(f, prev, g);
    prev = g;
  }
  return total;
}

double font_text_width(font *f, const char *s, size_t n, double size) {
  if (!f)
    return 0;
  if (n > S_MEMO_MAX_LEN)
    return (double)S_units(f, s, n) * size / 1000.0;
  memo_entry *e = memo_slot(&f->widths, s, n);
  if (!e->key) {
    e->value = S_units(f, s, n);
    memo_claim(&f->widths, e, s, 0);
  }
  return (double)e->value * size / 1000.0;
}

double font_char_width(font *f, uint32_t cp, double size) {
  return f ? S_width(f, cp) * size / 1000.0 : 0;
}

int font_kern(const font *f, uint32_t left, uint32_t right) {
  if (!f)
    return 0;
  return S_kern_gid(f, S_gid(f, left), S_gid(f, right));
}

bool font_has_glyph(const font *f, uint32_t cp) {
  if (!f)
    return false;
  if (cp == ' ')
    return true;
  return S_gid(f, cp) != 0;
}

double font_ascent(const font *f, double size) {
  return f ? f->ascent * size / 1000.0 : 0.8 * size;
}

double font_descent(const font *f, double size) {
  return f ? f->descent * size / 1000.0 : -0.2 * size;
}

size_t font_kern_runs(font *f, const char *s, size_t n, double size,
                      font_run_cb cb, void *ctx) {
  if (!f || n == 0)
    return 0;
  long cursor = 0, piece_x = 0;
  size_t start = 0, pieces = 0;
  uint16_t prev = 0;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t at = i;
    i += (size_t)S_next(s, n, i, &cp);
    uint16_t g = S_gid(f, cp);
    int k = S_kern_gid(f, prev, g);
    if (k != 0 && at > start) {
      cb(ctx, s + start, at - start, (double)piece_x * size / 1000.0);
      pieces++;
      cursor += k;
      start = at;
      piece_x = cursor;
    }
    cursor += S_width(f, cp);
    prev = g;
  }
  cb(ctx, s + start, n - start, (double)piece_x * size / 1000.0);
  return pieces + 1;
}
