/* text.c - inline content set into lines: styled runs, words with their
 * hyphenation points as Knuth-Plass boxes, glue and penalties, broken by
 * total fit (justified) or ragged total fit, then turned into positioned
 * text fragments. No fragment is ever wider than the measure: a word too
 * long for it is cut between characters first. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/knuth_plass.h"
#include "layout/internal.h"
#include "util/mem.h"
#include "util/utf8.h"

typedef struct {
  font *font;
  double size, rise;
  long colour;
  bool strike, mono;
  char *link; /* owned */
  int fn;     /* footnote number of a reference, 0 */
  const doc_node *span; /* the DOC_SPAN of another language, NULL */
} S_style;

typedef struct {
  size_t start, len; /* in the text buffer */
  int st;
} S_run;

typedef struct {
  buf text;
  S_run *runs;
  size_t nruns, rcap;
  S_style *sts;
  size_t nsts, scap;
  /* sts by hash: 1 + index, 0 empty; nslots 0 or a power of two above
   * 2 * nsts. A paragraph of thousands of footnote references or links has
   * as many styles, and a linear search for each made it quadratic. */
  size_t *slots;
  size_t nslots;
} S_runs;

/* what an item stands for */
typedef struct {
  int run;
  size_t start, len; /* box: bytes in the text buffer */
  bool explicit_;    /* penalty after an existing hyphen: draw nothing */
} S_meta;

typedef struct {
  kp_item *v;
  S_meta *m;
  size_t len, cap;
} S_items;

typedef struct {
  bool bold, italic, mono, sup, strike;
  const char *link;
  int fn;
  const doc_node *span;
} S_state;

/* The buffers one setting works in, kept in the context from one setting
 * to the next: a table of thousands of cells would otherwise allocate and
 * free each of them thousands of times. Settings never nest. */
struct lay_scratch {
  S_runs R;
  S_items I;
  buf frag;
};

static struct lay_scratch *S_scratch(lay_ctx *c) {
  if (!c->scratch)
    c->scratch = xcalloc(1, sizeof *c->scratch);
  return c->scratch;
}

font *lay_font(font_family *fam, font_style st) {
  return fam ? font_family_get(fam, st) : NULL;
}

double lay_text_width(font *f, const char *s, double size) {
  return font_text_width(f, s, strlen(s), size);
}

/* o equals st with the link `link` (st's own, or the one it will copy). */
static bool S_same_style(const S_style *o, const S_style *st,
                         const char *link) {
  return o->font == st->font && o->size == st->size && o->rise == st->rise &&
         o->colour == st->colour && o->strike == st->strike &&
         o->fn == st->fn && o->mono == st->mono && o->span == st->span &&
         ((!o->link && !link) ||
          (o->link && link && strcmp(o->link, link) == 0));
}

static uint64_t S_bits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}

static size_t S_style_hash(const S_style *st, const char *link) {
  uint64_t h = (uint64_t)(uintptr_t)st->font;
  h = h * 31 + S_bits(st->size);
  h = h * 31 + S_bits(st->rise);
  h = h * 31 + (uint64_t)st->colour;
  h = h * 31 + (uint64_t)st->fn;
  h = h * 31 + (uint64_t)(st->strike * 2 + st->mono);
  h = h * 31 + (uint64_t)(uintptr_t)st->span;
  for (const char *p = link; p && *p; p++)
    h = h * 33 + (unsigned char)*p;
  return (size_t)(h ^ (h >> 29)) * 2654435761u;
}

/* The slot of st (with `link`) in R's hash, growing the hash first, or the
 * empty slot where it goes. */
static size_t *S_style_slot(S_runs *R, const S_style *st, const char *link) {
  if (2 * (R->nsts + 1) > R->nslots) {
    free(R->slots);
    R->nslots = R->nslots ? 2 * R->nslots : 64;
    R->slots = xcalloc(R->nslots, sizeof *R->slots);
    for (size_t i = 0; i < R->nsts; i++)
      *S_style_slot(R, &R->sts[i], R->sts[i].link) = i + 1;
  }
  size_t i = S_style_hash(st, link) & (R->nslots - 1);
  while (R->slots[i] && !S_same_style(&R->sts[R->slots[i] - 1], st, link))
    i = (i + 1) & (R->nslots - 1);
  return &R->slots[i];
}

