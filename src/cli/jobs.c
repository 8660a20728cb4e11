/* jobs.c - forked tasks with captured output, handed back in order.
 *
 * Why processes and not threads: an edition's pipeline (Lua states,
 * fontconfig, libharu, the stages' own caches) was written for one thread,
 * and a child's copy of the loaded project costs nothing until written. */
#include "cli/jobs.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/fs.h"
#include "util/mem.h"

/* Under AddressSanitizer a child checks its own leaks before _exit: the
 * edition's pipeline runs only in the child, and its leaks must still fail
 * the sanitizer tests. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define S_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(S_ASAN)
#define S_ASAN 1
#endif
#ifdef S_ASAN
#include <sanitizer/lsan_interface.h>
#endif

enum { S_OUT, S_ERR, S_RES, S_NFD };

typedef struct {
  pid_t pid;
  int fd[S_NFD]; /* read ends, -1 once closed */
  buf data[S_NFD];
  bool finished;
  int status, sig;
} S_job;

int jobs_cpus(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

/* In the child: its output into the pipes, the task, then _exit, so no
 * atexit handler of the parent's libraries runs twice. The child dies with
 * its parent: a build killed (even with SIGKILL) must not leave workers
 * that go on replacing outputs. `parent` is the parent's pid from before
 * the fork: if the parent died before the death signal was set, the child
 * has a new parent already and stops at once. */
static void S_child(S_job *jobs, size_t n, size_t i, int w[S_NFD],
                    jobs_task_fn task, void *ctx, pid_t parent) {
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
    _exit(127);
  for (size_t k = 0; k < n; k++)
    for (int f = 0; f < S_NFD; f++)
      if (jobs[k].fd[f] >= 0)
        close(jobs[k].fd[f]);
  if (dup2(w[S_OUT], 1) < 0 || dup2(w[S_ERR], 2) < 0)
    _exit(127);
  close(w[S_OUT]);
  close(w[S_ERR]);
  buf result = BUF_INIT;
  int status = task(ctx, i, &result);
  fflush(stdout);
  fflush(stderr);
  fs_write_fd(w[S_RES], result.data, result.len);
  close(w[S_RES]);
  buf_free(&result);
#ifdef S_ASAN
  /* reports to the stderr pipe and exits with the sanitizer's exit code
     if anything leaked */
  __lsan_do_leak_check();
#endif
  _exit(status & 0xff);
}

static void S_start(S_job *jobs, size_t n, size_t i, jobs_task_fn task,
                    void *ctx) {
  S_job *j = &jobs[i];
  int r[S_NFD], w[S_NFD], made = 0;
  for (; made < S_NFD; made++) {
    int p[2];
    if (pipe(p) != 0)
      break;
    /* close-on-exec: a program the task runs (pdftotext) must not hold a
       pipe open, or the parent would wait for it */
    fcntl(p[0], F_SETFD, FD_CLOEXEC);
    fcntl(p[1], F_SETFD, FD_CLOEXEC);
    r[made] = p[0];
    w[made] = p[1];
  }
  pid_t parent = getpid();
  pid_t pid = made == S_NFD ? fork() : -1;
  if (pid == 0)
    S_child(jobs, n, i, w, task, ctx, parent);
  for (int f = 0; f < made; f++) {
    close(w[f]);
    if (pid < 0)
      close(r[f]);
  }
  if (pid < 0) {
    j->finished = true;
    j->status = -1;
    return;
  }
  j->pid = pid;
  for (int f = 0; f < S_NFD; f++)
    j->fd[f] = r[f];
}

/* Reads whatever the running children have written; reaps a child once all
 * its pipes are closed. Returns the number of children reaped. */
static size_t S_poll(S_job *jobs, size_t from, size_t to) {
  struct pollfd *pf = xcalloc((to - from) * S_NFD + 1, sizeof *pf);
  size_t npf = 0;
  for (size_t k = from; k < to; k++)
    for (int f = 0; f < S_NFD; f++)
      if (!jobs[k].finished && jobs[k].fd[f] >= 0)
        pf[npf++] = (struct pollfd){jobs[k].fd[f], POLLIN, 0};
  size_t reaped = 0;
  if (npf > 0 && poll(pf, npf, -1) < 0 && errno != EINTR) {
    free(pf);
    return 0;
  }
  for (size_t k = from; k < to; k++) {
    S_job *j = &jobs[k];
    if (j->finished || j->pid == 0)
      continue;
    for (int f = 0; f < S_NFD; f++) {
      if (j->fd[f] < 0)
        continue;
      bool ready = false;
      for (size_t p = 0; p < npf; p++)
        if (pf[p].fd == j->fd[f] && pf[p].revents)
          ready = true;
      if (!ready)
        continue;
      char chunk[16384];
      ssize_t got = read(j->fd[f], chunk, sizeof chunk);
      if (got > 0)
        buf_put(&j->data[f], chunk, (size_t)got);
      else if (got == 0 || errno != EINTR) {
        close(j->fd[f]);
        j->fd[f] = -1;
      }
    }
    if (j->fd[S_OUT] < 0 && j->fd[S_ERR] < 0 && j->fd[S_RES] < 0) {
      int ws = 0;
      while (waitpid(j->pid, &ws, 0) < 0 && errno == EINTR)
        ;
      j->finished = true;
      if (WIFEXITED(ws)) {
        j->status = WEXITSTATUS(ws);
      } else {
        j->status = -1;
        j->sig = WIFSIGNALED(ws) ? WTERMSIG(ws) : 0;
      }
      reaped++;
    }
  }
  free(pf);
  return reaped;
}

size_t jobs_run(size_t n, int max, jobs_task_fn task, jobs_done_fn done,
                void *ctx) {
  if (max < 1)
    max = 1;
  S_job *jobs = xcalloc(n ? n : 1, sizeof *jobs);
  for (size_t k = 0; k < n; k++)
    for (int f = 0; f < S_NFD; f++)
      jobs[k].fd[f] = -1;
  size_t started = 0, handed = 0, running = 0;
  bool stop = false;
  for (;;) {
    /* what the parent printed so far must not be copied into a child */
    fflush(stdout);
    fflush(stderr);
    while (!stop && running < (size_t)max && started < n) {
      S_start(jobs, n, started, task, ctx);
      if (!jobs[started].finished)
        running++;
      started++;
    }
    while (handed < started && jobs[handed].finished) {
      S_job *j = &jobs[handed];
      fwrite(j->data[S_OUT].data ? j->data[S_OUT].data : "", 1,
             j->data[S_OUT].len, stdout);
      fflush(stdout);
      fwrite(j->data[S_ERR].data ? j->data[S_ERR].data : "", 1,
             j->data[S_ERR].len, stderr);
      fflush(stderr);
      if (!done(ctx, handed, j->status, j->sig, &j->data[S_RES]))
        stop = true;
      for (int f = 0; f < S_NFD; f++)
        buf_free(&j->data[f]);
      handed++;
    }
    if (handed == started && (stop || started == n))
      break;
    running -= S_poll(jobs, handed, started);
  }
  free(jobs);
  return started;
}

/* ---- results ---- */

void jobs_put_int(buf *out, long long v) { buf_printf(out, "%lld ", v); }

void jobs_put_str(buf *out, const char *s) {
  if (!s) {
    buf_puts(out, "- ");
    return;
  }
  size_t n = strlen(s);
  buf_printf(out, "%zu:", n);
  buf_put(out, s, n);
}

void jobs_put_diags(buf *out, const diag_list *d, size_t from, size_t errors0,
                    size_t warnings0) {
  jobs_put_int(out, (long long)(d->errors - errors0));
  jobs_put_int(out, (long long)(d->warnings - warnings0));
  jobs_put_int(out, (long long)(d->len - from));
  for (size_t i = from; i < d->len; i++) {
    const diag *g = &d->items[i];
    jobs_put_int(out, g->severity);
    jobs_put_int(out, g->line);
    jobs_put_int(out, g->col);
    jobs_put_str(out, g->file);
    jobs_put_str(out, g->message);
  }
}

bool jobs_get_int(jobs_reader *r, long long *v) {
  if (!r->p || r->p >= r->end)
    return false;
  char *e = NULL;
  errno = 0;
  long long x = strtoll(r->p, &e, 10);
  if (errno || e == r->p || e >= r->end || *e != ' ')
    return false;
  *v = x;
  r->p = e + 1;
  return true;
}

bool jobs_get_str(jobs_reader *r, char **s) {
  *s = NULL;
  if (!r->p || r->p >= r->end)
    return false;
  if (*r->p == '-') {
    r->p += 2;
    return r->p <= r->end;
  }
  char *e = NULL;
  errno = 0;
  unsigned long long n = strtoull(r->p, &e, 10);
  if (errno || e == r->p || e >= r->end || *e != ':' ||
      n > (unsigned long long)(r->end - e - 1))
    return false;
  *s = xmalloc((size_t)n + 1);
  memcpy(*s, e + 1, (size_t)n);
  (*s)[n] = '\0';
  r->p = e + 1 + n;
  return true;
}

bool jobs_get_diags(jobs_reader *r, diag_list *d) {
  long long errors, warnings, count;
  if (!jobs_get_int(r, &errors) || !jobs_get_int(r, &warnings) ||
      !jobs_get_int(r, &count) || errors < 0 || warnings < 0 || count < 0)
    return false;
  size_t limit = d->limit ? d->limit : 100;
  size_t stored_errors = 0, stored_warnings = 0;
  for (long long i = 0; i < count; i++) {
    long long sev, line, col;
    char *file = NULL, *msg = NULL;
    if (!jobs_get_int(r, &sev) || !jobs_get_int(r, &line) ||
        !jobs_get_int(r, &col) || !jobs_get_str(r, &file) ||
        !jobs_get_str(r, &msg) || !msg || sev < DIAG_NOTE || sev > DIAG_ERROR) {
      free(file);
      free(msg);
      return false;
    }
    if (sev == DIAG_ERROR)
      stored_errors++;
    else if (sev == DIAG_WARNING)
      stored_warnings++;
    /* counted, not stored, past the limit: as diag_add does */
    if (sev == DIAG_ERROR && d->errors + 1 > limit) {
      d->errors++;
    } else {
      XGROW(d->items, d->cap, d->len + 1);
      d->items[d->len++] = (diag){(diag_severity)sev, file, (int)line,
                                  (int)col, msg, NULL, 0};
      file = msg = NULL;
      if (sev == DIAG_ERROR)
        d->errors++;
      else if (sev == DIAG_WARNING)
        d->warnings++;
    }
    free(file);
    free(msg);
  }
  /* what the child counted but did not store */
  if ((size_t)errors > stored_errors)
    d->errors += (size_t)errors - stored_errors;
  if ((size_t)warnings > stored_warnings)
    d->warnings += (size_t)warnings - stored_warnings;
  return true;
}
