/* finish.c - rewrites a classic-xref PDF object by object (see finish.h):
 * objects are copied verbatim except the few that are repaired, and the
 * cross-reference is written anew with the new offsets: as a table, or in
 * compact output as a stream, with the objects that are not streams
 * packed into object streams. */
#include "pdf/finish.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>
#include <zlib.h>

#include "util/mem.h"

typedef struct {
  unsigned num;
  size_t off, end;
} S_obj;

/* libdeflate's level for the page streams deflated here. On the dense
 * report (bench/dense, 52 pages) zlib's level 3 took 76 M instructions
 * for a 504 KB file; libdeflate's level 1 takes 36 M for 519 KB (+3 %),
 * its level 3 57 M for 481 KB. The streams stay plain zlib (FlateDecode). */
#define S_ZLEVEL 1

/* The first occurrence of needle in h[from..hn). memchr finds the
 * candidates: the structure tree's thousands of small objects are each
 * looked through for "endobj", and a byte loop made that 1 % of a build. */
static const char *S_find(const char *h, size_t hn, const char *needle,
                          size_t from) {
  return from < hn ? mem_find(h + from, hn - from, needle, strlen(needle))
                   : NULL;
}

/* One 20-byte cross-reference entry: offset in ten digits, then tail
 * (" 00000 n\r\n"). Written by hand because there is one per object, and
 * printf for the structure tree's thousands of objects was 1 % of a
 * build. */
static void S_xref_entry(buf *out, size_t off, const char *tail) {
  char e[20];
  for (int i = 9; i >= 0; i--, off /= 10)
    e[i] = (char)('0' + off % 10);
  memcpy(e + 10, tail, 10);
  buf_put(out, e, sizeof e);
}

/* The last occurrence of needle. */
static const char *S_rfind(const char *h, size_t hn, const char *needle) {
  size_t nn = strlen(needle);
  if (nn > hn)
    return NULL;
  for (size_t i = hn - nn + 1; i-- > 0;)
    if (memcmp(h + i, needle, nn) == 0)
      return h + i;
  return NULL;
}

