/* test_anon.c - pseudonymisation: the Danish forms of a name, replacement
 * over the document tree, the check after it, and the leak scan of written
 * HTML and PDF files. */
#include <hpdf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "anon/anon.h"
#include "anon/internal.h"
#include "doc/doc.h"
#include "pdf/finish.h"
#include "test.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fs.h"

/* The unit tests' word list: ord.txt in no order (so held in a hash
 * table), or ord-sorted.txt, the same words sorted as Debian's list is
 * (so looked up by binary search), with CRLF line breaks and none after
 * the last word. */
static const char *const S_word_lists[] = {"tests/fixtures/anon/ord.txt",
                                           "tests/fixtures/anon/ord-sorted.txt"};

static anon_map *S_map_words(const char *word_list) {
  anon_map *m = anon_map_new();
  anon_map_add(m, "Viborg", "Partnerskab A", "partnerskab");
  anon_map_add(m, "Viborg Kommune", "Kommune B", "organisation");
  anon_map_add(m, "Randers", "Partnerskab C", "partnerskab");
  anon_map_add(m, "Skive", "By D", "sted");
  anon_map_add(m, "Ådal", "Partnerskab E", "partnerskab");
  anon_map_add(m, "Jens Hansen", "konsulent", "person");
  anon_map_add(m, "Mette Olsen", "projektlederen", "person");
  anon_map_add(m, "Ole Berg", "konsulent", "person");
  anon_map_add(m, "Vejle", "Partnerskab V", "partnerskab");
  anon_map_load_words(m, word_list, NULL);
  return m;
}

static anon_map *S_map(void) { return S_map_words(S_word_lists[0]); }

#define TEXT(name, in, want)                                                   \
  do {                                                                         \
    char *got_ = anon_text(m, in);                                             \
    CHECK_STR(name, got_, want);                                               \
    free(got_);                                                                \
  } while (0)

static void test_forms(const char *word_list) {
  fprintf(stderr, "word list %s\n", word_list);
  anon_map *m = S_map_words(word_list);
  CHECK("map has nine names", anon_map_size(m) == 9);
  CHECK("unknown kind refused", !anon_map_add(m, "X", "Y", "hund"));
  CHECK("one-letter name refused", !anon_map_add(m, "Q", "Y", "sted"));
  TEXT("base form", "Mødet i Viborg.", "Mødet i Partnerskab A.");
  TEXT("genitive s", "Viborgs indsats", "Partnerskab A's indsats");
  TEXT("genitive apostrophe after s", "Randers' mål", "Partnerskab C's mål");
  TEXT("genitive with typographic apostrophe", "Randers’ mål",
       "Partnerskab C's mål");
  TEXT("English-style genitive", "Viborg's mål", "Partnerskab A's mål");
  TEXT("quoted name keeps its quotes", "'Viborg'", "'Partnerskab A'");
  TEXT("genitive of a multi-word name", "Viborg Kommunes rolle",
       "Kommune B's rolle");
  TEXT("hyphenated compound", "Randers-partnerskabet", "Partnerskab C-partnerskabet");
  TEXT("closed compound with a known word", "Viborgegnen er stor",
       "Partnerskab A-egnen er stor");
  TEXT("closed compound from the word list", "Viborggade 3",
       "Partnerskab A-gade 3");
  TEXT("upper case", "VIBORG OG RANDERS", "PARTNERSKAB A OG PARTNERSKAB C");
  TEXT("upper-case genitive", "VIBORGS", "PARTNERSKAB A'S");
  TEXT("multi-word across a line break", "i Viborg\nKommune", "i Kommune B");
  TEXT("multi-word across a no-break space", "i Viborg\xC2\xA0Kommune",
       "i Kommune B");
  TEXT("multi-word across several spaces", "i Viborg \t Kommune", "i Kommune B");
  TEXT("longest match first", "Viborg Kommune og Viborg",
       "Kommune B og Partnerskab A");
  TEXT("soft hyphen inside a name", "Vi\xC2\xAD" "borg", "Partnerskab A");
  TEXT("a common word in lower case is not the town", "en skive brød",
       "en skive brød");
  TEXT("the town capitalised is", "i Skive og Skives", "i By D og By D's");
  TEXT("an ordinary inflection of the word is not", "Skiven er rund",
       "Skiven er rund");
  TEXT("definite form of a place", "i Viborgen og Randerset",
       "i Partnerskab A og Partnerskab C");
  TEXT("definite genitive of a place", "Viborgens plan", "Partnerskab A's plan");
  TEXT("person to role", "sagde Jens Hansen", "sagde konsulent");
  TEXT("role capitalised at the start of a sentence",
       "Godt. Jens Hansen sagde", "Godt. Konsulent sagde");
  TEXT("role in parentheses stays lower case", "(Mette Olsen)",
       "(projektlederen)");
  TEXT("a role after another word", "sagde Ole Berg", "sagde konsulent");
  TEXT("a role word before the name is taken in",
       "takke projektleder Mette Olsen for", "takke projektlederen for");
  TEXT("a capitalised role word before the name",
       "Projektleder Mette Olsens plan", "Projektlederens plan");
  TEXT("another word before the name stays", "takke Mette Olsen og",
       "takke projektlederen og");
  TEXT("non-ASCII name", "Ådals plan", "Partnerskab E's plan");
  TEXT("decomposed Å (A + combining ring)", "A\xCC\x8A" "dals plan",
       "Partnerskab E's plan");
  TEXT("a name inside a word is left for the check", "Nordviborg",
       "Nordviborg");
  TEXT("an unknown ending is left for the check", "viborgenser",
       "viborgenser");
  TEXT("an ordinary word that begins with a name is not the name",
       "en vejleder fra Vejle", "en vejleder fra Partnerskab V");
  TEXT("a word for the people of a place is a name", "viborgensere",
       "viborgensere");
  TEXT("no name: unchanged", "Intet navn her.", "Intet navn her.");
  char *slug = anon_slug(m, "viborg-offentlig");
  CHECK_STR("a file name gets the pseudonym's slug", slug,
            "partnerskab-a-offentlig");
  free(slug);
  slug = anon_slug(m, "sec:aadal");
  CHECK_STR("an id with an ASCII spelling", slug, "sec:partnerskab-e");
  free(slug);
  anon_free(m);
}

static doc_node *S_para(doc_node *parent) {
  doc_node *p = doc_node_new(DOC_PARAGRAPH);
  doc_append(parent, p);
  return p;
}

