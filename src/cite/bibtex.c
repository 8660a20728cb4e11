/* bibtex.c - BibTeX (.bib) through libbtparse.
 *
 * btparse (Debian libbtparse-dev, the parser behind Text::BibTeX) does the
 * grammar: @string macros, # concatenation, quoted and braced values, and
 * BibTeX's name splitting ("von Last, Jr, First"). Two things it does not
 * offer are handled here:
 *  - it prints its warnings and errors to stderr and has no public hook for
 *    them in this version, so stderr is pointed at a temporary file while
 *    it parses and each line is turned into a diagnostic with file and line;
 *  - it keeps LaTeX markup, which bib_latex_to_utf8 converts. Names are
 *    split before conversion, because braces protect "{Danmarks Statistik}"
 *    from being split into given and family name.
 * btparse keeps global state; it is initialised and cleaned up per file. */
#include "cite/bib.h"

#include <btparse.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/mem.h"

/* The name btparse prints in its messages; ours carry the real path. A
 * fixed name also keeps a '%' in the path away from btparse's
 * fprintf(stderr, filename). */
#define S_BT_NAME "bibtex-input"

typedef struct {
  FILE *capture;
  int saved_fd;
} S_stderr_capture;

static void S_capture_begin(S_stderr_capture *c) {
  fflush(stderr);
  c->capture = tmpfile();
  c->saved_fd = c->capture ? dup(STDERR_FILENO) : -1;
  if (c->saved_fd < 0 || dup2(fileno(c->capture), STDERR_FILENO) < 0) {
    if (c->saved_fd >= 0)
      close(c->saved_fd);
    if (c->capture)
      fclose(c->capture);
    c->capture = NULL;
    c->saved_fd = -1;
    return;
  }
  mem_fail_fd(c->saved_fd);
}

/* Restores stderr and turns btparse's "NAME, line N, CLASS: message" lines
 * into diagnostics. Returns the number of errors. */
static int S_capture_end(S_stderr_capture *c, const char *path,
                         diag_list *diags) {
  if (!c->capture)
    return 0;
  fflush(stderr);
  dup2(c->saved_fd, STDERR_FILENO);
  mem_fail_fd(STDERR_FILENO);
  close(c->saved_fd);
  rewind(c->capture);
  int errors = 0;
  char line[1024];
  while (fgets(line, sizeof line, c->capture)) {
    line[strcspn(line, "\n")] = '\0';
    int lineno = 0;
    const char *p = line;
    if (strncmp(p, S_BT_NAME ", ", strlen(S_BT_NAME) + 2) == 0)
      p += strlen(S_BT_NAME) + 2;
    if (sscanf(p, "line %d", &lineno) == 1) {
      p = strchr(p, ',');
      p = p ? p + 2 : line;
    }
    bool warning = strncmp(p, "warning: ", 9) == 0;
    const char *msg = strchr(p, ':');
    msg = msg ? msg + 2 : p;
    if (warning) {
      diag_warning(diags, path, lineno, 0,
                   "BibTeX: %s", msg);
    } else {
      errors++;
      diag_error(diags, path, lineno, 0, M_CITE_ERROR_BIBTEX_FILE_FIX, msg);
    }
  }
  fclose(c->capture);
  return errors;
}

/* A name's part (first, von, last, jr) as one string, tokens joined by
 * spaces, still in LaTeX. NULL when the part is empty. */
static char *S_name_part(const bt_name *n, bt_namepart part) {
  if (n->part_len[part] == 0)
    return NULL;
  buf b = BUF_INIT;
  for (int i = 0; i < n->part_len[part]; i++) {
    if (i)
      buf_putc(&b, ' ');
    buf_puts(&b, n->parts[part][i]);
  }
  return buf_detach(&b);
}

static char *S_utf8_or_null(char *latex) {
  if (!latex)
    return NULL;
  char *s = bib_latex_to_utf8(latex);
  free(latex);
  if (!*s) {
    free(s);
    return NULL;
  }
  return s;
}

/* "Hansen, Åse and {Danmarks Statistik} and van den Hulk, M."; "and
 * others" sets *more (BibTeX's way to write et al.). */
