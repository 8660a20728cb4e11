/* image_meta.c - what an image says besides its pixels (image.h): the
 * metadata a public edition strips from PNG and JPEG, and the text that is
 * left for the leak check to read (all of an SVG, the kept chunks and
 * segments of the others).
 *
 * Both walk a file image_read has checked (the chunk lengths and CRCs of a
 * PNG, the segment lengths of a JPEG), so every length is known to lie
 * inside the data. */
#include "doc/image.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "util/utf8.h"

/* ---- PNG ---- */

/* Ancillary chunks that change how the pixels look and hold no free text
 * (iCCP's profile name is text: image_text hands it to the leak check). */
static bool S_png_keep(const unsigned char *type) {
  static const char *const keep[] = {"tRNS", "gAMA", "cHRM", "sRGB", "iCCP",
                                     "sBIT", "bKGD", "pHYs", NULL};
  if (type[0] >= 'A' && type[0] <= 'Z') /* critical: IHDR, PLTE, IDAT, IEND */
    return true;
  for (size_t i = 0; keep[i]; i++)
    if (memcmp(type, keep[i], 4) == 0)
      return true;
  return false;
}

static uint32_t S_be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
         p[3];
}

/* Calls fn for each chunk: its type, data and whole extent. */
typedef void (*S_chunk_fn)(void *ctx, const unsigned char *type,
                           const unsigned char *data, size_t len,
                           const unsigned char *whole, size_t whole_len);

static void S_png_chunks(const image *im, S_chunk_fn fn, void *ctx) {
  size_t pos = 8;
  while (pos + 12 <= im->len) {
    const unsigned char *c = im->data + pos;
    size_t len = S_be32(c);
    if (len > im->len - pos - 12)
      return;
    fn(ctx, c + 4, c + 8, len, c, len + 12);
    pos += len + 12;
    if (memcmp(c + 4, "IEND", 4) == 0)
      return;
  }
}

static void S_png_copy_kept(void *ctx, const unsigned char *type,
                            const unsigned char *data, size_t len,
                            const unsigned char *whole, size_t whole_len) {
  (void)data;
  (void)len;
  if (S_png_keep(type))
    buf_put(ctx, whole, whole_len);
}

static void S_png_text_kept(void *ctx, const unsigned char *type,
                            const unsigned char *data, size_t len,
                            const unsigned char *whole, size_t whole_len) {
  (void)whole;
  (void)whole_len;
  /* pixels and palettes are not text; an ancillary chunk that stays is
     read as Latin-1 (iCCP's name: a nul-ended Latin-1 string) */
  if (type[0] < 'a' || !S_png_keep(type))
    return;
  for (size_t i = 0; i < len; i++)
    utf8_encode(ctx, data[i] ? data[i] : ' ');
  buf_putc(ctx, '\n');
}

/* ---- JPEG ---- */

/* Calls fn for each segment with a length (marker, its data, and the
 * whole segment from its 0xFF), and for the entropy-coded data after a
 * scan (marker 0). Stops at the end marker. */
typedef void (*S_segment_fn)(void *ctx, int marker, const unsigned char *data,
                             size_t len, const unsigned char *whole,
                             size_t whole_len);

static void S_jpeg_segments(const image *im, S_segment_fn fn, void *ctx) {
  const unsigned char *p = im->data;
  size_t len = im->len, pos = 2;
  while (pos < len && p[pos] == 0xff) {
    size_t start = pos;
    while (pos < len && p[pos] == 0xff)
      pos++;
    if (pos >= len)
      return;
    int m = p[pos++];
    if (m == 0xd9)
      return;
    if (m == 0x01 || (m >= 0xd0 && m <= 0xd8)) {
      fn(ctx, m, NULL, 0, p + start, pos - start);
      continue;
    }
    if (len - pos < 2)
      return;
    size_t seg = (size_t)p[pos] << 8 | p[pos + 1];
    if (seg < 2 || seg > len - pos)
      return;
    fn(ctx, m, p + pos + 2, seg - 2, p + start, pos + seg - start);
    pos += seg;
    if (m == 0xda) {
      size_t from = pos;
      while (pos + 1 < len &&
             !(p[pos] == 0xff && p[pos + 1] != 0 &&
               !(p[pos + 1] >= 0xd0 && p[pos + 1] <= 0xd7)))
        pos++;
      fn(ctx, 0, NULL, 0, p + from, pos - from);
    }
  }
}

/* JFIF (APP0) and Adobe (APP14) say how to read the colours; every other
 * APPn (EXIF, XMP, ICC, IPTC, makers' notes) and comments go. */
static bool S_jpeg_keep(int m, const unsigned char *data, size_t len) {
  if (m == 0xfe)
    return false;
  if (m == 0xe0)
    return len >= 5 && memcmp(data, "JFIF", 5) == 0;
  if (m == 0xee)
    return len >= 5 && memcmp(data, "Adobe", 5) == 0;
  return m < 0xe0 || m > 0xef;
}

