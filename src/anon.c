/* anon.c - the pseudonym map, the word list, normalised text and the
 * matcher that finds a name in its Danish forms. The tree walk is in
 * anon_tree.c, the output scan in anon_scan.c, the review list in
 * anon_names.c. */
#include "anon.h"

#include <stdlib.h>
#include <string.h>

#include "anon_int.h"
#include "data/data.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/utf8.h"

/* ---- word list ---- */

static uint64_t S_hash(const char *s, size_t n) {
  uint64_t h = 14695981039346656037ull;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
  return h;
}

static void S_words_insert(anon_words *w, char *s);

static void S_words_grow(anon_words *w) {
  size_t old = w->nslots;
  char **slots = w->slots;
  w->nslots = old ? old * 2 : 1024;
  w->slots = xcalloc(w->nslots, sizeof *w->slots);
  w->count = 0;
  for (size_t i = 0; i < old; i++)
    if (slots[i])
      S_words_insert(w, slots[i]);
  free(slots);
}

static void S_words_insert(anon_words *w, char *s) {
  if ((w->count + 1) * 2 > w->nslots)
    S_words_grow(w);
  size_t n = strlen(s);
  size_t i = S_hash(s, n) & (w->nslots - 1);
  while (w->slots[i]) {
    if (strcmp(w->slots[i], s) == 0)
      return;
    i = (i + 1) & (w->nslots - 1);
  }
  w->slots[i] = s;
  w->count++;
}

bool anon_words_has(const anon_words *w, const char *s, size_t n) {
  if (!w->nslots)
    return false;
  size_t i = S_hash(s, n) & (w->nslots - 1);
  while (w->slots[i]) {
    if (strlen(w->slots[i]) == n && memcmp(w->slots[i], s, n) == 0)
      return true;
    i = (i + 1) & (w->nslots - 1);
  }
  return false;
}

static void S_words_add_copy(anon_words *w, const char *s) {
  XGROW(w->owned, w->owned_cap, w->nowned + 1);
  char *c = xstrdup(s);
  w->owned[w->nowned++] = c;
  S_words_insert(w, c);
}

static void S_words_free(anon_words *w) {
  for (size_t i = 0; i < w->nowned; i++)
    free(w->owned[i]);
  free(w->owned);
  free(w->slots);
  free(w->data);
  memset(w, 0, sizeof *w);
}

/* Words that often close a compound with a place name, so that
 * "Viborgegnen" can become "Partnerskab A-egnen" even without a word list. */
static const char *const S_builtin_tails[] = {
    "egnen", "egn", "området", "område", "områdets", "kommune", "kommunes",
    "kommunen", "borgere", "borger", "partnerskabet", "partnerskab",
    "partnerskabets", "modellen", "projektet", "samarbejdet", "gruppen",
    "styregruppen", "konsulenterne", "jobcenter", "jobcentret", "sagen",
    "casen", "cases", "case", "forløbet", "indsatsen", NULL};

/* Marks names that are ordinary words, after a word list arrived. */
static void S_mark_common(anon_map *m) {
  for (size_t i = 0; i < m->len; i++) {
    buf lower = BUF_INIT;
    utf8_lower(&lower, m->entries[i].real, strlen(m->entries[i].real));
    m->entries[i].common = !strchr(buf_cstr(&lower), ' ') &&
                           anon_words_has(&m->words, buf_cstr(&lower),
                                          lower.len);
    buf_free(&lower);
  }
}

bool anon_map_load_words(anon_map *m, const char *path) {
  size_t len = 0;
  char *data = fs_read(path, &len);
  if (!data)
    return false;
  if (m->words.data) { /* a second list: keep its lines as owned copies */
    for (char *line = strtok(data, "\r\n"); line; line = strtok(NULL, "\r\n"))
      S_words_add_copy(&m->words, line);
    free(data);
    S_mark_common(m);
    return true;
  }
  m->words.data = data;
  /* size the table once: the Danish list has some 300,000 lines */
  size_t lines = 1;
  for (const char *q = data; (q = memchr(q, '\n', (size_t)(data + len - q)));
       q++)
    lines++;
  while (m->words.nslots < (m->words.count + lines) * 2)
    S_words_grow(&m->words);
  char *p = data, *end = data + len;
  while (p < end) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    char *stop = nl ? nl : end;
    char *e = stop;
    if (e > p && e[-1] == '\r')
      e--;
    *e = '\0';
    if (e > p && *p != '#')
      S_words_insert(&m->words, p);
    p = stop + 1;
  }
  m->have_wordlist = true;
  S_mark_common(m);
  return true;
}

