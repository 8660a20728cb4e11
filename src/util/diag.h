/* diag.h - diagnostics: errors and warnings that name file, line and column.
 *
 * Every stage reports into one diag_list so a build can show all the problems
 * it found (up to a limit) instead of stopping at the first. Messages are
 * written in the project's language: pass both texts through TR(). */
#ifndef RAPPORT_DIAG_H
#define RAPPORT_DIAG_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR } diag_severity;

typedef struct {
  diag_severity severity;
  char *file; /* may be NULL */
  int line;   /* 1-based, 0 = unknown */
  int col;    /* 1-based, in characters (not bytes), 0 = unknown */
  char *message;
} diag;

typedef struct diag_list {
  diag *items;
  size_t len, cap;
  size_t errors, warnings;
  size_t limit; /* stop storing after this many errors (0 = 100) */
} diag_list;

/* The interface language for messages: "da" (default) or "en". */
extern const char *diag_lang;
#define TR(da, en) (diag_lang[0] == 'e' ? (en) : (da))

void diag_init(diag_list *d);
void diag_free(diag_list *d);
void diag_add(diag_list *d, diag_severity sev, const char *file, int line,
              int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
#define diag_error(d, file, line, col, ...)                                    \
  diag_add((d), DIAG_ERROR, (file), (line), (col), __VA_ARGS__)
#define diag_warning(d, file, line, col, ...)                                  \
  diag_add((d), DIAG_WARNING, (file), (line), (col), __VA_ARGS__)
bool diag_has_errors(const diag_list *d);
/* Prints "file:line:col: fejl: message" lines to stderr. */
void diag_print(const diag_list *d);
/* The same lines, without colour, appended to out (a struct buf *). */
void diag_format(const diag_list *d, void *out_buf);

/* Column in characters for a 1-based byte column within a UTF-8 line. */
int diag_char_col(const char *line_start, int byte_col);

#endif
