/* test_markdown.c - the Markdown stage: a chapter in, the document tree
 * out. Each test writes a small chapter into a temporary project, parses
 * it and compares a compact dump of the tree (or the exact messages). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc/doc.h"
#include "markdown/markdown.h"
#include "project/project.h"
#include "script/script.h"
#include "test.h"
#include "util/buf.h"
#include "util/confine.h"
#include "util/diag.h"
#include "util/fs.h"
#include "util/home.h"
#include "util/mem.h"

static char S_dir[256];

static void S_write(const char *rel, const char *text) {
  char *path = fs_join(S_dir, rel);
  char *dir = fs_dirname(path);
  fs_mkdirs(dir);
  fs_write_atomic(path, text, strlen(text));
  free(dir);
  free(path);
}

/* (type attrs children...) with text in quotes */
static void S_dump_node(buf *b, const doc_node *n) {
  if (n->type == DOC_TEXT) {
    buf_printf(b, "\"%s\"", n->text);
    return;
  }
  buf_printf(b, "(%s", doc_type_name(n->type));
  if (n->type == DOC_HEADING)
    buf_printf(b, "%d", n->level);
  if (n->id)
    buf_printf(b, " #%s", n->id);
  if (n->flags & DOC_UNNUMBERED)
    buf_puts(b, " unnumbered");
  if (n->flags & DOC_NOT_IN_TOC)
    buf_puts(b, " notoc");
  if (n->flags & DOC_HEADER_ROW)
    buf_puts(b, " header");
  if (n->flags & DOC_ORDERED)
    buf_printf(b, " ordered start=%d", n->number);
  if (n->flags & DOC_CAPITALISE)
    buf_puts(b, " capital");
  if (n->type == DOC_TABLE && n->aligns) {
    buf_printf(b, " cols=%d align=", n->ncols);
    for (int i = 0; i < n->ncols; i++)
      buf_putc(b, n->aligns[i] ? n->aligns[i] : '-');
  }
  if (n->type == DOC_TABLE_CELL && n->align)
    buf_printf(b, " %c", n->align);
  if (n->type == DOC_TABLE_CELL && n->fill >= 0)
    buf_printf(b, " fill=%06lx", n->fill);
  if (n->type == DOC_TABLE_CELL && (n->flags & DOC_STRONG_CELL))
    buf_puts(b, " strong");
  if (n->type == DOC_TABLE_CELL && n->colspan > 1)
    buf_printf(b, " span=%d", n->colspan);
  if ((n->type == DOC_XREF || n->type == DOC_FOOTNOTE_REF ||
       n->type == DOC_CODE || n->type == DOC_LINK ||
       n->type == DOC_CODE_BLOCK) &&
      n->text)
    buf_printf(b, " %s", n->text);
  if (n->type == DOC_IMAGE && n->text)
    buf_printf(b, " %s", strrchr(n->text, '/') ? strrchr(n->text, '/') + 1
                                                : n->text);
  for (const doc_node *c = n->first; c; c = c->next) {
    buf_putc(b, ' ');
    S_dump_node(b, c);
  }
  buf_putc(b, ')');
}

static char *S_dump(const doc_node *root) {
  buf b = BUF_INIT;
  for (const doc_node *c = root->first; c; c = c->next) {
    if (b.len)
      buf_putc(&b, ' ');
    S_dump_node(&b, c);
  }
  return buf_detach(&b);
}

static char *S_messages(const diag_list *dg) {
  buf b = BUF_INIT;
  for (size_t i = 0; i < dg->len; i++)
    buf_printf(&b, "%s:%d:%d: %s\n", dg->items[i].file ? dg->items[i].file
                                                       : "-",
               dg->items[i].line, dg->items[i].col, dg->items[i].message);
  return buf_detach(&b);
}

static project S_proj;

static script *S_script(diag_list *dg) {
  memset(&S_proj, 0, sizeof S_proj);
  S_proj.dir = S_dir;
  S_proj.lang = "da";
  static char *parts[] = {"Skovlund", "Havbjerg", "Ådal"};
  S_proj.partnerships.items = parts;
  S_proj.partnerships.len = 3;
  static script_config cfg;
  memset(&cfg, 0, sizeof cfg);
  cfg.proj = &S_proj;
  cfg.install_dir = ".";
  cfg.diags = dg;
  return script_new(&cfg);
}

