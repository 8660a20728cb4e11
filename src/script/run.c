/* run.c - running directives and inline values in the sandbox, and
 * turning Lua errors into messages that name both the Markdown place and
 * the template file and line. */
#include <ctype.h>
#include <dirent.h>
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markdown/markdown.h"
#include "script/script.h"
#include "script/internal.h"
#include "script/nodes.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/mem.h"

void script_note_place(lua_State *L) {
  script *s = sandbox_owner(L);
  lua_Debug ar;
  /* the innermost frames only: lua_getstack walks from the top, and after
   * a stack overflow there are a million of them */
  for (int level = 0; level < 200 && lua_getstack(L, level, &ar); level++) {
    if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0 ||
        ar.source[0] != '@')
      continue;
    if (!s->err_src[0]) {
      snprintf(s->err_src, sizeof s->err_src, "%s", ar.source + 1);
      s->err_line = ar.currentline;
    }
    if (!s->err_comp[0] && s->run_display &&
        strcmp(ar.source + 1, s->run_display) == 0) {
      snprintf(s->err_comp, sizeof s->err_comp, "%s", ar.source + 1);
      s->err_comp_line = ar.currentline;
    }
  }
}

/* Message handler: notes where the error happened. */
static int S_msgh(lua_State *L) {
  script_note_place(L);
  return 1;
}

/* "lua/components/x.lua:12: attempt to ..." -> "attempt to ..." and 12.
 * The chunk name may hold spaces and colons (a project folder called
 * "Mine rapporter"): look for the first ":<digits>: " on the first line. */
static const char *S_strip_where(const char *msg, int *line) {
  *line = 0;
  for (const char *p = msg; *p && *p != '\n'; p++) {
    if (p[0] != ':' || !isdigit((unsigned char)p[1]))
      continue;
    char *end;
    long l = strtol(p + 1, &end, 10);
    if (end[0] == ':' && end[1] == ' ') {
      *line = (int)l;
      return end + 2;
    }
  }
  return msg;
}

/* Reports the error value on the top of the stack (from a run whose
 * lua_pcall returned rc) at file:line:col. what: "i komponenten 'x'" or
 * "i udtrykket {{ ... }}". */
