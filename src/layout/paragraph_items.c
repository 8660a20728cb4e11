/* paragraph_items.c - styled text runs -> boxes, glue and penalties ->
 * lines of positioned pieces. The one place that knows how words, spaces,
 * hyphens and fonts become Knuth-Plass items (see paragraph_items.h). */
#include "paragraph_items.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/mem.h"
#include "../util/utf8.h"

#define S_FILL 1e6          /* "infinite" stretch of \parfillskip */
#define S_HYPHEN_PENALTY 50 /* TeX's \hyphenpenalty and \exhyphenpenalty */
#define S_SLASH_PENALTY 100
#define S_EMERGENCY_PENALTY 5000
#define S_SHY 0xAD
#define S_OBJ_TEXT "\xEF\xBF\xBC" /* U+FFFC stands for an object in a word */

/* What a penalty item stands for (pieces need to know whether to draw a
 * hyphen). */
enum { S_IK_NONE, S_IK_HYPHEN, S_IK_EXPLICIT, S_IK_OTHER };

struct para {
  const hyphenator *h;
  para_run *runs;
  size_t nruns, rcap;
  kp_item *items;
  para_origin *orig;
  unsigned char *ik; /* S_IK_* per item */
  size_t nitems, icap, ocap, kcap;
  bool built;
  double built_split; /* emergency-break threshold the items were built for */
  /* scratch for one word */
  buf wtext;
};

typedef struct {
  size_t run, start, end; /* in the run's text */
  size_t wstart, wend;    /* in the word's text */
} S_seg;

para *para_new(const hyphenator *h) {
  para *p = xcalloc(1, sizeof *p);
  p->h = h;
  return p;
}

void para_free(para *p) {
  if (!p)
    return;
  for (size_t i = 0; i < p->nruns; i++)
    free(p->runs[i].text);
  free(p->runs);
  free(p->items);
  free(p->orig);
  free(p->ik);
  buf_free(&p->wtext);
  free(p);
}

static para_run *S_new_run(para *p) {
  XGROW(p->runs, p->rcap, p->nruns + 1);
  para_run *r = &p->runs[p->nruns++];
  memset(r, 0, sizeof *r);
  p->built = false;
  return r;
}

size_t para_add_text(para *p, font *f, double size, const char *text,
                     size_t len, void *tag) {
  para_run *r = S_new_run(p);
  r->kind = PARA_RUN_TEXT;
  r->font = f;
  r->size = size;
  r->tag = tag;
  buf b = BUF_INIT;
  utf8_sanitize(&b, text ? text : "", text ? len : 0, true);
  r->len = b.len;
  r->text = b.len ? buf_detach(&b) : xstrdup("");
  buf_free(&b);
  r->ascent = font_ascent(f, size);
  r->descent = font_descent(f, size);
  return p->nruns - 1;
}

size_t para_add_object(para *p, double width, double ascent, double descent,
                       void *tag) {
  para_run *r = S_new_run(p);
  r->kind = PARA_RUN_OBJECT;
  r->text = xstrdup("");
  r->width = width;
  r->ascent = ascent;
  r->descent = descent;
  r->tag = tag;
  return p->nruns - 1;
}

void para_add_newline(para *p) {
  para_run *r = S_new_run(p);
  r->kind = PARA_RUN_NEWLINE;
  r->text = xstrdup("");
}

size_t para_run_count(const para *p) { return p->nruns; }

const para_run *para_run_at(const para *p, size_t i) {
  return i < p->nruns ? &p->runs[i] : NULL;
}

/* Item building ---------------------------------------------------------- */

static void S_item(para *p, kp_item it, size_t run, size_t s, size_t e,
                   unsigned char kind) {
  XGROW(p->items, p->icap, p->nitems + 1);
  XGROW(p->orig, p->ocap, p->nitems + 1);
  XGROW(p->ik, p->kcap, p->nitems + 1);
  p->items[p->nitems] = it;
  p->orig[p->nitems] = (para_origin){run, s, e};
  p->ik[p->nitems] = kind;
  p->nitems++;
}

