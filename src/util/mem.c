#include "util/mem.h"

#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util/diag.h"
#include "util/fault.h"
#include "util/fs.h"

/* Out of memory is the machine's state, not a bug: exit status 1 with a
 * message, not abort's core dump (status 134 reads as a crash). _exit,
 * because exit would run atexit handlers and flush stdio, which may need
 * the memory that is not there (and in a forked edition the parent's
 * handlers must not run); an output being written is still a hidden temp
 * file, so the previous output stays in place, and that temp file is
 * removed (fs_remove_pending). */
static int S_fail_fd = 2;

int mem_fail_fd(int fd) {
  int old = S_fail_fd;
  S_fail_fd = fd;
  return old;
}

void mem_fail(void) {
  const char *msg = M_UTIL_OUT_OF_MEMORY; /* a literal: nothing allocated */
  ssize_t w = write(S_fail_fd, msg, strlen(msg));
  (void)w;
  fs_remove_pending();
  _exit(1);
}

void *xmalloc(size_t n) {
  void *p = FAULT_ALLOC() ? NULL : malloc(n ? n : 1);
  if (!p)
    mem_fail();
  return p;
}

void *xcalloc(size_t n, size_t size) {
  void *p = FAULT_ALLOC() ? NULL : calloc(n ? n : 1, size ? size : 1);
  if (!p)
    mem_fail();
  return p;
}

void *xrealloc(void *p, size_t n) {
  void *q = FAULT_ALLOC() ? NULL : realloc(p, n ? n : 1);
  if (!q)
    mem_fail();
  return q;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n) {
  char *p = xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

void xgrow(void **arr, size_t *cap, size_t need, size_t size) {
  if (need <= *cap)
    return;
  size_t c = *cap ? *cap : 8;
  while (c < need)
    c *= 2;
  *arr = xrealloc(*arr, c * size);
  *cap = c;
}

#define S_HUGE ((uintptr_t)2 << 20) /* the x86-64 huge page */

void mem_heap_huge(void) {
  static uintptr_t advised; /* the heap below this is advised already */
  if (!advised) {
    /* grow the heap 1 GB at a time (address space only: pages are
     * committed as they are touched) and keep it: the process is short,
     * and a heap grown past the advised part falls back to 4 KB pages
     * (the 8x benchmark project: 3.8 -> 3.1 s with 1 GB against 128 MB) */
    mallopt(M_TOP_PAD, 1024 << 20);
    mallopt(M_TRIM_THRESHOLD, 1536 << 20);
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    free(malloc(1)); /* makes the heap, with that pad */
  }
  void *cur = sbrk(0);
  if (cur == (void *)-1)
    return;
  uintptr_t end = (uintptr_t)cur & ~(S_HUGE - 1);
  if (!advised) {
    void *first = malloc(1);
    advised = ((uintptr_t)first + S_HUGE - 1) & ~(S_HUGE - 1);
    free(first);
  }
  if (end > advised && madvise((void *)advised, end - advised,
                               MADV_HUGEPAGE) == 0)
    advised = end;
}

/* memchr finds each candidate by the needle's last byte:
 * the keys searched for end in a letter ("obj", "stream"), rarer in a PDF
 * than their first byte (a space, a slash). */
const char *mem_find(const char *hay, size_t n, const char *needle,
                     size_t n2) {
  if (n2 == 0 || n < n2)
    return NULL;
  const char *end = hay + n, last = needle[n2 - 1];
  for (const char *p = hay + n2 - 1; p < end; p++) {
    p = memchr(p, last, (size_t)(end - p));
    if (!p)
      return NULL;
    if (memcmp(p - (n2 - 1), needle, n2 - 1) == 0)
      return p - (n2 - 1);
  }
  return NULL;
}
