/* scan_html.c - HTML as the leak check reads it (scan.c): character
 * references and percent escapes decoded, base64 data skipped (embedded
 * SVG decoded, since a reader sees it), and the text without its tags. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "anon/internal.h"
#include "util/utf8.h"


static bool S_is_inline_tag(const char *t, size_t n) {
  static const char *const tags[] = {"a", "em", "strong", "i", "b", "span",
                                     "code", "s", "del", "sup", "sub", "abbr",
                                     "small", "mark", "wbr", "u", "cite", "q",
                                     "bdi", "time", NULL};
  for (size_t i = 0; tags[i]; i++)
    if (strlen(tags[i]) == n && strncasecmp(t, tags[i], n) == 0)
      return true;
  return false;
}

/* Drops tags, keeping their line breaks; block tags become a space. */
void anon_html_strip_tags(const char *s, size_t len, buf *out) {
  size_t i = 0;
  while (i < len) {
    if (s[i] != '<') {
      const char *lt = memchr(s + i, '<', len - i);
      size_t e = lt ? (size_t)(lt - s) : len;
      buf_put(out, s + i, e - i);
      i = e;
      continue;
    }
    size_t j = i + 1;
    bool comment = len - i >= 4 && memcmp(s + i, "<!--", 4) == 0;
    if (comment) {
      const char *e = NULL;
      for (size_t k = i + 4; k + 2 < len && !e; k++)
        if (!memcmp(s + k, "-->", 3))
          e = s + k + 3;
      j = e ? (size_t)(e - s) : len;
    } else {
      while (j < len && s[j] != '>')
        j++;
      j = j < len ? j + 1 : len;
    }
    size_t t = i + 1 + (i + 1 < len && s[i + 1] == '/');
    size_t te = t;
    while (te < len && ((s[te] >= 'a' && s[te] <= 'z') ||
                        (s[te] >= 'A' && s[te] <= 'Z') ||
                        (s[te] >= '0' && s[te] <= '9')))
      te++;
    if (comment || !S_is_inline_tag(s + t, te - t))
      buf_putc(out, ' ');
    for (size_t k = i; k < j; k++)
      if (s[k] == '\n')
        buf_putc(out, '\n');
    i = j;
  }
}

int anon_hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Appends base64-decoded text, line breaks as spaces (so the HTML's line
 * numbers stay right). */
static void S_base64_text(const char *s, size_t n, buf *out) {
  static const char *const abc =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  unsigned v = 0;
  int bits = 0;
  for (size_t i = 0; i < n; i++) {
    const char *p = s[i] ? strchr(abc, s[i]) : NULL;
    if (!p)
      continue;
    v = (v << 6) | (unsigned)(p - abc);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      int c = (int)((v >> bits) & 0xFF);
      buf_putc(out, c == '\n' || c == '\r' ? ' ' : c);
    }
  }
  buf_putc(out, ' ');
}

/* Removes <tspan ...> and </tspan> from an SVG's text in b, so a name
 * written in two runs ("Ida M</tspan><tspan>ørch") reads whole. */
static void S_drop_tspans(buf *b) {
  size_t w = 0;
  for (size_t r = 0; r < b->len;) {
    size_t t = r + 1 + (r + 1 < b->len && b->data[r + 1] == '/');
    if (b->data[r] == '<' && b->len - t >= 5 &&
        strncmp(b->data + t, "tspan", 5) == 0 &&
        (t + 5 == b->len || strchr(" \t\n/>", b->data[t + 5]))) {
      const char *gt = memchr(b->data + t, '>', b->len - t);
      if (gt) {
        r = (size_t)(gt - b->data) + 1;
        continue;
      }
    }
    b->data[w++] = b->data[r++];
  }
  b->len = w;
  if (b->data)
    b->data[w] = '\0';
}

