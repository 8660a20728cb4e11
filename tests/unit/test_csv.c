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
               g->severity == DIAG_ERROR ? M_SCRIPT_ERROR_FEJL : "advarsel",
               g->message);
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
  BAD("bad: undeclared level", 'v', "bad01.csv",
      "partnerskab;runde;element;niveau;begrundelse\n" "Skovlund;baseline;Mandat;klubben2;\n",
      "2:4: fejl: niveauet 'klubben2' er ikke tilladt i kolonnen 'niveau'; tilladte værdier: kantine, klub, kompagni; mente du 'klub'?");
  BAD("bad: undeclared element", 'v', "bad02.csv",
      "partnerskab;runde;element;niveau;begrundelse\n" "Skovlund;baseline;Mandatt;klub;\n",
      "2:3: fejl: elementet 'Mandatt' er ikke et af projektets elementer (elements i rapport.lua): Mandat, Ressourcer, Mål; mente du 'Mandat'?");
  BAD("bad: undeclared partnership", 'v', "bad03.csv",
      "partnerskab;runde;element;niveau;begrundelse\n" "Skovlund;baseline;Mandat;klub;\n" "Nordby;baseline;Mandat;klub;\n",
      "3:1: fejl: partnerskabet 'Nordby' er ikke et af projektets partnerskaber (partnerships i rapport.lua): Skovlund, Havbjerg, Ådal");
  BAD("bad: undeclared round", 'v', "bad04.csv",
      "partnerskab;runde;element;niveau;begrundelse\n" "Skovlund;midtvej;Mandat;klub;\n",
      "2:2: fejl: runden 'midtvej' er ikke en af projektets runder (rounds i rapport.lua): baseline, midtvejs, slut; mente du 'midtvejs'?");
  BAD("bad: required cell empty", 'v', "bad05.csv",
      "partnerskab;runde;element;niveau;begrundelse\n" "Skovlund;baseline;Mandat;;grund\n",
      "2:4: fejl: kolonne 4 (niveau) skal udfyldes, men er tom");
  BAD("bad: missing required column", 'v', "bad06.csv",
      "partnerskab;runde;element;begrundelse\n" "Skovlund;baseline;Mandat;x\n",
      "1:0: fejl: kolonnen 'niveau' mangler i overskriftsrækken; filen skal have kolonnerne partnerskab, runde, element, niveau, begrundelse (fandt partnerskab, runde, element, begrundelse)");
  BAD("bad: unknown extra columns", 'v', "bad07.csv",
      "partnerskab;runde;element;niveau;begrundelse;kommentar;kilde\n" "Skovlund;baseline;Mandat;klub;x;y;z\n",
      "1:0: advarsel: kolonnerne 'kommentar' (kolonne 6), 'kilde' (kolonne 7) findes ikke i skemaet i rapport.lua og ignoreres; kendte kolonner: partnerskab, runde, element, niveau, begrundelse");
  BAD("bad: duplicate column", 'v', "bad08.csv",
      "partnerskab;runde;element;niveau;niveau\n" "Skovlund;baseline;Mandat;klub;klub\n",
      "1:5: fejl: kolonnen 'niveau' står to gange i overskriftsrækken (kolonne 4 og 5); slet eller omdøb den ene\n"
      "1:0: advarsel: den valgfri kolonne 'begrundelse' findes ikke i filen; dens celler er tomme");
  BAD("bad: header with wrong names", 'a', "bad09.csv",
      "navn;dag;tal;pct\n" "Skovlund;18.9.2014;3;2,5\n",
      "1:0: fejl: den første række ligner en overskriftsrække, men ingen af navnene passer til skemaet i rapport.lua: fandt navn, dag, tal, pct; forventede partnerskab, dato, antal, andel");
  BAD("bad: stray quote in a cell", 'v', "bad10.csv",
      "partnerskab;runde;element;niveau;begrundelse\n" "Skovlund;baseline;Mandat;klub;5\" skærm\n" "Havbjerg;baseline;Mandat;klubb;\n",
      "2:32: fejl: anførselstegn inde i en celle uden anførselstegn; sæt hele cellen i anførselstegn og skriv \"\" for hvert anførselstegn i den (fx \"5\"\" skærm\"); rækken er sprunget over\n"
      "3:4: fejl: niveauet 'klubb' er ikke tilladt i kolonnen 'niveau'; tilladte værdier: kantine, klub, kompagni; mente du 'klub'?");
  BAD("bad: text after a closing quote", 'v', "bad11.csv",
      "partnerskab;runde;element;niveau;begrundelse\n" "\"Skovlund\"x;baseline;Mandat;klub;\n",
      "2:11: fejl: 'x' står efter et afsluttende anførselstegn; en celle i anførselstegn skal slutte lige efter det afsluttende \" (skriv \"\" for et anførselstegn inde i cellen); rækken er sprunget over\n"
      "1:0: advarsel: filen har kun en overskriftsrække og ingen data");
  BAD("bad: unclosed quote at the end", 'v', "bad12.csv",
      "partnerskab;runde;element;niveau;begrundelse\n" "Skovlund;baseline;Mandat;klub;ok\n" "Havbjerg;baseline;Mandat;klub;\"aldrig lukket\n" "Ådal;baseline;Mandat;kompagni;x\n",
      "3:31: fejl: anførselstegnet her bliver aldrig lukket, så resten af filen (linje 3-4) ville blive én celle; tilføj det afsluttende \" eller fjern dette; rækken er sprunget over");
  BAD("bad: unclosed quote found later", 'v', "bad13.csv",
      "partnerskab;runde;element;niveau;begrundelse\n" "Skovlund;baseline;Mandat;klub;\"åben\n" "Havbjerg;baseline;Mandat;klub;\"lukket\"\n" "Ådal;baseline;Mål;klub;\n",
      "3:32: fejl: 'l' står efter et afsluttende anførselstegn; en celle i anførselstegn skal slutte lige efter det afsluttende \" (skriv \"\" for et anførselstegn inde i cellen) (cellen i anførselstegn begyndte i linje 2, kolonne 31: mangler der et afsluttende \" dér?); linje 2-3 er sprunget over");
  BAD("bad: too many fields", 'v', "bad14.csv",
      "partnerskab;runde;element;niveau;begrundelse\n" "Skovlund;baseline;Mandat;klub;godt; men langsomt\n",
      "2:6: fejl: rækken har 6 felter, men overskriftsrækken har 5; står der et ';' i en celle uden anførselstegn om cellen?");
  BAD("bad: invalid UTF-8 in UTF-8", 'v', "bad15.csv",
      "partnerskab;runde;element;niveau;begrundelse\n" "Skovlund;baseline;Mål;klub;\xE6" "ble\n",
      "2:28: fejl: ugyldig UTF-8: byten 0xE6 kan ikke læses (filen blander UTF-8 og et andet tegnsæt); gem filen som 'CSV UTF-8' i Excel, eller angiv tegnsættet i rapport.lua med dialect = { encoding = \"WINDOWS-1252\" }");
  BAD("bad: bytes neither UTF-8 nor Windows-1252", 'v', "bad16.csv",
      "partnerskab;runde;element;niveau;begrundelse\n" "Skovlund;baseline;Mandat;klub;\x81\x8D\n",
      "2:31: fejl: ugyldig UTF-8: byten 0x81 kan ikke læses; gem filen som 'CSV UTF-8' i Excel, eller angiv tegnsættet i rapport.lua med dialect = { encoding = \"WINDOWS-1252\" }\n"
      "2:32: fejl: ugyldig UTF-8: byten 0x8D kan ikke læses; gem filen som 'CSV UTF-8' i Excel, eller angiv tegnsættet i rapport.lua med dialect = { encoding = \"WINDOWS-1252\" }");
  BAD("bad: empty file", 'v', "bad17.csv",
      "",
      "0:0: fejl: filen er tom; den skal have en overskriftsrække og data");
  BAD("bad: only blank lines", 'v', "bad18.csv",
      "\r\n  \r\n\r\n",
      "0:0: fejl: filen indeholder kun tomme linjer; den skal have en overskriftsrække og data");
  BAD("bad: only a BOM", 'v', "bad19.csv",
      "\xEF\xBB\xBF",
      "0:0: fejl: filen er tom; den skal have en overskriftsrække og data");
  BAD("bad: Excel workbook", 'v', "bad20.csv",
      "PK\x03\x04\x14\x00\x06\x00",
      "0:0: fejl: filen er en Excel-projektmappe (.xlsx) eller et andet zip-arkiv, ikke en CSV-fil; gem den i Excel med 'Gem som' og filtypen 'CSV UTF-8 (kommasepareret)'");
  BAD("bad: old Excel workbook", 'v', "bad21.csv",
      "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00",
      "0:0: fejl: filen er en gammel Excel-projektmappe (.xls), ikke en CSV-fil; gem den i Excel med 'Gem som' og filtypen 'CSV UTF-8 (kommasepareret)'");
  BAD("bad: binary file", 'v', "bad22.csv",
      "partnerskab\x00\x01\x02\x03\xFF\x00\x00\x10\x00",
      "0:0: fejl: filen er ikke en tekstfil (binære data ved byte 12); angiv en CSV-fil, gemt som tekst");
  BAD("bad: header only", 'v', "bad23.csv",
      "partnerskab;runde;element;niveau;begrundelse\n",
      "1:0: advarsel: filen har kun en overskriftsrække og ingen data");
  BAD("bad: integer with decimals", 'a', "bad24.csv",
      "partnerskab;dato;antal;andel\n" "Skovlund;;3,5;\n",
      "2:3: fejl: '3,5' i kolonne 3 (antal) er ikke et helt tal; kolonnen er erklæret som integer (brug decimal i rapport.lua, hvis den skal have decimaler)");
  BAD("bad: integer not a number", 'a', "bad25.csv",
      "partnerskab;dato;antal;andel\n" "Skovlund;;tre;\n",
      "2:3: fejl: 'tre' i kolonne 3 (antal) er ikke et helt tal; skriv fx 12 eller 1.234");
  BAD("bad: integer too large", 'a', "bad26.csv",
      "partnerskab;dato;antal;andel\n" "Skovlund;;99999999999999999999;\n",
      "2:3: fejl: '99999999999999999999' i kolonne 3 (antal) er et for stort tal");
  BAD("bad: decimal not a number", 'a', "bad27.csv",
      "partnerskab;dato;antal;andel\n" "Skovlund;;;ca. 3\n",
      "2:4: fejl: 'ca. 3' i kolonne 4 (andel) er ikke et tal; skriv fx 3,5 eller 1.234,5");
  BAD("bad: decimal point among commas", 'a', "bad28.csv",
      "partnerskab;dato;antal;andel\n" "A;;;3,5\n" "B;;;4,25\n" "C;;;2.5\n",
      "4:4: fejl: '2.5' i kolonne 4 (andel) er skrevet med decimalpunktum, men resten af kolonnen bruger decimalkomma; skriv fx 3,5");
  BAD("bad: decimal nonsense", 'a', "bad29.csv",
      "partnerskab;dato;antal;andel\n" "A;;;1,2,3\n",
      "2:4: fejl: '1,2,3' i kolonne 4 (andel) er ikke et tal; skriv fx 3,5 eller 1.234,5");
  BAD("bad: decimal with percent", 'a', "bad30.csv",
      "partnerskab;dato;antal;andel\n" "A;;;45 %\n",
      "2:4: fejl: '45 %' i kolonne 4 (andel) er ikke et tal; skriv det uden %-tegn");
  BAD("bad: date that does not exist", 'a', "bad31.csv",
      "partnerskab;dato;antal;andel\n" "A;31.2.2014;;\n",
      "2:2: fejl: '31.2.2014' i kolonne 2 (dato): datoen findes ikke; februar 2014 har 28 dage");
  BAD("bad: date with two-digit year", 'a', "bad32.csv",
      "partnerskab;dato;antal;andel\n" "A;18.9.14;;\n",
      "2:2: fejl: '18.9.14' i kolonne 2 (dato): årstallet '14' skal skrives med fire cifre (fx 2014)");
  BAD("bad: American date", 'a', "bad33.csv",
      "partnerskab;dato;antal;andel\n" "A;9/18/2014;;\n",
      "2:2: fejl: '9/18/2014' i kolonne 2 (dato): måned 18 findes ikke; datoer skrives dag.måned.år (fx 18.9.2014) eller år-måned-dag (2014-09-18)");
  BAD("bad: Excel date number", 'a', "bad34.csv",
      "partnerskab;dato;antal;andel\n" "A;41900;;\n",
      "2:2: fejl: '41900' i kolonne 2 (dato): ligner et Excel-datonummer; formatér kolonnen som dato i Excel, før filen gemmes som CSV");
  BAD("bad: date in words", 'a', "bad35.csv",
      "partnerskab;dato;antal;andel\n" "A;i går;;\n",
      "2:2: fejl: 'i går' i kolonne 2 (dato) er ikke en dato; skriv fx 18.9.2014 eller 2014-09-18");
  BAD("bad: ISO date with month 13", 'a', "bad36.csv",
      "partnerskab;dato;antal;andel\n" "A;2014-13-01;;\n",
      "2:2: fejl: '2014-13-01' i kolonne 2 (dato): måned 13 findes ikke; datoer skrives dag.måned.år (fx 18.9.2014) eller år-måned-dag (2014-09-18)");
  BAD("bad: error after a multi-line cell", 'v', "bad37.csv",
      "partnerskab;runde;element;niveau;begrundelse\n" "Skovlund;baseline;Mandat;klub;\"to\nlinjer\"\n" "Havbjerg;baseline;Mandat;kantinen;\n",
      "4:4: fejl: niveauet 'kantinen' er ikke tilladt i kolonnen 'niveau'; tilladte værdier: kantine, klub, kompagni; mente du 'kantine'?");
  BAD("bad: odd byte count in UTF-16", 'a', "bad38.csv",
      "\xFF\xFEp\x00a\x00r\x00t\x00n\x00e\x00r\x00s\x00k\x00a\x00b\x00\n\x00A\x00\n\x00x",
      "");
}


