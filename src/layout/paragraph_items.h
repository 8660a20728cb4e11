/* paragraph_items.h - from styled runs of UTF-8 text to Knuth-Plass items,
 * and from the chosen breaks back to positioned pieces of text per line.
 *
 * A paragraph is a sequence of runs. A text run has one font, one size and
 * an opaque tag of the caller's (a link target, a colour, "superscript"...;
 * never looked at here). Words may cross run boundaries ("**Ærø**skøbing"):
 * a word is hyphenated as a whole and its pieces keep their runs.
 *
 *   para *p = para_new(hyph);                    // hyph may be NULL
 *   para_add_text(p, regular, 11, "Et ", 3, NULL);
 *   para_add_text(p, bold, 11, "partnerskab", 11, NULL);
 *   para_add_text(p, regular, 11, " er ...", n, NULL);
 *   para_layout lay;
 *   double measure = 425;
 *   para_set(p, &measure, 1, PARA_JUSTIFY, NULL, &lay);
 *   for each line l of lay.lines, for each piece of lay.pieces[l.first ..
 *   l.first + l.count): run = para_run_at(p, piece.run); draw
 *   run->text[piece.start .. piece.end) in run->font at run->size at
 *   (left + piece.x, baseline); if piece.hyphen, draw "-" in the same font
 *   at left + piece.x + piece.width.
 *
 * Pieces are ready to draw with one HPDF_Page_TextOut each: justification
 * (the glue set per line), alignment and kerning are already in piece.x.
 * Spaces are never part of a piece. Object runs (para_add_object: an inline
 * image, a fixed-width mark) come out as a piece with start == end.
 *
 * Breaking rules built into the items:
 * - words are boxes; a space (or several, tabs, newlines) is glue whose width
 *   is the font's space, stretch 1/2 and shrink 1/3 of it (TeX's values,
 *   with French spacing: no wider space after a full stop);
 * - U+00A0 (no-break space) is glue that cannot break; U+202F (narrow
 *   no-break space) and U+2060 are part of the word;
 * - hyphenation points from hyphenate_word are flagged penalties of 50
 *   whose width is the hyphen's; after an existing hyphen, en dash or slash
 *   the line may break without adding a hyphen (flagged, penalty 50, for "-";
 *   unflagged, penalty 100 for "/" and dashes);
 * - para_add_newline is a forced break (TeX's \\: fill glue then penalty
 *   -infinity); the paragraph ends with fill glue and a forced break.
 * - a word wider than the narrowest measure given to para_set also gets
 *   emergency break points between its characters (penalty 5000, no hyphen),
 *   so no line is wider than the measure unless one character is: such a
 *   line is marked overfull and the painter scales it horizontally. */
#ifndef RAPPORT_PARAGRAPH_ITEMS_H
#define RAPPORT_PARAGRAPH_ITEMS_H

#include <stdbool.h>
#include <stddef.h>

#include "font.h"
#include "hyphen.h"
#include "knuth_plass.h"

typedef struct para para;

typedef enum { PARA_RUN_TEXT, PARA_RUN_OBJECT, PARA_RUN_NEWLINE } para_run_kind;

typedef struct {
  para_run_kind kind;
  font *font;         /* NULL for an object or newline run */
  double size;        /* points */
  void *tag;          /* the caller's */
  char *text;         /* a sanitised copy: valid UTF-8, BMP only (libharu) */
  size_t len;
  double width;       /* object runs: their width */
  double ascent;      /* points above the baseline (positive) */
  double descent;     /* below (negative) */
} para_run;

typedef struct {
  size_t run;         /* index of the run: para_run_at(p, run) */
  size_t start, end;  /* byte range in the run's text to draw */
  double x;           /* from the line's left edge, everything applied */
  double width;       /* advance of the piece in points (kerning included) */
  bool hyphen;        /* draw "-" in the run's font at x + width */
} para_piece;

typedef struct {
  size_t first, count; /* pieces[first .. first + count) */
  double measure;      /* the width this line was set to */
  double natural;      /* natural width of its content (incl. hyphen) */
  double used;         /* width occupied after setting: == measure for a
                          justified line, natural for ragged lines; more
                          than measure only when overfull */
  double ratio;        /* glue adjustment ratio (0 for ragged lines) */
  double ascent;       /* largest over the runs on the line (positive) */
  double descent;      /* lowest (negative) */
  bool hyphenated;     /* ends at a hyphenation point (draws a hyphen) */
  bool overfull;       /* used > measure: scale by measure / used */
  bool last;           /* last line of the paragraph or before a newline */
} para_line;

typedef struct {
  para_piece *pieces;
  size_t npieces;
  para_line *lines;
  size_t nlines;
  int pass;            /* kp_result.pass: 1-4 total fit, 0 greedy */
} para_layout;

typedef enum {
  PARA_JUSTIFY,  /* total fit, last line ragged */
  PARA_LEFT,     /* ragged right (greedy: table cells) */
  PARA_CENTER,
  PARA_RIGHT
} para_align;

/* Which text run and byte range an item came from (for callers that run
 * kp_break themselves). Glue and penalties have start == end. */
typedef struct {
  size_t run;
  size_t start, end;
} para_origin;

/* h may be NULL (no hyphenation). The hyphenator is borrowed. */
para *para_new(const hyphenator *h);
void para_free(para *p);
/* Appends a text run (copied; invalid UTF-8 and characters above U+FFFF are
 * replaced by U+FFFD). Returns the run index. */
size_t para_add_text(para *p, font *f, double size, const char *text,
                     size_t len, void *tag);
/* Appends an unbreakable object of the given width (it is part of the word
 * it touches). Returns the run index. */
size_t para_add_object(para *p, double width, double ascent, double descent,
                       void *tag);
/* A forced line break (one at the very end adds no empty line). */
void para_add_newline(para *p);
size_t para_run_count(const para *p);
const para_run *para_run_at(const para *p, size_t i);
/* The item list (finishing glue and forced break included) and the origin
 * of each item; valid until the next para_add_* or para_set. */
const kp_item *para_items(para *p, size_t *n, const para_origin **origins);

/* Breaks the paragraph into lines of widths[0], widths[1], ... (the last
 * repeats) and fills out (free with para_layout_free). kp may be NULL for
 * kp_params_default. An empty paragraph gives 0 lines. */
void para_set(para *p, const double *widths, size_t nwidths, para_align align,
              const kp_params *kp, para_layout *out);
void para_layout_free(para_layout *l);

/* For table column widths: the widest piece that can never be broken (a
 * word, or a word's widest hyphenation fragment plus hyphen), and the width
 * of the whole paragraph on one line (the widest of its forced lines). */
double para_min_width(para *p);
double para_max_width(para *p);

#endif
