/* latex.c - LaTeX markup in BibTeX values -> plain UTF-8.
 *
 * Reference managers export Danish and other accented letters either as
 * UTF-8 or as LaTeX ({\o}, {\aa}, \'e, {\AE}, \v{s}); both must print the
 * same. Only the text markup found in bibliographies is handled: accents,
 * special letters, escaped specials, dashes, quotes, ties and font commands
 * (whose argument is kept, the formatting dropped). */
#include "cite/bib.h"

#include <stdint.h>
#include <string.h>

#include "util/buf.h"
#include "util/mem.h"
#include "util/utf8.h"

/* Per accent command: pairs of an ASCII base letter and the precomposed
 * letter; a combination not listed falls back to base + combining mark. */
static const struct {
  char cmd;
  uint32_t combining;
  const char *pairs;
} S_accents[] = {
    {'\'', 0x301, "AÁaáEÉeéIÍiíOÓoóUÚuúYÝyýCĆcćNŃnńSŚsśZŹzźLĹlĺRŔrŕ"},
    {'`', 0x300, "AÀaàEÈeèIÌiìOÒoòUÙuù"},
    {'^', 0x302, "AÂaâEÊeêIÎiîOÔoôUÛuûCĈcĉGĜgĝHĤhĥJĴjĵSŜsŝWŴwŵYŶyŷ"},
    {'"', 0x308, "AÄaäEËeëIÏiïOÖoöUÜuüYŸyÿ"},
    {'~', 0x303, "AÃaãNÑnñOÕoõIĨiĩUŨuũ"},
    {'=', 0x304, "AĀaāEĒeēIĪiīOŌoōUŪuū"},
    {'.', 0x307, "CĊcċEĖeėGĠgġIİZŻzż"},
    {'u', 0x306, "AĂaăGĞgğUŬuŭ"},
    {'v', 0x30C, "CČcčDĎdďEĚeěNŇnňRŘrřSŠsšTŤtťZŽzž"},
    {'H', 0x30B, "OŐoőUŰuű"},
    {'c', 0x327, "CÇcçSŞsşTŢtţGĢgģKĶkķLĻlļNŅnņRŖrŗ"},
    {'k', 0x328, "AĄaąEĘeęIĮiįUŲuų"},
    {'r', 0x30A, "AÅaåUŮuů"},
    {'d', 0x323, ""},
    {'b', 0x331, ""},
};

/* Control words that stand for a letter or sign. */
static const struct {
  const char *name;
  const char *utf8;
} S_symbols[] = {
    {"o", "ø"},      {"O", "Ø"},        {"aa", "å"},       {"AA", "Å"},
    {"ae", "æ"},     {"AE", "Æ"},       {"oe", "œ"},       {"OE", "Œ"},
    {"ss", "ß"},     {"l", "ł"},        {"L", "Ł"},        {"i", "ı"},
    {"j", "ȷ"},      {"dh", "ð"},       {"DH", "Ð"},       {"th", "þ"},
    {"TH", "Þ"},     {"S", "§"},        {"P", "¶"},        {"copyright", "©"},
    {"textendash", "–"}, {"textemdash", "—"}, {"ldots", "…"}, {"dots", "…"},
    {"textellipsis", "…"}, {"textquoteleft", "‘"}, {"textquoteright", "’"},
    {"textquotedblleft", "“"}, {"textquotedblright", "”"},
    {"guillemotleft", "«"}, {"guillemotright", "»"}, {"euro", "€"},
    {"texteuro", "€"}, {"pounds", "£"}, {"textdegree", "°"},
    {"textbackslash", "\\"}, {"textasciitilde", "~"}, {"&", "&"},
    {"LaTeX", "LaTeX"}, {"TeX", "TeX"}, {"textregistered", "®"},
    {"texttrademark", "™"}, {"textbullet", "•"}, {"slash", "/"},
    {"textunderscore", "_"}, {"textpercent", "%"},
};

static bool S_is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Appends base with the accent of command cmd. */
static void S_compose(buf *out, char cmd, uint32_t base) {
  for (size_t i = 0; i < sizeof S_accents / sizeof S_accents[0]; i++) {
    if (S_accents[i].cmd != cmd)
      continue;
    const char *p = S_accents[i].pairs;
    size_t n = strlen(p);
    while (*p) {
      uint32_t cp;
      int k = utf8_decode(p + 1, n - 1, &cp);
      if ((uint32_t)(unsigned char)p[0] == base) {
        utf8_encode(out, cp);
        return;
      }
      p += 1 + k;
      n -= (size_t)(1 + k);
    }
    utf8_encode(out, base);
    utf8_encode(out, S_accents[i].combining);
    return;
  }
  utf8_encode(out, base);
}

static bool S_is_accent(char c, bool letter_form) {
  for (size_t i = 0; i < sizeof S_accents / sizeof S_accents[0]; i++)
    if (S_accents[i].cmd == c)
      return letter_form == S_is_letter(c);
  return false;
}

