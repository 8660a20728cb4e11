/* match.c - finding a name in its Danish forms and writing the
 * pseudonym in the matching form (see anon.h for the rules). */
#include <stdlib.h>
#include <string.h>

#include "anon/anon.h"
#include "anon/internal.h"
#include "util/mem.h"
#include "util/utf8.h"

/* ---- matching ---- */

static bool S_is_sep(uint32_t c) { return c == ' ' || c == '-' || c == '_'; }

/* The end of form f[k..] matched at text position j, or 0. A ' ' in the
 * form matches any run of separators ("Viborg\nKommune", "viborg-kommune"),
 * or none after an initial or a comma ("K.E. Vang", "Mørch,Ida"). The
 * Danish letters match their spellings without them, both ways: ø as ö, oe
 * or o; æ as ä or ae; å as aa or a ("Moerch", "Morch", "Aadal", "Adal";
 * "Østergård" for Østergaard). */
static size_t S_match_from(const anon_form *f, size_t k, const anon_norm *n,
                           size_t j, bool glue) {
  if (k == f->len)
    return j;
  uint32_t c = f->cp[k];
  if (c == ' ') {
    size_t j0 = j;
    while (j < n->len && S_is_sep(n->lc[j]))
      j++;
    if (j == j0 && !glue &&
        !(k > 0 && (f->cp[k - 1] == '.' || f->cp[k - 1] == ',')))
      return 0;
    return S_match_from(f, k + 1, n, j, glue);
  }
  if (j >= n->len)
    return 0;
  uint32_t t = n->lc[j];
  uint32_t c2 = k + 1 < f->len ? f->cp[k + 1] : 0;
  uint32_t t2 = j + 1 < n->len ? n->lc[j + 1] : 0;
  size_t r;
  /* the letter as written, or its look-alike from a neighbour language */
  if (t == c || (c == 0xF8 && t == 0xF6) || (c == 0xE6 && t == 0xE4))
    if ((r = S_match_from(f, k + 1, n, j + 1, glue)))
      return r;
  switch (c) {
  case 0xF8: /* ø: oe, o */
    if (t == 'o' && t2 == 'e' && (r = S_match_from(f, k + 1, n, j + 2, glue)))
      return r;
    if (t == 'o' && (r = S_match_from(f, k + 1, n, j + 1, glue)))
      return r;
    break;
  case 0xE6: /* æ: ae */
    if (t == 'a' && t2 == 'e' && (r = S_match_from(f, k + 1, n, j + 2, glue)))
      return r;
    break;
  case 0xE5: /* å: aa, a */
    if (t == 'a' && t2 == 'a' && (r = S_match_from(f, k + 1, n, j + 2, glue)))
      return r;
    if (t == 'a' && (r = S_match_from(f, k + 1, n, j + 1, glue)))
      return r;
    break;
  case 'a': /* aa, ae in the form: å, a, æ in the text */
    if (c2 == 'a' && (t == 0xE5 || t == 'a') &&
        (r = S_match_from(f, k + 2, n, j + 1, glue)))
      return r;
    if (c2 == 'e' && (t == 0xE6 || t == 0xE4) &&
        (r = S_match_from(f, k + 2, n, j + 1, glue)))
      return r;
    break;
  case 'o': /* oe in the form: ø or o in the text */
    if (c2 == 'e' && (t == 0xF8 || t == 0xF6 || t == 'o') &&
        (r = S_match_from(f, k + 2, n, j + 1, glue)))
      return r;
    break;
  default:
    break;
  }
  return 0;
}

static void S_set(uint64_t mask[4], uint32_t c) {
  mask[(c & 0xFF) >> 6] |= 1ull << (c & 63);
}

/* What the text can have where f[k..] begins to match in S_match_from: the
 * letter, its look-alikes and spellings, a separator or what follows a
 * space that matches none; anything where the form ends. */
static void S_starts(const anon_form *f, size_t k, uint64_t mask[4]) {
  if (k >= f->len) {
    memset(mask, 0xFF, 4 * sizeof *mask);
    return;
  }
  uint32_t c = f->cp[k];
  if (c == ' ') {
    S_set(mask, ' ');
    S_set(mask, '-');
    S_set(mask, '_');
    S_starts(f, k + 1, mask);
    return;
  }
  S_set(mask, c);
  switch (c) {
  case 0xF8: S_set(mask, 0xF6); S_set(mask, 'o'); break;   /* ø: ö o(e) */
  case 0xE6: S_set(mask, 0xE4); S_set(mask, 'a'); break;   /* æ: ä ae */
  case 0xE5: S_set(mask, 'a'); break;                      /* å: a(a) */
  case 'a': S_set(mask, 0xE5); S_set(mask, 0xE6); S_set(mask, 0xE4); break;
  case 'o': S_set(mask, 0xF8); S_set(mask, 0xF6); break;   /* oe: ø ö */
  default: break;
  }
}

