/* test_csv.c - the data stage: dialects, encodings, quoting, header mapping,
 * typed cells, and the exact message and position of every error. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/data.h"
#include "util/buf.h"
#include "util/mem.h"
#include "test.h"

static char S_dir[] = "/tmp/rapport-test-csv-XXXXXX";

/* ---- schemas built by hand, as project.c would fill them ---- */

static void S_allowed(col_schema *c, const char *from, int n, ...) {
  va_list ap;
  va_start(ap, n);
  c->allowed = xcalloc((size_t)n + 1, sizeof *c->allowed);
  for (int i = 0; i < n; i++)
    c->allowed[i] = xstrdup(va_arg(ap, const char *));
  va_end(ap);
  c->nallowed = (size_t)n;
  c->allowed_from = from ? xstrdup(from) : NULL;
}

static void S_col(data_schema *s, const char *name, col_type type,
                  bool required) {
  s->cols = xrealloc(s->cols, (s->ncols + 1) * sizeof *s->cols);
  col_schema *c = &s->cols[s->ncols++];
  memset(c, 0, sizeof *c);
  c->name = xstrdup(name);
  c->type = type;
  c->required = required;
}

/* vurderinger: partnerskab;runde;element;niveau;begrundelse */
static void S_vurderinger(data_schema *s, const char *file) {
  memset(s, 0, sizeof *s);
  s->name = xstrdup("vurderinger");
  s->path = xstrdup(file);
  s->pinned.header = -1;
  S_col(s, "partnerskab", COL_TEXT, true);
  S_allowed(&s->cols[0], "partnerships", 3, "Skovlund", "Havbjerg", "Ådal");
  S_col(s, "runde", COL_TEXT, true);
  S_allowed(&s->cols[1], "rounds", 3, "baseline", "midtvejs", "slut");
  S_col(s, "element", COL_TEXT, true);
  S_allowed(&s->cols[2], "elements", 3, "Mandat", "Ressourcer", "Mål");
  S_col(s, "niveau", COL_LEVEL, true);
  S_allowed(&s->cols[3], "levels", 3, "kantine", "klub", "kompagni");
  S_col(s, "begrundelse", COL_TEXT, false);
}

/* aktiviteter: partnerskab;dato;antal;andel */
static void S_aktiviteter(data_schema *s, const char *file) {
  memset(s, 0, sizeof *s);
  s->name = xstrdup("aktiviteter");
  s->path = xstrdup(file);
  s->pinned.header = -1;
  S_col(s, "partnerskab", COL_TEXT, true);
  S_col(s, "dato", COL_DATE, false);
  S_col(s, "antal", COL_INTEGER, false);
  S_col(s, "andel", COL_DECIMAL, false);
}

static void S_write(const char *name, const char *bytes, size_t n) {
  char *path = xmalloc(strlen(S_dir) + strlen(name) + 2);
  sprintf(path, "%s/%s", S_dir, name);
  FILE *f = fopen(path, "wb");
  fwrite(bytes, 1, n, f);
  fclose(f);
  free(path);
}

/* All diagnostics as "line:col: fejl|advarsel: message" lines. */
static char *S_diags(const diag_list *d) {
  buf b = BUF_INIT;
  for (size_t i = 0; i < d->len; i++) {
    const diag *g = &d->items[i];
    buf_printf(&b, "%s%d:%d: %s: %s", i ? "\n" : "", g->line, g->col,
               g->severity == DIAG_ERROR ? "fejl" : "advarsel", g->message);
  }
  return buf_detach(&b);
}

typedef struct {
  data_schema s;
  data_table *t;
  diag_list d;
  char *msgs;
} S_run;

/* Writes bytes to NAME and loads it with the schema kind ('v' or 'a'). */
static void S_load(S_run *r, char kind, const char *name, const char *bytes,
                   size_t n) {
  if (bytes)
    S_write(name, bytes, n);
  if (kind == 'v')
    S_vurderinger(&r->s, name);
  else
    S_aktiviteter(&r->s, name);
  diag_init(&r->d);
  r->t = data_table_load(&r->s, S_dir, &r->d);
  r->msgs = S_diags(&r->d);
}
#define LOAD(r, kind, name, lit) S_load((r), (kind), (name), (lit), sizeof(lit) - 1)

