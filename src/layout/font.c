/* font.c - font families: fontconfig finds the files, libharu embeds them,
 * sfnt.c reads the character map and kerning that libharu ignores. Widths
 * come from libharu (what the PDF will advance) and are cached per font in
 * a lazily filled table over the BMP, so measuring is array indexing. */
#include "font.h"

#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/fs.h"
#include "../util/mem.h"
#include "../util/utf8.h"
#include "font_find.h"
#include "sfnt.h"
#include "subset.h"

struct font {
  HPDF_Doc pdf;
  HPDF_Font hf;
  char *path;
  int index;
  char *family; /* as fontconfig names the file's family */
  int refs;
  sfnt_info sfnt;
  bool tried;     /* libharu load attempted (it happens on first use) */
  uint8_t *used;  /* bitmap over the BMP: characters marked as drawn */
  double ascent, descent; /* 1/1000 em */
  font *next;             /* in the load cache */
};

struct font_family {
  font *styles[4];
};

/* One load per (document, file): several families and styles may name the
 * same file, and libharu would embed it twice. */
static font *S_cache = NULL;

static font *S_cached(HPDF_Doc pdf, const char *path, int index) {
  for (font *f = S_cache; f; f = f->next)
    if (f->pdf == pdf && f->index == index && strcmp(f->path, path) == 0)
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
  free(f->used);
  free(f->path);
  free(f->family);
  free(f);
}

static const char *S_style_name(font_style s) {
  static const char *const da[] = {"normal", "fed", "kursiv", "fed kursiv"};
  static const char *const en[] = {"regular", "bold", "italic",
                                   "bold italic"};
  return TR(da, en)[s];
}

static bool S_family_has(FcPattern *p, const char *want) {
  FcChar8 *name;
  for (int i = 0; FcPatternGetString(p, FC_FAMILY, i, &name) == FcResultMatch;
       i++)
    if (strcasecmp((const char *)name, want) == 0)
      return true;
  return false;
}

