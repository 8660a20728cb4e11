/* layout.c - the document tree walked into a vertical list of items (lines,
 * rows, figures, space), then paginated (page.c). The table of contents
 * needs the pages of headings, so the whole document is laid out again
 * until the pages stop moving (twice, normally). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/internal.h"
#include "util/mem.h"

/* ---- boxes ---- */

lay_box *lay_boxes_add(lay_boxes *b, lay_box_kind kind) {
  XGROW(b->v, b->cap, b->len + 1);
  lay_box *x = &b->v[b->len++];
  memset(x, 0, sizeof *x);
  x->kind = kind;
  return x;
}

void lay_boxes_free(lay_boxes *b) {
  for (size_t i = 0; i < b->len; i++)
    free(b->v[i].text);
  free(b->v);
  memset(b, 0, sizeof *b);
}

void lay_boxes_move(lay_boxes *dst, lay_boxes *src, double dx, double dy) {
  if (!dst->len && !dst->v) {
    /* a line into a new item: its array is taken as it is, shifted */
    *dst = *src;
    for (size_t i = 0; i < dst->len; i++) {
      dst->v[i].x += dx;
      dst->v[i].y += dy;
    }
    memset(src, 0, sizeof *src);
    return;
  }
  XGROW(dst->v, dst->cap, dst->len + src->len);
  for (size_t i = 0; i < src->len; i++) {
    lay_box x = src->v[i];
    x.x += dx;
    x.y += dy;
    dst->v[dst->len++] = x;
  }
  free(src->v);
  memset(src, 0, sizeof *src);
}

void lay_boxes_copy(lay_boxes *dst, const lay_boxes *src, double dx,
                    double dy) {
  XGROW(dst->v, dst->cap, dst->len + src->len);
  for (size_t i = 0; i < src->len; i++) {
    lay_box x = src->v[i];
    x.x += dx;
    x.y += dy;
    if (x.text)
      x.text = xstrdup(x.text);
    dst->v[dst->len++] = x;
  }
}

void lay_box_text(lay_boxes *b, font *f, double size, long colour, double x,
                  double y, const char *s) {
  lay_box *t = lay_boxes_add(b, LB_TEXT);
  t->font = f;
  t->size = size;
  t->colour = colour;
  t->x = x;
  t->y = y;
  t->text = xstrdup(s);
}

/* ---- items ---- */

lay_item *lay_item_add(lay_ctx *c, lay_it_kind kind, double h) {
  XGROW(c->items.v, c->items.cap, c->items.len + 1);
  lay_item *it = &c->items.v[c->items.len++];
  memset(it, 0, sizeof *it);
  it->kind = kind;
  it->h = h;
  it->heading = -1;
  it->row = -1;
  if (kind != IT_SPACE && c->keep_next) {
    it->keep_prev = true;
    c->keep_next = false;
  }
  return it;
}

void lay_space(lay_ctx *c, double h) {
  if (c->items.len && c->items.v[c->items.len - 1].kind == IT_SPACE) {
    lay_item *p = &c->items.v[c->items.len - 1];
    p->h = fmax(p->h, h);
    return;
  }
  bool keep = c->keep_next;
  lay_item *it = lay_item_add(c, IT_SPACE, h);
  it->keep_prev = keep;
}

void lay_item_free(lay_item *it) {
  lay_boxes_free(&it->b);
  free(it->fns);
  it->fns = NULL;
  it->nfns = 0;
}

void lay_items_free(lay_items *it) {
  for (size_t i = 0; i < it->len; i++)
    lay_item_free(&it->v[i]);
  free(it->v);
  memset(it, 0, sizeof *it);
}

static double S_baseline(double leading, double size) {
  return leading / 2 + size * 0.3;
}

