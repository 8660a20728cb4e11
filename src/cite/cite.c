/* cite.c - citations in the document tree and the literature list.
 *
 * Pandoc's citation syntax is found in the text of the tree: [@key],
 * [see @a2016; @b2018, s. 12], [-@x2019] and @key in running text
 * (optionally followed by [s. 12]). The work is done in three passes so that
 * the whole document is known before anything is formatted:
 *   1. find: every citation becomes a placeholder node; unknown keys are
 *      reported with file, line and the nearest known keys;
 *   2. disambiguate: cited works with the same author label and year get
 *      2016a, 2016b in literature-list order;
 *   3. format: the Lua style (style.c) turns each placeholder into
 *      links to '#ref-KEY', and the list is built where the {litteratur}
 *      directive put its marker, or appended at the end. */
#include "cite/cite.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "cite/bib.h"
#include "cite/style.h"
#include "cite/syntax.h"
#include "script/sandbox.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/utf8.h"

/* The id of the block the {litteratur} component leaves where the list
 * goes (lua/components/litteratur.lua). */
#define CITE_MARKER_ID "refs"

typedef struct {
  doc_node *placeholder; /* an empty DOC_TEXT in the tree */
  bool textual;
  cite_item *items;
  size_t n;
} S_cite;

typedef struct {
  doc *d;
  const bib *b;
  diag_list *diags;
  S_cite *cites;
  size_t ncites, cites_cap;
  bool *used; /* per bib entry */
  int errors;
} S_ctx;

/* ---- positions -------------------------------------------------------- */

typedef struct {
  doc_node **nodes; /* the run: DOC_TEXT and DOC_SOFT_BREAK siblings */
  size_t *offs;     /* where each node's text starts in `text` */
  size_t n;
  buf text;
} S_run;

static const doc_node *S_with_line(const doc_node *n) {
  while (n && n->line <= 0)
    n = n->parent;
  return n;
}

/* file, line and column of byte `off` of the run's text. */
static void S_position(const S_run *run, size_t off, const char **file,
                       int *line, int *col) {
  size_t k = 0;
  while (k + 1 < run->n && run->offs[k + 1] <= off)
    k++;
  const doc_node *n = run->nodes[k];
  const doc_node *src = S_with_line(n);
  *file = NULL;
  for (const doc_node *p = n; p && !*file; p = p->parent)
    *file = p->file;
  *line = src ? src->line : 0;
  *col = 0;
  if (src == n) {
    if (n->col > 0)
      *col = n->col + (int)utf8_length(run->text.data + run->offs[k],
                                       off - run->offs[k]);
    return;
  }
  /* no position on the text itself: count the line breaks before it */
  for (const doc_node *p = run->nodes[0]->prev; p; p = p->prev)
    if (p->type == DOC_SOFT_BREAK || p->type == DOC_LINE_BREAK)
      (*line)++;
  for (size_t i = 0; i < off; i++)
    if (run->text.data[i] == '\n')
      (*line)++;
}

/* ---- unknown keys ----------------------------------------------------- */

