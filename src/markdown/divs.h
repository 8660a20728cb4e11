/* divs.h - internal to the Markdown stage: conditional content, written as
 * pandoc's fenced divs (README "Indhold kun til nogle udgaver"):
 *
 *   ::: {.intern}            only in internal editions (.internal)
 *   ::: {.offentlig}         only in public editions (.public)
 *   ::: {udgave="slut"}      only in the named editions, space-separated
 *                            (edition="...")
 *   :::                      ends the innermost block
 *
 * Conditions on one fence must all hold, and a block inside another is kept
 * only when the outer one is. A bare word (`::: intern`) is a class, as in
 * pandoc. */
#ifndef RAPPORT_MARKDOWN_DIVS_H
#define RAPPORT_MARKDOWN_DIVS_H

#include <stddef.h>

#include "markdown/text.h"
#include "util/buf.h"

/* Copies the chapter text src[0..len) to out without the blocks the
 * edition in c->dx leaves out (c->dx NULL: an internal edition without a
 * name), before anything of it is parsed or evaluated: a left-out block's
 * text, directives and inline values never reach the document tree. Fence
 * lines and left-out lines become empty lines, so every other line keeps
 * its number. `:::` inside fenced code is text. Unknown classes, keys and
 * edition names are warnings ("mente du"); a block never closed is an
 * error at its opening line. */
void md_divs_apply(md_ctx *c, const char *src, size_t len, buf *out);

#endif
