/* syntax.c - finding pandoc's citation syntax in text. The rules
 * follow pandoc's Markdown reader: a key starts with a letter, digit or _,
 * a bracketed group holds one or more parts separated by ';', each with
 * one key and optional prefix and suffix; @key in running text must not
 * follow a letter or digit (so e-mail addresses are left alone). */
#include "cite/syntax.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/mem.h"

static bool S_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

/* Pandoc's key syntax: starts with a letter, digit or _, then
 * alphanumerics and internal punctuation (:.#$%&-+?<>~/), which must be
 * followed by an alphanumeric (so "@hansen2016." ends before the full
 * stop); or anything in braces: @{key}. Returns the key's length at s (0
 * if none); *skip gets the bytes to step over (braces included). */
size_t cite_key(const char *s, size_t n, size_t *skip) {
  if (n && s[0] == '{') {
    size_t i = 1;
    while (i < n && s[i] != '}' && s[i] != '\n')
      i++;
    if (i >= n || s[i] != '}' || i == 1)
      return 0;
    *skip = i + 1;
    return i - 1;
  }
  if (!n || !S_alnum((unsigned char)s[0]))
    return 0;
  size_t i = 1;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    if (S_alnum(c)) {
      i++;
    } else if (strchr(":.#$%&-+?<>~/", c) && c && i + 1 < n &&
               S_alnum((unsigned char)s[i + 1])) {
      i += 2;
    } else {
      break;
    }
  }
  *skip = i;
  return i;
}

/* Cross-references (@tbl:x) belong to doc_resolve, not to us. */
static bool S_is_xref(const char *k, size_t n) {
  static const char *const prefixes[] = {"tbl:", "fig:", "sec:", "eq:",
                                         "lst:"};
  for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
    size_t m = strlen(prefixes[i]);
    if (n > m && strncasecmp(k, prefixes[i], m) == 0)
      return true;
  }
  return false;
}

static char *S_trimmed(const char *s, size_t n) {
  while (n && strchr(" \n\t", s[0]))
    s++, n--;
  while (n && strchr(" \n\t", s[n - 1]))
    n--;
  if (!n)
    return NULL;
  char *r = xstrndup(s, n);
  for (char *p = r; *p; p++) /* a soft break inside a citation */
    if (*p == '\n')
      *p = ' ';
  return r;
}

void cite_raw_free(cite_raw *r) {
  for (size_t i = 0; i < r->n; i++) {
    free(r->item[i].key);
    free(r->item[i].prefix);
    free(r->item[i].suffix);
  }
  r->n = 0;
}

/* One part of a bracketed group: "see @key, s. 12" or "-@key". */
static bool S_part(cite_raw *r, const char *s, size_t a, size_t b) {
  for (size_t i = a; i < b; i++) {
    if (s[i] != '@')
      continue;
    bool suppress = i > a && s[i - 1] == '-';
    size_t before = suppress ? i - 1 : i;
    if (before > a && !strchr(" \n\t", s[before - 1]))
      continue; /* an e-mail address or a word */
    size_t skip = 0, k = cite_key(s + i + 1, b - i - 1, &skip);
    if (!k)
      continue;
    const char *key = s + i + 1 + (s[i + 1] == '{');
    if (S_is_xref(key, k) || r->n >= sizeof r->item / sizeof r->item[0])
      return false;
    r->item[r->n].key = xstrndup(key, k);
    r->item[r->n].at = i;
    r->item[r->n].prefix = S_trimmed(s + a, before - a);
    size_t end = i + 1 + skip;
    /* keep the suffix's leading comma: the style reads ", s. 12" */
    size_t sa = end;
    while (sa < b && s[sa] == '\n')
      sa++;
    r->item[r->n].suffix = sa < b ? xstrndup(s + sa, b - sa) : NULL;
    if (r->item[r->n].suffix) {
      char *t = S_trimmed(r->item[r->n].suffix, strlen(r->item[r->n].suffix));
      bool comma = r->item[r->n].suffix[0] == ',';
      free(r->item[r->n].suffix);
      r->item[r->n].suffix = t;
      if (t && !comma) { /* "@key s. 12" means the same as ", s. 12" */
        char *c = xmalloc(strlen(t) + 3);
        strcpy(c, ", ");
        strcat(c, t);
        free(t);
        r->item[r->n].suffix = c;
      }
    }
    r->item[r->n].suppress = suppress;
    r->n++;
    return true;
  }
  return false;
}

/* A bracketed group at s[i] == '['. */
/* A citation is short; looking no further than this keeps a paragraph of
 * unmatched brackets from costing time quadratic in its length. */
#define CITE_MAX_BRACKET 1000

bool cite_parse_bracket(cite_raw *r, const char *s, size_t n, size_t i) {
  size_t depth = 0, j = i;
  if (n - i > CITE_MAX_BRACKET)
    n = i + CITE_MAX_BRACKET;
  for (; j < n; j++) {
    if (s[j] == '[')
      depth++;
    else if (s[j] == ']' && --depth == 0)
      break;
  }
  if (j >= n || !memchr(s + i, '@', j - i))
    return false;
  r->n = 0;
  size_t a = i + 1;
  for (size_t k = i + 1; k <= j; k++) {
    if (k == j || s[k] == ';') {
      if (!S_part(r, s, a, k)) {
        cite_raw_free(r);
        return false;
      }
      a = k + 1;
    }
  }
  r->start = i;
  r->end = j + 1;
  r->textual = false;
  return true;
}

/* @key in running text, with an optional " [s. 12]" after it. */
bool cite_parse_textual(cite_raw *r, const char *s, size_t n, size_t i) {
  if (i > 0 && (S_alnum((unsigned char)s[i - 1]) || s[i - 1] == '@'))
    return false; /* e-mail addresses: hans@example.dk */
  size_t skip = 0, k = cite_key(s + i + 1, n - i - 1, &skip);
  if (!k)
    return false;
  const char *key = s + i + 1 + (s[i + 1] == '{');
  if (S_is_xref(key, k))
    return false;
  r->n = 1;
  r->item[0].key = xstrndup(key, k);
  r->item[0].at = i;
  r->item[0].prefix = NULL;
  r->item[0].suffix = NULL;
  r->item[0].suppress = false;
  size_t end = i + 1 + skip;
  if (end + 1 < n && s[end] == ' ' && s[end + 1] == '[') {
    size_t lim = n - end - 2 > CITE_MAX_BRACKET ? CITE_MAX_BRACKET
                                                : n - end - 2;
    const char *close = memchr(s + end + 2, ']', lim);
    if (close && !memchr(s + end + 2, '@', (size_t)(close - s) - end - 2) &&
        !memchr(s + end + 2, '[', (size_t)(close - s) - end - 2)) {
      char *t = S_trimmed(s + end + 2, (size_t)(close - s) - end - 2);
      if (t) {
        r->item[0].suffix = xmalloc(strlen(t) + 3);
        strcpy(r->item[0].suffix, t[0] == ',' ? "" : ", ");
        strcat(r->item[0].suffix, t);
        free(t);
      }
      end = (size_t)(close - s) + 1;
    }
  }
  r->start = i;
  r->end = end;
  r->textual = true;
  return true;
}

