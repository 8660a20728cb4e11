/* mem_libs.c - libhyphen's allocator, replaced: its own prints "can't
 * allocate N bytes" (English, without rapport's name or a hint) and calls
 * exit(1) in the middle of a build. The Makefile links with
 * -Wl,--wrap=hnj_malloc,--wrap=hnj_realloc, so libhyphen's calls come here
 * and out of memory ends like any other in rapport (util/mem.h: mem_fail).
 * Found by the fault-injection test (tests/e2e/faults.sh). */
#include <stddef.h>

#include "util/mem.h"

void *__wrap_hnj_malloc(int size);
void *__wrap_hnj_realloc(void *p, int size);

void *__wrap_hnj_malloc(int size) {
  return xmalloc(size > 0 ? (size_t)size : 1);
}

void *__wrap_hnj_realloc(void *p, int size) {
  return xrealloc(p, size > 0 ? (size_t)size : 1);
}
