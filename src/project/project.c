/* project.c - loads rapport.lua: metadata, the analysis frame, data schemas
 * and editions. The file runs in the configuration sandbox (luacfg.c); this
 * module only reads the returned table, checking each field's type and
 * reporting mistakes with the file name and the field. */
#include "project/project.h"

#include <lauxlib.h>
#include <lua.h>
#include <stdlib.h>
#include <string.h>

#include "project/luacfg.h"
#include "util/buf.h"
#include "util/confine.h"
#include "util/fs.h"
#include "util/mem.h"

/* ---- string lists ---- */

static bool S_list_has(const str_list *l, const char *s) {
  for (size_t i = 0; i < l->len; i++)
    if (strcmp(l->items[i], s) == 0)
      return true;
  return false;
}

void str_list_push(str_list *l, const char *s) {
  l->items = xrealloc(l->items, (l->len + 1) * sizeof *l->items);
  l->items[l->len++] = xstrdup(s);
}

void str_list_free(str_list *l) {
  for (size_t i = 0; i < l->len; i++)
    free(l->items[i]);
  free(l->items);
  l->items = NULL;
  l->len = 0;
}

/* "kantine, klub, kompagni" (caller frees) */
static char *S_list_join(const str_list *l, const char *sep) {
  buf b = BUF_INIT;
  for (size_t i = 0; i < l->len; i++) {
    if (i)
      buf_puts(&b, sep);
    buf_puts(&b, l->items[i]);
  }
  return buf_detach(&b);
}

/* ---- reading fields of the table on top of the stack ---- */

typedef struct {
  lua_State *L;
  const char *file;
  diag_list *diags;
} S_reader;

static void S_bad(S_reader *r, const char *field, const char *expected) {
  diag_error(r->diags, r->file, 0, 0, M_PROJECT_FIELD_MUST_BE, field, expected);
}

/* Pushes t[key] for the table at idx. */
static int S_field(S_reader *r, int idx, const char *key) {
  return lua_getfield(r->L, idx, key);
}

static char *S_string(S_reader *r, int idx, const char *key,
                      const char *path, bool required) {
  int t = S_field(r, idx, key);
  char *v = NULL;
  if (t == LUA_TSTRING || t == LUA_TNUMBER)
    v = xstrdup(lua_tostring(r->L, -1));
  else if (t != LUA_TNIL)
    S_bad(r, path, M_PROJECT_STRING);
  else if (required)
    diag_error(r->diags, r->file, 0, 0, M_PROJECT_FIELD_IS_MISSING_ADD, path,
               key);
  lua_pop(r->L, 1);
  return v;
}

static bool S_bool(S_reader *r, int idx, const char *key, bool def) {
  int t = S_field(r, idx, key);
  bool v = t == LUA_TNIL ? def : lua_toboolean(r->L, -1);
  lua_pop(r->L, 1);
  return v;
}

/* Reads an array of strings at idx[key] into l. */
static void S_list(S_reader *r, int idx, const char *key, const char *path,
                   str_list *l) {
  int t = S_field(r, idx, key);
  if (t == LUA_TTABLE) {
    lua_Integer n = luaL_len(r->L, -1);
    for (lua_Integer i = 1; i <= n; i++) {
      int et = lua_geti(r->L, -1, i);
      if (et == LUA_TSTRING || et == LUA_TNUMBER)
        str_list_push(l, lua_tostring(r->L, -1));
      else
        S_bad(r, path, M_PROJECT_LIST_STRINGS_B);
      lua_pop(r->L, 1);
    }
  } else if (t == LUA_TSTRING) {
    str_list_push(l, lua_tostring(r->L, -1));
  } else if (t != LUA_TNIL) {
    S_bad(r, path, M_PROJECT_LIST_STRINGS_B);
  }
  lua_pop(r->L, 1);
}

static const struct {
  const char *name;
  col_type type;
} S_types[] = {{"text", COL_TEXT},       {"tekst", COL_TEXT},
               {"integer", COL_INTEGER}, {"heltal", COL_INTEGER},
               {"decimal", COL_DECIMAL}, {"decimaltal", COL_DECIMAL},
               {"date", COL_DATE},       {"dato", COL_DATE},
               {"level", COL_LEVEL},     {"niveau", COL_LEVEL}};

