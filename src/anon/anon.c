/* anon.c - the pseudonym map, the word list and normalised text. The
 * matcher is in match.c, the tree walk in tree.c, the output
 * scan in scan.c, the review list in names.c. */
#include "anon/anon.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "anon/internal.h"
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

/* Compares a line of a word list with s[0..n) as `sort` in the C locale
 * orders them: by bytes, a prefix first. */
static int S_line_cmp(const char *line, size_t len, const char *s, size_t n) {
  int c = memcmp(line, s, len < n ? len : n);
  return c ? c : (len > n) - (len < n);
}

/* The line that starts at d[a], without its line break: its length. */
static size_t S_line_len(const char *d, size_t len, size_t a) {
  const char *nl = memchr(d + a, '\n', len - a);
  size_t e = nl ? (size_t)(nl - d) : len;
  if (e > a && d[e - 1] == '\r')
    e--;
  return e - a;
}

/* Binary search over the lines of d[0..len), sorted: lo is always the
 * start of a line, hi the start of a line or the end. */
static bool S_sorted_has(const char *d, size_t len, const char *s, size_t n) {
  size_t lo = 0, hi = len;
  while (lo < hi) {
    size_t a = lo + (hi - lo) / 2;
    while (a > lo && d[a - 1] != '\n')
      a--;
    size_t l = S_line_len(d, len, a);
    int c = S_line_cmp(d + a, l, s, n);
    if (c == 0)
      return true;
    if (c > 0) {
      hi = a;
    } else {
      const char *nl = memchr(d + a + l, '\n', len - a - l);
      lo = nl ? (size_t)(nl - d) + 1 : len;
    }
  }
  return false;
}

/* Are the lines of d[0..len) in `sort`'s C order (repeats allowed)? */
static bool S_lines_sorted(const char *d, size_t len) {
  const char *prev = NULL;
  size_t prev_len = 0;
  for (size_t a = 0; a < len;) {
    size_t l = S_line_len(d, len, a);
    if (prev && S_line_cmp(prev, prev_len, d + a, l) > 0)
      return false;
    prev = d + a;
    prev_len = l;
    const char *nl = memchr(d + a + l, '\n', len - a - l);
    a = nl ? (size_t)(nl - d) + 1 : len;
  }
  return true;
}

