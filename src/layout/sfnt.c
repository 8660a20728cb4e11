/* sfnt.c - reading cmap, head, kern and GPOS from a TrueType file. Every
 * read is bounds-checked: a damaged font gives no kerning, never a crash. */
#include "layout/sfnt.h"

#include <stdlib.h>
#include <string.h>

#include "util/fs.h"
#include "util/mem.h"

typedef struct {
  const unsigned char *d;
  size_t n;
} S_data;

static unsigned S_u16(S_data b, size_t o) {
  if (o + 2 > b.n || o + 2 < o)
    return 0;
  return (unsigned)b.d[o] << 8 | b.d[o + 1];
}

static int S_i16(S_data b, size_t o) {
  unsigned v = S_u16(b, o);
  return v >= 0x8000 ? (int)v - 0x10000 : (int)v;
}

static uint32_t S_u32(S_data b, size_t o) {
  if (o + 4 > b.n || o + 4 < o)
    return 0;
  return (uint32_t)b.d[o] << 24 | (uint32_t)b.d[o + 1] << 16 |
         (uint32_t)b.d[o + 2] << 8 | b.d[o + 3];
}

const unsigned char *sfnt_find_table(const unsigned char *file, size_t n,
                                     size_t dir, const char *tag,
                                     size_t *len) {
  S_data f = {file, n};
  *len = 0;
  unsigned nt = S_u16(f, dir + 4);
  for (unsigned i = 0; i < nt; i++) {
    size_t e = dir + 12 + 16 * (size_t)i;
    if (e + 16 > f.n)
      break;
    if (memcmp(f.d + e, tag, 4) == 0) {
      size_t off = S_u32(f, e + 8), l = S_u32(f, e + 12);
      if (off < f.n && l <= f.n - off) {
        *len = l;
        return f.d + off;
      }
      break;
    }
  }
  return NULL;
}

/* The table with tag, as a window into the file (n == 0 if absent). */
static S_data S_table(S_data f, size_t dir, const char *tag) {
  S_data t = {NULL, 0};
  t.d = sfnt_find_table(f.d, f.n, dir, tag, &t.n);
  return t;
}

static void S_cmap4(S_data c, size_t o, uint16_t *gid) {
  unsigned segx2 = S_u16(c, o + 6);
  size_t ends = o + 14, starts = ends + segx2 + 2, deltas = starts + segx2,
         ranges = deltas + segx2;
  long prev_end = -1; /* segments ascend; a damaged table must not loop */
  for (unsigned s = 0; s < segx2 / 2; s++) {
    unsigned end = S_u16(c, ends + 2 * s), start = S_u16(c, starts + 2 * s);
    unsigned delta = S_u16(c, deltas + 2 * s);
    unsigned ro = S_u16(c, ranges + 2 * s);
    if (start > end || (long)start <= prev_end)
      continue;
    prev_end = end;
    for (unsigned cp = start; cp <= end && cp < 0xFFFF; cp++) {
      unsigned g;
      if (ro == 0) {
        g = (cp + delta) & 0xFFFF;
      } else {
        size_t at = ranges + 2 * s + ro + 2 * (size_t)(cp - start);
        g = S_u16(c, at);
        if (g)
          g = (g + delta) & 0xFFFF;
      }
      if (g && !gid[cp])
        gid[cp] = (uint16_t)g;
    }
  }
}

static void S_cmap12(S_data c, size_t o, uint16_t *gid) {
  uint32_t ng = S_u32(c, o + 12);
  int64_t prev_end = -1;
  for (uint32_t i = 0; i < ng && o + 16 + 12 * (size_t)i + 12 <= c.n; i++) {
    size_t g = o + 16 + 12 * (size_t)i;
    uint32_t a = S_u32(c, g), z = S_u32(c, g + 4), first = S_u32(c, g + 8);
    if ((int64_t)a <= prev_end || a > z)
      continue; /* groups ascend: this bounds the work on damaged tables */
    prev_end = z;
    for (uint32_t cp = a; cp <= z && cp <= 0xFFFF; cp++) {
      uint32_t v = first + (cp - a);
      if (v && v <= 0xFFFF)
        gid[cp] = (uint16_t)v;
    }
  }
}

