/* test_pdf_font.c - the layout's fonts in the PDF writer: every style of
 * the theme families loads into libharu, libharu's widths are the layout's
 * (whole fonts for every BMP code point, subsets for the marked ones), a
 * marked font is embedded as the subset; and pdf_write writes what
 * lay_document laid out. */
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc/doc.h"
#include "layout/font.h"
#include "layout/layout.h"
#include "project/locale.h"
#include "pdf/pdf.h"
#include "pdf/font.h"
#include "pdf_probe.h"
#include "test.h"
#include "project/theme.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/utf8.h"

static void S_err(HPDF_STATUS e, HPDF_STATUS d, void *u) {
  (void)e; (void)d; (void)u;
}

static HPDF_Doc S_doc(void) {
  HPDF_Doc pdf = HPDF_New(S_err, NULL);
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
  return pdf;
}

int main(void) {
  diag_list d;
  diag_init(&d);
  const char *families[] = {"DejaVu Serif",    "DejaVu Sans", "Liberation Serif",
                            "Liberation Sans", "Carlito",     "DejaVu Sans Mono"};
  char name[160];
  for (size_t i = 0; i < 6; i++) {
    font_family *fam = font_family_load(families[i], &d);
    HPDF_Doc pdf = S_doc();
    pdf_fonts *pf = pdf_fonts_new(pdf);
    bool ok = fam != NULL, same = true;
    for (int s = 0; ok && s < 4; s++) {
      font *f = font_family_get(fam, (font_style)s);
      HPDF_Font hf = pdf_fonts_get(pf, f);
      ok = hf != NULL;
      same &= pdf_fonts_get(pf, f) == hf;
    }
    snprintf(name, sizeof name, "%s: four styles load into libharu",
             families[i]);
    CHECK(name, ok);
    snprintf(name, sizeof name, "%s: asked again, the same font", families[i]);
    CHECK(name, same);
    /* our widths are libharu's, for every BMP code point (libharu writes
     * these into the PDF's /W) */
    int bad = 0;
    for (int s = 0; fam && s < 4; s += 3) { /* regular, bold italic */
      font *f = font_family_get(fam, (font_style)s);
      HPDF_Font hf = pdf_fonts_get(pf, f);
      for (uint32_t cp = 0x20; hf && cp <= 0xFFFF; cp++)
        if (font_char_width(f, cp, 1000) !=
            HPDF_Font_GetUnicodeWidth(hf, (HPDF_UNICODE)cp))
          bad++;
      if (!hf)
        bad = -1;
    }
    snprintf(name, sizeof name, "%s: widths equal libharu's", families[i]);
    CHECK_NUM(name, bad, 0);
    pdf_fonts_free(pf);
    HPDF_Free(pdf);
    font_family_free(fam);
  }

  /* a marked font is embedded as its subset, with the same widths */
  const char *text = "Æble på øen – »citat« “quote” … 12,5 % ÅåØøÉéÜüŵǺ€";
  for (size_t i = 0; i < 6; i++) {
    font_family *fam = font_family_load(families[i], &d);
    if (!fam)
      continue;
    font *f = font_family_get(fam, FONT_BOLD_ITALIC);
    font_mark_text(f, text, strlen(text));
    HPDF_Doc pdf = S_doc();
    pdf_fonts *pf = pdf_fonts_new(pdf);
    HPDF_Font hf = pdf_fonts_get(pf, f);
    snprintf(name, sizeof name, "%s: libharu loads the subset", families[i]);
    CHECK(name, hf != NULL);
    int bad = 0;
    for (size_t k = 0, n = strlen(text); hf && k < n;) {
      uint32_t cp;
      k += (size_t)utf8_decode(text + k, n - k, &cp);
      if (font_char_width(f, cp, 1000) !=
          HPDF_Font_GetUnicodeWidth(hf, (HPDF_UNICODE)cp))
        bad++;
    }
    snprintf(name, sizeof name, "%s: subset widths equal the font's",
             families[i]);
    CHECK_NUM(name, bad, 0);
    HPDF_Page pg = HPDF_AddPage(pdf);
    HPDF_Page_BeginText(pg);
    HPDF_Page_SetFontAndSize(pg, hf, 12);
    HPDF_Page_TextOut(pg, 50, 700, "Æble");
    HPDF_Page_EndText(pg);
    buf saved = BUF_INIT;
    probe_save(pdf, &saved);
    const char *ff = probe_find(saved.data, saved.len, "/FontFile2 ");
    size_t flen = 0, whole = 0;
    char *raw = fs_read(font_file(f), &whole);
    bool small = ff && raw &&
                 probe_stream(saved.data, saved.len,
                              (unsigned)atol(ff + 11), &flen) &&
                 flen < whole / 4;
    snprintf(name, sizeof name, "%s: the embedded font is the subset",
             families[i]);
    CHECK(name, small);
    free(raw);
    buf_free(&saved);
    pdf_fonts_free(pf);
    HPDF_Free(pdf);
    font_family_free(fam);
  }

  /* the stages: layout, its pages handed to the writer */
  theme *t = theme_load("klassisk", ".", ".", &d);
  locale *l = locale_load("da", ".", &d);
  doc *dc = doc_new();
  doc_node *h = doc_node_new(DOC_HEADING);
  h->level = 1;
  doc_append(h, doc_text("Blåbærgrød på Ærø"));
  doc_set(&h->id, "sec:en");
  doc_append(dc->root, h);
  doc_node *p = doc_node_new(DOC_PARAGRAPH);
  doc_append(p, doc_text("Følgeforskningen viser, at partnerskabet virker."));
  doc_append(dc->root, p);
  lay_fonts lf = {0};
  lay_result r;
  memset(&r, 0, sizeof r);
  bool laid = t && l && lay_fonts_load(dc, t, &lf, &d) == 0 &&
              lay_document(dc, t, l, &lf, &r, &d) == 0;
  CHECK("the document is laid out", laid);
  size_t npages = r.npages;
  char path[] = "/tmp/rapport-test-pdf-font.pdf";
  pdf_options opt = {-1, 0};
  int rc = laid ? pdf_write(dc, &r, &lf, path, &opt, &d) : -1;
  diag_print(&d);
  CHECK("pdf_write succeeds", rc == 0);
  CHECK_NUM("as many pages as laid out", opt.pages, npages);
  size_t n = 0;
  char *bytes = fs_read(path, &n);
  CHECK("a PDF was written",
        bytes && n > 1000 && memcmp(bytes, "%PDF-1.5", 8) == 0);
  CHECK("with /Lang", bytes && probe_find(bytes, n, "/Lang (da)") != NULL);
  free(bytes);
  unlink(path);
  lay_result_free(&r);
  lay_fonts_free(&lf);
  doc_free(dc);
  theme_free(t);
  locale_free(l);
  font_shutdown();
  diag_free(&d);
  return TEST_END();
}
