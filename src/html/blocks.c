/* blocks.c - the blocks the HTML writer builds from several children
 * in an order of its own: tables (caption, <thead>, row headers, the scroll
 * box), figures (chart or image, caption, the data behind a chart),
 * footnotes (one list after the text, links both ways) and the lists of
 * tables and figures. The walk that calls them is in html.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html/internal.h"
#include "util/mem.h"

/* ---- small pieces ---- */

/* "Tabel 3. " before a caption, in its own span for the theme to style. */
static void S_number_label(html_ctx *h, const char *key, int number) {
  buf_puts(h->out, "<span class=\"nr\">");
  html_text(h->out, html_word(h, key));
  buf_printf(h->out, " %d.</span> ", number);
}

void html_href(html_ctx *h, const char *id) {
  buf_puts(h->out, " href=\"#");
  html_id(h->out, id);
  buf_putc(h->out, '"');
}

static void S_source_note(html_ctx *h, const char *source, const char *tag) {
  if (!source || !*source)
    return;
  buf_printf(h->out, "<%s class=\"kilde\">", tag);
  html_text(h->out, html_word(h, "source"));
  buf_puts(h->out, ": ");
  html_text(h->out, source);
  buf_printf(h->out, "</%s>", tag);
}

static double S_lin(long c, int shift) {
  double v = (double)((c >> shift) & 0xff) / 255.0;
  return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

/* Black or white text on a cell fill, whichever contrasts more: the better
 * of the two is always at least 4.58:1, above WCAG AA's 4.5:1. */
static const char *S_text_on(long fill) {
  double l = 0.2126 * S_lin(fill, 16) + 0.7152 * S_lin(fill, 8) +
             0.0722 * S_lin(fill, 0);
  double with_black = (l + 0.05) / 0.05, with_white = 1.05 / (l + 0.05);
  return with_black >= with_white ? "#000000" : "#ffffff";
}

/* ---- tables ---- */

static void S_cell(html_ctx *h, const doc_node *tab, const doc_node *c,
                   int col, bool header_row, bool row_header) {
  buf *b = h->out;
  const char *tag = header_row || row_header ? "th" : "td";
  buf_printf(b, "<%s", tag);
  int span = c->colspan > 1 ? c->colspan : 1;
  if (header_row)
    buf_printf(b, " scope=\"%s\"", span > 1 ? "colgroup" : "col");
  else if (row_header)
    buf_puts(b, " scope=\"row\"");
  if (span > 1)
    buf_printf(b, " colspan=\"%d\"", span);
  char align = c->align;
  if (!align && tab->aligns && col < tab->ncols)
    align = tab->aligns[col];
  const char *cls[3];
  int ncls = 0;
  if (align == 'r')
    cls[ncls++] = "h";
  else if (align == 'c')
    cls[ncls++] = "m";
  if (c->flags & DOC_STRONG_CELL)
    cls[ncls++] = "sum";
  if (c->fill >= 0)
    cls[ncls++] = "fyldt";
  if (ncls) {
    buf_puts(b, " class=\"");
    for (int i = 0; i < ncls; i++)
      buf_printf(b, "%s%s", i ? " " : "", cls[i]);
    buf_putc(b, '"');
  }
  if (c->fill >= 0)
    buf_printf(b, " style=\"background-color:#%06lx;color:%s\"",
               c->fill & 0xffffff, S_text_on(c->fill));
  buf_putc(b, '>');
  html_children(h, c);
  buf_printf(b, "</%s>", tag);
}

void html_table(html_ctx *h, const doc_node *tab, const char *label) {
  buf *b = h->out;
  const doc_node *cap = html_child(tab, DOC_CAPTION);
  const char *id = html_node_id(h, tab, "tabel");
  const char *cap_id = NULL;
  if (cap) {
    buf t = BUF_INIT;
    buf_printf(&t, "%s-titel", id);
    cap_id = html_new_id(h, buf_cstr(&t));
    buf_free(&t);
  }
  /* the box scrolls sideways on its own, so a wide table never widens the
   * page; while it scrolls, the page's script makes it a Tab stop and a
   * region named by its caption, or by data-navn (script.c) */
  buf_puts(b, "<div class=\"tabel\" id=\"");
  html_id(b, id);
  buf_putc(b, '"');
  if (!cap_id) {
    buf_puts(b, " data-navn=\"");
    html_attr(b, label ? label : html_word(h, "table"));
    buf_putc(b, '"');
  }
  buf_puts(b, ">\n<table>");
  if (cap) {
    buf_puts(b, "<caption id=\"");
    html_id(b, cap_id);
    buf_puts(b, "\">");
    if (html_numbered(tab))
      S_number_label(h, "table", tab->number);
    html_children(h, cap);
    buf_puts(b, "</caption>");
  }
  if (tab->widths && tab->ncols > 0) {
    double sum = 0;
    for (int i = 0; i < tab->ncols; i++)
      sum += tab->widths[i] > 0 ? tab->widths[i] : 0;
    if (sum > 0) {
      buf_puts(b, "\n<colgroup>");
      for (int i = 0; i < tab->ncols; i++) {
        buf_puts(b, "<col style=\"width:");
        html_num(b, 100 * (tab->widths[i] > 0 ? tab->widths[i] : 0) / sum);
        buf_puts(b, "%\">");
      }
      buf_puts(b, "</colgroup>");
    }
  }
  /* leading header rows form <thead>; the rest is <tbody> */
  int section = 0; /* 0 none open, 1 thead, 2 tbody */
  for (const doc_node *r = tab->first; r; r = r->next) {
    if (r->type != DOC_TABLE_ROW)
      continue;
    bool hr = (r->flags & DOC_HEADER_ROW) != 0;
    if (section == 0 && hr) {
      buf_puts(b, "\n<thead>");
      section = 1;
    } else if (section != 2 && !hr) {
      buf_puts(b, section == 1 ? "</thead>\n<tbody>" : "\n<tbody>");
      section = 2;
    }
    buf_puts(b, "\n<tr>");
    int col = 0;
    for (const doc_node *c = r->first; c; c = c->next) {
      if (c->type != DOC_TABLE_CELL)
        continue;
      S_cell(h, tab, c, col, hr, (c->flags & DOC_ROW_HEADER) != 0);
      col += c->colspan > 1 ? c->colspan : 1;
    }
    buf_puts(b, "</tr>");
  }
  buf_puts(b, section == 1 ? "</thead>" : section == 2 ? "</tbody>" : "");
  buf_puts(b, "\n</table></div>\n");
  S_source_note(h, tab->title, "p");
}

/* ---- figures ---- */

void html_figure(html_ctx *h, const doc_node *fig) {
  buf *b = h->out;
  const doc_node *media = NULL, *cap = html_child(fig, DOC_CAPTION), *data = NULL;
  const doc_node *narrow = NULL;
  for (const doc_node *c = fig->first; c; c = c->next) {
    if (!narrow && c->type == DOC_CHART && (c->flags & DOC_NARROW))
      narrow = c;
    else if (!media && (c->type == DOC_CHART || c->type == DOC_IMAGE))
      media = c;
    else if (!data && c->type == DOC_TABLE && (c->flags & DOC_CHART_DATA))
      data = c;
  }
  char *cap_text = cap ? doc_plain_text(cap) : NULL;
  const char *alt = media && media->alt && *media->alt ? media->alt
                    : fig->alt && *fig->alt            ? fig->alt
                    : cap_text && *cap_text            ? cap_text
                                                       : html_word(h, "figure");
  buf_puts(b, "<div class=\"figur\" id=\"");
  html_id(b, html_node_id(h, fig, "figur"));
  buf_puts(b, "\">\n<figure>\n");
  /* "Figur 2": names the chart's scroll box and the data table's box */
  buf name = BUF_INIT;
  html_text(&name, html_word(h, "figure"));
  if (html_numbered(fig))
    buf_printf(&name, " %d", fig->number);
  bool two = narrow && narrow->drawing && media && media->type == DOC_CHART;
  if (media && media->type == DOC_CHART && media->drawing)
    html_svg(h, media->drawing, alt, buf_cstr(&name), two ? "bred" : NULL);
  else if (media && media->type == DOC_IMAGE)
    html_image(h, media, alt);
  if (two)
    html_svg(h, narrow->drawing, alt, buf_cstr(&name), "smal");
  for (const doc_node *c = fig->first; c; c = c->next)
    if (c != media && c != cap && c != data && c != narrow)
      html_render(h, c);
  if (cap || fig->title) {
    buf_puts(b, "\n<figcaption>");
    if (cap && html_numbered(fig))
      S_number_label(h, "figure", fig->number);
    if (cap)
      html_children(h, cap);
    S_source_note(h, fig->title, "span");
    buf_puts(b, "</figcaption>");
  }
  buf_puts(b, "\n</figure>\n");
  if (data) {
    buf_puts(b, "<details class=\"figurdata\"><summary>");
    html_text(b, html_word(h, "chart_data"));
    buf_puts(b, "</summary>\n");
    buf label = BUF_INIT;
    buf_printf(&label, "%s (%s)", html_word(h, "chart_data"), buf_cstr(&name));
    html_table(h, data, buf_cstr(&label));
    buf_free(&label);
    buf_puts(b, "</details>\n");
  }
  buf_puts(b, "</div>\n");
  buf_free(&name);
  free(cap_text);
}

/* ---- footnotes ---- */

static void S_backlink(html_ctx *h, const doc_node *def) {
  html_slot *s = html_map_get(&h->backrefs, def, NULL);
  if (!s)
    return;
  buf_puts(h->out, " <a class=\"tilbage\"");
  html_href(h, s->value);
  buf_puts(h->out, " aria-label=\"");
  html_attr(h->out, html_word(h, "back_to_text"));
  buf_puts(h->out, "\">\xE2\x86\xA9</a>"); /* U+21A9 */
}

static void S_footnote(html_ctx *h, const doc_node *def) {
  buf *b = h->out;
  buf_puts(b, "<li id=\"");
  html_id(b, html_node_id(h, def, "note"));
  buf_putc(b, '"');
  if (def->number > 0)
    buf_printf(b, " value=\"%d\"", def->number);
  buf_putc(b, '>');
  /* the way back goes at the end of the note's last paragraph */
  for (const doc_node *c = def->first; c; c = c->next) {
    if (!c->next && c->type == DOC_PARAGRAPH) {
      buf_puts(b, "<p>");
      html_children(h, c);
      S_backlink(h, def);
      buf_puts(b, "</p>");
    } else {
      html_render(h, c);
    }
  }
  if (!def->last || def->last->type != DOC_PARAGRAPH) {
    buf_puts(b, "<p>");
    S_backlink(h, def);
    buf_puts(b, "</p>");
  }
  buf_puts(b, "</li>\n");
}

/* Every note of the page in one list after the text, wherever the tree
 * keeps them (the Markdown stage puts each chapter's after its blocks). */
void html_notes(html_ctx *h, const html_nodes *notes) {
  buf *b = h->out;
  if (!notes->len)
    return;
  const char *tid = html_new_id(h, "noter");
  buf_puts(b, "<section class=\"noter\" aria-labelledby=\"");
  html_id(b, tid);
  buf_puts(b, "\">\n<h2 id=\"");
  html_id(b, tid);
  buf_puts(b, "\">");
  html_text(b, html_word(h, "notes"));
  buf_puts(b, "</h2>\n<ol>\n");
  for (size_t i = 0; i < notes->len; i++)
    S_footnote(h, notes->items[i]);
  buf_puts(b, "</ol>\n</section>\n");
}

void html_list_of(html_ctx *h, const doc_entries *v, const char *title_key,
                  const char *word_key) {
  buf *b = h->out;
  const char *tid = html_new_id(h, "oversigt");
  buf_puts(b, "<section class=\"oversigt\" aria-labelledby=\"");
  html_id(b, tid);
  buf_puts(b, "\">\n<h2 id=\"");
  html_id(b, tid);
  buf_puts(b, "\">");
  html_text(b, html_word(h, title_key));
  buf_puts(b, "</h2>\n<ol>\n");
  for (size_t i = 0; i < v->len; i++) {
    const doc_entry *e = &v->items[i];
    buf_puts(b, "<li><a");
    html_href(h, html_node_id(h, e->node, "x"));
    buf_puts(b, "><span class=\"nr\">");
    html_text(b, html_word(h, word_key));
    buf_printf(b, " %s.</span> ", e->number_text);
    html_text(b, e->title_text);
    buf_puts(b, "</a></li>\n");
  }
  buf_puts(b, "</ol>\n</section>\n");
}
