/* test_resolve.c - the resolve stage, from small trees built by hand: table
 * numbers and cross-reference texts (doc_resolve); the contents (entries,
 * levels, depth, the literature list), section numbers, the lists of tables
 * and figures and the date (resolve_structure). */
#include <stdlib.h>
#include <string.h>

#include "doc/doc.h"
#include "project/locale.h"
#include "doc/resolve.h"
#include "test.h"
#include "project/theme.h"
#include "util/buf.h"
#include "util/diag.h"

static doc_node *S_heading(doc_node *parent, int level, const char *text,
                           const char *id, unsigned flags) {
  doc_node *h = doc_node_new(DOC_HEADING);
  h->level = level;
  h->flags = flags;
  doc_set(&h->id, id);
  doc_append(h, doc_text(text));
  doc_append(parent, h);
  return h;
}

static doc_node *S_captioned(doc_node *parent, doc_type type, const char *id,
                             const char *caption) {
  doc_node *n = doc_node_new(type);
  doc_set(&n->id, id);
  doc_node *c = doc_node_new(DOC_CAPTION);
  doc_append(c, doc_text(caption));
  doc_append(n, c);
  doc_append(parent, n);
  return n;
}

/* doc_resolve: numbers, cross-reference texts, unknown and duplicate labels */
static void test_references(void) {
  doc *d = doc_new();
  S_heading(d->root, 1, "Indledning og baggrund", NULL, 0);
  S_captioned(d->root, DOC_TABLE, "tbl:a", "Første");
  doc_node *uden = doc_node_new(DOC_TABLE); /* no caption: no number */
  doc_set(&uden->id, "tbl:uden");
  doc_append(d->root, uden);
  S_captioned(d->root, DOC_TABLE, "tbl:b", "Anden");
  doc_node *p = doc_node_new(DOC_PARAGRAPH);
  doc_node *x1 = doc_node_new(DOC_XREF), *x2 = doc_node_new(DOC_XREF),
           *x3 = doc_node_new(DOC_XREF);
  doc_set(&x1->text, "tbl:b");
  doc_set(&x2->text, "tbl:a");
  x2->flags |= DOC_CAPITALISE;
  doc_set(&x3->text, "indledning-og-baggrund");
  doc_append(p, x1);
  doc_append(p, doc_text(" / "));
  doc_append(p, x2);
  doc_append(p, doc_text(" / "));
  doc_append(p, x3);
  doc_append(d->root, p);
  doc_words w = {"tabel", "figur", "afsnit"};
  diag_list dl;
  diag_init(&dl);
  CHECK_NUM("resolve succeeds", doc_resolve(d, &w, &dl), 0);
  char *t = doc_plain_text(p);
  CHECK_STR("xrefs get numbers, capitalised on request, headings by title",
            t, "tabel 2 / Tabel 1 / Indledning og baggrund");
  free(t);
  CHECK_NUM("uncaptioned table is not numbered", uden->number, 0);
  doc_node *bad = doc_node_new(DOC_XREF);
  doc_set(&bad->text, "tbl:findes-ikke");
  bad->line = 7;
  doc_node *p2 = doc_node_new(DOC_PARAGRAPH);
  p2->file = doc_intern_file(d, "kap.md");
  doc_append(p2, bad);
  doc_append(d->root, p2);
  S_captioned(d->root, DOC_TABLE, "tbl:a", "Dublet");
  CHECK_NUM("unknown label fails", doc_resolve(d, &w, &dl), -1);
  bool named = false, dup = false;
  for (size_t i = 0; i < dl.len; i++) {
    if (strstr(dl.items[i].message, "@tbl:findes-ikke") && dl.items[i].line == 7 &&
        dl.items[i].file && !strcmp(dl.items[i].file, "kap.md"))
      named = true;
    if (strstr(dl.items[i].message, "'tbl:a' er brugt to gange"))
      dup = true;
  }
  CHECK("unknown label error names label, file and line", named);
  CHECK("duplicate label is an error", dup);
  diag_free(&dl);
  doc_free(d);
}

/* "level|number|title|target|kind" per line, for one comparison. */
static char *S_dump(const doc_entries *v) {
  buf b = BUF_INIT;
  for (size_t i = 0; i < v->len; i++) {
    const doc_entry *e = &v->items[i];
    buf_printf(&b, "%d|%s|%s|%s|%c\n", e->level, e->number_text,
               e->title_text, e->target_id ? e->target_id : "-",
               "SUTF"[e->kind]);
  }
  return buf_detach(&b);
}

/* A report: a preface kept out ({-}), two chapters with sections down to
 * level 4, the literature list (unnumbered, in the contents), an appendix, a
 * captioned table, a chart's data table, a figure and a note with a
 * heading in it. */
