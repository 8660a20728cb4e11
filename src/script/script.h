/* script.h - the Lua side: a sandboxed Lua 5.4 state per edition in which
 * components (lua/components/NAME.lua, PROJECT/components/NAME.lua) turn data into
 * document nodes, and `{{ expr }}` values are evaluated.
 *
 * The C/Lua boundary is the stack API only: data tables are pushed as Lua
 * tables, and components return plain Lua tables describing nodes, which
 * script.c converts to doc nodes (see README "Komponenter"). */
#ifndef RAPPORT_SCRIPT_H
#define RAPPORT_SCRIPT_H

#include <stdbool.h>

#include "doc/doc.h"
#include "markdown/markdown.h"
#include "project/project.h"
#include "util/diag.h"

typedef struct script script;

typedef struct {
  const project *proj;
  const edition *ed;
  data_table **tables;     /* parallel to proj->data; entries may be NULL */
  bool public_edition;     /* drop sensitive columns */
  const char *install_dir; /* where lua/ and themes/ live */
  diag_list *diags;
  /* Public editions: the pseudonymisation (anon_text), so the templates
   * compute and measure with the pseudonyms. Applied to the strings of the
   * project table (not its keys, nor data, chapters, editions, mapping,
   * bibliography, theme, lang, date, levels, rounds and unit.column, which
   * name files, columns and values the data is matched on), the edition's
   * title, and the string literals of directive bodies and {{ }}
   * expressions. Returns a malloc'd string. The tables above must then be
   * mapped the same way (anon_tables). NULL = no mapping. */
  char *(*map_text)(void *ctx, const char *text);
  void *map_ctx;
  /* The width in points of text[0..len) at size, regular or bold, in the
   * font the PDF draws charts with: the caller hands in the layout stage's
   * metrics (which this stage may not include), so the templates wrap
   * chart titles and labels by the real font. Lua calls it as
   * rapport.text_width(s, size, bold). NULL: no such function, and
   * lua/lib/tegning.lua estimates. */
  double (*measure)(void *ctx, const char *text, size_t len, double size,
                    bool bold);
  void *measure_ctx;
} script_config;

/* A fresh sandbox; never NULL (out of memory exits through mem_fail). A
 * failure of the templates' setup is reported to cfg->diags. */
script *script_new(const script_config *cfg);
void script_free(script *s);

/* Limits per directive or inline value; 0 keeps the default (200 million
 * VM instructions; 256 MB of memory beyond what the data takes). */
void script_set_limits(script *s, long max_instructions, size_t max_memory);
/* CPU seconds after which a template stuck inside a C function (a string
 * pattern that never ends) stops the build; 0 keeps the default (30). */
void script_set_watchdog(script *s, int cpu_seconds);

/* Evaluates the Lua expression of an inline `{{ expr }}`. Numbers come back
 * formatted the Danish way. Returns a string the caller frees, or NULL
 * after reporting an error at file:line:col. */
char *script_eval_inline(script *s, const char *expr, const char *file,
                         int line, int col);

/* Runs component `name` with the directive's body (Lua assignments, which
 * become the component's argument table) and appends the blocks it returns
 * to parent. Errors name the template file and line and the Markdown
 * file:line of the directive. Returns 0 or -1. */
int script_run_directive(script *s, const char *name, const char *body,
                         doc *d, doc_node *parent, const char *file, int line);

/* The callbacks through which markdown runs the directives and inline
 * values of a chapter in s (s must outlive the parse). */
md_directives script_directives(script *s);

/* The project folder (images and modules are resolved against it). */
const char *script_project_dir(const script *s);

/* Every file the state loaded (components, libraries), for dependencies. */
const str_list *script_sources(const script *s);

/* The template state, for the citation style (cite.c), which calls into
 * it only through sandbox_pcall (sandbox.h), so a project's own style runs
 * under the same limits as its components. */
struct lua_State;
struct lua_State *script_lua(script *s);

/* Converts the citation style's INLINES at idx of L (a string, a number,
 * an inline node of README "Components" or a list of those) into nodes of
 * d appended to parent, through the converter components' text goes
 * through. Reads raw fields only, so no Lua code runs; numbers are written
 * as Lua writes them. Each mistake is reported to diags at file:line (NULL
 * and 0 for none) as "i litteraturstilen 'style': ...". Returns the
 * number of errors. */
size_t script_style_inlines(struct lua_State *L, int idx, doc *d,
                            doc_node *parent, const char *style,
                            const char *file, int line, diag_list *diags);

#endif
