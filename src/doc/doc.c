/* doc.c - the document tree: nodes, ownership, iteration, slugs. */
#include "doc/doc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "util/buf.h"
#include "util/mem.h"
#include "util/utf8.h"

doc *doc_new(void) {
  doc *d = xcalloc(1, sizeof *d);
  d->root = doc_node_new(DOC_DOCUMENT);
  d->meta.lang = xstrdup("da");
  return d;
}

static void S_meta_free(doc_meta *m) {
  free(m->title);
  free(m->subtitle);
  free(m->edition_title);
  free(m->organisation);
  free(m->date);
  free(m->lang);
  free(m->subject);
  free(m->keywords);
  free(m->public_label);
  for (size_t i = 0; i < m->nauthors; i++)
    free(m->authors[i]);
  free(m->authors);
}

static void S_pool_free(struct doc_pool *p);

static void S_entries_free(doc_entries *v) {
  for (size_t i = 0; i < v->len; i++) {
    free(v->items[i].number_text);
    free(v->items[i].title_text);
    free(v->items[i].target_id);
  }
  free(v->items);
}

void doc_resolved_free(doc_resolved *r) {
  if (!r)
    return;
  S_entries_free(&r->contents);
  S_entries_free(&r->tables);
  S_entries_free(&r->figures);
  free(r->date_display);
  free(r->date_iso);
  free(r);
}

void doc_free(doc *d) {
  if (!d)
    return;
  doc_resolved_free(d->res);
  doc_node_free(d->root);
  S_pool_free(d->pool);
  S_meta_free(&d->meta);
  for (size_t i = 0; i < d->nfiles; i++)
    free(d->files[i]);
  free(d->files);
  free(d);
}

const char *doc_intern_file(doc *d, const char *file) {
  if (!file)
    return NULL;
  for (size_t i = 0; i < d->nfiles; i++)
    if (strcmp(d->files[i], file) == 0)
      return d->files[i];
  XGROW(d->files, d->files_cap, d->nfiles + 1);
  d->files[d->nfiles] = xstrdup(file);
  return d->files[d->nfiles++];
}

doc_node *doc_node_new(doc_type type) {
  doc_node *n = xcalloc(1, sizeof *n);
  n->type = type;
  n->fill = -1;
  return n;
}

/* ---- the node pool ----
 *
 * Nodes made by doc_node_new_in are carved from chunks the doc owns. The
 * chunks grow from 16 KB (a small report stays small) to 2 MB; from there on
 * they are 2 MB aligned and advised as transparent huge pages, so the
 * hundred thousand nodes of a big data table cost a few page faults instead
 * of thousands (on a virtual machine the faults, not malloc's bookkeeping,
 * are most of what allocating costs). doc_node_free frees a pooled node's
 * strings but leaves its memory to doc_free. Under AddressSanitizer every
 * node is its own allocation again, so use-after-free stays detectable. */

#if defined(__SANITIZE_ADDRESS__)
#define POOL_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_OFF 1
#endif
#endif

#define POOL_FIRST ((size_t)16 << 10)
#define POOL_HUGE ((size_t)2 << 20)

typedef struct pool_chunk {
  struct pool_chunk *next;
  size_t size;  /* bytes, header included */
  bool mapped;  /* mmap'ed (huge) rather than calloc'ed */
} pool_chunk;

struct doc_pool {
  pool_chunk *chunks;
  char *cur, *end;   /* free space in the newest chunk */
  size_t next_size;  /* size of the next chunk */
};

#ifndef POOL_OFF
/* POOL_HUGE bytes of zeroed memory on a POOL_HUGE boundary, advised as a
 * huge page; NULL if the system refuses. */
static void *S_map_huge(void) {
  size_t len = 2 * POOL_HUGE;
  char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    return NULL;
  uintptr_t a = ((uintptr_t)p + POOL_HUGE - 1) & ~(uintptr_t)(POOL_HUGE - 1);
  size_t head = a - (uintptr_t)p;
  size_t tail = len - head - POOL_HUGE;
  if (head)
    munmap(p, head);
  if (tail)
    munmap((char *)a + POOL_HUGE, tail);
#ifdef MADV_HUGEPAGE
  madvise((void *)a, POOL_HUGE, MADV_HUGEPAGE);
#endif
  return (void *)a;
}

static void S_pool_grow(struct doc_pool *p) {
  size_t size = p->next_size;
  pool_chunk *c = NULL;
  bool mapped = false;
  if (size >= POOL_HUGE) {
    size = POOL_HUGE;
    c = S_map_huge();
    mapped = c != NULL;
  } else {
    p->next_size *= 2;
  }
  if (!c)
    c = xcalloc(1, size);
  c->next = p->chunks;
  c->size = size;
  c->mapped = mapped;
  p->chunks = c;
  /* nodes start after the header, aligned for doc_node */
  size_t hdr = (sizeof *c + _Alignof(doc_node) - 1) &
               ~(size_t)(_Alignof(doc_node) - 1);
  p->cur = (char *)c + hdr;
  p->end = (char *)c + size;
}