void lay_add_lines(lay_ctx *c, lay_lines *ls, double leading, double dx,
                   bool keep_all) {
  double size = leading / 1.35;
  for (size_t i = 0; i < ls->len; i++) {
    lay_line *ln = &ls->v[i];
    lay_item *it = lay_item_add(c, IT_BOXES, leading);
    it->line = true;
    it->hyphenated = ln->hyphenated;
    /* widows and orphans: no page break after the first line or before
     * the last one of a paragraph */
    if (i > 0 && (keep_all || i == 1 || i + 1 == ls->len))
      it->keep_prev = true;
    double base = S_baseline(leading, size);
    lay_boxes_move(&it->b, &ln->b, dx, base);
    it->fns = ln->fns;
    it->nfns = ln->nfns;
    ln->fns = NULL;
    ln->nfns = 0;
    if (c->marker && i == 0) {
      font *f = lay_font(c->f->body, FONT_REGULAR);
      double w = lay_text_width(f, c->marker, c->s.size);
      lay_box_text(&it->b, f, c->s.size, c->s.text,
                   dx - w - c->s.size * 0.5, base, c->marker);
      it->b.v[it->b.len - 1].node = c->item;
      it->b.v[it->b.len - 1].role = LR_LBL;
      c->marker = NULL;
    }
    for (int q = 0; q < c->quote_depth && q < 8; q++) {
      lay_box *r = lay_boxes_add(&it->b, LB_RECT);
      r->x = c->quote_x[q];
      r->y = 0;
      r->w = 1.6;
      r->h = leading;
      r->colour = c->s.quote_bar;
      if (r->x < 0)
        r->x = 0;
    }
    c->lines++;
    if (ln->hyphenated) {
      c->hyph_lines++;
      if (++c->hyph_run > c->max_hyph_run)
        c->max_hyph_run = c->hyph_run;
    } else {
      c->hyph_run = 0;
    }
  }
}

lay_pstyle lay_body_style(lay_ctx *c) {
  lay_pstyle p = {0};
  p.fam = c->f->body;
  p.base = FONT_REGULAR;
  p.size = c->s.size;
  p.leading = c->s.leading;
  p.colour = c->s.text;
  p.align = c->s.justify ? 'j' : 'l';
  p.hyphenate = true;
  p.width = c->s.tw - c->indent_l - c->indent_r;
  return p;
}

void lay_dest(lay_item *it, const char *id) {
  if (!id)
    return;
  lay_box *d = lay_boxes_add(&it->b, LB_DEST);
  d->text = xstrdup(id);
}

void lay_tag_boxes(lay_boxes *b, const doc_node *node, lay_role role) {
  bool first = true;
  for (size_t i = 0; i < b->len; i++) {
    lay_box *x = &b->v[i];
    if (x->node || x->role != LR_NONE ||
        (x->kind != LB_TEXT && x->kind != LB_LINK && x->kind != LB_DRAWING &&
         x->kind != LB_IMAGE))
      continue;
    x->node = node;
    x->role = (unsigned char)role;
    if (x->kind == LB_TEXT && first) {
      x->start = true;
      first = false;
    }
  }
}

void lay_tag(lay_ctx *c, size_t from, const doc_node *node, lay_role role) {
  for (size_t i = from; i < c->items.len; i++)
    lay_tag_boxes(&c->items.v[i].b, node, role);
}

void lay_float(lay_ctx *c, size_t from) {
  int f = ++c->nfloats;
  for (size_t i = from; i < c->items.len; i++)
    c->items.v[i].fl = f;
}

/* ---- blocks ---- */

static void S_blocks(lay_ctx *c, const doc_node *parent);

static void S_paragraph(lay_ctx *c, const doc_node *n) {
  lay_pstyle p = lay_body_style(c);
  if (n->flags & DOC_HANGING) {
    p.rest_indent = c->s.list_indent;
    p.align = 'l';
  } else if (c->s.par_indent > 0 && n->prev && n->prev->type == DOC_PARAGRAPH) {
    p.first_indent = c->s.par_indent; /* book style: indent, not space */
  }
  lay_lines ls = {0};
  lay_set_inlines(c, n, &p, &ls);
  if (ls.len) {
    size_t first = c->items.len;
    lay_add_lines(c, &ls, p.leading, c->indent_l, false);
    if (n->id)
      lay_dest(&c->items.v[first], n->id);
  }
  lay_lines_free(&ls);
  lay_space(c, c->s.par_space);
}

static int S_add_heading(lay_ctx *c, const char *title, const char *dest,
                         int level) {
  XGROW(c->heads, c->hcap, c->nheads + 1);
  lay_heading *h = &c->heads[c->nheads];
  memset(h, 0, sizeof *h);
  h->title = xstrdup(title);
  h->dest = xstrdup(dest);
  h->level = level;
  h->page = -1;
  return (int)c->nheads++;
}

