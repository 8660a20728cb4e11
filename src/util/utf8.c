#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

int utf8_decode(const char *str, size_t n, uint32_t *cp) {
  const unsigned char *s = (const unsigned char *)str;
  if (n == 0) {
    *cp = 0;
    return 0;
  }
  unsigned c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  int len;
  uint32_t v, min;
  if ((c & 0xE0) == 0xC0) {
    len = 2, v = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, v = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, v = c & 0x07, min = 0x10000;
  } else {
    *cp = UTF8_REPLACEMENT;
    return 1;
  }
  if ((size_t)len > n) {
    *cp = UTF8_REPLACEMENT;
    return 1;
  }
  for (int i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) {
      *cp = UTF8_REPLACEMENT;
      return 1;
    }
    v = (v << 6) | (s[i] & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
    *cp = UTF8_REPLACEMENT;
    return 1;
  }
  *cp = v;
  return len;
}

void utf8_encode(buf *b, uint32_t cp) {
  char t[4];
  if (cp < 0x80) {
    buf_putc(b, (int)cp);
  } else if (cp < 0x800) {
    t[0] = (char)(0xC0 | (cp >> 6));
    t[1] = (char)(0x80 | (cp & 0x3F));
    buf_put(b, t, 2);
  } else if (cp < 0x10000) {
    t[0] = (char)(0xE0 | (cp >> 12));
    t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    t[2] = (char)(0x80 | (cp & 0x3F));
    buf_put(b, t, 3);
  } else {
    t[0] = (char)(0xF0 | (cp >> 18));
    t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    t[3] = (char)(0x80 | (cp & 0x3F));
    buf_put(b, t, 4);
  }
}

bool utf8_valid(const char *s, size_t n, size_t *bad_offset) {
  size_t i = 0;
  while (i < n) {
    uint32_t cp;
    int k = utf8_decode(s + i, n - i, &cp);
    if (cp == UTF8_REPLACEMENT &&
        !(k == 3 && (unsigned char)s[i] == 0xEF &&
          (unsigned char)s[i + 1] == 0xBF && (unsigned char)s[i + 2] == 0xBD)) {
      if (bad_offset)
        *bad_offset = i;
      return false;
    }
    i += (size_t)k;
  }
  return true;
}

void utf8_sanitize(buf *out, const char *s, size_t n, bool bmp_only) {
  size_t i = 0;
  while (i < n) {
    uint32_t cp;
    int k = utf8_decode(s + i, n - i, &cp);
    if (cp == UTF8_REPLACEMENT || (bmp_only && cp > 0xFFFF))
      utf8_encode(out, UTF8_REPLACEMENT);
    else
      buf_put(out, s + i, (size_t)k);
    i += (size_t)k;
  }
}

size_t utf8_length(const char *s, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80)
      c++;
  return c;
}

uint32_t utf8_lower_cp(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z')
    return cp + 32;
  if (cp >= 0xC0 && cp <= 0xFF)
    return utf8_lower_latin1(cp);
  if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x138 &&
      !(cp >= 0x139 && cp <= 0x148) && !(cp >= 0x179 && cp <= 0x17E))
    return (cp % 2 == 0) ? cp + 1 : cp;
  if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
    return (cp % 2 == 1) ? cp + 1 : cp;
  return cp;
}

uint32_t utf8_upper_cp(uint32_t cp) {
  if (cp >= 'a' && cp <= 'z')
    return cp - 32;
  if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7)
    return cp - 32;
  if (cp >= 0x100 && cp <= 0x17F && cp != 0x131 && cp != 0x138 &&
      !(cp >= 0x139 && cp <= 0x148) && !(cp >= 0x179 && cp <= 0x17E))
    return (cp % 2 == 1) ? cp - 1 : cp;
  if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
    return (cp % 2 == 0) ? cp - 1 : cp;
  return cp;
}

void utf8_lower(buf *out, const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    uint32_t cp;
    int k = utf8_decode(s + i, n - i, &cp);
    utf8_encode(out, utf8_lower_cp(cp));
    i += (size_t)k;
  }
}

/* Danish order: a-z, then æ (and ä), ø (and ö), å. Accented vowels sort as
 * their base letter. The key maps each letter to a byte sequence that sorts
 * correctly with strcmp; ties are broken by the original string. */
