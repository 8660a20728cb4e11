/* sandbox.c - the one sandbox constructor and the one door into project
 * code (see sandbox.h).
 *
 * Why the limits' error is a memory error: the count hook runs with hooks
 * switched off, and an error raised with lua_error calls the message
 * handler of the nearest xpcall right there, inside the hook. A handler
 * that loops (`xpcall(f, function() while true do end end)`) then runs
 * without the count ever firing again. A refused allocation is thrown
 * without calling any message handler, so the hook stops a call by making
 * the allocator refuse everything until sandbox_pcall returns. */
#include "script/sandbox.h"

#include <lauxlib.h>
#include <lualib.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "util/diag.h"
#include "util/mem.h"

struct sandbox {
  lua_State *L;
  sandbox_limits lim;
  size_t mem, mem_limit; /* bytes Lua holds; the cap of the running call */
  long ticks, ticks_max; /* hook steps left and per call */
  bool mem_hit, total_hit, time_hit;
  bool killing; /* the limits stopped the call: refuse every allocation */
  int depth;    /* nesting of sandbox_pcall */
  char msg[400];
  char stop_src[300]; /* where the count hook stopped the call */
  int stop_line;
};

/* Bytes held by all sandboxes of this process (builds run on one thread;
 * parallel editions are separate processes). */
static size_t S_total;

/* ---- memory ---- */

static void *S_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  sandbox *sb = ud;
  size_t old = ptr ? osize : 0;
  if (nsize == 0) {
    free(ptr);
    sb->mem -= old;
    S_total -= old;
    return NULL;
  }
  if (nsize > old) {
    size_t grow = nsize - old;
    if (sb->killing)
      return NULL;
    if (grow > sb->mem_limit - sb->mem || sb->mem > sb->mem_limit) {
      sb->mem_hit = true;
      return NULL;
    }
    if (grow > SANDBOX_TOTAL_MEMORY - S_total) {
      sb->total_hit = true;
      return NULL;
    }
  }
  void *p = realloc(ptr, nsize);
  if (p) {
    sb->mem = sb->mem - old + nsize;
    S_total = S_total - old + nsize;
  }
  return p;
}

/* The sandbox of a state made by sandbox_new; NULL for any other state. */
static sandbox *S_of(lua_State *L) {
  void *ud;
  return lua_getallocf(L, &ud) == S_alloc ? ud : NULL;
}

void *sandbox_owner(lua_State *L) {
  sandbox *sb = S_of(L);
  return sb ? sb->lim.owner : NULL;
}

/* ---- the instruction count ---- */

static void S_hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  sandbox *sb = S_of(L);
  if (--sb->ticks > 0)
    return;
  if (!sb->time_hit) {
    sb->time_hit = true;
    lua_Debug d;
    for (int level = 0; lua_getstack(L, level, &d); level++)
      if (lua_getinfo(L, "Sl", &d) && d.currentline > 0 &&
          d.source[0] == '@') {
        snprintf(sb->stop_src, sizeof sb->stop_src, "%s", d.source + 1);
        sb->stop_line = d.currentline;
        break;
      }
    if (sb->lim.note_place)
      sb->lim.note_place(L, sb->lim.owner);
  }
  /* see the top of the file: a refused allocation unwinds to the nearest
   * pcall without running a message handler */
  sb->killing = true;
  lua_newuserdatauv(L, 64, 0);
  lua_error(L); /* only if Lua found memory after all */
}

static int S_panic(lua_State *L) {
  const char *m = lua_tostring(L, -1);
  if (m && !strcmp(m, "not enough memory"))
    mem_fail(); /* the machine's memory, not a cap: say so, exit 1 */
  fprintf(stderr, M_SCRIPT_RAPPORT_ERROR_LUA_ERROR, m ? m : "?");
  exit(1);
}

/* ---- the CPU-time watchdog ---- */

static sandbox *volatile S_watched;
static volatile sig_atomic_t S_watch_stage;
static char S_watch_msg[1024];

