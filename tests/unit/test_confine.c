/* test_confine.c - the gate for project files (util/confine.h): inside the
 * allowed folders after symlinks, regular files only, and no wait on a
 * FIFO. */
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "test.h"
#include "util/confine.h"
#include "util/fs.h"

static char S_dir[256];

static char *S_path(const char *rel) { return fs_join(S_dir, rel); }

static void S_write(const char *rel, const char *text) {
  char *p = S_path(rel);
  fs_write_atomic(p, text, strlen(text));
  free(p);
}

static confine_status S_status(const char *rel) {
  char *p = S_path(rel);
  confine_status st = confine_check(p);
  free(p);
  return st;
}

int main(void) {
  snprintf(S_dir, sizeof S_dir, "/tmp/rapport-confine-%d", (int)getpid());
  char *proj = S_path("p"), *ude = S_path("ude");
  fs_mkdirs(proj);
  fs_mkdirs(ude);
  S_write("p/k.md", "# K\n");
  S_write("ude/hemmelig.md", "HEMMELIG\n");
  char *target = S_path("ude/hemmelig.md"), *link = S_path("p/link.md");
  CHECK("symlink made", symlink(target, link) == 0);
  char *fifo = S_path("p/fifo.md");
  CHECK("fifo made", mkfifo(fifo, 0600) == 0);
  char *sock = S_path("p/sokkel.md");
  int sfd = socket(AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un sa = {.sun_family = AF_UNIX};
  snprintf(sa.sun_path, sizeof sa.sun_path, "%s", sock);
  CHECK("socket made",
        sfd >= 0 && bind(sfd, (struct sockaddr *)&sa, sizeof sa) == 0);
  confine_set(proj, NULL, NULL, 0);

  size_t len = 0;
  confine_status st;
  char *p = S_path("p/k.md");
  char *text = confine_read(p, &len, &st);
  CHECK_STR("a file inside is read", text, "# K\n");
  CHECK_NUM("its length", len, 4);
  CHECK_NUM("its status", st, CONFINE_OK);
  free(text);
  free(p);

  CHECK_NUM("a file outside is refused", S_status("ude/hemmelig.md"),
            CONFINE_OUTSIDE);
  CHECK_NUM("a ../ path out is refused", S_status("p/../ude/hemmelig.md"),
            CONFINE_OUTSIDE);
  CHECK_NUM("a symlink inside pointing out is refused", S_status("p/link.md"),
            CONFINE_OUTSIDE);
  CHECK_NUM("a missing file is missing", S_status("p/nej.md"),
            CONFINE_MISSING);
  CHECK_NUM("a folder is not a regular file", S_status("p"), CONFINE_SPECIAL);
  time_t t0 = time(NULL);
  CHECK_NUM("a FIFO is not a regular file", S_status("p/fifo.md"),
            CONFINE_SPECIAL);
  CHECK("a FIFO does not wait for a writer", time(NULL) - t0 < 2);
  CHECK_NUM("a socket is not a regular file", S_status("p/sokkel.md"),
            CONFINE_SPECIAL);
  CHECK_NUM("/dev/zero is outside", confine_check("/dev/zero"),
            CONFINE_OUTSIDE);

  const char *allow[] = {ude, "/dev"};
  confine_set(proj, NULL, allow, 2);
  CHECK_NUM("--allow admits the folder", S_status("p/link.md"), CONFINE_OK);
  CHECK_NUM("--allow /dev: /dev/zero is still no regular file",
            confine_check("/dev/zero"), CONFINE_SPECIAL);

  diag_list d;
  diag_init(&d);
  confine_report(&d, "p/rapport.lua", 0, 0, CONFINE_CHAPTER, "/etc/passwd",
                 "/etc/passwd", CONFINE_OUTSIDE);
  CHECK_STR("the message names the kind and the path", d.items[0].message,
            "kapitlet '/etc/passwd' ligger uden for projektmappen; læg filen "
            "i projektet eller giv mappen med --allow MAPPE");
  confine_report(&d, NULL, 0, 0, CONFINE_DATA, "fifo.csv", fifo,
                 CONFINE_SPECIAL);
  CHECK_STR("a special file says what it is", d.items[1].message,
            "datafilen 'fifo.csv' er ikke en almindelig fil (men en FIFO); "
            "angiv en almindelig fil");
  diag_free(&d);

  confine_clear();
  CHECK_NUM("before confine_set only the regular-file rule applies",
            S_status("ude/hemmelig.md"), CONFINE_OK);

  close(sfd);
  free(sock);
  free(fifo);
  free(target);
  free(link);
  free(proj);
  free(ude);
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
  if (system(cmd) != 0)
    fprintf(stderr, "could not remove %s\n", S_dir);
  return TEST_END();
}