/* The frame every ToUnicode CMap here shares: two-byte codes, UCS. */
static void S_cmap_begin(buf *out) {
  buf_puts(out, "/CIDInit /ProcSet findresource begin\n"
                "12 dict begin\n"
                "begincmap\n"
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
                "/Supplement 0 >> def\n"
                "/CMapName /Adobe-Identity-UCS def\n"
                "/CMapType 2 def\n"
                "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
}

static void S_cmap_end(buf *out) {
  buf_puts(out, "endcmap\n"
                "CMapName currentdict /CMap defineresource pop\n"
                "end\nend\n");
}

void pdf_identity_cmap(buf *out) {
  S_cmap_begin(out);
  /* one range per high byte (a bfrange may not cross a low-byte boundary),
   * at most 100 per block, the surrogates D800-DFFF left out */
  int hi[256], n = 0;
  for (int h = 0; h < 256; h++)
    if (h < 0xD8 || h > 0xDF)
      hi[n++] = h;
  for (int i = 0; i < n; i += 100) {
    int k = n - i < 100 ? n - i : 100;
    buf_printf(out, "%d beginbfrange\n", k);
    for (int j = i; j < i + k; j++)
      buf_printf(out, "<%02X00> <%02XFF> <%02X00>\n", hi[j], hi[j], hi[j]);
    buf_puts(out, "endbfrange\n");
  }
  S_cmap_end(out);
}

/* A ToUnicode CMap mapping just the CIDs in used (65536 bits) to
 * themselves: one bfrange per run of consecutive CIDs within a high byte.
 * A reader builds this map for every font on every page, so the full
 * identity (63,488 codes) costs poppler most of its time on our PDFs. */
static void S_ranges_cmap(buf *out, const uint8_t *used) {
  S_cmap_begin(out);
  unsigned lo[100], hi[100];
  int k = 0;
  for (unsigned c = 0; c <= 0xFFFF;) {
    bool on = used[c >> 3] & (1u << (c & 7));
    if (!on || (c >= 0xD800 && c <= 0xDFFF)) {
      c++;
      continue;
    }
    unsigned e = c;
    while (e < 0xFFFF && (e & 0xFF) != 0xFF &&
           (used[(e + 1) >> 3] & (1u << ((e + 1) & 7))))
      e++;
    lo[k] = c;
    hi[k++] = e;
    c = e + 1;
    if (k == 100 || c > 0xFFFF) {
      buf_printf(out, "%d beginbfrange\n", k);
      for (int j = 0; j < k; j++)
        buf_printf(out, "<%04X> <%04X> <%04X>\n", lo[j], hi[j], lo[j]);
      buf_puts(out, "endbfrange\n");
      k = 0;
    }
  }
  if (k) {
    buf_printf(out, "%d beginbfrange\n", k);
    for (int j = 0; j < k; j++)
      buf_printf(out, "<%04X> <%04X> <%04X>\n", lo[j], hi[j], lo[j]);
    buf_puts(out, "endbfrange\n");
  }
  S_cmap_end(out);
}

/* used: the font's CIDs, or NULL for the full identity map. */
static void S_cmap_object(buf *out, unsigned num, const uint8_t *used) {
  buf cm = BUF_INIT;
  if (used)
    S_ranges_cmap(&cm, used);
  else
    pdf_identity_cmap(&cm);
  uLongf zn = compressBound((uLong)cm.len);
  unsigned char *z = xmalloc(zn);
  if (compress2(z, &zn, (const Bytef *)cm.data, (uLong)cm.len, 9) == Z_OK) {
    buf_printf(out, "%u 0 obj\n<<\n/Length %lu\n/Filter /FlateDecode\n>>\n"
                    "stream\n", num, (unsigned long)zn);
    buf_put(out, z, zn);
  } else {
    buf_printf(out, "%u 0 obj\n<<\n/Length %zu\n>>\nstream\n", num, cm.len);
    buf_put(out, cm.data, cm.len);
  }
  buf_puts(out, "\nendstream\nendobj\n");
  free(z);
  buf_free(&cm);
}

/* Reads an unsigned integer at o[*i] (after spaces); false if none. */
static bool S_uint(const char *o, size_t n, size_t *i, unsigned long *v) {
  while (*i < n && (o[*i] == ' ' || o[*i] == '\n' || o[*i] == '\r'))
    (*i)++;
  if (*i >= n || o[*i] < '0' || o[*i] > '9')
    return false;
  *v = 0;
  while (*i < n && o[*i] >= '0' && o[*i] <= '9' && *v < 0x1000000)
    *v = *v * 10 + (unsigned long)(o[(*i)++] - '0');
  while (*i < n && o[*i] == '.') /* a fractional width: skip the digits */
    for ((*i)++; *i < n && o[*i] >= '0' && o[*i] <= '9'; (*i)++)
      ;
  return true;
}

/* The CIDs a CIDFont dictionary's /W array gives widths for: libharu
 * lists every glyph the document draws there ("c [w ...]" or "c1 c2 w").
 * False if the array is missing or not understood (then the caller keeps
 * the full identity map). */
static bool S_w_cids(const char *o, size_t n, uint8_t *used) {
  const char *w = S_find(o, n, "/W [", 0);
  if (!w)
    return false;
  size_t i = (size_t)(w - o) + 4;
  bool any = false;
  for (;;) {
    unsigned long c, c2, x;
    while (i < n && (o[i] == ' ' || o[i] == '\n' || o[i] == '\r'))
      i++;
    if (i < n && o[i] == ']')
      return any;
    if (!S_uint(o, n, &i, &c) || c > 0xFFFF)
      return false;
    while (i < n && (o[i] == ' ' || o[i] == '\n' || o[i] == '\r'))
      i++;
    if (i < n && o[i] == '[') {
      i++;
      while (S_uint(o, n, &i, &x)) {
        if (c > 0xFFFF)
          return false;
        used[c >> 3] |= (uint8_t)(1u << (c & 7));
        c++;
      }
      if (i >= n || o[i] != ']')
        return false;
      i++;
    } else {
      if (!S_uint(o, n, &i, &c2) || !S_uint(o, n, &i, &x) || c2 > 0xFFFF ||
          c2 < c)
        return false;
      for (; c <= c2; c++)
        used[c >> 3] |= (uint8_t)(1u << (c & 7));
    }
    any = true;
  }
}

/* Length of the dictionary part (before "stream"), where edits are safe. */
static size_t S_dict_len(const char *o, size_t n) {
  const char *s = S_find(o, n, "stream", 0);
  return s ? (size_t)(s - o) : n;
}

/* "/XYZ 0 500 1 ]" -> "/XYZ null 500 null ]": keep the reader's zoom. */
static void S_copy_xyz(buf *out, const char *o, size_t n) {
  size_t dl = S_dict_len(o, n), i = 0;
  while (i < dl) {
    const char *x = S_find(o, dl, "/XYZ ", i);
    if (!x) {
      buf_put(out, o + i, dl - i);
      i = dl;
      break;
    }
    size_t at = (size_t)(x - o) + 5;
    buf_put(out, o + i, at - i);
    /* three numbers: left top zoom */
    char *e;
    const char *p = o + at;
    strtod(p, &e);
    if (e == p) {
      i = at;
      continue;
    }
    const char *top = e;
    double tv = strtod(top, &e);
    const char *z = e;
    strtod(z, &e);
    if (e == z) {
      i = at;
      continue;
    }
    buf_printf(out, "null %.2f null", tv);
    i = (size_t)(e - o);
  }
  buf_put(out, o + dl, n - dl);
}

static uint64_t S_fnv(const char *s, size_t n, uint64_t h) {
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ull;
  }
  return h;
}

static int S_cmp_off(const void *a, const void *b) {
  const S_obj *x = a, *y = b;
  return x->off < y->off ? -1 : x->off > y->off;
}

/* A stream object's data: after "stream" and its end of line, up to the
 * end of line before "endstream". False if the object is not a stream. */