/* A schema with a pinned dialect; kind 'v' or 'a'. */
static void S_load_pinned(S_run *r, char kind, const char *name,
                          const char *bytes, size_t n, const char *enc,
                          int header) {
  if (bytes)
    S_write(name, bytes, n);
  if (kind == 'v')
    S_vurderinger(&r->s, name);
  else
    S_aktiviteter(&r->s, name);
  r->s.pinned.encoding = enc ? xstrdup(enc) : NULL;
  r->s.pinned.header = header;
  diag_init(&r->d);
  r->t = data_table_load(&r->s, S_dir, &r->d);
  r->msgs = S_diags(&r->d);
}

static void test_bad_files_and_pins(void) {
  S_run r;
  S_load(&r, 'v', "findes-ikke.csv", NULL, 0);
  buf want = BUF_INIT;
  buf_printf(&want,
             "0:0: fejl: datafilen findes ikke (ledte efter %s/findes-ikke.csv); "
             "ret file i rapport.lua eller læg filen dér",
             S_dir);
  CHECK_STR("bad: missing file", r.msgs, buf_cstr(&want));
  CHECK("bad: missing file gives no table", r.t == NULL);
  S_done(&r);

  char sub[256];
  snprintf(sub, sizeof sub, "%s/mappe.csv", S_dir);
  mkdir(sub, 0755);
  S_load(&r, 'v', "mappe.csv", NULL, 0);
  buf_clear(&want);
  buf_printf(&want,
             "0:0: fejl: %s er en mappe, ikke en CSV-fil; file i rapport.lua "
             "skal pege på selve filen",
             sub);
  CHECK_STR("bad: a directory", r.msgs, buf_cstr(&want));
  CHECK("bad: a directory gives no table", r.t == NULL);
  S_done(&r);
  buf_free(&want);

  const char cp[] = "partnerskab;runde;element;niveau\n"
                    "Skovlund;baseline;M\xE5l;klub\n";
  S_load_pinned(&r, 'v', "pin-utf8.csv", cp, sizeof cp - 1, "UTF-8", -1);
  CHECK_STR("bad: Windows-1252 file pinned as UTF-8", r.msgs,
            "2:20: fejl: ugyldig UTF-8: byten 0xE5 kan ikke læses; gem filen "
            "som 'CSV UTF-8' i Excel, eller angiv tegnsættet i rapport.lua "
            "med dialect = { encoding = \"WINDOWS-1252\" }\n"
            "1:0: advarsel: den valgfri kolonne 'begrundelse' findes ikke i "
            "filen; dens celler er tomme\n"
            "2:3: fejl: elementet 'M\xEF\xBF\xBDl' er ikke et af projektets "
            "elementer (elements i rapport.lua): Mandat, Ressourcer, Mål; "
            "mente du 'Mål'?");
  S_done(&r);

  S_load_pinned(&r, 'v', "pin-klingon.csv", cp, sizeof cp - 1, "klingon", -1);
  CHECK_STR("bad: unknown pinned encoding", r.msgs,
            "0:0: fejl: tegnsættet 'KLINGON' kendes ikke; brug \"UTF-8\", "
            "\"WINDOWS-1252\" eller \"UTF-16\" i dialect.encoding");
  CHECK("bad: unknown encoding gives no table", r.t == NULL);
  S_done(&r);

  const char bom[] = "\xEF\xBB\xBFpartnerskab;runde;element;niveau;begrundelse\n"
                     "Skovlund;baseline;Mandat;klub;\n";
  S_load_pinned(&r, 'v', "pin-bom.csv", bom, sizeof bom - 1, "WINDOWS-1252",
                -1);
  CHECK_STR("bad: pinned encoding against the BOM", r.msgs,
            "0:0: advarsel: filen begynder med et byte order mark for UTF-8, "
            "men rapport.lua siger encoding = \"WINDOWS-1252\"; filen læses "
            "som WINDOWS-1252");
  S_done(&r);

  const char nohdr[] = "Skovlund;baseline;Mandat;klub;ok\n";
  S_load_pinned(&r, 'v', "pin-hdr.csv", nohdr, sizeof nohdr - 1, NULL, 1);
  CHECK_STR("bad: header pinned but absent", r.msgs,
            "1:0: advarsel: kolonnerne 'Skovlund' (kolonne 1), 'baseline' "
            "(kolonne 2), 'Mandat' (kolonne 3), 'klub' (kolonne 4), 'ok' "
            "(kolonne 5) findes ikke i skemaet i rapport.lua og ignoreres; "
            "kendte kolonner: partnerskab, runde, element, niveau, "
            "begrundelse\n"
            "1:0: advarsel: den valgfri kolonne 'begrundelse' findes ikke i "
            "filen; dens celler er tomme\n"
            "1:0: fejl: kolonnerne 'partnerskab', 'runde', 'element', "
            "'niveau' mangler i overskriftsrækken; filen skal have kolonnerne "
            "partnerskab, runde, element, niveau, begrundelse (fandt "
            "Skovlund, baseline, Mandat, klub, ok)\n"
            "1:0: advarsel: filen har kun en overskriftsrække og ingen data");
  S_done(&r);
}

