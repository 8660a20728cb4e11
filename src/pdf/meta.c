/* meta.c - the XMP packet and the PDF/A output intent (see meta.h). The
 * XMP is built from what libharu's information dictionary already holds,
 * read back through HPDF_GetInfoAttr, so the two cannot disagree (PDF/A
 * requires them to be equivalent). */
#include "pdf/meta.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/haru.h"
#include "util/fs.h"

/* The text of an XML element or attribute value: &, <, >, " escaped; the
 * C0 controls XML 1.0 forbids left out. */
static void S_xml(buf *out, const char *s) {
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '&')
      buf_puts(out, "&amp;");
    else if (c == '<')
      buf_puts(out, "&lt;");
    else if (c == '>')
      buf_puts(out, "&gt;");
    else if (c == '"')
      buf_puts(out, "&quot;");
    else if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
      buf_putc(out, c);
  }
}

static bool S_set(const char *s) { return s && *s; }

/* <NAME>text</NAME>, or <NAME><rdf:KIND><rdf:li LI>text</rdf:li>...:
 * kind NULL for a simple property. */
static void S_prop(buf *out, const char *name, const char *kind,
                   const char *li, const char *text) {
  if (!S_set(text))
    return;
  buf_printf(out, "   <%s>", name);
  if (kind)
    buf_printf(out, "<rdf:%s><rdf:li%s>", kind, li);
  S_xml(out, text);
  if (kind)
    buf_printf(out, "</rdf:li></rdf:%s>", kind);
  buf_printf(out, "</%s>\n", name);
}

