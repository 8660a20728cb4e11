/* theme.c - themes/NAME/theme.lua flattened to dotted keys, plus theme.css. */
#include "project/theme.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "project/luacfg.h"
#include "util/confine.h"
#include "util/fs.h"
#include "util/mem.h"

static void S_add(void *ctx, const char *key, const char *value) {
  theme *t = ctx;
  XGROW(t->entries, t->cap, t->len + 1);
  t->entries[t->len].key = xstrdup(key);
  t->entries[t->len++].value = xstrdup(value);
}

static void S_add_file(theme *t, const char *path) {
  t->files = xrealloc(t->files, (t->nfiles + 1) * sizeof *t->files);
  t->files[t->nfiles++] = xstrdup(path);
}

theme *theme_load(const char *name, const char *project_dir,
                  const char *install_dir, diag_list *diags) {
  char *rel = fs_join("themes", name);
  char *dir = fs_join(project_dir, rel);
  if (!fs_is_dir(dir)) {
    free(dir);
    dir = fs_join(install_dir, rel);
  }
  free(rel);
  char *lua_path = fs_join(dir, "theme.lua");
  /* the theme is named in rapport.lua: a theme.lua outside the project and
     the installation's themes/ (theme = "../../x"), or one that is not a
     regular file, is refused there (util/confine.h) */
  confine_status st = confine_check(lua_path);
  if (confine_refused(st)) {
    char *cfg = fs_join(project_dir, "rapport.lua");
    confine_report(diags, cfg, 0, 0, CONFINE_THEME, name, lua_path, st);
    free(cfg);
    free(lua_path);
    free(dir);
    return NULL;
  }
  if (st != CONFINE_OK) {
    diag_error(diags, NULL, 0, 0, M_PROJECT_THEME_DOES_NOT_EXIST, name,
               lua_path);
    free(lua_path);
    free(dir);
    return NULL;
  }
  theme *t = xcalloc(1, sizeof *t);
  t->name = xstrdup(name);
  t->dir = dir;
  lua_State *L = luacfg_state();
  if (!luacfg_run(L, lua_path, lua_path, diags)) {
    luacfg_close(L);
    free(lua_path);
    theme_free(t);
    return NULL;
  }
  luacfg_flatten(L, S_add, t);
  luacfg_close(L);
  S_add_file(t, lua_path);
  free(lua_path);
  char *css_path = fs_join(dir, "theme.css");
  t->css = confine_read(css_path, NULL, &st);
  if (t->css) {
    S_add_file(t, css_path);
  } else {
    if (confine_refused(st)) { /* theme.css is optional, but not this way */
      char *cfg = fs_join(project_dir, "rapport.lua");
      confine_report(diags, cfg, 0, 0, CONFINE_THEME, name, css_path, st);
      free(cfg);
    }
    t->css = xstrdup("");
  }
  free(css_path);
  return t;
}

void theme_free(theme *t) {
  if (!t)
    return;
  for (size_t i = 0; i < t->len; i++) {
    free(t->entries[i].key);
    free(t->entries[i].value);
  }
  for (size_t i = 0; i < t->nfiles; i++)
    free(t->files[i]);
  free(t->files);
  free(t->entries);
  free(t->name);
  free(t->dir);
  free(t->css);
  free(t);
}

const char *theme_string(const theme *t, const char *key, const char *def) {
  if (t)
    for (size_t i = 0; i < t->len; i++)
      if (strcmp(t->entries[i].key, key) == 0)
        return t->entries[i].value;
  return def;
}

double theme_number(const theme *t, const char *key, double def) {
  const char *s = theme_string(t, key, NULL);
  if (!s)
    return def;
  char *end;
  double v = strtod(s, &end);
  return end == s ? def : v;
}

long theme_colour(const theme *t, const char *key, long def) {
  const char *s = theme_string(t, key, NULL);
  if (!s || s[0] != '#' || strlen(s) != 7)
    return def;
  char *end;
  long v = strtol(s + 1, &end, 16);
  return *end ? def : v;
}
