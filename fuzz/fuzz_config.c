/* fuzz_config.c - libFuzzer harness for reading configuration files
 * (src/project/luacfg.c in the sandbox of src/script/sandbox.c): any bytes as a
 * rapport.lua, theme.lua or locale file must load and flatten or fail with
 * diagnostics, never crash, leak, hang or reach Lua's panic handler.
 * FUZZ-SOURCES: src/project/luacfg.c src/script/sandbox.c src/util/[a-z]*.c
 * FUZZ-LIBS: -I/usr/include/lua5.4 -llua5.4 -lm
 * FUZZ-SEEDS: tests/fixtures/pipeline/rapport.lua content/eksempel/rapport.lua themes/klassisk/theme.lua themes/kommune/theme.lua lua/locale/da.lua lua/locale/en.lua
 * `sh fuzz/run.sh config` builds and runs it (FUZZ_TIME seconds), from
 * a corpus seeded with the FUZZ-SEEDS files. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "project/luacfg.h"
#include "util/diag.h"

/* Touches what flattening hands over, so a bad pointer shows under ASan. */
static void S_add(void *ctx, const char *key, const char *value) {
  size_t *n = ctx;
  *n += strlen(key) + strlen(value);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* luacfg reads files: one per fuzzing process */
  static char path[64];
  if (!path[0])
    snprintf(path, sizeof path, "/tmp/fuzz_config_%d.lua", (int)getpid());
  FILE *f = fopen(path, "wb");
  if (!f)
    return 0;
  fwrite(data, 1, size, f);
  fclose(f);
  diag_list diags;
  diag_init(&diags);
  lua_State *L = luacfg_state();
  if (luacfg_run(L, path, "rapport.lua", &diags)) {
    size_t n = 0;
    luacfg_flatten(L, S_add, &n);
  }
  luacfg_close(L);
  diag_free(&diags);
  return 0;
}