static bool S_stream_data(const char *o, size_t n, size_t *from, size_t *to) {
  const char *st = S_find(o, n, "stream", 0);
  const char *en = S_rfind(o, n, "endstream");
  if (!st || !en || en < st + 6)
    return false;
  size_t a = (size_t)(st - o) + 6, b = (size_t)(en - o);
  if (a < n && o[a] == '\r')
    a++;
  if (a < n && o[a] == '\n')
    a++;
  if (b > a && o[b - 1] == '\n')
    b--;
  if (b > a && o[b - 1] == '\r')
    b--;
  *from = a;
  *to = b;
  return b >= a;
}

/* A CIDFont's glyph map, read from its CIDToGIDMap stream (2 bytes per
 * CID). The CIDs with a glyph are marked in used; the map is cut after the
 * last one (a reader takes a CID past the end as glyph 0, and the text
 * never uses one), since libharu writes all 65,536 entries and a reader
 * decodes them for every font on every page. *cut gets the new object;
 * false if the stream is not understood (it is then copied as it is). */
static bool S_gidmap(const char *o, size_t n, unsigned num, uint8_t *used,
                     buf *cut) {
  size_t a, b;
  if (!S_stream_data(o, n, &a, &b))
    return false;
  bool flate = S_find(o, S_dict_len(o, n), "/FlateDecode", 0) != NULL;
  uLongf rn = 2 * 65536;
  unsigned char *raw = xmalloc(rn);
  if (flate) {
    if (uncompress(raw, &rn, (const Bytef *)o + a, (uLong)(b - a)) != Z_OK) {
      free(raw);
      return false;
    }
  } else {
    rn = b - a < rn ? b - a : rn;
    memcpy(raw, o + a, rn);
  }
  size_t last = 0;
  for (size_t c = 0; 2 * c + 1 < rn; c++)
    if (raw[2 * c] | raw[2 * c + 1]) {
      used[c >> 3] |= (uint8_t)(1u << (c & 7));
      last = c + 1;
    }
  uLongf zn = compressBound((uLong)(2 * last));
  unsigned char *z = xmalloc(zn);
  bool ok = compress2(z, &zn, raw, (uLong)(2 * last), 9) == Z_OK;
  if (ok) {
    buf_printf(cut, "%u 0 obj\n<<\n/Length %lu\n/Filter /FlateDecode\n>>\n"
                    "stream\n", num, (unsigned long)zn);
    buf_put(cut, z, zn);
    buf_puts(cut, "\nendstream\nendobj\n");
  }
  free(z);
  free(raw);
  return ok;
}

/* A stream libharu left uncompressed (the pages' content: pdf.c turns
 * its compression of them off), deflated here on two threads. */
typedef struct {
  const char *data;
  size_t len;
  unsigned char *z; /* deflated, or NULL: written as it is */
  size_t zlen;
} S_job;

typedef struct {
  S_job *jobs;
  size_t n;
  atomic_size_t next;
  int level; /* libdeflate's */
} S_pool;

/* in[0..n) deflated by c into a new block (*zn bytes), or NULL when c is
 * NULL or memory runs out: the caller then writes the data as it is. */
static unsigned char *S_zlib(struct libdeflate_compressor *c, const void *in,
                             size_t n, size_t *zn) {
  size_t bound = c ? libdeflate_zlib_compress_bound(c, n) : 0;
  unsigned char *z = c ? malloc(bound) : NULL;
  *zn = z ? libdeflate_zlib_compress(c, in, n, z, bound) : 0;
  if (*zn)
    return z;
  free(z);
  return NULL;
}

static void *S_deflate_jobs(void *arg) {
  S_pool *p = arg;
  /* one compressor per thread: libdeflate's are not shared */
  struct libdeflate_compressor *c = libdeflate_alloc_compressor(p->level);
  for (;;) {
    size_t i = atomic_fetch_add(&p->next, 1);
    if (i >= p->n)
      break;
    S_job *j = &p->jobs[i];
    j->z = S_zlib(c, j->data, j->len, &j->zlen);
  }
  libdeflate_free_compressor(c);
  return NULL;
}

/* The value after "/Length " in a stream's dictionary d[0..n): a number,
 * or an object reference (then *ref gets its number). */
static bool S_length_ref(const char *d, size_t n, unsigned long *ref) {
  const char *l = S_find(d, n, "/Length ", 0);
  if (!l)
    return false;
  size_t i = (size_t)(l - d) + 8;
  unsigned long v, g;
  if (!S_uint(d, n, &i, &v))
    return false;
  *ref = 0;
  size_t j = i;
  if (S_uint(d, n, &j, &g) && g == 0) {
    while (j < n && d[j] == ' ')
      j++;
    if (j < n && d[j] == 'R')
      *ref = v;
  }
  return true;
}

/* Writes object num, an uncompressed stream whose dictionary is o[0..dl),
 * with the data z[0..zn): the dictionary gets a direct /Length and, if
 * flate, /Filter (its other keys are kept). */
