/* internal.h - internals shared by the anonymisation files: the map, the
 * word list, normalised text and the matcher. Not for other stages. */
#ifndef RAPPORT_ANON_INT_H
#define RAPPORT_ANON_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "anon/anon.h"
#include "util/buf.h"

/* A set of words (the Danish word list plus a few built in), case as
 * written: "viborg" is absent where the list has only "Viborg". */
typedef struct {
  /* the word list file's bytes, owned, when its lines are sorted by bytes
     (as Debian ships it): looked up by binary search over the lines as
     they stand, so loading builds nothing (hashing its 313,000 lines cost
     more than the leak scan of a whole edition) */
  char *sorted;
  size_t sorted_len;
  /* every other word (the built-in tails, a second or an unsorted list)
     in a hash table of owned copies */
  char **slots;
  size_t nslots, count;
  char **owned;
  size_t nowned, owned_cap;
} anon_words;

bool anon_words_has(const anon_words *w, const char *s, size_t n);
/* Is the lower-case UTF-8 word s[0..n) an ordinary word: in the list, an
 * inflected form of a word in it (rekonstruerede), or a compound of such
 * words, a linking s or e allowed (hvid+stribet, vejleder+samtalen), in
 * which the name at bytes [na, nb) is not a part of its own (nord+s+truer
 * is Nordstruer)? */
bool anon_words_ordinary(const anon_words *w, const char *s, size_t n,
                         size_t na, size_t nb);
/* The letter a search bucket is keyed on: Danish letters and their
 * spellings share one (ø, ö, o; æ, ä, a; å, a). Inline: anon_find asks
 * it for every letter it scans. */
static inline uint32_t anon_fold_first(uint32_t lc) {
  switch (lc) {
  case 0xF8: case 0xF6: return 'o';            /* ø ö */
  case 0xE6: case 0xE4: case 0xE5: return 'a'; /* æ ä å */
  default: return lc;
  }
}

typedef struct {
  char *real, *pseudonym;
  anon_kind kind;
  bool common;   /* its lower-case form is an ordinary Danish word (skive) */
  bool marked;   /* the mapping says it is also an ordinary word (ord=ja) */
  bool sibilant; /* ends in s, x or z: genitive with an apostrophe */
  int line;      /* line in the mapping file, 0 = added in code */
} anon_entry;

/* A searchable form of a name: lower-case code points, ' ' for any run of
 * separators (space, line break, no-break space, hyphen, underscore). */
typedef struct {
  uint32_t *cp;
  size_t len;
  size_t entry;
  bool translit; /* the ASCII spelling ids and URLs use (aadal for Ådal) */
  bool common;   /* this form in lower case is an ordinary word (holm) */
  bool partial;  /* part of a person's name: surname, given name, initials */
  bool given;    /* the given names alone (Ida, Karl-Erik) */
} anon_form;

struct anon_map {
  anon_entry *entries;
  size_t len, cap;
  anon_form *forms; /* longest first */
  size_t nforms, forms_cap;
  /* the forms by the low byte of their first code point, each bucket in
     the forms' order, so a search tries only the forms that can start
     where it stands: bucket k is by_first[first_at[k] .. first_at[k+1]) */
  size_t *by_first;
  size_t first_at[257];
  /* a filter before the bucket: bit (c & 0xFF) of next_of[k] is set when
     a form of bucket k can go on with code point c as the text's second
     character (anon_form_next); anon_find skips the bucket elsewhere */
  uint64_t next_of[256][4];
  /* filters after next_of (anon_prefix_add): bits set for the hashes of
     the forms' folded prefixes of ANON_PREFIX_SHORT and ANON_PREFIX_LONG
     characters (or fewer, a whole form), and bit k of the lens for each
     length k there is */
  uint64_t prefix_bits[1024], prefix_long_bits[1024];
  unsigned prefix_lens, prefix_long_lens;
  unsigned max_words; /* the most words in a form */
  /* bit b1 of ascii_pairs[b]: the ASCII characters b, b1 may begin a
     match, as first_at and next_of say (anon_pairs_index) */
  uint64_t ascii_pairs[128][2];
  anon_words words;
  char *dir; /* the mapping file's folder (anon_load), may be NULL */
  struct anon_names *names; /* what `rapport names` found so far, owned */
  char **allowed; /* contacts a public edition may show (navne-ok.txt) */
  size_t nallowed, allowed_cap;
};

