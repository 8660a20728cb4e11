/* knuth_plass.c - total-fit line breaking (Knuth & Plass, "Breaking
 * paragraphs into lines", 1981), organised as in TeX's line_break: passes of
 * growing tolerance, active nodes keyed by line class, fitness class and the
 * number of hyphenated lines in a row (so the hard limit on consecutive
 * hyphens stays exact); ragged text by total fit over an invisible right
 * margin; plain first fit as the fallback when no pass succeeds. */
#include "layout/knuth_plass.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

#define S_NONE SIZE_MAX
#define S_AWFUL 1e300
#define S_INF_BAD 10000.0
#define S_FILL_MIN 1e5 /* glue with this much stretch is fill (\parfillskip) */
#define S_RAGGED (1.0 / 6) /* ragged right: slack up to a sixth is decent */

void kp_params_default(kp_params *p) {
  p->tolerance = 2.0;
  p->line_penalty = 10;
  p->flagged_demerits = 3000;
  p->fitness_demerits = 3000;
  p->max_consecutive_flagged = 2;
  p->emergency_stretch = 0;
  p->pretolerance = 1.0;
}

void kp_result_free(kp_result *r) {
  free(r->breaks);
  free(r->ratios);
  free(r->overfull);
  memset(r, 0, sizeof *r);
}

/* Shared, pass-independent facts about an item list. */
typedef struct {
  const kp_item *items;
  size_t n;
  const double *widths;
  size_t nwidths;
  double *sw, *sy, *sz; /* sums of widths/stretch/shrink of items [0, j) */
  size_t *next_box;     /* first box at or after j (n if none) */
} S_ctx;

static bool S_forced(const kp_item *it) {
  return it->kind == KP_PENALTY && it->penalty <= -KP_INFINITY;
}

/* A legal breakpoint: a glue after a box, or a penalty below infinity. */
static bool S_legal(const S_ctx *c, size_t j) {
  const kp_item *it = &c->items[j];
  if (it->kind == KP_PENALTY)
    return it->penalty < KP_INFINITY;
  if (it->kind == KP_GLUE)
    return j > 0 && c->items[j - 1].kind == KP_BOX;
  return false;
}

static double S_width_of_line(const S_ctx *c, size_t line) {
  if (c->nwidths == 0)
    return 0;
  return c->widths[line < c->nwidths ? line : c->nwidths - 1];
}

static void S_ctx_init(S_ctx *c, const kp_item *items, size_t n,
                       const double *widths, size_t nwidths) {
  c->items = items;
  c->n = n;
  c->widths = widths;
  c->nwidths = nwidths;
  c->sw = xmalloc((n + 1) * sizeof *c->sw);
  c->sy = xmalloc((n + 1) * sizeof *c->sy);
  c->sz = xmalloc((n + 1) * sizeof *c->sz);
  c->next_box = xmalloc((n + 1) * sizeof *c->next_box);
  double w = 0, y = 0, z = 0;
  for (size_t j = 0; j < n; j++) {
    c->sw[j] = w, c->sy[j] = y, c->sz[j] = z;
    if (items[j].kind == KP_BOX) {
      w += items[j].width;
    } else if (items[j].kind == KP_GLUE) {
      w += items[j].width, y += items[j].stretch, z += items[j].shrink;
    }
  }
  c->sw[n] = w, c->sy[n] = y, c->sz[n] = z;
  c->next_box[n] = n;
  for (size_t j = n; j-- > 0;)
    c->next_box[j] = items[j].kind == KP_BOX ? j : c->next_box[j + 1];
}

static void S_ctx_free(S_ctx *c) {
  free(c->sw);
  free(c->sy);
  free(c->sz);
  free(c->next_box);
}

/* Index where the line after a break at j starts counting (glue and
 * penalties after the break are discarded up to the next box). For the
 * paragraph start (j == S_NONE) that is 0. */
static size_t S_after(const S_ctx *c, size_t j) {
  return j == S_NONE ? 0 : c->next_box[j + 1 <= c->n ? j + 1 : c->n];
}

/* Natural width, stretch and shrink of the line from after break `from`
 * (S_NONE: start) to the break at j. */
static void S_line(const S_ctx *c, size_t from, size_t j, double *L, double *Y,
                   double *Z) {
  size_t s = S_after(c, from);
  if (s > j)
    s = j;
  *L = c->sw[j] - c->sw[s];
  *Y = c->sy[j] - c->sy[s];
  *Z = c->sz[j] - c->sz[s];
  if (c->items[j].kind == KP_PENALTY)
    *L += c->items[j].width;
}

