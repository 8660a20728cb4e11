/* test_layout.c - the layout on numbers: lines inside the text area, the
 * table of contents pointing at the right pages, hyphenation runs, tables
 * that break across pages with their header repeated, footnotes on the page
 * of their reference. Linked without libharu (Makefile): layout is a
 * stage of its own; the PDF writer's test is test_pdf_font. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "doc/doc.h"
#include "layout/layout.h"
#include "project/locale.h"
#include "doc/resolve.h"
#include "test.h"
#include "project/theme.h"
#include "util/fs.h"
#include "util/mem.h"

static const char *LOREM =
    "Partnerskabet mellem kommunen, de lokale virksomheder og "
    "uddannelsesinstitutionerne har i den forløbne periode udviklet sig fra "
    "en løs koordinationsgruppe til et egentligt samarbejde med fælles mål, "
    "fælles ressourcer og en tydelig arbejdsdeling. Følgeforskningen viser, "
    "at kompetenceudviklingen blandt medarbejderne er blevet styrket, og at "
    "de deltagende organisationer i stigende grad oplever partnerskabet som "
    "en platform for læring på tværs af sektorgrænserne. Æblerne i Ærøskøbing "
    "og østers fra Åbenrå nævnes ikke, men øjensynligt er ånden god.";

static doc_node *S_para(const char *text) {
  doc_node *p = doc_node_new(DOC_PARAGRAPH);
  doc_append(p, doc_text(text));
  return p;
}

static doc_node *S_heading(int level, const char *text, const char *id) {
  doc_node *h = doc_node_new(DOC_HEADING);
  h->level = level;
  doc_append(h, doc_text(text));
  doc_set(&h->id, id);
  return h;
}

static doc_node *S_table(int rows, int number) {
  doc_node *t = doc_node_new(DOC_TABLE);
  t->ncols = 3;
  t->number = number;
  doc_set(&t->id, "tbl:lang");
  doc_set(&t->title, "Egne beregninger");
  doc_node *cap = doc_node_new(DOC_CAPTION);
  doc_append(cap, doc_text("Vurderinger pr. partnerskab og element"));
  doc_append(t, cap);
  const char *head[3] = {"Partnerskab", "Element", "Begrundelse"};
  doc_node *hr = doc_node_new(DOC_TABLE_ROW);
  hr->flags |= DOC_HEADER_ROW;
  for (int i = 0; i < 3; i++) {
    doc_node *c = doc_node_new(DOC_TABLE_CELL);
    c->fill = -1;
    doc_append(c, doc_text(head[i]));
    doc_append(hr, c);
  }
  doc_append(t, hr);
  for (int r = 0; r < rows; r++) {
    doc_node *row = doc_node_new(DOC_TABLE_ROW);
    const char *cells[3] = {r % 3 == 0 ? "Skovlund" : r % 3 == 1 ? "Havbjerg"
                                                                 : "Ådal",
                            "Mandat",
                            r % 4 == 0 ? LOREM
                                       : "Klart mandat fra byrådet og "
                                         "direktionen."};
    for (int i = 0; i < 3; i++) {
      doc_node *c = doc_node_new(DOC_TABLE_CELL);
      c->fill = -1;
      doc_append(c, doc_text(cells[i]));
      doc_append(row, c);
    }
    doc_append(t, row);
  }
  return t;
}

/* Six narrow columns, one with a word far wider than its column. */
static doc_node *S_narrow_table(void) {
  doc_node *t = doc_node_new(DOC_TABLE);
  t->ncols = 6;
  for (int r = 0; r < 3; r++) {
    doc_node *row = doc_node_new(DOC_TABLE_ROW);
    if (r == 0)
      row->flags |= DOC_HEADER_ROW;
    for (int i = 0; i < 6; i++) {
      doc_node *c = doc_node_new(DOC_TABLE_CELL);
      c->fill = -1;
      doc_append(c, doc_text(i == 2 && r == 1
                                 ? "Kompetenceudviklingsborgerinddragelses"
                                   "forandringsprocesserneprojektledelsen"
                                 : "Kolonne med tekst"));
      doc_append(row, c);
    }
    doc_append(t, row);
  }
  return t;
}