static void test_tree(void) {
  anon_map *m = S_map();
  doc *d = doc_new();
  d->root->file = doc_intern_file(d, "kapitel.md");
  /* a heading with an id, referenced three ways */
  doc_node *h = doc_node_new(DOC_HEADING);
  doc_set(&h->id, "sec:viborg");
  doc_append(h, doc_text("Om Viborg"));
  doc_append(d->root, h);
  /* *Viborg* Kommune: a name over two inline nodes */
  doc_node *p1 = S_para(d->root);
  doc_node *em = doc_node_new(DOC_EMPH);
  doc_append(em, doc_text("Viborg"));
  doc_append(p1, em);
  doc_append(p1, doc_text(" Kommune har en plan, se "));
  doc_node *x = doc_node_new(DOC_XREF);
  doc_set(&x->text, "sec:viborg");
  doc_append(x, doc_text("Om Viborg"));
  doc_append(p1, x);
  doc_node *fr = doc_node_new(DOC_FOOTNOTE_REF);
  doc_set(&fr->text, "fn-viborg");
  doc_append(p1, fr);
  /* a soft break inside a multi-word name */
  doc_node *p2 = S_para(d->root);
  p2->line = 7;
  doc_append(p2, doc_text("Mødet i Viborg"));
  doc_append(p2, doc_node_new(DOC_SOFT_BREAK));
  doc_append(p2, doc_text("Kommune var godt. "));
  doc_node *l = doc_node_new(DOC_LINK);
  doc_set(&l->text, "#sec:viborg");
  doc_append(l, doc_text("Randers' side"));
  doc_append(p2, l);
  doc_node *ext = doc_node_new(DOC_LINK);
  doc_set(&ext->text, "https://www.viborg.dk/erhverv");
  doc_set(&ext->title, "Viborgs hjemmeside");
  doc_append(ext, doc_text("hjemmesiden"));
  doc_append(p2, ext);
  /* a figure: chart label, alt text, caption */
  doc_node *fig = doc_node_new(DOC_FIGURE);
  doc_set(&fig->id, "fig:randers");
  doc_node *ch = doc_node_new(DOC_CHART);
  ch->drawing = doc_drawing_new(100, 100);
  draw_item *it = doc_drawing_add(ch->drawing, DRAW_TEXT);
  it->text = strdup("Randers");
  doc_set(&ch->alt, "Søjler for Randers og Ådal");
  doc_append(fig, ch);
  doc_node *cap = doc_node_new(DOC_CAPTION);
  doc_append(cap, doc_text("Aktiviteter i RANDERS"));
  doc_append(fig, cap);
  doc_append(d->root, fig);
  /* a table cell, a code span and a code block */
  doc_node *tb = doc_node_new(DOC_TABLE);
  doc_set(&tb->title, "Kilde: Viborg Kommune");
  doc_node *row = doc_node_new(DOC_TABLE_ROW);
  doc_node *cell = doc_node_new(DOC_TABLE_CELL);
  doc_append(cell, doc_text("Skive"));
  doc_node *code = doc_node_new(DOC_CODE);
  doc_set(&code->text, "viborg.csv");
  doc_append(cell, code);
  doc_append(row, cell);
  doc_append(tb, row);
  doc_append(d->root, tb);
  doc_node *cb = doc_node_new(DOC_CODE_BLOCK);
  doc_set(&cb->text, "partnerskab = \"Viborg\"\n");
  doc_append(d->root, cb);
  /* two people with one role: two ids that must stay distinct */
  doc_node *h2 = doc_node_new(DOC_HEADING);
  doc_set(&h2->id, "sec:jens-hansen");
  doc_append(h2, doc_text("Jens Hansen"));
  doc_append(d->root, h2);
  doc_node *h3 = doc_node_new(DOC_HEADING);
  doc_set(&h3->id, "sec:ole-berg");
  doc_append(h3, doc_text("Ole Berg"));
  doc_append(d->root, h3);
  /* the footnote */
  doc_node *fn = doc_node_new(DOC_FOOTNOTE_DEF);
  doc_set(&fn->id, "fn-viborg");
  doc_node *fp = S_para(fn);
  doc_append(fp, doc_text("Se Viborgs plan."));
  doc_append(d->root, fn);
  /* metadata */
  doc_set(&d->meta.title, "Viborg og Randers");
  doc_set(&d->meta.subject, "Følgeforskning i Skive");
  d->meta.authors = calloc(3, sizeof *d->meta.authors);
  d->meta.authors[0] = strdup("Karen Holm");
  d->meta.authors[1] = strdup("Jens Hansen");
  d->meta.authors[2] = strdup("Ole Berg");
  d->meta.nauthors = 3;

  anon_apply(m, d);

  char *t;
  CHECK_STR("heading id", h->id, "sec:partnerskab-a");
  CHECK_STR("xref label follows the id", x->text, "sec:partnerskab-a");
  CHECK_STR("internal link follows the id", l->text, "#sec:partnerskab-a");
  CHECK_STR("footnote id", fn->id, "fn-partnerskab-a");
  CHECK_STR("footnote reference follows", fr->text, "fn-partnerskab-a");
  CHECK_STR("figure id", fig->id, "fig:partnerskab-c");
  CHECK_STR("two people with one role keep distinct ids", h3->id,
            "sec:konsulent-2");
  CHECK_STR("the first keeps the plain id", h2->id, "sec:konsulent");
  t = doc_plain_text(h);
  CHECK_STR("heading text", t, "Om Partnerskab A");
  free(t);
  t = doc_plain_text(p1);
  CHECK_STR("name over emphasis and text", t,
            "Kommune B har en plan, se Om Partnerskab A");
  free(t);
  t = doc_plain_text(p2);
  CHECK_STR("name over a soft break; external link unwrapped", t,
            "Mødet i Kommune B var godt. Partnerskab C's sidehjemmesiden");
  free(t);
  bool ext_gone = true;
  for (doc_node *c = p2->first; c; c = c->next)
    if (c->type == DOC_LINK && c->text && strstr(c->text, "http"))
      ext_gone = false;
  CHECK("external link with a name is unwrapped", ext_gone);
  CHECK_STR("chart label", it->text, "Partnerskab C");
  CHECK_STR("chart alt text", ch->alt, "Søjler for Partnerskab C og Partnerskab E");
  t = doc_plain_text(cap);
  CHECK_STR("caption in capitals", t, "Aktiviteter i PARTNERSKAB C");
  free(t);
  CHECK_STR("table source note", tb->title, "Kilde: Kommune B");
  t = doc_plain_text(cell);
  CHECK_STR("table cell and code span", t, "By DPartnerskab A.csv");
  free(t);
  CHECK_STR("code block", cb->text, "partnerskab = \"Partnerskab A\"\n");
  t = doc_plain_text(fp);
  CHECK_STR("footnote text", t, "Se Partnerskab A's plan.");
  free(t);
  CHECK_STR("meta title", d->meta.title, "Partnerskab A og Partnerskab C");
  CHECK_STR("meta subject", d->meta.subject, "Følgeforskning i By D");
  CHECK("two people with one role are one author", d->meta.nauthors == 2);
  CHECK_STR("researcher stays", d->meta.authors[0], "Karen Holm");
  CHECK_STR("person among the authors becomes the role", d->meta.authors[1],
            "Konsulent");

  diag_list dl;
  diag_init(&dl);
  CHECK("nothing left after apply", anon_check(m, d, &dl) == 0);
  /* a form that cannot be rewritten is reported at its source line */
  doc_append(p2, doc_text(" Nordviborg"));
  CHECK("a name inside a word is found by the check",
        anon_check(m, d, &dl) == 1);
  CHECK("the check names file and line",
        dl.len == 1 && dl.items[0].file &&
            strcmp(dl.items[0].file, "kapitel.md") == 0 &&
            dl.items[0].line == 7);
  CHECK("the check names the form",
        dl.len == 1 && strstr(dl.items[0].message, "Nordviborg"));
  diag_free(&dl);
  doc_free(d);
  anon_free(m);
}

