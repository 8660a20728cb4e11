/* fuzz_markdown.c - libFuzzer harness for the Markdown stage with its
 * directives and inline values (src/markdown*.c, src/script*.c): any bytes
 * as a chapter must parse or fail with diagnostics, never crash, hang, leak
 * or read out of bounds. Two project components let the fuzzer reach the
 * node conversion: {echo} returns its `md` argument as Markdown and {t}
 * returns a table built from its arguments.
 * FUZZ-SOURCES: src/markdown/*.c src/script/*.c src/doc/doc.c src/doc/resolve.c src/project/theme.c src/project/locale.c src/project/luacfg.c src/util/[a-z]*.c src/data/[a-z]*.c
 * FUZZ-LIBS: -I/usr/include/lua5.4 -lcmark-gfm -lcmark-gfm-extensions -llua5.4 -lcsv -lm
 * FUZZ-SEEDS: tests/fixtures/markdown/kapitel.md tests/fixtures/markdown/edge.md
 * `sh fuzz/run.sh markdown` builds and runs it (FUZZ_TIME seconds), from
 * a corpus seeded with the FUZZ-SEEDS files. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc/doc.h"
#include "doc/resolve.h"
#include "markdown/markdown.h"
#include "project/project.h"
#include "script/script.h"
#include "util/fs.h"

static char S_dir[64];
static char S_chapter[96];

static void S_put(const char *rel, const char *text) {
  char path[160];
  snprintf(path, sizeof path, "%s/%s", S_dir, rel);
  fs_write_atomic(path, text, strlen(text));
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  snprintf(S_dir, sizeof S_dir, "/tmp/fuzz-md-%d", (int)getpid());
  char sub[96];
  snprintf(sub, sizeof sub, "%s/components", S_dir);
  fs_mkdirs(sub);
  snprintf(sub, sizeof sub, "%s/kapitler", S_dir);
  fs_mkdirs(sub);
  S_put("components/echo.lua",
        "return function(a) return { type = 'markdown', text = "
        "tostring(a.md or '') } end\n");
  S_put("components/t.lua",
        "return function(a)\n"
        "  return { type = 'table', id = a.id, caption = a.caption,\n"
        "    header = a.header, rows = a.rows, columns = a.columns }\n"
        "end\n");
  snprintf(S_chapter, sizeof S_chapter, "%s/kapitler/f.md", S_dir);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  FILE *f = fopen(S_chapter, "wb");
  if (!f)
    return 0;
  fwrite(data, 1, size, f);
  fclose(f);
  project p;
  memset(&p, 0, sizeof p);
  p.dir = S_dir;
  p.lang = "da";
  diag_list dg;
  diag_init(&dg);
  script_config cfg = {&p, NULL, NULL, false, ".", &dg};
  script *s = script_new(&cfg);
  /* small limits: the fuzzer must not wait for an endless loop */
  script_set_limits(s, 2000000, (size_t)16 << 20);
  doc *d = doc_new();
  md_directives dx = script_directives(s);
  markdown_parse_file(d, S_chapter, "kapitler/f.md", &dx, &dg);
  script_free(s);
  doc_words w = {"tabel", "figur", "afsnit"};
  doc_resolve(d, &w, &dg);
  char *t = doc_plain_text(d->root);
  free(t);
  doc_free(d);
  diag_free(&dg);
  return 0;
}
