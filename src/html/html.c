/* html.c - writes the document tree as one self-contained HTML5 page.
 *
 * Like cmark's html.c, the body is one walk over the tree with doc_iter and
 * one switch on the node type. Tables, figures and footnote definitions are
 * written by their own functions (they need their children in a different
 * order than the tree has them) which walk the children again.
 *
 * The page frame: a skip link, the title block from doc->meta (<header>),
 * the table of contents (<nav>, hoisted out of the text so it can be a
 * sidebar on wide screens and the skip link jumps past it), then <main>.
 * The theme's CSS and the base CSS are inlined, charts are inline SVG and
 * images data: URIs, and a Content-Security-Policy forbids every request
 * and every script but the writer's own (script.c, allowed by its hash),
 * so the file works from disk with no network, and with JavaScript off.
 *
 * Raw HTML from Markdown (DOC_RAW_HTML) is never written: the policy is
 * "off", and the writer says once per page how many blocks it dropped. */
#include "html/html.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html/internal.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/sha256.h"

static void S_push(html_nodes *v, const doc_node *n) {
  XGROW(v->items, v->cap, v->len + 1);
  v->items[v->len++] = n;
}

typedef struct {
  html_nodes notes;
  bool has_toc;
} S_scan_result;


void html_children(html_ctx *h, const doc_node *n) {
  for (const doc_node *c = n->first; c; c = c->next)
    html_render(h, c);
}

const char *html_word(html_ctx *h, const char *key) {
  return locale_get(h->l, key);
}

static bool S_lang_en(const html_ctx *h) {
  return h->d->meta.lang && strncmp(h->d->meta.lang, "en", 2) == 0;
}

const doc_node *html_child(const doc_node *n, doc_type t) {
  for (const doc_node *c = n->first; c; c = c->next)
    if (c->type == t)
      return c;
  return NULL;
}

/* The node an id names, from the table of every id in the page. */
static const doc_node *S_lookup(html_ctx *h, const char *id) {
  html_slot *s = id ? html_map_get(&h->ids, NULL, id) : NULL;
  return s ? s->node : NULL;
}

/* ---- the scan before writing: ids and notes ---- */

bool html_numbered(const doc_node *n) {
  return n->number > 0 && !(n->flags & DOC_CHART_DATA);
}

static void S_scan(html_ctx *h, S_scan_result *r) {
  doc_iter it;
  doc_event ev;
  /* first every id the tree already has, so made-up ids never clash */
  doc_iter_init(&it, h->d->root);
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE)
    if (ev == DOC_EV_ENTER && it.cur->id && *it.cur->id &&
        !html_map_get(&h->ids, NULL, it.cur->id))
      html_map_put(&h->ids, NULL, it.cur->id, NULL, it.cur);
  /* the writer's own ids, taken before the tree's slugs can collide */
  html_map_put(&h->ids, NULL, "indhold", NULL, NULL);
  doc_iter_init(&it, h->d->root);
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE) {
    if (ev != DOC_EV_ENTER)
      continue;
    const doc_node *n = it.cur;
    char base[32];
    switch (n->type) {
    case DOC_HEADING:
      if (!n->id) {
        char *t = doc_plain_text(n), *slug = doc_slug(t);
        html_node_id(h, n, slug);
        free(t);
        free(slug);
      }
      break;
    case DOC_TABLE:
      if ((n->flags & DOC_CHART_DATA) && n->parent &&
          n->parent->type == DOC_FIGURE) {
        buf b = BUF_INIT;
        buf_printf(&b, "%s-data", html_node_id(h, n->parent, "figur"));
        html_node_id(h, n, buf_cstr(&b));
        buf_free(&b);
      } else {
        if (n->number > 0)
          snprintf(base, sizeof base, "tabel-%d", n->number);
        else
          snprintf(base, sizeof base, "tabel");
        html_node_id(h, n, base);
      }
      break;
    case DOC_FIGURE:
      if (n->number > 0)
        snprintf(base, sizeof base, "figur-%d", n->number);
      else
        snprintf(base, sizeof base, "figur");
      html_node_id(h, n, base);
      break;
    case DOC_FOOTNOTE_DEF:
      snprintf(base, sizeof base, "note-%d", n->number);
      html_node_id(h, n, base);
      S_push(&r->notes, n);
      break;
    case DOC_FOOTNOTE_REF: {
      const doc_node *def = n->target ? n->target : S_lookup(h, n->text);
      if (!def || def->type != DOC_FOOTNOTE_DEF)
        break;
      buf b = BUF_INIT;
      buf_printf(&b, "ref-%s", html_node_id(h, def, "note"));
      const char *rid = html_node_id(h, n, buf_cstr(&b));
      buf_free(&b);
      if (!html_map_get(&h->backrefs, def, NULL))
        html_map_put(&h->backrefs, def, NULL, rid, def);
      break;
    }
    case DOC_TOC:
      r->has_toc = true;
      break;
    default:
      break;
    }
  }
}

