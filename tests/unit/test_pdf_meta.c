/* test_pdf_meta.c - the XMP packet of pdf/meta.c: PDF dates in XMP form,
 * text escaped, every property the information dictionary has (and none
 * it lacks), the PDF/UA and PDF/A identifiers with pdfuaid declared; and
 * pdf_meta_add on a libharu document: the catalog gets /Metadata and an
 * sRGB /OutputIntents, a link gets the Print flag, a missing profile is an
 * error that names the file and the package. */
#include <hpdf.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/meta.h"
#include "pdf_probe.h"
#include "test.h"
#include "util/buf.h"

static bool S_has(buf *b, const char *s) {
  return test_count(b->data, b->len, s) > 0;
}

static void S_dates(void) {
  buf d = BUF_INIT;
  CHECK("UTC date", pdf_meta_xmp_date("D:20250630120000Z00'00'", &d) &&
                        strcmp(buf_cstr(&d), "2025-06-30T12:00:00Z") == 0);
  CHECK("offset date", pdf_meta_xmp_date("D:20250101080910+01'00'", &d) &&
                           strcmp(buf_cstr(&d), "2025-01-01T08:09:10+01:00") == 0);
  CHECK("date without zone is UTC",
        pdf_meta_xmp_date("D:20250101080910", &d) &&
            strcmp(buf_cstr(&d), "2025-01-01T08:09:10Z") == 0);
  CHECK("not a date", !pdf_meta_xmp_date("2025-06-30", &d) && d.len == 0);
  CHECK("short date", !pdf_meta_xmp_date("D:2025", &d));
  CHECK("no date", !pdf_meta_xmp_date(NULL, &d));
  buf_free(&d);
}

static void S_packet(void) {
  pdf_meta_fields f = {.title = "Ærø & <Ålbæk> \"nu\"",
                       .author = "Åse Ørum, Bjørn Æbelø",
                       .creator = "rapport",
                       .producer = "rapport",
                       .created = "D:20250630120000Z00'00'",
                       .modified = "D:20250630120000Z00'00'",
                       .lang = "da"};
  buf x = BUF_INIT;
  pdf_meta_xmp(&f, &x);
  CHECK("title escaped",
        S_has(&x, "<rdf:li xml:lang=\"x-default\">Ærø &amp; &lt;Ålbæk&gt; "
                  "&quot;nu&quot;</rdf:li>"));
  CHECK("author as one dc:creator entry",
        S_has(&x, "<dc:creator><rdf:Seq><rdf:li>Åse Ørum, Bjørn Æbelø"
                  "</rdf:li></rdf:Seq></dc:creator>"));
  CHECK("language", S_has(&x, "<dc:language><rdf:Bag><rdf:li>da</rdf:li>"));
  CHECK("create date", S_has(&x, "<xmp:CreateDate>2025-06-30T12:00:00Z<"));
  CHECK("modify date", S_has(&x, "<xmp:ModifyDate>2025-06-30T12:00:00Z<"));
  CHECK("producer", S_has(&x, "<pdf:Producer>rapport</pdf:Producer>"));
  CHECK("creator tool", S_has(&x, "<xmp:CreatorTool>rapport<"));
  CHECK("no subject, no dc:description", !S_has(&x, "dc:description"));
  CHECK("no keywords, no pdf:Keywords", !S_has(&x, "pdf:Keywords"));
  CHECK("pdfuaid:part 1", S_has(&x, "<pdfuaid:part>1</pdfuaid:part>"));
  CHECK("pdfaid:part 2", S_has(&x, "<pdfaid:part>2</pdfaid:part>"));
  CHECK("pdfaid:conformance A",
        S_has(&x, "<pdfaid:conformance>A</pdfaid:conformance>"));
  CHECK("pdfuaid declared as an extension schema",
        S_has(&x, "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"));
  CHECK("packet wrapper", S_has(&x, "<?xpacket begin=\"\xEF\xBB\xBF\"") &&
                              S_has(&x, "<?xpacket end=\"r\"?>"));
  buf_free(&x);
  f.title = NULL;
  f.created = "not a date";
  pdf_meta_xmp(&f, &x);
  CHECK("no title, no dc:title", !S_has(&x, "dc:title"));
  CHECK("a bad date left out", !S_has(&x, "xmp:CreateDate"));
  buf_free(&x);
}

static void S_noop(HPDF_STATUS e, HPDF_STATUS d, void *u) {
  (void)e;
  (void)d;
  (void)u;
}

static void S_add(void) {
  HPDF_Doc pdf = HPDF_New(S_noop, NULL);
  HPDF_Page pg = HPDF_AddPage(pdf);
  HPDF_Rect r = {10, 10, 50, 20};
  HPDF_Page_CreateURILinkAnnot(pg, r, "https://example.org/");
  HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, "Titel");
  diag_list dl;
  diag_init(&dl);
  setenv("RAPPORT_SRGB_ICC", "/nonexistent/sRGB.icc", 1);
  CHECK("a missing profile fails", pdf_meta_add(pdf, "da", "x.pdf", &dl) == -1);
  CHECK("the message names the profile and the package",
        dl.len == 1 && strstr(dl.items[0].message, "/nonexistent/sRGB.icc") &&
            strstr(dl.items[0].message, "icc-profiles-free"));
  setenv("RAPPORT_SRGB_ICC", "/etc/hostname", 1);
  CHECK("a file that is not an ICC profile fails",
        pdf_meta_add(pdf, "da", "x.pdf", &dl) == -1 && dl.len == 2 &&
            strstr(dl.items[1].message, "ICC"));
  setenv("RAPPORT_SRGB_ICC", "/", 1);
  CHECK("a profile that cannot be read is not called missing",
        pdf_meta_add(pdf, "da", "x.pdf", &dl) == -1 && dl.len == 3 &&
            strstr(dl.items[2].message, "kan ikke læses") &&
            !strstr(dl.items[2].message, "findes ikke"));
  unsetenv("RAPPORT_SRGB_ICC");
  CHECK("the installed profile is used",
        pdf_meta_add(pdf, "da", "x.pdf", &dl) == 0 && dl.len == 3);
  buf out = BUF_INIT;
  probe_save(pdf, &out);
  CHECK("catalog has /Metadata", S_has(&out, "/Metadata "));
  CHECK("metadata stream typed", S_has(&out, "/Type /Metadata") &&
                                     S_has(&out, "/Subtype /XML"));
  CHECK("the XMP is in the file uncompressed",
        S_has(&out, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Titel"));
  CHECK("output intent GTS_PDFA1", S_has(&out, "/S /GTS_PDFA1"));
  CHECK("catalog has /OutputIntents", S_has(&out, "/OutputIntents ["));
  CHECK("ICC profile stream with 3 components", S_has(&out, "/N 3"));
  CHECK("link has the Print flag", S_has(&out, "/F 4"));
  buf_free(&out);
  diag_free(&dl);
  HPDF_Free(pdf);
}

int main(void) {
  S_dates();
  S_packet();
  S_add();
  return TEST_END();
}