static void S_box(para *p, double w, size_t run, size_t s, size_t e) {
  S_item(p, (kp_item){KP_BOX, w, 0, 0, 0, false}, run, s, e, S_IK_NONE);
}

static void S_glue(para *p, double w, double y, double z, size_t run,
                   size_t at) {
  S_item(p, (kp_item){KP_GLUE, w, y, z, 0, false}, run, at, at, S_IK_NONE);
}

static void S_penalty(para *p, double w, double pen, bool flagged, size_t run,
                      size_t at, unsigned char kind) {
  S_item(p, (kp_item){KP_PENALTY, w, 0, 0, pen, flagged}, run, at, at, kind);
}

static bool S_is_space(uint32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x2002 ||
         c == 0x2003 || c == 0x2009;
}

/* The code point at or before offset `at` in a run's text. */
static uint32_t S_cp_before(const para_run *r, size_t at) {
  if (at == 0)
    return 0;
  size_t i = at - 1;
  while (i > 0 && ((unsigned char)r->text[i] & 0xC0) == 0x80)
    i--;
  uint32_t c;
  utf8_decode(r->text + i, at - i, &c);
  return c;
}

static uint32_t S_cp_at(const para_run *r, size_t at) {
  uint32_t c = 0;
  if (at < r->len)
    utf8_decode(r->text + at, r->len - at, &c);
  return c;
}

static double S_seg_width(const para *p, const S_seg *g, size_t s, size_t e) {
  const para_run *r = &p->runs[g->run];
  if (r->kind == PARA_RUN_OBJECT)
    return r->width;
  return font_text_width(r->font, r->text + s, e - s, r->size);
}

/* Kerning (points) between the character before `at` and the one at `at`
 * in a text run. */
static double S_kern_at(const para_run *r, size_t at) {
  if (r->kind != PARA_RUN_TEXT || at == 0 || at >= r->len)
    return 0;
  return font_kern(r->font, S_cp_before(r, at), S_cp_at(r, at)) * r->size /
         1000.0;
}

typedef struct {
  size_t off;         /* in the word's text */
  unsigned char kind; /* S_IK_* */
} S_brk;

static int S_brk_cmp(const void *a, const void *b) {
  size_t x = ((const S_brk *)a)->off, y = ((const S_brk *)b)->off;
  return x < y ? -1 : x > y;
}

