/* nodes.c - the Lua tables a component returns -> document nodes (figures
 * and drawings are in figure.c), and the one converter of INLINES, which
 * the citation style's results go through too (script_style_inlines).
 *
 * The shapes are those of README "Components (the Lua API)". Fields are read
 * with raw access (no metamethods, so no template code runs here), every
 * field's type is checked, and each mistake is reported at the directive
 * with the component's name, in words a template author can act on. */
#include "script/nodes.h"

#include <lauxlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markdown/markdown.h"
#include "script/internal.h"
#include "util/buf.h"
#include "util/mem.h"

#define SN_MAX_DEPTH 64

/* Where a mistake is, for messages: "i komponenten 'tabel'" or "i
 * litteraturstilen 'minstil'". */
static void S_where(const sn_ctx *c, buf *b) {
  if (c->style)
    buf_printf(b, M_SCRIPT_CITATION_STYLE_I, c->component);
  else
    buf_printf(b, M_SCRIPT_COMPONENT_I, c->component);
}

void sn_err(sn_ctx *c, const char *fmt, ...) {
  buf where = BUF_INIT, b = BUF_INIT;
  S_where(c, &where);
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(&b, fmt, ap);
  va_end(ap);
  diag_error(c->diags, c->file, c->line, 0, "%s: %s", buf_cstr(&where),
             buf_cstr(&b));
  buf_free(&where);
  buf_free(&b);
  c->errors++;
}

doc_node *sn_new(sn_ctx *c, doc_type t) {
  doc_node *n = doc_node_new_in(c->d, t);
  n->file = c->file;
  n->line = c->line;
  return n;
}

/* Counts n bytes of text about to be copied into the document against the
 * document's budget (SCRIPT_MAX_TEXT); false, reported once per
 * directive, when it would pass it: the caller copies nothing. The
 * citation style has no budget of its own: the sandbox's memory cap bounds
 * what it returns. */
static bool S_text_budget(sn_ctx *c, size_t n) {
  script *s = c->s;
  if (!s)
    return true;
  if (!c->over_text && n <= SCRIPT_MAX_TEXT - s->doc_bytes) {
    s->doc_bytes += n;
    return true;
  }
  if (!c->over_text)
    diag_error(c->diags, c->file, c->line, 0,
               M_SCRIPT_COMPONENT_MAKES_DOCUMENT_OVER, c->component,
               SCRIPT_MAX_TEXT >> 20);
  c->over_text = true;
  c->errors++;
  return false;
}

/* Pushes t[key] (raw) and returns its type. */
int sn_get(sn_ctx *c, int idx, const char *key) {
  lua_pushstring(c->L, key);
  return lua_rawget(c->L, idx);
}

/* t.type of the table at idx, or NULL. */
static const char *S_type_of(sn_ctx *c, int idx) {
  if (!lua_istable(c->L, idx))
    return NULL;
  int t = sn_get(c, idx, "type");
  const char *s = t == LUA_TSTRING ? lua_tostring(c->L, -1) : NULL;
  lua_pop(c->L, 1);
  return s; /* interned by Lua and still referenced by the table */
}

/* A string field (numbers accepted and printed); NULL when absent. */
char *sn_string(sn_ctx *c, int idx, const char *key, const char *node) {
  char *r = NULL;
  int t = sn_get(c, idx, key);
  if (t == LUA_TSTRING || t == LUA_TNUMBER) {
    size_t n;
    const char *v = lua_tolstring(c->L, -1, &n);
    if (S_text_budget(c, n))
      r = xstrdup(v);
  } else if (t != LUA_TNIL)
    sn_err(c, M_SCRIPT_FIELD_MUST_BE_STRING, key, node, lua_typename(c->L, t));
  lua_pop(c->L, 1);
  return r;
}

