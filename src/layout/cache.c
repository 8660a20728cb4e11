/* cache.c - lines set in the first layout pass, for the passes after it.
 *
 * A document with a table of contents is laid out at least twice (the
 * second pass prints the page numbers the first found), yet only the
 * contents and lists depend on page numbers: every paragraph, heading and
 * table cell is set into the same lines again. The first pass hands each
 * set of lines to the cache under its node and paragraph style and goes on
 * with a copy of them without the words' text, as it only finds the pages
 * and is never written (layout.c runs a pass after it); a later pass takes
 * the lines instead of tokenising, hyphenating and breaking once more.
 * Plain text (lay_set_plain: the contents' entries) is never cached. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "layout/internal.h"
#include "util/mem.h"

typedef struct {
  const doc_node *node; /* NULL: an empty slot */
  lay_pstyle ps;
  bool in_fn;
  bool measured;        /* a width measurement rather than lines */
  bool taken;           /* lines handed out already */
  lay_lines lines;
  size_t overfull;      /* overfull lines counted while setting them */
  double min, max;      /* measured widths */
} S_entry;

struct lay_cache {
  S_entry *slots;
  size_t len, cap; /* cap is a power of two */
};

lay_cache *lay_cache_new(void) { return xcalloc(1, sizeof(lay_cache)); }

void lay_cache_free(lay_cache *k) {
  if (!k)
    return;
  for (size_t i = 0; i < k->cap; i++) {
    lay_lines_free(&k->slots[i].lines);
    free((char *)k->slots[i].ps.prefix);
    free((char *)k->slots[i].ps.prefix_link);
  }
  free(k->slots);
  free(k);
}

static bool S_str_eq(const char *a, const char *b) {
  return a == b || (a && b && strcmp(a, b) == 0);
}

static bool S_same_style(const lay_pstyle *a, const lay_pstyle *b) {
  return a->fam == b->fam && a->base == b->base && a->size == b->size &&
         a->leading == b->leading && a->colour == b->colour &&
         a->align == b->align && a->hyphenate == b->hyphenate &&
         a->width == b->width && a->first_indent == b->first_indent &&
         a->rest_indent == b->rest_indent && a->prefix_sup == b->prefix_sup &&
         S_str_eq(a->prefix, b->prefix) &&
         S_str_eq(a->prefix_link, b->prefix_link);
}

static size_t S_hash(const doc_node *n) {
  uintptr_t h = (uintptr_t)n;
  h ^= h >> 17;
  h *= (uintptr_t)0x9E3779B97F4A7C15ull;
  return (size_t)(h ^ (h >> 29));
}

/* The slot for (n, ps, in_fn, measured): the entry, or the empty slot
 * where it would go. */
static S_entry *S_slot(lay_cache *k, const doc_node *n, const lay_pstyle *ps,
                       bool in_fn, bool measured) {
  size_t mask = k->cap - 1;
  for (size_t i = S_hash(n) & mask;; i = (i + 1) & mask) {
    S_entry *e = &k->slots[i];
    if (!e->node || (e->node == n && e->in_fn == in_fn &&
                     e->measured == measured && S_same_style(&e->ps, ps)))
      return e;
  }
}

static S_entry *S_find(lay_cache *k, const doc_node *n, const lay_pstyle *ps,
                       bool in_fn, bool measured) {
  if (!k || !k->cap || !n)
    return NULL;
  S_entry *e = S_slot(k, n, ps, in_fn, measured);
  return e->node ? e : NULL;
}

