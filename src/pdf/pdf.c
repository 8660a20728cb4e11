/* pdf.c - the PDF writer: paints the laid-out pages (layout/) with
 * libharu, embedding the fonts as they are first drawn (font.c), the
 * text, fills and each page's operators through text.c, the rest
 * through libharu; adds links, outline and metadata, then repairs what
 * libharu gets wrong and puts the pages' operators in (finish.c) and
 * writes the file atomically.
 *
 * libharu's traps (LIBRARY-NOTES.md): UseUTFEncodings before GetFont; the
 * UTF-8 encoder for outlines and info strings; link borders off; raw URIs. */
#include "pdf/pdf.h"

#include <hpdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "doc/image.h"
#include "pdf/finish.h"
#include "pdf/font.h"
#include "pdf/meta.h"
#include "pdf/tags.h"
#include "pdf/text.h"
#include "util/buf.h"
#include "util/fault.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/utf8.h"

typedef struct {
  diag_list *diags;
  const char *path;
  HPDF_STATUS first; /* first libharu error, 0 if none */
  HPDF_STATUS detail;
} S_err;

static void S_on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no,
                       void *user_data) {
  S_err *e = user_data;
  if (!e->first) {
    e->first = error_no;
    e->detail = detail_no;
  }
}

typedef struct {
  const char *name;
  HPDF_Destination dest;
} S_dest;

typedef struct {
  HPDF_Doc pdf;
  const lay_result *r;
  pdf_fonts *fonts; /* font -> HPDF_Font */
  S_dest *dests;
  size_t ndests, dcap;
  char **img_paths;
  HPDF_Image *imgs;
  size_t nimgs;
  font *chart_font, *chart_bold;
  pdf_text *text; /* the text writer, all pages */
  pdf_tags *tags; /* the structure tree and marked content */
  diag_list *diags;
  S_err *err;
  bool strip; /* a public edition: images without metadata */
  double ph;  /* the height of the page being written (a landscape
                 table's page is turned: lay_page.height) */
} S_pdf;

static double S_y(const S_pdf *p, double y) { return p->ph - y; }

static void S_rgb_fill(HPDF_Page pg, long c) {
  HPDF_Page_SetRGBFill(pg, (HPDF_REAL)((c >> 16) & 255) / 255.0f,
                       (HPDF_REAL)((c >> 8) & 255) / 255.0f,
                       (HPDF_REAL)(c & 255) / 255.0f);
}

static void S_rgb_stroke(HPDF_Page pg, long c) {
  HPDF_Page_SetRGBStroke(pg, (HPDF_REAL)((c >> 16) & 255) / 255.0f,
                         (HPDF_REAL)((c >> 8) & 255) / 255.0f,
                         (HPDF_REAL)(c & 255) / 255.0f);
}

static int S_dest_cmp(const void *a, const void *b) {
  return strcmp(((const S_dest *)a)->name, ((const S_dest *)b)->name);
}

static HPDF_Destination S_find_dest(const S_pdf *p, const char *name) {
  S_dest key = {name, NULL};
  S_dest *d = bsearch(&key, p->dests, p->ndests, sizeof *p->dests, S_dest_cmp);
  return d ? d->dest : NULL;
}

/* libharu is given only checked images: a PNG as decoded pixels (its own
 * PNG loader lets libpng abort on a corrupt file), a JPEG as checked bytes
 * (it reads only the headers and embeds the rest). */
static HPDF_Image S_load(S_pdf *p, const image *im) {
  if (im->kind == IMAGE_JPEG)
    return HPDF_LoadJpegImageFromMem(p->pdf, im->data, (HPDF_UINT)im->len);
  if (im->kind != IMAGE_PNG)
    return NULL;
  HPDF_Image h = HPDF_LoadRawImageFromMem(
      p->pdf, im->colour, im->width, im->height,
      im->channels == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB, 8);
  if (h && im->alpha) {
    HPDF_Image mask = HPDF_LoadRawImageFromMem(
        p->pdf, im->alpha, im->width, im->height, HPDF_CS_DEVICE_GRAY, 8);
    if (!mask || HPDF_Image_AddSMask(h, mask) != HPDF_OK)
      h = NULL;
  }
  return h;
}

