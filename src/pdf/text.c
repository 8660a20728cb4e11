/* text.c - kerned text as TJ arrays, written into libharu's content
 * stream (see text.h). Array numbers are written in 1/100 of a 1/1000
 * em, and every gap is measured from where a reader's pen is after the
 * numbers as written, so rounding never accumulates along a line. */
#include "pdf/text.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/haru.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/utf8.h"

/* The largest gap between boxes in one array, in em. */
#define S_MAX_GAP 1.0
/* How far a box may begin before the previous one ends and still continue
 * its array, in em: a line set tighter than its natural width begins each
 * word inside the previous word's trailing space, never further back. One
 * array a line is fewer operators for us to write and for a reader to lex
 * (pdftotext in the leak check). */
#define S_MAX_TIGHTEN 0.2

typedef struct {
  const font *f;
  HPDF_Font hf;            /* NULL if libharu refused the font */
  uint8_t seen[65536 / 8]; /* code points already given to hf */
} S_font;

typedef struct {
  unsigned num; /* the page's content stream object */
  buf ops;
} S_done;

struct pdf_text {
  pdf_fonts *pf; /* the document's libharu fonts */
  HPDF_Page pg;
  buf out;            /* the page's operators so far */
  HPDF_REAL tpx, tpy; /* libharu's text position as TextOut kept it */
  long long rx, ry;   /* where its Td operators took a reader, 1e-5 pt */
  long long lx, ly;   /* the line start as written, 1e-5 pt */
  bool open;          /* a TJ array is open */
  const font *f;      /* its font, size and baseline */
  double size;
  long long y;
  double pen;         /* where a reader's pen is now in the array, pt */
  S_font **fonts;
  size_t nfonts;
  S_font *last;
  S_done *done; /* finished pages */
  size_t ndone, dcap;
};

pdf_text *pdf_text_new(pdf_fonts *pf) {
  pdf_text *t = xcalloc(1, sizeof(pdf_text));
  t->pf = pf;
  return t;
}

void pdf_text_free(pdf_text *t) {
  if (!t)
    return;
  buf_free(&t->out);
  for (size_t i = 0; i < t->ndone; i++)
    buf_free(&t->done[i].ops);
  free(t->done);
  for (size_t i = 0; i < t->nfonts; i++)
    free(t->fonts[i]);
  free(t->fonts);
  free(t);
}

static void S_close(pdf_text *t) {
  if (t->open)
    buf_puts(&t->out, "]TJ\n");
  t->open = false;
}

/* Moves what libharu has written into the page's stream since the last
 * call to the end of out, so the operators stay in the order written. */
static void S_pull(pdf_text *t) {
  if (t->pg)
    pdf_haru_take_page(t->pg, &t->out);
}

/* Makes pg the page being painted (finishing the previous one). */
static void S_page(pdf_text *t, HPDF_Page pg) {
  if (t->pg != pg) {
    pdf_text_end_page(t);
    t->pg = pg;
  }
  S_pull(t);
}

void pdf_text_end_page(pdf_text *t) {
  if (!t->pg)
    return;
  S_close(t);
  S_pull(t);
  XGROW(t->done, t->dcap, t->ndone + 1);
  t->done[t->ndone].num = pdf_haru_contents_obj(t->pg);
  t->done[t->ndone++].ops = t->out;
  t->out = (buf)BUF_INIT;
  t->pg = NULL;
}

size_t pdf_text_contents(const pdf_text *t, pdf_fix_stream **out) {
  *out = xcalloc(t->ndone ? t->ndone : 1, sizeof **out);
  for (size_t i = 0; i < t->ndone; i++) {
    (*out)[i].num = t->done[i].num;
    (*out)[i].data = t->done[i].ops.data ? t->done[i].ops.data : "";
    (*out)[i].len = t->done[i].ops.len;
  }
  return t->ndone;
}

void pdf_text_begin(pdf_text *t, HPDF_Page pg) {
  S_close(t);
  S_page(t, pg);
  t->tpx = t->tpy = 0;
  t->rx = t->ry = t->lx = t->ly = 0;
  t->open = false;
}

/* The glyph bookkeeping of f. */
static S_font *S_font_of(pdf_text *t, font *f) {
  if (t->last && t->last->f == f)
    return t->last;
  for (size_t i = 0; i < t->nfonts; i++)
    if (t->fonts[i]->f == f)
      return t->last = t->fonts[i];
  S_font *sf = xcalloc(1, sizeof *sf);
  sf->f = f;
  sf->hf = pdf_fonts_get(t->pf, f);
  t->fonts = xrealloc(t->fonts, (t->nfonts + 1) * sizeof *t->fonts);
  t->fonts[t->nfonts++] = sf;
  return t->last = sf;
}

/* v / scale (a power of ten) as the shortest PDF number ("-12.5", "3"). */
static char *S_fixed(char *p, long long v, long long scale) {
  if (v < 0) {
    *p++ = '-';
    v = -v;
  }
  long long ip = v / scale, fp = v % scale;
  char tmp[24];
  int k = 0;
  do {
    tmp[k++] = (char)('0' + ip % 10);
    ip /= 10;
  } while (ip);
  while (k)
    *p++ = tmp[--k];
  if (fp) {
    *p++ = '.';
    for (long long d = scale / 10; d && fp; d /= 10) {
      *p++ = (char)('0' + fp / d);
      fp %= d;
    }
  }
  return p;
}

/* One byte of a literal string: ( ) and backslash escaped, and CR
 * written \r, as a reader turns a raw CR (or CR LF) in a string into LF. */
static char *S_lit(char *p, unsigned char c) {
  if (c == '(' || c == ')' || c == '\\') {
    *p++ = '\\';
  } else if (c == '\r') {
    *p++ = '\\';
    c = 'r';
  }
  *p++ = (char)c;
  return p;
}

