/* luacfg.h - reads configuration files written in Lua (rapport.lua,
 * theme.lua, locale files) in the sandbox every Lua state of rapport
 * shares (sandbox.h), with limits of its own: a configuration file is
 * small, so it gets fewer instructions, less memory and a short watchdog.
 * What the file returns is copied into plain tables inside a protected
 * call, so reading it afterwards never runs the file's code (a metatable
 * with an erroring __index or __len cannot reach C unprotected). */
#ifndef RAPPORT_LUACFG_H
#define RAPPORT_LUACFG_H

#include <lua.h>
#include <stdbool.h>

#include "util/diag.h"

/* Limits of one configuration file. */
#define LUACFG_MAX_INSTRUCTIONS 50000000L
#define LUACFG_MAX_MEMORY ((size_t)64 << 20)
#define LUACFG_WATCHDOG_SECONDS 1 /* plus a grace period of 1 */
/* Tables nest at most this deep (a table that holds itself is refused). */
#define LUACFG_MAX_DEPTH 32

/* A fresh sandboxed state; close it with luacfg_close. */
lua_State *luacfg_state(void);
void luacfg_close(lua_State *L);
/* Runs the file (a UTF-8 byte order mark at its start is skipped); on
 * success leaves its single return value, which must be a table of plain
 * tables (no metatables), on the stack as a copy no code can run from,
 * and returns true. Errors name file and line. */
bool luacfg_run(lua_State *L, const char *path, const char *display,
                diag_list *diags);
/* Warns about each string key of the table at idx that is not in `known`
 * (NULL-terminated) but within two typing mistakes of one that is:
 * "rapport.lua: advarsel: ukendt nøgle 'rund_names'; mente du
 * 'round_names'?" (display names the file; where, when not NULL, the
 * table inside it: "ukendt nøgle 'titel' i editions[1]; mente du ...").
 * Keys far from every known one are left alone: a project's own
 * components may read fields of their own. */
void luacfg_check_keys(lua_State *L, int idx, const char *const *known,
                       const char *where, const char *display,
                       diag_list *diags);
/* The word of `known` (NULL-terminated) within two typing mistakes of
 * word, when word (4 letters or more) is none of them; else NULL. */
const char *luacfg_nearest(const char *word, const char *const *known);
/* Flattens the table at the top of the stack (one luacfg_run left) into
 * dotted keys: {page = {margin = {top = 72}}} -> "page.margin.top" = "72".
 * Array items get their 1-based index as key part. Calls add(ctx, key,
 * value). */
void luacfg_flatten(lua_State *L, void (*add)(void *ctx, const char *key,
                                               const char *value),
                    void *ctx);

#endif