/* A heading: new page for chapters, space before, kept with what follows. */
static void S_heading_text(lay_ctx *c, const doc_node *n, const char *plain,
                           int level, const char *id,
                           const doc_node *owner) {
  if (level < 1)
    level = 1;
  if (level > 6)
    level = 6;
  if (level == 1 && c->s.h_new_page && !c->in_fn)
    lay_item_add(c, IT_BREAK, 0);
  else
    lay_space(c, c->s.h_before[level]);
  /* the number the resolve stage gave it, "" for a generated heading */
  const char *num = n && n->number_text ? n->number_text : "";
  lay_pstyle p = lay_body_style(c);
  p.fam = c->f->heading;
  p.base = level <= 4 ? FONT_BOLD : FONT_BOLD_ITALIC;
  p.size = c->s.h_size[level];
  p.leading = p.size * 1.25;
  p.colour = c->s.heading_colour;
  p.align = 'l';
  p.hyphenate = false;
  p.prefix = num[0] ? num : NULL;
  lay_lines ls = {0};
  if (n)
    lay_set_inlines(c, n, &p, &ls);
  else
    lay_set_plain(c, plain, &p, &ls);
  size_t first = c->items.len;
  lay_add_lines(c, &ls, p.leading, c->indent_l, true);
  lay_lines_free(&ls);
  if (!n)
    lay_tag(c, first, owner, (lay_role)(LR_H1 + level - 1));
  if (c->items.len > first) {
    lay_item *it = &c->items.v[first];
    lay_dest(it, id);
    buf t = BUF_INIT;
    if (num[0])
      buf_printf(&t, "%s ", num);
    buf_puts(&t, plain);
    it->heading = S_add_heading(c, buf_cstr(&t), id, level);
    it->anchor = n;
    buf_free(&t);
  }
  c->keep_next = true;
  lay_space(c, c->s.h_after[level]);
  c->keep_next = true;
}

static void S_heading(lay_ctx *c, const doc_node *n) {
  char *plain = doc_plain_text(n);
  S_heading_text(c, n, plain, n->level, n->id, NULL);
  free(plain);
}

static void S_list(lay_ctx *c, const doc_node *n) {
  int k = n->number > 0 ? n->number : 1;
  double save = c->indent_l;
  c->indent_l += c->s.list_indent;
  c->list_depth++;
  for (const doc_node *item = n->first; item; item = item->next, k++) {
    char mark[32];
    if (n->flags & DOC_ORDERED)
      snprintf(mark, sizeof mark, "%d.", k);
    else /* bullet, en dash, white bullet by depth */
      snprintf(mark, sizeof mark, "%s",
               (c->list_depth - 1) % 3 == 0   ? "\xe2\x80\xa2"
               : (c->list_depth - 1) % 3 == 1 ? "\xe2\x80\x93"
                                        : "\xe2\x97\xa6");
    c->marker = mark;
    c->item = item;
    if (item->first && doc_is_inline(item->first->type)) {
      lay_pstyle p = lay_body_style(c);
      lay_lines ls = {0};
      lay_set_inlines(c, item, &p, &ls);
      lay_add_lines(c, &ls, p.leading, c->indent_l, false);
      lay_lines_free(&ls);
    } else {
      S_blocks(c, item);
    }
    c->marker = NULL;
    /* tight lists: no space between items */
    if (c->items.len && c->items.v[c->items.len - 1].kind == IT_SPACE)
      c->items.v[c->items.len - 1].h =
          (n->flags & DOC_TIGHT) ? c->s.size * 0.15 : c->s.par_space * 0.6;
  }
  c->indent_l = save;
  c->list_depth--;
  lay_space(c, c->s.par_space);
}

static void S_quote(lay_ctx *c, const doc_node *n) {
  double sl = c->indent_l, sr = c->indent_r;
  if (c->quote_depth < 8)
    c->quote_x[c->quote_depth] = c->indent_l + c->s.list_indent * 0.4;
  c->indent_l += c->s.list_indent;
  c->indent_r += c->s.list_indent;
  c->quote_depth++;
  S_blocks(c, n);
  c->quote_depth--;
  c->indent_l = sl;
  c->indent_r = sr;
  lay_space(c, c->s.par_space);
}

