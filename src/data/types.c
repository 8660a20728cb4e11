/* types.c - from cell text to typed values: integers, decimals with comma or
 * point, Danish and ISO dates, and values from the project's lists.
 *
 * Every rejection says what the value was, where, and how to write it. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "util/utf8.h"
#include "data/internal.h"

const char *data_trim(const char *s, size_t *n) {
  size_t len = *n;
  for (;;) {
    if (len && (*s == ' ' || *s == '\t')) {
      s++, len--;
    } else if (len >= 2 && !memcmp(s, "\xC2\xA0", 2)) {
      s += 2, len -= 2;
    } else if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
      s += 3, len -= 3; /* a BOM from a second file pasted in */
    } else {
      break;
    }
  }
  for (;;) {
    if (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) {
      len--;
    } else if (len >= 2 && !memcmp(s + len - 2, "\xC2\xA0", 2)) {
      len -= 2;
    } else {
      break;
    }
  }
  *n = len;
  return s;
}

/* The value as a message shows it: at most 60 characters, one line. */
static char *S_show(const char *s) {
  buf b = BUF_INIT;
  size_t n = strlen(s), chars = 0;
  for (size_t i = 0; i < n && chars < 60; chars++) {
    uint32_t cp;
    int k = utf8_decode(s + i, n - i, &cp);
    if (cp == '\n')
      buf_putc(&b, ' ');
    else
      buf_put(&b, s + i, (size_t)k);
    i += (size_t)k;
    if (chars == 59 && i < n)
      buf_puts(&b, "…");
  }
  return buf_detach(&b);
}

/* ---- numbers ---- */

typedef enum { S_NUM_OK, S_NUM_BAD, S_NUM_FRACTION, S_NUM_RANGE } S_num;

/* Length of a thin or no-break space or an ASCII space at s, 0 if none. */
static size_t S_space(const char *s, size_t n) {
  if (n >= 1 && s[0] == ' ')
    return 1;
  if (n >= 2 && !memcmp(s, "\xC2\xA0", 2))
    return 2;
  if (n >= 3 && !memcmp(s, "\xE2\x80\xAF", 3))
    return 3;
  return 0;
}

/* strtod for "-123.45": glibc's strtod costs hundreds of instructions, and
 * a 100,000-row file has many decimals. With at most 15 digits the mantissa
 * and 10^k are exact doubles, so one division is correctly rounded: the
 * same result as strtod (Clinger's fast path). */
static double S_to_double(const char *clean) {
  static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
                                 1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15};
  const char *p = clean;
  bool neg = *p == '-';
  if (*p == '-' || *p == '+')
    p++;
  unsigned long long m = 0;
  int digits = 0, frac = 0;
  bool in_frac = false;
  for (; *p; p++) {
    if (*p == '.') {
      in_frac = true;
      continue;
    }
    if (digits || *p != '0')
      digits++;
    m = m * 10 + (unsigned long long)(*p - '0');
    frac += in_frac;
    if (digits > 15 || frac > 15)
      return strtod(clean, NULL);
  }
  double v = (double)m / pow10[frac];
  return neg ? -v : v;
}

/* Parses [sign] digits [groups] [dec digits] where groups are thousands
 * separators (the other of ',' and '.', or a space) between groups of three
 * digits. With integer, a fraction is S_NUM_FRACTION; with d NULL a
 * decimal is only checked. */
