/* cite.h - citations ([@key], @key, [-@key]) and the literature list. */
#ifndef RAPPORT_CITE_H
#define RAPPORT_CITE_H

#include "doc/doc.h"
#include "script/script.h"
#include "util/diag.h"

typedef struct bib bib;

/* Reads BibTeX (.bib) or CSL-JSON (.json). */
bib *bib_load(const char *path, diag_list *diags);
void bib_free(bib *b);
/* Replaces citations in the tree by links to the entries, formatted by the
 * Lua style component, and fills the literature list. 0 or -1.
 * Call it after every chapter is parsed and before doc_resolve. With b NULL
 * (no bibliography in rapport.lua) a [@key] citation is an error that says
 * so, and @word in running text stays text. Unknown keys are errors with
 * file, line and the nearest keys; entries never cited are warnings. */
int cite_process(doc *d, const bib *b, script *s, diag_list *diags);

/* The same with a given Lua state (the template state, or one from
 * cite_style_state in tests); the style module is require()d in it. */
struct lua_State;
int cite_process_lua(doc *d, const bib *b, struct lua_State *L,
                     diag_list *diags);

#endif
