/* theme.h - a theme: fonts, sizes, colours and page geometry (read by
 * layout) and CSS (read by the HTML writer), from themes/NAME/theme.lua.
 *
 * The theme file returns a nested Lua table; it is flattened into dotted
 * keys ("page.margin.top", "fonts.body", "colours.rule") so any stage can ask
 * for a value with a default, without a C struct per setting. */
#ifndef RAPPORT_THEME_H
#define RAPPORT_THEME_H

#include "util/diag.h"

typedef struct {
  char *key;
  char *value;
} theme_entry;

typedef struct {
  char *name;
  char *dir;   /* themes/NAME */
  char *css;   /* contents of themes/NAME/theme.css (may be empty) */
  theme_entry *entries;
  size_t len, cap;
  char **files; /* files read, for dependency tracking */
  size_t nfiles;
} theme;

/* Looks for themes/NAME under the project folder first, then under the
 * installation's themes folder. */
theme *theme_load(const char *name, const char *project_dir,
                  const char *install_dir, diag_list *diags);
void theme_free(theme *t);
const char *theme_string(const theme *t, const char *key, const char *def);
double theme_number(const theme *t, const char *key, double def);
/* "#1a2b3c" -> 0x1a2b3c; def if missing or malformed. */
long theme_colour(const theme *t, const char *key, long def);

#endif