/* Parses md as kapitler/01-test.md; returns the dump, messages in *msgs. */
static char *S_parse(const char *md, char **msgs) {
  S_write("kapitler/01-test.md", md);
  diag_list dg;
  diag_init(&dg);
  doc *d = doc_new();
  script *s = S_script(&dg);
  char *path = fs_join(S_dir, "kapitler/01-test.md");
  md_directives dx = script_directives(s);
  markdown_parse_file(d, path, "kapitler/01-test.md", &dx, &dg);
  free(path);
  script_free(s);
  char *out = S_dump(d->root);
  char *m = S_messages(&dg);
  if (msgs)
    *msgs = m;
  else
    free(m);
  doc_free(d);
  diag_free(&dg);
  return out;
}

#define EXPECT(name, md, want)                                                 \
  do {                                                                         \
    char *got_ = S_parse(md, NULL);                                            \
    CHECK_STR(name, got_, want);                                               \
    free(got_);                                                                \
  } while (0)

#define EXPECT_MSG(name, md, want)                                             \
  do {                                                                         \
    char *m_;                                                                  \
    free(S_parse(md, &m_));                                                    \
    CHECK_STR(name, m_, want);                                                 \
    free(m_);                                                                  \
  } while (0)

static void test_blocks(void) {
  EXPECT("paragraph with emphasis, strong, code",
         "Et *lille* og **stort** `kode`.\n",
         "(paragraph \"Et \" (emph \"lille\") \" og \" (strong \"stort\") \" \" "
         "(code kode) \".\")");
  EXPECT("heading levels", "# Én\n\n## To\n",
         "(heading1 \"Én\") (heading2 \"To\")");
  EXPECT("heading label", "# Indledning {#sec:indledning}\n",
         "(heading1 #sec:indledning \"Indledning\")");
  EXPECT("heading {-} is unnumbered and out of the toc", "## Forord {-}\n",
         "(heading2 unnumbered notoc \"Forord\")");
  EXPECT("heading {.unnumbered} with label",
         "## Bilag {#sec:bilag .unnumbered}\n",
         "(heading2 #sec:bilag unnumbered notoc \"Bilag\")");
  EXPECT("braces that are not attributes stay", "# Mængden {a, b}\n",
         "(heading1 \"Mængden {a, b}\")");
  EXPECT("lists: bullets tight, ordered with start",
         "- a\n- b\n\n3. x\n4. y\n",
         "(list (item (paragraph \"a\")) (item (paragraph \"b\"))) "
         "(list ordered start=3 (item (paragraph \"x\")) (item (paragraph "
         "\"y\")))");
  EXPECT("quote, rule, code block",
         "> citat\n\n---\n\n```lua\nx = 1\n```\n",
         "(quote (paragraph \"citat\")) (rule) (code_block x = 1\n)");
  EXPECT("line breaks", "a\nb  \nc\n",
         "(paragraph \"a\" (soft_break) \"b\" (line_break) \"c\")");
  EXPECT("links and autolinks",
         "[her](https://x.dk \"t\") og https://y.dk og post@z.dk\n",
         "(paragraph (link https://x.dk \"her\") \" og \" (link https://y.dk "
         "\"https://y.dk\") \" og \" (link mailto:post@z.dk \"post@z.dk\"))");
  EXPECT("strikethrough", "~~væk~~\n", "(paragraph (strike \"væk\"))");
  EXPECT("dashes: -- en dash, --- em dash, not in code",
         "2010--2014 og --- tankestreg `a--b`\n",
         "(paragraph \"2010–2014 og — tankestreg \" (code a--b))");
}

static void test_xrefs(void) {
  EXPECT("cross-references to tables, figures and sections",
         "Se @tbl:a, @Fig:b og @sec:c-d.\n",
         "(paragraph \"Se \" (xref tbl:a) \", \" (xref capital fig:b) \" og "
         "\" (xref sec:c-d) \".\")");
  EXPECT("citations and e-mail addresses are left alone",
         "Jf. [@holm2020] og @jensen, skriv til a@tbl.dk\n",
         "(paragraph \"Jf. [@holm2020] og @jensen, skriv til \" (link "
         "mailto:a@tbl.dk \"a@tbl.dk\"))");
  EXPECT("bracketed cross-reference loses the brackets",
         "(se [@tbl:x])\n", "(paragraph \"(se \" (xref tbl:x) \")\")");
  EXPECT("label with underscore survives emphasis parsing",
         "Se @tbl:min_tabel her\n",
         "(paragraph \"Se \" (xref tbl:min_tabel) \" her\")");
}

