/* style.c - the C side of the Lua citation style.
 *
 * Like the rest of rapport, C and Lua meet only on the stack: each cited
 * entry becomes one Lua table (kept in a table in the registry for the
 * whole run, so the disambiguation suffix set on it is seen by every later
 * call), and the style's functions return strings or INLINES, which the
 * template stage's converter turns into document nodes
 * (script_style_inlines), as it does a component's text. */
#include "cite/style.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "script/sandbox.h"
#include "script/script.h"
#include "util/buf.h"
#include "util/home.h"
#include "util/mem.h"

struct cite_style {
  lua_State *L;
  doc *d; /* the document the nodes are made for */
  int style_ref;   /* the module table */
  int entries_ref; /* key -> entry table */
  char *name;      /* module name, for messages */
  diag_list *diags;
};

/* ---- loading ---------------------------------------------------------- */

/* project[field] read raw (a sandbox may guard its globals with
 * metamethods that raise errors for unknown names). */
static const char *S_project_field(lua_State *L, const char *field) {
  const char *v = NULL;
  lua_pushglobaltable(L);
  lua_pushstring(L, "project");
  lua_rawget(L, -2);
  if (lua_istable(L, -1)) {
    lua_pushstring(L, field);
    lua_rawget(L, -2);
    if (lua_type(L, -1) == LUA_TSTRING)
      v = lua_tostring(L, -1); /* the string stays alive in the table */
    lua_pop(L, 1);
  }
  lua_pop(L, 2);
  return v;
}

cite_style *cite_style_open(lua_State *L, doc *d, const char *lang,
                            diag_list *diags) {
  const char *name = S_project_field(L, "citation_style");
  const char *plang = S_project_field(L, "lang");
  if (plang)
    lang = plang;
  if (!name)
    name = lang && strcmp(lang, "en") == 0 ? "citestyle_en" : "citestyle";
  int top = lua_gettop(L);
  lua_pushglobaltable(L);
  lua_pushstring(L, "require");
  lua_rawget(L, -2);
  lua_remove(L, -2);
  if (!lua_isfunction(L, -1)) {
    lua_settop(L, top);
    diag_error(diags, NULL, 0, 0, M_CITE_CITATION_STYLE_CANNOT_BE, name);
    return NULL;
  }
  lua_pushstring(L, name);
  char what[200];
  snprintf(what, sizeof what, M_CITE_CITATION_STYLE, name);
  int rc = sandbox_pcall(L, 1, 1, 0, NULL, 0, what);
  if (rc != LUA_OK || !lua_istable(L, -1)) {
    const char *msg = sandbox_stopped(L, rc);
    if (!msg)
      msg = lua_isstring(L, -1) ? lua_tostring(L, -1) : "?";
    diag_error(diags, NULL, 0, 0, M_CITE_CITATION_STYLE_CANNOT_BE_LOADED, name,
               lua_istable(L, -1) ? M_CITE_RETURNS_NO_TABLE : msg);
    lua_settop(L, top);
    return NULL;
  }
  cite_style *st = xcalloc(1, sizeof *st);
  st->L = L;
  st->d = d;
  st->diags = diags;
  st->name = xstrdup(name);
  st->style_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  lua_newtable(L);
  st->entries_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  lua_settop(L, top);
  return st;
}

void cite_style_close(cite_style *st) {
  if (!st)
    return;
  luaL_unref(st->L, LUA_REGISTRYINDEX, st->style_ref);
  luaL_unref(st->L, LUA_REGISTRYINDEX, st->entries_ref);
  free(st->name);
  free(st);
}

/* ---- entries as Lua tables ------------------------------------------- */

static void S_field(lua_State *L, const char *name, const char *value) {
  if (!value)
    return;
  lua_pushstring(L, value);
  lua_setfield(L, -2, name);
}

static void S_names(lua_State *L, const char *field, const bib_name *names,
                    size_t n) {
  lua_createtable(L, (int)n, 0);
  for (size_t i = 0; i < n; i++) {
    lua_createtable(L, 0, 3);
    S_field(L, "family", names[i].family);
    S_field(L, "given", names[i].given);
    if (names[i].literal) {
      lua_pushboolean(L, 1);
      lua_setfield(L, -2, "literal");
    }
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, -2, field);
}