static double S_ratio(double L, double Y, double Z, double l) {
  if (L < l)
    return Y > 0 ? (l - L) / Y : S_AWFUL;
  if (L > l)
    return Z > 0 ? (l - L) / Z : -S_AWFUL;
  return 0;
}

static double S_badness(double r, bool capped) {
  double a = fabs(r);
  if (a > 1000)
    a = 1000;
  double b = 100 * a * a * a;
  return capped && b > S_INF_BAD ? S_INF_BAD : b;
}

/* TeX's fitness classes: 0 very loose, 1 loose, 2 decent, 3 tight. */
static int S_fitness(double r) {
  if (r > 1)
    return 0;
  if (r > 0.5)
    return 1;
  if (r >= -0.5)
    return 2;
  return 3;
}

static double S_demerits(const kp_params *p, double b, const kp_item *it) {
  double d = p->line_penalty + b;
  d = d * d;
  if (it->kind == KP_PENALTY) {
    if (it->penalty >= 0)
      d += it->penalty * it->penalty;
    else if (it->penalty > -KP_INFINITY)
      d -= it->penalty * it->penalty;
  }
  return d;
}

typedef struct {
  size_t pos;   /* item index of the break; S_NONE for the start */
  size_t line;  /* lines ended here */
  int fitness;
  int cf;       /* hyphenated lines in a row ending here */
  bool flagged; /* this break is flagged */
  bool overfull;
  double demerits; /* total */
  size_t prev;     /* node index */
  double tw, ty, tz; /* sums where the next line starts (see S_after) */
} S_node;

typedef struct {
  S_node *nodes;
  size_t nnodes, cap;
} S_pool;

static size_t S_add_node(S_pool *pool, S_node nd) {
  XGROW(pool->nodes, pool->cap, pool->nnodes + 1);
  pool->nodes[pool->nnodes] = nd;
  return pool->nnodes++;
}

typedef struct {
  double tol;
  bool hyphens;   /* flagged penalties are legal */
  double emerg;   /* extra stretch per line */
  double ragged;  /* extra stretch per line as a fraction of its width */
  bool final;     /* any looseness; rescue overfull lines */
} S_pass;

/* Keeps the best candidate per (line class, fitness, cf). */
static void S_offer(S_node *cand, bool *has, size_t *used, size_t *nused,
                    size_t cls, int maxcf, const S_node *nd) {
  size_t lc = nd->line < cls - 1 ? nd->line : cls - 1;
  size_t key =
      (lc * 4 + (size_t)nd->fitness) * (size_t)(maxcf + 1) + (size_t)nd->cf;
  if (!has[key]) {
    has[key] = true;
    used[(*nused)++] = key;
    cand[key] = *nd;
  } else if (nd->demerits < cand[key].demerits) {
    cand[key] = *nd;
  }
}

/* Like TeX's adj_demerits test: a candidate can never win if another at
 * the same place, for the same line class, allowing at least as many
 * hyphens later, is cheaper by more than any fitness or flagged demerits
 * the difference could make up. Keeps the active list small. */
static bool S_dominated(const S_node *c1, const S_node *cand,
                        const size_t *used, size_t nused, size_t cls,
                        const kp_params *p) {
  size_t lc1 = c1->line < cls - 1 ? c1->line : cls - 1;
  for (size_t v = 0; v < nused; v++) {
    const S_node *c2 = &cand[used[v]];
    if (c2 == c1 || c2->cf > c1->cf)
      continue;
    size_t lc2 = c2->line < cls - 1 ? c2->line : cls - 1;
    if (lc2 != lc1)
      continue;
    double slack = p->fitness_demerits +
                   (c2->flagged && !c1->flagged ? p->flagged_demerits : 0);
    if (c2->demerits + slack < c1->demerits)
      return true;
  }
  return false;
}

