/* csv.c - data_table_load: read, decode, parse with libcsv, map the header
 * to the schema and type every cell.
 *
 * libcsv runs in strict mode and is fed one line at a time, so that every
 * row knows the line it starts on and a quoting error can be placed at its
 * line and column (libcsv itself reports neither). After a quoting error the
 * broken row is dropped and parsing goes on at the next line, so one run
 * shows every problem in the file. */
#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/confine.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/utf8.h"
#include "data/internal.h"

/* A field: trimmed, NUL-terminated, in the arena. */
typedef const char *S_field;

typedef struct {
  int line;     /* where the record starts */
  size_t first; /* index of its first field */
  size_t n;     /* number of fields */
} S_rec;

typedef struct {
  data_arena *arena;
  S_field *fields;
  size_t nfields, capf;
  S_rec *recs;
  size_t nrecs, capr;
  int row_line;     /* line the record being parsed started on */
  size_t row_off;   /* and its offset in the text */
  size_t row_first; /* its first field */
} S_parse;

static void S_cb_field(void *s, size_t len, void *data) {
  S_parse *p = data;
  const char *t = data_trim(s ? s : "", &len);
  if (p->nfields == p->capf)
    XGROW(p->fields, p->capf, p->nfields + 1);
  p->fields[p->nfields++] = len ? data_arena_strndup(p->arena, t, len) : "";
}

static void S_cb_row(int c, void *data) {
  (void)c;
  S_parse *p = data;
  if (p->nrecs == p->capr)
    XGROW(p->recs, p->capr, p->nrecs + 1);
  p->recs[p->nrecs++] = (S_rec){p->row_line, p->row_first,
                                p->nfields - p->row_first};
  p->row_first = p->nfields;
}

/* Start of line `line` (1-based) at or after offset `from` on line `at`. */
static size_t S_line_start(const char *text, size_t len, size_t from, int at,
                           int line) {
  while (at < line && from < len) {
    const char *nl = memchr(text + from, '\n', len - from);
    if (!nl)
      return len;
    from = (size_t)(nl - text) + 1;
    at++;
  }
  return from;
}

/* Line and character column of offset off, counting from a known line
 * start ls on line `line`. */
static void S_place(const char *text, size_t ls, int line, size_t off,
                    int *pline, int *pcol) {
  for (size_t i = ls; i < off; i++)
    if (text[i] == '\n')
      line++, ls = i + 1;
  *pline = line;
  *pcol = diag_char_col(text + ls, (int)(off - ls) + 1);
}

/* The opening quote of the last quoted field that starts between from and
 * limit, following the CSV rules; (size_t)-1 if none. */
static size_t S_last_open_quote(const char *text, size_t from, size_t limit,
                                char delim) {
  size_t open = (size_t)-1;
  bool field_start = true, inq = false;
  for (size_t i = from; i < limit; i++) {
    char c = text[i];
    if (inq) {
      if (c == '"') {
        if (i + 1 < limit && text[i + 1] == '"')
          i++;
        else
          inq = false;
      }
    } else if (c == delim || c == '\n') {
      field_start = true;
    } else if (field_start && c == '"') {
      inq = true;
      open = i;
      field_start = false;
    } else if (c != ' ' && c != '\t') {
      field_start = false;
    }
  }
  return open;
}

static void S_show_char(buf *b, const char *s) {
  uint32_t cp;
  int k = utf8_decode(s, 4, &cp);
  if (*s == '\n')
    buf_puts(b, M_DATA_LINE_BREAK);
  else
    buf_printf(b, "'%.*s'", k, s);
}

