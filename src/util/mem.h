/* mem.h - allocation that never returns NULL (out of memory exits with
 * status 1 and a message). */
#ifndef RAPPORT_MEM_H
#define RAPPORT_MEM_H

#include <stddef.h>

/* Out of memory: prints the message and exits with status 1 (no atexit
 * handlers, no stdio flush). For libraries that report a failed
 * allocation to a callback. */
_Noreturn void mem_fail(void);
/* The descriptor mem_fail writes to: 2, except while a caller captures
 * stderr into a file (cite/bibtex.c, around btparse), where the message
 * would be lost with the capture. Returns the previous one. */
int mem_fail_fd(int fd);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* The first n2 bytes equal to needle in hay[0..n), or NULL (memmem is a
 * GNU extension). For the PDF passes, which look for keys and keywords in
 * whole files. */
const char *mem_find(const char *hay, size_t n, const char *needle,
                     size_t n2);
/* Grows *arr (of *cap elements of size `size`) to hold at least `need`. */
void xgrow(void **arr, size_t *cap, size_t need, size_t size);

/* The test inline: most calls (one per item pushed) need no growth, and
 * the call alone cost the line breaker 3 M instructions on a 52-page
 * report. need is evaluated twice: no side effects in it. */
#define XGROW(arr, cap, need)                                                  \
  ((need) > (cap) ? xgrow((void **)&(arr), &(cap), (need), sizeof *(arr))      \
                  : (void)0)

/* Asks for the heap in transparent huge pages: a build allocates tens of
 * megabytes it touches once, and on a virtual machine each 4 KB page fault
 * is dear (the example's PDF: 2,800 faults and 149 ms of CPU, 300 faults
 * and 105 ms with this). The first call makes malloc grow the heap in 1 GB
 * steps of address space and advises them; a later call advises the part
 * grown since. main calls it once at the start. No effect where the
 * kernel has THP off, or under a sanitizer's allocator. */
void mem_heap_huge(void);

#endif