static bool S_cmap(S_data c, uint16_t *gid) {
  unsigned n = S_u16(c, 2);
  size_t best = 0;
  int rank = 0;
  for (unsigned i = 0; i < n; i++) {
    size_t e = 4 + 8 * (size_t)i;
    unsigned pid = S_u16(c, e), eid = S_u16(c, e + 2);
    size_t off = S_u32(c, e + 4);
    unsigned fmt = S_u16(c, off);
    int r = 0;
    if (fmt == 12 && (pid == 0 || (pid == 3 && eid == 10)))
      r = 3;
    else if (fmt == 4 && (pid == 0 || (pid == 3 && eid == 1)))
      r = 2;
    else if (fmt == 4 && pid == 3 && eid == 0)
      r = 1; /* symbol fonts */
    if (r > rank)
      rank = r, best = off;
  }
  if (rank == 0)
    return false;
  if (S_u16(c, best) == 12)
    S_cmap12(c, best, gid);
  else
    S_cmap4(c, best, gid);
  return true;
}

/* Pair collection before sorting. */
typedef struct {
  uint32_t *keys;
  int16_t *vals;
  size_t n, cap, vcap;
} S_pairs;

static void S_pair(S_pairs *p, unsigned l, unsigned r, int v) {
  if (v == 0)
    return;
  XGROW(p->keys, p->cap, p->n + 1);
  XGROW(p->vals, p->vcap, p->n + 1);
  p->keys[p->n] = (uint32_t)l << 16 | (r & 0xFFFF);
  p->vals[p->n] = (int16_t)(v < -32768 ? -32768 : v > 32767 ? 32767 : v);
  p->n++;
}

static void S_kern(S_data k, S_pairs *p) {
  if (S_u16(k, 0) != 0)
    return; /* Apple's version 1 layout: not used by our fonts */
  unsigned nt = S_u16(k, 2);
  size_t o = 4;
  for (unsigned t = 0; t < nt && o + 6 <= k.n; t++) {
    unsigned len = S_u16(k, o + 2), cov = S_u16(k, o + 4);
    unsigned npairs = S_u16(k, o + 6);
    size_t need = 14 + 6 * (size_t)npairs;
    /* the 16-bit length overflows for big subtables: trust nPairs */
    size_t step = (cov >> 8) == 0 && len < need ? need : len;
    if (o + need > k.n) /* a damaged count: read what is there */
      npairs = o + 14 <= k.n ? (unsigned)((k.n - o - 14) / 6) : 0;
    if ((cov >> 8) == 0 && (cov & 1) && !(cov & 4) && !(cov & 2)) {
      for (unsigned i = 0; i < npairs; i++) {
        size_t e = o + 14 + 6 * (size_t)i;
        S_pair(p, S_u16(k, e), S_u16(k, e + 2), S_i16(k, e + 4));
      }
    }
    if (step < 14 || p->n > 1000000)
      break; /* damaged: no real subtable is smaller, no font has more */
    o += step;
  }
}

/* GPOS ------------------------------------------------------------------ */

/* Coverage index of glyph g, or -1. */
static long S_coverage(S_data b, size_t o, unsigned g) {
  unsigned fmt = S_u16(b, o), n = S_u16(b, o + 2);
  if (fmt == 1) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      unsigned v = S_u16(b, o + 4 + 2 * mid);
      if (v == g)
        return (long)mid;
      if (v < g)
        lo = mid + 1;
      else
        hi = mid;
    }
  } else if (fmt == 2) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2, e = o + 4 + 6 * mid;
      unsigned a = S_u16(b, e), z = S_u16(b, e + 2);
      if (g < a)
        hi = mid;
      else if (g > z)
        lo = mid + 1;
      else
        return (long)(S_u16(b, e + 4) + (g - a));
    }
  }
  return -1;
}

static unsigned S_classdef(S_data b, size_t o, unsigned g) {
  unsigned fmt = S_u16(b, o);
  if (fmt == 1) {
    unsigned first = S_u16(b, o + 2), n = S_u16(b, o + 4);
    if (g >= first && g < first + n)
      return S_u16(b, o + 6 + 2 * (size_t)(g - first));
  } else if (fmt == 2) {
    unsigned n = S_u16(b, o + 2);
    size_t lo = 0, hi = n;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2, e = o + 4 + 6 * mid;
      unsigned a = S_u16(b, e), z = S_u16(b, e + 2);
      if (g < a)
        hi = mid;
      else if (g > z)
        lo = mid + 1;
      else
        return S_u16(b, e + 4);
    }
  }
  return 0;
}