static const str_list *S_named_list(const project *p, const char *name) {
  if (!strcmp(name, "elements"))
    return &p->elements;
  if (!strcmp(name, "rounds"))
    return &p->rounds;
  if (!strcmp(name, "partnerships") || !strcmp(name, "units"))
    return &p->partnerships;
  if (!strcmp(name, "levels"))
    return &p->levels;
  return NULL;
}

static void S_set_allowed(col_schema *c, const str_list *l, const char *from) {
  c->allowed = xcalloc(l->len + 1, sizeof *c->allowed);
  for (size_t i = 0; i < l->len; i++)
    c->allowed[i] = xstrdup(l->items[i]);
  c->nallowed = l->len;
  c->allowed_from = from ? xstrdup(from) : NULL;
}

/* The keys of rapport.lua's inner tables (the unit's forms are read by
 * lua/lib/komponent.lua, K.UNIT_FIELDS): a key close to one is a typo. */
static const char *const S_unit_keys[] = {
    "singular", "plural", "definite", "definite_plural", "column", NULL};
static const char *const S_edition_keys[] = {"name",     "title",  "date",
                                             "chapters", "rounds", NULL};
static const char *const S_data_keys[] = {"file", "round", "columns",
                                          "dialect", NULL};
static const char *const S_column_keys[] = {"name",   "type",      "required",
                                            "values", "sensitive", NULL};
static const char *const S_dialect_keys[] = {"delimiter", "encoding",
                                             "decimal", "header", NULL};

/* One column: { "name", "type", required = true, values = ..., sensitive } */
static void S_column(S_reader *r, project *p, col_schema *c, const char *dname,
                     int i) {
  lua_State *L = r->L;
  buf path = BUF_INIT;
  buf_printf(&path, "data.%s.columns[%d]", dname, i);
  if (!lua_istable(L, -1)) {
    S_bad(r, buf_cstr(&path), M_PROJECT_TABLE_NAME_TEXT_REQUIRED);
    c->name = xstrdup("?");
    buf_free(&path);
    return;
  }
  int idx = lua_gettop(L);
  luacfg_check_keys(L, idx, S_column_keys, buf_cstr(&path), r->file, r->diags);
  lua_geti(L, idx, 1);
  if (lua_type(L, -1) == LUA_TSTRING)
    c->name = xstrdup(lua_tostring(L, -1));
  lua_pop(L, 1);
  if (!c->name)
    c->name = S_string(r, idx, "name", buf_cstr(&path), true);
  if (!c->name)
    c->name = xstrdup("?");
  lua_geti(L, idx, 2);
  const char *type = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
  char *type2 = type ? NULL : S_string(r, idx, "type", buf_cstr(&path), false);
  if (!type)
    type = type2 ? type2 : "text";
  bool found = false;
  for (size_t k = 0; k < sizeof S_types / sizeof S_types[0]; k++)
    if (!strcmp(S_types[k].name, type)) {
      c->type = S_types[k].type;
      found = true;
    }
  if (!found)
    diag_error(r->diags, r->file, 0, 0, M_PROJECT_COLUMN_DATA_HAS_UNKNOWN,
               c->name, dname, type);
  lua_pop(L, 1);
  free(type2);
  c->required = S_bool(r, idx, "required", false);
  c->sensitive = S_bool(r, idx, "sensitive", false);
  int vt = S_field(r, idx, "values");
  if (vt == LUA_TSTRING) {
    const char *name = lua_tostring(L, -1);
    const str_list *l = S_named_list(p, name);
    if (l)
      S_set_allowed(c, l, name);
    else
      diag_error(r->diags, r->file, 0, 0, M_PROJECT_COLUMN_DATA_VALUES_IS,
                 c->name, dname, name);
    lua_pop(L, 1);
  } else if (vt == LUA_TTABLE) {
    lua_pop(L, 1);
    str_list l = {0};
    S_list(r, idx, "values", buf_cstr(&path), &l);
    S_set_allowed(c, &l, NULL);
    str_list_free(&l);
  } else {
    lua_pop(L, 1);
    if (c->type == COL_LEVEL)
      S_set_allowed(c, &p->levels, "levels");
  }
  buf_free(&path);
}

