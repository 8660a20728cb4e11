/* subset.h - a TrueType subset in memory: only the glyphs a document draws.
 *
 * libharu spends most of a build on a font it is given whole: building its
 * 64K-entry glyph map walks the cmap segments linearly for every BMP code
 * point, and it embeds full-size loca/hmtx/post tables. Given a font with
 * only the drawn characters, both costs shrink to almost nothing, and the
 * PDF gets smaller. Widths (hmtx), hinting (cvt, fpgm, prep) and the name
 * table are kept, so text is placed and extracted as with the whole font; glyph
 * ids change, which is invisible: the content stream holds Unicode CIDs. */
#ifndef RAPPORT_SUBSET_H
#define RAPPORT_SUBSET_H

#include <stddef.h>
#include <stdint.h>

/* Builds the subset of the face whose table directory is at dir in
 * raw[0..len): glyph 0 (.notdef), the glyphs of every code point whose bit
 * is set in used (65536 bits) according to gid (the face's BMP map), and
 * the components of composite glyphs. The result has the 13 tables libharu
 * requires, a format-4 cmap of just those code points and a long loca.
 * Returns malloc'd bytes and their length, or NULL if the face is damaged
 * (the caller then embeds the whole file). */
unsigned char *subset_build(const unsigned char *raw, size_t len, size_t dir,
                            const uint8_t *used, const uint16_t *gid,
                            size_t *out_len);

#endif
