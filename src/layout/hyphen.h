/* hyphen.h - Danish hyphenation through libhyphen and hyph_da_DK. */
#ifndef RAPPORT_HYPHEN_H
#define RAPPORT_HYPHEN_H

#include <stddef.h>

#include "util/diag.h"

typedef struct hyphenator hyphenator;

/* lang "da": /usr/share/hyphen/hyph_da_DK.dic. NULL with a warning if the
 * dictionary is missing (text is then set without hyphenation). */
hyphenator *hyphenator_load(const char *lang, diag_list *diags);
void hyphenator_free(hyphenator *h);

/* Break points in a UTF-8 word: byte offsets (ascending) where the word may
 * be broken. At least 2 letters before and 2 after a break; capitalised
 * words (names) get none from the patterns; a word with a hyphen is broken
 * after its hyphens, where explicit[i] is set (no hyphen is added there).
 * Returns the number of offsets (at most max). Each distinct word is
 * worked out once per hyphenator and remembered (so h is not const). */
size_t hyphenate_word(hyphenator *h, const char *word, size_t len,
                      size_t *offsets, unsigned char *explicit, size_t max);

#endif