/* ---- the map ---- */

anon_map *anon_map_new(void) {
  anon_map *m = xcalloc(1, sizeof *m);
  for (size_t i = 0; S_builtin_tails[i]; i++)
    S_words_add_copy(&m->words, S_builtin_tails[i]);
  return m;
}

size_t anon_map_size(const anon_map *m) { return m ? m->len : 0; }

void anon_free(anon_map *m) {
  if (!m)
    return;
  for (size_t i = 0; i < m->len; i++) {
    free(m->entries[i].real);
    free(m->entries[i].pseudonym);
  }
  free(m->entries);
  for (size_t i = 0; i < m->nforms; i++)
    free(m->forms[i].cp);
  free(m->forms);
  S_words_free(&m->words);
  free(m->dir);
  free(m);
}

const char *anon_kind_name(anon_kind k) {
  switch (k) {
  case ANON_PARTNERSHIP: return "partnerskab";
  case ANON_PLACE: return "sted";
  case ANON_ORGANISATION: return "organisation";
  case ANON_PERSON: return "person";
  }
  return "?";
}

static int S_kind(const char *s) {
  static const struct { const char *w; anon_kind k; } kinds[] = {
      {"partnerskab", ANON_PARTNERSHIP}, {"partnership", ANON_PARTNERSHIP},
      {"sted", ANON_PLACE}, {"place", ANON_PLACE},
      {"organisation", ANON_ORGANISATION}, {"organization", ANON_ORGANISATION},
      {"person", ANON_PERSON}};
  for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
    if (strcmp(s, kinds[i].w) == 0)
      return (int)kinds[i].k;
  return -1;
}

/* The searchable form of s: lower case, separators as one ' ', trimmed. */
static size_t S_form_cps(const char *s, uint32_t **out) {
  anon_norm n;
  anon_norm_init(&n);
  anon_norm_add(&n, s, strlen(s), 0, false);
  uint32_t *cp = xmalloc((n.len + 1) * sizeof *cp);
  size_t k = 0;
  for (size_t i = 0; i < n.len; i++) {
    uint32_t c = n.lc[i];
    if (c == '-' || c == '_')
      c = ' ';
    if (c == ' ' && (k == 0 || cp[k - 1] == ' '))
      continue;
    cp[k++] = c;
  }
  while (k && cp[k - 1] == ' ')
    k--;
  anon_norm_free(&n);
  *out = cp;
  return k;
}

static void S_add_form(anon_map *m, uint32_t *cp, size_t len, size_t entry,
                       bool translit) {
  for (size_t i = 0; i < m->nforms; i++) /* the same form twice: keep one */
    if (m->forms[i].len == len && !memcmp(m->forms[i].cp, cp, len * sizeof *cp)) {
      free(cp);
      return;
    }
  XGROW(m->forms, m->forms_cap, m->nforms + 1);
  /* keep longest first: insertion sort keeps the order stable */
  size_t at = m->nforms;
  while (at > 0 && m->forms[at - 1].len < len)
    at--;
  memmove(&m->forms[at + 1], &m->forms[at],
          (m->nforms - at) * sizeof *m->forms);
  m->forms[at] = (anon_form){cp, len, entry, translit};
  m->nforms++;
}

static bool S_letter_count_ok(const uint32_t *cp, size_t len) {
  size_t letters = 0;
  for (size_t i = 0; i < len; i++)
    if (anon_is_word_cp(cp[i]))
      letters++;
  return letters >= 2;
}