static void S_done(S_run *r) {
  data_table_free(r->t);
  data_schema_free_fields(&r->s);
  diag_free(&r->d);
  free(r->msgs);
}

static const char *S_cell(const S_run *r, size_t row, const char *col) {
  int k = data_column_index(&r->s, col);
  if (!r->t || row >= r->t->nrows || k < 0)
    return NULL;
  return r->t->rows[row].cells[k].raw;
}
static const data_cell *S_c(const S_run *r, size_t row, const char *col) {
  int k = data_column_index(&r->s, col);
  return &r->t->rows[row].cells[k];
}

/* ---- good input in every dialect ---- */

static void test_plain_utf8(void) {
  S_run r;
  LOAD(&r, 'v', "plain.csv",
       "partnerskab;runde;element;niveau;begrundelse\n"
       "Skovlund;baseline;Mandat;kantine;Få møder\n"
       "Havbjerg;baseline;Mål;klub;\n");
  CHECK_STR("plain: no messages", r.msgs, "");
  CHECK_NUM("plain: 2 rows", r.t ? r.t->nrows : 0, 2);
  CHECK_STR("plain: cell", S_cell(&r, 0, "begrundelse"), "Få møder");
  CHECK_NUM("plain: line of row 2", r.t->rows[1].line, 3);
  CHECK("plain: empty cell", S_c(&r, 1, "begrundelse")->empty);
  CHECK_NUM("plain: level index", S_c(&r, 1, "niveau")->v.level, 1);
  char *desc = data_dialect_describe(r.t);
  CHECK_STR("plain: describe", desc,
            "semikolon-separeret, UTF-8, LF, overskriftsrække");
  free(desc);
  S_done(&r);
}

static void test_excel_cp1252_crlf(void) {
  S_run r;
  /* Danish Excel "CSV (semikolonsepareret)": Windows-1252, CRLF, ';' */
  LOAD(&r, 'v', "cp1252.csv",
       "partnerskab;runde;element;niveau;begrundelse\r\n"
       "\xC5" "dal;midtvejs;M\xE5l;kompagni;\"F\xE6lles \x93m\xE5l\x94\"\r\n"
       ";;;;\r\n;;;;\r\n");
  CHECK_STR("cp1252: no messages", r.msgs, "");
  CHECK_NUM("cp1252: trailing empty rows dropped", r.t->nrows, 1);
  CHECK_STR("cp1252: converted", S_cell(&r, 0, "partnerskab"), "Ådal");
  CHECK_STR("cp1252: quotes", S_cell(&r, 0, "begrundelse"),
            "F\xC3\xA6lles \xE2\x80\x9Cmål\xE2\x80\x9D");
  char *desc = data_dialect_describe(r.t);
  CHECK_STR("cp1252: describe", desc,
            "semikolon-separeret, Windows-1252, CRLF, overskriftsrække");
  free(desc);
  S_done(&r);
}

static void test_utf8_bom_comma(void) {
  S_run r;
  LOAD(&r, 'a', "bom.csv",
       "\xEF\xBB\xBFpartnerskab,dato,antal,andel\r\n"
       "Skovlund,2014-09-18,12,3.5\r\n"
       "Havbjerg,18.9.2014,\"1,234\",0.25\r\n");
  CHECK_STR("bom: no messages", r.msgs, "");
  CHECK("bom: flagged", r.t->had_bom);
  CHECK_NUM("bom: decimal point", S_c(&r, 0, "andel")->v.d, 3.5);
  CHECK_NUM("bom: thousands comma", S_c(&r, 1, "antal")->v.i, 1234);
  CHECK_NUM("bom: danish date d", S_c(&r, 1, "dato")->v.date.d, 18);
  char *desc = data_dialect_describe(r.t);
  CHECK_STR("bom: describe", desc,
            "komma-separeret, UTF-8 med BOM, CRLF, overskriftsrække, "
            "decimalpunktum i 'andel'");
  free(desc);
  S_done(&r);
}

