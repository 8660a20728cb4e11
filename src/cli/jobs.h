/* jobs.h - runs independent tasks (the editions of a build) in forked
 * child processes, at most `max` at once, and hands their results back in
 * task order, so the output reads exactly as if they had run one by one.
 *
 * A child's stdout and stderr go into pipes; the parent keeps them and,
 * once every earlier task has been handed back, writes them to its own
 * stdout and stderr. A child also writes a result (any bytes: the build
 * sends its diagnostics) that the parent receives with the exit status. */
#ifndef RAPPORT_BUILD_JOBS_H
#define RAPPORT_BUILD_JOBS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/diag.h"

/* Runs in the child: task i. Writes what the parent needs into `result`.
 * Returns the exit status (0 = success). */
typedef int (*jobs_task_fn)(void *ctx, size_t i, buf *result);

/* Runs in the parent, for tasks in order, after the task's stdout and
 * stderr have been relayed. `status` is the child's exit status, or -1 if
 * it died from a signal (`sig` says which) or could not be started.
 * Returns false to start no further tasks (those already running still
 * finish and are handed back). */
typedef bool (*jobs_done_fn)(void *ctx, size_t i, int status, int sig,
                             const buf *result);

/* The number of online processors, at least 1. */
int jobs_cpus(void);

/* Runs tasks 0..n-1. Returns the number of tasks started. */
size_t jobs_run(size_t n, int max, jobs_task_fn task, jobs_done_fn done,
                void *ctx);

/* Passing results from a child to the parent: numbers, strings (NULL
 * allowed) and diagnostics, in a plain length-prefixed form. A reader
 * returns false on a short or malformed result (a child that died). */
void jobs_put_int(buf *out, long long v);
void jobs_put_str(buf *out, const char *s);
/* The diagnostics d->items[from..] and the counts beyond errors0/warnings0
 * (errors past the list's limit are counted but not stored). */
void jobs_put_diags(buf *out, const diag_list *d, size_t from, size_t errors0,
                    size_t warnings0);

typedef struct {
  const char *p, *end;
} jobs_reader;

bool jobs_get_int(jobs_reader *r, long long *v);
/* *s is NULL for a NULL string, else a copy the caller frees. */
bool jobs_get_str(jobs_reader *r, char **s);
/* Appends the diagnostics to d, keeping d's limit on stored errors. */
bool jobs_get_diags(jobs_reader *r, diag_list *d);

#endif
