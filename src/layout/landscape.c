/* landscape.c - a wide table on landscape pages of its own: the table is
 * laid out with the turned page's text width, between two forced breaks,
 * and the page builder (page.c) turns each page that starts with one of
 * its items. */
#include "layout/internal.h"

void lay_style_turn(lay_style *s) {
  double pw = s->pw;
  s->pw = s->ph;
  s->ph = pw;
  s->tw = s->pw - s->ml - s->mr;
  s->th = s->ph - s->mt - s->mb;
}

void lay_landscape_table(lay_ctx *c, const doc_node *table) {
  lay_item_add(c, IT_BREAK, 0);
  size_t from = c->items.len;
  lay_style_turn(&c->s);
  lay_table(c, table);
  lay_style_turn(&c->s);
  for (size_t i = from; i < c->items.len; i++)
    c->items.v[i].landscape = true;
  lay_item_add(c, IT_BREAK, 0);
}
