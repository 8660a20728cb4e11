/* subset.c - builds a small TrueType font from the glyphs a document uses
 * (see subset.h). Every read of the source face is bounds-checked; anything
 * unexpected returns NULL and the caller embeds the whole font instead. */
#include "layout/subset.h"

#include <stdlib.h>
#include <string.h>

#include "layout/sfnt.h"
#include "util/buf.h"
#include "util/mem.h"

typedef struct {
  const unsigned char *d;
  size_t n;
} S_span;

static unsigned S_u16(S_span b, size_t o) {
  return o + 2 <= b.n ? (unsigned)b.d[o] << 8 | b.d[o + 1] : 0;
}

static uint32_t S_u32(S_span b, size_t o) {
  return o + 4 <= b.n ? (uint32_t)b.d[o] << 24 | (uint32_t)b.d[o + 1] << 16 |
                            (uint32_t)b.d[o + 2] << 8 | b.d[o + 3]
                      : 0;
}

static void S_put16(buf *b, unsigned v) {
  buf_putc(b, (int)(v >> 8 & 255));
  buf_putc(b, (int)(v & 255));
}

static void S_put32(buf *b, uint32_t v) {
  S_put16(b, v >> 16);
  S_put16(b, v & 0xFFFF);
}

static void S_set16(unsigned char *p, unsigned v) {
  p[0] = (unsigned char)(v >> 8);
  p[1] = (unsigned char)v;
}

static S_span S_table(S_span f, size_t dir, const char *tag) {
  S_span t = {NULL, 0};
  t.d = sfnt_find_table(f.d, f.n, dir, tag, &t.n);
  return t;
}

/* The order of the tables in the file: sorted by tag, as the format wants,
 * and exactly libharu's REQUIRED_TAGS. */
enum {
  T_OS2, T_CMAP, T_CVT, T_FPGM, T_GLYF, T_HEAD, T_HHEA, T_HMTX, T_LOCA,
  T_MAXP, T_NAME, T_POST, T_PREP, T_COUNT
};
static const char *const S_tags[T_COUNT] = {
    "OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
    "hmtx", "loca", "maxp", "name", "post", "prep"};

typedef struct {
  S_span loca, glyf;
  int long_loca;
  unsigned nglyphs;
  int32_t *newid; /* old glyph -> new glyph, -1 if not kept */
  unsigned missing; /* new glyph drawn for marked characters the font
                       lacks: a copy of .notdef (0 if none is needed) */
  uint16_t *order; /* new glyph -> old glyph */
  unsigned n;
} S_sub;

/* The bytes of old glyph g in glyf (n == 0 for an empty glyph). */
static S_span S_glyph(const S_sub *s, unsigned g) {
  S_span r = {NULL, 0};
  size_t a, b;
  if (s->long_loca) {
    a = S_u32(s->loca, 4 * (size_t)g);
    b = S_u32(s->loca, 4 * (size_t)g + 4);
  } else {
    a = 2 * (size_t)S_u16(s->loca, 2 * (size_t)g);
    b = 2 * (size_t)S_u16(s->loca, 2 * (size_t)g + 2);
  }
  if (b > a && b <= s->glyf.n) {
    r.d = s->glyf.d + a;
    r.n = b - a;
  }
  return r;
}

static void S_keep(S_sub *s, unsigned g) {
  if (g >= s->nglyphs || s->newid[g] >= 0)
    return;
  s->newid[g] = (int32_t)s->n;
  s->order[s->n++] = (uint16_t)g;
}

enum {
  C_WORDS = 1, C_SCALE = 8, C_MORE = 32, C_XY_SCALE = 64, C_2X2 = 128
};

/* Calls back for each component of a composite glyph: the offset of its
 * glyph index within the glyph's bytes. False if the glyph is damaged. */