static S_num S_number(const char *s, size_t n, char dec, bool integer,
                      double *d, long long *ll) {
  char clean[128];
  size_t o = 0, i = 0;
  if (n > 100)
    return S_NUM_BAD;
  if (i < n && (s[i] == '-' || s[i] == '+')) {
    clean[o++] = s[i++];
  } else if (n >= 3 && !memcmp(s, "\xE2\x88\x92", 3)) { /* U+2212 minus */
    clean[o++] = '-';
    i = 3;
  }
  char group = dec == ',' ? '.' : ',';
  size_t digits = 0, glen = 0;
  int gsep = 0; /* 0 none yet, 1 punctuation, 2 space */
  bool grouped = false;
  while (i < n) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      clean[o++] = c;
      digits++, glen++, i++;
      continue;
    }
    size_t sp = S_space(s + i, n - i);
    int kind = c == group ? 1 : sp ? 2 : 0;
    if (!kind)
      break;
    /* a separator: the group before it must fit, and the kind must not change */
    if (!digits || (grouped ? glen != 3 : glen > 3) || (gsep && gsep != kind))
      return S_NUM_BAD;
    gsep = kind;
    grouped = true;
    glen = 0;
    i += kind == 1 ? 1 : sp;
  }
  if (!digits || (grouped && glen != 3))
    return S_NUM_BAD;
  bool fraction = false;
  if (i < n && s[i] == dec) {
    i++;
    clean[o++] = '.';
    size_t fd = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
      clean[o++] = s[i++], fd++;
    if (!fd)
      return S_NUM_BAD;
    fraction = true;
  }
  if (i != n)
    return S_NUM_BAD;
  clean[o] = '\0';
  errno = 0;
  if (integer) {
    if (fraction)
      return S_NUM_FRACTION;
    *ll = strtoll(clean, NULL, 10);
  } else if (d) {
    *d = S_to_double(clean);
  }
  return errno == ERANGE ? S_NUM_RANGE : S_NUM_OK;
}

char data_column_decimal(const char *const *texts, size_t n, char delimiter) {
  size_t comma = 0, point = 0;
  for (size_t i = 0; i < n; i++) {
    if (!texts[i])
      continue;
    long long ll;
    size_t len = strlen(texts[i]);
    bool c = S_number(texts[i], len, ',', false, NULL, &ll) == S_NUM_OK;
    bool p = S_number(texts[i], len, '.', false, NULL, &ll) == S_NUM_OK;
    comma += c && !p;
    point += p && !c;
  }
  if (comma != point)
    return comma > point ? ',' : '.';
  /* only "12" or "1.234": Danish files (';') use the decimal comma */
  return delimiter == ',' ? '.' : ',';
}

/* ---- dates ---- */

static const char *const S_months_da[12] = {
    "januar", "februar", "marts",     "april",   "maj",      "juni",
    "juli",   "august",  "september", "oktober", "november", "december"};

/* Month m (1-12) by name, in the messages' language. */
static const char *S_month_text(int m) {
  switch (m) {
  case 1:
    return M_DATA_JANUARY;
  case 2:
    return M_DATA_FEBRUARY;
  case 3:
    return M_DATA_MARCH;
  case 4:
    return M_DATA_APRIL;
  case 5:
    return M_DATA_MAY;
  case 6:
    return M_DATA_JUNE;
  case 7:
    return M_DATA_JULY;
  case 8:
    return M_DATA_AUGUST;
  case 9:
    return M_DATA_SEPTEMBER;
  case 10:
    return M_DATA_OCTOBER;
  case 11:
    return M_DATA_NOVEMBER;
  default:
    return M_DATA_DECEMBER;
  }
}

static int S_days_in(int y, int m) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return days[m - 1];
}

/* Reads up to max digits; returns how many. */
static int S_digits(const char *s, size_t n, size_t *i, int max, int *v) {
  int k = 0;
  *v = 0;
  while (*i < n && k < max && s[*i] >= '0' && s[*i] <= '9') {
    *v = *v * 10 + (s[*i] - '0');
    (*i)++, k++;
  }
  return k;
}

/* A Danish month name or its first three letters ("sep", "sep."). */
static int S_month_name(const char *s, size_t n, size_t *i) {
  size_t start = *i;
  while (*i < n && s[*i] != ' ' && s[*i] != '.' &&
         !(s[*i] >= '0' && s[*i] <= '9'))
    (*i)++;
  size_t len = *i - start;
  if (*i < n && s[*i] == '.')
    (*i)++;
  buf low = BUF_INIT;
  utf8_lower(&low, s + start, len);
  int found = 0;
  for (int m = 0; m < 12 && len >= 3; m++)
    if (!strncmp(S_months_da[m], buf_cstr(&low), len) &&
        (len == 3 || len == strlen(S_months_da[m])))
      found = m + 1;
  buf_free(&low);
  return found;
}