static void S_dialect(S_reader *r, int idx, csv_dialect *d, const char *dname) {
  lua_State *L = r->L;
  d->header = -1;
  if (S_field(r, idx, "dialect") != LUA_TTABLE) {
    lua_pop(L, 1);
    return;
  }
  int di = lua_gettop(L);
  buf path = BUF_INIT;
  buf_printf(&path, "data.%s.dialect", dname);
  luacfg_check_keys(L, di, S_dialect_keys, buf_cstr(&path), r->file, r->diags);
  char *delim = S_string(r, di, "delimiter", buf_cstr(&path), false);
  if (delim) {
    d->delimiter = !strcmp(delim, "tab") || !strcmp(delim, "\\t") ? '\t'
                                                                   : delim[0];
    free(delim);
  }
  d->encoding = S_string(r, di, "encoding", buf_cstr(&path), false);
  char *dec = S_string(r, di, "decimal", buf_cstr(&path), false);
  if (dec) {
    d->decimal = dec[0];
    free(dec);
  }
  if (S_field(r, di, "header") != LUA_TNIL)
    d->header = lua_toboolean(L, -1) ? 1 : 0;
  lua_pop(L, 2);
  buf_free(&path);
}

static void S_data(S_reader *r, project *p, int idx) {
  lua_State *L = r->L;
  int t = S_field(r, idx, "data");
  if (t == LUA_TNIL) {
    lua_pop(L, 1);
    return;
  }
  if (t != LUA_TTABLE) {
    S_bad(r, "data", M_PROJECT_TABLE);
    lua_pop(L, 1);
    return;
  }
  int di = lua_gettop(L);
  /* collect names sorted, so the order does not depend on Lua's hashing */
  str_list names = {0};
  lua_pushnil(L);
  while (lua_next(L, di)) {
    if (lua_type(L, -2) == LUA_TSTRING)
      str_list_push(&names, lua_tostring(L, -2));
    lua_pop(L, 1);
  }
  for (size_t a = 1; a < names.len; a++)
    for (size_t b = a; b > 0 && strcmp(names.items[b - 1], names.items[b]) > 0;
         b--) {
      char *tmp = names.items[b];
      names.items[b] = names.items[b - 1];
      names.items[b - 1] = tmp;
    }
  p->data = xcalloc(names.len + 1, sizeof *p->data);
  for (size_t i = 0; i < names.len; i++) {
    data_schema *s = &p->data[p->ndata++];
    s->name = xstrdup(names.items[i]);
    s->pinned.header = -1;
    lua_getfield(L, di, names.items[i]);
    int si = lua_gettop(L);
    buf path = BUF_INIT;
    buf_printf(&path, "data.%s", s->name);
    if (!lua_istable(L, si)) {
      S_bad(r, buf_cstr(&path), M_PROJECT_TABLE_FILE_COLUMNS);
      lua_pop(L, 1);
      buf_free(&path);
      continue;
    }
    luacfg_check_keys(L, si, S_data_keys, buf_cstr(&path), r->file, r->diags);
    buf_puts(&path, ".file");
    s->path = S_string(r, si, "file", buf_cstr(&path), true);
    s->round_column = S_string(r, si, "round", "round", false);
    S_dialect(r, si, &s->pinned, s->name);
    if (S_field(r, si, "columns") == LUA_TTABLE) {
      int ci = lua_gettop(L);
      lua_Integer n = luaL_len(L, ci);
      s->cols = xcalloc((size_t)n + 1, sizeof *s->cols);
      for (lua_Integer k = 1; k <= n; k++) {
        lua_geti(L, ci, k);
        S_column(r, p, &s->cols[s->ncols++], s->name, (int)k);
        lua_pop(L, 1);
      }
    } else {
      diag_error(r->diags, r->file, 0, 0, M_PROJECT_DATA_LACKS_COLUMNS_COLUMNS,
                 s->name);
    }
    lua_pop(L, 1);
    if (s->round_column && data_column_index(s, s->round_column) < 0)
      diag_error(r->diags, r->file, 0, 0, M_PROJECT_DATA_ROUND_IS_NOT, s->name,
                 s->round_column);
    if (!s->path)
      s->path = xstrdup("");
    lua_pop(L, 1);
    buf_free(&path);
  }
  str_list_free(&names);
  lua_pop(L, 1);
}

