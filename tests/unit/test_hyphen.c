/* test_hyphen.c - Danish hyphenation of real words: patterns, exceptions,
 * names, numbers and explicit hyphens. */
#include <stdlib.h>

#include "layout/hyphen.h"
#include "test.h"
#include "util/buf.h"

/* The word with "-" at pattern breaks and "|" at explicit ones. */
static char *marked(hyphenator *h, const char *w) {
  size_t off[64];
  unsigned char ex[64];
  size_t len = strlen(w);
  size_t n = hyphenate_word(h, w, len, off, ex, 64);
  buf b = BUF_INIT;
  size_t k = 0;
  for (size_t i = 0; i <= len; i++) {
    if (k < n && off[k] == i) {
      buf_putc(&b, ex[k] ? '|' : '-');
      k++;
    }
    if (i < len)
      buf_putc(&b, w[i]);
  }
  return buf_detach(&b);
}

#define HY(word, want)                                                         \
  do {                                                                         \
    char *got_ = marked(h, word);                                              \
    CHECK_STR("hyphenate " word, got_, want);                                  \
    free(got_);                                                                \
  } while (0)

int main(void) {
  diag_list d;
  diag_init(&d);
  hyphenator *h = hyphenator_load("da", &d);
  CHECK("the Danish dictionary loads", h != NULL);
  if (!h)
    return TEST_END();
  CHECK_NUM("no warning when it loads", d.warnings, 0);

  /* patterns (hyph_da_DK, left 2, right 3) */
  HY("organisation", "or-ga-ni-sa-tion");
  HY("kommunerne", "kom-mu-nerne"); /* right minimum 3 */
  HY("arbejdsmarkedet", "ar-bejds-mar-ke-det");
  HY("styregruppen", "sty-re-grup-pen");
  HY("undersøgelsen", "un-der-sø-gelsen");
  HY("forandringer", "for-an-drin-ger");
  /* the exception list */
  HY("partnerskab", "part-ner-skab");
  HY("partnerskaber", "part-ner-ska-ber");
  HY("følgeforskning", "føl-ge-forsk-ning");
  HY("erhvervsservice", "erhvervs-ser-vice");
  HY("kompetenceudvikling", "kom-pe-ten-ce-ud-vik-ling");
  HY("jobcenter", "job-cen-ter");
  HY("midtvejsrapport", "midt-vejs-rap-port");
  HY("idealtype", "ide-al-type");
  HY("rekruttering", "re-krut-te-ring");
  HY("voksenuddannelse", "vok-sen-ud-dan-nelse");
  /* an inflected form uses the listed stem */
  HY("partnerskaberne", "part-ner-ska-berne");
  HY("jobcentrets", "job-cen-trets");
  /* a vowelless fragment from the patterns drops its breaks */
  HY("maalopfyldelse", "maalop-fyl-delse");
  /* punctuation around a word does not hide it */
  HY("(partnerskabet),", "(part-ner-ska-bet),");
  /* names and sentence starts get no pattern breaks */
  HY("Ærøskøbing", "Ærøskøbing");
  HY("Partnerskabet", "Partnerskabet");
  /* an explicit hyphen: a break after it, and lower-case parts hyphenate */
  HY("Randers-partnerskabet", "Randers-|part-ner-ska-bet");
  HY("it-konsulent", "it-|kon-su-lent");
  /* numbers: no breaks inside; letters glued to digits get none either */
  HY("1234567", "1234567");
  HY("2019-2021", "2019-|2021");
  HY("10kommuner", "10kommuner");
  /* short words and right minimum 3 */
  HY("huset", "hu-set");
  HY("ledelse", "le-delse");
  HY("bor", "bor");
  /* outside Latin-1: no breaks from the Latin-1 patterns */
  HY("čeština", "čeština");
  /* soft hyphens are the author's breaks, and the only ones */
  HY("kom\xc2\xadmune", "kom\xc2\xad-mune");

  /* the explicit flags and the limit on results */
  size_t off[2];
  unsigned char ex[2];
  size_t n = hyphenate_word(h, "kompetenceudvikling", 19, off, ex, 2);
  CHECK_NUM("max limits the count", n, 2);
  CHECK("offsets ascend", off[0] < off[1]);
  CHECK_NUM("empty word", hyphenate_word(h, "", 0, off, ex, 2), 0);

  /* without a dictionary, explicit hyphens still break */
  size_t o2[4];
  unsigned char e2[4];
  n = hyphenate_word(NULL, "Randers-partnerskabet", 21, o2, e2, 4);
  CHECK_NUM("no dictionary: one break at the hyphen", n, 1);
  CHECK_NUM("no dictionary: after the hyphen", o2[0], 8);

  /* an unknown language: a warning, no hyphenator */
  hyphenator *none = hyphenator_load("xx", &d);
  CHECK("unknown language: NULL", none == NULL);
  CHECK_NUM("unknown language: a warning", d.warnings, 1);
  hyphenator_free(h);
  diag_free(&d);
  return TEST_END();
}