void cite_style_add(cite_style *st, const bib_entry *e) {
  lua_State *L = st->L;
  lua_rawgeti(L, LUA_REGISTRYINDEX, st->entries_ref);
  lua_createtable(L, 0, 20);
  S_field(L, "key", e->key);
  S_field(L, "type", bib_kind_name(e->kind));
  S_names(L, "author", e->authors, e->nauthors);
  S_names(L, "editor", e->editors, e->neditors);
  S_field(L, "year", e->year);
  S_field(L, "title", e->title);
  S_field(L, "container", e->container);
  S_field(L, "volume", e->volume);
  S_field(L, "issue", e->issue);
  S_field(L, "pages", e->pages);
  S_field(L, "number", e->number);
  S_field(L, "edition", e->edition);
  S_field(L, "publisher", e->publisher);
  S_field(L, "place", e->place);
  S_field(L, "url", e->url);
  S_field(L, "doi", e->doi);
  S_field(L, "accessed", e->accessed);
  S_field(L, "note", e->note);
  if (e->more_authors) {
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, "more_authors");
  }
  lua_setfield(L, -2, e->key);
  lua_pop(L, 1);
}

static void S_push_entry(cite_style *st, const bib_entry *e) {
  lua_rawgeti(st->L, LUA_REGISTRYINDEX, st->entries_ref);
  lua_pushstring(st->L, e->key);
  lua_rawget(st->L, -2);
  lua_remove(st->L, -2);
}

/* Raw: the style's code has seen the entry and may have given it a
 * metatable, whose __newindex must not run outside the limits. */
void cite_style_set_suffix(cite_style *st, const bib_entry *e,
                           const char *suffix) {
  S_push_entry(st, e);
  lua_pushstring(st->L, "suffix");
  lua_pushstring(st->L, suffix);
  lua_rawset(st->L, -3);
  lua_pop(st->L, 1);
}

/* ---- calling the style ------------------------------------------------ */

/* sandbox_pcall of the function below its nargs arguments, for the style's
 * function fn: true with its one result on the stack, or false after the
 * error was reported (the stack as before the function was pushed). */
static bool S_pcall(cite_style *st, const char *fn, int nargs) {
  char what[300];
  snprintf(what, sizeof what, M_CITE_CITATION_STYLE_LITTERATURSTILEN, st->name,
           fn);
  int rc = sandbox_pcall(st->L, nargs, 1, 0, NULL, 0, what);
  if (rc == LUA_OK)
    return true;
  const char *msg = sandbox_stopped(st->L, rc);
  int line = 0;
  const char *at = msg ? sandbox_stop_place(st->L, &line) : NULL;
  if (!msg)
    msg = lua_tostring(st->L, -1);
  if (at)
    diag_error(st->diags, NULL, 0, 0, M_CITE_ERROR_CITATION_STYLE, st->name, fn,
               at, line, msg);
  else
    diag_error(st->diags, NULL, 0, 0, M_CITE_ERROR_CITATION_STYLE_FEJL,
               st->name, fn, msg ? msg : "?");
  lua_pop(st->L, 1);
  return false;
}

/* style[fn] for S_push_fn, under the limits: the style's metatable (a
 * style may inherit from another) is the project's code. */
static int S_index(lua_State *L) {
  lua_gettable(L, 1);
  return 1;
}

/* Pushes style[fn]; false (and an error) if it is not a function. */
static bool S_push_fn(cite_style *st, const char *fn) {
  lua_State *L = st->L;
  lua_rawgeti(L, LUA_REGISTRYINDEX, st->style_ref);
  lua_pushstring(L, fn);
  lua_rawget(L, -2);
  if (lua_isnil(L, -1) && lua_getmetatable(L, -2)) {
    lua_pop(L, 2);
    lua_pushcfunction(L, S_index);
    lua_insert(L, -2);
    lua_pushstring(L, fn);
    if (!S_pcall(st, fn, 2))
      return false;
  } else {
    lua_remove(L, -2);
  }
  if (lua_isfunction(L, -1))
    return true;
  lua_pop(L, 1);
  diag_error(st->diags, NULL, 0, 0, M_CITE_CITATION_STYLE_LACKS_FUNCTION,
             st->name, fn);
  return false;
}

static char *S_string_call(cite_style *st, const char *fn,
                           const bib_entry *e) {
  if (!S_push_fn(st, fn))
    return NULL;
  int nargs = 0;
  if (e) {
    S_push_entry(st, e);
    nargs = 1;
  }
  if (!S_pcall(st, fn, nargs))
    return NULL;
  char *r = NULL;
  if (lua_type(st->L, -1) == LUA_TSTRING)
    r = xstrdup(lua_tostring(st->L, -1));
  else
    diag_error(st->diags, NULL, 0, 0, M_CITE_CITATION_STYLE_MUST_RETURN, fn);
  lua_pop(st->L, 1);
  return r;
}

