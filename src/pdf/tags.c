/* pdf_tags.c - the structure tree and the marked content (see pdf_tags.h).
 *
 * Elements live in one array, each knowing its parent and its kids in
 * reading order (child elements, marked-content references, annotation
 * references); a child always comes after its parent in the array. The
 * document's blocks get their elements before painting, so they stand in
 * document order whatever order the pages paint in; content only adds
 * references to them. An element with no content anywhere below it (a
 * paragraph that failed, a list of figures of a report without figures)
 * is left out of the file, but for table cells, which keep a table's
 * rows and columns whole. */
#include "pdf/tags.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/haru.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/utf8.h"

enum { K_ELEM, K_MCID, K_ANNOT };

typedef struct {
  int kind;
  int v;    /* element index, or MCID */
  int page; /* K_MCID */
  HPDF_Annotation annot;
} S_kid;

typedef struct {
  const char *type; /* a standard structure type */
  int parent;       /* -1 for the Document */
  S_kid *kids;
  size_t nkids, kcap;
  int page;          /* the page of its first content, -1 */
  int level;         /* a heading's level */
  int cur;           /* TOC: its current TOCI; Div: its current P */
  char *alt;         /* Figure: the alternative text (owned) */
  char *contents;    /* Link: what it says (owned) */
  const char *scope; /* TH */
  int colspan;       /* TH, TD: above 1 */
  int note;          /* Note: its footnote's number (its /ID), else 0 */
  const char *lang;  /* Span: its language (the DOC_SPAN's), else NULL */
  double bbox[4];    /* Figure: where it is on its page */
  bool has_bbox;
} S_el;

/* node -> element, with a slot: a list item has its body and its label,
 * a list its heading before it, a table the paragraph after it, a block
 * the Span of a hyphenated word whose rest is still to come, a chart's
 * data table the caption it has in the appendix (the document root: the
 * appendix's heading) */
enum { SL_CONTENT, SL_LBL, SL_PRE, SL_AFTER, SL_SPAN, SL_CAPTION };

typedef struct {
  const doc_node *node;
  int slot;
  int el;
} S_map;

/* A link annotation's rectangle on its page; its Link element is made
 * where the first text inside it is marked, so that it holds that text in
 * reading order (a footnote's mark in its Reference, the number before a
 * note in the Note), or, if none is, when its annotation comes. */
typedef struct {
  int el;         /* -1 until made */
  int page;
  double x, y, w, h;
  const doc_node *node; /* the link box's, for a Link without text */
  unsigned char role;
  char *contents; /* what it says (owned until the Link takes it) */
} S_link;

struct pdf_tags {
  const doc *d;
  S_el *els;
  size_t nels, ecap;
  S_map *map; /* open addressing, a power of two */
  size_t mcap, mlen;
  int title;              /* the title page's Div */
  bool data;              /* a chart's data is in the appendix */
  int fallback;           /* a P for content of no known element, or -1 */
  bool *placed;           /* footnote definitions placed, by number */
  int nplaced;
  int last_h;             /* the level of the last heading placed */
  int **mcids;            /* per page: the element of each MCID */
  size_t *nmcid, *mcap_p;
  size_t npages;
  int open;               /* the element of the open marked content; -1
                             Layout artifact, -2 Pagination, -3 none */
  bool span;              /* the open marked content is a hyphenated
                             word's part: closed right after it */
  S_link *links;          /* the links, in the order of their annotations */
  size_t nlinks, lcap, next_link;
  size_t page_links;      /* the first link of the page being painted */
  HPDF_Annotation *annots; /* per annotation key: its annotation */
  int *annot_el;
  size_t nannots, acap;
  /* for S_objects, from pdf_tags_write */
  bool *keep;          /* the elements that go into the file */
  unsigned *page_num;  /* object numbers: pages, annotations, the root */
  unsigned *annot_num;
  unsigned root_num;
};

#define S_NONE (-3)
#define S_LAYOUT (-1)
#define S_PAGINATION (-2)