static void test_tables(void) {
  EXPECT("table with alignments, header row and caption",
         "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\n"
         "Tabel: Tal pr. år {#tbl:tal}\n",
         "(table #tbl:tal cols=3 align=lcr (caption \"Tal pr. år\") "
         "(table_row header (table_cell l \"a\") (table_cell c \"b\") "
         "(table_cell r \"c\")) (table_row (table_cell l \"1\") (table_cell "
         "c \"2\") (table_cell r \"3\")))");
  EXPECT("pandoc caption ': text' without label",
         "| a |\n|---|\n| 1 |\n\n: Kun tekst\n",
         "(table cols=1 align=- (caption \"Kun tekst\") (table_row header "
         "(table_cell \"a\")) (table_row (table_cell \"1\")))");
  EXPECT("a paragraph after a table that is no caption stays",
         "| a |\n|---|\n| 1 |\n\nAlmindelig tekst.\n",
         "(table cols=1 align=- (table_row header (table_cell \"a\")) "
         "(table_row (table_cell \"1\"))) (paragraph \"Almindelig tekst.\")");
  EXPECT_MSG("a row with more cells than the header is an error",
             "| a | b |\n|---|---|\n| 1 | 2 |\n| 1 | 2 | 3 | 4 |\n",
             "kapitler/01-test.md:4:0: rækken har 4 celler, men tabellens "
             "overskrift har 2 kolonner; de sidste 2 celler ville gå tabt. "
             "Tilføj kolonner i overskriften eller fjern cellerne (en | i "
             "teksten skrives \\|)\n");
  EXPECT("a caption line without a blank line before it",
         "| a |\n|---|\n| 1 |\nTabel: Tæt på {#tbl:t}\n",
         "(table #tbl:t cols=1 align=- (caption \"Tæt på\") (table_row header "
         "(table_cell \"a\")) (table_row (table_cell \"1\")))");
  EXPECT_MSG("a malformed directive is an error",
             "```{placering x=1}\nround = 1\n```\n",
             "kapitler/01-test.md:1:1: '{placering x=1}' er ikke et gyldigt "
             "direktiv: skriv {navn} med bogstaver, tal, _ og -, og "
             "argumenterne inde i blokken\n");
  EXPECT_MSG("escaped pipes are not cells",
             "| a | b |\n|---|---|\n| x \\| y | `p\\|q` |\n", "");
}

static void test_figures(void) {
  S_write("figurer/kort.png", "PNG");
  EXPECT("an image alone in a paragraph is a figure",
         "![Kort over *Ådal*](figurer/kort.png){#fig:kort}\n",
         "(figure #fig:kort (image kort.png) (caption \"Kort over \" (emph "
         "\"Ådal\")))");
  EXPECT("image path relative to the chapter folder",
         "![Kort](../figurer/kort.png)\n",
         "(figure (image kort.png) (caption \"Kort\"))");
  EXPECT_MSG("a missing image is an error",
             "Tekst\n\n![Kort](figurer/mangler.png)\n",
             "kapitler/01-test.md:3:1: billedet 'figurer/mangler.png' findes "
             "ikke (søgt i kapitlets mappe og i projektmappen)\n");
  /* the project folder and the installation (its locale files) are the
   * allowed ones, as in a build */
  confine_set(S_dir, home_dir(), NULL, 0);
  EXPECT_MSG("an image outside the project is an error",
             "![Pw](../../../../../../../etc/hostname)\n",
             "kapitler/01-test.md:1:1: billedet "
             "'../../../../../../../etc/hostname' ligger uden for "
             "projektmappen; læg filen i projektet eller giv mappen med "
             "--allow MAPPE\n");
  confine_clear();
}

static void test_footnotes(void) {
  EXPECT("footnotes: references and definitions at the end",
         "Et[^a] og to[^b], igen[^a].\n\n[^b]: Anden.\n[^a]: Første.\n",
         "(paragraph \"Et\" (footnote_ref fn-01-test-1) \" og to\" "
         "(footnote_ref fn-01-test-2) \", igen\" (footnote_ref fn-01-test-1) "
         "\".\") (footnote_def #fn-01-test-1 (paragraph \"Første.\")) "
         "(footnote_def #fn-01-test-2 (paragraph \"Anden.\"))");
  EXPECT_MSG("undefined, unused and duplicate footnotes are reported",
             "Et[^a] og[^x].\n\n[^a]: Første.\n[^u]: Ubrugt.\n[^a]: Igen.\n",
             "kapitler/01-test.md:5:0: fodnoten [^a] er defineret to gange "
             "(også på linje 3); kun den første bruges\n"
             "kapitler/01-test.md:1:10: fodnoten [^x] er ikke defineret; "
             "tilføj en linje \"[^x]: tekst\" i kapitlet\n"
             "kapitler/01-test.md:4:0: fodnoten [^u] bruges ingen steder i "
             "teksten og kommer ikke med\n");
}

