/* hyphen.c - Danish hyphenation: libhyphen with hyph_da_DK (an ISO-8859-1
 * dictionary), plus the rules the patterns do not know: no breaks in names
 * or numbers, breaks after existing hyphens, and an exception list for
 * words of this domain that the ~1,150 patterns get wrong or miss. */
#include "hyphen.h"

#include <hyphen.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/fs.h"
#include "../util/mem.h"
#include "../util/utf8.h"

/* Fewest letters before and after a pattern break. Right 3 avoids lines
 * ending "partnerska-" + "bet" style fragments of two letters ("-er",
 * "-et"), which read badly in Danish justified text. */
#define S_LEFT_MIN 2
#define S_RIGHT_MIN 3
#define S_MAX_SEGMENT 120

struct hyphenator {
  HyphenDict *dict;
};

/* Words the patterns miss or get wrong, written with their breaks. Matched
 * against a whole lower-case segment (letters between non-letters). Keep it
 * sorted for bsearch. */
static const char *const S_exceptions[] = {
    "erhvervsservice",       "erhvervs-ser-vi-ce",
    "evaluering",            "eva-lu-e-ring",
    "evalueringen",          "eva-lu-e-rin-gen",
    "følgeforskning",        "føl-ge-forsk-ning",
    "følgeforskningen",      "føl-ge-forsk-nin-gen",
    "følgeforskningens",     "føl-ge-forsk-nin-gens",
    "idealtype",             "ide-al-ty-pe",
    "idealtypen",            "ide-al-ty-pen",
    "idealtyper",            "ide-al-ty-per",
    "idealtyperne",          "ide-al-ty-per-ne",
    "jobcenter",             "job-cen-ter",
    "jobcentre",             "job-cen-tre",
    "jobcentret",            "job-cen-tret",
    "jobcentrets",           "job-cen-trets",
    "kommunerne",            "kom-mu-ner-ne",
    "kompetenceudvikling",   "kom-pe-ten-ce-ud-vik-ling",
    "kompetenceudviklingen", "kom-pe-ten-ce-ud-vik-lin-gen",
    "midtvejsevaluering",    "midt-vejs-eva-lu-e-ring",
    "midtvejsrapport",       "midt-vejs-rap-port",
    "midtvejsrapporten",     "midt-vejs-rap-por-ten",
    "partnerskab",           "part-ner-skab",
    "partnerskaber",         "part-ner-ska-ber",
    "partnerskaberne",       "part-ner-ska-ber-ne",
    "partnerskabernes",      "part-ner-ska-ber-nes",
    "partnerskabet",         "part-ner-ska-bet",
    "partnerskabets",        "part-ner-ska-bets",
    "partnerskabs",          "part-ner-skabs",
    "samarbejde",            "sam-ar-bej-de",
    "samarbejdet",           "sam-ar-bej-det",
    "samarbejdsforskning",   "sam-ar-bejds-forsk-ning",
    "virksomheder",          "virk-som-he-der",
    "virksomhederne",        "virk-som-he-der-ne",
};
#define S_NEXC (sizeof S_exceptions / sizeof *S_exceptions / 2)

static int S_exc_cmp(const void *key, const void *elem) {
  return strcmp((const char *)key, *(const char *const *)elem);
}

/* The hyphenated form of a lower-case UTF-8 word, or NULL. */
static const char *S_exception(const char *lower) {
  /* the table alternates word, form: search the words only */
  size_t lo = 0, hi = S_NEXC;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = S_exc_cmp(lower, &S_exceptions[2 * mid]);
    if (c == 0)
      return S_exceptions[2 * mid + 1];
    if (c < 0)
      hi = mid;
    else
      lo = mid + 1;
  }
  return NULL;
}

hyphenator *hyphenator_load(const char *lang, diag_list *diags) {
  const char *path = NULL;
  if (!lang || strcmp(lang, "da") == 0 || strcmp(lang, "da_DK") == 0)
    path = "/usr/share/hyphen/hyph_da_DK.dic";
  if (!path) {
    diag_warning(diags, NULL, 0, 0,
                 TR("ingen orddeling for sproget \"%s\": teksten sættes uden "
                    "orddeling",
                    "no hyphenation for language \"%s\": text is set without "
                    "hyphenation"),
                 lang);
    return NULL;
  }
  HyphenDict *d = fs_exists(path) ? hnj_hyphen_load(path) : NULL;
  if (!d) {
    diag_warning(diags, NULL, 0, 0,
                 TR("orddelingsordbogen %s mangler (pakken hyphen-da): "
                    "teksten sættes uden orddeling",
                    "the hyphenation dictionary %s is missing (package "
                    "hyphen-da): text is set without hyphenation"),
                 path);
    return NULL;
  }
  hyphenator *h = xcalloc(1, sizeof *h);
  h->dict = d;
  return h;
}

void hyphenator_free(hyphenator *h) {
  if (!h)
    return;
  hnj_hyphen_free(h->dict);
  free(h);
}

static bool S_is_letter(uint32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
    return true;
  if (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7)
    return true;
  return c == 0xAD; /* soft hyphen: handled by the caller as a letter run */
}

static bool S_is_upper(uint32_t c) { return utf8_lower_cp(c) != c; }

static bool S_is_digit(uint32_t c) { return c >= '0' && c <= '9'; }

