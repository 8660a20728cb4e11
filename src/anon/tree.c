/* tree.c - pseudonymises a whole document tree (anon_apply) and
 * checks that nothing was left (anon_check).
 *
 * Text is rewritten per block, on the joined inline text of the block, so a
 * name split over inline nodes is caught; the replacement goes into the
 * first text node and the rest of the name is cut from the nodes after it.
 * Ids are rewritten once into a table, and every reference to an id (cross
 * references, footnote references, '#id' links) goes through the same
 * table, so the links keep working and two people who share a role ("sec:
 * konsulent") still get distinct ids. */
#include <stdlib.h>
#include <string.h>

#include "anon/anon.h"
#include "anon/internal.h"
#include "util/mem.h"
#include "util/utf8.h"

/* ---- joined block text ---- */

bool anon_is_container(const doc_node *n) {
  if (!doc_is_block(n->type))
    return false;
  for (const doc_node *c = n->first; c; c = c->next)
    if (doc_is_inline(c->type))
      return true;
  return false;
}

static void S_seg(anon_block *b, doc_node *node, const char *s, size_t n) {
  XGROW(b->segs, b->cap, b->nsegs + 1);
  b->segs[b->nsegs++] = (anon_seg){node, b->text.len, n};
  buf_put(&b->text, s, n);
}

static void S_collect(doc_node *n, anon_block *b) {
  for (doc_node *c = n->first; c; c = c->next) {
    switch (c->type) {
    case DOC_TEXT:
      if (c->text && *c->text)
        S_seg(b, c, c->text, strlen(c->text));
      break;
    case DOC_SOFT_BREAK:
    case DOC_LINE_BREAK:
      S_seg(b, c, " ", 1);
      break;
    case DOC_CODE:
    case DOC_FOOTNOTE_REF:
      S_seg(b, NULL, "\xEF\xBF\xBC", 3);
      break;
    default:
      if (doc_is_inline(c->type))
        S_collect(c, b);
      else
        S_seg(b, NULL, "\xEF\xBF\xBC", 3);
    }
  }
}

static void S_block_collect(doc_node *container, anon_block *b) {
  memset(b, 0, sizeof *b);
  S_collect(container, b);
}

static void S_block_free(anon_block *b) {
  buf_free(&b->text);
  free(b->segs);
  memset(b, 0, sizeof *b);
}

