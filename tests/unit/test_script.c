/* test_script.c - the template stage: the globals components see (data
 * filtered by edition, project, locale), directives and their nodes, the
 * exact error messages, and the sandbox: every escape attempt and runaway
 * template must end in a clear error, never a crash or a hang. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "doc/doc.h"
#include "markdown/markdown.h"
#include "project/project.h"
#include "script/script.h"
#include "test.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fs.h"
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

/* ---- a project built by hand, as project.c and data/ would fill it ---- */

static project S_proj;
static edition S_ed;
static data_schema S_schema;
static col_schema S_cols[4];
static data_table S_table;
static data_row S_rows[3];
static data_cell S_cells[3][4];
static data_table *S_tables[1] = {&S_table};
static char *S_rounds[] = {"baseline", "midtvejs"};

static void S_cell(int r, int c, const char *raw) {
  data_cell *x = &S_cells[r][c];
  x->raw = (char *)raw;
  x->empty = raw == NULL;
  if (raw && S_cols[c].type == COL_INTEGER)
    x->v.i = atoll(raw);
  if (raw && S_cols[c].type == COL_DATE)
    sscanf(raw, "%d-%d-%d", &x->v.date.y, &x->v.date.m, &x->v.date.d);
}

static const char S_config[] =
    "return { title = \"Prøve\", lang = \"da\",\n"
    "  partnerships = { \"Skovlund\", \"Havbjerg\", \"Ådal\" },\n"
    "  levels = { \"kantine\", \"klub\", \"kompagni\" } }\n";

static void S_setup_project(void) {
  S_write("rapport.lua", S_config);
  memset(&S_proj, 0, sizeof S_proj);
  S_proj.dir = S_dir;
  S_proj.config_path = fs_join(S_dir, "rapport.lua");
  S_proj.lang = "da";
  S_cols[0] = (col_schema){.name = "navn", .type = COL_TEXT};
  S_cols[1] = (col_schema){.name = "runde", .type = COL_TEXT};
  S_cols[2] = (col_schema){.name = "antal", .type = COL_INTEGER};
  S_cols[3] = (col_schema){.name = "kontakt", .type = COL_TEXT,
                           .sensitive = true};
  S_schema = (data_schema){.name = "tal", .path = "data/tal.csv",
                           .cols = S_cols, .ncols = 4,
                           .round_column = "runde"};
  S_proj.data = &S_schema;
  S_proj.ndata = 1;
  const char *rows[3][4] = {{"Skovlund", "baseline", "12", "Karen"},
                            {"Havbjerg", "midtvejs", NULL, "Jonas"},
                            {"Ådal", "slut", "7", "Ib"}};
  for (int r = 0; r < 3; r++) {
    for (int c = 0; c < 4; c++)
      S_cell(r, c, rows[r][c]);
    S_rows[r].line = r + 2;
    S_rows[r].cells = S_cells[r];
  }
  S_table = (data_table){.schema = &S_schema, .rows = S_rows, .nrows = 3};
  S_ed = (edition){.name = "midtvejs", .title = "Midtvejsrapport",
                   .rounds = {S_rounds, 2}};
}

/* Small limits keep the runaway tests fast; one test below uses the
 * defaults. */
static bool S_default_limits;

static script *S_script(diag_list *dg, bool public_edition) {
  static script_config cfg;
  cfg = (script_config){&S_proj, &S_ed, S_tables, public_edition, ".", dg,
                        NULL, NULL, NULL, NULL};
  script *s = script_new(&cfg);
  if (!S_default_limits)
    script_set_limits(s, 5000000, (size_t)32 << 20);
  return s;
}

static char *S_messages(const diag_list *dg) {
  buf b = BUF_INIT;
  for (size_t i = 0; i < dg->len; i++)
    buf_printf(&b, "%s%s:%d:%d: %s\n",
               dg->items[i].severity == DIAG_WARNING ? "W " : "",
               dg->items[i].file ? dg->items[i].file : "-", dg->items[i].line,
               dg->items[i].col, dg->items[i].message);
  return buf_detach(&b);
}

/* Evaluates {{ expr }}; returns the value or "ERR: message". */
static char *S_eval_in(script *s, diag_list *dg, const char *expr) {
  size_t before = dg->len;
  char *v = script_eval_inline(s, expr, "k.md", 3, 5);
  if (v)
    return v;
  buf b = BUF_INIT;
  buf_puts(&b, "ERR: ");
  for (size_t i = before; i < dg->len; i++)
    buf_puts(&b, dg->items[i].message);
  return buf_detach(&b);
}