static void S_code(lay_ctx *c, const doc_node *n) {
  lay_pstyle p = lay_body_style(c);
  p.fam = c->f->mono;
  p.size = c->s.code_size;
  p.leading = p.size * 1.3;
  p.align = 'l';
  p.hyphenate = false;
  p.width -= 12;
  lay_space(c, c->s.par_space);
  const char *s = n->text ? n->text : "";
  size_t first = c->items.len;
  while (*s) {
    const char *e = strchr(s, '\n');
    size_t len = e ? (size_t)(e - s) : strlen(s);
    /* keep leading spaces as no-break spaces so indentation survives */
    buf line = BUF_INIT;
    size_t i = 0;
    for (; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
      buf_puts(&line, s[i] == '\t' ? "\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0"
                                    : "\xc2\xa0");
    buf_put(&line, s + i, len - i);
    lay_lines ls = {0};
    if (line.len == 0)
      buf_puts(&line, "\xc2\xa0");
    lay_set_plain(c, buf_cstr(&line), &p, &ls);
    lay_add_lines(c, &ls, p.leading, c->indent_l + 6, false);
    lay_lines_free(&ls);
    buf_free(&line);
    s += len;
    if (*s == '\n')
      s++;
  }
  lay_tag(c, first, n, LR_NONE);
  for (size_t i = first; i < c->items.len; i++) {
    lay_item *it = &c->items.v[i];
    lay_box *r = lay_boxes_add(&it->b, LB_RECT);
    r->x = c->indent_l;
    r->w = c->s.tw - c->indent_l - c->indent_r;
    r->y = 0;
    r->h = it->h;
    r->colour = c->s.code_fill;
    /* the background goes first so text paints over it */
    lay_box tmp = it->b.v[it->b.len - 1];
    memmove(it->b.v + 1, it->b.v, (it->b.len - 1) * sizeof *it->b.v);
    it->b.v[0] = tmp;
    if (i > first)
      it->keep_prev = it->keep_prev || (c->items.len - first) <= 6;
  }
  lay_space(c, c->s.par_space);
}

static void S_rule(lay_ctx *c) {
  lay_space(c, c->s.par_space);
  lay_item *it = lay_item_add(c, IT_BOXES, c->s.size);
  lay_box *r = lay_boxes_add(&it->b, LB_RULE);
  r->x = c->s.tw * 0.3;
  r->w = c->s.tw * 0.4;
  r->y = c->s.size / 2;
  r->lw = 0.5;
  r->colour = c->s.rule;
  lay_space(c, c->s.par_space);
}


static const doc_node *S_child(const doc_node *n, doc_type t) {
  for (const doc_node *k = n->first; k; k = k->next)
    if (k->type == t)
      return k;
  return NULL;
}

void lay_caption(lay_ctx *c, const doc_node *owner, const char *word,
                 bool keep_with_next, const char *link) {
  const doc_node *cap = S_child(owner, DOC_CAPTION);
  if (!cap)
    return;
  lay_pstyle p = lay_body_style(c);
  p.size = c->s.cap_size;
  p.leading = p.size * 1.3;
  p.align = 'l';
  char pre[64];
  if (owner->number > 0) {
    snprintf(pre, sizeof pre, "%s %d.", word, owner->number);
    p.prefix = pre;
    p.prefix_link = link;
  }
  lay_lines ls = {0};
  lay_set_inlines(c, cap, &p, &ls);
  lay_add_lines(c, &ls, p.leading, c->indent_l, true);
  lay_lines_free(&ls);
  if (keep_with_next)
    c->keep_next = true;
}

static void S_block(lay_ctx *c, const doc_node *n) {
  switch (n->type) {
  case DOC_PARAGRAPH:
    S_paragraph(c, n);
    break;
  case DOC_HEADING:
    S_heading(c, n);
    break;
  case DOC_LIST:
    S_list(c, n);
    break;
  case DOC_QUOTE:
    S_quote(c, n);
    break;
  case DOC_CODE_BLOCK:
    S_code(c, n);
    break;
  case DOC_RULE:
    S_rule(c);
    break;
  case DOC_TABLE:
    if (n->flags & DOC_CHART_DATA)
      break;
    if (n->flags & DOC_LANDSCAPE)
      lay_landscape_table(c, n);
    else
      lay_table(c, n);
    break;
  case DOC_FIGURE:
    lay_figure(c, n);
    break;
  case DOC_PAGE_BREAK:
    lay_item_add(c, IT_BREAK, 0);
    break;
  case DOC_TOC:
  case DOC_LIST_OF_TABLES:
  case DOC_LIST_OF_FIGURES:
    lay_toc(c, n);
    break;
  case DOC_ITEM:
    S_blocks(c, n);
    break;
  default:
    break; /* footnotes are set at the page foot; raw HTML is for HTML */
  }
}

static void S_blocks(lay_ctx *c, const doc_node *parent) {
  for (const doc_node *n = parent->first; n; n = n->next)
    if (n->type != DOC_FOOTNOTE_DEF)
      S_block(c, n);
}

void lay_heading_plain(lay_ctx *c, const char *title, const char *id,
                       int level, const doc_node *owner) {
  S_heading_text(c, NULL, title, level, id, owner);
}

/* ---- footnotes ---- */

static void S_footnotes(lay_ctx *c) {
  int max = 0;
  for (const doc_node *n = c->d->root->first; n; n = n->next)
    if (n->type == DOC_FOOTNOTE_DEF && n->number > max)
      max = n->number;
  c->nfns = max + 1;
  c->fns = xcalloc((size_t)c->nfns, sizeof *c->fns);
  lay_items save = c->items;
  double sl = c->indent_l;
  for (const doc_node *n = c->d->root->first; n; n = n->next) {
    if (n->type != DOC_FOOTNOTE_DEF || n->number <= 0 ||
        c->fns[n->number].items.len)
      continue;
    memset(&c->items, 0, sizeof c->items);
    c->in_fn = true;
    char num[32], back[40];
    snprintf(num, sizeof num, "%d", n->number);
    snprintf(back, sizeof back, "#fnref:%d", n->number);
    bool first = true;
    for (const doc_node *b = n->first; b; b = b->next) {
      lay_pstyle p = lay_body_style(c);
      p.size = c->s.fn_size;
      p.leading = c->s.fn_leading;
      p.width = c->s.tw;
      p.rest_indent = 0;
      if (first) {
        p.prefix = num;
        p.prefix_sup = true;
        p.prefix_link = back;
      }
      lay_lines ls = {0};
      if (b->type == DOC_PARAGRAPH)
        lay_set_inlines(c, b, &p, &ls);
      else {
        char *t = doc_plain_text(b);
        lay_set_plain(c, t, &p, &ls);
        free(t);
      }
      size_t at = c->items.len;
      lay_add_lines(c, &ls, p.leading, 0, true);
      lay_tag(c, at, b, LR_NONE);
      if (first && c->items.len > at) {
        char id[40];
        snprintf(id, sizeof id, "fn:%d", n->number);
        lay_dest(&c->items.v[at], id);
      }
      lay_lines_free(&ls);
      first = false;
    }
    c->in_fn = false;
    lay_fn *fn = &c->fns[n->number];
    fn->items = c->items;
    for (size_t i = 0; i < fn->items.len; i++)
      fn->h += fn->items.v[i].h;
  }
  c->items = save;
  c->indent_l = sl;
}

/* ---- the whole document ---- */

static void S_ctx_free(lay_ctx *c) {
  lay_items_free(&c->items);
  for (int i = 0; i < c->nfns; i++)
    lay_items_free(&c->fns[i].items);
  free(c->fns);
  for (size_t i = 0; i < c->nheads; i++) {
    free(c->heads[i].title);
    free(c->heads[i].dest);
  }
  free(c->heads);
  for (size_t i = 0; i < c->ntabs; i++)
    lay_table_free(c->tables[i]);
  free(c->tables);
  free(c->anch);
  lay_scratch_free(c);
}

void lay_result_free(lay_result *r) {
  for (size_t i = 0; i < r->npages; i++)
    lay_boxes_free(&r->pages[i].b);
  free(r->pages);
  for (size_t i = 0; i < r->nheadings; i++) {
    free(r->headings[i].title);
    free(r->headings[i].dest);
  }
  free(r->headings);
  free(r->running_title);
  lay_grids_free(&r->grids);
  memset(r, 0, sizeof *r);
}

static bool S_same_pages(const lay_anchor *a, size_t na, const lay_anchor *b,
                         size_t nb) {
  if (na != nb)
    return false;
  for (size_t i = 0; i < na; i++)
    if (a[i].node != b[i].node || a[i].page != b[i].page)
      return false;
  return true;
}

/* Only generated lists print page numbers of other parts of the document. */
static bool S_needs_pages(const doc *d) {
  doc_iter it;
  doc_event ev;
  doc_iter_init(&it, d->root);
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE)
    if (ev == DOC_EV_ENTER &&
        (it.cur->type == DOC_TOC || it.cur->type == DOC_LIST_OF_TABLES ||
         it.cur->type == DOC_LIST_OF_FIGURES))
      return true;
  return false;
}