/* One pass: returns the best final node or S_NONE. */
static size_t S_run_pass(const S_ctx *c, const kp_params *p, S_pass ps,
                         S_pool *pool) {
  pool->nnodes = 0;
  size_t *active = NULL, nactive = 0, acap = 0;
  size_t *next = NULL, nnext = 0, ncap = 0;
  S_node start = {S_NONE, 0, 2, 0, false, false, 0, S_NONE, 0, 0, 0};
  XGROW(active, acap, 1);
  active[nactive++] = S_add_node(pool, start);
  int maxcf = p->max_consecutive_flagged > 0 ? p->max_consecutive_flagged : 0;
  size_t cls = c->nwidths > 0 ? c->nwidths : 1;
  /* candidates: best per (line class, fitness, cf) */
  size_t nkeys = cls * 4 * (size_t)(maxcf + 1);
  S_node *cand = xmalloc(nkeys * sizeof *cand);
  bool *has = xcalloc(nkeys, sizeof *has);
  size_t *used = xmalloc(nkeys * sizeof *used), nused = 0;
  size_t result = S_NONE;

  for (size_t j = 0; j < c->n && nactive > 0; j++) {
    if (!S_legal(c, j))
      continue;
    const kp_item *it = &c->items[j];
    bool flagged = it->kind == KP_PENALTY && it->flagged;
    if (flagged && !ps.hyphens)
      continue;
    bool forced = S_forced(it);
    nnext = 0;
    nused = 0;
    size_t rescue_from = S_NONE; /* final pass: the latest dropped node */
    for (size_t k = 0; k < nactive; k++) {
      size_t ai = active[k];
      const S_node a = pool->nodes[ai];
      /* the line from a to j; a's totals are cached in the node */
      double L = c->sw[j] - a.tw, Y = c->sy[j] - a.ty, Z = c->sz[j] - a.tz;
      if (it->kind == KP_PENALTY)
        L += it->width;
      double l = S_width_of_line(c, a.line);
      double r = S_ratio(L, Y + ps.emerg + ps.ragged * l, Z, l);
      if (forced && S_after(c, a.pos) > j)
        r = 0; /* an empty line (two forced breaks in a row) is fine */
      int cf = flagged ? a.cf + 1 : 0;
      bool cf_ok = maxcf == 0 || cf <= maxcf;
      if (maxcf == 0)
        cf = 0;
      if (r >= -1 && (ps.final || r <= ps.tol) && cf_ok) {
        S_node nd = {0};
        nd.pos = j;
        nd.line = a.line + 1;
        nd.flagged = flagged;
        nd.cf = cf;
        nd.prev = ai;
        double b = S_badness(r, !ps.final); /* final: one very loose line
                                                 must cost more than two loose ones */
        double d = S_demerits(p, b, it);
        if (flagged && a.flagged)
          d += p->flagged_demerits;
        nd.fitness = S_fitness(r);
        if (abs(nd.fitness - a.fitness) > 1)
          d += p->fitness_demerits;
        nd.overfull = false;
        nd.demerits = a.demerits + d;
        S_offer(cand, has, used, &nused, cls, maxcf, &nd);
      }
      if (r < -1 || forced) {
        if (r < -1 && (rescue_from == S_NONE ||
                       a.pos + 1 > pool->nodes[rescue_from].pos + 1))
          rescue_from = ai;
      } else {
        XGROW(next, ncap, nnext + 1);
        next[nnext++] = ai;
      }
    }
    if (ps.final && nnext == 0 && nused == 0 && rescue_from != S_NONE) {
      /* Nothing fits and nothing is left: like TeX's artificial_demerits,
       * accept an overfull line from the latest node, which holds the least
       * material (one unbreakable piece wider than the measure). */
      S_node a = pool->nodes[rescue_from];
      int cf = flagged ? a.cf + 1 : 0;
      if (maxcf == 0 || cf <= maxcf || forced) {
        S_node nd = {j, a.line + 1, 3, maxcf ? (cf > maxcf ? maxcf : cf) : 0,
                     flagged, true, a.demerits, rescue_from, 0, 0, 0};
        S_offer(cand, has, used, &nused, cls, maxcf, &nd);
      } else {
        XGROW(next, ncap, nnext + 1); /* wait for a break without hyphen */
        next[nnext++] = rescue_from;
      }
    }
    for (size_t u = 0; u < nused; u++) {
      const S_node *c1 = &cand[used[u]];
      if (!S_dominated(c1, cand, used, nused, cls, p)) {
        S_node nd = *c1;
        size_t s0 = S_after(c, j);
        if (s0 > c->n)
          s0 = c->n;
        nd.tw = c->sw[s0], nd.ty = c->sy[s0], nd.tz = c->sz[s0];
        XGROW(next, ncap, nnext + 1);
        next[nnext++] = S_add_node(pool, nd);
      }
    }
    for (size_t u = 0; u < nused; u++)
      has[used[u]] = false;
    size_t *t = active;
    active = next, next = t;
    size_t tc = acap;
    acap = ncap, ncap = tc;
    nactive = nnext;
    if (forced && j + 1 >= c->n) {
      double best = S_AWFUL;
      for (size_t k = 0; k < nactive; k++) {
        S_node *nd = &pool->nodes[active[k]];
        if (nd->pos == j && nd->demerits < best) {
          best = nd->demerits;
          result = active[k];
        }
      }
    }
  }
  free(active);
  free(next);
  free(cand);
  free(has);
  free(used);
  return result;
}

