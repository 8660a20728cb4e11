/* knuth_plass.h - total-fit line breaking over boxes, glue and penalties
 * (Knuth & Plass 1981), with a greedy fallback. Pure arithmetic on widths:
 * testable without fonts or PDF.
 *
 * Conventions (as in TeX): a line may end at a glue item that follows a box,
 * or at a penalty below KP_INFINITY. Breaking at a glue drops that glue;
 * breaking at a penalty adds the penalty's width (the hyphen) to the line.
 * After a break, glue and penalties up to the next box are discarded. */
#ifndef RAPPORT_KNUTH_PLASS_H
#define RAPPORT_KNUTH_PLASS_H

#include <stdbool.h>
#include <stddef.h>

#define KP_INFINITY 10000.0

typedef enum { KP_BOX, KP_GLUE, KP_PENALTY } kp_kind;

typedef struct {
  kp_kind kind;
  double width, stretch, shrink;
  double penalty;   /* KP_PENALTY: >= KP_INFINITY forbids, <= -KP_INFINITY
                       forces a break */
  bool flagged;     /* hyphen penalty */
} kp_item;

typedef struct {
  double tolerance;          /* max adjustment ratio, e.g. 2 (then 4+) */
  double line_penalty;       /* 10 */
  double flagged_demerits;   /* 3000: two hyphenated lines in a row */
  double fitness_demerits;   /* 3000: adjacent lines of very different tightness */
  int max_consecutive_flagged; /* 2: hard limit on hyphenated lines in a row
                                  (0 = no limit) */
  double emergency_stretch;  /* extra stretch per line tried before giving up
                                (points; 0 = skip that pass) */
  double pretolerance;       /* first pass, without hyphenation: max ratio
                                (1 like TeX's \pretolerance=100; <0 skips it) */
} kp_params;

typedef struct {
  size_t *breaks;  /* item index where each line ends (a glue or penalty) */
  double *ratios;  /* adjustment ratio of each line (<0 shrink, >0 stretch);
                      clamped to -1 for an overfull line; 0 if the line has
                      no stretch at all */
  bool *overfull;  /* line i is wider than its measure even fully shrunk.
                      Only happens when a single unbreakable stretch of
                      boxes is wider than the measure: the caller must then
                      break or scale that box (text.c cuts such a word into
                      pieces that fit, S_piece). */
  size_t nlines;
  bool fallback;   /* total-fit found nothing; greedy used */
  int pass;        /* which pass succeeded: 1 (no hyphenation, pretolerance),
                      2 (tolerance), 3 (emergency stretch), 4 (final: any
                      looseness, overfull only where unavoidable); 0 greedy */
  double demerits; /* total demerits of the chosen breaks (kp_demerits) */
} kp_result;

void kp_params_default(kp_params *p);
/* True if a finished paragraph (ending in fill glue and a forced break,
 * none before) fits one line of `width` at natural width: the breakers
 * then set it as that one line without their passes. */
bool kp_fits_one_line(const kp_item *items, size_t n, double width);

/* line_widths[i] is the width of line i; the last one repeats. The item list
 * should end with the usual finishing glue + forced break (if it does not,
 * the end is treated as a forced break). Runs up to four passes like TeX:
 * pretolerance without hyphenation, tolerance with hyphenation, tolerance
 * plus emergency stretch, then a final pass that accepts any looseness and
 * lets a line overflow only where one unbreakable piece is wider than the
 * measure. Time is O(n * active nodes). Caller frees with kp_result_free. An
 * empty list (or one with no box) gives 0 lines. */
kp_result kp_break(const kp_item *items, size_t n, const double *line_widths,
                   size_t nwidths, const kp_params *p);
/* kp_break's first pass alone (pretolerance, flagged penalties not used),
 * for a paragraph tokenised without hyphenation points: if it finds
 * breaks, they are what kp_break would give for these items, and the
 * paragraph needs no hyphenation at all (TeX's \pretolerance). Else (or
 * if p->pretolerance < 0) the result has no lines: hyphenate, then call
 * kp_break with pretolerance -1. A paragraph that fits one line gives that
 * line. */
kp_result kp_break_first_pass(const kp_item *items, size_t n,
                              const double *line_widths, size_t nwidths,
                              const kp_params *p);
/* Ragged-right breaking (table cells, captions): total fit over an
 * invisible right margin stretch of a sixth of each line's width, like
 * TeX's \raggedright. Spaces keep their natural width (ratios are all 0);
 * the breaks keep the right edge even and use a hyphen only where it
 * clearly helps, at most two lines in a row. Only a single box wider than
 * the measure overflows (flagged in overfull). */
kp_result kp_break_ragged(const kp_item *items, size_t n,
                          const double *line_widths, size_t nwidths);
/* Plain first fit: each line takes as much as fits at natural width. A
 * hyphenation point is used only when the last space would leave more than
 * a fifth of the line empty, and never for more than two lines in a row.
 * kp_break falls back to it if no pass succeeds (then fallback is set). */
kp_result kp_break_first_fit(const kp_item *items, size_t n,
                             const double *line_widths, size_t nwidths);
/* The demerits (Knuth-Plass formula, with p's weights) of the lines given by
 * breaks: to compare solutions. Lines outside the tolerance count with
 * badness 10000. */
double kp_demerits(const kp_item *items, size_t n, const double *line_widths,
                   size_t nwidths, const kp_params *p, const size_t *breaks,
                   size_t nlines);
void kp_result_free(kp_result *r);

#endif
