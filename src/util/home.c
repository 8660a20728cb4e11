/* home.c - finding rapport's own files (home.h). */
#include "util/home.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fs.h"
#include "util/mem.h"

#ifndef RAPPORT_PREFIX
#define RAPPORT_PREFIX "/usr/local"
#endif

/* What a folder must hold to be rapport's: one file of each part it reads
 * (the default locale, the component library, the default theme and the
 * default template of `rapport new`). */
static const char *const S_needed[] = {
    "lua/locale/da.lua", "lua/lib/komponent.lua", "themes/klassisk/theme.lua",
    "templates/følgeforskning/rapport.lua", NULL};

#define S_MAX_PLACES 4

typedef struct {
  char *place[S_MAX_PLACES];
  size_t n;
} S_places;

static void S_add(S_places *p, char *dir) {
  for (size_t i = 0; i < p->n; i++)
    if (!strcmp(p->place[i], dir)) {
      free(dir);
      return;
    }
  p->place[p->n++] = dir;
}

/* The folders to try, in order (home.h). */
static void S_candidates(S_places *p) {
  memset(p, 0, sizeof *p);
  const char *env = getenv("RAPPORT_HOME");
  if (env && *env) {
    char *abs = fs_realpath(env);
    S_add(p, abs ? abs : xstrdup(env));
    return;
  }
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    char *bin = fs_dirname(exe);
    char *up = fs_dirname(bin);
    S_add(p, fs_join(up, "share/rapport"));
    char *up2 = fs_dirname(up);
    S_add(p, up);
    S_add(p, up2);
    free(bin);
  }
  S_add(p, xstrdup(RAPPORT_PREFIX "/share/rapport"));
}

static void S_free_places(S_places *p) {
  for (size_t i = 0; i < p->n; i++)
    free(p->place[i]);
}

/* The first of S_needed that dir lacks, or NULL if it has them all. */
static const char *S_missing(const char *dir) {
  for (size_t i = 0; S_needed[i]; i++) {
    char *f = fs_join(dir, S_needed[i]);
    bool ok = access(f, R_OK) == 0;
    free(f);
    if (!ok)
      return S_needed[i];
  }
  return NULL;
}

const char *home_dir(void) {
  static char dir[4096];
  static bool looked;
  if (looked)
    return dir[0] ? dir : NULL;
  looked = true;
  S_places p;
  S_candidates(&p);
  for (size_t i = 0; i < p.n; i++)
    if (!S_missing(p.place[i])) {
      snprintf(dir, sizeof dir, "%s", p.place[i]);
      break;
    }
  S_free_places(&p);
  return dir[0] ? dir : NULL;
}

void home_report(diag_list *d) {
  S_places p;
  S_candidates(&p);
  buf where = BUF_INIT;
  for (size_t i = 0; i < p.n; i++) {
    bool is_dir = fs_is_dir(p.place[i]);
    const char *miss = is_dir ? S_missing(p.place[i]) : NULL;
    if (!is_dir)
      buf_printf(&where, "\n  %s: %s", p.place[i],
                 M_UTIL_FOLDER_DOES_NOT_EXIST);
    else if (miss)
      buf_printf(&where, "\n  %s: %s %s", p.place[i], M_UTIL_LACKS, miss);
  }
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  exe[n > 0 ? n : 0] = '\0';
  diag_error(d, n > 0 ? exe : NULL, 0, 0, M_UTIL_RAPPORT_OWN_FILES_LUA,
             buf_cstr(&where));
  buf_free(&where);
  S_free_places(&p);
}

const char *home_dir_or_report(void) {
  const char *home = home_dir();
  if (!home) {
    diag_list d;
    diag_init(&d);
    home_report(&d);
    diag_print(&d);
    diag_free(&d);
  }
  return home;
}
