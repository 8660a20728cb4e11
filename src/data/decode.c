/* decode.c - from the bytes Excel wrote to UTF-8 text with "\n" line ends.
 *
 * Danish Excel writes UTF-8 (with a BOM for "CSV UTF-8"), Windows-1252 for
 * plain "CSV", and UTF-16 LE with a BOM for "Unicode text". We detect which
 * one from the BOM and from whether the bytes are valid UTF-8, convert with
 * iconv, and normalise CRLF and lone CR (old Mac Excel) to "\n" so the CSV
 * parser and the line numbers see one kind of line end. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"
#include "util/utf8.h"
#include "data/internal.h"

/* Line (1-based) and column (1-based, in characters) of byte off in s.
 * CRLF, LF and lone CR each end a line, as an editor shows them. */
static void S_position(const char *s, size_t off, int *line, int *col) {
  int l = 1;
  size_t start = 0;
  for (size_t i = 0; i < off; i++) {
    if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n')) {
      l++;
      start = i + 1;
    }
  }
  int c = 1;
  for (size_t i = start; i < off; c++) { /* an invalid byte is one column */
    uint32_t cp;
    i += (size_t)utf8_decode(s + i, off - i, &cp);
  }
  *line = l;
  *col = c;
}

/* Bytes Windows-1252 leaves undefined: a file with them is not cp1252. */
static bool S_cp1252_undefined(unsigned char c) {
  return c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D;
}

/* Recognises well-known non-text files by their first bytes, with a message
 * that says what they are (a workbook saved instead of exported is the usual
 * mistake). */
static bool S_magic(const char *s, size_t n, const char *file,
                    diag_list *diags) {
  if (n >= 4 && !memcmp(s, "PK\x03\x04", 4)) {
    diag_error(diags, file, 0, 0, M_DATA_FILE_IS_EXCEL_WORKBOOK);
    return true;
  }
  if (n >= 8 && !memcmp(s, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
    diag_error(diags, file, 0, 0, M_DATA_FILE_IS_OLD_EXCEL);
    return true;
  }
  if (n >= 5 && !memcmp(s, "%PDF-", 5)) {
    diag_error(diags, file, 0, 0, M_DATA_FILE_IS_PDF_FILE);
    return true;
  }
  return false;
}

/* Other binary data: NUL bytes or many control characters. */
static bool S_binary(const char *s, size_t n, const char *file,
                     diag_list *diags) {
  const unsigned char *u = (const unsigned char *)s;
  size_t sample = n < 65536 ? n : 65536, controls = 0, first = 0;
  for (size_t i = 0; i < sample; i++) {
    if (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' && u[i] != '\r' &&
        u[i] != '\f') {
      if (!controls)
        first = i;
      controls++;
    }
  }
  /* a NUL never occurs in text; a few stray control characters might */
  if (controls && (memchr(s, 0, sample) || controls * 100 > sample)) {
    if (memchr(s, 0, sample))
      first = (size_t)((const char *)memchr(s, 0, sample) - s);
    diag_error(diags, file, 0, 0, M_DATA_FILE_IS_NOT_TEXT, first + 1);
    return true;
  }
  return false;
}

/* UTF-16 without a BOM: most ASCII characters have a zero high byte, so
 * zeros pile up on one side of every pair. Returns the iconv name or NULL. */
static const char *S_utf16_guess(const char *s, size_t n) {
  size_t pairs = (n < 4096 ? n : 4096) / 2, ze = 0, zo = 0;
  if (pairs < 2)
    return NULL;
  for (size_t i = 0; i < pairs; i++) {
    ze += s[2 * i] == 0;
    zo += s[2 * i + 1] == 0;
  }
  if (zo * 10 >= pairs * 3 && ze * 20 < pairs)
    return "UTF-16LE";
  if (ze * 10 >= pairs * 3 && zo * 20 < pairs)
    return "UTF-16BE";
  return NULL;
}

/* Canonical spelling of a pinned encoding name; iconv gets the rest as is. */
static char *S_encoding_name(const char *pin) {
  buf b = BUF_INIT;
  for (const char *p = pin; *p; p++)
    if (*p != ' ')
      buf_putc(&b, *p >= 'a' && *p <= 'z' ? *p - 32 : *p);
  const char *u = buf_cstr(&b);
  const char *canon = NULL;
  if (!strcmp(u, "UTF8") || !strcmp(u, "UTF-8"))
    canon = "UTF-8";
  else if (!strcmp(u, "CP1252") || !strcmp(u, "WINDOWS1252") ||
           !strcmp(u, "WINDOWS-1252") || !strcmp(u, "ANSI"))
    canon = "WINDOWS-1252";
  else if (!strcmp(u, "UTF16") || !strcmp(u, "UTF-16"))
    canon = "UTF-16";
  char *r = xstrdup(canon ? canon : u);
  buf_free(&b);
  return r;
}

/* utf8_valid with a fast path over ASCII, eight bytes at a time: the common
 * case is a large all-ASCII-but-a-few-letters file. */
static bool S_valid(const char *s, size_t n, size_t *bad) {
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (!(w & 0x8080808080808080ull)) {
        i += 8;
        continue;
      }
    }
    if (!((unsigned char)s[i] & 0x80)) {
      i++;
      continue;
    }
    uint32_t cp;
    int k = utf8_decode(s + i, n - i, &cp);
    if (cp == UTF8_REPLACEMENT && k == 1) {
      *bad = i;
      return false;
    }
    i += (size_t)k;
  }
  return true;
}

