/* html_svg.c - charts as inline SVG and images as data: URIs, so the page
 * needs no other file and makes no request. */
#include <stdlib.h>
#include <string.h>

#include "html/internal.h"
#include "doc/image.h"
#include "util/fs.h"
#include "util/mem.h"

static void S_colour(buf *b, const char *attr, long c) {
  if (c < 0)
    buf_printf(b, " %s=\"none\"", attr);
  else
    buf_printf(b, " %s=\"#%06lx\"", attr, c & 0xffffff);
}

static void S_attr_num(buf *b, const char *name, double v) {
  buf_printf(b, " %s=\"", name);
  html_num(b, v);
  buf_putc(b, '"');
}

static void S_stroke(buf *b, const draw_item *it) {
  S_colour(b, "stroke", it->stroke);
  if (it->stroke >= 0) {
    S_attr_num(b, "stroke-width", it->stroke_width > 0 ? it->stroke_width : 1);
    if (it->dash > 0) {
      buf_puts(b, " stroke-dasharray=\"");
      html_num(b, it->dash);
      buf_putc(b, '"');
    }
  }
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
  buf_puts(b, "\" role=\"region\" tabindex=\"0\" aria-label=\"");
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
  for (size_t i = 0; i < dr->len; i++) {
    const draw_item *it = &dr->items[i];
    switch (it->kind) {
    case DRAW_RECT:
      buf_puts(b, "<rect");
      S_attr_num(b, "x", it->x);
      S_attr_num(b, "y", it->y);
      S_attr_num(b, "width", it->w < 0 ? 0 : it->w);
      S_attr_num(b, "height", it->h < 0 ? 0 : it->h);
      S_colour(b, "fill", it->fill);
      S_stroke(b, it);
      buf_puts(b, "/>\n");
      break;
    case DRAW_LINE:
      buf_puts(b, "<line");
      S_attr_num(b, "x1", it->x);
      S_attr_num(b, "y1", it->y);
      S_attr_num(b, "x2", it->x2);
      S_attr_num(b, "y2", it->y2);
      S_stroke(b, it);
      buf_puts(b, "/>\n");
      break;
    case DRAW_CIRCLE:
      buf_puts(b, "<circle");
      S_attr_num(b, "cx", it->x);
      S_attr_num(b, "cy", it->y);
      S_attr_num(b, "r", it->w < 0 ? 0 : it->w);
      S_colour(b, "fill", it->fill);
      S_stroke(b, it);
      buf_puts(b, "/>\n");
      break;
    case DRAW_POLYLINE:
      buf_puts(b, "<polyline points=\"");
      for (size_t k = 0; k < it->npoints; k++) {
        if (k)
          buf_putc(b, ' ');
        html_num(b, it->points[2 * k]);
        buf_putc(b, ',');
        html_num(b, it->points[2 * k + 1]);
      }
      buf_putc(b, '"');
      S_colour(b, "fill", it->fill);
      S_stroke(b, it);
      buf_puts(b, "/>\n");
      break;
    case DRAW_TEXT:
      buf_puts(b, "<text");
      S_attr_num(b, "x", it->x);
      S_attr_num(b, "y", it->y);
      S_attr_num(b, "font-size", it->font_size > 0 ? it->font_size : 8);
      if (it->anchor == 'm')
        buf_puts(b, " text-anchor=\"middle\"");
      else if (it->anchor == 'e')
        buf_puts(b, " text-anchor=\"end\"");
      if (it->bold)
        buf_puts(b, " font-weight=\"bold\"");
      if (it->fill >= 0)
        S_colour(b, "fill", it->fill);
      buf_putc(b, '>');
      if (!strchr(it->text, '\n')) {
        html_text(b, it->text);
      } else {
        /* a wrapped label: one tspan per line, as the PDF draws it */
        const char *line = it->text;
        for (int k = 0;; k++) {
          size_t len = strcspn(line, "\n");
          buf_puts(b, "<tspan");
          S_attr_num(b, "x", it->x);
          double size = it->font_size > 0 ? it->font_size : 8;
          S_attr_num(b, "dy", k ? DRAW_LINE_HEIGHT * size : 0);
          buf_putc(b, '>');
          char *part = xstrndup(line, len);
          html_text(b, part);
          free(part);
          buf_puts(b, "</tspan>");
          if (!line[len])
            break;
          line += len + 1;
        }
      }
      buf_puts(b, "</text>\n");
      break;
    }
  }
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