static unsigned S_popcount(unsigned v) {
  unsigned c = 0;
  for (; v; v &= v - 1)
    c++;
  return c;
}

/* The XAdvance in a ValueRecord of format fmt at o (0 if absent). */
static int S_xadvance(S_data b, size_t o, unsigned fmt) {
  if (!(fmt & 4))
    return 0;
  return S_i16(b, o + 2 * S_popcount(fmt & 3));
}

typedef struct {
  const uint16_t *glyphs; /* the glyphs we care about */
  size_t n;
  uint8_t *done;          /* n*n bits: pair already matched in this lookup */
} S_set;

static bool S_done(S_set *s, size_t i, size_t j) {
  size_t bit = i * s->n + j;
  bool was = s->done[bit >> 3] & (1u << (bit & 7));
  s->done[bit >> 3] |= (uint8_t)(1u << (bit & 7));
  return was;
}

static void S_pairpos(S_data b, size_t o, S_set *set, S_pairs *p) {
  unsigned fmt = S_u16(b, o);
  size_t cov = o + S_u16(b, o + 2);
  unsigned vf1 = S_u16(b, o + 4), vf2 = S_u16(b, o + 6);
  size_t rec1 = 2 * S_popcount(vf1), rec2 = 2 * S_popcount(vf2);
  if (fmt == 1) {
    size_t nsets = S_u16(b, o + 8);
    for (size_t i = 0; i < set->n; i++) {
      long ci = S_coverage(b, cov, set->glyphs[i]);
      if (ci < 0 || (size_t)ci >= nsets)
        continue;
      size_t ps = o + S_u16(b, o + 10 + 2 * (size_t)ci);
      unsigned nv = S_u16(b, ps);
      for (size_t j = 0; j < set->n; j++) {
        /* pair value records are sorted by second glyph */
        size_t lo = 0, hi = nv;
        unsigned g2 = set->glyphs[j];
        while (lo < hi) {
          size_t mid = (lo + hi) / 2, e = ps + 2 + mid * (2 + rec1 + rec2);
          unsigned v = S_u16(b, e);
          if (v == g2) {
            if (!S_done(set, i, j))
              S_pair(p, set->glyphs[i], g2, S_xadvance(b, e + 2, vf1));
            break;
          }
          if (v < g2)
            lo = mid + 1;
          else
            hi = mid;
        }
      }
    }
  } else if (fmt == 2) {
    size_t cd1 = o + S_u16(b, o + 8), cd2 = o + S_u16(b, o + 10);
    unsigned n1 = S_u16(b, o + 12), n2 = S_u16(b, o + 14);
    unsigned *c2 = xmalloc((set->n ? set->n : 1) * sizeof *c2);
    for (size_t j = 0; j < set->n; j++)
      c2[j] = S_classdef(b, cd2, set->glyphs[j]);
    for (size_t i = 0; i < set->n; i++) {
      if (S_coverage(b, cov, set->glyphs[i]) < 0)
        continue;
      unsigned k1 = S_classdef(b, cd1, set->glyphs[i]);
      if (k1 >= n1)
        continue;
      for (size_t j = 0; j < set->n; j++) {
        if (c2[j] >= n2 || S_done(set, i, j))
          continue;
        size_t e = o + 16 + ((size_t)k1 * n2 + c2[j]) * (rec1 + rec2);
        S_pair(p, set->glyphs[i], set->glyphs[j], S_xadvance(b, e, vf1));
      }
    }
    free(c2);
  }
}

