/* mem.h - allocation that never returns NULL (out of memory aborts with a message). */
#ifndef RAPPORT_MEM_H
#define RAPPORT_MEM_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grows *arr (of *cap elements of size `size`) to hold at least `need`. */
void xgrow(void **arr, size_t *cap, size_t need, size_t size);

#define XGROW(arr, cap, need) xgrow((void **)&(arr), &(cap), (need), sizeof *(arr))

#endif