static HPDF_Image S_image(S_pdf *p, const char *path) {
  for (size_t i = 0; i < p->nimgs; i++)
    if (strcmp(p->img_paths[i], path) == 0)
      return p->imgs[i];
  image im;
  char why[300];
  const char *hint;
  HPDF_Image h = NULL;
  /* the document stage checked it; a file changed since costs the image */
  if (image_read(&im, path, IMAGE_DECODE, why, sizeof why, &hint)) {
    if (p->strip) /* a JPEG is embedded as it is */
      image_strip(&im);
    h = S_load(p, &im);
    image_free(&im);
    if (!h)
      snprintf(why, sizeof why, "libharu: 0x%04X",
               (unsigned)p->err->first);
  }
  if (!h) {
    HPDF_ResetError(p->pdf);
    p->err->first = 0;
    diag_warning(p->diags, path, 0, 0, M_PDF_IMAGE_CANNOT_BE_READ, why);
  }
  p->img_paths = xrealloc(p->img_paths, (p->nimgs + 1) * sizeof(char *));
  p->imgs = xrealloc(p->imgs, (p->nimgs + 1) * sizeof(HPDF_Image));
  p->img_paths[p->nimgs] = xstrdup(path);
  p->imgs[p->nimgs++] = h;
  return h;
}

/* A chart: coordinates y-down from the box's top-left, scaled. */
static void S_drawing(S_pdf *p, HPDF_Page pg, const lay_box *b) {
  const doc_drawing *dr = b->drawing;
  double sc = b->size;
  HPDF_Page_GSave(pg);
  for (size_t i = 0; i < dr->len; i++) {
    const draw_item *it = &dr->items[i];
    double x = b->x + it->x * sc, y = S_y(p, b->y + it->y * sc);
    double lw = (it->stroke_width > 0 ? it->stroke_width : 1) * sc;
    HPDF_Page_SetLineWidth(pg, (HPDF_REAL)lw);
    if (it->dash > 0) {
      HPDF_UINT16 d[2] = {(HPDF_UINT16)fmax(1, it->dash * sc),
                          (HPDF_UINT16)fmax(1, it->dash * sc)};
      HPDF_Page_SetDash(pg, d, 2, 0);
    } else {
      HPDF_Page_SetDash(pg, NULL, 0, 0);
    }
    if (it->fill >= 0)
      S_rgb_fill(pg, it->fill);
    if (it->stroke >= 0)
      S_rgb_stroke(pg, it->stroke);
    bool fill = it->fill >= 0, stroke = it->stroke >= 0;
    switch (it->kind) {
    case DRAW_RECT:
      if (!fill && !stroke)
        break;
      HPDF_Page_Rectangle(pg, (HPDF_REAL)x, (HPDF_REAL)(y - it->h * sc),
                          (HPDF_REAL)(it->w * sc), (HPDF_REAL)(it->h * sc));
      if (fill && stroke)
        HPDF_Page_FillStroke(pg);
      else if (fill)
        HPDF_Page_Fill(pg);
      else
        HPDF_Page_Stroke(pg);
      break;
    case DRAW_LINE:
      if (it->stroke < 0)
        S_rgb_stroke(pg, 0);
      HPDF_Page_MoveTo(pg, (HPDF_REAL)x, (HPDF_REAL)y);
      HPDF_Page_LineTo(pg, (HPDF_REAL)(b->x + it->x2 * sc),
                       (HPDF_REAL)S_y(p, b->y + it->y2 * sc));
      HPDF_Page_Stroke(pg);
      break;
    case DRAW_CIRCLE:
      if (!fill && !stroke)
        break;
      HPDF_Page_Circle(pg, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)(it->w * sc));
      if (fill && stroke)
        HPDF_Page_FillStroke(pg);
      else if (fill)
        HPDF_Page_Fill(pg);
      else
        HPDF_Page_Stroke(pg);
      break;
    case DRAW_POLYLINE:
      if (it->npoints < 2)
        break;
      if (it->stroke < 0)
        S_rgb_stroke(pg, 0);
      HPDF_Page_MoveTo(pg, (HPDF_REAL)(b->x + it->points[0] * sc),
                       (HPDF_REAL)S_y(p, b->y + it->points[1] * sc));
      for (size_t k = 1; k < it->npoints; k++)
        HPDF_Page_LineTo(pg, (HPDF_REAL)(b->x + it->points[2 * k] * sc),
                         (HPDF_REAL)S_y(p, b->y + it->points[2 * k + 1] * sc));
      HPDF_Page_Stroke(pg);
      break;
    case DRAW_TEXT: {
      if (!it->text || !p->chart_font)
        break;
      font *f = it->bold ? p->chart_bold : p->chart_font;
      double size = (it->font_size > 0 ? it->font_size : 8) * sc;
      S_rgb_fill(pg, it->fill >= 0 ? it->fill : 0x000000);
      HPDF_Page_BeginText(pg);
      HPDF_Page_SetFontAndSize(pg, pdf_fonts_get(p->fonts, f),
                               (HPDF_REAL)size);
      pdf_text_begin(p->text, pg);
      /* a "\n" starts a new line below (a wrapped label), as in the SVG */
      buf t = BUF_INIT;
      const char *line = it->text;
      for (int k = 0;; k++) {
        size_t len = strcspn(line, "\n");
        buf_clear(&t);
        utf8_sanitize(&t, line, len, true);
        double w = font_text_width(f, t.data ? t.data : "", t.len, size);
        double tx =
            x - (it->anchor == 'm' ? w / 2 : it->anchor == 'e' ? w : 0);
        pdf_text_show(p->text, f, size, tx, y - k * size * DRAW_LINE_HEIGHT,
                      t.data ? t.data : "", t.len);
        if (!line[len])
          break;
        line += len + 1;
      }
      pdf_text_flush(p->text);
      HPDF_Page_EndText(pg);
      buf_free(&t);
      break;
    }
    }
  }
  HPDF_Page_GRestore(pg);
}

