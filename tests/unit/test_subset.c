/* test_subset.c - the TrueType subset embedded in PDFs: it maps exactly the
 * marked characters, with the original widths, and keeps the components of
 * composite glyphs. That libharu loads it and measures what it measured
 * with the whole font is test_pdf_font's (this test links no libharu). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout/font.h"
#include "layout/sfnt.h"
#include "layout/subset.h"
#include "test.h"
#include "util/fs.h"

static unsigned u16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static uint32_t u32(const unsigned char *p) {
  return (uint32_t)u16(p) << 16 | u16(p + 2);
}

static const unsigned char *table(const unsigned char *f, size_t n,
                                  const char *tag, size_t *len) {
  unsigned nt = u16(f + 4);
  for (unsigned i = 0; i < nt && 12 + 16 * (i + 1) <= n; i++)
    if (memcmp(f + 12 + 16 * i, tag, 4) == 0) {
      *len = u32(f + 12 + 16 * i + 12);
      return f + u32(f + 12 + 16 * i + 8);
    }
  *len = 0;
  return NULL;
}

/* Every component of every composite glyph is a glyph of the subset. */
static int bad_components(const unsigned char *f, size_t n) {
  size_t ll, gl, ml;
  const unsigned char *loca = table(f, n, "loca", &ll),
                      *glyf = table(f, n, "glyf", &gl),
                      *maxp = table(f, n, "maxp", &ml);
  if (!loca || !glyf || !maxp)
    return -1;
  unsigned ng = u16(maxp + 4), bad = 0;
  for (unsigned g = 0; g < ng; g++) {
    uint32_t a = u32(loca + 4 * g), b = u32(loca + 4 * g + 4);
    if (b - a < 10 || (int16_t)u16(glyf + a) >= 0)
      continue;
    size_t o = a + 10;
    unsigned flags;
    do {
      flags = u16(glyf + o);
      if (u16(glyf + o + 2) >= ng)
        bad++;
      o += 4 + ((flags & 1) ? 4 : 2);
      o += (flags & 8) ? 2 : (flags & 64) ? 4 : (flags & 128) ? 8 : 0;
    } while ((flags & 32) && o < b);
  }
  return (int)bad;
}

