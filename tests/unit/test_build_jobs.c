/* test_build_jobs.c - forked tasks: output and results handed back in task
 * order whatever order the tasks finish in; a failed or killed task is
 * reported as such; diagnostics survive the trip through a pipe. */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/jobs.h"
#include "test.h"
#include "util/buf.h"
#include "util/fs.h"

#define N 5

typedef struct {
  int order[N], status[N], sig[N];
  char result[N][32];
  size_t ndone;
} S_ctx;

static int S_task(void *ctx, size_t i, buf *result) {
  (void)ctx;
  usleep((useconds_t)((N - i) * 20000)); /* later tasks finish first */
  printf("ut %zu\n", i);
  fprintf(stderr, "fejl %zu\n", i);
  if (i == 3)
    kill(getpid(), SIGTERM);
  buf_printf(result, "r%zu", i);
  return i == 2 ? 1 : 0;
}

static bool S_done(void *ctx, size_t i, int status, int sig,
                   const buf *result) {
  S_ctx *c = ctx;
  c->order[c->ndone++] = (int)i;
  c->status[i] = status;
  c->sig[i] = sig;
  snprintf(c->result[i], sizeof c->result[i], "%.*s", (int)result->len,
           result->data ? result->data : "");
  return true;
}

/* Runs the tasks with stdout and stderr going to files; returns them. */
static void S_run(int max, S_ctx *c, char **out, char **err) {
  char po[] = "/tmp/test_jobs_outXXXXXX", pe[] = "/tmp/test_jobs_errXXXXXX";
  int fo = mkstemp(po), fe = mkstemp(pe);
  fflush(stdout);
  fflush(stderr);
  int so = dup(1), se = dup(2);
  dup2(fo, 1);
  dup2(fe, 2);
  jobs_run(N, max, S_task, S_done, c);
  fflush(stdout);
  fflush(stderr);
  dup2(so, 1);
  dup2(se, 2);
  close(so);
  close(se);
  close(fo);
  close(fe);
  *out = fs_read(po, NULL);
  *err = fs_read(pe, NULL);
  unlink(po);
  unlink(pe);
}

static void test_order(int max) {
  S_ctx c = {0};
  char *out = NULL, *err = NULL;
  S_run(max, &c, &out, &err);
  char name[64];
  snprintf(name, sizeof name, "-j %d: stdout in task order", max);
  CHECK_STR(name, out, "ut 0\nut 1\nut 2\nut 4\n");
  snprintf(name, sizeof name, "-j %d: stderr in task order", max);
  CHECK_STR(name, err, "fejl 0\nfejl 1\nfejl 2\nfejl 3\nfejl 4\n");
  bool in_order = c.ndone == N;
  for (size_t i = 0; i < c.ndone; i++)
    in_order &= c.order[i] == (int)i;
  snprintf(name, sizeof name, "-j %d: every task handed back, in order", max);
  CHECK(name, in_order);
  snprintf(name, sizeof name, "-j %d: results", max);
  CHECK(name, !strcmp(c.result[0], "r0") && !strcmp(c.result[4], "r4") &&
                  c.status[0] == 0 && c.status[4] == 0);
  snprintf(name, sizeof name, "-j %d: a failed task's status", max);
  CHECK(name, c.status[2] == 1 && !strcmp(c.result[2], "r2"));
  snprintf(name, sizeof name, "-j %d: a killed task", max);
  CHECK(name, c.status[3] == -1 && c.sig[3] == SIGTERM && !c.result[3][0]);
  free(out);
  free(err);
}

static void test_diags(void) {
  diag_list d;
  diag_init(&d);
  diag_warning(&d, NULL, 0, 0, "før");
  size_t from = d.len, e0 = d.errors, w0 = d.warnings;
  diag_error(&d, "kapitler/a b.md", 3, 7, "to\nlinjer: %d", 42);
  diag_warning(&d, NULL, 0, 0, "uden fil");
  buf res = BUF_INIT;
  jobs_put_int(&res, -5);
  jobs_put_str(&res, NULL);
  jobs_put_str(&res, "");
  jobs_put_diags(&res, &d, from, e0, w0);
  diag_list got;
  diag_init(&got);
  jobs_reader r = {res.data, res.data + res.len};
  long long v = 0;
  char *s1 = (char *)1, *s2 = NULL;
  bool ok = jobs_get_int(&r, &v) && jobs_get_str(&r, &s1) &&
            jobs_get_str(&r, &s2) && jobs_get_diags(&r, &got);
  CHECK("a result reads back", ok && v == -5 && s1 == NULL && s2 && !*s2);
  CHECK("only the new diagnostics, with their counts",
        got.len == 2 && got.errors == 1 && got.warnings == 1);
  if (got.len == 2) {
    CHECK_STR("file kept", got.items[0].file, "kapitler/a b.md");
    CHECK("line and column kept",
          got.items[0].line == 3 && got.items[0].col == 7);
    CHECK_STR("message kept", got.items[0].message, "to\nlinjer: 42");
    CHECK("no file stays no file", got.items[1].file == NULL);
  }
  free(s2);
  jobs_reader bad = {res.data, res.data + res.len / 2};
  diag_list junk;
  diag_init(&junk);
  CHECK("a cut-off result is refused",
        !(jobs_get_int(&bad, &v) && jobs_get_str(&bad, &s1) &&
          jobs_get_str(&bad, &s2) && jobs_get_diags(&bad, &junk)));
  free(s2);
  diag_free(&junk);
  diag_free(&got);
  diag_free(&d);
  buf_free(&res);
}

int main(void) {
  test_order(1);
  test_order(2);
  test_order(8);
  test_diags();
  CHECK("jobs_cpus is at least 1", jobs_cpus() >= 1);
  return TEST_END();
}