static bool S_digits(const char *s, int n) {
  for (int i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return true;
}

bool pdf_meta_xmp_date(const char *d, buf *out) {
  buf_clear(out);
  if (!d || strncmp(d, "D:", 2) != 0 || strlen(d) < 16 || !S_digits(d + 2, 14))
    return false;
  const char *s = d + 2;
  buf_printf(out, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2s", s, s + 4, s + 6, s + 8,
             s + 10, s + 12);
  const char *z = s + 14;
  if (*z == 'Z' || *z == '\0') {
    buf_putc(out, 'Z');
  } else if ((*z == '+' || *z == '-') && S_digits(z + 1, 2) && z[3] == '\'' &&
             S_digits(z + 4, 2)) {
    buf_printf(out, "%c%.2s:%.2s", *z, z + 1, z + 4);
  } else {
    buf_clear(out);
    return false;
  }
  return true;
}

void pdf_meta_xmp(const pdf_meta_fields *f, buf *out) {
  buf date = BUF_INIT;
  /* the packet header's id is the one XMP fixes; begin is a BOM */
  buf_puts(out, "<?xpacket begin=\"\xEF\xBB\xBF\" "
                "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                " <rdf:RDF "
                "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                "  <rdf:Description rdf:about=\"\"\n"
                "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
                "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n"
                "    xmlns:pdfaExtension="
                "\"http://www.aiim.org/pdfa/ns/extension/\"\n"
                "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
                "    xmlns:pdfaProperty="
                "\"http://www.aiim.org/pdfa/ns/property#\">\n"
                "   <dc:format>application/pdf</dc:format>\n");
  S_prop(out, "dc:title", "Alt", " xml:lang=\"x-default\"", f->title);
  /* PDF/A: dc:creator holds one entry equal to the Author entry */
  S_prop(out, "dc:creator", "Seq", "", f->author);
  S_prop(out, "dc:description", "Alt", " xml:lang=\"x-default\"", f->subject);
  S_prop(out, "dc:language", "Bag", "", f->lang);
  S_prop(out, "pdf:Keywords", NULL, "", f->keywords);
  S_prop(out, "pdf:Producer", NULL, "", f->producer);
  S_prop(out, "xmp:CreatorTool", NULL, "", f->creator);
  if (pdf_meta_xmp_date(f->created, &date))
    S_prop(out, "xmp:CreateDate", NULL, "", buf_cstr(&date));
  if (pdf_meta_xmp_date(f->modified, &date)) {
    S_prop(out, "xmp:ModifyDate", NULL, "", buf_cstr(&date));
    S_prop(out, "xmp:MetadataDate", NULL, "", buf_cstr(&date));
  }
  buf_free(&date);
  buf_puts(out,
           "   <pdfaid:part>2</pdfaid:part>\n"
           "   <pdfaid:conformance>A</pdfaid:conformance>\n"
           "   <pdfuaid:part>1</pdfuaid:part>\n"
           "   <pdfaExtension:schemas><rdf:Bag>"
           "<rdf:li rdf:parseType=\"Resource\">\n"
           "    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema"
           "</pdfaSchema:schema>\n"
           "    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/"
           "</pdfaSchema:namespaceURI>\n"
           "    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
           "    <pdfaSchema:property><rdf:Seq>"
           "<rdf:li rdf:parseType=\"Resource\">\n"
           "     <pdfaProperty:name>part</pdfaProperty:name>\n"
           "     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
           "     <pdfaProperty:category>internal</pdfaProperty:category>\n"
           "     <pdfaProperty:description>The part of ISO 14289 the file "
           "conforms to</pdfaProperty:description>\n"
           "    </rdf:li></rdf:Seq></pdfaSchema:property>\n"
           "   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
           "  </rdf:Description>\n"
           " </rdf:RDF>\n"
           "</x:xmpmeta>\n"
           "<?xpacket end=\"r\"?>\n");
}

/* An ICC profile's header (ICC.1, 7.2): 'acsp' at 36, the colour space at
 * 16; the output intent must be an RGB one for our DeviceRGB content. */
static bool S_rgb_icc(const unsigned char *p, size_t n) {
  return n >= 128 && memcmp(p + 36, "acsp", 4) == 0 &&
         memcmp(p + 16, "RGB ", 4) == 0;
}

int pdf_meta_add(HPDF_Doc pdf, const char *lang, const char *path,
                 diag_list *diags) {
  const char *icc_path = getenv("RAPPORT_SRGB_ICC");
  if (!S_set(icc_path))
    icc_path = PDF_META_SRGB_ICC;
  size_t n = 0;
  unsigned char *icc = (unsigned char *)fs_read(icc_path, &n);
  if (!icc && errno != ENOENT) { /* there, but unreadable (or no memory) */
    diag_error(diags, path, 0, 0, M_PDF_SRGB_COLOUR_PROFILE_CANNOT, icc_path,
               strerror(errno));
    return -1;
  }
  if (!icc) {
    diag_error(diags, path, 0, 0, M_PDF_SRGB_COLOUR_PROFILE_IS, icc_path);
    return -1;
  }
  if (!S_rgb_icc(icc, n)) {
    diag_error(diags, path, 0, 0, M_PDF_IS_NOT_RGB_ICC, icc_path);
    free(icc);
    return -1;
  }
  pdf_meta_fields f = {
      .title = HPDF_GetInfoAttr(pdf, HPDF_INFO_TITLE),
      .author = HPDF_GetInfoAttr(pdf, HPDF_INFO_AUTHOR),
      .subject = HPDF_GetInfoAttr(pdf, HPDF_INFO_SUBJECT),
      .keywords = HPDF_GetInfoAttr(pdf, HPDF_INFO_KEYWORDS),
      .creator = HPDF_GetInfoAttr(pdf, HPDF_INFO_CREATOR),
      .producer = HPDF_GetInfoAttr(pdf, HPDF_INFO_PRODUCER),
      .created = HPDF_GetInfoAttr(pdf, HPDF_INFO_CREATION_DATE),
      .modified = HPDF_GetInfoAttr(pdf, HPDF_INFO_MOD_DATE),
      .lang = lang,
  };
  buf x = BUF_INIT;
  pdf_meta_xmp(&f, &x);
  /* libharu reports its own failures (out of memory) to the error
   * handler, which pdf_write turns into the message */
  bool ok = pdf_haru_add_metadata(pdf, x.data, x.len) &&
            pdf_haru_add_output_intent(pdf, icc, n, "sRGB IEC61966-2.1") &&
            pdf_haru_print_annots(pdf);
  buf_free(&x);
  free(icc);
  return ok ? 0 : -1;
}
