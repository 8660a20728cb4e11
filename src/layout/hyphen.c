/* hyphen.c - Danish hyphenation: libhyphen with hyph_da_DK (an ISO-8859-1
 * dictionary), plus the rules the patterns do not know: no breaks in names
 * or numbers, breaks after existing hyphens, and an exception list for
 * words of this domain that the ~1,150 patterns get wrong or miss. */
#include "layout/hyphen.h"

#include <hyphen.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/fs.h"
#include "util/mem.h"
#include "util/memo.h"
#include "util/utf8.h"

/* Fewest letters before and after a pattern break. Right 3 avoids lines
 * ending "partnerska-" + "bet" style fragments of two letters ("-er",
 * "-et"), which read badly in Danish justified text. */
#define S_LEFT_MIN 2
#define S_RIGHT_MIN 3
#define S_MAX_SEGMENT 120

/* breaks: the words seen before, each with its break points, so that each
 * distinct word of a document goes through the patterns once (text repeats
 * its words, and a document with a contents page is laid out twice): the
 * count in value, the offsets and then their explicit flags after the
 * word's bytes in the key. Longer words are not remembered. */
#define S_MEMO_MAX_LEN 200
#define S_MEMO_MAX_BREAKS 64

struct hyphenator {
  HyphenDict *dict;
  memo breaks;
};

/* Words the patterns miss or get wrong, written with their breaks. Matched
 * against a whole lower-case segment (letters between non-letters). Keep it
 * sorted for bsearch. */