static char *S_eval(const char *expr, bool public_edition) {
  diag_list dg;
  diag_init(&dg);
  script *s = S_script(&dg, public_edition);
  char *v = S_eval_in(s, &dg, expr);
  script_free(s);
  diag_free(&dg);
  return v;
}

#define EVAL(name, expr, want)                                                 \
  do {                                                                         \
    char *v_ = S_eval(expr, false);                                            \
    CHECK_STR(name, v_, want);                                                 \
    free(v_);                                                                  \
  } while (0)

/* Runs a directive calling component `name` (written to components/ with
 * `code`); returns the tree dump and the messages in *msgs. */
static void S_dump_node(buf *b, const doc_node *n) {
  if (n->type == DOC_TEXT) {
    buf_printf(b, "\"%s\"", n->text);
    return;
  }
  buf_printf(b, "(%s", doc_type_name(n->type));
  if (n->id)
    buf_printf(b, " #%s", n->id);
  if (n->type == DOC_TABLE)
    buf_printf(b, " cols=%d", n->ncols);
  if (n->type == DOC_CHART && n->drawing)
    buf_printf(b, " %gx%g items=%zu", n->drawing->width, n->drawing->height,
               n->drawing->len);
  if (n->flags & DOC_CHART_DATA)
    buf_puts(b, " data");
  if (n->type == DOC_XREF)
    buf_printf(b, " %s%s", n->text, n->flags & DOC_CAPITALISE ? " cap" : "");
  for (const doc_node *c = n->first; c; c = c->next) {
    buf_putc(b, ' ');
    S_dump_node(b, c);
  }
  buf_putc(b, ')');
}

static char *S_run(const char *name, const char *code, const char *body,
                   char **msgs) {
  if (code) {
    buf p = BUF_INIT;
    buf_printf(&p, "components/%s.lua", name);
    S_write(buf_cstr(&p), code);
    buf_free(&p);
  }
  diag_list dg;
  diag_init(&dg);
  doc *d = doc_new();
  script *s = S_script(&dg, false);
  script_run_directive(s, name, body, d, d->root, "kapitler/03.md", 12);
  script_free(s);
  buf b = BUF_INIT;
  for (doc_node *c = d->root->first; c; c = c->next) {
    if (b.len)
      buf_putc(&b, ' ');
    S_dump_node(&b, c);
  }
  *msgs = S_messages(&dg);
  doc_free(d);
  diag_free(&dg);
  return buf_detach(&b);
}

#define RUN_MSG(label, code, body, want)                                       \
  do {                                                                         \
    char *m_;                                                                  \
    free(S_run("k", code, body, &m_));                                         \
    CHECK_STR(label, m_, want);                                                \
    free(m_);                                                                  \
  } while (0)

static void test_globals(void) {
  EVAL("data rows are filtered to the edition's rounds", "#data.tal", "2");
  EVAL("text values are strings", "data.tal[1].navn", "Skovlund");
  EVAL("integer values are numbers", "data.tal[1].antal + 1", "13");
  EVAL("empty cells are nil", "tostring(data.tal[2].antal)", "nil");
  EVAL("rows know their CSV line", "data.tal[2]._line", "3");
  EVAL("sensitive columns are there in the internal edition",
       "data.tal[1].kontakt", "Karen");
  char *v = S_eval("tostring(data.tal[1].kontakt)", true);
  CHECK_STR("sensitive columns are absent in a public edition", v, "nil");
  free(v);
  v = S_eval("tostring(project.public)", true);
  CHECK_STR("project.public", v, "true");
  free(v);
  EVAL("project comes from rapport.lua", "project.title", "Prøve");
  EVAL("project.edition", "project.edition.name .. '/' .. "
       "project.edition.title .. '/' .. #project.edition.rounds",
       "midtvejs/Midtvejsrapport/2");
  EVAL("locale words", "locale.table", "Tabel");
  EVAL("numbers the Danish way", "1234567.891", "1.234.567,89");
  EVAL("rapport.lang", "rapport.lang", "da");
  EVAL("require finds lua/lib modules", "require('fmt').integer(4321)",
       "4.321");
  EVAL("os.date still works", "os.date('!%Y', 0)", "1970");
}