static void S_report(script *s, int rc, const char *file, int line, int col,
                     const char *what) {
  lua_State *L = s->L;
  diag_list *dg = s->diags;
  const char *stop = sandbox_stopped(L, rc);
  /* in an inline expression the place is the Markdown's already */
  if (stop && (!s->err_src[0] || strcmp(s->err_src, file) == 0)) {
    diag_error(dg, file, line, col, "%s: %s", what, stop);
    return;
  }
  if (stop) {
    /* the count hook noted where the template was */
    if (s->err_comp[0] && (strcmp(s->err_src, s->err_comp) != 0 ||
                           s->err_line != s->err_comp_line))
      diag_error(dg, file, line, col, "%s (%s:%d, %s %s:%d): %s", what,
                 s->err_src, s->err_line, M_SCRIPT_CALLED_FROM, s->err_comp,
                 s->err_comp_line, stop);
    else
      diag_error(dg, file, line, col, "%s (%s:%d): %s", what, s->err_src,
                 s->err_line, stop);
    return;
  }
  /* rapport.error(msg [, row]) */
  if (lua_istable(L, -1)) {
    lua_getfield(L, -1, "rapport_error");
    bool ours = lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (ours) {
      lua_getfield(L, -1, "message");
      lua_getfield(L, -2, "file");
      lua_getfield(L, -3, "line");
      lua_getfield(L, -4, "argument_line");
      const char *msg = lua_tostring(L, -4);
      const char *rfile = lua_tostring(L, -3);
      int rline = (int)lua_tointeger(L, -2);
      int aline = (int)lua_tointeger(L, -1);
      lua_pop(L, 1);
      if (aline > 0 && s->run_component)
        /* about an argument the user wrote: its line, not the library's */
        diag_error(dg, file, aline, 0, M_SCRIPT_ARGUMENTS_I, s->run_component,
                   msg ? msg : "?");
      else if (rfile && rline > 0)
        diag_error(dg, rfile, rline, 0, "%s (%s, %s:%d)", msg ? msg : "?",
                   what, file, line);
      else if (s->err_comp[0])
        /* a message the component chose to give: name the component's
           line, not the library function (lua/lib/komponent.lua) that
           raised it on its behalf */
        diag_error(dg, file, line, col, "%s (%s:%d): %s", what, s->err_comp,
                   s->err_comp_line, msg ? msg : "?");
      else if (s->err_src[0])
        diag_error(dg, file, line, col, "%s (%s:%d): %s", what, s->err_src,
                   s->err_line, msg ? msg : "?");
      else
        diag_error(dg, file, line, col, "%s: %s", what, msg ? msg : "?");
      lua_pop(L, 3);
      return;
    }
  }
  const char *raw = lua_tostring(L, -1);
  if (!raw)
    raw = M_PROJECT_UNKNOWN_ERROR_ERROR_VALUE;
  int mline;
  const char *msg = S_strip_where(raw, &mline);
  if (s->phase == SCRIPT_PHASE_BODY && s->run_body) {
    /* the directive's own Lua: the lines are the Markdown file's */
    int at = mline ? mline : s->err_line ? s->err_line : line;
    if (s->err_src[0] && strcmp(s->err_src, file) != 0)
      diag_error(dg, file, at, 0, M_SCRIPT_ARGUMENTS, s->run_component,
                 s->err_src, s->err_line, msg);
    else
      diag_error(dg, file, at, 0, M_SCRIPT_ARGUMENTS_I, s->run_component, msg);
    return;
  }
  if (s->phase == SCRIPT_PHASE_LOAD) {
    diag_error(dg, file, line, col, M_SCRIPT_CANNOT_BE_LOADED, what, raw);
    return;
  }
  char where[1200];
  where[0] = '\0';
  if (s->err_comp[0] && s->err_src[0] &&
      (strcmp(s->err_src, s->err_comp) != 0 ||
       s->err_line != s->err_comp_line))
    snprintf(where, sizeof where, " (%s:%d, %s %s:%d)", s->err_src, s->err_line,
             M_SCRIPT_CALLED_FROM, s->err_comp, s->err_comp_line);
  else if (s->err_src[0])
    snprintf(where, sizeof where, " (%s:%d)", s->err_src, s->err_line);
  else if (mline && raw != msg)
    snprintf(where, sizeof where, " (%.*s)", (int)(msg - raw - 2), raw);
  diag_error(dg, file, line, col, "%s%s: %s", what, where, msg);
}

/* ---- component lookup ---- */

static int S_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void S_list_dir(const char *dir, str_list *out) {
  DIR *d = dir ? opendir(dir) : NULL;
  if (!d)
    return;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t n = strlen(e->d_name);
    if (n < 5 || strcmp(e->d_name + n - 4, ".lua") != 0 ||
        e->d_name[0] == '.')
      continue;
    char *name = xstrndup(e->d_name, n - 4);
    bool dup = false;
    for (size_t i = 0; i < out->len; i++)
      dup |= strcmp(out->items[i], name) == 0;
    if (dup) {
      free(name);
      continue;
    }
    out->items = xrealloc(out->items, (out->len + 1) * sizeof(char *));
    out->items[out->len++] = name;
  }
  closedir(d);
}

/* "baseline, idealtyper, placering" (caller frees) */
static char *S_available(script *s) {
  str_list l = {NULL, 0};
  char *a = s->project_dir ? fs_join(s->project_dir, "components") : NULL;
  char *b = fs_join(s->install_dir, "lua/components");
  S_list_dir(a, &l);
  S_list_dir(b, &l);
  free(a);
  free(b);
  if (l.len)
    qsort(l.items, l.len, sizeof(char *), S_cmp);
  buf out = BUF_INIT;
  for (size_t i = 0; i < l.len; i++) {
    buf_printf(&out, "%s%s", i ? ", " : "", l.items[i]);
    free(l.items[i]);
  }
  free(l.items);
  if (!out.len)
    buf_puts(&out, M_SCRIPT_NONE);
  return buf_detach(&out);
}

