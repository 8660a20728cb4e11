/* anon_names.c - `rapport names`: the capitalised words and phrases of the
 * public tree that the word list does not know, for a human to check for
 * names the mapping missed.
 *
 * A capitalised word is known when its lower-case form is an ordinary word
 * of the Danish word list (so "Derfor" at the start of a sentence is not
 * listed), when it is part of a pseudonym, or on the allow-list. Place
 * names that the word list has with a capital ("Viborg") are listed on
 * purpose and marked: they are exactly what a mapping may have missed. */
#include <stdlib.h>
#include <string.h>

#include "anon.h"
#include "anon_int.h"
#include "util/confine.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/utf8.h"

typedef struct {
  char *phrase;
  int count;
  const char *file;
  int line;
  bool proper; /* the word list has it with a capital: a proper noun */
} S_entry;

typedef struct {
  const anon_map *m;
  S_entry *items;
  size_t len, cap;
  char **allow;
  size_t nallow, allow_cap;
  char **pseudo_words; /* lower case */
  size_t npseudo, pseudo_cap;
} S_report;

static bool S_in(char **list, size_t n, const char *s) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(list[i], s) == 0)
      return true;
  return false;
}

static void S_push(char ***list, size_t *n, size_t *cap, const char *s) {
  if (S_in(*list, *n, s))
    return;
  XGROW(*list, *cap, *n + 1);
  (*list)[(*n)++] = xstrdup(s);
}

/* Danish writes compounds as one word: "midtvejsrapporten" is known when
 * it splits into two words of the list (a linking s or e allowed), each at
 * least three letters. */
static bool S_compound(const S_report *r, const char *w, size_t n) {
  const anon_words *ws = &r->m->words;
  for (size_t k = 3; k + 3 <= n; k++) {
    if (((unsigned char)w[k] & 0xC0) == 0x80)
      continue; /* not at a character boundary */
    if (!anon_words_has(ws, w + k, n - k))
      continue;
    if (anon_words_has(ws, w, k))
      return true;
    if ((w[k - 1] == 's' || w[k - 1] == 'e') && anon_words_has(ws, w, k - 1))
      return true;
  }
  return false;
}

/* Is the word (UTF-8) known: ordinary, a pseudonym's, or allowed? */
static bool S_known(const S_report *r, const char *w, bool sentence_start,
                    bool *proper) {
  *proper = false;
  if (S_in(r->allow, r->nallow, w))
    return true;
  buf lower = BUF_INIT;
  utf8_lower(&lower, w, strlen(w));
  const char *lw = buf_cstr(&lower);
  bool known = S_in(r->pseudo_words, r->npseudo, lw);
  size_t letters = utf8_length(w, strlen(w));
  bool digit = false;
  for (const char *p = w; *p; p++)
    digit |= *p >= '0' && *p <= '9';
  if (letters < 2 || digit)
    known = true;
  if (!known && anon_words_has(&r->m->words, lw, lower.len))
    known = true;
  /* a genitive: "Nordbys" is known when "nordby" is */
  if (!known && lower.len > 2 && lw[lower.len - 1] == 's' &&
      anon_words_has(&r->m->words, lw, lower.len - 1))
    known = true;
  /* compounds only where any word is capitalised: "Baselinerunden viste"
     is a word, "i Fjordregionen" is a name */
  if (!known && sentence_start)
    known = S_compound(r, lw, lower.len);
  if (!known)
    *proper = anon_words_has(&r->m->words, w, strlen(w));
  buf_free(&lower);
  return known;
}

static void S_add(S_report *r, const char *phrase, const char *file, int line,
                  bool proper) {
  if (S_in(r->allow, r->nallow, phrase))
    return;
  for (size_t i = 0; i < r->len; i++)
    if (strcmp(r->items[i].phrase, phrase) == 0) {
      r->items[i].count++;
      return;
    }
  XGROW(r->items, r->cap, r->len + 1);
  r->items[r->len++] = (S_entry){xstrdup(phrase), 1, file, line, proper};
}

typedef struct {
  size_t a, b; /* characters of the word in the normalised text */
  bool known, proper;
} S_word;

/* Adds the run of capitalised words if it holds unknown words, trimmed to
 * the unknown part ("Jobcenter Nordby" -> "Nordby"). */
static void S_flush(S_report *r, const anon_norm *n, const S_word *run,
                    size_t *nrun, const char *file, int line) {
  if (*nrun > 1) { /* the whole run may be on the allow-list */
    buf all = BUF_INIT;
    anon_norm_text(n, run[0].a, run[*nrun - 1].b, &all);
    bool allowed = S_in(r->allow, r->nallow, buf_cstr(&all));
    buf_free(&all);
    if (allowed) {
      *nrun = 0;
      return;
    }
  }
  size_t f = 0, l = *nrun;
  while (f < l && run[f].known)
    f++;
  while (l > f && run[l - 1].known)
    l--;
  if (f < l) {
    buf p = BUF_INIT;
    bool proper = false;
    for (size_t k = f; k < l; k++) {
      if (k > f)
        buf_putc(&p, ' ');
      anon_norm_text(n, run[k].a, run[k].b, &p);
      proper |= run[k].proper;
    }
    S_add(r, buf_cstr(&p), file, line, proper);
    buf_free(&p);
  }
  *nrun = 0;
}

