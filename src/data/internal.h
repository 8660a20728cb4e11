/* internal.h - what the files of src/data/ share and nobody else sees:
 * the string arena, the decoded text, delimiter sniffing and cell typing. */
#ifndef RAPPORT_DATA_INTERNAL_H
#define RAPPORT_DATA_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/diag.h"
#include "data/data.h"

/* ---- arena.c: strings of one table, freed all at once ---- */

typedef struct data_arena data_arena;
data_arena *data_arena_new(void);
void data_arena_free(data_arena *a);
/* A NUL-terminated copy of s[0..n). */
char *data_arena_strndup(data_arena *a, const char *s, size_t n);

/* ---- decode.c: bytes -> UTF-8 text with \n line ends ---- */

typedef struct {
  char *text;           /* UTF-8, "\n" line ends, ends with '\n' unless empty */
  size_t len;
  char *encoding;       /* "UTF-8", "WINDOWS-1252", "UTF-16LE", ... */
  bool bom;
  char line_end[5];     /* the line end most rows use, "" if none */
} data_text;

/* Decodes a file's bytes (malloc'd, NUL-terminated: data_decode takes them
 * and frees or reuses them). Problems are reported against `file`; returns
 * false (and reports why) when the bytes cannot be read as text at all.
 * Invalid bytes in otherwise usable text are reported and replaced by
 * U+FFFD, and true is returned so the rest can still be checked. */
bool data_decode(char *bytes, size_t n, const char *pinned_encoding,
                 const char *file, diag_list *diags, data_text *out);
void data_text_free(data_text *t);

/* ---- csv.c ---- */

/* data_table_load after reading: takes path and bytes (malloc'd,
 * NUL-terminated at bytes[n]). For tests and fuzzing without files. */
data_table *data_table_from_bytes(const data_schema *schema, char *path,
                                  char *bytes, size_t n, diag_list *diags);

/* ---- dialect.c: delimiter sniffing and the description ---- */

/* Picks the delimiter (';', ',' or '\t') from the first records of text,
 * counting outside quotes; the schema's column names break ties. */
char data_sniff_delimiter(const char *text, size_t len,
                          const data_schema *schema);
/* Case-insensitive comparison of trimmed names ("Niveau " == "niveau"). */
bool data_name_eq(const char *a, const char *b);

/* ---- types.c: typed cells ---- */

/* Trims spaces, tabs and no-break spaces at both ends of s[0..*n), and a
 * stray BOM at the start. */
const char *data_trim(const char *s, size_t *n);

/* Everything a cell check needs to name the place of a problem. */
typedef struct {
  const char *file;
  diag_list *diags;
  char delimiter; /* of the file, a hint for ambiguous numbers */
} data_ctx;

/* Works out the decimal separator of a decimal column from its cells
 * (texts[i], already trimmed, NULL for empty). Returns ',' or '.'. */
char data_column_decimal(const char *const *texts, size_t n, char delimiter);

/* Converts one non-empty, trimmed cell of column c (0-based schema index,
 * field = 1-based position in the file) into *cell. Reports a problem and
 * returns false when the text is not a value of the column's type. */
bool data_cell_convert(const data_ctx *ctx, const col_schema *c, int line,
                       int field, char decimal, const char *text,
                       data_arena *arena, data_cell *cell);

#endif