static void S_stream_object(buf *out, unsigned num, const char *o, size_t dl,
                            const unsigned char *z, size_t zn, bool flate) {
  const char *lo = S_find(o, dl, "<<", 0), *l = S_find(o, dl, "/Length ", 0);
  const char *ce = S_find(o, dl, ">>", (size_t)(l - o));
  /* the keys before /Length, and those between its value and >> */
  size_t i = (size_t)(l - o) + 8, j;
  unsigned long v, g;
  S_uint(o, dl, &i, &v);
  j = i;
  if (S_uint(o, dl, &j, &g)) {
    while (j < dl && o[j] == ' ')
      j++;
    if (j < dl && o[j] == 'R')
      i = j + 1;
  }
  buf_printf(out, "%u 0 obj\n<<%s", num, flate ? "\n/Filter /FlateDecode" : "");
  buf_put(out, lo + 2, (size_t)(l - lo) - 2);
  buf_printf(out, "/Length %zu", zn);
  buf_put(out, o + i, (size_t)(ce - o) - i);
  buf_puts(out, ">>\nstream\n");
  buf_put(out, z, zn);
  buf_puts(out, "\nendstream\nendobj\n");
}

/* ---- object streams and the cross-reference stream (compact output) ----
 * The structure tree makes most of a tagged PDF's objects (62,649 of them
 * on the large project, bench/): small dictionaries, each written plainly
 * with a 20-byte xref entry. In compact output every object that is not a
 * stream (nor the catalog) goes into an object stream (ISO 32000-1 7.5.7),
 * deflated, and the cross-reference is a stream (7.5.8); PDF/A-2 and
 * PDF/UA-1 allow both. */

/* Objects per object stream: a reader inflates a whole stream to get one
 * of its objects, so a few hundred keeps that cheap while the dictionary
 * keys repeat often enough within a stream to deflate well. */
#define S_OBJSTM_MAX 200
/* libdeflate's level for object streams and the xref stream. On the
 * large project (bench/, 442 pages) level 1 gives a 2.61 MB file for 0 to
 * +7 % of the build's CPU against the plain objects (medians of 11
 * alternated builds, two sets; bench/objstm_cost.sh), level 6 2.41 MB for
 * about 6 % more, level 9 2.39 MB for +60 %: the pages' level, S_ZLEVEL. */
#define S_OBJSTM_ZLEVEL S_ZLEVEL

typedef struct {
  buf head; /* "num offset " per object */
  buf body; /* the objects, each followed by a newline */
  unsigned n;
} S_stm;

typedef struct {
  S_stm *stms;
  size_t nstms, cap;
  unsigned *in_stm; /* object number -> its stream's index + 1, 0 if none */
  unsigned *idx;    /* object number -> its index within that stream */
} S_pack;

