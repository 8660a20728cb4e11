/* resolve.c - the resolve stage (see resolve.h): ids, numbers and
 * cross-reference texts (doc_resolve), then section numbers, contents, lists
 * of tables and figures and the date (resolve_structure), computed once for
 * every writer. */
#include "doc/resolve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/mem.h"
#include "util/utf8.h"

/* ---- ids, numbers and cross-references ---- */

/* A hash table from label to node (ids are looked up once per label and
 * once per reference, so a linear list made big documents quadratic). In
 * the table of heading slugs, next is the suffix to try first. */
typedef struct {
  const char *id; /* NULL: empty slot */
  doc_node *node;
  int next;
} S_id_entry;

typedef struct {
  S_id_entry *items;
  size_t len, cap; /* cap: 0 or a power of two, at least twice len */
  bool owns;       /* the keys are copies to free with the table */
} S_id_table;

static size_t S_hash(const char *s) {
  size_t h = 14695981039346656037u; /* FNV-1a */
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h;
}

/* The slot of id, or the empty slot where it would go. */
static S_id_entry *S_id_slot(const S_id_table *t, const char *id) {
  size_t i = S_hash(id) & (t->cap - 1);
  while (t->items[i].id && strcmp(t->items[i].id, id) != 0)
    i = (i + 1) & (t->cap - 1);
  return &t->items[i];
}

static S_id_entry *S_id_get(const S_id_table *t, const char *id) {
  if (!t->cap)
    return NULL;
  S_id_entry *e = S_id_slot(t, id);
  return e->id ? e : NULL;
}

static doc_node *S_id_find(const S_id_table *t, const char *id) {
  S_id_entry *e = S_id_get(t, id);
  return e ? e->node : NULL;
}

/* Adds id (not yet in t); a copy of it when the table owns its keys. */
static S_id_entry *S_id_add(S_id_table *t, const char *id, doc_node *n) {
  if (2 * (t->len + 1) > t->cap) {
    S_id_table bigger = {0};
    bigger.cap = t->cap ? 2 * t->cap : 64;
    bigger.items = xcalloc(bigger.cap, sizeof *bigger.items);
    for (size_t i = 0; i < t->cap; i++)
      if (t->items[i].id)
        *S_id_slot(&bigger, t->items[i].id) = t->items[i];
    free(t->items);
    t->items = bigger.items;
    t->cap = bigger.cap;
  }
  S_id_entry *e = S_id_slot(t, id);
  e->id = t->owns ? xstrdup(id) : id;
  e->node = n;
  e->next = 2;
  t->len++;
  return e;
}

static void S_id_free(S_id_table *t) {
  if (t->owns)
    for (size_t i = 0; i < t->cap; i++)
      free((char *)t->items[i].id);
  free(t->items);
}

static const char *S_file(const doc_node *n) {
  for (; n; n = n->parent)
    if (n->file)
      return n->file;
  return NULL;
}

static int S_line(const doc_node *n) {
  for (; n; n = n->parent)
    if (n->line)
      return n->line;
  return 0;
}

static bool S_has_caption(const doc_node *n) {
  for (doc_node *c = n->first; c; c = c->next)
    if (c->type == DOC_CAPTION)
      return true;
  return false;
}

/* Whether label names what a failed directive would have made: its id, or
 * one derived from it ("tbl:x-klub" from "tbl:x"). */
typedef struct {
  const char **v; /* borrowed from the nodes */
  size_t len;
} S_labels;

static bool S_failed_label(const S_labels *failed, const char *label) {
  for (size_t i = 0; i < failed->len; i++) {
    size_t n = strlen(failed->v[i]);
    if (strncmp(label, failed->v[i], n) == 0 &&
        (label[n] == '\0' || label[n] == '-'))
      return true;
  }
  return false;
}

static bool S_empty_cell(const doc_node *c) {
  for (const doc_node *k = c->first; k; k = k->next)
    if (k->type != DOC_TEXT || (k->text && k->text[strspn(k->text, " ")]))
      return false;
  return true;
}

/* Marks the cells that name their row (DOC_ROW_HEADER): in a table with a
 * header row and more than one column, the first cell of each body row
 * (elements, partnerships, dates), unless it is empty or alone in its
 * row. One rule for every writer, so the HTML's <th scope="row"> and the
 * PDF's TH /Scope /Row are the same cells. */