static size_t S_seg_at(const anon_block *b, size_t off) {
  size_t lo = 0, hi = b->nsegs;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (b->segs[mid].off <= off)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

const char *anon_node_file(const doc_node *n) {
  for (; n; n = n->parent)
    if (n->file)
      return n->file;
  return NULL;
}

int anon_node_line(const doc_node *n) {
  for (; n; n = n->parent)
    if (n->line)
      return n->line;
  return 0;
}

/* ---- text of a block ---- */

typedef struct {
  size_t b, e;
  char *repl;
} S_edit;

static void S_splice(char **text, size_t b, size_t e, const char *repl) {
  buf out = BUF_INIT;
  buf_put(&out, *text, b);
  buf_puts(&out, repl);
  buf_puts(&out, *text + e);
  free(*text);
  *text = buf_detach(&out);
}

static void S_block(const anon_map *m, doc_node *container) {
  anon_block b;
  S_block_collect(container, &b);
  if (!b.nsegs) {
    S_block_free(&b);
    return;
  }
  anon_norm n;
  anon_norm_init(&n);
  anon_norm_add(&n, b.text.data, b.text.len, 0, false);
  S_edit *edits = NULL;
  size_t nedits = 0, cap = 0, pos = 0;
  anon_hit h;
  while (anon_find(m, &n, pos, ANON_MODE_TEXT, &h)) {
    pos = h.kind == ANON_HIT_LEFTOVER ? h.word_end : h.end;
    if (h.kind == ANON_HIT_LEFTOVER || h.kind == ANON_HIT_DOUBT)
      continue; /* anon_check reports it with its place */
    if (anon_in_email(b.text.data, b.text.len, n.beg[h.start]))
      continue; /* the whole address goes: anon_check refuses it */
    buf r = BUF_INIT;
    anon_render(m, &h, ANON_MODE_TEXT, &r);
    XGROW(edits, cap, nedits + 1);
    edits[nedits++] = (S_edit){n.beg[h.start], n.end[h.end - 1], buf_detach(&r)};
  }
  /* from the last edit back, so the offsets of earlier ones stay valid */
  bool *drop = xcalloc(b.nsegs, sizeof *drop);
  for (size_t k = nedits; k-- > 0;) {
    S_edit *ed = &edits[k];
    size_t s0 = S_seg_at(&b, ed->b), s1 = S_seg_at(&b, ed->e - 1);
    anon_seg *a = &b.segs[s0], *z = &b.segs[s1];
    if (s0 == s1) {
      S_splice(&a->node->text, ed->b - a->off, ed->e - a->off, ed->repl);
    } else {
      /* the name runs over several nodes: the pseudonym goes into the
         first, the rest of the name is cut from the others */
      S_splice(&z->node->text, 0, ed->e - z->off, "");
      for (size_t s = s0 + 1; s < s1; s++)
        if (b.segs[s].node && b.segs[s].node->type == DOC_TEXT)
          doc_set(&b.segs[s].node->text, "");
        else if (b.segs[s].node)
          drop[s] = true;
      S_splice(&a->node->text, ed->b - a->off, strlen(a->node->text),
               ed->repl);
    }
    free(ed->repl);
  }
  for (size_t s = 0; s < b.nsegs; s++) {
    doc_node *nd = b.segs[s].node;
    if (nd && (drop[s] || (nd->type == DOC_TEXT && nd->text && !*nd->text)))
      doc_node_free(nd);
  }
  free(drop);
  free(edits);
  anon_norm_free(&n);
  S_block_free(&b);
}

/* ---- ids ---- */

typedef struct {
  char **old, **new_;
  size_t len, cap;
} S_ids;

static const char *S_ids_find(const S_ids *t, const char *old) {
  for (size_t i = 0; i < t->len; i++)
    if (strcmp(t->old[i], old) == 0)
      return t->new_[i];
  return NULL;
}

static bool S_ids_taken(const S_ids *t, const char *id) {
  for (size_t i = 0; i < t->len; i++)
    if (strcmp(t->new_[i], id) == 0)
      return true;
  return false;
}

static void S_ids_add(S_ids *t, const char *old, char *new_) {
  if (t->len == t->cap) {
    t->cap = t->cap ? t->cap * 2 : 32;
    t->old = xrealloc(t->old, t->cap * sizeof *t->old);
    t->new_ = xrealloc(t->new_, t->cap * sizeof *t->new_);
  }
  t->old[t->len] = xstrdup(old);
  t->new_[t->len++] = new_;
}

static void S_ids_free(S_ids *t) {
  for (size_t i = 0; i < t->len; i++) {
    free(t->old[i]);
    free(t->new_[i]);
  }
  free(t->old);
  free(t->new_);
}

/* Rewrites a reference to an id, through the table when it names one. */
static void S_ref(const anon_map *m, const S_ids *t, char **field) {
  if (!*field)
    return;
  const char *hash = **field == '#' ? "#" : "";
  const char *id = *field + strlen(hash);
  const char *mapped = S_ids_find(t, id);
  char *r = mapped ? xstrdup(mapped) : anon_rewrite(m, id, ANON_MODE_ID);
  free(*field);
  buf b = BUF_INIT;
  buf_printf(&b, "%s%s", hash, r);
  free(r);
  *field = buf_detach(&b);
}

static void S_collect_ids(const anon_map *m, doc *d, S_ids *t) {
  doc_iter it;
  doc_event ev;
  doc_iter_init(&it, d->root);
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE) {
    doc_node *n = it.cur;
    if (ev != DOC_EV_ENTER || !n->id || S_ids_find(t, n->id))
      continue;
    char *id = anon_rewrite(m, n->id, ANON_MODE_ID);
    if (strcmp(id, n->id) != 0 || S_ids_taken(t, id)) {
      /* two names with one pseudonym, or a new id that an old one had */
      for (int k = 2; S_ids_taken(t, id); k++) {
        free(id);
        char *base = anon_rewrite(m, n->id, ANON_MODE_ID);
        buf b = BUF_INIT;
        buf_printf(&b, "%s-%d", base, k);
        free(base);
        id = buf_detach(&b);
      }
    }
    S_ids_add(t, n->id, id);
  }
}

/* ---- fields ---- */

static void S_str(const anon_map *m, char **field) {
  if (!*field)
    return;
  char *r = anon_text(m, *field);
  free(*field);
  *field = r;
}

static bool S_has_name(const anon_map *m, const char *s, anon_mode mode) {
  anon_norm n;
  anon_norm_init(&n);
  anon_norm_add(&n, s, strlen(s), 0, false);
  anon_hit h;
  bool found = anon_find(m, &n, 0, mode, &h);
  anon_norm_free(&n);
  return found;
}

/* A link's address names someone: as written, or decoded (%C3%B8 is ø)
 * and searched inside its words (example.dk/~imorch). */
