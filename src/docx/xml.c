/* xml.c - escaping, numbers and theme values of the Word writer. Every
 * text that reaches a part from data, Markdown or the project passes
 * through docx_xml (util/utf8.h's shared escaper): a stray '<' or
 * control character would make Word refuse the whole file ("unreadable
 * content"). */
#include <stdio.h>
#include <string.h>

#include "docx/internal.h"
#include "util/utf8.h"

void docx_xml(buf *b, const char *s) {
  if (s) /* attr: " and ' escaped too, so any text fits any part */
    utf8_escape_markup(b, s, strlen(s), true);
}

void docx_num(buf *b, double v) {
  if (v != v || v > 1e9 || v < -1e9) /* NaN or absurd: keep the XML valid */
    v = 0;
  long long scaled = (long long)(v * 100 + (v < 0 ? -0.5 : 0.5));
  bool neg = scaled < 0;
  unsigned long long a = (unsigned long long)(neg ? -scaled : scaled);
  if (a % 100 == 0)
    buf_printf(b, "%s%llu", neg ? "-" : "", a / 100);
  else if (a % 10 == 0)
    buf_printf(b, "%s%llu.%llu", neg ? "-" : "", a / 100, (a % 100) / 10);
  else
    buf_printf(b, "%s%llu.%02llu", neg ? "-" : "", a / 100, a % 100);
}

void docx_lang_tag(buf *b, const char *lang) {
  static const char *const known[][2] = {
      {"da", "da-DK"}, {"en", "en-GB"}, {"sv", "sv-SE"},
      {"nb", "nb-NO"}, {"no", "nb-NO"}, {"de", "de-DE"}};
  if (!lang || !*lang)
    lang = "da";
  for (size_t i = 0; i < sizeof known / sizeof *known; i++)
    if (strcmp(lang, known[i][0]) == 0) {
      buf_puts(b, known[i][1]);
      return;
    }
  docx_xml(b, lang); /* already a tag with a region ("en-US") */
}

double docx_theme_num(const theme *t, const char *key, double def) {
  return t ? theme_number(t, key, def) : def;
}

long docx_theme_colour(const theme *t, const char *key, long def) {
  return t ? theme_colour(t, key, def) : def;
}

bool docx_theme_bool(const theme *t, const char *key, bool def) {
  const char *v = t ? theme_string(t, key, NULL) : NULL;
  if (!v)
    return def;
  return strcmp(v, "true") == 0 || strcmp(v, "1") == 0 ||
         strcmp(v, "yes") == 0;
}
