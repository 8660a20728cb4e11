/* main.c - the command line: parse flags, call the pipeline, map errors to
 * exit codes (0 ok, 1 content or data error, 2 usage error). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/build.h"
#include "cli/new.h"
#include "cli/watch.h"
#include "util/diag.h"
#include "util/fs.h"
#include "util/mem.h"

#define RAPPORT_VERSION "0.1.0"

/* The help of --help, and of a command line with no command. */
static void S_help(FILE *to) { fprintf(to, M_CLI_HELP, RAPPORT_VERSION); }

/* --allow folders on one command line: a fixed array, nothing to free on
 * the many early returns below */
#define S_MAX_ALLOW 32

/* "rapport: ", the message and where to read more, on stderr; returns the
 * exit status of wrong use (2). */
static int S_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int S_usage(const char *fmt, ...) {
  fputs("rapport: ", stderr);
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputs(M_CLI_SEE_RAPPORT_HELP, stderr);
  return 2;
}

static const char *S_value(int argc, char **argv, int *i, const char *arg) {
  const char *eq = strchr(arg, '=');
  if (arg[0] == '-' && arg[1] == '-' && eq)
    return eq + 1;
  if (*i + 1 >= argc)
    return NULL;
  return argv[++*i];
}

static bool S_is(const char *arg, const char *s, const char *l) {
  size_t n = strlen(l);
  return (s && !strcmp(arg, s)) || !strcmp(arg, l) ||
         (!strncmp(arg, l, n) && arg[n] == '=');
}

int main(int argc, char **argv) {
  mem_heap_huge();
  msg_lang_from_env();
  build_options o = {0};
  o.pdf = o.html = true;
  const char *command = NULL;
  const char *template_name = NULL; /* --skabelon, for `new` */
  int port = 8765;
  bool formats_given = false;
  const char *allow[S_MAX_ALLOW]; /* --allow folders (argv's strings) */
  size_t nallow = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-h") || !strcmp(a, "--help") || !strcmp(a, "help")) {
      S_help(stdout);
      return 0;
    } else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
      puts("rapport " RAPPORT_VERSION);
      return 0;
    } else if (S_is(a, "-e", "--edition")) {
      if (!(o.edition = S_value(argc, argv, &i, a)))
        return S_usage(M_CLI_NEEDS_EDITION_NAME, a);
    } else if (S_is(a, "-o", "--out")) {
      if (!(o.out_dir = S_value(argc, argv, &i, a)))
        return S_usage(M_CLI_NEEDS_FOLDER, a);
    } else if (S_is(a, "-a", "--allow")) {
      const char *dir = S_value(argc, argv, &i, a);
      if (!dir)
        return S_usage(M_CLI_NEEDS_FOLDER, a);
      if (!fs_is_dir(dir))
        return S_usage(M_CLI_ALLOW_FOLDER_DOES_NOT, dir);
      if (nallow == S_MAX_ALLOW)
        return S_usage(M_CLI_ALLOW_MOST_TIMES, S_MAX_ALLOW, dir);
      allow[nallow++] = dir;
    } else if (S_is(a, "-f", "--format")) {
      const char *f = S_value(argc, argv, &i, a);
      if (!f)
        return S_usage(M_CLI_NEEDS_PDF_HTML_DOCX, a);
      o.pdf = o.html = o.docx = false;
      formats_given = true;
      char *copy = strdup(f), *save = NULL;
      for (char *t = strtok_r(copy, ",", &save); t;
           t = strtok_r(NULL, ",", &save)) {
        if (!strcmp(t, "pdf"))
          o.pdf = true;
        else if (!strcmp(t, "html"))
          o.html = true;
        else if (!strcmp(t, "docx"))
          o.docx = true;
        else {
          int rc = S_usage(M_CLI_UNKNOWN_FORMAT_USE_PDF, t);
          free(copy);
          return rc;
        }
      }
      free(copy);
    } else if (S_is(a, "-j", "--jobs") ||
               (!strncmp(a, "-j", 2) && a[2] >= '0' && a[2] <= '9')) {
      /* -j N, -jN, --jobs N, --jobs=N */
      const char *v = a[1] == 'j' && a[2] ? a + 2 : S_value(argc, argv, &i, a);
      char *end = NULL;
      long n = v ? strtol(v, &end, 10) : -1;
      if (!v || !*v || *end || n < 1 || n > 256)
        return S_usage(M_CLI_NEEDS_NUMBER_1_256, a);
      o.jobs = (int)n;
    } else if (S_is(a, NULL, "--port")) {
      const char *v = S_value(argc, argv, &i, a);
      char *end = NULL;
      port = v ? (int)strtol(v, &end, 10) : -1;
      if (!v || *end || port < 0 || port > 65535)
        return S_usage(M_CLI_NEEDS_PORT_NUMBER_0, a);
    } else if (S_is(a, "-s", "--skabelon") || S_is(a, NULL, "--template")) {
      if (!(template_name = S_value(argc, argv, &i, a)))
        return S_usage(M_CLI_NEEDS_TEMPLATE_NAME_FOELGEFORSKNING, a);
      if (!new_template_known(template_name))
        return S_usage(M_CLI_UNKNOWN_TEMPLATE_USE_FOELGEFORSKNING,
                       template_name);
    } else if (!strcmp(a, "-p") || !strcmp(a, "--public")) {
      o.public_edition = true;
    } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
      o.quiet = true;
    } else if (a[0] == '-' && a[1]) {
      return S_usage(M_CLI_UNKNOWN_OPTION, a);
    } else if (!command) {
      command = a;
    } else if (!o.project_dir) {
      o.project_dir = a;
    } else {
      return S_usage(M_CLI_TOO_MANY_ARGUMENTS, a);
    }
  }
  (void)formats_given;
  if (!command) {
    S_help(stderr);
    return 2;
  }
  if (strcmp(command, "build") && strcmp(command, "check") &&
      strcmp(command, "names") && strcmp(command, "watch") &&
      strcmp(command, "new"))
    return S_usage(M_CLI_UNKNOWN_COMMAND_USE_BUILD, command);
  if (!strcmp(command, "new")) {
    if (!o.project_dir)
      return S_usage(M_CLI_NEEDS_FOLDER_NEW_PROJECT, command);
    return new_run(o.project_dir, template_name);
  }
  if (template_name)
    return S_usage(M_CLI_TEMPLATE_BELONGS_RAPPORT_NEW, command);
  if (!o.project_dir)
    return S_usage(M_CLI_NEEDS_PROJECT_FOLDER_RAPPORT, command);
  o.check_only = !strcmp(command, "check");
  o.names = !strcmp(command, "names");
  if (o.names)
    o.public_edition = true;
  o.allow = allow;
  o.nallow = nallow;
  if (!strcmp(command, "watch"))
    return watch_run(&o, port);
  int status = build_run(&o);
  free(o.html_path); /* an out-parameter for watch; owned here */
  return status;
}
