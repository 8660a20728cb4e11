/* cite_style.c - the C side of the Lua citation style.
 *
 * Like the rest of rapport, C and Lua meet only on the stack: each cited
 * entry becomes one Lua table (kept in a table in the registry for the
 * whole run, so the disambiguation suffix set on it is seen by every later
 * call), and the style's functions return strings or INLINES, which are
 * converted here to document nodes. */
#include "cite/style.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "script/sandbox.h"
#include "util/buf.h"
#include "util/mem.h"

struct cite_style {
  lua_State *L;
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

cite_style *cite_style_open(lua_State *L, const char *lang, diag_list *diags) {
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
  lua_getfield(st->L, -1, e->key);
  lua_remove(st->L, -2);
}

void cite_style_set_suffix(cite_style *st, const bib_entry *e,
                           const char *suffix) {
  S_push_entry(st, e);
  lua_pushstring(st->L, suffix);
  lua_setfield(st->L, -2, "suffix");
  lua_pop(st->L, 1);
}

/* ---- calling the style ------------------------------------------------ */

/* Pushes style[fn]; false (and an error) if it is not a function. */
static bool S_push_fn(cite_style *st, const char *fn) {
  lua_rawgeti(st->L, LUA_REGISTRYINDEX, st->style_ref);
  lua_getfield(st->L, -1, fn);
  lua_remove(st->L, -2);
  if (lua_isfunction(st->L, -1))
    return true;
  lua_pop(st->L, 1);
  diag_error(st->diags, NULL, 0, 0, M_CITE_CITATION_STYLE_LACKS_FUNCTION,
             st->name, fn);
  return false;
}

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

/* ---- INLINES -> nodes ------------------------------------------------- */

static int S_inlines(cite_style *st, int idx, doc_node *parent, int depth);

static doc_node *S_node(cite_style *st, int idx, int depth, int *errors) {
  lua_State *L = st->L;
  lua_getfield(L, idx, "type");
  const char *type = lua_tostring(L, -1);
  doc_node *n = NULL;
  if (!type) {
    n = NULL;
  } else if (!strcmp(type, "emph") || !strcmp(type, "strong") ||
             !strcmp(type, "strike")) {
    n = doc_node_new(!strcmp(type, "emph")     ? DOC_EMPH
                     : !strcmp(type, "strong") ? DOC_STRONG
                                               : DOC_STRIKE);
    lua_getfield(L, idx, "content");
    *errors += S_inlines(st, lua_gettop(L), n, depth + 1);
    lua_pop(L, 1);
  } else if (!strcmp(type, "link")) {
    n = doc_node_new(DOC_LINK);
    lua_getfield(L, idx, "url");
    doc_set(&n->text, lua_tostring(L, -1));
    lua_pop(L, 1);
    lua_getfield(L, idx, "content");
    if (lua_isnil(L, -1) && n->text)
      doc_append(n, doc_text(n->text));
    else
      *errors += S_inlines(st, lua_gettop(L), n, depth + 1);
    lua_pop(L, 1);
  } else if (!strcmp(type, "code")) {
    n = doc_node_new(DOC_CODE);
    lua_getfield(L, idx, "text");
    doc_set(&n->text, lua_tostring(L, -1));
    lua_pop(L, 1);
  } else if (!strcmp(type, "linebreak")) {
    n = doc_node_new(DOC_LINE_BREAK);
  }
  if (type && !n) {
    diag_error(st->diags, NULL, 0, 0, M_CITE_CITATION_STYLE_RETURNED_UNKNOWN,
               st->name, type);
    (*errors)++;
  }
  lua_pop(L, 1);
  return n;
}

/* INLINES at idx: a string, a node table, or a list of them. */
static int S_inlines(cite_style *st, int idx, doc_node *parent, int depth) {
  lua_State *L = st->L;
  int errors = 0;
  if (depth > 32)
    return 1;
  switch (lua_type(L, idx)) {
  case LUA_TNIL:
    return 0;
  case LUA_TSTRING:
  case LUA_TNUMBER: {
    size_t len;
    lua_pushvalue(L, idx);
    const char *s = lua_tolstring(L, -1, &len);
    if (len)
      doc_append(parent, doc_text_n(s, len));
    lua_pop(L, 1);
    return 0;
  }
  case LUA_TTABLE:
    break;
  default:
    diag_error(st->diags, NULL, 0, 0, M_CITE_CITATION_STYLE_RETURNED_INSTEAD,
               st->name, luaL_typename(L, idx));
    return 1;
  }
  lua_getfield(L, idx, "type");
  bool is_node = !lua_isnil(L, -1);
  lua_pop(L, 1);
  if (is_node) {
    doc_node *n = S_node(st, idx, depth, &errors);
    if (n)
      doc_append(parent, n);
    return errors;
  }
  lua_Integer len = (lua_Integer)lua_rawlen(L, idx);
  for (lua_Integer i = 1; i <= len; i++) {
    lua_rawgeti(L, idx, i);
    errors += S_inlines(st, lua_gettop(L), parent, depth + 1);
    lua_pop(L, 1);
  }
  return errors;
}

/* Converts the call result on the stack top to nodes under parent. */
static int S_result(cite_style *st, doc_node *parent) {
  int errors = S_inlines(st, lua_gettop(st->L), parent, 0);
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

static void S_lib_dir(char *out, size_t size) {
  const char *env = getenv("RAPPORT_HOME");
  if (env && *env) {
    snprintf(out, size, "%s/lua/lib", env);
    return;
  }
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    /* <dir>/bin/rapport or <dir>/build/tests/test_cite -> <dir> */
    for (int up = 0; up < 3; up++) {
      char *slash = strrchr(exe, '/');
      if (!slash)
        break;
      *slash = '\0';
      snprintf(out, size, "%s/lua/lib/citestyle.lua", exe);
      if (access(out, R_OK) == 0) {
        snprintf(out, size, "%s/lua/lib", exe);
        return;
      }
    }
  }
  snprintf(out, size, "lua/lib");
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
