/* locale.c - interface words from lua/locale/<lang>.lua. */
#include "project/locale.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "project/luacfg.h"
#include "util/buf.h"
#include "util/confine.h"
#include "util/fs.h"
#include "util/mem.h"

struct locale {
  char *path;
  char **keys, **values;
  size_t len, cap;
};

static void S_add(void *ctx, const char *key, const char *value) {
  locale *l = ctx;
  if (l->len == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 32;
    l->keys = xrealloc(l->keys, l->cap * sizeof *l->keys);
    l->values = xrealloc(l->values, l->cap * sizeof *l->values);
  }
  l->keys[l->len] = xstrdup(key);
  l->values[l->len++] = xstrdup(value);
}

locale *locale_load(const char *lang, const char *install_dir,
                    diag_list *diags) {
  buf rel = BUF_INIT;
  buf_printf(&rel, "lua/locale/%s.lua", lang);
  char *path = fs_join(install_dir, buf_cstr(&rel));
  buf_free(&rel);
  /* lang comes from the project: a name in lua/locale/, never a path out
     of it, and a regular file there (util/confine.h) */
  if (strchr(lang, '/') || confine_check(path) != CONFINE_OK) {
    diag_error(diags, NULL, 0, 0, M_PROJECT_LANGUAGE_DOES_NOT_EXIST, lang,
               path);
    free(path);
    return NULL;
  }
  locale *l = xcalloc(1, sizeof *l);
  l->path = path;
  lua_State *L = luacfg_state();
  if (!luacfg_run(L, path, path, diags)) {
    luacfg_close(L);
    locale_free(l);
    return NULL;
  }
  luacfg_flatten(L, S_add, l);
  luacfg_close(L);
  return l;
}

void locale_free(locale *l) {
  if (!l)
    return;
  for (size_t i = 0; i < l->len; i++) {
    free(l->keys[i]);
    free(l->values[i]);
  }
  free(l->keys);
  free(l->values);
  free(l->path);
  free(l);
}

const char *locale_get(const locale *l, const char *key) {
  if (l)
    for (size_t i = 0; i < l->len; i++)
      if (strcmp(l->keys[i], key) == 0)
        return l->values[i];
  return key;
}

const char *locale_path(const locale *l) { return l ? l->path : NULL; }