static int S_style_of(lay_ctx *c, S_runs *R, const lay_pstyle *ps,
                      const S_state *s) {
  font_style fs = ps->base;
  if (s->bold)
    fs |= FONT_BOLD;
  if (s->italic)
    fs |= FONT_ITALIC;
  S_style st = {0};
  st.font = lay_font(s->mono ? c->f->mono : ps->fam, fs);
  st.size = ps->size * (s->mono ? 0.9 : 1.0);
  if (s->sup) {
    st.size = ps->size * 0.62;
    st.rise = ps->size * 0.36;
  }
  st.colour = s->link && !s->fn ? c->s.link : ps->colour;
  st.strike = s->strike;
  st.mono = s->mono;
  st.fn = s->fn;
  st.span = s->span;
  size_t *slot = S_style_slot(R, &st, s->link);
  if (*slot)
    return (int)*slot - 1;
  st.link = s->link ? xstrdup(s->link) : NULL;
  XGROW(R->sts, R->scap, R->nsts + 1);
  R->sts[R->nsts] = st;
  *slot = ++R->nsts;
  return (int)R->nsts - 1;
}

static void S_add_run(lay_ctx *c, S_runs *R, const lay_pstyle *ps,
                      const S_state *s, const char *text, size_t n) {
  if (!n)
    return;
  size_t start = R->text.len;
  utf8_sanitize(&R->text, text, n, true);
  /* soft hyphens are only hints: drop them (hyphenation finds breaks) */
  for (size_t i = start; i + 1 < R->text.len;) {
    if ((unsigned char)R->text.data[i] == 0xC2 &&
        (unsigned char)R->text.data[i + 1] == 0xAD) {
      memmove(R->text.data + i, R->text.data + i + 2, R->text.len - i - 2);
      R->text.len -= 2;
      R->text.data[R->text.len] = 0;
    } else {
      i++;
    }
  }
  if (R->text.len == start)
    return;
  XGROW(R->runs, R->rcap, R->nruns + 1);
  R->runs[R->nruns].start = start;
  R->runs[R->nruns].len = R->text.len - start;
  R->runs[R->nruns++].st = S_style_of(c, R, ps, s);
}

/* A forced line break is a run of one '\n'. */
static void S_collect(lay_ctx *c, S_runs *R, const lay_pstyle *ps,
                      const doc_node *n, S_state s) {
  for (const doc_node *k = n->first; k; k = k->next) {
    S_state t = s;
    switch (k->type) {
    case DOC_TEXT:
      if (k->text)
        S_add_run(c, R, ps, &s, k->text, strlen(k->text));
      break;
    case DOC_CODE:
      t.mono = true;
      if (k->text)
        S_add_run(c, R, ps, &t, k->text, strlen(k->text));
      break;
    case DOC_SOFT_BREAK:
      S_add_run(c, R, ps, &s, " ", 1);
      break;
    case DOC_LINE_BREAK:
      S_add_run(c, R, ps, &s, "\n", 1);
      break;
    case DOC_EMPH:
      t.italic = !s.italic;
      S_collect(c, R, ps, k, t);
      break;
    case DOC_STRONG:
      t.bold = true;
      S_collect(c, R, ps, k, t);
      break;
    case DOC_STRIKE:
      t.strike = true;
      S_collect(c, R, ps, k, t);
      break;
    case DOC_SPAN:
      t.span = k;
      S_collect(c, R, ps, k, t);
      break;
    case DOC_LINK:
      t.link = k->text;
      S_collect(c, R, ps, k, t);
      break;
    case DOC_XREF: {
      char lk[300];
      if (k->target && k->target->id) {
        snprintf(lk, sizeof lk, "#%s", k->target->id);
        t.link = lk;
      }
      if (k->first)
        S_collect(c, R, ps, k, t);
      else if (k->text)
        S_add_run(c, R, ps, &t, k->text, strlen(k->text));
      break;
    }
    case DOC_FOOTNOTE_REF: {
      char num[32], lk[300];
      int nr = k->number;
      snprintf(num, sizeof num, "%d", nr);
      if (nr > 0 && !c->in_fn) {
        snprintf(lk, sizeof lk, "#fn:%d", nr);
        t.link = lk;
        t.fn = nr;
      }
      t.sup = true;
      S_add_run(c, R, ps, &t, num, strlen(num));
      break;
    }
    default:
      if (doc_is_inline(k->type))
        S_collect(c, R, ps, k, s);
      break;
    }
  }
}

