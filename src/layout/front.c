/* front.c - the title page and the generated lists: contents, tables,
 * figures. Page numbers come from the previous layout pass (lay_document
 * repeats the layout until they stop moving). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/internal.h"
#include "util/mem.h"

static int S_prev_page(const lay_ctx *c, const doc_node *n) {
  for (size_t i = 0; i < c->nprev; i++)
    if (c->prev[i].node == n)
      return c->prev[i].page;
  return -1;
}

/* Places set lines at absolute positions inside the title-page item. */
static double S_put(lay_ctx *c, lay_item *it, const char *text,
                    font_family *fam, font_style st, double size, long colour,
                    double y) {
  if (!text || !*text)
    return y;
  lay_pstyle p = {0};
  p.fam = fam;
  p.base = st;
  p.size = size;
  p.leading = size * 1.25;
  p.colour = colour;
  p.align = 'l';
  p.width = c->s.tw;
  lay_lines ls = {0};
  lay_set_plain(c, text, &p, &ls);
  for (size_t i = 0; i < ls.len; i++) {
    lay_tag_boxes(&ls.v[i].b, NULL, LR_TITLE);
    for (size_t k = 0; i > 0 && k < ls.v[i].b.len; k++)
      ls.v[i].b.v[k].start = false; /* one paragraph, however many lines */
    lay_boxes_move(&it->b, &ls.v[i].b, 0, y + size);
    y += p.leading;
  }
  lay_lines_free(&ls);
  return y;
}

/* Places image n in the title-page item, as large as fits in max_w x max_h
 * (never enlarged beyond 96 dpi), at y, left-aligned or centred. Returns
 * the height it takes, 0 for none. */
static double S_put_image(lay_ctx *c, lay_item *it, const doc_node *n,
                          double max_w, double max_h, double y, bool centre) {
  double w, h;
  if (!n || max_w <= 0 || max_h <= 0 || !lay_image_size(n->text, &w, &h) ||
      w <= 0 || h <= 0)
    return 0;
  w *= 0.75;
  h *= 0.75;
  double scale = fmin(1.0, fmin(max_w / w, max_h / h));
  lay_box *b = lay_boxes_add(&it->b, LB_IMAGE);
  b->node = n; /* tagged as a Figure with the image's text (pdf/tags.c) */
  b->w = w * scale;
  b->h = h * scale;
  b->x = centre ? (c->s.tw - b->w) / 2 : 0;
  b->y = y;
  b->text = xstrdup(n->text);
  return b->h;
}

void lay_title_page(lay_ctx *c) {
  const doc_meta *m = &c->d->meta;
  if (!m->title)
    return;
  lay_item *it = lay_item_add(c, IT_BOXES, c->s.th);
  it->title_page = true;
  font_family *hf = c->f->heading, *bf = c->f->body;
  double y = 0;
  /* the logo above the organisation's name */
  double lh = S_put_image(c, it, doc_title_image(c->d, DOC_LOGO), c->s.tw * 0.4,
                          c->s.size * 5, 0, false);
  if (lh > 0)
    y = lh + c->s.size;
  y = S_put(c, it, m->organisation, hf, FONT_BOLD, c->s.size + 1,
            c->s.accent, y);
  lay_box *r = lay_boxes_add(&it->b, LB_RULE);
  r->x = 0;
  r->y = y + 8;
  r->w = c->s.tw;
  r->lw = 1.2;
  r->colour = c->s.accent;
  y = c->s.th * 0.28;
  y = S_put(c, it, m->title, hf, FONT_BOLD, c->s.title_size,
            c->s.heading_colour, y);
  y += c->s.subtitle_size * 0.6;
  y = S_put(c, it, m->subtitle, hf, FONT_REGULAR, c->s.subtitle_size,
            c->s.heading_colour, y);
  y += c->s.subtitle_size * 1.2;
  y = S_put(c, it, m->edition_title, hf, FONT_BOLD, c->s.size + 3,
            c->s.accent, y);
  /* a public edition says what it is (NULL in an internal one) */
  y = S_put(c, it, m->public_label, hf, FONT_REGULAR, c->s.size + 1,
            c->s.accent, y);
  /* authors and date at the lower part, the cover image between */
  double yb = c->s.th * 0.72;
  y += c->s.size * 1.5;
  S_put_image(c, it, doc_title_image(c->d, DOC_COVER), c->s.tw,
              yb - c->s.size * 2 - y, y, true);
  buf a = BUF_INIT;
  for (size_t i = 0; i < m->nauthors; i++)
    buf_printf(&a, "%s%s", i ? (i + 1 == m->nauthors ? " og " : ", ") : "",
               m->authors[i]);
  if (c->d->meta.lang && strcmp(c->d->meta.lang, "en") == 0) {
    /* " og " is Danish; English uses "and" */
    buf b2 = BUF_INIT;
    for (size_t i = 0; i < m->nauthors; i++)
      buf_printf(&b2, "%s%s", i ? (i + 1 == m->nauthors ? " and " : ", ") : "",
                 m->authors[i]);
    buf_free(&a);
    a = b2;
  }
  yb = S_put(c, it, buf_cstr(&a), bf, FONT_REGULAR, c->s.size + 1.5,
             c->s.text, yb);
  buf_free(&a);
  yb += 4;
  S_put(c, it, c->d->res->date_display, bf, FONT_REGULAR, c->s.size,
        c->s.muted, yb);
  if (m->fictional) {
    const char *w = locale_get(c->l, "fictional");
    font *f = lay_font(hf, FONT_BOLD);
    double sz = c->s.size + 1;
    double tw = lay_text_width(f, w, sz);
    lay_box *bg = lay_boxes_add(&it->b, LB_RECT);
    bg->x = 0;
    bg->y = c->s.th - sz * 2.2;
    bg->w = tw + sz * 1.6;
    bg->h = sz * 2.2;
    bg->colour = c->s.accent;
    lay_box_text(&it->b, f, sz, 0xffffff, sz * 0.8, c->s.th - sz * 0.75, w);
    lay_tag_boxes(&it->b, NULL, LR_TITLE);
  }
  lay_item_add(c, IT_BREAK, 0);
}