static void S_timer(int seconds) {
  struct itimerval t;
  memset(&t, 0, sizeof t);
  t.it_value.tv_sec = seconds;
  setitimer(ITIMER_VIRTUAL, &t, NULL);
}

static void S_on_timer(int sig) {
  (void)sig;
  sandbox *sb = S_watched;
  if (!sb)
    return;
  if (S_watch_stage == 0) {
    /* if the VM is running, the hook stops it at the next instruction */
    S_watch_stage = 1;
    sb->ticks = 0;
    lua_sethook(sb->L, S_hook, LUA_MASKCOUNT, 1);
    S_timer(sb->lim.watchdog / 3 > 0 ? sb->lim.watchdog / 3 : 1);
    return;
  }
  /* stuck inside a C function: nothing can be unwound safely; outputs are
   * written atomically, so nothing half-written is left */
  ssize_t r = write(2, S_watch_msg, strlen(S_watch_msg));
  (void)r;
  _exit(1);
}

static const char *S_noun(const sandbox *sb) {
  switch (sb->lim.role) {
  case SANDBOX_CONFIG:
    return M_CLI_FILE;
  case SANDBOX_TEMPLATE:
    return M_SCRIPT_TEMPLATE;
  case SANDBOX_CITESTYLE:
    return M_SCRIPT_CITATION_STYLE;
  }
  return "?";
}

static void S_watch_start(sandbox *sb, const char *file, int line,
                          const char *what) {
  /* "file:line: fejl: what: " with the parts there are */
  char where[900];
  int n = file && line > 0 ? snprintf(where, sizeof where, "%s:%d", file,
                                      line)
                           : snprintf(where, sizeof where, "%s",
                                      file ? file : "rapport");
  if (what && n >= 0 && (size_t)n < sizeof where)
    snprintf(where + n, sizeof where - (size_t)n, ": %s%s", M_SCRIPT_ERROR,
             what);
  else if (n >= 0 && (size_t)n < sizeof where)
    snprintf(where + n, sizeof where - (size_t)n, ": %s", M_SCRIPT_ERROR_FEJL);
  snprintf(S_watch_msg, sizeof S_watch_msg, M_SCRIPT_RAN_TOO_LONG_OVER, where,
           S_noun(sb), sb->lim.watchdog);
  static bool installed;
  if (!installed) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = S_on_timer;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGVTALRM, &sa, NULL);
    installed = true;
  }
  S_watch_stage = 0;
  S_watched = sb;
  S_timer(sb->lim.watchdog);
}

static void S_watch_stop(sandbox *sb) {
  S_timer(0);
  S_watched = NULL;
  if (S_watch_stage)
    lua_sethook(sb->L, S_hook, LUA_MASKCOUNT, SANDBOX_HOOK_STEP);
  S_watch_stage = 0;
}

/* ---- sandboxed functions ---- */

static int S_aborted(lua_State *L) {
  sandbox *sb = S_of(L);
  lua_pushboolean(L, sb->time_hit || sb->mem_hit || sb->total_hit ||
                         sb->killing);
  return 1;
}

/* pcall/xpcall that re-raise the limits' errors, so project code cannot
 * catch them and go on looping. */
static const char S_wrappers[] =
    "local pcall_, xpcall_, aborted, error_ = ...\n"
    "local function check(ok, ...)\n"
    "  if not ok and aborted() then error_((...), 0) end\n"
    "  return ok, ...\n"
    "end\n"
    "pcall = function(f, ...) return check(pcall_(f, ...)) end\n"
    "xpcall = function(f, h, ...) return check(xpcall_(f, h, ...)) end\n";

const char *sandbox_skip_bom(const char *text, size_t *len) {
  if (*len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
    *len -= 3;
    return text + 3;
  }
  return text;
}

int sandbox_load(lua_State *L, const char *text, size_t len,
                 const char *chunkname) {
  text = sandbox_skip_bom(text, &len);
  return luaL_loadbufferx(L, text, len, chunkname, "t");
}