static int S_components(S_span gl, size_t *offs, size_t max, size_t *count) {
  *count = 0;
  if (gl.n < 10 || (int16_t)S_u16(gl, 0) >= 0)
    return 1; /* simple (or empty) glyph */
  size_t o = 10;
  unsigned flags;
  do {
    if (o + 4 > gl.n || *count >= max)
      return 0;
    flags = S_u16(gl, o);
    offs[(*count)++] = o + 2;
    o += 4 + ((flags & C_WORDS) ? 4 : 2);
    if (flags & C_SCALE)
      o += 2;
    else if (flags & C_XY_SCALE)
      o += 4;
    else if (flags & C_2X2)
      o += 8;
  } while (flags & C_MORE);
  return o <= gl.n;
}

/* A format-4 cmap (platform 3, encoding 1) of the used code points. Code
 * points closer than S_GAP share a segment whose glyphs are listed in the
 * glyph id array (0 for the unused ones in between), so there are only a
 * handful of segments: libharu looks up each of the 65536 BMP code points
 * with a linear search over the segments when it loads the font. */
enum { S_GAP = 128 };

static void S_cmap(buf *out, const uint8_t *used, const uint16_t *gid,
                   const S_sub *s) {
  uint16_t *map = xcalloc(65536, sizeof *map); /* code point -> new glyph */
  for (unsigned cp = 0; cp < 0xFFFF; cp++)
    if ((used[cp >> 3] & (1u << (cp & 7))) && gid[cp] &&
        gid[cp] < s->nglyphs && s->newid[gid[cp]] > 0)
      map[cp] = (uint16_t)s->newid[gid[cp]];
    else if ((used[cp >> 3] & (1u << (cp & 7))) && s->missing && cp >= 0x20)
      map[cp] = (uint16_t)s->missing;
  unsigned *st = NULL, *en = NULL;
  size_t ns = 0, cap = 0;
  for (unsigned cp = 0; cp < 0xFFFF; cp++) {
    if (!map[cp])
      continue;
    if (ns && cp - en[ns - 1] <= S_GAP) {
      en[ns - 1] = cp;
      continue;
    }
    if (ns + 1 >= cap) {
      cap = cap ? 2 * cap : 16;
      st = xrealloc(st, cap * sizeof *st);
      en = xrealloc(en, cap * sizeof *en);
    }
    st[ns] = en[ns] = cp;
    ns++;
  }
  if (ns + 1 >= cap) {
    cap = ns + 2;
    st = xrealloc(st, cap * sizeof *st);
    en = xrealloc(en, cap * sizeof *en);
  }
  st[ns] = en[ns] = 0xFFFF; /* the closing segment the format requires */
  ns++;
  size_t narray = 0;
  for (size_t i = 0; i + 1 < ns; i++)
    narray += en[i] - st[i] + 1;
  unsigned sr = 2, es = 0;
  while (sr * 2 <= 2 * ns) {
    sr *= 2;
    es++;
  }
  S_put16(out, 0); /* cmap header: version, one subtable at offset 12 */
  S_put16(out, 1);
  S_put16(out, 3);
  S_put16(out, 1);
  S_put32(out, 12);
  S_put16(out, 4);
  S_put16(out, (unsigned)(16 + 8 * ns + 2 * narray));
  S_put16(out, 0);
  S_put16(out, (unsigned)(2 * ns));
  S_put16(out, sr);
  S_put16(out, es);
  S_put16(out, (unsigned)(2 * ns) - sr);
  for (size_t i = 0; i < ns; i++)
    S_put16(out, en[i]);
  S_put16(out, 0);
  for (size_t i = 0; i < ns; i++)
    S_put16(out, st[i]);
  for (size_t i = 0; i < ns; i++) /* idDelta: the array holds the glyphs */
    S_put16(out, i + 1 < ns ? 0 : 1);
  /* idRangeOffset: from this entry to the segment's first array entry */
  size_t before = 0;
  for (size_t i = 0; i < ns; i++) {
    if (i + 1 < ns) {
      S_put16(out, (unsigned)(2 * (ns - i + before)));
      before += en[i] - st[i] + 1;
    } else {
      S_put16(out, 0);
    }
  }
  for (size_t i = 0; i + 1 < ns; i++)
    for (unsigned cp = st[i]; cp <= en[i]; cp++)
      S_put16(out, map[cp]);
  free(map);
  free(st);
  free(en);
}