/* Empties R for the next setting, keeping its arrays. */
static void S_runs_reset(S_runs *R) {
  /* emptying the slots the styles took empties the hash: the cost is the
   * styles', not the size the hash once grew to. Last in, first out: a
   * style's probe path runs only over styles added before it, so each is
   * still found. */
  for (size_t i = R->nsts; i-- > 0;)
    *S_style_slot(R, &R->sts[i], R->sts[i].link) = 0;
  for (size_t i = 0; i < R->nsts; i++)
    free(R->sts[i].link);
  R->nsts = R->nruns = 0;
  buf_clear(&R->text);
}

/* The runs, empty, for a new setting. */
static S_runs *S_runs_get(lay_ctx *c) {
  S_runs *R = &S_scratch(c)->R;
  S_runs_reset(R);
  return R;
}

void lay_scratch_free(lay_ctx *c) {
  struct lay_scratch *k = c->scratch;
  if (!k)
    return;
  S_runs_reset(&k->R);
  free(k->R.sts);
  free(k->R.slots);
  free(k->R.runs);
  buf_free(&k->R.text);
  free(k->I.v);
  free(k->I.m);
  buf_free(&k->frag);
  free(k);
  c->scratch = NULL;
}

static void S_push(S_items *I, kp_kind kind, double w, double st, double sh,
                   double pen, bool flagged, S_meta m) {
  size_t cap = I->cap;
  XGROW(I->v, I->cap, I->len + 1);
  if (I->cap != cap)
    I->m = xrealloc(I->m, I->cap * sizeof *I->m);
  kp_item *it = &I->v[I->len];
  it->kind = kind;
  it->width = w;
  it->stretch = st;
  it->shrink = sh;
  it->penalty = pen;
  it->flagged = flagged;
  I->m[I->len++] = m;
}

static bool S_is_space(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r';
}

/* a word piece [start, end) of one run, cut where it is wider than maxw */
static void S_piece(S_runs *R, S_items *I, int run, size_t a, size_t b,
                    double maxw) {
  S_style *st = &R->sts[R->runs[run].st];
  const char *t = R->text.data;
  double w = font_text_width(st->font, t + a, b - a, st->size);
  if (w <= maxw || b - a <= 1) {
    S_push(I, KP_BOX, w, 0, 0, 0, false, (S_meta){run, a, b - a, false});
    return;
  }
  size_t i = a, s = a;
  double acc = 0;
  while (i < b) {
    uint32_t cp;
    int k = utf8_decode(t + i, b - i, &cp);
    double cw = font_char_width(st->font, cp, st->size);
    if (acc + cw > maxw && i > s) {
      S_push(I, KP_BOX, acc, 0, 0, 0, false, (S_meta){run, s, i - s, false});
      S_push(I, KP_PENALTY, 0, 0, 0, 100, false, (S_meta){run, 0, 0, true});
      s = i;
      acc = 0;
    }
    acc += cw;
    i += (size_t)k;
  }
  S_push(I, KP_BOX, acc, 0, 0, 0, false, (S_meta){run, s, b - s, false});
}

typedef struct {
  int run;
  size_t a, b;
} S_seg;

