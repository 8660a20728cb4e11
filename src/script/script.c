/* script.c - the template stage: one sandboxed Lua 5.4 state per edition.
 *
 * The sandbox and its limits are sandbox.c's (the same for every Lua state
 * of rapport); this file adds a `require` that reads text modules only from
 * the project's lua/ and components/ and from the installation's lua/lib/
 * and lua/components/. Every entry into template code goes through
 * sandbox_pcall, so a Lua error or an allocation refusal never reaches the
 * panic handler and every run is under the limits.
 *
 * The globals (data, project, locale, rapport) are described in README
 * "Components (the Lua API)"; the Lua tables components return are turned
 * into nodes by nodes.c. */
#include "script/script.h"

#include <ctype.h>
#include <dirent.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script/sandbox.h"
#include "script/internal.h"
#include "script/nodes.h"
#include "util/buf.h"
#include "util/confine.h"
#include "util/fs.h"
#include "util/mem.h"

/* Records path among the files the state loaded (script_sources), once. */
static void S_add_source(script *s, const char *path) {
  for (size_t i = 0; i < s->sources.len; i++)
    if (strcmp(s->sources.items[i], path) == 0)
      return;
  s->sources.items = xrealloc(s->sources.items,
                              (s->sources.len + 1) * sizeof(char *));
  s->sources.items[s->sources.len++] = xstrdup(path);
}

static bool S_has(const str_list *l, const char *v) {
  for (size_t i = 0; l && i < l->len; i++)
    if (strcmp(l->items[i], v) == 0)
      return true;
  return false;
}

/* Where the count hook stopped a template: the message handler's notes
 * (run.c), taken in the hook because the call then ends without a
 * handler (sandbox.c). */
static void S_note_place(lua_State *L, void *owner) {
  (void)owner;
  script_note_place(L);
}

/* Starts a run from C: no error place noted yet. */
void script_arm(script *s) {
  s->err_src[0] = s->err_comp[0] = '\0';
  s->err_line = s->err_comp_line = 0;
}

/* ---- require ---- */

/* "fmt" or "diagram.akser" -> "fmt", "diagram/akser"; NULL if the name
 * could reach outside the search folders. Caller frees. */
static char *S_module_relpath(const char *name) {
  size_t n = strlen(name);
  if (n == 0 || n > 128 || name[0] == '.' || name[n - 1] == '.')
    return NULL;
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)name[i];
    if (!(isalnum(ch) || ch == '_' || ch == '-' || ch == '.'))
      return NULL;
    if (ch == '.' && name[i + 1] == '.')
      return NULL;
  }
  char *p = xstrdup(name);
  for (char *q = p; *q; q++)
    if (*q == '.')
      *q = '/';
  return p;
}

/* The module's file in the first search folder that has it. *display gets a
 * path for messages. Whether the project may read it (a symlink out of the
 * project, a FIFO) is script_load_file's question (util/confine.h), so the
 * user reads why rather than "not found". */
char *script_find_module(script *s, const char *name, char **display,
                         bool components_only) {
  char *rel = S_module_relpath(name);
  if (!rel)
    return NULL;
  struct {
    const char *base, *sub;
    bool component;
  } dirs[] = {{s->project_dir, "lua", false},
              {s->project_dir, "components", true},
              {s->install_dir, "lua/lib", false},
              {s->install_dir, "lua/components", true}};
  char *found = NULL;
  for (size_t i = 0; i < sizeof dirs / sizeof dirs[0] && !found; i++) {
    if (!dirs[i].base || (components_only && !dirs[i].component))
      continue;
    char *dir = fs_join(dirs[i].base, dirs[i].sub);
    buf file = BUF_INIT;
    buf_printf(&file, "%s/%s.lua", dir, rel);
    if (fs_exists(buf_cstr(&file))) {
      found = buf_detach(&file);
      if (display) {
        buf d = BUF_INIT;
        buf_printf(&d, "%s/%s.lua", dirs[i].sub, rel);
        *display = buf_detach(&d);
      }
    }
    buf_free(&file);
    free(dir);
  }
  free(rel);
  return found;
}

/* Loads a text chunk from path, named "@display"; pushes the function or
 * raises a Lua error. */
