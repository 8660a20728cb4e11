/* names.c - `rapport names`: the capitalised words and phrases of the
 * public tree that are likely names the mapping missed, for a human to
 * check.
 *
 * A capitalised word at the start of a sentence is known when its
 * lower-case form is an ordinary word of the Danish word list ("Derfor"),
 * unless the list has it as a proper noun only ("Mortensen"). In the middle
 * of a sentence Danish capitalises only names, so ordinary words written
 * there with a capital are listed too when one of them is a name in the
 * word list ("Per Holm", "Bo Storm"; not the term "Kantinen"). A hyphenated given name ("Anne-Mette") is one word.
 * Pseudonyms, the allow-list and the literature list (cited authors are
 * public) are left out. Place names that the word list has with a capital
 * are marked. The phrases of every edition are gathered in the map and
 * printed once. */
#include <stdlib.h>
#include <string.h>

#include "anon/anon.h"
#include "anon/internal.h"
#include "util/confine.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/utf8.h"

/* One place a phrase was found: a phrase twice on a line counts twice */
typedef struct {
  char *phrase;
  char *file; /* owned: the tree it came from is gone when it is printed */
  int line;
  int count;
  bool proper; /* the word list has it with a capital: a proper noun */
  bool maybe;  /* an ordinary word, a name if a listed name holds it */
} S_occ;

struct anon_names {
  S_occ *occ; /* in the order found */
  size_t len, cap;
};

