/* svg.c - a chart's drawing as SVG elements (svg.h). Moved here from the
 * HTML writer so the Word writer draws the same chart. */
#include "doc/svg.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

static void S_colour(buf *b, const char *attr, long c) {
  if (c < 0)
    buf_printf(b, " %s=\"none\"", attr);
  else
    buf_printf(b, " %s=\"#%06lx\"", attr, c & 0xffffff);
}

static void S_attr_num(buf *b, const svg_writer *w, const char *name,
                       double v) {
  buf_printf(b, " %s=\"", name);
  w->num(b, v);
  buf_putc(b, '"');
}

static void S_stroke(buf *b, const svg_writer *w, const draw_item *it) {
  S_colour(b, "stroke", it->stroke);
  if (it->stroke >= 0) {
    S_attr_num(b, w, "stroke-width",
               it->stroke_width > 0 ? it->stroke_width : 1);
    if (it->dash > 0) {
      buf_puts(b, " stroke-dasharray=\"");
      w->num(b, it->dash);
      buf_putc(b, '"');
    }
  }
}

/* A filled shape's paint: fill, stroke, and the writer's own attributes
 * for those colours. */
static void S_paint(buf *b, const svg_writer *w, const draw_item *it) {
  S_colour(b, "fill", it->fill);
  S_stroke(b, w, it);
  if (w->colours)
    w->colours(b, it->fill, it->stroke);
}

void svg_items(buf *b, const doc_drawing *dr, const svg_writer *w) {
  for (size_t i = 0; i < dr->len; i++) {
    const draw_item *it = &dr->items[i];
    switch (it->kind) {
    case DRAW_RECT:
      buf_puts(b, "<rect");
      S_attr_num(b, w, "x", it->x);
      S_attr_num(b, w, "y", it->y);
      S_attr_num(b, w, "width", it->w < 0 ? 0 : it->w);
      S_attr_num(b, w, "height", it->h < 0 ? 0 : it->h);
      S_paint(b, w, it);
      buf_puts(b, "/>\n");
      break;
    case DRAW_LINE:
      buf_puts(b, "<line");
      S_attr_num(b, w, "x1", it->x);
      S_attr_num(b, w, "y1", it->y);
      S_attr_num(b, w, "x2", it->x2);
      S_attr_num(b, w, "y2", it->y2);
      S_stroke(b, w, it);
      if (w->colours)
        w->colours(b, -1, it->stroke);
      buf_puts(b, "/>\n");
      break;
    case DRAW_CIRCLE:
      buf_puts(b, "<circle");
      S_attr_num(b, w, "cx", it->x);
      S_attr_num(b, w, "cy", it->y);
      S_attr_num(b, w, "r", it->w < 0 ? 0 : it->w);
      S_paint(b, w, it);
      buf_puts(b, "/>\n");
      break;
    case DRAW_POLYLINE:
      buf_puts(b, "<polyline points=\"");
      for (size_t k = 0; k < it->npoints; k++) {
        if (k)
          buf_putc(b, ' ');
        w->num(b, it->points[2 * k]);
        buf_putc(b, ',');
        w->num(b, it->points[2 * k + 1]);
      }
      buf_putc(b, '"');
      S_paint(b, w, it);
      buf_puts(b, "/>\n");
      break;
    case DRAW_TEXT:
      buf_puts(b, "<text");
      S_attr_num(b, w, "x", it->x);
      S_attr_num(b, w, "y", it->y);
      S_attr_num(b, w, "font-size", it->font_size > 0 ? it->font_size : 8);
      if (it->anchor == 'm')
        buf_puts(b, " text-anchor=\"middle\"");
      else if (it->anchor == 'e')
        buf_puts(b, " text-anchor=\"end\"");
      if (it->bold)
        buf_puts(b, " font-weight=\"bold\"");
      if (it->fill >= 0)
        S_colour(b, "fill", it->fill);
      if (w->colours)
        w->colours(b, it->fill, -1);
      buf_putc(b, '>');
      if (!strchr(it->text, '\n')) {
        w->text(b, it->text);
      } else {
        /* a wrapped label: one tspan per line, as the PDF draws it */
        const char *line = it->text;
        for (int k = 0;; k++) {
          size_t len = strcspn(line, "\n");
          buf_puts(b, "<tspan");
          S_attr_num(b, w, "x", it->x);
          double size = it->font_size > 0 ? it->font_size : 8;
          S_attr_num(b, w, "dy", k ? DRAW_LINE_HEIGHT * size : 0);
          buf_putc(b, '>');
          char *part = xstrndup(line, len);
          w->text(b, part);
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
}
