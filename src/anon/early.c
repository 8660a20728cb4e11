/* early.c - the first line of defence: what the templates read is mapped
 * before they run, so tables and charts are computed and measured with the
 * pseudonyms (a label laid out for "Ådal" and then replaced by "Partnerskab
 * C" is cut off). anon_apply on the finished tree and the scan of the
 * written files stay as the second and third line: a name a template puts
 * together from pieces is caught there. */
#include <stdlib.h>
#include <string.h>

#include "anon/anon.h"
#include "anon/internal.h"
#include "util/mem.h"

char *anon_map_text(void *map, const char *text) {
  return anon_text(map, text);
}

/* Is column c's text a key the data is matched on rather than text for
 * readers: a level, the round column, or a column whose values are the
 * project's rounds or levels (the editions select rows by them, the
 * templates look labels up by them)? */
static bool S_key_column(const data_schema *sc, const col_schema *c) {
  if (c->type != COL_TEXT)
    return true;
  if (sc->round_column && strcmp(c->name, sc->round_column) == 0)
    return true;
  return c->allowed_from && (strcmp(c->allowed_from, "rounds") == 0 ||
                             strcmp(c->allowed_from, "levels") == 0);
}

typedef struct {
  const anon_map *m;
  const data_schema *sc;
} S_table_ctx;

static char *S_cell(void *ctx, const col_schema *c, const char *text) {
  S_table_ctx *t = ctx;
  if (S_key_column(t->sc, c))
    return NULL;
  return anon_text(t->m, text);
}

data_table **anon_tables(const anon_map *m, const project *p,
                         data_table *const *tables) {
  data_table **out = xcalloc(p->ndata + 1, sizeof *out);
  for (size_t i = 0; i < p->ndata; i++) {
    if (!tables[i])
      continue;
    S_table_ctx ctx = {m, tables[i]->schema};
    out[i] = data_table_map(tables[i], S_cell, &ctx);
  }
  return out;
}
