/* test_html.c - the HTML writer on document trees built by hand.
 *
 * With RAPPORT_HTML_SAMPLE_DIR set it also writes a full sample report
 * (title, contents, wide and filled tables, a chart with its data, an
 * image, notes, lists of tables and figures) once per theme into that
 * folder, for the browser tests (tests/e2e/html_browser.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc/doc.h"
#include "html/html.h"
#include "project/locale.h"
#include "doc/resolve.h"
#include "test.h"
#include "project/theme.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fs.h"
#include "util/mem.h"

static char tmpdir[256];

/* ---- building trees ---- */

static doc_node *add(doc_node *parent, doc_type t) {
  doc_node *n = doc_node_new(t);
  doc_append(parent, n);
  return n;
}

static doc_node *text(doc_node *parent, const char *s) {
  doc_node *n = doc_text(s);
  doc_append(parent, n);
  return n;
}

static doc_node *para(doc_node *parent, const char *s) {
  doc_node *p = add(parent, DOC_PARAGRAPH);
  text(p, s);
  return p;
}

static doc_node *heading(doc_node *parent, int level, const char *s,
                         const char *id) {
  doc_node *h = add(parent, DOC_HEADING);
  h->level = level;
  doc_set(&h->id, id);
  text(h, s);
  return h;
}

static doc_node *mklink(doc_node *parent, const char *url, const char *s) {
  doc_node *l = add(parent, DOC_LINK);
  doc_set(&l->text, url);
  text(l, s);
  return l;
}

/* a table: cells separated by '|', rows by '\n'; the first nheader rows are
 * header rows */
static doc_node *table(doc_node *parent, const char *id, const char *caption,
                       const char *aligns, const char *spec, int nheader) {
  doc_node *t = add(parent, DOC_TABLE);
  doc_set(&t->id, id);
  if (caption)
    text(add(t, DOC_CAPTION), caption);
  int row = 0, ncols = 0;
  const char *p = spec;
  while (*p) {
    doc_node *r = add(t, DOC_TABLE_ROW);
    if (row < nheader)
      r->flags |= DOC_HEADER_ROW;
    int col = 0;
    for (;;) {
      size_t n = strcspn(p, "|\n");
      doc_node *c = add(r, DOC_TABLE_CELL);
      if (n)
        doc_append(c, doc_text_n(p, n));
      col++;
      p += n;
      if (*p == '|') {
        p++;
        continue;
      }
      if (*p == '\n')
        p++;
      break;
    }
    if (col > ncols)
      ncols = col;
    row++;
  }
  t->ncols = ncols;
  if (aligns) {
    t->aligns = xcalloc((size_t)ncols + 1, 1);
    memcpy(t->aligns, aligns, strlen(aligns) < (size_t)ncols ? strlen(aligns)
                                                             : (size_t)ncols);
  }
  return t;
}

static doc_node *cell(doc_node *tab, int row, int col) {
  doc_node *r = tab->first;
  while (r && r->type != DOC_TABLE_ROW)
    r = r->next;
  for (; r && row > 0; row--)
    r = r->next;
  doc_node *c = r ? r->first : NULL;
  for (; c && col > 0; col--)
    c = c->next;
  return c;
}

static doc_node *footnote(doc *d, doc_node *at, const char *id,
                          const char *s) {
  doc_node *ref = add(at, DOC_FOOTNOTE_REF);
  doc_set(&ref->text, id);
  doc_node *def = add(d->root, DOC_FOOTNOTE_DEF);
  doc_set(&def->id, id);
  para(def, s);
  return def;
}

static void resolve(doc *d) {
  /* footnote definitions live at the end of the document */
  doc_node *last = d->root->last;
  for (doc_node *n = d->root->first, *next; n; n = next) {
    next = n->next;
    if (n->type == DOC_FOOTNOTE_DEF)
      doc_append(d->root, n);
    if (n == last)
      break;
  }
  doc_words w = {"tabel", "figur", "afsnit"};
  diag_list dl;
  diag_init(&dl);
  doc_resolve(d, &w, &dl);
  if (dl.len)
    diag_print(&dl);
  diag_free(&dl);
}

static locale *da, *en;

/* Writes d with an optional theme and the locale of its language, as a
 * build does; returns the page (caller frees). */
static char *render_with(doc *d, const theme *th, diag_list *dl, int *rc) {
  static int k;
  char path[300];
  snprintf(path, sizeof path, "%s/side-%d.html", tmpdir, ++k);
  const locale *l = strcmp(d->meta.lang, "en") == 0 ? en : da;
  resolve_structure(d, th, l);
  *rc = html_write(d, th, l, path, dl);
  return fs_read(path, NULL);
}

