/* bib.c - the bibliography: loading by format, entries, kinds, lookup. */
#include "cite/bib.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/confine.h"
#include "util/fs.h"
#include "util/mem.h"

static const char *const S_kind_names[BIB_KIND_COUNT] = {
    "book", "chapter", "article", "report", "webpage", "thesis", "misc"};

const char *bib_kind_name(bib_kind k) {
  return k < BIB_KIND_COUNT ? S_kind_names[k] : "misc";
}

/* CSL types: https://docs.citationstyles.org/en/stable/specification.html
 * (appendix III); the kinds we print differently are few. */
bib_kind bib_kind_from_csl(const char *type) {
  static const struct {
    const char *csl;
    bib_kind kind;
  } map[] = {
      {"book", BIB_BOOK},          {"chapter", BIB_CHAPTER},
      {"paper-conference", BIB_CHAPTER},
      {"entry-encyclopedia", BIB_CHAPTER},
      {"entry-dictionary", BIB_CHAPTER},
      {"article-journal", BIB_ARTICLE},
      {"article-magazine", BIB_ARTICLE},
      {"article-newspaper", BIB_ARTICLE},
      {"article", BIB_ARTICLE},     {"report", BIB_REPORT},
      {"webpage", BIB_WEBPAGE},     {"post-weblog", BIB_WEBPAGE},
      {"post", BIB_WEBPAGE},        {"thesis", BIB_THESIS},
  };
  for (size_t i = 0; type && i < sizeof map / sizeof map[0]; i++)
    if (strcmp(type, map[i].csl) == 0)
      return map[i].kind;
  return BIB_MISC;
}

/* BibTeX and biblatex entry types (case-insensitive). A @misc with a URL is
 * what Zotero and Mendeley export for web pages. */
bib_kind bib_kind_from_bibtex(const char *type, bool has_url) {
  static const struct {
    const char *bib;
    bib_kind kind;
  } map[] = {
      {"book", BIB_BOOK},           {"mvbook", BIB_BOOK},
      {"collection", BIB_BOOK},     {"proceedings", BIB_BOOK},
      {"booklet", BIB_BOOK},        {"incollection", BIB_CHAPTER},
      {"inbook", BIB_CHAPTER},      {"inproceedings", BIB_CHAPTER},
      {"conference", BIB_CHAPTER},  {"article", BIB_ARTICLE},
      {"techreport", BIB_REPORT},   {"report", BIB_REPORT},
      {"online", BIB_WEBPAGE},      {"www", BIB_WEBPAGE},
      {"electronic", BIB_WEBPAGE},  {"phdthesis", BIB_THESIS},
      {"mastersthesis", BIB_THESIS}, {"thesis", BIB_THESIS},
  };
  for (size_t i = 0; type && i < sizeof map / sizeof map[0]; i++)
    if (strcasecmp(type, map[i].bib) == 0)
      return map[i].kind;
  return has_url ? BIB_WEBPAGE : BIB_MISC;
}

bib_entry *bib_add(bib *b, int line) {
  XGROW(b->entries, b->cap, b->len + 1);
  bib_entry *e = &b->entries[b->len++];
  memset(e, 0, sizeof *e);
  e->kind = BIB_MISC;
  e->file = b->path;
  e->line = line;
  return e;
}

void bib_name_push(bib_name **list, size_t *n, char *family, char *given,
                   bool literal) {
  *list = xrealloc(*list, (*n + 1) * sizeof **list);
  (*list)[*n].family = family;
  (*list)[*n].given = given;
  (*list)[*n].literal = literal;
  (*n)++;
}

static void S_names_free(bib_name *names, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(names[i].family);
    free(names[i].given);
  }
  free(names);
}

static void S_entry_free(bib_entry *e) {
  free(e->key);
  S_names_free(e->authors, e->nauthors);
  S_names_free(e->editors, e->neditors);
  char **fields[] = {&e->year,     &e->title,   &e->container, &e->volume,
                     &e->issue,    &e->pages,   &e->number,    &e->edition,
                     &e->publisher, &e->place,  &e->url,       &e->doi,
                     &e->accessed, &e->note,      &e->crossref};
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
    free(*fields[i]);
}

void bib_free(bib *b) {
  if (!b)
    return;
  for (size_t i = 0; i < b->len; i++)
    S_entry_free(&b->entries[i]);
  free(b->entries);
  free(b->path);
  free(b);
}

const bib_entry *bib_find(const bib *b, const char *key) {
  for (size_t i = 0; b && i < b->len; i++)
    if (strcmp(b->entries[i].key, key) == 0)
      return &b->entries[i];
  return NULL;
}

size_t bib_count(const bib *b) { return b ? b->len : 0; }
const bib_entry *bib_at(const bib *b, size_t i) {
  return b && i < b->len ? &b->entries[i] : NULL;
}

/* A second entry with the same key is dropped: BibTeX itself keeps the
 * first, and two entries for one key would make citations ambiguous. */
static void S_drop_duplicates(bib *b, diag_list *diags) {
  size_t out = 0;
  for (size_t i = 0; i < b->len; i++) {
    bib_entry *e = &b->entries[i];
    const bib_entry *first = NULL;
    for (size_t j = 0; j < out && !first; j++)
      if (strcmp(b->entries[j].key, e->key) == 0)
        first = &b->entries[j];
    if (first) {
      diag_warning(diags, b->path, e->line, 0, M_CITE_KEY_IS_ALSO_DEFINED,
                   e->key, first->line);
      S_entry_free(e);
      continue;
    }
    if (out != i)
      b->entries[out] = *e;
    out++;
  }
  b->len = out;
}

static bool S_ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

bib *bib_parse(const char *path, const char *text, size_t len,
               diag_list *diags) {
  bib *b = xcalloc(1, sizeof *b);
  b->path = xstrdup(path);
  /* a UTF-8 byte order mark (Windows exports) is not part of the data */
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
    text += 3, len -= 3;
  /* The name decides; a .json file is CSL-JSON, and so is text that starts
   * with '[' or '{' whatever it is called (Zotero's "Better CSL JSON"). */
  size_t i = 0;
  while (i < len && strchr(" \t\r\n", text[i]))
    i++;
  bool json = S_ends_with(path, ".json") ||
              (!S_ends_with(path, ".bib") && i < len &&
               (text[i] == '[' || text[i] == '{'));
  int rc = json ? bib_read_csljson(b, text, len, diags)
                : bib_read_bibtex(b, text, len, diags);
  if (rc != 0) {
    bib_free(b);
    return NULL;
  }
  S_drop_duplicates(b, diags);
  return b;
}

bib *bib_load(const char *path, diag_list *diags) {
  size_t len = 0;
  confine_status st;
  char *text = confine_read(path, &len, &st);
  if (!text && confine_refused(st)) {
    confine_report(diags, path, 0, 0, CONFINE_BIB, path, path, st);
    return NULL;
  }
  if (!text) {
    diag_error(diags, path, 0, 0, M_CITE_CANNOT_READ_BIBLIOGRAPHY_FIX,
               strerror(errno));
    return NULL;
  }
  bib *b = bib_parse(path, text, len, diags);
  free(text);
  return b;
}