/* Every error is counted, and the list keeps the first 100 of them. */
static void test_many_errors(void) {
  buf b = BUF_INIT;
  buf_puts(&b, "partnerskab;dato;antal;andel\n");
  for (int i = 0; i < 150; i++)
    buf_printf(&b, "P%d;%d.13.2014;x%d;\n", i, i % 28 + 1, i);
  S_run r;
  S_load(&r, 'a', "many.csv", b.data, b.len);
  buf_free(&b);
  CHECK_NUM("many: all 300 errors counted", r.d.errors, 300);
  CHECK_NUM("many: 100 kept", r.d.len, 100);
  CHECK_NUM("many: table still returned", r.t ? r.t->nrows : 0, 150);
  CHECK_NUM("many: bad cell marked invalid", S_c(&r, 0, "antal")->valid, 0);
  CHECK_NUM("many: good cell valid", S_c(&r, 0, "partnerskab")->valid, 1);
  CHECK_STR("many: last kept error",
            r.d.items[99].message,
            "'x49' i kolonne 3 (antal) er ikke et helt tal; skriv fx 12 "
            "eller 1.234");
  S_done(&r);
}

static void test_english(void) {
  msg_lang_from_project("en");
  BAD("en: undeclared level", 'v', "en1.csv",
      "partnerskab;runde;element;niveau;begrundelse\n"
      "Skovlund;baseline;Mandat;klubben2;\n",
      "2:4: error: the level 'klubben2' is not allowed in the column "
      "'niveau'; allowed values: kantine, klub, kompagni; did you mean "
      "'klub'?");
  BAD("en: missing and unknown columns", 'v', "en2.csv",
      "partnerskab;runde;element;kommentar\n"
      "Skovlund;baseline;Mandat;x\n",
      "1:0: advarsel: the column 'kommentar' (column 4) is not in the schema "
      "in rapport.lua and is ignored; known columns: partnerskab, runde, "
      "element, niveau, begrundelse\n"
      "1:0: advarsel: the optional column 'begrundelse' is not in the file; "
      "its cells are empty\n"
      "1:0: error: the column 'niveau' is missing from the header row; the "
      "file must have the columns partnerskab, runde, element, niveau, "
      "begrundelse (found partnerskab, runde, element, kommentar)");
  BAD("en: element", 'v', "en3.csv",
      "partnerskab;runde;element;niveau;begrundelse\n"
      "Skovlund;baseline;Ledelse;klub;\n",
      "2:3: error: the element 'Ledelse' is not one of the project's elements "
      "(elements in rapport.lua): Mandat, Ressourcer, Mål");
  BAD("en: stray quote", 'v', "en4.csv",
      "partnerskab;runde;element;niveau;begrundelse\n"
      "Skovlund;baseline;Mandat;klub;5\" screen\n",
      "2:32: error: a quote inside a cell without quotes; put the whole cell "
      "in quotes and write \"\" for each quote in it (e.g. \"5\"\" "
      "screen\"); the row was skipped\n"
      "1:0: advarsel: the file has only a header row and no data");
  BAD("en: date", 'a', "en5.csv",
      "partnerskab;dato;antal;andel\nA;31.2.2014;;\n",
      "2:2: error: '31.2.2014' in column 2 (dato): the date does not exist; "
      "February 2014 has 28 days");
  S_run r;
  LOAD(&r, 'a', "en6.csv",
       "partnerskab,dato,antal,andel\r\nA,2014-09-18,1,\"3,5\"\r\n");
  char *desc = data_dialect_describe(r.t);
  CHECK_STR("en: describe", desc,
            "comma-separated, UTF-8, CRLF, header row, decimal comma in "
            "'andel'");
  free(desc);
  S_done(&r);
  msg_lang_from_project("da");
}