#endif

static void S_pool_free(struct doc_pool *p) {
  if (!p)
    return;
  pool_chunk *c = p->chunks;
  while (c) {
    pool_chunk *next = c->next;
    if (c->mapped)
      munmap(c, c->size);
    else
      free(c);
    c = next;
  }
  free(p);
}

doc_node *doc_node_new_in(doc *d, doc_type type) {
#ifdef POOL_OFF
  (void)d;
  return doc_node_new(type);
#else
  if (!d)
    return doc_node_new(type);
  struct doc_pool *p = d->pool;
  if (!p) {
    p = d->pool = xcalloc(1, sizeof *p);
    p->next_size = POOL_FIRST;
  }
  if ((size_t)(p->end - p->cur) < sizeof(doc_node))
    S_pool_grow(p);
  /* the chunk is zeroed and its memory never handed out twice */
  doc_node *n = (doc_node *)(void *)p->cur;
  p->cur += sizeof(doc_node);
  n->type = type;
  n->fill = -1;
  n->pooled = 1;
  return n;
#endif
}

doc_node *doc_text_in(doc *d, const char *s, size_t n) {
  doc_node *t = doc_node_new_in(d, DOC_TEXT);
  t->text = xstrndup(s, n);
  return t;
}

void doc_unlink(doc_node *n) {
  if (n->prev)
    n->prev->next = n->next;
  else if (n->parent)
    n->parent->first = n->next;
  if (n->next)
    n->next->prev = n->prev;
  else if (n->parent)
    n->parent->last = n->prev;
  n->parent = n->prev = n->next = NULL;
}

/* A node's drawing is its own (doc.h): freed with the node. */
static void S_drawing_free(doc_drawing *dr) {
  if (!dr)
    return;
  for (size_t i = 0; i < dr->len; i++) {
    free(dr->items[i].points);
    free(dr->items[i].text);
  }
  free(dr->items);
  free(dr);
}

static void S_node_free_one(doc_node *n) {
  free(n->text);
  free(n->id);
  free(n->title);
  free(n->alt);
  free(n->info);
  free(n->aligns);
  free(n->widths);
  free(n->number_text);
  S_drawing_free(n->drawing);
  if (!n->pooled)
    free(n);
}

void doc_node_free(doc_node *n) {
  if (!n)
    return;
  doc_unlink(n);
  /* iterative post-order free, so deep trees cannot overflow the stack */
  doc_node *cur = n;
  while (cur) {
    if (cur->first) {
      cur = cur->first;
      continue;
    }
    doc_node *next = cur->next ? cur->next : cur->parent;
    if (cur->parent) {
      cur->parent->first = cur->next;
      if (cur->next)
        cur->next->prev = NULL;
    }
    bool done = cur == n;
    S_node_free_one(cur);
    if (done)
      break;
    cur = next;
  }
}

void doc_append(doc_node *parent, doc_node *child) {
  doc_unlink(child);
  child->parent = parent;
  child->prev = parent->last;
  if (parent->last)
    parent->last->next = child;
  else
    parent->first = child;
  parent->last = child;
}

void doc_prepend(doc_node *parent, doc_node *child) {
  doc_unlink(child);
  child->parent = parent;
  child->next = parent->first;
  if (parent->first)
    parent->first->prev = child;
  else
    parent->last = child;
  parent->first = child;
}

void doc_insert_before(doc_node *sibling, doc_node *n) {
  doc_unlink(n);
  n->parent = sibling->parent;
  n->next = sibling;
  n->prev = sibling->prev;
  if (sibling->prev)
    sibling->prev->next = n;
  else if (sibling->parent)
    sibling->parent->first = n;
  sibling->prev = n;
}

void doc_set(char **field, const char *s) {
  free(*field);
  *field = s ? xstrdup(s) : NULL;
}

doc_node *doc_text(const char *s) { return doc_text_n(s, strlen(s)); }

doc_node *doc_text_n(const char *s, size_t n) {
  doc_node *t = doc_node_new(DOC_TEXT);
  t->text = xstrndup(s, n);
  return t;
}

bool doc_is_inline(doc_type t) { return t >= DOC_TEXT && t < DOC_TYPE_COUNT; }
bool doc_is_block(doc_type t) { return t < DOC_TEXT; }

const char *doc_type_name(doc_type t) {
  static const char *names[DOC_TYPE_COUNT] = {
      "document", "heading", "paragraph", "list", "item", "quote",
      "code_block", "rule", "table", "table_row", "table_cell", "caption",
      "figure", "chart", "image", "footnote_def", "page_break", "toc",
      "list_of_tables", "list_of_figures", "raw_html", "text", "emph",
      "strong", "strike", "code", "link", "footnote_ref", "xref",
      "soft_break", "line_break", "span"};
  return t < DOC_TYPE_COUNT ? names[t] : "?";
}