static bool S_url_has_name(const anon_map *m, const char *url) {
  if (S_has_name(m, url, ANON_MODE_ID))
    return true;
  buf dec = BUF_INIT;
  anon_html_decode(url, strlen(url), &dec);
  bool found = S_has_name(m, buf_cstr(&dec), ANON_MODE_ID) ||
               S_has_name(m, buf_cstr(&dec), ANON_MODE_SCAN);
  buf_free(&dec);
  return found;
}

static void S_unwrap(doc_node *link) {
  while (link->first)
    doc_insert_before(link, link->first);
  doc_node_free(link);
}

/* A person among the authors becomes the role, once. */
static void S_authors(const anon_map *m, doc_meta *meta) {
  size_t k = 0;
  for (size_t i = 0; i < meta->nauthors; i++) {
    char *a = anon_text(m, meta->authors[i]);
    free(meta->authors[i]);
    meta->authors[i] = NULL;
    bool dup = false;
    for (size_t j = 0; j < k; j++)
      dup |= strcmp(meta->authors[j], a) == 0;
    if (dup)
      free(a);
    else
      meta->authors[k++] = a;
  }
  meta->nauthors = k;
}

void anon_apply(const anon_map *m, doc *d) {
  if (!m || !d)
    return;
  S_ids ids = {0};
  S_collect_ids(m, d, &ids);
  doc_node **unwrap = NULL;
  size_t nunwrap = 0, cap = 0;
  doc_iter it;
  doc_event ev;
  doc_iter_init(&it, d->root);
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE) {
    doc_node *n = it.cur;
    if (ev != DOC_EV_ENTER)
      continue;
    if (anon_is_container(n))
      S_block(m, n);
    if (n->id) {
      const char *nid = S_ids_find(&ids, n->id);
      if (nid)
        doc_set(&n->id, nid);
    }
    S_str(m, &n->title);
    S_str(m, &n->alt);
    switch (n->type) {
    case DOC_CODE:
    case DOC_CODE_BLOCK:
    case DOC_RAW_HTML:
      S_str(m, &n->text);
      break;
    case DOC_XREF:
    case DOC_FOOTNOTE_REF:
      S_ref(m, &ids, &n->text);
      break;
    case DOC_LINK:
      if (n->text && n->text[0] == '#') {
        S_ref(m, &ids, &n->text);
      } else if (n->text && S_url_has_name(m, n->text)) {
        /* a link to viborg.dk names the place whatever its text says */
        XGROW(unwrap, cap, nunwrap + 1);
        unwrap[nunwrap++] = n;
      }
      break;
    case DOC_CHART:
      for (size_t i = 0; n->drawing && i < n->drawing->len; i++)
        S_str(m, &n->drawing->items[i].text);
      break;
    default:
      break;
    }
  }
  for (size_t i = 0; i < nunwrap; i++)
    S_unwrap(unwrap[i]);
  free(unwrap);
  S_ids_free(&ids);
  doc_meta *meta = &d->meta;
  S_str(m, &meta->title);
  S_str(m, &meta->subtitle);
  S_str(m, &meta->edition_title);
  S_str(m, &meta->organisation);
  S_str(m, &meta->subject);
  S_str(m, &meta->keywords);
  S_authors(m, meta);
}

/* ---- the check after apply ---- */

typedef struct {
  const anon_map *m;
  diag_list *diags;
  int hits;
  buf seen; /* personal data reported, so a linked address is told once */
} S_checker;

static void S_report(S_checker *c, const anon_norm *n, const anon_hit *h,
                     const char *file, int line, const char *where) {
  c->hits++;
  buf form = BUF_INIT, ctx = BUF_INIT;
  size_t a = h->start, b = h->word_end > h->end ? h->word_end : h->end;
  while (a > 0 && anon_is_word_cp(n->lc[a - 1])) /* the whole word */
    a--;
  anon_norm_text(n, a, b, &form);
  anon_context(n, a, b, 40, &ctx);
  /* the hint: the same word with a hyphen at the name's edge, which the
     rewrite understands (Nord-Viborg, Viborg-enser) */
  buf hint = BUF_INIT;
  anon_norm_text(n, a, h->start, &hint);
  if (a < h->start)
    buf_putc(&hint, '-');
  anon_norm_text(n, h->start, h->end, &hint);
  if (h->end < b) {
    buf_putc(&hint, '-');
    anon_norm_text(n, h->end, b, &hint);
  }
  diag_error(c->diags, file, line, 0, M_ANON_NAME_IS_STILL_CANNOT,
             c->m->entries[h->entry].real, where, buf_cstr(&form),
             buf_cstr(&ctx), buf_cstr(&hint));
  buf_free(&form);
  buf_free(&ctx);
  buf_free(&hint);
}