/* Appends v and a space. */
static void S_num(buf *o, unsigned long v) {
  char tmp[24];
  int k = 0;
  do {
    tmp[k++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  buf_grow(o, (size_t)k + 1);
  while (k)
    o->data[o->len++] = tmp[--k];
  o->data[o->len++] = ' ';
  o->data[o->len] = '\0';
}

static size_t S_hash(const doc_node *n, int slot) {
  uint64_t h = (uint64_t)(uintptr_t)n * 0x9e3779b97f4a7c15ull + (unsigned)slot;
  return (size_t)(h ^ (h >> 31));
}

static void S_put(pdf_tags *t, const doc_node *n, int slot, int el) {
  if (2 * (t->mlen + 1) > t->mcap) {
    S_map *old = t->map;
    size_t oc = t->mcap;
    t->mcap = oc ? 2 * oc : 256;
    t->map = xcalloc(t->mcap, sizeof *t->map);
    t->mlen = 0;
    for (size_t i = 0; i < oc; i++)
      if (old[i].node)
        S_put(t, old[i].node, old[i].slot, old[i].el);
    free(old);
  }
  size_t i = S_hash(n, slot) & (t->mcap - 1);
  while (t->map[i].node && (t->map[i].node != n || t->map[i].slot != slot))
    i = (i + 1) & (t->mcap - 1);
  if (!t->map[i].node)
    t->mlen++;
  t->map[i] = (S_map){n, slot, el};
}

static int S_get(const pdf_tags *t, const doc_node *n, int slot) {
  if (!t->mcap || !n)
    return -1;
  size_t i = S_hash(n, slot) & (t->mcap - 1);
  while (t->map[i].node) {
    if (t->map[i].node == n && t->map[i].slot == slot)
      return t->map[i].el;
    i = (i + 1) & (t->mcap - 1);
  }
  return -1;
}

static void S_kid_add(S_el *e, S_kid k) {
  XGROW(e->kids, e->kcap, e->nkids + 1);
  e->kids[e->nkids++] = k;
}

/* A new element of type under parent (-1: none, the Document). */
static int S_new(pdf_tags *t, int parent, const char *type) {
  XGROW(t->els, t->ecap, t->nels + 1);
  S_el *e = &t->els[t->nels];
  memset(e, 0, sizeof *e);
  e->type = type;
  e->parent = parent;
  e->page = -1;
  e->cur = -1;
  int i = (int)t->nels++;
  if (parent >= 0)
    S_kid_add(&t->els[parent], (S_kid){K_ELEM, i, 0, NULL});
  return i;
}

static void S_block(pdf_tags *t, int par, const doc_node *n);

/* The notes of the footnotes n's inlines refer to, right after it (under
 * par). */
static void S_notes(pdf_tags *t, int par, const doc_node *n) {
  for (const doc_node *r = n->first; r; r = r->next) {
    if (r->type != DOC_FOOTNOTE_REF) {
      if (doc_is_inline(r->type))
        S_notes(t, par, r);
      continue;
    }
    if (r->number <= 0 || r->number >= t->nplaced || t->placed[r->number])
      continue;
    for (const doc_node *f = t->d->root->first; f; f = f->next)
      if (f->type == DOC_FOOTNOTE_DEF && f->number == r->number) {
        t->placed[r->number] = true;
        int note = S_new(t, par, "Note");
        t->els[note].note = f->number;
        for (const doc_node *b = f->first; b; b = b->next)
          S_block(t, note, b);
        break;
      }
  }
}

static int S_heading_level(pdf_tags *t, int level) {
  if (level < 1)
    level = 1;
  if (level > 6)
    level = 6;
  /* no level skipped: a reader navigates by them */
  if (level > t->last_h + 1)
    level = t->last_h + 1;
  t->last_h = level;
  return level;
}

static const char *const S_H[7] = {"H1", "H1", "H2", "H3", "H4", "H5", "H6"};

static void S_table(pdf_tags *t, int par, const doc_node *n) {
  int tab = S_new(t, par, "Table");
  S_put(t, n, SL_CONTENT, tab);
  /* a chart's data table: one Caption for the one printed above it in the
   * appendix and its own */
  int cap = -1;
  if (n->flags & DOC_CHART_DATA) {
    cap = S_new(t, tab, "Caption");
    S_put(t, n, SL_CAPTION, cap);
  }
  for (const doc_node *k = n->first; k; k = k->next)
    if (k->type == DOC_CAPTION)
      S_put(t, k, SL_CONTENT, cap >= 0 ? cap : S_new(t, tab, "Caption"));
  int group = -1;
  bool group_head = false;
  for (const doc_node *r = n->first; r; r = r->next) {
    if (r->type != DOC_TABLE_ROW)
      continue;
    bool head = (r->flags & DOC_HEADER_ROW) != 0;
    if (group < 0 || head != group_head) {
      group = S_new(t, tab, head ? "THead" : "TBody");
      group_head = head;
    }
    int tr = S_new(t, group, "TR");
    for (const doc_node *cl = r->first; cl; cl = cl->next) {
      bool row_head = (cl->flags & DOC_ROW_HEADER) != 0;
      int e = S_new(t, tr, head || row_head ? "TH" : "TD");
      if (head || row_head)
        t->els[e].scope = head ? "Column" : "Row";
      t->els[e].colspan = cl->colspan;
      S_put(t, cl, SL_CONTENT, e);
      S_notes(t, e, cl);
    }
  }
  /* the source line under it */
  S_put(t, n, SL_AFTER, S_new(t, par, "P"));
}

static void S_figure(pdf_tags *t, int par, const doc_node *n) {
  int fig = S_new(t, par, "Figure");
  S_put(t, n, SL_CONTENT, fig);
  const doc_node *data = lay_chart_data_of(n);
  for (const doc_node *k = n->first; k; k = k->next) {
    if ((k->type == DOC_CHART || k->type == DOC_IMAGE) && k->alt &&
        !t->els[fig].alt)
      t->els[fig].alt = xstrdup(k->alt);
    if (k->type == DOC_CAPTION) /* beside the figure: its Alt replaces
                                   what is inside it */
      S_put(t, k, SL_CONTENT, S_new(t, par, "Caption"));
  }
  /* the numbers behind the chart, printed in the appendix, are read right
   * after it, as the HTML shows them under it */
  if (data) {
    S_table(t, par, data);
    t->data = true;
  }
}

static void S_block(pdf_tags *t, int par, const doc_node *n) {
  switch (n->type) {
  case DOC_PARAGRAPH:
    S_put(t, n, SL_CONTENT,
          S_new(t, par, (n->flags & DOC_HANGING) ? "BibEntry" : "P"));
    S_notes(t, par, n);
    break;
  case DOC_CODE_BLOCK:
    S_put(t, n, SL_CONTENT, S_new(t, par, "P"));
    break;
  case DOC_HEADING: {
    int e = S_new(t, par, S_H[S_heading_level(t, n->level)]);
    S_put(t, n, SL_CONTENT, e);
    S_notes(t, par, n);
    break;
  }
  case DOC_LIST: {
    int l = S_new(t, par, "L");
    for (const doc_node *item = n->first; item; item = item->next) {
      int li = S_new(t, l, "LI");
      S_put(t, item, SL_LBL, S_new(t, li, "Lbl"));
      int body = S_new(t, li, "LBody");
      S_put(t, item, SL_CONTENT, body);
      if (item->first && doc_is_inline(item->first->type))
        S_notes(t, body, item);
      else
        for (const doc_node *b = item->first; b; b = b->next)
          S_block(t, body, b);
    }
    break;
  }
  case DOC_QUOTE:
  case DOC_ITEM: {
    int q = n->type == DOC_QUOTE ? S_new(t, par, "BlockQuote") : par;
    for (const doc_node *b = n->first; b; b = b->next)
      S_block(t, q, b);
    break;
  }
  case DOC_TABLE:
    if (!(n->flags & DOC_CHART_DATA)) /* the chart's Alt says it */
      S_table(t, par, n);
    break;
  case DOC_FIGURE:
    S_figure(t, par, n);
    break;
  case DOC_IMAGE: /* the logo or cover image of the title page */
    if (n->flags & (DOC_LOGO | DOC_COVER)) {
      int fig = S_new(t, par, "Figure");
      if (n->alt && *n->alt)
        t->els[fig].alt = xstrdup(n->alt);
      S_put(t, n, SL_CONTENT, fig);
    }
    break;
  case DOC_TOC:
  case DOC_LIST_OF_TABLES:
  case DOC_LIST_OF_FIGURES: {
    /* its own heading (level 1 for the contents, as layout sets it) */
    int h = S_new(t, par, "H1");
    t->els[h].level = S_heading_level(t, n->type == DOC_TOC ? 1 : 2);
    t->els[h].type = S_H[t->els[h].level];
    S_put(t, n, SL_PRE, h);
    S_put(t, n, SL_CONTENT, S_new(t, par, "TOC"));
    break;
  }
  default:
    break; /* rules, page breaks, raw HTML: nothing to read */
  }
}

pdf_tags *pdf_tags_new(const doc *d, size_t npages) {
  pdf_tags *t = xcalloc(1, sizeof *t);
  t->d = d;
  t->open = S_NONE;
  t->fallback = -1;
  t->npages = npages;
  t->mcids = xcalloc(npages ? npages : 1, sizeof *t->mcids);
  t->nmcid = xcalloc(npages ? npages : 1, sizeof *t->nmcid);
  t->mcap_p = xcalloc(npages ? npages : 1, sizeof *t->mcap_p);
  int max = 0;
  for (const doc_node *n = d->root->first; n; n = n->next)
    if (n->type == DOC_FOOTNOTE_DEF && n->number > max)
      max = n->number;
  t->nplaced = max + 1;
  t->placed = xcalloc((size_t)t->nplaced, sizeof *t->placed);
  int root = S_new(t, -1, "Document");
  t->title = S_new(t, root, "Div");
  int cur = root;
  for (const doc_node *n = d->root->first; n; n = n->next) {
    if (n->type == DOC_FOOTNOTE_DEF)
      continue;
    /* a chapter is a section: from its heading to the next chapter's */
    if ((n->type == DOC_HEADING && n->level <= 1) || n->type == DOC_TOC)
      cur = S_new(t, root, "Sect");
    S_block(t, cur, n);
  }
  /* the appendix with the charts' data: its heading (the tables are read
   * after their figures) */
  if (t->data) {
    int sect = S_new(t, root, "Sect");
    int h = S_new(t, sect, "H1");
    t->els[h].type = S_H[S_heading_level(t, 1)];
    S_put(t, d->root, SL_PRE, h);
  }
  /* notes nothing refers to, at the end */
  for (const doc_node *f = d->root->first; f; f = f->next)
    if (f->type == DOC_FOOTNOTE_DEF && f->number > 0 &&
        f->number < t->nplaced && !t->placed[f->number]) {
      t->placed[f->number] = true;
      int note = S_new(t, root, "Note");
      t->els[note].note = f->number;
      for (const doc_node *b = f->first; b; b = b->next)
        S_block(t, note, b);
    }
  return t;
}

void pdf_tags_free(pdf_tags *t) {
  if (!t)
    return;
  for (size_t i = 0; i < t->nels; i++) {
    free(t->els[i].kids);
    free(t->els[i].alt);
    free(t->els[i].contents);
  }
  free(t->els);
  for (size_t i = 0; i < t->nlinks; i++)
    free(t->links[i].contents);
  free(t->map);
  free(t->placed);
  for (size_t i = 0; i < t->npages; i++)
    free(t->mcids[i]);
  free(t->mcids);
  free(t->nmcid);
  free(t->mcap_p);
  free(t->links);
  free(t->annots);
  free(t->annot_el);
  free(t->keep);
  free(t->page_num);
  free(t->annot_num);
  free(t);
}

/* The content element of node n, or of the nearest of its ancestors that
 * has one; else a P of its own at the end of the document. */
static int S_content(pdf_tags *t, const doc_node *n) {
  for (const doc_node *k = n; k; k = k->parent) {
    int e = S_get(t, k, SL_CONTENT);
    if (e >= 0)
      return e;
  }
  if (t->fallback < 0)
    t->fallback = S_new(t, 0, "P");
  return t->fallback;
}

/* The element box b's content belongs to, or S_LAYOUT / S_PAGINATION. */
static int S_element(pdf_tags *t, const lay_box *b) {
  switch ((lay_role)b->role) {
  case LR_PAGINATION:
    return S_PAGINATION;
  case LR_NONE:
    return b->node ? S_content(t, b->node) : S_LAYOUT;
  case LR_LBL: {
    int e = S_get(t, b->node, SL_LBL);
    return e >= 0 ? e : S_content(t, b->node);
  }
  case LR_REF: /* each mark an element of its own */
    return S_new(t, S_content(t, b->node), "Reference");
  case LR_TOCI: {
    int toc = S_content(t, b->node);
    if (b->start || t->els[toc].cur < 0)
      t->els[toc].cur = S_new(t, toc, "TOCI");
    return t->els[toc].cur;
  }
  case LR_TITLE:
    if (b->start || t->els[t->title].cur < 0)
      t->els[t->title].cur = S_new(t, t->title, "P");
    return t->els[t->title].cur;
  case LR_AFTER: {
    int e = S_get(t, b->node, SL_AFTER);
    return e >= 0 ? e : S_content(t, b->node);
  }
  case LR_CAPTION: {
    int e = S_get(t, b->node, SL_CAPTION);
    return e >= 0 ? e : S_content(t, b->node);
  }
  default: { /* LR_H1..LR_H6: a list's own heading */
    int e = S_get(t, b->node, SL_PRE);
    return e >= 0 ? e : S_content(t, b->node);
  }
  }
}

/* s as UTF-16BE with its byte order mark (a PDF text string's bytes). */
static void S_utf16(buf *out, const char *s) {
  size_t n = strlen(s);
  buf_grow(out, 2 * n + 3);
  unsigned char *p = (unsigned char *)out->data + out->len;
  *p++ = 0xFE;
  *p++ = 0xFF;
  for (size_t i = 0; i < n;) {
    uint32_t cp = (unsigned char)s[i];
    int k = 1;
    if (cp >= 0x80) {
      k = utf8_decode(s + i, n - i, &cp);
      if (k <= 0) {
        k = 1;
        cp = 0xFFFD;
      }
    }
    i += (size_t)k;
    if (cp > 0xFFFF) { /* four bytes from four of UTF-8: room enough */
      cp -= 0x10000;
      uint32_t hi = 0xD800 + (cp >> 10), lo = 0xDC00 + (cp & 0x3FF);
      *p++ = (unsigned char)(hi >> 8);
      *p++ = (unsigned char)hi;
      cp = lo;
    }
    *p++ = (unsigned char)(cp >> 8);
    *p++ = (unsigned char)cp;
  }
  out->len = (size_t)((char *)p - out->data);
  out->data[out->len] = '\0';
}

/* s as a PDF text string written in hex: <FEFF...>. */
static void S_hex_text(buf *out, const char *s) {
  static const char hx[] = "0123456789ABCDEF";
  buf u = BUF_INIT;
  S_utf16(&u, s);
  buf_grow(out, 2 * u.len + 2);
  char *p = out->data + out->len;
  *p++ = '<';
  for (size_t i = 0; i < u.len; i++) {
    *p++ = hx[(unsigned char)u.data[i] >> 4];
    *p++ = hx[(unsigned char)u.data[i] & 15];
  }
  *p++ = '>';
  out->len = (size_t)(p - out->data);
  out->data[out->len] = '\0';
  buf_free(&u);
}

/* A text string object of s (libharu writes a binary in hex). */
static HPDF_Binary S_text(HPDF_MMgr mm, const char *s) {
  buf u = BUF_INIT;
  S_utf16(&u, s);
  HPDF_Binary b =
      HPDF_Binary_New(mm, (HPDF_BYTE *)u.data, (HPDF_UINT)u.len);
  buf_free(&u);
  return b;
}

/* The hyphenated word's rest: the first box marked as one after box i of
 * lp with the same node, or the first on next. */
static const lay_box *S_rest(const lay_page *lp, size_t i,
                             const lay_page *next) {
  const doc_node *n = lp->b.v[i].node;
  for (size_t k = i + 1; k < lp->b.len; k++)
    if (lp->b.v[k].hyph == 2 && lp->b.v[k].node == n)
      return &lp->b.v[k];
  for (size_t k = 0; next && k < next->b.len; k++)
    if (next->b.v[k].hyph == 2 && next->b.v[k].node == n)
      return &next->b.v[k];
  return NULL;
}

/* Text box b starts (its baseline) in the rectangle x, y, w, h. */
static bool S_inside(const lay_box *b, double x, double y, double w,
                     double h) {
  return b->x >= x - 0.5 && b->x < x + w && b->y >= y && b->y <= y + h;
}

/* Makes link l's Link element under par; it takes l's contents. */
static int S_link_el(pdf_tags *t, S_link *l, int par) {
  l->el = S_new(t, par, "Link");
  t->els[l->el].contents = l->contents;
  l->contents = NULL;
  t->els[l->el].page = l->page;
  return l->el;
}

/* The Link of the page's link whose rectangle text box b (of element e)
 * is in, made under e if it is b's first; else e. */
static int S_in_link(pdf_tags *t, size_t page, const lay_box *b, int e) {
  for (size_t k = t->page_links; k < t->nlinks; k++) {
    S_link *l = &t->links[k];
    if (l->page != (int)page || !S_inside(b, l->x, l->y, l->w, l->h))
      continue;
    return l->el >= 0 ? l->el : S_link_el(t, l, e);
  }
  return e;
}

/* The Span with /Lang of DOC_SPAN span under element e: the one made for
 * it before if that is e's (its next line, say), else a new one. */
static int S_lang_span(pdf_tags *t, const doc_node *span, int e) {
  int s = S_get(t, span, SL_CONTENT);
  if (s >= 0 && t->els[s].parent == e)
    return s;
  s = S_new(t, e, "Span");
  t->els[s].lang = span->info;
  S_put(t, span, SL_CONTENT, s);
  return s;
}

void pdf_tags_after(pdf_tags *t, pdf_text *tx, HPDF_Page pg) {
  if (!t->span)
    return;
  pdf_text_raw(tx, pg, "EMC\n", 4);
  t->span = false;
  t->open = S_NONE;
}

void pdf_tags_close(pdf_tags *t, pdf_text *tx, HPDF_Page pg) {
  if (t->open != S_NONE)
    pdf_text_raw(tx, pg, "EMC\n", 4);
  t->span = false;
  t->open = S_NONE;
}

/* The Span of a hyphenated word's part, box i of lp, with its ActualText
 * in *actual (the word whole for the first part, nothing for the rest);
 * -1 if b is not such a part or its other part is not found. */
static int S_hyph_span(pdf_tags *t, int e, const lay_page *lp, size_t i,
                       const lay_page *next, buf *actual) {
  const lay_box *b = &lp->b.v[i];
  if (e < 0 || b->kind != LB_TEXT || !b->text || !b->hyph)
    return -1;
  if (b->hyph == 2) {
    int s = S_get(t, b->node, SL_SPAN);
    if (s >= 0)
      S_put(t, b->node, SL_SPAN, -1);
    return s;
  }
  const lay_box *r = S_rest(lp, i, next);
  size_t n = strlen(b->text);
  if (!r || !r->text || !n || b->text[n - 1] != '-')
    return -1;
  buf_put(actual, b->text, n - 1);
  buf_puts(actual, r->text);
  int s = S_new(t, e, "Span");
  S_put(t, b->node, SL_SPAN, s);
  return s;
}

void pdf_tags_mark(pdf_tags *t, pdf_text *tx, HPDF_Page pg, size_t page,
                   const lay_page *lp, size_t i, const lay_page *next) {
  const lay_box *b = &lp->b.v[i];
  int e = S_element(t, b);
  if (e >= 0 && b->kind == LB_TEXT && b->span)
    e = S_lang_span(t, b->span, e);
  if (e >= 0 && b->kind == LB_TEXT)
    e = S_in_link(t, page, b, e);
  pdf_tags_after(t, tx, pg);
  /* a word hyphenated at a line end is a Span of its own, whose parts say
   * the word whole where it starts and nothing where it goes on: copy and
   * paste and screen readers get "mellemstore", not "mel- lemstore"
   * (poppler ends an MCID's content at the first EMC, so the span is not
   * nested in its paragraph's marked content) */
  buf actual = BUF_INIT;
  int span = S_hyph_span(t, e, lp, i, next, &actual);
  if (span >= 0)
    e = span;
  buf ops = BUF_INIT;
  if (e != t->open || span >= 0) {
    if (t->open != S_NONE)
      buf_puts(&ops, "EMC\n");
    if (e == S_LAYOUT) {
      buf_puts(&ops, "/Artifact <</Type /Layout>> BDC\n");
    } else if (e == S_PAGINATION) {
      buf_puts(&ops, "/Artifact <</Type /Pagination>> BDC\n");
    } else {
      S_el *el = &t->els[e];
      size_t mc = t->nmcid[page];
      XGROW(t->mcids[page], t->mcap_p[page], mc + 1);
      t->mcids[page][t->nmcid[page]++] = e;
      S_kid_add(el, (S_kid){K_MCID, (int)mc, (int)page, NULL});
      if (el->page < 0)
        el->page = (int)page;
      buf_putc(&ops, '/');
      buf_puts(&ops, el->type);
      buf_puts(&ops, " <</MCID ");
      S_num(&ops, mc);
      if (span >= 0) {
        buf_puts(&ops, "/ActualText ");
        S_hex_text(&ops, buf_cstr(&actual));
      }
      buf_puts(&ops, ">> BDC\n");
    }
    t->open = e;
  }
  t->span = span >= 0;
  buf_free(&actual);
  if (e >= 0 && (b->kind == LB_DRAWING || b->kind == LB_IMAGE) &&
      !t->els[e].has_bbox) {
    S_el *el = &t->els[e];
    el->bbox[0] = b->x;
    el->bbox[1] = lp->height - (b->y + b->h);
    el->bbox[2] = b->x + b->w;
    el->bbox[3] = lp->height - b->y;
    el->has_bbox = true;
  }
  if (ops.len)
    pdf_text_raw(tx, pg, ops.data, ops.len);
  buf_free(&ops);
}

void pdf_tags_links(pdf_tags *t, size_t page, const lay_page *lp) {
  t->page_links = t->nlinks;
  for (size_t i = 0; i < lp->b.len; i++) {
    const lay_box *l = &lp->b.v[i];
    if (l->kind != LB_LINK || !l->text)
      continue;
    /* what it says: the text within its rectangle */
    buf s = BUF_INIT;
    for (size_t k = 0; k < lp->b.len; k++) {
      const lay_box *b = &lp->b.v[k];
      if (b->kind != LB_TEXT || !b->text ||
          (!b->node && b->role == LR_NONE) || b->role == LR_PAGINATION ||
          !S_inside(b, l->x, l->y, l->w, l->h))
        continue;
      buf_puts(&s, b->text);
    }
    while (s.len && s.data[s.len - 1] == ' ')
      s.len--;
    XGROW(t->links, t->lcap, t->nlinks + 1);
    t->links[t->nlinks++] =
        (S_link){-1,   (int)page, l->x, l->y,    l->w,
                 l->h, l->node,   l->role, xstrdup(s.len ? buf_cstr(&s) : l->text)};
    buf_free(&s);
  }
}

void pdf_tags_annot(pdf_tags *t, HPDF_Annotation a) {
  if (t->next_link >= t->nlinks)
    return;
  S_link *l = &t->links[t->next_link++];
  if (!a)
    return;
  if (l->el < 0) /* no text inside: beside its block's content (or under
                    the Document, in a repeated header) */
    S_link_el(t, l,
              l->role == LR_PAGINATION || !l->node ? 0 : S_content(t, l->node));
  S_kid_add(&t->els[l->el], (S_kid){K_ANNOT, (int)t->nannots, l->page, a});
  XGROW(t->annots, t->acap, t->nannots + 1);
  t->annot_el = xrealloc(t->annot_el, t->acap * sizeof *t->annot_el);
  t->annots[t->nannots] = a;
  t->annot_el[t->nannots++] = l->el;
}

/* The /ID of footnote n's Note: "note-000001", so that the IDTree's keys
 * sort as their numbers. */
static void S_note_id(char *id, size_t n, int number) {
  snprintf(id, n, "note-%06d", number);
}

/* Appends "num 0 R ". */
static void S_ref(buf *o, unsigned num) {
  S_num(o, num);
  buf_put(o, "0 R ", 4);
}

/* The structure tree's objects, for pdf_fix_with (see pdf_fix_add_fn):
 * the root in place of its placeholder, then the elements, the parent
 * tree and the notes' IDTree, numbered from first. Written here rather
 * than through libharu's objects, which cost ten times as much to make,
 * write and free. */
static void S_objects(void *ctx, unsigned first, buf *o) {
  pdf_tags *t = ctx;
  unsigned *num = xcalloc(t->nels ? t->nels : 1, sizeof *num);
  unsigned next = first;
  for (size_t i = 0; i < t->nels; i++)
    if (t->keep[i])
      num[i] = next++;
  unsigned ptree = next++;
  unsigned idtree = next++;
  bool ids = false;
  for (size_t i = 0; i < t->nels; i++) {
    if (!t->keep[i])
      continue;
    const S_el *e = &t->els[i];
    S_num(o, num[i]);
    buf_puts(o, "0 obj\n<</Type /StructElem /S /");
    buf_puts(o, e->type);
    buf_puts(o, " /P ");
    S_ref(o, e->parent >= 0 ? num[e->parent] : t->root_num);
    if (e->page >= 0 && (size_t)e->page < t->npages) {
      buf_puts(o, "/Pg ");
      S_ref(o, t->page_num[e->page]);
    }
    buf_puts(o, "/K [");
    for (size_t j = 0; j < e->nkids; j++) {
      const S_kid *kd = &e->kids[j];
      if (kd->kind == K_ELEM) {
        if (t->keep[kd->v])
          S_ref(o, num[kd->v]);
      } else if (kd->kind == K_MCID && kd->page == e->page) {
        S_num(o, (unsigned long)kd->v);
      } else if (kd->kind == K_MCID) { /* continued on another page */
        buf_puts(o, "<</Type /MCR /Pg ");
        S_ref(o, t->page_num[kd->page]);
        buf_puts(o, "/MCID ");
        S_num(o, (unsigned long)kd->v);
        buf_puts(o, ">> ");
      } else {
        buf_puts(o, "<</Type /OBJR /Pg ");
        S_ref(o, t->page_num[kd->page]);
        buf_puts(o, "/Obj ");
        S_ref(o, t->annot_num[kd->v]);
        buf_puts(o, ">> ");
      }
    }
    buf_puts(o, "]");
    if (e->alt) {
      buf_puts(o, " /Alt ");
      S_hex_text(o, e->alt);
    }
    if (e->lang) { /* a BCP 47 tag: letters, digits and '-' */
      buf_puts(o, " /Lang ");
      S_hex_text(o, e->lang);
    }
    if (e->note) { /* PDF/UA wants every Note identified */
      char id[32];
      S_note_id(id, sizeof id, e->note);
      buf_printf(o, " /ID (%s)", id);
      ids = true;
    }
    if (e->scope || e->colspan > 1) {
      buf_puts(o, " /A <</O /Table");
      if (e->scope)
        buf_printf(o, " /Scope /%s", e->scope);
      if (e->colspan > 1)
        buf_printf(o, " /ColSpan %d", e->colspan);
      buf_puts(o, ">>");
    }
    if (e->has_bbox)
      buf_printf(o, " /A <</O /Layout /Placement /Block /BBox [%.2f %.2f "
                    "%.2f %.2f]>>",
                 e->bbox[0], e->bbox[1], e->bbox[2], e->bbox[3]);
    buf_puts(o, ">>\nendobj\n");
  }
  /* the parent tree: per page the elements of its MCIDs, then one entry
   * per annotation (keys from npages on) */
  S_num(o, ptree);
  buf_puts(o, "0 obj\n<</Nums [");
  for (size_t p = 0; p < t->npages; p++) {
    S_num(o, p);
    buf_puts(o, "[");
    for (size_t m = 0; m < t->nmcid[p]; m++)
      S_ref(o, num[t->mcids[p][m]]);
    buf_puts(o, "] ");
  }
  for (size_t i = 0; i < t->nannots; i++) {
    S_num(o, t->npages + i);
    S_ref(o, num[t->annot_el[i]]);
  }
  buf_puts(o, "]>>\nendobj\n");
  /* the notes' identifiers, in the order of their keys (the numbers are
   * written with the same width; the notes are in the order of their
   * references, not of their numbers) */
  S_num(o, idtree);
  buf_puts(o, "0 obj\n<</Names [");
  int *note_el = xcalloc((size_t)t->nplaced, sizeof *note_el);
  for (size_t i = 0; i < t->nels; i++)
    if (t->keep[i] && t->els[i].note > 0 && t->els[i].note < t->nplaced)
      note_el[t->els[i].note] = (int)i;
  for (int n = 1; n < t->nplaced; n++)
    if (note_el[n] > 0) {
      char id[32];
      S_note_id(id, sizeof id, n);
      buf_printf(o, "(%s) ", id);
      S_ref(o, num[note_el[n]]);
    }
  free(note_el);
  buf_puts(o, "]>>\nendobj\n");
  /* the root, in place of the placeholder in the catalog */
  S_num(o, t->root_num);
  buf_puts(o, "0 obj\n<</Type /StructTreeRoot /K [");
  S_ref(o, num[0]);
  buf_puts(o, "] /ParentTree ");
  S_ref(o, ptree);
  buf_puts(o, "/ParentTreeNextKey ");
  S_num(o, t->npages + t->nannots);
  if (ids) {
    buf_puts(o, "/IDTree ");
    S_ref(o, idtree);
  }
  buf_puts(o, ">>\nendobj\n");
  free(num);
}

int pdf_tags_write(pdf_tags *t, HPDF_Doc pdf, HPDF_Page *pages,
                   size_t npages, pdf_fix_add_fn *add) {
  HPDF_MMgr mm = pdf_haru_mmgr(pdf);
  HPDF_STATUS st = HPDF_OK;
  if (npages < t->npages)
    t->npages = npages;
  /* which elements go into the file */
  t->keep = xcalloc(t->nels ? t->nels : 1, sizeof *t->keep);
  for (size_t i = t->nels; i-- > 0;) {
    const S_el *e = &t->els[i];
    for (size_t k = 0; k < e->nkids && !t->keep[i]; k++)
      t->keep[i] = e->kids[k].kind != K_ELEM;
    if (!strcmp(e->type, "TD") || !strcmp(e->type, "TH"))
      t->keep[i] = true;
    if (t->keep[i] && e->parent >= 0)
      t->keep[e->parent] = true;
  }
  t->keep[0] = true;
  t->page_num = xcalloc(npages ? npages : 1, sizeof *t->page_num);
  for (size_t p = 0; p < npages; p++) {
    t->page_num[p] = pdf_haru_obj_num(pages[p]);
    st |= HPDF_Dict_AddNumber(pages[p], "StructParents", (HPDF_INT32)p);
  }
  t->annot_num = xcalloc(t->nannots ? t->nannots : 1, sizeof *t->annot_num);
  bool *tabs = xcalloc(npages ? npages : 1, sizeof *tabs);
  for (size_t i = 0; i < t->nannots; i++) {
    t->annot_num[i] = pdf_haru_obj_num(t->annots[i]);
    st |= HPDF_Dict_AddNumber(t->annots[i], "StructParent",
                              (HPDF_INT32)(npages + i));
    st |= HPDF_Dict_Add(t->annots[i], "Contents",
                        S_text(mm, t->els[t->annot_el[i]].contents));
    /* pages with annotations: tab order follows the structure */
    int p = t->els[t->annot_el[i]].page;
    if (p >= 0 && (size_t)p < npages && !tabs[p]) {
      tabs[p] = true;
      st |= HPDF_Dict_AddName(pages[p], "Tabs", "S");
    }
  }
  free(tabs);
  /* the root: a placeholder S_objects replaces */
  HPDF_Dict root = HPDF_Dict_New(mm);
  st |= HPDF_Xref_Add(pdf_haru_xref(pdf), root);
  if (st != HPDF_OK)
    return -1;
  t->root_num = pdf_haru_obj_num(root);
  HPDF_Dict cat = pdf_haru_catalog(pdf);
  st |= HPDF_Dict_Add(cat, "StructTreeRoot", root);
  HPDF_Dict mi = HPDF_Dict_New(mm);
  st |= HPDF_Dict_Add(cat, "MarkInfo", mi);
  st |= HPDF_Dict_Add(mi, "Marked", HPDF_Boolean_New(mm, HPDF_TRUE));
  *add = S_objects;
  return st == HPDF_OK ? 0 : -1;
}
