/* memo.c - see memo.h. */
#include "util/memo.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

static uint32_t S_fnv1a(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

/* The slot of tab for the key: its entry, or the empty slot it would take. */
static memo_entry *S_find(memo_entry *tab, size_t cap, const char *s, size_t n,
                          uint32_t hash) {
  for (size_t i = hash & (cap - 1);; i = (i + 1) & (cap - 1)) {
    memo_entry *e = &tab[i];
    if (!e->key || (e->hash == hash && e->len == n && !memcmp(e->key, s, n)))
      return e;
  }
}

static void S_grow(memo *m) {
  size_t ncap = m->cap ? m->cap * 2 : 1024;
  memo_entry *tab = xcalloc(ncap, sizeof *tab);
  for (size_t i = 0; i < m->cap; i++)
    if (m->tab[i].key)
      *S_find(tab, ncap, m->tab[i].key, m->tab[i].len, m->tab[i].hash) =
          m->tab[i];
  free(m->tab);
  m->tab = tab;
  m->cap = ncap;
}

memo_entry *memo_slot(memo *m, const char *s, size_t n) {
  if ((m->n + 1) * 4 > m->cap * 3)
    S_grow(m);
  uint32_t hash = S_fnv1a(s, n);
  memo_entry *e = S_find(m->tab, m->cap, s, n, hash);
  if (!e->key) {
    e->hash = hash;
    e->len = (uint32_t)n;
  }
  return e;
}

char *memo_claim(memo *m, memo_entry *e, const char *s, size_t extra) {
  e->key = xmalloc(e->len + extra ? e->len + extra : 1);
  memcpy(e->key, s, e->len);
  m->n++;
  return e->key + e->len;
}

void memo_free(memo *m) {
  for (size_t i = 0; i < m->cap; i++)
    free(m->tab[i].key);
  free(m->tab);
  m->tab = NULL;
  m->n = m->cap = 0;
}