static void test_sandbox(void) {
  EVAL("no os.execute", "os.execute('touch /tmp/pwned')",
       "ERR: i udtrykket {{ os.execute('touch /tmp/pwned') }}: attempt to "
       "call a nil value (field 'execute')");
  EVAL("no os.getenv", "os.getenv('HOME')",
       "ERR: i udtrykket {{ os.getenv('HOME') }}: attempt to call a nil "
       "value (field 'getenv')");
  EVAL("no io", "io.open('/etc/passwd'):read('a')",
       "ERR: i udtrykket {{ io.open('/etc/passwd'):read('a') }}: attempt to "
       "index a nil value (global 'io')");
  EVAL("require('os') finds no module", "require('os')",
       "ERR: i udtrykket {{ require('os') }}: modulet 'os' findes ikke; "
       "require finder kun Lua-filer i projektets lua/ og components/ og i "
       "rapports lua/lib/ (navne som \"fmt\" eller \"diagram.akser\", uden "
       ".. og /)");
  EVAL("require cannot climb out", "require('..rapport')",
       "ERR: i udtrykket {{ require('..rapport') }}: modulet '..rapport' "
       "findes ikke; require finder kun Lua-filer i projektets lua/ og "
       "components/ og i rapports lua/lib/ (navne som \"fmt\" eller "
       "\"diagram.akser\", uden .. og /)");
  EVAL("no package.loadlib", "package.loadlib('libc.so.6', 'system')",
       "ERR: i udtrykket {{ package.loadlib('libc.so.6', 'system') }}: "
       "attempt to index a nil value (global 'package')");
  EVAL("no debug library", "debug.getregistry()",
       "ERR: i udtrykket {{ debug.getregistry() }}: attempt to index a nil "
       "value (global 'debug')");
  EVAL("no string.dump", "string.dump(print)",
       "ERR: i udtrykket {{ string.dump(print) }}: attempt to call a nil "
       "value (field 'dump')");
  EVAL("no bytecode through load", "load('\\27Lua junk')",
       "ERR: i udtrykket {{ load('\\27Lua junk') }}: load kan kun indlæse "
       "Lua-tekst, ikke bytekode");
  EVAL("load of text works and sees the sandbox", "load('return #data.tal')()",
       "2");
  EVAL("no dofile", "dofile('/etc/passwd')",
       "ERR: i udtrykket {{ dofile('/etc/passwd') }}: attempt to call a nil "
       "value (global 'dofile')");
  EVAL("no loadfile", "loadfile('/etc/passwd')",
       "ERR: i udtrykket {{ loadfile('/etc/passwd') }}: attempt to call a "
       "nil value (global 'loadfile')");
  EVAL("no collectgarbage", "collectgarbage('count')",
       "ERR: i udtrykket {{ collectgarbage('count') }}: attempt to call a "
       "nil value (global 'collectgarbage')");
  EVAL("no finalizers", "setmetatable({}, { __gc = print }) and 1",
       "ERR: i udtrykket {{ setmetatable({}, { __gc = print }) and 1 }}: "
       "__gc er ikke tilladt i skabeloner");
  EVAL("setmetatable still works",
       "setmetatable({}, { __index = function() return 7 end }).x", "7");
  EVAL("an endless loop stops",
       "(function() while true do end end)()",
       "ERR: i udtrykket {{ (function() while true do end end)() }}: "
       "skabelonen kørte for længe (uendelig løkke?)");
  EVAL("pcall cannot swallow the limit",
       "(function() while true do pcall(function() while true do end end) "
       "end end)()",
       "ERR: i udtrykket {{ (function() while true do pcall(function() while "
       "true do end end) end end)() }}: skabelonen kørte for længe "
       "(uendelig løkke?)");
  EVAL("a memory bomb stops",
       "(function() local t = {} for i = 1, 1e9 do t[i] = "
       "string.rep('x', 100) .. i end end)()",
       "ERR: i udtrykket {{ (function() local t = {} for i = 1, 1e9 do t[i] "
       "= string.rep('x', 100) .. i end end)() }}: skabelonen brugte for "
       "meget hukommelse (over 32 MB); den bygger sikkert en tabel eller "
       "tekst uden ende");
  EVAL("one huge string stops", "#string.rep('x', 1 << 30)",
       "ERR: i udtrykket {{ #string.rep('x', 1 << 30) }}: skabelonen brugte "
       "for meget hukommelse (over 32 MB); den bygger sikkert en tabel "
       "eller tekst uden ende");
  char *v = S_eval("(function() local function f() return 1 + f() end "
                   "return f() end)()",
                   false);
  CHECK("endless recursion is an error, not a crash",
        strncmp(v, "ERR: ", 5) == 0 &&
            (strstr(v, "stack overflow") || strstr(v, "hukommelse")));
  free(v);
  /* after a limit the state is usable again */
  diag_list dg;
  diag_init(&dg);
  script *s = S_script(&dg, false);
  free(S_eval_in(s, &dg, "#string.rep('x', 1 << 30)"));
  v = S_eval_in(s, &dg, "#data.tal");
  CHECK_STR("the state works after a memory error", v, "2");
  free(v);
  free(S_eval_in(s, &dg, "(function() while true do end end)()"));
  v = S_eval_in(s, &dg, "1 + 1");
  CHECK_STR("the state works after an endless loop", v, "2");
  free(v);
  script_free(s);
  diag_free(&dg);
}