void script_load_file(lua_State *L, script *s, const char *path,
                      const char *display) {
  size_t len;
  confine_status st;
  char *text = confine_read(path, &len, &st);
  if (!text) {
    /* a FIFO or a file outside the allowed folders (util/confine.h) */
    char *msg = confine_message(CONFINE_MODULE, display, path, st);
    luaL_where(L, 1);
    lua_pushstring(L, msg);
    free(msg);
    lua_concat(L, 2);
    lua_error(L);
  }
  buf name = BUF_INIT;
  buf_printf(&name, "@%s", display);
  const char *code = sandbox_skip_bom(text, &len);
  int rc = script_cache_load(L, code, len, buf_cstr(&name));
  free(text);
  buf_free(&name);
  S_add_source(s, path);
  if (rc != LUA_OK)
    lua_error(L);
}

static int S_require(lua_State *L) {
  script *s = sandbox_owner(L);
  const char *name = luaL_checkstring(L, 1);
  lua_getfield(L, LUA_REGISTRYINDEX, "rapport.loaded");
  lua_getfield(L, -1, name);
  if (lua_toboolean(L, -1)) {
    if (lua_islightuserdata(L, -1))
      return luaL_error(L, M_SCRIPT_MODULES_REQUIRE_EACH_OTHER, name);
    return 1;
  }
  lua_pop(L, 1);
  char *display = NULL;
  char *path = script_find_module(s, name, &display, false);
  if (!path) {
    lua_pushfstring(L, M_SCRIPT_MODULE_DOES_NOT_EXIST, name);
    return lua_error(L);
  }
  lua_pushlightuserdata(L, s); /* "being loaded" marker against cycles */
  lua_setfield(L, -2, name);
  lua_pushstring(L, display);
  free(display);
  /* free the C strings before anything can raise */
  char pathcopy[4096];
  snprintf(pathcopy, sizeof pathcopy, "%s", path);
  free(path);
  script_load_file(L, s, pathcopy, lua_tostring(L, -1));
  lua_pushvalue(L, 1);
  lua_call(L, 1, 1);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_pushboolean(L, 1);
  }
  lua_pushvalue(L, -1);
  lua_setfield(L, -4, name);
  return 1;
}

/* ---- rapport.error / rapport.warn ---- */

/* The data file and line of a row table, if it is one of ours. */
static bool S_row_place(lua_State *L, int idx, const char **file, int *line) {
  if (!lua_istable(L, idx))
    return false;
  lua_pushstring(L, "_line");
  lua_rawget(L, idx);
  *line = lua_isinteger(L, -1) ? (int)lua_tointeger(L, -1) : 0;
  lua_pop(L, 1);
  *file = NULL;
  if (lua_getmetatable(L, idx)) {
    lua_pushstring(L, "__rapport_file");
    lua_rawget(L, -2);
    if (lua_type(L, -1) == LUA_TSTRING) {
      lua_pushvalue(L, -1);
      lua_setfield(L, LUA_REGISTRYINDEX, "rapport.lastfile"); /* keep alive */
      *file = lua_tostring(L, -1);
    }
    lua_pop(L, 2);
  }
  return *line > 0;
}

/* Where in the template the caller of a C function is: the line of the
 * running component's own file when it is on the stack (a warning the
 * component gives through a library such as lua/lib/komponent.lua), else
 * the innermost template line. */
static void S_caller(lua_State *L, const char *component, char *src,
                     size_t cap, int *line) {
  lua_Debug ar;
  src[0] = '\0';
  *line = 0;
  for (int level = 1; level < 200 && lua_getstack(L, level, &ar); level++) {
    lua_getinfo(L, "Sl", &ar);
    if (ar.currentline <= 0 || ar.source[0] != '@')
      continue;
    if (!src[0] || (component && strcmp(ar.source + 1, component) == 0)) {
      snprintf(src, cap, "%s", ar.source + 1);
      *line = ar.currentline;
      if (!component || strcmp(ar.source + 1, component) == 0)
        return;
    }
  }
}

/* The Markdown line where the running directive assigns argument `name`
 * ("round = ..." on a line of its own, as the directives are written), or
 * 0. The body's first line is the one after the fence. */
static int S_argument_line(const script *s, const char *name) {
  if (!s->run_body || !s->run_file)
    return 0;
  size_t n = strlen(name);
  int at = s->run_line + 1;
  for (const char *p = s->run_body; *p; at++) {
    while (*p == ' ' || *p == '\t')
      p++;
    if (!strncmp(p, name, n)) {
      const char *q = p + n;
      while (*q == ' ' || *q == '\t')
        q++;
      if (q[0] == '=' && q[1] != '=')
        return at;
    }
    p = strchr(p, '\n');
    if (!p)
      break;
    p++;
  }
  return 0;
}