bool anon_map_add(anon_map *m, const char *real, const char *pseudonym,
                  const char *kind) {
  int k = S_kind(kind ? kind : "");
  if (k < 0 || !real || !pseudonym || !*pseudonym)
    return false;
  uint32_t *cp;
  size_t len = S_form_cps(real, &cp);
  if (!S_letter_count_ok(cp, len)) {
    free(cp);
    return false;
  }
  XGROW(m->entries, m->cap, m->len + 1);
  anon_entry *e = &m->entries[m->len];
  memset(e, 0, sizeof *e);
  e->real = xstrdup(real);
  e->pseudonym = xstrdup(pseudonym);
  e->kind = (anon_kind)k;
  uint32_t last = cp[len - 1];
  e->sibilant = last == 's' || last == 'x' || last == 'z';
  buf lower = BUF_INIT;
  for (size_t i = 0; i < len; i++)
    utf8_encode(&lower, cp[i]);
  e->common = anon_words_has(&m->words, buf_cstr(&lower), lower.len) &&
              !memchr(buf_cstr(&lower), ' ', lower.len);
  buf_free(&lower);
  size_t idx = m->len++;
  S_add_form(m, cp, len, idx, false);
  /* the ASCII spelling that slugs and URLs use: Ådal -> aadal */
  char *slug = doc_slug(real);
  uint32_t *scp;
  size_t slen = S_form_cps(slug, &scp);
  free(slug);
  if (slen >= 2)
    S_add_form(m, scp, slen, idx, true);
  else
    free(scp);
  return true;
}

anon_map *anon_load(const char *path, diag_list *diags) {
  char *dir = fs_dirname(path), *base = fs_basename(path);
  static const char *const kinds[] = {"partnerskab", "sted", "organisation",
                                      "person"};
  col_schema cols[3] = {
      {"navn", COL_TEXT, true, false, NULL, 0, NULL},
      {"pseudonym", COL_TEXT, true, false, NULL, 0, NULL},
      {"type", COL_TEXT, true, false, (char **)kinds, 4, NULL},
  };
  data_schema schema;
  memset(&schema, 0, sizeof schema);
  schema.name = "pseudonymer";
  schema.path = base;
  schema.cols = cols;
  schema.ncols = 3;
  schema.pinned.header = 1;
  size_t errors0 = diags->errors;
  data_table *t = data_table_load(&schema, dir, diags);
  anon_map *m = NULL;
  if (t && diags->errors == errors0) {
    m = anon_map_new();
    m->dir = xstrdup(dir);
    const char *wl = getenv("RAPPORT_WORDLIST");
    if (!anon_map_load_words(m, wl && *wl ? wl : ANON_WORDLIST))
      diag_warning(diags, wl && *wl ? wl : ANON_WORDLIST, 0, 0, "%s",
                   TR("den danske ordliste mangler (Debian-pakken wdanish); "
                      "navne, der også er almindelige ord, giver derfor "
                      "flere fund",
                      "the Danish word list is missing (Debian package "
                      "wdanish); names that are also ordinary words will "
                      "give more hits"));
    for (size_t r = 0; r < t->nrows; r++) {
      const data_row *row = &t->rows[r];
      const char *real = row->cells[0].raw, *ps = row->cells[1].raw;
      const char *kind = row->cells[2].raw;
      if (!real || !ps || !kind || !*real || !*ps)
        continue; /* the data stage has reported the empty cell */
      int dup = -1;
      buf a = BUF_INIT;
      utf8_lower(&a, real, strlen(real));
      for (size_t i = 0; i < m->len && dup < 0; i++) {
        buf b = BUF_INIT;
        utf8_lower(&b, m->entries[i].real, strlen(m->entries[i].real));
        if (strcmp(buf_cstr(&a), buf_cstr(&b)) == 0)
          dup = (int)i;
        buf_free(&b);
      }
      buf_free(&a);
      if (dup >= 0) {
        diag_error(diags, path, row->line, 1,
                   TR("navnet '%s' står to gange i pseudonymlisten (også på "
                      "linje %d); slet den ene linje",
                      "the name '%s' is listed twice (also on line %d); "
                      "delete one of the lines"),
                   real, m->entries[dup].line);
        continue;
      }
      if (!anon_map_add(m, real, ps, kind)) {
        diag_error(diags, path, row->line, 1,
                   TR("navnet '%s' er for kort til at blive fundet sikkert "
                      "(mindst to bogstaver)",
                      "the name '%s' is too short to be found safely (at "
                      "least two letters)"),
                   real);
        continue;
      }
      m->entries[m->len - 1].line = row->line;
    }
    /* a pseudonym that contains a real name would fail every scan */
    for (size_t i = 0; i < m->len; i++) {
      anon_norm n;
      anon_norm_init(&n);
      const char *ps = m->entries[i].pseudonym;
      anon_norm_add(&n, ps, strlen(ps), 0, false);
      anon_hit h;
      if (anon_find(m, &n, 0, ANON_MODE_SCAN, &h))
        diag_error(diags, path, m->entries[i].line, 2,
                   TR("pseudonymet '%s' indeholder det rigtige navn '%s'; "
                      "vælg et pseudonym uden navnet",
                      "the pseudonym '%s' contains the real name '%s'; "
                      "choose a pseudonym without the name"),
                   ps, m->entries[h.entry].real);
      anon_norm_free(&n);
    }
    if (diags->errors != errors0) {
      anon_free(m);
      m = NULL;
    }
  }
  data_table_free(t);
  free(dir);
  free(base);
  return m;
}