/* Parses text into records; reports quoting errors. */
static void S_parse_text(const char *text, size_t len, size_t start,
                         int start_line, char delim, const char *file,
                         diag_list *diags, S_parse *p) {
  struct csv_parser cp;
  size_t pos = start;
  int line = start_line;
  bool fresh = true;
  while (pos < len || !fresh) {
    if (fresh) {
      csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI);
      csv_set_delim(&cp, (unsigned char)delim);
      fresh = false;
    }
    if (pos >= len) {
      /* end of text: only an unclosed quote can be pending */
      if (csv_fini(&cp, S_cb_field, S_cb_row, p) == 0) {
        csv_free(&cp);
        break;
      }
      size_t rs = p->row_off;
      size_t q = S_last_open_quote(text, rs, len, delim);
      int ql = p->row_line, qc = 1;
      if (q != (size_t)-1)
        S_place(text, rs, p->row_line, q, &ql, &qc);
      diag_error(diags, file, ql, qc, M_DATA_THIS_QUOTE_IS_NEVER, ql, line - 1);
      csv_free(&cp);
      /* take back what csv_fini delivered and read on after the quote */
      while (p->nrecs && p->recs[p->nrecs - 1].first >= p->row_first)
        p->nrecs--;
      p->nfields = p->row_first;
      pos = S_line_start(text, len, rs, p->row_line, ql + 1);
      line = ql + 1;
      fresh = true;
      continue;
    }
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - text) + 1 : len;
    /* libcsv's state is in its public struct: 0 means no row has begun, so
     * a row that begins now begins on this line */
    if (cp.pstate == 0) {
      p->row_line = line;
      p->row_off = pos;
      p->row_first = p->nfields;
    }
    size_t done = csv_parse(&cp, text + pos, end - pos, S_cb_field, S_cb_row, p);
    if (done < end - pos) {
      size_t off = pos + done;
      int el, ec;
      S_place(text, pos, line, off, &el, &ec);
      buf msg = BUF_INIT;
      if (text[off] == '"') {
        buf_puts(&msg, M_DATA_QUOTE_INSIDE_CELL_WITHOUT);
      } else {
        S_show_char(&msg, text + off);
        buf_puts(&msg, M_DATA_FOLLOWS_CLOSING_QUOTE_QUOTED);
      }
      size_t rs = p->row_off;
      size_t q = S_last_open_quote(text, rs, off, delim);
      if (p->row_line < line && q != (size_t)-1) {
        int ql, qc;
        S_place(text, rs, p->row_line, q, &ql, &qc);
        if (ql < el)
          buf_printf(&msg, M_DATA_QUOTED_CELL_BEGAN_LINE, ql, qc);
      }
      if (p->row_line < line)
        buf_printf(&msg, M_DATA_LINES_WERE_SKIPPED, p->row_line, line);
      else
        buf_puts(&msg, M_DATA_ROW_WAS_SKIPPED);
      diag_error(diags, file, el, ec, "%s", buf_cstr(&msg));
      buf_free(&msg);
      csv_free(&cp);
      p->nfields = p->row_first;
      fresh = true;
    }
    pos = end;
    line++;
  }
}

/* ---- header ---- */

static bool S_is_empty_rec(const S_parse *p, const S_rec *r) {
  for (size_t i = 0; i < r->n; i++)
    if (*p->fields[r->first + i])
      return false;
  return true;
}

/* Does record r hold the column names? Counts fields naming a column. */
static size_t S_name_matches(const S_parse *p, const S_rec *r,
                             const data_schema *s) {
  size_t m = 0;
  for (size_t i = 0; i < r->n; i++)
    for (size_t k = 0; k < s->ncols; k++)
      if (data_name_eq(p->fields[r->first + i], s->cols[k].name)) {
        m++;
        break;
      }
  return m;
}

/* A first row that names no column but fails the types where the second row
 * passes them is a header with wrong names, not data. */