/* One entry: text ragged in its column, dot leaders, the page number at the
 * right edge, the whole entry a link. */
static void S_entry(lay_ctx *c, const doc_node *list, const char *text,
                    const char *dest, int page, double indent, bool bold,
                    double space_before) {
  double size = c->s.size;
  font *nf = lay_font(c->f->body, bold ? FONT_BOLD : FONT_REGULAR);
  char num[16] = "";
  if (page >= 0)
    snprintf(num, sizeof num, "%d", page + 1);
  else
    snprintf(num, sizeof num, "%s", "00");
  double numw = lay_text_width(nf, num, size);
  double col = lay_text_width(nf, "0000", size);
  lay_pstyle p = {0};
  p.fam = c->f->body;
  p.base = bold ? FONT_BOLD : FONT_REGULAR;
  p.size = size;
  p.leading = c->s.leading;
  p.colour = c->s.text;
  p.align = 'l';
  p.width = c->s.tw - indent - col - size;
  p.rest_indent = size;
  lay_lines ls = {0};
  lay_set_plain(c, text, &p, &ls);
  if (!ls.len) {
    lay_lines_free(&ls);
    return;
  }
  if (space_before > 0)
    lay_space(c, space_before);
  size_t first = c->items.len;
  double endx = indent + ls.v[ls.len - 1].width +
                (ls.len > 1 ? p.rest_indent : 0);
  lay_add_lines(c, &ls, p.leading, indent, true);
  lay_lines_free(&ls);
  lay_tag(c, first, list, LR_TOCI);
  lay_item *last = &c->items.v[c->items.len - 1];
  double base = p.leading / 2 + size * 0.3;
  /* dots on a fixed grid so that the leaders line up down the page */
  font *df = lay_font(c->f->body, FONT_REGULAR);
  double pitch = size * 0.55, dotw = lay_text_width(df, ".", size);
  double x0 = ceil((endx + size * 0.5) / pitch) * pitch;
  double x1 = c->s.tw - numw - size * 0.5;
  int ndots = 0;
  for (double x = x0; x + dotw <= x1; x += pitch)
    ndots++;
  for (int i = 0; i < ndots; i++)
    lay_box_text(&last->b, df, size, c->s.muted, x0 + i * pitch, base, ".");
  lay_box_text(&last->b, nf, size, c->s.text, c->s.tw - numw, base, num);
  last->b.v[last->b.len - 1].node = list; /* the dots are decoration */
  last->b.v[last->b.len - 1].role = LR_TOCI;
  if (dest) {
    char lk[300];
    snprintf(lk, sizeof lk, "#%s", dest);
    for (size_t i = first; i < c->items.len; i++) {
      lay_box *b = lay_boxes_add(&c->items.v[i].b, LB_LINK);
      b->x = indent;
      b->y = 0;
      b->w = c->s.tw - indent;
      b->h = c->items.v[i].h;
      b->text = xstrdup(lk);
      b->node = list;
      b->role = LR_TOCI;
    }
  }
}

/* The contents as the resolve stage listed them (d->res). */
static void S_toc(lay_ctx *c, const doc_node *list) {
  const doc_entries *v = &c->d->res->contents;
  for (size_t i = 0; i < v->len; i++) {
    const doc_entry *e = &v->items[i];
    buf t = BUF_INIT;
    if (*e->number_text)
      buf_printf(&t, "%s ", e->number_text);
    buf_puts(&t, e->title_text);
    double indent = (e->level - 1) * c->s.size * 1.6;
    S_entry(c, list, buf_cstr(&t), e->target_id, S_prev_page(c, e->node),
            indent, e->level == 1, e->level == 1 ? c->s.size * 0.5 : 0);
    buf_free(&t);
  }
}

/* The list of tables or figures from d->res; "tbl-3" / "fig-2" is the
 * destination of one without an id. */
static void S_list_of(lay_ctx *c, const doc_node *list,
                      const doc_entries *v, const char *prefix,
                      const char *word) {
  for (size_t i = 0; i < v->len; i++) {
    const doc_entry *e = &v->items[i];
    buf t = BUF_INIT;
    buf_printf(&t, "%s %s. %s", word, e->number_text, e->title_text);
    char dest[40];
    snprintf(dest, sizeof dest, "%s-%s", prefix, e->number_text);
    S_entry(c, list, buf_cstr(&t), e->target_id ? e->target_id : dest,
            S_prev_page(c, e->node), 0, false, 0);
    buf_free(&t);
  }
}

void lay_toc(lay_ctx *c, const doc_node *n) {
  const doc_resolved *r = c->d->res;
  if (n->type == DOC_TOC) {
    lay_heading_plain(c, locale_get(c->l, "contents"), "toc", 1, n);
    S_toc(c, n);
  } else if (n->type == DOC_LIST_OF_TABLES) {
    lay_heading_plain(c, locale_get(c->l, "list_of_tables"), "lot", 2, n);
    S_list_of(c, n, &r->tables, "tbl", locale_get(c->l, "table"));
  } else {
    lay_heading_plain(c, locale_get(c->l, "list_of_figures"), "lof", 2, n);
    S_list_of(c, n, &r->figures, "fig", locale_get(c->l, "figure"));
  }
  lay_space(c, c->s.par_space * 2);
}