/* Emits a word made of segments, with its hyphenation points. */
static void S_word(lay_ctx *c, S_runs *R, S_items *I, const S_seg *seg,
                   size_t nseg, bool hyph, double maxw) {
  /* the word's bytes in one piece: on the stack unless it is long */
  char small[128];
  buf w = BUF_INIT;
  size_t total = 0;
  for (size_t i = 0; i < nseg; i++)
    total += seg[i].b - seg[i].a;
  if (total < sizeof small) {
    w.data = small;
    for (size_t i = 0; i < nseg; i++) {
      memcpy(small + w.len, R->text.data + seg[i].a, seg[i].b - seg[i].a);
      w.len += seg[i].b - seg[i].a;
    }
    small[w.len] = '\0';
  } else {
    for (size_t i = 0; i < nseg; i++)
      buf_put(&w, R->text.data + seg[i].a, seg[i].b - seg[i].a);
  }
  size_t offs[64];
  unsigned char expl[64];
  size_t no = 0;
  memset(expl, 0, sizeof expl);
  for (size_t i = 0; i < nseg; i++)
    if (R->sts[R->runs[seg[i].run].st].mono)
      hyph = false; /* code is never hyphenated */
  if (hyph && w.len >= 5 && c->f->hyph) {
    no = hyphenate_word(c->f->hyph, w.data, w.len, offs, expl, 64);
    /* at least three letters after a new hyphen ("virksomheder-ne" reads
     * badly), trailing punctuation not counted */
    size_t end = w.len;
    while (end > 0 && strchr(".,;:!?)\"'\xbb", w.data[end - 1]))
      end--;
    size_t k = 0;
    for (size_t i = 0; i < no; i++) {
      size_t letters = offs[i] < end ? utf8_length(w.data + offs[i],
                                                   end - offs[i]) : 0;
      if (expl[i] || letters >= 3) {
        offs[k] = offs[i];
        expl[k++] = expl[i];
      }
    }
    no = k;
  }
  if (!no) {
    /* break after existing hyphens and slashes between letters */
    for (size_t i = 2; i + 2 < w.len && no < 64; i++)
      if (w.data[i] == '-' || w.data[i] == '/') {
        offs[no] = i + 1;
        expl[no++] = 1;
      }
  }
  /* walk segments, cutting at the offsets */
  size_t pos = 0, oi = 0;
  for (size_t i = 0; i < nseg; i++) {
    size_t a = seg[i].a, len = seg[i].b - seg[i].a, from = 0;
    S_style *st = &R->sts[R->runs[seg[i].run].st];
    double hw = font_char_width(st->font, '-', st->size);
    while (oi < no && offs[oi] <= pos)
      oi++;
    while (oi < no && offs[oi] < pos + len) {
      size_t cut = offs[oi] - pos;
      S_piece(R, I, seg[i].run, a + from, a + cut, maxw);
      S_push(I, KP_PENALTY, expl[oi] ? 0 : hw, 0, 0, 50, true,
             (S_meta){seg[i].run, 0, 0, expl[oi] != 0});
      from = cut;
      oi++;
    }
    if (from < len)
      S_piece(R, I, seg[i].run, a + from, a + len, maxw);
    if (oi < no && offs[oi] == pos + len && i + 1 < nseg) {
      S_push(I, KP_PENALTY, expl[oi] ? 0 : hw, 0, 0, 50, true,
             (S_meta){seg[i].run, 0, 0, expl[oi] != 0});
      oi++;
    }
    pos += len;
  }
  if (w.data != small)
    buf_free(&w);
}

