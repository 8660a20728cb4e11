/* page.c - the page builder: cuts the vertical list into pages.
 *
 * A page takes items while they fit (footnotes of its lines included); at
 * the first item that does not fit it breaks at the last legal point
 * before it: never before an item marked keep_prev (the second and last
 * line of a paragraph, whatever follows a heading or a caption), and not
 * after a hyphenated line when a break one line earlier is legal. A table
 * row taller than the space left is split; a table continued on a new page
 * repeats its header rows. Then running header, footer and footnotes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/internal.h"
#include "util/mem.h"
#include "util/utf8.h"

#define EPS 0.01

static lay_page *S_new_page(lay_result *r) {
  XGROW(r->pages, r->cap, r->npages + 1);
  lay_page *p = &r->pages[r->npages++];
  memset(p, 0, sizeof *p);
  p->number = (int)r->npages;
  p->width = r->page_width;
  p->height = r->page_height;
  return p;
}

static bool S_has(const int *v, size_t n, int x) {
  for (size_t i = 0; i < n; i++)
    if (v[i] == x)
      return true;
  return false;
}

typedef struct {
  int *v;
  size_t len, cap;
} S_ints;

static void S_push(S_ints *s, int x) {
  XGROW(s->v, s->cap, s->len + 1);
  s->v[s->len++] = x;
}

/* Extra height the footnotes of `it` add to a page already holding fns. */
static double S_fn_extra(const lay_ctx *c, const lay_item *it,
                         const S_ints *fns) {
  double h = 0;
  for (size_t k = 0; k < it->nfns; k++) {
    int f = it->fns[k];
    if (f <= 0 || f >= c->nfns || S_has(fns->v, fns->len, f))
      continue;
    if (fns->len == 0 && h == 0)
      h += c->s.fn_leading; /* the separator */
    h += c->fns[f].h;
  }
  return h;
}

static void S_fn_add(const lay_ctx *c, const lay_item *it, S_ints *fns) {
  for (size_t k = 0; k < it->nfns; k++) {
    int f = it->fns[k];
    if (f > 0 && f < c->nfns && c->fns[f].items.len &&
        !S_has(fns->v, fns->len, f))
      S_push(fns, f);
  }
}

/* The previous non-space item before index i, or NULL. */
static const lay_item *S_prev_real(const lay_ctx *c, size_t i) {
  while (i > 0) {
    i--;
    if (c->items.v[i].kind == IT_BOXES)
      return &c->items.v[i];
    if (c->items.v[i].kind == IT_BREAK)
      return NULL;
  }
  return NULL;
}

/* Cuts text to maxw, ending in an ellipsis. Caller frees. */
static char *S_fit(font *f, const char *raw, double size, double maxw) {
  buf clean = BUF_INIT; /* what libharu can draw: valid UTF-8, BMP only */
  utf8_sanitize(&clean, raw, strlen(raw), true);
  char *s = buf_detach(&clean);
  if (!s)
    s = xstrdup("");
  if (lay_text_width(f, s, size) <= maxw)
    return s;
  buf b = BUF_INIT;
  size_t n = strlen(s), i = 0;
  while (i < n) {
    uint32_t cp;
    int k = utf8_decode(s + i, n - i, &cp);
    buf_put(&b, s + i, (size_t)k);
    buf_puts(&b, "\xe2\x80\xa6");
    if (lay_text_width(f, b.data, size) > maxw) {
      b.len -= 3 + (size_t)k;
      break;
    }
    b.len -= 3;
    i += (size_t)k;
  }
  while (b.len && b.data[b.len - 1] == ' ')
    b.len--;
  buf_puts(&b, "\xe2\x80\xa6");
  free(s);
  return buf_detach(&b);
}

/* The running head (title, the chapter unless it starts on the page, a
 * rule; title as fitted by lay_paginate) and the page number. */