static void test_footnote_ids(void) {
  S_write("a/noter.md", "En[^1].\n\n[^1]: A.\n");
  S_write("b/noter.md", "To[^1].\n\n[^1]: B.\n");
  diag_list dg;
  diag_init(&dg);
  doc *d = doc_new();
  char *pa = fs_join(S_dir, "a/noter.md"), *pb = fs_join(S_dir, "b/noter.md");
  markdown_parse_file(d, pa, "a/noter.md", NULL, &dg);
  markdown_parse_file(d, pb, "b/noter.md", NULL, &dg);
  char *got = S_dump(d->root);
  CHECK_STR("chapters with the same name get distinct footnote ids", got,
            "(paragraph \"En\" (footnote_ref fn-noter-1) \".\") (footnote_def "
            "#fn-noter-1 (paragraph \"A.\")) (paragraph \"To\" (footnote_ref "
            "fn-noter-2-1) \".\") (footnote_def #fn-noter-2-1 (paragraph "
            "\"B.\"))");
  free(got);
  free(pa);
  free(pb);
  doc_free(d);
  diag_free(&dg);
}

static void test_values_and_directives(void) {
  S_write("components/hilsen.lua",
          "return function(args)\n"
          "  return { type = \"paragraph\", content = { \"Hej \", { type = "
          "\"strong\", content = args.navn } } }\n"
          "end\n");
  S_write("components/tabel.lua",
          "return function(args)\n"
          "  return { type = \"table\", id = args.id, caption = "
          "args.caption,\n"
          "    columns = { { align = \"l\" }, { align = \"r\" } },\n"
          "    header = { \"Navn\", \"Antal\" },\n"
          "    rows = { { \"a\", 1234 }, { { content = \"I alt\", strong = "
          "true }, { content = 2.5, fill = \"#ff0000\" } } } }\n"
          "end\n");
  EXPECT("inline values are evaluated and escaped",
         "Der er {{ #project.partnerships }} partnerskaber, "
         "{{ 1234567 }} kr., {{ 3.456 }} og {{ \"*ikke fed*\" }}.\n",
         "(paragraph \"Der er 3 partnerskaber, 1.234.567 kr., 3,46 og *ikke "
         "fed*.\")");
  EXPECT("\\{{ and code keep braces",
         "\\{{ x }} og `{{ y }}`\n",
         "(paragraph \"{{ x }} og \" (code {{ y }}))");
  EXPECT("a directive calls a component with its arguments",
         "Før\n\n```{hilsen}\nnavn = \"Åse\"\n```\n\nEfter\n",
         "(paragraph \"Før\") (paragraph \"Hej \" (strong \"Åse\")) "
         "(paragraph \"Efter\")");
  EXPECT("a component table: header, numbers, cell options",
         "```{tabel}\nid = \"tbl:t\"\ncaption = \"Tal\"\n```\n",
         "(table #tbl:t cols=2 align=lr (caption \"Tal\") (table_row header "
         "(table_cell l \"Navn\") (table_cell r \"Antal\")) (table_row "
         "(table_cell l \"a\") (table_cell r \"1.234\")) (table_row "
         "(table_cell l strong \"I alt\") (table_cell r fill=ff0000 "
         "\"2,5\")))");
  EXPECT("values are not expanded inside fenced code",
         "```\n{{ 1 }}\n```\n", "(code_block {{ 1 }}\n)");
  {
    char *m;
    free(S_parse("Tekst\n\n```{ukendt}\nx = 1\n```\n", &m));
    const char *want =
        "kapitler/01-test.md:3:0: komponenten 'ukendt' findes ikke (hverken "
        "components/ukendt.lua i projektet eller lua/components/ukendt.lua); "
        "de tilgængelige komponenter er: ";
    CHECK("an unknown component is an error at the directive",
          strncmp(m, want, strlen(want)) == 0);
    CHECK("... listing the project's and the installed components",
          strstr(m, " hilsen, ") && strstr(m, " tabel"));
    free(m);
  }
  EXPECT_MSG("an expression without value",
             "Her {{ project.findes_ikke }} ikke\n",
             "kapitler/01-test.md:1:5: udtrykket {{ project.findes_ikke }} "
             "gav ingen værdi (nil); tjek navnene, fx data.NAVN og "
             "project.FELT\n");
  EXPECT_MSG("an unclosed {{",
             "Her {{ 1 + \n",
             "kapitler/01-test.md:1:5: {{ uden }} på samme linje; skriv {{ "
             "udtryk }} på én linje, eller \\{{ for at få {{ i teksten\n");
  EXPECT_MSG("raw HTML is dropped with a warning, comments silently",
             "<!-- note -->\n\n<div>x</div>\n",
             "kapitler/01-test.md:3:1: rå HTML bruges ikke og springes over: "
             "<div>x</div>\n");
}

