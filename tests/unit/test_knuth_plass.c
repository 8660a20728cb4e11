/* test_knuth_plass.c - line breaking on numbers: no fonts, no PDF. */
#include <math.h>
#include <stdlib.h>

#include "layout/knuth_plass.h"
#include "test.h"

#define MAXI 8000

typedef struct {
  kp_item it[MAXI];
  size_t n;
} items;

static void box(items *l, double w) {
  l->it[l->n++] = (kp_item){KP_BOX, w, 0, 0, 0, false};
}
static void glue(items *l, double w, double y, double z) {
  l->it[l->n++] = (kp_item){KP_GLUE, w, y, z, 0, false};
}
static void pen(items *l, double w, double p, bool flagged) {
  l->it[l->n++] = (kp_item){KP_PENALTY, w, 0, 0, p, flagged};
}
static void space(items *l) { glue(l, 3, 1.5, 1); }
static void finish(items *l) {
  pen(l, 0, KP_INFINITY, false);
  glue(l, 0, 1e6, 0);
  pen(l, 0, -KP_INFINITY, false);
}

/* Natural width minus all shrink of line i: what it needs at least. */
static double min_width(const items *l, const kp_result *r, size_t i) {
  size_t from = i ? r->breaks[i - 1] + 1 : 0;
  while (from < r->breaks[i] && l->it[from].kind != KP_BOX)
    from++;
  double w = 0;
  for (size_t j = from; j < r->breaks[i]; j++)
    if (l->it[j].kind == KP_BOX)
      w += l->it[j].width;
    else if (l->it[j].kind == KP_GLUE)
      w += l->it[j].width - l->it[j].shrink;
  if (l->it[r->breaks[i]].kind == KP_PENALTY)
    w += l->it[r->breaks[i]].width;
  return w;
}

/* A pseudo-random paragraph: words of 2..12 "letters" of 5 pt, with
 * hyphenation points in words of 6 letters or more. */
static void paragraph(items *l, unsigned seed, size_t words, bool hyphens) {
  l->n = 0;
  for (size_t k = 0; k < words; k++) {
    seed = seed * 1103515245u + 12345u;
    int len = 2 + (int)((seed >> 16) % 11);
    if (k)
      space(l);
    if (hyphens && len >= 6) {
      box(l, 5.0 * (len / 2));
      pen(l, 3, 50, true);
      box(l, 5.0 * (len - len / 2));
    } else {
      box(l, 5.0 * len);
    }
  }
  finish(l);
}

static int max_run_flagged(const items *l, const kp_result *r) {
  int run = 0, best = 0;
  for (size_t i = 0; i < r->nlines; i++) {
    const kp_item *b = &l->it[r->breaks[i]];
    run = b->kind == KP_PENALTY && b->flagged ? run + 1 : 0;
    if (run > best)
      best = run;
  }
  return best;
}