static char *render(doc *d) {
  diag_list dl;
  diag_init(&dl);
  int rc;
  char *s = render_with(d, NULL, &dl, &rc);
  if (rc != 0)
    diag_print(&dl);
  diag_free(&dl);
  return s ? s : xstrdup("");
}

static bool has(const char *page, const char *s) { return strstr(page, s); }

/* the value of attribute attr in the first tag that contains needle */
static char *attr_near(const char *page, const char *needle, const char *attr) {
  const char *p = strstr(page, needle);
  if (!p)
    return NULL;
  while (p > page && *p != '<')
    p--;
  const char *end = strchr(p, '>');
  char key[64];
  snprintf(key, sizeof key, " %s=\"", attr);
  const char *a = strstr(p, key);
  if (!a || a > end)
    return NULL;
  a += strlen(key);
  return xstrndup(a, strcspn(a, "\""));
}

/* ---- tests ---- */

static void test_escaping(void) {
  doc *d = doc_new();
  para(d->root, "<script>alert(\"x\")</script> & 'q'");
  doc_node *p = para(d->root, "se ");
  doc_node *l = mklink(p, "https://example.org/?a=\"b\"&c=<d>", "eksempel");
  doc_set(&l->title, "Han sagde \"hej\" <b>");
  doc_set(&d->meta.title, "Titel <i>med</i> \"citat\"");
  para(d->root, "ugyldig \xff\xfe byte og kontroltegn \x01\x07 slut");
  char *s = render(d);
  /* the page's one script is in <head>; none may come from the text */
  const char *body = strstr(s, "<body");
  CHECK("escape: no <script> from text", body && !has(body, "<script"));
  CHECK("escape: text escaped",
        has(s, "&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; 'q'"));
  CHECK("escape: quotes in href",
        has(s, "href=\"https://example.org/?a=&quot;b&quot;&amp;c=&lt;d&gt;\""));
  CHECK("escape: quotes in title attribute",
        has(s, "title=\"Han sagde &quot;hej&quot; &lt;b&gt;\""));
  CHECK("escape: <title> escaped",
        has(s, "<title>Titel &lt;i&gt;med&lt;/i&gt; \"citat\"</title>"));
  CHECK("escape: invalid UTF-8 becomes U+FFFD",
        has(s, "ugyldig \xEF\xBF\xBD\xEF\xBF\xBD byte"));
  CHECK("escape: control characters dropped",
        has(s, "kontroltegn  slut") && !strchr(s, '\x01'));
  free(s);
  doc_free(d);
}

static void test_links(void) {
  doc *d = doc_new();
  doc_node *p = para(d->root, "");
  mklink(p, "javascript:alert(1)", "klik1");
  mklink(p, " JaVaScRiPt:alert(2)", "klik2");
  mklink(p, "data:text/html,<script>alert(3)</script>", "klik3");
  mklink(p, "vbscript:x", "klik4");
  mklink(p, "file:///etc/passwd", "klik5");
  mklink(p, "java\tscript:alert(6)", "klik6");
  mklink(p, "https://example.org/a", "ok1");
  mklink(p, "mailto:karen@example.org", "ok2");
  mklink(p, "#sec:metode", "ok3");
  char *s = render(d);
  CHECK("links: javascript: dropped", !has(s, "javascript") && !has(s, "JaVaScRiPt"));
  CHECK("links: data:, vbscript:, file: dropped",
        !has(s, "data:text") && !has(s, "vbscript") && !has(s, "file:"));
  CHECK("links: text of dropped links kept",
        has(s, "klik1klik2klik3klik4klik5klik6"));
  CHECK("links: https kept", has(s, "<a href=\"https://example.org/a\">ok1</a>"));
  CHECK("links: mailto kept",
        has(s, "<a href=\"mailto:karen@example.org\">ok2</a>"));
  CHECK("links: fragment kept", has(s, "<a href=\"#sec:metode\">ok3</a>"));
  free(s);
  doc_free(d);
}