static bool S_looks_like_header(const S_parse *p, const data_schema *s,
                                char delim) {
  if (p->nrecs < 2)
    return false;
  const S_rec *r0 = &p->recs[0], *r1 = &p->recs[1];
  diag_list scratch;
  diag_init(&scratch);
  data_ctx x = {"", &scratch, delim};
  data_arena *a = data_arena_new();
  bool fails0 = false, passes1 = true;
  for (size_t k = 0; k < s->ncols && k < r0->n; k++) {
    const col_schema *c = &s->cols[k];
    if (c->type == COL_TEXT && !(c->allowed && c->nallowed))
      continue;
    const char *t0 = p->fields[r0->first + k];
    if (!*t0)
      continue;
    data_cell cell = {0};
    if (!data_cell_convert(&x, c, 1, 1, ',', t0, a, &cell)) {
      fails0 = true;
      if (k < r1->n && *p->fields[r1->first + k]) {
        data_cell c1 = {0};
        /* either decimal separator will do: this is only a guess */
        passes1 &= data_cell_convert(&x, c, 1, 1, ',',
                                     p->fields[r1->first + k], a, &c1) ||
                   data_cell_convert(&x, c, 1, 1, '.',
                                     p->fields[r1->first + k], a, &c1);
      }
    }
  }
  data_arena_free(a);
  diag_free(&scratch);
  return fails0 && passes1;
}

/* Does record r repeat the header h (every non-empty name)? */
static bool S_same_names(const S_parse *p, const S_rec *r, const S_rec *h) {
  size_t named = 0;
  for (size_t i = 0; i < h->n; i++) {
    const char *name = p->fields[h->first + i];
    if (!*name)
      continue;
    named++;
    if (i >= r->n || strcmp(name, p->fields[r->first + i]))
      return false;
  }
  return named > 0;
}

static void S_names(buf *b, const data_schema *s) {
  for (size_t k = 0; k < s->ncols; k++)
    buf_printf(b, "%s%s", k ? ", " : "", s->cols[k].name);
}

/* Maps the header's fields to schema columns: col_field[k] = field index. */
static void S_map_header(const S_parse *p, const S_rec *h,
                         const data_schema *s, const char *file,
                         diag_list *diags, int *col_field, size_t *width,
                         bool *unnamed) {
  buf unknown = BUF_INIT;
  size_t nunknown = 0;
  *width = 0;
  for (size_t i = 0; i < h->n; i++) {
    const char *f = p->fields[h->first + i];
    unnamed[i] = !*f;
    if (!*f)
      continue;
    *width = i + 1;
    int k = -1;
    for (size_t j = 0; j < s->ncols && k < 0; j++)
      if (data_name_eq(f, s->cols[j].name))
        k = (int)j;
    if (k < 0) {
      buf_printf(&unknown, "%s'%s' (%s %zu)", nunknown++ ? ", " : "", f,
                 M_DATA_COLUMN, i + 1);
    } else if (col_field[k] >= 0) {
      diag_error(diags, file, h->line, (int)i + 1,
                 M_DATA_COLUMN_APPEARS_TWICE_HEADER, s->cols[k].name,
                 col_field[k] + 1, i + 1);
    } else {
      col_field[k] = (int)i;
    }
  }
  buf known = BUF_INIT, found = BUF_INIT, missing = BUF_INIT;
  S_names(&known, s);
  for (size_t i = 0; i < h->n; i++)
    if (*p->fields[h->first + i])
      buf_printf(&found, "%s%s", found.len ? ", " : "",
                 p->fields[h->first + i]);
  if (nunknown > 1)
    diag_warning(diags, file, h->line, 0, M_DATA_COLUMNS_ARE_NOT_SCHEMA,
                 buf_cstr(&unknown), buf_cstr(&known));
  else if (nunknown)
    diag_warning(diags, file, h->line, 0, M_DATA_COLUMN_IS_NOT_SCHEMA,
                 buf_cstr(&unknown), buf_cstr(&known));
  size_t nmissing = 0;
  for (size_t k = 0; k < s->ncols; k++) {
    if (col_field[k] >= 0)
      continue;
    if (s->cols[k].required) {
      buf_printf(&missing, "%s'%s'", nmissing++ ? ", " : "", s->cols[k].name);
    } else {
      diag_warning(diags, file, h->line, 0, M_DATA_OPTIONAL_COLUMN_IS_NOT,
                   s->cols[k].name);
    }
  }
  if (nmissing > 1)
    diag_error(diags, file, h->line, 0, M_DATA_COLUMNS_ARE_MISSING_FROM,
               buf_cstr(&missing), buf_cstr(&known), buf_cstr(&found));
  else if (nmissing)
    diag_error(diags, file, h->line, 0, M_DATA_COLUMN_IS_MISSING_FROM,
               buf_cstr(&missing), buf_cstr(&known), buf_cstr(&found));
  buf_free(&unknown);
  buf_free(&known);
  buf_free(&found);
  buf_free(&missing);
}

