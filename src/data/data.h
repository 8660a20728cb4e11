/* data.h - CSV data as users really have it (Excel on Danish machines):
 * dialect and encoding detection, parsing with libcsv, typed columns and
 * validation against the schema declared in rapport.lua. */
#ifndef RAPPORT_DATA_H
#define RAPPORT_DATA_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

typedef enum {
  COL_TEXT,
  COL_INTEGER,
  COL_DECIMAL, /* decimal comma or point */
  COL_DATE,    /* 18.9.2014, 18-09-2014 or 2014-09-18 */
  COL_LEVEL    /* one of the project's levels (kantine, klub, kompagni) */
} col_type;

/* Every string in a schema is owned by it (data_schema_free_fields). */
typedef struct {
  char *name;
  col_type type;
  bool required;
  bool sensitive;   /* never reaches a public edition */
  char **allowed;   /* allowed values (levels, elements, ...), NULL = any */
  size_t nallowed;
  char *allowed_from; /* name of the project list the values come from
                         ("elements"), for messages; may be NULL */
} col_schema;

typedef struct {
  char delimiter;   /* 0 = detect */
  char *encoding;   /* NULL = detect; "UTF-8", "WINDOWS-1252", "UTF-16",
                       or any name iconv knows ("ISO-8859-15") */
  char decimal;     /* 0 = detect per column */
  int header;       /* -1 = detect, 0 = no header row, 1 = header row */
} csv_dialect;

typedef struct {
  char *name;       /* the key in rapport.lua's data table */
  char *path;       /* as written in rapport.lua, relative to the project */
  col_schema *cols;
  size_t ncols;
  char *round_column; /* column holding the round; NULL = not per round */
  csv_dialect pinned; /* what rapport.lua pins; 0 / NULL = detect, except
                         header, where -1 = detect and 0 = no header row */
} data_schema;

/* A cell. raw is never NULL ("" when empty) and lives in the table's
 * string arena: read it, never free or resize it. Text is trimmed; a value
 * from an allowed list is stored in the list's canonical spelling. */
typedef struct {
  char *raw;        /* the cell as UTF-8 text, line breaks normalised to \n */
  bool empty;
  bool valid;       /* false when the cell had an error (v is then zero) */
  union {
    long long i;    /* COL_INTEGER */
    double d;       /* COL_DECIMAL */
    struct { int y, m, d; } date; /* COL_DATE */
    int level;      /* COL_LEVEL and any column with allowed values: index
                       into the column's allowed list */
  } v;
} data_cell;

typedef struct {
  int line;         /* line in the file where the row starts */
  data_cell *cells; /* one per schema column, in schema order */
} data_row;

typedef struct {
  const data_schema *schema; /* not owned */
  char *path;                /* full path read */
  data_row *rows;
  size_t nrows;
  csv_dialect detected;      /* what was found (encoding owned by the table;
                                decimal: the common one, 0 if columns differ) */
  bool had_bom;
  char line_end[5];          /* "CRLF", "LF", "CR", "" (a single line) */
  char *col_decimal;         /* per schema column: ',' or '.' for decimal
                                columns, 0 otherwise */
  bool *col_present;         /* per schema column: found in the file */
  /* private to data/ */
  struct data_arena *arena_;
  data_cell *cells_;
} data_table;

/* Reads and validates the file schema->path (relative to project_dir).
 * Reports every problem found into diags under schema->path as written in
 * rapport.lua (line, column = 1-based field for a cell, value, what
 * was expected) and returns NULL if the file could not be used at all; a
 * table with invalid cells is still returned (with errors in diags) so that
 * all errors can be reported in one run. */
data_table *data_table_load(const data_schema *schema, const char *project_dir,
                            diag_list *diags);
void data_table_free(data_table *t);
/* "semikolon-separeret, UTF-8 med BOM, CRLF, overskriftsrække,
 * decimalkomma i 'antal'" (in the interface language). Caller frees. */
char *data_dialect_describe(const data_table *t);
/* Called for each non-empty cell of column `col` by data_table_map: a
 * malloc'd replacement for its text, or NULL to keep it. */
typedef char *(*data_text_fn)(void *ctx, const col_schema *col,
                              const char *text);
/* A copy of t (same schema, rows, lines, values and dialect) whose cells'
 * text is what fn makes of it; fn NULL copies. The copy owns its strings
 * and is freed with data_table_free; t is not changed. */
data_table *data_table_map(const data_table *t, data_text_fn fn, void *ctx);
/* Index of a column by name, -1 if none. */
int data_column_index(const data_schema *s, const char *name);
void data_schema_free_fields(data_schema *s);

#endif
