/* svg.c - charts as inline SVG and images as data: URIs, so the page
 * needs no other file and makes no request. */
#include "html/internal.h"
#include "doc/image.h"
#include "doc/svg.h"
#include "util/fs.h"

static void S_attr_num(buf *b, const char *name, double v) {
  buf_printf(b, " %s=\"", name);
  html_num(b, v);
  buf_putc(b, '"');
}

/* Points in the drawing are 96/72 CSS pixels, the size the PDF shows them
 * at. The chart fills the text column (up to 1.6 times that size, so its
 * 7-8 pt labels read at 11-12 px on a wide screen), and never shrinks
 * below 32rem: on a phone it scrolls sideways in its own box rather than
 * shrinking its labels below 8 px. The data table is the text alternative
 * (see html.c). */
void html_svg(html_ctx *h, const doc_drawing *dr, const char *label,
              const char *box_name, const char *variant) {
  buf *b = h->out;
  const char *tid = html_new_id(h, "diagram-titel");
  double px = dr->width * 4 / 3;
  buf_puts(b, "<div class=\"diagram-ramme");
  if (variant)
    buf_printf(b, " diagram-%s", variant);
  buf_puts(b, "\" role=\"region\" tabindex=\"0\" aria-label=\"");
  html_attr(b, box_name);
  buf_puts(b, "\">");
  buf_puts(b, "<svg class=\"diagram\" style=\"min-width:min(");
  html_num(b, px);
  buf_puts(b, "px,32rem);max-width:");
  html_num(b, px * 1.6);
  buf_puts(b, "px\" role=\"img\" aria-labelledby=\"");
  html_id(b, tid);
  buf_puts(b, "\" viewBox=\"0 0 ");
  html_num(b, dr->width);
  buf_putc(b, ' ');
  html_num(b, dr->height);
  buf_putc(b, '"');
  S_attr_num(b, "width", dr->width * 4 / 3);
  S_attr_num(b, "height", dr->height * 4 / 3);
  buf_puts(b, " xmlns=\"http://www.w3.org/2000/svg\"><title id=\"");
  html_id(b, tid);
  buf_puts(b, "\">");
  html_text(b, label);
  buf_puts(b, "</title>\n");
  static const svg_writer w = {html_text, html_num};
  svg_items(b, dr, &w);
  buf_puts(b, "</svg></div>");
}

void html_image(html_ctx *h, const doc_node *img, const char *alt) {
  buf *b = h->out;
  image im;
  char why[300];
  const char *hint = "";
  /* the document stage decoded it; this sees the file as it is now */
  if (!img->text ||
      !image_read(&im, img->text, IMAGE_STRUCTURE, why, sizeof why, &hint)) {
    diag_error(h->diags, img->file, img->line, img->col,
               TR("billedet %s kan ikke læses: %s; %s",
                  "the image %s cannot be read: %s; %s"),
               img->text ? img->text : "(ingen sti)",
               img->text ? why : TR("ingen sti", "no path"),
               img->text ? hint
                         : TR("tjek figurens image-felt",
                              "check the figure's image field"));
    h->errors++;
    return;
  }
  if (h->d->meta.public_label) /* a public edition: no metadata */
    image_strip(&im);
  buf_puts(b, "<img class=\"billede\" alt=\"");
  html_attr(b, alt);
  buf_putc(b, '"');
  /* a known size keeps the page from jumping on load */
  if (im.width && im.height)
    buf_printf(b, " width=\"%u\" height=\"%u\"", im.width, im.height);
  buf_printf(b, " src=\"data:%s;base64,", image_mime(im.kind));
  html_base64(b, im.data, im.len);
  buf_puts(b, "\">");
  image_free(&im);
}