/* Parses s into y-m-d. On failure *why gets a reason (caller frees). */
static bool S_date(const char *s, size_t n, int *y, int *m, int *d,
                   char **why) {
  size_t i = 0;
  int a, b, c, na, nb, nc;
  *why = NULL;
  na = S_digits(s, n, &i, 5, &a);
  if (na == 4 && i < n && s[i] == '-') { /* 2014-09-18 */
    i++;
    nb = S_digits(s, n, &i, 2, &b);
    if (!nb || i >= n || s[i] != '-')
      return false;
    i++;
    nc = S_digits(s, n, &i, 2, &c);
    if (!nc)
      return false;
    *y = a, *m = b, *d = c;
  } else if ((na == 1 || na == 2) && i < n &&
             (s[i] == '.' || s[i] == '-' || s[i] == '/')) {
    char sep = s[i++];
    size_t save = i;
    while (i < n && s[i] == ' ')
      i++;
    nb = S_digits(s, n, &i, 2, &b);
    if (!nb && sep == '.') { /* 18. september 2014 */
      i = save;
      while (i < n && s[i] == ' ')
        i++;
      b = S_month_name(s, n, &i);
      if (!b)
        return false;
      while (i < n && s[i] == ' ')
        i++;
    } else if (!nb || i >= n || s[i] != sep) {
      return false;
    } else {
      i++;
    }
    nc = S_digits(s, n, &i, 5, &c);
    if (nc == 2) {
      buf w = BUF_INIT;
      buf_printf(&w, M_DATA_YEAR_MUST_HAVE_FOUR, c, c);
      *why = buf_detach(&w);
      return false;
    }
    if (nc != 4)
      return false;
    *y = c, *m = b, *d = a;
  } else if (na == 5 && i == n && a >= 20000 && a <= 80000) {
    *why = xstrdup(M_DATA_LOOKS_LIKE_EXCEL_DATE);
    return false;
  } else {
    return false;
  }
  /* Excel sometimes appends a midnight time */
  if (i < n && (s[i] == ' ' || s[i] == 'T')) {
    const char *t = s + i + 1;
    size_t tn = n - i - 1;
    if ((tn == 5 && !memcmp(t, "00:00", 5)) ||
        (tn == 8 && !memcmp(t, "00:00:00", 8)))
      i = n;
  }
  if (i != n)
    return false;
  buf w = BUF_INIT;
  if (*m < 1 || *m > 12) {
    buf_printf(&w, M_DATA_THERE_IS_NO_MONTH, *m);
  } else if (*d < 1 || *d > S_days_in(*y, *m)) {
    buf_printf(&w, M_DATA_DATE_DOES_NOT_EXIST, S_month_text(*m), *y,
               S_days_in(*y, *m));
  } else if (*y < 1000) {
    buf_puts(&w, M_DATA_YEAR_MUST_HAVE_FOUR_DIGITS);
  }
  if (w.len) {
    *why = buf_detach(&w);
    return false;
  }
  return true;
}

/* ---- values from a list ---- */

