/* luacfg.c - sandboxed Lua for configuration files. */
#include "project/luacfg.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script/sandbox.h"
#include "util/buf.h"
#include "util/fs.h"

lua_State *luacfg_state(void) {
  sandbox_limits lim = {LUACFG_MAX_INSTRUCTIONS, LUACFG_MAX_MEMORY,
                        LUACFG_WATCHDOG_SECONDS, SANDBOX_CONFIG, NULL, NULL};
  return sandbox_lua(sandbox_new(&lim));
}

void luacfg_close(lua_State *L) { sandbox_close(L); }

/* Pushes a copy of the table at src made of raw reads only; raises an
 * error for a metatable or nesting past LUACFG_MAX_DEPTH. `path` names the
 * table in messages ("data.tal.columns[1]"). */
static void S_copy(lua_State *L, int src, const char *path, int depth) {
  const char *name = path[0] ? path : M_PROJECT_TABLE_FILE_RETURNS;
  if (lua_getmetatable(L, src))
    luaL_error(L, M_PROJECT_HAS_METATABLE_SETMETATABLE_CONFIGURATION, name);
  if (depth > LUACFG_MAX_DEPTH)
    luaL_error(L, M_PROJECT_IS_NESTED_MORE_THAN, name, LUACFG_MAX_DEPTH);
  luaL_checkstack(L, 6, NULL);
  lua_newtable(L);
  int dst = lua_gettop(L);
  lua_pushnil(L);
  while (lua_next(L, src)) {
    if (lua_istable(L, -1)) {
      char sub[256];
      if (lua_type(L, -2) == LUA_TSTRING)
        snprintf(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "",
                 lua_tostring(L, -2));
      else if (lua_isinteger(L, -2))
        snprintf(sub, sizeof sub, "%s[%lld]", path,
                 (long long)lua_tointeger(L, -2));
      else
        snprintf(sub, sizeof sub, "%s[?]", path);
      S_copy(L, lua_gettop(L), sub, depth + 1);
      lua_remove(L, -2);
    }
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, dst);
  }
}

static int S_plain(lua_State *L) {
  S_copy(L, 1, "", 0);
  return 1;
}

/* "PATH:12: message" -> "message", *line = 12 (Lua names the chunk by
 * the path it was loaded as). */
static const char *S_strip_path(const char *msg, const char *path,
                                int *line) {
  const char *p = msg ? strstr(msg, path) : NULL;
  if (!p)
    return msg;
  p += strlen(path);
  if (*p != ':')
    return msg;
  *line = atoi(p + 1);
  p = strchr(p + 1, ':');
  if (!p)
    return msg;
  p++;
  while (*p == ' ')
    p++;
  return p;
}

bool luacfg_run(lua_State *L, const char *path, const char *display,
                diag_list *diags) {
  if (!L) {
    diag_error(diags, display, 0, 0, "%s", M_PROJECT_LUA_COULD_NOT_START);
    return false;
  }
  size_t len;
  char *text = fs_read(path, &len);
  if (!text) {
    diag_error(diags, display, 0, 0, M_PROJECT_CANNOT_READ_FILE);
    return false;
  }
  buf name = BUF_INIT;
  buf_printf(&name, "@%s", path);
  int rc = sandbox_load(L, text, len, buf_cstr(&name));
  buf_free(&name);
  free(text);
  if (rc == LUA_OK)
    rc = sandbox_pcall(L, 0, 1, 0, display, 0, NULL);
  if (rc == LUA_OK && lua_istable(L, -1)) {
    /* the copy, protected and under the limits too */
    lua_pushcfunction(L, S_plain);
    lua_insert(L, -2);
    rc = sandbox_pcall(L, 1, 1, 0, display, 0, NULL);
  } else if (rc == LUA_OK) {
    diag_error(diags, display, 0, 0, M_PROJECT_FILE_MUST_RETURN_TABLE);
    lua_pop(L, 1);
    return false;
  }
  if (rc == LUA_OK)
    return true;
  const char *stop = sandbox_stopped(L, rc);
  int line = 0;
  const char *msg;
  if (stop) {
    msg = stop;
    sandbox_stop_place(L, &line);
  } else if (lua_type(L, -1) == LUA_TSTRING) {
    msg = S_strip_path(lua_tostring(L, -1), path, &line);
  } else {
    msg = M_PROJECT_UNKNOWN_ERROR_ERROR_VALUE;
  }
  diag_error(diags, display, line, 0, "%s", msg);
  lua_pop(L, 1);
  return false;
}

/* Edit distance of a and b, at most 3 (more is reported as 3): optimal
 * string alignment, so a swap of two letters is one mistake. */
static int S_distance(const char *a, const char *b) {
  size_t n = strlen(a), m = strlen(b);
  if (n > 64 || m > 64 || (n > m ? n - m : m - n) > 2)
    return 3;
  int d[65][65];
  for (size_t i = 0; i <= n; i++)
    d[i][0] = (int)i;
  for (size_t j = 0; j <= m; j++)
    d[0][j] = (int)j;
  for (size_t i = 1; i <= n; i++)
    for (size_t j = 1; j <= m; j++) {
      int v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
      if (d[i - 1][j] + 1 < v)
        v = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < v)
        v = d[i][j - 1] + 1;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
          d[i - 2][j - 2] + 1 < v)
        v = d[i - 2][j - 2] + 1;
      d[i][j] = v;
    }
  return d[n][m] < 3 ? d[n][m] : 3;
}

const char *luacfg_nearest(const char *word, const char *const *known) {
  const char *best = NULL;
  int best_d = 3;
  for (size_t i = 0; known[i]; i++) {
    if (strcmp(word, known[i]) == 0)
      return NULL;
    int d = S_distance(word, known[i]);
    if (d < best_d) {
      best_d = d;
      best = known[i];
    }
  }
  return strlen(word) >= 4 ? best : NULL;
}

void luacfg_check_keys(lua_State *L, int idx, const char *const *known,
                       const char *where, const char *display,
                       diag_list *diags) {
  idx = lua_absindex(L, idx);
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING)
      continue;
    const char *key = lua_tostring(L, -1);
    const char *best = luacfg_nearest(key, known);
    if (best && where)
      diag_warning(diags, display, 0, 0,
                   M_PROJECT_UNKNOWN_KEY_IN_DID_YOU_MEAN,
                   key, where, best);
    else if (best)
      diag_warning(diags, display, 0, 0, M_PROJECT_UNKNOWN_KEY_DID_YOU, key,
                   best);
  }
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
