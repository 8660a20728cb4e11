/* locale.h - interface words ("Indhold", "Tabel", "Side") from
 * lua/locale/<lang>.lua, a flat table of key = "text". */
#ifndef RAPPORT_LOCALE_H
#define RAPPORT_LOCALE_H

#include "util/diag.h"

typedef struct locale locale;

locale *locale_load(const char *lang, const char *install_dir,
                    diag_list *diags);
void locale_free(locale *l);
/* The text for key, or key itself when missing (so a gap is visible). */
const char *locale_get(const locale *l, const char *key);
const char *locale_path(const locale *l);

#endif