static void test_values(void) {
  EVAL("nil is an error", "nil",
       "ERR: udtrykket {{ nil }} gav ingen værdi (nil); tjek navnene, fx "
       "data.NAVN og project.FELT");
  EVAL("a table is an error", "data.tal",
       "ERR: udtrykket {{ data.tal }} gav en table; det skal give et tal "
       "eller en tekst (brug fx #liste for et antal)");
  EVAL("a syntax error", "1 +",
       "ERR: i udtrykket {{ 1 + }}: unexpected symbol near <eof>");
}

static const char S_table_comp[] =
    "return function(args)\n"
    "  local rows = {}\n"
    "  for _, r in ipairs(data.tal) do rows[#rows + 1] = { r.navn, r.antal "
    "or 0 } end\n"
    "  return { type = 'table', id = args.id, caption = args.caption,\n"
    "    columns = { { align = 'l' }, { align = 'r' } },\n"
    "    header = { 'Navn', 'Antal' }, rows = rows }\n"
    "end\n";

static void test_directives(void) {
  char *m;
  char *t = S_run("k", S_table_comp,
                  "id = 'tbl:x'\ncaption = { 'Antal ', { type = 'emph', "
                  "content = 'i alt' } }\n",
                  &m);
  CHECK_STR("a component's table with data", t,
            "(table #tbl:x cols=2 (caption \"Antal \" (emph \"i alt\")) "
            "(table_row (table_cell \"Navn\") (table_cell \"Antal\")) "
            "(table_row (table_cell \"Skovlund\") (table_cell \"12\")) "
            "(table_row (table_cell \"Havbjerg\") (table_cell \"0\")))");
  CHECK_STR("... without messages", m, "");
  free(t);
  free(m);
  t = S_run("k",
            "return function(a) return { type = 'figure', id = 'fig:f', "
            "caption = 'Profil', alt = 'En linje',\n"
            " chart = { width = 200, height = 100, items = {\n"
            "  { 'rect', x = 0, y = 0, w = 10, h = 20, fill = '#1f77b4' },\n"
            "  { 'line', x = 0, y = 0, x2 = 5, y2 = 5, dash = 2 },\n"
            "  { 'polyline', points = { 0, 0, 1, 1, 2, 0 } },\n"
            "  { 'text', x = 1, y = 2, text = 'kantine', anchor = 'middle' "
            "} } },\n"
            " data = { header = { 'a' }, rows = { { 1 } } } }, "
            "{ type = 'paragraph', content = { 'Se ', { type = 'xref', "
            "target = 'fig:f', capital = true } } } end\n",
            "", &m);
  CHECK_STR("a figure with a chart, its data, and an xref", t,
            "(figure #fig:f (chart 200x100 items=4) (caption \"Profil\") "
            "(table cols=1 data (table_row (table_cell \"a\")) (table_row "
            "(table_cell \"1\")))) (paragraph \"Se \" (xref fig:f cap))");
  CHECK_STR("... without messages", m, "");
  free(t);
  free(m);
  t = S_run("k",
            "return function(a) return { { type = 'list', ordered = true, "
            "items = { 'en', { 'to ', { type = 'strong', content = 'fed' } "
            "}, { { type = 'paragraph', content = 'tre' } } } }, "
            "{ type = 'quote', content = 'citat' }, { type = 'toc' }, "
            "{ type = 'markdown', text = '*md* @tbl:y' }, "
            "{ type = 'heading', level = 2, content = 'H', id = 'sec:h' } } "
            "end\n",
            "", &m);
  CHECK_STR("lists, quotes, toc, markdown, headings", t,
            "(list (item (paragraph \"en\")) (item (paragraph \"to \" "
            "(strong \"fed\"))) (item (paragraph \"tre\"))) (quote "
            "(paragraph \"citat\")) (toc) (paragraph (emph \"md\") \" \" "
            "(xref tbl:y)) (heading #sec:h \"H\")");
  CHECK_STR("... without messages", m, "");
  free(t);
  free(m);
}