static size_t S_levenshtein(const char *a, const char *b) {
  size_t n = strlen(a), m = strlen(b);
  size_t *row = xmalloc((m + 1) * sizeof *row);
  for (size_t j = 0; j <= m; j++)
    row[j] = j;
  for (size_t i = 1; i <= n; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= m; j++) {
      size_t up = row[j];
      size_t cost = (a[i - 1] | 32) == (b[j - 1] | 32) ? 0 : 1;
      size_t best = diag + cost;
      if (up + 1 < best)
        best = up + 1;
      if (row[j - 1] + 1 < best)
        best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  size_t r = row[m];
  free(row);
  return r;
}

/* "'hansen2016', 'hansen2017'": up to three known keys nearest to key. */
static char *S_suggest(const bib *b, const char *key) {
  size_t best[3] = {(size_t)-1, (size_t)-1, (size_t)-1};
  const char *who[3] = {NULL, NULL, NULL};
  size_t limit = strlen(key) / 2 + 2;
  for (size_t i = 0; i < bib_count(b); i++) {
    const char *k = bib_at(b, i)->key;
    size_t d = S_levenshtein(key, k);
    if (d > limit)
      continue;
    for (int s = 0; s < 3; s++)
      if (d < best[s]) {
        for (int t = 2; t > s; t--)
          best[t] = best[t - 1], who[t] = who[t - 1];
        best[s] = d, who[s] = k;
        break;
      }
  }
  if (!who[0])
    return NULL;
  buf out = BUF_INIT;
  for (int s = 0; s < 3 && who[s]; s++)
    buf_printf(&out, "%s'%s'",
               s ? (s == 2 || !who[s + 1] ? M_CITE_OR : ", ") : "", who[s]);
  return buf_detach(&out);
}

static void S_unknown(S_ctx *c, const S_run *run, size_t at,
                      const char *key) {
  const char *file;
  int line, col;
  S_position(run, at, &file, &line, &col);
  c->errors++;
  if (!c->b) {
    diag_error(c->diags, file, line, col,
               M_CITE_CITATION_NEEDS_BIBLIOGRAPHY_WRITE, key);
    return;
  }
  char *near = S_suggest(c->b, key);
  if (near)
    diag_error(c->diags, file, line, col, M_CITE_UNKNOWN_CITATION_KEY_DID, key,
               near, c->b->path);
  else
    diag_error(c->diags, file, line, col, M_CITE_UNKNOWN_CITATION_KEY_KEYS, key,
               c->b->path);
  free(near);
}

/* ---- pass 1: find ----------------------------------------------------- */

/* Rebuilds text s[a, b) as DOC_TEXT and DOC_SOFT_BREAK nodes before `at`. */
static void S_emit_text(const S_run *run, size_t a, size_t b, doc_node *at) {
  while (a < b) {
    const char *nl = memchr(run->text.data + a, '\n', b - a);
    size_t end = nl ? (size_t)(nl - run->text.data) : b;
    if (end > a) {
      doc_node *t = doc_text_n(run->text.data + a, end - a);
      S_position(run, a, &t->file, &t->line, &t->col);
      doc_insert_before(at, t);
    }
    if (nl) {
      doc_node *br = doc_node_new(DOC_SOFT_BREAK);
      doc_insert_before(at, br);
      end++;
    }
    a = end;
  }
}

/* Finds the citations in one run and replaces them by placeholders. */
static void S_scan_run(S_ctx *c, S_run *run) {
  const char *s = run->text.data;
  size_t n = run->text.len, i = 0, emitted = 0;
  doc_node *after = run->nodes[run->n - 1]->next; /* NULL at the end */
  doc_node *parent = run->nodes[0]->parent;
  /* new nodes go before an anchor that stays put */
  doc_node *anchor = doc_node_new(DOC_TEXT);
  if (after)
    doc_insert_before(after, anchor);
  else
    doc_append(parent, anchor);
  bool changed = false;
  while (i < n) {
    cite_raw r;
    r.n = 0;
    bool found = (s[i] == '[' && cite_parse_bracket(&r, s, n, i)) ||
                 (s[i] == '@' && cite_parse_textual(&r, s, n, i));
    if (!found) {
      i++;
      continue;
    }
    if (!c->b && r.textual) { /* "@word" is only a citation with a list */
      i = r.end;
      cite_raw_free(&r);
      continue;
    }
    /* "[se @a og @b]": the second key would print as text */
    for (size_t k = 0; k < r.n; k++) {
      const char *sf = r.item[k].suffix;
      const char *at = sf ? strchr(sf, '@') : NULL;
      size_t skip;
      if (at && (at == sf || at[-1] == ' ') &&
          cite_key(at + 1, strlen(at + 1), &skip)) {
        const char *file;
        int line, col;
        S_position(run, r.item[k].at, &file, &line, &col);
        diag_warning(c->diags, file, line, col, M_CITE_TWO_KEYS_ONE_PART);
      }
    }
    bool known = true;
    for (size_t k = 0; k < r.n; k++) {
      const bib_entry *e = bib_find(c->b, r.item[k].key);
      if (!e) {
        S_unknown(c, run, r.item[k].at, r.item[k].key);
        known = false;
      }
    }
    if (!known) {
      i = r.end;
      cite_raw_free(&r);
      continue;
    }
    S_emit_text(run, emitted, r.start, anchor);
    doc_node *ph = doc_text("");
    S_position(run, r.start, &ph->file, &ph->line, &ph->col);
    doc_insert_before(anchor, ph);
    XGROW(c->cites, c->cites_cap, c->ncites + 1);
    S_cite *ct = &c->cites[c->ncites++];
    ct->placeholder = ph;
    ct->textual = r.textual;
    ct->n = r.n;
    ct->items = xcalloc(r.n, sizeof *ct->items);
    for (size_t k = 0; k < r.n; k++) {
      const bib_entry *e = bib_find(c->b, r.item[k].key);
      c->used[e - c->b->entries] = true;
      ct->items[k].entry = e;
      ct->items[k].prefix = r.item[k].prefix;
      ct->items[k].suffix = r.item[k].suffix;
      ct->items[k].suppress_author = r.item[k].suppress;
      free(r.item[k].key);
    }
    emitted = i = r.end;
    changed = true;
  }
  if (changed) {
    S_emit_text(run, emitted, n, anchor);
    for (size_t k = 0; k < run->n; k++)
      doc_node_free(run->nodes[k]);
  }
  doc_node_free(anchor);
}

/* The runs of text among the children of a node. */
static void S_scan_children(S_ctx *c, doc_node *parent) {
  doc_node *ch = parent->first;
  S_run run = {NULL, NULL, 0, BUF_INIT};
  size_t cap = 0;
  while (ch) {
    if (ch->type != DOC_TEXT) {
      ch = ch->next;
      continue;
    }
    run.n = 0;
    buf_clear(&run.text);
    doc_node *p = ch;
    while (p && (p->type == DOC_TEXT || p->type == DOC_SOFT_BREAK)) {
      if (run.n + 1 > cap) {
        cap = cap ? cap * 2 : 8;
        run.nodes = xrealloc(run.nodes, cap * sizeof *run.nodes);
        run.offs = xrealloc(run.offs, cap * sizeof *run.offs);
      }
      run.nodes[run.n] = p;
      run.offs[run.n++] = run.text.len;
      if (p->type == DOC_TEXT)
        buf_puts(&run.text, p->text ? p->text : "");
      else
        buf_putc(&run.text, '\n');
      p = p->next;
    }
    ch = p; /* the run's nodes may be replaced; p is not part of it */
    if (run.text.len && (memchr(run.text.data, '@', run.text.len)))
      S_scan_run(c, &run);
  }
  free(run.nodes);
  free(run.offs);
  buf_free(&run.text);
}

static void S_find(S_ctx *c) {
  /* collect first, then change: the iterator must not see edits */
  doc_node **todo = NULL;
  size_t n = 0, cap = 0;
  doc_iter it;
  doc_iter_init(&it, c->d->root);
  doc_event ev;
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE) {
    if (ev != DOC_EV_ENTER)
      continue;
    doc_node *x = it.cur;
    /* link texts, cross-references and footnote marks hold no citations */
    if (x->type == DOC_LINK || x->type == DOC_XREF ||
        x->type == DOC_FOOTNOTE_REF) {
      doc_iter_skip_children(&it);
      continue;
    }
    if (x->first && x->first->type != DOC_TEXT) {
      bool any = false;
      for (doc_node *k = x->first; k && !any; k = k->next)
        any = k->type == DOC_TEXT;
      if (!any)
        continue;
    } else if (!x->first) {
      continue;
    }
    XGROW(todo, cap, n + 1);
    todo[n++] = x;
  }
  for (size_t i = 0; i < n; i++)
    S_scan_children(c, todo[i]);
  free(todo);
}