double sn_number(sn_ctx *c, int idx, const char *key, double def,
                       const char *node) {
  double r = def;
  int t = sn_get(c, idx, key);
  if (t == LUA_TNUMBER)
    r = lua_tonumber(c->L, -1);
  else if (t != LUA_TNIL)
    sn_err(c, M_SCRIPT_FIELD_MUST_BE_NUMBER, key, node, lua_typename(c->L, t));
  lua_pop(c->L, 1);
  return r;
}

bool sn_bool(sn_ctx *c, int idx, const char *key, const char *node) {
  int t = sn_get(c, idx, key);
  bool r = lua_toboolean(c->L, -1);
  if (t != LUA_TNIL && t != LUA_TBOOLEAN)
    sn_err(c, M_SCRIPT_FIELD_MUST_BE_TRUE, key, node);
  lua_pop(c->L, 1);
  return r;
}

/* "#rrggbb" -> 0xRRGGBB; -1 for nil or "none"; -2 when malformed. */
static long S_parse_colour(const char *s) {
  if (!s || strcmp(s, "none") == 0)
    return -1;
  if (s[0] != '#' || strlen(s) != 7)
    return -2;
  long v = 0;
  for (int i = 1; i < 7; i++) {
    char ch = s[i];
    int d = ch >= '0' && ch <= '9'   ? ch - '0'
            : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
            : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                     : -1;
    if (d < 0)
      return -2;
    v = v * 16 + d;
  }
  return v;
}

long sn_colour(sn_ctx *c, int idx, const char *key, const char *node) {
  char *s = sn_string(c, idx, key, node);
  long v = S_parse_colour(s);
  if (v == -2) {
    sn_err(c, M_SCRIPT_COLOUR_FIELD_MUST_BE, s, key, node);
    v = -1;
  }
  free(s);
  return v;
}

static char S_align(sn_ctx *c, int idx, const char *key) {
  char *s = sn_string(c, idx, key, "column");
  char r = 0;
  if (s) {
    if (!strcmp(s, "l") || !strcmp(s, "left"))
      r = 'l';
    else if (!strcmp(s, "c") || !strcmp(s, "center") || !strcmp(s, "centre"))
      r = 'c';
    else if (!strcmp(s, "r") || !strcmp(s, "right"))
      r = 'r';
    else
      sn_err(c, M_SCRIPT_ALIGNMENT_DOES_NOT_EXIST, s);
  }
  free(s);
  return r;
}

/* Warns about fields a node type does not have (typos like "captoin"). */
void sn_check_fields(sn_ctx *c, int idx, const char *node,
                           const char *const *known) {
  lua_State *L = c->L;
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING)
      continue;
    const char *k = lua_tostring(L, -1);
    bool ok = strcmp(k, "type") == 0;
    for (int i = 0; known[i] && !ok; i++)
      ok = strcmp(k, known[i]) == 0;
    if (!ok) {
      buf where = BUF_INIT, list = BUF_INIT;
      S_where(c, &where);
      for (int i = 0; known[i]; i++)
        buf_printf(&list, "%s%s", i ? ", " : "", known[i]);
      diag_warning(c->diags, c->file, c->line, 0, M_SCRIPT_HAS_NO_FIELD_IT,
                   buf_cstr(&where), node, k, buf_cstr(&list));
      buf_free(&where);
      buf_free(&list);
    }
  }
}

/* ---- inlines ---- */

/* One level deeper into the node tree (the caller decrements c->depth);
 * false, reported, when the tree is too deep for the C stack or Lua's. */
static bool S_descend(sn_ctx *c) {
  if (c->depth > SN_MAX_DEPTH || !lua_checkstack(c->L, 8)) {
    sn_err(c, "%s", M_SCRIPT_NODE_TREE_IS_TOO);
    return false;
  }
  c->depth++;
  return true;
}

