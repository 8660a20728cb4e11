/* test_cite.c - the citation stage: BibTeX and CSL-JSON reading, LaTeX
 * accents, citation syntax, formatted citations and literature entries,
 * disambiguation, Danish sorting, unknown keys, and the comparison with the
 * recorded output of pandoc --citeproc (tests/fixtures/cite/). */
#include <lauxlib.h>
#include <lua.h>
#include <stdlib.h>
#include <string.h>

#include "cite/bib.h"
#include "cite/cite.h"
#include "cite/style.h"
#include "script/sandbox.h"
#include "test.h"
#include "util/buf.h"
#include "util/fs.h"

#define FIX "tests/fixtures/cite/"

static void T_latex(const char *in, const char *want) {
  char *got = bib_latex_to_utf8(in);
  char name[160];
  snprintf(name, sizeof name, "latex: %s", in);
  CHECK_STR(name, got, want);
  free(got);
}

static bib *T_load(const char *path, diag_list *dl) {
  return bib_load(path, dl);
}

static bib *T_parse(const char *name, const char *text, diag_list *dl) {
  return bib_parse(name, text, strlen(text), dl);
}

/* A document with one paragraph per line of text (citations need no
 * Markdown), lines numbered from 10 in "kap.md". */
static doc *T_doc(const char *text) {
  doc *d = doc_new();
  const char *file = doc_intern_file(d, "kap.md");
  int line = 10;
  for (const char *p = text; *p;) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    doc_node *para = doc_node_new(DOC_PARAGRAPH);
    para->file = file;
    para->line = line++;
    doc_node *t = doc_text_n(p, n);
    t->file = file;
    t->line = para->line;
    t->col = 1;
    doc_append(para, t);
    doc_append(d->root, para);
    p = nl ? nl + 1 : p + n;
  }
  return d;
}

/* Runs the stage with the styles in lua/lib and the given project fields. */
static int T_run(doc *d, const bib *b, const char *lang, const char *and_word,
                 diag_list *dl) {
  lua_State *L = cite_style_state("lua/lib", lang);
  if (and_word) {
    lua_getglobal(L, "project");
    lua_pushstring(L, and_word);
    lua_setfield(L, -2, "citation_and");
    lua_pop(L, 1);
  }
  int rc = cite_process_lua(d, b, L, dl);
  sandbox_close(L);
  return rc;
}

static char *T_text(const doc_node *n) { return doc_plain_text(n); }

static doc_node *T_by_id(doc *d, const char *id) {
  for (doc_node *n = d->root->first; n; n = n->next)
    if (n->id && strcmp(n->id, id) == 0)
      return n;
  return NULL;
}

static bool T_has_message(const diag_list *dl, const char *text) {
  for (size_t i = 0; i < dl->len; i++)
    if (strstr(dl->items[i].message, text))
      return true;
  return false;
}

/* Every key of the bib cited once, so the whole list is printed. */
static char *T_cite_all(const bib *b) {
  buf t = BUF_INIT;
  for (size_t i = 0; i < bib_count(b); i++)
    buf_printf(&t, "[@%s] ", bib_at(b, i)->key);
  return buf_detach(&t);
}

/* The literature list of doc d as text, one entry a line. */
static char *T_list(doc *d) {
  buf out = BUF_INIT;
  for (doc_node *n = d->root->first; n; n = n->next)
    if (n->type == DOC_PARAGRAPH && (n->flags & DOC_HANGING)) {
      char *s = T_text(n);
      buf_printf(&out, "%s\n", s);
      free(s);
    }
  return buf_detach(&out);
}

static void test_latex(void) {
  T_latex("{\\o}", "ø");
  T_latex("{\\O}stergaard", "Østergaard");
  T_latex("\\o stergaard", "østergaard");
  T_latex("{\\AA}g{\\aa}rd", "Ågård");
  T_latex("{\\AE}r{\\o}", "Ærø");
  T_latex("J\\'er\\^ome M\\\"uller", "Jérôme Müller");
  T_latex("{\\\"o}", "ö");
  T_latex("\\v{S}koda \\c{c}a", "Škoda ça");
  T_latex("\\'{\\i}", "í");
  T_latex("12--34 -- 56---7", "12–34 – 56—7");
  T_latex("a~b", "a\xC2\xA0" "b");
  T_latex("``citat'' O'Connor", "“citat” O’Connor");
  T_latex("\\emph{Titel} med {Versaler}", "Titel med Versaler");
  T_latex("50\\% \\& mere", "50% & mere");
  T_latex("\\H{o}\\k{a}\\r{u}", "őąů");
  T_latex("\\'x", "x\xCC\x81"); /* no precomposed letter: combining mark */
}

