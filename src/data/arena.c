/* arena.c - the strings of one table in a few large blocks. A 100,000-row
 * file has 600,000 cells; one malloc per cell would dominate the load time,
 * and the strings all die together with the table anyway. */
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "data/internal.h"

/* blocks grow from 4 KB (a small file stays small) to 256 KB */
#define S_FIRST 4096
#define S_BLOCK (256 * 1024)

typedef struct S_block {
  struct S_block *next;
  size_t used, cap;
  char data[];
} S_block;

struct data_arena {
  S_block *head;
  size_t next; /* size of the next block */
};

data_arena *data_arena_new(void) { return xcalloc(1, sizeof(data_arena)); }

void data_arena_free(data_arena *a) {
  if (!a)
    return;
  S_block *b = a->head;
  while (b) {
    S_block *next = b->next;
    free(b);
    b = next;
  }
  free(a);
}

char *data_arena_strndup(data_arena *a, const char *s, size_t n) {
  S_block *b = a->head;
  if (!b || b->cap - b->used < n + 1) {
    /* a cell larger than a block gets a block of its own */
    if (a->next < S_FIRST)
      a->next = S_FIRST;
    size_t cap = n + 1 > a->next ? n + 1 : a->next;
    if (a->next < S_BLOCK)
      a->next *= 2;
    b = xmalloc(sizeof(S_block) + cap);
    b->used = 0;
    b->cap = cap;
    if (a->head && cap == n + 1) {
      /* keep filling the current block: put the big one behind it */
      b->next = a->head->next;
      a->head->next = b;
    } else {
      b->next = a->head;
      a->head = b;
    }
  }
  char *p = b->data + b->used;
  memcpy(p, s, n);
  p[n] = '\0';
  b->used += n + 1;
  return p;
}