void anon_form_next(const anon_form *f, uint64_t mask[4]) {
  if (f->len == 0 || f->cp[0] == ' ') {
    memset(mask, 0xFF, 4 * sizeof *mask);
    return;
  }
  /* the first letter takes one character of the text (then the second is
     where f[1..] begins), or two (ø, æ, å as oe, ae, aa: the second is e
     or a), or it is the first of a pair in the form that takes one (aa,
     ae, oe as å, æ, ø: the second is where f[2..] begins) */
  uint32_t c = f->cp[0], c2 = f->len > 1 ? f->cp[1] : 0;
  S_starts(f, 1, mask);
  if (c == 0xF8 || c == 0xE6)
    S_set(mask, 'e');
  if (c == 0xE5)
    S_set(mask, 'a');
  if ((c == 'a' && (c2 == 'a' || c2 == 'e')) || (c == 'o' && c2 == 'e'))
    S_starts(f, 2, mask);
}

/* A byte of ASCII as S_simple_lc reads it. */
static inline uint32_t S_ascii_lc(unsigned b) {
  if (b >= 'A' && b <= 'Z')
    return b + 32u;
  return b == ' ' || (b >= 9 && b <= 13) ? ' ' : b;
}

/* The character anon_norm_add makes of the one at u[*p] (anon_norm_alone),
 * and *p moved past it; UINT32_MAX for one whose neighbours change it or
 * that is not UTF-8. */
static inline uint32_t S_simple_lc(const unsigned char *u, size_t len,
                                   size_t *p) {
  unsigned char b = u[*p];
  if (b < 0x80) {
    (*p)++;
    return S_ascii_lc(b);
  }
  if ((b == 0xC3) && *p + 1 < len && (u[*p + 1] & 0xC0) == 0x80) {
    uint32_t cp = 0xC0 + (u[*p + 1] & 0x3F); /* U+00C0..U+00FF */
    *p += 2;
    return utf8_lower_latin1(cp);
  }
  uint32_t cp;
  int k = utf8_decode((const char *)u + *p, len - *p, &cp);
  *p += k > 0 ? (size_t)k : 1;
  return k > 1 ? anon_norm_alone(cp) : UINT32_MAX;
}

/* ---- the folded-prefix filter (anon_prefix_add) ---- */

/* Takes the lower-case character c into a folded prefix whose last
 * character is *last: true if it adds c (folded, now *last), false if it
 * drops it. */
static inline bool S_prefix_step(uint32_t c, uint32_t *last) {
  if (S_is_sep(c))
    return false;
  c = anon_fold_first(c);
  if ((c == 'e' && (*last == 'a' || *last == 'o')) ||
      (c == 'a' && *last == 'a'))
    return false;
  *last = c;
  return true;
}

static inline uint32_t S_prefix_bit(uint32_t h, unsigned k) {
  return ((h + k * 0x9E3779B9u) * 0x85EBCA6Bu) >> 16;
}

static inline void S_prefix_set(uint64_t *bits, uint32_t h, unsigned k) {
  uint32_t bit = S_prefix_bit(h, k);
  bits[bit >> 6] |= 1ull << (bit & 63);
}

static inline bool S_prefix_in(const uint64_t *bits, uint32_t h, unsigned k) {
  uint32_t bit = S_prefix_bit(h, k);
  return bits[bit >> 6] >> (bit & 63) & 1;
}

#define S_PREFIX_SEED 0x811C9DC5u

/* A text being folded from one place, character by character. */
typedef struct {
  const anon_map *m;
  uint32_t last, h;
  unsigned k;
  bool near; /* a form's short prefix matched */
} S_prefix;

/* Feeds the next character: 1 if a form's long prefix matched (a hit may
 * begin), -1 if none can, 0 to go on. */
static inline int S_prefix_feed(S_prefix *p, uint32_t c) {
  if (!S_prefix_step(c, &p->last))
    return 0;
  p->h = (p->h ^ p->last) * 0x01000193u;
  unsigned k = ++p->k;
  const anon_map *m = p->m;
  if (k <= ANON_PREFIX_SHORT && (m->prefix_lens >> k & 1) &&
      S_prefix_in(m->prefix_bits, p->h, k))
    p->near = true;
  if (k == ANON_PREFIX_SHORT && !p->near)
    return -1;
  if (p->near && (m->prefix_long_lens >> k & 1) &&
      S_prefix_in(m->prefix_long_bits, p->h, k))
    return 1;
  return k == ANON_PREFIX_LONG ? -1 : 0;
}

