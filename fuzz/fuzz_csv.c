/* fuzz_csv.c - libFuzzer harness for the CSV reader (src/data/): any bytes,
 * with the first byte choosing a pinned dialect, must load or fail with
 * diagnostics, never crash, leak or read out of bounds.
 * Run with fuzz/run.sh (make fuzz); these lines tell it how to build:
 * FUZZ-SOURCES: src/data/[a-z]*.c src/util/[a-z]*.c
 * FUZZ-LIBS: -lcsv
 * FUZZ-SEEDS: tests/fixtures/csv/[a-z]*.csv
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/data.h"
#include "data/internal.h"
#include "util/mem.h"

static void S_col(data_schema *s, const char *name, col_type type, bool req,
                  const char *const *allowed, size_t n, const char *from) {
  col_schema *c = &s->cols[s->ncols++];
  memset(c, 0, sizeof *c);
  c->name = xstrdup(name);
  c->type = type;
  c->required = req;
  if (n) {
    c->allowed = xcalloc(n + 1, sizeof *c->allowed);
    for (size_t i = 0; i < n; i++)
      c->allowed[i] = xstrdup(allowed[i]);
    c->nallowed = n;
    c->allowed_from = from ? xstrdup(from) : NULL;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const levels[] = {"kantine", "klub", "kompagni"};
  static const char *const elements[] = {"Mandat", "Ressourcer", "Mål"};
  static const char *const encodings[] = {NULL, "UTF-8", "WINDOWS-1252",
                                          "UTF-16", "ISO-8859-15"};
  uint8_t opt = size ? data[0] : 0;
  if (size) {
    data++;
    size--;
  }
  data_schema s;
  memset(&s, 0, sizeof s);
  s.path = xstrdup("fuzz.csv");
  s.cols = xcalloc(6, sizeof *s.cols);
  S_col(&s, "element", COL_TEXT, true, elements, 3, "elements");
  S_col(&s, "niveau", COL_LEVEL, true, levels, 3, "levels");
  S_col(&s, "antal", COL_INTEGER, false, NULL, 0, NULL);
  S_col(&s, "andel", COL_DECIMAL, false, NULL, 0, NULL);
  S_col(&s, "dato", COL_DATE, false, NULL, 0, NULL);
  S_col(&s, "tekst", COL_TEXT, false, NULL, 0, NULL);
  s.pinned.header = (opt & 3) == 3 ? -1 : (opt & 3) == 2 ? 1 : (opt & 1) - 1;
  s.pinned.delimiter = "\0;,\t"[(opt >> 2) & 3];
  s.pinned.decimal = "\0\0,."[(opt >> 4) & 3];
  const char *enc = encodings[(opt >> 6) % 5];
  s.pinned.encoding = enc ? xstrdup(enc) : NULL;

  char *bytes = xmalloc(size + 1);
  memcpy(bytes, data, size);
  bytes[size] = '\0';
  diag_list d;
  diag_init(&d);
  data_table *t = data_table_from_bytes(&s, xstrdup("fuzz.csv"), bytes, size, &d);
  if (t) {
    char *desc = data_dialect_describe(t);
    free(desc);
    for (size_t r = 0; r < t->nrows; r++)
      for (size_t k = 0; k < s.ncols; k++)
        if (!t->rows[r].cells[k].raw)
          abort(); /* raw is never NULL */
  }
  data_table_free(t);
  diag_free(&d);
  data_schema_free_fields(&s);
  return 0;
}
