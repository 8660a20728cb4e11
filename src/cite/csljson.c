/* csljson.c - CSL-JSON (Zotero, Mendeley, pandoc) through json-c.
 *
 * json-c (Debian libjson-c-dev) is used for its strict tokenizer that
 * validates UTF-8 and tells the byte offset of a syntax error, which gives
 * the user a line and column. json-c's tree carries no positions, so an
 * entry's line is found by looking for its "id" in the text. */
#include "cite/bib.h"

#include <json-c/json.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/mem.h"

/* Line and column (1-based, characters) of a byte offset. */
static void S_position(const char *text, size_t off, int *line, int *col) {
  *line = 1;
  size_t start = 0;
  for (size_t i = 0; i < off; i++)
    if (text[i] == '\n') {
      (*line)++;
      start = i + 1;
    }
  *col = 1;
  for (size_t i = start; i < off; i++)
    if (((unsigned char)text[i] & 0xC0) != 0x80)
      (*col)++;
}

/* The line of `"id": "key"` at or after *from (which advances). */
static int S_id_line(const char *text, size_t len, size_t *from,
                     const char *key) {
  size_t klen = strlen(key);
  for (size_t i = *from; i + 4 < len; i++) {
    if (memcmp(text + i, "\"id\"", 4) != 0)
      continue;
    size_t j = i + 4;
    while (j < len && strchr(" \t\r\n:", text[j]))
      j++;
    if (j < len && text[j] == '"')
      j++;
    if (j + klen <= len && memcmp(text + j, key, klen) == 0 &&
        (j + klen == len || strchr("\", \t\r\n}", text[j + klen]))) {
      int line, col;
      S_position(text, i, &line, &col);
      *from = j + klen;
      return line;
    }
  }
  return 0;
}

/* A scalar field as a new string (numbers as written), NULL if absent. */
static char *S_str(json_object *o, const char *name) {
  json_object *v;
  if (!json_object_object_get_ex(o, name, &v) || !v)
    return NULL;
  json_type t = json_object_get_type(v);
  if (t != json_type_string && t != json_type_int && t != json_type_double)
    return NULL;
  const char *s = json_object_get_string(v);
  return s && *s ? xstrdup(s) : NULL;
}

static void S_names(json_object *o, const char *name, bib_name **list,
                    size_t *n) {
  json_object *arr;
  if (!json_object_object_get_ex(o, name, &arr) ||
      json_object_get_type(arr) != json_type_array)
    return;
  size_t len = json_object_array_length(arr);
  for (size_t i = 0; i < len; i++) {
    json_object *p = json_object_array_get_idx(arr, i);
    if (json_object_get_type(p) != json_type_object)
      continue;
    char *literal = S_str(p, "literal");
    if (literal) {
      bib_name_push(list, n, literal, NULL, true);
      continue;
    }
    char *family = S_str(p, "family"), *given = S_str(p, "given");
    char *ndp = S_str(p, "non-dropping-particle");
    char *dp = S_str(p, "dropping-particle");
    char *suffix = S_str(p, "suffix");
    buf f = BUF_INIT;
    if (ndp)
      buf_printf(&f, "%s ", ndp);
    if (dp)
      buf_printf(&f, "%s ", dp);
    if (family)
      buf_puts(&f, family);
    if (suffix)
      buf_printf(&f, " %s", suffix);
    free(ndp);
    free(dp);
    free(suffix);
    free(family);
    char *fam = buf_detach(&f);
    if (!fam) { /* only a given name */
      fam = given;
      given = NULL;
    }
    if (fam)
      bib_name_push(list, n, fam, given, false);
    else
      free(given);
  }
}

/* {"date-parts": [[2016, 5, 1]]}, {"literal": "2016"} or {"raw": ...}.
 * With full, "2016-05-01"; else the year only. */
