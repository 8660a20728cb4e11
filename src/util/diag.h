/* diag.h - diagnostics: errors and warnings that name file, line and column,
 * and the language they are written in.
 *
 * Every stage reports into one diag_list so a build can show all the problems
 * it found (up to a limit) instead of stopping at the first.
 *
 * Every text the user reads is a key of the message catalogue, written
 * M_KEY where the text goes (diag_error(d, file, line, col,
 * M_DATA_THIS_QUOTE_IS_NEVER, first, last)). The texts live in src/util/messages/<language>.txt, one file per
 * language rather than one per stage: a translator works through one file,
 * the key's prefix names the stage, and a new language is one new file (no
 * C change). make turns them into util/messages.h (in $(BUILD)/gen, by
 * src/util/messages/msgcat.awk), where M_KEY is a MSG_PICK() of the
 * literals of all languages: every call site still passes literal formats,
 * so gcc's -Wformat checks each language's text against the arguments, and
 * the generator refuses a key missing from a language, a key used nowhere,
 * and texts whose conversions differ. */
#ifndef RAPPORT_DIAG_H
#define RAPPORT_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "util/messages.h"

typedef enum { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR } diag_severity;

typedef struct {
  diag_severity severity;
  char *file; /* may be NULL */
  int line;   /* 1-based, 0 = unknown */
  int col;    /* 1-based, in characters (not bytes), 0 = unknown */
  char *message;
  /* the editions it was found in, "midtvejs, slut" (diag_merge_editions);
     NULL when it concerns the whole build */
  char *editions;
  size_t neditions;
} diag;

typedef struct diag_list {
  diag *items;
  size_t len, cap;
  size_t errors, warnings;
  size_t limit; /* stop storing after this many errors (0 = 100) */
} diag_list;

/* The language messages are written in: an index into MSG_LANGS (0, the
 * default, is Danish). Set by msg_lang_from_env and msg_lang_from_project. */
extern int msg_lang;

/* The message language from the user's locale: the first of LC_ALL,
 * LC_MESSAGES and LANG that is set and not empty (POSIX's order), if it
 * starts with a catalogue's language ("en_GB.UTF-8": en). Returns false,
 * leaving the language as it was, for any other locale (C, POSIX, unset, a
 * language with no catalogue). Called once, by main. */
bool msg_lang_from_env(void);
/* The message language from a project's lang ("da", "en"), unless the
 * locale chose one (msg_lang_from_env returned true); Danish for a lang
 * with no catalogue. */
void msg_lang_from_project(const char *lang);

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
/* Marks the diagnostics from index `from` on as found while building the
 * edition `name`. */
void diag_set_edition(diag_list *d, size_t from, const char *name);
/* Each diagnostic once: one found in several editions (the same severity,
 * place and text) keeps its first place and lists them all; one found in
 * every one of the `nbuilt` editions of the build lists none, as it
 * concerns the whole build. The error and warning counts follow. */
void diag_merge_editions(diag_list *d, size_t nbuilt);
/* Prints "file:line:col: fejl: message" lines to stderr, with the editions
 * a diagnostic concerns after the message: " (i udgaven slut)". */
void diag_print(const diag_list *d);
/* The same lines, without colour, appended to out (a struct buf *). */
void diag_format(const diag_list *d, void *out_buf);

/* Column in characters for a 1-based byte column within a UTF-8 line. */
int diag_char_col(const char *line_start, int byte_col);

#endif