static void test_line_ends(void) {
  EXPECT("CRLF line ends and a BOM (Windows editors)",
         "\xef\xbb\xbf# Titel {#sec:t}\r\n\r\nTekst[^1] {{ 2 }}.\r\n\r\n"
         "| a | b |\r\n|---|---|\r\n| 1 | 2 |\r\n\r\n"
         "```{hilsen}\r\nnavn = \"x\"\r\n```\r\n\r\n[^1]: Note.\r\n",
         "(heading1 #sec:t \"Titel\") (paragraph \"Tekst\" (footnote_ref "
         "fn-01-test-1) \" 2.\") (table cols=2 align=-- (table_row header "
         "(table_cell \"a\") (table_cell \"b\")) (table_row (table_cell "
         "\"1\") (table_cell \"2\"))) (paragraph \"Hej \" (strong \"x\")) "
         "(footnote_def #fn-01-test-1 (paragraph \"Note.\"))");
  msg_lang_from_project("en");
  EXPECT_MSG("messages in English",
             "| a |\n|---|\n| 1 | 2 |\n",
             "kapitler/01-test.md:3:0: the row has 2 cells, but the table's "
             "header has 1 columns; the last 1 cells would be lost. Add "
             "columns to the header or remove the cells (write a | in text "
             "as \\|)\n");
  msg_lang_from_project("da");
}

static void test_limits(void) {
  buf b = BUF_INIT;
  for (int i = 0; i < 40; i++)
    buf_puts(&b, "> ");
  buf_puts(&b, "dybt\n");
  char *m;
  free(S_parse(buf_cstr(&b), &m));
  CHECK_STR("deeply nested quotes are refused", m,
            "kapitler/01-test.md:1:0: citater er indlejret 40 niveauer dybt "
            "(højst 32); gør strukturen fladere\n");
  free(m);
  buf_free(&b);
  /* no crash on hostile input */
  buf_puts(&b, "x ");
  for (int i = 0; i < 5000; i++)
    buf_puts(&b, "[");
  for (int i = 0; i < 3000; i++)
    buf_puts(&b, "*a_ ");
  buf_puts(&b, "\n");
  free(S_parse(buf_cstr(&b), &m));
  CHECK("hostile brackets and delimiters parse", m != NULL);
  free(m);
  buf_free(&b);
}

static void test_fragment(void) {
  doc *d = doc_new();
  diag_list dg;
  diag_init(&dg);
  markdown_parse_string(d, d->root, "## Fra *komponent*\n\n```{x}\n```\n",
                        "k.md", 7, &dg);
  char *got = S_dump(d->root);
  CHECK_STR("component Markdown becomes blocks", got,
            "(heading2 \"Fra \" (emph \"komponent\"))");
  CHECK("component Markdown is placed at the directive",
        d->root->first->line == 7);
  char *m = S_messages(&dg);
  CHECK_STR("no directives inside component Markdown", m,
            "k.md:7:0: direktivet {x} kan ikke bruges her (kun i kapitler)\n");
  free(m);
  free(got);
  diag_free(&dg);
  doc_free(d);
}

int main(void) {
  snprintf(S_dir, sizeof S_dir, "/tmp/rapport-md-%d", (int)getpid());
  fs_mkdirs(S_dir);
  test_blocks();
  test_xrefs();
  test_tables();
  test_figures();
  test_footnotes();
  test_footnote_ids();
  test_values_and_directives();
  test_line_ends();
  test_limits();
  test_fragment();
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
  if (system(cmd) != 0)
    return 1;
  return TEST_END();
}
