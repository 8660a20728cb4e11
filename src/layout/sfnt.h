/* sfnt.h - the few TrueType tables layout needs that libharu does not give:
 * the character map (cmap formats 4 and 12) and kerning pairs (the 'kern'
 * table format 0, or else GPOS pair adjustment formats 1 and 2 of the
 * 'kern' feature, as in Carlito). Reads the file once; lookups are array
 * indexing and a binary search. */
#ifndef RAPPORT_SFNT_H
#define RAPPORT_SFNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
  uint16_t upem;        /* units per em (head) */
  uint16_t nglyphs;     /* maxp */
  int16_t *width;       /* advance of each glyph in 1/1000 em, truncated
                           exactly as libharu computes the PDF's /W */
  int ascent, descent;  /* hhea, in 1/1000 em as libharu reports them */
  uint16_t *gid;        /* 65536 entries: BMP code point -> glyph (0 none) */
  uint32_t *pair_keys;  /* sorted: left glyph << 16 | right glyph */
  int16_t *pair_vals;   /* kerning in font units */
  size_t npairs;
  uint8_t *kern_left;   /* bitmap over glyphs: has a pair as left glyph */
  const char *kern_source; /* "kern", "GPOS" or NULL (none) */
} sfnt_info;

/* Reads the font at path (face index for collections). false with a short
 * English reason in *why (static) if the file is not a TrueType libharu
 * can embed (it needs the tables below and an embeddable licence). */
/* The table with tag in the font file's table directory at offset dir, or
 * NULL (with *len 0) if absent or out of bounds. */
const unsigned char *sfnt_find_table(const unsigned char *file, size_t n,
                                     size_t dir, const char *tag,
                                     size_t *len);
bool sfnt_read(const char *path, int index, sfnt_info *out, const char **why);
void sfnt_free(sfnt_info *s);
/* Kerning of a glyph pair in font units (0 if none). */
int sfnt_kern(const sfnt_info *s, uint16_t left, uint16_t right);

#endif