char *doc_plain_text(const doc_node *n) {
  buf b = BUF_INIT;
  doc_iter it;
  doc_iter_init(&it, (doc_node *)n);
  doc_event ev;
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE) {
    if (ev != DOC_EV_ENTER)
      continue;
    doc_node *c = it.cur;
    if ((c->type == DOC_TEXT || c->type == DOC_CODE) && c->text)
      buf_puts(&b, c->text);
    else if (c->type == DOC_SOFT_BREAK || c->type == DOC_LINE_BREAK)
      buf_putc(&b, ' ');
    else if (c->type == DOC_FOOTNOTE_REF)
      doc_iter_skip_children(&it);
  }
  return buf_detach(&b);
}

doc_drawing *doc_drawing_new(double width, double height) {
  doc_drawing *dr = xcalloc(1, sizeof *dr);
  dr->width = width;
  dr->height = height;
  return dr;
}

draw_item *doc_drawing_add(doc_drawing *dr, draw_kind kind) {
  XGROW(dr->items, dr->cap, dr->len + 1);
  draw_item *it = &dr->items[dr->len++];
  memset(it, 0, sizeof *it);
  it->kind = kind;
  it->fill = -1;
  it->stroke = -1;
  it->stroke_width = 1;
  it->anchor = 's';
  it->font_size = 8;
  return it;
}

/* ---- iterator ---- */

static bool S_may_have_children(const doc_node *n) {
  switch (n->type) {
  case DOC_TEXT: case DOC_CODE: case DOC_SOFT_BREAK: case DOC_LINE_BREAK:
  case DOC_CODE_BLOCK: case DOC_RULE: case DOC_PAGE_BREAK: case DOC_TOC:
  case DOC_LIST_OF_TABLES: case DOC_LIST_OF_FIGURES: case DOC_RAW_HTML:
  case DOC_CHART: case DOC_IMAGE:
    return false;
  default:
    return true;
  }
}

void doc_iter_init(doc_iter *it, doc_node *root) {
  it->root = root;
  it->cur = NULL;
  it->ev = DOC_EV_NONE;
  it->state = 0;
}

doc_event doc_iter_next(doc_iter *it) {
  if (it->state == 2 || !it->root)
    return DOC_EV_NONE;
  if (it->state == 0) {
    it->state = 1;
    it->cur = it->root;
    return it->ev = DOC_EV_ENTER;
  }
  doc_node *c = it->cur;
  if (it->state == 3) { /* skip_children: exit the node just entered */
    it->state = 1;
    return it->ev = DOC_EV_EXIT;
  }
  if (it->ev == DOC_EV_ENTER && S_may_have_children(c)) {
    if (c->first) {
      it->cur = c->first;
      return it->ev = DOC_EV_ENTER;
    }
    return it->ev = DOC_EV_EXIT;
  }
  if (c == it->root) {
    it->state = 2;
    it->cur = NULL;
    return it->ev = DOC_EV_NONE;
  }
  if (c->next) {
    it->cur = c->next;
    return it->ev = DOC_EV_ENTER;
  }
  it->cur = c->parent;
  return it->ev = DOC_EV_EXIT;
}

void doc_iter_skip_children(doc_iter *it) {
  if (it->state == 1 && it->ev == DOC_EV_ENTER && S_may_have_children(it->cur))
    it->state = 3;
}

/* ---- ids ---- */

char *doc_slug(const char *text) {
  buf b = BUF_INIT;
  size_t n = strlen(text), i = 0;
  bool dash = false;
  while (i < n) {
    uint32_t cp;
    int k = utf8_decode(text + i, n - i, &cp);
    i += (size_t)k;
    cp = utf8_lower_cp(cp);
    const char *rep = NULL;
    char one[2] = {0, 0};
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      one[0] = (char)cp;
      rep = one;
    } else if (cp == 0xE6) rep = "ae";
    else if (cp == 0xF8) rep = "oe";
    else if (cp == 0xE5) rep = "aa";
    else if (cp == 0xE9 || cp == 0xE8) rep = "e";
    else if (cp == 0xE4) rep = "ae";
    else if (cp == 0xF6) rep = "oe";
    else if (cp == 0xFC) rep = "u";
    else if (cp == '_' || cp == ':' || cp == '.') {
      one[0] = (char)cp;
      rep = one;
    }
    if (rep) {
      if (dash && b.len)
        buf_putc(&b, '-');
      dash = false;
      buf_puts(&b, rep);
    } else {
      dash = true;
    }
  }
  if (b.len == 0)
    buf_puts(&b, "afsnit");
  return buf_detach(&b);
}

const doc_node *doc_title_image(const doc *d, unsigned flag) {
  for (const doc_node *n = d->root->first; n; n = n->next)
    if (n->type == DOC_IMAGE && (n->flags & flag) && n->text)
      return n;
  return NULL;
}
