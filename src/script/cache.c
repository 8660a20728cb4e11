/* cache.c - compiled Lua modules and components, kept for the next
 * Lua state of the same process.
 *
 * Every edition gets a fresh sandbox (script_new), and each one used to
 * parse the same modules (lua/lib) and component files again: a fifth of the
 * template stage of the example. The first state that loads a file
 * compiles its text as before; the function is dumped (with its debug
 * information, so messages keep their file and line) and later states
 * whose file has the same text (length and two hashes) and chunk name load
 * that bytecode.
 * Templates still cannot load bytecode themselves: only this file calls
 * the loader in binary mode, and only on what it dumped. */
#include <lauxlib.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "script/internal.h"
#include "util/buf.h"
#include "util/mem.h"

/* Bounds what the cache holds: a project with very many or very big
 * modules simply parses the rest every time. */
#define CACHE_MAX_ENTRIES 256
#define CACHE_MAX_BYTES ((size_t)16 << 20)

typedef struct {
  char *name; /* chunk name ("@lua/lib/fmt.lua") */
  /* the source it was compiled from, by length and two independent 64-bit
   * hashes rather than a copy (a copy costs page faults in a one-edition
   * build, which gains nothing from the cache). A collision could only
   * run another file's properly compiled code in the same sandbox, never
   * bytecode anyone else made. */
  size_t text_len;
  uint64_t h1, h2;
  char *code; /* lua_dump of the compiled chunk */
  size_t code_len;
} S_entry;

/* FNV-1a and a multiply-rotate hash: different mixing, so a text that
 * collides in one does not in the other. */
static void S_hash(const char *text, size_t len, uint64_t *h1, uint64_t *h2) {
  uint64_t a = 1469598103934665603ull, b = 0x9e3779b97f4a7c15ull;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)text[i];
    a = (a ^ c) * 1099511628211ull;
    b = (b + c + 1) * 0xff51afd7ed558ccdull;
    b ^= b >> 29;
  }
  *h1 = a;
  *h2 = b ^ (uint64_t)len;
}

static struct {
  S_entry *items;
  size_t len, cap, bytes;
  bool registered;
} S_cache;
/* builds run on one thread, but watch mode has a server thread too */
static pthread_mutex_t S_lock = PTHREAD_MUTEX_INITIALIZER;

static void S_free_all(void) {
  pthread_mutex_lock(&S_lock);
  for (size_t i = 0; i < S_cache.len; i++) {
    free(S_cache.items[i].name);
    free(S_cache.items[i].code);
  }
  free(S_cache.items);
  memset(&S_cache, 0, sizeof S_cache);
  S_cache.registered = true; /* atexit runs once */
  pthread_mutex_unlock(&S_lock);
}

static int S_writer(lua_State *L, const void *p, size_t sz, void *ud) {
  (void)L;
  buf_put(ud, p, sz);
  return 0;
}

/* Index of the entry for name and text, or -1. Called with the lock. */
static long S_find(const char *name, size_t len, uint64_t h1, uint64_t h2) {
  for (size_t i = 0; i < S_cache.len; i++) {
    const S_entry *e = &S_cache.items[i];
    if (e->text_len == len && e->h1 == h1 && e->h2 == h2 &&
        strcmp(e->name, name) == 0)
      return (long)i;
  }
  return -1;
}

int script_cache_load(lua_State *L, const char *text, size_t len,
                      const char *name) {
  uint64_t h1, h2;
  S_hash(text, len, &h1, &h2);
  pthread_mutex_lock(&S_lock);
  long i = S_find(name, len, h1, h2);
  if (i >= 0) {
    const S_entry *e = &S_cache.items[i];
    int rc = luaL_loadbufferx(L, e->code, e->code_len, name, "b");
    pthread_mutex_unlock(&S_lock);
    if (rc == LUA_OK)
      return rc;
    lua_pop(L, 1); /* cannot happen; parse the text as before */
  } else {
    pthread_mutex_unlock(&S_lock);
  }
  int rc = luaL_loadbufferx(L, text, len, name, "t");
  if (rc != LUA_OK)
    return rc;
  buf code = BUF_INIT;
  if (lua_dump(L, S_writer, &code, 0) != 0) {
    buf_free(&code);
    return rc;
  }
  pthread_mutex_lock(&S_lock);
  if (S_find(name, len, h1, h2) < 0 && S_cache.len < CACHE_MAX_ENTRIES &&
      S_cache.bytes + code.len <= CACHE_MAX_BYTES) {
    if (!S_cache.registered) {
      atexit(S_free_all);
      S_cache.registered = true;
    }
    XGROW(S_cache.items, S_cache.cap, S_cache.len + 1);
    S_entry *e = &S_cache.items[S_cache.len++];
    e->name = xstrdup(name);
    e->text_len = len;
    e->h1 = h1;
    e->h2 = h2;
    e->code_len = code.len;
    e->code = xrealloc(buf_detach(&code), e->code_len); /* no spare room */
    S_cache.bytes += e->code_len;
  }
  pthread_mutex_unlock(&S_lock);
  buf_free(&code);
  return rc;
}