/* URIs are written raw by libharu: percent-encode what is not ASCII. */
static char *S_uri(const char *s) {
  buf b = BUF_INIT;
  for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
    if (*u > 0x20 && *u < 0x7f && *u != '(' && *u != ')' && *u != '\\')
      buf_putc(&b, *u);
    else
      buf_printf(&b, "%%%02X", *u);
  }
  return buf_detach(&b);
}

/* Paints page pi (pg); next is the page after it, or NULL. */
static void S_paint_page(S_pdf *p, HPDF_Page pg, size_t pi,
                         const lay_page *next) {
  const lay_page *lp = &p->r->pages[pi];
  pdf_tags_links(p->tags, pi, lp);
  /* fills and rules first, then images and drawings, then text */
  for (size_t i = 0; i < lp->b.len; i++) {
    const lay_box *b = &lp->b.v[i];
    if (b->kind == LB_RECT || b->kind == LB_RULE || b->kind == LB_DRAWING ||
        b->kind == LB_IMAGE)
      pdf_tags_mark(p->tags, p->text, pg, pi, lp, i, next);
    if (b->kind == LB_RECT) {
      pdf_text_rgb_fill(p->text, pg, b->colour);
      pdf_text_fill_rect(p->text, pg, b->x, S_y(p, b->y + b->h), b->w, b->h);
      continue;
    }
    pdf_text_flush(p->text); /* libharu writes the rest */
    if (b->kind == LB_RULE) {
      S_rgb_stroke(pg, b->colour);
      HPDF_Page_SetLineWidth(pg, (HPDF_REAL)b->lw);
      HPDF_Page_MoveTo(pg, (HPDF_REAL)b->x, (HPDF_REAL)S_y(p, b->y));
      HPDF_Page_LineTo(pg, (HPDF_REAL)(b->x + b->w),
                       (HPDF_REAL)S_y(p, b->y + b->h));
      HPDF_Page_Stroke(pg);
    } else if (b->kind == LB_DRAWING) {
      S_drawing(p, pg, b);
    } else if (b->kind == LB_IMAGE) {
      HPDF_Image im = S_image(p, b->text);
      if (im)
        HPDF_Page_DrawImage(pg, im, (HPDF_REAL)b->x,
                            (HPDF_REAL)S_y(p, b->y + b->h), (HPDF_REAL)b->w,
                            (HPDF_REAL)b->h);
    }
  }
  pdf_tags_close(p->tags, p->text, pg);
  pdf_text_flush(p->text);
  font *cur = NULL;
  double cur_size = -1;
  long cur_col = -1;
  bool in_text = false;
  for (size_t i = 0; i < lp->b.len; i++) {
    const lay_box *b = &lp->b.v[i];
    if (b->kind != LB_TEXT || !b->text || !b->font)
      continue;
    if (!in_text) {
      HPDF_Page_BeginText(pg);
      pdf_text_begin(p->text, pg);
      in_text = true;
    }
    pdf_tags_mark(p->tags, p->text, pg, pi, lp, i, next);
    if (b->font != cur || b->size != cur_size) {
      pdf_text_flush(p->text); /* libharu writes Tf */
      HPDF_Page_SetFontAndSize(pg, pdf_fonts_get(p->fonts, b->font),
                               (HPDF_REAL)b->size);
      cur = b->font;
      cur_size = b->size;
    }
    if (b->colour != cur_col) {
      pdf_text_rgb_fill(p->text, pg, b->colour);
      cur_col = b->colour;
    }
    pdf_text_show(p->text, b->font, b->size, b->x, S_y(p, b->y), b->text,
                  strlen(b->text));
    pdf_tags_after(p->tags, p->text, pg);
  }
  if (in_text) {
    pdf_tags_close(p->tags, p->text, pg);
    pdf_text_flush(p->text);
    HPDF_Page_EndText(pg);
  }
}

