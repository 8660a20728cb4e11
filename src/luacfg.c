/* luacfg.c - sandboxed Lua for configuration files. */
#include "luacfg.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/mem.h"

#define LUACFG_MAX_INSTRUCTIONS 50000000

static void S_hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  luaL_error(L, "for mange instruktioner (uendelig løkke?)");
}

int luacfg_panic(lua_State *L) {
  const char *msg = lua_tostring(L, -1);
  /* luaL_newstate's own panic function prints and aborts: status 134
   * and a core dump for a machine short of memory */
  if (msg && !strcmp(msg, "not enough memory"))
    mem_fail();
  fprintf(stderr, "rapport: Lua: %s\n", msg ? msg : "?");
  abort();
}

lua_State *luacfg_state(void) {
  lua_State *L = luaL_newstate();
  if (!L)
    mem_fail();
  lua_atpanic(L, luacfg_panic);
  luaL_requiref(L, "_G", luaopen_base, 1);
  luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
  luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
  luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
  luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
  lua_pop(L, 5);
  /* no file access or code loading from files */
  static const char *const banned[] = {"dofile", "loadfile", "load",
                                       "collectgarbage", NULL};
  for (int i = 0; banned[i]; i++) {
    lua_pushnil(L);
    lua_setglobal(L, banned[i]);
  }
  lua_sethook(L, S_hook, LUA_MASKCOUNT, LUACFG_MAX_INSTRUCTIONS);
  return L;
}

bool luacfg_run(lua_State *L, const char *path, const char *display,
                diag_list *diags) {
  int rc = luaL_loadfilex(L, path, "t");
  if (rc == LUA_OK)
    rc = lua_pcall(L, 0, 1, 0);
  if (rc != LUA_OK) {
    const char *msg = lua_tostring(L, -1);
    /* Lua prefixes "path:line:"; show the display name instead */
    int line = 0;
    const char *p = msg ? strstr(msg, path) : NULL;
    if (p) {
      p += strlen(path);
      if (*p == ':') {
        line = atoi(p + 1);
        p = strchr(p + 1, ':');
        msg = p ? p + 1 : msg;
        while (msg && *msg == ' ')
          msg++;
      }
    }
    if (rc == LUA_ERRFILE)
      diag_error(diags, display, 0, 0,
                 TR("kan ikke læse filen: %s", "cannot read the file: %s"),
                 msg ? msg : "?");
    else
      diag_error(diags, display, line, 0, "%s", msg ? msg : "?");
    lua_pop(L, 1);
    return false;
  }
  if (!lua_istable(L, -1)) {
    diag_error(diags, display, 0, 0,
               TR("filen skal returnere en tabel: return { ... }",
                  "the file must return a table: return { ... }"));
    lua_pop(L, 1);
    return false;
  }
  return true;
}

static void S_flatten(lua_State *L, buf *prefix,
                      void (*add)(void *, const char *, const char *),
                      void *ctx, int depth) {
  if (depth > 16)
    return;
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    size_t keep = prefix->len;
    if (prefix->len)
      buf_putc(prefix, '.');
    if (lua_type(L, -2) == LUA_TNUMBER)
      buf_printf(prefix, "%lld", (long long)lua_tointeger(L, -2));
    else if (lua_type(L, -2) == LUA_TSTRING)
      buf_puts(prefix, lua_tostring(L, -2));
    if (lua_istable(L, -1)) {
      S_flatten(L, prefix, add, ctx, depth + 1);
    } else if (lua_type(L, -1) == LUA_TSTRING ||
               lua_type(L, -1) == LUA_TNUMBER) {
      lua_pushvalue(L, -1); /* tostring on a copy keeps lua_next happy */
      add(ctx, buf_cstr(prefix), lua_tostring(L, -1));
      lua_pop(L, 1);
    } else if (lua_isboolean(L, -1)) {
      add(ctx, buf_cstr(prefix), lua_toboolean(L, -1) ? "true" : "false");
    }
    prefix->len = keep;
    if (prefix->data)
      prefix->data[keep] = '\0';
    lua_pop(L, 1);
  }
}

void luacfg_flatten(lua_State *L,
                    void (*add)(void *ctx, const char *key, const char *value),
                    void *ctx) {
  buf prefix = BUF_INIT;
  S_flatten(L, &prefix, add, ctx, 0);
  buf_free(&prefix);
}