static void S_text(sn_ctx *c, const char *s, size_t n, doc_node *parent) {
  if (!S_text_budget(c, n))
    return;
  /* line breaks in a data cell are meant: keep them as line breaks */
  size_t i = 0;
  while (i <= n) {
    const char *nl = i < n ? memchr(s + i, '\n', n - i) : NULL;
    size_t j = nl ? (size_t)(nl - s) : n;
    if (j > i)
      doc_append(parent, doc_text_in(c->d, s + i, j - i));
    if (j < n)
      doc_append(parent, sn_new(c, DOC_LINE_BREAK));
    i = j + 1;
  }
}

static void S_inline_node(sn_ctx *c, int idx, const char *type,
                          doc_node *parent) {
  static const char *const f_content[] = {"content", NULL};
  static const char *const f_code[] = {"text", NULL};
  static const char *const f_link[] = {"url", "content", NULL};
  static const char *const f_xref[] = {"target", "capital", NULL};
  static const char *const f_none[] = {NULL};
  lua_State *L = c->L;
  doc_node *x = NULL;
  if (!strcmp(type, "emph") || !strcmp(type, "strong") ||
      !strcmp(type, "strike")) {
    x = sn_new(c, !strcmp(type, "emph")     ? DOC_EMPH
                 : !strcmp(type, "strong") ? DOC_STRONG
                                           : DOC_STRIKE);
    sn_check_fields(c, idx, type, f_content);
    sn_get(c, idx, "content");
    sn_inlines(c, lua_gettop(L), x);
    lua_pop(L, 1);
  } else if (!strcmp(type, "code") || !strcmp(type, "text")) {
    sn_check_fields(c, idx, type, f_code);
    char *t = sn_string(c, idx, "text", type);
    if (type[0] == 't') {
      if (t)
        S_text(c, t, strlen(t), parent);
      free(t);
      return;
    }
    x = sn_new(c, DOC_CODE);
    x->text = t ? t : xstrdup("");
  } else if (!strcmp(type, "link")) {
    sn_check_fields(c, idx, type, f_link);
    x = sn_new(c, DOC_LINK);
    x->text = sn_string(c, idx, "url", type);
    if (!x->text) {
      sn_err(c, "%s", M_SCRIPT_LINK_LACKS_FIELD_URL);
      x->text = xstrdup("");
    }
    sn_get(c, idx, "content");
    sn_inlines(c, lua_gettop(L), x);
    lua_pop(L, 1);
    if (!x->first)
      doc_append(x, doc_text_in(c->d, x->text, strlen(x->text)));
  } else if (!strcmp(type, "xref")) {
    sn_check_fields(c, idx, type, f_xref);
    x = sn_new(c, DOC_XREF);
    x->text = sn_string(c, idx, "target", type);
    if (!x->text) {
      sn_err(c, "%s", M_SCRIPT_XREF_LACKS_FIELD_TARGET);
      x->text = xstrdup("");
    }
    if (sn_bool(c, idx, "capital", type))
      x->flags |= DOC_CAPITALISE;
  } else if (!strcmp(type, "linebreak")) {
    sn_check_fields(c, idx, type, f_none);
    x = sn_new(c, DOC_LINE_BREAK);
  } else {
    sn_err(c, M_SCRIPT_CANNOT_STAND_INSIDE_TEXT, type);
    return;
  }
  doc_append(parent, x);
}