/* A 2-byte code as it stands in a literal string: half the bytes of hex
 * to write, deflate and lex (a reader's lexing of <hex> was a quarter of
 * pdftotext's time in the public editions' leak check). */
static char *S_code(char *p, unsigned v) {
  p = S_lit(p, (unsigned char)(v >> 8));
  return S_lit(p, (unsigned char)v);
}

void pdf_text_show(pdf_text *t, font *f, double size, double x, double y,
                   const char *s, size_t n) {
  if (!t->pg || !f || n == 0 || size <= 0)
    return;
  S_pull(t);
  S_font *sf = S_font_of(t, f);
  /* Where HPDF_Page_TextOut(x, y) would have put the text: a Td by the
   * difference from its float text position, written with five decimals.
   * Keeping exactly those positions keeps what text extractors make of
   * the page (their line and block decisions) as it was. */
  HPDF_REAL dx = (HPDF_REAL)x - t->tpx, dy = (HPDF_REAL)y - t->tpy;
  t->tpx += dx;
  t->tpy += dy;
  t->rx += pdf_haru_real_units(dx);
  t->ry += pdf_haru_real_units(dy);
  /* room for the worst case: per byte a code, a kerning number, brackets */
  buf_grow(&t->out, n * 24 + 96);
  char *p = t->out.data + t->out.len;
  /* a box continues the array if it follows on the baseline within a
   * word space or so (justified lines, tightened ones too); a farther one
   * (a table column, a running header's other half) gets its own Td, as
   * text extractors order separate strings by position but keep one
   * string together */
  double gap = (double)t->rx / 100000.0 - t->pen;
  if (t->open && t->f == f && t->size == size && t->y == t->ry &&
      gap > -S_MAX_TIGHTEN * size && gap < S_MAX_GAP * size) {
    /* the gap to the previous box, in 1/100 of a 1/1000 em */
    long long adj = llround(-gap * 100000.0 / size);
    if (adj) {
      p = S_fixed(p, adj, 100);
      t->pen -= (double)adj * size / 100000.0;
    }
  } else {
    if (t->open) {
      memcpy(p, "]TJ\n", 4);
      p += 4;
    }
    p = S_fixed(p, t->rx - t->lx, 100000);
    *p++ = ' ';
    p = S_fixed(p, t->ry - t->ly, 100000);
    memcpy(p, " Td\n[", 5);
    p += 5;
    t->lx = t->rx;
    t->ly = t->ry;
    t->open = true;
    t->f = f;
    t->size = size;
    t->y = t->ry;
    t->pen = (double)t->rx / 100000.0;
  }
  long units = 0; /* advance of this box, 1/1000 em */
  uint32_t prev = 0;
  bool in_str = false;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      cp = c;
      i++;
    } else {
      i += (size_t)utf8_decode(s + i, n - i, &cp);
    }
    if (cp > 0xFFFF) /* libharu's rule: drawn as a space */
      cp = 0x20;
    int k = prev ? font_kern(f, prev, cp) : 0;
    if (k) {
      if (in_str)
        *p++ = ')';
      p = S_fixed(p, -(long long)k * 100, 100);
      in_str = false;
      units += k;
    }
    if (!in_str) {
      *p++ = '(';
      in_str = true;
    }
    p = S_code(p, cp);
    units += (long)font_char_width(f, cp, 1000.0); /* a whole number */
    if (sf->hf && !(sf->seen[cp >> 3] & (1u << (cp & 7)))) {
      sf->seen[cp >> 3] |= (uint8_t)(1u << (cp & 7));
      pdf_haru_use_char(sf->hf, (uint16_t)cp);
    }
    prev = cp;
  }
  if (in_str)
    *p++ = ')';
  *p = '\0'; /* buf's promise; buf_grow left room for it */
  t->out.len = (size_t)(p - t->out.data);
  t->pen += (double)units * size / 1000.0;
}

/* Appends libharu's rendering of v and a space. */
static char *S_real(char *p, HPDF_REAL v) {
  p = S_fixed(p, pdf_haru_real_units(v), 100000);
  *p++ = ' ';
  return p;
}

void pdf_text_rgb_fill(pdf_text *t, HPDF_Page pg, long c) {
  S_close(t); /* a colour is not allowed inside an array */
  S_page(t, pg);
  buf_grow(&t->out, 64);
  char *p = t->out.data + t->out.len;
  p = S_real(p, (HPDF_REAL)((c >> 16) & 255) / 255.0f);
  p = S_real(p, (HPDF_REAL)((c >> 8) & 255) / 255.0f);
  p = S_real(p, (HPDF_REAL)(c & 255) / 255.0f);
  memcpy(p, "rg\n", 4); /* with the NUL buf promises */
  t->out.len = (size_t)(p + 3 - t->out.data);
}

void pdf_text_fill_rect(pdf_text *t, HPDF_Page pg, double x, double y,
                        double w, double h) {
  S_close(t);
  S_page(t, pg);
  buf_grow(&t->out, 96);
  char *p = t->out.data + t->out.len;
  p = S_real(p, (HPDF_REAL)x);
  p = S_real(p, (HPDF_REAL)y);
  p = S_real(p, (HPDF_REAL)w);
  p = S_real(p, (HPDF_REAL)h);
  memcpy(p, "re\nf\n", 6); /* with the NUL */
  t->out.len = (size_t)(p + 5 - t->out.data);
}

void pdf_text_raw(pdf_text *t, HPDF_Page pg, const char *s, size_t n) {
  S_close(t);
  S_page(t, pg);
  buf_put(&t->out, s, n);
}

void pdf_text_flush(pdf_text *t) { S_close(t); }