typedef struct {
  const anon_map *m;
  S_occ *items; /* this tree's finds, merged into m->names at the end */
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
 * least three letters. A tail "sen" or "son" makes a surname (Hansen is not
 * han + sen). */
static bool S_compound(const S_report *r, const char *w, size_t n) {
  const anon_words *ws = &r->m->words;
  if (n > 3 && (!strcmp(w + n - 3, "sen") || !strcmp(w + n - 3, "son")))
    return false;
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

/* How sure a capitalised word is not a name */
typedef enum {
  S_NAME,     /* unknown: probably a name */
  S_SURE,     /* allowed, a pseudonym's, a number, one letter */
  S_START,    /* an ordinary word, capitalised because a sentence starts */
  S_ORDINARY  /* an ordinary word, capitalised mid-sentence: a name */
} S_why;

/* What the word (UTF-8) is; *proper when the word list has it with a
 * capital. */
static S_why S_known(const S_report *r, const char *w, bool sentence_start,
                     bool *proper) {
  *proper = anon_words_has(&r->m->words, w, strlen(w));
  if (S_in(r->allow, r->nallow, w))
    return S_SURE;
  buf lower = BUF_INIT;
  utf8_lower(&lower, w, strlen(w));
  const char *lw = buf_cstr(&lower);
  S_why why = S_NAME;
  size_t letters = utf8_length(w, strlen(w));
  bool digit = false;
  for (const char *p = w; *p; p++)
    digit |= *p >= '0' && *p <= '9';
  if (S_in(r->pseudo_words, r->npseudo, lw) || letters < 2 || digit)
    why = S_SURE;
  bool ordinary = anon_words_has(&r->m->words, lw, lower.len);
  /* a genitive: "Nordbys" is ordinary when "nordby" is */
  if (!ordinary && lower.len > 2 && lw[lower.len - 1] == 's' &&
      anon_words_has(&r->m->words, lw, lower.len - 1))
    ordinary = true;
  /* compounds only where a sentence starts: "Baselinerunden viste" is a
     word, "i Fjordregionen" is a name; a proper noun of the list is not
     taken apart (Mortensen) */
  if (!ordinary && sentence_start && !*proper)
    ordinary = S_compound(r, lw, lower.len);
  if (why == S_NAME && ordinary)
    why = sentence_start ? S_START : S_ORDINARY;
  if (why == S_NAME && strchr(lw, '-')) {
    /* "Nord-Partnerskab A": parts that are words or a pseudonym's */
    bool all = true;
    char *parts = xstrdup(lw);
    for (char *q = strtok(parts, "-"); q && all; q = strtok(NULL, "-"))
      all = S_in(r->pseudo_words, r->npseudo, q) ||
            anon_words_has(&r->m->words, q, strlen(q));
    free(parts);
    if (all)
      why = S_SURE;
  }
  buf_free(&lower);
  return why;
}

static void S_add(S_report *r, const char *phrase, const char *file, int line,
                  bool proper, bool maybe) {
  if (S_in(r->allow, r->nallow, phrase))
    return;
  for (size_t i = 0; i < r->len; i++)
    if (strcmp(r->items[i].phrase, phrase) == 0 && r->items[i].line == line &&
        strcmp(r->items[i].file, file ? file : "") == 0 &&
        r->items[i].maybe == maybe) {
      r->items[i].count++;
      return;
    }
  XGROW(r->items, r->cap, r->len + 1);
  r->items[r->len++] = (S_occ){xstrdup(phrase), xstrdup(file ? file : ""),
                               line, 1, proper, maybe};
}

typedef struct {
  size_t a, b; /* characters of the word in the normalised text */
  S_why why;
  bool proper;
} S_word;

static void S_list(S_report *r, const anon_norm *n, const S_word *run,
                   size_t f, size_t l, const char *file, int line,
                   bool maybe) {
  buf p = BUF_INIT;
  bool proper = false;
  for (size_t k = f; k < l; k++) {
    if (k > f)
      buf_putc(&p, ' ');
    anon_norm_text(n, run[k].a, run[k].b, &p);
    proper |= run[k].proper;
  }
  S_add(r, buf_cstr(&p), file, line, proper, maybe);
  buf_free(&p);
}

/* Adds the run of capitalised words if it holds a name: the unknown part
 * ("Jobcenter Nordby" -> "Nordby"), or else the ordinary words written
 * with a capital mid-sentence and the word that starts the run with them
 * ("Per Holm sagde" -> "Per Holm"). */
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
  bool name = false, mid = false, proper = false;
  for (size_t k = 0; k < *nrun; k++) {
    name |= run[k].why == S_NAME;
    mid |= run[k].why == S_ORDINARY;
    proper |= run[k].proper;
  }
  /* a run with an unknown word, or ordinary words written with a capital
     mid-sentence of which one is a name in the word list ("Per Holm", "Bo
     Storm"; not the term "Kantinen"): listed from its first capitalised
     word that is not sure to be ordinary to its last such word
     ("Jobcenter Esbjerg", "Karl-Erik Vang", "Aalborg Universitet") */
  if (name || (mid && proper)) {
    size_t f = 0, l = *nrun;
    while (f < l && (run[f].why == S_SURE ||
                     (run[f].why == S_START && !run[f].proper)))
      f++;
    while (l > f && run[l - 1].why == S_SURE)
      l--;
    if (f < l)
      S_list(r, n, run, f, l, file, line, false);
  } else {
    /* "Storm understreger", "Ifølge Vang": a name only if the text names
       someone so in full elsewhere (Bo Storm), as anon_names_print sees */
    for (size_t k = 0; k < *nrun; k++)
      if (run[k].why != S_SURE)
        S_list(r, n, run, k, k + 1, file, line, true);
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
    for (;;) {
      while (i < n.len && anon_is_word_cp(n.lc[i]))
        i++;
      /* Anne-Mette: a hyphen before a capital joins the parts */
      if (i + 1 < n.len && n.lc[i] == '-' && anon_is_word_cp(n.orig[i + 1]) &&
          utf8_lower_cp(n.orig[i + 1]) != n.orig[i + 1] &&
          utf8_lower_cp(n.orig[a]) != n.orig[a]) {
        i++;
        continue;
      }
      break;
    }
    if (utf8_lower_cp(n.orig[a]) == n.orig[a]) {
      /* "Center for Arbejdsmarkedsforskning": "for" between capitals */
      if (nrun && i - a == 3 && !memcmp(&n.lc[a], (uint32_t[]){'f', 'o', 'r'},
                                        3 * sizeof(uint32_t)) &&
          i + 1 < n.len && n.lc[i] == ' ' &&
          utf8_lower_cp(n.orig[i + 1]) != n.orig[i + 1] &&
          run[nrun - 1].b + 1 == a) {
        XGROW(run, cap, nrun + 1);
        run[nrun++] = (S_word){a, i, S_SURE, false};
        continue;
      }
      S_flush(r, &n, run, &nrun, file, line);
      continue;
    }
    if (i + 1 < n.len && n.lc[i] == '-' &&
        utf8_lower_cp(n.orig[i + 1]) == n.orig[i + 1]) {
      /* "HR-chef", "EU-midler": an ordinary compound */
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
    S_word sw = {a, i, S_NAME, false};
    sw.why = S_known(r, buf_cstr(&w), start, &sw.proper);
    buf_free(&w);
    XGROW(run, cap, nrun + 1);
    run[nrun++] = sw;
  }
  S_flush(r, &n, run, &nrun, file, line);
  free(run);
  anon_norm_free(&n);
}

/* A phrase of the list: the places found, summed. */
typedef struct {
  const char *phrase, *file;
  int line, count;
  bool proper;
} S_row;

static int S_cmp(const void *a, const void *b) {
  const S_row *x = a, *y = b;
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

struct anon_names *anon_names_new(void) {
  return xcalloc(1, sizeof(struct anon_names));
}

void anon_names_free(struct anon_names *a) {
  if (!a)
    return;
  for (size_t i = 0; i < a->len; i++) {
    free(a->occ[i].phrase);
    free(a->occ[i].file);
  }
  free(a->occ);
  free(a);
}

/* The block's inline text without citations: a cited author is public,
 * not someone the mapping has to hide. */
static void S_block_text(const doc_node *n, buf *out) {
  for (const doc_node *c = n->first; c; c = c->next) {
    if (c->type == DOC_TEXT && c->text)
      buf_puts(out, c->text);
    else if (c->type == DOC_SOFT_BREAK || c->type == DOC_LINE_BREAK)
      buf_putc(out, ' ');
    else if ((c->type == DOC_LINK && c->text &&
              !strncmp(c->text, "#ref-", 5)) ||
             c->type == DOC_XREF) /* a cross-reference prints a title */
      buf_puts(out, "\xEF\xBF\xBC");
    else if (doc_is_inline(c->type) && c->type != DOC_CODE &&
             c->type != DOC_FOOTNOTE_REF)
      S_block_text(c, out);
    else
      buf_puts(out, "\xEF\xBF\xBC");
  }
}

void anon_names_collect(const anon_map *m, const doc *d,
                        const char *allow_list_path) {
  if (!m || !d)
    return;
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
    if (anon_is_container(n) &&
        !(n->type == DOC_PARAGRAPH && (n->flags & DOC_HANGING))) {
      buf b = BUF_INIT;
      S_block_text(n, &b);
      S_text(&r, buf_cstr(&b), f, l);
      buf_free(&b);
    }
    S_text(&r, n->title, f, l);
    S_text(&r, n->alt, f, l);
    if (n->type == DOC_CODE_BLOCK || n->type == DOC_CODE)
      S_text(&r, n->text, f, l);
    if (n->type == DOC_CHART && n->drawing)
      for (size_t i = 0; i < n->drawing->len; i++)
        S_text(&r, n->drawing->items[i].text, f, l);
  }
  /* into the map's list: a place an earlier edition counted is not
     counted again (the same chapter in two editions) */
  struct anon_names *acc = m->names;
  for (size_t i = 0; i < r.len; i++) {
    S_occ *o = &r.items[i];
    S_occ *g = NULL;
    for (size_t k = 0; k < acc->len && !g; k++)
      if (acc->occ[k].line == o->line && acc->occ[k].maybe == o->maybe &&
          !strcmp(acc->occ[k].phrase, o->phrase) &&
          !strcmp(acc->occ[k].file, o->file))
        g = &acc->occ[k];
    if (g) {
      if (o->count > g->count)
        g->count = o->count;
      free(o->phrase);
      free(o->file);
    } else {
      XGROW(acc->occ, acc->cap, acc->len + 1);
      acc->occ[acc->len++] = *o;
    }
  }
  free(r.items);
  for (size_t i = 0; i < r.nallow; i++)
    free(r.allow[i]);
  free(r.allow);
  for (size_t i = 0; i < r.npseudo; i++)
    free(r.pseudo_words[i]);
  free(r.pseudo_words);
}

/* Pads to `width` columns as a terminal shows them: æ, ø and å are one
 * column each, however many bytes. */
static void S_pad(FILE *out, const char *s, size_t width) {
  size_t cols = utf8_length(s, strlen(s));
  fputs(s, out);
  do
    fputc(' ', out);
  while (++cols < width);
}

/* Is the word (or the word without a genitive s) a word of a listed
 * phrase of two or more words ("Storm" of "Bo Storm")? */
static bool S_held(const struct anon_names *acc, const char *word) {
  size_t n = strlen(word);
  for (size_t i = 0; i < acc->len; i++) {
    const char *p = acc->occ[i].phrase;
    if (acc->occ[i].maybe || !strchr(p, ' '))
      continue;
    for (size_t cut = 0; cut < 2; cut++) {
      size_t k = n - cut;
      if (cut && (n < 2 || word[n - 1] != 's'))
        break;
      for (const char *q = p; (q = strstr(q, word)) != NULL; q++) {
        /* whole words only: "Holm" in "Per Holm", not in "Holmsted" */
        bool left = q == p || q[-1] == ' ';
        bool right = q[k] == '\0' || q[k] == ' ';
        if (left && right && !strncmp(q, word, k))
          return true;
        if (!*q)
          break;
      }
    }
  }
  return false;
}

int anon_names_print(const anon_map *m, FILE *out) {
  if (!m)
    return 0;
  const struct anon_names *acc = m->names;
  S_row *rows = xcalloc(acc->len + 1, sizeof *rows);
  size_t nrows = 0, width = 8;
  for (size_t i = 0; i < acc->len; i++) {
    const S_occ *o = &acc->occ[i];
    if (o->maybe && !S_held(acc, o->phrase))
      continue;
    S_row *row = NULL;
    for (size_t k = 0; k < nrows && !row; k++)
      if (!strcmp(rows[k].phrase, o->phrase))
        row = &rows[k];
    if (row) {
      row->count += o->count;
      row->proper |= o->proper;
      continue;
    }
    rows[nrows++] = (S_row){o->phrase, o->file, o->line, o->count, o->proper};
    size_t w = utf8_length(o->phrase, strlen(o->phrase));
    if (w > width)
      width = w < 40 ? w : 40;
  }
  qsort(rows, nrows, sizeof *rows, S_cmp);
  if (!nrows)
    fprintf(out, "%s\n", M_ANON_NO_POSSIBLE_NAMES_FOUND);
  else
    fprintf(out, "%s\n", M_ANON_CAPITALISED_WORDS_NOT_WORD);
  for (size_t i = 0; i < nrows; i++) {
    const S_row *e = &rows[i];
    fputs("  ", out);
    S_pad(out, e->phrase, width + 1);
    fprintf(out, "%4d  ", e->count);
    if (*e->file)
      fprintf(out, "%s:%d", e->file, e->line);
    else
      fputs(M_ANON_METADATA, out);
    if (e->proper)
      fputs(M_ANON_PROPER_NOUN_WORD_LIST, out);
    fputc('\n', out);
  }
  free(rows);
  return (int)nrows;
}

int anon_names_report(const anon_map *m, const doc *d,
                      const char *allow_list_path, FILE *out) {
  anon_names_collect(m, d, allow_list_path);
  return anon_names_print(m, out);
}