/* Marks every character each font will draw, before the first font is
 * loaded into libharu, so that only those glyphs are embedded (font.h).
 * It must see exactly the strings S_paint_page and S_drawing show. */
static void S_mark_fonts(S_pdf *p) {
  buf t = BUF_INIT;
  for (size_t i = 0; i < p->r->npages; i++) {
    const lay_page *lp = &p->r->pages[i];
    for (size_t k = 0; k < lp->b.len; k++) {
      const lay_box *b = &lp->b.v[k];
      if (b->kind == LB_TEXT && b->text && b->font) {
        font_mark_text(b->font, b->text, strlen(b->text));
      } else if (b->kind == LB_DRAWING && b->drawing && p->chart_font) {
        for (size_t j = 0; j < b->drawing->len; j++) {
          const draw_item *it = &b->drawing->items[j];
          if (it->kind != DRAW_TEXT || !it->text)
            continue;
          for (const char *line = it->text;;) {
            size_t len = strcspn(line, "\n");
            buf_clear(&t);
            utf8_sanitize(&t, line, len, true);
            font_mark_text(it->bold ? p->chart_bold : p->chart_font,
                           buf_cstr(&t), t.len);
            if (!line[len])
              break;
            line += len + 1;
          }
        }
      }
    }
  }
  buf_free(&t);
}

/* After a page is painted only its links and destinations are needed:
 * the rest is let go at once, so that a long document's painted pages
 * make room for the pages still to come rather than adding to the peak. */
static void S_keep_links(lay_page *lp) {
  size_t n = 0;
  for (size_t k = 0; k < lp->b.len; k++) {
    lay_box *b = &lp->b.v[k];
    if (b->kind == LB_LINK || b->kind == LB_DEST)
      lp->b.v[n++] = *b;
    else
      free(b->text);
  }
  lp->b.len = n;
  if (n < lp->b.cap / 4) {
    lp->b.v = xrealloc(lp->b.v, (n ? n : 1) * sizeof *lp->b.v);
    lp->b.cap = n ? n : 1;
  }
}

static void S_links(S_pdf *p, HPDF_Page pg, const lay_page *lp) {
  for (size_t i = 0; i < lp->b.len; i++) {
    const lay_box *b = &lp->b.v[i];
    if (b->kind != LB_LINK || !b->text)
      continue;
    HPDF_Rect rc = {(HPDF_REAL)b->x, (HPDF_REAL)S_y(p, b->y + b->h),
                    (HPDF_REAL)(b->x + b->w), (HPDF_REAL)S_y(p, b->y)};
    HPDF_Annotation a = NULL;
    if (b->text[0] == '#') {
      HPDF_Destination d = S_find_dest(p, b->text + 1);
      if (d)
        a = HPDF_Page_CreateLinkAnnot(pg, rc, d);
    } else {
      char *u = S_uri(b->text);
      a = HPDF_Page_CreateURILinkAnnot(pg, rc, u);
      free(u);
    }
    if (a)
      HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
    pdf_tags_annot(p->tags, a);
  }
}

static void S_outline(S_pdf *p, HPDF_Page *pages) {
  HPDF_Encoder enc = HPDF_GetEncoder(p->pdf, "UTF-8");
  HPDF_Outline parents[8] = {0};
  for (size_t i = 0; i < p->r->nheadings; i++) {
    const lay_heading *h = &p->r->headings[i];
    int lv = h->level < 1 ? 1 : h->level > 6 ? 6 : h->level;
    HPDF_Outline parent = NULL;
    for (int k = lv - 1; k >= 1 && !parent; k--)
      parent = parents[k];
    buf t = BUF_INIT;
    utf8_sanitize(&t, h->title, strlen(h->title), true);
    HPDF_Outline o = HPDF_CreateOutline(p->pdf, parent, buf_cstr(&t), enc);
    buf_free(&t);
    if (!o)
      continue;
    HPDF_Destination d = HPDF_Page_CreateDestination(pages[h->page]);
    p->ph = p->r->pages[h->page].height;
    HPDF_Destination_SetXYZ(d, 0, (HPDF_REAL)S_y(p, h->y - 6), 1);
    HPDF_Outline_SetDestination(o, d);
    HPDF_Outline_SetOpened(o, HPDF_FALSE);
    parents[lv] = o;
    for (int k = lv + 1; k < 8; k++)
      parents[k] = NULL;
  }
}

