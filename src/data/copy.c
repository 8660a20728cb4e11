/* copy.c - a table with its text passed through a function: the public
 * editions' pseudonymised data (anon_tables), made once from the loaded
 * table so the internal editions of the same run keep reading the real
 * one. */
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "data/internal.h"

data_table *data_table_map(const data_table *t, data_text_fn fn, void *ctx) {
  const data_schema *sc = t->schema;
  size_t ncols = sc->ncols;
  data_table *c = xcalloc(1, sizeof *c);
  c->schema = sc;
  c->path = t->path ? xstrdup(t->path) : NULL;
  c->nrows = t->nrows;
  c->detected = t->detected;
  c->detected.encoding =
      t->detected.encoding ? xstrdup(t->detected.encoding) : NULL;
  c->had_bom = t->had_bom;
  memcpy(c->line_end, t->line_end, sizeof c->line_end);
  c->col_decimal = xcalloc(ncols + 1, 1);
  c->col_present = xcalloc(ncols + 1, sizeof *c->col_present);
  if (t->col_decimal)
    memcpy(c->col_decimal, t->col_decimal, ncols);
  if (t->col_present)
    memcpy(c->col_present, t->col_present, ncols * sizeof *c->col_present);
  c->arena_ = data_arena_new();
  c->rows = xcalloc(t->nrows + 1, sizeof *c->rows);
  c->cells_ = xcalloc(t->nrows * ncols + 1, sizeof *c->cells_);
  char *empty = data_arena_strndup(c->arena_, "", 0);
  for (size_t r = 0; r < t->nrows; r++) {
    c->rows[r].line = t->rows[r].line;
    c->rows[r].cells = c->cells_ + r * ncols;
    for (size_t k = 0; k < ncols; k++) {
      const data_cell *from = &t->rows[r].cells[k];
      data_cell *to = &c->rows[r].cells[k];
      *to = *from; /* the value (number, date, level index) as it was */
      to->raw = empty;
      if (from->empty || !from->raw)
        continue;
      char *mapped = fn ? fn(ctx, &sc->cols[k], from->raw) : NULL;
      const char *text = mapped ? mapped : from->raw;
      to->raw = data_arena_strndup(c->arena_, text, strlen(text));
      free(mapped);
    }
  }
  return c;
}