/* Emits the items of one word made of segs[0..ns). */
static void S_word(para *p, const S_seg *segs, size_t ns, double split) {
  const char *w = p->wtext.data;
  size_t wl = p->wtext.len;
  size_t maxb = wl + 1;
  size_t *offs = xmalloc(maxb * sizeof *offs);
  unsigned char *expl = xmalloc(maxb);
  size_t nb = hyphenate_word(p->h, w, wl, offs, expl, maxb);
  S_brk *brk = xmalloc((2 * maxb + 1) * sizeof *brk);
  size_t n = 0;
  for (size_t i = 0; i < nb; i++)
    brk[n++] = (S_brk){offs[i], expl[i] ? S_IK_EXPLICIT : S_IK_HYPHEN};
  /* after a slash or a dash inside a word: no hyphen is added */
  for (size_t i = 0; i < wl;) {
    uint32_t c;
    i += (size_t)utf8_decode(w + i, wl - i, &c);
    if ((c == '/' || c == 0x2013 || c == 0x2014) && i < wl && i > 1)
      brk[n++] = (S_brk){i, S_IK_OTHER};
  }
  double total = 0;
  for (size_t k = 0; k < ns; k++)
    total += S_seg_width(p, &segs[k], segs[k].start, segs[k].end);
  if (total > split) {
    /* too wide for the narrowest line: allow a break between any two
     * characters so no line overflows */
    for (size_t i = 0; i < wl;) {
      uint32_t c;
      i += (size_t)utf8_decode(w + i, wl - i, &c);
      if (i < wl && c != S_SHY)
        brk[n++] = (S_brk){i, S_IK_NONE};
    }
  }
  qsort(brk, n, sizeof *brk, S_brk_cmp);
  /* one break per offset: the first kind in S_IK order wins, except that
   * emergency breaks (S_IK_NONE) yield to real ones */
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    if (m > 0 && brk[m - 1].off == brk[i].off) {
      if (brk[m - 1].kind == S_IK_NONE)
        brk[m - 1].kind = brk[i].kind;
      continue;
    }
    brk[m++] = brk[i];
  }
  n = m;
  size_t bi = 0;
  for (size_t k = 0; k < ns; k++) {
    const S_seg *g = &segs[k];
    const para_run *r = &p->runs[g->run];
    size_t limit = k + 1 < ns ? segs[k + 1].wstart : g->wend;
    size_t fs = g->start; /* fragment start in run text */
    for (;;) {
      while (bi < n && brk[bi].off <= g->wstart)
        bi++; /* breaks before this segment's text were handled */
      size_t fe = g->end;
      bool brk_here = false;
      if (bi < n && brk[bi].off < g->wend) {
        fe = g->start + (brk[bi].off - g->wstart);
        brk_here = true;
      } else if (bi < n && brk[bi].off <= limit && k + 1 < ns) {
        brk_here = true; /* at the boundary to the next segment */
      }
      double bw = S_seg_width(p, g, fs, fe);
      bool contiguous_next = fe < g->end ||
                             (k + 1 < ns && segs[k + 1].run == g->run &&
                              segs[k + 1].start == g->end);
      double kern_next = 0;
      if (contiguous_next && r->kind == PARA_RUN_TEXT)
        kern_next = S_kern_at(r, fe < g->end ? fe : g->end);
      if (fe > fs || r->kind == PARA_RUN_OBJECT)
        S_box(p, bw + kern_next, g->run, fs, fe);
      if (brk_here) {
        unsigned char kind = brk[bi].kind;
        double pw = -kern_next;
        double pen = S_EMERGENCY_PENALTY;
        bool flagged = false;
        if (kind == S_IK_HYPHEN && r->kind == PARA_RUN_TEXT) {
          uint32_t last = S_cp_before(r, fe);
          pw += font_char_width(r->font, '-', r->size) +
                font_kern(r->font, last, '-') * r->size / 1000.0;
          pen = S_HYPHEN_PENALTY;
          flagged = true;
        } else if (kind == S_IK_HYPHEN) {
          kind = S_IK_OTHER;
          pen = S_HYPHEN_PENALTY;
        } else if (kind == S_IK_EXPLICIT) {
          pen = S_HYPHEN_PENALTY;
          flagged = true;
        } else if (kind == S_IK_OTHER) {
          pen = S_SLASH_PENALTY;
        }
        S_penalty(p, pw, pen, flagged, g->run, fe, kind);
        bi++;
      }
      if (fe >= g->end)
        break;
      fs = fe;
    }
  }
  free(offs);
  free(expl);
  free(brk);
}

/* The state of S_build between characters. */
typedef struct {
  para *p;
  double split;     /* words wider than this get emergency breaks */
  S_seg *segs;      /* the word being collected */
  size_t ns, scap;
  bool space, nbsp; /* spaces (breakable, no-break) since the last word */
  size_t space_run, space_at; /* where the first of them is */
} S_builder;

static void S_flush_word(S_builder *b) {
  if (b->ns == 0)
    return;
  S_word(b->p, b->segs, b->ns, b->split);
  b->ns = 0;
  buf_clear(&b->p->wtext);
}

static bool S_after_break(const para *p) {
  if (p->nitems == 0)
    return true;
  const kp_item *last = &p->items[p->nitems - 1];
  return last->kind == KP_GLUE ||
         (last->kind == KP_PENALTY && last->penalty <= -KP_INFINITY);
}

/* Spaces seen before a new word become one glue (none at the start of the
 * paragraph or of a forced line); a no-break space cannot be broken. */
