/* svg.c - charts as inline SVG and images as data: URIs, so the page
 * needs no other file and makes no request. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html/internal.h"
#include "doc/image.h"
#include "doc/svg.h"
#include "util/fs.h"

/* The colours of lua/lib/tegning.lua that the base CSS maps to its dark
 * palette and forced colours by hand (css.c, "charts"): keep in step. */
static const long S_mapped[] = {0x222222, 0xffffff, 0x000000, 0xd0d0d0,
                                0x606060, 0x404040, 0x5b8cc0, 0x15304f,
                                0xc2794a, 0x2b2b2b, 0x1b3f66, 0x5b7fa6,
                                0x8c8c8c, 0xbbbbbb};

static double S_lum(long c) {
  double v[3];
  for (int i = 0; i < 3; i++) {
    double x = (double)((c >> (16 - 8 * i)) & 0xff) / 255.0;
    v[i] = x <= 0.03928 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4);
  }
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

/* Any other colour (a project's own component) that is below 3:1 on the
 * dark background (#16181b in css.c) gets a lighter tint of itself for
 * dark mode, as the custom property --dk (fill) or --dks (stroke) that
 * only the dark rules of css.c read. Returns the tint, or -1. */
static long S_dark_tint(long c) {
  if (c < 0)
    return -1;
  c &= 0xffffff;
  for (size_t i = 0; i < sizeof S_mapped / sizeof *S_mapped; i++)
    if (S_mapped[i] == c)
      return -1;
  const double bg = S_lum(0x16181b);
  for (int step = 0; step <= 20; step++) {
    long t = 0;
    for (int k = 16; k >= 0; k -= 8) {
      long v = (c >> k) & 0xff;
      t |= (v + (255 - v) * step / 20) << k;
    }
    if ((S_lum(t) + 0.05) / (bg + 0.05) >= 3.2)
      return step ? t : -1;
  }
  return 0xffffff;
}

static void S_dark(buf *b, long fill, long stroke) {
  long f = S_dark_tint(fill), s = S_dark_tint(stroke);
  if (f < 0 && s < 0)
    return;
  buf_puts(b, " style=\"");
  if (f >= 0)
    buf_printf(b, "--dk:#%06lx;", f);
  if (s >= 0)
    buf_printf(b, "--dks:#%06lx", s);
  buf_putc(b, '"');
}

static void S_attr_num(buf *b, const char *name, double v) {
  buf_printf(b, " %s=\"", name);
  html_num(b, v);
  buf_putc(b, '"');
}

/* Points in the drawing are 96/72 CSS pixels, the size the PDF shows them
 * at. The chart fills the text column (up to 1.6 times that size, so its
 * 7-8 pt labels read at 11-12 px on a wide screen), and never shrinks
 * below 32rem: on a phone it scrolls sideways in its own box rather than
 * shrinking its labels below 8 px. The data table is the text alternative
 * (see html.c). */
void html_svg(html_ctx *h, const doc_drawing *dr, const char *label,
              const char *box_name, const char *variant) {
  buf *b = h->out;
  const char *tid = html_new_id(h, "diagram-titel");
  double px = dr->width * 4 / 3;
  buf_puts(b, "<div class=\"diagram-ramme");
  if (variant)
    buf_printf(b, " diagram-%s", variant);
  /* the page's script makes the box a named Tab stop while it scrolls */
  buf_puts(b, "\" data-navn=\"");
  html_attr(b, box_name);
  buf_puts(b, "\">");
  buf_puts(b, "<svg class=\"diagram\" style=\"min-width:min(");
  html_num(b, px);
  buf_puts(b, "px,32rem);max-width:");
  html_num(b, px * 1.6);
  buf_puts(b, "px\" role=\"img\" aria-labelledby=\"");
  html_id(b, tid);
  buf_puts(b, "\" viewBox=\"0 0 ");
  html_num(b, dr->width);
  buf_putc(b, ' ');
  html_num(b, dr->height);
  buf_putc(b, '"');
  S_attr_num(b, "width", dr->width * 4 / 3);
  S_attr_num(b, "height", dr->height * 4 / 3);
  buf_puts(b, " xmlns=\"http://www.w3.org/2000/svg\"><title id=\"");
  html_id(b, tid);
  buf_puts(b, "\">");
  html_text(b, label);
  buf_puts(b, "</title>\n");
  static const svg_writer w = {html_text, html_num, S_dark};
  svg_items(b, dr, &w);
  buf_puts(b, "</svg></div>");
}

void html_image(html_ctx *h, const doc_node *img, const char *alt) {
  buf *b = h->out;
  image im;
  char why[300];
  const char *hint = "";
  /* the document stage decoded it; this sees the file as it is now */
  if (!img->text ||
      !image_read(&im, img->text, IMAGE_STRUCTURE, why, sizeof why, &hint)) {
    diag_error(
        h->diags, img->file, img->line, img->col, M_HTML_IMAGE_CANNOT_BE_READ,
        img->text ? img->text : M_HTML_NO_PATH_PARENTHESISED, img->text ? why : M_HTML_NO_PATH,
        img->text ? hint : M_HTML_CHECK_FIGURE_IMAGE_FIELD);
    h->errors++;
    return;
  }
  if (h->d->meta.public_label) /* a public edition: no metadata */
    image_strip(&im);
  buf_puts(b, "<img class=\"billede\" alt=\"");
  html_attr(b, alt);
  buf_putc(b, '"');
  /* a known size keeps the page from jumping on load */
  if (im.width && im.height)
    buf_printf(b, " width=\"%u\" height=\"%u\"", im.width, im.height);
  buf_printf(b, " src=\"data:%s;base64,", image_mime(im.kind));
  html_base64(b, im.data, im.len);
  buf_puts(b, "\">");
  image_free(&im);
}