static void test_tables(void) {
  doc *d = doc_new();
  doc_node *t = table(d->root, "tbl:akt", "Aktiviteter pr. partnerskab", "lrr",
                      "Partnerskab|Virksomheder|Mål\n"
                      "Skovlund|12|15\nHavbjerg|9|15\nI alt|21|30\n",
                      1);
  doc_set(&t->title, "Egne optællinger");
  cell(t, 3, 0)->flags |= DOC_STRONG_CELL;
  cell(t, 1, 1)->fill = 0x1f4e79;
  cell(t, 2, 1)->fill = 0xf0f0f0;
  doc_node *p = para(d->root, "Se ");
  doc_node *x = add(p, DOC_XREF);
  doc_set(&x->text, "tbl:akt");
  resolve(d);
  char *s = render(d);
  /* a Tab stop and a region only while it scrolls: the page's script */
  CHECK("table: scroll box without role or Tab stop in the markup",
        has(s, "<div class=\"tabel\" id=\"tbl:akt\">\n<table>"));
  CHECK("table: caption with number",
        has(s, "<caption id=\"tbl:akt-titel\"><span class=\"nr\">Tabel 1."
               "</span> Aktiviteter pr. partnerskab</caption>"));
  CHECK("table: thead with scope=col",
        has(s, "<thead>\n<tr><th scope=\"col\">Partnerskab</th>"
               "<th scope=\"col\" class=\"h\">Virksomheder</th>"));
  CHECK("table: tbody with row headers",
        has(s, "<tbody>\n<tr><th scope=\"row\">Skovlund</th>"));
  CHECK("table: right alignment from column", has(s, "<td class=\"h\">15</td>"));
  CHECK("table: strong cell", has(s, "<th scope=\"row\" class=\"sum\">I alt</th>"));
  CHECK("table: dark fill gets white text",
        has(s, "style=\"background-color:#1f4e79;color:#ffffff\">12</td>"));
  CHECK("table: light fill gets black text",
        has(s, "style=\"background-color:#f0f0f0;color:#000000\">9</td>"));
  CHECK("table: source note", has(s, "<p class=\"kilde\">Kilde: Egne optællinger</p>"));
  CHECK("table: xref is a link",
        has(s, "<a class=\"xref\" href=\"#tbl:akt\">tabel 1</a>"));
  free(s);
  doc_free(d);
}

static void test_footnotes(void) {
  doc *d = doc_new();
  doc_node *p = para(d->root, "Partnerskaberne mødes hver måned");
  footnote(d, p, "fn1", "Referater fra styregruppen.");
  text(p, " og igen");
  doc_node *ref2 = add(p, DOC_FOOTNOTE_REF);
  doc_set(&ref2->text, "fn1");
  resolve(d);
  char *s = render(d);
  char *ref_href = attr_near(s, "<a id=\"ref-", "href");
  char *ref_id = attr_near(s, "<a id=\"ref-", "id");
  CHECK_STR("footnote: reference links to the note", ref_href, "#fn1");
  CHECK("footnote: note carries the id", has(s, "<li id=\"fn1\" value=\"1\">"));
  char *back = attr_near(s, "class=\"tilbage\"", "href");
  buf want = BUF_INIT;
  buf_printf(&want, "#%s", ref_id ? ref_id : "?");
  CHECK_STR("footnote: note links back to the reference", back, buf_cstr(&want));
  CHECK("footnote: back link inside the note's paragraph",
        has(s, "Referater fra styregruppen. <a class=\"tilbage\""));
  CHECK("footnote: back link named for screen readers",
        has(s, "aria-label=\"Tilbage til teksten\""));
  CHECK("footnote: notes section with heading",
        has(s, "<section class=\"noter\"") && has(s, ">Noter</h2>"));
  /* two references to one note get two different ids */
  const char *first = strstr(s, "<a id=\"ref-");
  const char *second = first ? strstr(first + 1, "<a id=\"ref-") : NULL;
  char *id2 = second ? attr_near(second, "<a id=", "id") : NULL;
  CHECK("footnote: second reference has its own id",
        id2 && ref_id && strcmp(id2, ref_id) != 0);
  free(id2);
  buf_free(&want);
  free(back);
  free(ref_href);
  free(ref_id);
  free(s);
  doc_free(d);
}