static void test_bibtex(void) {
  diag_list dl;
  diag_init(&dl);
  bib *b = T_load(FIX "litteratur.bib", &dl);
  CHECK("bibtex: loads", b != NULL);
  CHECK_NUM("bibtex: no diagnostics", dl.len, 0);
  CHECK_NUM("bibtex: 19 entries", bib_count(b), 19);
  const bib_entry *e = bib_find(b, "holm2015");
  CHECK("bibtex: holm2015", e && e->nauthors == 2);
  if (e && e->nauthors == 2) {
    CHECK_STR("bibtex: {\\ae} in a name", e->authors[1].family, "Bæk");
    CHECK_STR("bibtex: given name", e->authors[1].given, "Søren");
    CHECK("bibtex: kind book", e->kind == BIB_BOOK);
    CHECK_STR("bibtex: address", e->place, "Aarhus");
    CHECK_NUM("bibtex: entry line", e->line, 8);
  }
  e = bib_find(b, "kjaer2019mandat");
  CHECK("bibtex: article", e && e->kind == BIB_ARTICLE);
  if (e) {
    CHECK_STR("bibtex: @string macro", e->container,
              "Tidsskrift for Arbejdsliv og Samfund");
    CHECK_STR("bibtex: number is an article's issue", e->issue, "3");
    CHECK_STR("bibtex: pages en dash", e->pages, "33–51");
    CHECK_STR("bibtex: doi", e->doi, "10.5555/tas.2019.213");
  }
  e = bib_find(b, "styrelsen2021");
  CHECK("bibtex: institution as author",
        e && e->nauthors == 1 && e->authors[0].literal &&
            strcmp(e->authors[0].family,
                   "Styrelsen for Vækst og Kompetencer") == 0);
  e = bib_find(b, "lindqvist2020");
  CHECK("bibtex: report number",
        e && e->kind == BIB_REPORT && e->number &&
            strcmp(e->number, "2020:4") == 0);
  e = bib_find(b, "portalen2022");
  CHECK("bibtex: @online is a web page",
        e && e->kind == BIB_WEBPAGE && e->accessed &&
            strcmp(e->accessed, "2023-03-14") == 0);
  e = bib_find(b, "agard2017");
  CHECK("bibtex: chapter with editors",
        e && e->kind == BIB_CHAPTER && e->neditors == 2 &&
            strcmp(e->authors[0].family, "Ågård") == 0);
  e = bib_find(b, "udvalget");
  CHECK("bibtex: no year", e && e->year == NULL);
  bib_free(b);
  diag_free(&dl);

  /* a syntax error names the file and line; stderr is ours again after */
  diag_init(&dl);
  b = T_parse("fejl.bib",
              "@book{a2016, title={A}, year={2016}}\n\n"
              "@book{b2017,\n  title = {Mangler slut,\n  year = {2017}\n\n"
              "@book{c2018, title={C}}\n",
              &dl);
  CHECK("bibtex error: no bib", b == NULL);
  CHECK("bibtex error: reported", dl.errors > 0);
  /* the brace opened on line 4 runs to the end of the input (line 8) */
  CHECK("bibtex error: the runaway string's line",
        dl.len > 0 && dl.items[0].file &&
            strcmp(dl.items[0].file, "fejl.bib") == 0 &&
            dl.items[0].line == 5 &&
            strstr(dl.items[0].message, "started at line 4") != NULL);
  CHECK("bibtex error: the error at the end of the input",
        dl.len > 1 && dl.items[1].severity == DIAG_ERROR &&
            dl.items[1].line == 8);
  bib_free(b);
  diag_free(&dl);

  /* a parse after an error still works (btparse's state was reset) */
  diag_init(&dl);
  b = T_parse("ok.bib", "@misc{x, author={Ås, Bo}, title={T}, year=2001}",
              &dl);
  CHECK("bibtex: parse after an error", b && bib_count(b) == 1);
  bib_free(b);
  diag_free(&dl);

  /* two entries with one key: a warning, the first is kept */
  diag_init(&dl);
  b = T_parse("dobbelt.bib",
              "@book{a, title={Først}, year=2001}\n"
              "@book{a, title={Anden}, year=2002}\n",
              &dl);
  CHECK("bibtex: duplicate key kept once", b && bib_count(b) == 1);
  CHECK("bibtex: duplicate key warns", dl.warnings == 1 &&
                                           dl.items[0].line == 2);
  CHECK_STR("bibtex: first entry wins", b ? bib_at(b, 0)->title : NULL,
            "Først");
  bib_free(b);
  diag_free(&dl);
}

