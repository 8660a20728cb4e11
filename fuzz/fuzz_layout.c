/* fuzz_layout.c - libFuzzer harness for the layout (src/layout/): the fuzz
 * bytes are read as a little program that builds a document tree (headings,
 * paragraphs of random Unicode text with emphasis, code and line breaks,
 * lists, quotes, code blocks, page breaks, and tables of random shapes: 1-12
 * columns, 0-40 rows, header rows, column spans, fills, very long words),
 * which lay_document must lay out, or refuse with a diagnostic, without a
 * crash, a hang, a leak or an out-of-bounds access. Fonts, theme and locale
 * are loaded once. Layout needs no PDF library, so none is linked. Run
 * with fuzz/run.sh (make fuzz); it builds with:
 * FUZZ-SOURCES: src/layout/[a-z]*.c src/doc/image.c src/util/[a-z]*.c src/doc/doc.c src/doc/resolve.c src/project/theme.c src/project/locale.c src/project/luacfg.c src/script/sandbox.c
 * FUZZ-LIBS: -I/usr/include/lua5.4 -I/usr/include/freetype2 -llua5.4 -lfontconfig -lfreetype -lhyphen -lpng -lz -lm
 * FUZZ-SEEDS: tests/fixtures/robust/layout-seed-*
 */
#include <sanitizer/lsan_interface.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc/doc.h"
#include "layout/layout.h"
#include "project/locale.h"
#include "doc/resolve.h"
#include "project/theme.h"
#include "util/buf.h"
#include "util/diag.h"

typedef struct {
  const uint8_t *p, *end;
} S_in;

static unsigned S_byte(S_in *in) { return in->p < in->end ? *in->p++ : 0; }

/* A code point from the input: mostly Latin with Danish letters and
 * spaces, sometimes anything in the BMP or above, including combining marks,
 * soft hyphens, zero-width and control characters. */
static unsigned S_codepoint(S_in *in) {
  static const unsigned common[] = {' ', ' ', ' ', 'a', 'e', 'n', 'r', 't',
                                    0xE6, 0xF8, 0xE5, 0xC6, 0xD8, 0xC5, '-',
                                    0xAD, 0x200B, 0xA0, '\t', '\n', 0x301,
                                    0x2014, 0x1F600, '.', ','};
  unsigned b = S_byte(in);
  if (b < 200)
    return b < 32 ? common[b % (sizeof common / sizeof *common)]
                  : (b < 128 ? b : common[b % (sizeof common / sizeof *common)]);
  unsigned cp = (unsigned)(b - 200) << 16 | S_byte(in) << 8 | S_byte(in);
  cp %= 0x110000;
  if (cp >= 0xD800 && cp < 0xE000)
    cp = 0xFFFD;
  return cp ? cp : ' ';
}

static void S_put_utf8(buf *b, unsigned cp) {
  char u[4];
  size_t n;
  if (cp < 0x80) {
    u[0] = (char)cp; n = 1;
  } else if (cp < 0x800) {
    u[0] = (char)(0xC0 | cp >> 6); u[1] = (char)(0x80 | (cp & 63)); n = 2;
  } else if (cp < 0x10000) {
    u[0] = (char)(0xE0 | cp >> 12); u[1] = (char)(0x80 | (cp >> 6 & 63));
    u[2] = (char)(0x80 | (cp & 63)); n = 3;
  } else {
    u[0] = (char)(0xF0 | cp >> 18); u[1] = (char)(0x80 | (cp >> 12 & 63));
    u[2] = (char)(0x80 | (cp >> 6 & 63)); u[3] = (char)(0x80 | (cp & 63));
    n = 4;
  }
  buf_put(b, u, n);
}

static char *S_text(S_in *in, size_t maxlen) {
  buf b = BUF_INIT;
  size_t n = S_byte(in);
  if (n > 240) /* now and then a very long run (an unbreakable word) */
    n = (n - 240) * 40;
  if (n > maxlen)
    n = maxlen;
  for (size_t i = 0; i < n && in->p < in->end; i++)
    S_put_utf8(&b, S_codepoint(in));
  char *s = buf_detach(&b); /* NULL when nothing was put */
  return s ? s : calloc(1, 1);
}

