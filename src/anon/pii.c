/* pii.c - personal data that no mapping covers: e-mail addresses,
 * Danish phone numbers and CPR numbers stop a public edition unless the
 * project lists them as allowed (a line of navne-ok.txt beside the
 * mapping). A name can be hidden by a pseudonym; an address or a number
 * identifies a person by itself. */
#include <stdlib.h>
#include <string.h>

#include "anon/anon.h"
#include "anon/internal.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/utf8.h"

static bool S_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static bool S_alnum(unsigned char c) {
  return S_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         c >= 0x80;
}

/* Characters of an address's local part and domain (UTF-8 letters too:
 * ida.mørch@...). */
static bool S_local(unsigned char c) {
  return S_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
         c == '-';
}

/* A separator inside a grouped number: space, no-break space, thin spaces,
 * hyphen, full stop. Returns its length in bytes, 0 if none. */
static size_t S_group_sep(const char *s, size_t len, size_t i, bool dash) {
  if (i >= len)
    return 0;
  if (s[i] == ' ' || s[i] == '.' || (dash && s[i] == '-'))
    return 1;
  uint32_t cp;
  int k = utf8_decode(s + i, len - i, &cp);
  if (cp == 0xA0 || cp == 0x2009 || cp == 0x202F || cp == 0x2007 ||
      (dash && (cp == 0x2010 || cp == 0x2011)))
    return (size_t)k;
  return 0;
}

/* Reads digit groups of the given sizes from i, with one kind of
 * separator between them (or none when sizes has one entry). Appends the
 * digits to out; returns the end, or 0 if the text is not so. */
static size_t S_groups(const char *s, size_t len, size_t i, const int *sizes,
                       size_t nsizes, bool dash, buf *out) {
  size_t sep_at = 0, sep_len = 0;
  for (size_t g = 0; g < nsizes; g++) {
    if (g > 0) {
      size_t k = S_group_sep(s, len, i, dash);
      if (!k)
        return 0;
      if (g == 1) {
        sep_at = i;
        sep_len = k;
      } else if (k != sep_len || memcmp(s + i, s + sep_at, k) != 0) {
        return 0; /* 12 34.56 78 is not one number */
      }
      i += k;
    }
    for (int d = 0; d < sizes[g]; d++, i++) {
      if (i >= len || !S_digit((unsigned char)s[i]))
        return 0;
      buf_putc(out, s[i]);
    }
  }
  /* not part of a longer number */
  if (i < len && (S_digit((unsigned char)s[i]) ||
                  (s[i] == ',' && i + 1 < len && S_digit((unsigned char)s[i + 1]))))
    return 0;
  return i;
}

static bool S_valid_date(const char *d) {
  int dd = (d[0] - '0') * 10 + (d[1] - '0');
  int mm = (d[2] - '0') * 10 + (d[3] - '0');
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return mm >= 1 && mm <= 12 && dd >= 1 && dd <= days[mm - 1];
}

/* yyyymmdd or yyyy yyyy: numbers that are not phone numbers */
static bool S_looks_like_years(const char *d) {
  bool y1 = (d[0] == '1' && d[1] == '9') || (d[0] == '2' && d[1] == '0');
  bool y2 = (d[4] == '1' && d[5] == '9') || (d[4] == '2' && d[5] == '0');
  int mm = (d[4] - '0') * 10 + (d[5] - '0');
  int dd = (d[6] - '0') * 10 + (d[7] - '0');
  return y1 && (y2 || (mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31));
}

/* Is the found item (an address, or digits without a country code) on the
 * allowed list? The list is compared the same way: addresses without
 * case, numbers by their digits alone. */
static bool S_allowed(const anon_map *m, const char *item, bool number) {
  for (size_t i = 0; i < m->nallowed; i++) {
    const char *a = m->allowed[i];
    if (!number) {
      buf x = BUF_INIT, y = BUF_INIT;
      utf8_lower(&x, a, strlen(a));
      utf8_lower(&y, item, strlen(item));
      bool same = strcmp(buf_cstr(&x), buf_cstr(&y)) == 0;
      buf_free(&x);
      buf_free(&y);
      if (same)
        return true;
      continue;
    }
    buf d = BUF_INIT;
    for (const char *p = a; *p; p++)
      if (S_digit((unsigned char)*p))
        buf_putc(&d, *p);
    const char *ds = buf_cstr(&d);
    if (d.len == 10 && ds[0] == '4' && ds[1] == '5' && strlen(item) == 8)
      ds += 2; /* +45 12 34 56 78 */
    else if (d.len == 12 && !strncmp(ds, "0045", 4) && strlen(item) == 8)
      ds += 4;
    bool same = strcmp(ds, item) == 0;
    buf_free(&d);
    if (same)
      return true;
  }
  return false;
}