static void test_csljson(void) {
  diag_list dl;
  diag_init(&dl);
  bib *bj = T_load(FIX "litteratur.json", &dl);
  bib *bb = T_load(FIX "litteratur.bib", &dl);
  CHECK("csl-json: loads", bj != NULL);
  CHECK_NUM("csl-json: 19 entries", bib_count(bj), 19);
  const bib_entry *e = bib_find(bj, "kjaer2019mandat");
  CHECK("csl-json: entry line found", e && e->line > 100);
  /* both formats give the same citations and the same list */
  char *all = T_cite_all(bb);
  doc *d1 = T_doc(all), *d2 = T_doc(all);
  T_run(d1, bb, "da", NULL, &dl);
  T_run(d2, bj, "da", NULL, &dl);
  char *c1 = T_text(d1->root->first), *c2 = T_text(d2->root->first);
  CHECK_STR("csl-json = bibtex: citations", c2, c1);
  char *l1 = T_list(d1), *l2 = T_list(d2);
  CHECK_STR("csl-json = bibtex: literature list", l2, l1);
  CHECK_NUM("csl-json = bibtex: no diagnostics", dl.len, 0);
  free(c1);
  free(c2);
  free(l1);
  free(l2);
  free(all);
  doc_free(d1);
  doc_free(d2);
  bib_free(bj);
  bib_free(bb);
  diag_free(&dl);

  diag_init(&dl);
  bib *b = T_parse("fejl.json", "[\n  {\"id\": \"a\",\n   \"title\": }\n]", &dl);
  CHECK("csl-json error: no bib", b == NULL);
  CHECK("csl-json error: line and column",
        dl.len == 1 && dl.items[0].line == 3 && dl.items[0].col > 1);
  diag_free(&dl);
  diag_init(&dl);
  b = T_parse("obj.json", "{\"id\": \"a\"}", &dl);
  CHECK("csl-json error: not a list", b == NULL && dl.errors == 1);
  diag_free(&dl);
  /* Latin-1 bytes in a UTF-8 file are refused, not passed on to the PDF */
  diag_init(&dl);
  b = T_parse("latin1.json", "[{\"id\": \"a\", \"title\": \"K\xf8ge\"}]", &dl);
  CHECK("csl-json error: invalid UTF-8", b == NULL && dl.errors == 1 &&
                                             dl.items[0].col == 25 &&
                                             strstr(dl.items[0].message, "UTF-8"));
  diag_free(&dl);
}

/* The citations of pandoc-citations.md through our stage must read as
 * pandoc --citeproc printed them with dansk-forfatter-aar.csl
 * (pandoc-citations.txt, recorded; tests/e2e/cite_pandoc.sh re-runs pandoc
 * when it is installed). */
static void test_pandoc_recorded(void) {
  char *md = fs_read(FIX "pandoc-citations.md", NULL);
  char *want = fs_read(FIX "pandoc-citations.txt", NULL);
  CHECK("pandoc: fixtures present", md && want);
  if (!md || !want) {
    free(md);
    free(want);
    return;
  }
  /* the paragraphs after the front matter, one a line */
  char *body = strstr(md, "---\n\n");
  body = body ? body + 5 : md;
  buf paras = BUF_INIT;
  for (char *p = body; *p; p++)
    if (!(p[0] == '\n' && (p[1] == '\n' || p[1] == '\0')))
      buf_putc(&paras, *p);
  diag_list dl;
  diag_init(&dl);
  bib *b = T_load(FIX "litteratur.bib", &dl);
  doc *d = T_doc(buf_cstr(&paras));
  int rc = T_run(d, b, "da", NULL, &dl);
  CHECK_NUM("pandoc: stage ok", rc, 0);
  buf got = BUF_INIT;
  for (doc_node *n = d->root->first; n; n = n->next)
    if (n->type == DOC_PARAGRAPH && !(n->flags & DOC_HANGING)) {
      char *s = T_text(n);
      buf_printf(&got, "%s\n", s);
      free(s);
    }
  CHECK_STR("pandoc: same author-year strings", buf_cstr(&got), want);
  buf_free(&got);
  buf_free(&paras);
  doc_free(d);
  bib_free(b);
  diag_free(&dl);
  free(md);
  free(want);
}

