/* test_layout_pdffix.c - the pass that repairs libharu's output: the
 * ToUnicode CMap, /Lang, /ID, destinations, a valid cross-reference table,
 * and that repairing an already repaired file changes nothing (so a fixed
 * libharu would do no harm); compact output (object streams, an xref
 * stream) that qpdf and poppler read. */
#include <hpdf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/finish.h"
#include "pdf_probe.h"
#include "test.h"
#include "util/buf.h"
#include "util/fs.h"

static void S_err(HPDF_STATUS e, HPDF_STATUS d, void *u) {
  (void)e; (void)d; (void)u;
}

/* A one-page PDF from libharu with an embedded TrueType font; comp is
 * libharu's compression mode. */
static bool S_make(buf *out, HPDF_UINT comp) {
  HPDF_Doc pdf = HPDF_New(S_err, NULL);
  HPDF_SetCompressionMode(pdf, comp);
  HPDF_UseUTFEncodings(pdf);
  const char *name = HPDF_LoadTTFontFromFile(
      pdf, "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", HPDF_TRUE);
  if (!name) {
    HPDF_Free(pdf);
    return false;
  }
  HPDF_Font f = HPDF_GetFont(pdf, name, "UTF-8");
  HPDF_Page p = HPDF_AddPage(pdf);
  HPDF_Page_BeginText(p);
  HPDF_Page_SetFontAndSize(p, f, 12);
  HPDF_Page_TextOut(p, 50, 700, "Blåbærgrød på Ærø");
  HPDF_Page_EndText(p);
  HPDF_Destination d = HPDF_Page_CreateDestination(p);
  HPDF_Destination_SetXYZ(d, 0, 500, 1);
  HPDF_Outline o = HPDF_CreateOutline(pdf, NULL, "Første",
                                      HPDF_GetEncoder(pdf, "UTF-8"));
  HPDF_Outline_SetDestination(o, d);
  bool saved = probe_save(pdf, out);
  HPDF_Free(pdf);
  return saved;
}

/* The last "startxref" in pdf, or NULL. */
static const char *S_startxref(const buf *pdf) {
  for (size_t i = pdf->len - 9; i-- > 0;)
    if (memcmp(pdf->data + i, "startxref", 9) == 0)
      return pdf->data + i;
  return NULL;
}

/* What pdftotext prints for path, its warnings included, into got. */
static void S_pdftotext(const char *path, buf *got) {
  char cmd[256];
  snprintf(cmd, sizeof cmd, "pdftotext %s - 2>&1", path);
  FILE *p = popen(cmd, "r");
  char line[256];
  while (p && fgets(line, sizeof line, p))
    buf_puts(got, line);
  if (p)
    pclose(p);
}

