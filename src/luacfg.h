/* luacfg.h - reads configuration files written in Lua (rapport.lua,
 * theme.lua, locale files) in a sandbox: only base functions without file
 * access, string, table, math and utf8; an instruction limit stops endless
 * loops. */
#ifndef RAPPORT_LUACFG_H
#define RAPPORT_LUACFG_H

#include <lua.h>
#include <stdbool.h>

#include "util/diag.h"

/* The panic function of every Lua state of rapport: an error outside a
 * protected call. Out of memory (LUA_ERRMEM) exits through mem_fail with
 * its message and status 1; anything else is a bug of rapport and aborts
 * after printing the error. */
int luacfg_panic(lua_State *L);

/* A fresh sandboxed state (out of memory exits through mem_fail). */
lua_State *luacfg_state(void);
/* Runs the file; on success leaves its single return value (which must be
 * a table) on the stack and returns true. Errors name file and line. */
bool luacfg_run(lua_State *L, const char *path, const char *display,
                diag_list *diags);
/* Flattens the table at the top of the stack into dotted keys:
 * {page = {margin = {top = 72}}} -> "page.margin.top" = "72". Array items
 * get their 1-based index as key part. Calls add(ctx, key, value). */
void luacfg_flatten(lua_State *L, void (*add)(void *ctx, const char *key,
                                               const char *value),
                    void *ctx);

#endif