/* ---- pass 2: disambiguate --------------------------------------------- */

typedef struct {
  const bib_entry *e;
  char *label;    /* names(e): "Hansen & Larsen" */
  char *sort_key; /* sort_key(e) */
} S_work;

static int S_work_cmp(const void *pa, const void *pb) {
  const S_work *a = pa, *b = pb;
  int r = utf8_danish_cmp(a->sort_key, b->sort_key);
  return r ? r : strcmp(a->e->key, b->e->key);
}

/* Works whose citation would read the same ("Hansen et al. 2016") get a
 * letter after the year, in the order of the literature list, as CSL's
 * disambiguate-add-year-suffix does. */
static void S_disambiguate(cite_style *st, S_work *w, size_t n) {
  bool *done = xcalloc(n ? n : 1, sizeof *done);
  for (size_t i = 0; i < n; i++) {
    if (done[i])
      continue;
    size_t same = 0;
    for (size_t j = i; j < n; j++) {
      bool match = !done[j] && strcmp(w[i].label, w[j].label) == 0 &&
                   (w[i].e->year && w[j].e->year
                        ? strcmp(w[i].e->year, w[j].e->year) == 0
                        : w[i].e->year == w[j].e->year);
      if (match)
        same++;
    }
    if (same < 2) {
      done[i] = true;
      continue;
    }
    /* w is sorted: the group's members come in list order */
    int letter = 0;
    for (size_t j = i; j < n; j++) {
      bool match = !done[j] && strcmp(w[i].label, w[j].label) == 0 &&
                   (w[i].e->year && w[j].e->year
                        ? strcmp(w[i].e->year, w[j].e->year) == 0
                        : w[i].e->year == w[j].e->year);
      if (!match)
        continue;
      char suffix[8];
      if (letter < 26)
        snprintf(suffix, sizeof suffix, "%c", 'a' + letter);
      else
        snprintf(suffix, sizeof suffix, "%c%c", 'a' + letter / 26 - 1,
                 'a' + letter % 26);
      letter++;
      cite_style_set_suffix(st, w[j].e, suffix);
      done[j] = true;
    }
  }
  free(done);
}

