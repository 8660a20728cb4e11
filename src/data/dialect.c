/* dialect.c - which delimiter a file uses, and a one-line description of
 * everything detected for `rapport check`.
 *
 * Danish Excel writes ';' (the comma is the decimal separator), English
 * Excel ',' and "Unicode text" a tab. The delimiter is the candidate that
 * occurs the same number of times, outside quotes, in most of the first
 * records; a header row that names the schema's columns decides first. */
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "util/utf8.h"
#include "data/internal.h"

#define S_NCAND 3
static const char S_cand[S_NCAND] = {';', '\t', ','};
#define S_SAMPLE 50 /* records looked at */

bool data_name_eq(const char *a, const char *b) {
  size_t na = strlen(a), nb = strlen(b);
  a = data_trim(a, &na);
  b = data_trim(b, &nb);
  if (na == nb && !memcmp(a, b, na))
    return true;
  buf la = BUF_INIT, lb = BUF_INIT;
  utf8_lower(&la, a, na);
  utf8_lower(&lb, b, nb);
  bool eq = la.len == lb.len && !memcmp(buf_cstr(&la), buf_cstr(&lb), la.len);
  buf_free(&la);
  buf_free(&lb);
  return eq;
}

/* How many fields of the first record, split at d, name schema columns. */
static size_t S_header_matches(const char *text, size_t len, char d,
                               const data_schema *schema) {
  size_t matches = 0;
  bool inq = false;
  buf field = BUF_INIT;
  for (size_t i = 0; i <= len; i++) {
    char c = i < len ? text[i] : '\n';
    if (c == '"') {
      if (inq && i + 1 < len && text[i + 1] == '"') {
        buf_putc(&field, '"');
        i++;
      } else {
        inq = !inq;
      }
      continue;
    }
    if (!inq && (c == d || c == '\n')) {
      for (size_t k = 0; k < schema->ncols; k++)
        if (data_name_eq(buf_cstr(&field), schema->cols[k].name)) {
          matches++;
          break;
        }
      buf_clear(&field);
      if (c == '\n')
        break;
      continue;
    }
    buf_putc(&field, c);
  }
  buf_free(&field);
  return matches;
}

char data_sniff_delimiter(const char *text, size_t len,
                          const data_schema *schema) {
  /* 1. a header row naming the schema's columns */
  size_t best = 0;
  char best_d = 0;
  bool tie = false;
  for (int k = 0; k < S_NCAND && schema && schema->ncols > 1; k++) {
    size_t m = S_header_matches(text, len, S_cand[k], schema);
    if (m > best) {
      best = m, best_d = S_cand[k], tie = false;
    } else if (m == best && m > 0) {
      tie = true;
    }
  }
  if (best >= 2 && !tie)
    return best_d;

  /* 2. the candidate with the most consistent count per record */
  int counts[S_SAMPLE][S_NCAND];
  int nrec = 0;
  int cur[S_NCAND] = {0};
  bool inq = false, content = false;
  for (size_t i = 0; i < len && nrec < S_SAMPLE; i++) {
    char c = text[i];
    if (c == '"') {
      inq = !inq; /* "" inside quotes toggles twice: no harm */
      content = true;
    } else if (!inq && c == '\n') {
      if (content) {
        memcpy(counts[nrec++], cur, sizeof cur);
      }
      memset(cur, 0, sizeof cur);
      content = false;
    } else if (!inq) {
      for (int k = 0; k < S_NCAND; k++)
        cur[k] += c == S_cand[k];
      if (c != ' ' && c != '\t')
        content = true;
      if (c == '\t')
        content = true;
    }
  }
  if (content && nrec < S_SAMPLE)
    memcpy(counts[nrec++], cur, sizeof cur);

  char pick = 0;
  int pick_mode = 0, pick_hits = 0;
  for (int k = 0; k < S_NCAND; k++) {
    /* the most frequent non-zero count and how many records have it */
    int mode = 0, hits = 0;
    for (int r = 0; r < nrec; r++) {
      int v = counts[r][k], h = 0;
      if (!v)
        continue;
      for (int q = 0; q < nrec; q++)
        h += counts[q][k] == v;
      if (h > hits || (h == hits && v > mode))
        mode = v, hits = h;
    }
    if (!mode)
      continue;
    if (hits > pick_hits || (hits == pick_hits && mode > pick_mode))
      pick = S_cand[k], pick_mode = mode, pick_hits = hits;
  }
  if (pick)
    return pick;
  if (best_d) /* one column named in a header, nothing else to go by */
    return best_d;
  return ';'; /* one column: any delimiter reads it; Danish Excel's default */
}

char *data_dialect_describe(const data_table *t) {
  if (!t)
    return NULL;
  buf b = BUF_INIT;
  const csv_dialect *d = &t->detected;
  buf_puts(&b, d->delimiter == ';'    ? M_DATA_SEMICOLON_SEPARATED
               : d->delimiter == ','  ? M_DATA_COMMA_SEPARATED
               : d->delimiter == '\t' ? M_DATA_TAB_SEPARATED
                                      : "");
  if (d->delimiter && !strchr(";,\t", d->delimiter))
    buf_printf(&b, M_DATA_SEPARATED, d->delimiter);
  const char *enc = d->encoding ? d->encoding : "UTF-8";
  buf_printf(&b, ", %s", !strcmp(enc, "WINDOWS-1252") ? "Windows-1252" : enc);
  if (t->had_bom)
    buf_puts(&b, M_DATA_BOM);
  if (t->line_end[0])
    buf_printf(&b, ", %s", t->line_end);
  buf_puts(&b, d->header == 1 ? M_DATA_HEADER_ROW : M_DATA_NO_HEADER_ROW);
  /* decimal separator per decimal column, grouped */
  for (int pass = 0; pass < 2; pass++) {
    char sep = pass ? '.' : ',';
    int n = 0;
    for (size_t i = 0; t->col_decimal && i < t->schema->ncols; i++) {
      if (t->col_decimal[i] != sep || (t->col_present && !t->col_present[i]))
        continue;
      if (!n++)
        buf_puts(&b, sep == ',' ? M_DATA_DECIMAL_COMMA : M_DATA_DECIMAL_POINT);
      else
        buf_puts(&b, ", ");
      buf_printf(&b, "'%s'", t->schema->cols[i].name);
    }
  }
  return buf_detach(&b);
}