static bool S_has_interactive(const doc_node *n) {
  doc_iter it;
  doc_event ev;
  doc_iter_init(&it, (doc_node *)n);
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE)
    if (ev == DOC_EV_ENTER &&
        (it.cur->type == DOC_LINK || it.cur->type == DOC_XREF ||
         it.cur->type == DOC_FOOTNOTE_REF))
      return true;
  return false;
}

/* ---- contents ---- */

/* "2.1" before a heading, as the resolve stage numbered it. */
static void S_heading_number(html_ctx *h, const char *number) {
  if (number && *number)
    buf_printf(h->out, "<span class=\"afsnitsnr\">%s</span> ", number);
}

static void S_toc(html_ctx *h, const doc_entries *toc) {
  buf *b = h->out;
  const char *tid = html_new_id(h, "indhold-titel");
  buf_puts(b, "<nav class=\"indhold\" aria-labelledby=\"");
  html_id(b, tid);
  buf_puts(b, "\">\n<h2 id=\"");
  html_id(b, tid);
  buf_puts(b, "\">");
  html_text(b, html_word(h, "contents"));
  buf_puts(b, "</h2>\n");
  int base = 6;
  for (size_t i = 0; i < toc->len; i++)
    if (toc->items[i].level < base)
      base = toc->items[i].level;
  int cur = 0; /* lists open */
  for (size_t i = 0; i < toc->len; i++) {
    const doc_entry *e = &toc->items[i];
    int lvl = e->level - base + 1;
    if (lvl > cur + 1)
      lvl = cur + 1; /* a skipped level must not leave an <ol> without <li> */
    if (lvl > cur) {
      buf_puts(b, "<ol>");
      cur = lvl;
    } else {
      buf_puts(b, "</li>\n");
      for (; cur > lvl; cur--)
        buf_puts(b, "</ol></li>\n");
    }
    buf_puts(b, "<li><a");
    html_href(h, html_node_id(h, e->node, "afsnit"));
    buf_putc(b, '>');
    S_heading_number(h, e->number_text);
    html_text(b, e->title_text);
    buf_puts(b, "</a>");
  }
  if (cur > 0)
    buf_puts(b, "</li>");
  for (; cur > 0; cur--)
    buf_puts(b, cur > 1 ? "</ol></li>" : "</ol>\n");
  buf_puts(b, "</nav>\n");
}


/* ---- the walk ---- */

static int S_hlevel(const doc_node *n) {
  int l = n->level < 1 ? 1 : n->level;
  return l + 1 > 6 ? 6 : l + 1; /* h1 is the report's title */
}

static bool S_tight(const doc_node *p) {
  return p->parent && p->parent->type == DOC_ITEM && p->parent->parent &&
         (p->parent->parent->flags & DOC_TIGHT);
}