/* ---- pass 3: the literature list -------------------------------------- */

static doc_node *S_marker(doc_node *root) {
  doc_iter it;
  doc_iter_init(&it, root);
  doc_event ev;
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE)
    if (ev == DOC_EV_ENTER && doc_is_block(it.cur->type) && it.cur->id &&
        strcmp(it.cur->id, CITE_MARKER_ID) == 0)
      return it.cur;
  return NULL;
}

static int S_list(S_ctx *c, cite_style *st, S_work *w, size_t n) {
  doc_node *marker = S_marker(c->d->root);
  if (n == 0) {
    doc_node_free(marker);
    return 0;
  }
  doc_node *at = marker;
  /* the {litteratur} component's heading: unnumbered, as the appended
   * one, but it stays in the table of contents */
  if (marker && marker->prev && marker->prev->type == DOC_HEADING)
    marker->prev->flags |= DOC_UNNUMBERED;
  if (!at) {
    /* the end of the text: before the footnotes, which live at the end */
    doc_node *fn = c->d->root->first;
    while (fn && fn->type != DOC_FOOTNOTE_DEF)
      fn = fn->next;
    at = doc_node_new(DOC_TEXT); /* a temporary anchor */
    if (fn)
      doc_insert_before(fn, at);
    else
      doc_append(c->d->root, at);
    doc_node *h = doc_node_new(DOC_HEADING);
    h->level = 1;
    h->flags |= DOC_UNNUMBERED;
    char *title = cite_style_heading(st);
    doc_append(h, doc_text(title ? title : "Litteratur"));
    free(title);
    doc_insert_before(at, h);
  }
  int rc = 0;
  for (size_t i = 0; i < n; i++) {
    doc_node *p = doc_node_new(DOC_PARAGRAPH);
    p->flags |= DOC_HANGING;
    buf id = BUF_INIT;
    buf_printf(&id, "ref-%s", w[i].e->key);
    p->id = buf_detach(&id);
    p->file = at->file;
    p->line = at->line;
    if (cite_style_entry(st, w[i].e, p) != 0)
      rc = -1;
    doc_insert_before(at, p);
  }
  doc_node_free(at);
  return rc;
}

/* ---- the stage -------------------------------------------------------- */

