/* nodes.h - internal to the template stage: converting the plain Lua
 * tables a component or the citation style returns into document nodes
 * (README "Components"); the citation stage reaches it through
 * script_style_inlines (script.h). */
#ifndef RAPPORT_SCRIPT_NODES_H
#define RAPPORT_SCRIPT_NODES_H

#include <lua.h>
#include <stdbool.h>

#include "doc/doc.h"
#include "script/script.h"
#include "util/diag.h"

typedef struct {
  script *s; /* NULL for the citation style: numbers are then written as Lua
                writes them and the document's text budget is not counted */
  lua_State *L;
  doc *d;
  diag_list *diags;
  const char *file; /* the directive's Markdown file (interned) */
  int line;         /* and line */
  const char *component; /* the component's or citation style's name */
  const char *project_dir;
  int depth;
  size_t errors;
  bool over_text; /* SCRIPT_MAX_TEXT reached (reported once) */
  bool style;     /* converting a citation style's INLINES (for messages) */
} sn_ctx;

/* Appends the blocks described by the value at idx (a node, a list of
 * nodes, a string or nil) to parent; reports every mistake at the
 * directive. Uses raw table access only, so no template code runs except
 * number formatting. Returns the number of errors. */
size_t sn_append_blocks(sn_ctx *c, int idx, doc_node *parent);

/* Danish text for the number at idx (through lua/lib/fmt.lua's auto when
 * it exists). Caller frees; NULL after an error was reported. */
char *script_number_text(script *s, int idx, const char *file, int line,
                         int col);

/* Shared by nodes.c and figure.c. Field readers take the
 * table at idx (an absolute index), read raw, and report a wrong type as an
 * error naming the field and the node type. */
void sn_err(sn_ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
doc_node *sn_new(sn_ctx *c, doc_type t);
int sn_get(sn_ctx *c, int idx, const char *key); /* pushes t[key] */
char *sn_string(sn_ctx *c, int idx, const char *key, const char *node);
double sn_number(sn_ctx *c, int idx, const char *key, double def,
                 const char *node);
bool sn_bool(sn_ctx *c, int idx, const char *key, const char *node);
long sn_colour(sn_ctx *c, int idx, const char *key, const char *node);
/* Warns about fields `node` does not have (typos like "captoin"). */
void sn_check_fields(sn_ctx *c, int idx, const char *node,
                     const char *const *known);
void sn_inlines(sn_ctx *c, int idx, doc_node *parent);
doc_node *sn_table(sn_ctx *c, int idx, bool chart_data);
doc_node *sn_figure(sn_ctx *c, int idx);

#endif
