/* table.c - tables: column widths from the content, ragged-right wrapped
 * cells, rules in the booktabs manner (heavy top and bottom, light under
 * the header), shading, one item per row so rows can fall on different
 * pages; the header rows are kept for repeating on continued pages, and a
 * row taller than the space left can be split between its lines. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/internal.h"
#include "util/mem.h"
#include "util/utf8.h"

typedef struct {
  lay_lines lines;
  int col, span;
  long fill;
  char align;
} S_cell;

typedef struct {
  S_cell *cells;
  size_t ncells;
  bool header;
  bool total; /* every cell strong: a sum row, with a rule above */
  bool whole; /* too few lines to be split between pages */
  double h;
} S_row;

struct lay_table {
  const doc_node *node; /* NULL while the table does not fit (S_fits) */
  int ncols;
  double *x, *w; /* column start and width (content box) */
  S_row *rows;
  size_t nrows;
  double pad, leading, size, width, indent;
  lay_style *s;
  char *cont;  /* "Tabel 3 (fortsat)" or NULL */
  font *cont_font;
  long rule;
  double rule_w;
  long stripe, head_fill;
  bool keep; /* kept on one page */
};

/* A row is split between pages only if each part keeps two lines. */
#define S_SPLIT_MIN_LINES 4
/* The narrowest column, in ems of the table's text: three digits, or a word
 * broken every two or three letters. A table whose columns cannot all have
 * it is refused rather than drawn past the page edge. */
#define S_MIN_COL_EM 1.5
/* The padding a crowded table may shrink to, in points. */
#define S_MIN_PAD 1.5

static int S_span(const doc_node *cell) {
  return cell->colspan > 1 ? cell->colspan : 1;
}

/* Raises columns below target[i] to it, taking the width from columns
 * above floor[i] (in proportion to what they have above it). */
static void S_rebalance(double *w, const double *target, const double *floor,
                        int nc) {
  double deficit = 0, spare = 0;
  for (int i = 0; i < nc; i++) {
    if (w[i] < target[i])
      deficit += target[i] - w[i];
    else if (w[i] > floor[i])
      spare += w[i] - floor[i];
  }
  if (deficit <= 0.01 || spare <= 0.01)
    return;
  double give = fmin(deficit, spare);
  double raise = give / deficit, take = give / spare;
  for (int i = 0; i < nc; i++) {
    if (w[i] < target[i])
      w[i] += (target[i] - w[i]) * raise;
    else if (w[i] > floor[i])
      w[i] -= (w[i] - floor[i]) * take;
  }
}

/* Column widths: each column gets at least its longest word, and the rest of
 * the text width in proportion to how much more it would like. */
static void S_widths(lay_ctx *c, struct lay_table *t, const doc_node *n) {
  int nc = t->ncols;
  double *mn = xcalloc((size_t)nc, sizeof *mn);
  double *pf = xcalloc((size_t)nc, sizeof *pf);
  for (const doc_node *row = n->first; row; row = row->next) {
    if (row->type != DOC_TABLE_ROW)
      continue;
    int col = 0;
    for (const doc_node *cell = row->first; cell && col < nc;
         cell = cell->next) {
      int span = S_span(cell);
      if (span == 1) {
        lay_pstyle p = lay_body_style(c);
        p.size = t->size;
        p.hyphenate = false;
        if ((row->flags & DOC_HEADER_ROW) || (cell->flags & DOC_STRONG_CELL))
          p.base = FONT_BOLD;
        double wmin, wpref;
        lay_measure_inlines(c, cell, &p, &wmin, &wpref);
        if (wmin > mn[col])
          mn[col] = wmin;
        if (wpref > pf[col])
          pf[col] = wpref;
      }
      col += span;
    }
  }
  double avail = t->width - nc * 2 * t->pad;
  double smin = 0, spref = 0;
  /* keep[i]: what column i keeps however crowded the table: its longest
   * word, up to the narrowest column (S_fits made room for nc of those) */
  double minw = S_MIN_COL_EM * t->size, skeep = 0;
  double *keep = xcalloc((size_t)nc, sizeof *keep);
  for (int i = 0; i < nc; i++) {
    if (mn[i] > avail * 0.45)
      mn[i] = avail * 0.45; /* very long words are broken instead */
    if (pf[i] < mn[i])
      pf[i] = mn[i];
    keep[i] = fmin(mn[i], minw);
    skeep += keep[i];
    smin += mn[i];
    spref += pf[i];
  }
  bool given = n->widths != NULL;
  double swid = 0;
  if (given)
    for (int i = 0; i < nc; i++)
      swid += n->widths[i] > 0 ? n->widths[i] : 0;
  for (int i = 0; i < nc; i++) {
    if (given && swid > 0)
      t->w[i] = avail * (n->widths[i] > 0 ? n->widths[i] : 0) / swid;
    else if (spref <= avail)
      t->w[i] = pf[i] + (avail - spref) * (spref > 0 ? pf[i] / spref
                                                      : 1.0 / nc);
    else if (smin >= avail)
      /* what is left after the keeps goes to the columns in proportion
       * to how much more their longest word needs: no column gets less
       * than its keep, and the table never more than the text width */
      t->w[i] = keep[i] + (smin > skeep ? (mn[i] - keep[i]) *
                                                (avail - skeep) /
                                                (smin - skeep)
                                          : (avail - skeep) / nc);
    else
      t->w[i] = mn[i] + (pf[i] - mn[i]) * (avail - smin) / (spref - smin);
  }
  /* given widths are proportions: a column still gets its longest word,
   * and then its natural width, taken from columns with room to spare */
  /* a column given a sliver still keeps room for a letter or two */
  if (given && swid > 0)
    S_rebalance(t->w, keep, keep, nc);
  if (given && swid > 0 && smin < avail) {
    S_rebalance(t->w, mn, mn, nc);
    S_rebalance(t->w, pf, pf, nc);
  }
  double x = 0;
  for (int i = 0; i < nc; i++) {
    t->x[i] = x + t->pad;
    x += t->w[i] + 2 * t->pad;
  }
  free(mn);
  free(pf);
  free(keep);
}