/* ---- directives ---- */

typedef struct {
  script *s;
  const char *name, *path, *display, *body, *file;
  int line;
} S_run_args;

/* Loads prefix..text as the chunk "@file" after `pad` empty lines, so the
 * line numbers in Lua's messages are the Markdown file's; a syntax error
 * is raised as a Lua error. */
static void S_load_at(lua_State *L, const char *file, int pad,
                      const char *prefix, const char *text) {
  buf chunk = BUF_INIT;
  for (int i = 0; i < pad; i++)
    buf_putc(&chunk, '\n');
  buf_puts(&chunk, prefix);
  buf_puts(&chunk, text);
  buf name = BUF_INIT;
  buf_printf(&name, "@%s", file);
  int rc = luaL_loadbufferx(L, buf_cstr(&chunk), chunk.len, buf_cstr(&name),
                            "t");
  buf_free(&chunk);
  buf_free(&name);
  if (rc != LUA_OK)
    lua_error(L);
}

static int S_directive(lua_State *L) {
  S_run_args *a = lua_touserdata(L, 1);
  script *s = a->s;
  lua_settop(L, 0);
  /* 1: the component's function, loaded once per state */
  s->phase = SCRIPT_PHASE_LOAD;
  lua_getfield(L, LUA_REGISTRYINDEX, "rapport.components");
  lua_getfield(L, 1, a->name);
  if (!lua_isfunction(L, -1)) {
    lua_pop(L, 1);
    script_load_file(L, s, a->path, a->display);
    s->phase = SCRIPT_PHASE_COMPONENT;
    lua_call(L, 0, 1);
    if (!lua_isfunction(L, -1))
      return luaL_error(L, M_SCRIPT_MUST_RETURN_FUNCTION_RETURN, a->display);
    lua_pushvalue(L, -1);
    lua_setfield(L, 1, a->name);
  }
  /* 2: the body, with the Markdown lines, in its own environment */
  s->phase = SCRIPT_PHASE_BODY;
  S_load_at(L, a->file, a->line, "", a->body ? a->body : "");
  lua_newtable(L); /* args */
  lua_createtable(L, 0, 1);
  lua_pushglobaltable(L);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
  lua_pushvalue(L, -1);
  lua_setupvalue(L, -3, 1); /* the body's _ENV */
  lua_insert(L, -2);
  lua_call(L, 0, 0);
  lua_pushnil(L);
  lua_setmetatable(L, -2); /* args reads only what the body assigned */
  /* 3: the component; several return values count as a list */
  s->phase = SCRIPT_PHASE_COMPONENT;
  int base = lua_gettop(L) - 2; /* below the function and args */
  lua_call(L, 1, LUA_MULTRET);
  int n = lua_gettop(L) - base;
  if (n == 1)
    return 1;
  lua_createtable(L, n, 0);
  for (int i = 1; i <= n; i++) {
    lua_pushvalue(L, base + i);
    lua_rawseti(L, -2, i);
  }
  return 1;
}