/* load(text [, name [, mode [, env]]]): text chunks only. */
static int S_load(lua_State *L) {
  size_t len;
  const char *text = luaL_checklstring(L, 1, &len);
  const char *name = luaL_optstring(L, 2, "=(load)");
  if (len && text[0] == LUA_SIGNATURE[0])
    return luaL_error(L, "%s", M_SCRIPT_LOAD_CAN_ONLY_LOAD);
  if (luaL_loadbufferx(L, text, len, name, "t") != LUA_OK) {
    lua_pushnil(L);
    lua_insert(L, -2);
    return 2;
  }
  if (!lua_isnoneornil(L, 4)) {
    lua_pushvalue(L, 4);
    if (!lua_setupvalue(L, -2, 1))
      lua_pop(L, 1);
  }
  return 1;
}

/* setmetatable without __gc: a finalizer runs whenever the collector
 * decides, also outside the limits of the call that made it. */
static int S_setmetatable(lua_State *L) {
  if (lua_istable(L, 2)) {
    lua_pushstring(L, "__gc");
    if (lua_rawget(L, 2) != LUA_TNIL)
      return luaL_error(L, "%s", M_SCRIPT_GC_IS_NOT_ALLOWED);
    lua_pop(L, 1);
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

static int S_print(lua_State *L) {
  int n = lua_gettop(L);
  fputs("lua: ", stderr);
  for (int i = 1; i <= n; i++) {
    size_t len;
    const char *t = luaL_tolstring(L, i, &len);
    if (i > 1)
      fputc('\t', stderr);
    fwrite(t, 1, len, stderr);
    lua_pop(L, 1);
  }
  fputc('\n', stderr);
  return 0;
}

static int S_open(lua_State *L) {
  static const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base},
                                  {LUA_STRLIBNAME, luaopen_string},
                                  {LUA_TABLIBNAME, luaopen_table},
                                  {LUA_MATHLIBNAME, luaopen_math},
                                  {LUA_UTF8LIBNAME, luaopen_utf8},
                                  {LUA_OSLIBNAME, luaopen_os},
                                  {NULL, NULL}};
  for (const luaL_Reg *l = libs; l->name; l++) {
    luaL_requiref(L, l->name, l->func, 1);
    lua_pop(L, 1);
  }
  /* os: the clock only */
  lua_getglobal(L, "os");
  lua_newtable(L);
  static const char *const keep[] = {"date", "time", "clock", "difftime",
                                     NULL};
  for (int i = 0; keep[i]; i++) {
    lua_getfield(L, -2, keep[i]);
    lua_setfield(L, -2, keep[i]);
  }
  lua_setglobal(L, "os");
  lua_pop(L, 1);
  static const char *const banned[] = {"dofile", "loadfile", "collectgarbage",
                                       "require", "package", "debug", "io",
                                       NULL};
  for (int i = 0; banned[i]; i++) {
    lua_pushnil(L);
    lua_setglobal(L, banned[i]);
  }
  lua_getglobal(L, "string");
  lua_pushnil(L);
  lua_setfield(L, -2, "dump");
  lua_pop(L, 1);
  lua_getglobal(L, "setmetatable");
  lua_pushcclosure(L, S_setmetatable, 1);
  lua_setglobal(L, "setmetatable");
  lua_register(L, "load", S_load);
  lua_register(L, "print", S_print);
  if (luaL_loadbufferx(L, S_wrappers, sizeof S_wrappers - 1, "=(rapport)",
                       "t") != LUA_OK)
    return lua_error(L);
  lua_getglobal(L, "pcall");
  lua_getglobal(L, "xpcall");
  lua_pushcfunction(L, S_aborted);
  lua_getglobal(L, "error");
  lua_call(L, 4, 0);
  return 0;
}

/* ---- construction and the door ---- */