static void test_utf16_tab(void) {
  /* Excel "Unicode text": UTF-16 LE with BOM, tab-separated, CRLF */
  const char *src = "partnerskab\tdato\tantal\tandel\r\n"
                    "Ådal\t18-09-2014\t7\t2,5\r\n";
  buf b = BUF_INIT;
  buf_put(&b, "\xFF\xFE", 2);
  for (const unsigned char *p = (const unsigned char *)src; *p; p++) {
    unsigned cp = *p;
    if (*p == 0xC3) { /* the only non-ASCII here: Å = C3 85 */
      cp = 0xC0 | (p[1] & 0x3F);
      p++;
    }
    buf_putc(&b, (int)(cp & 0xFF));
    buf_putc(&b, (int)(cp >> 8));
  }
  S_run r;
  S_load(&r, 'a', "utf16.csv", b.data, b.len);
  buf_free(&b);
  CHECK_STR("utf16: no messages", r.msgs, "");
  CHECK_STR("utf16: text", S_cell(&r, 0, "partnerskab"), "Ådal");
  CHECK_NUM("utf16: decimal comma", S_c(&r, 0, "andel")->v.d, 2.5);
  CHECK_NUM("utf16: date month", S_c(&r, 0, "dato")->v.date.m, 9);
  char *desc = data_dialect_describe(r.t);
  CHECK_STR("utf16: describe", desc,
            "tabulator-separeret, UTF-16LE med BOM, CRLF, overskriftsrække, "
            "decimalkomma i 'andel'");
  free(desc);
  S_done(&r);
}

static void test_cr_only_and_multiline(void) {
  S_run r;
  /* old Mac Excel: lone CR; a quoted cell with a CRLF line break inside */
  LOAD(&r, 'v', "cr.csv",
       "partnerskab;runde;element;niveau;begrundelse\r"
       "Skovlund;slut;Ressourcer;klub;\"første linje\r\nanden linje\"\r"
       "Havbjerg;slut;Mandat;kantine;x\r");
  CHECK_STR("cr: no messages", r.msgs, "");
  CHECK_STR("cr: line break normalised", S_cell(&r, 0, "begrundelse"),
            "første linje\nanden linje");
  CHECK_NUM("cr: row after multi-line cell", r.t->rows[1].line, 4);
  CHECK_STR("cr: line end", r.t->line_end, "CR");
  S_done(&r);
}

static void test_reordered_columns_and_case(void) {
  S_run r;
  LOAD(&r, 'v', "order.csv",
       " Niveau ;ELEMENT;Runde;Partnerskab\n"
       "KLUB;mål;Baseline;skovlund\n");
  CHECK_STR("order: a missing optional column is a warning", r.msgs,
            "1:0: advarsel: den valgfri kolonne 'begrundelse' findes ikke i "
            "filen; dens celler er tomme");
  CHECK_STR("order: canonical level", S_cell(&r, 0, "niveau"), "klub");
  CHECK_STR("order: canonical element", S_cell(&r, 0, "element"), "Mål");
  CHECK_STR("order: canonical partnership", S_cell(&r, 0, "partnerskab"),
            "Skovlund");
  CHECK("order: absent column empty", S_c(&r, 0, "begrundelse")->empty);
  S_done(&r);
}

static void test_no_header_pinned(void) {
  S_run r;
  S_write("nohdr.csv", "Skovlund;baseline;Mandat;kantine;ok\n", 36);
  S_vurderinger(&r.s, "nohdr.csv");
  r.s.pinned.header = 0;
  diag_init(&r.d);
  r.t = data_table_load(&r.s, S_dir, &r.d);
  r.msgs = S_diags(&r.d);
  CHECK_STR("nohdr: no messages", r.msgs, "");
  CHECK_NUM("nohdr: one row", r.t->nrows, 1);
  CHECK_NUM("nohdr: line", r.t->rows[0].line, 1);
  char *desc = data_dialect_describe(r.t);
  CHECK_STR("nohdr: describe", desc,
            "semikolon-separeret, UTF-8, LF, ingen overskriftsrække");
  free(desc);
  S_done(&r);
}

