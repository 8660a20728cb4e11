#include "util/diag.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/mem.h"

int msg_lang;

/* whether the locale chose msg_lang, which the project's lang then leaves */
static bool S_lang_from_locale;

/* The index in MSG_LANGS of the language a locale or lang names ("en",
 * "en_US.UTF-8", "da_DK@euro"), -1 if none. */
static int S_lang_index(const char *name) {
  static const char *const langs[] = MSG_LANGS;
  for (int i = 0; i < MSG_NLANGS; i++) {
    size_t n = strlen(langs[i]);
    if (!strncmp(name, langs[i], n) &&
        (name[n] == 0 || name[n] == '_' || name[n] == '.' || name[n] == '@'))
      return i;
  }
  return -1;
}

bool msg_lang_from_env(void) {
  const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
    const char *v = getenv(vars[i]);
    if (!v || !*v)
      continue;
    int k = S_lang_index(v);
    if (k < 0)
      return false;
    msg_lang = k;
    S_lang_from_locale = true;
    return true;
  }
  return false;
}

void msg_lang_from_project(const char *lang) {
  if (S_lang_from_locale)
    return;
  int k = S_lang_index(lang);
  msg_lang = k < 0 ? 0 : k;
}

void diag_init(diag_list *d) { memset(d, 0, sizeof *d); }

void diag_free(diag_list *d) {
  for (size_t i = 0; i < d->len; i++) {
    free(d->items[i].file);
    free(d->items[i].message);
    free(d->items[i].editions);
  }
  free(d->items);
  memset(d, 0, sizeof *d);
}

void diag_add(diag_list *d, diag_severity sev, const char *file, int line,
              int col, const char *fmt, ...) {
  size_t limit = d->limit ? d->limit : 100;
  if (sev == DIAG_ERROR)
    d->errors++;
  else if (sev == DIAG_WARNING)
    d->warnings++;
  if (sev == DIAG_ERROR && d->errors > limit)
    return;
  XGROW(d->items, d->cap, d->len + 1);
  diag *g = &d->items[d->len++];
  buf b = BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(&b, fmt, ap);
  va_end(ap);
  g->severity = sev;
  g->file = file ? xstrdup(file) : NULL;
  g->line = line;
  g->col = col;
  g->message = buf_detach(&b);
  g->editions = NULL;
  g->neditions = 0;
}

bool diag_has_errors(const diag_list *d) { return d->errors > 0; }

void diag_set_edition(diag_list *d, size_t from, const char *name) {
  for (size_t i = from; i < d->len; i++) {
    diag *g = &d->items[i];
    g->editions = xstrdup(name);
    g->neditions = 1;
  }
}

static bool S_same(const diag *a, const diag *b) {
  return a->severity == b->severity && a->line == b->line &&
         a->col == b->col && !a->file == !b->file &&
         (!a->file || !strcmp(a->file, b->file)) &&
         !strcmp(a->message, b->message);
}

/* Whether the list "a, b, c" holds the name. */
static bool S_lists(const char *list, const char *name) {
  size_t n = strlen(name);
  for (const char *p = list; p; p = strstr(p, ", ")) {
    if (*p == ',')
      p += 2;
    if (!strncmp(p, name, n) && (p[n] == 0 || p[n] == ','))
      return true;
  }
  return false;
}

/* FNV-1a of what S_same compares, to find a diagnostic's first copy
 * without comparing it with every one kept before it. */
static uint64_t S_hash(const diag *g) {
  uint64_t h = 14695981039346656037ull;
  int nums[3] = {(int)g->severity, g->line, g->col};
  const unsigned char *parts[3] = {(const unsigned char *)nums,
                                   (const unsigned char *)(g->file ? g->file : ""),
                                   (const unsigned char *)g->message};
  size_t lens[3] = {sizeof nums, strlen((const char *)parts[1]),
                    strlen(g->message)};
  for (int k = 0; k < 3; k++)
    for (size_t i = 0; i < lens[k]; i++)
      h = (h ^ parts[k][i]) * 1099511628211ull;
  return h;
}

