/* main.c - the command line: parse flags, call the pipeline, map errors to
 * exit codes (0 ok, 1 content or data error, 2 usage error). */
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

static const char S_help[] =
    "rapport " RAPPORT_VERSION " - rapporter fra Markdown, CSV og Lua-skabeloner\n"
    "\n"
    "Brug:\n"
    "  rapport build PROJEKT [--edition NAVN] [--format pdf,html,docx] [--public] [--out MAPPE] [-j N]\n"
    "                [--allow MAPPE]...\n"
    "  rapport check PROJEKT\n"
    "  rapport names PROJEKT\n"
    "  rapport watch PROJEKT [--edition NAVN] [--port N]\n"
    "  rapport new MAPPE [--skabelon følgeforskning|enkel]\n"
    "  rapport --help | --version\n"
    "\n"
    "Kommandoer:\n"
    "  build   bygger alle udgaver (eller den navngivne) som PDF og HTML i\n"
    "          MAPPE (standard: out/<projektmappens navn>/): <udgave>.pdf og\n"
    "          <udgave>.html; med --public de anonymiserede\n"
    "          <udgave>-offentlig.pdf og <udgave>-offentlig.html (og .docx\n"
    "          med --format docx) i MAPPE/offentlig/\n"
    "  check   tjekker rapport.lua, data og skabeloner og skriver intet\n"
    "  names   viser ord med stort begyndelsesbogstav i den offentlige udgave,\n"
    "          som hverken er almindelige ord, pseudonymer eller tilladte\n"
    "          (allow_names): mulige navne, som pseudonymlisten mangler\n"
    "  watch   bygger og genopbygger ved hver gemning; viser HTML-udgaven på\n"
    "          http://127.0.0.1:PORT/, som selv genindlæses (Ctrl-C stopper)\n"
    "  new     opretter et nyt projekt i MAPPE (som ikke må findes eller skal\n"
    "          være tom) ud fra en skabelon: følgeforskning (standard; med\n"
    "          komponenter, data, pseudonymliste og litteratur) eller enkel\n"
    "          (en almindelig rapport), som kan bygges med det samme\n"
    "\n"
    "Tilvalg:\n"
    "  -e, --edition NAVN   kun denne udgave (fx midtvejs)\n"
    "  -f, --format LISTE   pdf, html, docx (Word) eller flere med komma;\n"
    "                       standard pdf,html\n"
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
    "  -s, --skabelon NAVN  skabelonen for new (også --template)\n"
    "  -h, --help           denne hjælp\n"
    "  -V, --version        versionsnummer\n"
    "\n"
    "Afslutningsstatus: 0 gik godt, 1 fejl i indhold eller data (meddelelsen\n"
    "nævner fil, linje og kolonne), 2 forkert brug af kommandoen.\n"
    "Et projekt er en mappe med en rapport.lua; se README.md.\n";

/* --allow folders on one command line: a fixed array, nothing to free on
 * the many early returns below */
#define S_MAX_ALLOW 32
#define S_STR2(x) #x
#define S_STR(x) S_STR2(x)

static int S_usage(const char *fmt, const char *arg) {
  fputs("rapport: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\nSe 'rapport --help'.\n", stderr);
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
      fputs(S_help, stdout);
      return 0;
    } else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
      puts("rapport " RAPPORT_VERSION);
      return 0;
    } else if (S_is(a, "-e", "--edition")) {
      if (!(o.edition = S_value(argc, argv, &i, a)))
        return S_usage("%s kræver et udgavenavn", a);
    } else if (S_is(a, "-o", "--out")) {
      if (!(o.out_dir = S_value(argc, argv, &i, a)))
        return S_usage("%s kræver en mappe", a);
    } else if (S_is(a, "-a", "--allow")) {
      const char *dir = S_value(argc, argv, &i, a);
      if (!dir)
        return S_usage("%s kræver en mappe", a);
      if (!fs_is_dir(dir))
        return S_usage("--allow: mappen '%s' findes ikke; angiv en "
                       "eksisterende mappe", dir);
      if (nallow == S_MAX_ALLOW)
        return S_usage("--allow højst " S_STR(S_MAX_ALLOW) " gange (%s)",
                       dir);
      allow[nallow++] = dir;
    } else if (S_is(a, "-f", "--format")) {
      const char *f = S_value(argc, argv, &i, a);
      if (!f)
        return S_usage("%s kræver pdf, html, docx eller flere med komma "
                       "(pdf,html,docx)", a);
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
          int rc = S_usage("ukendt format '%s'; brug pdf, html, docx eller "
                           "flere med komma (pdf,html,docx)", t);
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
        return S_usage("%s kræver et antal (1-256)", a);
      o.jobs = (int)n;
    } else if (S_is(a, NULL, "--port")) {
      const char *v = S_value(argc, argv, &i, a);
      char *end = NULL;
      port = v ? (int)strtol(v, &end, 10) : -1;
      if (!v || *end || port < 0 || port > 65535)
        return S_usage("%s kræver et portnummer (0-65535)", a);
    } else if (S_is(a, "-s", "--skabelon") || S_is(a, NULL, "--template")) {
      if (!(template_name = S_value(argc, argv, &i, a)))
        return S_usage("%s kræver et skabelonnavn: følgeforskning eller "
                       "enkel", a);
      if (!new_template_known(template_name))
        return S_usage("ukendt skabelon '%s'; brug følgeforskning eller enkel",
                       template_name);
    } else if (!strcmp(a, "-p") || !strcmp(a, "--public")) {
      o.public_edition = true;
    } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
      o.quiet = true;
    } else if (a[0] == '-' && a[1]) {
      return S_usage("ukendt tilvalg '%s'", a);
    } else if (!command) {
      command = a;
    } else if (!o.project_dir) {
      o.project_dir = a;
    } else {
      return S_usage("for mange argumenter ('%s')", a);
    }
  }
  (void)formats_given;
  if (!command) {
    fputs(S_help, stderr);
    return 2;
  }
  if (strcmp(command, "build") && strcmp(command, "check") &&
      strcmp(command, "names") && strcmp(command, "watch") &&
      strcmp(command, "new"))
    return S_usage("ukendt kommando '%s'; brug build, check, names, watch "
                   "eller new",
                   command);
  if (!strcmp(command, "new")) {
    if (!o.project_dir)
      return S_usage("'%s' kræver en mappe til det nye projekt, fx: rapport "
                     "new min-rapport",
                     command);
    return new_run(o.project_dir, template_name);
  }
  if (template_name)
    return S_usage("--skabelon hører til 'rapport new', ikke '%s'", command);
  if (!o.project_dir)
    return S_usage("'%s' kræver en projektmappe, fx: rapport build "
                   "content/eksempel",
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