static void S_flush_space(S_builder *b, double fallback_size) {
  if (!b->space && !b->nbsp)
    return;
  para *p = b->p;
  if (!S_after_break(p)) {
    const para_run *sr = &p->runs[b->space_run];
    double sw = sr->font ? font_char_width(sr->font, ' ', sr->size)
                         : 0.25 * fallback_size;
    if (b->nbsp && !b->space)
      S_penalty(p, 0, KP_INFINITY, false, b->space_run, b->space_at,
                S_IK_NONE);
    S_glue(p, sw, sw / 2, sw / 3, b->space_run, b->space_at);
  }
  b->space = b->nbsp = false;
}

/* \\ or the paragraph's end: \penalty10000 \hfil \penalty-10000. */
static void S_forced(S_builder *b, size_t run, size_t at) {
  S_flush_word(b);
  b->space = b->nbsp = false;
  S_penalty(b->p, 0, KP_INFINITY, false, run, at, S_IK_NONE);
  S_glue(b->p, 0, S_FILL, 0, run, at);
  S_penalty(b->p, 0, -KP_INFINITY, false, run, at, S_IK_NONE);
}

static S_seg *S_new_seg(S_builder *b) {
  XGROW(b->segs, b->scap, b->ns + 1);
  return &b->segs[b->ns++];
}

static void S_text_run(S_builder *b, size_t ri) {
  para *p = b->p;
  const para_run *r = &p->runs[ri];
  for (size_t i = 0; i < r->len;) {
    uint32_t c;
    size_t at = i;
    i += (size_t)utf8_decode(r->text + i, r->len - i, &c);
    if (S_is_space(c) || c == 0xA0) {
      S_flush_word(b);
      if (!b->space && !b->nbsp)
        b->space_run = ri, b->space_at = at; /* the group's first space */
      if (c == 0xA0)
        b->nbsp = true;
      else
        b->space = true;
      continue;
    }
    S_flush_space(b, r->size);
    /* a word character extends the current segment or starts one; a soft
     * hyphen is in the word's text (for hyphenate_word) but in no segment,
     * so it is never drawn */
    if (c != S_SHY) {
      if (b->ns > 0 && b->segs[b->ns - 1].run == ri &&
          b->segs[b->ns - 1].end == at)
        b->segs[b->ns - 1].end = i;
      else
        *S_new_seg(b) = (S_seg){ri, at, i, p->wtext.len, p->wtext.len};
    }
    buf_put(&p->wtext, r->text + at, i - at);
    if (c != S_SHY)
      b->segs[b->ns - 1].wend = p->wtext.len;
  }
}

/* Builds the item list; words wider than split get emergency breaks. */
static void S_build(para *p, double split) {
  if (p->built && p->built_split == split)
    return;
  p->nitems = 0;
  buf_clear(&p->wtext);
  S_builder b = {p, split, NULL, 0, 0, false, false, 0, 0};
  for (size_t ri = 0; ri < p->nruns; ri++) {
    const para_run *r = &p->runs[ri];
    if (r->kind == PARA_RUN_NEWLINE) {
      S_forced(&b, ri, 0);
    } else if (r->kind == PARA_RUN_OBJECT) {
      S_flush_space(&b, 10);
      size_t ws = p->wtext.len;
      buf_puts(&p->wtext, S_OBJ_TEXT); /* a non-letter for the hyphenator */
      *S_new_seg(&b) = (S_seg){ri, 0, 0, ws, p->wtext.len};
    } else {
      S_text_run(&b, ri);
    }
  }
  S_flush_word(&b);
  bool has_box = false;
  for (size_t i = 0; i < p->nitems && !has_box; i++)
    has_box = p->items[i].kind == KP_BOX;
  if (!has_box) {
    p->nitems = 0; /* nothing but spaces and newlines: no lines */
  } else if (!(p->items[p->nitems - 1].kind == KP_PENALTY &&
               p->items[p->nitems - 1].penalty <= -KP_INFINITY)) {
    size_t last = p->nruns - 1; /* origin: the end of the last run */
    S_forced(&b, last, p->runs[last].len);
  }
  free(b.segs);
  p->built = true;
  p->built_split = split;
}

const kp_item *para_items(para *p, size_t *n, const para_origin **origins) {
  S_build(p, INFINITY);
  *n = p->nitems;
  if (origins)
    *origins = p->orig;
  return p->items;
}