static void S_enter(html_ctx *h, doc_iter *it, const doc_node *n) {
  buf *b = h->out;
  switch (n->type) {
  case DOC_DOCUMENT:
    break;
  case DOC_HEADING:
    buf_printf(b, "<h%d id=\"", S_hlevel(n));
    html_id(b, html_node_id(h, n, "afsnit"));
    buf_puts(b, "\">");
    /* the heading links to itself, so a reader can copy its address */
    if (!S_has_interactive(n)) {
      buf_puts(b, "<a class=\"anker\"");
      html_href(h, html_node_id(h, n, "afsnit"));
      buf_putc(b, '>');
    }
    S_heading_number(h, n->number_text);
    break;
  case DOC_PARAGRAPH:
    if (!S_tight(n)) {
      buf_puts(b, "<p");
      if (n->id) { /* literature entries: citations link to #ref-KEY */
        buf_puts(b, " id=\"");
        html_id(b, n->id);
        buf_putc(b, '"');
      }
      buf_puts(b, n->flags & DOC_HANGING ? " class=\"haengende\">" : ">");
    }
    break;
  case DOC_LIST:
    if (n->flags & DOC_ORDERED) {
      if (n->number > 1)
        buf_printf(b, "<ol start=\"%d\">\n", n->number);
      else
        buf_puts(b, "<ol>\n");
    } else {
      buf_puts(b, "<ul>\n");
    }
    break;
  case DOC_ITEM:
    buf_puts(b, "<li>");
    break;
  case DOC_QUOTE:
    buf_puts(b, "<blockquote>\n");
    break;
  case DOC_CODE_BLOCK:
    buf_puts(b, "<pre><code>");
    html_text(b, n->text);
    buf_puts(b, "</code></pre>\n");
    break;
  case DOC_RULE:
    buf_puts(b, "<hr>\n");
    break;
  case DOC_TABLE:
    html_table(h, n, NULL);
    doc_iter_skip_children(it);
    break;
  case DOC_TABLE_ROW:
  case DOC_TABLE_CELL:
    break; /* only inside html_table */
  case DOC_CAPTION:
    buf_puts(b, "<p class=\"billedtekst\">");
    break;
  case DOC_FIGURE:
    html_figure(h, n);
    doc_iter_skip_children(it);
    break;
  case DOC_CHART:
  case DOC_IMAGE: {
    if (n->flags & (DOC_LOGO | DOC_COVER))
      break; /* in the title block: S_title_block */
    const char *alt = n->alt && *n->alt ? n->alt : html_word(h, "figure");
    buf_puts(b, "<div class=\"figur\">");
    if (n->type == DOC_CHART && n->drawing)
      html_svg(h, n->drawing, alt, html_word(h, "figure"), NULL);
    else if (n->type == DOC_IMAGE)
      html_image(h, n, alt);
    buf_puts(b, "</div>\n");
    break;
  }
  case DOC_FOOTNOTE_DEF:
    doc_iter_skip_children(it); /* all written after the text: html_notes */
    break;
  case DOC_PAGE_BREAK:
    buf_puts(b, "<div class=\"sideskift\"></div>\n");
    break;
  case DOC_TOC:
    break; /* written once, before <main> */
  case DOC_LIST_OF_TABLES:
    html_list_of(h, &h->d->res->tables, "list_of_tables", "table");
    break;
  case DOC_LIST_OF_FIGURES:
    html_list_of(h, &h->d->res->figures, "list_of_figures", "figure");
    break;
  case DOC_RAW_HTML:
    if (!h->raw_html++)
      h->raw_first = n;
    break;
  case DOC_TEXT:
    html_text(b, n->text);
    break;
  case DOC_EMPH:
    buf_puts(b, "<em>");
    break;
  case DOC_STRONG:
    buf_puts(b, "<strong>");
    break;
  case DOC_STRIKE:
    buf_puts(b, "<del>");
    break;
  case DOC_CODE:
    buf_puts(b, "<code>");
    html_text(b, n->text);
    buf_puts(b, "</code>");
    break;
  case DOC_LINK:
    if (html_url_allowed(n->text)) {
      buf_puts(b, "<a href=\"");
      html_attr(b, n->text);
      buf_putc(b, '"');
      if (n->title && *n->title) {
        buf_puts(b, " title=\"");
        html_attr(b, n->title);
        buf_putc(b, '"');
      }
      buf_putc(b, '>');
    }
    break;
  case DOC_FOOTNOTE_REF: {
    const doc_node *def = n->target ? n->target : S_lookup(h, n->text);
    int num = n->number > 0 ? n->number : def ? def->number : 0;
    buf_puts(b, "<sup class=\"fnref\">");
    if (def && def->type == DOC_FOOTNOTE_DEF) {
      buf_puts(b, "<a id=\"");
      html_id(b, html_node_id(h, n, "ref"));
      buf_putc(b, '"');
      html_href(h, html_node_id(h, def, "note"));
      buf_printf(b, ">%d</a>", num);
    } else {
      buf_printf(b, "%d", num);
    }
    buf_puts(b, "</sup>");
    doc_iter_skip_children(it);
    break;
  }
  case DOC_XREF: {
    const doc_node *t = n->target ? n->target : S_lookup(h, n->text);
    if (t) {
      buf_puts(b, "<a class=\"xref\"");
      html_href(h, html_node_id(h, t, "x"));
      buf_putc(b, '>');
    }
    if (!n->first)
      html_text(b, n->text);
    break;
  }
  case DOC_SOFT_BREAK:
    buf_putc(b, '\n');
    break;
  case DOC_LINE_BREAK:
    buf_puts(b, "<br>\n");
    break;
  case DOC_SPAN:
    buf_puts(b, "<span lang=\"");
    html_attr(b, n->info);
    buf_puts(b, "\">");
    break;
  case DOC_TYPE_COUNT:
    break;
  }
}