static void S_running(lay_ctx *c, lay_page *p, const char *title,
                      const char *chapter, bool header) {
  const lay_style *s = &c->s;
  font *f = lay_font(c->f->body, FONT_REGULAR);
  font *fi = lay_font(c->f->body, FONT_ITALIC);
  double sz = s->run_size;
  lay_boxes *b = &p->b;
  size_t from = b->len;
  if (header) {
    double y = s->mt - sz * 2.4;
    lay_box_text(b, fi, sz, s->muted, s->ml, y, title);
    if (chapter) {
      char *right = S_fit(f, chapter, sz, s->tw * 0.5);
      double w = lay_text_width(f, right, sz);
      lay_box_text(b, f, sz, s->muted, s->ml + s->tw - w, y, right);
      free(right);
    }
    lay_box *r = lay_boxes_add(b, LB_RULE);
    r->x = s->ml;
    r->y = y + sz * 0.55;
    r->w = s->tw;
    r->lw = 0.4;
    r->colour = s->rule;
  }
  char num[16];
  snprintf(num, sizeof num, "%d", p->number);
  double w = lay_text_width(f, num, sz + 0.5);
  lay_box_text(b, f, sz + 0.5, s->text, s->ml + (s->tw - w) / 2,
               s->ph - s->mb + sz * 3.2, num);
  for (size_t i = from; i < b->len; i++)
    b->v[i].role = LR_PAGINATION;
}

static void S_place(lay_page *p, lay_item *it, double x, double y) {
  lay_boxes_move(&p->b, &it->b, x, y);
}

static void S_record(lay_ctx *c, const lay_item *it, int page, double y) {
  if (it->heading >= 0) {
    c->heads[it->heading].page = page;
    c->heads[it->heading].y = y;
  }
  if (it->anchor) {
    XGROW(c->anch, c->acap, c->nanch + 1);
    c->anch[c->nanch].node = it->anchor;
    c->anch[c->nanch++].page = page;
  }
}

/* Inserts a copy slot after index j (for a split row's remainder). */
static void S_insert_after(lay_ctx *c, size_t j, const lay_item *rest) {
  XGROW(c->items.v, c->items.cap, c->items.len + 1);
  memmove(c->items.v + j + 2, c->items.v + j + 1,
          (c->items.len - j - 1) * sizeof *c->items.v);
  c->items.v[j + 1] = *rest;
  c->items.len++;
}

/* A float (short table, figure) that does not fit at k: text that follows
 * it moves up to fill the page, as LaTeX floats do, when the page would
 * otherwise end more than a fifth empty. True if items moved. */
static bool S_float(lay_ctx *c, size_t i, size_t k, double hh) {
  size_t n = c->items.len;
  size_t a = k;
  while (a < n && c->items.v[a].kind == IT_SPACE)
    a++;
  if (a >= n || !c->items.v[a].fl)
    return false;
  int f = c->items.v[a].fl;
  size_t g = a;
  while (g < n && c->items.v[g].fl == f)
    g++;
  /* the space after the float stays with it (it holds the space before a
   * following heading); the text moves from the first item after it */
  size_t g2 = g;
  while (g2 < n && c->items.v[g2].kind == IT_SPACE)
    g2++;
  double used = hh, fnh = 0;
  S_ints fns = {0};
  for (size_t x = i; x < k; x++) {
    double e = S_fn_extra(c, &c->items.v[x], &fns);
    used += c->items.v[x].h;
    fnh += e;
    S_fn_add(c, &c->items.v[x], &fns);
  }
  bool ok = used + fnh < c->s.th * 0.8;
  size_t t = g2, last_ok = g2;
  while (ok && t < n) {
    const lay_item *it = &c->items.v[t];
    if (it->kind == IT_BREAK || it->fl || it->tab || it->heading >= 0 ||
        it->title_page)
      break;
    double e = S_fn_extra(c, it, &fns);
    if (used + it->h + fnh + e > c->s.th + EPS)
      break;
    used += it->h;
    fnh += e;
    S_fn_add(c, it, &fns);
    t++;
    if (t < n && !c->items.v[t].keep_prev && c->items.v[t].kind != IT_SPACE)
      last_ok = t;
  }
  free(fns.v);
  /* at least two lines, or the move is not worth the change of order */
  size_t lines = 0;
  for (size_t x = g2; x < last_ok; x++)
    lines += c->items.v[x].kind == IT_BOXES;
  if (!ok || lines < 2)
    return false;
  /* rotate: [k, g2) [g2, last_ok) -> [g2, last_ok) [k, g2) */
  size_t na = g2 - k, nb = last_ok - g2;
  lay_item *tmp = xmalloc(na * sizeof *tmp);
  memcpy(tmp, c->items.v + k, na * sizeof *tmp);
  memmove(c->items.v + k, c->items.v + g2, nb * sizeof *tmp);
  memcpy(c->items.v + k + nb, tmp, na * sizeof *tmp);
  free(tmp);
  c->items.v[k].keep_prev = false;
  return true;
}

