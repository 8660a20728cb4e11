/* cite.h - citations ([@key], @key, [-@key]) and the literature list. */
#ifndef RAPPORT_CITE_H
#define RAPPORT_CITE_H

#include "doc.h"
#include "script.h"
#include "util/diag.h"

typedef struct bib bib;

/* Reads BibTeX (.bib) or CSL-JSON (.json). */
bib *bib_load(const char *path, diag_list *diags);
void bib_free(bib *b);
/* Replaces citations in the tree by links to the entries, formatted by the
 * Lua style component, and fills the literature list. 0 or -1. */
int cite_process(doc *d, const bib *b, script *s, diag_list *diags);

#endif
