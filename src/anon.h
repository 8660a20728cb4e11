/* anon.h - pseudonymisation for public editions, and the leak scan over
 * what was actually written. */
#ifndef RAPPORT_ANON_H
#define RAPPORT_ANON_H

#include <stddef.h>
#include <stdio.h>

#include "doc.h"
#include "util/diag.h"

typedef struct anon_map anon_map;

/* Reads the mapping CSV (columns: navn, pseudonym, type). */
anon_map *anon_load(const char *path, diag_list *diags);
void anon_free(anon_map *m);
/* Replaces every real name, in all its Danish forms, everywhere in the tree:
 * text, ids, link targets, captions, chart labels, metadata. */
void anon_apply(const anon_map *m, doc *d);
/* One string. Caller frees. */
char *anon_text(const anon_map *m, const char *s);
/* Scans a written PDF or HTML file for any real name in any form. Each hit
 * is an error naming the output, page or line and the context. Returns the
 * number of hits (0 = clean), -1 if the file could not be read. */
int anon_scan_output(const anon_map *m, const char *path, diag_list *diags);

/* `rapport names`: lists the capitalised words and phrases of the public
 * tree that are not in a Danish word list, not pseudonyms and not on the
 * allow-list (allow_list_path may be NULL), for a human to check. Returns
 * the number listed. */
int anon_names_report(const anon_map *m, const doc *d,
                      const char *allow_list_path, FILE *out);

#endif
