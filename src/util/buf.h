/* buf.h - a growable byte buffer; the owner frees it or detaches its memory. */
#ifndef RAPPORT_BUF_H
#define RAPPORT_BUF_H

#include <stdarg.h>
#include <stddef.h>

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
void buf_put(buf *b, const void *p, size_t n);
void buf_puts(buf *b, const char *s);
/* Inline: the writers append most of their output a byte at a time. */
static inline void buf_putc(buf *b, int c) {
  if (b->len + 2 > b->cap)
    buf_grow(b, 1);
  b->data[b->len++] = (char)c;
  b->data[b->len] = '\0';
}
void buf_printf(buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
const char *buf_cstr(buf *b); /* "" for an empty buffer */
void buf_clear(buf *b);
/* Hands the memory to the caller (who frees it); the buffer is left empty. */
char *buf_detach(buf *b);
void buf_free(buf *b);

#endif
