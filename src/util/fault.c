/* fault.c - the fault injection layer of the test build (see fault.h).
 * Compiled to nothing unless RAPPORT_FAULTS is defined. */
#ifdef RAPPORT_FAULTS
#define _GNU_SOURCE /* dladdr */
#include "util/fault.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The sites seen by this process: an open-addressed table, fixed so that
 * the allocator's hook never allocates (a build has a few hundred sites). */
#define S_SLOTS 16384

typedef struct {
  const char *what;
  const void *caller;
  unsigned char state; /* 0 free, 1 seen, 2 the site to fail */
  unsigned long calls;
} S_site;

static S_site S_sites[S_SLOTS];
static pthread_mutex_t S_lock = PTHREAD_MUTEX_INITIALIZER;
static bool S_ready, S_fired;
static int S_log = -1;
static char S_target[600]; /* the site to fail, "" for none */
static unsigned long S_target_call = 1; /* its call to fail */
/* a hook reached from inside the hook (dladdr, the log's write) passes */
static _Thread_local bool S_busy;

/* "what obj+0xoffset" into out (at least 512 bytes), by hand: snprintf
 * may allocate. */
static void S_name(const char *what, const void *caller, char *out) {
  Dl_info self, at;
  const char *obj = "?";
  uintptr_t off = (uintptr_t)caller;
  if (dladdr(caller, &at) && at.dli_fname) {
    off -= (uintptr_t)at.dli_fbase;
    obj = at.dli_fname;
    if (dladdr((const void *)&fault_hit, &self) &&
        self.dli_fbase == at.dli_fbase)
      obj = "rapport";
    const char *slash = strrchr(obj, '/');
    if (slash)
      obj = slash + 1;
  }
  size_t n = 0;
  for (const char *s = what; *s && n < 300; s++)
    out[n++] = *s;
  out[n++] = ' ';
  for (const char *s = obj; *s && n < 450; s++)
    out[n++] = *s;
  memcpy(out + n, "+0x", 3);
  n += 3;
  char hex[2 * sizeof off];
  int h = 0;
  do {
    hex[h++] = "0123456789abcdef"[off & 15];
    off >>= 4;
  } while (off);
  while (h > 0)
    out[n++] = hex[--h];
  out[n] = '\0';
}

static void S_note(const char *tag, const char *name) {
  if (S_log < 0)
    return;
  char line[600];
  size_t a = strlen(tag), b = strlen(name);
  memcpy(line, tag, a);
  line[a] = ' ';
  memcpy(line + a + 1, name, b);
  line[a + 1 + b] = '\n';
  /* one write per line: O_APPEND keeps the lines of threads and forked
   * editions whole */
  ssize_t w = write(S_log, line, a + b + 2);
  (void)w;
}

bool fault_hit(const char *what, const void *caller, int err) {
  if (S_busy)
    return false;
  S_busy = true;
  pthread_mutex_lock(&S_lock);
  if (!S_ready) {
    S_ready = true;
    const char *log = getenv("RAPPORT_FAULT_LOG");
    if (log && *log)
      S_log = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    const char *t = getenv("RAPPORT_FAULT");
    if (t && strlen(t) < sizeof S_target) {
      strcpy(S_target, t);
      char *hash = strchr(S_target, '#');
      if (hash) {
        *hash = '\0';
        S_target_call = strtoul(hash + 1, NULL, 10);
      }
    }
  }
  bool fail = false;
  if (S_log >= 0 || S_target[0]) {
    size_t h = ((uintptr_t)caller * 0x9E3779B97F4A7C15u ^ (uintptr_t)what) %
               S_SLOTS;
    for (size_t i = 0; i < S_SLOTS; i++, h = (h + 1) % S_SLOTS) {
      S_site *s = &S_sites[h];
      if (s->state && s->what == what && s->caller == caller) {
        s->calls++;
        if (s->state == 2 && !S_fired && s->calls == S_target_call) {
          char name[600];
          S_name(what, caller, name);
          S_note("fail", name);
          S_fired = fail = true;
        }
        break;
      }
      if (!s->state) {
        char name[600];
        S_name(what, caller, name);
        s->what = what;
        s->caller = caller;
        s->state = S_target[0] && !strcmp(name, S_target) ? 2 : 1;
        s->calls = 1;
        S_note("site", name);
        if (s->state == 2 && !S_fired && S_target_call == 1) {
          S_note("fail", name);
          S_fired = fail = true;
        }
        break;
      }
    }
  }
  pthread_mutex_unlock(&S_lock);
  S_busy = false;
  if (fail)
    errno = err;
  return fail;
}

/* At a normal exit, the number of calls at each site ("calls N NAME"):
 * faults.sh picks later calls of a site to fail from it. */
__attribute__((destructor)) static void S_counts(void) {
  if (S_log < 0)
    return;
  S_busy = true;
  pthread_mutex_lock(&S_lock);
  for (size_t i = 0; i < S_SLOTS; i++) {
    S_site *s = &S_sites[i];
    if (!s->state)
      continue;
    char name[600], tag[32];
    S_name(s->what, s->caller, name);
    size_t n = sizeof tag - 1;
    tag[n] = '\0';
    unsigned long c = s->calls;
    do {
      tag[--n] = (char)('0' + c % 10);
      c /= 10;
    } while (c);
    memcpy(tag + n - 6, "calls ", 6);
    S_note(tag + n - 6, name);
  }
  pthread_mutex_unlock(&S_lock);
}

/* The linker's --wrap sends every malloc, calloc and realloc of the
 * objects and static libraries here; __real_* are libc's. */
void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);

void *__wrap_malloc(size_t n) {
  return FAULT_ALLOC() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size) {
  return FAULT_ALLOC() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n) {
  return FAULT_ALLOC() ? NULL : __real_realloc(p, n);
}
#endif