static void test_helpers(void) {
  data_schema s;
  S_aktiviteter(&s, "x.csv");
  CHECK_NUM("column index", data_column_index(&s, "antal"), 2);
  CHECK_NUM("column index: unknown", data_column_index(&s, "ANTAL"), -1);
  data_schema_free_fields(&s);
  CHECK("describe: NULL", data_dialect_describe(NULL) == NULL);
}

/* 100,000 rows: all read, in order, with the right lines and values
 * (issue 7: large files must load; the time is measured in the report,
 * not asserted here). */
static void test_large(void) {
  buf b = BUF_INIT;
  buf_puts(&b, "partnerskab;dato;antal;andel\r\n");
  long long sum = 0;
  for (int i = 0; i < 100000; i++) {
    buf_printf(&b, "P%d;%d.%d.20%02d;%d;\"%d,%d\"\r\n", i % 7, i % 28 + 1,
               i % 12 + 1, i % 30, i % 1000, i % 50, i % 10);
    sum += i % 1000;
  }
  S_run r;
  S_load(&r, 'a', "large.csv", b.data, b.len);
  buf_free(&b);
  CHECK_STR("large: no messages", r.msgs, "");
  CHECK_NUM("large: all rows", r.t ? r.t->nrows : 0, 100000);
  long long got = 0;
  for (size_t i = 0; r.t && i < r.t->nrows; i++)
    got += r.t->rows[i].cells[2].v.i;
  CHECK_NUM("large: sum of a column", got, sum);
  CHECK_NUM("large: line of the last row", r.t->rows[99999].line, 100001);
  CHECK_NUM("large: last decimal", r.t->rows[99999].cells[3].v.d, 49.9);
  S_done(&r);
}

