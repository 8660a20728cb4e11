/* internal.h - internal to the template stage (script*.c): the state
 * behind the opaque `script`. Not for other stages. */
#ifndef RAPPORT_SCRIPT_INT_H
#define RAPPORT_SCRIPT_INT_H

#include <lua.h>
#include <stdbool.h>
#include <stddef.h>

#include "script/sandbox.h"
#include "script/script.h"

/* A template gets this many VM instructions per directive or inline value
 * (sandbox.c counts them) ... */
#define SCRIPT_MAX_INSTRUCTIONS 200000000L
/* ... and may grow Lua's memory by this much beyond the data. */
#define SCRIPT_MAX_MEMORY ((size_t)256 << 20)
/* A C function can loop without the count hook firing (string.find with a
 * pattern like ".-.-.-b" on a long string is exponential): after this much
 * CPU time a watchdog asks the hook to stop the template, and if the
 * template is still in C after the grace period it ends the process with
 * a message (outputs are written atomically, so nothing is lost). */
#define SCRIPT_WATCHDOG_SECONDS 30 /* the grace period is a third of it */
/* The text components copy into one document (a 10 MB string in 150 table
 * cells is 1.5 GB of document, though Lua holds it once). */
#define SCRIPT_MAX_TEXT ((size_t)256 << 20)

struct script {
  sandbox *sb;
  lua_State *L; /* sandbox_lua(sb) */
  script_config cfg;
  diag_list *diags;
  char *project_dir, *install_dir;
  str_list sources;
  int top_before_project;
  size_t doc_bytes; /* text copied into the document, see SCRIPT_MAX_TEXT */
  int fmt; /* 0 = not looked up, 1 = lua/lib/fmt.lua's auto, -1 = C */
  /* the directive being run, for rapport.error/warn and messages */
  const char *run_file, *run_component, *run_display;
  int run_line;
  const char *run_body;
  int phase; /* SCRIPT_PHASE_* */
  /* where the last error happened (filled by the message handler) */
  char err_src[512], err_comp[512];
  int err_line, err_comp_line;
};

enum { SCRIPT_PHASE_LOAD, SCRIPT_PHASE_BODY, SCRIPT_PHASE_COMPONENT };

/* Path of module or component `name` in the search folders (components
 * only: PROJECT/components, then lua/components); *display a path for
 * messages. NULL when absent or the name is unsafe. Caller frees both. */
char *script_find_module(script *s, const char *name, char **display,
                         bool components_only);
/* Forgets the error place of the last run (before a new run). */
void script_arm(script *s);
/* Notes the innermost template frame and the innermost frame in the
 * running component's file (the message handler, and the count hook when
 * it stops a run). */
void script_note_place(lua_State *L);
void script_load_file(lua_State *L, script *s, const char *path,
                      const char *display);
/* luaL_loadbufferx(L, text, len, name, "t"), but a text this process
 * compiled before under the same name is loaded from its bytecode
 * (cache.c). */
int script_cache_load(lua_State *L, const char *text, size_t len,
                      const char *name);

/* literals.c: src with the text of each string literal passed through
 * cfg->map_text (which must be set). Caller frees. */
char *script_map_literals(const script_config *cfg, const char *src);

#endif