char *cite_style_names(cite_style *st, const bib_entry *e) {
  return S_string_call(st, "names", e);
}
char *cite_style_sort_key(cite_style *st, const bib_entry *e) {
  return S_string_call(st, "sort_key", e);
}
char *cite_style_heading(cite_style *st) {
  return S_string_call(st, "heading", NULL);
}

/* Converts the call result on the stack top to nodes under parent. */
static int S_result(cite_style *st, doc_node *parent) {
  size_t errors = script_style_inlines(st->L, -1, st->d, parent, st->name,
                                       NULL, 0, st->diags);
  lua_pop(st->L, 1);
  return errors ? -1 : 0;
}

int cite_style_cite(cite_style *st, const cite_item *items, size_t n,
                    bool textual, doc_node *at) {
  lua_State *L = st->L;
  if (!S_push_fn(st, "cite"))
    return -1;
  lua_createtable(L, (int)n, 0);
  for (size_t i = 0; i < n; i++) {
    lua_createtable(L, 0, 4);
    S_push_entry(st, items[i].entry);
    lua_setfield(L, -2, "entry");
    S_field(L, "prefix", items[i].prefix);
    S_field(L, "suffix", items[i].suffix);
    lua_pushboolean(L, items[i].suppress_author);
    lua_setfield(L, -2, "suppress_author");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_pushboolean(L, textual);
  if (!S_pcall(st, "cite", 2))
    return -1;
  /* build under a scratch parent, then move the nodes into place */
  doc_node *tmp = doc_node_new(DOC_PARAGRAPH);
  int rc = S_result(st, tmp);
  while (tmp->first) {
    doc_node *c = tmp->first;
    doc_insert_before(at, c);
  }
  doc_node_free(tmp);
  return rc;
}

int cite_style_entry(cite_style *st, const bib_entry *e, doc_node *parent) {
  if (!S_push_fn(st, "entry"))
    return -1;
  S_push_entry(st, e);
  if (!S_pcall(st, "entry", 1))
    return -1;
  return S_result(st, parent);
}

/* ---- a state of our own ----------------------------------------------- */

/* lua/lib of rapport's own files (util/home.h). A build stops before any
 * citation when they are missing (build.c): the current folder is only
 * what a state made outside a build falls back on. */
static void S_lib_dir(char *out, size_t size) {
  const char *home = home_dir();
  snprintf(out, size, "%s/lua/lib", home ? home : ".");
}

/* Limits of the fallback state: only rapport's own styles run in it. */
#define CITE_MAX_INSTRUCTIONS 200000000L
#define CITE_MAX_MEMORY ((size_t)64 << 20)
#define CITE_WATCHDOG_SECONDS 30

/* Opens package with lua/lib as its only path: Lua modules only (no
 * C loaders, no loadlib). */
static int S_open_package(lua_State *L) {
  const char *dir = lua_tostring(L, 1);
  luaL_requiref(L, LUA_LOADLIBNAME, luaopen_package, 1);
  lua_pushfstring(L, "%s/?.lua", dir);
  lua_setfield(L, -2, "path");
  lua_pushstring(L, "");
  lua_setfield(L, -2, "cpath");
  lua_pushnil(L);
  lua_setfield(L, -2, "loadlib");
  lua_getfield(L, -1, "searchers");
  for (lua_Integer i = 3; i <= 4; i++) {
    lua_pushnil(L);
    lua_rawseti(L, -2, i);
  }
  return 0;
}

lua_State *cite_style_state(const char *lib_dir, const char *lang) {
  sandbox_limits lim = {CITE_MAX_INSTRUCTIONS, CITE_MAX_MEMORY,
                        CITE_WATCHDOG_SECONDS, SANDBOX_CITESTYLE, NULL,
                        NULL};
  sandbox *sb = sandbox_new(&lim);
  lua_State *L = sandbox_lua(sb);
  char dir[4200];
  if (lib_dir)
    snprintf(dir, sizeof dir, "%s", lib_dir);
  else
    S_lib_dir(dir, sizeof dir);
  lua_pushcfunction(L, S_open_package);
  lua_pushstring(L, dir);
  if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
    sandbox_free(sb);
    return NULL;
  }
  lua_createtable(L, 0, 1);
  lua_pushstring(L, lang ? lang : "da");
  lua_setfield(L, -2, "lang");
  lua_setglobal(L, "project");
  return L;
}
