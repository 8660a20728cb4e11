/* test_pdf_haru.c - what pdf/haru.c relies on inside libharu still holds:
 * the installed library is the version the file names, a page's stream
 * written through libharu is taken out whole and left empty, the content
 * stream's object number is the page's /Contents, a font loaded from
 * memory gets the names a file would get, a glyph marked as used is the
 * one embedded, and reals are written as pdf_haru_real_units says. */
#include <hpdf.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/haru.h"
#include "pdf_probe.h"
#include "test.h"
#include "util/buf.h"
#include "util/fs.h"

static const char *SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
static const char *SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf";

static void S_err(HPDF_STATUS e, HPDF_STATUS d, void *u) {
  (void)d;
  if (u)
    *(HPDF_STATUS *)u = e;
}

/* Draws a letter with each font named on a new page of pdf. */
static void S_use_fonts(HPDF_Doc pdf, const char *a, const char *b) {
  HPDF_Page pg = HPDF_AddPage(pdf);
  HPDF_Page_BeginText(pg);
  HPDF_Page_SetFontAndSize(pg, HPDF_GetFont(pdf, a, "UTF-8"), 12);
  HPDF_Page_TextOut(pg, 10, 10, "x");
  HPDF_Page_SetFontAndSize(pg, HPDF_GetFont(pdf, b, "UTF-8"), 12);
  HPDF_Page_TextOut(pg, 10, 30, "x");
  HPDF_Page_EndText(pg);
}

/* How many of the /FontName entries of ref (at least one) are in got too,
 * as a share: 1 if all are. */
static double S_same_names(const buf *ref, const buf *got) {
  int n = 0, found = 0;
  const char *p = ref->data, *end = ref->data + ref->len;
  while ((p = probe_find(p, (size_t)(end - p), "/FontName /"))) {
    size_t k = strcspn(p, "\n\r");
    char name[128];
    snprintf(name, sizeof name, "%.*s", (int)k, p);
    n++;
    found += probe_find(got->data, got->len, name) != NULL;
    p += k;
  }
  return n ? (double)found / n : 0;
}

/* units (1e-5) as the writer prints them: five decimals at most, trailing
 * zeros and a bare point dropped */
static void S_units(char *out, size_t cap, long long u) {
  const char *sign = u < 0 ? "-" : "";
  if (u < 0)
    u = -u;
  int k = snprintf(out, cap, "%s%lld.%05lld", sign, u / 100000, u % 100000);
  while (k > 0 && out[k - 1] == '0')
    out[--k] = '\0';
  if (k > 0 && out[k - 1] == '.')
    out[--k] = '\0';
}

