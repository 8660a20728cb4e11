/* svg.h - a chart's drawing as SVG elements: the one drawing code the HTML
 * page (inline SVG) and the Word edition (an SVG part with a PNG
 * fallback) share, so both show what the PDF paints. */
#ifndef RAPPORT_SVG_H
#define RAPPORT_SVG_H

#include "doc/doc.h"
#include "util/buf.h"

/* How a writer appends element text (escaped for its format) and numbers
 * (with '.' as decimal point whatever the C locale says). */
typedef struct {
  void (*text)(buf *b, const char *s);
  void (*num)(buf *b, double v);
  /* Optional (NULL: nothing): more attributes for an element drawn in
   * these colours (fill, stroke; -1 where the element has none), written
   * after its fill and stroke. The HTML page adds its dark-mode tints. */
  void (*colours)(buf *b, long fill, long stroke);
} svg_writer;

/* Appends one element a line for each item of dr: <rect>, <line>,
 * <circle>, <polyline>, and <text> (one <tspan> a line for a label with
 * '\n'), in drawing order, coordinates in the drawing's points. The caller
 * writes the <svg> element around them. */
void svg_items(buf *b, const doc_drawing *dr, const svg_writer *w);

#endif
