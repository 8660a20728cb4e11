/* new.c - `rapport new DIR` (new.h). */
#include "cli/new.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "project/project.h"
#include "util/diag.h"
#include "util/fs.h"
#include "util/home.h"
#include "util/mem.h"

/* In the order of the usage message; the first is the default. */
static const char *const S_templates[] = {"følgeforskning", "enkel"};
#define S_NTEMPLATES (sizeof S_templates / sizeof S_templates[0])

/* What a user edits first in the new project, for the template t. */
static void S_print_first(size_t t, const char *dir) {
  if (t == 0)
    printf(M_CLI_RAPPORT_LUA_TITLE_AUTHORS, dir, dir, dir);
  else
    printf(M_CLI_RAPPORT_LUA_TITLE_AUTHORS_DATE, dir, dir, dir);
}

bool new_template_known(const char *name) {
  for (size_t i = 0; i < S_NTEMPLATES; i++)
    if (!strcmp(name, S_templates[i]))
      return true;
  return false;
}

static int S_error(const char *file, const char *fmt, const char *arg) {
  diag_list d;
  diag_init(&d);
  diag_error(&d, file, 0, 0, fmt, arg);
  diag_print(&d);
  diag_free(&d);
  return 1;
}

/* True if dir does not exist, or is a folder with nothing in it. */
static bool S_free_place(const char *dir) {
  DIR *dh = opendir(dir);
  if (!dh)
    return errno == ENOENT;
  bool empty = true;
  for (struct dirent *e; empty && (e = readdir(dh));)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
      empty = false;
  closedir(dh);
  return empty;
}

/* Copies the folder from into to (which exists), recursively. On failure
 * prints a message naming the file and returns false. */
static bool S_copy_tree(const char *from, const char *to) {
  DIR *dh = opendir(from);
  if (!dh) {
    S_error(from, M_CLI_CANNOT_READ_TEMPLATE, strerror(errno));
    return false;
  }
  bool ok = true;
  for (struct dirent *e; ok && (e = readdir(dh));) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
      continue;
    char *src = fs_join(from, e->d_name), *dst = fs_join(to, e->d_name);
    if (fs_is_dir(src)) {
      if (mkdir(dst, 0777) != 0) {
        S_error(dst, M_CLI_CANNOT_CREATE_FOLDER, strerror(errno));
        ok = false;
      } else {
        ok = S_copy_tree(src, dst);
      }
    } else {
      size_t len = 0;
      char *data = fs_read(src, &len);
      if (!data) {
        S_error(src, M_CLI_CANNOT_READ_TEMPLATE, strerror(errno));
        ok = false;
      } else if (!fs_write_atomic(dst, data, len)) {
        S_error(dst, M_CLI_CANNOT_WRITE_FILE, strerror(errno));
        ok = false;
      }
      free(data);
    }
    free(src);
    free(dst);
  }
  closedir(dh);
  return ok;
}

int new_run(const char *dir, const char *template_name) {
  size_t t = 0;
  while (template_name && strcmp(S_templates[t], template_name))
    t++; /* main.c checked the name with new_template_known */
  if (fs_exists(dir) && !fs_is_dir(dir))
    return S_error(dir, M_CLI_EXISTS_IS_NOT_FOLDER,
                   M_CLI_CHOOSE_NEW_FOLDER_RAPPORT);
  if (!S_free_place(dir))
    return S_error(dir, M_CLI_FOLDER_EXISTS_IS_NOT,
                   M_CLI_CHOOSE_NEW_FOLDER_RAPPORT);
  const char *home = home_dir_or_report();
  if (!home)
    return 1;
  char *rel = fs_join("templates", S_templates[t]);
  char *from = fs_join(home, rel);
  free(rel);
  if (!fs_is_dir(from)) {
    int rc = S_error(from, M_CLI_TEMPLATE_IS_MISSING_FROM, S_templates[t]);
    free(from);
    return rc;
  }
  if (!fs_mkdirs(dir)) {
    free(from);
    return S_error(dir, M_CLI_CANNOT_CREATE_FOLDER, strerror(errno));
  }
  bool ok = S_copy_tree(from, dir);
  free(from);
  if (!ok)
    return 1;
  printf(M_CLI_NEW_PROJECT_TEMPLATE_EDIT, dir, S_templates[t]);
  S_print_first(t, dir);
  char *name = project_dir_name(dir);
  printf(M_CLI_BUILD_IT_RAPPORT_BUILD, dir, name);
  free(name);
  return 0;
}