static kp_result S_collect(const S_ctx *c, const kp_params *p,
                           const S_pool *pool, size_t last) {
  kp_result r;
  memset(&r, 0, sizeof r);
  size_t nl = 0;
  for (size_t k = last; k != S_NONE && pool->nodes[k].pos != S_NONE;
       k = pool->nodes[k].prev)
    nl++;
  r.nlines = nl;
  r.breaks = xmalloc((nl ? nl : 1) * sizeof *r.breaks);
  r.ratios = xmalloc((nl ? nl : 1) * sizeof *r.ratios);
  r.overfull = xcalloc(nl ? nl : 1, sizeof *r.overfull);
  size_t i = nl;
  for (size_t k = last; k != S_NONE && pool->nodes[k].pos != S_NONE;
       k = pool->nodes[k].prev) {
    i--;
    r.breaks[i] = pool->nodes[k].pos;
  }
  for (i = 0; i < nl; i++) {
    double L, Y, Z;
    S_line(c, i ? r.breaks[i - 1] : S_NONE, r.breaks[i], &L, &Y, &Z);
    double l = S_width_of_line(c, i);
    double ratio = S_ratio(L, Y, Z, l);
    if (ratio >= S_AWFUL)
      ratio = 0; /* no stretch: the line stays short */
    if (ratio < -1) {
      ratio = -1;
      r.overfull[i] = L - Z > l + 1e-9;
    }
    r.ratios[i] = ratio;
  }
  r.demerits = kp_demerits(c->items, c->n, c->widths, c->nwidths, p,
                           r.breaks, r.nlines);
  return r;
}

static bool S_has_box(const kp_item *items, size_t n) {
  for (size_t j = 0; j < n; j++)
    if (items[j].kind == KP_BOX)
      return true;
  return false;
}

/* Appends the finishing glue and forced break if the list lacks them.
 * Returns a list to free, or NULL if items is fine as it is. */
static kp_item *S_terminated(const kp_item *items, size_t *n) {
  if (*n > 0 && S_forced(&items[*n - 1]))
    return NULL;
  kp_item *copy = xmalloc((*n + 2) * sizeof *copy);
  if (*n)
    memcpy(copy, items, *n * sizeof *copy);
  kp_item fill = {KP_GLUE, 0, 1e6, 0, 0, false};
  kp_item force = {KP_PENALTY, 0, 0, 0, -KP_INFINITY, false};
  copy[(*n)++] = fill;
  copy[(*n)++] = force;
  return copy;
}

static kp_result S_first_fit(const kp_item *items, size_t n,
                             const double *line_widths, size_t nwidths);

/* Natural width, stretch and shrink of all items as one line; false if a
 * forced break comes before the last item or the list does not end in
 * fill glue and a forced break (a finished paragraph). */
static bool S_whole(const kp_item *items, size_t n, double *L, double *Y,
                    double *Z) {
  *L = *Y = *Z = 0;
  if (n == 0 || !S_forced(&items[n - 1]))
    return false;
  for (size_t j = 0; j + 1 < n; j++) {
    const kp_item *it = &items[j];
    if (it->kind == KP_PENALTY) {
      if (S_forced(it))
        return false;
      continue;
    }
    *L += it->width;
    if (it->kind == KP_GLUE)
      *Y += it->stretch, *Z += it->shrink;
  }
  *L += items[n - 1].width;
  return *Y >= S_FILL_MIN;
}

bool kp_fits_one_line(const kp_item *items, size_t n, double width) {
  double L, Y, Z;
  return S_whole(items, n, &L, &Y, &Z) && L <= width;
}