static int S_rapport_error(lua_State *L) {
  const char *msg = luaL_checkstring(L, 1);
  lua_createtable(L, 0, 4);
  lua_pushstring(L, msg);
  lua_setfield(L, -2, "message");
  lua_pushboolean(L, 1);
  lua_setfield(L, -2, "rapport_error");
  const char *file;
  int line;
  if (lua_type(L, 2) == LUA_TSTRING) {
    /* an argument of the directive: at its line in the chapter */
    line = S_argument_line(sandbox_owner(L), lua_tostring(L, 2));
    if (line > 0) {
      lua_pushinteger(L, line);
      lua_setfield(L, -2, "argument_line");
    }
  } else if (S_row_place(L, 2, &file, &line)) {
    lua_pushinteger(L, line);
    lua_setfield(L, -2, "line");
    if (file) {
      lua_pushstring(L, file);
      lua_setfield(L, -2, "file");
    }
  }
  return lua_error(L);
}

static int S_rapport_warn(lua_State *L) {
  script *s = sandbox_owner(L);
  const char *msg = luaL_checkstring(L, 1);
  const char *file;
  int line = lua_type(L, 2) == LUA_TSTRING
                 ? S_argument_line(s, lua_tostring(L, 2))
                 : 0;
  if (line > 0) {
    /* an argument of the directive: at its line in the chapter */
    diag_warning(s->diags, s->run_file, line, 0, M_SCRIPT_ARGUMENTS_I,
                 s->run_component ? s->run_component : "?", msg);
  } else if (S_row_place(L, 2, &file, &line) && file) {
    diag_warning(s->diags, file, line, 0, "%s (%s '%s', %s:%d)", msg,
                 M_SCRIPT_COMPONENT_KOMPONENTEN,
                 s->run_component ? s->run_component : "?",
                 s->run_file ? s->run_file : "?", s->run_line);
  } else {
    char src[512];
    int sl;
    S_caller(L, s->run_display, src, sizeof src, &sl);
    if (s->run_component)
      diag_warning(s->diags, s->run_file, s->run_line, 0,
                   M_SCRIPT_COMPONENT_I_KOMPONENTEN, s->run_component, src, sl,
                   msg);
    else
      diag_warning(s->diags, s->run_file, s->run_line, 0, "%s", msg);
  }
  return 0;
}

/* ---- the globals ---- */

