/* pdf_probe.h - saving a libharu document into memory, and reading an
 * uncompressed PDF as libharu saves it (no object streams, classic xref),
 * for the PDF writer's unit tests: a stream's bytes, and how much glyph
 * data the embedded TrueType font holds for a code point (0: the glyph is
 * not embedded). */
#ifndef RAPPORT_PDF_PROBE_H
#define RAPPORT_PDF_PROBE_H

#include <hpdf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* Saves pdf into out (its bytes replace out's, NUL-terminated); false if
 * libharu could not save it whole. */
static inline bool probe_save(HPDF_Doc pdf, buf *out) {
  if (HPDF_SaveToStream(pdf) != HPDF_OK)
    return false;
  HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
  buf_grow(out, size + 1);
  HPDF_ResetStream(pdf);
  HPDF_UINT32 got = size;
  HPDF_ReadFromStream(pdf, (HPDF_BYTE *)out->data, &got);
  out->len = got;
  out->data[got] = '\0';
  return got == size;
}

/* The first needle in p[0..n) (which may hold NULs), or NULL. */
static inline const char *probe_find(const char *p, size_t n,
                                     const char *needle) {
  size_t nl = strlen(needle);
  for (size_t i = 0; i + nl <= n; i++)
    if (memcmp(p + i, needle, nl) == 0)
      return p + i;
  return NULL;
}

/* Where "num 0 obj" starts in p[0..n), or NULL. */
static inline const char *probe_obj(const char *p, size_t n, unsigned num) {
  char key[32];
  int kl = snprintf(key, sizeof key, "\n%u 0 obj", num);
  for (size_t i = 0; i + (size_t)kl <= n; i++)
    if (memcmp(p + i, key, (size_t)kl) == 0)
      return p + i + 1;
  return NULL;
}

/* The data of stream object num, its length in *len; NULL if none. */
static inline const unsigned char *probe_stream(const char *p, size_t n,
                                                unsigned num, size_t *len) {
  const char *o = probe_obj(p, n, num);
  if (!o)
    return NULL;
  const char *lk = strstr(o, "/Length ");
  const char *s = strstr(o, "stream");
  if (!lk || !s)
    return NULL;
  char *after;
  long l = strtol(lk + 8, &after, 10);
  if (strncmp(after, " 0 R", 4) == 0) { /* indirect: "N 0 obj\nL\nendobj" */
    const char *lo = probe_obj(p, n, (unsigned)l);
    l = lo ? strtol(strstr(lo, "obj") + 3, NULL, 10) : -1;
  }
  s += 6;
  while (*s == '\r' || *s == '\n')
    s++;
  if (l < 0 || (size_t)(s - p) + (size_t)l > n)
    return NULL;
  *len = (size_t)l;
  return (const unsigned char *)s;
}

static inline unsigned probe_u16(const unsigned char *q) {
  return (unsigned)q[0] << 8 | q[1];
}
static inline unsigned long probe_u32(const unsigned char *q) {
  return (unsigned long)probe_u16(q) << 16 | probe_u16(q + 2);
}

/* Bytes of glyph data the first embedded font (FontFile2) has for code
 * point cp through its CIDToGIDMap (CID = code point); -1 if the PDF has
 * no such font. */
static inline long probe_glyph_len(const char *p, size_t n, unsigned cp) {
  const char *ff = probe_find(p, n, "/FontFile2 "),
             *cm = probe_find(p, n, "/CIDToGIDMap ");
  if (!ff || !cm)
    return -1;
  size_t flen = 0, mlen = 0;
  const unsigned char *f = probe_stream(p, n, (unsigned)atol(ff + 11), &flen);
  const unsigned char *m = probe_stream(p, n, (unsigned)atol(cm + 13), &mlen);
  if (!f || !m || 2 * (size_t)cp + 2 > mlen || flen < 12)
    return -1;
  unsigned gid = probe_u16(m + 2 * cp);
  const unsigned char *loca = NULL, *head = NULL;
  for (unsigned i = 0, nt = probe_u16(f + 4); i < nt; i++) {
    const unsigned char *e = f + 12 + 16 * i;
    if (e + 16 > f + flen)
      return -1;
    if (memcmp(e, "loca", 4) == 0)
      loca = f + probe_u32(e + 8);
    else if (memcmp(e, "head", 4) == 0)
      head = f + probe_u32(e + 8);
  }
  if (!loca || !head)
    return -1;
  if (probe_u16(head + 50)) /* long offsets */
    return (long)(probe_u32(loca + 4 * gid + 4) - probe_u32(loca + 4 * gid));
  return 2 * ((long)probe_u16(loca + 2 * gid + 2) - probe_u16(loca + 2 * gid));
}

#endif