static void test_citations(void) {
  diag_list dl;
  diag_init(&dl);
  bib *b = T_load(FIX "litteratur.bib", &dl);
  doc *d = T_doc("Som @holm2015 viser [se @moller2012, s. 12; @dahl2014, 45].\n"
                 "Skriv til hans@example.dk om @tbl:placering og [-@frost2013].\n"
                 "Mange [@kjaer2019mandat, s. 40] og @holm2015 [s. 3].");
  int rc = T_run(d, b, "da", NULL, &dl);
  CHECK_NUM("cite: ok", rc, 0);
  doc_node *p1 = d->root->first, *p2 = p1->next, *p3 = p2->next;
  char *s = T_text(p1);
  CHECK_STR("cite: in text and bracketed", s,
            "Som Holm & Bæk (2015) viser (se Møller 2012, s. 12; Dahl & "
            "Brønd 2014, s. 45).");
  free(s);
  s = T_text(p2);
  CHECK_STR("cite: e-mail and cross-reference untouched, suppressed author",
            s, "Skriv til hans@example.dk om @tbl:placering og (2013).");
  free(s);
  s = T_text(p3);
  CHECK_STR("cite: et al. and a locator after @key", s,
            "Mange (Kjær et al. 2019, s. 40) og Holm & Bæk (2015, s. 3).");
  free(s);
  /* links to the entries */
  doc_node *l = p1->first->next;
  CHECK("cite: in-text citation is a link",
        l && l->type == DOC_LINK && strcmp(l->text, "#ref-holm2015") == 0);
  int links = 0;
  for (doc_node *k = p1->first; k; k = k->next)
    links += k->type == DOC_LINK;
  CHECK_NUM("cite: one link per work", links, 3);
  CHECK("cite: the link keeps the Markdown line", l && l->line == 10);
  /* only cited entries are listed, under the heading */
  doc_node *h = p3->next;
  char *ht = h ? T_text(h) : NULL;
  CHECK("cite: heading appended", h && h->type == DOC_HEADING && h->level == 1);
  CHECK_STR("cite: heading text", ht, "Litteratur");
  free(ht);
  char *list = T_list(d);
  CHECK_STR("cite: only cited entries, Danish order", list,
            "Dahl, Signe og Kasper Brønd (2014): ”Virksomhedsservice mellem "
            "konkurrence og samarbejde”. Nordisk Administrativt Tidsskrift, "
            "91(2), s. 101–119.\n"
            "Frost, Ida (2013): Konsulenten som grænsegænger: tværgående "
            "arbejde i beskæftigelsessystemet. Ph.d.-afhandling. Nordjysk "
            "Universitet.\n"
            "Holm, Inger og Søren Bæk (2015): Lokale partnerskaber i "
            "praksis. Aarhus: Forlaget Klitgaard.\n"
            "Kjær, Anders, Pia Nørgaard og Mikkel Holst (2019): ”Mandat og "
            "ressourcer i tværsektorielle partnerskaber”. Tidsskrift for "
            "Arbejdsliv og Samfund, 21(3), s. 33–51. "
            "https://doi.org/10.5555/tas.2019.213\n"
            "Møller, Henrik (2012): Netværksstyring og offentlig værdi. "
            "København: Forlaget Fjordbyen.\n");
  free(list);
  /* 14 of 19 entries are not cited: a warning each, naming the .bib line */
  CHECK_NUM("cite: unused entries warn", dl.warnings, 14);
  CHECK("cite: unused warning names the key",
        T_has_message(&dl, "'ostbjerg2018' citeres ikke"));
  doc_node *ref = T_by_id(d, "ref-holm2015");
  CHECK("cite: entry paragraph hangs", ref && (ref->flags & DOC_HANGING));
  doc_node *em = ref ? ref->first : NULL;
  while (em && em->type != DOC_EMPH)
    em = em->next;
  char *et = em ? T_text(em) : NULL;
  CHECK_STR("cite: book title in italics", et,
            "Lokale partnerskaber i praksis");
  free(et);
  doc_node *kj = T_by_id(d, "ref-kjaer2019mandat");
  doc_node *url = kj ? kj->last : NULL;
  CHECK("cite: DOI as a link",
        url && url->type == DOC_LINK &&
            strcmp(url->text, "https://doi.org/10.5555/tas.2019.213") == 0);
  doc_free(d);
  diag_free(&dl);
  bib_free(b);
}