void diag_merge_editions(diag_list *d, size_t nbuilt) {
  /* the kept diagnostics with editions, by S_hash: index + 1, 0 = empty */
  size_t cap = 16;
  while (cap < 2 * d->len)
    cap *= 2;
  size_t *seen = xcalloc(cap, sizeof *seen);
  size_t kept = 0;
  for (size_t i = 0; i < d->len; i++) {
    diag *g = &d->items[i];
    diag *first = NULL;
    size_t slot = 0;
    if (g->editions) {
      slot = (size_t)S_hash(g) & (cap - 1);
      for (; seen[slot] && !first; slot = (slot + 1) & (cap - 1))
        if (S_same(&d->items[seen[slot] - 1], g))
          first = &d->items[seen[slot] - 1];
    }
    if (!first) {
      if (g->editions)
        seen[slot] = kept + 1;
      d->items[kept++] = *g;
      continue;
    }
    /* the same diagnostic from another edition: named in the first */
    if (!S_lists(first->editions, g->editions)) {
      buf b = BUF_INIT;
      buf_printf(&b, "%s, %s", first->editions, g->editions);
      free(first->editions);
      first->editions = buf_detach(&b);
      first->neditions++;
    }
    if (g->severity == DIAG_ERROR)
      d->errors--;
    else if (g->severity == DIAG_WARNING)
      d->warnings--;
    free(g->file);
    free(g->message);
    free(g->editions);
  }
  free(seen);
  d->len = kept;
  for (size_t i = 0; i < d->len; i++) {
    diag *g = &d->items[i];
    if (g->editions && nbuilt > 1 && g->neditions < nbuilt)
      continue;
    free(g->editions);
    g->editions = NULL;
    g->neditions = 0;
  }
}

/* "fejl", "advarsel" or "note": the word before the message. */
static const char *S_what(const diag *g) {
  return g->severity == DIAG_ERROR     ? M_SCRIPT_ERROR_FEJL
         : g->severity == DIAG_WARNING ? M_UTIL_WARNING
                                       : "note";
}

/* "file:line:col: " as far as the place is known; nothing without a file. */
static void S_place(buf *b, const diag *g) {
  if (!g->file)
    return;
  buf_puts(b, g->file);
  if (g->line > 0) {
    buf_printf(b, ":%d", g->line);
    if (g->col > 0)
      buf_printf(b, ":%d", g->col);
  }
  buf_puts(b, ": ");
}

/* " (i udgaven slut)" after the message, when it concerns some editions. */
static void S_editions(buf *b, const diag *g) {
  if (!g->editions)
    return;
  if (g->neditions == 1)
    buf_printf(b, M_UTIL_IN_THE_EDITION, g->editions);
  else
    buf_printf(b, M_UTIL_IN_THE_EDITIONS,
               g->editions);
}

void diag_print(const diag_list *d) {
  bool colour = isatty(2) && !getenv("NO_COLOR");
  buf place = BUF_INIT;
  for (size_t i = 0; i < d->len; i++) {
    const diag *g = &d->items[i];
    buf_clear(&place);
    S_place(&place, g);
    fputs(buf_cstr(&place), stderr);
    if (colour)
      fprintf(stderr, "\033[1;%dm%s:\033[0m %s",
              g->severity == DIAG_ERROR ? 31 : 33, S_what(g), g->message);
    else
      fprintf(stderr, "%s: %s", S_what(g), g->message);
    buf_clear(&place);
    S_editions(&place, g);
    fprintf(stderr, "%s\n", buf_cstr(&place));
  }
  buf_free(&place);
  size_t limit = d->limit ? d->limit : 100;
  if (d->errors > limit)
    fprintf(stderr, M_UTIL_MORE_ERRORS, d->errors - limit);
}

void diag_format(const diag_list *d, void *out_buf) {
  buf *b = out_buf;
  for (size_t i = 0; i < d->len; i++) {
    const diag *g = &d->items[i];
    S_place(b, g);
    buf_printf(b, "%s: %s", S_what(g), g->message);
    S_editions(b, g);
    buf_putc(b, '\n');
  }
}

int diag_char_col(const char *line_start, int byte_col) {
  int col = 1;
  for (int i = 0; i < byte_col - 1 && line_start[i] && line_start[i] != '\n';
       i++)
    if (((unsigned char)line_start[i] & 0xC0) != 0x80)
      col++;
  /* the byte at byte_col itself may be a continuation byte; count starts only */
  return col;
}