/* False, with an error naming the table's line, when nc columns of the
 * narrowest width cannot stand side by side in the text width; else shrinks
 * the padding as far as a crowded table needs. */
static bool S_fits(lay_ctx *c, struct lay_table *t, const doc_node *n) {
  double minw = S_MIN_COL_EM * t->size;
  double min_pad = fmin(t->pad, S_MIN_PAD);
  int most = (int)floor(t->width / (minw + 2 * min_pad));
  if (t->ncols > most) {
    if (c->pass == 0)
      diag_error(c->diags, n->file, n->line, n->col,
                 M_LAYOUT_TABLE_HAS_COLUMNS_MOST, t->ncols,
                 most < 0 ? 0 : most);
    return false;
  }
  double room = (t->width / t->ncols - minw) / 2;
  if (room < t->pad)
    t->pad = fmax(room, min_pad);
  return true;
}

/* The row's boxes from line `from` up to `to` (-1: the end). With `take`
 * the cells' boxes are moved rather than copied, for a row whose lines are
 * not needed again (see lay_table). */
static void S_row_boxes(struct lay_table *t, size_t ri, int from, int to,
                        bool take, lay_boxes *b, double *h) {
  S_row *row = &t->rows[ri];
  int lines = 0;
  for (size_t k = 0; k < row->ncells; k++) {
    int n = (int)row->cells[k].lines.len - from;
    if (to >= 0 && n > to - from)
      n = to - from;
    if (n > lines)
      lines = n;
  }
  if (lines < 0)
    lines = 0;
  *h = lines * t->leading + 2 * t->pad;
  for (size_t k = 0; k < row->ncells; k++) {
    S_cell *cl = &row->cells[k];
    long fill = cl->fill >= 0 ? cl->fill
                : row->header ? t->head_fill
                : (t->stripe >= 0 && ri % 2 == 1) ? t->stripe
                                                  : -1;
    double x = t->x[cl->col] - t->pad;
    double w = 0;
    for (int s = 0; s < cl->span && cl->col + s < t->ncols; s++)
      w += t->w[cl->col + s] + 2 * t->pad;
    if (fill >= 0) {
      lay_box *r = lay_boxes_add(b, LB_RECT);
      r->x = x;
      r->y = 0;
      r->w = w;
      r->h = *h;
      r->colour = fill;
    }
  }
  for (size_t k = 0; k < row->ncells; k++) {
    S_cell *cl = &row->cells[k];
    double base = t->pad + t->leading / 2 + t->size * 0.3;
    for (int l = from; l < (int)cl->lines.len && (to < 0 || l < to); l++) {
      double y = base + (l - from) * t->leading;
      if (take)
        lay_boxes_move(b, &cl->lines.v[l].b, t->x[cl->col], y);
      else
        lay_boxes_copy(b, &cl->lines.v[l].b, t->x[cl->col], y);
    }
  }
}

