/* confine.c - the one gate for project files (confine.h). */
#include "util/confine.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fs.h"
#include "util/mem.h"

/* The allowed folders, canonical (realpath). Process-wide because they are
 * the user's decision for the whole run (the project given on the command
 * line, the installation, --allow), and every reader, however deep, must
 * see the same set without each signature carrying it. */
static char **S_roots;
static size_t S_nroots;
static bool S_set;

static void S_add_root(const char *dir) {
  char *real = dir ? fs_realpath(dir) : NULL;
  if (!real || !fs_is_dir(real)) {
    free(real);
    return;
  }
  S_roots = xrealloc(S_roots, (S_nroots + 1) * sizeof *S_roots);
  S_roots[S_nroots++] = real;
}

void confine_clear(void) {
  for (size_t i = 0; i < S_nroots; i++)
    free(S_roots[i]);
  free(S_roots);
  S_roots = NULL;
  S_nroots = 0;
  S_set = false;
}

void confine_set(const char *project_dir, const char *install_dir,
                 const char *const *allow, size_t nallow) {
  confine_clear();
  S_set = true;
  S_add_root(project_dir);
  if (install_dir) {
    char *lua = fs_join(install_dir, "lua"), *th = fs_join(install_dir, "themes");
    S_add_root(lua);
    S_add_root(th);
    free(lua);
    free(th);
  }
  for (size_t i = 0; i < nallow; i++)
    S_add_root(allow[i]);
}

/* real is canonical; so are the roots: a prefix ending at a '/' is inside. */
static bool S_allowed(const char *real) {
  if (!S_set)
    return true;
  for (size_t i = 0; i < S_nroots; i++) {
    size_t n = strlen(S_roots[i]);
    if (strncmp(S_roots[i], real, n) != 0)
      continue;
    if (real[n] == '/' || real[n] == '\0' || (n && S_roots[i][n - 1] == '/'))
      return true;
  }
  return false;
}

/* The path of what fd really is, as the kernel sees it; NULL without /proc.
 * Caller frees. */
static char *S_fd_path(int fd) {
  char link[64], target[PATH_MAX];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, target, sizeof target - 1);
  if (n <= 0)
    return NULL;
  target[n] = '\0';
  return xstrdup(target);
}

/* Against a swap between the check and the open (a symlink replaced in
 * between) the checks run twice: on realpath and stat before opening, so a
 * device, socket or FIFO is never even opened, and on the opened descriptor
 * itself (fstat, /proc/self/fd), which no later rename can change. Where
 * /proc is missing the first check stands alone. O_NONBLOCK makes opening a
 * FIFO swapped in between return at once instead of waiting for a writer;
 * fstat then refuses it, and the flag is cleared for the reads of a regular
 * file. */
