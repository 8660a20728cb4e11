/* anon.c - the pseudonym map, the word list and normalised text. The
 * matcher is in anon_match.c, the tree walk in anon_tree.c, the output
 * scan in anon_scan.c, the review list in anon_names.c. */
#include "anon.h"

#include <stdlib.h>
#include <string.h>

#include "anon_int.h"
#include "data/data.h"
#include "util/confine.h"
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
  free(m->by_first);
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

/* Rebuilds m->by_first (a stable counting sort): a map has a few hundred
 * forms at most, added once. */
static void S_index_forms(anon_map *m) {
  memset(m->first_at, 0, sizeof m->first_at);
  for (size_t i = 0; i < m->nforms; i++)
    m->first_at[(m->forms[i].cp[0] & 0xFF) + 1]++;
  for (size_t k = 0; k < 256; k++)
    m->first_at[k + 1] += m->first_at[k];
  size_t fill[256];
  memcpy(fill, m->first_at, sizeof fill);
  m->by_first = xrealloc(m->by_first, (m->nforms + 1) * sizeof *m->by_first);
  for (size_t i = 0; i < m->nforms; i++)
    m->by_first[fill[m->forms[i].cp[0] & 0xFF]++] = i;
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
  S_index_forms(m);
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
    /* the word list beside the mapping is a project file too: refused now,
       before an output is written, rather than skipped by `rapport names` */
    char *wp = fs_join(dir, ANON_ALLOW_FILE);
    confine_status st = confine_check(wp);
    if (confine_refused(st))
      confine_report(diags, wp, 0, 0, CONFINE_WORDS, wp, wp, st);
    free(wp);
  }
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

static void S_reserve(anon_norm *n, size_t need) {
  if (need <= n->cap)
    return;
  size_t cap = n->cap ? n->cap * 2 : 256;
  if (cap < need)
    cap = need;
  n->cap = cap;
  n->lc = xrealloc(n->lc, n->cap * sizeof *n->lc);
  n->orig = xrealloc(n->orig, n->cap * sizeof *n->orig);
  n->beg = xrealloc(n->beg, n->cap * sizeof *n->beg);
  n->end = xrealloc(n->end, n->cap * sizeof *n->end);
}

static void S_push(anon_norm *n, uint32_t lc, uint32_t orig, size_t b,
                   size_t e) {
  if (n->len == n->cap)
    S_reserve(n, n->len + 1);
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
  /* at most one character per byte, but for ligatures */
  S_reserve(n, n->len + len + 1);
  while (i < len) {
    unsigned char c0 = (unsigned char)s[i];
    if (c0 > ' ' && c0 < 0x80 && c0 != '-') {
      /* printable ASCII but the hyphen: no space, mark, ligature or
         apostrophe form to handle (the common case, by far) */
      uint32_t lc = c0 >= 'A' && c0 <= 'Z' ? c0 + 32u : c0;
      S_push(n, lc, c0, base + i, base + i + 1);
      i++;
      continue;
    }
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