static void S_editions(S_reader *r, project *p, int idx) {
  lua_State *L = r->L;
  int t = S_field(r, idx, "editions");
  if (t == LUA_TTABLE) {
    lua_Integer n = luaL_len(L, -1);
    p->editions = xcalloc((size_t)n + 1, sizeof *p->editions);
    for (lua_Integer i = 1; i <= n; i++) {
      lua_geti(L, -1, i);
      int ei = lua_gettop(L);
      edition *e = &p->editions[p->neditions++];
      buf path = BUF_INIT;
      buf_printf(&path, "editions[%lld]", (long long)i);
      if (!lua_istable(L, ei)) {
        S_bad(r, buf_cstr(&path),
              "{ name = \"midtvejs\", title = \"...\", rounds = { ... } }");
        e->name = xstrdup("?");
      } else {
        luacfg_check_keys(L, ei, S_edition_keys, buf_cstr(&path), r->file,
                          r->diags);
        e->name = S_string(r, ei, "name", buf_cstr(&path), true);
        e->title = S_string(r, ei, "title", buf_cstr(&path), false);
        e->date = S_string(r, ei, "date", buf_cstr(&path), false);
        S_list(r, ei, "chapters", buf_cstr(&path), &e->chapters);
        S_list(r, ei, "rounds", buf_cstr(&path), &e->rounds);
      }
      if (!e->name)
        e->name = xstrdup("?");
      buf_free(&path);
      lua_pop(L, 1);
    }
  } else if (t != LUA_TNIL) {
    S_bad(r, "editions", M_PROJECT_LIST_EDITIONS);
  }
  lua_pop(L, 1);
  if (p->neditions == 0) {
    /* one edition holding everything */
    p->editions = xcalloc(1, sizeof *p->editions);
    p->neditions = 1;
    p->editions[0].name = xstrdup("rapport");
  }
  for (size_t i = 0; i < p->neditions; i++) {
    edition *e = &p->editions[i];
    if (e->chapters.len == 0)
      for (size_t k = 0; k < p->chapters.len; k++)
        str_list_push(&e->chapters, p->chapters.items[k]);
    if (e->rounds.len == 0)
      for (size_t k = 0; k < p->rounds.len; k++)
        str_list_push(&e->rounds, p->rounds.items[k]);
    for (size_t k = 0; k < e->rounds.len; k++)
      if (p->rounds.len && !S_list_has(&p->rounds, e->rounds.items[k])) {
        char *allowed = S_list_join(&p->rounds, ", ");
        diag_error(r->diags, r->file, 0, 0, M_PROJECT_EDITION_NAMES_ROUND_WHICH,
                   e->name, e->rounds.items[k], allowed);
        free(allowed);
      }
    for (size_t k = 0; k < e->chapters.len; k++) {
      char *cp = fs_join(p->dir, e->chapters.items[k]);
      if (!fs_exists(cp))
        diag_error(r->diags, r->file, 0, 0, M_PROJECT_CHAPTER_EDITION_DOES_NOT,
                   e->chapters.items[k], e->name);
      free(cp);
    }
    for (size_t k = 0; k < i; k++)
      if (!strcmp(p->editions[k].name, e->name))
        diag_error(r->diags, r->file, 0, 0, M_PROJECT_EDITION_IS_NAMED_TWICE,
                   e->name);
    for (const char *c = e->name; *c; c++)
      if (*c == '/' || *c == '\\' || (c == e->name && *c == '.')) {
        diag_error(r->diags, r->file, 0, 0, M_PROJECT_EDITION_NAME_BECOMES_FILE,
                   e->name);
        break;
      }
  }
}

/* Refuses, at rapport.lua, a file it names outside the folders the project
 * may read (util/confine.h): the path was written there. A missing or
 * special file (a FIFO, a folder) is left to the readers, which name the
 * file itself and let `rapport check` go on to the next one. */