static const char *S_body_name(const theme *t) {
  return theme_string(t, "fonts.body", "DejaVu Serif");
}

static const char *S_heading_name(const theme *t) {
  return theme_string(t, "fonts.heading", S_body_name(t));
}

static const char *S_chart_name(const theme *t) {
  return theme_string(t, "fonts.chart", S_heading_name(t));
}

font_family *lay_chart_family_load(const theme *t, diag_list *diags) {
  return font_family_load(S_chart_name(t), diags);
}

int lay_fonts_load(const doc *d, const theme *t, lay_fonts *f,
                   diag_list *diags) {
  memset(f, 0, sizeof *f);
  const char *body = S_body_name(t);
  const char *head = S_heading_name(t);
  const char *mono = t ? theme_string(t, "fonts.mono", "DejaVu Sans Mono")
                       : "DejaVu Sans Mono";
  const char *chart = S_chart_name(t);
  f->body = font_family_load(body, diags);
  f->heading = strcmp(head, body) ? font_family_load(head, diags) : f->body;
  f->mono = font_family_load(mono, diags);
  font_family *own_chart = strcmp(chart, head) && strcmp(chart, body)
                               ? font_family_load(chart, diags)
                               : NULL;
  f->hyph = hyphenator_load(d->meta.lang ? d->meta.lang : "da", diags);
  f->chart = own_chart                    ? own_chart
             : strcmp(chart, body) == 0 ? f->body
                                        : f->heading;
  return f->body && f->heading && f->mono ? 0 : -1;
}