static void test_list_entries(void) {
  diag_list dl;
  diag_init(&dl);
  bib *b = T_load(FIX "litteratur.bib", &dl);
  char *all = T_cite_all(b);
  doc *d = T_doc(all);
  T_run(d, b, "da", NULL, &dl);
  struct {
    const char *id, *want;
  } cases[] = {
      {"ref-ostbjerg2018",
       "Østbjerg, Birthe (2018a): Fra kantine til kompagni: samarbejdets "
       "idealtyper. 2. udg. København: Forlaget Fjordbyen."},
      {"ref-sorensen2017",
       "Sørensen, Jens og Malene Lund (2017): ”Når systemerne mødes: "
       "koordination mellem jobcenter og erhvervsservice”, i Niels "
       "Vestbo og Lise Ågård (red.): Samarbejde på tværs, s. 45–72. "
       "Odense: Akademisk Forlagshus."},
      {"ref-vestbo2017",
       "Vestbo, Niels og Lise Ågård (red.) (2017): Samarbejde på "
       "tværs. Odense: Akademisk Forlagshus."},
      {"ref-portalen2022",
       "Partnerskabsportalen (2022): Sådan kommer I i gang med et lokalt "
       "partnerskab. https://partnerskabsportalen.example.dk/kom-i-gang "
       "(hentet 14. marts 2023)."},
      {"ref-lindqvist2020",
       "Lindqvist, Åsa (2020): Virksomhedsrettede indsatser i tre regioner, "
       "nr. 2020:4. Aalborg: Center for Arbejdsmarkedsanalyse."},
      {"ref-udvalget",
       "Udvalget for Lokal Beskæftigelse (u.å.): Notat om samarbejdsaftaler "
       "mellem jobcenter og erhvervshus. Upubliceret notat."},
      {"ref-ravn2021",
       "Ravn, Rasmus og Maja Friis-Åkerlund (2021): ”Hvem har mandatet? "
       "Ledelse i kompagnier”. Nordisk Administrativt Tidsskrift, 98(1), "
       "s. 12–30."},
      {"ref-bertelsen2018",
       "Bertelsen, Ulla (2018): ”Kompetenceforsyning som fælles opgave”, i "
       "Nordisk konference om arbejdsmarked og uddannelse 2018, s. 112–120. "
       "Roskilde: Roskilde Forskningscenter."},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    doc_node *n = T_by_id(d, cases[i].id);
    char *s = n ? T_text(n) : NULL;
    CHECK_STR(cases[i].id, s, cases[i].want);
    free(s);
  }
  /* order: Danish, so Ø and Å come last; 2019a before 2019b */
  buf order = BUF_INIT;
  for (doc_node *n = d->root->first; n; n = n->next)
    if (n->flags & DOC_HANGING)
      buf_printf(&order, "%s ", n->id + 4);
  CHECK_STR("list: sorted the Danish way", buf_cstr(&order),
            "bertelsen2018 dahl2014 kommissionen2019 frost2013 holm2015 "
            "kjaer2019laering kjaer2019mandat lindqvist2020 moller2012 "
            "portalen2022 ravn2021 styrelsen2021 sorensen2017 udvalget "
            "vestbo2017 whitfield2011 ostbjerg2018 "
            "ostbjerg2018idealtyper agard2017 ");
  buf_free(&order);
  char *s = T_text(d->root->first);
  CHECK("list: disambiguated citations",
        strstr(s, "(Østbjerg 2018a) (Østbjerg 2018b)") &&
            strstr(s, "(Kjær et al. 2019b) (Kjær et al. 2019a)"));
  free(s);
  CHECK_NUM("list: nothing unused", dl.len, 0);
  free(all);
  doc_free(d);
  bib_free(b);
  diag_free(&dl);
}