static doc *S_report(void) {
  doc *d = doc_new();
  doc_node *r = d->root;
  doc_append(r, doc_node_new(DOC_TOC));
  S_heading(r, 1, "Forord", "forord", DOC_UNNUMBERED | DOC_NOT_IN_TOC);
  S_heading(r, 1, "Indledning", "sec:ind", 0);
  S_heading(r, 2, "Baggrund", "sec:bag", 0);
  S_heading(r, 3, "Detaljer", "sec:det", 0);
  S_heading(r, 4, "Helt nede", "sec:dybt", 0);
  S_captioned(r, DOC_TABLE, "tbl:a", "Aktiviteter");
  S_heading(r, 2, "Læsevejledning", "sec:laes", DOC_NOT_IN_TOC);
  S_heading(r, 1, "Metode", "sec:met", 0);
  doc_node *fig = S_captioned(r, DOC_FIGURE, "fig:a", "Profiler");
  doc_node *data = S_captioned(fig, DOC_TABLE, NULL, "Data bag figuren");
  data->flags |= DOC_CHART_DATA;
  S_heading(r, 1, "Litteratur", "litteratur", DOC_UNNUMBERED);
  S_heading(r, 1, "Bilag", "sec:bilag", 0);
  S_heading(r, 2, "Spørgeskemaet", "sec:skema", 0);
  doc_node *fn = doc_node_new(DOC_FOOTNOTE_DEF);
  doc_set(&fn->id, "fn1");
  S_heading(fn, 1, "Overskrift i en note", "sec:note", 0);
  doc_append(r, fn);
  doc_words w = {"tabel", "figur", "afsnit"};
  diag_list dl;
  diag_init(&dl);
  doc_resolve(d, &w, &dl);
  diag_free(&dl);
  return d;
}

static doc_node *S_find(doc *d, const char *id) {
  doc_iter it;
  doc_iter_init(&it, d->root);
  doc_event ev;
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE)
    if (ev == DOC_EV_ENTER && it.cur->id && strcmp(it.cur->id, id) == 0)
      return it.cur;
  return NULL;
}

static void test_contents(const locale *da) {
  doc *d = S_report();
  resolve_structure(d, NULL, da);
  const doc_resolved *r = d->res;
  CHECK("resolve fills d->res", r != NULL);
  CHECK_NUM("default depth", r->toc_depth, RESOLVE_TOC_DEPTH);
  char *s = S_dump(&r->contents);
  CHECK_STR("default contents: levels 1-2, the literature list included, "
            "{-} and unlisted headings and notes left out, no numbers",
            s,
            "1||Indledning|sec:ind|S\n"
            "2||Baggrund|sec:bag|S\n"
            "1||Metode|sec:met|S\n"
            "1||Litteratur|litteratur|U\n"
            "1||Bilag|sec:bilag|S\n"
            "2||Spørgeskemaet|sec:skema|S\n");
  free(s);
  CHECK("headings are not numbered by default",
        S_find(d, "sec:ind")->number_text == NULL);
  s = S_dump(&r->tables);
  CHECK_STR("list of tables: the captioned table, not a chart's data", s,
            "0|1|Aktiviteter|tbl:a|T\n");
  free(s);
  s = S_dump(&r->figures);
  CHECK_STR("list of figures", s, "0|1|Profiler|fig:a|F\n");
  free(s);

  /* one setting for every writer: numbered headings, depth 3 */
  theme_entry e[] = {{"toc.depth", "3"}, {"heading.numbered", "true"}};
  theme th = {0};
  th.entries = e;
  th.len = 2;
  resolve_structure(d, &th, da); /* replaces the first result */
  r = d->res;
  CHECK_NUM("depth from the theme", r->toc_depth, 3);
  s = S_dump(&r->contents);
  CHECK_STR("numbered contents at depth 3; the literature list unnumbered", s,
            "1|1|Indledning|sec:ind|S\n"
            "2|1.1|Baggrund|sec:bag|S\n"
            "3|1.1.1|Detaljer|sec:det|S\n"
            "1|2|Metode|sec:met|S\n"
            "1||Litteratur|litteratur|U\n"
            "1|3|Bilag|sec:bilag|S\n"
            "2|3.1|Spørgeskemaet|sec:skema|S\n");
  free(s);
  CHECK_STR("an unlisted heading is still numbered",
            S_find(d, "sec:laes")->number_text, "1.2");
  CHECK("level 4 gets no number", S_find(d, "sec:dybt")->number_text == NULL);
  CHECK("an unnumbered heading gets no number",
        S_find(d, "litteratur")->number_text == NULL);
  CHECK("a heading in a note is no section",
        S_find(d, "sec:note")->number_text == NULL);
  doc_free(d);
}

static void test_date(const locale *da, const locale *en) {
  doc *d = doc_new();
  doc_set(&d->meta.date, "2025-06-30");
  resolve_structure(d, NULL, da);
  CHECK_STR("date for readers (da)", d->res->date_display, "30. juni 2025");
  CHECK_STR("date for machines", d->res->date_iso, "2025-06-30");
  CHECK_STR("the configured date stays as written", d->meta.date,
            "2025-06-30");
  doc_set(&d->meta.lang, "en");
  resolve_structure(d, NULL, en);
  CHECK_STR("date for readers (en)", d->res->date_display, "30 June 2025");
  doc_set(&d->meta.date, "sommeren 2025");
  resolve_structure(d, NULL, da);
  CHECK_STR("a written-out date is shown as written", d->res->date_display,
            "sommeren 2025");
  CHECK("a written-out date has no machine form", d->res->date_iso == NULL);
  doc_set(&d->meta.date, NULL);
  resolve_structure(d, NULL, da);
  CHECK("no date, nothing shown", d->res->date_display == NULL);
  doc_free(d);
}

int main(void) {
  diag_list dl;
  diag_init(&dl);
  locale *da = locale_load("da", ".", &dl);
  locale *en = locale_load("en", ".", &dl);
  diag_free(&dl);
  CHECK("locales load", da && en);
  test_references();
  test_contents(da);
  test_date(da, en);
  locale_free(da);
  locale_free(en);
  return TEST_END();
}