static bool S_ws(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Moves the object just written to out[at..) into an object stream, if
 * it is a generation-0 object that is neither a stream nor a font or font
 * descriptor: out is cut back to at. False (out unchanged) for anything
 * else. Fonts stay outside (a few objects a font) because the leak check
 * (src/anon/scan.c) hands pdftotext a copy in which it changes a byte of
 * their glyph map and font program keys in place, which it can do only
 * where they stand uncompressed: poppler then skips inflating both on
 * every page. */
static bool S_pack_take(S_pack *pk, buf *out, size_t at, unsigned num) {
  const char *o = out->data + at;
  size_t n = out->len - at, i = 0;
  while (i < n && o[i] >= '0' && o[i] <= '9')
    i++;
  if (i == 0 || i + 6 > n || memcmp(o + i, " 0 obj", 6) != 0)
    return false;
  i += 6;
  size_t e = n;
  while (e > i && S_ws(o[e - 1]))
    e--;
  if (e < i + 6 || memcmp(o + e - 6, "endobj", 6) != 0)
    return false;
  e -= 6;
  while (e > i && S_ws(o[e - 1]))
    e--;
  while (i < e && S_ws(o[i]))
    i++;
  if (i == e || (e >= i + 9 && memcmp(o + e - 9, "endstream", 9) == 0) ||
      S_find(o, e, "/Type /Font", i))
    return false;
  if (!pk->nstms || pk->stms[pk->nstms - 1].n == S_OBJSTM_MAX) {
    XGROW(pk->stms, pk->cap, pk->nstms + 1);
    pk->stms[pk->nstms++] = (S_stm){BUF_INIT, BUF_INIT, 0};
  }
  S_stm *st = &pk->stms[pk->nstms - 1];
  buf_printf(&st->head, "%u %zu ", num, st->body.len);
  buf_put(&st->body, o + i, e - i);
  buf_putc(&st->body, '\n');
  pk->in_stm[num] = (unsigned)pk->nstms;
  pk->idx[num] = st->n++;
  out->len = at;
  return true;
}

/* Writes the object streams, numbered from first, deflated on two
 * threads; off[k] gets stream k's offset from start. */
static void S_pack_write(S_pack *pk, unsigned long first, buf *out,
                         size_t start, size_t *off) {
  S_job *jobs = xcalloc(pk->nstms ? pk->nstms : 1, sizeof *jobs);
  buf *whole = xcalloc(pk->nstms ? pk->nstms : 1, sizeof *whole);
  for (size_t k = 0; k < pk->nstms; k++) {
    buf_put(&whole[k], pk->stms[k].head.data, pk->stms[k].head.len);
    buf_put(&whole[k], pk->stms[k].body.data, pk->stms[k].body.len);
    jobs[k].data = whole[k].data;
    jobs[k].len = whole[k].len;
  }
  S_pool pool = {jobs, pk->nstms, 0, S_OBJSTM_ZLEVEL};
  pthread_t th;
  bool two = pool.n > 1 && pthread_create(&th, NULL, S_deflate_jobs, &pool) == 0;
  S_deflate_jobs(&pool);
  if (two)
    pthread_join(th, NULL);
  for (size_t k = 0; k < pk->nstms; k++) {
    const S_job *j = &jobs[k];
    off[k] = out->len - start;
    buf_printf(out, "%lu 0 obj\n<<\n/Type /ObjStm\n/N %u\n/First %zu\n%s"
                    "/Length %zu\n>>\nstream\n",
               first + k, pk->stms[k].n, pk->stms[k].head.len,
               j->z ? "/Filter /FlateDecode\n" : "", j->z ? j->zlen : j->len);
    if (j->z)
      buf_put(out, j->z, j->zlen);
    else /* out of memory: the data as it is */
      buf_put(out, j->data, j->len);
    buf_puts(out, "\nendstream\nendobj\n");
    free(j->z);
    buf_free(&whole[k]);
  }
  free(whole);
  free(jobs);
}

static void S_pack_free(S_pack *pk) {
  for (size_t k = 0; k < pk->nstms; k++) {
    buf_free(&pk->stms[k].head);
    buf_free(&pk->stms[k].body);
  }
  free(pk->stms);
  free(pk->in_stm);
  free(pk->idx);
}

/* The cross-reference stream, object xnum at offset xoff from start, for
 * objects 0..xnum: each row "type field2 field3" in 1, w and 2 bytes, PNG
 * Up predicted (rows repeat: an object stream's entries differ by one).
 * off: the uncompressed objects' offsets (0: free) below size; stm_off the
 * object streams', numbered from size. dict: the trailer's keys but
 * /Size. */
static void S_xref_stream(buf *out, const S_pack *pk,
                          const size_t *off, unsigned long size,
                          const size_t *stm_off, size_t xoff,
                          const char *dict, size_t dlen) {
  unsigned long xnum = size + pk->nstms, total = xnum + 1;
  uint64_t big = xoff > xnum ? xoff : xnum;
  int w = 1;
  while (w < 8 && (big >> (8 * w)))
    w++;
  size_t row = 1 + (size_t)w + 2;
  /* raw: the rows PNG-predicted for deflate; plain: as they are, for a
     stream left uncompressed (a predictor needs a filter) */
  unsigned char *raw = xcalloc(total, row + 1), *plain = xcalloc(total, row);
  unsigned char *prev = xcalloc(row, 1), *cur = xcalloc(row, 1);
  for (unsigned long k = 0; k < total; k++) {
    uint64_t type = 1, f2 = 0, f3 = 0;
    if (k < size && pk->in_stm[k]) {
      type = 2;
      f2 = size + pk->in_stm[k] - 1;
      f3 = pk->idx[k];
    } else if (k < size && off[k]) {
      f2 = off[k];
    } else if (k >= size && k < xnum) {
      f2 = stm_off[k - size];
    } else if (k == xnum) {
      f2 = xoff;
    } else {
      type = 0;
      f3 = k == 0 ? 65535 : 0;
    }
    cur[0] = (unsigned char)type;
    for (int b = 0; b < w; b++)
      cur[1 + b] = (unsigned char)(f2 >> (8 * (w - 1 - b)));
    cur[1 + w] = (unsigned char)(f3 >> 8);
    cur[2 + w] = (unsigned char)f3;
    memcpy(plain + k * row, cur, row);
    unsigned char *r = raw + k * (row + 1);
    r[0] = 2; /* PNG Up */
    for (size_t b = 0; b < row; b++)
      r[1 + b] = (unsigned char)(cur[b] - prev[b]);
    unsigned char *t = prev;
    prev = cur;
    cur = t;
  }
  size_t rn = total * (row + 1), zn = 0;
  struct libdeflate_compressor *c = libdeflate_alloc_compressor(S_OBJSTM_ZLEVEL);
  unsigned char *z = S_zlib(c, raw, rn, &zn);
  libdeflate_free_compressor(c);
  buf_printf(out, "%lu 0 obj\n<<\n/Type /XRef\n/Size %lu\n/W [1 %d 2]\n",
             xnum, total, w);
  buf_put(out, dict, dlen);
  if (zn) {
    buf_printf(out, "/Filter /FlateDecode\n/DecodeParms << /Columns %zu "
                    "/Predictor 12 >>\n/Length %zu\n>>\nstream\n", row, zn);
    buf_put(out, z, zn);
  } else { /* out of memory: the rows as they are */
    buf_printf(out, "/Length %zu\n>>\nstream\n", total * row);
    buf_put(out, plain, total * row);
  }
  buf_puts(out, "\nendstream\nendobj\n");
  buf_printf(out, "startxref\n%zu\n%%%%EOF\n", xoff);
  free(z);
  free(raw);
  free(plain);
  free(prev);
  free(cur);
}

int pdf_fix(const char *in, size_t len, const char *lang, buf *out) {
  return pdf_fix_with(in, len, lang, NULL, 0, NULL, NULL, false, out);
}

/* The objects an add function wrote, x[0..n): *at[num] gets each one's
 * offset + 1 and *size the largest number + 1 (at least count). False if
 * x is not a sequence of "N 0 obj ... endobj\n". */
static bool S_added(const char *x, size_t n, unsigned long count,
                    size_t **at, unsigned long *size) {
  *size = count;
  size_t cap = count; /* what *at holds: the caller's count at first */
  for (size_t i = 0; i < n;) {
    char *e;
    unsigned long num = strtoul(x + i, &e, 10);
    const char *end = S_find(x, n, "endobj\n", i);
    if (e == x + i || !end || num > 10000000)
      return false;
    if (num >= *size) {
      if (num >= cap) { /* doubling: the objects come one number at a time */
        cap = cap * 2 > num + 1 ? cap * 2 : num + 1;
        *at = xrealloc(*at, cap * sizeof **at);
      }
      memset(*at + *size, 0, (num + 1 - *size) * sizeof **at);
      *size = num + 1;
    }
    (*at)[num] = i + 1;
    i = (size_t)(end - x) + 7;
  }
  return true;
}

int pdf_fix_with(const char *in, size_t len, const char *lang,
                 const pdf_fix_stream *streams, size_t nstreams,
                 pdf_fix_add_fn add, void *add_ctx, bool compact,
                 buf *out) {
  if (len < 32 || memcmp(in, "%PDF-", 5) != 0)
    return -1;
  const char *sx = S_rfind(in, len, "startxref");
  if (!sx)
    return -1;
  size_t xoff = strtoul(sx + 9, NULL, 10);
  if (xoff >= len || memcmp(in + xoff, "xref", 4) != 0)
    return -1;
  const char *p = in + xoff + 4;
  char *e;
  unsigned long first = strtoul(p, &e, 10);
  unsigned long count = strtoul(e, &e, 10);
  if (first != 0 || count == 0 || count > 10000000)
    return -1;
  while (*e == '\r' || *e == '\n' || *e == ' ')
    e++;
  S_obj *objs = xcalloc(count, sizeof *objs);
  size_t nobj = 0;
  for (unsigned long k = 0; k < count; k++) {
    if ((size_t)(e - in) + 18 > len) {
      free(objs);
      return -1;
    }
    unsigned long off = strtoul(e, &e, 10);
    strtoul(e, &e, 10);
    while (*e == ' ')
      e++;
    char kind = *e++;
    while (*e == '\r' || *e == '\n' || *e == ' ')
      e++;
    if (kind == 'n' && off < xoff) {
      objs[nobj].num = (unsigned)k;
      objs[nobj++].off = off;
    }
  }
  const char *tr = S_find(in, len, "trailer", (size_t)(e - in));
  if (!tr || tr > sx || nobj == 0) {
    free(objs);
    return -1;
  }
  qsort(objs, nobj, sizeof *objs, S_cmp_off);
  for (size_t i = 0; i < nobj; i++)
    objs[i].end = i + 1 < nobj ? objs[i + 1].off : xoff;
  /* the trailer: the catalog's number */
  size_t tlen = (size_t)(sx - tr);
  unsigned root = 0;
  const char *rt = S_find(tr, tlen, "/Root ", 0);
  if (rt)
    root = (unsigned)strtoul(rt + 6, NULL, 10);
  /* the objects that are ToUnicode streams, each with the CIDs its font
   * uses (from the descendant CIDFont's /W) when they can be found */
  size_t *byn = xcalloc(count, sizeof *byn); /* number -> index + 1 */
  for (size_t i = 0; i < nobj; i++)
    byn[objs[i].num] = i + 1;
  unsigned *tu = NULL;
  uint8_t **tu_used = NULL;
  size_t ntu = 0;
  buf *cut = xcalloc(count, sizeof *cut); /* shortened CIDToGIDMap objects */
  for (size_t i = 0; i < nobj; i++) {
    const char *o = in + objs[i].off;
    size_t dl = S_dict_len(o, objs[i].end - objs[i].off), from = 0;
    const char *f;
    while ((f = S_find(o, dl, "/ToUnicode ", from))) {
      tu = xrealloc(tu, (ntu + 1) * sizeof *tu);
      tu_used = xrealloc(tu_used, (ntu + 1) * sizeof *tu_used);
      tu[ntu] = (unsigned)strtoul(f + 11, NULL, 10);
      tu_used[ntu] = NULL;
      const char *df = S_find(o, dl, "/DescendantFonts [", 0);
      unsigned long dn = df ? strtoul(df + 18, NULL, 10) : 0;
      if (df && dn > 0 && dn < count && byn[dn]) {
        /* the CIDs the text uses: those with a glyph in the map (font.c
         * gives every drawn character one) and those with a width */
        const S_obj *d = &objs[byn[dn] - 1];
        size_t ddl = S_dict_len(in + d->off, d->end - d->off);
        const char *gm = S_find(in + d->off, ddl, "/CIDToGIDMap ", 0);
        unsigned long gn = gm ? strtoul(gm + 13, NULL, 10) : 0;
        uint8_t *u = xcalloc(65536 / 8, 1);
        if (gn > 0 && gn < count && byn[gn] && !cut[gn].len &&
            S_gidmap(in + objs[byn[gn] - 1].off,
                     objs[byn[gn] - 1].end - objs[byn[gn] - 1].off,
                     (unsigned)gn, u, &cut[gn]) &&
            S_w_cids(in + d->off, ddl, u))
          tu_used[ntu] = u;
        else
          free(u);
      }
      ntu++;
      from = (size_t)(f - o) + 11;
    }
  }
  /* the streams without a filter: deflated, their /Length objects (which
   * give the old length) dropped */
  S_job *jobs = xcalloc(nobj, sizeof *jobs);
  size_t *job_of = xcalloc(count, sizeof *job_of); /* number -> job + 1 */
  bool *drop = xcalloc(count, sizeof *drop);
  size_t *new_of = xcalloc(count, sizeof *new_of); /* number -> stream + 1 */
  S_pool pool = {jobs, 0, 0, S_ZLEVEL};
  bool bad = false;
  for (size_t k = 0; k < nstreams; k++) {
    if (streams[k].num >= count || !byn[streams[k].num])
      bad = true;
    else
      new_of[streams[k].num] = k + 1;
  }
  for (size_t i = 0; i < nobj; i++) {
    const char *o = in + objs[i].off;
    size_t n = objs[i].end - objs[i].off, dl = S_dict_len(o, n), a, b;
    unsigned long ref;
    if (dl == n || S_find(o, dl, "/Filter", 0) ||
        S_find(o, dl, "/DecodeParms", 0) || cut[objs[i].num].len ||
        S_find(o, dl, "/Type /Metadata", 0) || /* PDF/A: XMP unfiltered */
        !S_find(o, dl, "<<", 0) || !S_length_ref(o, dl, &ref) ||
        !S_stream_data(o, n, &a, &b))
      continue;
    bool is_tu = false;
    for (size_t k = 0; k < ntu; k++)
      is_tu |= tu[k] == objs[i].num;
    if (is_tu)
      continue;
    size_t r = new_of[objs[i].num];
    jobs[pool.n].data = r ? streams[r - 1].data : o + a;
    jobs[pool.n].len = r ? streams[r - 1].len : b - a;
    new_of[objs[i].num] = 0; /* done */
    job_of[objs[i].num] = ++pool.n;
    if (ref > 0 && ref < count)
      drop[ref] = true;
  }
  for (unsigned long k = 0; k < count; k++)
    bad |= new_of[k] != 0; /* a replacement for something else */
  free(new_of);
  pthread_t th;
  bool two = pool.n > 1 && pthread_create(&th, NULL, S_deflate_jobs, &pool) == 0;
  S_deflate_jobs(&pool);
  if (two)
    pthread_join(th, NULL);
  free(byn);
  int rc = 0;
  if (bad) {
    free(objs);
    rc = -1;
    goto done;
  }
  /* header, with the version raised to 1.4 for /Lang, 1.5 for object
   * streams */
  size_t hlen = objs[0].off;
  size_t start = out->len;
  buf_put(out, in, hlen);
  char least = compact ? '5' : '4';
  if (hlen >= 8 && memcmp(out->data + start, "%PDF-1.", 7) == 0 &&
      out->data[start + 7] < least)
    out->data[start + 7] = least;
  /* the objects written outside libharu */
  buf extra = BUF_INIT;
  size_t *added = xcalloc(count, sizeof *added); /* number -> offset + 1 */
  unsigned long size = count;
  if (add) {
    add(add_ctx, (unsigned)count, &extra);
    if (!S_added(extra.data, extra.len, count, &added, &size)) {
      buf_free(&extra);
      free(added);
      free(objs);
      out->len = start;
      rc = -1;
      goto done;
    }
  }
  size_t *newoff = xcalloc(size, sizeof *newoff);
  S_pack pk = {NULL, 0, 0, NULL, NULL};
  if (compact) {
    pk.in_stm = xcalloc(size, sizeof *pk.in_stm);
    pk.idx = xcalloc(size, sizeof *pk.idx);
  }
  for (size_t i = 0; i < nobj; i++) {
    const char *o = in + objs[i].off;
    size_t n = objs[i].end - objs[i].off, at = out->len;
    newoff[objs[i].num] = out->len - start;
    const uint8_t *used = NULL;
    bool is_tu = false;
    for (size_t k = 0; k < ntu; k++)
      if (tu[k] == objs[i].num) {
        is_tu = true;
        used = tu_used[k];
      }
    if (added[objs[i].num]) { /* a placeholder */
      size_t a = added[objs[i].num] - 1;
      const char *end = S_find(extra.data, extra.len, "endobj\n", a);
      buf_put(out, extra.data + a, (size_t)(end - extra.data) + 7 - a);
      added[objs[i].num] = 0;
    } else if (drop[objs[i].num]) {
      newoff[objs[i].num] = 0;
    } else if (job_of[objs[i].num]) {
      const S_job *j = &jobs[job_of[objs[i].num] - 1];
      if (j->z)
        S_stream_object(out, objs[i].num, o, S_dict_len(o, n), j->z, j->zlen,
                        true);
      else /* out of memory: the data as it is */
        S_stream_object(out, objs[i].num, o, S_dict_len(o, n),
                        (const unsigned char *)j->data, j->len, false);
    } else if (is_tu) {
      S_cmap_object(out, objs[i].num, used);
    } else if (cut[objs[i].num].len) {
      buf_put(out, cut[objs[i].num].data, cut[objs[i].num].len);
    } else if (objs[i].num == root && lang && *lang &&
               !S_find(o, S_dict_len(o, n), "/Lang", 0)) {
      const char *d = S_find(o, n, "<<", 0);
      if (!d) {
        buf_put(out, o, n);
        continue;
      }
      size_t at = (size_t)(d - o) + 2;
      buf_put(out, o, at);
      buf_puts(out, "\n/Lang (");
      for (const char *c = lang; *c; c++)
        if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || *c == '-')
          buf_putc(out, *c);
      buf_puts(out, ")");
      /* readers show the title, not the file name, in their window */
      if (!S_find(o, S_dict_len(o, n), "/ViewerPreferences", 0))
        buf_puts(out, "\n/ViewerPreferences << /DisplayDocTitle true >>");
      buf_put(out, o + at, n - at);
    } else {
      S_copy_xyz(out, o, n);
    }
    if (compact && objs[i].num != root && newoff[objs[i].num] &&
        S_pack_take(&pk, out, at, objs[i].num))
      newoff[objs[i].num] = 0;
  }
  for (unsigned long k = 0; k < size; k++) {
    if (!added[k])
      continue;
    size_t a = added[k] - 1, at = out->len;
    const char *end = S_find(extra.data, extra.len, "endobj\n", a);
    newoff[k] = out->len - start;
    buf_put(out, extra.data + a, (size_t)(end - extra.data) + 7 - a);
    if (compact && k != root && S_pack_take(&pk, out, at, (unsigned)k))
      newoff[k] = 0;
  }
  buf_free(&extra);
  free(added);
  size_t *stm_off = NULL;
  if (compact) {
    stm_off = xcalloc(pk.nstms ? pk.nstms : 1, sizeof *stm_off);
    S_pack_write(&pk, size, out, start, stm_off);
  }
  /* the identifier: a hash of everything so far (the same sources give the
   * same bytes, so the same /ID) */
  uint64_t h1 = S_fnv(out->data + start, out->len - start,
                      14695981039346656037ull);
  uint64_t h2 = S_fnv(out->data + start, out->len - start, h1 ^ 0x9e3779b97f4a7c15ull);
  size_t xnew = out->len - start;
  char id[33];
  snprintf(id, sizeof id, "%016llx%016llx", (unsigned long long)h1,
           (unsigned long long)h2);
  /* the trailer's keys but /Size, which counts the added objects (and in
   * compact output the object streams and the xref stream), with the /ID */
  buf keys = BUF_INIT;
  const char *td = S_find(tr, tlen, "<<", 0);
  const char *te = td ? S_rfind(tr, tlen, ">>") : NULL;
  if (td && te > td) {
    size_t a = (size_t)(td - tr) + 2, b = (size_t)(te - tr);
    const char *sz = S_find(tr, b, "/Size ", a);
    if (sz) {
      char *se;
      strtoul(sz + 6, &se, 10);
      buf_put(&keys, tr + a, (size_t)(sz - tr) - a);
      buf_put(&keys, se, b - (size_t)(se - tr));
    } else {
      buf_put(&keys, tr + a, b - a);
    }
  }
  while (keys.len && S_ws(keys.data[keys.len - 1]))
    keys.len--;
  buf_putc(&keys, '\n');
  if (!S_find(keys.data, keys.len, "/ID", 0))
    buf_printf(&keys, "/ID [<%s> <%s>]\n", id, id);
  size_t from = 0;
  while (from < keys.len && S_ws(keys.data[from]))
    from++;
  if (compact) {
    S_xref_stream(out, &pk, newoff, size, stm_off, xnew, keys.data + from,
                  keys.len - from);
  } else {
    buf_printf(out, "xref\n0 %lu\n", size);
    for (unsigned long k = 0; k < size; k++) {
      if (newoff[k])
        S_xref_entry(out, newoff[k], " 00000 n\r\n");
      else
        S_xref_entry(out, 0, k == 0 ? " 65535 f\r\n" : " 00000 f\r\n");
    }
    buf_printf(out, "trailer\n<<\n/Size %lu\n", size);
    buf_put(out, keys.data + from, keys.len - from);
    buf_printf(out, ">>\nstartxref\n%zu\n%%%%EOF\n", xnew);
  }
  buf_free(&keys);
  S_pack_free(&pk);
  free(stm_off);
  free(newoff);
  free(objs);
done:
  for (size_t k = 0; k < pool.n; k++)
    free(jobs[k].z);
  free(jobs);
  free(job_of);
  free(drop);
  for (size_t k = 0; k < ntu; k++)
    free(tu_used[k]);
  for (unsigned long k = 0; k < count; k++)
    buf_free(&cut[k]);
  free(cut);
  free(tu_used);
  free(tu);
  return rc;
}
