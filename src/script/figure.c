/* figure.c - figures from components: a chart (a vector drawing
 * of rect, line, circle, polyline and text items), or an image file in the
 * project, with a caption and optionally the table behind the chart. */
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "script/nodes.h"
#include "util/confine.h"
#include "util/fs.h"
#include "util/mem.h"

static void S_drawing_item(sn_ctx *c, int idx, doc_drawing *dr, int k) {
  lua_State *L = c->L;
  lua_rawgeti(L, idx, 1);
  const char *kind = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1)
                                                    : "";
  draw_kind dk;
  if (!strcmp(kind, "rect")) dk = DRAW_RECT;
  else if (!strcmp(kind, "line")) dk = DRAW_LINE;
  else if (!strcmp(kind, "circle")) dk = DRAW_CIRCLE;
  else if (!strcmp(kind, "polyline")) dk = DRAW_POLYLINE;
  else if (!strcmp(kind, "text")) dk = DRAW_TEXT;
  else {
    sn_err(c, M_SCRIPT_DRAWING_ITEM_NO_MUST, k, kind);
    lua_pop(L, 1);
    return;
  }
  lua_pop(L, 1);
  static const char *const fields[][12] = {
      [DRAW_RECT] = {"x", "y", "w", "h", "fill", "stroke", "stroke_width",
                     "dash", NULL},
      [DRAW_LINE] = {"x", "y", "x2", "y2", "stroke", "stroke_width", "dash",
                     "fill", NULL},
      [DRAW_CIRCLE] = {"x", "y", "r", "fill", "stroke", "stroke_width",
                       "dash", NULL},
      [DRAW_POLYLINE] = {"points", "stroke", "stroke_width", "dash", "fill",
                         NULL},
      [DRAW_TEXT] = {"x", "y", "text", "size", "anchor", "bold", "fill",
                     NULL}};
  sn_check_fields(c, idx, kind, fields[dk]);
  draw_item *it = doc_drawing_add(dr, dk);
  const char *node = "drawing item";
  it->x = sn_number(c, idx, "x", 0, node);
  it->y = sn_number(c, idx, "y", 0, node);
  it->fill = sn_colour(c, idx, "fill", node);
  it->stroke = sn_colour(c, idx, "stroke", node);
  it->stroke_width = sn_number(c, idx, "stroke_width", 1, node);
  it->dash = sn_number(c, idx, "dash", 0, node);
  switch (dk) {
  case DRAW_RECT:
    it->w = sn_number(c, idx, "w", 0, node);
    it->h = sn_number(c, idx, "h", 0, node);
    break;
  case DRAW_LINE:
    it->x2 = sn_number(c, idx, "x2", 0, node);
    it->y2 = sn_number(c, idx, "y2", 0, node);
    if (it->stroke < 0)
      it->stroke = 0; /* a line without a colour would be invisible */
    break;
  case DRAW_CIRCLE:
    it->w = sn_number(c, idx, "r", 0, node);
    break;
  case DRAW_POLYLINE: {
    if (sn_get(c, idx, "points") == LUA_TTABLE) {
      size_t n = lua_rawlen(L, -1);
      it->npoints = n / 2;
      it->points = xcalloc(n + 1, sizeof(double));
      for (size_t i = 0; i < it->npoints * 2; i++) {
        lua_rawgeti(L, -1, (lua_Integer)i + 1);
        it->points[i] = lua_tonumber(L, -1);
        lua_pop(L, 1);
      }
    } else
      sn_err(c, "%s", M_SCRIPT_POLYLINE_MUST_HAVE_POINTS);
    lua_pop(L, 1);
    if (it->stroke < 0)
      it->stroke = 0;
    break;
  }
  case DRAW_TEXT: {
    /* numbers as labels are printed the Danish way, as in text */
    if (sn_get(c, idx, "text") == LUA_TNUMBER)
      it->text = script_number_text(c->s, -1, c->file, c->line, 0);
    lua_pop(c->L, 1);
    if (!it->text)
      it->text = sn_string(c, idx, "text", node);
    if (!it->text)
      it->text = xstrdup("");
    it->font_size = sn_number(c, idx, "size", 8, node);
    char *a = sn_string(c, idx, "anchor", node);
    it->anchor = a && !strcmp(a, "middle") ? 'm'
                 : a && !strcmp(a, "end")  ? 'e'
                                           : 's';
    free(a);
    it->bold = sn_bool(c, idx, "bold", node);
    if (it->fill < 0)
      it->fill = 0;
    break;
  }
  }
}