/* INLINES: a string, a number, an inline node or a list of those. */
void sn_inlines(sn_ctx *c, int idx, doc_node *parent) {
  lua_State *L = c->L;
  idx = lua_absindex(L, idx);
  int t = lua_type(L, idx);
  if (t == LUA_TNIL)
    return;
  if (t == LUA_TSTRING) {
    size_t n;
    const char *s = lua_tolstring(L, idx, &n);
    S_text(c, s, n, parent);
    return;
  }
  if (t == LUA_TNUMBER && !c->s) {
    /* a citation style's number (a year, a page) as Lua writes it */
    lua_pushvalue(L, idx);
    size_t n;
    const char *s = lua_tolstring(L, -1, &n);
    doc_append(parent, doc_text_in(c->d, s, n));
    lua_pop(L, 1);
    return;
  }
  if (t == LUA_TNUMBER) {
    char *s = script_number_text(c->s, idx, c->file, c->line, 0);
    if (s)
      doc_append(parent, doc_text_in(c->d, s, strlen(s)));
    free(s);
    return;
  }
  if (t != LUA_TTABLE) {
    sn_err(c, M_SCRIPT_TEXT_MUST_BE_STRING, lua_typename(L, t));
    return;
  }
  if (!S_descend(c))
    return;
  const char *type = S_type_of(c, idx);
  if (type) {
    S_inline_node(c, idx, type, parent);
  } else {
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    for (lua_Integer i = 1; i <= n; i++) {
      lua_rawgeti(L, idx, i);
      sn_inlines(c, -1, parent);
      lua_pop(L, 1);
    }
  }
  c->depth--;
}

/* ---- tables ---- */

static void S_cell(sn_ctx *c, int idx, doc_node *row, const char *tname) {
  static const char *const f_cell[] = {"content", "align", "fill",
                                       "strong", "colspan", NULL};
  lua_State *L = c->L;
  doc_node *cell = sn_new(c, DOC_TABLE_CELL);
  if (lua_istable(L, idx) && !S_type_of(c, idx) && lua_rawlen(L, idx) == 0) {
    /* {content=, align=, fill=, strong=, colspan=} */
    sn_check_fields(c, idx, "cell", f_cell);
    sn_get(c, idx, "content");
    sn_inlines(c, lua_gettop(L), cell);
    lua_pop(L, 1);
    cell->align = S_align(c, idx, "align");
    cell->fill = sn_colour(c, idx, "fill", "cell");
    if (sn_bool(c, idx, "strong", "cell"))
      cell->flags |= DOC_STRONG_CELL;
    double span = sn_number(c, idx, "colspan", 1, "cell");
    if (span < 1 || span > 1000 || span != (int)span) {
      sn_err(c, M_SCRIPT_COLSPAN_TABLE_FROM_MUST, tname);
      span = 1;
    }
    cell->colspan = (int)span;
  } else {
    sn_inlines(c, idx, cell);
  }
  doc_append(row, cell);
}

static int S_row_width(doc_node *row) {
  int w = 0;
  for (doc_node *x = row->first; x; x = x->next)
    w += x->colspan > 1 ? x->colspan : 1;
  return w;
}

static void S_rows(sn_ctx *c, int idx, doc_node *t, bool header, int *nrow) {
  lua_State *L = c->L;
  if (lua_isnil(L, idx))
    return;
  if (!lua_istable(L, idx)) {
    sn_err(c, M_SCRIPT_TABLE_MUST_BE_LIST, header ? "header" : "rows");
    return;
  }
  /* header = {"a", "b"} (one row) or {{"a", "b"}, ...} (rows) */
  bool single = false;
  if (header) {
    lua_rawgeti(L, idx, 1);
    single = !(lua_istable(L, -1) && !S_type_of(c, lua_gettop(L)) &&
               lua_rawlen(L, -1) > 0);
    lua_pop(L, 1);
  }
  lua_Integer n = single ? 1 : (lua_Integer)lua_rawlen(L, idx);
  for (lua_Integer i = 1; i <= n; i++) {
    if (single)
      lua_pushvalue(L, idx);
    else
      lua_rawgeti(L, idx, i);
    int r = lua_gettop(L);
    doc_node *row = sn_new(c, DOC_TABLE_ROW);
    if (header)
      row->flags |= DOC_HEADER_ROW;
    (*nrow)++;
    if (!lua_istable(L, r) || S_type_of(c, r)) {
      sn_err(c, M_SCRIPT_ROW_TABLE_FROM_MUST, *nrow, c->component);
    } else {
      lua_Integer m = (lua_Integer)lua_rawlen(L, r);
      for (lua_Integer k = 1; k <= m; k++) {
        lua_rawgeti(L, r, k);
        S_cell(c, lua_gettop(L), row, c->component);
        lua_pop(L, 1);
      }
    }
    doc_append(t, row);
    lua_pop(L, 1);
  }
}

