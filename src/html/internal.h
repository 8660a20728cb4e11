/* internal.h - what the files of the HTML writer share (html.c walks the
 * tree, svg.c draws charts and embeds images, css.c holds the base
 * stylesheet). Not part of the public interface: see html.h. */
#ifndef RAPPORT_HTML_PRIV_H
#define RAPPORT_HTML_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "doc/doc.h"
#include "project/locale.h"
#include "project/theme.h"
#include "util/buf.h"
#include "util/diag.h"

/* A small open-addressing map. Keys are strings (ids in use) or node
 * pointers (the ids the writer gave to nodes that had none); the map owns
 * its strings. */
typedef struct {
  const void *key; /* node pointer, or NULL for a string key */
  char *skey;      /* string key, owned */
  char *value;     /* owned, may be NULL */
  const doc_node *node;
} html_slot;

typedef struct {
  html_slot *slots;
  size_t cap, len;
} html_map;

html_slot *html_map_get(const html_map *m, const void *key, const char *skey);
/* Adds or replaces; copies skey and value. Returns the slot. */
html_slot *html_map_put(html_map *m, const void *key, const char *skey,
                        const char *value, const doc_node *node);
void html_map_free(html_map *m);

typedef struct {
  buf *out;
  const doc *d;
  const theme *t;
  const locale *l;
  diag_list *diags;
  const char *path;
  html_map ids;      /* every id in the page -> node that carries it */
  html_map node_ids; /* node -> id given by the writer */
  html_map backrefs; /* footnote definition -> id of its first reference */
  int raw_html;      /* raw HTML nodes dropped */
  const doc_node *raw_first;
  int errors;
} html_ctx;

/* Appends s escaped for element content (html_text) or a double-quoted
 * attribute (html_attr). Invalid UTF-8 becomes U+FFFD; control characters
 * other than tab and newline are dropped (they are parse errors in HTML). */
void html_text(buf *b, const char *s);
void html_attr(buf *b, const char *s);
/* An id as attribute text: escaped, white space replaced by '-'. */
void html_id(buf *b, const char *id);
/* True for the only link targets the page may carry: http:, https:,
 * mailto: and '#fragment'. Everything else (javascript:, data:, file:,
 * relative paths) is dropped, so no text from data or Markdown can make
 * the page run code or fetch anything. */
bool html_url_allowed(const char *url);
/* Appends a number the way SVG wants it: '.' as decimal point whatever
 * the C locale says, at most two decimals, no trailing zeros. */
void html_num(buf *b, double v);
void html_base64(buf *b, const unsigned char *p, size_t n);

/* An id for a node: its own, or one the writer made (unique in the page). */
const char *html_node_id(html_ctx *h, const doc_node *n, const char *base);
/* A fresh id, unique in the page, made from base. Owned by the context. */
const char *html_new_id(html_ctx *h, const char *base);

/* Inline SVG for a chart; label is its text alternative, box_name the name
 * of the box it scrolls in on narrow screens ("Figur 2"). variant is NULL,
 * or "bred"/"smal" for a figure's wide and narrow layouts, of which CSS
 * shows one by the width of the screen. */
void html_svg(html_ctx *h, const doc_drawing *dr, const char *label,
              const char *box_name, const char *variant);
/* <img> with the file embedded as a data: URI. Reports unreadable files. */
void html_image(html_ctx *h, const doc_node *img, const char *alt);

/* A list of nodes the writer collected (contents, tables, notes). */
typedef struct {
  const doc_node **items;
  size_t len, cap;
} html_nodes;

/* html.c: the walk, and what the block writers need from it. */
void html_render(html_ctx *h, const doc_node *root);
void html_children(html_ctx *h, const doc_node *n);
const char *html_word(html_ctx *h, const char *key); /* locale word */
const doc_node *html_child(const doc_node *n, doc_type t);
bool html_numbered(const doc_node *n); /* has "Tabel N" / "Figur N" */

/* blocks.c */
void html_href(html_ctx *h, const char *id); /* ' href="#id"' */
/* label names the scroll box of a table without a caption */
void html_table(html_ctx *h, const doc_node *tab, const char *label);
void html_figure(html_ctx *h, const doc_node *fig);
void html_notes(html_ctx *h, const html_nodes *notes);
/* The list of tables or figures the resolve stage made (d->res). */
void html_list_of(html_ctx *h, const doc_entries *v, const char *title_key,
                  const char *word_key);

/* The stylesheet every page gets before the theme's own CSS. */
extern const char html_base_css[];
/* The page's one script (script.c), the only script the page's policy
 * lets run (by its hash, computed as the page is written). */
extern const char html_script[];

#endif
