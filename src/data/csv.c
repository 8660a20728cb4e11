/* csv.c - STUB: to be replaced by the data stage. */
#include <stdlib.h>

#include "data.h"

data_table *data_table_load(const data_schema *schema, const char *project_dir,
                            diag_list *diags) {
  (void)project_dir;
  diag_error(diags, schema->path, 0, 0, "CSV-læsning er ikke implementeret");
  return NULL;
}
void data_table_free(data_table *t) { (void)t; }
char *data_dialect_describe(const data_table *t) { (void)t; return NULL; }
int data_column_index(const data_schema *s, const char *name) {
  (void)s; (void)name; return -1;
}
void data_schema_free_fields(data_schema *s) { (void)s; }