doc_node *sn_table(sn_ctx *c, int idx, bool chart_data) {
  static const char *const f_table[] = {
      "id", "caption", "source", "columns", "header", "rows", "unnumbered",
      "landscape", NULL};
  lua_State *L = c->L;
  sn_check_fields(c, idx, "table", f_table);
  doc_node *t = sn_new(c, DOC_TABLE);
  t->id = sn_string(c, idx, "id", "table");
  t->title = sn_string(c, idx, "source", "table");
  if (sn_bool(c, idx, "unnumbered", "table") || chart_data)
    t->flags |= DOC_UNNUMBERED;
  if (chart_data)
    t->flags |= DOC_CHART_DATA;
  if (sn_bool(c, idx, "landscape", "table") && !chart_data)
    t->flags |= DOC_LANDSCAPE;
  sn_get(c, idx, "caption");
  if (!lua_isnil(L, -1)) {
    doc_node *cap = sn_new(c, DOC_CAPTION);
    sn_inlines(c, lua_gettop(L), cap);
    doc_append(t, cap);
  }
  lua_pop(L, 1);
  int nrow = 0;
  sn_get(c, idx, "header");
  S_rows(c, lua_gettop(L), t, true, &nrow);
  lua_pop(L, 1);
  sn_get(c, idx, "rows");
  S_rows(c, lua_gettop(L), t, false, &nrow);
  lua_pop(L, 1);
  int width = 0;
  for (doc_node *r = t->first; r; r = r->next)
    if (r->type == DOC_TABLE_ROW && S_row_width(r) > width)
      width = S_row_width(r);
  /* columns = {{align=, width=}, ...} */
  int ncols = width;
  int ct = sn_get(c, idx, "columns");
  int cols = lua_gettop(L);
  if (ct == LUA_TTABLE) {
    ncols = (int)lua_rawlen(L, cols);
  } else if (ct != LUA_TNIL) {
    sn_err(c, "%s", M_SCRIPT_COLUMNS_TABLE_MUST_BE);
  }
  t->ncols = ncols;
  t->aligns = xcalloc((size_t)ncols + 1, 1);
  if (ct == LUA_TTABLE) {
    bool widths = false;
    double *w = xcalloc((size_t)ncols + 1, sizeof *w);
    for (int i = 0; i < ncols; i++) {
      lua_rawgeti(L, cols, i + 1);
      int ci = lua_gettop(L);
      if (lua_istable(L, ci)) {
        t->aligns[i] = S_align(c, ci, "align");
        w[i] = sn_number(c, ci, "width", 0, "column");
        if (w[i] < 0)
          w[i] = 0;
        widths |= w[i] > 0;
      } else if (!lua_isnil(L, ci)) {
        sn_err(c, "%s", M_SCRIPT_EACH_COLUMN_COLUMNS_MUST);
      }
      lua_pop(L, 1);
    }
    if (widths) {
      for (int i = 0; i < ncols; i++)
        if (w[i] <= 0)
          w[i] = 1;
      t->widths = w;
    } else
      free(w);
  }
  lua_pop(L, 1);
  /* every row exactly ncols wide: report extra cells, pad missing ones */
  int k = 0;
  for (doc_node *r = t->first; r; r = r->next) {
    if (r->type != DOC_TABLE_ROW)
      continue;
    k++;
    int w = S_row_width(r);
    if (w > ncols)
      diag_error(c->diags, c->file, c->line, 0, M_SCRIPT_TABLE_FROM_HAS_ROW,
                 c->component, k, w, ncols),
          c->errors++;
    for (; w < ncols; w++)
      doc_append(r, sn_new(c, DOC_TABLE_CELL));
    int col = 0;
    for (doc_node *x = r->first; x; x = x->next) {
      if (!x->align && col < ncols)
        x->align = t->aligns[col];
      col += x->colspan > 1 ? x->colspan : 1;
    }
  }
  return t;
}

