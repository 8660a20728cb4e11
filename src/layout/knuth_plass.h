/* knuth_plass.h - total-fit line breaking over boxes, glue and penalties
 * (Knuth & Plass 1981), with a greedy fallback. Pure arithmetic on widths:
 * testable without fonts or PDF. */
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
  int max_consecutive_flagged; /* 2: hard limit on hyphenated lines in a row */
  double emergency_stretch;  /* extra stretch tried before giving up */
} kp_params;

typedef struct {
  size_t *breaks;  /* item index where each line ends (a glue or penalty) */
  double *ratios;  /* adjustment ratio of each line (<0 shrink, >0 stretch) */
  size_t nlines;
  bool fallback;   /* total-fit found nothing; greedy used (may overflow) */
} kp_result;

void kp_params_default(kp_params *p);
/* line_widths[i] is the width of line i; the last one repeats. The item list
 * must end with the usual finishing glue + forced break. Caller frees with
 * kp_result_free. */
kp_result kp_break(const kp_item *items, size_t n, const double *line_widths,
                   size_t nwidths, const kp_params *p);
/* First-fit line breaking for ragged text (table cells). */
kp_result kp_break_greedy(const kp_item *items, size_t n,
                          const double *line_widths, size_t nwidths);
void kp_result_free(kp_result *r);

#endif