static void test_errors(void) {
  RUN_MSG("a runtime error names the template file and line",
          "return function(args)\n  local x = nil\n  return x.y\nend\n", "",
          "kapitler/03.md:12:0: i komponenten 'k' (components/k.lua:3): "
          "attempt to index a nil value (local 'x')\n");
  S_write("lua/hjaelp.lua",
          "local M = {}\nfunction M.f(t)\n  return t.x.y\nend\nreturn M\n");
  RUN_MSG("an error in a library names both places",
          "local h = require('hjaelp')\nreturn function(args)\n"
          "  local r = h.f({})\n  return r\nend\n",
          "",
          "kapitler/03.md:12:0: i komponenten 'k' (lua/hjaelp.lua:3, kaldt "
          "fra components/k.lua:3): attempt to index a nil value (field "
          "'x')\n");
  RUN_MSG("a syntax error in the directive's body names the Markdown line",
          "return function(a) return nil end\n", "x = 1\ny = = 2\n",
          "kapitler/03.md:14:0: i argumenterne til {k}: unexpected symbol "
          "near '='\n");
  RUN_MSG("a syntax error in a component",
          "return function(a)\n  return {\nend\n", "",
          "kapitler/03.md:12:0: i komponenten 'k' kan ikke indlæses: "
          "components/k.lua:3: unexpected symbol near 'end'\n");
  RUN_MSG("a component that returns no function",
          "return 42\n", "",
          "kapitler/03.md:12:0: i komponenten 'k': components/k.lua skal "
          "returnere en funktion: return function(args) ... end\n");
  RUN_MSG("rapport.error with a row points at the CSV line",
          "return function(a)\n  rapport.error('antal mangler', "
          "data.tal[2])\nend\n",
          "",
          "data/tal.csv:3:0: antal mangler (i komponenten 'k', "
          "kapitler/03.md:12)\n");
  RUN_MSG("rapport.error without a row points at the directive",
          "return function(a)\n  rapport.error('mangler round')\nend\n", "",
          "kapitler/03.md:12:0: i komponenten 'k' (components/k.lua:2): "
          "mangler round\n");
  RUN_MSG("rapport.warn goes on",
          "return function(a)\n  rapport.warn('tjek', data.tal[1])\n  "
          "return 'ok'\nend\n",
          "",
          "W data/tal.csv:2:0: tjek (komponenten 'k', kapitler/03.md:12)\n");
  RUN_MSG("a row wider than the columns",
          "return function(a) return { type = 'table', columns = { {}, {}, "
          "{}, {} }, rows = { { 1, 2, 3, 4 }, { 1, 2, 3, 4, 5 } } } end\n",
          "",
          "kapitler/03.md:12:0: tabellen fra 'k' har en række (nr. 2) med 5 "
          "celler, men 4 kolonner\n");
  RUN_MSG("a bad colour",
          "return function(a) return { type = 'table', rows = { { { content "
          "= 'x', fill = 'red' } } } } end\n",
          "",
          "kapitler/03.md:12:0: i komponenten 'k': farven 'red' (feltet "
          "'fill' i en 'cell') skal skrives \"#rrggbb\", fx \"#1f77b4\"\n");
  RUN_MSG("an unknown node type",
          "return function(a) return { type = 'tabel' } end\n", "",
          "kapitler/03.md:12:0: i komponenten 'k': ukendt nodetype 'tabel'; "
          "kendte typer er paragraph, heading, table, figure, list, quote, "
          "markdown, toc, list_of_tables, list_of_figures, pagebreak, "
          "rule\n");
  RUN_MSG("a misspelt field is a warning",
          "return function(a) return { type = 'table', captoin = 'x', rows "
          "= {} } end\n",
          "",
          "W kapitler/03.md:12:0: i komponenten 'k': en 'table' har ikke "
          "feltet 'captoin' (den har: id, caption, source, columns, header, "
          "rows, unnumbered, landscape)\n");
  {
    char *m;
    diag_list dg;
    diag_init(&dg);
    doc *d = doc_new();
    script *s = S_script(&dg, false);
    S_write("components/tegn.lua",
            "return function(a) return { type = 'figure', caption = 'c', "
            "chart = { items = { { 'text', x = 1, y = 2, text = 1234.5 }, "
            "{ 'rect', x = 0, y = 0, w = 1, h = 1, colour = '#000000' } } } "
            "} end\n");
    script_run_directive(s, "tegn", "", d, d->root, "kapitler/03.md", 12);
    doc_node *ch = d->root->first ? d->root->first->first : NULL;
    CHECK_STR("numbers in drawings are printed the Danish way",
              ch && ch->drawing && ch->drawing->len == 2
                  ? ch->drawing->items[0].text
                  : NULL,
              "1.234,5");
    m = S_messages(&dg);
    CHECK_STR("a misspelt drawing field is a warning", m,
              "W kapitler/03.md:12:0: i komponenten 'tegn': en 'rect' har "
              "ikke feltet 'colour' (den har: x, y, w, h, fill, stroke, "
              "stroke_width, dash)\n");
    free(m);
    script_free(s);
    doc_free(d);
    diag_free(&dg);
  }
  RUN_MSG("a table that contains itself",
          "return function(a) local t = {} t[1] = t\n"
          "  return { type = 'paragraph', content = t } end\n",
          "",
          "kapitler/03.md:12:0: i komponenten 'k': nodetræet er for dybt\n");
  RUN_MSG("a node list that contains itself",
          "return function(a) local t = {} t[1] = t return t end\n", "",
          "kapitler/03.md:12:0: i komponenten 'k': nodetræet er for dybt\n");
  RUN_MSG("a field of the wrong type",
          "return function(a) return { type = 'heading', level = 'to', "
          "content = 'x' } end\n",
          "",
          "kapitler/03.md:12:0: i komponenten 'k': feltet 'level' i en "
          "'heading' skal være et tal, ikke string\n");
  S_default_limits = true;
  RUN_MSG("an endless loop in a component (default limit)",
          "return function(a)\n  local n = 0\n  while true do n = n + 1 "
          "end\nend\n",
          "",
          "kapitler/03.md:12:0: i komponenten 'k' (components/k.lua:3): "
          "skabelonen kørte for længe (uendelig løkke?)\n");
  S_default_limits = false;
}