static void S_exit(html_ctx *h, const doc_node *n) {
  buf *b = h->out;
  switch (n->type) {
  case DOC_HEADING:
    buf_printf(b, "%s</h%d>\n", S_has_interactive(n) ? "" : "</a>",
               S_hlevel(n));
    break;
  case DOC_PARAGRAPH:
    if (!S_tight(n))
      buf_puts(b, "</p>\n");
    break;
  case DOC_LIST:
    buf_puts(b, n->flags & DOC_ORDERED ? "</ol>\n" : "</ul>\n");
    break;
  case DOC_ITEM:
    buf_puts(b, "</li>\n");
    break;
  case DOC_QUOTE:
    buf_puts(b, "</blockquote>\n");
    break;
  case DOC_CAPTION:
    buf_puts(b, "</p>\n");
    break;
  case DOC_EMPH:
    buf_puts(b, "</em>");
    break;
  case DOC_STRONG:
    buf_puts(b, "</strong>");
    break;
  case DOC_STRIKE:
    buf_puts(b, "</del>");
    break;
  case DOC_SPAN:
    buf_puts(b, "</span>");
    break;
  case DOC_LINK:
    if (html_url_allowed(n->text))
      buf_puts(b, "</a>");
    break;
  case DOC_XREF:
    if (n->target || S_lookup(h, n->text))
      buf_puts(b, "</a>");
    break;
  default:
    break;
  }
}

void html_render(html_ctx *h, const doc_node *root) {
  doc_iter it;
  doc_event ev;
  doc_iter_init(&it, (doc_node *)root);
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE) {
    if (ev == DOC_EV_ENTER)
      S_enter(h, &it, it.cur);
    else
      S_exit(h, it.cur);
  }
}

/* ---- the page frame ---- */

/* The date in its two resolved forms: <time datetime="2025-06-30"> around
 * "30. juni 2025", whose spaces are no-break so it is never split over two
 * lines; a date the author wrote out stays text (kept together if short). */
static void S_date(html_ctx *h, const doc_resolved *r) {
  if (r->date_iso) {
    buf_puts(h->out, "<time datetime=\"");
    html_attr(h->out, r->date_iso);
    buf_puts(h->out, "\">");
  }
  size_t start = h->out->len;
  html_text(h->out, r->date_display);
  if (r->date_iso || h->out->len - start < 30) {
    buf tmp = BUF_INIT;
    for (size_t i = start; i < h->out->len; i++) {
      if (h->out->data[i] == ' ')
        buf_puts(&tmp, "\xC2\xA0");
      else
        buf_putc(&tmp, h->out->data[i]);
    }
    h->out->len = start;
    buf_put(h->out, tmp.data, tmp.len);
    buf_free(&tmp);
  }
  if (r->date_iso)
    buf_puts(h->out, "</time>");
}