int main(void) {
  static items l;
  kp_params p;
  kp_params_default(&p);
  double w = 150;

  /* empty paragraph: no lines, also with only the finishing items */
  kp_result r = kp_break(l.it, 0, &w, 1, &p);
  CHECK_NUM("empty list gives no lines", r.nlines, 0);
  kp_result_free(&r);
  l.n = 0;
  finish(&l);
  r = kp_break(l.it, l.n, &w, 1, &p);
  CHECK_NUM("finishing items alone give no lines", r.nlines, 0);
  kp_result_free(&r);

  /* one short word: one line, ending at the forced break */
  l.n = 0;
  box(&l, 20);
  finish(&l);
  r = kp_break(l.it, l.n, &w, 1, &p);
  CHECK_NUM("one word: one line", r.nlines, 1);
  CHECK_NUM("one word: ends at the forced break", r.breaks[0], l.n - 1);
  CHECK("one word: not overfull", !r.overfull[0]);
  kp_result_free(&r);

  /* exact fit: 5 words of 27 + 4 spaces of 3 = 147 ... add to 150 */
  l.n = 0;
  for (int k = 0; k < 10; k++) {
    if (k)
      space(&l);
    box(&l, k == 4 || k == 9 ? 30 : 27);
  }
  finish(&l);
  r = kp_break(l.it, l.n, &w, 1, &p);
  CHECK_NUM("exact fit: two lines", r.nlines, 2);
  CHECK_NUM("exact fit: first line breaks after word 5", r.breaks[0], 9);
  CHECK("exact fit: ratio 0", fabs(r.ratios[0]) < 1e-9);
  CHECK_NUM("exact fit: pass 1 suffices", r.pass, 1);
  kp_result_free(&r);

  /* a forced break in the middle is taken */
  l.n = 0;
  box(&l, 20);
  space(&l);
  box(&l, 20);
  pen(&l, 0, KP_INFINITY, false);
  glue(&l, 0, 1e6, 0);
  pen(&l, 0, -KP_INFINITY, false);
  size_t forced = l.n - 1;
  box(&l, 20);
  finish(&l);
  r = kp_break(l.it, l.n, &w, 1, &p);
  CHECK_NUM("forced break: two lines", r.nlines, 2);
  CHECK_NUM("forced break: the first ends at it", r.breaks[0], forced);
  kp_result_free(&r);

  /* two forced breaks in a row: an empty line, and the rest of the
   * paragraph is still set in an early pass */
  l.n = 0;
  for (int k = 0; k < 8; k++) {
    if (k)
      space(&l);
    box(&l, 27);
  }
  for (int k = 0; k < 2; k++) {
    glue(&l, 0, 1e6, 0);
    pen(&l, 0, -KP_INFINITY, false);
  }
  for (int k = 0; k < 8; k++) {
    if (k)
      space(&l);
    box(&l, 27);
  }
  finish(&l);
  r = kp_break(l.it, l.n, &w, 1, &p);
  CHECK_NUM("empty line: five lines", r.nlines, 5);
  CHECK("empty line: no emergency pass", r.pass <= 2);
  kp_result_free(&r);

  /* an infinite penalty before a glue forbids breaking there: "a~b" */
  l.n = 0;
  for (int k = 0; k < 12; k++) {
    if (k == 4) {
      pen(&l, 0, KP_INFINITY, false);
      glue(&l, 3, 1.5, 1);
    } else if (k) {
      space(&l);
    }
    box(&l, 25);
  }
  finish(&l);
  size_t tie = 0;
  for (size_t j = 0; j < l.n; j++)
    if (l.it[j].kind == KP_PENALTY && l.it[j].penalty >= KP_INFINITY) {
      tie = j + 1; /* the glue after it */
      break;
    }
  r = kp_break(l.it, l.n, &w, 1, &p);
  bool ok = true;
  for (size_t i = 0; i < r.nlines; i++)
    ok &= r.breaks[i] != tie && r.breaks[i] != tie - 1;
  CHECK("infinite penalty: never a break at the tie", ok);
  kp_result_free(&r);

  /* random paragraphs: no overfull line, every line within its measure,
   * at most two hyphenated lines in a row, total fit no worse than first
   * fit or ragged */
  bool within = true, limit = true, better = true, no_overfull = true;
  bool consistent = true;
  int worst_run = 0, compared = 0;
  for (unsigned seed = 1; seed <= 40; seed++) {
    paragraph(&l, seed, 120, true);
    r = kp_break(l.it, l.n, &w, 1, &p);
    for (size_t i = 0; i < r.nlines; i++) {
      within &= min_width(&l, &r, i) <= w + 1e-9;
      no_overfull &= !r.overfull[i];
    }
    int run = max_run_flagged(&l, &r);
    if (run > worst_run)
      worst_run = run;
    limit &= run <= 2;
    kp_result_free(&r);
    /* total fit is optimal within its tolerance: the demerits of its breaks
     * are those kp_demerits gives them, and no more than those of the
     * breaks first fit and ragged choose, measured the same way; on the
     * same paragraph without hyphens and without the pretolerance pass
     * (whose optimum is over a smaller set) */
    kp_params q = p;
    q.pretolerance = -1;
    q.tolerance = 10;
    paragraph(&l, seed, 120, false);
    double wide = 300;
    r = kp_break(l.it, l.n, &wide, 1, &q);
    kp_result f = kp_break_first_fit(l.it, l.n, &wide, 1);
    kp_result g = kp_break_ragged(l.it, l.n, &wide, 1);
    if (r.pass == 2) {
      compared++;
      double own = kp_demerits(l.it, l.n, &wide, 1, &q, r.breaks, r.nlines);
      double ff = kp_demerits(l.it, l.n, &wide, 1, &q, f.breaks, f.nlines);
      double rr = kp_demerits(l.it, l.n, &wide, 1, &q, g.breaks, g.nlines);
      consistent &= fabs(r.demerits - own) < 1e-6;
      better &= own <= ff + 1e-6 && own <= rr + 1e-6;
    }
    kp_result_free(&r);
    kp_result_free(&f);
    kp_result_free(&g);
  }
  CHECK("random paragraphs: most break within the tolerance", compared > 20);
  CHECK("random paragraphs: no line wider than the measure", within);
  CHECK("random paragraphs: nothing overfull", no_overfull);
  CHECK("random paragraphs: at most 2 hyphenated lines in a row", limit);
  CHECK("random paragraphs: the demerits reported are the breaks' demerits",
        consistent);
  CHECK("random paragraphs: total fit has no more demerits than first fit "
        "or ragged", better);

  /* the limit is hard even when hyphens are free: every word can be split
   * so that a hyphen would make each line perfect */
  l.n = 0;
  for (int k = 0; k < 60; k++) {
    if (k)
      space(&l);
    box(&l, 40);
    pen(&l, 0, -50, true); /* a bonus for hyphenating */
    box(&l, 40);
  }
  finish(&l);
  p.flagged_demerits = 0;
  r = kp_break(l.it, l.n, &w, 1, &p);
  CHECK("hyphen bonus: still at most 2 flagged lines in a row",
        max_run_flagged(&l, &r) <= 2);
  CHECK("hyphen bonus: some lines are hyphenated",
        max_run_flagged(&l, &r) >= 1);
  kp_result_free(&r);
  p.max_consecutive_flagged = 1;
  r = kp_break(l.it, l.n, &w, 1, &p);
  CHECK_NUM("limit 1: never two hyphenated lines in a row",
            max_run_flagged(&l, &r), 1);
  kp_result_free(&r);
  kp_params_default(&p);

  /* one enormous box: the only overfull line, nothing else harmed */
  l.n = 0;
  box(&l, 20);
  space(&l);
  box(&l, 20);
  space(&l);
  box(&l, 400);
  space(&l);
  box(&l, 20);
  finish(&l);
  r = kp_break(l.it, l.n, &w, 1, &p);
  int overfull = 0;
  for (size_t i = 0; i < r.nlines; i++)
    overfull += r.overfull[i];
  CHECK_NUM("enormous box: exactly one overfull line", overfull, 1);
  CHECK_NUM("enormous box: three lines", r.nlines, 3);
  CHECK_NUM("enormous box: pass 4", r.pass, 4);
  CHECK("enormous box: no greedy fallback", !r.fallback);
  kp_result_free(&r);
  r = kp_break_ragged(l.it, l.n, &w, 1);
  overfull = 0;
  for (size_t i = 0; i < r.nlines; i++)
    overfull += r.overfull[i];
  CHECK_NUM("ragged: enormous box: exactly one overfull line", overfull, 1);
  kp_result_free(&r);

  /* line widths per line: a short first line (a drop or a hanging
   * indent), the last width repeats */
  paragraph(&l, 7, 80, false);
  double widths[2] = {80, 200};
  r = kp_break(l.it, l.n, widths, 2, &p);
  bool fits = r.nlines > 2;
  for (size_t i = 0; i < r.nlines; i++)
    fits &= min_width(&l, &r, i) <= (i == 0 ? 80 : 200) + 1e-9;
  CHECK("line widths: each line within its own width", fits);
  kp_result_free(&r);

  /* ragged lines fill at natural width and never exceed it */
  paragraph(&l, 3, 100, true);
  r = kp_break_ragged(l.it, l.n, &w, 1);
  ok = r.nlines > 3;
  for (size_t i = 0; i < r.nlines; i++) {
    double nat = 0;
    size_t from = i ? r.breaks[i - 1] + 1 : 0;
    while (from < r.breaks[i] && l.it[from].kind != KP_BOX)
      from++;
    for (size_t j = from; j < r.breaks[i]; j++)
      if (l.it[j].kind != KP_PENALTY)
        nat += l.it[j].width;
    if (l.it[r.breaks[i]].kind == KP_PENALTY)
      nat += l.it[r.breaks[i]].width;
    ok &= nat <= w + 1e-9 && r.ratios[i] == 0;
  }
  CHECK("ragged: every line within the measure at natural width", ok);
  CHECK("ragged: at most 2 hyphenated lines in a row",
        max_run_flagged(&l, &r) <= 2);
  kp_result_free(&r);

  /* ragged total fit against first fit: both stay within the measure at
   * natural width; ragged evens out the right edge (less spread of the
   * slack of the lines before the last, summed over many paragraphs) */
  double spread_ragged = 0, spread_first = 0;
  bool ragged_ok = true;
  for (unsigned seed = 100; seed < 140; seed++) {
    paragraph(&l, seed, 60, true);
    kp_result a = kp_break_ragged(l.it, l.n, &w, 1);
    kp_result f = kp_break_first_fit(l.it, l.n, &w, 1);
    const kp_result *both[2] = {&a, &f};
    for (int k = 0; k < 2; k++) {
      const kp_result *x = both[k];
      double sum = 0, sq = 0;
      size_t m = x->nlines > 1 ? x->nlines - 1 : 0;
      for (size_t i = 0; i < x->nlines; i++) {
        double nat = 0;
        size_t from = i ? x->breaks[i - 1] + 1 : 0;
        while (from < x->breaks[i] && l.it[from].kind != KP_BOX)
          from++;
        for (size_t j = from; j < x->breaks[i]; j++)
          if (l.it[j].kind != KP_PENALTY)
            nat += l.it[j].width;
        if (l.it[x->breaks[i]].kind == KP_PENALTY)
          nat += l.it[x->breaks[i]].width;
        ragged_ok &= nat <= w + 1e-9 && x->ratios[i] == 0;
        if (i + 1 < x->nlines)
          sum += w - nat, sq += (w - nat) * (w - nat);
      }
      double var = m ? sq / m - (sum / m) * (sum / m) : 0;
      if (k == 0)
        spread_ragged += var;
      else
        spread_first += var;
    }
    ragged_ok &= max_run_flagged(&l, &a) <= 2;
    kp_result_free(&a);
    kp_result_free(&f);
  }
  CHECK("ragged and first fit: within the measure, natural spaces, <= 2 "
        "hyphens in a row",
        ragged_ok);
  CHECK("ragged: a more even right edge than first fit",
        spread_ragged < spread_first);

  /* a measure of zero (a cell narrower than its padding): every word on a
   * line of its own, marked overfull; no hang, no crash */
  l.n = 0;
  for (int k = 0; k < 5; k++) {
    if (k)
      space(&l);
    box(&l, 20);
  }
  finish(&l);
  double zero = 0;
  r = kp_break(l.it, l.n, &zero, 1, &p);
  CHECK_NUM("zero measure: one line per word", r.nlines, 5);
  CHECK("zero measure: overfull", r.nlines == 5 && r.overfull[0]);
  kp_result_free(&r);
  r = kp_break_ragged(l.it, l.n, &zero, 1);
  CHECK_NUM("zero measure, ragged: one line per word", r.nlines, 5);
  kp_result_free(&r);

  /* a list without the finishing items is finished by kp_break */
  l.n = 0;
  box(&l, 50);
  space(&l);
  box(&l, 50);
  r = kp_break(l.it, l.n, &w, 1, &p);
  CHECK_NUM("unterminated list: one line", r.nlines, 1);
  kp_result_free(&r);

  /* demerits: the formula for one decent line with no penalty */
  l.n = 0;
  box(&l, 150);
  finish(&l);
  size_t b = l.n - 1;
  CHECK_NUM("demerits of a perfect line are line_penalty squared",
            kp_demerits(l.it, l.n, &w, 1, &p, &b, 1), 100);

  /* speed and scale: a 1,300-word paragraph breaks (no timing asserted) */
  static items big;
  big.n = 0;
  paragraph(&big, 11, 1300, true);
  r = kp_break(big.it, big.n, &w, 1, &p);
  CHECK("long paragraph: breaks into many lines", r.nlines > 100);
  kp_result_free(&r);
  /* one line without the passes: only a finished paragraph that fits */
  {
    kp_item one[] = {
        {KP_BOX, 50, 0, 0, 0, false},      {KP_GLUE, 5, 2, 1, 0, false},
        {KP_BOX, 30, 0, 0, 0, false},      {KP_GLUE, 0, 1e6, 0, 0, false},
        {KP_PENALTY, 0, 0, 0, -KP_INFINITY, false}};
    CHECK("fits one line: 85 of 100", kp_fits_one_line(one, 5, 100));
    CHECK("does not fit: 85 of 80", !kp_fits_one_line(one, 5, 80));
    CHECK("unfinished list: no", !kp_fits_one_line(one, 4, 100));
    one[1] = (kp_item){KP_PENALTY, 0, 0, 0, -KP_INFINITY, false};
    CHECK("forced break inside: no", !kp_fits_one_line(one, 5, 100));
  }
  /* the first pass alone (text.c tries it before hyphenating): where
   * kp_break succeeds in its first pass, the same breaks; where it needs a
   * later pass, no lines at all; never a break at a flagged penalty */
  {
    int same = 0, none = 0;
    bool agree = true, unflagged = true;
    for (unsigned seed = 1; seed <= 40; seed++) {
      for (int h = 0; h < 4; h++) {
        paragraph(&l, seed, 60, h & 1);
        double wide = h < 2 ? 300 : 600;
        kp_result full = kp_break(l.it, l.n, &wide, 1, &p);
        kp_result first = kp_break_first_pass(l.it, l.n, &wide, 1, &p);
        if (full.pass == 1) {
          same++;
          bool eq = first.nlines == full.nlines;
          for (size_t i = 0; eq && i < full.nlines; i++)
            eq = first.breaks[i] == full.breaks[i] &&
                 first.ratios[i] == full.ratios[i];
          agree &= eq;
        } else {
          none++;
          agree &= first.nlines == 0;
        }
        for (size_t i = 0; i < first.nlines; i++)
          unflagged &= !(l.it[first.breaks[i]].kind == KP_PENALTY &&
                         l.it[first.breaks[i]].flagged);
        kp_result_free(&full);
        kp_result_free(&first);
      }
    }
    CHECK("first pass alone: some paragraphs set in it, some not",
          same > 5 && none > 5);
    CHECK("first pass alone: kp_break's breaks, or none if it needs more",
          agree);
    CHECK("first pass alone: no break at a hyphen", unflagged);
    kp_params q = p;
    q.pretolerance = -1;
    paragraph(&l, 3, 60, false);
    double narrow = 150;
    kp_result first = kp_break_first_pass(l.it, l.n, &narrow, 1, &q);
    CHECK("first pass alone: none with pretolerance -1", first.nlines == 0);
    kp_result_free(&first);
  }
  return TEST_END();
}