int script_run_directive(script *s, const char *name, const char *body,
                         doc *d, doc_node *parent, const char *file,
                         int line) {
  if (!s || !s->L)
    return -1;
  lua_State *L = s->L;
  char *display = NULL;
  char *path = script_find_module(s, name, &display, true);
  if (!path) {
    char *avail = S_available(s);
    diag_error(s->diags, file, line, 0, M_SCRIPT_COMPONENT_DOES_NOT_EXIST, name,
               name, name, avail);
    free(avail);
    return -1;
  }
  /* a public edition's body names what the mapped data holds */
  char *mapped = s->cfg.map_text && body ? script_map_literals(&s->cfg, body)
                                         : NULL;
  S_run_args a = {s, name, path, display, mapped ? mapped : body, file, line};
  s->run_file = file;
  s->run_line = line;
  s->run_component = name;
  s->run_display = display;
  s->run_body = body;
  script_arm(s);
  char what[300];
  snprintf(what, sizeof what, M_SCRIPT_COMPONENT_I, name);
  lua_settop(L, 0);
  lua_pushcfunction(L, S_msgh);
  lua_pushcfunction(L, S_directive);
  lua_pushlightuserdata(L, &a);
  sandbox_watch(L, file, line, what);
  int rc = sandbox_pcall(L, 1, 1, 1, file, line, what);
  int result = 0;
  if (rc != LUA_OK) {
    S_report(s, rc, file, line, 0, what);
    result = -1;
  } else {
    /* converting reads raw fields only (outside sandbox_pcall nothing is
     * capped, so our own pushes cannot fail) */
    sn_ctx c = {s, L, d, s->diags, file, line, name, s->project_dir, 0, 0,
                false, false};
    if (sn_append_blocks(&c, lua_gettop(L), parent) > 0)
      result = -1;
  }
  sandbox_unwatch(L);
  lua_settop(L, 0);
  /* no full collection here: with large data it costs more than the
   * garbage it frees; the cap is relative to what Lua holds then */
  s->run_file = s->run_component = s->run_display = s->run_body = NULL;
  free(mapped);
  free(path);
  free(display);
  return result;
}

/* ---- numbers and inline values ---- */

/* 1234567 -> "1.234.567", 3.456 -> "3,46", 2.50 -> "2,5" */
static void S_danish_number(buf *out, double v, bool integer,
                            long long iv) {
  char tmp[64];
  if (integer)
    snprintf(tmp, sizeof tmp, "%lld", iv);
  else if (!isfinite(v)) {
    buf_puts(out, v != v ? "?" : v > 0 ? "∞" : "-∞");
    return;
  } else {
    snprintf(tmp, sizeof tmp, "%.2f", v);
    char *dot = strchr(tmp, '.');
    if (dot) {
      char *e = tmp + strlen(tmp);
      while (e > dot + 1 && e[-1] == '0')
        *--e = '\0';
      if (e == dot + 1)
        *dot = '\0';
    }
    if (strcmp(tmp, "-0") == 0)
      snprintf(tmp, sizeof tmp, "0");
  }
  const char *p = tmp;
  if (*p == '-')
    buf_putc(out, *p++);
  size_t digits = strcspn(p, ".");
  for (size_t i = 0; i < digits; i++) {
    if (i && (digits - i) % 3 == 0)
      buf_putc(out, '.');
    buf_putc(out, p[i]);
  }
  if (p[digits] == '.') {
    buf_putc(out, ',');
    buf_puts(out, p + digits + 1);
  }
}

static int S_fmt_call(lua_State *L) {
  /* 1: the number; returns require("fmt").auto(n) */
  lua_getglobal(L, "require");
  lua_pushstring(L, "fmt");
  lua_call(L, 1, 1);
  lua_getfield(L, -1, "auto");
  lua_pushvalue(L, 1);
  lua_call(L, 1, 1);
  return 1;
}

char *script_number_text(script *s, int idx, const char *file, int line,
                         int col) {
  lua_State *L = s->L;
  idx = lua_absindex(L, idx);
  if (s->fmt == 0) {
    char *p = script_find_module(s, "fmt", NULL, false);
    s->fmt = p ? 1 : -1;
    free(p);
  }
  if (s->fmt == 1) {
    /* fmt may be the project's own lua/fmt.lua: under the limits */
    lua_pushcfunction(L, S_msgh);
    lua_pushcfunction(L, S_fmt_call);
    lua_pushvalue(L, idx);
    int rc = sandbox_pcall(L, 1, 1, -3, file, line, "fmt.auto");
    if (rc == LUA_OK && lua_type(L, -1) == LUA_TSTRING) {
      char *r = xstrdup(lua_tostring(L, -1));
      lua_pop(L, 2);
      return r;
    }
    if (rc != LUA_OK) {
      S_report(s, rc, file, line, col, M_SCRIPT_FMT_AUTO_LUA_LIB);
      lua_pop(L, 2);
      return NULL;
    }
    lua_pop(L, 2); /* not a string: fall back */
  }
  buf b = BUF_INIT;
  if (lua_isinteger(L, idx))
    S_danish_number(&b, 0, true, (long long)lua_tointeger(L, idx));
  else
    S_danish_number(&b, lua_tonumber(L, idx), false, 0);
  return buf_detach(&b);
}