/* Setting lines ------------------------------------------------------------ */

typedef struct {
  para_layout *out;
  size_t pcap;
  size_t run;
  size_t base;   /* byte offset of the span in the run's text */
  double x0;     /* x of the span */
  const char *text;
} S_emit_ctx;

static void S_push_piece(para_layout *out, size_t *cap, para_piece pc) {
  XGROW(out->pieces, *cap, out->npieces + 1);
  out->pieces[out->npieces++] = pc;
}

static void S_kern_cb(void *ctx, const char *piece, size_t len, double x) {
  S_emit_ctx *e = ctx;
  size_t s = e->base + (size_t)(piece - e->text);
  para_piece pc = {e->run, s, s + len, e->x0 + x, 0, false};
  S_push_piece(e->out, &e->pcap, pc);
}

/* Emits the text span run[s..e) at x as kerned pieces; the last piece gets
 * the hyphen if asked. */
static void S_span(const para *p, S_emit_ctx *ec, size_t run, size_t s,
                   size_t e, double x, bool hyphen) {
  const para_run *r = &p->runs[run];
  size_t first = ec->out->npieces;
  if (r->kind == PARA_RUN_OBJECT) {
    para_piece pc = {run, 0, 0, x, r->width, false};
    S_push_piece(ec->out, &ec->pcap, pc);
    return;
  }
  ec->run = run;
  ec->base = s;
  ec->x0 = x;
  ec->text = r->text + s;
  font_kern_runs(r->font, r->text + s, e - s, r->size, S_kern_cb, ec);
  for (size_t i = first; i < ec->out->npieces; i++) {
    para_piece *pc = &ec->out->pieces[i];
    pc->width = font_text_width(r->font, r->text + pc->start,
                                pc->end - pc->start, r->size);
  }
  if (hyphen && ec->out->npieces > first) {
    para_piece *pc = &ec->out->pieces[ec->out->npieces - 1];
    pc->hyphen = true;
    pc->width += font_kern(r->font, S_cp_before(r, pc->end), '-') * r->size /
                 1000.0;
  }
}

static double S_min_of(const double *w, size_t n) {
  double m = INFINITY;
  for (size_t i = 0; i < n; i++)
    if (w[i] < m)
      m = w[i];
  return m;
}