static doc *S_sample(int chapters) {
  doc *d = doc_new();
  d->meta.title = xstrdup("Sammen om væksten");
  d->meta.subtitle = xstrdup("Følgeforskning i lokale partnerskaber");
  d->meta.edition_title = xstrdup("Midtvejsrapport");
  d->meta.organisation = xstrdup("Institut for Samarbejdsforskning");
  d->meta.date = xstrdup("30. juni 2025");
  free(d->meta.lang); /* doc_new set "da" already */
  d->meta.lang = xstrdup("da");
  d->meta.fictional = true;
  d->meta.source_epoch = 1751241600;
  d->meta.authors = xcalloc(2, sizeof(char *));
  d->meta.authors[0] = xstrdup("Karen Holm");
  d->meta.authors[1] = xstrdup("Jonas Vestergaard");
  d->meta.nauthors = 2;
  doc_append(d->root, doc_node_new(DOC_TOC));
  doc_append(d->root, doc_node_new(DOC_LIST_OF_TABLES));
  for (int ch = 1; ch <= chapters; ch++) {
    char id[32], title[64];
    snprintf(id, sizeof id, "kap-%d", ch);
    snprintf(title, sizeof title, "Kapitel %d om økonomi og ånd", ch);
    doc_append(d->root, S_heading(1, title, id));
    for (int s = 1; s <= 3; s++) {
      snprintf(id, sizeof id, "afs-%d-%d", ch, s);
      snprintf(title, sizeof title, "Afsnit %d.%d: Æresord", ch, s);
      doc_append(d->root, S_heading(2, title, id));
      for (int k = 0; k < 3; k++)
        doc_append(d->root, S_para(LOREM));
    }
    if (ch == 1) {
      doc_node *p = S_para("Se fodnoten her");
      doc_node *ref = doc_node_new(DOC_FOOTNOTE_REF);
      ref->number = 1;
      doc_set(&ref->text, "fn1");
      doc_append(p, ref);
      doc_append(p, doc_text(" og fortsæt."));
      doc_append(d->root, p);
      doc_append(d->root, S_table(30, 1));
      doc_append(d->root, S_narrow_table());
      doc_node *l = doc_node_new(DOC_LIST);
      for (int i = 0; i < 3; i++) {
        doc_node *it = doc_node_new(DOC_ITEM);
        doc_append(it, S_para("Et punkt i en liste med æøå."));
        doc_append(l, it);
      }
      doc_append(d->root, l);
    }
  }
  doc_node *fn = doc_node_new(DOC_FOOTNOTE_DEF);
  fn->number = 1;
  doc_set(&fn->id, "fn1");
  doc_append(fn, S_para("En fodnote med forklaring."));
  doc_append(d->root, fn);
  return d;
}

static int S_page_of_dest(const lay_result *r, const char *name) {
  for (size_t p = 0; p < r->npages; p++)
    for (size_t i = 0; i < r->pages[p].b.len; i++) {
      const lay_box *b = &r->pages[p].b.v[i];
      if (b->kind == LB_DEST && b->text && strcmp(b->text, name) == 0)
        return (int)p;
    }
  return -1;
}

static bool S_page_has_text(const lay_page *pg, const char *s) {
  for (size_t i = 0; i < pg->b.len; i++)
    if (pg->b.v[i].kind == LB_TEXT && pg->b.v[i].text &&
        strstr(pg->b.v[i].text, s))
      return true;
  return false;
}