/* A pattern that never finishes runs inside C, where the count hook cannot
 * stop it: the CPU-time watchdog ends the process with a message. */
static void test_watchdog(void) {
  char errfile[300];
  snprintf(errfile, sizeof errfile, "%s/watchdog.err", S_dir);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    if (!freopen(errfile, "w", stderr))
      _exit(3);
    diag_list dg;
    diag_init(&dg);
    script *s = S_script(&dg, false);
    script_set_watchdog(s, 1);
    free(script_eval_inline(s, "string.rep('a', 5000):find('.-.-.-.-b')",
                            "kapitler/01.md", 4, 7));
    _exit(0); /* not reached */
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK("the watchdog ends a template stuck in a string pattern",
        WIFEXITED(status) && WEXITSTATUS(status) == 1);
  char *err = fs_read(errfile, NULL);
  CHECK_STR("... with a message naming the place", err,
            "kapitler/01.md:4: fejl: i udtrykket {{ string.rep('a', "
            "5000):find('.-.-.-.-b') }}: skabelonen kørte for længe (over 1 "
            "sekunder), sikkert i string.find, match, gmatch eller gsub med "
            "et mønster, der aldrig bliver færdigt (som \".-.-.-x\" på en "
            "lang tekst); bygningen er stoppet\n");
  free(err);
  /* the VM route: an endless Lua loop with a huge instruction budget is
   * stopped by the watchdog through the hook, as a normal error */
  diag_list dg;
  diag_init(&dg);
  script *s = S_script(&dg, false);
  script_set_limits(s, 1L << 60, 0);
  script_set_watchdog(s, 1);
  char *v = S_eval_in(s, &dg, "(function() while true do end end)()");
  CHECK_STR("the watchdog stops a Lua loop through the hook", v,
            "ERR: i udtrykket {{ (function() while true do end end)() }}: "
            "skabelonen kørte for længe (uendelig løkke?)");
  free(v);
  v = S_eval_in(s, &dg, "1 + 2");
  CHECK_STR("... and the state works afterwards", v, "3");
  free(v);
  script_free(s);
  diag_free(&dg);
}