static void S_convert(buf *out, const char *s, size_t n);

/* The argument of an accent at s: "{x}", "{\i}", "x", " x" or "\i".
 * Returns the bytes consumed; the converted argument goes to arg. */
static size_t S_accent_arg(buf *arg, const char *s, size_t n) {
  size_t i = 0;
  while (i < n && s[i] == ' ')
    i++;
  if (i < n && s[i] == '{') {
    size_t depth = 1, j = i + 1;
    while (j < n && depth) {
      if (s[j] == '{')
        depth++;
      else if (s[j] == '}')
        depth--;
      j++;
    }
    size_t end = depth ? j : j - 1;
    S_convert(arg, s + i + 1, end - (i + 1));
    return j;
  }
  if (i + 1 < n && s[i] == '\\' && (s[i + 1] == 'i' || s[i + 1] == 'j') &&
      !(i + 2 < n && S_is_letter(s[i + 2]))) {
    buf_putc(arg, s[i + 1]);
    return i + 2;
  }
  if (i < n) {
    uint32_t cp;
    int k = utf8_decode(s + i, n - i, &cp);
    buf_put(arg, s + i, (size_t)k);
    return i + (size_t)k;
  }
  return i;
}

/* A control sequence at s (just after the backslash). */
static size_t S_command(buf *out, const char *s, size_t n) {
  if (n == 0)
    return 0;
  char c = s[0];
  if (S_is_accent(c, false) || (S_is_accent(c, true) &&
                                !(n > 1 && S_is_letter(s[1])))) {
    buf arg = BUF_INIT;
    size_t used = 1 + S_accent_arg(&arg, s + 1, n - 1);
    if (arg.len) {
      uint32_t cp;
      /* dotless i and j take the accent as plain i and j */
      int k = utf8_decode(arg.data, arg.len, &cp);
      if (cp == 0x131)
        cp = 'i';
      else if (cp == 0x237)
        cp = 'j';
      S_compose(out, c, cp);
      buf_put(out, arg.data + k, arg.len - (size_t)k);
    }
    buf_free(&arg);
    return used;
  }
  if (!S_is_letter(c)) {
    /* \& \% \$ \# \_ \{ \} give the sign; "\ " and "\\" a space; \- and
     * \/ (hyphenation and kerning hints) nothing */
    if (strchr("&%$#_{}", c))
      buf_putc(out, c);
    else if (c == ' ' || c == '\\' || c == ',' || c == ';')
      buf_putc(out, ' ');
    return 1;
  }
  size_t len = 0;
  while (len < n && S_is_letter(s[len]))
    len++;
  size_t used = len;
  /* TeX swallows the spaces after a control word */
  while (used < n && s[used] == ' ')
    used++;
  for (size_t i = 0; i < sizeof S_symbols / sizeof S_symbols[0]; i++)
    if (strlen(S_symbols[i].name) == len &&
        memcmp(S_symbols[i].name, s, len) == 0) {
      buf_puts(out, S_symbols[i].utf8);
      /* "{\o}" ends at the brace; "\o stergaard" is still one word */
      return used;
    }
  /* \emph{x}, \textit{x}, \url{x} and unknown commands: keep the argument
   * (the braces are dropped by the caller) */
  return used;
}

static void S_convert(buf *out, const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    char c = s[i];
    if (c == '\\') {
      i += 1 + S_command(out, s + i + 1, n - i - 1);
    } else if (c == '{' || c == '}' || c == '$') {
      i++;
    } else if (c == '~') {
      buf_puts(out, "\xC2\xA0");
      i++;
    } else if (c == '-' && i + 2 < n && s[i + 1] == '-' && s[i + 2] == '-') {
      buf_puts(out, "—");
      i += 3;
    } else if (c == '-' && i + 1 < n && s[i + 1] == '-') {
      buf_puts(out, "–");
      i += 2;
    } else if (c == '`' && i + 1 < n && s[i + 1] == '`') {
      buf_puts(out, "“");
      i += 2;
    } else if (c == '\'' && i + 1 < n && s[i + 1] == '\'') {
      buf_puts(out, "”");
      i += 2;
    } else if (c == '`' || c == '\'') { /* TeX's single quotes */
      buf_puts(out, c == '`' ? "‘" : "’");
      i++;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (out->len && out->data[out->len - 1] != ' ')
        buf_putc(out, ' ');
      i++;
    } else {
      buf_putc(out, c);
      i++;
    }
  }
}

char *bib_latex_to_utf8(const char *s) {
  buf out = BUF_INIT;
  S_convert(&out, s, strlen(s));
  while (out.len && out.data[out.len - 1] == ' ')
    out.data[--out.len] = '\0';
  const char *p = buf_cstr(&out);
  size_t lead = 0;
  while (p[lead] == ' ')
    lead++;
  char *r = xstrdup(p + lead);
  buf_free(&out);
  return r;
}