static void test_unknown_key(void) {
  diag_list dl;
  diag_init(&dl);
  bib *b = T_load(FIX "litteratur.bib", &dl);
  doc *d = T_doc("Første linje.\nSe [@holm2051] og @moler2012 her.");
  int rc = T_run(d, b, "da", NULL, &dl);
  CHECK_NUM("unknown: fails", rc, -1);
  CHECK_NUM("unknown: two errors", dl.errors, 2);
  const diag *g = dl.len ? &dl.items[0] : NULL;
  CHECK("unknown: file and line",
        g && g->file && strcmp(g->file, "kap.md") == 0 && g->line == 11);
  CHECK_NUM("unknown: column of the @", g ? g->col : 0, 5);
  CHECK("unknown: nearest key suggested",
        g && strstr(g->message, "@holm2051") &&
            strstr(g->message, "mente du 'holm2015'"));
  CHECK("unknown: second suggestion",
        T_has_message(&dl, "@moler2012; mente du 'moller2012'"));
  doc_free(d);
  diag_free(&dl);

  /* two keys without ';' between them: a warning that says how */
  diag_init(&dl);
  d = T_doc("Se [se @moller2012 og @dahl2014].");
  T_run(d, b, "da", NULL, &dl);
  CHECK("two keys in one part warn",
        dl.warnings >= 1 && T_has_message(&dl, "skriv ';' mellem dem"));
  doc_free(d);
  diag_free(&dl);

  /* without a bibliography: [@x] is an error that says what to do, and
   * @word in running text stays text */
  diag_init(&dl);
  d = T_doc("Skriv til @support eller se [@holm2015].");
  rc = T_run(d, NULL, "da", NULL, &dl);
  CHECK_NUM("no bib: fails", rc, -1);
  CHECK("no bib: says how to fix",
        dl.errors == 1 && T_has_message(&dl, "bibliography ="));
  char *s = T_text(d->root->first);
  CHECK_STR("no bib: text kept", s, "Skriv til @support eller se [@holm2015].");
  free(s);
  doc_free(d);
  diag_free(&dl);
  bib_free(b);
}

static void test_tree_shapes(void) {
  diag_list dl;
  diag_init(&dl);
  bib *b = T_parse("t.bib",
                   "@book{hansen2016, author={Hansen, Åse and Larsen, Bo},"
                   " title={Bog}, year=2016}\n"
                   "@book{hansen2017, author={Hansen, Åse}, title={To},"
                   " year=2017}\n",
                   &dl);
  /* cmark leaves "[", "@hansen2016" and "]" as separate text nodes, and a
   * citation may run over a soft line break */
  doc *d = doc_new();
  doc_node *p = doc_node_new(DOC_PARAGRAPH);
  p->line = 4;
  p->file = doc_intern_file(d, "a.md");
  doc_append(d->root, p);
  doc_append(p, doc_text("Se "));
  doc_append(p, doc_text("["));
  doc_append(p, doc_text("@hansen2016"));
  doc_append(p, doc_text("] og [se"));
  doc_append(p, doc_node_new(DOC_SOFT_BREAK));
  doc_append(p, doc_text("@hansen2017, s. 2]."));
  doc_node *em = doc_node_new(DOC_EMPH);
  doc_append(em, doc_text("@hansen2017"));
  doc_append(p, em);
  /* the literature list goes where the {litteratur} marker is */
  doc_node *h = doc_node_new(DOC_HEADING);
  h->level = 1;
  doc_append(h, doc_text("Referencer"));
  doc_append(d->root, h);
  doc_node *marker = doc_node_new(DOC_PARAGRAPH);
  marker->id = strdup("refs");
  doc_append(d->root, marker);
  doc_node *after = doc_node_new(DOC_HEADING);
  doc_append(after, doc_text("Bilag"));
  doc_append(d->root, after);
  int rc = T_run(d, b, "da", "og", &dl);
  CHECK_NUM("shapes: ok", rc, 0);
  char *s = T_text(p);
  CHECK_STR("shapes: split nodes and soft break, 'og' from the project", s,
            "Se (Hansen og Larsen 2016) og (se Hansen 2017, s. 2).Hansen "
            "(2017)");
  free(s);
  CHECK("shapes: emphasis kept around a citation",
        p->last->type == DOC_EMPH && p->last->first->type == DOC_LINK);
  doc_node *e1 = h->next, *e2 = e1 ? e1->next : NULL;
  /* one author before the same author with others */
  CHECK("shapes: list at the marker",
        e1 && e1->id && strcmp(e1->id, "ref-hansen2017") == 0 && e2 &&
            e2->id && strcmp(e2->id, "ref-hansen2016") == 0 &&
            e2->next == after);
  CHECK("shapes: no extra heading", d->root->last == after);
  CHECK("shapes: the component's heading is unnumbered",
        (h->flags & DOC_UNNUMBERED) && !(h->flags & DOC_NOT_IN_TOC));
  doc_free(d);
  diag_free(&dl);
  bib_free(b);
}