int main(void) {
  buf cm = BUF_INIT;
  pdf_identity_cmap(&cm);
  CHECK("identity CMap uses bfrange", strstr(cm.data, "beginbfrange") != NULL);
  CHECK("identity CMap has no cidrange", strstr(cm.data, "cidrange") == NULL);
  CHECK_NUM("one range per high byte except the surrogates",
            test_count(cm.data, cm.len, "FF> <"), 248);
  CHECK("surrogates left out", strstr(cm.data, "<D800>") == NULL);
  CHECK("no block over 100 ranges", strstr(cm.data, "248 begin") == NULL);
  buf_free(&cm);

  buf in = BUF_INIT, out = BUF_INIT, again = BUF_INIT;
  CHECK("libharu made a PDF", S_make(&in, HPDF_COMP_NONE));
  CHECK("libharu's ToUnicode is the broken one",
        test_count(in.data, in.len, "begincidrange") > 0);
  CHECK_NUM("pdf_fix accepts it", pdf_fix(in.data, in.len, "da", &out), 0);
  CHECK("version raised to 1.4", memcmp(out.data, "%PDF-1.4", 8) == 0);
  CHECK_NUM("no cidrange left", test_count(out.data, out.len, "begincidrange"), 0);
  CHECK_NUM("language in the catalog", test_count(out.data, out.len, "/Lang (da)"),
            1);
  CHECK_NUM("readers show the title",
            test_count(out.data, out.len, "/DisplayDocTitle true"), 1);
  CHECK_NUM("an /ID in the trailer", test_count(out.data, out.len, "/ID [<"), 1);
  CHECK_NUM("destinations keep the zoom",
            test_count(out.data, out.len, "/XYZ null 500.00 null"), 1);
  /* startxref points at the xref table */
  const char *sx = S_startxref(&out);
  size_t xoff = sx ? strtoul(sx + 9, NULL, 10) : 0;
  CHECK("startxref points at the table",
        sx && xoff < out.len && memcmp(out.data + xoff, "xref", 4) == 0);
  CHECK_NUM("fixing twice changes nothing",
            pdf_fix(out.data, out.len, "da", &again), 0);
  CHECK("second pass gives the same bytes",
        again.len == out.len && memcmp(again.data, out.data, out.len) == 0);
  buf junk = BUF_INIT;
  CHECK_NUM("not a PDF is refused", pdf_fix("hello world, not a pdf at all", 29,
                                            "da", &junk), -1);
  buf_free(&junk);
  /* poppler reads it without a warning */
  if (fs_write_atomic("/tmp/rapport-test-pdffix.pdf", out.data, out.len)) {
    buf got = BUF_INIT;
    S_pdftotext("/tmp/rapport-test-pdffix.pdf", &got);
    CHECK("pdftotext extracts the text without a warning",
          got.len && strstr(got.data, "Blåbærgrød på Ærø") != NULL &&
              strstr(got.data, "Error") == NULL &&
              strstr(got.data, "Invalid") == NULL);
    buf_free(&got);
    remove("/tmp/rapport-test-pdffix.pdf");
  }
  /* content streams libharu leaves uncompressed are deflated here */
  buf raw = BUF_INIT, z = BUF_INIT, z2 = BUF_INIT;
  CHECK("libharu made a PDF with plain content",
        S_make(&raw, HPDF_COMP_IMAGE | HPDF_COMP_METADATA));
  CHECK("its content is plain", test_count(raw.data, raw.len, " Tj") == 1);
  CHECK_NUM("pdf_fix accepts it", pdf_fix(raw.data, raw.len, "da", &z), 0);
  CHECK_NUM("the content is deflated", test_count(z.data, z.len, " Tj"), 0);
  CHECK_NUM("every stream has a filter", test_count(z.data, z.len, ">>\nstream"),
            test_count(z.data, z.len, "/FlateDecode"));
  CHECK_NUM("no indirect /Length left", test_count(z.data, z.len, " 0 R\n>>\nstream"),
            0);
  CHECK_NUM("fixing that again changes nothing",
            pdf_fix(z.data, z.len, "da", &z2), 0);
  CHECK("second pass, same bytes",
        z2.len == z.len && memcmp(z2.data, z.data, z.len) == 0);
  if (fs_write_atomic("/tmp/rapport-test-pdffix-z.pdf", z.data, z.len)) {
    CHECK("qpdf --check is clean", system("qpdf --check /tmp/rapport-test-pdffix-z.pdf "
                                          ">/dev/null 2>&1") == 0);
    buf got = BUF_INIT;
    S_pdftotext("/tmp/rapport-test-pdffix-z.pdf", &got);
    CHECK("the deflated text extracts", got.len &&
                                            strstr(got.data, "Blåbærgrød på Ærø"));
    buf_free(&got);
    remove("/tmp/rapport-test-pdffix-z.pdf");
  }
  /* compact output, as rapport writes: object streams and an xref stream */
  buf c = BUF_INIT, c2 = BUF_INIT;
  CHECK_NUM("compact: pdf_fix_with accepts it",
            pdf_fix_with(raw.data, raw.len, "da", NULL, 0, NULL, NULL, true, &c),
            0);
  CHECK("compact: version raised to 1.5", memcmp(c.data, "%PDF-1.5", 8) == 0);
  CHECK("compact: objects in an object stream",
        test_count(c.data, c.len, "/Type /ObjStm") > 0);
  CHECK_NUM("compact: the outline is no longer plain",
            test_count(c.data, c.len, "/XYZ"), 0);
  CHECK_NUM("compact: the catalog stays plain, with /Lang",
            test_count(c.data, c.len, "/Lang (da)"), 1);
  CHECK_NUM("compact: no xref table", test_count(c.data, c.len, "\nxref\n"), 0);
  sx = S_startxref(&c);
  xoff = sx ? strtoul(sx + 9, NULL, 10) : 0;
  const char *xs = sx && xoff < c.len ? strstr(c.data + xoff, "/Type /XRef") : NULL;
  CHECK("compact: startxref points at the xref stream, with an /ID",
        xs && xs - (c.data + xoff) < 40 && strstr(xs, "/ID [<") &&
            strstr(xs, "/ID [<") < sx);
  CHECK_NUM("compact: again", pdf_fix_with(raw.data, raw.len, "da", NULL, 0,
                                           NULL, NULL, true, &c2), 0);
  CHECK("compact: the same bytes again",
        c2.len == c.len && memcmp(c2.data, c.data, c.len) == 0);
  if (fs_write_atomic("/tmp/rapport-test-pdffix-c.pdf", c.data, c.len)) {
    CHECK("compact: qpdf --check is clean",
          system("qpdf --check /tmp/rapport-test-pdffix-c.pdf >/dev/null 2>&1") == 0);
    /* qpdf's QDF form writes an array's items one to a line */
    CHECK("compact: unpacked, the outline keeps the zoom",
          system("qpdf --qdf --object-streams=disable "
                 "/tmp/rapport-test-pdffix-c.pdf - 2>/dev/null | "
                 "tr -s ' \\n' '  ' | grep -aq '/XYZ null 500.00 null'") == 0);
    buf got = BUF_INIT;
    S_pdftotext("/tmp/rapport-test-pdffix-c.pdf", &got);
    CHECK("compact: the text extracts without a warning",
          got.len && strstr(got.data, "Blåbærgrød på Ærø") &&
              !strstr(got.data, "Error"));
    buf_free(&got);
    remove("/tmp/rapport-test-pdffix-c.pdf");
  }
  buf_free(&c);
  buf_free(&c2);
  buf_free(&raw);
  buf_free(&z);
  buf_free(&z2);
  buf_free(&in);
  buf_free(&out);
  buf_free(&again);
  return TEST_END();
}
