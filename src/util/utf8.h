/* utf8.h - UTF-8 decoding, validation and case mapping for the Latin range. */
#ifndef RAPPORT_UTF8_H
#define RAPPORT_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

#define UTF8_REPLACEMENT 0xFFFD

/* Decodes one code point at s (n bytes available). Returns the number of
 * bytes consumed (>= 1); an invalid sequence yields U+FFFD and consumes 1. */
int utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Appends cp as UTF-8. */
void utf8_encode(buf *b, uint32_t cp);
/* True if s[0..n) is valid UTF-8; *bad_offset gets the first bad byte. */
bool utf8_valid(const char *s, size_t n, size_t *bad_offset);
/* Appends s with invalid sequences replaced by U+FFFD; code points above
 * U+FFFF are replaced too when bmp_only (libharu draws only the BMP). */
void utf8_sanitize(buf *out, const char *s, size_t n, bool bmp_only);
/* Number of code points. */
size_t utf8_length(const char *s, size_t n);
/* Lower case for U+00C0..U+00FF (the Latin-1 letters and × ÷), inline for
 * the scanners' per-character fast paths; utf8_lower_cp uses it too. */
static inline uint32_t utf8_lower_latin1(uint32_t cp) {
  return cp <= 0xDE && cp != 0xD7 ? cp + 0x20 : cp;
}
/* Lower/upper case for ASCII, Latin-1 and Latin Extended-A. */
uint32_t utf8_lower_cp(uint32_t cp);
uint32_t utf8_upper_cp(uint32_t cp);
/* Appends the lower-cased string. */
void utf8_lower(buf *out, const char *s, size_t n);
/* Danish collation (æ, ø, å after z; aa as å is not done); strings equal
 * under it are ordered bytewise. */
int utf8_danish_cmp(const char *a, const char *b);

/* Appends s[0..n) to b escaped for XML and HTML alike: & < > always, and
 * " and ' when attr is true (a double-quoted attribute, or any XML part
 * text). Invalid UTF-8 becomes U+FFFD; C0 controls but tab and newline,
 * DEL, C1 controls and the noncharacters U+FFFE/U+FFFF are dropped (parse
 * errors in HTML, not characters in XML 1.0, or unreadable to Word). The
 * one escaper the HTML and Word writers share, so both draw the line for
 * what data may put into a page in the same place. */
void utf8_escape_markup(buf *b, const char *s, size_t n, bool attr);

#endif