static void test_pinned_dialect(void) {
  S_run r;
  /* pinned Windows-1252 and ',' decimal in a file without any hint */
  S_write("pin.csv", "partnerskab;andel\n\xC6r\xF8;1.234\n", 27);
  S_aktiviteter(&r.s, "pin.csv");
  r.s.pinned.encoding = xstrdup("windows-1252");
  r.s.pinned.delimiter = ';';
  r.s.pinned.decimal = ',';
  r.s.pinned.header = 1;
  diag_init(&r.d);
  r.t = data_table_load(&r.s, S_dir, &r.d);
  r.msgs = S_diags(&r.d);
  CHECK_STR("pin: warnings for optional columns", r.msgs,
            "1:0: advarsel: den valgfri kolonne 'dato' findes ikke i filen; "
            "dens celler er tomme\n"
            "1:0: advarsel: den valgfri kolonne 'antal' findes ikke i filen; "
            "dens celler er tomme");
  CHECK_STR("pin: decoded", S_cell(&r, 0, "partnerskab"), "Ærø");
  CHECK_NUM("pin: thousands point", S_c(&r, 0, "andel")->v.d, 1234);
  S_done(&r);
}

static void test_excel_sep_line(void) {
  S_run r;
  LOAD(&r, 'a', "sep.csv", "sep=,\npartnerskab,antal\nSkovlund,3\n");
  CHECK_NUM("sep=: delimiter", r.t->detected.delimiter, ',');
  CHECK_NUM("sep=: row line", r.t->rows[0].line, 3);
  CHECK_NUM("sep=: value", S_c(&r, 0, "antal")->v.i, 3);
  S_done(&r);
}

static void test_numbers_and_dates(void) {
  S_run r;
  LOAD(&r, 'a', "num.csv",
       "partnerskab;dato;antal;andel\n"
       "A;18. september 2014;1.234;1.234,5\n"
       "B;29.2.2016;-7;-0,25\n"
       "C;2014-09-18 00:00:00;+3;12\n");
  CHECK_STR("num: no messages", r.msgs, "");
  CHECK_NUM("num: Danish thousands and comma", S_c(&r, 0, "andel")->v.d,
            1234.5);
  CHECK_NUM("num: integer thousands", S_c(&r, 0, "antal")->v.i, 1234);
  CHECK_NUM("num: month name", S_c(&r, 0, "dato")->v.date.m, 9);
  CHECK_NUM("num: leap day", S_c(&r, 1, "dato")->v.date.d, 29);
  CHECK_NUM("num: negative", S_c(&r, 1, "andel")->v.d, -0.25);
  CHECK_NUM("num: Excel midnight", S_c(&r, 2, "dato")->v.date.y, 2014);
  CHECK_STR("num: raw kept", S_cell(&r, 0, "andel"), "1.234,5");
  S_done(&r);
}

/* ---- bad input: every message and position exactly ---- */

#define BAD(name, kind, file, lit, want)                                       \
  do {                                                                         \
    S_run r_;                                                                  \
    LOAD(&r_, kind, file, lit);                                                \
    CHECK_STR(name, r_.msgs, want);                                            \
    S_done(&r_);                                                               \
  } while (0)

static void test_bad_values(void) {
  BAD("bad: undeclared level", 'v', "v1.csv",
      "partnerskab;runde;element;niveau\n"
      "Skovlund;baseline;Mandat;klubben2\n",
      "1:0: advarsel: den valgfri kolonne 'begrundelse' findes ikke i filen; "
      "dens celler er tomme\n"
      "2:4: fejl: niveauet 'klubben2' er ikke tilladt i kolonnen 'niveau'; "
      "tilladte værdier: kantine, klub, kompagni; mente du 'klub'?");
}

static int S_run_all(void) {
  test_plain_utf8();
  test_excel_cp1252_crlf();
  test_utf8_bom_comma();
  test_utf16_tab();
  test_cr_only_and_multiline();
  test_reordered_columns_and_case();
  test_no_header_pinned();
  test_pinned_dialect();
  test_excel_sep_line();
  test_numbers_and_dates();
  test_bad_values();
  return 0;
}

int main(void) {
  if (!mkdtemp(S_dir)) {
    perror("mkdtemp");
    return 1;
  }
  S_run_all();
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
  if (system(cmd) != 0)
    fprintf(stderr, "could not remove %s\n", S_dir);
  return TEST_END();
}