/* Loads the file into pdf (or takes it from the cache). */
static font *S_load_file(HPDF_Doc pdf, const char *path, int index,
                         const char *family, diag_list *diags) {
  font *f = S_cached(pdf, path, index);
  if (f) {
    f->refs++;
    return f;
  }
  sfnt_info sf;
  const char *why = "";
  if (!sfnt_read(path, index, &sf, &why)) {
    diag_error(diags, NULL, 0, 0,
               TR("skriftfilen %s kan ikke bruges (%s): vælg en anden "
                  "skrifttype i temaet",
                  "the font file %s cannot be used (%s): choose another font "
                  "in the theme"),
               path, why);
    return NULL;
  }
  f = xcalloc(1, sizeof *f);
  f->pdf = pdf;
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
static font *S_match(HPDF_Doc pdf, const char *family, font_style style,
                     bool *family_ok, diag_list *diags) {
  bool bold = style == FONT_BOLD || style == FONT_BOLD_ITALIC;
  bool italic = style == FONT_ITALIC || style == FONT_BOLD_ITALIC;
  FcPattern *pat = FcPatternCreate();
  FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
  FcPatternAddInteger(pat, FC_WEIGHT,
                      bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  FcPatternAddInteger(pat, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
  FcPatternAddInteger(pat, FC_WIDTH, FC_WIDTH_NORMAL);
  /* libharu embeds TrueType outlines only */
  FcPatternAddString(pat, FC_FONTFORMAT, (const FcChar8 *)"TrueType");
  FcConfigSubstitute(NULL, pat, FcMatchPattern);
  FcDefaultSubstitute(pat);
  FcResult res;
  FcPattern *m = FcFontMatch(NULL, pat, &res);
  FcPatternDestroy(pat);
  if (!m) {
    diag_error(diags, NULL, 0, 0,
               TR("fontconfig fandt ingen skrifttype for \"%s\"",
                  "fontconfig found no font for \"%s\""),
               family);
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
    diag_error(diags, NULL, 0, 0,
               TR("fontconfig fandt ingen fil for \"%s\"",
                  "fontconfig found no file for \"%s\""),
               family);
  } else {
    if (!S_family_has(m, family)) {
      if (*family_ok) /* warn once per family */
        diag_warning(diags, NULL, 0, 0,
                     TR("skrifttypen \"%s\" er ikke installeret; \"%s\" "
                        "bruges i stedet (installer skrifttypen eller ret "
                        "temaet)",
                        "the font \"%s\" is not installed; \"%s\" is used "
                        "instead (install the font or change the theme)"),
                     family, got ? (const char *)got : "?");
      *family_ok = false;
    } else if ((bold && weight < FC_WEIGHT_DEMIBOLD) ||
               (italic && slant == FC_SLANT_ROMAN)) {
      diag_warning(diags, NULL, 0, 0,
                   TR("skrifttypen \"%s\" har ingen %s udgave; %s bruges",
                      "the font \"%s\" has no %s style; %s is used"),
                   family, S_style_name(style), (const char *)file);
    } else { /* a clean answer: remembered for the next build */
      font_find_put(family, (int)style, (const char *)file, index,
                    got ? (const char *)got : family);
    }
    f = S_load_file(pdf, (const char *)file, index,
                    got ? (const char *)got : family, diags);
  }
  FcPatternDestroy(m);
  return f;
}

font_family *font_family_load(HPDF_Doc pdf, const char *family,
                              diag_list *diags) {
  if (!family || !*family) {
    diag_error(diags, NULL, 0, 0, "%s",
               TR("ingen skrifttype angivet", "no font family given"));
    return NULL;
  }
  font_found found[4];
  bool known = true;
  for (int s = 0; s < 4 && known; s++)
    known = font_find_get(family, s, &found[s]);
  if (!known && !FcInit()) {
    diag_error(diags, NULL, 0, 0, "%s",
               TR("fontconfig kunne ikke starte",
                  "fontconfig could not be initialised"));
    return NULL;
  }
  font_family *fam = xcalloc(1, sizeof *fam);
  bool family_ok = true;
  for (int s = 0; s < 4; s++)
    fam->styles[s] = known ? S_load_file(pdf, found[s].file, found[s].index,
                                         found[s].family, diags)
                           : S_match(pdf, family, (font_style)s, &family_ok,
                                     diags);
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
  if (!f || f->tried) /* too late once loaded: the subset is fixed */
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
    if (cp > 0xFFFF) /* drawn as a space by libharu */
      cp = 0x20;
    f->used[cp >> 3] |= (uint8_t)(1u << (cp & 7));
  }
}

/* Registers a TrueType font held in memory with libharu, as
 * HPDF_LoadTTFontFromFile does for a file (same subset tag sequence, so
 * the names in the PDF do not change). NULL if libharu refuses it. */
static const char *S_load_memory(HPDF_Doc pdf, const unsigned char *d,
                                 size_t n) {
  HPDF_Stream st = HPDF_MemStream_New(pdf->mmgr, (HPDF_UINT)n);
  if (!st)
    return NULL;
  if (HPDF_Stream_Write(st, d, (HPDF_UINT)n) != HPDF_OK) {
    HPDF_Stream_Free(st);
    return NULL;
  }
  HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, st, HPDF_TRUE);
  if (!def) /* the stream is freed with the definition */
    return NULL;
  if (pdf->ttfont_tag[0] == 0) {
    memcpy(pdf->ttfont_tag, "HPDFAA", 6);
  } else {
    for (int i = 5; i >= 0; i--) {
      pdf->ttfont_tag[i] += 1;
      if (pdf->ttfont_tag[i] > 'Z')
        pdf->ttfont_tag[i] = 'A';
      else
        break;
    }
  }
  HPDF_TTFontDef_SetTagName(def, (char *)pdf->ttfont_tag);
  if (HPDF_Doc_RegisterFontDef(pdf, def) != HPDF_OK)
    return NULL; /* libharu freed def */
  return def->base_font;
}

/* The subset of the marked characters, loaded into libharu; NULL (and the
 * caller loads the whole file) if the file cannot be subset. */
static const char *S_load_subset(font *f) {
  size_t len = 0;
  char *raw = fs_read(f->path, &len);
  if (!raw)
    return NULL;
  const unsigned char *u = (const unsigned char *)raw;
  size_t dir = 0;
  if (len >= 16 && memcmp(raw, "ttcf", 4) == 0) {
    size_t at = 12 + 4 * (size_t)f->index;
    dir = at + 4 <= len ? (size_t)u[at] << 24 | (size_t)u[at + 1] << 16 |
                              (size_t)u[at + 2] << 8 | u[at + 3]
                        : len;
  }
  size_t n = 0;
  unsigned char *sub =
      dir < len ? subset_build(u, len, dir, f->used, f->sfnt.gid, &n) : NULL;
  free(raw);
  if (!sub)
    return NULL;
  const char *name = S_load_memory(f->pdf, sub, n);
  free(sub);
  return name;
}

/* libharu builds a 64K-entry map when a font is first asked for, searching
 * the cmap linearly for each code point (tens of milliseconds for a full
 * font), so a style is loaded only when something is drawn with it, and
 * then as a subset of the characters marked with font_mark_text. sfnt_read
 * has checked what libharu would refuse. */
HPDF_Font font_hpdf(const font *cf) {
  font *f = (font *)cf; /* the load is a cache fill, not a change */
  if (!f || !f->pdf)
    return NULL;
  if (!f->tried) {
    f->tried = true;
    size_t pl = strlen(f->path);
    bool ttc = pl > 4 && strcasecmp(f->path + pl - 4, ".ttc") == 0;
    const char *name = f->used ? S_load_subset(f) : NULL;
    if (!name)
      name = f->index > 0 || ttc
                 ? HPDF_LoadTTFontFromFile2(f->pdf, f->path,
                                            (HPDF_UINT)f->index, HPDF_TRUE)
                 : HPDF_LoadTTFontFromFile(f->pdf, f->path, HPDF_TRUE);
    f->hf = name ? HPDF_GetFont(f->pdf, name, "UTF-8") : NULL;
    if (!f->hf)
      HPDF_ResetError(f->pdf);
  }
  return f->hf;
}
const char *font_file(const font *f) { return f ? f->path : ""; }
const char *font_family_name(const font *f) { return f ? f->family : ""; }

/* Advance of cp in 1/1000 em: the font's own hmtx, truncated as libharu
 * does, so it equals HPDF_Font_GetUnicodeWidth and the PDF's /W (a unit
 * test checks this for every BMP code point). */
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

double font_text_width(font *f, const char *s, size_t n, double size) {
  if (!f)
    return 0;
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
  return (double)total * size / 1000.0;
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