/* Inline content: text runs, some wrapped in emphasis, strong or code. */
static void S_inlines(S_in *in, doc_node *parent, int depth) {
  unsigned n = 1 + S_byte(in) % 6;
  for (unsigned i = 0; i < n && in->p < in->end; i++) {
    unsigned k = S_byte(in) % 10;
    char *s = S_text(in, 2000);
    if (k < 5 || depth > 3) {
      doc_append(parent, doc_text(s));
    } else if (k < 7) {
      doc_node *e = doc_node_new(k == 5 ? DOC_EMPH : DOC_STRONG);
      doc_append(e, doc_text(s));
      S_inlines(in, e, depth + 1);
      doc_append(parent, e);
    } else if (k == 7) {
      doc_node *c = doc_node_new(DOC_CODE);
      doc_set(&c->text, s);
      doc_append(parent, c);
    } else if (k == 8) {
      doc_append(parent, doc_node_new(DOC_LINE_BREAK));
      doc_append(parent, doc_text(s));
    } else {
      doc_append(parent, doc_node_new(DOC_SOFT_BREAK));
      doc_append(parent, doc_text(s));
    }
    free(s);
  }
}

static doc_node *S_para(S_in *in) {
  doc_node *p = doc_node_new(DOC_PARAGRAPH);
  S_inlines(in, p, 0);
  return p;
}

static doc_node *S_table(S_in *in, int number) {
  doc_node *t = doc_node_new(DOC_TABLE);
  int ncols = 1 + (int)(S_byte(in) % 12);
  int nrows = (int)(S_byte(in) % 41);
  unsigned shape = S_byte(in);
  t->ncols = ncols;
  t->number = number;
  if (shape & 1) {
    doc_node *cap = doc_node_new(DOC_CAPTION);
    S_inlines(in, cap, 2);
    doc_append(t, cap);
  }
  if (shape & 2) {
    t->widths = calloc((size_t)ncols, sizeof *t->widths);
    for (int c = 0; c < ncols; c++)
      t->widths[c] = (double)(S_byte(in) % 8);
  }
  if (shape & 4) {
    t->aligns = calloc((size_t)ncols + 1, 1);
    for (int c = 0; c < ncols; c++)
      t->aligns[c] = "lcr\0"[S_byte(in) % 4];
  }
  int headers = (shape >> 3) % 3;
  for (int r = 0; r < nrows + headers && in->p < in->end; r++) {
    doc_node *row = doc_node_new(DOC_TABLE_ROW);
    if (r < headers)
      row->flags |= DOC_HEADER_ROW;
    for (int c = 0; c < ncols;) {
      doc_node *cell = doc_node_new(DOC_TABLE_CELL);
      unsigned k = S_byte(in);
      cell->fill = k & 1 ? (long)(S_byte(in) << 16 | S_byte(in)) : -1;
      cell->align = "lcr\0"[k >> 1 & 3];
      int span = k >> 3 & 1 ? 1 + (int)(S_byte(in) % 4) : 1;
      if (span > ncols - c)
        span = ncols - c;
      cell->colspan = span;
      if (k >> 4 & 1) {
        S_inlines(in, cell, 1);
      } else {
        char *s = S_text(in, 400);
        if (*s)
          doc_append(cell, doc_text(s));
        free(s);
      }
      doc_append(row, cell);
      c += span;
    }
    doc_append(t, row);
  }
  return t;
}

