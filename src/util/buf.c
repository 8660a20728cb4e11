/* buf.c - growable byte buffer. Allocation failure is fatal: a report
 * generator has no sensible way to continue without memory; so is passing
 * BUF_MAX_SIZE. */
#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "util/mem.h"

void buf_grow(buf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap)
    return;
  if (extra >= BUF_MAX_SIZE - b->len) {
    fprintf(stderr, M_UTIL_RAPPORT_ERROR_FILE_TEXT, BUF_MAX_SIZE >> 20);
    exit(1);
  }
  size_t cap = b->cap ? b->cap : 64;
  while (cap < b->len + extra + 1)
    cap *= 2;
  b->data = xrealloc(b->data, cap);
  b->cap = cap;
}

void buf_put(buf *b, const void *p, size_t n) {
  if (n == 0)
    return;
  buf_grow(b, n);
  memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void buf_puts(buf *b, const char *s) { buf_put(b, s, strlen(s)); }

void buf_vprintf(buf *b, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n <= 0)
    return;
  buf_grow(b, (size_t)n);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
}

void buf_printf(buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(b, fmt, ap);
  va_end(ap);
}

const char *buf_cstr(buf *b) { return b->data ? b->data : ""; }

void buf_clear(buf *b) {
  b->len = 0;
  if (b->data)
    b->data[0] = '\0';
}

char *buf_detach(buf *b) {
  char *p = b->data ? b->data : xstrdup("");
  b->data = NULL;
  b->len = b->cap = 0;
  return p;
}

void buf_free(buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}