void anon_prefix_add(anon_map *m, const anon_form *f) {
  uint32_t last = 0, h = S_PREFIX_SEED;
  unsigned k = 0, words = f->len > 0;
  for (size_t i = 0; i < f->len; i++) {
    words += f->cp[i] == ' ';
    if (k < ANON_PREFIX_LONG && S_prefix_step(f->cp[i], &last)) {
      h = (h ^ last) * 0x01000193u;
      if (++k == ANON_PREFIX_SHORT) {
        S_prefix_set(m->prefix_bits, h, k);
        m->prefix_lens |= 1u << k;
      }
    }
  }
  if (k < ANON_PREFIX_SHORT) {
    /* the short prefix is the whole form: the hash of all k */
    S_prefix_set(m->prefix_bits, h, k);
    m->prefix_lens |= 1u << k;
  }
  S_prefix_set(m->prefix_long_bits, h, k);
  m->prefix_long_lens |= 1u << k;
  if (words > m->max_words)
    m->max_words = words;
}

/* Can a form's match begin at character i of n (see anon_prefix_add)? */
static bool S_prefix_may(const anon_map *m, const anon_norm *n, size_t i) {
  if (m->prefix_lens & 1)
    return true; /* a form that folds to nothing */
  S_prefix p = {m, 0, S_PREFIX_SEED, 0, false};
  for (size_t j = i; j < n->len; j++) {
    int r = S_prefix_feed(&p, n->lc[j]);
    if (r)
      return r > 0;
  }
  return false;
}

/* Is byte p of u[0..len), where a character begins, a place where a hit
 * may begin? The text is read from there as S_simple_lc reads it, as far
 * as the filters need. */
static bool S_candidate(const anon_map *m, const unsigned char *u, size_t len,
                        size_t p) {
  size_t q = p;
  uint32_t c = S_simple_lc(u, len, &q);
  if (c == UINT32_MAX)
    return true; /* the matcher reads it */
  unsigned key = anon_fold_first(c) & 0xFF;
  if (S_is_sep(c) || m->first_at[key] == m->first_at[key + 1])
    return false;
  if (q < len) {
    /* the next character, as anon_find's first filter reads it, unless
       a hyphen (join_breaks) or a combining mark after it may still change
       it */
    uint32_t t = S_simple_lc(u, len, &q);
    if (t == UINT32_MAX)
      return true;
    t &= 0xFF;
    if (t != '-' && !(m->next_of[key][t >> 6] >> (t & 63) & 1) &&
        (q >= len || S_simple_lc(u, len, &q) != UINT32_MAX))
      return false;
  }
  /* the text folded from here: a character the filter cannot read on the
     way (or after the last one read, which a combining mark would change)
     could be anything once normalised */
  S_prefix pf = {m, 0, S_PREFIX_SEED, 0, false};
  int r = 0;
  for (q = p; q < len && !r;) {
    uint32_t t = S_simple_lc(u, len, &q);
    if (t == UINT32_MAX)
      return true;
    r = S_prefix_feed(&pf, t);
  }
  return r > 0 || (q < len && S_simple_lc(u, len, &q) == UINT32_MAX);
}

size_t anon_candidates(const anon_map *m, const char *s, size_t len,
                       bool first_only, size_t **out) {
  if (out)
    *out = NULL;
  if (!m)
    return 0;
  const unsigned char *u = (const unsigned char *)s;
  bool every = m->prefix_lens & 1; /* a form that folds to nothing */
  size_t k = 0, cap = 0;
  size_t fast_end = every || len < 2 ? 0 : len - 2;
  for (size_t p = 0; p < len;) {
    /* past two ASCII characters no form begins with, as most are, when
       no combining mark follows them */
    while (p < fast_end) {
      unsigned char b = u[p], b1 = u[p + 1], b2 = u[p + 2];
      if ((b | b1) >= 0x80 || (b2 >= 0x80 && b2 != 0xC3) ||
          (m->ascii_pairs[b][b1 >> 6] >> (b1 & 63) & 1))
        break;
      p++;
    }
    if (p >= len)
      break;
    if (every || S_candidate(m, u, len, p)) {
      if (out) {
        XGROW(*out, cap, k + 1);
        (*out)[k] = p;
      }
      k++;
      if (first_only)
        break;
    }
    S_simple_lc(u, len, &p);
  }
  return k;
}

