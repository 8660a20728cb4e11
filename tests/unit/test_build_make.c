/* test_build_make.c - names quoted for make: each place's escapes, and the
 * names refused because make cannot read them back. What make really makes
 * of the quoted names is asserted by tests/e2e/robust_outputs.sh. */
#include <stdlib.h>

#include "cli/depfile.h"
#include "test.h"

/* The quoted form of s in place, or "(refused)". Caller frees. */
static char *S_put(const char *s, mk_place place) {
  buf b = BUF_INIT;
  buf_puts(&b, "<");
  if (!mk_put(&b, s, place))
    buf_puts(&b, "(refused)");
  buf_puts(&b, ">");
  return buf_detach(&b);
}

static void S_case(const char *name, const char *s, mk_place place,
                   const char *want) {
  char *got = S_put(s, place);
  CHECK_STR(name, got, want);
  free(got);
}

int main(void) {
  /* a rule: $ doubled, space # : after a backslash */
  S_case("rule: $(shell ...)", "k/$(shell touch PWNED).md", MK_RULE,
         "<k/$$(shell\\ touch\\ PWNED).md>");
  S_case("rule: space, # and :", "o 1/a#b:c.md", MK_RULE,
         "<o\\ 1/a\\#b\\:c.md>");
  S_case("rule: backticks and quotes as they are", "`x` 'y\".md", MK_RULE,
         "<`x`\\ 'y\".md>");
  S_case("rule: æøå as they are", "kapitler/børn.md", MK_RULE,
         "<kapitler/børn.md>");
  /* an include keeps ':' (a backslash before it would stay) */
  S_case("include: space, # escaped, : kept", "o 1:#/.rapport/r.d",
         MK_INCLUDE, "<o\\ 1:\\#/.rapport/r.d>");
  S_case("include: $ doubled", "o$x/r.d", MK_INCLUDE, "<o$$x/r.d>");
  /* a recipe argument: single-quoted for the shell, $ doubled for make */
  S_case("shell: quoted", "o $(x) `y` #z", MK_SHELL, "<'o $$(x) `y` #z'>");
  S_case("shell: a quote", "it's", MK_SHELL, "<'it'\\''s'>");
  S_case("shell: a folder ending in ')'", "o (2)", MK_SHELL, "<'o (2)'>");
  S_case("shell: a leading ~", "~x", MK_SHELL, "<'~x'>");
  /* refused: nothing appended */
  S_case("refused: line break", "a\nb.md", MK_RULE, "<(refused)>");
  S_case("refused: line break in a recipe too", "a\nb", MK_SHELL,
         "<(refused)>");
  S_case("refused: tab", "a\tb.md", MK_INCLUDE, "<(refused)>");
  const char *bad = "\\;=|%*?[]";
  for (const char *c = bad; *c; c++) {
    char s[8] = {'a', *c, '.', 'm', 'd', 0};
    char name[64];
    snprintf(name, sizeof name, "refused in a rule: '%c'", *c);
    S_case(name, s, MK_RULE, "<(refused)>");
    CHECK_NUM(name, mk_unsafe(s), (unsigned char)*c);
  }
  S_case("refused: archive member form", "kap(1)", MK_RULE, "<(refused)>");
  CHECK_NUM("archive member form: the ')' named", mk_unsafe("kap(1)"), ')');
  S_case("allowed: '(' and ')' inside", "a (b).md", MK_RULE,
         "<a\\ (b).md>");
  S_case("refused: a leading ~", "~x/a.md", MK_RULE, "<(refused)>");
  CHECK_NUM("a safe name", mk_unsafe("out/r-1_a.pdf"), 0);
  return TEST_END();
}