static int S_report(const anon_map *m, const char *what, const char *it,
                    const char *shown, const char *key, bool number,
                    const char *file, int line, buf *seen,
                    diag_list *diags) {
  if (S_allowed(m, key, number))
    return 0;
  buf k = BUF_INIT;
  buf_printf(&k, "\n%s:%d:%s\n", file ? file : "", line, key);
  bool dup = seen->len && strstr(buf_cstr(seen), buf_cstr(&k));
  if (!dup) /* seen is "\nkey\nkey\n": each key between two \n */
    buf_put(seen, k.data + (seen->len ? 1 : 0), k.len - (seen->len ? 1 : 0));
  buf_free(&k);
  if (dup)
    return 0;
  diag_error(diags, file, line, 0, M_ANON_MUST_NOT_BE_PUBLIC, what, shown, it,
             it, ANON_ALLOW_FILE, it);
  return 1;
}

bool anon_in_email(const char *s, size_t len, size_t at) {
  if (at >= len || !S_local((unsigned char)s[at]))
    return false;
  size_t a = at, b = at;
  while (a > 0 && (S_local((unsigned char)s[a - 1]) || s[a - 1] == '@'))
    a--;
  while (b < len && (S_local((unsigned char)s[b]) || s[b] == '@'))
    b++;
  const char *atsign = memchr(s + a, '@', b - a);
  return atsign && atsign > s + a &&
         memchr(atsign, '.', (size_t)(s + b - atsign)) != NULL;
}

int anon_pii_check(const anon_map *m, const char *s, const char *file,
                   int line, buf *seen, diag_list *diags) {
  if (!m || !s)
    return 0;
  size_t len = strlen(s);
  int found = 0;
  size_t i = 0;
  while (i < len) {
    unsigned char c = (unsigned char)s[i];
    if (c == '@') {
      size_t a = i, b = i + 1;
      while (a > 0 && S_local((unsigned char)s[a - 1]))
        a--;
      while (a < i && s[a] == '.')
        a++;
      bool dot = false;
      while (b < len && (S_alnum((unsigned char)s[b]) || s[b] == '-' ||
                         (s[b] == '.' && b + 1 < len &&
                          S_alnum((unsigned char)s[b + 1])))) {
        dot |= s[b] == '.';
        b++;
      }
      if (a < i && dot) {
        char *addr = xstrndup(s + a, b - a);
        found += S_report(m, M_ANON_MAIL_ADDRESS, M_ANON_IT, addr, addr, false,
                          file, line, seen, diags);
        free(addr);
        i = b;
        continue;
      }
      i++;
      continue;
    }
    bool boundary = i == 0 || !S_alnum((unsigned char)s[i - 1]);
    if (!boundary || !(S_digit(c) || c == '+')) {
      i++;
      continue;
    }
    /* a country code: +45 or 0045, then perhaps a separator */
    size_t j = i;
    bool cc = false;
    if (!strncmp(s + i, "+45", 3) || !strncmp(s + i, "0045", 4)) {
      j = i + (s[i] == '+' ? 3 : 4);
      j += S_group_sep(s, len, j, true);
      cc = true;
    } else if (c == '+') {
      i++;
      continue;
    }
    buf d = BUF_INIT;
    size_t e = 0;
    const char *what = NULL;
    static const int cpr_dash[] = {6, 4}, ten[] = {10}, eight[] = {8},
                     pairs[] = {2, 2, 2, 2}, halves[] = {4, 4};
    if (!cc && ((e = S_groups(s, len, j, cpr_dash, 2, true, &d)) ||
                (buf_clear(&d), e = S_groups(s, len, j, ten, 1, false, &d)))) {
      if (S_valid_date(buf_cstr(&d)))
        what = M_ANON_CPR_NUMBER;
    }
    if (!what) {
      buf_clear(&d);
      if ((e = S_groups(s, len, j, eight, 1, false, &d)) ||
          (buf_clear(&d), e = S_groups(s, len, j, pairs, 4, true, &d)) ||
          (buf_clear(&d), e = S_groups(s, len, j, halves, 2, false, &d))) {
        const char *ds = buf_cstr(&d);
        /* Danish numbers start with 2-9; an unprefixed yyyymmdd or a pair
           of years is not a number to call */
        if (cc || (ds[0] >= '2' && !S_looks_like_years(ds)))
          what = M_ANON_PHONE_NUMBER;
      }
    }
    if (what) {
      char *shown = xstrndup(s + i, e - i);
      found += S_report(m, what, M_ANON_IT_DET, shown, buf_cstr(&d), true, file,
                        line, seen, diags);
      free(shown);
      i = e;
    } else {
      /* skip the rest of this number */
      size_t i0 = i;
      while (i < len && S_digit((unsigned char)s[i]))
        i++;
      if (i == i0)
        i++;
    }
    buf_free(&d);
  }
  return found;
}