static void S_tokenise(lay_ctx *c, S_runs *R, S_items *I, bool hyph,
                       double maxw) {
  S_seg seg[64];
  size_t nseg = 0;
  int last_run = 0;
  for (size_t r = 0; r < R->nruns; r++) {
    const char *t = R->text.data;
    size_t i = R->runs[r].start, e = i + R->runs[r].len;
    last_run = (int)r;
    while (i < e) {
      uint32_t cp;
      int k = utf8_decode(t + i, e - i, &cp);
      if (cp == '\n' || S_is_space(cp)) {
        if (nseg) {
          S_word(c, R, I, seg, nseg, hyph, maxw);
          nseg = 0;
        }
        if (cp == '\n') {
          S_push(I, KP_GLUE, 0, 1e6, 0, 0, false, (S_meta){(int)r, 0, 0, 0});
          S_push(I, KP_PENALTY, 0, 0, 0, -KP_INFINITY, false,
                 (S_meta){(int)r, 0, 0, true});
        } else if (I->len && I->v[I->len - 1].kind == KP_BOX) {
          S_style *st = &R->sts[R->runs[r].st];
          double sw = font_char_width(st->font, ' ', st->size);
          S_push(I, KP_GLUE, sw, sw / 2, sw / 3, 0, false,
                 (S_meta){(int)r, 0, 0, false});
        }
      } else {
        if (nseg && seg[nseg - 1].run == (int)r && seg[nseg - 1].b == i)
          seg[nseg - 1].b = i + (size_t)k;
        else if (nseg < 64)
          seg[nseg++] = (S_seg){(int)r, i, i + (size_t)k};
        else
          seg[nseg - 1].b = i + (size_t)k;
        /* long unbroken tokens: give up on one word at 64 segments */
      }
      i += (size_t)k;
    }
  }
  if (nseg)
    S_word(c, R, I, seg, nseg, hyph, maxw);
  while (I->len && I->v[I->len - 1].kind == KP_GLUE)
    I->len--;
  S_push(I, KP_GLUE, 0, 1e6, 0, 0, false, (S_meta){last_run, 0, 0, false});
  S_push(I, KP_PENALTY, 0, 0, 0, -KP_INFINITY, false,
         (S_meta){last_run, 0, 0, true});
}

static void S_line_fns(lay_line *ln, int fn) {
  for (size_t i = 0; i < ln->nfns; i++)
    if (ln->fns[i] == fn)
      return;
  ln->fns = xrealloc(ln->fns, (ln->nfns + 1) * sizeof *ln->fns);
  ln->fns[ln->nfns++] = fn;
}

/* Builds the fragments of one line from items [s, e), break at e. */
static void S_make_line(lay_ctx *c, S_runs *R, S_items *I, size_t s, size_t e,
                        double W, double x0, const lay_pstyle *ps, bool last,
                        lay_line *ln) {
  const kp_item *v = I->v;
  double L = 0, Y = 0, Z = 0;
  for (size_t i = s; i < e; i++) {
    if (v[i].kind == KP_BOX) {
      L += v[i].width;
    } else if (v[i].kind == KP_GLUE) {
      L += v[i].width;
      Y += v[i].stretch;
      Z += v[i].shrink;
    }
  }
  bool hyph = v[e].kind == KP_PENALTY && v[e].flagged && !I->m[e].explicit_;
  if (hyph)
    L += v[e].width;
  double r = 0;
  if (L > W)
    r = Z > 0 ? fmax(-1, (W - L) / Z) : 0;
  else if (ps->align == 'j' && !last && Y > 0)
    r = (W - L) / Y;
  if (r > 4)
    r = 0; /* a hopeless line: better ragged than torn apart */
  double used = L + (r < 0 ? r * Z : r * Y);
  if (used > W + 0.01)
    c->overfull++;
  double x = x0;
  if (ps->align == 'c')
    x += (W - used) / 2;
  else if (ps->align == 'r')
    x += W - used;
  buf frag = S_scratch(c)->frag; /* handed back below */
  buf_clear(&frag);
  int frun = -1;
  double fx = 0;
  size_t lastlink = (size_t)-1; /* index: the array may move */
  for (size_t i = s; i <= e; i++) {
    bool glue = i < e && v[i].kind == KP_GLUE;
    bool box = i < e && v[i].kind == KP_BOX;
    bool hy = i == e && hyph;
    int run = I->m[i].run;
    int st_i = R->runs[run].st;
    bool flush = glue || i == e ||
                 (box && frun >= 0 && R->runs[frun].st != st_i);
    if (flush && frun >= 0) {
      if (hy)
        buf_putc(&frag, '-');
      S_style *st = &R->sts[R->runs[frun].st];
      double w = font_text_width(st->font, frag.data, frag.len, st->size);
      /* a real space after a word that is followed by another on the line:
       * invisible, but copy and paste and screen readers need it (the next
       * word is placed by its own position anyway) */
      if (glue && !st->rise)
        buf_putc(&frag, ' ');
      /* and at a line's end, where a reader of the tagged PDF's structure
       * would otherwise run the line's last word into the next line's */
      if (i == e && v[e].kind == KP_GLUE && !st->rise)
        buf_putc(&frag, ' ');
      lay_box_text(&ln->b, st->font, st->size, st->colour, fx, -st->rise,
                   buf_cstr(&frag));
      /* the tagged PDF gives the hyphenated word whole, and the reference
       * mark its own element */
      ln->b.v[ln->b.len - 1].hyph = hy ? 1 : 0;
      ln->b.v[ln->b.len - 1].span = st->span;
      if (st->fn)
        ln->b.v[ln->b.len - 1].role = LR_REF;
      if (st->strike) {
        lay_box *rb = lay_boxes_add(&ln->b, LB_RULE);
        rb->x = fx;
        rb->y = -st->size * 0.28;
        rb->w = w;
        rb->lw = st->size * 0.06;
        rb->colour = st->colour;
      }
      if (st->fn) {
        S_line_fns(ln, st->fn);
        lay_box *d = lay_boxes_add(&ln->b, LB_DEST);
        char nm[40];
        snprintf(nm, sizeof nm, "fnref:%d", st->fn);
        d->text = xstrdup(nm);
        d->x = fx;
        d->y = -ps->size * 1.2;
      }
      if (st->link) {
        lay_box *ll = lastlink != (size_t)-1 ? &ln->b.v[lastlink] : NULL;
        if (ll && strcmp(ll->text, st->link) == 0 &&
            fx - (ll->x + ll->w) < ps->size) {
          ll->w = fx + w - ll->x;
        } else {
          lay_box *lb = lay_boxes_add(&ln->b, LB_LINK);
          lb->x = fx;
          lb->y = -ps->size * 0.85 - st->rise;
          lb->w = w;
          lb->h = ps->size * 1.1;
          lb->text = xstrdup(st->link);
          lastlink = ln->b.len - 1;
        }
      }
      buf_clear(&frag);
      frun = -1;
    }
    if (glue)
      x += v[i].width + (r < 0 ? r * v[i].shrink : r * v[i].stretch);
    if (box) {
      if (frun < 0) {
        frun = run;
        fx = x;
      }
      buf_put(&frag, R->text.data + I->m[i].start, I->m[i].len);
      x += v[i].width;
    }
  }
  S_scratch(c)->frag = frag;
  ln->width = used;
  ln->hyphenated = hyph;
}