/* ---- normalised text ---- */

void anon_norm_init(anon_norm *n) { memset(n, 0, sizeof *n); }

void anon_norm_free(anon_norm *n) {
  free(n->lc);
  free(n->orig);
  free(n->beg);
  free(n->end);
  memset(n, 0, sizeof *n);
}

static void S_push(anon_norm *n, uint32_t lc, uint32_t orig, size_t b,
                   size_t e) {
  if (n->len == n->cap) {
    n->cap = n->cap ? n->cap * 2 : 256;
    n->lc = xrealloc(n->lc, n->cap * sizeof *n->lc);
    n->orig = xrealloc(n->orig, n->cap * sizeof *n->orig);
    n->beg = xrealloc(n->beg, n->cap * sizeof *n->beg);
    n->end = xrealloc(n->end, n->cap * sizeof *n->end);
  }
  n->lc[n->len] = lc;
  n->orig[n->len] = orig;
  n->beg[n->len] = b;
  n->end[n->len] = e;
  n->len++;
}

static bool S_is_space(uint32_t c) {
  return c == ' ' || (c >= 9 && c <= 13) || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

static bool S_is_ignorable(uint32_t c) {
  return c == 0xAD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 ||
         c == 0xFEFF;
}

bool anon_is_word_cp(uint32_t c) {
  if (c < 0x80)
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
  if (c < 0xC0 || c == 0xD7 || c == 0xF7)
    return false;
  if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
      (c >= 0xFE00 && c <= 0xFE0F) || c >= 0xFFF0 || c == 0xFEFF)
    return false;
  return !S_is_space(c) && !S_is_ignorable(c);
}

/* A letter followed by a combining mark, as text typed on some systems
 * arrives (NFD: "A" + U+030A), composed into the letter the names use. */
static uint32_t S_compose(uint32_t base, uint32_t mark) {
  static const struct {
    uint32_t mark;
    const char *from, *to; /* ASCII letters -> Latin-1 code points */
  } tab[] = {
      {0x300, "AEIOUaeiou", "\xC0\xC8\xCC\xD2\xD9\xE0\xE8\xEC\xF2\xF9"},
      {0x301, "AEIOUYaeiouy",
       "\xC1\xC9\xCD\xD3\xDA\xDD\xE1\xE9\xED\xF3\xFA\xFD"},
      {0x302, "AEIOUaeiou", "\xC2\xCA\xCE\xD4\xDB\xE2\xEA\xEE\xF4\xFB"},
      {0x303, "ANOano", "\xC3\xD1\xD5\xE3\xF1\xF5"},
      {0x308, "AEIOUaeiouy",
       "\xC4\xCB\xCF\xD6\xDC\xE4\xEB\xEF\xF6\xFC\xFF"},
      {0x30A, "Aa", "\xC5\xE5"},
      {0x327, "Cc", "\xC7\xE7"},
      {0x338, "Oo", "\xD8\xF8"}};
  for (size_t i = 0; i < sizeof tab / sizeof *tab; i++) {
    if (tab[i].mark != mark || base >= 0x80)
      continue;
    const char *at = strchr(tab[i].from, (int)base);
    if (at && base)
      return (unsigned char)tab[i].to[at - tab[i].from];
  }
  return 0;
}