static void S_warn_unused(S_ctx *c) {
  for (size_t i = 0; i < bib_count(c->b); i++)
    if (!c->used[i]) {
      const bib_entry *e = bib_at(c->b, i);
      /* editions have different chapters: say which one */
      const char *ed = c->d->meta.edition_title;
      if (ed)
        diag_warning(c->diags, c->b->path, e->line, 0, M_CITE_IS_NOT_CITED_IS,
                     e->key, ed);
      else
        diag_warning(c->diags, c->b->path, e->line, 0, M_CITE_IS_NOT_CITED_TEXT,
                     e->key);
    }
}

static void S_free_cites(S_ctx *c) {
  for (size_t i = 0; i < c->ncites; i++) {
    for (size_t k = 0; k < c->cites[i].n; k++) {
      free(c->cites[i].items[k].prefix);
      free(c->cites[i].items[k].suffix);
    }
    free(c->cites[i].items);
  }
  free(c->cites);
}

int cite_process_lua(doc *d, const bib *b, struct lua_State *L,
                     diag_list *diags) {
  S_ctx c = {0};
  c.d = d;
  c.b = b;
  c.diags = diags;
  c.used = xcalloc(bib_count(b) + 1, sizeof *c.used);
  S_find(&c);
  /* unknown keys fail the build, but the rest is still formatted so that
   * `rapport check` reports every problem at once */
  int rc = c.errors ? -1 : 0;
  bool style_ok = true;
  if (!b) {
    S_free_cites(&c);
    free(c.used);
    return rc;
  }
  S_warn_unused(&c);
  cite_style *st = L ? cite_style_open(L, d, d->meta.lang, diags) : NULL;
  if (!st) {
    S_free_cites(&c);
    free(c.used);
    return -1;
  }
  /* the cited works, in literature-list order */
  size_t n = 0;
  S_work *w = xcalloc(bib_count(b) + 1, sizeof *w);
  for (size_t i = 0; i < bib_count(b); i++) {
    if (!c.used[i])
      continue;
    const bib_entry *e = bib_at(b, i);
    cite_style_add(st, e);
    w[n].e = e;
    w[n].label = cite_style_names(st, e);
    w[n].sort_key = cite_style_sort_key(st, e);
    if (!w[n].label || !w[n].sort_key) {
      free(w[n].label);
      free(w[n].sort_key);
      style_ok = false;
      continue;
    }
    n++;
  }
  if (!style_ok)
    rc = -1;
  if (style_ok) {
    qsort(w, n, sizeof *w, S_work_cmp);
    S_disambiguate(st, w, n);
    for (size_t i = 0; i < c.ncites; i++) {
      S_cite *ct = &c.cites[i];
      if (cite_style_cite(st, ct->items, ct->n, ct->textual,
                          ct->placeholder) != 0)
        rc = -1;
      /* positions for messages about the new nodes */
      for (doc_node *p = ct->placeholder->prev;
           p && p->type == DOC_LINK && !p->line; p = p->prev) {
        p->file = ct->placeholder->file;
        p->line = ct->placeholder->line;
        p->col = ct->placeholder->col;
      }
      doc_node_free(ct->placeholder);
    }
    if (S_list(&c, st, w, n) != 0)
      rc = -1;
  }
  for (size_t i = 0; i < n; i++) {
    free(w[i].label);
    free(w[i].sort_key);
  }
  free(w);
  cite_style_close(st);
  S_free_cites(&c);
  free(c.used);
  return rc;
}

int cite_process(doc *d, const bib *b, script *s, diag_list *diags) {
  lua_State *L = s ? script_lua(s) : NULL;
  if (L)
    return cite_process_lua(d, b, L, diags);
  /* no template state (or it offers none): a small state of our own with
   * the styles in lua/lib */
  L = cite_style_state(NULL, d->meta.lang);
  if (!L) {
    diag_error(diags, NULL, 0, 0, "%s", M_CITE_LUA_COULD_NOT_START);
    return -1;
  }
  int rc = cite_process_lua(d, b, L, diags);
  sandbox_close(L);
  return rc;
}