/* Validates UTF-8; reports the first few bad bytes with line and column and
 * copies the text with U+FFFD in their place. */
static void S_utf8(const char *s, size_t n, bool mixed, const char *file,
                   diag_list *diags, buf *out) {
  size_t count = 0, i = 0;
  while (i < n) {
    uint32_t cp;
    int k = utf8_decode(s + i, n - i, &cp);
    if (cp == UTF8_REPLACEMENT && k == 1) { /* a real U+FFFD takes 3 bytes */
      if (++count <= 3) {
        int line, col;
        S_position(s, i, &line, &col);
        diag_error(diags, file, line, col, M_DATA_INVALID_UTF_8_BYTE,
                   (unsigned char)s[i], mixed ? M_DATA_FILE_MIXES_UTF_8 : "");
      }
      utf8_encode(out, UTF8_REPLACEMENT);
    } else {
      buf_put(out, s + i, (size_t)k);
    }
    i += (size_t)k;
  }
  if (count > 3)
    diag_error(diags, file, 0, 0, M_DATA_INVALID_UTF_8_MORE, count - 3);
}

/* Converts with iconv; an unconvertible byte is reported once per file at its
 * line and column (counted in the output so far) and becomes U+FFFD. */
static bool S_iconv(const char *s, size_t n, const char *enc, const char *file,
                    diag_list *diags, buf *out) {
  iconv_t cd = iconv_open("UTF-8", enc);
  if (cd == (iconv_t)-1) {
    diag_error(diags, file, 0, 0, M_DATA_ENCODING_IS_UNKNOWN_USE, enc);
    return false;
  }
  size_t unit = strncmp(enc, "UTF-16", 6) ? 1 : 2, bad = 0;
  char *in = (char *)s;
  size_t inleft = n;
  while (inleft > 0) {
    buf_grow(out, inleft * 3 + 16);
    char *o = out->data + out->len;
    size_t oleft = out->cap - out->len - 1;
    size_t r = iconv(cd, &in, &inleft, &o, &oleft);
    out->len = (size_t)(o - out->data);
    out->data[out->len] = '\0';
    if (r != (size_t)-1)
      break;
    if (errno == E2BIG)
      continue;
    /* EILSEQ, or EINVAL for a sequence cut off at the end of the file */
    if (errno == EINVAL) {
      diag_error(diags, file, 0, 0, M_DATA_FILE_ENDS_MIDDLE_CHARACTER, enc);
      utf8_encode(out, UTF8_REPLACEMENT);
      break;
    }
    if (++bad == 1) {
      int line = 1;
      const char *ls = out->data;
      for (size_t i = 0; i < out->len; i++)
        if (out->data[i] == '\n' ||
            (out->data[i] == '\r' && i + 1 < out->len && out->data[i + 1] != '\n')) {
          line++;
          ls = out->data + i + 1;
        }
      int col = (int)utf8_length(ls, (size_t)(out->data + out->len - ls)) + 1;
      diag_error(diags, file, line, col, M_DATA_BYTE_0X_DOES_NOT,
                 (unsigned char)*in, enc);
    }
    utf8_encode(out, UTF8_REPLACEMENT);
    size_t skip = inleft < unit ? inleft : unit;
    in += skip;
    inleft -= skip;
  }
  if (bad > 1)
    diag_error(diags, file, 0, 0, M_DATA_MORE_INVALID_CHARACTERS_FILE, bad - 1);
  iconv_close(cd);
  return true;
}

/* CRLF and lone CR become "\n", in place (the text only shrinks); the most
 * common line end is remembered. Takes the buffer's memory. */
static size_t S_count_lf(const char *s, size_t n) {
  size_t c = 0;
  for (const char *p = s, *e = s + n; (p = memchr(p, '\n', (size_t)(e - p)));
       p++)
    c++;
  return c;
}

