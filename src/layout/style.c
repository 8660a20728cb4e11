/* style.c - the theme's values for the PDF, with defaults for a classic A4
 * report, read once into a struct. The keys are documented in the README
 * ("PDF"). */
#include <stdio.h>
#include <string.h>

#include "layout/internal.h"

static double S_num(const theme *t, const char *key, double def) {
  return t ? theme_number(t, key, def) : def;
}

static bool S_bool(const theme *t, const char *key, bool def) {
  const char *v = t ? theme_string(t, key, NULL) : NULL;
  if (!v)
    return def;
  return strcmp(v, "true") == 0 || strcmp(v, "1") == 0 || strcmp(v, "yes") == 0;
}

static long S_col(const theme *t, const char *key, long def) {
  return t ? theme_colour(t, key, def) : def;
}

void lay_style_load(lay_style *s, const theme *t) {
  memset(s, 0, sizeof *s);
  s->pw = S_num(t, "page.width", 595.28);
  s->ph = S_num(t, "page.height", 841.89);
  s->mt = S_num(t, "page.margin.top", 72);
  s->mb = S_num(t, "page.margin.bottom", 72);
  s->ml = S_num(t, "page.margin.left", 72);
  s->mr = S_num(t, "page.margin.right", 72);
  s->tw = s->pw - s->ml - s->mr;
  s->th = s->ph - s->mt - s->mb;
  s->size = S_num(t, "body.size", 10.5);
  s->leading = S_num(t, "body.leading", s->size * 1.38);
  s->par_space = S_num(t, "body.paragraph_space", s->size * 0.6);
  s->par_indent = S_num(t, "body.paragraph_indent", 0);
  s->list_indent = S_num(t, "body.list_indent", s->size * 1.7);
  s->block_space = S_num(t, "body.block_space", s->size * 0.9);
  s->justify = S_bool(t, "body.justify", true);
  s->text = S_col(t, "colours.text", 0x000000);
  s->accent = S_col(t, "colours.accent", 0x1f3a5f);
  s->rule = S_col(t, "colours.rule", 0x808080);
  s->link = S_col(t, "colours.link", s->text);
  s->heading_colour = S_col(t, "colours.heading", s->text);
  s->muted = S_col(t, "colours.muted", 0x555555);
  static const double hs[7] = {0, 20, 14, 12, 11, 10.5, 10.5};
  for (int i = 1; i <= 6; i++) {
    char k[64];
    snprintf(k, sizeof k, "heading.%d.size", i);
    s->h_size[i] = S_num(t, k, hs[i] * s->size / 10.5);
    snprintf(k, sizeof k, "heading.%d.space_before", i);
    s->h_before[i] = S_num(t, k, s->h_size[i] * (i == 1 ? 0.5 : 1.2));
    snprintf(k, sizeof k, "heading.%d.space_after", i);
    s->h_after[i] = S_num(t, k, s->h_size[i] * (i == 1 ? 1.0 : 0.45));
  }
  s->h_new_page = S_bool(t, "heading.1.new_page", true);
  s->t_size = S_num(t, "table.size", s->size - 1.5);
  s->t_leading = S_num(t, "table.leading", s->t_size * 1.3);
  s->t_pad = S_num(t, "table.padding", 4);
  s->t_rule_w = S_num(t, "table.rule_width", 0.6);
  s->t_head_fill = S_col(t, "table.header_fill", -1);
  s->t_head_text = S_col(t, "table.header_text", s->text);
  s->t_stripe = S_col(t, "table.stripe", -1);
  s->t_rule = S_col(t, "table.rule", s->text);
  s->fn_size = S_num(t, "footnote.size", s->size - 2);
  s->fn_leading = S_num(t, "footnote.leading", s->fn_size * 1.3);
  s->cap_size = S_num(t, "caption.size", s->size - 1);
  s->code_size = S_num(t, "code.size", s->size - 1.5);
  s->run_size = S_num(t, "running.size", s->size - 2);
  s->title_size = S_num(t, "title.size", 26);
  s->subtitle_size = S_num(t, "title.subtitle_size", 15);
  s->code_fill = S_col(t, "code.fill", 0xf2f2f2);
  s->quote_bar = S_col(t, "quote.bar", s->accent);
}