static int S_scan_string(anon_map *m, const char *name, const char *content,
                         diag_list *dl) {
  char path[256];
  snprintf(path, sizeof path, "/tmp/test_anon_%d_%s", (int)getpid(), name);
  fs_write_atomic(path, content, strlen(content));
  int hits = anon_scan_output(m, path, dl);
  unlink(path);
  return hits;
}

static void test_scan_html(void) {
  anon_map *m = S_map();
  diag_list dl;
  diag_init(&dl);
  CHECK("clean HTML has no hits",
        S_scan_string(m, "ren.html",
                      "<html><head><title>Partnerskab A</title></head>\n"
                      "<body><p>en skive brød</p></body></html>\n",
                      &dl) == 0);
  CHECK("name in the title",
        S_scan_string(m, "a.html", "<title>\nViborg</title>", &dl) == 1);
  CHECK("hit names the line", dl.len && dl.items[dl.len - 1].line == 2);
  CHECK("name behind a character reference",
        S_scan_string(m, "b.html", "<p>&#86;iborg</p>", &dl) == 1);
  CHECK("name with a soft hyphen entity",
        S_scan_string(m, "c.html", "<p>Vi&shy;borg</p>", &dl) == 1);
  CHECK("name split by a tag",
        S_scan_string(m, "d.html", "<p><em>Viborg</em>\nKommune</p>", &dl) >= 1);
  CHECK("name in an id (slug)",
        S_scan_string(m, "e.html", "<h2 id=\"sec:aadal\">X</h2>", &dl) == 1);
  CHECK("name percent-encoded in a URL",
        S_scan_string(m, "f.html", "<a href=\"x?q=Viborg%20Kommune\">", &dl) == 1);
  CHECK("lower-case name in a URL",
        S_scan_string(m, "g.html", "<a href=\"https://randers.dk\">", &dl) == 1);
  CHECK("name as a prefix of a word",
        S_scan_string(m, "h.html", "<p>Viborgenserne</p>", &dl) == 1);
  CHECK("base64 data is not scanned",
        S_scan_string(m, "i.html",
                      "<img src=\"data:image/png;base64,AAVIBORGAAAA\">", &dl) == 0);
  CHECK("the message has the context",
        strstr(dl.items[dl.len - 1].message, "Viborgenserne") != NULL);
  CHECK("an embedded SVG image is decoded and scanned",
        S_scan_string(m, "svg.html",
                      "<img src=\"data:image/svg+xml;base64,"
                      "PHN2Zz48dGV4dD5WaWJvcmc8L3RleHQ+PC9zdmc+\">", &dl) == 1);
  CHECK("an embedded SVG: references decoded, runs across tspans joined",
        S_scan_string(m, "svg2.html",
                      "<img src=\"data:image/svg+xml;base64,"
                      "PHN2Zz48dGV4dD48dHNwYW4+VmliPC90c3Bhbj48dHNwYW4+JiMxMTE7cmc8L3RzcGFuPjwvdGV4dD48L3N2Zz4=\">", &dl) >= 1);
  anon_map_add(m, "Fiskbæk", "Sted F", "sted");
  CHECK("name written with a ligature (as PDF text may be)",
        S_scan_string(m, "lig.html", "<p>\xEF\xAC\x81skbæk</p>", &dl) == 1);
  CHECK("name with a decomposed letter",
        S_scan_string(m, "nfd.html", "<p>A\xCC\x8A" "dal</p>", &dl) == 1);
  CHECK("a name in the file name",
        S_scan_string(m, "viborg.html", "<p>x</p>", &dl) == 1);
  CHECK("an unreadable file is -1",
        anon_scan_output(m, "/tmp/findes-ikke.html", &dl) == -1);
  diag_free(&dl);
  anon_free(m);
}

/* A libharu document of one page with page_text on it, as the PDF writer
 * writes text: Identity-H in a Flate-compressed content stream. */
static HPDF_Doc S_one_page_pdf(const char *page_text, HPDF_Page *page_out) {
  HPDF_Doc pdf = HPDF_New(NULL, NULL);
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCurrentEncoder(pdf, "UTF-8");
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  const char *fn = HPDF_LoadTTFontFromFile(
      pdf, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", HPDF_TRUE);
  HPDF_Font font = HPDF_GetFont(pdf, fn, "UTF-8");
  HPDF_Page page = HPDF_AddPage(pdf);
  HPDF_Page_BeginText(page);
  HPDF_Page_SetFontAndSize(page, font, 12);
  HPDF_Page_TextOut(page, 50, 700, page_text);
  HPDF_Page_EndText(page);
  *page_out = page;
  return pdf;
}

/* A PDF written with libharu, as the PDF writer does: Identity-H text in a
 * Flate-compressed content stream, an outline and an Info dictionary. */
/* name_value: a PDF name added to the catalog (libharu writes its
 * non-ASCII bytes as #XX escapes), or NULL. */
static int S_scan_pdf_named(anon_map *m, const char *page_text,
                            const char *title, const char *outline,
                            const char *name_value, diag_list *dl) {
  HPDF_Page page;
  HPDF_Doc pdf = S_one_page_pdf(page_text, &page);
  HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, title);
  if (name_value)
    HPDF_Dict_AddName(pdf->catalog, "RapportTest", name_value);
  if (outline) {
    HPDF_Outline o = HPDF_CreateOutline(pdf, NULL, outline,
                                        HPDF_GetEncoder(pdf, "UTF-8"));
    HPDF_Outline_SetDestination(o, HPDF_Page_CreateDestination(page));
  }
  char path[256];
  snprintf(path, sizeof path, "/tmp/test_anon_%d.pdf", (int)getpid());
  HPDF_SaveToFile(pdf, path);
  HPDF_Free(pdf);
  int hits = anon_scan_output(m, path, dl);
  unlink(path);
  return hits;
}

static int S_scan_pdf(anon_map *m, const char *page_text, const char *title,
                      const char *outline, diag_list *dl) {
  return S_scan_pdf_named(m, page_text, title, outline, NULL, dl);
}

/* A PDF whose one page's content stream is ops (n bytes, uncompressed),
 * written by hand with a Helvetica resource F1. */
