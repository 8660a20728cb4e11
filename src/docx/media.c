/* media.c - charts and images as inline pictures of the Word document.
 *
 * A chart is the drawing the PDF paints, written as SVG (doc/svg.h, the
 * HTML's code) and drawn once more into a PNG, which Word requires beside
 * the SVG (Word 2016 and later show the SVG; older Word, LibreOffice and
 * the previews show the PNG). The chart's generated summary is the
 * picture's description (alt text). Images go in as they are (PNG, JPEG,
 * GIF); WebP and SVG files Word cannot show are left out with a warning,
 * as in the PDF. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx/internal.h"
#include "doc/image.h"
#include "doc/svg.h"
#include "util/mem.h"

/* PNG pixels per point of a chart: 2 = 144 dpi, sharp in print */
#define S_PNG_SCALE 2

static int S_add_media(docx_ctx *x, const char *ext, unsigned char *data,
                       size_t len) {
  XGROW(x->media, x->media_cap, x->nmedia + 1);
  buf name = BUF_INIT;
  buf_printf(&name, "media/billede%zu.%s", x->nmedia + 1, ext);
  x->media[x->nmedia] = (docx_media){buf_detach(&name), data, len,
                                     x->next_rel++};
  return x->media[x->nmedia++].rel;
}

/* <w:r><w:drawing> of an inline picture w x h points; svg_rel 0 = no SVG. */
static void S_drawing(docx_ctx *x, int png_rel, int svg_rel, double w,
                      double h, const char *alt, const char *name) {
  buf *b = x->out;
  int id = ++x->next_pic;
  long cx = DOCX_EMU(w), cy = DOCX_EMU(h);
  buf_printf(b, "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" "
                "distL=\"0\" distR=\"0\"><wp:extent cx=\"%ld\" cy=\"%ld\"/>"
                "<wp:docPr id=\"%d\" name=\"",
             cx, cy, id);
  docx_xml(b, name);
  buf_puts(b, "\" descr=\"");
  docx_xml(b, alt);
  buf_puts(b, "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks "
              "noChangeAspect=\"1\"/></wp:cNvGraphicFramePr><a:graphic>"
              "<a:graphicData uri=\"http://schemas.openxmlformats.org/"
              "drawingml/2006/picture\"><pic:pic><pic:nvPicPr>");
  buf_printf(b, "<pic:cNvPr id=\"%d\" name=\"", id);
  docx_xml(b, name);
  buf_puts(b, "\" descr=\"");
  docx_xml(b, alt);
  buf_printf(b, "\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>"
                "<a:blip r:embed=\"rId%d\">",
             png_rel);
  if (svg_rel)
    buf_printf(b, "<a:extLst><a:ext uri=\"{96DAC541-7B7A-43D3-8B79-"
                  "37D633B846F1}\"><asvg:svgBlip r:embed=\"rId%d\"/>"
                  "</a:ext></a:extLst>",
               svg_rel);
  buf_printf(b, "</a:blip><a:stretch><a:fillRect/></a:stretch>"
                "</pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/>"
                "<a:ext cx=\"%ld\" cy=\"%ld\"/></a:xfrm><a:prstGeom "
                "prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
                "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>",
             cx, cy);
}

static void S_error(docx_ctx *x, const doc_node *n, const char *why) {
  diag_error(x->diags, n->file, n->line, n->col, M_DOCX_CHART_CANNOT_GO_INTO,
             why);
  x->errors++;
}

void docx_chart(docx_ctx *x, const doc_node *chart, const char *alt,
                const char *name) {
  const doc_drawing *dr = chart->drawing;
  if (dr->width <= 0 || dr->height <= 0)
    return;
  buf svg = BUF_INIT;
  buf_puts(&svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
  docx_num(&svg, dr->width);
  buf_puts(&svg, "pt\" height=\"");
  docx_num(&svg, dr->height);
  buf_puts(&svg, "pt\" viewBox=\"0 0 ");
  docx_num(&svg, dr->width);
  buf_putc(&svg, ' ');
  docx_num(&svg, dr->height);
  buf_puts(&svg, "\" font-family=\"");
  docx_xml(&svg, x->chart_font);
  buf_puts(&svg, "\"><title>");
  docx_xml(&svg, alt);
  buf_puts(&svg, "</title>\n");
  static const svg_writer w = {docx_xml, docx_num, NULL};
  svg_items(&svg, dr, &w);
  buf_puts(&svg, "</svg>\n");
  const char *why = NULL;
  size_t png_len = 0;
  unsigned char *png = docx_svg_png(
      svg.data, svg.len, (int)(dr->width * S_PNG_SCALE + 0.5),
      (int)(dr->height * S_PNG_SCALE + 0.5), &png_len, &why);
  if (!png) {
    S_error(x, chart, why);
    buf_free(&svg);
    return;
  }
  size_t svg_len = svg.len;
  int svg_rel = S_add_media(x, "svg", (unsigned char *)buf_detach(&svg),
                            svg_len);
  int png_rel = S_add_media(x, "png", png, png_len);
  double scale = dr->width > x->text_width ? x->text_width / dr->width : 1;
  S_drawing(x, png_rel, svg_rel, dr->width * scale, dr->height * scale, alt,
            name);
}

void docx_image(docx_ctx *x, const doc_node *img, const char *alt,
                const char *name) {
  image im;
  char why[300];
  const char *hint = "";
  /* the document stage checked it; this sees the file as it is now */
  if (!img->text ||
      !image_read(&im, img->text, IMAGE_STRUCTURE, why, sizeof why, &hint)) {
    diag_error(x->diags, img->file, img->line, img->col,
               M_HTML_IMAGE_CANNOT_BE_READ, img->text ? img->text : "-",
               img->text ? why : "-", hint);
    x->errors++;
    return;
  }
  const char *ext = im.kind == IMAGE_PNG    ? "png"
                    : im.kind == IMAGE_JPEG ? "jpeg"
                    : im.kind == IMAGE_GIF  ? "gif"
                                            : NULL;
  if (!ext || !im.width || !im.height) {
    diag_warning(x->diags, img->file, img->line, img->col,
                 M_DOCX_IMAGE_IS_LEFT_OUT, img->text);
    image_free(&im);
    return;
  }
  /* a pixel is a point, as in the PDF; never enlarged, shrunk to fit */
  double w = im.width, h = im.height;
  double scale = w > x->text_width ? x->text_width / w : 1;
  int rel = S_add_media(x, ext, im.data, im.len);
  im.data = NULL; /* the package owns the bytes now */
  im.len = 0;
  S_drawing(x, rel, 0, w * scale, h * scale, alt, name);
  image_free(&im);
}