/* ---- the table ---- */

/* Reads the file through the project's gate (util/confine.h: inside the
 * allowed folders, a regular file, one allocation of the file's size); NULL
 * after reporting why it cannot be read. */
static char *S_read(const char *path, const char *file, diag_list *diags,
                    size_t *len) {
  confine_status st;
  char *bytes = confine_read(path, len, &st);
  if (bytes)
    return bytes;
  if (st == CONFINE_MISSING)
    diag_error(diags, file, 0, 0, M_DATA_DATA_FILE_DOES_NOT, path);
  else if (st == CONFINE_SPECIAL && fs_is_dir(path))
    diag_error(diags, file, 0, 0, M_DATA_IS_FOLDER_NOT_CSV, path);
  else if (confine_refused(st))
    confine_report(diags, file, 0, 0, CONFINE_DATA, file, path, st);
  else
    diag_error(diags, file, 0, 0, M_DATA_CANNOT_READ_DATA_FILE,
               strerror(errno));
  return NULL;
}

/* An Excel "sep=;" first line names the delimiter; returns it or 0. */
static char S_sep_line(const char *text, size_t len) {
  if (len >= 6 && !strncmp(text, "sep=", 4) && text[5] == '\n')
    return text[4];
  return 0;
}

/* Field-count problems repeat on every row when they happen: show a few. */
#define S_MAX_WIDTH_ERRORS 5

data_table *data_table_load(const data_schema *schema, const char *project_dir,
                            diag_list *diags) {
  if (!schema->path)
    return NULL;
  char *path = fs_join(project_dir ? project_dir : ".", schema->path);
  size_t nbytes = 0;
  char *bytes = S_read(path, schema->path, diags, &nbytes);
  if (!bytes) {
    free(path);
    return NULL;
  }
  return data_table_from_bytes(schema, path, bytes, nbytes, diags);
}