static void S_gpos(S_data g, S_set *set, S_pairs *p) {
  if (S_u16(g, 0) != 1)
    return;
  size_t fl = S_u16(g, 6), ll = S_u16(g, 8);
  unsigned nf = S_u16(g, fl), nl = S_u16(g, ll);
  if (nl == 0)
    return;
  bool *want = xcalloc(nl, sizeof *want);
  for (unsigned i = 0; i < nf; i++) {
    size_t e = fl + 2 + 6 * (size_t)i;
    if (e + 6 > g.n || memcmp(g.d + e, "kern", 4) != 0)
      continue;
    size_t fo = fl + S_u16(g, e + 4);
    unsigned n = S_u16(g, fo + 2);
    for (unsigned k = 0; k < n; k++) {
      unsigned li = S_u16(g, fo + 4 + 2 * (size_t)k);
      if (li < nl)
        want[li] = true;
    }
  }
  size_t bits = set->n * set->n;
  set->done = xmalloc(bits / 8 + 1);
  unsigned budget = 64; /* subtables: Carlito has 2; a damaged table more */
  for (unsigned li = 0; li < nl && budget > 0; li++) {
    if (!want[li])
      continue;
    memset(set->done, 0, bits / 8 + 1);
    size_t lo = ll + S_u16(g, ll + 2 + 2 * (size_t)li);
    unsigned type = S_u16(g, lo), ns = S_u16(g, lo + 4);
    for (unsigned s = 0; s < ns && budget > 0; s++, budget--) {
      size_t so = lo + S_u16(g, lo + 6 + 2 * (size_t)s);
      unsigned t = type;
      if (t == 9) { /* extension: the real subtable is further away */
        t = S_u16(g, so + 2);
        so += S_u32(g, so + 4);
      }
      if (t == 2)
        S_pairpos(g, so, set, p);
    }
  }
  free(set->done);
  set->done = NULL;
  free(want);
}

typedef struct {
  uint32_t key;
  int16_t val;
} S_kv;

static int S_kv_cmp(const void *a, const void *b) {
  uint32_t x = ((const S_kv *)a)->key, y = ((const S_kv *)b)->key;
  return x < y ? -1 : x > y;
}

static void S_finish_pairs(sfnt_info *s, S_pairs *p) {
  S_kv *kv = xmalloc((p->n ? p->n : 1) * sizeof *kv);
  for (size_t i = 0; i < p->n; i++)
    kv[i].key = p->keys[i], kv[i].val = p->vals[i];
  qsort(kv, p->n, sizeof *kv, S_kv_cmp);
  s->pair_keys = xmalloc((p->n ? p->n : 1) * sizeof *s->pair_keys);
  s->pair_vals = xmalloc((p->n ? p->n : 1) * sizeof *s->pair_vals);
  s->kern_left = xcalloc(65536 / 8, 1);
  size_t m = 0;
  for (size_t i = 0; i < p->n; i++) {
    if (m > 0 && s->pair_keys[m - 1] == kv[i].key) {
      s->pair_vals[m - 1] = kv[i].val; /* a later table entry wins */
      continue;
    }
    s->pair_keys[m] = kv[i].key;
    s->pair_vals[m] = kv[i].val;
    unsigned l = kv[i].key >> 16;
    s->kern_left[l >> 3] |= (uint8_t)(1u << (l & 7));
    m++;
  }
  s->npairs = m;
  free(kv);
  free(p->keys);
  free(p->vals);
}

