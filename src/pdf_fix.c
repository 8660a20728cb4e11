/* pdf_fix.c - rewrites a classic-xref PDF object by object (see pdf_fix.h):
 * objects are copied verbatim except the few that are repaired, and the
 * cross-reference table is written anew with the new offsets. */
#include "pdf_fix.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "util/mem.h"

typedef struct {
  unsigned num;
  size_t off, end;
} S_obj;

static const char *S_find(const char *h, size_t hn, const char *needle,
                          size_t from) {
  size_t nn = strlen(needle);
  if (nn > hn)
    return NULL;
  for (size_t i = from; i + nn <= hn; i++)
    if (h[i] == needle[0] && memcmp(h + i, needle, nn) == 0)
      return h + i;
  return NULL;
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

void pdf_identity_cmap(buf *out) {
  buf_puts(out, "/CIDInit /ProcSet findresource begin\n"
                "12 dict begin\n"
                "begincmap\n"
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
                "/Supplement 0 >> def\n"
                "/CMapName /Adobe-Identity-UCS def\n"
                "/CMapType 2 def\n"
                "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
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
  buf_puts(out, "endcmap\n"
                "CMapName currentdict /CMap defineresource pop\n"
                "end\nend\n");
}

static void S_cmap_object(buf *out, unsigned num) {
  buf cm = BUF_INIT;
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

int pdf_fix(const char *in, size_t len, const char *lang, buf *out) {
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
  /* the objects that are ToUnicode streams */
  unsigned *tu = NULL;
  size_t ntu = 0;
  for (size_t i = 0; i < nobj; i++) {
    const char *o = in + objs[i].off;
    size_t dl = S_dict_len(o, objs[i].end - objs[i].off), from = 0;
    const char *f;
    while ((f = S_find(o, dl, "/ToUnicode ", from))) {
      tu = xrealloc(tu, (ntu + 1) * sizeof *tu);
      tu[ntu++] = (unsigned)strtoul(f + 11, NULL, 10);
      from = (size_t)(f - o) + 11;
    }
  }
  /* header, with the version raised to 1.4 for /Lang */
  size_t hlen = objs[0].off;
  size_t start = out->len;
  buf_put(out, in, hlen);
  if (hlen >= 8 && memcmp(out->data + start, "%PDF-1.", 7) == 0 &&
      out->data[start + 7] < '4')
    out->data[start + 7] = '4';
  size_t *newoff = xcalloc(count, sizeof *newoff);
  for (size_t i = 0; i < nobj; i++) {
    const char *o = in + objs[i].off;
    size_t n = objs[i].end - objs[i].off;
    newoff[objs[i].num] = out->len - start;
    bool is_tu = false;
    for (size_t k = 0; k < ntu; k++)
      if (tu[k] == objs[i].num)
        is_tu = true;
    if (is_tu) {
      S_cmap_object(out, objs[i].num);
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
  }
  /* the identifier: a hash of everything so far (the same sources give the
   * same bytes, so the same /ID) */
  uint64_t h1 = S_fnv(out->data + start, out->len - start,
                      14695981039346656037ull);
  uint64_t h2 = S_fnv(out->data + start, out->len - start, h1 ^ 0x9e3779b97f4a7c15ull);
  size_t xnew = out->len - start;
  buf_printf(out, "xref\n0 %lu\n", count);
  for (unsigned long k = 0; k < count; k++) {
    if (newoff[k])
      buf_printf(out, "%010zu 00000 n\r\n", newoff[k]);
    else
      buf_printf(out, "%010u %05u f\r\n", 0u, k == 0 ? 65535u : 0u);
  }
  const char *td = S_find(tr, tlen, "<<", 0);
  if (td && !S_find(tr, tlen, "/ID", 0)) {
    size_t at = (size_t)(td - tr) + 2;
    buf_put(out, tr, at);
    char id[33];
    snprintf(id, sizeof id, "%016llx%016llx", (unsigned long long)h1,
             (unsigned long long)h2);
    buf_printf(out, "\n/ID [<%s> <%s>]", id, id);
    buf_put(out, tr + at, tlen - at);
  } else {
    buf_put(out, tr, tlen);
  }
  buf_printf(out, "startxref\n%zu\n%%%%EOF\n", xnew);
  free(newoff);
  free(objs);
  free(tu);
  return 0;
}