/* ---- blocks ---- */

static bool S_is_block_type(const char *t) {
  static const char *const blocks[] = {
      "paragraph", "heading", "table",         "figure",
      "list",      "quote",   "markdown",      "toc",
      "list_of_tables", "list_of_figures", "pagebreak", "rule", NULL};
  for (int i = 0; t && blocks[i]; i++)
    if (!strcmp(t, blocks[i]))
      return true;
  return false;
}

static void S_blocks(sn_ctx *c, int idx, doc_node *parent);

static void S_block(sn_ctx *c, int idx, const char *type, doc_node *parent) {
  static const char *const f_para[] = {"content", "hanging", "id", NULL};
  static const char *const f_head[] = {"content", "level", "id",
                                       "unnumbered", NULL};
  static const char *const f_list[] = {"items", "ordered", "start", NULL};
  static const char *const f_quote[] = {"content", NULL};
  static const char *const f_md[] = {"text", NULL};
  static const char *const f_none[] = {NULL};
  lua_State *L = c->L;
  doc_node *x = NULL;
  if (!strcmp(type, "paragraph")) {
    sn_check_fields(c, idx, type, f_para);
    x = sn_new(c, DOC_PARAGRAPH);
    x->id = sn_string(c, idx, "id", type);
    if (sn_bool(c, idx, "hanging", type))
      x->flags |= DOC_HANGING;
    sn_get(c, idx, "content");
    sn_inlines(c, lua_gettop(L), x);
    lua_pop(L, 1);
  } else if (!strcmp(type, "heading")) {
    sn_check_fields(c, idx, type, f_head);
    x = sn_new(c, DOC_HEADING);
    x->id = sn_string(c, idx, "id", type);
    double level = sn_number(c, idx, "level", 2, type);
    if (level < 1 || level > 6 || level != (int)level) {
      sn_err(c, "%s", M_SCRIPT_LEVEL_HEADING_MUST_BE);
      level = 2;
    }
    x->level = (int)level;
    if (sn_bool(c, idx, "unnumbered", type))
      x->flags |= DOC_UNNUMBERED | DOC_NOT_IN_TOC;
    sn_get(c, idx, "content");
    sn_inlines(c, lua_gettop(L), x);
    lua_pop(L, 1);
  } else if (!strcmp(type, "table")) {
    x = sn_table(c, idx, false);
  } else if (!strcmp(type, "figure")) {
    x = sn_figure(c, idx);
  } else if (!strcmp(type, "list")) {
    sn_check_fields(c, idx, type, f_list);
    x = sn_new(c, DOC_LIST);
    x->flags |= DOC_TIGHT;
    if (sn_bool(c, idx, "ordered", type)) {
      x->flags |= DOC_ORDERED;
      x->number = (int)sn_number(c, idx, "start", 1, type);
    }
    if (sn_get(c, idx, "items") == LUA_TTABLE) {
      int items = lua_gettop(L);
      lua_Integer n = (lua_Integer)lua_rawlen(L, items);
      for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, items, i);
        int it = lua_gettop(L);
        doc_node *item = sn_new(c, DOC_ITEM);
        /* an item is blocks (a block node or a list starting with one)
         * or inlines (made a paragraph) */
        bool blocks = false;
        if (lua_istable(L, it)) {
          const char *t = S_type_of(c, it);
          if (t)
            blocks = S_is_block_type(t);
          else {
            lua_rawgeti(L, it, 1);
            blocks = lua_istable(L, -1) &&
                     S_is_block_type(S_type_of(c, lua_gettop(L)));
            lua_pop(L, 1);
          }
        }
        if (blocks) {
          S_blocks(c, it, item);
        } else {
          doc_node *p = sn_new(c, DOC_PARAGRAPH);
          sn_inlines(c, it, p);
          doc_append(item, p);
        }
        doc_append(x, item);
        lua_pop(L, 1);
      }
    } else {
      sn_err(c, "%s", M_SCRIPT_LIST_MUST_HAVE_ITEMS);
    }
    lua_pop(L, 1);
  } else if (!strcmp(type, "quote")) {
    sn_check_fields(c, idx, type, f_quote);
    x = sn_new(c, DOC_QUOTE);
    sn_get(c, idx, "content");
    S_blocks(c, lua_gettop(L), x);
    lua_pop(L, 1);
  } else if (!strcmp(type, "markdown")) {
    sn_check_fields(c, idx, type, f_md);
    char *text = sn_string(c, idx, "text", type);
    if (text) {
      size_t before = c->diags->errors;
      markdown_parse_fragment(c->d, parent, text, c->file, c->line,
                              c->project_dir, c->diags);
      c->errors += c->diags->errors - before;
    }
    free(text);
    return;
  } else if (!strcmp(type, "toc") || !strcmp(type, "list_of_tables") ||
             !strcmp(type, "list_of_figures") ||
             !strcmp(type, "pagebreak") || !strcmp(type, "rule")) {
    sn_check_fields(c, idx, type, f_none);
    x = sn_new(c, !strcmp(type, "toc")               ? DOC_TOC
                 : !strcmp(type, "list_of_tables")  ? DOC_LIST_OF_TABLES
                 : !strcmp(type, "list_of_figures") ? DOC_LIST_OF_FIGURES
                 : !strcmp(type, "pagebreak")       ? DOC_PAGE_BREAK
                                                    : DOC_RULE);
  } else {
    sn_err(c, M_SCRIPT_UNKNOWN_NODE_TYPE_KNOWN, type);
    return;
  }
  doc_append(parent, x);
}