void anon_pairs_index(anon_map *m) {
  memset(m->ascii_pairs, 0, sizeof m->ascii_pairs);
  for (unsigned b = 0; b < 128; b++) {
    uint32_t c = S_ascii_lc(b);
    unsigned key = anon_fold_first(c) & 0xFF;
    if (S_is_sep(c) || m->first_at[key] == m->first_at[key + 1])
      continue;
    for (unsigned b1 = 0; b1 < 128; b1++) {
      uint32_t t = S_ascii_lc(b1);
      if (t == '-' || (m->next_of[key][t >> 6] >> (t & 63) & 1))
        m->ascii_pairs[b][b1 >> 6] |= 1ull << (b1 & 63);
    }
  }
}

bool anon_may_match(const anon_map *m, const char *s, size_t len) {
  return anon_candidates(m, s, len, true, NULL) > 0;
}

/* End of the match of form f at i, or 0. In ids, URLs and the leak check
 * the words of a name may also be written together (lemvigkommune). */
static size_t S_match(const anon_form *f, const anon_norm *n, size_t i,
                      anon_mode mode) {
  return S_match_from(f, 0, n, i, mode != ANON_MODE_TEXT);
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

/* Is the word [a, b) ordinary (in the list, inflected or a compound) with
 * the name [na, nb) inside it not a part of its own? */
static bool S_ordinary(const anon_map *m, const anon_norm *n, size_t a,
                       size_t b, size_t na, size_t nb) {
  buf w = BUF_INIT;
  size_t ba = 0, bb = 0;
  for (size_t i = a; i < b; i++) {
    if (i == na)
      ba = w.len;
    if (i == nb)
      bb = w.len;
    utf8_encode(&w, n->lc[i]);
  }
  if (nb >= b)
    bb = w.len;
  bool has = anon_words_ordinary(&m->words, buf_cstr(&w), w.len, ba, bb);
  buf_free(&w);
  return has;
}

/* Does a sentence start at i: nothing before it, or a full stop, question
 * or exclamation mark, colon, an opening quote or bracket, a tag's end, a
 * line break (a heading, a list item, a table cell in extracted text)? */
static bool S_sentence_start(const anon_norm *n, size_t i) {
  size_t p = i;
  bool newline = false;
  while (p > 0 && (n->lc[p - 1] == ' ' || n->lc[p - 1] == 0xFFFC ||
                   n->lc[p - 1] == '"' || n->lc[p - 1] == 0xBB ||
                   n->lc[p - 1] == 0xAB || n->lc[p - 1] == 0x201C ||
                   n->lc[p - 1] == 0x201E || n->lc[p - 1] == '(' ||
                   n->lc[p - 1] == '*' || n->lc[p - 1] == '#')) {
    newline |= n->orig[p - 1] == '\n';
    p--;
  }
  if (p == 0 || newline)
    return true;
  uint32_t c = n->lc[p - 1];
  return c == '.' || c == '!' || c == '?' || c == ':' || c == '>';
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

/* Does a lower-case word follow the word that ends at or after `end`
 * ("Give dem tid"), so the sentence goes on after it? A word alone (a
 * table cell, a heading "Skive") is a name. */
static bool S_sentence_goes_on(const anon_norm *n, size_t end) {
  size_t p = end;
  while (p < n->len && anon_is_word_cp(n->lc[p]))
    p++;
  if (p >= n->len || n->lc[p] != ' ')
    return false;
  p++;
  return p < n->len && anon_is_word_cp(n->orig[p]) &&
         !S_upper(n->orig[p]) && !(n->orig[p] >= '0' && n->orig[p] <= '9');
}

/* A given name at [i, t) that belongs to another person: followed by a
 * capitalised word (a surname: "Søren Bæk") or after "Surname, " as in a
 * literature list ("Frost, Ida"). */
static bool S_other_person(const anon_norm *n, size_t i, size_t t) {
  if (t + 1 < n->len && n->lc[t] == ' ' && S_upper(n->orig[t + 1]) &&
      anon_is_word_cp(n->orig[t + 1]))
    return true;
  return i >= 3 && n->lc[i - 1] == ' ' && n->lc[i - 2] == ',' &&
         anon_is_word_cp(n->lc[i - 3]);
}

/* Decides what an occurrence of entry e at [i, end) is. Returns false when
 * it is not a name (an ordinary word that happens to match). */
static bool S_classify(const anon_map *m, const anon_norm *n, size_t i,
                       size_t end, const anon_form *fm, anon_mode mode,
                       anon_hit *h) {
  size_t entry = fm->entry;
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
  if (fm->given && mode != ANON_MODE_ID && S_other_person(n, i, t))
    return false; /* "Søren Bæk", "Frost, Ida": someone else's name */
  bool common = fm->common && mode != ANON_MODE_ID;
  if (common && uppers == 0)
    return false; /* "en skive brød" is not the town Skive */
  /* "Give dem tid": capitalised only because the sentence starts there;
     the mapped name "Give Kommune" or the name in mid-sentence are clear */
  bool doubt = common && !h->upper && S_sentence_start(n, i) &&
               S_sentence_goes_on(n, end);
  if (S_upper(n->orig[i]) && !S_upper(S_first_cp(e->pseudonym))) {
    /* a role at the start of a sentence is capitalised */
    size_t p = i;
    while (p > 0 && n->lc[p - 1] == ' ')
      p--;
    h->cap = p == 0 || n->lc[p - 1] == '.' || n->lc[p - 1] == '!' ||
             n->lc[p - 1] == '?';
  }
  if (t == end) {
    if (doubt) {
      h->kind = ANON_HIT_DOUBT;
      return true;
    }
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
    h->kind = doubt ? ANON_HIT_DOUBT : ANON_HIT_GENITIVE;
    h->end = t;
    return true;
  }
  if (fm->partial) {
    /* "Søren" does not make "Sørensen" a leak; a key or an id made of a
       surname and a year does (ref-morch2020) */
    size_t k = end;
    while (k < t && n->lc[k] >= '0' && n->lc[k] <= '9')
      k++;
    /* ...and a letter after the year: morch2020a */
    bool year = k > end && (k == t || (k + 1 == t && n->lc[k] >= 'a' &&
                                       n->lc[k] <= 'z'));
    if (!year)
      return false;
    h->kind = ANON_HIT_PREFIX;
    return true;
  }
  bool ordinary = S_ordinary(m, n, i, t, i, end);
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
  if (doubt) {
    h->kind = ANON_HIT_DOUBT;
    return true;
  }
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

/* anon_is_word_cp, with the ASCII answer at hand: anon_find asks it for
 * every character of every scanned output. */
static inline bool S_word(uint32_t c) {
  if (c < 0x80)
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           (c >= 'A' && c <= 'Z');
  return anon_is_word_cp(c);
}

bool anon_find(const anon_map *m, const anon_norm *n, size_t from,
               anon_mode mode, anon_hit *h) {
  if (!m)
    return false;
  for (size_t i = from; i < n->len; i++) {
    bool start = i == 0 || !S_word(n->lc[i - 1]);
    if (!start && mode != ANON_MODE_SCAN)
      continue;
    if (!S_word(n->lc[i]))
      continue;
    uint32_t first = anon_fold_first(n->lc[i]);
    unsigned key = first & 0xFF;
    if (m->first_at[key] == m->first_at[key + 1])
      continue;
    if (i + 1 < n->len) {
      uint32_t t = n->lc[i + 1] & 0xFF;
      if (!(m->next_of[key][t >> 6] >> (t & 63) & 1))
        continue; /* no form of the bucket goes on with it */
    }
    if (!S_prefix_may(m, n, i))
      continue;
    for (size_t q = m->first_at[key]; q < m->first_at[key + 1]; q++) {
      const anon_form *fm = &m->forms[m->by_first[q]];
      if (anon_fold_first(fm->cp[0]) != first)
        continue;
      if (!start && (fm->translit || fm->len < 4 || fm->common))
        continue;
      size_t end = S_match(fm, n, i, mode);
      if (!end)
        continue;
      /* a surname inside a word counts only at its end (~imorch), where
         no other name ends: Holmberg is not Holm */
      if (!start && fm->partial && end < n->len && S_word(n->lc[end]))
        continue;
      if (!start) {
        /* inside a word: Nordviborg is a leak, unless the word is ordinary */
        size_t ws = i, we = end;
        while (ws > 0 && anon_is_word_cp(n->lc[ws - 1]))
          ws--;
        while (we < n->len && anon_is_word_cp(n->lc[we]))
          we++;
        if (S_ordinary(m, n, ws, we, i, end))
          continue;
        memset(h, 0, sizeof *h);
        h->entry = fm->entry;
        h->start = i;
        h->end = end;
        h->word_end = we;
        h->kind = ANON_HIT_LEFTOVER;
        return true;
      }
      if (S_classify(m, n, i, end, fm, mode, h)) {
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
    if (h.kind == ANON_HIT_LEFTOVER || h.kind == ANON_HIT_DOUBT)
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