static void S_authors(html_ctx *h, buf *b, bool attr) {
  const doc_meta *m = &h->d->meta;
  for (size_t i = 0; i < m->nauthors; i++) {
    if (i > 0)
      buf_puts(b, i + 1 < m->nauthors ? ", "
                  : S_lang_en(h)      ? " and "
                                      : " og ");
    if (attr)
      html_attr(b, m->authors[i]);
    else
      html_text(b, m->authors[i]);
  }
}

/* The logo or cover image (DOC_LOGO / DOC_COVER, first in the document)
 * in a <div class="cls"> of the title block. */
static void S_title_image(html_ctx *h, unsigned flag, const char *cls) {
  const doc_node *n = doc_title_image(h->d, flag);
  if (!n)
    return;
  buf_printf(h->out, "<div class=\"%s\">", cls);
  html_image(h, n, n->alt ? n->alt : "");
  buf_puts(h->out, "</div>\n");
}

static void S_title_block(html_ctx *h) {
  const doc_meta *m = &h->d->meta;
  const char *date = h->d->res->date_display;
  buf *b = h->out;
  if (!m->title && !m->subtitle && !m->edition_title && !m->nauthors)
    return;
  buf_puts(b, "<header class=\"titelblok\">\n");
  S_title_image(h, DOC_LOGO, "logo");
  if (m->fictional) {
    buf_puts(b, "<p class=\"maerkat\">");
    html_text(b, html_word(h, "fictional"));
    buf_puts(b, "</p>\n");
  }
  if (m->edition_title) {
    buf_puts(b, "<p class=\"udgave\">");
    html_text(b, m->edition_title);
    buf_puts(b, "</p>\n");
  }
  if (m->public_label) { /* a public edition says what it is */
    buf_puts(b, "<p class=\"udgave offentlig\">");
    html_text(b, m->public_label);
    buf_puts(b, "</p>\n");
  }
  if (m->title) {
    buf_puts(b, "<h1>");
    html_text(b, m->title);
    buf_puts(b, "</h1>\n");
  }
  if (m->subtitle) {
    buf_puts(b, "<p class=\"undertitel\">");
    html_text(b, m->subtitle);
    buf_puts(b, "</p>\n");
  }
  if (m->nauthors) {
    buf_puts(b, "<p class=\"forfattere\">");
    S_authors(h, b, false);
    buf_puts(b, "</p>\n");
  }
  if (m->organisation || date) {
    buf_puts(b, "<p class=\"udgiver\">");
    html_text(b, m->organisation);
    if (m->organisation && date)
      buf_puts(b, " \xC2\xB7 "); /* middle dot */
    if (date)
      S_date(h, h->d->res);
    buf_puts(b, "</p>\n");
  }
  S_title_image(h, DOC_COVER, "forside");
  buf_puts(b, "</header>\n");
}

/* The theme's CSS is trusted, but a "</" in it would end the <style>
 * element early: write it as the CSS escape "<\/". */
static void S_css(buf *b, const char *css) {
  for (const char *p = css; *p; p++) {
    buf_putc(b, *p);
    if (*p == '<' && p[1] == '/')
      buf_putc(b, '\\');
  }
}