static void test_english(void) {
  diag_list dl;
  diag_init(&dl);
  bib *b = T_load(FIX "litteratur.bib", &dl);
  doc *d = T_doc("[@kjaer2019mandat; @kjaer2019laering, 7] [@udvalget] "
                 "@sorensen2017 [@whitfield2011, 9–11]");
  int rc = T_run(d, b, "en", NULL, &dl);
  CHECK_NUM("english: ok", rc, 0);
  char *s = T_text(d->root->first);
  CHECK_STR("english: citations", s,
            "(Kjær et al. 2019b; Kjær et al. 2019a, p. 7) (Udvalget for "
            "Lokal Beskæftigelse n.d.) Sørensen & Lund (2017) (Whitfield & "
            "O’Connor 2011, p. 9–11)");
  free(s);
  doc_node *h = d->root->first->next;
  char *ht = h ? T_text(h) : NULL;
  CHECK_STR("english: heading", ht, "References");
  free(ht);
  doc_node *ch = T_by_id(d, "ref-sorensen2017");
  s = ch ? T_text(ch) : NULL;
  CHECK_STR("english: chapter", s,
            "Sørensen, Jens and Malene Lund (2017): “Når systemerne mødes: "
            "koordination mellem jobcenter og erhvervsservice”, in Niels "
            "Vestbo and Lise Ågård (eds.): Samarbejde på tværs, pp. "
            "45–72. Odense: Akademisk Forlagshus.");
  free(s);
  doc_free(d);
  bib_free(b);
  diag_free(&dl);
}

/* "Aa" sorts as "Å", after "Æ" and "Ø", as pandoc (ICU) sorts it too */
static void test_aa_sorts_as_aa(void) {
  diag_list dl;
  diag_init(&dl);
  bib *b = T_parse("aa.bib",
                   "@book{aa, author={Aabye, Karl}, title={A}, year=2001}\n"
                   "@book{zz, author={Zahle, Ole}, title={Z}, year=2001}\n"
                   "@book{ae, author={{\\AE}r{\\o}, Per}, title={X}, year=2001}\n"
                   "@book{ab, author={Abel, Per}, title={B}, year=2001}\n",
                   &dl);
  doc *d = T_doc("[@aa; @zz; @ae; @ab]");
  T_run(d, b, "da", NULL, &dl);
  buf order = BUF_INIT;
  for (doc_node *n = d->root->first; n; n = n->next)
    if (n->flags & DOC_HANGING)
      buf_printf(&order, "%s ", n->id + 4);
  CHECK_STR("sort: aa as å", buf_cstr(&order), "ab zz ae aa ");
  buf_free(&order);
  doc_free(d);
  bib_free(b);
  diag_free(&dl);
}

static void test_footnotes_stay_last(void) {
  diag_list dl;
  diag_init(&dl);
  bib *b = T_parse("t.bib", "@book{a2000, author={A, B}, title={T}, year=2000}",
                   &dl);
  doc *d = T_doc("Tekst [@a2000].");
  doc_node *fn = doc_node_new(DOC_FOOTNOTE_DEF);
  doc_append(d->root, fn);
  T_run(d, b, "da", NULL, &dl);
  CHECK("footnotes: still last", d->root->last == fn &&
                                     fn->prev->flags & DOC_HANGING);
  doc_free(d);
  bib_free(b);
  diag_free(&dl);
}

/* Hostile text: many brackets and at-signs, no citation; must stay fast
 * (bounded look-ahead) and unchanged. */
