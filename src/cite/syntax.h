/* syntax.h - internal to the citation stage: pandoc's citation
 * syntax in a string ([@key], [see @a; @b, s. 12], [-@key], @key [s. 3]). */
#ifndef RAPPORT_CITE_SYNTAX_H
#define RAPPORT_CITE_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>

/* One found citation, before its keys are checked. */
typedef struct {
  size_t start, end; /* bytes in the run's text */
  bool textual;
  struct {
    char *key;
    size_t at; /* offset of the '@' */
    char *prefix, *suffix;
    bool suppress;
  } item[64];
  size_t n;
} cite_raw;

void cite_raw_free(cite_raw *r);

/* Pandoc's key syntax at s (after the '@'): its length, 0 if none; *skip
 * gets the bytes to step over (braces of @{key} included). */
size_t cite_key(const char *s, size_t n, size_t *skip);
/* A bracketed group at s[i] == '['; false if it is not a citation. */
bool cite_parse_bracket(cite_raw *r, const char *s, size_t n, size_t i);
/* @key in running text at s[i] == '@', with an optional " [s. 12]". */
bool cite_parse_textual(cite_raw *r, const char *s, size_t n, size_t i);

#endif
