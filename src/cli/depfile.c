/* depfile.c - strings written into make syntax (depfile.h). */
#include "cli/depfile.h"

#include <string.h>

/* Make has no escape for a newline, or for ; = | % in a rule; it globs
 * * ? [ ] and keeps the backslash when nothing matches; a name ending in
 * ')' after '(' reads as an archive member, and a leading '~' as a home
 * folder. A backslash before a space or # would need escaping itself, in
 * ways that differ by place: refused too. */
int mk_unsafe(const char *s) {
  if (s[0] == '~')
    return '~';
  for (const unsigned char *c = (const unsigned char *)s; *c; c++)
    if (*c < 0x20 || *c == 0x7f || strchr("\\;=|%*?[]", *c))
      return *c;
  size_t n = strlen(s);
  if (n && s[n - 1] == ')' && strchr(s, '('))
    return ')';
  return 0;
}

/* As mk_unsafe, for a string in `place`: a recipe argument is quoted, so
 * how it starts and ends does not matter there. */
static int S_unsafe_in(const char *s, mk_place place) {
  buf b = BUF_INIT;
  buf_printf(&b, place == MK_SHELL ? "x/%s/x" : "%s", s);
  int c = mk_unsafe(buf_cstr(&b));
  buf_free(&b);
  return c;
}

bool mk_put(buf *out, const char *s, mk_place place) {
  if (S_unsafe_in(s, place))
    return false;
  if (place == MK_SHELL)
    buf_putc(out, '\'');
  for (const char *c = s; *c; c++) {
    if (*c == '$')
      buf_puts(out, "$$");
    else if (place == MK_SHELL && *c == '\'')
      buf_puts(out, "'\\''");
    else if (place == MK_RULE && strchr(" #:", *c))
      buf_printf(out, "\\%c", *c);
    else if (place == MK_INCLUDE && strchr(" #", *c))
      buf_printf(out, "\\%c", *c);
    else
      buf_putc(out, *c);
  }
  if (place == MK_SHELL)
    buf_putc(out, '\'');
  return true;
}
