/* knuth_plass.c - STUB: to be replaced by the text engine. */
#include "knuth_plass.h"

#include <string.h>

void kp_params_default(kp_params *p) { memset(p, 0, sizeof *p); }
kp_result kp_break(const kp_item *items, size_t n, const double *w, size_t nw, const kp_params *p) {
  (void)p; return kp_break_greedy(items, n, w, nw);
}
kp_result kp_break_greedy(const kp_item *items, size_t n, const double *w, size_t nw) {
  (void)items; (void)n; (void)w; (void)nw; kp_result r; memset(&r, 0, sizeof r); return r;
}
void kp_result_free(kp_result *r) { (void)r; }