void anon_norm_add(anon_norm *n, const char *s, size_t len, size_t base,
                   bool join_breaks) {
  size_t i = 0;
  while (i < len) {
    uint32_t cp;
    int k = utf8_decode(s + i, len - i, &cp);
    size_t b = i, e = i + (size_t)k;
    i = e;
    if (S_is_ignorable(cp))
      continue;
    if (S_is_space(cp)) {
      if (n->len && n->lc[n->len - 1] == ' ' && n->end[n->len - 1] == base + b)
        n->end[n->len - 1] = base + e;
      else
        S_push(n, ' ', cp, base + b, base + e);
      continue;
    }
    if (cp >= 0x300 && cp <= 0x36F) { /* a combining mark */
      uint32_t c = n->len ? S_compose(n->orig[n->len - 1], cp) : 0;
      if (c && n->end[n->len - 1] == base + b) {
        n->orig[n->len - 1] = c;
        n->lc[n->len - 1] = utf8_lower_cp(c);
        n->end[n->len - 1] = base + e;
      }
      continue;
    }
    if (cp >= 0xFB00 && cp <= 0xFB06) { /* ligatures: ﬁ is f + i */
      static const char *const lig[] = {"ff", "fi", "fl", "ffi", "ffl", "st",
                                        "st"};
      for (const char *l = lig[cp - 0xFB00]; *l; l++)
        S_push(n, (uint32_t)*l, (uint32_t)*l, base + b, base + e);
      continue;
    }
    uint32_t lc = utf8_lower_cp(cp);
    if (cp == 0x2010 || cp == 0x2011)
      lc = '-';
    else if (cp == 0x2019 || cp == 0x02BC || cp == 0xB4)
      lc = '\'';
    if (lc == '-' && join_breaks) {
      /* "Vi-\nborg" in text extracted from a PDF is the word "Viborg" */
      size_t q = i;
      bool nl = false;
      while (q < len && (s[q] == ' ' || s[q] == '\t' || s[q] == '\r' ||
                         s[q] == '\n' || s[q] == '\f'))
        nl |= s[q++] == '\n';
      if (nl && q < len) {
        uint32_t next;
        utf8_decode(s + q, len - q, &next);
        if (anon_is_word_cp(next) && utf8_upper_cp(next) != next) {
          i = q;
          continue;
        }
      }
    }
    S_push(n, lc, cp, base + b, base + e);
  }
}

void anon_norm_text(const anon_norm *n, size_t a, size_t b, buf *out) {
  for (size_t i = a; i < b && i < n->len; i++)
    utf8_encode(out, n->lc[i] == ' ' ? ' ' : n->orig[i]);
}

void anon_context(const anon_norm *n, size_t a, size_t b, size_t width,
                  buf *out) {
  size_t from = a > width / 2 ? a - width / 2 : 0;
  size_t to = b + width / 2 < n->len ? b + width / 2 : n->len;
  if (from > 0)
    buf_puts(out, "…");
  anon_norm_text(n, from, a, out);
  buf_puts(out, "[");
  anon_norm_text(n, a, b, out);
  buf_puts(out, "]");
  anon_norm_text(n, b, to, out);
  if (to < n->len)
    buf_puts(out, "…");
}

/* ---- matching ---- */

static bool S_is_sep(uint32_t c) { return c == ' ' || c == '-' || c == '_'; }

/* End of the match of form f at i, or 0. A ' ' in the form matches any run
 * of separators: "Viborg\nKommune", "Viborg Kommune", "viborg-kommune". */
