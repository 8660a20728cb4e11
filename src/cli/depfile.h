/* depfile.h - strings written into make syntax: the dependency files
 * <out>/rapport.d and <out>/.rapport/<edition>.d that a user's Makefile
 * includes. Every string build.c writes there goes through mk_put, so a
 * file name can never run anything when make reads the file, and make
 * reads each name back as the same file. */
#ifndef RAPPORT_BUILD_MAKE_H
#define RAPPORT_BUILD_MAKE_H

#include <stdbool.h>

#include "util/buf.h"

/* Where a string goes; each place reads backslashes differently (GNU make
 * 4.3, checked by tests/unit/test_build_make.c and robust_outputs.sh). */
typedef enum {
  MK_RULE,    /* a target or prerequisite, or a word of RAPPORT_OUTPUTS */
  MK_INCLUDE, /* a file name after -include */
  MK_SHELL    /* an argument in a recipe line, run by /bin/sh */
} mk_place;

/* The first byte of a file name that no quoting makes safe as a word of a
 * rule or an include, or 0: a control character (a line break above all),
 * one of \ ; = | % * ? [ ], a leading '~', or a ')' ending a name that has
 * a '('. */
int mk_unsafe(const char *s);

/* Appends s to out quoted for `place`: $ as $$ everywhere; in a rule also
 * space, # and : after a backslash, in an include space and #; in a recipe
 * single-quoted for the shell. Returns false, appending nothing, if
 * it is unsafe in `place` (mk_unsafe, except that in a recipe, where it
 * is quoted, how it starts and ends does not matter). */
bool mk_put(buf *out, const char *s, mk_place place);

#endif
