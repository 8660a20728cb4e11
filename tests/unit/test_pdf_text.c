/* test_pdf_text.c - text written as TJ arrays into libharu's content
 * stream: what pdftotext reads back (the words, æøå included, and where
 * they stand: kerning applied, boxes after a gap where they were put),
 * the glyphs libharu embeds, and the operators themselves. */
#include <hpdf.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout/font.h"
#include "pdf/finish.h"
#include "pdf/font.h"
#include "pdf_probe.h"
#include "pdf/text.h"
#include "test.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/utf8.h"

typedef struct {
  char text[64];
  double x0, x1, y0;
} S_word;

/* pdftotext -bbox's words of the PDF in path. */
static size_t S_words(const char *path, S_word *w, size_t cap) {
  char cmd[512];
  snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s' - 2>/dev/null", path);
  FILE *p = popen(cmd, "r");
  if (!p)
    return 0;
  char line[1024];
  size_t n = 0;
  while (fgets(line, sizeof line, p) && n < cap) {
    const char *at = strstr(line, "<word ");
    if (!at)
      continue;
    double y1, x1;
    if (sscanf(at, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">",
               &w[n].x0, &w[n].y0, &x1, &y1) != 4)
      continue;
    w[n].x1 = x1;
    const char *s = strchr(at, '>') + 1, *e = strstr(s, "</word>");
    size_t len = e && (size_t)(e - s) < sizeof w[n].text ? (size_t)(e - s) : 0;
    memcpy(w[n].text, s, len);
    w[n].text[len] = '\0';
    n++;
  }
  pclose(p);
  return n;
}

static const S_word *S_find(const S_word *w, size_t n, const char *text) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(w[i].text, text) == 0)
      return &w[i];
  return NULL;
}

/* Whether the bytes b[0, bn) occur in s[0, n) (both may hold zero bytes). */
static bool S_bytes_in(const char *s, size_t n, const char *b, size_t bn) {
  for (size_t i = 0; i + bn <= n; i++)
    if (memcmp(s + i, b, bn) == 0)
      return true;
  return false;
}

static double S_unkerned(font *f, const char *s, double size) {
  double w = 0;
  for (size_t i = 0, n = strlen(s); i < n;) {
    uint32_t cp;
    i += (size_t)utf8_decode(s + i, n - i, &cp);
    w += font_char_width(f, cp, size);
  }
  return w;
}