static doc_node *chart_figure(doc_node *parent, const char *id) {
  doc_node *f = add(parent, DOC_FIGURE);
  doc_set(&f->id, id);
  doc_node *ch = add(f, DOC_CHART);
  doc_set(&ch->alt, "Søjlediagram: Skovlund 12, Havbjerg 9 <virksomheder>");
  doc_drawing *dr = ch->drawing = doc_drawing_new(300, 150.5);
  draw_item *r = doc_drawing_add(dr, DRAW_RECT);
  r->x = 40, r->y = 20.25, r->w = 60, r->h = 100, r->fill = 0x1f4e79;
  draw_item *l = doc_drawing_add(dr, DRAW_LINE);
  l->x = 30, l->y = 120, l->x2 = 290, l->y2 = 120, l->stroke = 0x333333,
  l->dash = 2;
  draw_item *c = doc_drawing_add(dr, DRAW_CIRCLE);
  c->x = 200, c->y = 60, c->w = 5, c->fill = 0xc0392b;
  draw_item *pl = doc_drawing_add(dr, DRAW_POLYLINE);
  pl->npoints = 3;
  pl->points = xmalloc(6 * sizeof(double));
  double pts[6] = {10, 10, 20.5, 30, 40, 15};
  memcpy(pl->points, pts, sizeof pts);
  pl->stroke = 0x000000;
  draw_item *tx = doc_drawing_add(dr, DRAW_TEXT);
  tx->x = 70, tx->y = 140, tx->anchor = 'm', tx->bold = true;
  tx->text = xstrdup("Skovlund & <Co>");
  tx->font_size = 9;
  text(add(f, DOC_CAPTION), "Virksomheder pr. partnerskab");
  doc_node *data = table(f, NULL, NULL, "lr",
                         "Partnerskab|Virksomheder\nSkovlund|12\nHavbjerg|9\n", 1);
  data->flags |= DOC_CHART_DATA;
  return f;
}

static void test_chart(void) {
  doc *d = doc_new();
  chart_figure(d->root, "fig:virk");
  resolve(d);
  char *s = render(d);
  CHECK("chart: in a box that can scroll, its name for the script",
        has(s, "<div class=\"diagram-ramme\" data-navn=\"Figur 1\">"
               "<svg class=\"diagram\""));
  CHECK("chart: never narrower than 32rem, at most 1.6 times its size",
        has(s, "style=\"min-width:min(400px,32rem);max-width:640px\""));
  CHECK("chart: inline svg with role img",
        has(s, "px\" role=\"img\" aria-labelledby=\""));
  CHECK("chart: viewBox in points, size in pixels",
        has(s, "viewBox=\"0 0 300 150.5\" width=\"400\" height=\"200.67\""));
  char *lab = attr_near(s, "<svg class=\"diagram\"", "aria-labelledby");
  CHECK("chart: title id found", lab != NULL);
  buf want = BUF_INIT;
  buf_printf(&want, "<title id=\"%s\">Søjlediagram: Skovlund 12, Havbjerg 9 "
                    "&lt;virksomheder&gt;</title>",
             lab ? lab : "?");
  CHECK("chart: <title> from alt, escaped", has(s, buf_cstr(&want)));
  /* a colour of the project's own, too dark for the dark background
   * (2.05:1), gets a lighter tint of itself for dark mode: 3.2:1 or more */
  CHECK("chart: rect, with its dark-mode tint",
        has(s, "<rect x=\"40\" y=\"20.25\" width=\"60\" height=\"100\" "
               "fill=\"#1f4e79\" stroke=\"none\" style=\"--dk:#4b7193;\"/>"));
  CHECK("chart: dashed line",
        has(s, "<line x1=\"30\" y1=\"120\" x2=\"290\" y2=\"120\" "
               "stroke=\"#333333\" stroke-width=\"1\" stroke-dasharray=\"2\" "
               "style=\"--dks:#707070\"/>"));
  CHECK("chart: circle", has(s, "<circle cx=\"200\" cy=\"60\" r=\"5\" fill=\"#c0392b\""));
  CHECK("chart: polyline", has(s, "<polyline points=\"10,10 20.5,30 40,15\" "
                                  "fill=\"none\" stroke=\"#000000\""));
  CHECK("chart: text escaped and anchored",
        has(s, "<text x=\"70\" y=\"140\" font-size=\"9\" text-anchor=\"middle\" "
               "font-weight=\"bold\">Skovlund &amp; &lt;Co&gt;</text>"));
  CHECK("chart: figcaption with number",
        has(s, "<figcaption><span class=\"nr\">Figur 1.</span> Virksomheder pr. "
               "partnerskab</figcaption>"));
  CHECK("chart: data table in details",
        has(s, "<details class=\"figurdata\"><summary>Data bag figuren</summary>"));
  CHECK("chart: data table has header cells", has(s, "<th scope=\"col\">Partnerskab</th>"));
  CHECK("chart: data table is not numbered", !has(s, "Tabel 1."));
  CHECK("chart: data table box named after the figure",
        has(s, "id=\"fig:virk-data\" "
               "data-navn=\"Data bag figuren (Figur 1)\""));
  buf_free(&want);
  free(lab);
  free(s);
  doc_free(d);
}