/* A name that is also an ordinary word, at the start of a sentence: kept,
 * and listed, so that a person reads it once. */
static void S_doubt(S_checker *c, const anon_norm *n, const anon_hit *h,
                    const char *file, int line) {
  buf form = BUF_INIT, ctx = BUF_INIT;
  anon_norm_text(n, h->start, h->end, &form);
  anon_context(n, h->start, h->end, 40, &ctx);
  diag_warning(c->diags, file, line, 0, M_ANON_START_SENTENCE_IS_READ,
               buf_cstr(&form), c->m->entries[h->entry].real, buf_cstr(&ctx));
  buf_free(&form);
  buf_free(&ctx);
}

static void S_check_str(S_checker *c, const char *s, anon_mode mode,
                        const char *file, int line, const char *where) {
  if (!s || !*s)
    return;
  int pii = mode != ANON_MODE_ID
                ? anon_pii_check(c->m, s, file, line, &c->seen, c->diags)
                : 0;
  c->hits += pii;
  anon_norm n;
  anon_norm_init(&n);
  anon_norm_add(&n, s, strlen(s), 0, false);
  anon_hit h;
  size_t pos = 0;
  while (anon_find(c->m, &n, pos, mode, &h)) {
    if (h.kind == ANON_HIT_DOUBT)
      S_doubt(c, &n, &h, file, line);
    else if (!pii || !anon_in_email(s, strlen(s), n.beg[h.start]))
      S_report(c, &n, &h, file, line, where); /* else: told as an address */
    pos = h.word_end > h.end ? h.word_end : h.end;
  }
  anon_norm_free(&n);
}

int anon_check(const anon_map *m, const doc *d, diag_list *diags) {
  if (!m || !d)
    return 0;
  S_checker c = {m, diags, 0, BUF_INIT};
  const char *text = M_ANON_TEXT;
  doc_iter it;
  doc_event ev;
  doc_iter_init(&it, d->root);
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE) {
    doc_node *n = it.cur;
    if (ev != DOC_EV_ENTER)
      continue;
    const char *f = anon_node_file(n);
    int l = anon_node_line(n);
    if (anon_is_container(n)) {
      anon_block b;
      S_block_collect(n, &b);
      S_check_str(&c, buf_cstr(&b.text), ANON_MODE_SCAN, f, l, text);
      S_block_free(&b);
    }
    S_check_str(&c, n->id, ANON_MODE_ID, f, l, M_ANON_LABEL);
    S_check_str(&c, n->title, ANON_MODE_SCAN, f, l, text);
    S_check_str(&c, n->alt, ANON_MODE_SCAN, f, l, M_ANON_ALT_TEXT);
    if (n->type == DOC_CODE || n->type == DOC_CODE_BLOCK ||
        n->type == DOC_RAW_HTML)
      S_check_str(&c, n->text, ANON_MODE_SCAN, f, l, text);
    if (n->type == DOC_LINK || n->type == DOC_XREF ||
        n->type == DOC_FOOTNOTE_REF)
      S_check_str(&c, n->text, ANON_MODE_ID, f, l, M_ANON_LINK);
    if (n->type == DOC_LINK && n->text && n->text[0] != '#') {
      /* the address as a browser reads it: mailto:Ida%20M%C3%B8rch */
      buf url = BUF_INIT;
      anon_html_decode(n->text, strlen(n->text), &url);
      S_check_str(&c, buf_cstr(&url), ANON_MODE_SCAN, f, l, M_ANON_LINK);
      buf_free(&url);
    }
    if (n->type == DOC_CHART && n->drawing) {
      /* the labels one by one, and joined (a name over two lines) */
      buf all = BUF_INIT;
      for (size_t i = 0; i < n->drawing->len; i++)
        if (n->drawing->items[i].text)
          buf_printf(&all, "%s\n", n->drawing->items[i].text);
      S_check_str(&c, buf_cstr(&all), ANON_MODE_SCAN, f, l, M_ANON_CHART_LABEL);
      buf_free(&all);
    }
  }
  const doc_meta *mt = &d->meta;
  const char *md = M_ANON_METADATA_I;
  const char *fields[] = {mt->title, mt->subtitle, mt->edition_title,
                          mt->organisation, mt->subject, mt->keywords};
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
    S_check_str(&c, fields[i], ANON_MODE_SCAN, NULL, 0, md);
  for (size_t i = 0; i < mt->nauthors; i++)
    S_check_str(&c, mt->authors[i], ANON_MODE_SCAN, NULL, 0,
                M_ANON_AMONG_AUTHORS);
  buf_free(&c.seen);
  return c.hits;
}