int main(void) {
  diag_list d;
  diag_init(&d);
  HPDF_Doc pdf = HPDF_New(NULL, NULL);
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
  font_family *fam = font_family_load("DejaVu Serif", &d);
  CHECK("DejaVu Serif loads", fam != NULL);
  if (!fam)
    return TEST_END();
  font *f = font_family_get(fam, FONT_REGULAR);
  const double size = 20;
  /* one line of three boxes (the third far to the right), and a second
   * line with Danish letters */
  const char *line1[] = {"AVATAR ", "Tøjværk ", "Wolf"};
  const char *line2 = "Blåbærgrød på Ærø";
  /* bytes a literal string escapes: ( ) and a backslash, and č (U+010D)
   * whose low byte is a CR */
  const char *line3 = "g(x)\\y čr";
  font_mark_text(f, line3, strlen(line3));
  /* a line set tighter than its natural width: the second word begins
     inside the first one's space */
  const char *line4[] = {"tæt ", "sat"};
  font_mark_text(f, "tæt sat", 7);
  for (int i = 0; i < 3; i++)
    font_mark_text(f, line1[i], strlen(line1[i]));
  font_mark_text(f, line2, strlen(line2));
  CHECK("the font has a kerned pair here", font_kern(f, 'A', 'V') != 0 &&
                                               font_kern(f, 'T', 0xF8) != 0);

  HPDF_Page pg = HPDF_AddPage(pdf);
  HPDF_Page_BeginText(pg);
  pdf_fonts *pf = pdf_fonts_new(pdf);
  HPDF_Page_SetFontAndSize(pg, pdf_fonts_get(pf, f), (HPDF_REAL)size);
  pdf_text *t = pdf_text_new(pf);
  pdf_text_begin(t, pg);
  double x0 = 50.25, x1 = x0 + font_text_width(f, line1[0], 7, size) + 3.5;
  double x2 = 400;
  pdf_text_show(t, f, size, x0, 700, line1[0], strlen(line1[0]));
  pdf_text_show(t, f, size, x1, 700, line1[1], strlen(line1[1]));
  pdf_text_show(t, f, size, x2, 700, line1[2], strlen(line1[2]));
  pdf_text_show(t, f, size, 60, 650.5, line2, strlen(line2));
  pdf_text_show(t, f, size, 60, 600, line3, strlen(line3));
  double x4 = 60 + font_text_width(f, line4[0], 5, size) - 0.08 * size;
  pdf_text_show(t, f, size, 60, 550, line4[0], strlen(line4[0]));
  pdf_text_show(t, f, size, x4, 550, line4[1], strlen(line4[1]));
  pdf_text_flush(t);
  HPDF_Page_EndText(pg);
  pdf_text_end_page(t);
  pdf_fix_stream *cs = NULL;
  size_t ncs = pdf_text_contents(t, &cs);
  CHECK_NUM("one page of operators", ncs, 1);
  const char *ops = ncs ? cs[0].data : "";
  size_t nops = ncs ? cs[0].len : 0;
  CHECK("libharu's BT and ET moved over in order",
        nops > 6 && memcmp(ops, "BT\n", 3) == 0 &&
            memcmp(ops + nops - 3, "ET\n", 3) == 0);

  buf raw = BUF_INIT, fixed = BUF_INIT;
  CHECK("the document saves whole", probe_save(pdf, &raw));
  /* every code point drawn has its glyph embedded (a space has no
   * outline to embed) */
  const char *all = "AVATRTøjværkWolfBlåbærgrødpÆ";
  bool embedded = true;
  for (size_t i = 0, n = strlen(all); i < n;) {
    uint32_t cp;
    i += (size_t)utf8_decode(all + i, n - i, &cp);
    if (probe_glyph_len(raw.data, raw.len, cp) <= 0)
      embedded = false;
  }
  CHECK("every drawn glyph is embedded", embedded);
  CHECK_NUM("pdf_fix accepts the PDF",
            pdf_fix_with(raw.data, raw.len, "da", cs, ncs, NULL, NULL, false,
                         &fixed),
            0);
  buf junk = BUF_INIT;
  pdf_fix_stream wrong = {1, "q Q", 3}; /* object 1 is the catalog */
  CHECK_NUM("a replacement for a non-stream is refused",
            pdf_fix_with(raw.data, raw.len, "da", &wrong, 1, NULL, NULL, false,
                         &junk),
            -1);
  buf_free(&junk);
  /* the operators: one array per run, kerning in it, no Tj */
  CHECK_NUM("four lines (one set tight) and one far box: five Td",
            test_count(ops, nops, " Td\n"), 5);
  CHECK_NUM("five TJ arrays", test_count(ops, nops, "]TJ"), 5);
  CHECK_NUM("no Tj", test_count(ops, nops, "Tj"), 0);
  /* codes as 2 bytes in literal strings, not hex: (\0A)-kern(\0V) */
  char kav[32];
  int nk = snprintf(kav, sizeof kav, "(%cA)%d(%cV)", 0,
                    -font_kern(f, 'A', 'V'), 0);
  CHECK("A and V kerned inside the array, codes as literal strings",
        nk > 0 && S_bytes_in(ops, nops, kav, (size_t)nk));
  CHECK_NUM("no hex strings", test_count(ops, nops, "<"), 0);
  CHECK("( ) and backslash escaped in a string",
        S_bytes_in(ops, nops, "\\(\0x\0\\)\0\\\\\0y", 12));
  CHECK("the CR byte of U+010D written \\r",
        S_bytes_in(ops, nops, "\x01\\r", 3) && !memchr(ops, '\r', nops));

  char path[] = "/tmp/rapport-pdftext-XXXXXX";
  int fd = mkstemp(path);
  CHECK("temporary file", fd >= 0);
  if (fd >= 0) {
    close(fd);
    fs_write_atomic(path, fixed.data, fixed.len);
    S_word w[64];
    size_t n = S_words(path, w, 64);
    const S_word *a = S_find(w, n, "AVATAR"), *b = S_find(w, n, "Tøjværk"),
                 *c = S_find(w, n, "Wolf"), *e = S_find(w, n, "Ærø");
    CHECK("the words extract, æøå intact", a && b && c && e &&
                                               S_find(w, n, "Blåbærgrød"));
    CHECK("escaped bytes extract as written",
          S_find(w, n, "g(x)\\y") && S_find(w, n, "čr"));
    if (a && b && c) {
      double kerned = font_text_width(f, "AVATAR", 6, size);
      double plain = S_unkerned(f, "AVATAR", size);
      CHECK("AVATAR starts where it was put", fabs(a->x0 - x0) < 0.01);
      CHECK("AVATAR is as wide as kerned", fabs(a->x1 - a->x0 - kerned) < 0.01);
      CHECK("kerning made a visible difference", plain - kerned > 1);
      CHECK("the next box starts where it was put (gap in the array)",
            fabs(b->x0 - x1) < 0.01);
      CHECK("Tøjværk is as wide as kerned",
            fabs(b->x1 - b->x0 - font_text_width(f, "Tøjværk", 9, size)) <
                0.01);
      CHECK("the far box starts where it was put", fabs(c->x0 - x2) < 0.01);
      CHECK("one baseline", a->y0 == b->y0 && b->y0 == c->y0);
    }
    if (e)
      CHECK("the second line is lower", a && e->y0 > a->y0 + 40);
    const S_word *tight = S_find(w, n, "sat");
    CHECK("a word set tight starts where it was put",
          S_find(w, n, "tæt") && tight && fabs(tight->x0 - x4) < 0.01);
    unlink(path);
  }
  free(cs);
  buf_free(&raw);
  buf_free(&fixed);
  pdf_text_free(t);
  pdf_fonts_free(pf);
  font_family_free(fam);
  HPDF_Free(pdf);
  font_shutdown();
  diag_free(&d);
  return TEST_END();
}