/* A paragraph (most table cells) that fits its first line at natural width
 * is one line: its demerits are the least any breaking can have, since
 * every further line adds its own, so the passes would find just that. */
static bool S_one_line(const kp_item *items, size_t n, double width,
                       const kp_params *p, kp_result *r) {
  double L, Y, Z;
  if (!S_whole(items, n, &L, &Y, &Z) || L > width)
    return false;
  r->nlines = 1;
  r->breaks = xmalloc(sizeof *r->breaks);
  r->ratios = xmalloc(sizeof *r->ratios);
  r->overfull = xcalloc(1, sizeof *r->overfull);
  r->breaks[0] = n - 1;
  double ratio = S_ratio(L, Y, Z, width);
  r->ratios[0] = ratio >= S_AWFUL ? 0 : ratio;
  bool first_pass = p->pretolerance >= 0 && p->pretolerance <= p->tolerance;
  r->pass = first_pass ? 1 : 2;
  return true;
}

/* The passes shared by justified and ragged setting; ragged > 0 gives each
 * line that much of its width as invisible stretch (TeX's \rightskip).
 * Passes after last_pass (1-4) are not tried, nor is the greedy fallback:
 * the result then has no lines. */
static kp_result S_break(const kp_item *items, size_t n,
                         const double *line_widths, size_t nwidths,
                         const kp_params *p, double ragged, int last_pass) {
  kp_result r;
  memset(&r, 0, sizeof r);
  if (!S_has_box(items, n) || nwidths == 0)
    return r;
  kp_item *own = S_terminated(items, &n);
  if (own)
    items = own;
  if (S_one_line(items, n, line_widths[0], p, &r)) {
    r.demerits = kp_demerits(items, n, line_widths, nwidths, p, r.breaks, 1);
    free(own);
    return r;
  }
  S_ctx c;
  S_ctx_init(&c, items, n, line_widths, nwidths);
  S_pool pool = {NULL, 0, 0};
  S_pass passes[4] = {
      {p->pretolerance, false, 0, ragged, false},
      {p->tolerance, true, 0, ragged, false},
      {p->tolerance, true, p->emergency_stretch, ragged, false},
      {S_AWFUL, true, p->emergency_stretch, ragged, true},
  };
  bool done = false;
  for (int k = 0; k < last_pass && !done; k++) {
    if (k == 0 && (p->pretolerance < 0 || p->pretolerance > p->tolerance))
      continue;
    if (k == 2 && p->emergency_stretch <= 0)
      continue;
    size_t last = S_run_pass(&c, p, passes[k], &pool);
    if (last != S_NONE) {
      r = S_collect(&c, p, &pool, last);
      r.pass = k + 1;
      done = true;
    }
  }
  free(pool.nodes);
  S_ctx_free(&c);
  if (!done && last_pass == 4) {
    r = S_first_fit(items, n, line_widths, nwidths);
    r.fallback = true;
  }
  free(own);
  return r;
}

kp_result kp_break(const kp_item *items, size_t n, const double *line_widths,
                   size_t nwidths, const kp_params *p) {
  kp_params defaults;
  if (!p) {
    kp_params_default(&defaults);
    p = &defaults;
  }
  return S_break(items, n, line_widths, nwidths, p, 0, 4);
}

kp_result kp_break_first_pass(const kp_item *items, size_t n,
                              const double *line_widths, size_t nwidths,
                              const kp_params *p) {
  return S_break(items, n, line_widths, nwidths, p, 0, 1);
}

kp_result kp_break_ragged(const kp_item *items, size_t n,
                          const double *line_widths, size_t nwidths) {
  kp_params p;
  kp_params_default(&p);
  /* spaces keep their width; the right margin takes the slack */
  kp_item *flat = xmalloc((n ? n : 1) * sizeof *flat);
  for (size_t j = 0; j < n; j++) {
    flat[j] = items[j];
    if (flat[j].kind == KP_GLUE && flat[j].stretch < S_FILL_MIN)
      flat[j].stretch = flat[j].shrink = 0;
  }
  kp_result r = S_break(flat, n, line_widths, nwidths, &p, S_RAGGED, 4);
  for (size_t i = 0; i < r.nlines; i++)
    r.ratios[i] = 0;
  free(flat);
  return r;
}

kp_result kp_break_first_fit(const kp_item *items, size_t n,
                             const double *line_widths, size_t nwidths) {
  return S_first_fit(items, n, line_widths, nwidths);
}

