/* image.h - project images: read, checked and decoded here, once for every
 * writer, so no writer meets a file that could stop the build.
 *
 * A bad image is an input error found in the document stage (before any
 * output is written), at the line that references it. The checks:
 * - the file is at most IMAGE_MAX_BYTES and its type is known by its first
 *   bytes (PNG, JPEG, GIF, WebP, SVG), whatever its name;
 * - PNG and JPEG: width and height are not 0 and at most IMAGE_MAX_PIXELS
 *   together (a 20000 x 20000 header would need 1.6 GB to decode);
 * - PNG: the chunk structure (lengths, CRCs, IHDR first, IEND last), no
 *   metadata chunk (text, colour profile) over IMAGE_MAX_CHUNK, and the
 *   pixels decode with libpng's own error handling (a corrupt zlib stream
 *   is an error here, never an abort);
 * - JPEG: the frame header (8 bits, 1, 3 or 4 components, baseline,
 *   extended or progressive Huffman: what a PDF viewer decodes) and the end
 *   marker (a truncated file has none). libharu embeds the JPEG as it is.
 * GIF, WebP and SVG are only for the HTML (the PDF leaves them out with a
 * warning): their type and size are checked. */
#ifndef RAPPORT_IMAGE_H
#define RAPPORT_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "doc/doc.h"
#include "util/buf.h"
#include "util/diag.h"

#define IMAGE_MAX_BYTES (32u << 20)   /* 32 MB file */
#define IMAGE_MAX_PIXELS 40000000ull  /* 40 megapixels */
#define IMAGE_MAX_CHUNK (1u << 20)    /* 1 MB per PNG metadata chunk */

typedef enum {
  IMAGE_NONE,
  IMAGE_PNG,
  IMAGE_JPEG,
  IMAGE_GIF,
  IMAGE_WEBP,
  IMAGE_SVG
} image_kind;

typedef struct {
  image_kind kind;
  unsigned width, height; /* pixels; 0 where the type does not say (SVG,
                             WebP) */
  unsigned char *data;    /* the file's bytes (owned) */
  size_t len;
  /* IMAGE_DECODE, PNG only: 8-bit rows, top first; colour has channels
     (1 = grey, 3 = RGB) bytes a pixel, alpha one byte a pixel or NULL when
     every pixel is opaque. Both owned. */
  unsigned char *colour, *alpha;
  int channels;
} image;

/* How far image_read goes with a PNG: STRUCTURE checks the chunks and
 * the size without decoding (for writers after the document stage, which
 * decoded it); CHECK also decodes the pixels row by row without keeping
 * them; DECODE keeps them in colour/alpha. */
typedef enum { IMAGE_STRUCTURE, IMAGE_CHECK, IMAGE_DECODE } image_mode;

/* The MIME type of a kind ("image/png", ...), NULL for IMAGE_NONE. */
const char *image_mime(image_kind kind);

/* Reads the file at path through the project's file gate (util/confine.h)
 * into *im and checks it (see above). Returns true
 * if it can be used; otherwise false with *im empty, the reason in why
 * (in the interface language, without the file name) and in *hint what to
 * do about it (a static string). The caller frees *im with image_free. */
bool image_read(image *im, const char *path, image_mode mode, char *why,
                size_t why_len, const char **hint);

/* As image_read, for bytes in memory (copied into *im). */
bool image_check_mem(image *im, const unsigned char *data, size_t len,
                     image_mode mode, char *why, size_t why_len,
                     const char **hint);

/* Frees what *im owns and empties it. */
void image_free(image *im);

/* Public editions (image_meta.c): removes from a PNG or JPEG that
 * image_read accepted the metadata a reader of the embedded file could
 * find, in place: PNG text (tEXt, iTXt, zTXt), EXIF (eXIf), time (tIME)
 * and every other ancillary chunk except those that change how the pixels
 * look (tRNS, gAMA, cHRM, sRGB, iCCP, sBIT, bKGD, pHYs); JPEG APPn
 * segments (EXIF, XMP, ICC, IPTC) except JFIF (APP0) and Adobe (APP14),
 * comments (COM) and anything after the end marker. The pixels are the
 * same bytes. Other kinds are left as they are (an SVG's text is its
 * content: image_text gives it to the leak check). */
void image_strip(image *im);

/* Appends the text a reader can find in im, for the leak check: for SVG
 * the whole file with character references decoded (attributes, title,
 * desc, metadata, comments), then its text content with the runs between
 * tags joined as they read ("Ida M<tspan>ørch</tspan>" is "Ida Mørch"),
 * then the same runs apart; for PNG and JPEG (after image_strip) the
 * metadata chunks and segments that are left, as Latin-1. Nothing for GIF
 * and WebP. */
void image_text(const image *im, buf *out);

/* The image's path as its chapter names it: from the chapter's folder when
 * it lies below it, else the whole path. Caller frees. */
char *image_shown(const doc_node *n);

/* The document stage: checks every DOC_IMAGE of d whose path was resolved
 * (absolute) and exists (a missing or refused one was reported where its
 * path was resolved) and reports each
 * bad one as an error at the node's file, line and column, naming the
 * image. Returns the number of bad images. */
size_t image_check_doc(doc *d, diag_list *diags);

/* The document stage: every DOC_IMAGE without alternative text (written
 * ![](kort.png)) is reported at its file, line and column: an error in a
 * public edition, whose PDF and HTML go on public websites that must be
 * accessible (PDF/UA, WCAG), a warning in an internal one. Returns the
 * number reported. */
size_t image_check_alt(const doc *d, bool public_edition, diag_list *diags);

#endif