int main(void) {
  diag_list d;
  diag_init(&d);
  /* Danish, punctuation, and accented letters that DejaVu and Liberation
   * build as composites of a base letter and an accent */
  const char *text = "Æble på øen – »citat« “quote” … 12,5 % ÅåØøÉéÜüŵǺ€";
  const char *families[] = {"DejaVu Serif", "DejaVu Sans", "Liberation Serif",
                            "Liberation Sans", "Carlito", "DejaVu Sans Mono"};
  for (size_t i = 0; i < 6; i++) {
    font_family *fam = font_family_load(families[i], &d);
    char name[160];
    snprintf(name, sizeof name, "%s loads", families[i]);
    CHECK(name, fam != NULL);
    if (!fam)
      continue;
    font *f = font_family_get(fam, FONT_BOLD_ITALIC);
    font_mark_text(f, text, strlen(text));
    size_t nmarked = 0;
    unsigned char *marked = font_subset(f, &nmarked);
    char mtmp[] = "/tmp/rapport-subset-XXXXXX";
    int mfd = mkstemp(mtmp);
    if (mfd >= 0)
      close(mfd);
    sfnt_info ms;
    const char *mwhy = "";
    bool mok = marked && mfd >= 0 &&
               fs_write_atomic(mtmp, (char *)marked, nmarked) &&
               sfnt_read(mtmp, 0, &ms, &mwhy);
    snprintf(name, sizeof name, "%s: font_subset gives a font (%s)",
             families[i], mok ? "ok" : mwhy);
    CHECK(name, mok);
    /* the marked characters keep the whole font's widths */
    int bad = 0;
    for (const char *p = text; mok && *p;) {
      uint32_t cp = (unsigned char)*p;
      int k = 1;
      if (cp >= 0x80) {
        k = (cp >= 0xF0) ? 4 : (cp >= 0xE0) ? 3 : 2;
        cp &= (k == 2) ? 0x1F : (k == 3) ? 0x0F : 0x07;
        for (int j = 1; j < k; j++)
          cp = cp << 6 | ((unsigned char)p[j] & 0x3F);
      }
      if (!ms.gid[cp] || font_char_width(f, cp, 1000) != ms.width[ms.gid[cp]])
        bad++;
      p += k;
    }
    if (mok)
      sfnt_free(&ms);
    unlink(mtmp);
    free(marked);
    snprintf(name, sizeof name, "%s: subset widths equal the font's",
             families[i]);
    CHECK_NUM(name, bad, 0);

    /* the subset itself, read back as a font file */
    size_t len = 0;
    char *raw = fs_read(font_file(f), &len);
    sfnt_info whole;
    const char *why = "";
    bool ok = raw && sfnt_read(font_file(f), 0, &whole, &why);
    uint8_t used[65536 / 8] = {0};
    /* U+0E01 (Thai) is in none of these fonts: drawn as .notdef */
    const uint32_t cps[] = {'H', 'x', 0xE6, 0x2013, 0xE9, 0x1FA, 0x20AC, 0xE01};
    for (size_t k = 0; k < sizeof cps / sizeof *cps; k++)
      used[cps[k] >> 3] |= (uint8_t)(1u << (cps[k] & 7));
    size_t n = 0;
    unsigned char *sub =
        ok ? subset_build((unsigned char *)raw, len, 0, used, whole.gid, &n)
           : NULL;
    snprintf(name, sizeof name, "%s: subset built, smaller than the font",
             families[i]);
    CHECK(name, sub && n < len / 4);
    char tmp[] = "/tmp/rapport-subset-XXXXXX";
    int fd = mkstemp(tmp);
    if (fd >= 0) {
      close(fd);
      fs_write_atomic(tmp, (const char *)sub, n);
    }
    sfnt_info part;
    bool pok = sub && sfnt_read(tmp, 0, &part, &why);
    snprintf(name, sizeof name, "%s: the subset is a valid font (%s)",
             families[i], pok ? "ok" : why);
    CHECK(name, pok);
    if (pok) {
      int wrong = 0, extra = 0;
      for (uint32_t cp = 0; cp <= 0xFFFF; cp++) {
        bool want = used[cp >> 3] & (1u << (cp & 7));
        if (want) { /* a glyph of its own, as wide as the font says */
          if (!part.gid[cp] ||
              part.width[part.gid[cp]] != whole.width[whole.gid[cp]])
            wrong++;
        } else if (part.gid[cp]) {
          extra++;
        }
      }
      snprintf(name, sizeof name,
               "%s: marked characters keep their widths", families[i]);
      CHECK_NUM(name, wrong, 0);
      snprintf(name, sizeof name, "%s: no other characters are mapped",
               families[i]);
      CHECK_NUM(name, extra, 0);
      snprintf(name, sizeof name, "%s: few glyphs (.notdef twice, 7, components)",
               families[i]);
      CHECK(name, part.nglyphs >= 9 && part.nglyphs <= 18);
      snprintf(name, sizeof name, "%s: composite components are kept",
               families[i]);
      CHECK_NUM(name, bad_components(sub, n), 0);
      sfnt_free(&part);
    }
    unlink(tmp);
    free(sub);
    if (ok)
      sfnt_free(&whole);
    free(raw);
    font_family_free(fam);
  }
  /* a damaged file gives NULL, never a crash */
  uint8_t all[65536 / 8];
  memset(all, 0xFF, sizeof all);
  static uint16_t gid[65536];
  unsigned char junk[64] = {0, 1, 0, 0, 0, 13};
  size_t n = 0;
  CHECK("a damaged font is refused",
        subset_build(junk, sizeof junk, 0, all, gid, &n) == NULL);
  font_shutdown();
  diag_free(&d);
  return TEST_END();
}
