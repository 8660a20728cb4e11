/* figure.c - figures: a chart (vector drawing) or a PNG/JPEG image, scaled
 * to fit the text width and centred, with "Figur N. caption" below and kept
 * together with it; and the appendix with the data behind the charts, the
 * PDF's way to the numbers a chart shows (the HTML shows them under the
 * chart): "Figur N." leads to the chart's table there, and the table's
 * caption back (the tagged PDF puts the table right after its figure). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/internal.h"
#include "doc/image.h"
#include "util/mem.h"

bool lay_image_size(const char *path, double *w, double *h) {
  image im;
  char why[300];
  const char *hint;
  if (!image_read(&im, path, IMAGE_STRUCTURE, why, sizeof why, &hint))
    return false;
  bool ok = im.kind == IMAGE_PNG || im.kind == IMAGE_JPEG;
  *w = im.width;
  *h = im.height;
  image_free(&im);
  return ok;
}

const doc_node *lay_chart_data_of(const doc_node *figure) {
  bool chart = false;
  const doc_node *data = NULL;
  for (const doc_node *k = figure->first; k; k = k->next) {
    chart = chart || (k->type == DOC_CHART && k->drawing);
    if (k->type == DOC_TABLE && (k->flags & DOC_CHART_DATA) && !data)
      data = k;
  }
  return chart ? data : NULL;
}

/* The destination of figure n, and of its data in the appendix. */
#define S_DEST 300
static void S_dests(const doc_node *n, char fig[S_DEST],
                    char data[S_DEST + 8]) {
  if (n->id)
    snprintf(fig, S_DEST, "%s", n->id);
  else
    snprintf(fig, S_DEST, "fig-%d", n->number);
  snprintf(data, S_DEST + 8, "data-%s", fig);
}

void lay_figure(lay_ctx *c, const doc_node *n) {
  const doc_node *chart = NULL, *img = NULL;
  for (const doc_node *k = n->first; k; k = k->next) {
    if (k->type == DOC_CHART && k->drawing && !(k->flags & DOC_NARROW))
      chart = k;
    else if (k->type == DOC_IMAGE && k->text)
      img = k;
  }
  double w = 0, h = 0;
  if (chart) {
    w = chart->drawing->width;
    h = chart->drawing->height;
  } else if (img) {
    if (!lay_image_size(img->text, &w, &h)) {
      if (c->pass == 0)
        diag_warning(c->diags, img->file, img->line, img->col,
                     M_LAYOUT_IMAGE_CANNOT_BE_READ, img->text);
      return;
    }
    w *= 0.75; /* 96 dpi */
    h *= 0.75;
  }
  if (w <= 0 || h <= 0)
    return;
  double avail = c->s.tw - c->indent_l - c->indent_r;
  double scale = fmin(1.0, avail / w);
  if (h * scale > c->s.th * 0.75)
    scale = c->s.th * 0.75 / h;
  /* images are never enlarged: a small bitmap blown up prints blurred */
  lay_space(c, c->s.block_space);
  lay_item *it = lay_item_add(c, IT_BOXES, h * scale + c->s.size * 0.6);
  lay_box *b = lay_boxes_add(&it->b, chart ? LB_DRAWING : LB_IMAGE);
  b->node = n;
  b->x = c->indent_l + (avail - w * scale) / 2;
  b->y = 0;
  b->w = w * scale;
  b->h = h * scale;
  if (chart) {
    b->drawing = chart->drawing;
    b->size = scale;
  } else {
    b->text = xstrdup(img->text);
  }
  char dest[S_DEST], data[S_DEST + 9];
  S_dests(n, dest, data + 1);
  data[0] = '#';
  lay_dest(it, dest);
  it->anchor = n;
  size_t first = c->items.len - 1;
  c->keep_next = true;
  lay_caption(c, n, locale_get(c->l, "figure"), false,
              chart && lay_chart_data_of(n) ? data : NULL);
  lay_float(c, first);
  lay_space(c, c->s.block_space);
}

/* The caption of figure n's data table in the appendix: "Data bag figur
 * N." (leading back to the figure) and the figure's caption, tagged as the
 * caption of the table. */
static void S_data_caption(lay_ctx *c, const doc_node *n,
                           const doc_node *table) {
  char dest[S_DEST], data[S_DEST + 8], pre[300], back[S_DEST + 1];
  S_dests(n, dest, data);
  snprintf(back, sizeof back, "#%s", dest);
  if (n->number > 0)
    snprintf(pre, sizeof pre, "%s %d.", locale_get(c->l, "chart_data_for"),
             n->number);
  else
    snprintf(pre, sizeof pre, "%s.", locale_get(c->l, "chart_data"));
  lay_pstyle p = lay_body_style(c);
  p.size = c->s.cap_size;
  p.leading = p.size * 1.3;
  p.align = 'l';
  p.prefix = pre;
  p.prefix_link = back;
  const doc_node *cap = NULL;
  for (const doc_node *k = n->first; k && !cap; k = k->next)
    if (k->type == DOC_CAPTION)
      cap = k;
  lay_lines ls = {0};
  if (cap)
    lay_set_inlines(c, cap, &p, &ls);
  else
    lay_set_plain(c, "", &p, &ls);
  for (size_t i = 0; i < ls.len; i++)
    for (size_t k = 0; k < ls.v[i].b.len; k++) {
      ls.v[i].b.v[k].node = table;
      ls.v[i].b.v[k].role = LR_CAPTION;
    }
  size_t at = c->items.len;
  lay_add_lines(c, &ls, p.leading, c->indent_l, true);
  lay_lines_free(&ls);
  if (c->items.len > at)
    lay_dest(&c->items.v[at], data);
  c->keep_next = true;
}

void lay_chart_data(lay_ctx *c) {
  bool any = false;
  doc_iter it;
  doc_event ev;
  doc_iter_init(&it, c->d->root);
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE) {
    const doc_node *n = it.cur;
    if (ev != DOC_EV_ENTER || n->type != DOC_FIGURE)
      continue;
    doc_iter_skip_children(&it);
    const doc_node *table = lay_chart_data_of(n);
    if (!table)
      continue;
    if (!any) {
      lay_item_add(c, IT_BREAK, 0);
      lay_heading_plain(c, locale_get(c->l, "chart_data_appendix"),
                        "figurdata", 1, c->d->root);
      any = true;
    }
    lay_space(c, c->s.block_space);
    S_data_caption(c, n, table);
    lay_table(c, table);
  }
}