static void S_rule(lay_boxes *b, double y, double w, double lw, long colour) {
  lay_box *r = lay_boxes_add(b, LB_RULE);
  r->x = 0;
  r->y = y;
  r->w = w;
  r->lw = lw;
  r->colour = colour;
}

/* Builds the item for row ri from line `from` on; rules by position. */
static void S_row_item(lay_ctx *c, struct lay_table *t, lay_item *it,
                       size_t ri, int from, int to, bool take) {
  S_row *row = &t->rows[ri];
  double h;
  /* footnotes referenced in the cells' lines, before a take empties them */
  for (size_t k = 0; k < row->ncells; k++) {
    lay_lines *ls = &row->cells[k].lines;
    for (int l = from; l < (int)ls->len && (to < 0 || l < to); l++)
      for (size_t f = 0; f < ls->v[l].nfns; f++) {
        it->fns = xrealloc(it->fns, (it->nfns + 1) * sizeof *it->fns);
        it->fns[it->nfns++] = ls->v[l].fns[f];
      }
  }
  S_row_boxes(t, ri, from, to, take, &it->b, &h);
  it->h = h;
  it->tab = t;
  it->row = (int)ri;
  it->row_from = from;
  it->header = row->header;
  bool first = ri == 0 && from == 0;
  bool last_header = row->header &&
                     (ri + 1 == t->nrows || !t->rows[ri + 1].header);
  if (first)
    S_rule(&it->b, 0, t->width, t->rule_w * 1.4, t->rule);
  if (last_header)
    S_rule(&it->b, h, t->width, t->rule_w, t->rule);
  if (row->total && from == 0 && ri > 0 && !t->rows[ri - 1].header)
    S_rule(&it->b, 0, t->width, t->rule_w * 0.8, t->rule);
  for (size_t k = 0; k < it->b.len; k++)
    it->b.v[k].x += t->indent;
  (void)c;
}

static void S_cells(lay_ctx *c, struct lay_table *t, const doc_node *rown,
                    S_row *row) {
  int col = 0;
  for (const doc_node *cell = rown->first; cell && col < t->ncols;
       cell = cell->next) {
    int span = S_span(cell);
    if (col + span > t->ncols)
      span = t->ncols - col;
    row->cells = xrealloc(row->cells, (row->ncells + 1) * sizeof *row->cells);
    S_cell *cl = &row->cells[row->ncells++];
    memset(cl, 0, sizeof *cl);
    cl->col = col;
    cl->span = span;
    cl->fill = cell->fill;
    char al = cell->align;
    if (!al && rown->parent->aligns)
      al = rown->parent->aligns[col];
    cl->align = al;
    lay_pstyle p = lay_body_style(c);
    p.size = t->size;
    p.leading = t->leading;
    p.align = al == 'r' ? 'r' : al == 'c' ? 'c' : 'l';
    p.hyphenate = true;
    if ((rown->flags & DOC_HEADER_ROW) || (cell->flags & DOC_STRONG_CELL))
      p.base = FONT_BOLD;
    if (rown->flags & DOC_HEADER_ROW)
      p.colour = c->s.t_head_text;
    double w = 0;
    for (int s = 0; s < span; s++)
      w += t->w[col + s] + (s ? 2 * t->pad : 0);
    p.width = w;
    lay_set_inlines(c, cell, &p, &cl->lines);
    col += span;
  }
}