static doc_node *S_block(S_in *in, int depth, int *tables) {
  unsigned k = S_byte(in) % 12;
  if (depth > 4 && k >= 6 && k <= 8)
    k = 1;
  switch (k) {
  case 0: {
    doc_node *h = doc_node_new(DOC_HEADING);
    h->level = 1 + (int)(S_byte(in) % 6);
    /* doc_resolve gives every heading an id before layout; so does this */
    static unsigned seq;
    char id[32];
    snprintf(id, sizeof id, "h-%u", ++seq);
    doc_set(&h->id, id);
    S_inlines(in, h, 2);
    return h;
  }
  case 1: case 2: case 3:
    return S_para(in);
  case 4: case 5:
    return S_table(in, ++*tables);
  case 6: case 7: {
    doc_node *l = doc_node_new(k == 6 ? DOC_LIST : DOC_QUOTE);
    if (k == 6) {
      l->flags = S_byte(in) & 3 ? DOC_ORDERED : 0;
      l->number = (int)(S_byte(in) % 100);
    }
    unsigned n = 1 + S_byte(in) % 5;
    for (unsigned i = 0; i < n && in->p < in->end; i++) {
      doc_node *item = k == 6 ? doc_node_new(DOC_ITEM) : NULL;
      doc_node *b = S_block(in, depth + 1, tables);
      if (item) {
        doc_append(item, b);
        doc_append(l, item);
      } else {
        doc_append(l, b);
      }
    }
    return l;
  }
  case 8: {
    doc_node *c = doc_node_new(DOC_CODE_BLOCK);
    char *s = S_text(in, 4000);
    doc_set(&c->text, s);
    free(s);
    return c;
  }
  case 9:
    return doc_node_new(DOC_PAGE_BREAK);
  case 10:
    return doc_node_new(DOC_RULE);
  default:
    return S_para(in);
  }
}

static theme *S_theme;
static locale *S_locale;
static lay_fonts S_fonts;

/* The themes and locales live in the source tree; run.sh runs the harness
 * from build-fuzz/ (or FUZZ_OUT), so look upwards and in RAPPORT_ROOT. */
static const char *S_root(void) {
  static const char *tries[] = {NULL, "..", ".", "../..", "/work/main"};
  tries[0] = getenv("RAPPORT_ROOT");
  for (size_t i = 0; i < sizeof tries / sizeof *tries; i++) {
    char p[512];
    if (!tries[i])
      continue;
    snprintf(p, sizeof p, "%s/themes/klassisk", tries[i]);
    if (access(p, R_OK) == 0)
      return tries[i];
  }
  return ".";
}

static void S_init(void) {
  diag_list dl;
  diag_init(&dl);
  const char *root = S_root();
  S_theme = theme_load("klassisk", root, root, &dl);
  S_locale = locale_load("da", root, &dl);
  doc *lang = doc_new(); /* no language: Danish, as a build */
  int fonts = S_theme ? lay_fonts_load(lang, S_theme, &S_fonts, &dl) : -1;
  doc_free(lang);
  if (!S_theme || !S_locale || fonts != 0) {
    diag_print(&dl);
    fprintf(stderr, "fuzz_layout: theme, locale or fonts missing\n");
    abort();
  }
  diag_free(&dl);
}

/* Loading once here, not in the first run, keeps fontconfig's caches out
 * of libFuzzer's per-input leak check. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc; (void)argv;
  /* fontconfig leaves unreachable blocks from parsing its configuration;
   * they are the library's, once per process: keep them out of the leak
   * report that any later run would trigger */
  __lsan_disable();
  S_init();
  __lsan_enable();
  /* one layout of every kind of character first: fontconfig loads its
   * configuration lazily at the first fallback lookup, once per process */
  static const uint8_t warm[] = {1, 40, 200, 0, 0x41, 210, 0x30, 0x42,
                                 16, 0xF6, 0x00, 4, 3, 2, 1, 0, 5, 'a', 'b'};
  LLVMFuzzerTestOneInput(warm, sizeof warm);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 20000) /* layout is linear; long inputs only slow the fuzzer */
    return 0;
  S_in in = {data, data + size};
  doc *d = doc_new();
  int tables = 0;
  while (in.p < in.end)
    doc_append(d->root, S_block(&in, 0, &tables));
  diag_list dl;
  diag_init(&dl);
  lay_result r;
  memset(&r, 0, sizeof r);
  resolve_structure(d, S_theme, S_locale);
  /* r holds pages on success and on a refusal (a table too wide) alike */
  lay_document(d, S_theme, S_locale, &S_fonts, &r, &dl);
  lay_result_free(&r);
  diag_free(&dl);
  doc_free(d);
  return 0;
}
