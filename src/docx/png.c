/* png.c - a chart's SVG drawn into the PNG Word requires beside it, by
 * librsvg with cairo.
 *
 * librsvg pulls in glib, cairo, pango and a dozen libraries more, whose
 * loading would cost every run of rapport (a rebuild of one chapter, `rapport
 * --version`), though only a Word edition with a chart needs them. So the
 * binary is not linked with it: the library is opened with dlopen the
 * first time a chart goes into a Word edition, as src/cli/http.c does with
 * libmicrohttpd. The headers are the packages' own, so the types of the
 * functions called are checked. */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include <librsvg/rsvg.h>

#include "docx/internal.h"
#include "util/mem.h"

static void *S_lib;
static bool S_tried;

static void *S_sym(const char *name) {
  if (!S_tried) {
    S_tried = true;
    S_lib = dlopen("librsvg-2.so.2", RTLD_NOW | RTLD_LOCAL);
  }
  return S_lib ? dlsym(S_lib, name) : NULL;
}

/* Function pointers through a union: ISO C has no cast from void *. */
#define S_FN(fn)                                                           \
  union {                                                                  \
    void *p;                                                               \
    __typeof__(fn) *f;                                                     \
  } fn##_ = {S_sym(#fn)}

static cairo_status_t S_write(void *closure, const unsigned char *data,
                              unsigned int len) {
  buf_put(closure, data, len);
  return CAIRO_STATUS_SUCCESS;
}

unsigned char *docx_svg_png(const char *svg, size_t len, int width,
                            int height, size_t *png_len, const char **why) {
  S_FN(rsvg_handle_new_from_data);
  S_FN(rsvg_handle_render_document);
  S_FN(g_object_unref);
  S_FN(g_error_free);
  S_FN(cairo_image_surface_create);
  S_FN(cairo_create);
  S_FN(cairo_destroy);
  S_FN(cairo_surface_destroy);
  S_FN(cairo_surface_write_to_png_stream);
  if (!rsvg_handle_new_from_data_.p || !rsvg_handle_render_document_.p ||
      !g_object_unref_.p || !g_error_free_.p ||
      !cairo_image_surface_create_.p || !cairo_create_.p ||
      !cairo_destroy_.p || !cairo_surface_destroy_.p ||
      !cairo_surface_write_to_png_stream_.p) {
    *why = M_DOCX_WORD_REQUIRES_PNG_PICTURE;
    return NULL;
  }
  GError *err = NULL;
  RsvgHandle *h =
      rsvg_handle_new_from_data_.f((const guint8 *)svg, len, &err);
  if (!h) {
    if (err)
      g_error_free_.f(err);
    *why = M_DOCX_LIBRSVG_COULD_NOT_READ;
    return NULL;
  }
  cairo_surface_t *s =
      cairo_image_surface_create_.f(CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create_.f(s);
  RsvgRectangle vp = {0, 0, width, height};
  bool ok = rsvg_handle_render_document_.f(h, cr, &vp, &err);
  if (err)
    g_error_free_.f(err);
  buf out = BUF_INIT;
  if (ok)
    ok = cairo_surface_write_to_png_stream_.f(s, S_write, &out) ==
         CAIRO_STATUS_SUCCESS;
  cairo_destroy_.f(cr);
  cairo_surface_destroy_.f(s);
  g_object_unref_.f(h);
  if (!ok) {
    buf_free(&out);
    *why = M_DOCX_LIBRSVG_COULD_NOT_DRAW;
    return NULL;
  }
  *png_len = out.len;
  return (unsigned char *)buf_detach(&out);
}