/* Explicit hyphens: HYPHEN-MINUS, HYPHEN (U+2010). */
static bool S_is_hyphen(uint32_t c) { return c == '-' || c == 0x2010; }

typedef struct {
  size_t *off;
  unsigned char *expl;
  size_t n, max;
} S_out;

static void S_emit(S_out *o, size_t off, bool expl) {
  if (o->n > 0 && o->off[o->n - 1] >= off) {
    if (o->off[o->n - 1] == off && expl && o->expl)
      o->expl[o->n - 1] = 1;
    return; /* keep ascending, no duplicates */
  }
  if (o->n >= o->max)
    return;
  o->off[o->n] = off;
  if (o->expl)
    o->expl[o->n] = expl;
  o->n++;
}

/* Breaks inside one segment of letters: cps[0..n) with byte offsets
 * offs[0..n] (offs[n] is the end). */
static void S_segment(const hyphenator *h, const uint32_t *cps,
                      const size_t *offs, size_t n, S_out *o) {
  if (n < S_LEFT_MIN + S_RIGHT_MIN || n > S_MAX_SEGMENT)
    return;
  if (S_is_upper(cps[0]))
    return; /* names and sentence starts: the patterns do them badly */
  char latin[S_MAX_SEGMENT + 1];
  buf lower = BUF_INIT;
  for (size_t i = 0; i < n; i++) {
    uint32_t c = utf8_lower_cp(cps[i]);
    if (c > 0xFF || c == 0xAD) {
      buf_free(&lower);
      return; /* outside Latin-1: the dictionary cannot say */
    }
    latin[i] = (char)c;
    utf8_encode(&lower, c);
  }
  latin[n] = 0;
  const char *form = S_exception(buf_cstr(&lower));
  if (form) {
    /* walk the form: a '-' after k letters is a break before letter k */
    size_t k = 0;
    for (const char *q = form; *q;) {
      if (*q == '-') {
        if (k > 0 && k < n)
          S_emit(o, offs[k], false);
        q++;
        continue;
      }
      uint32_t c;
      q += utf8_decode(q, strlen(q), &c);
      k++;
    }
    buf_free(&lower);
    return;
  }
  buf_free(&lower);
  char hy[S_MAX_SEGMENT + 5];
  char **rep = NULL;
  int *pos = NULL, *cut = NULL;
  memset(hy, 0, sizeof hy);
  if (hnj_hyphen_hyphenate3(h->dict, latin, (int)n, hy, NULL, &rep, &pos,
                            &cut, S_LEFT_MIN, S_RIGHT_MIN, S_LEFT_MIN,
                            S_RIGHT_MIN) == 0) {
    for (size_t i = 0; i + 1 < n; i++)
      if ((hy[i] & 1) && i + 1 >= S_LEFT_MIN && n - (i + 1) >= S_RIGHT_MIN)
        S_emit(o, offs[i + 1], false);
  }
  if (rep) {
    for (size_t i = 0; i < n; i++)
      free(rep[i]);
    free(rep);
  }
  free(pos);
  free(cut);
}

size_t hyphenate_word(const hyphenator *h, const char *word, size_t len,
                      size_t *offsets, unsigned char *explicit, size_t max) {
  if (!word || len == 0 || max == 0 || !offsets)
    return 0;
  S_out o = {offsets, explicit, 0, max};
  /* decode once */
  size_t cap = len + 1;
  uint32_t *cps = xmalloc(cap * sizeof *cps);
  size_t *offs = xmalloc((cap + 1) * sizeof *offs);
  size_t n = 0;
  for (size_t i = 0; i < len;) {
    uint32_t c;
    int k = utf8_decode(word + i, len - i, &c);
    offs[n] = i;
    cps[n++] = c;
    i += (size_t)k;
  }
  offs[n] = len;
  for (size_t i = 0; i < n;) {
    if (S_is_hyphen(cps[i])) {
      /* break after the hyphen, if letters (or digits) stand on both
       * sides: "Randers-partnerskabet", not "-" alone or "--" */
      if (i > 0 && i + 1 < n && !S_is_hyphen(cps[i + 1]) &&
          (S_is_letter(cps[i - 1]) || S_is_digit(cps[i - 1])) &&
          (S_is_letter(cps[i + 1]) || S_is_digit(cps[i + 1])) && i >= 2 &&
          n - i - 1 >= 2)
        S_emit(&o, offs[i + 1], true);
      i++;
      continue;
    }
    if (cps[i] == 0xAD) { /* soft hyphen: the author's own break point */
      if (i > 0 && i + 1 < n)
        S_emit(&o, offs[i + 1], false);
      i++;
      continue;
    }
    if (!S_is_letter(cps[i])) {
      i++;
      continue;
    }
    size_t j = i;
    while (j < n && S_is_letter(cps[j]) && cps[j] != 0xAD)
      j++;
    bool by_digit = (i > 0 && S_is_digit(cps[i - 1])) ||
                    (j < n && S_is_digit(cps[j]));
    bool soft = false;
    for (size_t k = 0; k < n; k++)
      soft |= cps[k] == 0xAD;
    if (h && !by_digit && !soft)
      S_segment(h, cps + i, offs + i, j - i, &o);
    i = j;
  }
  free(cps);
  free(offs);
  return o.n;
}