static const char *const S_exceptions[] = {
    "aktivitetstal",              "ak-ti-vi-tets-tal",
    "aktivitetstallene",          "ak-ti-vi-tets-tal-le-ne",
    "arbejdsmarkedet",            "ar-bejds-mar-ke-det",
    "beskæftigelsesindsats",     "be-skæf-ti-gel-ses-ind-sats",
    "beskæftigelsesindsatsen",   "be-skæf-ti-gel-ses-ind-sat-sen",
    "casestudie",                 "ca-se-stu-die",
    "erhvervsservice",            "erhvervs-ser-vi-ce",
    "evaluering",                 "eva-lu-e-ring",
    "evalueringen",               "eva-lu-e-rin-gen",
    "følgeforskning",            "føl-ge-forsk-ning",
    "følgeforskningen",          "føl-ge-forsk-nin-gen",
    "følgeforskningens",         "føl-ge-forsk-nin-gens",
    "grundaktivitet",             "grund-ak-ti-vi-tet",
    "idealtype",                  "ide-al-ty-pe",
    "idealtypen",                 "ide-al-ty-pen",
    "idealtyper",                 "ide-al-ty-per",
    "idealtyperne",               "ide-al-ty-per-ne",
    "jobcenter",                  "job-cen-ter",
    "jobcentre",                  "job-cen-tre",
    "jobcentret",                 "job-cen-tret",
    "jobcentrets",                "job-cen-trets",
    "kommunerne",                 "kom-mu-ner-ne",
    "kompetenceudvikling",        "kom-pe-ten-ce-ud-vik-ling",
    "kompetenceudviklingen",      "kom-pe-ten-ce-ud-vik-lin-gen",
    "maskinfabrik",               "ma-skin-fa-brik",
    "medarbejdere",               "med-ar-bej-de-re",
    "medarbejderne",              "med-ar-bej-der-ne",
    "midtvejsevaluering",         "midt-vejs-eva-lu-e-ring",
    "midtvejsrapport",            "midt-vejs-rap-port",
    "midtvejsrapporten",          "midt-vejs-rap-por-ten",
    "nabokommune",                "na-bo-kom-mu-ne",
    "nabokommuner",               "na-bo-kom-mu-ner",
    "opstartskonference",         "op-starts-kon-fe-ren-ce",
    "opstartskonferencen",        "op-starts-kon-fe-ren-cen",
    "partnerskab",                "part-ner-skab",
    "partnerskaber",              "part-ner-ska-ber",
    "partnerskaberne",            "part-ner-ska-ber-ne",
    "partnerskabernes",           "part-ner-ska-ber-nes",
    "partnerskabet",              "part-ner-ska-bet",
    "partnerskabets",             "part-ner-ska-bets",
    "partnerskabs",               "part-ner-skabs",
    "personaleskift",             "per-so-na-le-skift",
    "personaleskiftet",           "per-so-na-le-skif-tet",
    "rekruttering",               "re-krut-te-ring",
    "rekrutteringen",             "re-krut-te-rin-gen",
    "samarbejde",                 "sam-ar-bej-de",
    "samarbejdet",                "sam-ar-bej-det",
    "samarbejdsforskning",        "sam-ar-bejds-forsk-ning",
    "selvevaluering",             "selv-eva-lu-e-ring",
    "selvevalueringen",           "selv-eva-lu-e-rin-gen",
    "statusopgørelse",           "sta-tus-op-gø-rel-se",
    "statusopgørelser",          "sta-tus-op-gø-rel-ser",
    "stålkonstruktion",          "stål-kon-struk-tion",
    "stålkonstruktioner",        "stål-kon-struk-tio-ner",
    "telefonopkald",              "te-le-fon-op-kald",
    "uenighed",                   "u-enig-hed",
    "uenigheden",                 "u-enig-he-den",
    "uenigheder",                 "u-enig-he-der",
    "virksomheder",               "virk-som-he-der",
    "virksomhederne",             "virk-som-he-der-ne",
    "virksomhedsejer",            "virk-som-heds-ej-er",
    "virksomhedsejere",           "virk-som-heds-eje-re",
    "voksenuddannelse",           "vok-sen-ud-dan-nel-se",
    "voksenuddannelsescenter",    "vok-sen-ud-dan-nel-ses-cen-ter",
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
    diag_warning(diags, NULL, 0, 0, M_LAYOUT_NO_HYPHENATION_LANGUAGE_TEXT,
                 lang);
    return NULL;
  }
  HyphenDict *d = fs_exists(path) ? hnj_hyphen_load(path) : NULL;
  if (!d) {
    diag_warning(diags, NULL, 0, 0, M_LAYOUT_HYPHENATION_DICTIONARY_IS_MISSING,
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
  memo_free(&h->breaks);
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

/* Marks brk[k] (a break before letter k) from an exception's written form;
 * returns the number of letters the form has. */
static size_t S_form_breaks(const char *form, bool *brk, size_t n) {
  size_t k = 0;
  for (const char *q = form; *q;) {
    if (*q == '-') {
      if (k > 0 && k < n)
        brk[k] = true;
      q++;
      continue;
    }
    uint32_t c;
    q += utf8_decode(q, strlen(q), &c);
    k++;
  }
  return k;
}

/* Inflection endings tried when a word is not in the exception list as it
 * stands: "partnerskaberne" uses "partnerskab" for its stem. */
static const char *const S_endings[] = {"ernes", "erne", "enes", "ene",
                                        "ens",   "ets",  "ers",  "en",
                                        "er",    "et",   "es",   "e",
                                        "s"};

static bool S_is_vowel(uint32_t c) {
  return strchr("aeiouy", (int)(c < 0x80 ? c : 1)) ||
         (c >= 0xE0 && c <= 0xFF && c != 0xE7 && c != 0xF1 && c != 0xF0 &&
          c != 0xF7 && c != 0xFE);
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
  char lower[2 * S_MAX_SEGMENT + 1];
  uint32_t lc[S_MAX_SEGMENT];
  size_t ll = 0;
  for (size_t i = 0; i < n; i++) {
    uint32_t c = utf8_lower_cp(cps[i]);
    if (c > 0xFF || c == 0xAD)
      return; /* outside Latin-1: the dictionary cannot say */
    latin[i] = (char)c;
    lc[i] = c;
    if (c < 0x80) {
      lower[ll++] = (char)c;
    } else {
      lower[ll++] = (char)(0xC0 | (c >> 6));
      lower[ll++] = (char)(0x80 | (c & 0x3F));
    }
  }
  latin[n] = 0;
  lower[ll] = 0;
  bool brk[S_MAX_SEGMENT + 1];
  memset(brk, 0, sizeof brk);
  const char *form = S_exception(lower);
  size_t stem = 0; /* letters decided by an exception */
  if (form) {
    stem = S_form_breaks(form, brk, n);
  } else {
    for (size_t e = 0; e < sizeof S_endings / sizeof *S_endings; e++) {
      size_t el = strlen(S_endings[e]);
      if (el >= n - 2 || strcmp(latin + n - el, S_endings[e]) != 0)
        continue;
      char save = lower[ll - el];
      lower[ll - el] = 0; /* the endings are ASCII: same length in both */
      form = S_exception(lower);
      lower[ll - el] = save;
      if (form) {
        S_form_breaks(form, brk, n);
        /* the ending moves the last syllable boundary: keep the form's
         * breaks up to its last one, the patterns decide after it */
        stem = 0;
        for (size_t k = 1; k < n; k++)
          if (brk[k])
            stem = k;
        break;
      }
    }
  }
  if (!form || stem < n) {
    char hy[S_MAX_SEGMENT + 5];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    memset(hy, 0, sizeof hy);
    if (h && hnj_hyphen_hyphenate3(h->dict, latin, (int)n, hy, NULL, &rep,
                                   &pos, &cut, S_LEFT_MIN, S_RIGHT_MIN,
                                   S_LEFT_MIN, S_RIGHT_MIN) == 0) {
      for (size_t i = 0; i + 1 < n; i++)
        if ((hy[i] & 1) && i + 1 > stem)
          brk[i + 1] = true;
    }
    if (rep) {
      for (size_t i = 0; i < n; i++)
        free(rep[i]);
      free(rep);
    }
    free(pos);
    free(cut);
  }
  /* a fragment without a vowel ("re-k-rut", "stå-l-kon") means the
   * patterns split a consonant cluster: drop the breaks on both sides */
  size_t prev = 0;
  for (size_t k = 1; k <= n; k++) {
    if (k < n && !brk[k])
      continue;
    bool vowel = false;
    for (size_t i = prev; i < k && !vowel; i++)
      vowel = S_is_vowel(lc[i]);
    if (!vowel && k - prev < n) {
      if (prev > 0)
        brk[prev] = false;
      if (k < n)
        brk[k] = false;
    }
    prev = k;
  }
  for (size_t k = S_LEFT_MIN; k + S_RIGHT_MIN <= n; k++)
    if (brk[k])
      S_emit(o, offs[k], false);
}

static size_t S_hyphenate(const hyphenator *h, const char *word, size_t len,
                          size_t *offsets, unsigned char *explicit,
                          size_t max);

size_t hyphenate_word(hyphenator *h, const char *word, size_t len,
                      size_t *offsets, unsigned char *explicit, size_t max) {
  if (!word || len == 0 || max == 0 || !offsets)
    return 0;
  if (!h || len > S_MEMO_MAX_LEN || max != S_MEMO_MAX_BREAKS)
    return S_hyphenate(h, word, len, offsets, explicit, max);
  memo_entry *e = memo_slot(&h->breaks, word, len);
  if (e->key) {
    size_t no = (size_t)e->value;
    for (size_t i = 0; i < no; i++) {
      offsets[i] = (unsigned char)e->key[len + i];
      if (explicit)
        explicit[i] = (unsigned char)e->key[len + no + i];
    }
    return no;
  }
  unsigned char ex[S_MEMO_MAX_BREAKS];
  size_t no = S_hyphenate(h, word, len, offsets, ex, max);
  if (explicit)
    memcpy(explicit, ex, no);
  char *after = memo_claim(&h->breaks, e, word, 2 * no);
  for (size_t i = 0; i < no; i++) {
    after[i] = (char)offsets[i]; /* offsets < len <= S_MEMO_MAX_LEN */
    after[no + i] = (char)ex[i];
  }
  e->value = (long)no;
  return no;
}

static size_t S_hyphenate(const hyphenator *h, const char *word, size_t len,
                          size_t *offsets, unsigned char *explicit,
                          size_t max) {
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