/* Decodes character references and %XX escapes, skips base64 data. */
void anon_html_decode(const char *s, size_t len, buf *out) {
  static const struct { const char *name; uint32_t cp; } ents[] = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
      {"nbsp", 0xA0}, {"shy", 0xAD}, {"aelig", 0xE6}, {"AElig", 0xC6},
      {"oslash", 0xF8}, {"Oslash", 0xD8}, {"aring", 0xE5}, {"Aring", 0xC5},
      {"eacute", 0xE9}, {"Eacute", 0xC9}, {"ndash", 0x2013},
      {"mdash", 0x2014}, {"rsquo", 0x2019}, {"lsquo", 0x2018},
      {"hyphen", 0x2010}, {"thinsp", 0x2009}, {"ensp", 0x2002},
      {"emsp", 0x2003}, {"zwj", 0x200D}, {"zwnj", 0x200C}, {"NoBreak", 0x2060}};
  size_t i = 0;
  while (i < len) {
    /* a run of bytes that decode to themselves, copied at once */
    size_t run = i;
    while (run < len && s[run] != '%' && s[run] != '&' && s[run] != 'd' &&
           s[run] != 'D')
      run++;
    if (run > i) {
      buf_put(out, s + i, run - i);
      i = run;
      continue;
    }
    if (len - i > 5 && strncasecmp(s + i, "data:", 5) == 0) {
      size_t k = i + 5;
      while (k < len && k - i < 120 && s[k] != ',' && s[k] != '"')
        k++;
      if (k < len && s[k] == ',' && k >= 7 &&
          strncasecmp(s + k - 7, ";base64", 7) == 0) {
        /* an embedded SVG is text a reader sees: decode it and scan it */
        bool svg = k - i >= 18 && strncasecmp(s + i + 5, "image/svg+xml", 13) == 0;
        size_t from = k + 1;
        while (k < len && !strchr("\"')<> ", s[k])) {
          if (s[k] == '\n')
            buf_putc(out, '\n');
          k++;
        }
        buf_puts(out, "data: ");
        if (svg) {
          /* as a reader sees it: runs split over <tspan>s joined, its
             references decoded */
          buf raw = BUF_INIT;
          S_base64_text(s + from, k - from, &raw);
          S_drop_tspans(&raw);
          anon_html_decode(buf_cstr(&raw), raw.len, out);
          buf_free(&raw);
        }
        i = k;
        continue;
      }
    }
    if (s[i] == '%' && i + 2 < len && anon_hexval(s[i + 1]) >= 0 &&
        anon_hexval(s[i + 2]) >= 0) {
      int v = anon_hexval(s[i + 1]) * 16 + anon_hexval(s[i + 2]);
      buf_putc(out, v == '\n' || v < 0x20 ? ' ' : v);
      i += 3;
      continue;
    }
    if (s[i] == '&') {
      size_t k = i + 1;
      while (k < len && k - i < 32 && s[k] != ';' && s[k] != '&' &&
             s[k] != ' ' && s[k] != '\n')
        k++;
      if (k < len && s[k] == ';') {
        uint32_t cp = 0;
        bool ok = false;
        if (s[i + 1] == '#') {
          char *e;
          unsigned long v = (s[i + 2] == 'x' || s[i + 2] == 'X')
                                ? strtoul(s + i + 3, &e, 16)
                                : strtoul(s + i + 2, &e, 10);
          ok = e == s + k && v > 0 && v < 0x110000;
          cp = v == '\n' ? ' ' : (uint32_t)v;
        } else {
          for (size_t t = 0; t < sizeof ents / sizeof *ents && !ok; t++)
            if (strlen(ents[t].name) == k - i - 1 &&
                !memcmp(ents[t].name, s + i + 1, k - i - 1)) {
              cp = ents[t].cp;
              ok = true;
            }
        }
        if (ok) {
          utf8_encode(out, cp);
          i = k + 1;
          continue;
        }
      }
    }
    buf_putc(out, s[i++]);
  }
}