static size_t S_match(const anon_form *f, const anon_norm *n, size_t i) {
  size_t j = i;
  for (size_t k = 0; k < f->len; k++) {
    if (f->cp[k] == ' ') {
      size_t j0 = j;
      while (j < n->len && S_is_sep(n->lc[j]))
        j++;
      if (j == j0)
        return 0;
    } else {
      if (j >= n->len || n->lc[j] != f->cp[k])
        return 0;
      j++;
    }
  }
  return j;
}

static bool S_lookup(const anon_map *m, const anon_norm *n, size_t a,
                     size_t b) {
  buf w = BUF_INIT;
  for (size_t i = a; i < b; i++)
    utf8_encode(&w, n->lc[i]);
  bool has = anon_words_has(&m->words, buf_cstr(&w), w.len);
  buf_free(&w);
  return has;
}

static bool S_upper(uint32_t c) { return utf8_lower_cp(c) != c; }

static uint32_t S_first_cp(const char *s) {
  uint32_t cp = 0;
  if (*s)
    utf8_decode(s, strlen(s), &cp);
  return cp;
}

/* Endings that make a name into the word for its people or an adjective
 * ("viborgenser", "randrusianer", "aarhusiansk"): such a word names the
 * place even when the word list has it. */
static bool S_demonym(const anon_norm *n, size_t a, size_t b) {
  static const char *const ends[] = {
      "enser", "ensere", "enserne", "ensers", "ensernes", "ensisk", "ensiske",
      "ianer", "ianere", "ianerne", "iansk", "ianske", "er", "ere", "erne",
      "sk", "ske", "boer", "boere", "boerne", "borger", "borgere", NULL};
  buf t = BUF_INIT;
  for (size_t k = a; k < b; k++)
    utf8_encode(&t, n->lc[k]);
  bool found = false;
  for (size_t i = 0; ends[i] && !found; i++)
    found = strcmp(buf_cstr(&t), ends[i]) == 0;
  buf_free(&t);
  return found;
}

/* Decides what an occurrence of entry e at [i, end) is. Returns false when
 * it is not a name (an ordinary word that happens to match). */
static bool S_classify(const anon_map *m, const anon_norm *n, size_t i,
                       size_t end, size_t entry, anon_mode mode, anon_hit *h) {
  const anon_entry *e = &m->entries[entry];
  size_t t = end;
  while (t < n->len && anon_is_word_cp(n->lc[t]))
    t++;
  memset(h, 0, sizeof *h);
  h->entry = entry;
  h->start = i;
  h->end = end;
  h->word_end = t;
  size_t letters = 0, uppers = 0;
  for (size_t k = i; k < t; k++) {
    uint32_t c = n->orig[k];
    if (!anon_is_word_cp(c) || (c >= '0' && c <= '9'))
      continue;
    letters++;
    uppers += S_upper(c);
  }
  h->upper = letters >= 2 && uppers == letters;
  bool common = e->common && mode != ANON_MODE_ID;
  if (common && uppers == 0)
    return false; /* "en skive brød" is not the town Skive */
  if (S_upper(n->orig[i]) && !S_upper(S_first_cp(e->pseudonym))) {
    /* a role at the start of a sentence is capitalised */
    size_t p = i;
    while (p > 0 && n->lc[p - 1] == ' ')
      p--;
    h->cap = p == 0 || n->lc[p - 1] == '.' || n->lc[p - 1] == '!' ||
             n->lc[p - 1] == '?';
  }
  if (t == end) {
    if (end < n->len && n->lc[end] == '\'') {
      if (end + 1 < n->len && n->lc[end + 1] == 's' &&
          (end + 2 == n->len || !anon_is_word_cp(n->lc[end + 2]))) {
        h->kind = ANON_HIT_GENITIVE;
        h->end = h->word_end = end + 2;
        return true;
      }
      if (e->sibilant) {
        h->kind = ANON_HIT_GENITIVE;
        h->end = h->word_end = end + 1;
        return true;
      }
    }
    h->kind = ANON_HIT_BASE;
    return true;
  }
  if (t == end + 1 && n->lc[end] == 's') {
    h->kind = ANON_HIT_GENITIVE;
    h->end = t;
    return true;
  }
  bool ordinary = S_lookup(m, n, i, t);
  if (common && ordinary)
    return false; /* "Skiven" begins a sentence about a disc */
  if (e->kind != ANON_PERSON && t - end <= 3) {
    /* the definite form of a place: "i Havbjerget" -> "i Partnerskab B",
       "Havbjergets" -> "Partnerskab B's" */
    uint32_t a = n->lc[end], b = t - end > 1 ? n->lc[end + 1] : 0;
    bool def = a == 'e' && (b == 'n' || b == 't');
    if (def && t - end == 2) {
      h->kind = ANON_HIT_BASE;
      h->end = t;
      return true;
    }
    if (def && t - end == 3 && n->lc[end + 2] == 's') {
      h->kind = ANON_HIT_GENITIVE;
      h->end = t;
      return true;
    }
  }
  if (ordinary && !S_demonym(n, end, t))
    return false; /* "vejleder" is a word, not the town Vejle */
  bool digits = true;
  for (size_t k = end; k < t; k++)
    digits &= n->lc[k] >= '0' && n->lc[k] <= '9';
  h->kind = ANON_HIT_PREFIX;
  if (digits || (t - end >= 3 && S_lookup(m, n, end, t)))
    return true;
  if (n->lc[end] == 's' && t - end >= 4 && S_lookup(m, n, end + 1, t)) {
    h->end = end + 1; /* the linking s goes: Viborgsegnen -> X-egnen */
    return true;
  }
  h->kind = ANON_HIT_LEFTOVER;
  return true;
}