/* BLOCKS: a node, a list of nodes, a string (a paragraph) or nil. */
static void S_blocks(sn_ctx *c, int idx, doc_node *parent) {
  lua_State *L = c->L;
  idx = lua_absindex(L, idx);
  int t = lua_type(L, idx);
  if (t == LUA_TNIL)
    return;
  if (t == LUA_TSTRING || t == LUA_TNUMBER) {
    doc_node *p = sn_new(c, DOC_PARAGRAPH);
    sn_inlines(c, idx, p);
    doc_append(parent, p);
    return;
  }
  if (t != LUA_TTABLE) {
    sn_err(c, M_SCRIPT_COMPONENT_MUST_RETURN_NODE, lua_typename(L, t));
    return;
  }
  if (!S_descend(c))
    return;
  const char *type = S_type_of(c, idx);
  if (type) {
    S_block(c, idx, type, parent);
  } else {
    int tt = sn_get(c, idx, "type");
    lua_pop(L, 1);
    if (tt != LUA_TNIL)
      sn_err(c, "%s", M_SCRIPT_FIELD_TYPE_MUST_BE);
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    for (lua_Integer i = 1; i <= n; i++) {
      lua_rawgeti(L, idx, i);
      if (lua_istable(L, -1) && !S_type_of(c, lua_gettop(L)) &&
          lua_rawlen(L, -1) == 0)
        sn_err(c, M_SCRIPT_NODE_NO_LACKS_FIELD, (int)i);
      else
        S_blocks(c, -1, parent);
      lua_pop(L, 1);
    }
  }
  c->depth--;
}

size_t sn_append_blocks(sn_ctx *c, int idx, doc_node *parent) {
  size_t before = c->errors;
  S_blocks(c, idx, parent);
  return c->errors - before;
}

size_t script_style_inlines(lua_State *L, int idx, doc *d, doc_node *parent,
                            const char *style, const char *file, int line,
                            diag_list *diags) {
  sn_ctx c = {NULL, L, d, diags, file, line, style, NULL, 0, 0, false, true};
  sn_inlines(&c, idx, parent);
  return c.errors;
}