static void S_row_headers(doc_node *tab) {
  bool has_header = false;
  for (const doc_node *r = tab->first; r; r = r->next)
    if (r->type == DOC_TABLE_ROW && (r->flags & DOC_HEADER_ROW))
      has_header = true;
  if (!has_header || tab->ncols == 1)
    return;
  for (doc_node *r = tab->first; r; r = r->next) {
    if (r->type != DOC_TABLE_ROW || (r->flags & DOC_HEADER_ROW))
      continue;
    doc_node *c = r->first;
    while (c && c->type != DOC_TABLE_CELL)
      c = c->next;
    if (c && c->next && !S_empty_cell(c))
      c->flags |= DOC_ROW_HEADER;
  }
}

int doc_resolve(doc *d, const doc_words *w, diag_list *diags) {
  S_id_table ids = {0}, slugs = {.owns = true};
  S_labels failed = {0}; /* labels of directives that failed */
  int ntab = 0, nfig = 0, nfoot = 0;
  size_t errors0 = diags->errors;
  doc_iter it;
  doc_event ev;

  /* pass 1: ids and numbers */
  doc_iter_init(&it, d->root);
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE) {
    if (ev != DOC_EV_ENTER)
      continue;
    doc_node *n = it.cur;
    if ((n->flags & DOC_FAILED) && n->text) {
      failed.v = xrealloc(failed.v, (failed.len + 1) * sizeof *failed.v);
      failed.v[failed.len++] = n->text;
    }
    if (n->type == DOC_TABLE)
      S_row_headers(n);
    if (n->type == DOC_TABLE && !(n->flags & DOC_CHART_DATA) &&
        !(n->flags & DOC_UNNUMBERED) && S_has_caption(n))
      n->number = ++ntab;
    else if (n->type == DOC_FIGURE && !(n->flags & DOC_UNNUMBERED) &&
             S_has_caption(n))
      n->number = ++nfig;
    else if (n->type == DOC_FOOTNOTE_DEF && n->number == 0)
      n->number = ++nfoot;
    if (n->type == DOC_HEADING && !n->id) {
      char *t = doc_plain_text(n);
      char *slug = doc_slug(t);
      free(t);
      /* make unique by suffix, counting on from the last one this slug
       * got: a thousand headings "Afsnit" cost a thousand tries, not half
       * a million */
      buf b = BUF_INIT;
      buf_puts(&b, slug);
      S_id_entry *base = S_id_get(&slugs, slug);
      if (!base)
        base = S_id_add(&slugs, slug, NULL);
      for (int k = base->next; S_id_find(&ids, buf_cstr(&b)); k++) {
        buf_clear(&b);
        buf_printf(&b, "%s-%d", slug, k);
        base->next = k + 1;
      }
      free(slug);
      n->id = buf_detach(&b);
    }
    if (n->id) {
      if (S_id_find(&ids, n->id))
        diag_error(diags, S_file(n), S_line(n), 0, M_DOC_LABEL_IS_USED_TWICE,
                   n->id);
      else
        S_id_add(&ids, n->id, n);
    }
  }

  /* pass 2: cross-references and footnote references */
  doc_iter_init(&it, d->root);
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE) {
    if (ev != DOC_EV_ENTER)
      continue;
    doc_node *n = it.cur;
    if (n->type == DOC_FOOTNOTE_REF && n->text) {
      n->target = S_id_find(&ids, n->text);
      if (n->target && n->number == 0)
        n->number = n->target->number;
    } else if (n->type == DOC_XREF && n->text) {
      doc_node *t = S_id_find(&ids, n->text);
      if (!t && S_failed_label(&failed, n->text))
        continue;
      if (!t) {
        diag_error(diags, S_file(n), S_line(n), n->col,
                   M_DOC_REFERENCE_POINTS_LABEL_THAT, n->text);
        continue;
      }
      n->target = t;
      while (n->first)
        doc_node_free(n->first);
      buf b = BUF_INIT;
      const char *word = t->type == DOC_TABLE    ? w->table_word
                         : t->type == DOC_FIGURE ? w->figure_word
                                                 : NULL;
      if (word) {
        if (n->flags & DOC_CAPITALISE) {
          uint32_t cp;
          int k = utf8_decode(word, strlen(word), &cp);
          utf8_encode(&b, utf8_upper_cp(cp));
          buf_puts(&b, word + k);
        } else {
          buf_puts(&b, word);
        }
        buf_printf(&b, " %d", t->number);
      } else {
        char *title = doc_plain_text(t);
        buf_printf(&b, "%s", title);
        free(title);
      }
      doc_append(n, doc_text(buf_cstr(&b)));
      buf_free(&b);
    }
  }
  S_id_free(&ids);
  S_id_free(&slugs);
  free(failed.v);
  return diags->errors > errors0 ? -1 : 0;
}

/* ---- the structure the writers show ---- */

/* Levels that get a number "2.1.3"; deeper headings are never numbered (a
 * four-part number helps no reader). */