static void S_set(lay_ctx *c, S_runs *R, const lay_pstyle *ps,
                  lay_lines *out) {
  S_items I = S_scratch(c)->I; /* handed back at the end */
  I.len = 0;
  double w1 = ps->width - ps->first_indent, w2 = ps->width - ps->rest_indent;
  double lw[2] = {w1, w2};
  kp_params p;
  kp_params_default(&p);
  /* hyphenation points only when the text does not fit one line anyway,
   * and, when justified, only if the lines cannot be set well without
   * them (the first pass, TeX's \pretolerance): most paragraphs can, and
   * then skip the hyphenation look-ups and a second tokenising */
  S_tokenise(c, R, &I, false, fmin(w1, w2));
  bool one = kp_fits_one_line(I.v, I.len, w1);
  kp_result first = {0};
  if (!one && ps->align == 'j' && I.len > 2) {
    first = kp_break_first_pass(I.v, I.len, lw, 2, &p);
    p.pretolerance = -1; /* tried: the passes below start at the second */
  }
  if (ps->hyphenate && !one && !first.nlines) {
    I.len = 0;
    S_tokenise(c, R, &I, true, fmin(w1, w2));
  }
  kp_result res;
  size_t last = I.len - 1;
  if (I.len > 2) {
    if (one) {
      /* what the line breaker's own fast path would give, without it */
      res = (kp_result){0};
      res.breaks = &last;
      res.nlines = 1;
    } else if (first.nlines) {
      res = first;
    } else if (ps->align == 'j') {
      res = kp_break(I.v, I.len, lw, 2, &p);
    } else {
      res = kp_break_ragged(I.v, I.len, lw, 2);
    }
    if (res.nlines == 0 || res.breaks[res.nlines - 1] != I.len - 1) {
      /* the breaker gave nothing usable: plain first fit, which always
         ends at the paragraph's end */
      kp_result_free(&res);
      res = kp_break_first_fit(I.v, I.len, lw, 2);
    }
    size_t s = 0;
    for (size_t k = 0; k < res.nlines; k++) {
      size_t e = res.breaks[k];
      while (s < e && I.v[s].kind != KP_BOX)
        s++;
      XGROW(out->v, out->cap, out->len + 1);
      lay_line *ln = &out->v[out->len++];
      memset(ln, 0, sizeof *ln);
      double ind = k == 0 ? ps->first_indent : ps->rest_indent;
      S_make_line(c, R, &I, s, e, ps->width - ind, ind, ps,
                  k + 1 == res.nlines, ln);
      s = e + 1;
    }
    if (!one)
      kp_result_free(&res);
  }
  S_scratch(c)->I = I;
  /* the first word of a line after a hyphenated one is the rest of it */
  for (size_t k = 1; k < out->len; k++) {
    if (!out->v[k - 1].hyphenated)
      continue;
    for (size_t i = 0; i < out->v[k].b.len; i++)
      if (out->v[k].b.v[i].kind == LB_TEXT) {
        out->v[k].b.v[i].hyph = 2;
        break;
      }
  }
}