static uint32_t S_checksum(const unsigned char *p, size_t n) {
  uint32_t sum = 0;
  for (size_t i = 0; i < n; i += 4) {
    uint32_t v = 0;
    for (size_t k = 0; k < 4; k++)
      v = v << 8 | (i + k < n ? p[i + k] : 0);
    sum += v;
  }
  return sum;
}

unsigned char *subset_build(const unsigned char *raw, size_t len, size_t dir,
                            const uint8_t *used, const uint16_t *gid,
                            size_t *out_len) {
  S_span f = {raw, len}, t[T_COUNT];
  for (int i = 0; i < T_COUNT; i++) {
    t[i] = S_table(f, dir, S_tags[i]);
    if (!t[i].n && i != T_CVT && i != T_FPGM && i != T_PREP)
      return NULL;
  }
  if (t[T_HEAD].n < 54 || t[T_HHEA].n < 36 || t[T_MAXP].n < 6 ||
      t[T_POST].n < 32)
    return NULL;
  S_sub s = {.loca = t[T_LOCA], .glyf = t[T_GLYF]};
  s.long_loca = S_u16(t[T_HEAD], 50) != 0;
  s.nglyphs = S_u16(t[T_MAXP], 4);
  unsigned nh = S_u16(t[T_HHEA], 34);
  if (!s.nglyphs || !nh || nh > s.nglyphs ||
      (size_t)nh * 4 + (size_t)(s.nglyphs - nh) * 2 > t[T_HMTX].n ||
      (size_t)(s.nglyphs + 1) * (s.long_loca ? 4 : 2) > s.loca.n)
    return NULL;
  s.newid = xmalloc(s.nglyphs * sizeof *s.newid);
  memset(s.newid, 0xFF, s.nglyphs * sizeof *s.newid);
  s.order = xmalloc((s.nglyphs + 1) * sizeof *s.order);
  S_keep(&s, 0);
  for (unsigned cp = 0; cp <= 0xFFFF; cp++)
    if ((used[cp >> 3] & (1u << (cp & 7))) && gid[cp])
      S_keep(&s, gid[cp]);
  /* A character the font lacks is drawn as .notdef. It gets a copy of
   * .notdef of its own, so that every drawn character has a glyph in the
   * PDF's CIDToGIDMap, which tells pdf_fix which characters the text uses. */
  for (unsigned cp = 0x20; cp < 0xFFFF && !s.missing; cp++)
    if ((used[cp >> 3] & (1u << (cp & 7))) && !gid[cp]) {
      s.missing = s.n;
      s.order[s.n++] = 0;
    }
  /* components of composites, which may themselves be composite: the list
   * grows while it is walked */
  size_t offs[64], nc;
  for (unsigned i = 0; i < s.n; i++) {
    if (!S_components(S_glyph(&s, s.order[i]), offs, 64, &nc))
      goto fail;
    S_span gl = S_glyph(&s, s.order[i]);
    for (size_t k = 0; k < nc; k++)
      S_keep(&s, S_u16(gl, offs[k]));
  }

  if (s.n > 0xFFFF) /* the .notdef copy does not fit */
    goto fail;
  buf tb[T_COUNT];
  for (int i = 0; i < T_COUNT; i++)
    tb[i] = (buf)BUF_INIT;
  /* glyf and loca (long offsets: no 2-byte alignment games) */
  for (unsigned i = 0; i < s.n; i++) {
    S_put32(&tb[T_LOCA], (uint32_t)tb[T_GLYF].len);
    S_span gl = S_glyph(&s, s.order[i]);
    if (!gl.n)
      continue;
    size_t at = tb[T_GLYF].len;
    buf_put(&tb[T_GLYF], gl.d, gl.n);
    S_components(gl, offs, 64, &nc);
    for (size_t k = 0; k < nc; k++) {
      unsigned old = S_u16(gl, offs[k]);
      int32_t nw = old < s.nglyphs ? s.newid[old] : 0;
      S_set16((unsigned char *)tb[T_GLYF].data + at + offs[k],
              (unsigned)(nw > 0 ? nw : 0));
    }
    while (tb[T_GLYF].len % 4)
      buf_putc(&tb[T_GLYF], 0);
  }
  S_put32(&tb[T_LOCA], (uint32_t)tb[T_GLYF].len);
  /* hmtx: a full metric for every glyph, the widths unchanged */
  for (unsigned i = 0; i < s.n; i++) {
    unsigned g = s.order[i];
    S_put16(&tb[T_HMTX], S_u16(t[T_HMTX], 4 * (size_t)(g < nh ? g : nh - 1)));
    S_put16(&tb[T_HMTX], g < nh ? S_u16(t[T_HMTX], 4 * (size_t)g + 2)
                                : S_u16(t[T_HMTX], 4 * (size_t)nh +
                                                       2 * (size_t)(g - nh)));
  }
  S_cmap(&tb[T_CMAP], used, gid, &s);
  buf_put(&tb[T_HEAD], t[T_HEAD].d, t[T_HEAD].n);
  memset(tb[T_HEAD].data + 8, 0, 4); /* checkSumAdjustment: recomputed */
  S_set16((unsigned char *)tb[T_HEAD].data + 50, 1);
  buf_put(&tb[T_HHEA], t[T_HHEA].d, t[T_HHEA].n);
  S_set16((unsigned char *)tb[T_HHEA].data + 34, s.n);
  buf_put(&tb[T_MAXP], t[T_MAXP].d, t[T_MAXP].n);
  S_set16((unsigned char *)tb[T_MAXP].data + 4, s.n);
  /* post version 3: no glyph names (they would follow the old ids) */
  buf_put(&tb[T_POST], t[T_POST].d, 32);
  memcpy(tb[T_POST].data, "\0\3\0\0", 4);
  buf_put(&tb[T_OS2], t[T_OS2].d, t[T_OS2].n);
  buf_put(&tb[T_NAME], t[T_NAME].d, t[T_NAME].n);
  buf_put(&tb[T_CVT], t[T_CVT].d, t[T_CVT].n);
  buf_put(&tb[T_FPGM], t[T_FPGM].d, t[T_FPGM].n);
  buf_put(&tb[T_PREP], t[T_PREP].d, t[T_PREP].n);

  buf out = BUF_INIT;
  S_put32(&out, 0x00010000);
  S_put16(&out, T_COUNT);
  S_put16(&out, 128); /* searchRange for 13 tables: 8 * 16 */
  S_put16(&out, 3);
  S_put16(&out, T_COUNT * 16 - 128);
  size_t off = 12 + 16 * (size_t)T_COUNT;
  for (int i = 0; i < T_COUNT; i++) {
    buf_put(&out, S_tags[i], 4);
    S_put32(&out, S_checksum((unsigned char *)tb[i].data, tb[i].len));
    S_put32(&out, (uint32_t)off);
    S_put32(&out, (uint32_t)tb[i].len);
    off += (tb[i].len + 3) & ~(size_t)3;
  }
  size_t head_at = 0;
  for (int i = 0; i < T_COUNT; i++) {
    if (i == T_HEAD)
      head_at = out.len;
    if (tb[i].len)
      buf_put(&out, tb[i].data, tb[i].len);
    while (out.len % 4)
      buf_putc(&out, 0);
    buf_free(&tb[i]);
  }
  uint32_t adj = 0xB1B0AFBA - S_checksum((unsigned char *)out.data, out.len);
  unsigned char *h = (unsigned char *)out.data + head_at + 8;
  S_set16(h, adj >> 16);
  S_set16(h + 2, adj & 0xFFFF);
  free(s.newid);
  free(s.order);
  *out_len = out.len;
  return (unsigned char *)buf_detach(&out);
fail:
  free(s.newid);
  free(s.order);
  return NULL;
}