void lay_table(lay_ctx *c, const doc_node *n) {
  int nc = n->ncols;
  for (const doc_node *r = n->first; r; r = r->next) {
    if (r->type != DOC_TABLE_ROW)
      continue;
    int k = 0;
    for (const doc_node *cl = r->first; cl; cl = cl->next)
      k += S_span(cl);
    if (k > nc)
      nc = k;
  }
  if (nc <= 0)
    return;
  struct lay_table *t = xcalloc(1, sizeof *t);
  XGROW(c->tables, c->tabcap, c->ntabs + 1);
  c->tables[c->ntabs++] = t;
  t->ncols = nc;
  t->x = xcalloc((size_t)nc, sizeof *t->x);
  t->w = xcalloc((size_t)nc, sizeof *t->w);
  t->pad = c->s.t_pad;
  t->size = c->s.t_size;
  t->leading = c->s.t_leading;
  t->width = c->s.tw - c->indent_l - c->indent_r;
  t->indent = c->indent_l;
  t->rule = c->s.t_rule;
  t->rule_w = c->s.t_rule_w;
  t->stripe = c->s.t_stripe;
  t->head_fill = c->s.t_head_fill;
  if (!S_fits(c, t, n))
    return; /* the build fails; the table's rows are left out */
  S_widths(c, t, n);
  t->node = n;

  lay_space(c, c->s.block_space);
  char dest[40];
  snprintf(dest, sizeof dest, "tbl-%d", n->number);
  size_t first = c->items.len;
  const char *word = locale_get(c->l, "table");
  lay_caption(c, n, word, true, NULL);
  lay_space(c, c->s.size * 0.3);
  if (n->number > 0) {
    buf b = BUF_INIT;
    buf_printf(&b, "%s %d (%s)", word, n->number,
               locale_get(c->l, "continued"));
    t->cont = buf_detach(&b);
    t->cont_font = lay_font(c->f->body, FONT_ITALIC);
  }
  size_t nrows = 0;
  for (const doc_node *r = n->first; r; r = r->next)
    nrows += r->type == DOC_TABLE_ROW;
  t->rows = xcalloc(nrows ? nrows : 1, sizeof *t->rows);
  size_t first_row = c->items.len;
  bool seen_body = false;
  double total = 0;
  /* Row by row: set the cells, make the row's item, and let go of the
   * cells' lines unless a continued page may need them again (header rows
   * repeat; a row of four or more lines may be split), so a long table
   * holds one row of lines at a time rather than all of them. */
  for (const doc_node *r = n->first; r; r = r->next) {
    if (r->type != DOC_TABLE_ROW)
      continue;
    size_t ri = t->nrows++;
    S_row *row = &t->rows[ri];
    row->header = (r->flags & DOC_HEADER_ROW) != 0;
    row->total = !row->header && r->first != NULL;
    for (const doc_node *cl = r->first; cl; cl = cl->next)
      if (!(cl->flags & DOC_STRONG_CELL))
        row->total = false;
    S_cells(c, t, r, row);
    size_t ml = 0;
    for (size_t k = 0; k < row->ncells; k++)
      if (row->cells[k].lines.len > ml)
        ml = row->cells[k].lines.len;
    total += ml * t->leading + 2 * t->pad;
    row->whole = ml < S_SPLIT_MIN_LINES;
    bool keep_lines = row->header || !row->whole;
    lay_item *it = lay_item_add(c, IT_BOXES, 0);
    S_row_item(c, t, it, ri, 0, -1, !keep_lines);
    if (!keep_lines)
      for (size_t k = 0; k < row->ncells; k++)
        lay_lines_free(&row->cells[k].lines);
    if (ri > 0 && (row->header || !seen_body))
      it->keep_prev = true; /* header rows and the first body row */
    if (ri + 1 == nrows && nrows > 2)
      it->keep_prev = true; /* no single row at the top of a page */
    if (!row->header)
      seen_body = true;
  }
  /* a short table is kept on one page rather than split into two stubs */
  bool keep_all = total <= c->s.th * 0.4 || (n->flags & DOC_KEEP_TOGETHER);
  t->keep = keep_all;
  if (keep_all)
    for (size_t i = first_row + 1; i < c->items.len; i++)
      c->items.v[i].keep_prev = true;
  if (c->items.len > first_row) {
    lay_item *last = &c->items.v[c->items.len - 1];
    S_rule(&last->b, last->h, t->width, t->rule_w * 1.4, t->rule);
    last->b.v[last->b.len - 1].x += t->indent;
  }
  if (c->items.len > first) {
    lay_item *a = &c->items.v[first];
    while (a->kind != IT_BOXES && a < &c->items.v[c->items.len - 1])
      a++;
    lay_dest(a, n->id ? n->id : dest);
    a->anchor = n;
  }
  if (n->title && *n->title) {
    lay_pstyle p = lay_body_style(c);
    p.size = c->s.cap_size - 0.5;
    p.leading = p.size * 1.3;
    p.align = 'l';
    p.colour = c->s.muted;
    buf b = BUF_INIT;
    buf_printf(&b, "%s: %s", locale_get(c->l, "source"), n->title);
    lay_lines ls = {0};
    lay_space(c, 3);
    c->keep_next = true;
    lay_set_plain(c, buf_cstr(&b), &p, &ls);
    size_t at = c->items.len;
    lay_add_lines(c, &ls, p.leading, c->indent_l, true);
    lay_tag(c, at, n, LR_AFTER);
    lay_lines_free(&ls);
    buf_free(&b);
  }
  if (keep_all)
    lay_float(c, first);
  lay_space(c, c->s.block_space);
}