static void write_png(const char *path) {
  /* a 1x1 PNG */
  static const unsigned char png[] = {
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
      0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
      0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
      0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0x60, 0x60, 0xf8,
      0x0f, 0x00, 0x01, 0x04, 0x01, 0x00, 0x5f, 0xe5, 0xc3, 0x4b, 0x00, 0x00,
      0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
  fs_write_atomic(path, png, sizeof png);
}

static void test_image(void) {
  char png[300];
  snprintf(png, sizeof png, "%s/logo.png", tmpdir);
  write_png(png);
  doc *d = doc_new();
  doc_node *f = add(d->root, DOC_FIGURE);
  doc_node *im = add(f, DOC_IMAGE);
  doc_set(&im->text, png);
  doc_set(&im->alt, "Projektets logo \"Sammen\"");
  text(add(f, DOC_CAPTION), "Logo");
  resolve(d);
  char *s = render(d);
  CHECK("image: embedded as data URI",
        has(s, "<img class=\"billede\" alt=\"Projektets logo &quot;Sammen&quot;\" "
               "width=\"1\" height=\"1\" src=\"data:image/png;base64,iVBORw0KGgo"));
  CHECK("image: no file reference", !has(s, "logo.png"));
  free(s);

  /* a missing image is an error and leaves the old page in place */
  char path[300];
  snprintf(path, sizeof path, "%s/behold.html", tmpdir);
  fs_write_atomic(path, "gammel", 6);
  doc_set(&im->text, "/findes/ikke.png");
  im->file = doc_intern_file(d, "kapitler/01.md");
  im->line = 7;
  diag_list dl;
  diag_init(&dl);
  resolve_structure(d, NULL, da);
  int rc = html_write(d, NULL, da, path, &dl);
  CHECK_NUM("image: missing file fails", rc, -1);
  CHECK("image: message names the file and line",
        dl.len == 1 && dl.items[0].line == 7 &&
            strstr(dl.items[0].message, "/findes/ikke.png"));
  char *old = fs_read(path, NULL);
  CHECK_STR("image: old output untouched", old, "gammel");
  free(old);
  diag_free(&dl);
  doc_free(d);
}

static void test_page(void) {
  doc *d = doc_new();
  doc_set(&d->meta.lang, "en");
  doc_set(&d->meta.title, "Growing together");
  doc_set(&d->meta.subtitle, "Follow-research in local partnerships");
  doc_set(&d->meta.edition_title, "Midway report");
  doc_set(&d->meta.date, "2025-06-30");
  d->meta.authors = xcalloc(2, sizeof(char *));
  d->meta.authors[0] = xstrdup("Karen Holm");
  d->meta.authors[1] = xstrdup("Jonas \"JV\" Vestergaard");
  d->meta.nauthors = 2;
  d->meta.fictional = true;
  add(d->root, DOC_TOC);
  heading(d->root, 1, "Introduction", NULL);
  heading(d->root, 2, "Background", "sec:bg");
  heading(d->root, 1, "Introduction", NULL);
  doc_node *hid = heading(d->root, 1, "Colophon", NULL);
  hid->flags |= DOC_NOT_IN_TOC;
  doc_node *raw = add(d->root, DOC_RAW_HTML);
  doc_set(&raw->text, "<iframe src=\"https://evil.example\"></iframe>");
  add(d->root, DOC_LIST_OF_TABLES);
  table(d->root, "tbl:a", "First table", NULL, "A|B\n1|2\n", 1);
  add(d->root, DOC_PAGE_BREAK);
  resolve(d);
  diag_list dl;
  diag_init(&dl);
  theme th = {0};
  th.name = "test";
  th.css = "p{color:#111}</style><script>alert(1)</script>";
  int rc;
  char *s = render_with(d, &th, &dl, &rc);
  CHECK_NUM("page: written", rc, 0);
  CHECK("page: doctype and lang", has(s, "<!DOCTYPE html>\n<html lang=\"en\">"));
  CHECK("page: title with edition",
        has(s, "<title>Growing together \xE2\x80\x93 Midway report</title>"));
  CHECK("page: meta description",
        has(s, "<meta name=\"description\" content=\"Follow-research in local "
               "partnerships\">"));
  CHECK("page: authors escaped in meta",
        has(s, "content=\"Karen Holm and Jonas &quot;JV&quot; Vestergaard\""));
  CHECK("page: no request possible (CSP)", has(s, "default-src 'none'"));
  CHECK("page: skip link first in body",
        has(s, "\">\n<a class=\"spring\" href=\"#indhold\">") &&
            strstr(s, "<a class=\"spring\"") - strstr(s, "<body") < 200);
  CHECK("page: main is the skip target", has(s, "<main id=\"indhold\""));
  CHECK("page: fictional mark", has(s, "<p class=\"maerkat\">"));
  CHECK("page: date", has(s, "<time datetime=\"2025-06-30\">30\xC2\xA0June\xC2\xA0" "2025</time>"));
  CHECK("page: h1 is the title", has(s, "<h1>Growing together</h1>"));
  CHECK("page: chapter heading is h2 with self link",
        has(s, "<h2 id=\"introduction\"><a class=\"anker\" "
               "href=\"#introduction\">Introduction</a></h2>"));
  CHECK("page: same heading twice gets another id",
        has(s, "<h2 id=\"introduction-2\">"));
  CHECK("page: toc is a nav with links",
        has(s, "<nav class=\"indhold\"") && has(s, "<li><a href=\"#sec:bg\">Background</a>"));
  CHECK("page: toc nests levels",
        has(s, "Introduction</a><ol><li><a href=\"#sec:bg\">"));
  const char *nav_end = strstr(s, "</nav>");
  CHECK("page: heading kept out of toc stays out",
        nav_end && (!strstr(s, "Colophon") || strstr(s, "Colophon") > nav_end));
  CHECK("page: toc before main", nav_end && nav_end < strstr(s, "<main"));
  CHECK("page: raw HTML dropped", !has(s, "<iframe") && !has(s, "evil.example"));
  CHECK("page: raw HTML reported once", dl.warnings == 1);
  CHECK("page: theme css cannot close <style>",
        has(s, "p{color:#111}<\\/style><script>") && !has(s, "</style><script>"));
  CHECK("page: list of tables links the table",
        has(s, "<li><a href=\"#tbl:a\"><span class=\"nr\">Table 1.</span> First "
               "table</a></li>") ||
            has(s, "<li><a href=\"#tbl:a\"><span class=\"nr\">Tabel 1.</span> "
                   "First table</a></li>"));
  CHECK("page: page break hint", has(s, "<div class=\"sideskift\"></div>"));
  free(s);
  diag_free(&dl);

  /* an unwritable path is reported */
  diag_init(&dl);
  rc = html_write(d, NULL, da, "/findes/ikke/side.html", &dl);
  CHECK_NUM("page: unwritable path fails", rc, -1);
  CHECK("page: unwritable path reported", dl.errors == 1);
  diag_free(&dl);
  doc_free(d);
}

static void test_numbered_headings(void) {
  doc *d = doc_new();
  add(d->root, DOC_TOC);
  heading(d->root, 1, "Indledning", "sec:ind");
  heading(d->root, 2, "Baggrund", "sec:bag");
  heading(d->root, 1, "Forord", "sec:forord")->flags |= DOC_UNNUMBERED;
  heading(d->root, 1, "Metode", "sec:metode");
  heading(d->root, 2, "Data", "sec:data");
  resolve(d);
  theme_entry e[1] = {{"heading.numbered", "true"}};
  theme th = {0};
  th.entries = e;
  th.len = 1;
  diag_list dl;
  diag_init(&dl);
  int rc;
  char *s = render_with(d, &th, &dl, &rc);
  CHECK("numbered: first chapter",
        has(s, "<h2 id=\"sec:ind\"><a class=\"anker\" href=\"#sec:ind\"><span "
               "class=\"afsnitsnr\">1</span> Indledning</a></h2>"));
  CHECK("numbered: second level", has(s, "<span class=\"afsnitsnr\">1.1</span> Baggrund"));
  CHECK("numbered: unnumbered heading skipped",
        has(s, "href=\"#sec:forord\">Forord</a></h2>") &&
            has(s, "<span class=\"afsnitsnr\">2</span> Metode"));
  CHECK("numbered: second level restarts", has(s, "<span class=\"afsnitsnr\">2.1</span> Data"));
  CHECK("numbered: contents shows the numbers",
        has(s, "<li><a href=\"#sec:data\"><span class=\"afsnitsnr\">2.1</span> Data</a>"));
  free(s);
  diag_free(&dl);
  s = render(d);
  CHECK("numbered: off by default", !has(s, "afsnitsnr\">"));
  free(s);
  doc_free(d);
}

static void test_lists_and_blocks(void) {
  doc *d = doc_new();
  doc_node *l = add(d->root, DOC_LIST);
  l->flags = DOC_ORDERED | DOC_TIGHT;
  l->number = 3;
  para(add(l, DOC_ITEM), "tre");
  para(add(l, DOC_ITEM), "fire");
  doc_node *q = add(d->root, DOC_QUOTE);
  para(q, "Vi mødes oftere nu (konsulent)");
  doc_node *cb = add(d->root, DOC_CODE_BLOCK);
  doc_set(&cb->text, "a < b && c");
  doc_node *p = para(d->root, "a");
  add(p, DOC_LINE_BREAK);
  doc_node *e = add(p, DOC_EMPH);
  text(e, "b");
  doc_node *st = add(p, DOC_STRONG);
  text(st, "c");
  doc_node *sk = add(p, DOC_STRIKE);
  text(sk, "d");
  doc_node *code = add(p, DOC_CODE);
  doc_set(&code->text, "<x>");
  doc_node *hp = para(d->root, "Holm, K. (2024)");
  hp->flags |= DOC_HANGING;
  char *s = render(d);
  CHECK("blocks: ordered tight list with start",
        has(s, "<ol start=\"3\">\n<li>tre</li>\n<li>fire</li>\n</ol>"));
  CHECK("blocks: quote", has(s, "<blockquote>\n<p>Vi mødes oftere nu (konsulent)</p>"));
  CHECK("blocks: code escaped", has(s, "<pre><code>a &lt; b &amp;&amp; c</code></pre>"));
  CHECK("blocks: inlines",
        has(s, "<p>a<br>\n<em>b</em><strong>c</strong><del>d</del><code>&lt;x&gt;</code></p>"));
  CHECK("blocks: hanging indent", has(s, "<p class=\"haengende\">Holm"));
  free(s);
  doc_free(d);
}

/* ---- the sample report for the browser tests ---- */

static doc *sample(void) {
  doc *d = doc_new();
  doc_set(&d->meta.title, "Sammen om væksten");
  doc_set(&d->meta.subtitle, "Følgeforskning i lokale partnerskaber");
  doc_set(&d->meta.edition_title, "Midtvejsrapport");
  doc_set(&d->meta.organisation, "Institut for Samarbejdsforskning");
  doc_set(&d->meta.date, "2025-06-30");
  d->meta.authors = xcalloc(2, sizeof(char *));
  d->meta.authors[0] = xstrdup("Karen Holm");
  d->meta.authors[1] = xstrdup("Jonas Vestergaard");
  d->meta.nauthors = 2;
  d->meta.fictional = true;
  doc_node *r = d->root;
  add(r, DOC_TOC);
  heading(r, 1, "Indledning", "sec:indledning");
  doc_node *p = para(r, "Denne rapport følger tre fiktive partnerskaber i "
                        "Skovlund, Havbjerg og Ådal gennem projektets første "
                        "halvdel. Den viser, hvor langt hvert partnerskab er "
                        "nået på typologien, og hvad der har hjulpet");
  footnote(d, p, "fn:typologi", "Typologien er beskrevet i kapitel 2.");
  text(p, ". Et overblik findes i ");
  doc_node *x = add(p, DOC_XREF);
  doc_set(&x->text, "tbl:idealtyper");
  text(p, ", og aktiviteterne ses i ");
  x = add(p, DOC_XREF);
  doc_set(&x->text, "fig:aktiviteter");
  x->flags |= DOC_CAPITALISE;
  text(p, ". Læs mere på ");
  mklink(p, "https://example.org/projekt", "projektets side");
  text(p, ".");
  heading(r, 2, "Læsevejledning", NULL);
  doc_node *l = add(r, DOC_LIST);
  l->flags = DOC_TIGHT;
  para(add(l, DOC_ITEM), "Kapitel 2 beskriver metoden og typologien.");
  para(add(l, DOC_ITEM), "Kapitel 3 viser placeringen pr. element og runde.");
  doc_node *q = add(r, DOC_QUOTE);
  para(q, "»Vi taler sammen oftere nu, men vi har endnu ikke fælles mål.« "
          "(konsulent)");
  heading(r, 1, "Metode og typologi", "sec:metode");
  para(r, "Partnerskaberne placeres for hvert element på en af tre "
          "idealtyper: kantinen, klubben og kompagniet. Tabellen har lange "
          "celler og ruller vandret i sin egen boks på en smal skærm.");
  table(r, "tbl:idealtyper", "Idealtyper pr. element", NULL,
        "Element|Kantinen|Klubben|Kompagniet\n"
        "Mandat|Deltagerne møder op uden et klart mandat fra deres "
        "ledelse.|Deltagerne har mandat til at indgå aftaler inden for "
        "egen sektor.|Ledelserne har givet et fælles mandat, og aftaler "
        "følges op i linjen.\n"
        "Ressourcer|Samarbejdet kører på overskud og frivillighed.|Der er "
        "afsat timer, men de konkurrerer med driften.|Der er fælles, "
        "budgetterede ressourcer og en koordinator.\n"
        "Mål|Parterne har hver deres mål.|Målene er forenelige og kendte af "
        "alle.|Parterne har formuleret fælles mål og følger dem op.\n",
        1);
  table(r, "tbl:placering", "Placering pr. element, midtvejs", "lccc",
        "Element|Skovlund|Havbjerg|Ådal\n"
        "Mandat|klub|kantine|kompagni\n"
        "Ressourcer|klub|klub|kantine\n"
        "Mål|kompagni|kantine|klub\n",
        1);
  doc_node *tp = r->last;
  long fills[] = {0xdbe8f5, 0xf6e3c6, 0x1f4e79};
  for (int row = 1; row <= 3; row++)
    for (int col = 1; col <= 3; col++) {
      doc_node *c = cell(tp, row, col);
      const char *v = c->first->text;
      c->fill = fills[v[1] == 'l' ? 0 : v[2] == 'n' ? 1 : 2];
    }
  doc_set(&tp->title, "Forskergruppens vurderinger, runde 2");
  heading(r, 1, "Aktiviteter", "sec:aktiviteter");
  para(r, "Figuren viser antal kontaktede virksomheder pr. partnerskab. "
          "Data bag figuren kan foldes ud under den.");
  doc_node *f = chart_figure(r, "fig:aktiviteter");
  doc_set(&f->title, "Partnerskabernes egne optællinger");
  table(r, "tbl:aktiviteter", "Aktiviteter mod mål", "lrrr",
        "Partnerskab|Kontaktet|Screenet|Mål\n"
        "Skovlund|120|48|150\nHavbjerg|95|30|150\nÅdal|143|61|150\n"
        "I alt|358|139|450\n",
        1);
  for (int c = 0; c < 4; c++)
    cell(r->last, 4, c)->flags |= DOC_STRONG_CELL;
  heading(r, 2, "Oversigter", NULL)->flags |= DOC_NOT_IN_TOC;
  add(r, DOC_LIST_OF_TABLES);
  add(r, DOC_LIST_OF_FIGURES);
  p = para(r, "Kontakt: ");
  mklink(p, "mailto:karen@example.org", "karen@example.org");
  doc_node *code = add(p, DOC_CODE);
  doc_set(&code->text, "rapport build");
  resolve(d);
  return d;
}

static int write_samples(const char *dir) {
  fs_mkdirs(dir);
  const char *themes[] = {"klassisk", "kommune"};
  int rc = 0;
  for (int i = 0; i < 2; i++) {
    theme th = {0};
    th.name = (char *)themes[i];
    char css_path[256], out[512];
    snprintf(css_path, sizeof css_path, "themes/%s/theme.css", themes[i]);
    th.css = fs_read(css_path, NULL);
    if (!th.css) {
      fprintf(stderr, "%s mangler\n", css_path);
      rc = 1;
      continue;
    }
    doc *d = sample();
    snprintf(out, sizeof out, "%s/%s.html", dir, themes[i]);
    diag_list dl;
    diag_init(&dl);
    resolve_structure(d, &th, da);
    if (html_write(d, &th, da, out, &dl) != 0) {
      diag_print(&dl);
      rc = 1;
    }
    diag_free(&dl);
    doc_free(d);
    free(th.css);
  }
  return rc;
}

int main(void) {
  diag_list dl;
  diag_init(&dl);
  da = locale_load("da", ".", &dl);
  en = locale_load("en", ".", &dl);
  diag_free(&dl);
  const char *sample_dir = getenv("RAPPORT_HTML_SAMPLE_DIR");
  if (sample_dir && *sample_dir) {
    int rc = write_samples(sample_dir);
    locale_free(da);
    locale_free(en);
    return rc;
  }
  snprintf(tmpdir, sizeof tmpdir, "/tmp/test_html.XXXXXX");
  if (!mkdtemp(tmpdir)) {
    perror("mkdtemp");
    return 2;
  }
  CHECK("locale loaded", da != NULL);
  test_escaping();
  test_links();
  test_tables();
  test_footnotes();
  test_chart();
  test_image();
  test_page();
  test_lists_and_blocks();
  test_numbered_headings();
  locale_free(da);
  locale_free(en);
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  if (system(cmd) != 0)
    fprintf(stderr, "could not remove %s\n", tmpdir);
  return TEST_END();
}