static void S_prefix(lay_ctx *c, S_runs *R, const lay_pstyle *ps) {
  if (!ps->prefix)
    return;
  S_state s = {0};
  s.bold = !ps->prefix_sup;
  s.sup = ps->prefix_sup;
  s.link = ps->prefix_link;
  S_add_run(c, R, ps, &s, ps->prefix, strlen(ps->prefix));
  S_state sp = {0};
  S_add_run(c, R, ps, &sp, " ", 1);
}

void lay_set_inlines(lay_ctx *c, const doc_node *parent, const lay_pstyle *ps,
                     lay_lines *out) {
  if (lay_cache_take_lines(c, parent, ps, out))
    return;
  size_t from = out->len, overfull = c->overfull;
  S_runs *R = S_runs_get(c);
  S_prefix(c, R, ps);
  S_state s = {0};
  S_collect(c, R, ps, parent, s);
  S_set(c, R, ps, out);
  for (size_t k = from; k < out->len; k++)
    for (size_t i = 0; i < out->v[k].b.len; i++)
      out->v[k].b.v[i].node = parent;
  lay_cache_put_lines(c, parent, ps, out, from, c->overfull - overfull);
}

void lay_measure_inlines(lay_ctx *c, const doc_node *parent,
                         const lay_pstyle *ps, double *min, double *max) {
  if (lay_cache_measured(c, parent, ps, min, max))
    return;
  S_runs *R = S_runs_get(c);
  S_state s = {0};
  S_collect(c, R, ps, parent, s);
  S_items I = S_scratch(c)->I; /* handed back at the end */
  I.len = 0;
  S_tokenise(c, R, &I, ps->hyphenate, 1e9);
  double word = 0, line = 0;
  *min = *max = 0;
  for (size_t i = 0; i < I.len; i++) {
    const kp_item *it = &I.v[i];
    if (it->kind == KP_BOX) {
      word += it->width;
      line += it->width;
    } else if (it->kind == KP_GLUE) {
      word = 0;
      if (it->stretch < 1e5)
        line += it->width;
    } else if (it->penalty <= -KP_INFINITY) {
      word = 0;
      line = 0;
    }
    if (word > *min)
      *min = word;
    if (line > *max)
      *max = line;
  }
  S_scratch(c)->I = I;
  lay_cache_put_measured(c, parent, ps, *min, *max);
}

void lay_set_plain(lay_ctx *c, const char *text, const lay_pstyle *ps,
                   lay_lines *out) {
  S_runs *R = S_runs_get(c);
  S_prefix(c, R, ps);
  S_state s = {0};
  S_add_run(c, R, ps, &s, text, strlen(text));
  S_set(c, R, ps, out);
}

void lay_lines_free(lay_lines *ls) {
  for (size_t i = 0; i < ls->len; i++) {
    lay_boxes_free(&ls->v[i].b);
    free(ls->v[i].fns);
  }
  free(ls->v);
  memset(ls, 0, sizeof *ls);
}