static void S_key_char(buf *k, uint32_t cp) {
  cp = utf8_lower_cp(cp);
  switch (cp) {
  case 0xE6: case 0xE4: buf_putc(k, '{'); return; /* æ ä */
  case 0xF8: case 0xF6: buf_putc(k, '|'); return; /* ø ö */
  case 0xE5: buf_putc(k, '}'); return;            /* å */
  case 0xE0: case 0xE1: case 0xE2: case 0xE3: buf_putc(k, 'a'); return;
  case 0xE8: case 0xE9: case 0xEA: case 0xEB: buf_putc(k, 'e'); return;
  case 0xEC: case 0xED: case 0xEE: case 0xEF: buf_putc(k, 'i'); return;
  case 0xF2: case 0xF3: case 0xF4: case 0xF5: buf_putc(k, 'o'); return;
  case 0xF9: case 0xFA: case 0xFB: buf_putc(k, 'u'); return;
  case 0xFC: buf_putc(k, 'y'); return; /* ü sorts as y in Danish */
  case 0xE7: buf_putc(k, 'c'); return;
  case 0xF1: buf_putc(k, 'n'); return;
  case 0xDF: buf_puts(k, "ss"); return;
  default: break;
  }
  if (cp < 0x80)
    buf_putc(k, (int)cp);
  else {
    buf_putc(k, '~'); /* other letters after Danish ones, in code point order */
    utf8_encode(k, cp);
  }
}

/* Collation key for Danish sorting (æ, ø, å after z; aa as å is not done):
 * compare keys with strcmp. Caller frees. */
static char *S_danish_key(const char *s) {
  buf k = BUF_INIT;
  size_t n = strlen(s), i = 0;
  while (i < n) {
    uint32_t cp;
    int len = utf8_decode(s + i, n - i, &cp);
    S_key_char(&k, cp);
    i += (size_t)len;
  }
  return buf_detach(&k);
}

int utf8_danish_cmp(const char *a, const char *b) {
  char *ka = S_danish_key(a), *kb = S_danish_key(b);
  int r = strcmp(ka, kb);
  free(ka);
  free(kb);
  return r ? r : strcmp(a, b);
}

/* A byte utf8_escape_markup copies as it is: printable ASCII but & < >
 * (and " ' in an attribute), tab and line feed. */
static inline bool S_plain(unsigned char c, bool attr) {
  if (c >= 0x20 && c < 0x7f)
    return c != '&' && c != '<' && c != '>' &&
           (!attr || (c != '"' && c != '\''));
  return c == '\t' || c == '\n';
}

void utf8_escape_markup(buf *b, const char *s, size_t n, bool attr) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, run = 0; /* run: start of bytes copied unchanged */
  while (i < n) {
    /* the common bytes first: plain ASCII and the Latin-1 letters (æ ø å:
       0xC3 and a continuation byte), which need no decoding */
    if (S_plain(u[i], attr)) {
      i++;
      continue;
    }
    if (u[i] == 0xC3 && i + 1 < n && (u[i + 1] & 0xC0) == 0x80) {
      i += 2;
      continue;
    }
    unsigned char c = (unsigned char)s[i];
    const char *rep = NULL;
    size_t k = 1;
    if (c < 0x80) {
      if (c == '&')
        rep = "&amp;";
      else if (c == '<')
        rep = "&lt;";
      else if (c == '>')
        rep = "&gt;";
      else if (attr && c == '"')
        rep = "&quot;";
      else if (attr && c == '\'')
        rep = "&#39;";
      else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
        rep = ""; /* controls (CR, NUL, ...) are dropped */
    } else {
      uint32_t cp;
      k = (size_t)utf8_decode(s + i, n - i, &cp);
      if (cp == UTF8_REPLACEMENT && k == 1)
        rep = "\xEF\xBF\xBD";
      else if ((cp >= 0x80 && cp < 0xA0) || cp == 0xFFFE || cp == 0xFFFF)
        rep = ""; /* C1 controls and noncharacters */
    }
    if (rep) {
      buf_put(b, s + run, i - run);
      buf_puts(b, rep);
      run = i + k;
    }
    i += k;
  }
  buf_put(b, s + run, n - run);
}
