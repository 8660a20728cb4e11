/* figure.c - figures: a chart (vector drawing) or a PNG/JPEG image, scaled
 * to fit the text width and centred, with "Figur N. caption" below and kept
 * together with it. */
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
  char dest[40];
  snprintf(dest, sizeof dest, "fig-%d", n->number);
  lay_dest(it, n->id ? n->id : dest);
  it->anchor = n;
  size_t first = c->items.len - 1;
  c->keep_next = true;
  lay_caption(c, n, locale_get(c->l, "figure"), false);
  lay_float(c, first);
  lay_space(c, c->s.block_space);
}