static char *S_date(json_object *o, const char *name, bool full) {
  json_object *d, *parts, *first;
  if (!json_object_object_get_ex(o, name, &d) || !d)
    return NULL;
  if (json_object_get_type(d) == json_type_string) {
    const char *s = json_object_get_string(d);
    return *s ? xstrndup(s, full ? strlen(s) : 4) : NULL;
  }
  if (json_object_object_get_ex(d, "date-parts", &parts) &&
      json_object_get_type(parts) == json_type_array &&
      (first = json_object_array_get_idx(parts, 0)) &&
      json_object_get_type(first) == json_type_array &&
      json_object_array_length(first) > 0) {
    int v[3] = {0, 0, 0};
    size_t n = json_object_array_length(first);
    for (size_t i = 0; i < n && i < 3; i++)
      v[i] = json_object_get_int(json_object_array_get_idx(first, i));
    if (v[0] == 0)
      return NULL;
    buf b = BUF_INIT;
    if (full && n >= 3)
      buf_printf(&b, "%04d-%02d-%02d", v[0], v[1], v[2]);
    else if (full && n == 2)
      buf_printf(&b, "%04d-%02d", v[0], v[1]);
    else
      buf_printf(&b, "%d", v[0]);
    return buf_detach(&b);
  }
  char *s = S_str(d, "literal");
  if (!s)
    s = S_str(d, "raw");
  if (s && !full && strlen(s) > 4 && s[0] >= '0' && s[0] <= '9')
    s[4] = '\0';
  return s;
}

int bib_read_csljson(bib *b, const char *text, size_t len, diag_list *diags) {
  if (len > INT_MAX) {
    diag_error(diags, b->path, 0, 0, M_CITE_FILE_IS_TOO_LARGE);
    return -1;
  }
  json_tokener *tok = json_tokener_new();
  json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
  json_object *root = json_tokener_parse_ex(tok, text, (int)len);
  enum json_tokener_error err = json_tokener_get_error(tok);
  if (!root || err != json_tokener_success) {
    int line, col;
    size_t off = json_tokener_get_parse_end(tok);
    S_position(text, off < len ? off : len, &line, &col);
    diag_error(diags, b->path, line, col, M_CITE_ERROR_CSL_JSON_FILE,
               err == json_tokener_continue ? M_CITE_FILE_ENDS_TOO_EARLY
               : err == json_tokener_error_parse_utf8_string
                   ? M_CITE_INVALID_UTF_8_WAS
                   : json_tokener_error_desc(err));
    json_object_put(root);
    json_tokener_free(tok);
    return -1;
  }
  json_tokener_free(tok);
  if (json_object_get_type(root) != json_type_array) {
    diag_error(diags, b->path, 1, 1, M_CITE_CSL_JSON_FILE_MUST);
    json_object_put(root);
    return -1;
  }
  int rc = 0;
  size_t from = 0, n = json_object_array_length(root);
  for (size_t i = 0; i < n; i++) {
    json_object *o = json_object_array_get_idx(root, i);
    char *id = json_object_get_type(o) == json_type_object
                   ? S_str(o, "id") : NULL;
    if (!id) {
      diag_error(diags, b->path, 0, 0, M_CITE_ENTRY_HAS_NO_ID, i + 1);
      rc = -1;
      continue;
    }
    bib_entry *e = bib_add(b, S_id_line(text, len, &from, id));
    e->key = id;
    char *type = S_str(o, "type");
    e->kind = bib_kind_from_csl(type);
    free(type);
    S_names(o, "author", &e->authors, &e->nauthors);
    S_names(o, "editor", &e->editors, &e->neditors);
    e->year = S_date(o, "issued", false);
    e->title = S_str(o, "title");
    e->container = S_str(o, "container-title");
    e->volume = S_str(o, "volume");
    e->issue = S_str(o, "issue");
    e->pages = S_str(o, "page");
    e->number = S_str(o, "number");
    e->edition = S_str(o, "edition");
    e->publisher = S_str(o, "publisher");
    e->place = S_str(o, "publisher-place");
    e->url = S_str(o, "URL");
    e->doi = S_str(o, "DOI");
    e->accessed = S_date(o, "accessed", true);
    e->note = S_str(o, "note");
    /* CSL-JSON writes page ranges with a hyphen; print an en dash */
    if (e->pages) {
      buf p = BUF_INIT;
      for (const char *c = e->pages; *c; c++) {
        if (*c == '-') {
          while (c[1] == '-')
            c++;
          buf_puts(&p, "–");
        } else
          buf_putc(&p, *c);
      }
      free(e->pages);
      e->pages = buf_detach(&p);
    }
  }
  json_object_put(root);
  return rc;
}