static int S_inline(lua_State *L) {
  S_run_args *a = lua_touserdata(L, 1);
  lua_settop(L, 0);
  S_load_at(L, a->file, a->line - 1, "return ", a->body);
  lua_call(L, 0, 1);
  return 1;
}

char *script_eval_inline(script *s, const char *expr, const char *file,
                         int line, int col) {
  if (!s || !s->L)
    return NULL;
  lua_State *L = s->L;
  char what[300];
  snprintf(what, sizeof what, M_SCRIPT_EXPRESSION, expr);
  char *mapped = s->cfg.map_text ? script_map_literals(&s->cfg, expr) : NULL;
  S_run_args a = {s, NULL, NULL, NULL, mapped ? mapped : expr, file, line};
  s->run_file = file;
  s->run_line = line;
  s->run_component = NULL;
  s->run_display = NULL;
  s->run_body = NULL;
  s->phase = SCRIPT_PHASE_COMPONENT;
  script_arm(s);
  lua_settop(L, 0);
  lua_pushcfunction(L, S_msgh);
  lua_pushcfunction(L, S_inline);
  lua_pushlightuserdata(L, &a);
  sandbox_watch(L, file, line, what);
  int rc = sandbox_pcall(L, 1, 1, 1, file, line, what);
  char *result = NULL;
  if (rc != LUA_OK) {
    /* a syntax error names the Markdown line: drop that prefix */
    if (lua_type(L, -1) == LUA_TSTRING && !sandbox_stopped(L, rc) &&
        (s->err_src[0] == '\0' || strcmp(s->err_src, file) == 0)) {
      /* in the expression itself: the place is the Markdown's already */
      int ml;
      const char *m = S_strip_where(lua_tostring(L, -1), &ml);
      diag_error(s->diags, file, line, col, "%s: %s", what, m);
    } else {
      S_report(s, rc, file, line, col, what);
    }
  } else {
    int t = lua_type(L, -1);
    if (t == LUA_TNUMBER)
      result = script_number_text(s, -1, file, line, col);
    else if (t == LUA_TSTRING)
      result = xstrdup(lua_tostring(L, -1));
    else if (t == LUA_TNIL)
      diag_error(s->diags, file, line, col, M_SCRIPT_EXPRESSION_GAVE_NO_VALUE,
                 expr);
    else
      diag_error(s->diags, file, line, col, M_SCRIPT_EXPRESSION_GAVE_IT_MUST,
                 expr, lua_typename(L, t));
  }
  sandbox_unwatch(L);
  lua_settop(L, 0);
  s->run_file = NULL;
  free(mapped);
  return result;
}

/* ---- the door markdown calls through (markdown.h's md_directives) ---- */

static int S_md_run(void *ctx, const char *name, const char *body, doc *d,
                    doc_node *parent, const char *file, int line) {
  return script_run_directive(ctx, name, body, d, parent, file, line);
}

static char *S_md_eval(void *ctx, const char *expr, const char *file,
                       int line, int col) {
  return script_eval_inline(ctx, expr, file, line, col);
}

md_directives script_directives(script *s) {
  md_directives dx = {s,
                      S_md_run,
                      S_md_eval,
                      script_project_dir(s),
                      s->cfg.proj,
                      s->cfg.ed,
                      s->cfg.public_edition};
  return dx;
}