bool anon_words_has(const anon_words *w, const char *s, size_t n) {
  /* empty lines and '#' comments are no words */
  if (n == 0)
    return false;
  if (w->sorted && s[0] != '#' && S_sorted_has(w->sorted, w->sorted_len, s, n))
    return true;
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

/* Endings of inflected forms the word list often lacks (it has
 * "rekonstruere", not "rekonstruerede"). */
static const char *const S_endings[] = {
    "ernes", "erens", "ende", "erne", "ede", "ene", "ens", "ere", "ets",
    "er", "en", "et", "es", "de", "te", "ne", "e", "s", "t", "r", "n", NULL};

/* The search for a split of word[off..n) into words of the list. `cuts`
 * has a bit for every place a part starts or ends; a split in which the
 * name [na, nb) starts and ends at such places is no answer: the name is
 * then a part of its own ("nord|s|truer" is Nordstruer, not nord + truer). */
static bool S_split(const anon_words *w, const char *word, size_t off,
                    size_t n, uint64_t cuts, size_t na, size_t nb,
                    int depth) {
  const char *s = word + off;
  size_t len = n - off;
#define S_OK(c) (!(((c) >> na) & 1) || !(((c) >> nb) & 1))
  if (anon_words_has(w, s, len) && S_OK(cuts))
    return true;
  for (size_t i = 0; S_endings[i]; i++) {
    size_t k = strlen(S_endings[i]);
    if (len >= k + 3 && memcmp(s + len - k, S_endings[i], k) == 0 &&
        anon_words_has(w, s, len - k) && S_OK(cuts | 1ull << (n - k)))
      return true;
  }
  if (depth >= 3)
    return false;
  /* a compound: a word of the list (perhaps with a linking s or e), then
     the rest; each part at least three bytes */
  for (size_t k = 3; k + 3 <= len; k++) {
    if (((unsigned char)s[k] & 0xC0) == 0x80)
      continue; /* not at a character boundary */
    uint64_t c = cuts | 1ull << (off + k);
    if (anon_words_has(w, s, k) &&
        S_split(w, word, off + k, n, c, na, nb, depth + 1))
      return true;
    if ((s[k - 1] == 's' || s[k - 1] == 'e') && k > 3 &&
        anon_words_has(w, s, k - 1) &&
        S_split(w, word, off + k, n, c | 1ull << (off + k - 1), na, nb,
                depth + 1))
      return true;
  }
#undef S_OK
  return false;
}

bool anon_words_ordinary(const anon_words *w, const char *s, size_t n,
                         size_t na, size_t nb) {
  if (anon_words_has(w, s, n))
    return true;
  if (n > 62 || na > n || nb > n)
    return false; /* no word of the language is this long */
  return S_split(w, s, 0, n, 1ull | 1ull << n, na, nb, 0);
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
  free(w->sorted);
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

/* Is a form an ordinary word in lower case: one word of the list (holm,
 * give), or marked so by the mapping? */
static bool S_form_common(const anon_map *m, const anon_form *f) {
  if (m->entries[f->entry].marked)
    return true;
  buf lower = BUF_INIT;
  bool one_word = true;
  for (size_t i = 0; i < f->len; i++) {
    one_word &= anon_is_word_cp(f->cp[i]);
    utf8_encode(&lower, f->cp[i]);
  }
  bool common = one_word &&
                anon_words_has(&m->words, buf_cstr(&lower), lower.len);
  buf_free(&lower);
  return common;
}

/* Marks names and forms that are ordinary words, after a word list
 * arrived. */
static void S_mark_common(anon_map *m) {
  for (size_t i = 0; i < m->nforms; i++)
    m->forms[i].common = S_form_common(m, &m->forms[i]);
  for (size_t i = 0; i < m->len; i++) {
    buf lower = BUF_INIT;
    utf8_lower(&lower, m->entries[i].real, strlen(m->entries[i].real));
    m->entries[i].common = m->entries[i].marked ||
                           (!strchr(buf_cstr(&lower), ' ') &&
                            anon_words_has(&m->words, buf_cstr(&lower),
                                           lower.len));
    buf_free(&lower);
  }
}

/* What the sorted stamp records of the file at path (anon_map_load_words):
 * its change time is one no one can set back, so an edited or replaced list
 * has another. NULL if it has none. */
static char *S_list_identity(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0 || strchr(path, '\n'))
    return NULL;
  buf b = BUF_INIT;
  buf_printf(&b, "%s\t%ju\t%ju\t%jd\t%jd.%09ld\t%jd.%09ld\n", path,
             (uintmax_t)st.st_dev, (uintmax_t)st.st_ino,
             (intmax_t)st.st_size, (intmax_t)st.st_mtim.tv_sec,
             st.st_mtim.tv_nsec, (intmax_t)st.st_ctim.tv_sec,
             st.st_ctim.tv_nsec);
  return buf_detach(&b);
}

/* Are the lines of data sorted: known from the stamp, or checked (and the
 * stamp written when the file did not change while it was read)? */
static bool S_list_sorted(const char *path, const char *data, size_t len,
                          const char *stamp, const char *id_before) {
  size_t known_len = 0;
  char *known = id_before ? fs_read(stamp, &known_len) : NULL;
  bool sorted = known && strcmp(known, id_before) == 0;
  free(known);
  if (sorted)
    return true;
  sorted = S_lines_sorted(data, len);
  if (sorted && id_before) {
    char *id_after = S_list_identity(path);
    if (id_after && strcmp(id_after, id_before) == 0)
      fs_write_atomic(stamp, id_after, strlen(id_after));
    free(id_after);
  }
  return sorted;
}

bool anon_map_load_words(anon_map *m, const char *path,
                         const char *sorted_stamp) {
  char *id = sorted_stamp ? S_list_identity(path) : NULL;
  size_t len = 0;
  char *data = fs_read(path, &len);
  if (!data) {
    free(id);
    return false;
  }
  bool sorted = !m->words.sorted &&
                S_list_sorted(path, data, len, sorted_stamp, id);
  free(id);
  if (sorted) {
    m->words.sorted = data;
    m->words.sorted_len = len;
  } else { /* a second or an unsorted list: its lines as owned copies */
    for (char *line = strtok(data, "\r\n"); line; line = strtok(NULL, "\r\n"))
      if (*line != '#')
        S_words_add_copy(&m->words, line);
    free(data);
  }
  S_mark_common(m);
  return true;
}

/* ---- the map ---- */

anon_map *anon_map_new(void) {
  anon_map *m = xcalloc(1, sizeof *m);
  m->names = anon_names_new();
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
  anon_names_free(m->names);
  for (size_t i = 0; i < m->nallowed; i++)
    free(m->allowed[i]);
  free(m->allowed);
  free(m->dir);
  free(m);
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
    m->first_at[(anon_fold_first(m->forms[i].cp[0]) & 0xFF) + 1]++;
  for (size_t k = 0; k < 256; k++)
    m->first_at[k + 1] += m->first_at[k];
  size_t fill[256];
  memcpy(fill, m->first_at, sizeof fill);
  m->by_first = xrealloc(m->by_first, (m->nforms + 1) * sizeof *m->by_first);
  memset(m->next_of, 0, sizeof m->next_of);
  memset(m->prefix_bits, 0, sizeof m->prefix_bits);
  memset(m->prefix_long_bits, 0, sizeof m->prefix_long_bits);
  m->prefix_lens = m->prefix_long_lens = m->max_words = 0;
  for (size_t i = 0; i < m->nforms; i++) {
    unsigned key = anon_fold_first(m->forms[i].cp[0]) & 0xFF;
    m->by_first[fill[key]++] = i;
    anon_form_next(&m->forms[i], m->next_of[key]);
    anon_prefix_add(m, &m->forms[i]);
  }
  anon_pairs_index(m);
}

static void S_add_form(anon_map *m, uint32_t *cp, size_t len, size_t entry,
                       bool translit, bool partial) {
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
  m->forms[at] = (anon_form){cp, len, entry, translit, false, partial, false};
  m->forms[at].common = S_form_common(m, &m->forms[at]);
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

static void S_add_partial(anon_map *m, const char *s, size_t entry,
                          bool given) {
  uint32_t *cp;
  size_t len = S_form_cps(s, &cp);
  if (!len || !S_letter_count_ok(cp, len)) {
    free(cp);
    return;
  }
  size_t before = m->nforms;
  S_add_form(m, cp, len, entry, false, true);
  for (size_t i = 0; given && before < m->nforms && i < m->nforms; i++)
    if (m->forms[i].entry == entry && m->forms[i].len == len &&
        m->forms[i].partial)
      m->forms[i].given = true;
}

/* The ways a text names a person without the full name as mapped: the
 * surname alone (Mørchs), the given names alone (Karl-Erik, never its
 * parts one by one), inverted as in a reference list (Mørch, Ida), and
 * with initials (I. Mørch, K.-E. Vang, Mørch, I.). */
static void S_person_forms(anon_map *m, const char *real, size_t entry) {
  const char *last = strrchr(real, ' ');
  if (!last)
    return;
  const char *surname = last + 1;
  size_t glen = (size_t)(last - real);
  while (glen && real[glen - 1] == ' ')
    glen--;
  if (!*surname || !glen)
    return;
  char *given = xstrndup(real, glen);
  buf initials = BUF_INIT, f = BUF_INIT;
  bool at_start = true;
  for (const char *p = given; *p;) {
    if (*p == ' ' || *p == '-') {
      if (!at_start)
        buf_putc(&initials, *p == '-' ? '-' : ' ');
      at_start = true;
      p++;
      continue;
    }
    uint32_t c;
    int k = utf8_decode(p, strlen(p), &c);
    if (at_start) {
      if (initials.len && initials.data[initials.len - 1] == '.')
        buf_putc(&initials, ' ');
      buf_put(&initials, p, (size_t)k);
      buf_putc(&initials, '.');
    }
    at_start = false;
    p += k;
  }
  S_add_partial(m, surname, entry, false);
  S_add_partial(m, given, entry, true);
  buf_printf(&f, "%s, %s", surname, given);
  S_add_partial(m, buf_cstr(&f), entry, false);
  buf_clear(&f);
  buf_printf(&f, "%s %s", buf_cstr(&initials), surname);
  S_add_partial(m, buf_cstr(&f), entry, false);
  buf_clear(&f);
  buf_printf(&f, "%s, %s", surname, buf_cstr(&initials));
  S_add_partial(m, buf_cstr(&f), entry, false);
  buf_free(&f);
  buf_free(&initials);
  free(given);
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
  S_add_form(m, cp, len, idx, false, false);
  if (k == ANON_PERSON)
    S_person_forms(m, real, idx);
  /* the ASCII spelling that slugs and URLs use: Ådal -> aadal */
  char *slug = doc_slug(real);
  uint32_t *scp;
  size_t slen = S_form_cps(slug, &scp);
  free(slug);
  if (slen >= 2)
    S_add_form(m, scp, slen, idx, true, false);
  else
    free(scp);
  return true;
}

/* The contacts a public edition may show (an institute's address): the
 * lines of ANON_ALLOW_FILE beside the mapping with an '@' or a digit. */
static void S_load_allowed(anon_map *m) {
  char *p = fs_join(m->dir, ANON_ALLOW_FILE);
  size_t len = 0;
  char *data = fs_read(p, &len);
  free(p);
  if (!data)
    return;
  for (char *line = strtok(data, "\r\n"); line; line = strtok(NULL, "\r\n")) {
    if (*line == '#' || !strpbrk(line, "@0123456789"))
      continue;
    XGROW(m->allowed, m->allowed_cap, m->nallowed + 1);
    m->allowed[m->nallowed++] = xstrdup(line);
  }
  free(data);
}

/* Does the header name the optional column ord? Asked first, so a list
 * without it reads without a warning about a missing optional column. */
static bool S_has_ord_column(const char *path) {
  size_t len = 0;
  char *data = fs_read(path, &len);
  if (!data)
    return false;
  char *nl = strpbrk(data, "\r\n");
  if (nl)
    *nl = '\0';
  bool found = false;
  for (char *f = strtok(data, ";,\t"); f && !found; f = strtok(NULL, ";,\t")) {
    while (*f == ' ' || *f == '"')
      f++;
    size_t n = strlen(f);
    while (n && (f[n - 1] == ' ' || f[n - 1] == '"'))
      n--;
    found = n == 3 && !strncmp(f, "ord", 3);
  }
  free(data);
  return found;
}

anon_map *anon_load(const char *path, const char *sorted_stamp,
                    diag_list *diags) {
  char *dir = fs_dirname(path), *base = fs_basename(path);
  static const char *const kinds[] = {"partnerskab", "sted", "organisation",
                                      "person"};
  /* ord (optional): "ja" marks a name that is also an ordinary word, so
     only its clear uses are replaced */
  col_schema cols[4] = {
      {"navn", COL_TEXT, true, false, NULL, 0, NULL},
      {"pseudonym", COL_TEXT, true, false, NULL, 0, NULL},
      {"type", COL_TEXT, true, false, (char **)kinds, 4, NULL},
      {"ord", COL_TEXT, false, false, NULL, 0, NULL},
  };
  data_schema schema;
  memset(&schema, 0, sizeof schema);
  schema.name = "pseudonymer";
  schema.path = base;
  schema.cols = cols;
  schema.ncols = S_has_ord_column(path) ? 4 : 3;
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
    if (!anon_map_load_words(m, wl && *wl ? wl : ANON_WORDLIST,
                             sorted_stamp))
      diag_warning(diags, wl && *wl ? wl : ANON_WORDLIST, 0, 0, "%s",
                   M_ANON_DANISH_WORD_LIST_IS);
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
        diag_error(diags, path, row->line, 1, M_ANON_NAME_IS_LISTED_TWICE, real,
                   m->entries[dup].line);
        continue;
      }
      if (!anon_map_add(m, real, ps, kind)) {
        diag_error(diags, path, row->line, 1, M_ANON_NAME_IS_TOO_SHORT, real);
        continue;
      }
      anon_entry *e = &m->entries[m->len - 1];
      e->line = row->line;
      const char *ord = schema.ncols > 3 ? row->cells[3].raw : NULL;
      if (ord && *ord) {
        if (!strcmp(ord, "ja") || !strcmp(ord, "yes")) {
          e->marked = true;
          S_mark_common(m);
        } else if (strcmp(ord, "nej") && strcmp(ord, "no")) {
          diag_error(diags, path, row->line, 4, M_ANON_COLUMN_ORD_IS_WRITE,
                     ord);
        }
      }
    }
    /* a list that names nobody would let every real name through */
    if (m->len == 0 && diags->errors == errors0)
      diag_error(diags, path, 1, 1, "%s", M_ANON_PSEUDONYM_LIST_NAMES_NOBODY);
    S_load_allowed(m);
    /* a pseudonym that contains a real name would fail every scan */
    for (size_t i = 0; i < m->len; i++) {
      anon_norm n;
      anon_norm_init(&n);
      const char *ps = m->entries[i].pseudonym;
      anon_norm_add(&n, ps, strlen(ps), 0, false);
      anon_hit h;
      if (anon_find(m, &n, 0, ANON_MODE_SCAN, &h))
        diag_error(diags, path, m->entries[i].line, 2,
                   M_ANON_PSEUDONYM_CONTAINS_REAL_NAME, ps,
                   m->entries[h.entry].real);
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

/* Format characters that draw nothing: soft hyphen, zero-width space and
 * joiners, direction marks, embeddings and isolates, word joiner and the
 * invisible operators, Mongolian vowel separator, variation selectors, tag
 * characters. Inside a name they hide it from a plain search. */
static bool S_is_ignorable(uint32_t c) {
  return c == 0xAD || c == 0x34F || c == 0x61C || c == 0x115F ||
         c == 0x1160 || (c >= 0x17B4 && c <= 0x17B5) ||
         (c >= 0x180B && c <= 0x180F) || (c >= 0x200B && c <= 0x200F) ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) ||
         c == 0x3164 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF ||
         c == 0xFFA0 || (c >= 0x1BCA0 && c <= 0x1BCA3) ||
         (c >= 0xE0000 && c <= 0xE0FFF);
}

/* Dashes that can stand where a name has a hyphen ("Høje--Taastrup"
 * becomes an en dash): hyphen, non-breaking hyphen, figure, en and em
 * dash, horizontal bar, hyphen bullet, minus sign, small and full-width
 * hyphen-minus. */
static bool S_is_dash(uint32_t c) {
  return (c >= 0x2010 && c <= 0x2015) || c == 0x2043 || c == 0x2212 ||
         c == 0xFE58 || c == 0xFE63 || c == 0xFF0D || c == 0x2E3A ||
         c == 0x2E3B;
}

/* Letters from other scripts that look like Latin ones (a small table after
 * Unicode TR39's confusables: Cyrillic, Greek, full-width), as the Latin
 * letter in the same case; other code points unchanged. */
static uint32_t S_confusable(uint32_t c) {
  static const struct { uint32_t from, to; } tab[] = {
      {0x391, 'A'}, {0x392, 'B'}, {0x395, 'E'}, {0x396, 'Z'}, {0x397, 'H'},
      {0x399, 'I'}, {0x39A, 'K'}, {0x39C, 'M'}, {0x39D, 'N'}, {0x39F, 'O'},
      {0x3A1, 'P'}, {0x3A4, 'T'}, {0x3A5, 'Y'}, {0x3A7, 'X'}, {0x3B1, 'a'},
      {0x3B9, 'i'}, {0x3BA, 'k'}, {0x3BD, 'v'}, {0x3BF, 'o'}, {0x3C1, 'p'},
      {0x3C5, 'u'}, {0x3C7, 'x'}, {0x405, 'S'}, {0x406, 'I'}, {0x408, 'J'},
      {0x410, 'A'}, {0x412, 'B'}, {0x415, 'E'}, {0x41A, 'K'}, {0x41C, 'M'},
      {0x41D, 'H'}, {0x41E, 'O'}, {0x420, 'P'}, {0x421, 'C'}, {0x422, 'T'},
      {0x423, 'Y'}, {0x425, 'X'}, {0x430, 'a'}, {0x435, 'e'}, {0x43E, 'o'},
      {0x440, 'p'}, {0x441, 'c'}, {0x443, 'y'}, {0x445, 'x'}, {0x455, 's'},
      {0x456, 'i'}, {0x458, 'j'}, {0x4BB, 'h'}, {0x501, 'd'}, {0x51B, 'q'},
      {0x51D, 'w'}, {0x131, 'i'}, {0x237, 'j'}, {0x261, 'g'}, {0x251, 'a'}};
  if (c < 0x131)
    return c;
  if (c >= 0xFF21 && c <= 0xFF3A)
    return 'A' + (c - 0xFF21);
  if (c >= 0xFF41 && c <= 0xFF5A)
    return 'a' + (c - 0xFF41);
  for (size_t i = 0; i < sizeof tab / sizeof *tab; i++)
    if (tab[i].from == c)
      return tab[i].to;
  return c;
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

/* The lower-case character anon_norm_add makes of cp, its look-alike
 * already its Latin letter: a dash is '-', an apostrophe '\''. */
static uint32_t S_lower(uint32_t cp) {
  if (S_is_dash(cp))
    return '-';
  if (cp == 0x2019 || cp == 0x02BC || cp == 0xB4)
    return '\'';
  return utf8_lower_cp(cp);
}

static bool S_is_mark(uint32_t cp) {
  return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
         (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
         (cp >= 0xFE20 && cp <= 0xFE2F);
}

uint32_t anon_norm_alone(uint32_t cp) {
  if (cp < 0x80)
    return S_is_space(cp) ? ' ' : (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
  if ((cp >= 0xAD && S_is_ignorable(cp)) || S_is_mark(cp) ||
      (cp >= 0xFB00 && cp <= 0xFB06))
    return UINT32_MAX; /* dropped, joined or more than one character */
  if (S_is_space(cp))
    return ' ';
  return S_lower(S_confusable(cp));
}

void anon_norm_add(anon_norm *n, const char *s, size_t len, size_t base,
                   bool join_breaks) {
  size_t i = 0;
  /* at most one character per byte, but for ligatures */
  S_reserve(n, n->len + len + 1);
  while (i < len) {
    unsigned char c0 = (unsigned char)s[i];
    if (c0 > ' ' && c0 < 0x80 && c0 != '-') {
      /* a run of printable ASCII but the hyphen: no space, mark, ligature
         or apostrophe form to handle (the common case, by far); the room
         is reserved above. Local pointers, as a store through n->beg could
         otherwise be n->len for all the compiler knows. */
      size_t k = n->len, j = i;
      uint32_t *lc = n->lc + k, *orig = n->orig + k;
      size_t *beg = n->beg + k, *end = n->end + k;
      do {
        *lc++ = c0 >= 'A' && c0 <= 'Z' ? c0 + 32u : c0;
        *orig++ = c0;
        *beg++ = base + j;
        *end++ = base + j + 1;
        if (++j == len)
          break;
        c0 = (unsigned char)s[j];
      } while (c0 > ' ' && c0 < 0x80 && c0 != '-');
      n->len = k + (j - i);
      i = j;
      continue;
    }
    if (c0 == 0xC3 && i + 1 < len && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
      /* U+00C0..U+00FF (æ, ø, å, é, ...): a letter (or × ÷) as it stands,
         none of the cases below, lower case as utf8_lower_cp has it */
      uint32_t cp = 0xC0 + ((unsigned char)s[i + 1] & 0x3F);
      S_push(n, utf8_lower_latin1(cp), cp, base + i, base + i + 2);
      i += 2;
      continue;
    }
    uint32_t cp;
    int k = 1;
    if (c0 < 0x80)
      cp = c0; /* white space, a control character or the hyphen */
    else
      k = utf8_decode(s + i, len - i, &cp);
    size_t b = i, e = i + (size_t)k;
    i = e;
    if (cp >= 0xAD && S_is_ignorable(cp)) /* the first of them is U+00AD */
      continue;
    if (S_is_space(cp)) {
      /* a run keeps a line break as its original, so a line start can
         count as the start of a sentence */
      if (n->len && n->lc[n->len - 1] == ' ' && n->end[n->len - 1] == base + b) {
        n->end[n->len - 1] = base + e;
        if (cp == '\n')
          n->orig[n->len - 1] = '\n';
      } else {
        S_push(n, ' ', cp, base + b, base + e);
      }
      continue;
    }
    if (cp < 0x80 && cp != '-') { /* a control character: kept as it is */
      S_push(n, cp, cp, base + b, base + e);
      continue;
    }
    if (S_is_mark(cp)) { /* a combining mark */
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
    cp = S_confusable(cp);
    uint32_t lc = S_lower(cp);
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