void lay_fonts_free(lay_fonts *f) {
  /* the next edition's PDF starts with no marks, also in a font that stays
     loaded (cli's chart font for measuring): its subset is its own */
  font_family_clear_marks(f->body);
  font_family_clear_marks(f->heading);
  font_family_clear_marks(f->mono);
  font_family_clear_marks(f->chart);
  if (f->chart && f->chart != f->body && f->chart != f->heading)
    font_family_free(f->chart);
  if (f->heading && f->heading != f->body)
    font_family_free(f->heading);
  font_family_free(f->body);
  font_family_free(f->mono);
  hyphenator_free(f->hyph);
  memset(f, 0, sizeof *f);
}

int lay_document(const doc *d, const theme *t, const locale *l,
                 const lay_fonts *f, lay_result *r, diag_list *diags) {
  memset(r, 0, sizeof *r);
  size_t errors0 = diags ? diags->errors : 0;
  bool again = S_needs_pages(d);
  lay_cache *cache = again ? lay_cache_new() : NULL;
  lay_anchor *prev = NULL;
  size_t nprev = 0;
  for (int pass = 0; pass < 4; pass++) {
    lay_ctx c;
    memset(&c, 0, sizeof c);
    c.d = d;
    c.t = t;
    c.l = l;
    c.f = f;
    c.diags = diags;
    c.prev = prev;
    c.nprev = nprev;
    c.pass = pass;
    c.cache = cache;
    lay_style_load(&c.s, t);
    S_footnotes(&c);
    lay_title_page(&c);
    S_blocks(&c, d->root);
    lay_chart_data(&c);
    lay_result_free(r);
    lay_paginate(&c, r);
    lay_table_grids(&c, &r->grids);
    r->lines = c.lines;
    r->hyphenated_lines = c.hyph_lines;
    r->max_hyphen_run = c.max_hyph_run;
    r->overfull_lines = c.overfull;
    bool same = S_same_pages(prev, nprev, c.anch, c.nanch);
    free(prev);
    prev = c.anch;
    nprev = c.nanch;
    c.anch = NULL;
    S_ctx_free(&c);
    /* with a cache, pass 0 is set without its words' text (cache.c): a
     * pass after it is the one written, even when no page moved */
    if (!again || (same && pass > 0))
      break;
  }
  free(prev);
  lay_cache_free(cache);
  return diags && diags->errors > errors0 ? -1 : 0;
}