int confine_open(const char *path, confine_status *st) {
  char *real = fs_realpath(path);
  if (!real) {
    *st = errno == ENOENT || errno == ENOTDIR ? CONFINE_MISSING
                                               : CONFINE_UNREADABLE;
    return -1;
  }
  if (!S_allowed(real)) {
    free(real);
    *st = CONFINE_OUTSIDE;
    return -1;
  }
  /* a socket cannot be opened at all, and opening a device can have effects
     (a tape rewinds): look before opening */
  struct stat sb;
  if (stat(real, &sb) == 0 && !S_ISREG(sb.st_mode)) {
    free(real);
    *st = CONFINE_SPECIAL;
    return -1;
  }
  int fd = open(real, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  free(real);
  if (fd < 0) {
    *st = errno == ENOENT ? CONFINE_MISSING : CONFINE_UNREADABLE;
    return -1;
  }
  if (fstat(fd, &sb) != 0) {
    int e = errno;
    close(fd);
    errno = e;
    *st = CONFINE_UNREADABLE;
    return -1;
  }
  if (!S_ISREG(sb.st_mode)) {
    close(fd);
    *st = CONFINE_SPECIAL;
    return -1;
  }
  char *opened = S_fd_path(fd);
  bool ok = !opened || S_allowed(opened);
  free(opened);
  if (!ok) {
    close(fd);
    *st = CONFINE_OUTSIDE;
    return -1;
  }
  int fl = fcntl(fd, F_GETFL);
  if (fl >= 0)
    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
  *st = CONFINE_OK;
  return fd;
}

char *confine_read(const char *path, size_t *len, confine_status *st) {
  int fd = confine_open(path, st);
  if (fd < 0)
    return NULL;
  /* read straight into one allocation of the file's size (plus the byte
     that shows the end): no copies and no regrowing for a large CSV file */
  struct stat sb;
  size_t room = fstat(fd, &sb) == 0 && sb.st_size > 0 ? (size_t)sb.st_size + 1
                                                       : 65536;
  buf b = BUF_INIT;
  buf_grow(&b, room);
  for (;;) {
    if (b.cap - b.len < 2)
      buf_grow(&b, b.cap); /* the file grew while we read */
    ssize_t n = read(fd, b.data + b.len, b.cap - b.len - 1);
    if (n == 0)
      break;
    if (n < 0) {
      if (errno == EINTR)
        continue;
      int e = errno;
      close(fd);
      buf_free(&b);
      errno = e;
      *st = CONFINE_UNREADABLE;
      return NULL;
    }
    b.len += (size_t)n;
  }
  b.data[b.len] = '\0';
  close(fd);
  if (len)
    *len = b.len;
  return buf_detach(&b);
}

confine_status confine_check(const char *path) {
  confine_status st;
  int fd = confine_open(path, &st);
  if (fd >= 0)
    close(fd);
  return st;
}

bool confine_refused(confine_status st) {
  return st == CONFINE_OUTSIDE || st == CONFINE_SPECIAL;
}

static const char *S_kind(confine_kind k) {
  switch (k) {
  case CONFINE_CONFIG:
    return M_UTIL_CONFIGURATION;
  case CONFINE_CHAPTER:
    return M_UTIL_CHAPTER;
  case CONFINE_DATA:
    return M_CLI_DATA_FILE;
  case CONFINE_THEME:
    return M_UTIL_THEME;
  case CONFINE_BIB:
    return M_UTIL_BIBLIOGRAPHY;
  case CONFINE_MAPPING:
    return M_UTIL_PSEUDONYM_LIST;
  case CONFINE_WORDS:
    return M_UTIL_WORD_LIST;
  case CONFINE_IMAGE:
    return M_UTIL_IMAGE;
  case CONFINE_MODULE:
    return M_UTIL_LUA_MODULE;
  }
  return "?";
}

/* What a special file is, for the message. */
static const char *S_special(const char *path) {
  struct stat sb;
  if (!path || stat(path, &sb) != 0)
    return M_UTIL_UNKNOWN_TYPE;
  if (S_ISDIR(sb.st_mode))
    return M_UTIL_FOLDER;
  if (S_ISFIFO(sb.st_mode))
    return M_UTIL_FIFO;
  if (S_ISSOCK(sb.st_mode))
    return M_UTIL_SOCKET;
  if (S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode))
    return M_UTIL_DEVICE;
  return M_UTIL_UNKNOWN_TYPE;
}

char *confine_message(confine_kind kind, const char *shown, const char *path,
                      confine_status st) {
  const char *what = S_kind(kind);
  buf m = BUF_INIT;
  switch (st) {
  case CONFINE_OUTSIDE:
    buf_printf(&m, M_UTIL_LIES_OUTSIDE_PROJECT_FOLDER, what, shown);
    break;
  case CONFINE_SPECIAL:
    buf_printf(&m, M_UTIL_IS_NOT_REGULAR_FILE, what, shown, S_special(path));
    break;
  case CONFINE_MISSING:
    buf_printf(&m, M_UTIL_DOES_NOT_EXIST, what, shown);
    break;
  default:
    buf_printf(&m, M_UTIL_CANNOT_BE_READ, what, shown, strerror(errno));
    break;
  }
  return buf_detach(&m);
}

void confine_report(diag_list *d, const char *file, int line, int col,
                    confine_kind kind, const char *shown, const char *path,
                    confine_status st) {
  char *m = confine_message(kind, shown, path, st);
  diag_error(d, file, line, col, "%s", m);
  free(m);
}

char *confine_resolve(const char *dir, const char *rel, confine_status *st,
                      char **full) {
  char *path = fs_join(dir, rel);
  *st = confine_check(path);
  char *real = *st == CONFINE_OK ? fs_realpath(path) : NULL;
  if (*st == CONFINE_OK && !real)
    *st = CONFINE_MISSING;
  if (full)
    *full = path;
  else
    free(path);
  return real;
}
