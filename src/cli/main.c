/* main.c - the command line: parse flags, call the pipeline, map errors to
 * exit codes (0 ok, 1 content or data error, 2 usage error). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/build.h"
#include "cli/watch.h"
#include "util/diag.h"
#include "util/fs.h"
#include "util/mem.h"

#define RAPPORT_VERSION "0.1.0"

/* The help of --help, and of a command line with no command. */
static void S_help(FILE *to) {
  fprintf(to,
          TR("rapport %s - rapporter fra Markdown, CSV og Lua-skabeloner\n"
         "\n"
         "Brug:\n"
         "  rapport build PROJEKT [--edition NAVN] [--format pdf,html] [--public] [--out MAPPE] [-j N]\n"
         "                [--allow MAPPE]...\n"
         "  rapport check PROJEKT\n"
         "  rapport names PROJEKT\n"
         "  rapport watch PROJEKT [--edition NAVN] [--port N]\n"
         "  rapport --help | --version\n"
         "\n"
         "Kommandoer:\n"
         "  build   bygger alle udgaver (eller den navngivne) som PDF og HTML i\n"
         "          MAPPE (standard: out/<projektmappens navn>/): <udgave>.pdf og\n"
         "          <udgave>.html; med --public de anonymiserede\n"
         "          <udgave>-offentlig.pdf og <udgave>-offentlig.html\n"
         "  check   tjekker rapport.lua, data og skabeloner og skriver intet\n"
         "  names   viser ord med stort begyndelsesbogstav i den offentlige udgave,\n"
         "          som hverken er almindelige ord, pseudonymer eller tilladte\n"
         "          (allow_names): mulige navne, som pseudonymlisten mangler\n"
         "  watch   bygger og genopbygger ved hver gemning; viser HTML-udgaven på\n"
         "          http://127.0.0.1:PORT/, som selv genindlæses (Ctrl-C stopper)\n"
         "\n"
         "Tilvalg:\n"
         "  -e, --edition NAVN   kun denne udgave (fx midtvejs)\n"
         "  -f, --format LISTE   pdf, html eller pdf,html (standard)\n"
         "  -p, --public         byg de offentlige, anonymiserede udgaver\n"
         "  -o, --out MAPPE      hvor resultaterne skrives\n"
         "  -a, --allow MAPPE    projektet må også læse filer i MAPPE (fx en fælles\n"
         "                       mappe med data eller billeder); kan gentages.\n"
         "                       Ellers læses kun filer i projektmappen og\n"
         "                       rapports egne lua/ og themes/\n"
         "  -q, --quiet          kun fejl og advarsler\n"
         "  -j, --jobs N         byg højst N udgaver samtidig (standard: én pr.\n"
         "                       processorkerne; 1 = én ad gangen)\n"
         "      --port N         port for watch (standard 8765; 0 = en ledig)\n"
         "  -h, --help           denne hjælp\n"
         "  -V, --version        versionsnummer\n"
         "\n"
         "Afslutningsstatus: 0 gik godt, 1 fejl i indhold eller data (meddelelsen\n"
         "nævner fil, linje og kolonne), 2 forkert brug af kommandoen.\n"
         "Et projekt er en mappe med en rapport.lua; se README.md.\n",
         "rapport %s - reports from Markdown, CSV and Lua templates\n"
         "\n"
         "Usage:\n"
         "  rapport build PROJECT [--edition NAME] [--format pdf,html] [--public] [--out FOLDER] [-j N]\n"
         "                [--allow FOLDER]...\n"
         "  rapport check PROJECT\n"
         "  rapport names PROJECT\n"
         "  rapport watch PROJECT [--edition NAME] [--port N]\n"
         "  rapport --help | --version\n"
         "\n"
         "Commands:\n"
         "  build   builds every edition (or the named one) as PDF and HTML in\n"
         "          FOLDER (default: out/<the project folder's name>/): <edition>.pdf\n"
         "          and <edition>.html; with --public the anonymised\n"
         "          <edition>-offentlig.pdf and <edition>-offentlig.html\n"
         "  check   checks rapport.lua, the data and the templates and writes nothing\n"
         "  names   lists the capitalised words of the public edition that are\n"
         "          neither common words, pseudonyms nor allowed (allow_names):\n"
         "          possible names the pseudonym list is missing\n"
         "  watch   builds and rebuilds at every save; shows the HTML edition at\n"
         "          http://127.0.0.1:PORT/, which reloads itself (Ctrl-C stops)\n"
         "\n"
         "Options:\n"
         "  -e, --edition NAME   only this edition (e.g. midtvejs)\n"
         "  -f, --format LIST    pdf, html or pdf,html (the default)\n"
         "  -p, --public         build the public, anonymised editions\n"
         "  -o, --out FOLDER     where the results are written\n"
         "  -a, --allow FOLDER   the project may also read files in FOLDER (e.g. a\n"
         "                       shared folder of data or images); may be repeated.\n"
         "                       Otherwise only files in the project folder and\n"
         "                       rapport's own lua/ and themes/ are read\n"
         "  -q, --quiet          only errors and warnings\n"
         "  -j, --jobs N         build at most N editions at once (default: one\n"
         "                       per processor core; 1 = one at a time)\n"
         "      --port N         port for watch (default 8765; 0 = a free one)\n"
         "  -h, --help           this help\n"
         "  -V, --version        the version number\n"
         "\n"
         "Exit status: 0 all went well, 1 an error in the content or data (the\n"
         "message names the file, line and column), 2 wrong use of the command.\n"
         "A project is a folder with a rapport.lua; see README.md.\n"),
          RAPPORT_VERSION);
}

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
  fputs(TR("\nSe 'rapport --help'.\n", "\nSee 'rapport --help'.\n"), stderr);
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
        return S_usage(TR("%s kræver et udgavenavn", "%s needs an edition name"), a);
    } else if (S_is(a, "-o", "--out")) {
      if (!(o.out_dir = S_value(argc, argv, &i, a)))
        return S_usage(TR("%s kræver en mappe", "%s needs a folder"), a);
    } else if (S_is(a, "-a", "--allow")) {
      const char *dir = S_value(argc, argv, &i, a);
      if (!dir)
        return S_usage(TR("%s kræver en mappe", "%s needs a folder"), a);
      if (!fs_is_dir(dir))
        return S_usage(TR("--allow: mappen '%s' findes ikke; angiv en "
                          "eksisterende mappe",
                          "--allow: the folder '%s' does not exist; give a "
                          "folder that exists"),
                       dir);
      if (nallow == S_MAX_ALLOW)
        return S_usage(TR("--allow højst %d gange (%s)",
                          "--allow at most %d times (%s)"),
                       S_MAX_ALLOW, dir);
      allow[nallow++] = dir;
    } else if (S_is(a, "-f", "--format")) {
      const char *f = S_value(argc, argv, &i, a);
      if (!f)
        return S_usage(TR("%s kræver pdf, html eller pdf,html",
                          "%s needs pdf, html or pdf,html"),
                       a);
      o.pdf = o.html = false;
      formats_given = true;
      char *copy = strdup(f), *save = NULL;
      for (char *t = strtok_r(copy, ",", &save); t;
           t = strtok_r(NULL, ",", &save)) {
        if (!strcmp(t, "pdf"))
          o.pdf = true;
        else if (!strcmp(t, "html"))
          o.html = true;
        else {
          int rc = S_usage(TR("ukendt format '%s'; brug pdf, html eller pdf,html",
                              "unknown format '%s'; use pdf, html or pdf,html"),
                           t);
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
        return S_usage(TR("%s kræver et antal (1-256)", "%s needs a number (1-256)"), a);
      o.jobs = (int)n;
    } else if (S_is(a, NULL, "--port")) {
      const char *v = S_value(argc, argv, &i, a);
      char *end = NULL;
      port = v ? (int)strtol(v, &end, 10) : -1;
      if (!v || *end || port < 0 || port > 65535)
        return S_usage(
            TR("%s kræver et portnummer (0-65535)", "%s needs a port number (0-65535)"), a);
    } else if (!strcmp(a, "-p") || !strcmp(a, "--public")) {
      o.public_edition = true;
    } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
      o.quiet = true;
    } else if (a[0] == '-' && a[1]) {
      return S_usage(TR("ukendt tilvalg '%s'", "unknown option '%s'"), a);
    } else if (!command) {
      command = a;
    } else if (!o.project_dir) {
      o.project_dir = a;
    } else {
      return S_usage(TR("for mange argumenter ('%s')", "too many arguments ('%s')"), a);
    }
  }
  (void)formats_given;
  if (!command) {
    S_help(stderr);
    return 2;
  }
  if (strcmp(command, "build") && strcmp(command, "check") &&
      strcmp(command, "names") && strcmp(command, "watch"))
    return S_usage(TR("ukendt kommando '%s'; brug build, check, names eller watch",
                      "unknown command '%s'; use build, check, names or watch"),
                   command);
  if (!o.project_dir)
    return S_usage(TR("'%s' kræver en projektmappe, fx: rapport build "
                      "content/eksempel",
                      "'%s' needs a project folder, e.g.: rapport build "
                      "content/eksempel"),
                   command);
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
