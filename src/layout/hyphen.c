/* hyphen.c - STUB: to be replaced by the text engine. */
#include "hyphen.h"

hyphenator *hyphenator_load(const char *lang, diag_list *diags) { (void)lang; (void)diags; return NULL; }
void hyphenator_free(hyphenator *h) { (void)h; }
size_t hyphenate_word(const hyphenator *h, const char *word, size_t len,
                      size_t *offsets, unsigned char *explicit, size_t max) {
  (void)h; (void)word; (void)len; (void)offsets; (void)explicit; (void)max; return 0;
}
