/* window.c - the parts of a text the leak scan reads (see anon_windows in
 * internal.h).
 *
 * Normalising a text and trying the matcher at each character cost the
 * scan of a public edition more than the edition's layout; the places
 * where a hit may begin are few (anon_candidates reads the bytes as
 * they stand). Around each, a window of whole lines holds everything the
 * matcher reads for a hit beginning there:
 * - a match: its words are on as many lines as it has words, at most
 *   m->max_words (a line break is a separator, and a form's word never
 *   holds one; in extracted PDF text a line ending in a hyphen joins the
 *   next, so such a line does not count);
 * - behind it: the word before (a role, "projektleder Ida Mørch"), the
 *   three characters before ("Frost, Ida"), the start of a sentence (a
 *   line break counts as one, so a window beginning after a line break
 *   answers as the whole text does);
 * - after it: the rest of its word, the next word ("Give dem tid");
 * - around it: 20 characters each side, the context a message quotes.
 * So a window begins S_LINES_BEFORE lines (with letters) and S_BYTES
 * bytes that are not white space before the line of the first place, and
 * ends max_words + S_LINES_AFTER such lines and S_BYTES such bytes after
 * the line of the last; windows that would meet are one. */
#include <stdbool.h>
#include <stdlib.h>

#include "anon/internal.h"
#include "util/mem.h"

#define S_LINES_BEFORE 2
#define S_LINES_AFTER 2
#define S_BYTES 128

static bool S_space(unsigned char c) {
  return c == ' ' || (c >= 9 && c <= 13);
}

/* Is byte c one a separator run can hold, or white space? */
static bool S_blank(unsigned char c) {
  return S_space(c) || c == '-' || c == '_';
}

/* Does the text before byte `at` end (white space aside) with what may be
 * a hyphen that joins the next line (join_breaks): '-' or any character
 * not ASCII (a dash, a soft hyphen)? */
static bool S_joins(const char *s, size_t at, bool join) {
  if (!join)
    return false;
  while (at > 0 && S_space((unsigned char)s[at - 1]))
    at--;
  return at > 0 && (s[at - 1] == '-' || (unsigned char)s[at - 1] >= 0x80);
}

/* Counts line [a, b): *lines up by one if it has a character that is not
 * blank, *bytes by its bytes that are not white space. */
static void S_count(const char *s, size_t a, size_t b, int *lines,
                    size_t *bytes) {
  bool content = false;
  for (size_t i = a; i < b; i++) {
    unsigned char c = (unsigned char)s[i];
    content |= !S_blank(c);
    *bytes += !S_space(c);
  }
  *lines += content;
}

/* Where the window for a place on the line beginning at ls begins. */
static size_t S_begin(const char *s, size_t ls, bool join) {
  int lines = 0;
  size_t bytes = 0, a = ls;
  while (a > 0 &&
         (lines < S_LINES_BEFORE || bytes < S_BYTES || S_joins(s, a, join))) {
    size_t e = a - 1; /* the line break before a */
    a = e;
    while (a > 0 && s[a - 1] != '\n')
      a--;
    S_count(s, a, e, &lines, &bytes);
  }
  return a;
}

/* Where the window for a place on the line ending at le (its line break or
 * len) ends. */
static size_t S_end(const char *s, size_t len, size_t le, int need,
                    bool join) {
  int lines = 0;
  size_t bytes = 0, b = le;
  while (b < len && (lines < need || bytes < S_BYTES || S_joins(s, b, join))) {
    size_t a = b + 1; /* after the line break at b */
    b = a;
    while (b < len && s[b] != '\n')
      b++;
    int before = lines;
    S_count(s, a, b, &lines, &bytes);
    if (lines > before && S_joins(s, b, join))
      lines--; /* its last word goes on on the next line */
  }
  return b;
}

size_t anon_windows(const anon_map *m, const char *s, size_t len, bool join,
                    anon_span **out) {
  *out = NULL;
  size_t n = 0, cap = 0;
  int need = (int)m->max_words + S_LINES_AFTER;
  size_t *cand;
  size_t ncand = anon_candidates(m, s, len, false, &cand);
  size_t le = 0; /* the end of the last place's line */
  for (size_t c = 0; c < ncand; c++) {
    size_t p = cand[c];
    if (c > 0 && p < le)
      continue; /* a place on the same line has the same window */
    size_t ls = p;
    le = p;
    while (ls > 0 && s[ls - 1] != '\n')
      ls--;
    while (le < len && s[le] != '\n')
      le++;
    size_t b = S_end(s, len, le, need, join);
    if (n > 0 && ls <= (*out)[n - 1].b) {
      (*out)[n - 1].b = b; /* inside the last window: it grows */
    } else {
      size_t a = S_begin(s, ls, join);
      if (n > 0 && a <= (*out)[n - 1].b) {
        (*out)[n - 1].b = b; /* they meet: one window */
      } else {
        XGROW(*out, cap, n + 1);
        (*out)[n++] = (anon_span){a, b};
      }
    }
  }
  free(cand);
  return n;
}

void anon_find_in_windows(const anon_map *m, const char *s, size_t len,
                          bool join, anon_hit_fn fn, void *ctx) {
  anon_span *win;
  size_t nwin = anon_windows(m, s, len, join, &win);
  for (size_t w = 0; w < nwin; w++) {
    anon_norm n;
    anon_norm_init(&n);
    anon_norm_add(&n, s + win[w].a, win[w].b - win[w].a, win[w].a, join);
    anon_hit h;
    size_t pos = 0;
    while (anon_find(m, &n, pos, ANON_MODE_SCAN, &h)) {
      pos = h.word_end > h.end ? h.word_end : h.end;
      fn(ctx, &n, &h);
    }
    anon_norm_free(&n);
  }
  free(win);
}