static doc_drawing *S_drawing(sn_ctx *c, int idx) {
  lua_State *L = c->L;
  if (!lua_istable(L, idx)) {
    sn_err(c, "%s", M_SCRIPT_CHART_MUST_BE_DRAWING);
    return NULL;
  }
  doc_drawing *dr =
      doc_drawing_new(sn_number(c, idx, "width", 400, "chart"),
                      sn_number(c, idx, "height", 300, "chart"));
  if (sn_get(c, idx, "items") == LUA_TTABLE) {
    int items = lua_gettop(L);
    lua_Integer n = (lua_Integer)lua_rawlen(L, items);
    for (lua_Integer i = 1; i <= n; i++) {
      lua_rawgeti(L, items, i);
      if (lua_istable(L, -1))
        S_drawing_item(c, lua_gettop(L), dr, (int)i);
      else
        sn_err(c, M_SCRIPT_DRAWING_ITEM_NO_MUST_BE, (int)i);
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);
  return dr;
}

static char *S_image(sn_ctx *c, const char *path) {
  /* outside the allowed folders, or a FIFO that would hang the writers
     (util/confine.h) */
  confine_status st = CONFINE_MISSING;
  char *full = NULL;
  char *real = c->project_dir
                   ? confine_resolve(c->project_dir, path, &st, &full)
                   : NULL;
  if (confine_refused(st)) {
    /* the path as written: nothing later may open the refused file */
    char *msg = confine_message(CONFINE_IMAGE, path, full, st);
    sn_err(c, "%s", msg);
    free(msg);
    free(full);
    return xstrdup(path);
  }
  free(full);
  if (!real) {
    sn_err(c, M_SCRIPT_IMAGE_DOES_NOT_EXIST, path);
    return xstrdup(path);
  }
  return real;
}

doc_node *sn_figure(sn_ctx *c, int idx) {
  static const char *const f_fig[] = {"id",   "caption",      "chart",
                                      "image", "narrow_chart", "alt",
                                      "data", "unnumbered",   NULL};
  lua_State *L = c->L;
  sn_check_fields(c, idx, "figure", f_fig);
  doc_node *f = sn_new(c, DOC_FIGURE);
  f->id = sn_string(c, idx, "id", "figure");
  f->alt = sn_string(c, idx, "alt", "figure");
  if (sn_bool(c, idx, "unnumbered", "figure"))
    f->flags |= DOC_UNNUMBERED;
  char *image = sn_string(c, idx, "image", "figure");
  if (sn_get(c, idx, "chart") != LUA_TNIL) {
    doc_drawing *dr = S_drawing(c, lua_gettop(L));
    if (dr) {
      doc_node *ch = sn_new(c, DOC_CHART);
      ch->drawing = dr;
      if (f->alt)
        ch->alt = xstrdup(f->alt);
      doc_append(f, ch);
    }
  } else if (image) {
    doc_node *im = sn_new(c, DOC_IMAGE);
    im->text = S_image(c, image);
    if (f->alt)
      im->alt = xstrdup(f->alt);
    doc_append(f, im);
  } else {
    sn_err(c, "%s", M_SCRIPT_FIGURE_MUST_HAVE_CHART);
  }
  lua_pop(L, 1);
  /* the same chart laid out for narrow screens (HTML only) */
  if (sn_get(c, idx, "narrow_chart") != LUA_TNIL) {
    doc_drawing *dr = S_drawing(c, lua_gettop(L));
    if (dr) {
      doc_node *ch = sn_new(c, DOC_CHART);
      ch->drawing = dr;
      ch->flags |= DOC_NARROW;
      if (f->alt)
        ch->alt = xstrdup(f->alt);
      doc_append(f, ch);
    }
  }
  lua_pop(L, 1);
  free(image);
  sn_get(c, idx, "caption");
  if (!lua_isnil(L, -1)) {
    doc_node *cap = sn_new(c, DOC_CAPTION);
    sn_inlines(c, lua_gettop(L), cap);
    doc_append(f, cap);
  }
  lua_pop(L, 1);
  if (sn_get(c, idx, "data") == LUA_TTABLE)
    doc_append(f, sn_table(c, lua_gettop(L), true));
  lua_pop(L, 1);
  return f;
}