void lay_paginate(lay_ctx *c, lay_result *r) {
  const lay_style *s = &c->s;
  r->page_width = s->pw;
  r->page_height = s->ph;
  r->left = s->ml;
  r->right = s->ml + s->tw;
  r->top = s->mt;
  r->bottom = s->mt + s->th;
  r->running_title = S_fit(lay_font(c->f->body, FONT_ITALIC),
                           c->d->meta.title ? c->d->meta.title : "",
                           s->run_size, s->tw * 0.45);
  const char *chapter = NULL;
  size_t i = 0;
  while (i < c->items.len) {
    while (i < c->items.len && c->items.v[i].kind != IT_BOXES)
      i++;
    if (i >= c->items.len)
      break;
    /* a landscape table's page is turned while it is built (landscape.c);
       s points at c->s, so everything below sees the turned page */
    bool turned = c->items.v[i].landscape;
    if (turned)
      lay_style_turn(&c->s);
    /* a table continued from the previous page repeats its header */
    struct lay_table *cont = NULL;
    double hh = 0;
    const lay_item *pr = S_prev_real(c, i);
    if (c->items.v[i].tab && !c->items.v[i].header && pr &&
        pr->tab == c->items.v[i].tab) {
      cont = c->items.v[i].tab;
      lay_items tmp = {0};
      hh = lay_table_header(cont, &tmp);
      lay_items_free(&tmp);
    }
    /* find the end of the page */
    double used = hh, fnh = 0;
    S_ints fns = {0};
    size_t end = c->items.len, j;
    bool forced = false, retry = false;
    double shrink = 0; /* share of each space given up on this page */
    for (j = i; j < c->items.len; j++) {
      lay_item *it = &c->items.v[j];
      if (it->kind == IT_BREAK) {
        end = j;
        forced = true;
        break;
      }
      double extra = S_fn_extra(c, it, &fns);
      if (used + it->h + fnh + extra <= s->th + EPS) {
        used += it->h;
        fnh += extra;
        S_fn_add(c, it, &fns);
        continue;
      }
      if (it->kind == IT_SPACE && !it->keep_prev) {
        end = j;
        break;
      }
      /* the last lines of a chapter fit if the spaces on the page give
       * up to half their height (TeX's shrinkable glue): better than a
       * page holding two lines */
      if (!cont) {
        double rest = 0, spaces = 0;
        bool fn = false;
        size_t e = j;
        for (size_t k = i; k < j; k++)
          if (c->items.v[k].kind == IT_SPACE)
            spaces += c->items.v[k].h;
        while (e < c->items.len && c->items.v[e].kind != IT_BREAK &&
               rest <= spaces * 0.5) {
          rest += c->items.v[e].h;
          fn = fn || c->items.v[e].nfns;
          e++;
        }
        if (!fn && (e == c->items.len || c->items.v[e].kind == IT_BREAK) &&
            used + rest + fnh <= s->th + spaces * 0.5) {
          shrink = (used + rest + fnh - s->th) / spaces;
          end = e;
          forced = e < c->items.len;
          break;
        }
      }
      /* a tall table row is split at the page foot */
      double avail = s->th - used - fnh - extra;
      if (it->tab && avail > 2 * s->t_leading + 2 * s->t_pad) {
        lay_item rest;
        if (lay_table_split(c, it, avail, &rest)) {
          S_insert_after(c, j, &rest);
          it = &c->items.v[j];
          used += it->h;
          fnh += extra;
          S_fn_add(c, it, &fns);
          end = j + 1;
          break;
        }
      }
      /* back up to the last legal break */
      size_t k = j;
      while (k > i && c->items.v[k].keep_prev)
        k--;
      if (k > i && S_float(c, i, k, hh)) {
        retry = true;
        break;
      }
      if (k > i) {
        /* avoid a hyphen at the foot of the page: one line earlier */
        const lay_item *last = S_prev_real(c, k);
        if (last && last->hyphenated) {
          size_t k2 = k - 1;
          while (k2 > i && c->items.v[k2].keep_prev)
            k2--;
          if (k2 > i && k - k2 <= 2)
            k = k2;
        }
        end = k;
      } else {
        end = j > i ? j : i + 1; /* nothing legal: break at the overflow */
        r->forced_breaks++;
      }
      break;
    }
    free(fns.v);
    if (retry) {
      if (turned)
        lay_style_turn(&c->s);
      continue; /* text moved up past a float: fill this page again */
    }
    /* place */
    lay_page *p = S_new_page(r);
    p->width = s->pw;
    p->height = s->ph;
    int pg = (int)r->npages - 1;
    double y = s->mt;
    bool title_page = false, starts_chapter = false;
    if (cont) {
      lay_items hdr = {0};
      lay_table_header(cont, &hdr);
      for (size_t h = 0; h < hdr.len; h++) {
        /* the header rows were tagged where the table began */
        for (size_t x = 0; x < hdr.v[h].b.len; x++) {
          hdr.v[h].b.v[x].node = NULL;
          hdr.v[h].b.v[x].role = LR_PAGINATION;
        }
        S_place(p, &hdr.v[h], s->ml, y);
        y += hdr.v[h].h;
      }
      lay_items_free(&hdr);
    }
    S_ints pfns = {0};
    const char *page_chapter = chapter;
    for (size_t k = i; k < end; k++) {
      lay_item *it = &c->items.v[k];
      if (it->kind == IT_SPACE) {
        y += it->h * (1 - fmax(0, shrink));
        continue;
      }
      if (it->kind != IT_BOXES)
        continue;
      if (it->title_page)
        title_page = true;
      if (it->heading >= 0 && c->heads[it->heading].level == 1) {
        chapter = c->heads[it->heading].title;
        if (k == i || y - s->mt < s->th * 0.3)
          starts_chapter = true;
      }
      S_record(c, it, pg, y);
      S_fn_add(c, it, &pfns);
      S_place(p, it, s->ml, y);
      y += it->h;
    }
    /* a table that goes on: a light rule closes this page's part */
    if (end < c->items.len && end > i) {
      const lay_item *last = S_prev_real(c, end);
      const lay_item *next = NULL;
      for (size_t k = end; k < c->items.len && !next; k++)
        if (c->items.v[k].kind == IT_BOXES)
          next = &c->items.v[k];
        else if (c->items.v[k].kind == IT_BREAK)
          break;
      if (last && next && last->tab && last->tab == next->tab) {
        lay_box *rl = lay_boxes_add(&p->b, LB_RULE);
        rl->x = s->ml + lay_table_indent(last->tab);
        rl->y = y;
        rl->w = lay_table_width(last->tab);
        rl->lw = s->t_rule_w;
        rl->colour = s->t_rule;
      }
    }
    /* footnotes at the foot */
    double fh = 0;
    for (size_t k = 0; k < pfns.len; k++)
      fh += c->fns[pfns.v[k]].h;
    if (pfns.len) {
      double fy = s->mt + s->th - fh;
      lay_box *rl = lay_boxes_add(&p->b, LB_RULE);
      rl->x = s->ml;
      rl->y = fy - s->fn_leading * 0.5;
      rl->w = s->tw * 0.3;
      rl->lw = 0.5;
      rl->colour = s->rule;
      for (size_t k = 0; k < pfns.len; k++) {
        lay_fn *fn = &c->fns[pfns.v[k]];
        for (size_t m = 0; m < fn->items.len; m++) {
          lay_boxes_copy(&p->b, &fn->items.v[m].b, s->ml, fy);
          fy += fn->items.v[m].h;
        }
      }
    }
    free(pfns.v);
    if (!title_page)
      S_running(c, p, r->running_title,
                starts_chapter ? NULL : page_chapter, !starts_chapter);
    if (turned)
      lay_style_turn(&c->s);
    i = forced ? end + 1 : end;
  }
  if (r->npages == 0)
    S_new_page(r); /* an empty document is still a valid PDF */
  /* headings for the outline */
  r->headings = xcalloc(c->nheads ? c->nheads : 1, sizeof *r->headings);
  for (size_t h = 0; h < c->nheads; h++) {
    if (c->heads[h].page < 0)
      continue;
    lay_heading *o = &r->headings[r->nheadings++];
    *o = c->heads[h];
    o->title = xstrdup(c->heads[h].title);
    o->dest = c->heads[h].dest ? xstrdup(c->heads[h].dest) : NULL;
  }
}