int main(void) {
  diag_list dl;
  diag_init(&dl);
  theme *t = theme_load("klassisk", ".", ".", &dl);
  locale *l = locale_load("da", ".", &dl);
  CHECK("theme klassisk loads", t != NULL);
  CHECK("locale da loads", l != NULL);
  doc *d = S_sample(3);
  lay_fonts fonts;
  bool loaded = lay_fonts_load(d, t, &fonts, &dl) == 0;
  CHECK("fonts load", loaded);
  CHECK("the theme's fonts, hyphenation and chart family", loaded &&
        fonts.heading && fonts.mono && fonts.chart && fonts.hyph);
  if (!loaded || !t || !l) {
    diag_print(&dl);
    return TEST_END();
  }
  resolve_structure(d, t, l);
  lay_result r;
  int rc = lay_document(d, t, l, &fonts, &r, &dl);
  CHECK("layout succeeds", rc == 0);
  CHECK("several pages", r.npages > 5);

  /* every text box inside the text area, horizontally */
  size_t outside = 0;
  for (size_t p = 0; p < r.npages; p++)
    for (size_t i = 0; i < r.pages[p].b.len; i++) {
      const lay_box *b = &r.pages[p].b.v[i];
      if (b->kind != LB_TEXT)
        continue;
      /* a space ending a line is there for text extraction, not seen */
      size_t n = strlen(b->text);
      while (n && b->text[n - 1] == ' ')
        n--;
      double w = font_text_width(b->font, b->text, n, b->size);
      if (b->x < r.left - 0.01 || b->x + w > r.right + 0.01 ||
          b->y > r.page_height - 20 || b->y < 20) {
        if (outside++ < 3)
          printf("  outside: page %zu '%s' x=%.2f w=%.2f right=%.2f\n", p + 1,
                 b->text, b->x, w, r.right);
      }
    }
  CHECK_NUM("no text outside the text area", outside, 0);
  CHECK_NUM("no overfull lines", r.overfull_lines, 0);
  CHECK("at most two hyphenated lines in a row", r.max_hyphen_run <= 2);
  CHECK_NUM("no widow, orphan or lone heading forced", r.forced_breaks, 0);

  /* no two pieces of text on one baseline overlap (a word running into the
   * next table cell would) */
  size_t overlaps = 0;
  for (size_t p = 0; p < r.npages; p++) {
    const lay_page *pg = &r.pages[p];
    for (size_t i = 0; i < pg->b.len; i++) {
      const lay_box *a = &pg->b.v[i];
      if (a->kind != LB_TEXT)
        continue;
      size_t an = strlen(a->text);
      while (an && a->text[an - 1] == ' ')
        an--; /* the invisible space after a word */
      double aw = font_text_width(a->font, a->text, an, a->size);
      for (size_t k = 0; k < pg->b.len; k++) {
        const lay_box *b = &pg->b.v[k];
        if (k == i || b->kind != LB_TEXT || fabs(a->y - b->y) > 0.01 ||
            b->x < a->x)
          continue;
        if (a->x + aw > b->x + 0.01 && !(b->x == a->x && k < i)) {
          if (overlaps++ < 3)
            printf("  overlap on page %zu: '%s' and '%s'\n", p + 1, a->text,
                   b->text);
        }
      }
    }
  }
  CHECK_NUM("no text overlaps other text on its line", overlaps, 0);

  /* no heading is the last thing on its page */
  size_t alone = 0;
  for (size_t h = 0; h < r.nheadings; h++) {
    const lay_heading *hd = &r.headings[h];
    const lay_page *pg = &r.pages[hd->page];
    bool below = false;
    for (size_t i = 0; i < pg->b.len && !below; i++)
      if (pg->b.v[i].kind == LB_TEXT && pg->b.v[i].y > hd->y + 30 &&
          pg->b.v[i].y < r.bottom)
        below = true;
    if (!below && alone++ < 3)
      printf("  heading alone at the foot: %s\n", hd->title);
  }
  CHECK_NUM("no heading alone at the foot of a page", alone, 0);

  /* the table of contents: the entry's number is the heading's page */
  int kap2 = S_page_of_dest(&r, "kap-2");
  CHECK("chapter 2 placed", kap2 > 0);
  int toc = S_page_of_dest(&r, "toc");
  char num[16];
  snprintf(num, sizeof num, "%d", kap2 + 1);
  bool found = false;
  if (toc >= 0) {
    const lay_page *pg = &r.pages[toc];
    /* the entry line: find "Kapitel 2" and a number box on its baseline */
    for (size_t i = 0; i < pg->b.len && !found; i++) {
      const lay_box *b = &pg->b.v[i];
      if (b->kind != LB_TEXT || strncmp(b->text, "2", 1) != 0 ||
          (b->text[1] && b->text[1] != ' '))
        continue;
      for (size_t k = 0; k < pg->b.len; k++) {
        const lay_box *n = &pg->b.v[k];
        if (n->kind == LB_TEXT && fabs(n->y - b->y) < 0.1 &&
            strcmp(n->text, num) == 0 && n->x > r.right - 40)
          found = true;
      }
    }
  }
  CHECK("contents entry shows the chapter's page", found);

  /* the table breaks across pages and repeats its header */
  int pages_with_header = 0;
  for (size_t p = 0; p < r.npages; p++)
    if (S_page_has_text(&r.pages[p], "Begrundelse"))
      pages_with_header++;
  CHECK("table header repeated on a continued page", pages_with_header >= 2);
  bool cont = false;
  for (size_t p = 0; p < r.npages; p++)
    if (S_page_has_text(&r.pages[p], "(fortsat)"))
      cont = true;
  CHECK("continued table marked", cont);

  /* the footnote sits on the page of its reference */
  int ref = S_page_of_dest(&r, "fnref:1"), def = S_page_of_dest(&r, "fn:1");
  CHECK("footnote on the page of its reference", ref >= 0 && ref == def);

  /* the outline has every heading */
  CHECK("outline holds the headings", r.nheadings >= 3 * 4);

  /* a contents list but nothing to list: no page can move, yet the pass
   * that found that (set without its words' text, layout/cache.c) is not
   * the one written */
  doc *bare = doc_new();
  doc_append(bare->root, doc_node_new(DOC_TOC));
  doc_append(bare->root, S_para("Et afsnit uden overskrifter."));
  resolve_structure(bare, t, l);
  lay_result rbare;
  lay_document(bare, t, l, &fonts, &rbare, &dl);
  bool bare_text = false;
  for (size_t p = 0; p < rbare.npages; p++)
    bare_text |= S_page_has_text(&rbare.pages[p], "overskrifter");
  CHECK("a contents list without headings: the text is laid out", bare_text);
  lay_result_free(&rbare);
  doc_free(bare);

  /* speed: a long document (about 300 pages) */
  doc *big = S_sample(140);
  resolve_structure(big, t, l);
  lay_result rb;
  clock_t t0 = clock();
  lay_document(big, t, l, &fonts, &rb, &dl);
  double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
  printf("  %zu pages laid out in %.3f s\n", rb.npages, secs);
  CHECK("long document laid out", rb.npages > 200);
  lay_result_free(&rb);
  doc_free(big);

  lay_result_free(&r);
  lay_fonts_free(&fonts);
  doc_free(d);
  theme_free(t);
  locale_free(l);
  diag_free(&dl);
  return TEST_END();
}
