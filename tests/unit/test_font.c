/* test_font.c - fonts found through fontconfig, as metrics: real widths
 * and kerning, damaged files refused. Linked without libharu (Makefile):
 * how the PDF embeds these fonts is test_pdf_font's. */
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#include "layout/font.h"
#include "layout/sfnt.h"
#include "util/fs.h"
#include "test.h"
#include "util/buf.h"

typedef struct {
  double x[64];
  size_t len[64];
  size_t n;
} pieces;

static void collect(void *ctx, const char *s, size_t len, double x) {
  pieces *p = ctx;
  (void)s;
  if (p->n < 64) {
    p->x[p->n] = x;
    p->len[p->n] = len;
  }
  p->n++;
}

static bool near(double a, double b) { return fabs(a - b) < 1e-6; }

int main(void) {
  diag_list d;
  diag_init(&d);

  const char *families[] = {"DejaVu Serif",     "DejaVu Sans", "Liberation Serif",
                            "Liberation Sans",  "Carlito",     "DejaVu Sans Mono"};
  for (size_t i = 0; i < 6; i++) {
    font_family *fam = font_family_load(families[i], &d);
    char name[128];
    snprintf(name, sizeof name, "%s: four styles load", families[i]);
    bool ok = fam != NULL;
    for (int s = 0; ok && s < 4; s++) {
      font *f = font_family_get(fam, (font_style)s);
      ok = f && *font_file(f) && font_char_width(f, 'a', 10) > 0;
    }
    CHECK(name, ok);
    if (fam) {
      snprintf(name, sizeof name, "%s: bold is another file than regular",
               families[i]);
      CHECK(name, strcmp(font_file(font_family_get(fam, FONT_REGULAR)),
                         font_file(font_family_get(fam, FONT_BOLD))) != 0);
      snprintf(name, sizeof name, "%s: the family is the one asked for",
               families[i]);
      CHECK_STR(name, font_family_name(font_family_get(fam, FONT_REGULAR)),
                families[i]);
    }
    font_family_free(fam);
  }
  CHECK_NUM("installed families: no warnings", d.warnings, 0);

  /* two families naming the same files share the fonts (and the marks the
   * PDF subsets by), and the marks are the characters drawn */
  font_family *one = font_family_load("DejaVu Sans", &d),
              *two = font_family_load("DejaVu Sans", &d);
  CHECK("the same file is one font", one && two &&
        font_family_get(one, FONT_BOLD) == font_family_get(two, FONT_BOLD));
  size_t nsub = 1;
  CHECK("nothing marked: no subset",
        one && !font_subset(font_family_get(one, FONT_BOLD), &nsub));
  font_family_free(two);
  if (one) {
    font *b = font_family_get(one, FONT_BOLD);
    font_mark_text(b, "Øl", 3);
    unsigned char *sub = font_subset(b, &nsub);
    size_t whole = 0;
    char *raw = fs_read(font_file(b), &whole);
    CHECK("marked: a subset, smaller than the file",
          sub && raw && nsub > 0 && nsub < whole / 4);
    char tmp[] = "/tmp/rapport-font-XXXXXX";
    int fd = mkstemp(tmp);
    if (fd >= 0)
      close(fd);
    sfnt_info si;
    const char *why = "";
    bool ok = sub && fd >= 0 && fs_write_atomic(tmp, (char *)sub, nsub) &&
              sfnt_read(tmp, 0, &si, &why);
    CHECK("the subset has the marked characters, H and x, and no others",
          ok && si.gid[0xD8] && si.gid['l'] && si.gid['H'] && si.gid['x'] &&
              !si.gid['A'] && !si.gid[0xE6]);
    if (ok)
      sfnt_free(&si);
    unlink(tmp);
    free(sub);
    free(raw);
  }
  font_family_free(one);

  /* a family that does not exist: fontconfig substitutes, we warn */
  font_family *sub = font_family_load("Ingen Sådan Skrift", &d);
  CHECK("a missing family still gives fonts", sub != NULL);
  CHECK("a missing family warns", d.warnings >= 1);
  font_family_free(sub);

  font_family *fam = font_family_load("DejaVu Serif", &d);
  font *f = font_family_get(fam, FONT_REGULAR);
  /* DejaVu Serif 'A' is 722/1000 em */
  double wa = font_char_width(f, 'A', 10), wv = font_char_width(f, 'V', 10);
  CHECK("width of A is positive", wa > 5 && wa < 10);
  int k = font_kern(f, 'A', 'V');
  CHECK("kerning A V is negative", k < 0);
  CHECK_NUM("kerning V A is read too", font_kern(f, 'V', 'A') < 0, 1);
  CHECK_NUM("no kerning between o and n", font_kern(f, 'o', 'n'), 0);
  CHECK("text width includes kerning",
        near(font_text_width(f, "AV", 2, 10), wa + wv + k * 10 / 1000.0));
  CHECK("width scales with the size",
        near(font_text_width(f, "Hej", 3, 20),
             2 * font_text_width(f, "Hej", 3, 10)));
  CHECK("UTF-8 letters are measured as one character",
        near(font_text_width(f, "æøå", 6, 10),
             font_char_width(f, 0xE6, 10) + font_char_width(f, 0xF8, 10) +
                 font_char_width(f, 0xE5, 10)));
  CHECK("has a glyph for ø", font_has_glyph(f, 0xF8));
  CHECK("has no glyph for a CJK ideograph", !font_has_glyph(f, 0x4E00));
  CHECK("ascent positive", font_ascent(f, 10) > 5);
  CHECK("descent negative", font_descent(f, 10) < -1);

  /* kerned runs: "WAVE" cuts at W|A, A|V, V|E */
  pieces pc = {{0}, {0}, 0};
  size_t np = font_kern_runs(f, "WAVE", 4, 10, collect, &pc);
  CHECK_NUM("kern runs: count", np, pc.n);
  CHECK("kern runs: several pieces", np >= 3);
  const char *wave = "WAVE";
  double last = pc.x[np - 1] + font_text_width(f, wave + 4 - pc.len[np - 1],
                                               pc.len[np - 1], 10);
  CHECK("kern runs: the pieces end where the measured text ends",
        near(last, font_text_width(f, "WAVE", 4, 10)));
  pc.n = 0;
  CHECK_NUM("kern runs: plain text is one piece",
            font_kern_runs(f, "mmm", 3, 10, collect, &pc), 1);

  /* Carlito has no 'kern' table: its pairs come from GPOS */
  font_family *carlito = font_family_load("Carlito", &d);
  CHECK("Carlito kerns A V (GPOS)",
        font_kern(font_family_get(carlito, FONT_REGULAR), 'A', 'V') < 0);
  CHECK("Carlito kerns T o (GPOS)",
        font_kern(font_family_get(carlito, FONT_REGULAR), 'T', 'o') < 0);

  /* damaged font files are refused or read without crashing: truncations
   * and flipped bytes of a real font */
  {
    size_t len = 0;
    char *raw = fs_read(font_file(f), &len);
    char tmp[] = "/tmp/rapport-sfnt-XXXXXX";
    int fd = mkstemp(tmp);
    bool survived = raw && fd >= 0;
    if (fd >= 0)
      close(fd);
    unsigned seed = 1;
    for (int k = 0; survived && k < 24; k++) {
      size_t cut = k < 12 ? len * (size_t)k / 12 : len;
      if (k >= 12)
        for (int j = 0; j < 200; j++) { /* flip bytes in the tables */
          seed = seed * 1103515245u + 12345u;
          raw[(seed >> 8) % len] ^= (char)(seed >> 3);
        }
      fs_write_atomic(tmp, raw, cut);
      sfnt_info si;
      const char *why = NULL;
      if (sfnt_read(tmp, 0, &si, &why)) {
        (void)sfnt_kern(&si, 1, 2);
        sfnt_free(&si);
      } else {
        survived &= why != NULL;
      }
    }
    unlink(tmp);
    free(raw);
    CHECK("damaged font files: refused with a reason or read", survived);
  }

  font_family_free(carlito);
  font_family_free(fam);
  font_shutdown();
  diag_free(&d);
  return TEST_END();
}