/* Info strings go through the UTF-8 encoder: only valid text, BMP only. */
static void S_info(HPDF_Doc pdf, HPDF_InfoType type, const char *s) {
  buf t = BUF_INIT;
  utf8_sanitize(&t, s, strlen(s), true);
  HPDF_SetInfoAttr(pdf, type, buf_cstr(&t));
  buf_free(&t);
}

static void S_meta(HPDF_Doc pdf, const doc *d, long long epoch) {
  const doc_meta *m = &d->meta;
  HPDF_SetCurrentEncoder(pdf, "UTF-8");
  buf t = BUF_INIT;
  if (m->title) {
    buf_puts(&t, m->title);
    if (m->edition_title)
      buf_printf(&t, " \xe2\x80\x93 %s", m->edition_title);
    S_info(pdf, HPDF_INFO_TITLE, buf_cstr(&t));
  }
  buf_clear(&t);
  for (size_t i = 0; i < m->nauthors; i++)
    buf_printf(&t, "%s%s", i ? ", " : "", m->authors[i]);
  if (t.len)
    S_info(pdf, HPDF_INFO_AUTHOR, buf_cstr(&t));
  buf_clear(&t);
  if (m->subject || m->subtitle)
    S_info(pdf, HPDF_INFO_SUBJECT, m->subject ? m->subject : m->subtitle);
  if (m->keywords)
    S_info(pdf, HPDF_INFO_KEYWORDS, m->keywords);
  HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "rapport");
  HPDF_SetInfoAttr(pdf, HPDF_INFO_PRODUCER, "rapport");
  buf_free(&t);
  if (epoch >= 0) {
    time_t tt = (time_t)epoch;
    struct tm tm;
    gmtime_r(&tt, &tm);
    HPDF_Date dt = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                    tm.tm_min, tm.tm_sec, 'Z', 0, 0};
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, dt);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, dt);
  }
}

static bool S_save(HPDF_Doc pdf, buf *out) {
  if (HPDF_SaveToStream(pdf) != HPDF_OK)
    return false;
  HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
  buf_grow(out, size + 1);
  HPDF_ResetStream(pdf);
  while (out->len < size) {
    HPDF_UINT32 n = size - (HPDF_UINT32)out->len;
    HPDF_STATUS st = HPDF_ReadFromStream(pdf, (HPDF_BYTE *)out->data + out->len,
                                         &n);
    out->len += n;
    if (st != HPDF_OK || n == 0)
      break;
  }
  return out->len == size;
}

/* libharu's allocator. Its default is malloc too; ours is here so the
 * fault build (util/fault.h) reaches libharu's allocations, which the
 * linker's --wrap does not (libharu is a shared library). A NULL is
 * reported as HPDF_FAILD_TO_ALLOC_MEM to S_on_error. */
static void *S_hpdf_alloc(HPDF_UINT size) {
  return FAULT_ALLOC() ? NULL : malloc(size);
}

