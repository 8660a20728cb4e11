/* bib.h - a loaded bibliography: entries normalised from BibTeX or CSL-JSON
 * to one struct, so the citation stage and the Lua style never see which
 * format a reference came from.
 *
 * Strings are UTF-8 (BibTeX's LaTeX accents already converted), NULL when
 * the field is absent. The bib owns every entry and every string. */
#ifndef RAPPORT_BIB_H
#define RAPPORT_BIB_H

#include <stdbool.h>
#include <stddef.h>

#include "cite/cite.h"
#include "util/diag.h"

/* A person or, when only `family` is set and `literal` is true, an
 * organisation ("Danmarks Statistik"). */
typedef struct {
  char *family; /* with particles: "van den Hulk" */
  char *given;  /* may be NULL */
  bool literal; /* an institution name: never abbreviated or inverted */
} bib_name;

/* Normalised kinds; the style decides how each is printed. */
typedef enum {
  BIB_BOOK,
  BIB_CHAPTER, /* a chapter in an edited book, or a conference paper */
  BIB_ARTICLE, /* journal, magazine or newspaper article */
  BIB_REPORT,
  BIB_WEBPAGE,
  BIB_THESIS,
  BIB_MISC,
  BIB_KIND_COUNT
} bib_kind;

typedef struct {
  char *key;
  bib_kind kind;
  bib_name *authors, *editors;
  size_t nauthors, neditors;
  char *year;      /* "2016"; NULL = no year ("u.å.") */
  char *title;
  char *container; /* journal, or the edited book of a chapter */
  char *volume, *issue, *pages;
  char *number;    /* report or series number */
  char *edition;
  char *publisher; /* also a report's institution, a thesis's school */
  char *place;
  char *url, *doi;
  char *accessed;  /* "2022-03-03" for web pages */
  char *note;
  bool more_authors; /* BibTeX "and others": more than those listed */
  char *crossref;    /* BibTeX: the key of the book a chapter is in */
  /* where the entry is defined, for messages */
  const char *file; /* the bib's path (owned by the bib) */
  int line;
} bib_entry;

struct bib {
  char *path;
  bib_entry *entries;
  size_t len, cap;
};

/* Readers (bibtex.c, csljson.c): append entries to b from the text
 * of a file; report problems with file and line. 0 or -1. */
int bib_read_bibtex(bib *b, const char *text, size_t len, diag_list *diags);
int bib_read_csljson(bib *b, const char *text, size_t len, diag_list *diags);

/* Reads text (a whole file) in the format its name or first character
 * says; used by bib_load and by tests. NULL after an error. */
bib *bib_parse(const char *path, const char *text, size_t len,
               diag_list *diags);

/* A new empty entry at the end of b (zeroed; file set). */
bib_entry *bib_add(bib *b, int line);
/* Appends a name to a list (takes ownership of family and given). */
void bib_name_push(bib_name **list, size_t *n, char *family, char *given,
                   bool literal);
const bib_entry *bib_find(const bib *b, const char *key);
size_t bib_count(const bib *b);
const bib_entry *bib_at(const bib *b, size_t i);
const char *bib_kind_name(bib_kind k);
/* "article-journal" / "incollection" -> kind; unknown -> BIB_MISC. */
bib_kind bib_kind_from_csl(const char *type);
bib_kind bib_kind_from_bibtex(const char *type, bool has_url);

/* Converts a BibTeX field value with LaTeX markup to plain UTF-8:
 * {\o} -> ø, \'e -> é, {\AA} -> Å, -- -> en dash, ~ -> no-break space,
 * braces dropped. Caller frees. */
char *bib_latex_to_utf8(const char *s);

#endif