void para_set(para *p, const double *widths, size_t nwidths, para_align align,
              const kp_params *kp, para_layout *out) {
  memset(out, 0, sizeof *out);
  if (nwidths == 0)
    return;
  S_build(p, S_min_of(widths, nwidths));
  if (p->nitems == 0)
    return;
  kp_result res = align == PARA_JUSTIFY
                      ? kp_break(p->items, p->nitems, widths, nwidths, kp)
                      : kp_break_greedy(p->items, p->nitems, widths, nwidths);
  out->pass = res.pass;
  out->lines = xcalloc(res.nlines ? res.nlines : 1, sizeof *out->lines);
  out->nlines = res.nlines;
  S_emit_ctx ec = {out, 0, 0, 0, 0, NULL};
  size_t start = 0;
  for (size_t li = 0; li < res.nlines; li++) {
    size_t b = res.breaks[li];
    double measure = widths[li < nwidths ? li : nwidths - 1];
    double r = align == PARA_JUSTIFY ? res.ratios[li] : 0;
    para_line *ln = &out->lines[li];
    ln->first = out->npieces;
    ln->measure = measure;
    ln->ratio = r;
    ln->last = p->items[b].kind == KP_PENALTY &&
               p->items[b].penalty <= -KP_INFINITY;
    /* skip what a break discards */
    while (start < b && p->items[start].kind != KP_BOX)
      start++;
    bool hyphen = p->items[b].kind == KP_PENALTY && p->ik[b] == S_IK_HYPHEN;
    ln->hyphenated = hyphen;
    /* natural width and the set width */
    double natural = 0, used = 0;
    for (size_t j = start; j < b; j++) {
      const kp_item *it = &p->items[j];
      if (it->kind == KP_BOX) {
        natural += it->width, used += it->width;
      } else if (it->kind == KP_GLUE && it->stretch < S_FILL) {
        natural += it->width; /* fill glue is white space nobody sees */
        used += it->width + (r > 0 ? r * it->stretch : r * it->shrink);
      }
    }
    if (p->items[b].kind == KP_PENALTY) {
      natural += p->items[b].width;
      used += p->items[b].width;
    }
    ln->natural = natural;
    ln->used = used;
    ln->overfull = used > measure + 1e-6;
    double x = 0;
    if (align == PARA_CENTER && used < measure)
      x = (measure - used) / 2;
    else if (align == PARA_RIGHT && used < measure)
      x = measure - used;
    /* pieces: merge contiguous boxes of one run into spans */
    ln->ascent = 0;
    ln->descent = 0;
    size_t span_run = SIZE_MAX, span_s = 0, span_e = 0;
    double span_x = 0;
    for (size_t j = start; j < b; j++) {
      const kp_item *it = &p->items[j];
      const para_origin *o = &p->orig[j];
      if (it->kind == KP_BOX) {
        const para_run *rr = &p->runs[o->run];
        bool joins = span_run == o->run && span_e == o->start &&
                     rr->kind == PARA_RUN_TEXT;
        if (!joins) {
          if (span_run != SIZE_MAX)
            S_span(p, &ec, span_run, span_s, span_e, span_x, false);
          span_run = o->run, span_s = o->start, span_x = x;
        }
        span_e = o->end;
        if (rr->ascent > ln->ascent)
          ln->ascent = rr->ascent;
        if (rr->descent < ln->descent)
          ln->descent = rr->descent;
        x += it->width;
      } else if (it->kind == KP_GLUE) {
        if (span_run != SIZE_MAX)
          S_span(p, &ec, span_run, span_s, span_e, span_x, false);
        span_run = SIZE_MAX;
        x += it->width + (r > 0 ? r * it->stretch : r * it->shrink);
      }
    }
    if (span_run != SIZE_MAX)
      S_span(p, &ec, span_run, span_s, span_e, span_x, hyphen);
    ln->count = out->npieces - ln->first;
    if (ln->count == 0) { /* an empty line: the height of its neighbour run */
      size_t ri = p->orig[b].run < p->nruns ? p->orig[b].run : 0;
      for (size_t k = ri + 1; k-- > 0;)
        if (k < p->nruns && p->runs[k].kind == PARA_RUN_TEXT) {
          ln->ascent = p->runs[k].ascent;
          ln->descent = p->runs[k].descent;
          break;
        }
    }
    start = b + 1;
  }
  kp_result_free(&res);
}

void para_layout_free(para_layout *l) {
  free(l->pieces);
  free(l->lines);
  memset(l, 0, sizeof *l);
}

static bool S_legal(const kp_item *items, size_t j) {
  if (items[j].kind == KP_PENALTY)
    return items[j].penalty < KP_INFINITY;
  return items[j].kind == KP_GLUE && j > 0 && items[j - 1].kind == KP_BOX;
}

double para_min_width(para *p) {
  S_build(p, INFINITY);
  double best = 0, acc = 0;
  for (size_t j = 0; j < p->nitems; j++) {
    const kp_item *it = &p->items[j];
    if (S_legal(p->items, j)) {
      double w = acc + (it->kind == KP_PENALTY ? it->width : 0);
      if (w > best)
        best = w;
      acc = 0;
    } else if (it->kind != KP_PENALTY && it->stretch < S_FILL) {
      acc += it->width;
    }
  }
  return best > acc ? best : acc;
}

double para_max_width(para *p) {
  S_build(p, INFINITY);
  double best = 0, acc = 0;
  for (size_t j = 0; j < p->nitems; j++) {
    const kp_item *it = &p->items[j];
    if (it->kind == KP_PENALTY && it->penalty <= -KP_INFINITY) {
      if (acc > best)
        best = acc;
      acc = 0;
    } else if (it->kind == KP_BOX ||
               (it->kind == KP_GLUE && it->stretch < S_FILL)) {
      acc += it->width;
    }
  }
  return best > acc ? best : acc;
}