#define NUMBERED_LEVELS 3

static bool S_theme_bool(const theme *t, const char *key) {
  const char *v = theme_string(t, key, "false");
  return strcmp(v, "true") == 0 || strcmp(v, "1") == 0 ||
         strcmp(v, "yes") == 0;
}

static void S_add(doc_entries *v, doc_entry_kind kind, const doc_node *n,
                  const char *number, char *title) {
  XGROW(v->items, v->cap, v->len + 1);
  doc_entry *e = &v->items[v->len++];
  e->kind = kind;
  e->level = n->type == DOC_HEADING ? n->level : 0;
  e->number_text = xstrdup(number ? number : "");
  e->title_text = title; /* ownership moves to the entry */
  e->target_id = n->id ? xstrdup(n->id) : NULL;
  e->node = n;
}

static const doc_node *S_caption(const doc_node *n) {
  for (const doc_node *c = n->first; c; c = c->next)
    if (c->type == DOC_CAPTION)
      return c;
  return NULL;
}

static void S_add_numbered(doc_entries *v, doc_entry_kind kind,
                           const doc_node *n) {
  const doc_node *cap = S_caption(n);
  char num[16];
  snprintf(num, sizeof num, "%d", n->number);
  S_add(v, kind, n, num, cap ? doc_plain_text(cap) : xstrdup(""));
}

/* "2.1" from the counters of levels 1..level. */
static char *S_section_number(const int *sect, int level) {
  buf b = BUF_INIT;
  for (int i = 1; i <= level; i++)
    buf_printf(&b, "%s%d", i > 1 ? "." : "", sect[i]);
  return buf_detach(&b);
}

static void S_date(doc_resolved *r, const doc_meta *m, const locale *l) {
  if (!m->date)
    return;
  int y, mo, da;
  char rest;
  if (sscanf(m->date, "%4d-%2d-%2d%c", &y, &mo, &da, &rest) != 3 || mo < 1 ||
      mo > 12 || da < 1 || da > 31) {
    r->date_display = xstrdup(m->date); /* written out by the author */
    return;
  }
  char key[16];
  snprintf(key, sizeof key, "months.%d", mo);
  const char *month = locale_get(l, key);
  buf b = BUF_INIT;
  if (m->lang && strncmp(m->lang, "en", 2) == 0)
    buf_printf(&b, "%d %s %d", da, month, y);
  else
    buf_printf(&b, "%d. %s %d", da, month, y);
  r->date_display = buf_detach(&b); /* leaves b empty for the next form */
  buf_printf(&b, "%04d-%02d-%02d", y, mo, da);
  r->date_iso = buf_detach(&b);
}

void resolve_structure(doc *d, const theme *t, const locale *l) {
  doc_resolved_free(d->res);
  doc_resolved *r = d->res = xcalloc(1, sizeof *r);
  r->toc_depth = (int)theme_number(t, "toc.depth", RESOLVE_TOC_DEPTH);
  bool numbered = S_theme_bool(t, "heading.numbered");
  int sect[NUMBERED_LEVELS + 1] = {0};

  doc_iter it;
  doc_event ev;
  doc_iter_init(&it, d->root);
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE) {
    if (ev != DOC_EV_ENTER)
      continue;
    doc_node *n = it.cur;
    switch (n->type) {
    case DOC_FOOTNOTE_DEF:
      /* a note is no part of the document's outline */
      doc_iter_skip_children(&it);
      break;
    case DOC_HEADING: {
      free(n->number_text);
      n->number_text = NULL;
      bool unnumbered = (n->flags & DOC_UNNUMBERED) != 0;
      if (numbered && !unnumbered && n->level >= 1 &&
          n->level <= NUMBERED_LEVELS) {
        sect[n->level]++;
        for (int i = n->level + 1; i <= NUMBERED_LEVELS; i++)
          sect[i] = 0;
        n->number_text = S_section_number(sect, n->level);
      }
      if (!(n->flags & DOC_NOT_IN_TOC) && n->level <= r->toc_depth)
        S_add(&r->contents,
              unnumbered ? DOC_ENTRY_UNNUMBERED : DOC_ENTRY_SECTION, n,
              n->number_text, doc_plain_text(n));
      doc_iter_skip_children(&it);
      break;
    }
    case DOC_TABLE:
      if (n->number > 0 && !(n->flags & DOC_CHART_DATA))
        S_add_numbered(&r->tables, DOC_ENTRY_TABLE, n);
      break;
    case DOC_FIGURE:
      if (n->number > 0)
        S_add_numbered(&r->figures, DOC_ENTRY_FIGURE, n);
      break;
    default:
      break;
    }
  }
  S_date(r, &d->meta, l);
}