static void S_names(bib_name **list, size_t *count, bool *more, char *value,
                    int line) {
  bt_stringlist *names =
      bt_split_list(value, "and", S_BT_NAME, line, "name");
  for (int i = 0; names && i < names->num_items; i++) {
    char *raw = names->items[i];
    if (!raw)
      continue;
    if (strcmp(raw, "others") == 0) {
      if (more)
        *more = true;
      continue;
    }
    /* one braced group is an institution: keep it whole */
    size_t len = strlen(raw);
    if (len > 2 && raw[0] == '{' && raw[len - 1] == '}') {
      int depth = 0;
      size_t j = 0;
      for (; j < len; j++) {
        depth += raw[j] == '{' ? 1 : raw[j] == '}' ? -1 : 0;
        if (depth == 0)
          break;
      }
      if (j == len - 1) {
        bib_name_push(list, count, bib_latex_to_utf8(raw), NULL, true);
        continue;
      }
    }
    bt_name *n = bt_split_name(raw, S_BT_NAME, line, i);
    if (!n)
      continue;
    buf family = BUF_INIT;
    char *von = S_name_part(n, BTN_VON), *last = S_name_part(n, BTN_LAST);
    char *jr = S_name_part(n, BTN_JR);
    if (von)
      buf_printf(&family, "%s ", von);
    if (last)
      buf_puts(&family, last);
    if (jr)
      buf_printf(&family, " %s", jr);
    free(von);
    free(last);
    free(jr);
    char *fam = S_utf8_or_null(buf_detach(&family));
    char *given = S_utf8_or_null(S_name_part(n, BTN_FIRST));
    bt_free_name(n);
    if (!fam) { /* "Åse" alone: btparse calls a single word the last name */
      fam = given;
      given = NULL;
    }
    if (fam)
      bib_name_push(list, count, fam, given, false);
    else
      free(given);
  }
  if (names)
    bt_free_list(names);
}

/* URLs and DOIs are not LaTeX: only the escapes some exporters add. */
static char *S_verbatim(const char *s) {
  buf b = BUF_INIT;
  for (; *s; s++) {
    if (*s == '{' || *s == '}')
      continue;
    if (*s == '\\' && s[1] && strchr("_%&#~$", s[1]))
      s++;
    buf_putc(&b, *s);
  }
  char *r = buf_detach(&b);
  if (!r)
    r = xstrdup("");
  return r;
}

/* "\url{https://...}" in howpublished is where older exports put URLs. */
static char *S_url_in(const char *s) {
  const char *p = strstr(s, "\\url{");
  if (!p)
    return NULL;
  p += 5;
  const char *end = strchr(p, '}');
  if (!end)
    return NULL;
  char *raw = xstrndup(p, (size_t)(end - p));
  char *r = S_verbatim(raw);
  free(raw);
  return r;
}

static void S_set(char **field, char *value) {
  if (*field) { /* the first of two synonyms (journal, journaltitle) wins */
    free(value);
    return;
  }
  *field = value;
}

static void S_entry(bib *b, AST *ast) {
  const char *key = bt_entry_key(ast);
  bib_entry *e = bib_add(b, ast->line);
  e->key = xstrdup(key);
  char *type = xstrdup(bt_entry_type(ast));
  char *number = NULL, *howpublished = NULL, *booktitle = NULL;
  AST *field = NULL;
  char *name;
  while ((field = bt_next_field(ast, field, &name))) {
    char *raw = bt_get_text(field);
    if (!raw)
      continue;
    char **dst = NULL;
    bool verbatim = false;
    if (!strcasecmp(name, "author"))
      S_names(&e->authors, &e->nauthors, &e->more_authors, raw, field->line);
    else if (!strcasecmp(name, "editor"))
      S_names(&e->editors, &e->neditors, NULL, raw, field->line);
    else if (!strcasecmp(name, "year"))
      dst = &e->year;
    else if (!strcasecmp(name, "date") && !e->year && strlen(raw) >= 4) {
      raw[4] = '\0'; /* biblatex "2016-05-01" */
      dst = &e->year;
    } else if (!strcasecmp(name, "title"))
      dst = &e->title;
    else if (!strcasecmp(name, "journal") ||
             !strcasecmp(name, "journaltitle"))
      dst = &e->container;
    else if (!strcasecmp(name, "booktitle"))
      dst = &booktitle;
    else if (!strcasecmp(name, "volume"))
      dst = &e->volume;
    else if (!strcasecmp(name, "number"))
      dst = &number;
    else if (!strcasecmp(name, "issue"))
      dst = &e->issue;
    else if (!strcasecmp(name, "pages"))
      dst = &e->pages;
    else if (!strcasecmp(name, "edition"))
      dst = &e->edition;
    else if (!strcasecmp(name, "publisher") ||
             !strcasecmp(name, "institution") ||
             !strcasecmp(name, "school") ||
             !strcasecmp(name, "organization"))
      dst = &e->publisher;
    else if (!strcasecmp(name, "address") || !strcasecmp(name, "location"))
      dst = &e->place;
    else if (!strcasecmp(name, "url"))
      dst = &e->url, verbatim = true;
    else if (!strcasecmp(name, "doi"))
      dst = &e->doi, verbatim = true;
    else if (!strcasecmp(name, "urldate"))
      dst = &e->accessed;
    else if (!strcasecmp(name, "note"))
      dst = &e->note;
    else if (!strcasecmp(name, "crossref"))
      dst = &e->crossref, verbatim = true;
    else if (!strcasecmp(name, "howpublished"))
      dst = &howpublished, verbatim = true;
    if (dst)
      S_set(dst, verbatim ? S_verbatim(raw) : S_utf8_or_null(xstrdup(raw)));
    free(raw);
  }
  if (booktitle)
    S_set(&e->container, booktitle);
  e->kind = bib_kind_from_bibtex(type, e->url != NULL);
  /* BibTeX's `number` is an article's issue but a report's number */
  if (number) {
    if (e->kind == BIB_ARTICLE)
      S_set(&e->issue, number);
    else
      S_set(&e->number, number);
  }
  if (howpublished) {
    char *u = S_url_in(howpublished);
    if (u)
      S_set(&e->url, u);
    free(howpublished);
    if (u && e->kind == BIB_MISC)
      e->kind = BIB_WEBPAGE;
  }
  if (e->doi && !strncasecmp(e->doi, "https://doi.org/", 16))
    memmove(e->doi, e->doi + 16, strlen(e->doi + 16) + 1);
  free(type);
}