static int S_scan_pdf_ops(anon_map *m, const char *ops, size_t n,
                          diag_list *dl) {
  buf pdf = BUF_INIT;
  size_t off[6];
  buf_puts(&pdf, "%PDF-1.4\n");
  off[1] = pdf.len;
  buf_puts(&pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
  off[2] = pdf.len;
  buf_puts(&pdf, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
  off[3] = pdf.len;
  buf_puts(&pdf, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
                 " /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
                 "\nendobj\n");
  off[4] = pdf.len;
  buf_printf(&pdf, "4 0 obj\n<< /Length %zu >>\nstream\n", n);
  buf_put(&pdf, ops, n);
  buf_puts(&pdf, "\nendstream\nendobj\n");
  off[5] = pdf.len;
  buf_puts(&pdf, "5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
                 " >>\nendobj\n");
  size_t xref = pdf.len;
  buf_puts(&pdf, "xref\n0 6\n0000000000 65535 f \n");
  for (int i = 1; i < 6; i++)
    buf_printf(&pdf, "%010zu 00000 n \n", off[i]);
  buf_printf(&pdf, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
             xref);
  char path[256];
  snprintf(path, sizeof path, "/tmp/test_anon_ops_%d.pdf", (int)getpid());
  fs_write_atomic(path, pdf.data, pdf.len);
  buf_free(&pdf);
  int hits = anon_scan_output(m, path, dl);
  unlink(path);
  return hits;
}

static void test_scan_pdf(void) {
  anon_map *m = S_map();
  diag_list dl;
  diag_init(&dl);
  CHECK("clean PDF has no hits",
        S_scan_pdf(m, "Partnerskab A og en skive brød", "Rapport",
                   "Indledning", &dl) == 0);
  for (size_t i = 0; i < dl.len; i++)
    printf("    %s\n", dl.items[i].message);
  size_t before = dl.len;
  CHECK("name on the page",
        S_scan_pdf(m, "Mødet i Randers", "Rapport", NULL, &dl) >= 1);
  CHECK("the page is named",
        dl.len > before && strstr(dl.items[before].message, "side 1"));
  before = dl.len;
  CHECK("name only in the outline",
        S_scan_pdf(m, "Tekst", "Rapport", "Om Ådal", &dl) >= 1);
  CHECK("the outline is named",
        dl.len > before && strstr(dl.items[before].message, "bogmærke"));
  before = dl.len;
  CHECK("name only in the metadata title (UTF-16)",
        S_scan_pdf(m, "Tekst", "Viborg Kommunes rapport", NULL, &dl) >= 1);
  CHECK("the metadata is named",
        dl.len > before && strstr(dl.items[before].message, "metadata"));
  before = dl.len;
  CHECK("name only in a PDF name, #XX escaped (/sec:#C3#85dal)",
        S_scan_pdf_named(m, "Tekst", "Rapport", NULL, "sec:\xC3\x85" "dal",
                         &dl) >= 1);
  CHECK("the object is named",
        dl.len > before && strstr(dl.items[before].message, "objekt"));
  CHECK("a clean PDF name has no hit",
        S_scan_pdf_named(m, "Tekst", "Rapport", NULL, "sec:indledning", &dl) ==
            0);
  /* the PDF writer's form: 2-byte codes in a literal string, a zero byte
   * for each Latin letter; drawn off the page, so pdftotext does not see
   * it and only the raw scan of the content stream can */
  static const char off_page[] =
      "BT /F1 12 Tf -2000 700 Td (\0M\0\xF8\0d\0e\0t\0 \0i\0 "
      "\0R\0a\0n\0d\0e\0r\0s) Tj ET";
  before = dl.len;
  CHECK("name in a literal string of 2-byte codes, off the page",
        S_scan_pdf_ops(m, off_page, sizeof off_page - 1, &dl) >= 1);
  CHECK("the page's text layer is named",
        dl.len > before && strstr(dl.items[before].message, "tekstlag"));
  diag_free(&dl);
  anon_free(m);
}

/* The structure element a compact PDF's final pass adds in the test
 * below: a Figure whose /Alt is ctx, a PDF string as written, each \x01
 * in it a NUL byte. */
static void S_add_alt(void *ctx, unsigned first, buf *out) {
  buf_printf(out, "%u 0 obj\n<< /Type /StructElem /S /Figure /Alt ", first);
  for (const char *c = ctx; *c; c++)
    buf_putc(out, *c == '\x01' ? 0 : *c);
  buf_puts(out, " >>\nendobj\n");
}

/* As S_scan_pdf, through the PDF writer's final pass in compact form (as
 * rapport writes every PDF): the page, the outline and a Figure element
 * with alt (a PDF string) all inside deflated object streams. *packed
 * tells whether the element really went into one (not visible raw). */
static int S_scan_pdf_compact(anon_map *m, const char *page_text,
                              const char *alt, bool *packed, diag_list *dl) {
  HPDF_Page page;
  HPDF_Doc pdf = S_one_page_pdf(page_text, &page);
  HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, "Rapport");
  HPDF_Outline o = HPDF_CreateOutline(pdf, NULL, "Indledning",
                                      HPDF_GetEncoder(pdf, "UTF-8"));
  HPDF_Outline_SetDestination(o, HPDF_Page_CreateDestination(page));
  buf raw = BUF_INIT, fixed = BUF_INIT;
  HPDF_SaveToStream(pdf);
  HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
  buf_grow(&raw, size + 1);
  HPDF_ResetStream(pdf);
  HPDF_ReadFromStream(pdf, (HPDF_BYTE *)raw.data, &size);
  raw.len = size;
  HPDF_Free(pdf);
  int hits = -2;
  if (pdf_fix_with(raw.data, raw.len, "da", NULL, 0, S_add_alt, (void *)alt,
                   true, &fixed) == 0) {
    *packed = test_count(fixed.data, fixed.len, "/Type /ObjStm") > 0 &&
              test_count(fixed.data, fixed.len, "/Figure") == 0 &&
              test_count(fixed.data, fixed.len, "/Type /Page") == 0;
    char path[256];
    snprintf(path, sizeof path, "/tmp/test_anon_%d.pdf", (int)getpid());
    fs_write_atomic(path, fixed.data, fixed.len);
    hits = anon_scan_output(m, path, dl);
    unlink(path);
  }
  buf_free(&raw);
  buf_free(&fixed);
  return hits;
}

static void test_scan_pdf_compact(void) {
  anon_map *m = S_map();
  diag_list dl;
  diag_init(&dl);
  bool packed = false;
  /* "Partnerskab A" and "Viborg" in UTF-16BE hex, as pdf/tags.c writes */
  const char *clean = "<FEFF0050006100720074006E00650072"
                      "0073006B00610062002000410020>";
  const char *viborg = "<FEFF005600690062006F00720067>";
  CHECK("compact: a clean PDF has no hits",
        S_scan_pdf_compact(m, "Partnerskab A og en skive brød", clean, &packed,
                           &dl) == 0);
  CHECK("compact: the page and the element are inside object streams",
        packed);
  for (size_t i = 0; i < dl.len; i++)
    printf("    %s\n", dl.items[i].message);
  size_t before = dl.len;
  CHECK("compact: name on the page",
        S_scan_pdf_compact(m, "Mødet i Randers", clean, &packed, &dl) >= 1);
  CHECK("compact: the page is named (its page object is in an object "
        "stream)",
        dl.len > before && strstr(dl.items[before].message, "side 1"));
  before = dl.len;
  CHECK("compact: name in a figure's /Alt",
        S_scan_pdf_compact(m, "Tekst", viborg, &packed, &dl) >= 1);
  CHECK("compact: the object is named",
        dl.len > before && strstr(dl.items[before].message, "objekt"));
  before = dl.len;
  /* another writer's form: a literal string of UTF-16BE bytes, which
   * makes the object stream's data mostly unprintable */
  buf lit = BUF_INIT;
  buf_puts(&lit, "(\xFE\xFF\x01V\x01i\x01" "b\x01o\x01r\x01g");
  for (int i = 0; i < 4000; i++)
    buf_putc(&lit, '\x01');
  buf_putc(&lit, ')');
  CHECK("compact: name in a figure's /Alt as a binary UTF-16 literal",
        S_scan_pdf_compact(m, "Tekst", buf_cstr(&lit),
                           &packed, &dl) >= 1);
  buf_free(&lit);
  diag_free(&dl);
  anon_free(m);
}

static bool S_has_diag(const diag_list *dl, int line, const char *text) {
  for (size_t i = 0; i < dl->len; i++)
    if (dl->items[i].line == line && strstr(dl->items[i].message, text))
      return true;
  return false;
}

static void test_load(void) {
  diag_list dl;
  diag_init(&dl);
  anon_map *m = anon_load("tests/fixtures/anon/projekt/data/pseudonymer.csv", NULL, &dl);
  CHECK("the fixture mapping loads", m != NULL && !diag_has_errors(&dl));
  CHECK("seven names", anon_map_size(m) == 7);
  char *t = anon_text(m, "Viborg Kommunes møde i Ådal med Jens Hansen");
  CHECK_STR("loaded map rewrites", t, "Kommune A's møde i Partnerskab C med konsulent");
  free(t);
  anon_free(m);
  diag_free(&dl);

  diag_init(&dl);
  const char *bad = "navn;pseudonym;type\n"
                    "Viborg;Partnerskab A;partnerskab\n"
                    "viborg;B;sted\n"
                    "Randers;Randers By;sted\n"
                    "Q;Y;sted\n";
  fs_write_atomic("/tmp/test_anon_bad.csv", bad, strlen(bad));
  m = anon_load("/tmp/test_anon_bad.csv", NULL, &dl);
  unlink("/tmp/test_anon_bad.csv");
  CHECK("a bad mapping gives no map", m == NULL);
  CHECK("a name listed twice is named with its line",
        S_has_diag(&dl, 3, "to gange"));
  CHECK("a pseudonym holding the real name is refused",
        S_has_diag(&dl, 4, "indeholder det rigtige navn"));
  CHECK("a one-letter name is refused", S_has_diag(&dl, 5, "for kort"));
  anon_free(m);
  diag_free(&dl);

  diag_init(&dl);
  const char *kind = "navn;pseudonym;type\nViborg;A;hund\n";
  fs_write_atomic("/tmp/test_anon_kind.csv", kind, strlen(kind));
  m = anon_load("/tmp/test_anon_kind.csv", NULL, &dl);
  unlink("/tmp/test_anon_kind.csv");
  CHECK("an unknown type is an error", m == NULL && diag_has_errors(&dl));
  CHECK("the error is on line 2", dl.len && dl.items[0].line == 2);
  anon_free(m);
  diag_free(&dl);

  diag_init(&dl);
  const char *empty = "navn;pseudonym;type\n";
  fs_write_atomic("/tmp/test_anon_empty.csv", empty, strlen(empty));
  m = anon_load("/tmp/test_anon_empty.csv", NULL, &dl);
  unlink("/tmp/test_anon_empty.csv");
  CHECK("a mapping without rows is an error", m == NULL && diag_has_errors(&dl));
  anon_free(m);
  diag_free(&dl);

  /* ord = ja: a name that is also an ordinary word the list lacks */
  diag_init(&dl);
  const char *ord = "navn;pseudonym;type;ord\nKrusbæk;byen;sted;ja\n"
                    "Viborg;Partnerskab A;partnerskab;\n";
  fs_write_atomic("/tmp/test_anon_ord.csv", ord, strlen(ord));
  m = anon_load("/tmp/test_anon_ord.csv", NULL, &dl);
  unlink("/tmp/test_anon_ord.csv");
  CHECK("a mapping with the ord column loads", m != NULL && !diag_has_errors(&dl));
  TEXT("a marked name in lower case is the word", "en krusbæk og Viborg",
       "en krusbæk og Partnerskab A");
  TEXT("a marked name mid-sentence is the name", "i Krusbæk", "i byen");
  TEXT("a marked name starting a sentence is doubtful", "Krusbæk er god.",
       "Krusbæk er god.");
  anon_free(m);
  diag_free(&dl);
}

static void test_names(void) {
  anon_map *m = S_map();
  doc *d = doc_new();
  d->root->file = doc_intern_file(d, "kap.md");
  doc_node *p = S_para(d->root);
  p->line = 3;
  doc_append(p, doc_text("Skive og Holstebro mødtes i Fjordby. "
                         "Derfor sagde Partnerskab A nej til Nordhavn."));
  doc_node *p2 = S_para(d->root);
  p2->line = 5;
  doc_append(p2, doc_text("Mødet i Holstebro var godt."));
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  int n = anon_names_report(m, d, NULL, f);
  fclose(f);
  CHECK("names: an unknown capitalised word is listed",
        strstr(text, "Holstebro") != NULL);
  /* Holstebro's own line: twice, first on line 3 (not line 5); the name
     column is as wide as the longest name listed (Holstebro) */
  CHECK("names: the count and the first place are given",
        strstr(text, "\n  Holstebro    2  kap.md:3\n") != NULL);
  CHECK("names: a mid-sentence word is listed", strstr(text, "Fjordby") != NULL);
  CHECK("names: pseudonyms are not listed", strstr(text, "Partnerskab") == NULL);
  CHECK("names: an ordinary word at a sentence start is not listed",
        strstr(text, "Derfor") == NULL);
  CHECK("names: an ordinary word that is a name is not listed",
        strstr(text, "Skive") == NULL);
  CHECK("names: number listed", n == 3);
  free(text);
  /* a second edition with the same text: the list is printed once, with
     no place counted twice */
  anon_names_collect(m, d, NULL);
  f = open_memstream(&text, &len);
  n = anon_names_print(m, f);
  fclose(f);
  CHECK("names: two editions, one list", n == 3 && strstr(text, "Holstebro") &&
        strstr(strstr(text, "Holstebro"), " 2 "));
  free(text);
  /* an allow-list */
  anon_free(m);
  m = S_map();
  fs_write_atomic("/tmp/test_anon_allow.txt", "# ok\nHolstebro\nFjordby\n", 22);
  f = open_memstream(&text, &len);
  n = anon_names_report(m, d, "/tmp/test_anon_allow.txt", f);
  fclose(f);
  unlink("/tmp/test_anon_allow.txt");
  CHECK("names: allowed words are not listed",
        n == 1 && strstr(text, "Holstebro") == NULL && strstr(text, "Nordhavn"));
  free(text);
  doc_free(d);
  anon_free(m);
}

/* One paragraph through anon_apply and anon_check: the number of errors
 * and warnings the check gives. */
static void S_check_text(anon_map *m, const char *text, size_t *errors,
                         size_t *warnings) {
  doc *d = doc_new();
  d->root->file = doc_intern_file(d, "k.md");
  doc_node *p = S_para(d->root);
  p->line = 4;
  doc_append(p, doc_text(text));
  anon_apply(m, d);
  diag_list dl;
  diag_init(&dl);
  anon_check(m, d, &dl);
  *errors = dl.errors;
  *warnings = dl.len - dl.errors;
  diag_free(&dl);
  doc_free(d);
}

/* issue 16: spellings, separators, format characters, look-alikes, parts
 * of a person's name, compounds and personal data */
static void test_skeleton(void) {
  anon_map *m = anon_map_new();
  anon_map_add(m, "Ida Mørch", "projektlederen", "person");
  anon_map_add(m, "Karl-Erik Lindvang", "konsulenten", "person");
  anon_map_add(m, "Struer", "Partnerskab A", "partnerskab");
  anon_map_add(m, "Høje-Taastrup", "Partnerskab B", "partnerskab");
  anon_map_add(m, "Aabenraa", "Partnerskab C", "partnerskab");
  anon_map_add(m, "Give", "byen", "sted");
  anon_map_add(m, "Ribe", "Partnerskab D", "partnerskab");
  const char *words = "give\ndem\ntid\nvejleder\nsamtalen\nhvid\nstribet\n"
                      "rekonstruere\nnord\ntruer\nsagde\nkom\n";
  fs_write_atomic("/tmp/test_anon_words.txt", words, strlen(words));
  anon_map_load_words(m, "/tmp/test_anon_words.txt", NULL);
  unlink("/tmp/test_anon_words.txt");
  TEXT("zero-width space inside", "Mø\xE2\x80\x8Brch sagde", "Projektlederen sagde");
  TEXT("Cyrillic e", "i Stru\xD0\xB5r", "i Partnerskab A");
  TEXT("bidi isolates", "i \xE2\x81\xA6Struer\xE2\x81\xA9", "i \xE2\x81\xA6Partnerskab A\xE2\x81\xA9");
  TEXT("en dash for the hyphen", "i Høje\xE2\x80\x93Taastrup", "i Partnerskab B");
  TEXT("minus sign for the hyphen", "i Høje\xE2\x88\x92Taastrup", "i Partnerskab B");
  TEXT("å as a", "i Abenra", "i Partnerskab C");
  TEXT("aa as å", "i Åbenrå", "i Partnerskab C");
  TEXT("ø as oe", "med Ida Moerch", "med projektlederen");
  TEXT("decomposed ø", "med Ida Mo\xCC\xB8rch", "med projektlederen");
  TEXT("surname alone, genitive", "Mørchs notat", "Projektlederens notat");
  TEXT("given name alone", "Det sagde Ida.", "Det sagde projektlederen.");
  TEXT("hyphenated given name whole", "med Karl-Erik i dag", "med konsulenten i dag");
  TEXT("inverted with initials", "Lindvang, K.-E. (2019)", "Konsulenten (2019)");
  TEXT("initials without a space", "af K.E. Lindvang", "af konsulenten");
  TEXT("another person's given name", "Ida Frost kom", "Ida Frost kom");
  char *slug = anon_slug(m, "ref-morch2020");
  CHECK_STR("a surname and a year in an id", slug, "ref-projektlederen-2020");
  free(slug);
  slug = anon_slug(m, "ref-moerch2020b");
  CHECK_STR("a surname and a year with a letter", slug,
            "ref-projektlederen-2020b");
  free(slug);
  TEXT("a sentence starting with the word", "Give dem tid.", "Give dem tid.");
  TEXT("the name mid-sentence", "i Give og Ribe", "i byen og Partnerskab D");
  TEXT("inflected word holding a name", "de rekonstruerede", "de rekonstruerede");
  TEXT("compound beginning with a name", "Vejledersamtalen", "Vejledersamtalen");
  size_t e, w;
  S_check_text(m, "En hvidstribet mappe og Vejledersamtalen.", &e, &w);
  CHECK("compounds of ordinary words are no leak", e == 0);
  S_check_text(m, "Nordstruer er et område.", &e, &w);
  CHECK("a name as a part of its own is a leak (nord+s+truer)", e == 1);
  S_check_text(m, "Give dem tid.", &e, &w);
  CHECK("a doubtful sentence start is listed, not refused", e == 0 && w == 1);
  S_check_text(m, "Ring på 23 45 67 89 eller +4512345678.", &e, &w);
  CHECK("phone numbers are refused", e == 2);
  S_check_text(m, "CPR 010190-1234, ikke 2019-2020 eller 20240501.", &e, &w);
  CHECK("a CPR number is refused, years and dates are not", e == 1);
  S_check_text(m, "Skriv til ida.morch@kommune.dk.", &e, &w);
  CHECK("an e-mail address is refused whole", e == 1);
  anon_free(m);
}

/* anon_tables: the data a public edition's templates read. */
static void test_tables(void) {
  anon_map *m = S_map();
  char dir[64];
  snprintf(dir, sizeof dir, "/tmp/test_anon_tables_%d", (int)getpid());
  fs_mkdirs(dir);
  char *csv = fs_join(dir, "d.csv");
  const char *text = "sted;runde;niveau;tekst;antal;dato\n"
                     "Viborg;Viborg-runden;klub;Viborgs og RANDERS' folk;12;"
                     "2024-03-01\n"
                     "Ådal;Viborg-runden;kantine;;7;2024-03-02\n";
  fs_write_atomic(csv, text, strlen(text));
  static char *levels[] = {"kantine", "klub"};
  col_schema cols[] = {
      {.name = "sted", .type = COL_TEXT},
      {.name = "runde", .type = COL_TEXT},
      {.name = "niveau", .type = COL_LEVEL, .allowed = levels, .nallowed = 2,
       .allowed_from = "levels"},
      {.name = "tekst", .type = COL_TEXT},
      {.name = "antal", .type = COL_INTEGER},
      {.name = "dato", .type = COL_DATE},
  };
  data_schema sc = {.name = "d", .path = "d.csv", .cols = cols, .ncols = 6,
                    .round_column = "runde", .pinned = {.header = -1}};
  project p = {0};
  p.data = &sc;
  p.ndata = 2; /* the second table failed to load: NULL */
  diag_list dg;
  diag_init(&dg);
  data_table *t = data_table_load(&sc, dir, &dg);
  data_table *tables[] = {t, NULL};
  CHECK("tables: the test table loads", t && t->nrows == 2 && dg.errors == 0);
  data_table **c = anon_tables(m, &p, tables);
  CHECK("tables: a NULL table stays NULL", c[1] == NULL);
  if (t && c[0]) {
    const data_row *r = c[0]->rows;
    CHECK_STR("tables: a name cell", r[0].cells[0].raw, "Partnerskab A");
    CHECK_STR("tables: names among words, genitive, capitals",
              r[0].cells[3].raw, "Partnerskab A's og PARTNERSKAB C'S folk");
    CHECK_STR("tables: Danish letters", r[1].cells[0].raw, "Partnerskab E");
    CHECK_STR("tables: the round column is a key", r[0].cells[1].raw,
              "Viborg-runden");
    CHECK_STR("tables: a level is a key", r[0].cells[2].raw, "klub");
    CHECK("tables: the level's index", r[0].cells[2].v.level == 1);
    CHECK("tables: numbers", r[0].cells[4].v.i == 12 &&
                                 strcmp(r[0].cells[4].raw, "12") == 0);
    CHECK("tables: dates", r[1].cells[5].v.date.d == 2);
    CHECK("tables: empty cells", r[1].cells[3].empty &&
                                     strcmp(r[1].cells[3].raw, "") == 0);
    CHECK("tables: lines", r[1].line == 3 && c[0]->schema == &sc);
    CHECK_STR("tables: the loaded table is not changed",
              t->rows[0].cells[3].raw, "Viborgs og RANDERS' folk");
    CHECK_STR("tables: ... its first cell", t->rows[0].cells[0].raw,
              "Viborg");
  }
  data_table_free(c[0]);
  free(c);
  data_table_free(t);
  diag_free(&dg);
  unlink(csv);
  rmdir(dir);
  free(csv);
  anon_free(m);
}

/* A text of `least` to `least + spread - 1` pieces drawn from pieces[0..n)
 * by the generator *seed, into out. */
static void S_random_text(const char *const *pieces, size_t n, int least,
                          int spread, unsigned *seed, buf *out) {
  *seed = *seed * 1103515245u + 12345u;
  int k = least + (int)(*seed >> 16) % spread;
  while (k--) {
    *seed = *seed * 1103515245u + 12345u;
    buf_puts(out, pieces[(*seed >> 16) % n]);
  }
}

/* The hits anon_find finds in s (join_breaks as the PDF text scan reads
 * it), as "start-end:kind:entry " into out. */
static void S_hits(const anon_map *m, const char *s, bool join,
                   anon_mode mode, buf *out) {
  anon_norm n;
  anon_norm_init(&n);
  anon_norm_add(&n, s, strlen(s), 0, join);
  anon_hit h;
  size_t pos = 0;
  while (anon_find(m, &n, pos, mode, &h)) {
    buf_printf(out, "%zu-%zu:%d:%zu ", h.start, h.end, (int)h.kind, h.entry);
    pos = h.word_end > h.end ? h.word_end : h.end;
    if (pos <= h.start)
      pos = h.start + 1;
  }
  anon_norm_free(&n);
}

/* The folded-prefix filter (anon_prefix_add) only passes over places where
 * no hit can begin: in texts made of names in their Danish spellings,
 * pieces of names, separators, line-end hyphens and ordinary words,
 * anon_find finds the same hits with it as without it in every mode, and
 * anon_may_match says yes to every text with a hit. */
static void test_prefix_filter(void) {
  anon_map *m = anon_map_new();
  anon_map_add(m, "Ida Mørch", "projektlederen", "person");
  anon_map_add(m, "Karl-Erik Lindvang", "konsulenten", "person");
  anon_map_add(m, "Høje-Taastrup", "Partnerskab B", "partnerskab");
  anon_map_add(m, "Aabenraa", "Partnerskab C", "partnerskab");
  anon_map_add(m, "Ådal", "Partnerskab E", "partnerskab");
  anon_map_add(m, "Ærø", "Partnerskab F", "partnerskab");
  anon_map_add(m, "Region Midtjylland", "regionen", "organisation");
  anon_map_add(m, "Erhvervsstyrelsen", "styrelsen", "organisation");
  anon_map_add(m, "Give", "byen", "sted");
  anon_map_add(m, "Oe", "Sted O", "sted");
  anon_map_add(m, "Renée Holm", "forskeren", "person");
  const char *words = "give\ndem\ntid\nregion\nerhverv\nstyrelsen\nmidt\n";
  fs_write_atomic("/tmp/test_anon_prefix.txt", words, strlen(words));
  anon_map_load_words(m, "/tmp/test_anon_prefix.txt", NULL);
  unlink("/tmp/test_anon_prefix.txt");
  static const char *const pieces[] = {
      "Ida", "ida", "IDA", "Mørch", "Moerch", "Morch", "Mörch", "Mo\xCC\xB8rch",
      "Mø", "rch", "Karl", "Erik", "K.E.", "K.-E.", "Lindvang", "lind", "vang",
      "Høje", "Hoeje", "Taastrup", "Tåstrup", "Tastrup", "taa", "strup",
      "Aabenraa", "Åbenrå", "Abenra", "Aaben", "raa", "Ådal", "Aadal", "Adal",
      "Ærø", "Aerø", "Äro", "Aeroe", "ae", "aa", "oe", "æ", "ø", "å", "e", "a",
      "Region", "region", "Midtjylland", "midt", "jylland", "Erhvervs",
      "erhverv", "styrelsen", "Erhvervsstyrelsen", "Give", "give", "dem",
      "tid", "Oe", "Ø", "er", "s", "'s", "en", "2020", " ", " ", " ", "  ",
      "-", "_", "\n", "-\n", "-\n ", ", ", ". ", "\xC2\xAD", "\xE2\x80\x8B",
      "\xEF\xAC\x81", "\xE2\x80\x93", "(", "\"", "\f", "Renée", "Rene",
      "Rene\xCC\x81\x65", "Holm"};
  size_t npieces = sizeof pieces / sizeof *pieces;
  unsigned seed = 12345;
  int differ = 0, refused = 0, with_hits = 0, texts = 20000;
  for (int t = 0; t < texts; t++) {
    buf text = BUF_INIT;
    S_random_text(pieces, npieces, 1, 7, &seed, &text);
    const char *s = buf_cstr(&text);
    bool hit = false;
    for (int mode = ANON_MODE_TEXT; mode <= ANON_MODE_SCAN; mode++)
      for (int join = 0; join < 2; join++) {
        buf on = BUF_INIT, off = BUF_INIT;
        S_hits(m, s, join, (anon_mode)mode, &on);
        unsigned lens = m->prefix_lens;
        m->prefix_lens |= 1; /* no prefix folds to nothing: filter off */
        S_hits(m, s, join, (anon_mode)mode, &off);
        m->prefix_lens = lens;
        differ += strcmp(buf_cstr(&on), buf_cstr(&off)) != 0;
        hit |= on.len > 0 || off.len > 0;
        buf_free(&on);
        buf_free(&off);
      }
    with_hits += hit;
    refused += hit && !anon_may_match(m, s, text.len);
    buf_free(&text);
  }
  CHECK("the prefix filter changes no hit (20,000 texts, 3 modes)",
        differ == 0);
  CHECK("anon_may_match says yes to every text with a hit", refused == 0);
  CHECK("a good share of the texts have hits", with_hits > texts / 4);
  anon_free(m);
}

/* The sorted stamp (anon_map_load_words): a list found sorted is stamped;
 * the same list is taken as sorted from the stamp; a list written over it
 * is checked again, so an unsorted one is not binary-searched. */
static void test_sorted_stamp(void) {
  const char *list = "/tmp/test_anon_stamp.txt", *stamp = "/tmp/test_anon_stamp.ok";
  unlink(stamp);
  const char *sorted = "alfa\nbeta\ngamma\n";
  fs_write_atomic(list, sorted, strlen(sorted));
  anon_map *m = anon_map_new();
  anon_map_load_words(m, list, stamp);
  size_t n = 0;
  char *st = fs_read(stamp, &n);
  CHECK("a sorted list is stamped with its path", st && strstr(st, list) == st);
  CHECK("a sorted list is searched where it stands", m->words.sorted != NULL);
  CHECK("its words are found", anon_words_has(&m->words, "gamma", 5));
  anon_free(m);
  free(st);
  m = anon_map_new();
  anon_map_load_words(m, list, stamp);
  CHECK("the stamped list is taken as sorted",
        m->words.sorted && anon_words_has(&m->words, "alfa", 4));
  anon_free(m);
  /* the same bytes' order would hide "alfa" from a binary search */
  const char *unsorted = "zulu\nmike\nalfa\n";
  fs_write_atomic(list, unsorted, strlen(unsorted));
  m = anon_map_new();
  anon_map_load_words(m, list, stamp);
  CHECK("a list written over a stamped one is checked again",
        m->words.sorted == NULL);
  CHECK("every word of the unsorted list is found",
        anon_words_has(&m->words, "alfa", 4) &&
            anon_words_has(&m->words, "zulu", 4));
  anon_free(m);
  unlink(list);
  unlink(stamp);
}

/* A hit as "byte-byte:kind:entry [context] " with the bytes of the whole
 * text and the context a message quotes (from the start of its word). */
static void S_hit_str(void *out, const anon_norm *n, const anon_hit *h) {
  size_t a = h->start;
  while (a > 0 && anon_is_word_cp(n->lc[a - 1]))
    a--;
  buf_printf(out, "%zu-%zu:%d:%zu [", n->beg[h->start], n->end[h->end - 1],
             (int)h->kind, h->entry);
  anon_context(n, a, h->word_end > h->end ? h->word_end : h->end, 40, out);
  buf_puts(out, "] ");
}

/* The hits in s as the leak scan reads it (its windows), or over the whole
 * text normalised at once. */
static void S_scan_hits(const anon_map *m, const char *s, bool join,
                        bool windows, buf *out) {
  if (windows) {
    anon_find_in_windows(m, s, strlen(s), join, S_hit_str, out);
    return;
  }
  anon_norm n;
  anon_norm_init(&n);
  anon_norm_add(&n, s, strlen(s), 0, join);
  anon_hit h;
  size_t pos = 0;
  while (anon_find(m, &n, pos, ANON_MODE_SCAN, &h)) {
    S_hit_str(out, &n, &h);
    pos = h.word_end > h.end ? h.word_end : h.end;
  }
  anon_norm_free(&n);
}

/* The leak scan reads only windows around the places where a hit may
 * begin: over texts of many lines (names in their spellings, split over
 * lines, hyphenated at line ends, between lines of other words and blank
 * lines), the windows give the same hits, in the same order and with the
 * same context, as the whole text, with and without joining hyphenated
 * lines; and they leave most of a long text unread. */
static void test_windows(void) {
  anon_map *m = anon_map_new();
  anon_map_add(m, "Ida Mørch", "projektlederen", "person");
  anon_map_add(m, "Høje-Taastrup", "Partnerskab B", "partnerskab");
  anon_map_add(m, "Region Midtjylland", "regionen", "organisation");
  anon_map_add(m, "projektet Kompetencer til Vækst", "vækstprojektet",
               "organisation");
  anon_map_add(m, "Kompetenceforsyning", "Projekt K", "partnerskab");
  anon_map_add(m, "Give", "byen", "sted");
  const char *words = "give\ndem\ntid\nregion\nkompetence\nkompetencer\n";
  fs_write_atomic("/tmp/test_anon_win.txt", words, strlen(words));
  anon_map_load_words(m, "/tmp/test_anon_win.txt", NULL);
  unlink("/tmp/test_anon_win.txt");
  static const char *const pieces[] = {
      "Ida", "Mørch", "Moerch", "Mør-\nch", "Ida\nMørch", "Frost,", "Høje-",
      "Taastrup", "Tåstrup", "Region", "region", "Midtjylland", "Midt-\njylland",
      "projektet", "Kompetencer", "til", "Vækst", "Kompetence-\nforsyning",
      "kompetencer", "Kompetenceforsyningens", "Give", "dem", "tid",
      "projektleder", "og", "de", "mange", "andre", "ord", "i", "teksten", ".",
      ",", " ", " ", " ", " ", " ", "\n", "\n", "\n", "\n\n", "\n\n\n", "\f",
      "-", "- ", "_", "  \n  ", "\xC2\xAD", "\xE2\x80\x93", "\"", "*", "(",
      "en lang linje med almindelige ord uden navne i sig ",
      "endnu en linje af samme slags, ganske almindelig ",
      "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz"};
  size_t npieces = sizeof pieces / sizeof *pieces;
  unsigned seed = 777;
  int differ = 0, with_hits = 0, texts = 6000;
  size_t read = 0, total = 0;
  for (int t = 0; t < texts; t++) {
    buf text = BUF_INIT;
    S_random_text(pieces, npieces, 20, 200, &seed, &text);
    const char *s = buf_cstr(&text);
    for (int join = 0; join < 2; join++) {
      buf whole = BUF_INIT, parts = BUF_INIT;
      S_scan_hits(m, s, join, false, &whole);
      S_scan_hits(m, s, join, true, &parts);
      if (strcmp(buf_cstr(&whole), buf_cstr(&parts)) != 0 && differ++ == 0)
        fprintf(stderr, "text:\n%s\nwhole: %s\nwindows: %s\n", s,
                buf_cstr(&whole), buf_cstr(&parts));
      with_hits += whole.len > 0;
      buf_free(&whole);
      buf_free(&parts);
    }
    buf_free(&text);
  }
  CHECK("windows find the hits the whole text has (6,000 texts, twice)",
        differ == 0);
  CHECK("most texts have hits", with_hits > texts);
  /* a word hyphenated over a hundred lines, a name at its end */
  buf chain = BUF_INIT;
  for (int i = 0; i < 100; i++)
    buf_puts(&chain, "ord-\n");
  buf_puts(&chain, "kompetenceforsyning slutter\n");
  buf whole = BUF_INIT, parts = BUF_INIT;
  S_scan_hits(m, buf_cstr(&chain), true, false, &whole);
  S_scan_hits(m, buf_cstr(&chain), true, true, &parts);
  CHECK("a name ending a word hyphenated over 100 lines: found, and quoted "
        "with the whole word",
        whole.len > 0 && strcmp(buf_cstr(&whole), buf_cstr(&parts)) == 0);
  buf_free(&chain);
  buf_free(&whole);
  buf_free(&parts);
  /* a long text with one name: the windows are a small part of it */
  buf text = BUF_INIT;
  for (int i = 0; i < 400; i++)
    buf_printf(&text, "En almindelig linje %d om kompetencer og region\n", i);
  buf_puts(&text, "Her står Ida Mørch.\n");
  for (int i = 0; i < 400; i++)
    buf_printf(&text, "Endnu en linje, nummer %d\n", i);
  anon_span *win;
  size_t nwin = anon_windows(m, buf_cstr(&text), text.len, true, &win);
  for (size_t w = 0; w < nwin; w++)
    read += win[w].b - win[w].a;
  total = text.len;
  CHECK("one window around the one name", nwin == 1);
  size_t name = (size_t)(strstr(buf_cstr(&text), "Mørch") - buf_cstr(&text));
  CHECK("it holds the name", nwin == 1 && win[0].a < name && name < win[0].b);
  CHECK("the windows are under 2 % of the text", read * 50 < total);
  free(win);
  buf_free(&text);
  anon_free(m);
}

int main(void) {
  test_tables();
  test_skeleton();
  test_prefix_filter();
  test_windows();
  test_sorted_stamp();
  test_names();
  test_load();
  for (size_t i = 0; i < sizeof S_word_lists / sizeof *S_word_lists; i++)
    test_forms(S_word_lists[i]);
  test_tree();
  test_scan_html();
  test_scan_pdf();
  test_scan_pdf_compact();
  return TEST_END();
}
