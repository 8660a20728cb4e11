/* test_buf.c - the buffer's size cap (BUF_MAX_SIZE): growing past it ends
 * the process with exit status 1 and a message, before anything is
 * allocated; growing up to it is allowed. Each case runs in a child. */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "util/buf.h"
#include "util/diag.h"

/* Runs buf_grow(b, extra) on a buffer holding `len` bytes (a fake length:
 * the cap is checked before any memory is touched) in a child; returns
 * its exit status and puts its standard error in err. */
static int S_grow_in_child(size_t len, size_t extra, char *err, size_t cap) {
  int fds[2];
  if (pipe(fds) != 0)
    return -1;
  fflush(NULL); /* the child must not print our buffered lines again */
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    dup2(fds[1], 2);
    buf b = BUF_INIT;
    buf_puts(&b, "x");
    b.len = len; /* what a writer would have appended */
    buf_grow(&b, extra);
    _exit(0);
  }
  close(fds[1]);
  ssize_t n = read(fds[0], err, cap - 1);
  err[n > 0 ? n : 0] = '\0';
  close(fds[0]);
  int st;
  waitpid(pid, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int main(void) {
  char err[1024];
  CHECK_NUM("growing past 512 MB: exit 1",
            S_grow_in_child(0, BUF_MAX_SIZE, err, sizeof err), 1);
  CHECK_STR("... with a message", err,
            "rapport: fejl: en fil eller tekst ville blive over 512 MB; det "
            "er ikke en rapport men sikkert en skabelon, der gentager en "
            "lang tekst; intet er skrevet\n");
  CHECK_NUM("appending past the cap to a full buffer: exit 1",
            S_grow_in_child(BUF_MAX_SIZE - 10, 20, err, sizeof err), 1);
  CHECK_NUM("a small buffer grows: exit 0",
            S_grow_in_child(0, 1000, err, sizeof err), 0);
  CHECK_STR("... silently", err, "");
  return TEST_END();
}
