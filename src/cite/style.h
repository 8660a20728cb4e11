/* style.h - internal to the citation stage: the bridge to the Lua
 * style (lua/lib/citestyle.lua). Entries go in as Lua tables, formatted
 * citations and literature entries come back as inline nodes. */
#ifndef RAPPORT_CITE_STYLE_H
#define RAPPORT_CITE_STYLE_H

#include <lua.h>
#include <stdbool.h>

#include "cite/bib.h"
#include "doc/doc.h"
#include "util/diag.h"

typedef struct cite_style cite_style;

/* One work in a citation: [see @key, s. 12] or [-@key]. */
typedef struct {
  const bib_entry *entry;
  char *prefix; /* "se", or NULL */
  char *suffix; /* ", s. 12", or NULL */
  bool suppress_author;
} cite_item;

/* Every call into the style goes through sandbox_pcall (a project may
 * replace the style: its code runs under the sandbox's limits).
 * Loads the style module in L: `citation_style` of the Lua table
 * `project` when set, else "citestyle_en" for lang "en", else
 * "citestyle". The nodes it returns are made for d. NULL after an error
 * was reported. */
cite_style *cite_style_open(lua_State *L, doc *d, const char *lang,
                            diag_list *diags);
void cite_style_close(cite_style *st);

/* Makes e known to the style (a Lua table kept until close). */
void cite_style_add(cite_style *st, const bib_entry *e);
/* The style's names(e) ("Hansen & Larsen") or sort_key(e). Caller frees;
 * NULL after an error was reported. */
char *cite_style_names(cite_style *st, const bib_entry *e);
char *cite_style_sort_key(cite_style *st, const bib_entry *e);
/* Sets e.suffix ("a", "b") for year disambiguation. */
void cite_style_set_suffix(cite_style *st, const bib_entry *e,
                           const char *suffix);
/* Inserts the formatted citation before `at` (same parent). 0 or -1. */
int cite_style_cite(cite_style *st, const cite_item *items, size_t n,
                    bool textual, doc_node *at);
/* Appends the literature entry of e to parent. 0 or -1. */
int cite_style_entry(cite_style *st, const bib_entry *e, doc_node *parent);
/* The literature heading ("Litteratur"). Caller frees. */
char *cite_style_heading(cite_style *st);

/* A small sandboxed Lua state of our own (sandbox.h) with lua/lib on the
 * module path, for when there is no template state (and for tests).
 * lib_dir NULL: found next to the executable or through $RAPPORT_HOME.
 * NULL when Lua cannot start. Caller closes it with sandbox_close. */
lua_State *cite_style_state(const char *lib_dir, const char *lang);

#endif
