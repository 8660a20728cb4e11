/* meta.h - the metadata a PDF/UA-1 and PDF/A-2a file declares: an XMP
 * packet agreeing with the document information dictionary (title,
 * author, subject, keywords, creator, producer, dates) plus dc:language,
 * pdfuaid:part 1 and pdfaid:part 2 / conformance A; and the PDF/A output
 * intent, an sRGB ICC profile read from a Debian package.
 *
 * Every PDF rapport writes gets both (README: "Tilgængelig og arkiverbar
 * PDF"). The tagging itself (structure tree, marked content) is not here. */
#ifndef RAPPORT_PDF_META_H
#define RAPPORT_PDF_META_H

#include <hpdf.h>

#include "util/buf.h"
#include "util/diag.h"

/* Where icc-profiles-free installs its sRGB profile (ICC v2); a build for
 * another system may define it, and the environment variable
 * RAPPORT_SRGB_ICC overrides it at run time. */
#ifndef PDF_META_SRGB_ICC
#define PDF_META_SRGB_ICC "/usr/share/color/icc/sRGB.icc"
#endif

/* The values the XMP packet states; NULL or "" leaves a property out. The
 * strings are UTF-8; dates are PDF dates as in the information dictionary
 * ("D:20250630120000Z00'00'"). */
typedef struct {
  const char *title, *author, *subject, *keywords, *creator, *producer;
  const char *created, *modified;
  const char *lang; /* "da" */
} pdf_meta_fields;

/* Appends the XMP packet for f to out: well-formed XML, its text escaped,
 * the dates in XMP form ("2025-06-30T12:00:00Z"), with the PDF/A extension
 * schema that declares pdfuaid (PDF/A-2 wants every non-standard schema
 * declared). */
void pdf_meta_xmp(const pdf_meta_fields *f, buf *out);

/* "D:YYYYMMDDHHmmSS" + "Z" or "+HH'mm'" -> "YYYY-MM-DDTHH:mm:SSZ" or
 * "...+HH:mm" into out (cleared first). False (out empty) if d is not such
 * a date. */
bool pdf_meta_xmp_date(const char *d, buf *out);

/* Adds the XMP packet (built from pdf's information dictionary, which must
 * be complete by now, and lang) and the sRGB output intent to pdf, and
 * sets the Print flag on its annotations. 0, or -1 after an error in diags
 * against path (the ICC profile missing or not an RGB profile, or libharu
 * out of memory). */
int pdf_meta_add(HPDF_Doc pdf, const char *lang, const char *path,
                 diag_list *diags);

#endif