bool sfnt_read(const char *path, int index, sfnt_info *out,
               const char **why) {
  memset(out, 0, sizeof *out);
  size_t len = 0;
  char *raw = fs_read(path, &len);
  if (!raw) {
    *why = "cannot be read";
    return false;
  }
  S_data f = {(const unsigned char *)raw, len};
  size_t dir = 0;
  if (len >= 12 && memcmp(raw, "ttcf", 4) == 0) {
    uint32_t nf = S_u32(f, 8);
    if (index < 0 || (uint32_t)index >= nf) {
      free(raw);
      *why = "has no such face";
      return false;
    }
    dir = S_u32(f, 12 + 4 * (size_t)index);
  }
  uint32_t ver = S_u32(f, dir);
  if (ver != 0x00010000 && ver != 0x74727565 /* 'true' */) {
    free(raw);
    *why = ver == 0x4F54544F ? "is an OpenType CFF font (libharu needs "
                               "TrueType outlines)"
                             : "is not a TrueType font";
    return false;
  }
  /* the tables libharu insists on (its TrueType loader's REQUIRED_TAGS) */
  static const char *const need[] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf",
                                     "head", "hhea", "hmtx", "loca", "maxp",
                                     "name", "post", "prep"};
  for (size_t i = 0; i < sizeof need / sizeof *need; i++)
    if (!S_table(f, dir, need[i]).n) {
      free(raw);
      *why = "lacks a table libharu needs";
      return false;
    }
  S_data os2 = S_table(f, dir, "OS/2");
  if (S_u16(os2, 8) & 0x0002) {
    free(raw);
    *why = "may not be embedded (its licence forbids it)";
    return false;
  }
  S_data head = S_table(f, dir, "head");
  out->upem = (uint16_t)S_u16(head, 18);
  if (out->upem == 0)
    out->upem = 1000;
  S_data hhea = S_table(f, dir, "hhea"), hmtx = S_table(f, dir, "hmtx");
  S_data maxp = S_table(f, dir, "maxp");
  out->ascent = S_i16(hhea, 4) * 1000 / out->upem;
  out->descent = S_i16(hhea, 6) * 1000 / out->upem;
  out->nglyphs = (uint16_t)S_u16(maxp, 4);
  unsigned nh = S_u16(hhea, 34);
  if (nh == 0 || out->nglyphs == 0 || (size_t)nh * 4 > hmtx.n) {
    free(raw);
    *why = "has no usable glyph widths";
    return false;
  }
  out->width = xmalloc(out->nglyphs * sizeof *out->width);
  for (unsigned g = 0; g < out->nglyphs; g++) {
    unsigned adv = S_u16(hmtx, 4 * (size_t)(g < nh ? g : nh - 1));
    long w = (long)adv * 1000 / out->upem;
    out->width[g] = (int16_t)(w > 32767 ? 32767 : w);
  }
  out->gid = xcalloc(65536, sizeof *out->gid);
  S_data cmap = S_table(f, dir, "cmap");
  if (!cmap.n || !S_cmap(cmap, out->gid)) {
    free(raw);
    sfnt_free(out);
    *why = "has no Unicode character map";
    return false;
  }
  S_pairs p = {NULL, NULL, 0, 0, 0};
  S_data kern = S_table(f, dir, "kern");
  if (kern.n) {
    S_kern(kern, &p);
    if (p.n)
      out->kern_source = "kern";
  }
  S_data gpos = S_table(f, dir, "GPOS");
  if (!p.n && gpos.n) {
    /* GPOS pairs are class-based: expand them only for the characters
     * running text uses (Latin, punctuation, quotes, currency). */
    static const uint32_t ranges[][2] = {{0x20, 0x24F}, {0x2010, 0x203A},
                                         {0x20AC, 0x20AC}, {0x2122, 0x2122}};
    uint16_t *glyphs = NULL;
    size_t ng = 0, cap = 0;
    uint8_t *seen = xcalloc(65536 / 8, 1);
    for (size_t r = 0; r < sizeof ranges / sizeof *ranges; r++)
      for (uint32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
        uint16_t g = out->gid[cp];
        if (!g || (seen[g >> 3] & (1u << (g & 7))))
          continue;
        seen[g >> 3] |= (uint8_t)(1u << (g & 7));
        XGROW(glyphs, cap, ng + 1);
        glyphs[ng++] = g;
      }
    S_set set = {glyphs, ng, NULL};
    S_gpos(gpos, &set, &p);
    free(glyphs);
    free(seen);
    if (p.n)
      out->kern_source = "GPOS";
  }
  S_finish_pairs(out, &p);
  free(raw);
  return true;
}

void sfnt_free(sfnt_info *s) {
  free(s->gid);
  free(s->width);
  free(s->pair_keys);
  free(s->pair_vals);
  free(s->kern_left);
  memset(s, 0, sizeof *s);
}

int sfnt_kern(const sfnt_info *s, uint16_t left, uint16_t right) {
  if (!s->kern_left || !(s->kern_left[left >> 3] & (1u << (left & 7))))
    return 0;
  uint32_t key = (uint32_t)left << 16 | right;
  size_t lo = 0, hi = s->npairs;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    uint32_t k = s->pair_keys[mid];
    if (k == key)
      return s->pair_vals[mid];
    if (k < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  return 0;
}