static void S_normalise(buf *in, data_text *out) {
  size_t crlf = 0, lf = 0, cr = 0;
  char *s = in->data;
  size_t n = in->len, o = 0, i = 0;
  /* whole runs without '\r' move at once: this is the bulk of a file */
  while (s && i < n) {
    const char *r = memchr(s + i, '\r', n - i);
    size_t run = r ? (size_t)(r - (s + i)) : n - i;
    lf += S_count_lf(s + i, run);
    if (o != i)
      memmove(s + o, s + i, run);
    o += run;
    i += run;
    if (i < n) { /* at a '\r' */
      if (i + 1 < n && s[i + 1] == '\n')
        crlf++, i += 2;
      else
        cr++, i++;
      s[o++] = '\n';
    }
  }
  if (s)
    s[o] = '\0';
  in->len = o;
  if (o && s[o - 1] != '\n')
    buf_putc(in, '\n');
  const char *le = "";
  if (crlf || lf || cr)
    le = crlf >= lf && crlf >= cr ? "CRLF" : lf >= cr ? "LF" : "CR";
  strcpy(out->line_end, le);
  out->len = in->len;
  out->text = buf_detach(in);
}

bool data_decode(char *bytes, size_t n, const char *pinned,
                 const char *file, diag_list *diags, data_text *out) {
  memset(out, 0, sizeof *out);
  const char *bom_enc = NULL;
  size_t skip = 0;
  if (n >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3))
    bom_enc = "UTF-8", skip = 3;
  else if (n >= 2 && !memcmp(bytes, "\xFF\xFE", 2))
    bom_enc = "UTF-16LE", skip = 2;
  else if (n >= 2 && !memcmp(bytes, "\xFE\xFF", 2))
    bom_enc = "UTF-16BE", skip = 2;
  out->bom = bom_enc != NULL;
  const char *s = bytes + skip;
  n -= skip;

  char *enc = NULL;
  bool mixed = false, valid = false;
  if (pinned && *pinned) {
    enc = S_encoding_name(pinned);
    if (!strcmp(enc, "UTF-16")) {
      free(enc);
      enc = xstrdup(bom_enc && bom_enc[3] == '-' ? bom_enc : "UTF-16LE");
    }
    bool agree = bom_enc && (!strcmp(enc, bom_enc) ||
                             (!strncmp(enc, "UTF-16", 6) &&
                              !strncmp(bom_enc, "UTF-16", 6)));
    if (bom_enc && !agree)
      diag_warning(diags, file, 0, 0, M_DATA_FILE_STARTS_BYTE_ORDER, bom_enc,
                   pinned, enc);
  } else if (bom_enc) {
    enc = xstrdup(bom_enc);
  }
  if (!bom_enc && S_magic(s, n, file, diags)) {
    free(enc);
    free(bytes);
    return false;
  }
  if (!enc || strncmp(enc, "UTF-16", 6)) {
    const char *u16 = !enc ? S_utf16_guess(s, n) : NULL;
    if (u16)
      enc = xstrdup(u16);
    else if (S_binary(s, n, file, diags)) {
      free(enc);
      free(bytes);
      return false;
    }
  }
  if (!enc) {
    size_t bad;
    if ((valid = S_valid(s, n, &bad))) {
      enc = xstrdup("UTF-8");
    } else {
      /* Windows-1252 if no byte is undefined there and nothing in the file
       * is a UTF-8 sequence; otherwise broken UTF-8 */
      bool multibyte = false, undefined = false;
      for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80)
          continue;
        undefined |= S_cp1252_undefined(c);
        uint32_t cp;
        int k = utf8_decode(s + i, n - i, &cp);
        if (k > 1) {
          multibyte = true;
          i += (size_t)k - 1;
        }
      }
      mixed = multibyte;
      enc = xstrdup(multibyte || undefined ? "UTF-8" : "WINDOWS-1252");
    }
  }

  buf text = BUF_INIT;
  bool ok = true;
  size_t bad;
  if (!strcmp(enc, "UTF-8") && (valid || S_valid(s, n, &bad))) {
    /* the usual case: use the bytes as they are, without the BOM */
    memmove(bytes, s, n);
    bytes[n] = '\0';
    text = (buf){bytes, n, n + skip + 1};
    bytes = NULL;
  } else if (!strcmp(enc, "UTF-8")) {
    S_utf8(s, n, mixed, file, diags, &text);
  } else {
    ok = S_iconv(s, n, enc, file, diags, &text);
  }
  free(bytes);
  if (ok && text.len && memchr(text.data, 0, text.len)) {
    diag_error(diags, file, 0, 0, M_DATA_FILE_CONTAINS_NUL_CHARACTERS, enc);
    ok = false;
  }
  if (!ok) {
    buf_free(&text);
    free(enc);
    return false;
  }
  out->encoding = enc;
  S_normalise(&text, out);
  bool blank = true;
  for (size_t i = 0; i < out->len && blank; i++)
    blank = out->text[i] == '\n' || out->text[i] == ' ' || out->text[i] == '\t';
  if (blank) {
    diag_error(diags, file, 0, 0,
               out->len ? M_DATA_FILE_HOLDS_ONLY_BLANK
                        : M_DATA_FILE_IS_EMPTY_IT);
    data_text_free(out);
    return false;
  }
  return true;
}

void data_text_free(data_text *t) {
  free(t->text);
  free(t->encoding);
  memset(t, 0, sizeof *t);
}
