/* build.h - runs the pipeline for the editions of a project:
 * project -> data -> Markdown + templates -> document tree -> writers. */
#ifndef RAPPORT_BUILD_H
#define RAPPORT_BUILD_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
  const char *project_dir;
  const char *edition;  /* NULL = every edition */
  bool pdf, html, docx; /* formats */
  bool public_edition;  /* --public: anonymised outputs */
  const char *out_dir;  /* NULL = out/<project folder name> */
  const char *const *allow; /* --allow: folders outside the project it may
                               read (util/confine.h) */
  size_t nallow;
  bool check_only;      /* `rapport check`: validate, write nothing */
  bool names;           /* `rapport names`: list possible names */
  bool quiet;
  int jobs;             /* editions built at once, each in its own process:
                           0 = one per processor, 1 = one after the other */
  bool first_only;      /* only the first edition when none is named (watch) */
  void *messages;       /* if set, a buf that gets the diagnostics as text */
  /* if set, called as soon as the first edition's HTML is written (before
     its PDF), so a preview can show it at once; `path` is the temporary
     file it is in until the edition's outputs are renamed together: read
     it during the call */
  void (*on_html)(void *ctx, const char *path);
  void *on_html_ctx;
  char *html_path;      /* out: path of the last HTML written (caller frees) */
} build_options;

/* The folder inside the output folder that public editions are written
 * to: it holds nothing but their PDF and HTML (and, while they are
 * written, their hidden temporaries), so it can be published as it is;
 * the dependency files, change sums and lock, which name chapters and
 * editions, stay in the output folder. */
#define BUILD_PUBLIC_DIR "offentlig"

/* Exit status: 0 success, 1 an error in the content or data (or a name
 * that cannot go into rapport.d). Holds <out>/.rapport/lock while writing:
 * a second build into the same folder waits. An edition's outputs are
 * replaced together or not at all; a source saved during the build makes
 * the build run once more. */
int build_run(build_options *o);

#endif