sandbox *sandbox_new(const sandbox_limits *lim) {
  sandbox *sb = xcalloc(1, sizeof *sb);
  sb->lim = *lim;
  sb->mem_limit = SIZE_MAX;
  sandbox_set_limits(sb, lim->max_instructions, lim->max_memory,
                     lim->watchdog);
  sb->L = lua_newstate(S_alloc, sb);
  if (!sb->L) /* no cap yet: only the machine's memory is short */
    mem_fail();
  lua_atpanic(sb->L, S_panic);
  lua_sethook(sb->L, S_hook, LUA_MASKCOUNT, SANDBOX_HOOK_STEP);
  sb->ticks = sb->ticks_max;
  lua_pushcfunction(sb->L, S_open);
  if (lua_pcall(sb->L, 0, 0, 0) != LUA_OK) /* opening libraries: memory */
    mem_fail();
  return sb;
}

void sandbox_free(sandbox *sb) {
  if (!sb)
    return;
  /* no finalizers can run (setmetatable refuses __gc); nothing is capped
   * outside sandbox_pcall */
  lua_close(sb->L);
  free(sb);
}

void sandbox_close(lua_State *L) {
  sandbox *sb = L ? S_of(L) : NULL;
  if (sb)
    sandbox_free(sb);
  else if (L)
    lua_close(L);
}

lua_State *sandbox_lua(sandbox *sb) { return sb ? sb->L : NULL; }

void sandbox_set_limits(sandbox *sb, long max_instructions,
                        size_t max_memory, int watchdog) {
  if (max_instructions > 0)
    sb->ticks_max = max_instructions / SANDBOX_HOOK_STEP > 0
                        ? max_instructions / SANDBOX_HOOK_STEP
                        : 1;
  if (max_memory > 0)
    sb->lim.max_memory = max_memory;
  if (watchdog > 0)
    sb->lim.watchdog = watchdog;
}


int sandbox_pcall(lua_State *L, int nargs, int nresults, int msgh,
                  const char *file, int line, const char *what) {
  sandbox *sb = S_of(L);
  if (!sb)
    return lua_pcall(L, nargs, nresults, msgh);
  bool outer = sb->depth++ == 0, started = false;
  if (outer) {
    sb->ticks = sb->ticks_max;
    sb->time_hit = sb->mem_hit = sb->total_hit = sb->killing = false;
    sb->stop_src[0] = '\0';
    sb->stop_line = 0;
    sb->mem_limit = sb->mem + sb->lim.max_memory < sb->mem
                        ? SIZE_MAX
                        : sb->mem + sb->lim.max_memory;
    if (!S_watched) {
      S_watch_start(sb, file, line, what);
      started = true;
    }
  }
  int rc = lua_pcall(L, nargs, nresults, msgh);
  if (outer) {
    if (started)
      S_watch_stop(sb);
    sb->mem_limit = SIZE_MAX;
    sb->killing = false;
  }
  sb->depth--;
  return rc;
}

void sandbox_watch(lua_State *L, const char *file, int line,
                   const char *what) {
  sandbox *sb = S_of(L);
  if (sb && !S_watched)
    S_watch_start(sb, file, line, what);
}

void sandbox_unwatch(lua_State *L) {
  sandbox *sb = S_of(L);
  if (sb && S_watched == sb)
    S_watch_stop(sb);
}

const char *sandbox_stop_place(lua_State *L, int *line) {
  sandbox *sb = S_of(L);
  if (!sb || !sb->time_hit || !sb->stop_src[0])
    return NULL;
  *line = sb->stop_line;
  return sb->stop_src;
}

const char *sandbox_stopped(lua_State *L, int rc) {
  sandbox *sb = S_of(L);
  if (!sb || rc == LUA_OK)
    return NULL;
  if (sb->time_hit)
    snprintf(sb->msg, sizeof sb->msg, M_SCRIPT_RAN_TOO_LONG_ENDLESS,
             S_noun(sb));
  else if (sb->total_hit)
    snprintf(sb->msg, sizeof sb->msg, M_SCRIPT_LUA_USED_TOO_MUCH,
             SANDBOX_TOTAL_MEMORY >> 20, S_noun(sb));
  else if (sb->mem_hit || rc == LUA_ERRMEM)
    snprintf(sb->msg, sizeof sb->msg, M_SCRIPT_USED_TOO_MUCH_MEMORY, S_noun(sb),
             sb->lim.max_memory >> 20);
  else
    return NULL;
  return sb->msg;
}