/* names.c: the list `rapport names` gathers over the editions. */
struct anon_names *anon_names_new(void);
void anon_names_free(struct anon_names *a);

/* pii.c: reports every e-mail address, Danish phone number and CPR
 * number in s that the allowed list does not hold, as an error at file and
 * line, once per file, line and item (`seen` remembers them; the caller
 * owns it). Returns the number reported. */
int anon_pii_check(const anon_map *m, const char *s, const char *file,
                   int line, buf *seen, diag_list *diags);
/* Is byte `at` of s[0..len) inside an e-mail address? */
bool anon_in_email(const char *s, size_t len, size_t at);

/* Text normalised for matching. Each character keeps its original code
 * point and the byte range it came from. Whitespace runs are one ' '. */
typedef struct {
  uint32_t *lc, *orig;
  size_t *beg, *end;
  size_t len, cap;
} anon_norm;

void anon_norm_init(anon_norm *n);
void anon_norm_free(anon_norm *n);
/* Appends s[0..len) with byte offsets counted from base. join_breaks drops
 * a hyphen at a line end before a lower-case letter (PDF hyphenation). */
void anon_norm_add(anon_norm *n, const char *s, size_t len, size_t base,
                   bool join_breaks);

/* The lower-case character anon_norm_add makes of code point cp read
 * alone (' ' for white space, '-' for a dash, which join_breaks may drop);
 * UINT32_MAX when what it makes depends on its neighbours: an invisible it
 * drops, a combining mark it joins to the letter before, a ligature it
 * splits. */
uint32_t anon_norm_alone(uint32_t cp);

typedef enum {
  ANON_MODE_TEXT, /* prose: ordinary words in lower case are not names */
  ANON_MODE_ID,   /* ids, URLs, file names: every form counts */
  ANON_MODE_SCAN  /* checking: as TEXT, plus names inside longer words */
} anon_mode;

typedef enum {
  ANON_HIT_BASE,     /* Viborg */
  ANON_HIT_GENITIVE, /* Viborgs, Randers', Viborg's */
  ANON_HIT_PREFIX,   /* Viborgegnen: name + a known word -> "X-egnen" */
  ANON_HIT_LEFTOVER, /* a name inside a word that cannot be rewritten */
  ANON_HIT_DOUBT     /* a name that is also an ordinary word, capitalised
                        only because a sentence starts with it ("Give dem
                        tid"): left as it is and listed for review */
} anon_hit_kind;

typedef struct {
  size_t start, end; /* characters to replace [start, end) */
  size_t word_end;   /* end of the word, for context */
  size_t entry;
  anon_hit_kind kind;
  bool upper; /* written in capitals: VIBORG */
  bool cap;   /* the pseudonym should start with a capital */
} anon_hit;

/* Adds to mask (bit c & 0xFF of the 256) every code point the text can
 * have as the second character of a match of f, as the matcher reads the
 * Danish letters and separators; all of them when f may end before it. */
void anon_form_next(const anon_form *f, uint64_t mask[4]);
/* Adds f's folded prefixes to m: its first characters with the
 * separators left out, ø and ö as o, æ, ä and å as a, an e after a or o
 * and an a after a dropped; the first ANON_PREFIX_SHORT of them, which
 * most places of a text fail, and the first ANON_PREFIX_LONG, which a name
 * that begins as a common word does ("Kompetenceforsyning"). Every
 * spelling the matcher takes for f (oe, o or ö for ø; aa or a for å; ae or
 * ä for æ; any separators or none where f has a space) folds as f does,
 * and folding reads left to right and only drops what follows, so no hit
 * begins where the text folded from there starts as no form's prefix. */
#define ANON_PREFIX_SHORT 4
#define ANON_PREFIX_LONG 12
void anon_prefix_add(anon_map *m, const anon_form *f);
/* Fills m->ascii_pairs from m->first_at and m->next_of. */
void anon_pairs_index(anon_map *m);
/* The bytes of the UTF-8 text s[0..len) where a hit may begin once
 * anon_norm_add has read it (see anon_prefix_add), in order, into *out
 * (the caller frees it; NULL: only counted); only the first if first_only.
 * Returns how many. */