int pdf_write(const doc *d, lay_result *r, const lay_fonts *lf,
              const char *path, pdf_options *opt, diag_list *diags) {
  S_err err = {diags, path, 0, 0};
  HPDF_Doc pdf = HPDF_NewEx(S_on_error, S_hpdf_alloc, free, 0, &err);
  if (!pdf) {
    diag_error(diags, path, 0, 0, "%s", M_PDF_PDF_LIBRARY_COULD_NOT);
    return -1;
  }
  /* the pages' operators are pdf_text's, and pdf_fix deflates them and
   * the fonts on two threads (libharu would deflate each font's 128 KB
   * CIDToGIDMap that pdf_fix then inflates to cut it): libharu
   * compresses only images */
  HPDF_SetCompressionMode(pdf, HPDF_COMP_IMAGE);
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCurrentEncoder(pdf, "UTF-8");
  int rc = -1;
  buf bytes = BUF_INIT, fixed = BUF_INIT;
  S_pdf p = {0};
  HPDF_Page *pages = NULL;
  p.pdf = pdf;
  p.r = r;
  p.fonts = pdf_fonts_new(pdf);
  p.diags = diags;
  p.err = &err;
  p.strip = d->meta.public_label != NULL;
  p.chart_font = font_family_get(lf->chart, FONT_REGULAR);
  p.chart_bold = font_family_get(lf->chart, FONT_BOLD);
  p.text = pdf_text_new(p.fonts);
  p.tags = pdf_tags_new(d, r->npages);
  S_mark_fonts(&p);
  pages = xcalloc(r->npages ? r->npages : 1, sizeof *pages);
  for (size_t i = 0; i < r->npages; i++) {
    HPDF_Page pg = HPDF_AddPage(pdf);
    pages[i] = pg;
    HPDF_Page_SetWidth(pg, (HPDF_REAL)r->pages[i].width);
    HPDF_Page_SetHeight(pg, (HPDF_REAL)r->pages[i].height);
    p.ph = r->pages[i].height;
    S_paint_page(&p, pg, i, i + 1 < r->npages ? &r->pages[i + 1] : NULL);
    pdf_text_end_page(p.text);
    for (size_t k = 0; k < r->pages[i].b.len; k++) {
      const lay_box *b = &r->pages[i].b.v[k];
      if (b->kind != LB_DEST || !b->text)
        continue;
      HPDF_Destination dd = HPDF_Page_CreateDestination(pg);
      HPDF_Destination_SetXYZ(dd, 0, (HPDF_REAL)S_y(&p, b->y - 4), 1);
      XGROW(p.dests, p.dcap, p.ndests + 1);
      p.dests[p.ndests].name = b->text;
      p.dests[p.ndests++].dest = dd;
    }
    S_keep_links(&r->pages[i]);
  }
  if (p.ndests)
    qsort(p.dests, p.ndests, sizeof *p.dests, S_dest_cmp);
  for (size_t i = 0; i < r->npages; i++) {
    p.ph = r->pages[i].height;
    S_links(&p, pages[i], &r->pages[i]);
  }
  S_outline(&p, pages);
  pdf_fix_add_fn add_tags = NULL;
  pdf_tags_write(p.tags, pdf, pages, r->npages, &add_tags);
  if (r->nheadings)
    HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
  long long epoch = opt && opt->source_epoch >= 0 ? opt->source_epoch
                                                  : d->meta.source_epoch;
  S_meta(pdf, d, epoch);
  /* XMP, PDF/A output intent: a libharu failure is reported below */
  if (pdf_meta_add(pdf, d->meta.lang ? d->meta.lang : "da", path, diags) &&
      !err.first)
    goto done;
  bool saved = !err.first && S_save(pdf, &bytes);
  if (err.first == HPDF_FAILD_TO_ALLOC_MEM) {
    /* the machine's state, not a bug: say so, and what helps */
    diag_error(diags, path, 0, 0, M_PDF_PDF_LIBRARY_RAN_OUT, path);
    goto done;
  }
  if (!saved) {
    diag_error(diags, path, 0, 0, M_PDF_PDF_LIBRARY_REPORTED_ERROR,
               (unsigned)err.first, (unsigned)err.detail, path);
    goto done;
  }
  pdf_fix_stream *contents = NULL;
  size_t ncontents = pdf_text_contents(p.text, &contents);
  int fixed_rc = pdf_fix_with(bytes.data, bytes.len,
                              d->meta.lang ? d->meta.lang : "da", contents,
                              ncontents, add_tags, p.tags, true, &fixed);
  free(contents);
  if (fixed_rc != 0) {
    diag_error(diags, path, 0, 0, "%s", M_PDF_INTERNAL_ERROR_PDF_FROM);
    goto done;
  }
  if (!fs_write_atomic(path, fixed.data, fixed.len)) {
    diag_error(diags, path, 0, 0, M_PDF_CANNOT_WRITE_DOES_FOLDER, path);
    goto done;
  }
  if (opt)
    opt->pages = (int)r->npages;
  rc = 0;
done:
  free(pages);
  free(p.dests);
  for (size_t i = 0; i < p.nimgs; i++)
    free(p.img_paths[i]);
  free(p.img_paths);
  free(p.imgs);
  pdf_text_free(p.text);
  pdf_tags_free(p.tags);
  pdf_fonts_free(p.fonts);
  buf_free(&bytes);
  buf_free(&fixed);
  HPDF_Free(pdf);
  return rc;
}