/* UTF-16 big-endian with a BOM, and little-endian without one */
static void test_utf16_variants(void) {
  const char *src = "partnerskab;antal\nÆrø;5\n";
  buf be = BUF_INIT, le = BUF_INIT;
  buf_put(&be, "\xFE\xFF", 2);
  for (const unsigned char *p = (const unsigned char *)src; *p; p++) {
    unsigned cp = *p;
    if (*p >= 0xC0) { /* two-byte UTF-8 only in this text */
      cp = ((unsigned)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
      p++;
    }
    buf_putc(&be, (int)(cp >> 8));
    buf_putc(&be, (int)(cp & 0xFF));
    buf_putc(&le, (int)(cp & 0xFF));
    buf_putc(&le, (int)(cp >> 8));
  }
  S_run r;
  S_load(&r, 'a', "u16be.csv", be.data, be.len);
  CHECK_STR("utf16be: text", S_cell(&r, 0, "partnerskab"), "Ærø");
  CHECK_STR("utf16be: encoding", r.t->detected.encoding, "UTF-16BE");
  S_done(&r);
  S_load(&r, 'a', "u16le.csv", le.data, le.len);
  CHECK_STR("utf16le without BOM: text", S_cell(&r, 0, "partnerskab"), "Ærø");
  CHECK_STR("utf16le without BOM: encoding", r.t->detected.encoding,
            "UTF-16LE");
  CHECK("utf16le without BOM: no BOM", !r.t->had_bom);
  S_done(&r);
  buf_free(&be);
  buf_free(&le);
}

static void test_short_rows(void) {
  BAD("bad: a row with a wrong delimiter", 'v', "short.csv",
      "partnerskab;runde;element;niveau;begrundelse\n"
      "Skovlund;baseline;Mandat;klub;\n"
      "Havbjerg,baseline,Mål,klub\n",
      "3:1: fejl: partnerskabet 'Havbjerg,baseline,Mål,klub' er ikke et af "
      "projektets partnerskaber (partnerships i rapport.lua): Skovlund, "
      "Havbjerg, Ådal; mente du 'Havbjerg'?\n"
      "3:2: fejl: rækken har kun 1 felt, så kolonne 2 (runde) mangler; er "
      "felterne adskilt med ';'?");
}

static void test_pasted_files(void) {
  BAD("bad: two exports pasted together", 'v', "pasted.csv",
      "\xEF\xBB\xBFpartnerskab;runde;element;niveau;begrundelse\n"
      "Skovlund;baseline;Mandat;klub;\n"
      "\xEF\xBB\xBFpartnerskab;runde;element;niveau;begrundelse\n"
      "Havbjerg;baseline;Mål;klub;\n",
      "3:0: fejl: overskriftsrækken står igen i linje 3 (er to filer sat "
      "sammen?); slet den");
  S_run r;
  const char hdr[] = "partnerskab;runde;element;niveau;begrundelse\n"
                     "Skovlund;baseline;Mandat;klub;\n";
  S_load_pinned(&r, 'v', "hdr0.csv", hdr, sizeof hdr - 1, NULL, 0);
  CHECK_STR("bad: header = false on a file with a header", r.msgs,
            "1:0: advarsel: den første række ligner en overskriftsrække, men "
            "rapport.lua siger header = false, så den læses som data\n"
            "1:1: fejl: partnerskabet 'partnerskab' er ikke et af projektets "
            "partnerskaber (partnerships i rapport.lua): Skovlund, Havbjerg, "
            "Ådal\n"
            "1:2: fejl: runden 'runde' er ikke en af projektets runder (rounds "
            "i rapport.lua): baseline, midtvejs, slut\n"
            "1:3: fejl: elementet 'element' er ikke et af projektets elementer "
            "(elements i rapport.lua): Mandat, Ressourcer, Mål\n"
            "1:4: fejl: niveauet 'niveau' er ikke tilladt i kolonnen 'niveau'; "
            "tilladte værdier: kantine, klub, kompagni");
  S_done(&r);
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
  test_bad_files_and_pins();
  test_many_errors();
  test_english();
  test_helpers();
  test_utf16_variants();
  test_large();
  test_short_rows();
  test_pasted_files();
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
