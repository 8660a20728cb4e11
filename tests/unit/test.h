/* test.h - a tiny test harness: each check prints PASS/FAIL lines that
 * tests/run.sh counts; a failure prints what was expected and what came. */
#ifndef RAPPORT_TEST_H
#define RAPPORT_TEST_H

#include <stdio.h>
#include <string.h>

static int test_failed_ = 0, test_passed_ = 0;

#define CHECK(name, cond)                                                      \
  do {                                                                         \
    if (cond) {                                                                \
      test_passed_++;                                                          \
      printf("PASS %s\n", name);                                               \
    } else {                                                                   \
      test_failed_++;                                                          \
      printf("FAIL %s (%s:%d: %s)\n", name, __FILE__, __LINE__, #cond);        \
    }                                                                          \
  } while (0)

#define CHECK_STR(name, got, want)                                             \
  do {                                                                         \
    const char *g_ = (got), *w_ = (want);                                      \
    if (g_ && w_ && strcmp(g_, w_) == 0) {                                     \
      test_passed_++;                                                          \
      printf("PASS %s\n", name);                                               \
    } else {                                                                   \
      test_failed_++;                                                          \
      printf("FAIL %s (%s:%d)\n  expected: %s\n  got:      %s\n", name,        \
             __FILE__, __LINE__, w_ ? w_ : "(null)", g_ ? g_ : "(null)");      \
    }                                                                          \
  } while (0)

#define CHECK_NUM(name, got, want)                                             \
  do {                                                                         \
    double g_ = (double)(got), w_ = (double)(want);                            \
    if (g_ == w_) {                                                            \
      test_passed_++;                                                          \
      printf("PASS %s\n", name);                                               \
    } else {                                                                   \
      test_failed_++;                                                          \
      printf("FAIL %s (%s:%d)\n  expected: %g\n  got:      %g\n", name,        \
             __FILE__, __LINE__, w_, g_);                                      \
    }                                                                          \
  } while (0)

#define TEST_END() (test_failed_ ? 1 : 0)

/* How often needle occurs in s[0, n) (overlaps counted). */
static inline size_t test_count(const char *s, size_t n, const char *needle) {
  size_t k = 0, nl = strlen(needle);
  for (size_t i = 0; i + nl <= n; i++)
    if (memcmp(s + i, needle, nl) == 0)
      k++;
  return k;
}

#endif