double kp_demerits(const kp_item *items, size_t n, const double *line_widths,
                   size_t nwidths, const kp_params *p, const size_t *breaks,
                   size_t nlines) {
  kp_params defaults;
  if (!p) {
    kp_params_default(&defaults);
    p = &defaults;
  }
  if (n == 0 || nwidths == 0)
    return 0;
  S_ctx c;
  S_ctx_init(&c, items, n, line_widths, nwidths);
  double total = 0;
  int prev_fit = 2;
  bool prev_flag = false;
  for (size_t i = 0; i < nlines; i++) {
    size_t j = breaks[i];
    if (j >= n)
      break;
    double L, Y, Z;
    S_line(&c, i ? breaks[i - 1] : S_NONE, j, &L, &Y, &Z);
    double r = S_ratio(L, Y, Z, S_width_of_line(&c, i));
    double b = r < -1 ? S_INF_BAD : S_badness(r, true);
    double d = S_demerits(p, b, &items[j]);
    bool flag = items[j].kind == KP_PENALTY && items[j].flagged;
    if (flag && prev_flag)
      d += p->flagged_demerits;
    int fit = r < -1 ? 3 : S_fitness(r);
    if (abs(fit - prev_fit) > 1)
      d += p->fitness_demerits;
    total += d;
    prev_fit = fit;
    prev_flag = flag;
  }
  S_ctx_free(&c);
  return total;
}

static kp_result S_first_fit(const kp_item *items, size_t n,
                             const double *line_widths, size_t nwidths) {
  kp_result r;
  memset(&r, 0, sizeof r);
  if (!S_has_box(items, n) || nwidths == 0)
    return r;
  kp_item *own = S_terminated(items, &n);
  if (own)
    items = own;
  S_ctx c;
  S_ctx_init(&c, items, n, line_widths, nwidths);
  size_t cap = 0, from = S_NONE, line = 0;
  int cf = 0;
  size_t j0 = 0;
  while (j0 < n) {
    double l = S_width_of_line(&c, line);
    size_t s = S_after(&c, from);
    size_t best = S_NONE, best_plain = S_NONE, first = S_NONE;
    double best_plain_L = 0;
    size_t j;
    for (j = s; j < n; j++) {
      if (!S_legal(&c, j) || j == from)
        continue;
      if (c.sw[j] - c.sw[s] > l + 1e-9 && first != S_NONE)
        break; /* widths only grow from here */
      double L, Y, Z;
      S_line(&c, from, j, &L, &Y, &Z);
      if (first == S_NONE)
        first = j;
      if (L <= l + 1e-9) {
        best = j;
        if (!c.items[j].flagged || c.items[j].kind != KP_PENALTY)
          best_plain = j, best_plain_L = L;
      }
      if (S_forced(&c.items[j]))
        break;
    }
    size_t pick = best;
    if (pick != S_NONE && c.items[pick].kind == KP_PENALTY &&
        c.items[pick].flagged && best_plain != S_NONE &&
        (cf >= 2 || l - best_plain_L <= l / 5))
      pick = best_plain;
    if (pick == S_NONE)
      pick = first;
    if (pick == S_NONE)
      break;
    if (r.nlines + 1 > cap) {
      size_t ncap = cap ? cap * 2 : 16;
      r.breaks = xrealloc(r.breaks, ncap * sizeof *r.breaks);
      r.ratios = xrealloc(r.ratios, ncap * sizeof *r.ratios);
      r.overfull = xrealloc(r.overfull, ncap * sizeof *r.overfull);
      cap = ncap;
    }
    double L, Y, Z;
    S_line(&c, from, pick, &L, &Y, &Z);
    r.breaks[r.nlines] = pick;
    r.ratios[r.nlines] = 0;
    r.overfull[r.nlines] = L > l + 1e-9;
    r.nlines++;
    bool flag = c.items[pick].kind == KP_PENALTY && c.items[pick].flagged;
    cf = flag ? cf + 1 : 0;
    from = pick;
    line++;
    j0 = pick + 1;
    if (pick + 1 >= n || c.next_box[pick + 1] >= n)
      break;
  }
  kp_params p;
  kp_params_default(&p);
  r.demerits =
      kp_demerits(items, n, line_widths, nwidths, &p, r.breaks, r.nlines);
  S_ctx_free(&c);
  free(own);
  return r;
}