int main(void) {
  CHECK_STR("libharu is the version pdf/haru.c was checked against",
            HPDF_GetVersion(), PDF_HARU_VERSION);

  HPDF_STATUS e = 0;
  HPDF_Doc pdf = HPDF_New(S_err, &e);
  HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
  HPDF_UseUTFEncodings(pdf);
  HPDF_Page pg = HPDF_AddPage(pdf);

  /* the page's stream, taken out as written */
  buf ops = BUF_INIT;
  HPDF_Page_GSave(pg);
  pdf_haru_take_page(pg, &ops);
  CHECK_STR("take_page: what libharu wrote", buf_cstr(&ops), "q\n");
  HPDF_Page_GRestore(pg);
  pdf_haru_take_page(pg, &ops);
  CHECK_STR("take_page: only what came since, appended", buf_cstr(&ops),
            "q\nQ\n");
  pdf_haru_take_page(pg, &ops);
  CHECK_STR("take_page: nothing new, nothing added", buf_cstr(&ops),
            "q\nQ\n");

  /* reals as libharu writes them */
  static const float vals[] = {0,      0.1f,    1.0f / 3,  123.456789f,
                               -7.25f, 1e-6f,   32767.9f,  40000,
                               -40000, 595.28f, 841.89f,   -0.00004f};
  int wrong = 0;
  for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
    buf_clear(&ops);
    HPDF_Page_MoveTo(pg, vals[i], 1);
    HPDF_Page_EndPath(pg); /* back to page mode, for what follows */
    pdf_haru_take_page(pg, &ops);
    char want[64];
    S_units(want, sizeof want, pdf_haru_real_units(vals[i]));
    char *sp = strchr(buf_cstr(&ops), ' ');
    if (!sp || (size_t)(sp - ops.data) != strlen(want) ||
        memcmp(ops.data, want, strlen(want)) != 0) {
      printf("  %g: libharu wrote \"%s\", pdf_haru_real_units gives %s\n",
             (double)vals[i], buf_cstr(&ops), want);
      wrong++;
    }
  }
  CHECK_NUM("real_units: the numbers libharu writes", wrong, 0);

  /* a font from memory is named as the same file would be; a TrueType's
   * glyph is embedded only once marked as used */
  size_t nsans = 0, nserif = 0;
  char *sans = fs_read(SANS, &nsans), *serif = fs_read(SERIF, &nserif);
  HPDF_Doc ref = HPDF_New(S_err, NULL);
  HPDF_UseUTFEncodings(ref);
  const char *r1 = HPDF_LoadTTFontFromFile(ref, SANS, HPDF_TRUE);
  const char *r2 = HPDF_LoadTTFontFromFile(ref, SERIF, HPDF_TRUE);
  const char *m1 = sans ? pdf_haru_load_ttf(pdf, (unsigned char *)sans, nsans)
                        : NULL;
  const char *m2 = serif ? pdf_haru_load_ttf(pdf, (unsigned char *)serif,
                                             nserif)
                         : NULL;
  CHECK("load_ttf: the first font's name is the file's", r1 && m1 &&
        strcmp(r1, m1) == 0);
  CHECK("load_ttf: so is the second's", r2 && m2 && strcmp(r2, m2) == 0);
  buf refpdf = BUF_INIT;
  if (r1 && r2)
    S_use_fonts(ref, r1, r2);
  probe_save(ref, &refpdf);
  HPDF_Free(ref);
  e = 0;
  static const unsigned char junk[64] = {0, 1, 0, 0, 0, 13};
  CHECK("load_ttf: not a font gives NULL",
        pdf_haru_load_ttf(pdf, junk, sizeof junk) == NULL);
  CHECK_NUM("load_ttf: and leaves no error behind", HPDF_GetError(pdf), 0);
  HPDF_Font hf = m1 ? HPDF_GetFont(pdf, m1, "UTF-8") : NULL;
  e = 0;
  CHECK("the memory font is a UTF-8 font", hf != NULL);
  HPDF_Page_BeginText(pg);
  HPDF_Page_SetFontAndSize(pg, hf, 12);
  HPDF_Page_EndText(pg);
  pdf_haru_use_char(hf, 'A');
  pdf_haru_use_char(HPDF_GetFont(pdf, "Helvetica", NULL), 'A'); /* no-op */
  pdf_haru_use_char(NULL, 'A');
  buf_clear(&ops);
  pdf_haru_take_page(pg, &ops);

  unsigned cobj = pdf_haru_contents_obj(pg);
  buf saved = BUF_INIT;
  probe_save(pdf, &saved);
  CHECK_NUM("no libharu error on the way", e, 0);
  buf_clear(&saved);
  if (m1 && m2)
    S_use_fonts(pdf, m1, m2);
  probe_save(pdf, &saved);
  CHECK_NUM("load_ttf: embedded with the file's subset tags (HPDFAA+, AB+)",
            S_same_names(&refpdf, &saved), 1);
  char want[48];
  snprintf(want, sizeof want, "/Contents %u 0 R", cobj);
  CHECK("contents_obj: the page's /Contents",
        probe_find(saved.data, saved.len, want) != NULL);
  size_t clen = 99;
  CHECK("take_page: the content stream was left empty",
        probe_stream(saved.data, saved.len, cobj, &clen) && clen == 0);
  CHECK("use_char: the marked glyph is embedded",
        probe_glyph_len(saved.data, saved.len, 'A') > 0);
  CHECK_NUM("use_char: an unmarked one is not",
            probe_glyph_len(saved.data, saved.len, 'B'), 0);
  buf_free(&refpdf);

  buf_free(&saved);
  buf_free(&ops);
  free(sans);
  free(serif);
  HPDF_Free(pdf);
  return TEST_END();
}