static void S_head(html_ctx *h) {
  const doc_meta *m = &h->d->meta;
  buf *b = h->out;
  buf_puts(b, "<!DOCTYPE html>\n<html lang=\"");
  html_attr(b, m->lang && *m->lang ? m->lang : "da");
  buf_puts(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, "
              "initial-scale=1\">\n"
              /* nothing may be fetched and nothing may run but the
               * writer's own script: the page is complete in itself */
              "<meta http-equiv=\"Content-Security-Policy\" "
              "content=\"default-src 'none'; style-src 'unsafe-inline'; "
              "img-src data:; script-src 'sha256-");
  unsigned char digest[SHA256_SIZE];
  sha256(html_script, strlen(html_script), digest);
  html_base64(b, digest, sizeof digest);
  buf_puts(b, "'\">\n"
              "<meta name=\"color-scheme\" content=\"light dark\">\n<title>");
  html_text(b, m->title ? m->title : html_word(h, "contents"));
  if (m->edition_title) {
    buf_puts(b, " \xE2\x80\x93 "); /* en dash */
    html_text(b, m->edition_title);
  }
  buf_puts(b, "</title>\n");
  const char *desc = m->subject    ? m->subject
                     : m->subtitle ? m->subtitle
                                   : m->title;
  if (desc) {
    buf_puts(b, "<meta name=\"description\" content=\"");
    html_attr(b, desc);
    buf_puts(b, "\">\n");
  }
  if (m->nauthors) {
    buf_puts(b, "<meta name=\"author\" content=\"");
    S_authors(h, b, true);
    buf_puts(b, "\">\n");
  }
  if (m->keywords) {
    buf_puts(b, "<meta name=\"keywords\" content=\"");
    html_attr(b, m->keywords);
    buf_puts(b, "\">\n");
  }
  buf_puts(b, "<meta name=\"generator\" content=\"rapport\">\n"
              "<link rel=\"icon\" href=\"data:,\">\n<style>\n");
  buf_puts(b, html_base_css);
  if (h->t && h->t->css && *h->t->css) {
    buf_puts(b, "\n/* tema: ");
    S_css(b, h->t->name ? h->t->name : "");
    buf_puts(b, " */\n");
    S_css(b, h->t->css);
  }
  buf_puts(b, "\n</style>\n<script>");
  buf_puts(b, html_script);
  buf_puts(b, "</script>\n</head>\n");
}

int html_write(const doc *d, const theme *t, const locale *l, const char *path,
               diag_list *diags) {
  buf out = BUF_INIT;
  html_ctx h = {0};
  h.out = &out;
  h.d = d;
  h.t = t;
  h.l = l;
  h.diags = diags;
  h.path = path;
  S_scan_result scan = {0};
  S_scan(&h, &scan);
  const doc_entries *toc = &d->res->contents;

  buf_grow(&out, 256 * 1024);
  S_head(&h);
  /* the script's interface words */
  buf_puts(&out, "<body data-moerk=\"");
  html_attr(&out, html_word(&h, "html_dark"));
  buf_puts(&out, "\" data-forstoer=\"");
  html_attr(&out, html_word(&h, "html_enlarge"));
  buf_puts(&out, "\" data-luk=\"");
  html_attr(&out, html_word(&h, "html_close"));
  buf_puts(&out, "\">\n<a class=\"spring\" href=\"#indhold\">");
  html_text(&out, html_word(&h, "skip_to_content"));
  buf_printf(&out, "</a>\n<div class=\"side%s\">\n",
             scan.has_toc && toc->len ? " med-indhold" : "");
  S_title_block(&h);
  if (scan.has_toc && toc->len)
    S_toc(&h, toc);
  buf_puts(&out, "<main id=\"indhold\" tabindex=\"-1\">\n");
  html_render(&h, d->root);
  html_notes(&h, &scan.notes);
  buf_puts(&out, "</main>\n</div>\n</body>\n</html>\n");

  if (h.raw_html) {
    const doc_node *r = h.raw_first;
    diag_warning(diags, r->file, r->line, r->col, M_HTML_PIECE_RAW_HTML_LEFT,
                 h.raw_html);
  }
  int rc = 0;
  if (h.errors) {
    rc = -1;
  } else if (!fs_write_atomic(path, out.data, out.len)) {
    diag_error(diags, path, 0, 0, M_HTML_HTML_FILE_CANNOT_BE, strerror(errno));
    rc = -1;
  }
  free(scan.notes.items);
  html_map_free(&h.ids);
  html_map_free(&h.node_ids);
  html_map_free(&h.backrefs);
  buf_free(&out);
  return rc;
}
