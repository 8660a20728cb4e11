/* grid.h - each table's grid as the layout decided it: column widths and
 * which rows stay whole on a page. The layout measures the cells with the
 * PDF's fonts; a writer that leaves the drawing of a table to another
 * program (the Word edition) gives it these measures, so that its tables
 * have the PDF's proportions and break where the PDF may break them.
 * Only this header, not layout.h, is what such a writer needs: no fonts,
 * no pages. */
#ifndef RAPPORT_LAYOUT_GRID_H
#define RAPPORT_LAYOUT_GRID_H

#include <stdbool.h>
#include <stddef.h>

#include "doc/doc.h"

typedef struct {
  const doc_node *table; /* the DOC_TABLE (owned by the doc) */
  int ncols;
  double *width;  /* ncols column widths in points, padding included;
                     they add up to the table's width */
  double indent;  /* from the text's left edge (a table in a list) */
  double pad;     /* cell padding left and right, in points: the theme's,
                     or less in a crowded table */
  bool keep;      /* the whole table stays on one page */
  size_t nrows;
  bool *whole;    /* per DOC_TABLE_ROW in order: never split over pages */
} lay_grid;

typedef struct {
  lay_grid *v; /* owned, with their arrays */
  size_t len, cap;
} lay_grids;

/* The grid of table, or NULL when the layout did not lay it out (a chart's
 * data table, a table the layout refused). */
const lay_grid *lay_grid_of(const lay_grids *g, const doc_node *table);
void lay_grids_free(lay_grids *g);

#endif