static S_entry *S_insert(lay_cache *k, const doc_node *n,
                         const lay_pstyle *ps, bool in_fn, bool measured) {
  if ((k->len + 1) * 4 > k->cap * 3) { /* keep the table at most 3/4 full */
    S_entry *old = k->slots;
    size_t ocap = k->cap;
    k->cap = ocap ? ocap * 2 : 256;
    k->slots = xcalloc(k->cap, sizeof *k->slots);
    for (size_t i = 0; i < ocap; i++)
      if (old[i].node)
        *S_slot(k, old[i].node, &old[i].ps, old[i].in_fn, old[i].measured) =
            old[i];
    free(old);
  }
  S_entry *e = S_slot(k, n, ps, in_fn, measured);
  if (!e->node) {
    memset(e, 0, sizeof *e);
    e->node = n;
    e->ps = *ps;
    /* the prefix may live on the caller's stack */
    e->ps.prefix = ps->prefix ? xstrdup(ps->prefix) : NULL;
    e->ps.prefix_link = ps->prefix_link ? xstrdup(ps->prefix_link) : NULL;
    e->in_fn = in_fn;
    e->measured = measured;
    k->len++;
  }
  return e;
}

/* A copy of line s without its words: the boxes' places and sizes, the
 * text of links and destinations, but no text for the words themselves. */
static void S_copy_wordless(lay_line *d, const lay_line *s) {
  *d = *s;
  memset(&d->b, 0, sizeof d->b);
  if (s->b.len) {
    d->b.v = xmalloc(s->b.len * sizeof *d->b.v);
    d->b.len = d->b.cap = s->b.len;
    for (size_t i = 0; i < s->b.len; i++) {
      d->b.v[i] = s->b.v[i];
      lay_box *x = &d->b.v[i];
      if (x->kind == LB_TEXT)
        x->text = NULL;
      else if (x->text)
        x->text = xstrdup(x->text);
    }
  }
  d->fns = NULL;
  if (s->nfns) {
    d->fns = xmalloc(s->nfns * sizeof *d->fns);
    memcpy(d->fns, s->fns, s->nfns * sizeof *d->fns);
  }
}

bool lay_cache_take_lines(lay_ctx *c, const doc_node *n, const lay_pstyle *ps,
                          lay_lines *out) {
  S_entry *e = S_find(c->cache, n, ps, c->in_fn, false);
  if (!e || e->taken || c->pass == 0)
    return false;
  /* appended, as lay_set_inlines does */
  for (size_t i = 0; i < e->lines.len; i++) {
    XGROW(out->v, out->cap, out->len + 1);
    out->v[out->len++] = e->lines.v[i];
  }
  free(e->lines.v);
  memset(&e->lines, 0, sizeof e->lines);
  e->taken = true;
  c->overfull += e->overfull;
  return true;
}

void lay_cache_put_lines(lay_ctx *c, const doc_node *n, const lay_pstyle *ps,
                         lay_lines *lines, size_t from, size_t overfull) {
  if (!c->cache || c->pass != 0 || !n)
    return;
  S_entry *e = S_insert(c->cache, n, ps, c->in_fn, false);
  if (e->lines.len || e->taken)
    return; /* the same node set twice in one pass: keep the first */
  if (lines->len > from) {
    /* the lines themselves go to the cache, for the pass that is written;
     * pass 0 only finds the pages, and keeps them without their words'
     * text (on the dense report 24,000 copies of a word fewer) */
    size_t k = lines->len - from;
    e->lines.v = xmalloc(k * sizeof *e->lines.v);
    e->lines.len = e->lines.cap = k;
    for (size_t i = 0; i < k; i++) {
      e->lines.v[i] = lines->v[from + i];
      S_copy_wordless(&lines->v[from + i], &e->lines.v[i]);
    }
  }
  e->overfull = overfull;
}

bool lay_cache_measured(lay_ctx *c, const doc_node *n, const lay_pstyle *ps,
                        double *min, double *max) {
  S_entry *e = S_find(c->cache, n, ps, c->in_fn, true);
  if (!e)
    return false;
  *min = e->min;
  *max = e->max;
  return true;
}

void lay_cache_put_measured(lay_ctx *c, const doc_node *n,
                            const lay_pstyle *ps, double min, double max) {
  if (!c->cache || !n)
    return;
  S_entry *e = S_insert(c->cache, n, ps, c->in_fn, true);
  e->min = min;
  e->max = max;
}