double lay_table_header(struct lay_table *t, lay_items *out) {
  double h = 0;
  if (t->cont) {
    XGROW(out->v, out->cap, out->len + 1);
    lay_item *it = &out->v[out->len++];
    memset(it, 0, sizeof *it);
    it->kind = IT_BOXES;
    it->h = t->leading * 1.3;
    lay_box_text(&it->b, t->cont_font, t->size, 0x555555, t->indent,
                 t->leading * 0.9, t->cont);
    h += it->h;
  }
  for (size_t ri = 0; ri < t->nrows && t->rows[ri].header; ri++) {
    XGROW(out->v, out->cap, out->len + 1);
    lay_item *it = &out->v[out->len++];
    memset(it, 0, sizeof *it);
    it->kind = IT_BOXES;
    S_row_item(NULL, t, it, ri, 0, -1, false);
    free(it->fns); /* their footnotes are on the first page */
    it->fns = NULL;
    it->nfns = 0;
    h += it->h;
  }
  return h;
}

bool lay_table_split(lay_ctx *c, lay_item *it, double avail, lay_item *rest) {
  struct lay_table *t = it->tab;
  if (!t || it->row < 0 || it->header || it->fl)
    return false; /* a table kept on one page (a float) is never split */
  S_row *row = &t->rows[it->row];
  int maxl = 0;
  for (size_t k = 0; k < row->ncells; k++)
    if ((int)row->cells[k].lines.len > maxl)
      maxl = (int)row->cells[k].lines.len;
  int from = it->row_from;
  int fit = (int)floor((avail - 2 * t->pad) / t->leading);
  /* only rows of several lines are split, and each part keeps two */
  if (fit < 2 || maxl - from - fit < 2 || maxl < S_SPLIT_MIN_LINES)
    return false;
  bool last = (size_t)it->row + 1 == t->nrows;
  lay_item top = *it;
  memset(&top.b, 0, sizeof top.b);
  top.fns = NULL;
  top.nfns = 0;
  S_row_item(c, t, &top, (size_t)it->row, from, from + fit, false);
  memset(rest, 0, sizeof *rest);
  rest->kind = IT_BOXES;
  rest->heading = -1;
  S_row_item(c, t, rest, (size_t)it->row, from + fit, -1, false);
  rest->keep_prev = false;
  if (last) {
    S_rule(&rest->b, rest->h, t->width, t->rule_w * 1.4, t->rule);
    rest->b.v[rest->b.len - 1].x += t->indent;
  }
  lay_item_free(it);
  *it = top;
  return true;
}

void lay_table_free(struct lay_table *t) {
  if (!t)
    return;
  for (size_t r = 0; r < t->nrows; r++) {
    for (size_t k = 0; k < t->rows[r].ncells; k++)
      lay_lines_free(&t->rows[r].cells[k].lines);
    free(t->rows[r].cells);
  }
  free(t->rows);
  free(t->x);
  free(t->w);
  free(t->cont);
  free(t);
}

double lay_table_indent(const struct lay_table *t) { return t->indent; }
double lay_table_width(const struct lay_table *t) { return t->width; }

void lay_table_grids(lay_ctx *c, lay_grids *out) {
  for (size_t i = 0; i < c->ntabs; i++) {
    const struct lay_table *t = c->tables[i];
    if (!t->node)
      continue;
    XGROW(out->v, out->cap, out->len + 1);
    lay_grid *g = &out->v[out->len++];
    g->table = t->node;
    g->ncols = t->ncols;
    g->width = xcalloc((size_t)t->ncols, sizeof *g->width);
    for (int k = 0; k < t->ncols; k++)
      g->width[k] = t->w[k] + 2 * t->pad;
    g->indent = t->indent;
    g->pad = t->pad;
    g->keep = t->keep;
    g->nrows = t->nrows;
    g->whole = xcalloc(t->nrows ? t->nrows : 1, sizeof *g->whole);
    for (size_t r = 0; r < t->nrows; r++)
      g->whole[r] = t->keep || t->rows[r].header || t->rows[r].whole;
  }
}

const lay_grid *lay_grid_of(const lay_grids *g, const doc_node *table) {
  for (size_t i = 0; i < g->len; i++)
    if (g->v[i].table == table)
      return &g->v[i];
  return NULL;
}

void lay_grids_free(lay_grids *g) {
  for (size_t i = 0; i < g->len; i++) {
    free(g->v[i].width);
    free(g->v[i].whole);
  }
  free(g->v);
  memset(g, 0, sizeof *g);
}