static void test_hostile_text(void) {
  diag_list dl;
  diag_init(&dl);
  bib *b = T_parse("t.bib", "@book{a2000, author={A, B}, title={T}, year=2000}",
                   &dl);
  buf t = BUF_INIT;
  for (int i = 0; i < 200000; i++)
    buf_puts(&t, i % 7 ? "[" : "x@");
  doc *d = T_doc(buf_cstr(&t));
  T_run(d, b, "da", NULL, &dl);
  char *s = T_text(d->root->first);
  CHECK("hostile: text unchanged", s && strcmp(s, buf_cstr(&t)) == 0);
  free(s);
  buf_free(&t);
  doc_free(d);
  bib_free(b);
  diag_free(&dl);
}

/* BibTeX's "and others" and crossref */
static void test_others_and_crossref(void) {
  diag_list dl;
  diag_init(&dl);
  bib *b = T_parse("x.bib",
                   "@incollection{kap, author={Dam, Eva and others},\n"
                   "  title={Kapitlet}, crossref={bog}, pages={1--9}}\n"
                   "@book{bog, editor={Vestbo, Niels}, title={Bogen},\n"
                   "  publisher={Forlaget}, address={Odense}, year=2017}\n"
                   "@misc{løs, title={Løs}, crossref={mangler}, year=2001}\n",
                   &dl);
  const bib_entry *e = bib_find(b, "kap");
  CHECK("others: not a name", e && e->nauthors == 1 && e->more_authors);
  CHECK("crossref: container and year from the book",
        e && e->container && strcmp(e->container, "Bogen") == 0 && e->year &&
            strcmp(e->year, "2017") == 0 && e->neditors == 1);
  CHECK("crossref: a missing target warns",
        T_has_message(&dl, "'løs' henviser med crossref til 'mangler'"));
  doc *d = T_doc("[@kap, 3]");
  T_run(d, b, "da", NULL, &dl);
  char *s = T_text(d->root->first);
  CHECK_STR("others: et al. in the citation", s, "(Dam et al. 2017, s. 3)");
  free(s);
  doc_node *n = T_by_id(d, "ref-kap");
  s = n ? T_text(n) : NULL;
  CHECK_STR("others and crossref: the entry", s,
            "Dam, Eva et al. (2017): ”Kapitlet”, i Niels Vestbo (red.): "
            "Bogen, s. 1–9. Odense: Forlaget.");
  free(s);
  doc_free(d);
  bib_free(b);
  diag_free(&dl);
}

/* A project's citation style goes through the converter components' text
 * goes through (script_style_inlines): numbers as Lua writes them, a
 * field typo warned about, an unknown node an error naming the style. */
static void test_style_nodes(void) {
  diag_list dl;
  diag_init(&dl);
  bib *b = T_parse("t.bib", "@book{a2000, author={A, B}, title={T}, year=2000}",
                   &dl);
  doc *d = T_doc("Se [@a2000].");
  lua_State *L = cite_style_state("lua/lib", "da");
  const char *style =
      "package.preload.teststil = function()\n"
      "  local S = require('citestyle').new({})\n"
      "  function S.cite(items, textual)\n"
      "    return { 'år ', 2000.5, ' ', { type = 'emph', contnet = 'x' },\n"
      "             { type = 'tabel' } }\n"
      "  end\n"
      "  return S\n"
      "end\n"
      "project.citation_style = 'teststil'\n";
  CHECK("style nodes: the test style loads",
        luaL_dostring(L, style) == LUA_OK);
  int rc = cite_process_lua(d, b, L, &dl);
  sandbox_close(L);
  CHECK_NUM("style nodes: an unknown node fails the stage", rc, -1);
  CHECK("style nodes: the unknown node is named with the style",
        T_has_message(&dl, "i litteraturstilen 'teststil': 'tabel' kan ikke "
                           "stå inde i tekst"));
  CHECK("style nodes: a field typo is warned about with the style",
        T_has_message(&dl, "i litteraturstilen 'teststil': en 'emph' har "
                           "ikke feltet 'contnet' (den har: content)"));
  char *s = T_text(d->root->first);
  CHECK_STR("style nodes: a number as Lua writes it", s, "Se år 2000.5 .");
  free(s);
  doc_free(d);
  bib_free(b);
  diag_free(&dl);
}

int main(void) {
  test_latex();
  test_bibtex();
  test_csljson();
  test_pandoc_recorded();
  test_citations();
  test_list_entries();
  test_unknown_key();
  test_tree_shapes();
  test_english();
  test_footnotes_stay_last();
  test_aa_sorts_as_aa();
  test_hostile_text();
  test_others_and_crossref();
  test_style_nodes();
  return TEST_END();
}