static void S_confine_one(S_reader *r, const project *p, confine_kind kind,
                          const char *name) {
  if (!name || !*name)
    return;
  char *path = fs_join(p->dir, name);
  confine_status st = confine_check(path);
  if (st == CONFINE_OUTSIDE)
    confine_report(r->diags, r->file, 0, 0, kind, name, path, st);
  free(path);
}

/* Every file rapport.lua names, before anything is read or written; a
 * chapter shared by several editions is reported once. */
static void S_confine(S_reader *r, const project *p) {
  str_list seen = {0};
  for (size_t i = 0; i < p->neditions; i++)
    for (size_t k = 0; k < p->editions[i].chapters.len; k++) {
      const char *c = p->editions[i].chapters.items[k];
      if (!S_list_has(&seen, c)) {
        str_list_push(&seen, c);
        S_confine_one(r, p, CONFINE_CHAPTER, c);
      }
    }
  str_list_free(&seen);
  for (size_t i = 0; i < p->ndata; i++)
    S_confine_one(r, p, CONFINE_DATA, p->data[i].path);
  S_confine_one(r, p, CONFINE_MAPPING, p->mapping);
  S_confine_one(r, p, CONFINE_BIB, p->bibliography);
  S_confine_one(r, p, CONFINE_IMAGE, p->logo);
  S_confine_one(r, p, CONFINE_IMAGE, p->cover);
}

static void S_authors(S_reader *r, project *p, int idx) {
  S_list(r, idx, "authors", "authors", &p->authors);
}

/* The fields of rapport.lua that rapport and its components read (README);
 * a key close to one of these is probably a typo. */
static const char *const S_known_keys[] = {
    "title",        "subtitle",     "authors",      "organisation",
    "date",         "fictional",    "lang",         "theme",
    "subject",      "keywords",     "levels",       "rounds",
    "elements",     "partnerships", "chapters",     "allow_names",
    "mapping",      "bibliography", "data",         "editions",
    "round_names",  "level_names",  "level_labels", "citation_style",
    "unit",         "units",        "words",        "toc",
    "logo",         "logo_alt",     "cover",        "cover_alt",
    NULL};

char *project_dir_name(const char *dir) {
  char *real = fs_realpath(dir);
  char *name = fs_basename(real ? real : dir);
  free(real);
  return name;
}