static char *S_dup(const char *s) { return s ? xstrdup(s) : NULL; }

static void S_names_copy(bib_name **dst, size_t *n, const bib_name *src,
                         size_t m) {
  for (size_t i = 0; i < m; i++)
    bib_name_push(dst, n, S_dup(src[i].family), S_dup(src[i].given),
                  src[i].literal);
}

/* crossref = {book}: a chapter takes the fields it lacks from the book it
 * is in (BibTeX's rule), the book's title becoming its container. */
static void S_crossrefs(bib *b, diag_list *diags) {
  for (size_t i = 0; i < b->len; i++) {
    bib_entry *e = &b->entries[i];
    if (!e->crossref)
      continue;
    const bib_entry *p = NULL;
    for (size_t j = 0; j < b->len && !p; j++)
      if (j != i && strcmp(b->entries[j].key, e->crossref) == 0)
        p = &b->entries[j];
    if (!p) {
      diag_warning(diags, b->path, e->line, 0, M_CITE_HAS_CROSSREF_WHICH_DOES,
                   e->key, e->crossref);
      continue;
    }
    if (!e->container)
      e->container = S_dup(p->title);
    if (!e->neditors)
      S_names_copy(&e->editors, &e->neditors, p->editors, p->neditors);
    char **mine[] = {&e->year, &e->publisher, &e->place, &e->volume,
                     &e->edition, &e->url, &e->doi};
    char *const theirs[] = {p->year, p->publisher, p->place, p->volume,
                            p->edition, p->url, p->doi};
    for (size_t k = 0; k < sizeof mine / sizeof mine[0]; k++)
      if (!*mine[k])
        *mine[k] = S_dup(theirs[k]);
  }
}

int bib_read_bibtex(bib *b, const char *text, size_t len, diag_list *diags) {
  FILE *in = fmemopen((void *)text, len, "r");
  if (!in) {
    diag_error(diags, b->path, 0, 0, M_CITE_CANNOT_READ_BIBTEX_FILE);
    return -1;
  }
  S_stderr_capture cap;
  S_capture_begin(&cap);
  bt_initialize();
  /* month = jan without quotes is common in exports */
  static const char *const months[] = {"jan", "feb", "mar", "apr",
                                       "may", "jun", "jul", "aug",
                                       "sep", "oct", "nov", "dec"};
  for (int i = 0; i < 12; i++)
    bt_add_macro_text((char *)months[i], (char *)months[i], S_BT_NAME, 0);
  boolean ok;
  int bad = 0;
  /* Read to the very end even after an error: btparse remembers the open
   * stream until it has seen EOF and refuses (exit!) to start another. The
   * bound is a guard: each round consumes input. */
  for (size_t round = 0; round < len + 16; round++) {
    AST *ast = bt_parse_entry(in, S_BT_NAME, 0, &ok);
    if (!ast) {
      if (!ok)
        bad++;
      if (feof(in) && ok)
        break;
      continue;
    }
    if (!ok)
      bad++;
    else if (bt_entry_metatype(ast) == BTE_REGULAR) {
      const char *key = bt_entry_key(ast);
      if (key && *key)
        S_entry(b, ast);
      else
        fprintf(stderr, S_BT_NAME ", line %d, error: %s\n", ast->line,
                M_CITE_ENTRY_HAS_NO_KEY);
    }
    bt_free_ast(ast);
  }
  bt_cleanup();
  fclose(in);
  int errors = S_capture_end(&cap, b->path, diags);
  S_crossrefs(b, diags);
  return errors || bad ? -1 : 0;
}
