/* scan_docx.c - what a Word file holds, for the leak check (scan.c):
 * every part of the archive, read with libzip, the independent reader of
 * what the Word writer packed. XML parts (document, headers, footers,
 * footnotes, comments, core and app properties, relationships) are handed
 * on as they are; pictures by their metadata: a PNG's text chunks (tEXt,
 * zTXt, iTXt) and eXIf, a JPEG's comment and application segments (Exif,
 * XMP, IPTC), an SVG as the XML it is. Each part's name is handed on as
 * well: a picture may be named after a person. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>
#include <zlib.h>

#include "anon/internal.h"
#include "util/mem.h"

/* no part of a Word file rapport writes comes near this: a bigger one is
   a damaged or hostile archive, which fails the check */
#define S_MAX_PART (256u << 20)

static uint32_t S_be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
         p[3];
}

/* Runs of printable ASCII or UTF-8 of 3 bytes or more from binary
 * metadata (Exif, IPTC), one a line. */
static void S_printable(const unsigned char *p, size_t n, buf *out) {
  size_t start = 0;
  for (size_t i = 0; i <= n; i++) {
    bool ok = i < n && (p[i] >= 0x20 && p[i] != 0x7f);
    if (ok)
      continue;
    if (i - start >= 3) {
      buf_put(out, p + start, i - start);
      buf_putc(out, '\n');
    }
    start = i + 1;
  }
}

/* Appends the zlib stream inflated (at most S_MAX_PART bytes). */
static void S_inflate(const unsigned char *p, size_t n, buf *out) {
  z_stream z;
  memset(&z, 0, sizeof z);
  if (inflateInit(&z) != Z_OK)
    return;
  z.next_in = (Bytef *)p;
  z.avail_in = (uInt)n;
  int rc = Z_OK;
  while (rc == Z_OK && out->len < S_MAX_PART) {
    buf_grow(out, 65536);
    z.next_out = (Bytef *)out->data + out->len;
    z.avail_out = 65536;
    rc = inflate(&z, Z_NO_FLUSH);
    out->len = (size_t)((char *)z.next_out - out->data);
  }
  inflateEnd(&z);
  buf_putc(out, '\n');
}

/* A PNG's text chunks: "keyword: text" a line. */
static void S_png(const unsigned char *p, size_t n, buf *out) {
  for (size_t i = 8; i + 12 <= n;) {
    uint32_t len = S_be32(p + i);
    const unsigned char *type = p + i + 4, *d = p + i + 8;
    if (len > n - i - 12)
      break;
    if (!memcmp(type, "tEXt", 4)) {
      for (uint32_t k = 0; k < len; k++)
        buf_putc(out, d[k] ? d[k] : ' ');
      buf_putc(out, '\n');
    } else if (!memcmp(type, "zTXt", 4) || !memcmp(type, "iTXt", 4)) {
      const unsigned char *kw_end = memchr(d, 0, len);
      if (kw_end) {
        size_t kl = (size_t)(kw_end - d);
        buf_put(out, d, kl);
        buf_putc(out, ' ');
        const unsigned char *q = kw_end + 1, *end = d + len;
        bool compressed = true;
        if (!memcmp(type, "iTXt", 4)) { /* flag, method, language, key */
          compressed = q < end && q[0] == 1;
          q += 2;
          for (int z = 0; z < 2 && q < end; z++) {
            const unsigned char *e = memchr(q, 0, (size_t)(end - q));
            if (!e)
              break;
            buf_put(out, q, (size_t)(e - q)); /* the translated keyword */
            buf_putc(out, ' ');
            q = e + 1;
          }
        } else {
          q += 1; /* compression method */
        }
        if (q < end) {
          if (compressed)
            S_inflate(q, (size_t)(end - q), out);
          else {
            buf_put(out, q, (size_t)(end - q));
            buf_putc(out, '\n');
          }
        }
      }
    } else if (!memcmp(type, "eXIf", 4)) {
      S_printable(d, len, out);
    }
    i += 12 + (size_t)len;
  }
}

/* A JPEG's segments before the image data: comments, Exif, XMP, IPTC. */
static void S_jpeg(const unsigned char *p, size_t n, buf *out) {
  for (size_t i = 2; i + 4 <= n && p[i] == 0xff;) {
    unsigned m = p[i + 1];
    if (m == 0xd9 || m == 0xda) /* end, or the start of the scan */
      break;
    size_t len = (size_t)p[i + 2] << 8 | p[i + 3];
    if (len < 2 || i + 2 + len > n)
      break;
    if (m == 0xfe || (m >= 0xe1 && m <= 0xef))
      S_printable(p + i + 4, len - 2, out);
    i += 2 + len;
  }
}

static bool S_ends(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0;
}

bool anon_docx_parts(const char *data, size_t len, anon_part_fn fn, void *ctx,
                     char *why, size_t why_len) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
  zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze)
                 : NULL;
  if (!z) {
    snprintf(why, why_len, "%s", zip_error_strerror(&ze));
    if (src)
      zip_source_free(src);
    zip_error_fini(&ze);
    return false;
  }
  zip_error_fini(&ze);
  bool ok = true;
  zip_int64_t count = zip_get_num_entries(z, 0);
  buf part = BUF_INIT, meta = BUF_INIT;
  for (zip_int64_t i = 0; ok && i < count; i++) {
    zip_stat_t st;
    if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) != 0 ||
        !(st.valid & ZIP_STAT_NAME) || !(st.valid & ZIP_STAT_SIZE) ||
        st.size > S_MAX_PART) {
      snprintf(why, why_len, "%s", zip_strerror(z));
      ok = false;
      break;
    }
    fn(ctx, st.name, true, st.name, strlen(st.name));
    zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
    buf_clear(&part);
    buf_grow(&part, (size_t)st.size + 1);
    zip_int64_t got = f ? zip_fread(f, part.data, st.size) : -1;
    if (f)
      zip_fclose(f);
    if (got < 0 || (zip_uint64_t)got != st.size) {
      snprintf(why, why_len, "%s: %s", st.name, zip_strerror(z));
      ok = false;
      break;
    }
    part.len = (size_t)got;
    part.data[part.len] = '\0';
    const unsigned char *p = (const unsigned char *)part.data;
    buf_clear(&meta);
    if (part.len >= 8 && !memcmp(p, "\x89PNG\r\n\x1a\n", 8)) {
      S_png(p, part.len, &meta);
      fn(ctx, st.name, false, buf_cstr(&meta), meta.len);
    } else if (part.len >= 3 && p[0] == 0xff && p[1] == 0xd8) {
      S_jpeg(p, part.len, &meta);
      fn(ctx, st.name, false, buf_cstr(&meta), meta.len);
    } else if (S_ends(st.name, ".xml") || S_ends(st.name, ".rels") ||
               S_ends(st.name, ".svg") || memchr(p, 0, part.len) == NULL) {
      fn(ctx, st.name, false, part.data, part.len); /* text */
    } else { /* another binary (GIF, a font): its readable runs */
      S_printable(p, part.len, &meta);
      fn(ctx, st.name, false, buf_cstr(&meta), meta.len);
    }
  }
  buf_free(&part);
  buf_free(&meta);
  zip_discard(z); /* frees src */
  return ok;
}
