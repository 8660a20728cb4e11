/* literals.c - the pseudonymisation of the Lua a chapter holds: the string
 * literals of directive bodies and {{ }} expressions go through
 * script_config.map_text before the code runs, so a component given
 * `units = { "Viborg" }` or a filter comparing with "Viborg" sees the same
 * pseudonym as the mapped data. Only literals change: names, keys and
 * comments stay, and so does every line break (Lua's messages keep the
 * Markdown line numbers). A literal with escapes, and an id, file name or
 * URL, is left as written; the check of the finished tree sees what it
 * becomes. */
#include <stdlib.h>
#include <string.h>

#include "script/internal.h"
#include "util/buf.h"
#include "util/mem.h"

/* The level of a long bracket [==[ at s (the number of '='), or -1. */
static int S_long_open(const char *s) {
  if (*s != '[')
    return -1;
  int level = 0;
  while (s[1 + level] == '=')
    level++;
  return s[1 + level] == '[' ? level : -1;
}

/* The closing ]==] of level `level` at or after s, or NULL. */
static const char *S_long_close(const char *s, int level) {
  for (; (s = strchr(s, ']')); s++) {
    int k = 0;
    while (k < level && s[1 + k] == '=')
      k++;
    if (k == level && s[1 + k] == ']')
      return s;
  }
  return NULL;
}

static size_t S_count(const char *s, size_t n, char c) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    k += s[i] == c;
  return k;
}

/* A literal without spaces that holds ':', '/', '\\' or '#', or ends in a
 * file extension, is an id (fig:viborg), a reference, a file name or a
 * URL: it is matched against ids and files, and anon_apply maps those
 * forms the way ids are mapped (anon_slug), consistently with the
 * references to them. */
static bool S_reference(const char *s, size_t n) {
  size_t dot = n;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')
      return false;
    if (strchr(":/\\#", s[i]))
      return true;
    if (s[i] == '.')
      dot = i;
  }
  if (dot == n || n - dot - 1 < 1 || n - dot - 1 > 5)
    return false;
  for (size_t i = dot + 1; i < n; i++)
    if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
          (s[i] >= '0' && s[i] <= '9')))
      return false;
  return true;
}

/* Appends the mapped text of a literal's content s[0..n) written with
 * `quote` ('"', '\'' or 0 for a long bracket of `level`), or the content
 * unchanged when the mapped text cannot be written there as it is. */
static void S_literal(const script_config *cfg, buf *out, const char *s,
                      size_t n, char quote, int level) {
  if (S_reference(s, n)) {
    buf_put(out, s, n);
    return;
  }
  char *content = xstrndup(s, n);
  char *mapped = cfg->map_text(cfg->map_ctx, content);
  size_t m = strlen(mapped);
  bool fits;
  if (quote)
    fits = !memchr(mapped, '\\', m) && !memchr(mapped, quote, m) &&
           !memchr(mapped, '\n', m);
  else
    fits = S_count(mapped, m, '\n') == S_count(s, n, '\n') &&
           !S_long_close(mapped, level) &&
           (m == 0 || mapped[m - 1] != ']');
  buf_puts(out, fits ? mapped : content);
  free(mapped);
  free(content);
}

char *script_map_literals(const script_config *cfg, const char *src) {
  buf out = BUF_INIT;
  const char *p = src;
  while (*p) {
    int level;
    if (p[0] == '-' && p[1] == '-') {
      /* a comment, to its line end or its long bracket's end */
      const char *end;
      if ((level = S_long_open(p + 2)) >= 0 &&
          (end = S_long_close(p + 4 + level, level)))
        end += level + 2;
      else
        end = p + strcspn(p, "\n");
      buf_put(&out, p, (size_t)(end - p));
      p = end;
    } else if ((level = S_long_open(p)) >= 0) {
      const char *body = p + level + 2;
      const char *end = S_long_close(body, level);
      if (!end) { /* unfinished: Lua reports it */
        buf_puts(&out, p);
        break;
      }
      buf_put(&out, p, (size_t)(body - p));
      S_literal(cfg, &out, body, (size_t)(end - body), 0, level);
      buf_put(&out, end, (size_t)level + 2);
      p = end + level + 2;
    } else if (*p == '"' || *p == '\'') {
      char q = *p;
      const char *e = p + 1;
      bool escapes = false;
      while (*e && *e != q && *e != '\n') {
        if (*e == '\\' && e[1]) {
          escapes = true;
          e++;
        }
        e++;
      }
      if (*e != q || escapes) { /* unfinished, or with escapes: as written */
        buf_put(&out, p, (size_t)(e - p) + (*e == q));
        p = e + (*e == q);
        continue;
      }
      buf_putc(&out, q);
      S_literal(cfg, &out, p + 1, (size_t)(e - p - 1), q, 0);
      buf_putc(&out, q);
      p = e + 1;
    } else {
      buf_putc(&out, *p++);
    }
  }
  return buf_detach(&out);
}
