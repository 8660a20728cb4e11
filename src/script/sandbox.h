/* sandbox.h - the one door into Lua: every Lua state rapport makes
 * (configuration files, the template state, the citation style's own
 * state) is built by sandbox_new, and every call into code a project can
 * write (components, inline values, citation styles, configuration files,
 * modules) goes through sandbox_pcall, which arms the limits:
 *
 *   - an instruction budget per call (a count hook);
 *   - a memory cap per call (our allocator), and one total across every
 *     Lua state of the process;
 *   - a CPU-time watchdog for C functions that never return to the VM
 *     (string.find with an exponential pattern).
 *
 * The sandbox itself: base functions without file access, bytecode or
 * collectgarbage; string (without dump), table, math, utf8 and
 * os.date/time/clock/difftime; setmetatable without __gc; pcall and xpcall
 * that cannot catch the limits' errors. A Lua error outside a protected
 * call ends the process with a message and exit status 1 (never abort). */
#ifndef RAPPORT_SANDBOX_H
#define RAPPORT_SANDBOX_H

#include <lua.h>
#include <stdbool.h>
#include <stddef.h>

/* The count hook runs every this many VM instructions. */
#define SANDBOX_HOOK_STEP 1000
/* All Lua states of one process together never hold more than this. */
#define SANDBOX_TOTAL_MEMORY ((size_t)1 << 30)

typedef struct sandbox sandbox;

/* What a sandbox runs: its messages name it ("the template ran out of
 * memory"). */
typedef enum {
  SANDBOX_CONFIG,    /* a configuration file (rapport.lua, a theme) */
  SANDBOX_TEMPLATE,  /* the templates and components */
  SANDBOX_CITESTYLE, /* a citation style */
} sandbox_role;

typedef struct {
  long max_instructions; /* per sandbox_pcall */
  size_t max_memory;     /* growth allowed per sandbox_pcall */
  int watchdog;          /* CPU seconds; the grace period is a third */
  sandbox_role role; /* what runs, named in the messages */
  /* Called (inside the count hook, before the call is stopped) to note
   * where the project's code was; NULL for none. */
  void (*note_place)(lua_State *L, void *owner);
  void *owner; /* handed back by sandbox_owner */
} sandbox_limits;

/* A fresh sandboxed state; never NULL (out of memory exits through
 * mem_fail with its message and status 1). The state belongs
 * to the sandbox: close both with sandbox_free. */
sandbox *sandbox_new(const sandbox_limits *lim);
void sandbox_free(sandbox *sb);
/* sandbox_free of the state's sandbox (lua_close for any other state). */
void sandbox_close(lua_State *L);
lua_State *sandbox_lua(sandbox *sb);
/* The limits' owner of a state made by sandbox_new; NULL for any other. */
void *sandbox_owner(lua_State *L);
/* Changes the limits; 0 keeps the current value. */
void sandbox_set_limits(sandbox *sb, long max_instructions,
                        size_t max_memory, int watchdog);

/* lua_pcall(L, nargs, nresults, msgh) with the limits armed: a fresh
 * instruction budget, the memory cap relative to what Lua holds now and
 * the watchdog (whose last-resort message names file:line, without the
 * line when it is 0, and `what` unless NULL).
 * Nested calls run inside the outer call's limits. Outside sandbox_pcall
 * only rapport's own C code runs and memory is not capped. On a state not
 * made by sandbox_new it is plain lua_pcall. Returns lua_pcall's code. */
int sandbox_pcall(lua_State *L, int nargs, int nresults, int msgh,
                  const char *file, int line, const char *what);
/* Keeps the watchdog running from sandbox_watch to sandbox_unwatch, over
 * several sandbox_pcall (a directive and the number formatting while its
 * nodes are converted), instead of setting the timer for each call. */
void sandbox_watch(lua_State *L, const char *file, int line,
                   const char *what);
void sandbox_unwatch(lua_State *L);

/* After a failed sandbox_pcall: the message for a call the limits stopped
 * ("skabelonen kørte for længe (uendelig løkke?)"), or NULL when the
 * error was the code's own (its value is then on the stack). Valid until
 * the next sandbox_pcall. */
const char *sandbox_stopped(lua_State *L, int rc);
/* After the count hook stopped a sandbox_pcall: the chunk (without its
 * '@') and *line of the innermost Lua frame it stopped in; NULL when it
 * was in none or the call did not run out of time. */
const char *sandbox_stop_place(lua_State *L, int *line);

/* luaL_loadbufferx in text mode, after dropping a UTF-8 byte order mark
 * (editors on Windows write one; Lua would read it as a syntax error). */
int sandbox_load(lua_State *L, const char *text, size_t len,
                 const char *chunkname);
/* The text after a UTF-8 byte order mark at its start, if any. */
const char *sandbox_skip_bom(const char *text, size_t *len);

#endif
