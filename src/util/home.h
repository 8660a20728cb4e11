/* home.h - where rapport's own files are: lua/ (components, libraries,
 * locales), themes/ and templates/ (the projects `rapport new` writes).
 *
 * One function finds them for every stage, so an installed, a copied and
 * a source-tree binary agree on where they look. */
#ifndef RAPPORT_HOME_H
#define RAPPORT_HOME_H

#include "util/diag.h"

/* The folder holding lua/, themes/ and templates/, as an absolute path,
 * looked up once per process. $RAPPORT_HOME when it is set (then only
 * there); otherwise relative to the folder BIN of the running executable
 * (/proc/self/exe, symlinks resolved): BIN/../share/rapport for an
 * installed <prefix>/bin/rapport, then the source tree (BIN/.. for
 * bin/rapport, BIN/../.. for build/tests/test_x or build-asan/bin/rapport);
 * last the compiled-in RAPPORT_PREFIX/share/rapport (the Makefile's
 * PREFIX, where `make install` puts them). NULL
 * when no such folder has rapport's files: home_report says why. The
 * string is static: never freed. */
const char *home_dir(void);

/* Adds one error to d saying which of rapport's own files are missing and
 * every place home_dir looked (with what each lacks), and how to install. */
void home_report(diag_list *d);

/* home_dir() for a command that cannot go on without it: when it is NULL,
 * prints home_report's error on stderr first. */
const char *home_dir_or_report(void);

#endif