/* Finds runs of capitalised words (separated by single spaces) in s. */
static void S_text(S_report *r, const char *s, const char *file, int line) {
  if (!s || !*s)
    return;
  anon_norm n;
  anon_norm_init(&n);
  anon_norm_add(&n, s, strlen(s), 0, false);
  S_word *run = NULL;
  size_t nrun = 0, cap = 0, i = 0;
  while (i < n.len) {
    if (!anon_is_word_cp(n.lc[i])) {
      if (n.lc[i] != ' ')
        S_flush(r, &n, run, &nrun, file, line);
      i++;
      continue;
    }
    size_t a = i;
    while (i < n.len && anon_is_word_cp(n.lc[i]))
      i++;
    if (utf8_lower_cp(n.orig[a]) == n.orig[a]) {
      S_flush(r, &n, run, &nrun, file, line);
      continue;
    }
    if (nrun && run[nrun - 1].b + 1 != a)
      S_flush(r, &n, run, &nrun, file, line);
    buf w = BUF_INIT;
    anon_norm_text(&n, a, i, &w);
    size_t p = a;
    while (p > 0 && n.lc[p - 1] == ' ')
      p--;
    bool start = !nrun && (p == 0 || strchr(".!?:»«\"(*", (int)n.lc[p - 1]) ||
                           n.lc[p - 1] == 0x201C || n.lc[p - 1] == 0x201E ||
                           n.lc[p - 1] == 0xFFFC);
    S_word sw = {a, i, false, false};
    sw.known = S_known(r, buf_cstr(&w), start, &sw.proper);
    buf_free(&w);
    XGROW(run, cap, nrun + 1);
    run[nrun++] = sw;
  }
  S_flush(r, &n, run, &nrun, file, line);
  free(run);
  anon_norm_free(&n);
}

static int S_cmp(const void *a, const void *b) {
  const S_entry *x = a, *y = b;
  return utf8_danish_cmp(x->phrase, y->phrase);
}

/* A word list that the project may not read (util/confine.h) is skipped
 * here; anon_load has reported it. */
static void S_load_allow(S_report *r, const char *path) {
  confine_status st;
  char *data = path ? confine_read(path, NULL, &st) : NULL;
  if (!data)
    return;
  for (char *line = strtok(data, "\r\n"); line; line = strtok(NULL, "\r\n")) {
    while (*line == ' ' || *line == '\t')
      line++;
    size_t k = strlen(line);
    while (k && (line[k - 1] == ' ' || line[k - 1] == '\t'))
      line[--k] = '\0';
    if (*line && *line != '#')
      S_push(&r->allow, &r->nallow, &r->allow_cap, line);
  }
  free(data);
}

int anon_names_report(const anon_map *m, const doc *d,
                      const char *allow_list_path, FILE *out) {
  if (!m || !d)
    return 0;
  S_report r;
  memset(&r, 0, sizeof r);
  r.m = m;
  if (allow_list_path)
    S_load_allow(&r, allow_list_path);
  else if (m->dir) { /* navne-ok.txt beside the mapping */
    char *p = fs_join(m->dir, ANON_ALLOW_FILE);
    S_load_allow(&r, p);
    free(p);
  }
  for (size_t i = 0; i < m->len; i++) {
    buf lower = BUF_INIT;
    utf8_lower(&lower, m->entries[i].pseudonym,
               strlen(m->entries[i].pseudonym));
    char *s = buf_detach(&lower);
    for (char *w = strtok(s, " -"); w; w = strtok(NULL, " -"))
      S_push(&r.pseudo_words, &r.npseudo, &r.pseudo_cap, w);
    free(s);
  }
  const doc_meta *mt = &d->meta;
  const char *meta[] = {mt->title, mt->subtitle, mt->edition_title,
                        mt->organisation, mt->subject, mt->keywords};
  for (size_t i = 0; i < sizeof meta / sizeof *meta; i++)
    S_text(&r, meta[i], NULL, 0);
  for (size_t i = 0; i < mt->nauthors; i++)
    S_text(&r, mt->authors[i], NULL, 0);
  doc_iter it;
  doc_event ev;
  doc_iter_init(&it, d->root);
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE) {
    doc_node *n = it.cur;
    if (ev != DOC_EV_ENTER)
      continue;
    const char *f = anon_node_file(n);
    int l = anon_node_line(n);
    if (anon_is_container(n)) {
      anon_block b;
      anon_block_collect(n, &b);
      S_text(&r, buf_cstr(&b.text), f, l);
      anon_block_free(&b);
    }
    S_text(&r, n->title, f, l);
    S_text(&r, n->alt, f, l);
    if (n->type == DOC_CODE_BLOCK || n->type == DOC_CODE)
      S_text(&r, n->text, f, l);
    if (n->type == DOC_CHART && n->drawing)
      for (size_t i = 0; i < n->drawing->len; i++)
        S_text(&r, n->drawing->items[i].text, f, l);
  }
  qsort(r.items, r.len, sizeof *r.items, S_cmp);
  if (r.len)
    fprintf(out, "%s\n",
            TR("Ord med stort begyndelsesbogstav, som ikke står i ordlisten "
               "og ikke er pseudonymer (tjek, om det er navne):",
               "Capitalised words not in the word list and not pseudonyms "
               "(check whether they are names):"));
  for (size_t i = 0; i < r.len; i++) {
    const S_entry *e = &r.items[i];
    fprintf(out, "  %-32s %4d  ", e->phrase, e->count);
    if (e->file)
      fprintf(out, "%s:%d", e->file, e->line);
    else
      fputs(TR("metadata", "metadata"), out);
    if (e->proper)
      fputs(TR("  (egennavn i ordlisten)", "  (a proper noun in the word list)"),
            out);
    fputc('\n', out);
  }
  int listed = (int)r.len;
  for (size_t i = 0; i < r.len; i++)
    free(r.items[i].phrase);
  free(r.items);
  for (size_t i = 0; i < r.nallow; i++)
    free(r.allow[i]);
  free(r.allow);
  for (size_t i = 0; i < r.npseudo; i++)
    free(r.pseudo_words[i]);
  free(r.pseudo_words);
  return listed;
}
