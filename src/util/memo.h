/* memo.h - a table from short byte strings to what was computed for them:
 * the layout's per-document caches (a word's width in a font, a word's
 * break points), which text fills with the same words again and again.
 * Open addressing on FNV-1a, grown to keep it at most three quarters full.
 * A memo owns its keys; zero-initialised it is empty. */
#ifndef RAPPORT_UTIL_MEMO_H
#define RAPPORT_UTIL_MEMO_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  char *key;     /* owned: the key's bytes, then the caller's extra bytes;
                    NULL: an empty slot */
  uint32_t hash;
  uint32_t len;  /* of the key */
  long value;    /* the caller's */
} memo_entry;

typedef struct {
  memo_entry *tab;
  size_t n, cap; /* cap: 0 or a power of two */
} memo;

/* The entry for s[0..n): the one remembered (key set), or the empty slot it
 * would take (key NULL), valid until the next memo_slot. */
memo_entry *memo_slot(memo *m, const char *s, size_t n);
/* Fills the empty slot e, which memo_slot gave for s: copies s and leaves
 * room for extra bytes after it, which it returns for the caller. */
char *memo_claim(memo *m, memo_entry *e, const char *s, size_t extra);
void memo_free(memo *m);

#endif