/* "projektleder Ida Mørch" with the pseudonym "projektlederen": the role
 * word in front of a person's name is taken into the replacement, so the
 * text reads "projektlederen" and not "projektleder projektlederen". */
static void S_role_before(const anon_map *m, const anon_norm *n,
                          anon_mode mode, anon_hit *h) {
  const anon_entry *e = &m->entries[h->entry];
  size_t i = h->start;
  if (e->kind != ANON_PERSON || mode == ANON_MODE_ID || i < 2 ||
      n->lc[i - 1] != ' ' ||
      (h->kind != ANON_HIT_BASE && h->kind != ANON_HIT_GENITIVE))
    return;
  size_t ws = i - 1;
  while (ws > 0 && anon_is_word_cp(n->lc[ws - 1]))
    ws--;
  if (ws == i - 1)
    return;
  buf word = BUF_INIT, ps = BUF_INIT;
  for (size_t k = ws; k < i - 1; k++)
    utf8_encode(&word, n->lc[k]);
  utf8_lower(&ps, e->pseudonym, strlen(e->pseudonym));
  const char *w = buf_cstr(&word), *p = buf_cstr(&ps);
  bool same = strcmp(w, p) == 0;
  if (!same && strncmp(p, w, word.len) == 0) {
    const char *rest = p + word.len;
    same = !strcmp(rest, "en") || !strcmp(rest, "n") || !strcmp(rest, "et") ||
           !strcmp(rest, "t") || !strcmp(rest, "e");
  }
  if (same) {
    h->start = ws;
    h->cap = S_upper(n->orig[ws]) && !S_upper(S_first_cp(e->pseudonym));
  }
  buf_free(&word);
  buf_free(&ps);
}

bool anon_find(const anon_map *m, const anon_norm *n, size_t from,
               anon_mode mode, anon_hit *h) {
  if (!m)
    return false;
  for (size_t i = from; i < n->len; i++) {
    bool start = i == 0 || !anon_is_word_cp(n->lc[i - 1]);
    if (!start && mode != ANON_MODE_SCAN)
      continue;
    if (!anon_is_word_cp(n->lc[i]))
      continue;
    for (size_t f = 0; f < m->nforms; f++) {
      const anon_form *fm = &m->forms[f];
      if (fm->cp[0] != n->lc[i])
        continue;
      if (!start && (fm->translit || fm->len < 4 ||
                     m->entries[fm->entry].common))
        continue;
      size_t end = S_match(fm, n, i);
      if (!end)
        continue;
      if (!start) {
        /* inside a word: Nordviborg is a leak, unless the word is ordinary */
        size_t ws = i, we = end;
        while (ws > 0 && anon_is_word_cp(n->lc[ws - 1]))
          ws--;
        while (we < n->len && anon_is_word_cp(n->lc[we]))
          we++;
        if (S_lookup(m, n, ws, we))
          continue;
        memset(h, 0, sizeof *h);
        h->entry = fm->entry;
        h->start = i;
        h->end = end;
        h->word_end = we;
        h->kind = ANON_HIT_LEFTOVER;
        return true;
      }
      if (S_classify(m, n, i, end, fm->entry, mode, h)) {
        S_role_before(m, n, mode, h);
        return true;
      }
    }
  }
  return false;
}

