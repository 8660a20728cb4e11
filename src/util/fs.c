#include "util/fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fault.h"
#include "util/mem.h"

char *fs_read(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  buf b = BUF_INIT;
  /* the whole file at once, read straight into the buffer: growing by
   * chunks, or reading through a chunk, copies a font file (the PDF
   * writer reads each to subset it) several times over (the dense
   * report: 5.5 M instructions of copying) */
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
    buf_grow(&b, (size_t)st.st_size + 1); /* + 1: fread sees the end */
  for (;;) {
    if (b.cap - b.len < 2)
      buf_grow(&b, 65536);
    size_t n = fread(b.data + b.len, 1, b.cap - b.len - 1, f);
    if (n == 0)
      break;
    b.len += n;
  }
  if (b.data)
    b.data[b.len] = '\0';
  int err = ferror(f);
  fclose(f);
  if (err) {
    buf_free(&b);
    errno = EIO;
    return NULL;
  }
  if (len)
    *len = b.len;
  return buf_detach(&b);
}

/* The temporaries of the edition being written (an edition has two or
 * three outputs), kept in static memory so fs_remove_pending needs no
 * allocation. A name too long for a slot is simply not remembered: the
 * next build's S_remove_stale still clears it away. */
#define S_PENDING_MAX 8
static char S_pending[S_PENDING_MAX][4096];

static void S_forget(const char *tmp) {
  for (int i = 0; i < S_PENDING_MAX; i++)
    if (S_pending[i][0] && strcmp(S_pending[i], tmp) == 0)
      S_pending[i][0] = '\0';
}

void fs_remove_pending(void) {
  for (int i = 0; i < S_PENDING_MAX; i++)
    if (S_pending[i][0])
      unlink(S_pending[i]);
}

char *fs_temp_path(const char *path) {
  buf b = BUF_INIT;
  char *dir = fs_dirname(path), *base = fs_basename(path);
  buf_printf(&b, "%s/.%s.tmp-%ld", dir, base, (long)getpid());
  free(dir);
  free(base);
  for (int i = 0; i < S_PENDING_MAX; i++)
    if (!S_pending[i][0] && b.len < sizeof S_pending[i]) {
      memcpy(S_pending[i], b.data, b.len + 1);
      break;
    }
  return buf_detach(&b);
}

/* A build killed with SIGKILL while it wrote an output leaves its hidden
 * ".<name>.tmp-<pid>" behind, or "..<name>.tmp-<pid>.tmp-<pid>" when it
 * was writing that temporary itself with fs_write_atomic (an edition's
 * outputs, see fs_temp_path). Once a newer copy of the output is in place,
 * such files of processes that no longer exist are only litter: remove
 * them. A temp file of a live process (a parallel build) is left alone. */
static void S_remove_stale(const char *path) {
  char *dir = fs_dirname(path), *base = fs_basename(path);
  buf prefix = BUF_INIT;
  buf_printf(&prefix, ".%s.tmp-", base);
  DIR *d = opendir(dir);
  if (d) {
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
      const char *name = e->d_name;
      bool nested = name[0] == '.' &&
                    strncmp(name + 1, prefix.data, prefix.len) == 0;
      if (nested)
        name++;
      else if (strncmp(name, prefix.data, prefix.len) != 0)
        continue;
      const char *num = name + prefix.len;
      char *end;
      long pid = strtol(num, &end, 10);
      if (nested && strncmp(end, ".tmp-", 5) == 0 &&
          strtol(end + 5, &end, 10) != pid)
        continue;
      if (end == num || *end || pid <= 0 || pid == (long)getpid())
        continue;
      if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
        continue;
      char *stale = fs_join(dir, e->d_name);
      unlink(stale);
      free(stale);
    }
    closedir(d);
  }
  buf_free(&prefix);
  free(dir);
  free(base);
}

bool fs_commit(const char *tmp, const char *path) {
  S_forget(tmp);
  if (FAULT_IO(EIO) || rename(tmp, path) != 0) {
    int e = errno;
    unlink(tmp);
    errno = e;
    return false;
  }
  S_remove_stale(path);
  return true;
}

void fs_abort(const char *tmp) {
  S_forget(tmp);
  unlink(tmp);
}

bool fs_write_atomic(const char *path, const void *data, size_t len) {
  char *tmp = fs_temp_path(path);
  FILE *f = FAULT_IO(EACCES) ? NULL : fopen(tmp, "wb");
  if (!f) {
    free(tmp);
    return false;
  }
  bool ok = !FAULT_IO(ENOSPC) && fwrite(data, 1, len, f) == len;
  ok = (fflush(f) == 0) && ok;
  ok = (fclose(f) == 0) && !FAULT_IO(EIO) && ok;
  if (!ok) {
    int e = errno;
    unlink(tmp);
    free(tmp);
    errno = e;
    return false;
  }
  ok = fs_commit(tmp, path);
  free(tmp);
  return ok;
}

bool fs_mkdirs(const char *dir) {
  char *p = xstrdup(dir);
  for (char *s = p + 1; *s; s++) {
    if (*s == '/') {
      *s = '\0';
      if ((FAULT_IO(EIO) || mkdir(p, 0777) != 0) && errno != EEXIST) {
        free(p);
        return false;
      }
      *s = '/';
    }
  }
  bool ok = !FAULT_IO(EIO) && (mkdir(p, 0777) == 0 || errno == EEXIST);
  free(p);
  return ok;
}

bool fs_exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

bool fs_is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *fs_join(const char *a, const char *b) {
  if (b[0] == '/' || !a || !a[0])
    return xstrdup(b);
  buf out = BUF_INIT;
  buf_puts(&out, a);
  if (out.len && out.data[out.len - 1] != '/')
    buf_putc(&out, '/');
  while (b[0] == '.' && b[1] == '/')
    b += 2;
  buf_puts(&out, b);
  return buf_detach(&out);
}

char *fs_basename(const char *path) {
  size_t n = strlen(path);
  while (n > 1 && path[n - 1] == '/')
    n--;
  size_t s = n;
  while (s > 0 && path[s - 1] != '/')
    s--;
  return xstrndup(path + s, n - s);
}

char *fs_dirname(const char *path) {
  size_t n = strlen(path);
  while (n > 1 && path[n - 1] == '/')
    n--;
  while (n > 0 && path[n - 1] != '/')
    n--;
  while (n > 1 && path[n - 1] == '/')
    n--;
  if (n == 0)
    return xstrdup(".");
  return xstrndup(path, n);
}

char *fs_realpath(const char *path) {
  char *r = realpath(path, NULL);
  return r;
}

bool fs_write_fd(int fd, const void *data, size_t len) {
  const char *p = data;
  while (len > 0) {
    ssize_t k = write(fd, p, len);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      return false;
    p += k;
    len -= (size_t)k;
  }
  return true;
}
