/* buf.h - a growable byte buffer; the owner frees it or detaches its memory. */
#ifndef RAPPORT_BUF_H
#define RAPPORT_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

typedef struct {
  char *data; /* always NUL-terminated when len > 0 or after buf_cstr */
  size_t len;
  size_t cap;
} buf;

#define BUF_INIT {NULL, 0, 0}

/* No buffer grows past this: the writers build each output file in a
 * buffer, and an output this big means a runaway template, not a report.
 * Reaching it ends the process with a message and exit status 1 before
 * anything is written (outputs are written whole or not at all). */
#define BUF_MAX_SIZE ((size_t)512 << 20)

void buf_grow(buf *b, size_t extra);
/* buf_put and buf_putc test the room inline and call buf_grow only to
 * grow: they run once per character or word in the line setter and the
 * writers (on the 52-page dense report 420,000 calls, whose call and
 * growth test alone were 12 M instructions). */
static inline void buf_put(buf *b, const void *p, size_t n) {
  if (n == 0)
    return;
  if (b->len + n + 1 > b->cap)
    buf_grow(b, n);
  memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
}
static inline void buf_putc(buf *b, int c) {
  if (b->len + 2 > b->cap)
    buf_grow(b, 1);
  b->data[b->len++] = (char)c;
  b->data[b->len] = '\0';
}
void buf_puts(buf *b, const char *s);
void buf_printf(buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
const char *buf_cstr(buf *b); /* "" for an empty buffer */
void buf_clear(buf *b);
/* Hands the memory to the caller (who frees it); the buffer is left empty. */
char *buf_detach(buf *b);
void buf_free(buf *b);

#endif