static void S_push_list(lua_State *L, const str_list *l) {
  lua_createtable(L, l ? (int)l->len : 0, 0);
  for (size_t i = 0; l && i < l->len; i++) {
    lua_pushstring(L, l->items[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

static void S_set_string(lua_State *L, const char *key, const char *v) {
  if (!v)
    return;
  lua_pushstring(L, v);
  lua_setfield(L, -2, key);
}

/* "2014-09-18", as lua_pushfstring("%d-%s%d-%s%d", ...) wrote it, without
 * its formatting machinery (ten thousand dates in a big table). */
static void S_push_date(lua_State *L, int y, int m, int d) {
  if (y < 0 || y > 9999 || m < 0 || m > 99 || d < 0 || d > 99) {
    lua_pushfstring(L, "%d-%s%d-%s%d", y, m < 10 ? "0" : "", m,
                    d < 10 ? "0" : "", d);
    return;
  }
  char b[10];
  b[0] = (char)('0' + y / 1000);
  b[1] = (char)('0' + y / 100 % 10);
  b[2] = (char)('0' + y / 10 % 10);
  b[3] = (char)('0' + y % 10);
  b[4] = '-';
  b[5] = (char)('0' + m / 10);
  b[6] = (char)('0' + m % 10);
  b[7] = '-';
  b[8] = (char)('0' + d / 10);
  b[9] = (char)('0' + d % 10);
  /* a year below 1000 was printed without leading zeros */
  int skip = y >= 1000 ? 0 : y >= 100 ? 1 : y >= 10 ? 2 : 3;
  lua_pushlstring(L, b + skip, sizeof b - (size_t)skip);
}

/* data.NAME = { row, ... } filtered to the edition's rounds. */
static void S_push_data(lua_State *L, script *s) {
  const script_config *cfg = &s->cfg;
  const project *p = cfg->proj;
  lua_newtable(L);
  for (size_t i = 0; p && i < p->ndata; i++) {
    const data_schema *sc = &p->data[i];
    const data_table *t = cfg->tables ? cfg->tables[i] : NULL;
    lua_createtable(L, t ? (int)t->nrows : 0, 0);
    lua_createtable(L, 0, 1); /* the rows' shared metatable */
    lua_pushstring(L, sc->path ? sc->path : sc->name);
    lua_setfield(L, -2, "__rapport_file");
    int meta = lua_gettop(L);
    int round = sc->round_column ? data_column_index(sc, sc->round_column)
                                 : -1;
    /* the column names once, as Lua strings on the stack: each row's
     * fields are then set without looking the names up again */
    int keys = lua_gettop(L) + 1;
    luaL_checkstack(L, (int)sc->ncols + 8, "data");
    for (size_t c = 0; c < sc->ncols; c++)
      lua_pushstring(L, sc->cols[c].name);
    lua_pushliteral(L, "_line");
    lua_Integer k = 0;
    for (size_t r = 0; t && r < t->nrows; r++) {
      const data_row *row = &t->rows[r];
      if (round >= 0 && cfg->ed && cfg->ed->rounds.len &&
          !(row->cells[round].raw &&
            S_has(&cfg->ed->rounds, row->cells[round].raw)))
        continue;
      lua_createtable(L, 0, (int)sc->ncols + 1);
      for (size_t c = 0; c < sc->ncols; c++) {
        const col_schema *col = &sc->cols[c];
        const data_cell *cell = &row->cells[c];
        if ((cfg->public_edition && col->sensitive) || cell->empty ||
            !cell->raw)
          continue;
        lua_pushvalue(L, keys + (int)c);
        switch (col->type) {
        case COL_INTEGER: lua_pushinteger(L, cell->v.i); break;
        case COL_DECIMAL: lua_pushnumber(L, cell->v.d); break;
        case COL_DATE: S_push_date(L, cell->v.date.y, cell->v.date.m,
                                   cell->v.date.d);
          break;
        default: lua_pushstring(L, cell->raw); break;
        }
        lua_rawset(L, -3); /* the row has no metatable yet: same as set */
      }
      lua_pushvalue(L, keys + (int)sc->ncols);
      lua_pushinteger(L, row->line);
      lua_rawset(L, -3);
      lua_pushvalue(L, meta);
      lua_setmetatable(L, -2);
      lua_rawseti(L, -2 - ((int)sc->ncols + 2), ++k);
    }
    lua_pop(L, (int)sc->ncols + 2); /* the keys and the metatable */
    lua_setfield(L, -2, sc->name);
  }
}

/* Runs the Lua file at path in this sandbox (through sandbox_pcall, under
 * the limits) and leaves the table it returns on the stack; false after
 * reporting why not. A file that loaded in luacfg fails here only when it
 * behaves differently on a second run: that is reported, not papered
 * over (a silently missing project field changes the report's text). */
static bool S_run_table_file(lua_State *L, script *s, const char *path,
                             const char *chunkname, const char *display) {
  size_t len;
  confine_status st;
  char *text = confine_read(path, &len, &st);
  int rc = text ? sandbox_load(L, text, len, chunkname) : LUA_ERRFILE;
  free(text);
  if (rc == LUA_OK)
    rc = sandbox_pcall(L, 0, 1, 0, display, 0, NULL);
  if (rc == LUA_OK && lua_istable(L, -1))
    return true;
  const char *stop = sandbox_stopped(L, rc);
  const char *msg = stop                ? stop
                    : rc == LUA_ERRFILE ? M_SCRIPT_CANNOT_BE_READ
                    : rc != LUA_OK && lua_type(L, -1) == LUA_TSTRING
                        ? lua_tostring(L, -1)
                        : M_PROJECT_FILE_MUST_RETURN_TABLE;
  if (s->diags)
    diag_error(s->diags, display, 0, 0, M_SCRIPT_TEMPLATES_LUA_CANNOT_RUN, msg);
  return false;
}

/* The keys of the project table whose values are not text for readers:
 * files, column names and the values data rows are matched on. */
static bool S_structural_key(const char *key, int depth) {
  static const char *const top[] = {
      "data", "chapters", "editions", "mapping", "bibliography", "theme",
      "lang", "date", "levels", "rounds", "allow_names", NULL};
  if (depth == 0) {
    for (size_t i = 0; top[i]; i++)
      if (strcmp(key, top[i]) == 0)
        return true;
    return false;
  }
  return strcmp(key, "column") == 0; /* unit.column names a column */
}

/* Replaces every string value in the table at idx (nested tables too, a
 * table met again or deeper than 16 levels left alone) by map_text's
 * result, except under the structural keys. Runs outside sandbox_pcall,
 * on the table rapport.lua returned. */
static void S_map_table(lua_State *L, script *s, int idx, int depth) {
  if (depth > 16)
    return;
  idx = lua_absindex(L, idx);
  luaL_checkstack(L, 6, "map");
  /* the tables done so far, so a table reached twice is mapped once */
  lua_getfield(L, LUA_REGISTRYINDEX, "rapport.mapped");
  lua_pushvalue(L, idx);
  bool seen = lua_rawget(L, -2) != LUA_TNIL;
  lua_pop(L, 1);
  if (seen) {
    lua_pop(L, 1);
    return;
  }
  lua_pushvalue(L, idx);
  lua_pushboolean(L, 1);
  lua_rawset(L, -3);
  lua_pop(L, 1);
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    bool skip = lua_type(L, -2) == LUA_TSTRING &&
                S_structural_key(lua_tostring(L, -2), depth);
    if (!skip && lua_type(L, -1) == LUA_TSTRING) {
      char *m = s->cfg.map_text(s->cfg.map_ctx, lua_tostring(L, -1));
      lua_pushvalue(L, -2);
      lua_pushstring(L, m);
      free(m);
      lua_rawset(L, idx); /* an existing key: next() is not disturbed */
    } else if (!skip && lua_type(L, -1) == LUA_TTABLE) {
      S_map_table(L, s, -1, depth + 1);
    }
    lua_pop(L, 1);
  }
}

/* The configuration as rapport.lua returns it, evaluated again in this
 * sandbox; the parsed project when that is not possible. A public
 * edition's sees its text through map_text (script.h). */
static void S_push_project(lua_State *L, script *s) {
  const project *p = s->cfg.proj;
  bool ok = p && p->config_path && fs_exists(p->config_path) &&
            S_run_table_file(L, s, p->config_path, "@rapport.lua",
                             p->config_path);
  if (!ok) {
    lua_settop(L, s->top_before_project);
    lua_newtable(L);
    if (p) {
      S_set_string(L, "title", p->title);
      S_set_string(L, "subtitle", p->subtitle);
      S_set_string(L, "organisation", p->organisation);
      S_set_string(L, "date", p->date);
      S_set_string(L, "lang", p->lang);
      S_set_string(L, "theme", p->theme_name);
      lua_pushboolean(L, p->fictional);
      lua_setfield(L, -2, "fictional");
      S_push_list(L, &p->authors);
      lua_setfield(L, -2, "authors");
      S_push_list(L, &p->levels);
      lua_setfield(L, -2, "levels");
      S_push_list(L, &p->rounds);
      lua_setfield(L, -2, "rounds");
      S_push_list(L, &p->elements);
      lua_setfield(L, -2, "elements");
      S_push_list(L, &p->partnerships);
      lua_setfield(L, -2, "partnerships");
    }
  }
  if (s->cfg.map_text) {
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "rapport.mapped");
    S_map_table(L, s, -1, 0);
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "rapport.mapped");
  }
  const edition *ed = s->cfg.ed;
  lua_createtable(L, 0, 3);
  if (ed) {
    S_set_string(L, "name", ed->name);
    if (s->cfg.map_text && ed->title) {
      char *t = s->cfg.map_text(s->cfg.map_ctx, ed->title);
      S_set_string(L, "title", t);
      free(t);
    } else {
      S_set_string(L, "title", ed->title);
    }
    S_push_list(L, &ed->rounds);
    lua_setfield(L, -2, "rounds");
  }
  lua_setfield(L, -2, "edition");
  lua_pushboolean(L, s->cfg.public_edition);
  lua_setfield(L, -2, "public");
}

static void S_push_locale(lua_State *L, script *s) {
  const char *lang = s->cfg.proj && s->cfg.proj->lang ? s->cfg.proj->lang
                                                      : "da";
  char rel[64];
  snprintf(rel, sizeof rel, "lua/locale/%.8s.lua", lang);
  char *path = s->install_dir ? fs_join(s->install_dir, rel) : NULL;
  int top = lua_gettop(L);
  bool ok = false;
  if (path && fs_exists(path)) {
    char name[80];
    snprintf(name, sizeof name, "@%s", rel);
    ok = S_run_table_file(L, s, path, name, path);
    if (ok)
      S_add_source(s, path);
  }
  free(path);
  if (!ok) {
    lua_settop(L, top);
    lua_newtable(L);
  }
}

/* rapport.text_width(s, size, bold): script_config.measure. */
static int S_rapport_text_width(lua_State *L) {
  script *s = sandbox_owner(L);
  size_t len;
  const char *text = luaL_checklstring(L, 1, &len);
  double size = luaL_checknumber(L, 2);
  luaL_argcheck(L, size > 0 && size < 1000, 2, "size");
  lua_pushnumber(L, s->cfg.measure(s->cfg.measure_ctx, text, len, size,
                                   lua_toboolean(L, 3)));
  return 1;
}

static int S_setup(lua_State *L) {
  script *s = lua_touserdata(L, 1);
  lua_settop(L, 0);
  lua_register(L, "require", S_require);
  lua_newtable(L);
  lua_setfield(L, LUA_REGISTRYINDEX, "rapport.loaded");
  lua_newtable(L);
  lua_setfield(L, LUA_REGISTRYINDEX, "rapport.components");

  lua_newtable(L);
  lua_pushcfunction(L, S_rapport_error);
  lua_setfield(L, -2, "error");
  lua_pushcfunction(L, S_rapport_warn);
  lua_setfield(L, -2, "warn");
  if (s->cfg.measure) {
    lua_pushcfunction(L, S_rapport_text_width);
    lua_setfield(L, -2, "text_width");
  }
  lua_pushstring(L, s->cfg.proj && s->cfg.proj->lang ? s->cfg.proj->lang
                                                     : "da");
  lua_setfield(L, -2, "lang");
  lua_setglobal(L, "rapport");

  S_push_data(L, s);
  lua_setglobal(L, "data");
  s->top_before_project = lua_gettop(L);
  S_push_project(L, s);
  lua_setglobal(L, "project");
  S_push_locale(L, s);
  lua_setglobal(L, "locale");
  return 0;
}

script *script_new(const script_config *cfg) {
  script *s = xcalloc(1, sizeof *s);
  s->cfg = *cfg;
  s->diags = cfg->diags;
  s->project_dir = cfg->proj && cfg->proj->dir ? xstrdup(cfg->proj->dir)
                                               : NULL;
  s->install_dir = xstrdup(cfg->install_dir ? cfg->install_dir : ".");
  sandbox_limits lim = {SCRIPT_MAX_INSTRUCTIONS, SCRIPT_MAX_MEMORY,
                        SCRIPT_WATCHDOG_SECONDS, SANDBOX_TEMPLATE,
                        S_note_place, s};
  s->sb = sandbox_new(&lim);
  s->L = sandbox_lua(s->sb);
  script_arm(s);
  lua_pushcfunction(s->L, S_setup);
  lua_pushlightuserdata(s->L, s);
  if (lua_pcall(s->L, 1, 0, 0) != LUA_OK) {
    if (s->diags)
      diag_error(s->diags, s->cfg.proj ? s->cfg.proj->config_path : NULL, 0, 0,
                 M_SCRIPT_TEMPLATES_LUA_COULD_NOT, lua_tostring(s->L, -1));
    lua_settop(s->L, 0);
  }
  lua_gc(s->L, LUA_GCCOLLECT);
  return s;
}

void script_set_limits(script *s, long max_instructions, size_t max_memory) {
  sandbox_set_limits(s->sb, max_instructions, max_memory, 0);
}

void script_set_watchdog(script *s, int cpu_seconds) {
  sandbox_set_limits(s->sb, 0, 0, cpu_seconds);
}

void script_free(script *s) {
  if (!s)
    return;
  sandbox_free(s->sb);
  for (size_t i = 0; i < s->sources.len; i++)
    free(s->sources.items[i]);
  free(s->sources.items);
  free(s->project_dir);
  free(s->install_dir);
  free(s);
}

const str_list *script_sources(const script *s) { return &s->sources; }
struct lua_State *script_lua(script *s) { return s->L; }
const char *script_project_dir(const script *s) {
  return s ? s->project_dir : NULL;
}
