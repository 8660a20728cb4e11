/* test_image.c - src/doc/image.c: the JPEG marker walk (what a PDF viewer can
 * decode, truncation), GIF, WebP and SVG by their first bytes, PNG decoding
 * into colour and alpha, and the document stage's report at the line that
 * uses an image. The broken-file catalogue end to end is
 * tests/e2e/images.sh. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "doc/image.h"
#include "test.h"
#include "util/confine.h"
#include "util/diag.h"
#include "util/fs.h"
#include "util/mem.h"

static char tmpdir[256];

/* A JPEG skeleton: SOI, a frame header SOF<sof> of w x h with ncomp
 * components of bits, a scan with some entropy-coded bytes (a stuffed FF 00
 * and a restart marker among them), and EOI unless cut. */
static size_t S_jpeg(unsigned char *b, int sof, int bits, unsigned w,
                     unsigned h, int ncomp, bool cut) {
  size_t n = 0;
  b[n++] = 0xff, b[n++] = 0xd8;
  b[n++] = 0xff, b[n++] = 0xe0, b[n++] = 0, b[n++] = 4, b[n++] = 'J',
  b[n++] = 'F';
  b[n++] = 0xff, b[n++] = (unsigned char)(0xc0 + sof);
  b[n++] = 0, b[n++] = (unsigned char)(8 + 3 * ncomp);
  b[n++] = (unsigned char)bits;
  b[n++] = (unsigned char)(h >> 8), b[n++] = (unsigned char)h;
  b[n++] = (unsigned char)(w >> 8), b[n++] = (unsigned char)w;
  b[n++] = (unsigned char)ncomp;
  for (int i = 0; i < ncomp; i++)
    b[n++] = (unsigned char)(i + 1), b[n++] = 0x11, b[n++] = 0;
  b[n++] = 0xff, b[n++] = 0xda, b[n++] = 0, b[n++] = 8, b[n++] = 1,
  b[n++] = 1, b[n++] = 0, b[n++] = 0, b[n++] = 63, b[n++] = 0;
  static const unsigned char scan[] = {0x12, 0xff, 0x00, 0x34,
                                       0xff, 0xd0, 0x56, 0x78};
  memcpy(b + n, scan, sizeof scan);
  n += sizeof scan;
  if (!cut)
    b[n++] = 0xff, b[n++] = 0xd9;
  return n;
}

static bool S_check(const unsigned char *b, size_t n, image *im, char *why) {
  const char *hint = NULL;
  bool ok = image_check_mem(im, b, n, IMAGE_CHECK, why, 300, &hint);
  if (!ok && (!hint || !*hint))
    why[0] = '\0'; /* a refusal without a hint fails the caller's check */
  return ok;
}

static void test_jpeg(void) {
  unsigned char b[128];
  char why[300];
  image im;
  size_t n = S_jpeg(b, 0, 8, 300, 200, 3, false);
  CHECK("jpeg: a baseline JPEG passes", S_check(b, n, &im, why));
  CHECK_NUM("jpeg: width from SOF", im.width, 300);
  CHECK_NUM("jpeg: height from SOF", im.height, 200);
  CHECK_STR("jpeg: mime", image_mime(im.kind), "image/jpeg");
  image_free(&im);
  n = S_jpeg(b, 2, 8, 30, 20, 1, false);
  CHECK("jpeg: a progressive grey JPEG passes", S_check(b, n, &im, why));
  image_free(&im);
  n = S_jpeg(b, 0, 8, 300, 200, 3, true);
  CHECK("jpeg: no end marker is refused", !S_check(b, n, &im, why) &&
                                              strstr(why, "afkortet"));
  n = S_jpeg(b, 9, 8, 300, 200, 3, false);
  CHECK("jpeg: arithmetic coding is refused",
        !S_check(b, n, &im, why) && strstr(why, "SOF9"));
  n = S_jpeg(b, 0, 12, 300, 200, 3, false);
  CHECK("jpeg: 12 bits are refused",
        !S_check(b, n, &im, why) && strstr(why, "12 bit"));
  n = S_jpeg(b, 0, 8, 300, 200, 2, false);
  CHECK("jpeg: 2 components are refused",
        !S_check(b, n, &im, why) && strstr(why, "2 farvekanaler"));
  n = S_jpeg(b, 0, 8, 300, 0, 3, false);
  CHECK("jpeg: height 0 (DNL) is refused",
        !S_check(b, n, &im, why) && strstr(why, "300 × 0"));
  n = S_jpeg(b, 0, 8, 8000, 5001, 3, false);
  CHECK("jpeg: just over 40 megapixels is refused",
        !S_check(b, n, &im, why) && strstr(why, "højst 40"));
  n = S_jpeg(b, 0, 8, 8000, 5000, 3, false);
  CHECK("jpeg: 40 megapixels pass", S_check(b, n, &im, why));
  image_free(&im);
  /* a segment length running past the end of the file */
  n = S_jpeg(b, 0, 8, 300, 200, 3, false);
  b[4] = 0xff; /* the APP0 length */
  CHECK("jpeg: a segment past the end is refused",
        !S_check(b, n, &im, why) && strstr(why, "afkortet"));
}