data_table *data_table_from_bytes(const data_schema *schema, char *path,
                                  char *bytes, size_t nbytes,
                                  diag_list *diags) {
  const char *file = schema->path ? schema->path : path;
  data_text txt;
  bool decoded =
      data_decode(bytes, nbytes, schema->pinned.encoding, file, diags, &txt);
  if (!decoded) {
    free(path);
    return NULL;
  }

  data_table *t = xcalloc(1, sizeof *t);
  t->schema = schema;
  t->path = path;
  t->arena_ = data_arena_new();
  t->had_bom = txt.bom;
  strcpy(t->line_end, txt.line_end);
  t->detected.encoding = txt.encoding;
  txt.encoding = NULL;

  /* delimiter: pinned, an Excel "sep=" line, or sniffed */
  size_t start = 0;
  int start_line = 1;
  char delim = S_sep_line(txt.text, txt.len);
  if (delim)
    start = 6, start_line = 2;
  if (schema->pinned.delimiter)
    delim = schema->pinned.delimiter;
  if (!delim)
    delim = data_sniff_delimiter(txt.text + start, txt.len - start, schema);
  t->detected.delimiter = delim;

  S_parse p = {0};
  p.arena = t->arena_;
  /* size the arrays once from the line count and the first line's width */
  size_t lines = 0, width0 = 1;
  for (const char *q = txt.text; (q = memchr(q, '\n', (size_t)(txt.text + txt.len - q))); q++)
    lines++;
  for (const char *q = txt.text + start; *q && *q != '\n'; q++)
    width0 += *q == delim;
  p.capr = lines + 1;
  p.recs = xmalloc(p.capr * sizeof *p.recs);
  /* (never more fields than delimiters and line ends in the whole text) */
  p.capf = p.capr * width0 < txt.len + 1 ? p.capr * width0 : txt.len + 1;
  p.fields = xmalloc(p.capf * sizeof *p.fields);
  S_parse_text(txt.text, txt.len, start, start_line, delim, file, diags, &p);
  data_text_free(&txt);

  /* skip rows with nothing in them (Excel's trailing ";;;;" rows) */
  size_t nr = 0;
  for (size_t i = 0; i < p.nrecs; i++)
    if (!S_is_empty_rec(&p, &p.recs[i]))
      p.recs[nr++] = p.recs[i];
  p.nrecs = nr;

  /* header row */
  size_t ncols = schema->ncols;
  int *col_field = xmalloc((ncols + 1) * sizeof *col_field);
  for (size_t k = 0; k < ncols; k++)
    col_field[k] = -1;
  size_t first_data = 0, width = ncols;
  bool *unnamed = NULL;
  int header = schema->pinned.header;
  if (header == 0 && p.nrecs && schema->ncols > 1 &&
      S_name_matches(&p, &p.recs[0], schema) * 2 >= schema->ncols)
    diag_warning(diags, file, p.recs[0].line, 0, M_DATA_FIRST_ROW_LOOKS_LIKE);
  if (header < 0 && p.nrecs) {
    if (S_name_matches(&p, &p.recs[0], schema) > 0) {
      header = 1;
    } else if (S_looks_like_header(&p, schema, delim)) {
      buf known = BUF_INIT, found = BUF_INIT;
      S_names(&known, schema);
      for (size_t i = 0; i < p.recs[0].n; i++)
        buf_printf(&found, "%s%s", i ? ", " : "",
                   p.fields[p.recs[0].first + i]);
      diag_error(diags, file, p.recs[0].line, 0,
                 M_DATA_FIRST_ROW_LOOKS_LIKE_HEADER, buf_cstr(&found),
                 buf_cstr(&known));
      buf_free(&known);
      buf_free(&found);
      header = 2; /* a header, already reported: skip it */
    } else {
      header = 0;
    }
  }
  if (header == 1 && p.nrecs) {
    const S_rec *h = &p.recs[0];
    unnamed = xcalloc(h->n + 1, sizeof *unnamed);
    S_map_header(&p, h, schema, file, diags, col_field, &width, unnamed);
    first_data = 1;
  } else {
    if (header == 2) /* map by position: the names are wrong, not the order */
      first_data = 1;
    for (size_t k = 0; k < ncols; k++)
      col_field[k] = (int)k;
  }
  t->detected.header = header ? 1 : 0;
  t->col_present = xcalloc(ncols + 1, sizeof *t->col_present);
  for (size_t k = 0; k < ncols; k++)
    t->col_present[k] = col_field[k] >= 0;
  if (header == 1 && p.nrecs == 1)
    diag_warning(diags, file, p.recs[0].line, 0, M_DATA_FILE_HAS_ONLY_HEADER);

  /* decimal separator per decimal column */
  data_ctx x = {file, diags, delim};
  t->col_decimal = xcalloc(ncols + 1, 1);
  const char **texts = xcalloc(p.nrecs + 1, sizeof *texts);
  char common = 0;
  bool differ = false;
  for (size_t k = 0; k < ncols; k++) {
    if (schema->cols[k].type != COL_DECIMAL)
      continue;
    char dec = schema->pinned.decimal;
    if (!dec) {
      size_t nt = 0;
      for (size_t r = first_data; r < p.nrecs && col_field[k] >= 0; r++) {
        const S_rec *rec = &p.recs[r];
        if ((size_t)col_field[k] < rec->n && *p.fields[rec->first + col_field[k]])
          texts[nt++] = p.fields[rec->first + col_field[k]];
      }
      dec = data_column_decimal(texts, nt, delim);
    }
    t->col_decimal[k] = dec;
    differ |= common && common != dec;
    common = dec;
  }
  free(texts);
  t->detected.decimal = differ ? 0 : common ? common : schema->pinned.decimal;

  /* rows */
  size_t nrows = p.nrecs > first_data ? p.nrecs - first_data : 0;
  t->rows = xcalloc(nrows + 1, sizeof *t->rows);
  t->cells_ = xcalloc(nrows * ncols + 1, sizeof *t->cells_);
  char *empty = data_arena_strndup(t->arena_, "", 0);
  size_t width_errors = 0;
  bool unnamed_warned = false;
  for (size_t r = first_data; r < p.nrecs; r++) {
    const S_rec *rec = &p.recs[r];
    /* the header again further down: two exports pasted together */
    if (header == 1 && S_same_names(&p, rec, &p.recs[0])) {
      diag_error(diags, file, rec->line, 0, M_DATA_HEADER_ROW_APPEARS_AGAIN,
                 rec->line);
      continue;
    }
    data_row *row = &t->rows[t->nrows];
    row->line = rec->line;
    row->cells = t->cells_ + t->nrows * ncols;
    t->nrows++;
    /* fields beyond the header (or the schema) that hold something */
    for (size_t i = width; i < rec->n; i++) {
      if (!*p.fields[rec->first + i])
        continue;
      if (++width_errors <= S_MAX_WIDTH_ERRORS)
        diag_error(diags, file, rec->line, (int)i + 1,
                   header ? M_DATA_ROW_HAS_FIELDS_BUT
                          : M_DATA_ROW_HAS_FIELDS_BUT_SCHEMA,
                   rec->n, width, delim);
      break;
    }
    if (unnamed && !unnamed_warned)
      for (size_t i = 0; i < rec->n && i < width; i++)
        if (unnamed[i] && *p.fields[rec->first + i]) {
          diag_warning(diags, file, rec->line, (int)i + 1,
                       M_DATA_COLUMN_HAS_NO_HEADER, i + 1);
          unnamed_warned = true;
          break;
        }
    bool short_row = false;
    for (size_t k = 0; k < ncols; k++) {
      data_cell *cell = &row->cells[k];
      const col_schema *c = &schema->cols[k];
      int f = col_field[k];
      const char *fld =
          f >= 0 && (size_t)f < rec->n ? p.fields[rec->first + f] : NULL;
      if (!fld || !*fld) {
        cell->raw = empty;
        cell->empty = true;
        cell->valid = true;
        if (c->required && f >= 0 && !fld) {
          /* a short row: say so once, it is usually a wrong delimiter */
          if (!short_row)
            diag_error(diags, file, rec->line, f + 1, M_DATA_ROW_HAS_ONLY_SO,
                       rec->n, rec->n == 1 ? M_DATA_FIELD : M_DATA_FIELDS,
                       f + 1, c->name, delim);
          short_row = true;
        } else if (c->required && f >= 0)
          diag_error(diags, file, rec->line, f + 1,
                     M_DATA_COLUMN_IS_REQUIRED_BUT, f + 1, c->name);
        continue;
      }
      cell->raw = (char *)fld;
      data_cell_convert(&x, c, rec->line, f + 1, t->col_decimal[k], fld,
                        t->arena_, cell);
    }
  }
  if (width_errors > S_MAX_WIDTH_ERRORS)
    diag_error(diags, file, 0, 0, M_DATA_MORE_ROWS_HAVE_TOO,
               width_errors - S_MAX_WIDTH_ERRORS);
  free(unnamed);
  free(col_field);
  free(p.fields);
  free(p.recs);
  return t;
}

void data_table_free(data_table *t) {
  if (!t)
    return;
  free(t->path);
  free(t->rows);
  free(t->cells_);
  free(t->col_decimal);
  free(t->col_present);
  free(t->detected.encoding);
  data_arena_free(t->arena_);
  free(t);
}

int data_column_index(const data_schema *s, const char *name) {
  for (size_t k = 0; k < s->ncols; k++)
    if (!strcmp(s->cols[k].name, name))
      return (int)k;
  return -1;
}

void data_schema_free_fields(data_schema *s) {
  for (size_t k = 0; k < s->ncols; k++) {
    col_schema *c = &s->cols[k];
    free(c->name);
    for (size_t i = 0; i < c->nallowed; i++)
      free(c->allowed[i]);
    free(c->allowed);
    free(c->allowed_from);
  }
  free(s->cols);
  free(s->name);
  free(s->path);
  free(s->round_column);
  free(s->pinned.encoding);
  memset(s, 0, sizeof *s);
}
