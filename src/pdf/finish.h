/* finish.h - a pass over the bytes libharu saved that repairs what it gets
 * wrong and adds what it cannot write:
 *  - every ToUnicode stream is replaced by a correct identity CMap (libharu
 *    2.3.0 writes its encoding CMap there; poppler warns and ignores it),
 *  - /Lang in the catalog, PDF version 1.4, and DisplayDocTitle so readers
 *    show the title rather than the file name,
 *  - destinations keep the reader's zoom (/XYZ left top null),
 *  - a deterministic /ID in the trailer (a hash of the content),
 *  - every stream without a filter (pdf.c has libharu compress only
 *    images) is deflated, on two threads, at a level cheaper than
 *    libharu's; its indirect /Length object is dropped,
 *  - objects written outside libharu are put in (pdf_fix_with),
 *  - in compact output (pdf_fix_with, what rapport writes), every object
 *    that is not a stream, the catalog or a font goes into deflated object
 *    streams, the cross-reference becomes a stream and the version at
 *    least 1.5 (the structure tree's many small objects more than doubled
 *    the files when written plainly).
 * It works on any classic-xref PDF, so it survives a library upgrade: a
 * fixed ToUnicode stream is simply replaced by the same correct one. Its
 * plain output (pdf_fix) is again such a PDF; compact output is not. */
#ifndef RAPPORT_PDF_FIX_H
#define RAPPORT_PDF_FIX_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* Appends the repaired PDF to out. 0, or -1 if the input is not a PDF this
 * pass understands (then out is left empty). */
int pdf_fix(const char *in, size_t len, const char *lang, buf *out);

/* A stream's new data: object num, a stream without a filter in the input
 * (a page's content libharu left empty), gets data[0..len), deflated. */
typedef struct {
  unsigned num;
  const char *data;
  size_t len;
} pdf_fix_stream;

/* Objects made outside libharu (the structure tree, pdf_tags.h): writes
 * them to out, each a whole "N 0 obj ... endobj\n"; new ones are numbered
 * on from first (the input's object count), and one numbered below it
 * replaces the input's object of that number (a placeholder). */
typedef void (*pdf_fix_add_fn)(void *ctx, unsigned first, buf *out);

/* pdf_fix, with n streams replaced and the objects add writes (add may be
 * NULL), compact or plain (see above); -1 also if one of the streams is
 * not an unfiltered stream of the input, or add writes what is not a
 * sequence of objects. */
int pdf_fix_with(const char *in, size_t len, const char *lang,
                 const pdf_fix_stream *streams, size_t n, pdf_fix_add_fn add,
                 void *add_ctx, bool compact, buf *out);

/* The identity ToUnicode CMap for Identity-H text (BMP, no surrogates). */
void pdf_identity_cmap(buf *out);

#endif