static void test_spaces_in_paths(void) {
  diag_list dg;
  diag_init(&dg);
  doc *d = doc_new();
  script *s = S_script(&dg, false);
  script_run_directive(s, "k", "x = = 1\n", d, d->root,
                       "/home/a/Mine rapporter: 2/kap 3.md", 5);
  char *m = S_messages(&dg);
  CHECK_STR("a folder with spaces and a colon in the name", m,
            "/home/a/Mine rapporter: 2/kap 3.md:6:0: i argumenterne til {k}: "
            "unexpected symbol near '='\n");
  free(m);
  script_free(s);
  doc_free(d);
  diag_free(&dg);
}

static void test_sources(void) {
  diag_list dg;
  diag_init(&dg);
  S_write("components/brug.lua",
          "local h = require('hjaelp')\nreturn function(a) return 'x' end\n");
  doc *d = doc_new();
  script *s = S_script(&dg, false);
  script_run_directive(s, "brug", "", d, d->root, "k.md", 1);
  const str_list *l = script_sources(s);
  bool comp = false, lib = false;
  for (size_t i = 0; i < l->len; i++) {
    comp |= strstr(l->items[i], "components/brug.lua") != NULL;
    lib |= strstr(l->items[i], "lua/hjaelp.lua") != NULL;
  }
  CHECK("sources name the component", comp);
  CHECK("sources name the required module", lib);
  script_free(s);
  doc_free(d);
  diag_free(&dg);
}

/* A second Lua state loads the modules the first compiled from their
 * bytecode (script/cache.c): same results, same error places, and a file
 * changed in between is read anew. */
static void test_compiled_cache(void) {
  char *msg[2] = {NULL, NULL}, *text[3] = {NULL, NULL, NULL};
  S_write("lua/cachet.lua",
          "local M = {}\nfunction M.f(t)\n  return t.x.y\nend\n"
          "function M.g() return 'en' end\nreturn M\n");
  S_write("components/cachet.lua",
          "local c = require('cachet')\nreturn function(a)\n"
          "  if a.fejl then return c.f({}) end\n  return c.g()\nend\n");
  for (int round = 0; round < 3; round++) {
    if (round == 2)
      S_write("lua/cachet.lua", "local M = {}\nfunction M.g() return 'to' "
                                "end\nreturn M\n");
    diag_list dg;
    diag_init(&dg);
    doc *d = doc_new();
    script *s = S_script(&dg, false);
    script_run_directive(s, "cachet", "", d, d->root, "k.md", 1);
    text[round] = doc_plain_text(d->root);
    if (round < 2) {
      script_run_directive(s, "cachet", "fejl = true", d, d->root, "k.md", 5);
      msg[round] = S_messages(&dg);
    }
    script_free(s);
    doc_free(d);
    diag_free(&dg);
  }
  CHECK_STR("cached module gives the same result", text[1], "en");
  CHECK_STR("cached module's error names the same place", msg[1], msg[0]);
  CHECK("the error place is the library's line",
        msg[1] && strstr(msg[1], "(lua/cachet.lua:3)") != NULL);
  CHECK_STR("a changed module is compiled again", text[2], "to");
  for (int i = 0; i < 3; i++)
    free(text[i]);
  free(msg[0]);
  free(msg[1]);
}

/* ---- public editions: what the templates read is mapped first ---- */

/* A stand-in for anon_text: every "Skovlund" becomes "Partnerskab A". */
static int S_mapped_calls;
static char *S_toy_map(void *ctx, const char *text) {
  (void)ctx;
  S_mapped_calls++;
  buf b = BUF_INIT;
  const char *p = text;
  for (const char *hit; (hit = strstr(p, "Skovlund")); p = hit + 8) {
    buf_put(&b, p, (size_t)(hit - p));
    buf_puts(&b, "Partnerskab A");
  }
  buf_puts(&b, p);
  return buf_detach(&b);
}

static script *S_mapped_script(diag_list *dg) {
  static script_config cfg;
  cfg = (script_config){&S_proj, &S_ed, S_tables, true, ".", dg,
                        S_toy_map, NULL, NULL, NULL};
  script *s = script_new(&cfg);
  script_set_limits(s, 5000000, (size_t)32 << 20);
  return s;
}