static void test_other_types(void) {
  char why[300];
  image im;
  static const unsigned char gif[] = "GIF89a\x40\x01\xc8\x00\x80\x00\x00";
  CHECK("gif: passes", S_check(gif, sizeof gif - 1, &im, why));
  CHECK_NUM("gif: width, little-endian", im.width, 320);
  CHECK_NUM("gif: height", im.height, 200);
  image_free(&im);
  static const unsigned char gif0[] = "GIF87a\x00\x00\xc8\x00\x80\x00\x00";
  CHECK("gif: width 0 is refused", !S_check(gif0, sizeof gif0 - 1, &im, why));
  static const char svg[] = "<?xml version=\"1.0\"?>\n<svg width=\"4\"/>";
  CHECK("svg: passes", S_check((const unsigned char *)svg, strlen(svg), &im,
                               why) &&
                           im.kind == IMAGE_SVG);
  image_free(&im);
  static const unsigned char webp[] = "RIFF\x10\0\0\0WEBPVP8 ";
  CHECK("webp: passes", S_check(webp, sizeof webp - 1, &im, why) &&
                            im.kind == IMAGE_WEBP);
  image_free(&im);
  CHECK("empty file is refused",
        !S_check((const unsigned char *)"", 0, &im, why) &&
            strstr(why, "hverken PNG"));
}