static void S_jpeg_copy_kept(void *ctx, int m, const unsigned char *data,
                             size_t len, const unsigned char *whole,
                             size_t whole_len) {
  if (m == 0 || S_jpeg_keep(m, data, len))
    buf_put(ctx, whole, whole_len);
}

static void S_jpeg_text_kept(void *ctx, int m, const unsigned char *data,
                             size_t len, const unsigned char *whole,
                             size_t whole_len) {
  (void)whole;
  (void)whole_len;
  /* tables, frame and scan headers hold numbers; what else stays is read
     as Latin-1 */
  if (!data || !S_jpeg_keep(m, data, len) || (m >= 0xc0 && m <= 0xdf))
    return;
  for (size_t i = 0; i < len; i++)
    utf8_encode(ctx, data[i] ? data[i] : ' ');
  buf_putc(ctx, '\n');
}

void image_strip(image *im) {
  buf out = BUF_INIT;
  if (im->kind == IMAGE_PNG) {
    buf_put(&out, im->data, 8);
    S_png_chunks(im, S_png_copy_kept, &out);
  } else if (im->kind == IMAGE_JPEG) {
    buf_put(&out, "\xff\xd8", 2);
    S_jpeg_segments(im, S_jpeg_copy_kept, &out);
    buf_put(&out, "\xff\xd9", 2);
  } else {
    return;
  }
  free(im->data);
  im->len = out.len;
  im->data = (unsigned char *)buf_detach(&out);
}

/* ---- SVG ---- */

/* Appends s[0..n) with character references decoded (numeric, and the
 * five XML ones; others stay as written). */
static void S_xml_decode(const char *s, size_t n, buf *out) {
  static const struct {
    const char *name;
    char c;
  } named[] = {{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'},
               {"apos", '\''}};
  for (size_t i = 0; i < n;) {
    if (s[i] == '&') {
      size_t k = i + 1;
      while (k < n && k - i < 12 && s[k] != ';')
        k++;
      if (k < n && s[k] == ';') {
        if (s[i + 1] == '#') {
          bool hex = s[i + 2] == 'x' || s[i + 2] == 'X';
          uint32_t v = 0;
          size_t d = i + 2 + hex;
          bool ok = d < k;
          for (; d < k && ok && v < 0x110000; d++) {
            int c = s[d];
            int x = c >= '0' && c <= '9'             ? c - '0'
                    : hex && c >= 'a' && c <= 'f'   ? c - 'a' + 10
                    : hex && c >= 'A' && c <= 'F'   ? c - 'A' + 10
                                                    : -1;
            ok = x >= 0;
            v = v * (hex ? 16 : 10) + (uint32_t)(x < 0 ? 0 : x);
          }
          if (ok && v > 0 && v < 0x110000) {
            utf8_encode(out, v);
            i = k + 1;
            continue;
          }
        } else {
          size_t j = 0;
          while (j < 5 && !(strlen(named[j].name) == k - i - 1 &&
                            !memcmp(named[j].name, s + i + 1, k - i - 1)))
            j++;
          if (j < 5) {
            buf_putc(out, named[j].c);
            i = k + 1;
            continue;
          }
        }
      }
    }
    buf_putc(out, s[i++]);
  }
}

/* The text between the tags, each run decoded and followed by sep (""
 * joins runs as a reader reads them: "Ida M<tspan>ørch</tspan>"). CDATA
 * is text; comments, declarations and tags are not. */
static void S_svg_runs(const char *s, size_t n, const char *sep, buf *out) {
  size_t i = 0;
  while (i < n) {
    if (s[i] != '<') {
      const char *lt = memchr(s + i, '<', n - i);
      size_t e = lt ? (size_t)(lt - s) : n;
      S_xml_decode(s + i, e - i, out);
      buf_puts(out, sep);
      i = e;
      continue;
    }
    if (n - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0) {
      size_t k = i + 9;
      while (k + 3 <= n && memcmp(s + k, "]]>", 3) != 0)
        k++;
      buf_put(out, s + i + 9, (k < n ? k : n) - (i + 9));
      buf_puts(out, sep);
      i = k + 3;
      continue;
    }
    const char *end = n - i >= 4 && memcmp(s + i, "<!--", 4) == 0 ? "-->" : ">";
    size_t el = strlen(end), k = i + 1;
    while (k + el <= n && memcmp(s + k, end, el) != 0)
      k++;
    i = k + el;
  }
}

void image_text(const image *im, buf *out) {
  if (im->kind == IMAGE_SVG) {
    const char *s = (const char *)im->data;
    /* the whole file: attributes (aria-label, title, href), comments,
       metadata and entity declarations, as they decode */
    S_xml_decode(s, im->len, out);
    buf_puts(out, "\n\n");
    S_svg_runs(s, im->len, "", out);
    buf_puts(out, "\n\n");
    S_svg_runs(s, im->len, " ", out);
  } else if (im->kind == IMAGE_PNG) {
    S_png_chunks(im, S_png_text_kept, out);
  } else if (im->kind == IMAGE_JPEG) {
    S_jpeg_segments(im, S_jpeg_text_kept, out);
  }
}