static void test_map_text(void) {
  S_write("rapport.lua",
          "return { title = \"Om Skovlund\", lang = \"da\",\n"
          "  partnerships = { \"Skovlund\" },\n"
          "  rounds = { \"Skovlund-runden\" },\n"
          "  unit = { column = \"Skovlund\", plural = \"Skovlund-folk\" },\n"
          "  data = { x = { file = \"Skovlund.csv\" } },\n"
          "  mere = { a = { \"Skovlund\" }, [\"Skovlund\"] = 1 } }\n");
  diag_list dg;
  diag_init(&dg);
  script *s = S_mapped_script(&dg);
  struct {
    const char *label, *expr, *want;
  } cases[] = {
      {"map: the project's title", "project.title", "Om Partnerskab A"},
      {"map: the units the data is matched on",
       "project.partnerships[1]", "Partnerskab A"},
      {"map: nested tables", "project.mere.a[1]", "Partnerskab A"},
      {"map: keys stay", "tostring(project.mere.Skovlund)", "1"},
      {"map: rounds stay (rows are selected by them)", "project.rounds[1]",
       "Skovlund-runden"},
      {"map: a column name stays", "project.unit.column", "Skovlund"},
      {"map: other unit words are mapped", "project.unit.plural",
       "Partnerskab A-folk"},
      {"map: data files stay", "project.data.x.file", "Skovlund.csv"},
      {"map: a string literal", "\"Skovlund\"", "Partnerskab A"},
      {"map: measured after mapping", "#\"Skovlund\"", "13"},
      {"map: single quotes", "'i Skovlund'", "i Partnerskab A"},
      {"map: a long string", "[==[Skovlund]==]", "Partnerskab A"},
      {"map: an id is left for the tree", "\"fig:Skovlund\"",
       "fig:Skovlund"},
      {"map: a file name is left", "\"kort/Skovlund.png\"",
       "kort/Skovlund.png"},
      {"map: a literal with escapes is left for the tree",
       "\"Skov\\108und\"", "Skovlund"},
      {"map: pieces are not names (the tree check sees the whole)",
       "\"Skov\" .. \"lund\"", "Skovlund"},
      {"map: a comment is not code", "\"Skovlund\" --[[ \"x ]]", "Partnerskab A"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *v = S_eval_in(s, &dg, cases[i].expr);
    CHECK_STR(cases[i].label, v, cases[i].want);
    free(v);
  }
  script_free(s);
  /* a directive: its arguments and the functions in them */
  S_write("components/k.lua",
          "return function(a) return a.navn .. ' ' .. "
          "tostring(a.er('Partnerskab A')) end");
  doc *d = doc_new();
  s = S_mapped_script(&dg);
  script_run_directive(s, "k",
                       "navn = 'Skovlund'\n"
                       "er = function(r) return r == \"Skovlund\" end\n",
                       d, d->root, "kapitler/03.md", 12);
  CHECK_STR("map: a directive's arguments",
            d->root->first && d->root->first->first
                ? d->root->first->first->text
                : NULL,
            "Partnerskab A true");
  /* the lines of the body are the Markdown's, also after a long string
     whose name spanned lines */
  size_t before = dg.len;
  script_run_directive(s, "k", "navn = [[\nSkovlund]]\nerror('stop')\n", d,
                       d->root, "kapitler/03.md", 12);
  CHECK("map: an error in the body keeps its Markdown line",
        dg.len > before && dg.items[before].line == 15);
  script_free(s);
  doc_free(d);
  /* an internal edition reads what is written */
  int calls = S_mapped_calls;
  char *v = S_eval("\"Skovlund\" .. project.partnerships[1]", false);
  CHECK_STR("map: none without map_text", v, "SkovlundSkovlund");
  CHECK("map: map_text is not called without it", calls == S_mapped_calls);
  free(v);
  diag_free(&dg);
  S_write("rapport.lua", S_config);
}

int main(void) {
  snprintf(S_dir, sizeof S_dir, "/tmp/rapport-script-%d", (int)getpid());
  fs_mkdirs(S_dir);
  S_setup_project();
  test_globals();
  test_sandbox();
  test_values();
  test_directives();
  test_errors();
  test_watchdog();
  test_spaces_in_paths();
  test_sources();
  test_compiled_cache();
  test_map_text();
  free(S_proj.config_path);
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
  if (system(cmd) != 0)
    return 1;
  return TEST_END();
}