/* A 2x1 RGBA PNG: an opaque red pixel and a half transparent blue one. */
static const unsigned char png_2x1[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
    0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01,
    0x08, 0x06, 0x00, 0x00, 0x00, 0xf4, 0x22, 0x7f, 0x8a, 0x00, 0x00, 0x00,
    0x0e, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8, 0xcf, 0xc0, 0x00,
    0x42, 0xf5, 0x00, 0x0f, 0x79, 0x03, 0x7d, 0x08, 0x0f, 0x45, 0x76, 0x00,
    0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

static void test_png_decode(void) {
  image im;
  char why[300];
  const char *hint;
  bool ok = image_check_mem(&im, png_2x1, sizeof png_2x1, IMAGE_DECODE, why,
                            sizeof why, &hint);
  CHECK("png: decodes", ok);
  if (!ok) {
    printf("    %s\n", why);
    return;
  }
  CHECK_NUM("png: width", im.width, 2);
  CHECK_NUM("png: RGB colour", im.channels, 3);
  static const unsigned char colour[] = {255, 0, 0, 0, 0, 255};
  CHECK("png: the colour bytes", memcmp(im.colour, colour, 6) == 0);
  CHECK("png: the alpha bytes",
        im.alpha && im.alpha[0] == 255 && im.alpha[1] == 127);
  image_free(&im);
  CHECK("png: image_free empties it", !im.data && !im.colour && !im.alpha);
}

static void test_doc_stage(void) {
  char bad[300], good[300];
  snprintf(bad, sizeof bad, "%s/fig.png", tmpdir);
  snprintf(good, sizeof good, "%s/ok.png", tmpdir);
  fs_write_atomic(bad, "ikke et billede", 15);
  fs_write_atomic(good, png_2x1, sizeof png_2x1);
  char chapter[300];
  snprintf(chapter, sizeof chapter, "%s/k.md", tmpdir);
  doc *d = doc_new();
  const char *paths[] = {good, bad, "/findes/ikke.png", good};
  for (int i = 0; i < 4; i++) {
    doc_node *f = doc_node_new(DOC_FIGURE);
    doc_node *im = doc_node_new(DOC_IMAGE);
    doc_set(&im->text, paths[i]);
    im->file = doc_intern_file(d, chapter);
    im->line = 3 + i;
    im->col = 1;
    doc_append(f, im);
    doc_append(d->root, f);
  }
  diag_list dl;
  diag_init(&dl);
  size_t n = image_check_doc(d, &dl);
  CHECK_NUM("doc stage: one bad image (a missing one was reported before)",
            n, 1);
  CHECK("doc stage: reported at the line that uses it",
        dl.len == 1 && dl.errors == 1 && dl.items[0].line == 4 &&
            strcmp(dl.items[0].file, chapter) == 0);
  CHECK_STR("doc stage: the message names the image from the chapter",
            dl.len ? dl.items[0].message : NULL,
            "billedet 'fig.png' kan ikke læses: det er hverken PNG, JPEG, "
            "GIF, WebP eller SVG; gem det igen som PNG eller JPEG");
  diag_free(&dl);
  doc_free(d);
}

/* image_read opens through the project's file gate: a figure swapped for
 * a link out of the project after its path was resolved is not read. */
static void test_gate(void) {
  char proj[280], link[300], fifo[300];
  snprintf(proj, sizeof proj, "%.250s/p", tmpdir);
  fs_mkdirs(proj);
  snprintf(link, sizeof link, "%s/fig.png", proj);
  snprintf(fifo, sizeof fifo, "%s/fifo.png", proj);
  CHECK("gate: link made", symlink("/etc/hostname", link) == 0);
  CHECK("gate: fifo made", mkfifo(fifo, 0600) == 0);
  confine_set(proj, NULL, NULL, 0);
  image im;
  char why[300];
  const char *hint;
  CHECK("gate: a link out of the project is not read",
        !image_read(&im, link, IMAGE_CHECK, why, sizeof why, &hint) &&
            strstr(why, "uden for projektmappen") && !im.data);
  CHECK("gate: a FIFO is not opened (no hang)",
        !image_read(&im, fifo, IMAGE_CHECK, why, sizeof why, &hint) &&
            strstr(why, "ikke en almindelig fil"));
  confine_clear();
}

/* Appends a PNG chunk (length, type, data, CRC) to b at *n. */
static void S_chunk(unsigned char *b, size_t *n, const char *type,
                    const char *data, size_t len) {
  unsigned char *c = b + *n;
  c[0] = (unsigned char)(len >> 24), c[1] = (unsigned char)(len >> 16);
  c[2] = (unsigned char)(len >> 8), c[3] = (unsigned char)len;
  memcpy(c + 4, type, 4);
  memcpy(c + 8, data, len);
  uLong crc = crc32(0L, c + 4, (uInt)(4 + len));
  c[8 + len] = (unsigned char)(crc >> 24), c[9 + len] = (unsigned char)(crc >> 16);
  c[10 + len] = (unsigned char)(crc >> 8), c[11 + len] = (unsigned char)crc;
  *n += 12 + len;
}

static bool S_has(const image *im, const char *s) {
  size_t k = strlen(s);
  for (size_t i = 0; i + k <= im->len; i++)
    if (memcmp(im->data + i, s, k) == 0)
      return true;
  return false;
}

/* image_strip and image_text (image_meta.c): what a public edition embeds. */
static void test_strip(void) {
  image im;
  char why[300];
  const char *hint;
  /* png_2x1 with text, EXIF, a time stamp and a gamma chunk after IHDR */
  unsigned char png[400];
  size_t n = 33;
  memcpy(png, png_2x1, n);
  S_chunk(png, &n, "tEXt", "Author\0Ida M\xf8rch", 16);
  S_chunk(png, &n, "iTXt", "Title\0\0\0da\0\0Viborg", 18);
  S_chunk(png, &n, "zTXt", "Comment\0\0x", 10);
  S_chunk(png, &n, "eXIf", "MM\0*Jens", 8);
  S_chunk(png, &n, "tIME", "\x07\xe8\x05\x01\x0c\0\0", 7);
  S_chunk(png, &n, "gAMA", "\0\0\xb1\x8f", 4);
  memcpy(png + n, png_2x1 + 33, sizeof png_2x1 - 33);
  n += sizeof png_2x1 - 33;
  CHECK("strip png: the planted file passes",
        image_check_mem(&im, png, n, IMAGE_STRUCTURE, why, sizeof why, &hint));
  image_strip(&im);
  CHECK("strip png: no text, EXIF or time chunk is left",
        !S_has(&im, "tEXt") && !S_has(&im, "iTXt") && !S_has(&im, "zTXt") &&
            !S_has(&im, "eXIf") && !S_has(&im, "tIME") && !S_has(&im, "Viborg"));
  CHECK("strip png: the gamma chunk stays", S_has(&im, "gAMA"));
  CHECK_NUM("strip png: what is left", im.len, sizeof png_2x1 + 16);
  image copy;
  CHECK("strip png: the result is a valid PNG that decodes",
        image_check_mem(&copy, im.data, im.len, IMAGE_DECODE, why, sizeof why,
                        &hint) &&
            copy.alpha && copy.alpha[1] == 127);
  image_free(&copy);
  image_free(&im);

  /* a JPEG with EXIF, XMP, IPTC and a comment, and a JFIF segment */
  unsigned char base[200], jpg[400];
  size_t bn = S_jpeg(base, 0, 8, 16, 16, 3, false);
  static const unsigned char meta[] =
      "\xff\xe0\x00\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0"
      "\xff\xe1\x00\x0e" "Exif\0\0Jens H"
      "\xff\xe1\x00\x0fhttp://ns\0Ole"
      "\xff\xed\x00\x08IPTC\0K"
      "\xff\xfe\x00\x08Viborg";
  size_t mn = sizeof meta - 1;
  memcpy(jpg, base, 2);
  memcpy(jpg + 2, meta, mn);
  memcpy(jpg + 2 + mn, base + 2, bn - 2);
  memcpy(jpg + mn + bn, "trailer Mette", 13);
  CHECK("strip jpeg: the planted file passes",
        image_check_mem(&im, jpg, mn + bn + 13, IMAGE_STRUCTURE, why,
                        sizeof why, &hint));
  image_strip(&im);
  CHECK("strip jpeg: EXIF, XMP, IPTC, the comment and the trailer are gone",
        !S_has(&im, "Exif") && !S_has(&im, "http") && !S_has(&im, "IPTC") &&
            !S_has(&im, "Viborg") && !S_has(&im, "Mette"));
  CHECK("strip jpeg: JFIF stays", S_has(&im, "JFIF"));
  /* the skeleton's own APP0 ("JF", not JFIF) goes too */
  CHECK_NUM("strip jpeg: the rest is the skeleton's bytes", im.len,
            18 + bn - 6);
  CHECK("strip jpeg: the frame and the scan are the same bytes",
        im.len >= bn - 8 &&
            memcmp(im.data + im.len - (bn - 8), base + 8, bn - 8) == 0);
  image_free(&im);

  /* an SVG's text: references decoded, runs across tspans joined */
  static const char svg[] =
      "<svg><title>T&#xE6;t</title><text><tspan>Ida M</tspan><tspan>&#248;rch"
      "</tspan></text><g aria-label=\"Aa&amp;b\"/><!-- c --></svg>";
  CHECK("text svg: passes",
        image_check_mem(&im, (const unsigned char *)svg, strlen(svg),
                        IMAGE_STRUCTURE, why, sizeof why, &hint));
  buf t = BUF_INIT;
  image_text(&im, &t);
  CHECK("text svg: runs joined as read", strstr(buf_cstr(&t), "Ida Mørch"));
  CHECK("text svg: references decoded in the title", strstr(buf_cstr(&t), "Tæt"));
  CHECK("text svg: attributes decoded", strstr(buf_cstr(&t), "aria-label=\"Aa&b\""));
  CHECK("text svg: comments kept", strstr(buf_cstr(&t), "<!-- c -->"));
  buf_free(&t);
  image_free(&im);
}

int main(void) {
  snprintf(tmpdir, sizeof tmpdir, "/tmp/test_image.XXXXXX");
  if (!mkdtemp(tmpdir)) {
    perror("mkdtemp");
    return 2;
  }
  test_jpeg();
  test_other_types();
  test_png_decode();
  test_doc_stage();
  test_gate();
  test_strip();
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  if (system(cmd) != 0)
    fprintf(stderr, "could not remove %s\n", tmpdir);
  return TEST_END();
}