size_t anon_candidates(const anon_map *m, const char *s, size_t len,
                       bool first_only, size_t **out);
/* A part [a, b) of a text's bytes. */
typedef struct {
  size_t a, b;
} anon_span;
/* The parts of the UTF-8 text s[0..len) to read for hits, in order and
 * apart: each place where one may begin (anon_candidates), widened to
 * whole lines with the lines around it that the matcher reads for a hit
 * there and for its context in a message (window.c). anon_find over each
 * part (join_breaks as given) finds what it finds over the whole text. The
 * caller frees *out. */
size_t anon_windows(const anon_map *m, const char *s, size_t len, bool join,
                    anon_span **out);
/* Can any hit begin in the UTF-8 text s[0..len) once anon_norm_add has
 * read it? false only when no ASCII pair of it could start a form and it
 * has no other character: then anon_find would find nothing there. */
bool anon_may_match(const anon_map *m, const char *s, size_t len);
/* Finds the first hit at or after character `from`. */
bool anon_find(const anon_map *m, const anon_norm *n, size_t from,
               anon_mode mode, anon_hit *h);
/* The leak scan's reading of s[0..len): every hit anon_find finds in
 * ANON_MODE_SCAN, in order, in the windows (anon_windows) normalised with
 * join_breaks as join, each given to fn with the window's normalised text
 * (its byte offsets are s's). */
typedef void (*anon_hit_fn)(void *ctx, const anon_norm *n, const anon_hit *h);
void anon_find_in_windows(const anon_map *m, const char *s, size_t len,
                          bool join, anon_hit_fn fn, void *ctx);
/* Appends the replacement for a hit (not for ANON_HIT_LEFTOVER). */
void anon_render(const anon_map *m, const anon_hit *h, anon_mode mode, buf *out);
/* The string with every replaceable hit replaced. Caller frees. */
char *anon_rewrite(const anon_map *m, const char *s, anon_mode mode);
/* Appends up to about `width` characters of context around [a, b) from the
 * normalised text, with the hit marked by [ ]. */
void anon_context(const anon_norm *n, size_t a, size_t b, size_t width,
                  buf *out);
/* Appends the normalised characters [a, b) as UTF-8 (original case). */
void anon_norm_text(const anon_norm *n, size_t a, size_t b, buf *out);

/* The inline text of one block (paragraph, heading, cell, caption) joined
 * into one string, so a name split over inline nodes (*Viborg* Kommune, a
 * soft break) is found. Code spans and footnote marks are U+FFFC. */
typedef struct {
  doc_node *node; /* DOC_TEXT, a break (" "), or NULL for a separator */
  size_t off, len;
} anon_seg;

typedef struct {
  buf text;
  anon_seg *segs;
  size_t nsegs, cap;
} anon_block;

bool anon_is_container(const doc_node *n);
/* Where a node came from (its own position or its nearest ancestor's). */
const char *anon_node_file(const doc_node *n);
int anon_node_line(const doc_node *n);

bool anon_is_word_cp(uint32_t cp);

/* scan_html.c: for the leak check. The value of a hex digit, or -1. */
int anon_hexval(int c);
/* Decodes character references and %XX escapes, skips base64 data
 * (embedded SVG is decoded). */
void anon_html_decode(const char *s, size_t len, buf *out);
/* Drops tags, keeping their line breaks; block tags become a space. */
void anon_html_strip_tags(const char *s, size_t len, buf *out);

/* scan_docx.c: calls fn for each part of the Word file (a zip archive) in
 * data[0..len): once with its name (is_name true, text = the name), once
 * with its text: an XML part as it is (entities not decoded), a picture's
 * metadata (PNG text chunks, JPEG comments and Exif/XMP/IPTC segments),
 * another binary's readable runs. False with libzip's reason in why when
 * the archive or a part cannot be read. */
typedef void (*anon_part_fn)(void *ctx, const char *part, bool is_name,
                             const char *text, size_t len);
bool anon_docx_parts(const char *data, size_t len, anon_part_fn fn, void *ctx,
                     char *why, size_t why_len);

#endif