/* ---- rewriting ---- */

/* Danish genitive of a pseudonym: "Partnerskab A's" after a capital or a
 * digit (as for abbreviations), "Kommune Bs" is wrong; "Hus'" after s, x, z;
 * otherwise "konsulents". */
static void S_genitive(const char *p, buf *out) {
  buf_puts(out, p);
  size_t n = strlen(p);
  if (!n)
    return;
  /* the last code point */
  size_t k = n - 1;
  while (k > 0 && ((unsigned char)p[k] & 0xC0) == 0x80)
    k--;
  uint32_t last;
  utf8_decode(p + k, n - k, &last);
  if (last == 's' || last == 'x' || last == 'z' || last == 'S' ||
      last == 'X' || last == 'Z')
    buf_putc(out, '\'');
  else if (S_upper(last) || (last >= '0' && last <= '9'))
    buf_puts(out, "'s");
  else
    buf_putc(out, 's');
}

void anon_render(const anon_map *m, const anon_hit *h, anon_mode mode,
                 buf *out) {
  const anon_entry *e = &m->entries[h->entry];
  buf form = BUF_INIT;
  if (h->kind == ANON_HIT_GENITIVE)
    S_genitive(e->pseudonym, &form);
  else
    buf_puts(&form, e->pseudonym);
  if (mode == ANON_MODE_ID) {
    char *slug = doc_slug(buf_cstr(&form));
    buf_puts(out, slug);
    free(slug);
  } else if (h->upper) {
    const char *s = buf_cstr(&form);
    size_t n = form.len, i = 0;
    while (i < n) {
      uint32_t cp;
      i += (size_t)utf8_decode(s + i, n - i, &cp);
      utf8_encode(out, utf8_upper_cp(cp));
    }
  } else if (h->cap) {
    const char *s = buf_cstr(&form);
    uint32_t cp;
    int k = utf8_decode(s, form.len, &cp);
    utf8_encode(out, utf8_upper_cp(cp));
    buf_puts(out, s + k);
  } else {
    buf_put(out, form.data, form.len);
  }
  if (h->kind == ANON_HIT_PREFIX)
    buf_putc(out, '-');
  buf_free(&form);
}

char *anon_rewrite(const anon_map *m, const char *s, anon_mode mode) {
  if (!s)
    return NULL;
  size_t len = strlen(s);
  anon_norm n;
  anon_norm_init(&n);
  anon_norm_add(&n, s, len, 0, false);
  buf out = BUF_INIT;
  size_t copied = 0, pos = 0;
  anon_hit h;
  while (anon_find(m, &n, pos, mode, &h)) {
    pos = h.kind == ANON_HIT_LEFTOVER ? h.word_end : h.end;
    if (pos <= h.start)
      pos = h.start + 1;
    if (h.kind == ANON_HIT_LEFTOVER)
      continue;
    size_t b = n.beg[h.start], e = n.end[h.end - 1];
    buf_put(&out, s + copied, b - copied);
    anon_render(m, &h, mode, &out);
    copied = e;
  }
  buf_put(&out, s + copied, len - copied);
  anon_norm_free(&n);
  return buf_detach(&out);
}

char *anon_text(const anon_map *m, const char *s) {
  return anon_rewrite(m, s ? s : "", ANON_MODE_TEXT);
}

char *anon_slug(const anon_map *m, const char *s) {
  return anon_rewrite(m, s ? s : "", ANON_MODE_ID);
}
