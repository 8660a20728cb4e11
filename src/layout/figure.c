/* figure.c - figures: a chart (vector drawing) or a PNG/JPEG image, scaled
 * to fit the text width and centred, with "Figur N. caption" below and kept
 * together with it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lay_int.h"
#include "../util/mem.h"

/* Pixel size of a PNG or JPEG from its header. */
static bool S_image_size(const char *path, double *w, double *h) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return false;
  unsigned char b[32];
  bool ok = false;
  size_t n = fread(b, 1, 24, f);
  if (n >= 24 && memcmp(b, "\x89PNG", 4) == 0) {
    *w = (b[16] << 24 | b[17] << 16 | b[18] << 8 | b[19]);
    *h = (b[20] << 24 | b[21] << 16 | b[22] << 8 | b[23]);
    ok = *w > 0 && *h > 0;
  } else if (n >= 4 && b[0] == 0xFF && b[1] == 0xD8) {
    fseek(f, 2, SEEK_SET);
    for (;;) {
      int c = fgetc(f);
      while (c != EOF && c != 0xFF)
        c = fgetc(f);
      while (c == 0xFF)
        c = fgetc(f);
      if (c == EOF)
        break;
      unsigned char l[2];
      if (fread(l, 1, 2, f) != 2)
        break;
      int len = l[0] << 8 | l[1];
      if ((c >= 0xC0 && c <= 0xC3) || (c >= 0xC5 && c <= 0xC7) ||
          (c >= 0xC9 && c <= 0xCB) || (c >= 0xCD && c <= 0xCF)) {
        unsigned char s[5];
        if (fread(s, 1, 5, f) == 5) {
          *h = s[1] << 8 | s[2];
          *w = s[3] << 8 | s[4];
          ok = *w > 0 && *h > 0;
        }
        break;
      }
      if (fseek(f, len - 2, SEEK_CUR) != 0)
        break;
    }
  }
  fclose(f);
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
    if (!S_image_size(img->text, &w, &h)) {
      if (c->pass == 0)
        diag_warning(c->diags, img->file, img->line, img->col,
                   TR("billedet %s kan ikke læses (kun PNG og JPEG); det er "
                      "udeladt af PDF'en",
                      "the image %s cannot be read (only PNG and JPEG); it "
                      "is left out of the PDF"),
                   img->text);
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
