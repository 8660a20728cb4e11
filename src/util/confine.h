/* confine.h - which files a project may read.
 *
 * A project is untrusted input: its rapport.lua, chapters and components
 * name files, and whatever those files hold can reach the outputs. Like
 * Typst, which denies file access outside the project root (its --root),
 * every file a project names or reaches is opened here, and only if
 *   - after symlinks it lies inside the project folder, the installation's
 *     lua/ or themes/, or a folder the user named with --allow, and
 *   - it is a regular file (a FIFO would hang the build, /dev/zero never
 *     ends, a folder or socket cannot be read).
 * Files rapport itself loads (system fonts, the Danish word list for
 * hyphenation and names, its outputs) are not project files and do not come
 * here. */
#ifndef RAPPORT_CONFINE_H
#define RAPPORT_CONFINE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

/* The kinds of project files, so a refusal names what the file was for. */
typedef enum {
  CONFINE_CONFIG,  /* rapport.lua */
  CONFINE_CHAPTER, /* a Markdown chapter */
  CONFINE_DATA,    /* a CSV data file */
  CONFINE_THEME,   /* a theme (its theme.lua or theme.css) */
  CONFINE_BIB,     /* the bibliography */
  CONFINE_MAPPING, /* the pseudonym list */
  CONFINE_WORDS,   /* a word list (navne-ok.txt) */
  CONFINE_IMAGE,   /* an image of a chapter or component */
  CONFINE_MODULE   /* a Lua module or component */
} confine_kind;

typedef enum {
  CONFINE_OK,
  CONFINE_MISSING,    /* does not exist (errno ENOENT or ENOTDIR) */
  CONFINE_OUTSIDE,    /* outside every allowed folder */
  CONFINE_SPECIAL,    /* not a regular file */
  CONFINE_UNREADABLE  /* exists but cannot be opened or read; errno says why */
} confine_status;

/* Sets the allowed folders for this process: project_dir, install_dir's
 * lua/ and themes/, and the nallow folders of allow (--allow). Folders that
 * do not exist are skipped. Replaces any earlier set; confine_clear frees it.
 * Until the first call only the regular-file rule applies (unit tests). */
void confine_set(const char *project_dir, const char *install_dir,
                 const char *const *allow, size_t nallow);
void confine_clear(void);

/* Opens path read-only (close-on-exec). Returns the descriptor, or -1 with
 * *st saying why (errno kept for CONFINE_MISSING and CONFINE_UNREADABLE).
 * The caller closes the descriptor. */
int confine_open(const char *path, confine_status *st);

/* Reads a whole file through confine_open; the result is NUL-terminated and
 * *len (if given) gets the byte count. NULL with *st on failure. Caller
 * frees. */
char *confine_read(const char *path, size_t *len, confine_status *st);

/* confine_open and close: for files a library opens by name (images). */
confine_status confine_check(const char *path);

/* Reports a refusal (CONFINE_OUTSIDE or CONFINE_SPECIAL; for the others a
 * plain "cannot be read" with errno's text) as an error at file:line:col,
 * naming the kind and shown (the path as the user wrote it), e.g.
 * "kapitlet '/etc/passwd' ligger uden for projektmappen; læg filen i
 * projektet eller giv mappen med --allow MAPPE". path is the file as
 * opened, used to say what kind of special file it is. */
void confine_report(diag_list *d, const char *file, int line, int col,
                    confine_kind kind, const char *shown, const char *path,
                    confine_status st);

/* The same message as text (for a Lua error). Caller frees. */
char *confine_message(confine_kind kind, const char *shown, const char *path,
                      confine_status st);

/* A file the project names by a path relative to dir (an image): its real
 * path when the project may read it, else NULL with *st saying why
 * (confine_refused, or CONFINE_MISSING). *full (if given) gets the joined
 * path, for the messages; the caller frees both. */
char *confine_resolve(const char *dir, const char *rel, confine_status *st,
                      char **full);

/* True for the statuses confine_report is meant for: the file exists but
 * the project may not read it. Callers keep their own, more specific
 * messages for a missing file. */
bool confine_refused(confine_status st);

#endif