project *project_load(const char *dir, diag_list *diags) {
  if (!fs_is_dir(dir)) {
    diag_error(diags, dir, 0, 0, M_PROJECT_PROJECT_FOLDER_DOES_NOT);
    return NULL;
  }
  char *cfg = fs_join(dir, "rapport.lua");
  if (!fs_exists(cfg)) {
    diag_error(diags, cfg, 0, 0, M_PROJECT_FILE_IS_MISSING_PROJECT);
    free(cfg);
    return NULL;
  }
  /* rapport.lua itself: a FIFO would hang the Lua loader, and a symlink out
     of the project would run a file the user did not give */
  confine_status st = confine_check(cfg);
  if (st != CONFINE_OK) {
    confine_report(diags, cfg, 0, 0, CONFINE_CONFIG, cfg, cfg, st);
    free(cfg);
    return NULL;
  }
  project *p = xcalloc(1, sizeof *p);
  p->dir = xstrdup(dir);
  p->name = project_dir_name(dir);
  p->config_path = cfg;
  str_list_push(&p->sources, cfg);
  lua_State *L = luacfg_state();
  if (!luacfg_run(L, cfg, cfg, diags)) {
    luacfg_close(L);
    project_free(p);
    return NULL;
  }
  S_reader r = {L, cfg, diags};
  int idx = lua_gettop(L);
  luacfg_check_keys(L, idx, S_known_keys, NULL, cfg, diags);
  if (lua_getfield(L, idx, "unit") == LUA_TTABLE)
    luacfg_check_keys(L, -1, S_unit_keys, "unit", cfg, diags);
  lua_pop(L, 1);
  size_t errors0 = diags->errors;
  p->lang = S_string(&r, idx, "lang", "lang", false);
  if (!p->lang)
    p->lang = xstrdup("da");
  msg_lang_from_project(p->lang);
  p->title = S_string(&r, idx, "title", "title", true);
  p->subtitle = S_string(&r, idx, "subtitle", "subtitle", false);
  p->organisation = S_string(&r, idx, "organisation", "organisation", false);
  p->date = S_string(&r, idx, "date", "date", false);
  p->theme_name = S_string(&r, idx, "theme", "theme", false);
  if (!p->theme_name)
    p->theme_name = xstrdup("klassisk");
  p->subject = S_string(&r, idx, "subject", "subject", false);
  p->keywords = S_string(&r, idx, "keywords", "keywords", false);
  p->fictional = S_bool(&r, idx, "fictional", false);
  p->toc = S_bool(&r, idx, "toc", false);
  /* the other words of `words` are the components' (lua/lib/komponent.lua) */
  if (S_field(&r, idx, "words") == LUA_TTABLE)
    p->public_word = S_string(&r, lua_gettop(L), "public_edition",
                              "words.public_edition", false);
  lua_pop(L, 1);
  S_authors(&r, p, idx);
  S_list(&r, idx, "levels", "levels", &p->levels);
  if (p->levels.len == 0) {
    str_list_push(&p->levels, "kantine");
    str_list_push(&p->levels, "klub");
    str_list_push(&p->levels, "kompagni");
  }
  S_list(&r, idx, "rounds", "rounds", &p->rounds);
  S_list(&r, idx, "elements", "elements", &p->elements);
  /* the units followed: `units`, or by their older name `partnerships` */
  S_list(&r, idx, "partnerships", "partnerships", &p->partnerships);
  if (p->partnerships.len == 0)
    S_list(&r, idx, "units", "units", &p->partnerships);
  S_list(&r, idx, "chapters", "chapters", &p->chapters);
  S_list(&r, idx, "allow_names", "allow_names", &p->allow_names);
  p->mapping = S_string(&r, idx, "mapping", "mapping", false);
  p->logo = S_string(&r, idx, "logo", "logo", false);
  p->logo_alt = S_string(&r, idx, "logo_alt", "logo_alt", false);
  p->cover = S_string(&r, idx, "cover", "cover", false);
  p->cover_alt = S_string(&r, idx, "cover_alt", "cover_alt", false);
  p->bibliography = S_string(&r, idx, "bibliography", "bibliography", false);
  S_data(&r, p, idx);
  S_editions(&r, p, idx);
  S_confine(&r, p);
  if (p->date && !(strlen(p->date) == 10 && p->date[4] == '-' &&
                   p->date[7] == '-'))
    diag_error(diags, cfg, 0, 0, M_PROJECT_DATE_MUST_BE_WRITTEN, p->date);
  luacfg_close(L);
  if (diags->errors > errors0) {
    project_free(p);
    return NULL;
  }
  return p;
}

static void S_edition_free(edition *e) {
  free(e->name);
  free(e->title);
  free(e->date);
  str_list_free(&e->chapters);
  str_list_free(&e->rounds);
}

void project_free(project *p) {
  if (!p)
    return;
  free(p->dir);
  free(p->name);
  free(p->config_path);
  free(p->title);
  free(p->subtitle);
  free(p->organisation);
  free(p->date);
  free(p->lang);
  free(p->theme_name);
  free(p->subject);
  free(p->keywords);
  free(p->public_word);
  free(p->mapping);
  free(p->logo);
  free(p->logo_alt);
  free(p->cover);
  free(p->cover_alt);
  free(p->bibliography);
  str_list_free(&p->authors);
  str_list_free(&p->elements);
  str_list_free(&p->rounds);
  str_list_free(&p->partnerships);
  str_list_free(&p->levels);
  str_list_free(&p->chapters);
  str_list_free(&p->allow_names);
  str_list_free(&p->sources);
  for (size_t i = 0; i < p->ndata; i++)
    data_schema_free_fields(&p->data[i]);
  free(p->data);
  for (size_t i = 0; i < p->neditions; i++)
    S_edition_free(&p->editions[i]);
  free(p->editions);
  free(p);
}

const edition *project_edition(const project *p, const char *name) {
  for (size_t i = 0; i < p->neditions; i++)
    if (strcmp(p->editions[i].name, name) == 0)
      return &p->editions[i];
  return NULL;
}
