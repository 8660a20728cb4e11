/* script.c - STUB: to be replaced by the template stage. */
#include "script.h"

#include <stdlib.h>

#include "util/mem.h"

struct script { str_list sources; };
script *script_new(const script_config *cfg) { (void)cfg; return xcalloc(1, sizeof(script)); }
void script_free(script *s) { free(s); }
char *script_eval_inline(script *s, const char *expr, const char *file, int line, int col) {
  (void)s; (void)expr; (void)file; (void)line; (void)col; return NULL;
}
int script_run_directive(script *s, const char *name, const char *body, doc *d,
                         doc_node *parent, const char *file, int line) {
  (void)s; (void)name; (void)body; (void)d; (void)parent; (void)file; (void)line; return -1;
}
const str_list *script_sources(const script *s) { return &s->sources; }
struct lua_State *script_lua(script *s) { (void)s; return NULL; }