static size_t S_distance(const char *a, const char *b) {
  /* Levenshtein over code points of the lower-cased strings, small inputs */
  uint32_t x[64] = {0}, y[64] = {0};
  size_t nx = 0, ny = 0;
  for (size_t i = 0, n = strlen(a); i < n && nx < 64;) {
    uint32_t cp;
    i += (size_t)utf8_decode(a + i, n - i, &cp);
    x[nx++] = utf8_lower_cp(cp);
  }
  for (size_t i = 0, n = strlen(b); i < n && ny < 64;) {
    uint32_t cp;
    i += (size_t)utf8_decode(b + i, n - i, &cp);
    y[ny++] = utf8_lower_cp(cp);
  }
  size_t row[65];
  for (size_t j = 0; j <= ny; j++)
    row[j] = j;
  for (size_t i = 1; i <= nx; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= ny; j++) {
      size_t up = row[j];
      size_t best = diag + (x[i - 1] != y[j - 1]);
      if (up + 1 < best)
        best = up + 1;
      if (row[j - 1] + 1 < best)
        best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[ny];
}

/* The allowed value the user probably meant, or NULL. */
static const char *S_suggest(const col_schema *c, const char *v) {
  const char *best = NULL;
  size_t bestd = 3;
  buf lv = BUF_INIT;
  utf8_lower(&lv, v, strlen(v));
  for (size_t k = 0; k < c->nallowed; k++) {
    size_t d = S_distance(v, c->allowed[k]);
    buf la = BUF_INIT;
    utf8_lower(&la, c->allowed[k], strlen(c->allowed[k]));
    /* "klubben2" starts with "klub": a prefix counts as close */
    if (la.len >= 3 && !strncmp(buf_cstr(&lv), buf_cstr(&la), la.len) &&
        d > 1)
      d = 2;
    buf_free(&la);
    if (d < bestd)
      bestd = d, best = c->allowed[k];
  }
  buf_free(&lv);
  return best;
}

static int S_allowed_index(const col_schema *c, const char *s, size_t n) {
  for (size_t k = 0; k < c->nallowed; k++)
    if (!strncmp(c->allowed[k], s, n) && c->allowed[k][n] == '\0')
      return (int)k;
  buf ls = BUF_INIT;
  utf8_lower(&ls, s, n);
  int found = -1;
  for (size_t k = 0; k < c->nallowed && found < 0; k++) {
    buf la = BUF_INIT;
    utf8_lower(&la, c->allowed[k], strlen(c->allowed[k]));
    if (la.len == ls.len && !memcmp(buf_cstr(&la), buf_cstr(&ls), la.len))
      found = (int)k;
    buf_free(&la);
  }
  buf_free(&ls);
  return found;
}

/* The message for a value that is not one of the project's list named by
 * from ("elements", "partnerships", "rounds"): a whole sentence per list,
 * since the noun's form and gender change the words around it; NULL for
 * another list. */
static const char *S_not_in_list(const char *from) {
  if (!strcmp(from, "elements"))
    return M_DATA_ELEMENT_IS_NOT_ONE;
  if (!strcmp(from, "partnerships"))
    return M_DATA_PARTNERSHIP_IS_NOT_ONE;
  if (!strcmp(from, "rounds"))
    return M_DATA_ROUND_IS_NOT_ONE;
  return NULL;
}

static void S_not_allowed(const data_ctx *x, const col_schema *c, int line,
                          int field, const char *shown) {
  size_t limit = x->diags->limit ? x->diags->limit : 100;
  if (x->diags->errors >= limit) { /* only counted now: skip the suggestion */
    diag_error(x->diags, x->file, line, field, "%s", shown);
    return;
  }
  buf list = BUF_INIT;
  for (size_t k = 0; k < c->nallowed; k++)
    buf_printf(&list, "%s%s", k ? ", " : "", c->allowed[k]);
  const char *sugg = S_suggest(c, shown);
  buf hint = BUF_INIT;
  if (sugg)
    buf_printf(&hint, M_DATA_DID_YOU_MEAN, sugg);
  const char *fmt = c->allowed_from ? S_not_in_list(c->allowed_from) : NULL;
  if (fmt)
    diag_error(x->diags, x->file, line, field, fmt, shown, c->allowed_from,
               buf_cstr(&list), buf_cstr(&hint));
  else if (c->type == COL_LEVEL)
    diag_error(x->diags, x->file, line, field, M_DATA_LEVEL_IS_NOT_ALLOWED,
               shown, c->name, buf_cstr(&list), buf_cstr(&hint));
  else
    diag_error(x->diags, x->file, line, field, M_DATA_VALUE_IS_NOT_ALLOWED,
               shown, c->name, buf_cstr(&list), buf_cstr(&hint));
  buf_free(&list);
  buf_free(&hint);
}

/* ---- one cell ---- */

bool data_cell_convert(const data_ctx *x, const col_schema *c, int line,
                       int field, char decimal, const char *text,
                       data_arena *arena, data_cell *cell) {
  size_t n = strlen(text);
  bool ok = true;
  char *shown = NULL;
  cell->valid = false;
  if (c->allowed && c->nallowed > 0) {
    int k = S_allowed_index(c, text, n);
    if (k < 0) {
      shown = S_show(text);
      S_not_allowed(x, c, line, field, shown);
      free(shown);
      return false;
    }
    if (strcmp(c->allowed[k], text))
      cell->raw = data_arena_strndup(arena, c->allowed[k],
                                     strlen(c->allowed[k]));
    cell->v.level = k;
    if (c->type == COL_TEXT || c->type == COL_LEVEL) {
      cell->valid = true;
      return true;
    }
  }
  switch (c->type) {
  case COL_TEXT:
    break;
  case COL_LEVEL:
    cell->v.level = -1; /* the project declares no levels: nothing to check */
    break;
  case COL_INTEGER: {
    char dec = x->delimiter == ',' ? '.' : ',';
    double d;
    long long ll;
    S_num r = S_number(text, n, dec, true, &d, &ll);
    if (r == S_NUM_OK) {
      cell->v.i = ll;
      break;
    }
    shown = S_show(text);
    if (r == S_NUM_RANGE)
      diag_error(x->diags, x->file, line, field, M_DATA_COLUMN_IS_TOO_LARGE,
                 shown, field, c->name);
    else if (r == S_NUM_FRACTION)
      diag_error(x->diags, x->file, line, field, M_DATA_COLUMN_IS_NOT_WHOLE,
                 shown, field, c->name);
    else
      diag_error(x->diags, x->file, line, field,
                 M_DATA_COLUMN_IS_NOT_WHOLE_NUMBER, shown, field, c->name);
    ok = false;
    break;
  }
  case COL_DECIMAL: {
    double d;
    long long ll;
    S_num r = S_number(text, n, decimal, false, &d, &ll);
    if (r == S_NUM_OK) {
      cell->v.d = d;
      break;
    }
    shown = S_show(text);
    char other = decimal == ',' ? '.' : ',';
    if (r == S_NUM_RANGE)
      diag_error(x->diags, x->file, line, field, M_DATA_COLUMN_IS_TOO_LARGE,
                 shown, field, c->name);
    else if (S_number(text, n, other, false, &d, &ll) == S_NUM_OK)
      diag_error(x->diags, x->file, line, field,
                 decimal == ',' ? M_DATA_COLUMN_IS_WRITTEN_DECIMAL
                                : M_DATA_COLUMN_IS_WRITTEN_DECIMAL_COMMA,
                 shown, field, c->name);
    else if (n && text[n - 1] == '%')
      diag_error(x->diags, x->file, line, field, M_DATA_COLUMN_IS_NOT_NUMBER,
                 shown, field, c->name);
    else
      diag_error(x->diags, x->file, line, field,
                 decimal == ',' ? M_DATA_COLUMN_IS_NOT_NUMBER_WRITE
                                : M_DATA_COLUMN_IS_NOT_NUMBER_WRITE_3,
                 shown, field, c->name);
    ok = false;
    break;
  }
  case COL_DATE: {
    char *why;
    int y = 0, m = 0, d = 0;
    if (S_date(text, n, &y, &m, &d, &why)) {
      cell->v.date.y = y, cell->v.date.m = m, cell->v.date.d = d;
      break;
    }
    shown = S_show(text);
    if (why)
      diag_error(x->diags, x->file, line, field, M_DATA_COLUMN_I, shown, field,
                 c->name, why);
    else
      diag_error(x->diags, x->file, line, field, M_DATA_COLUMN_IS_NOT_DATE,
                 shown, field, c->name);
    free(why);
    ok = false;
    break;
  }
  }
  free(shown);
  if (!ok)
    memset(&cell->v, 0, sizeof cell->v);
  cell->valid = ok;
  return ok;
}
