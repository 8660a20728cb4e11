/* zip.c - libzip, loaded when a Word edition is first written or read.
 *
 * Only the Word edition (src/docx) and its leak check (src/anon/scan_docx.c)
 * need a zip library, but Debian's libzip pulls in OpenSSL's libcrypto and
 * libbz2, whose loading doubled the start-up of every run (`rapport
 * --version` 200 times: 2.1 s without, 4.5 s linked; a rebuild of one
 * chapter pays it too). So the binary is not linked with it: these
 * definitions of the libzip functions rapport calls open the library with
 * dlopen on first use and forward to it, as src/cli/http.c does for
 * libmicrohttpd. The header is the package's own, so the types are
 * checked. Without the library every call fails, and the error text says
 * which package to install. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <zip.h>

#include "util/diag.h"

static void *S_lib;
static int S_tried;

static void *S_sym(const char *name) {
  if (!S_tried) {
    S_tried = 1;
    S_lib = dlopen("libzip.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!S_lib)
      S_lib = dlopen("libzip.so", RTLD_NOW | RTLD_LOCAL);
  }
  return S_lib ? dlsym(S_lib, name) : NULL;
}

static const char *S_missing(void) { return M_UTIL_LIBZIP_LIBRARY_IS_MISSING; }

/* Function pointers through a union: ISO C has no cast from void *. */
#define S_FN(name)                                                        \
  union {                                                                 \
    void *p;                                                              \
    __typeof__(name) *f;                                                  \
  } fn = {S_sym(#name)}

int zip_close(zip_t *a0) {
  S_FN(zip_close);
  return fn.p ? fn.f(a0) : -1;
}

void zip_discard(zip_t *a0) {
  S_FN(zip_discard);
  if (fn.p)
    fn.f(a0);
}

void zip_error_fini(zip_error_t *a0) {
  S_FN(zip_error_fini);
  if (fn.p)
    fn.f(a0);
}

void zip_error_init(zip_error_t *a0) {
  S_FN(zip_error_init);
  if (fn.p)
    fn.f(a0);
  else
    memset(a0, 0, sizeof *a0);
}

const char *zip_error_strerror(zip_error_t *a0) {
  S_FN(zip_error_strerror);
  return fn.p ? fn.f(a0) : S_missing();
}

int zip_fclose(zip_file_t *a0) {
  S_FN(zip_fclose);
  return fn.p ? fn.f(a0) : -1;
}

zip_int64_t zip_file_add(zip_t *a0, const char *a1, zip_source_t *a2, zip_flags_t a3) {
  S_FN(zip_file_add);
  return fn.p ? fn.f(a0, a1, a2, a3) : -1;
}

int zip_file_set_external_attributes(zip_t *a0, zip_uint64_t a1, zip_flags_t a2, zip_uint8_t a3, zip_uint32_t a4) {
  S_FN(zip_file_set_external_attributes);
  return fn.p ? fn.f(a0, a1, a2, a3, a4) : -1;
}

int zip_file_set_mtime(zip_t *a0, zip_uint64_t a1, time_t a2, zip_flags_t a3) {
  S_FN(zip_file_set_mtime);
  return fn.p ? fn.f(a0, a1, a2, a3) : -1;
}

zip_file_t *zip_fopen(zip_t *a0, const char *a1, zip_flags_t a2) {
  S_FN(zip_fopen);
  return fn.p ? fn.f(a0, a1, a2) : NULL;
}

zip_file_t *zip_fopen_index(zip_t *a0, zip_uint64_t a1, zip_flags_t a2) {
  S_FN(zip_fopen_index);
  return fn.p ? fn.f(a0, a1, a2) : NULL;
}

zip_int64_t zip_fread(zip_file_t *a0, void *a1, zip_uint64_t a2) {
  S_FN(zip_fread);
  return fn.p ? fn.f(a0, a1, a2) : -1;
}

zip_int64_t zip_get_num_entries(zip_t *a0, zip_flags_t a1) {
  S_FN(zip_get_num_entries);
  return fn.p ? fn.f(a0, a1) : -1;
}

zip_t *zip_open(const char *a0, int a1, int *a2) {
  S_FN(zip_open);
  return fn.p ? fn.f(a0, a1, a2) : NULL;
}

zip_t *zip_open_from_source(zip_source_t *a0, int a1, zip_error_t *a2) {
  S_FN(zip_open_from_source);
  return fn.p ? fn.f(a0, a1, a2) : NULL;
}

int zip_set_file_compression(zip_t *a0, zip_uint64_t a1, zip_int32_t a2, zip_uint32_t a3) {
  S_FN(zip_set_file_compression);
  return fn.p ? fn.f(a0, a1, a2, a3) : -1;
}

zip_source_t *zip_source_buffer(zip_t *a0, const void *a1, zip_uint64_t a2, int a3) {
  S_FN(zip_source_buffer);
  return fn.p ? fn.f(a0, a1, a2, a3) : NULL;
}

zip_source_t *zip_source_buffer_create(const void *a0, zip_uint64_t a1, int a2, zip_error_t *a3) {
  S_FN(zip_source_buffer_create);
  return fn.p ? fn.f(a0, a1, a2, a3) : NULL;
}

int zip_source_close(zip_source_t *a0) {
  S_FN(zip_source_close);
  return fn.p ? fn.f(a0) : -1;
}

void zip_source_free(zip_source_t *a0) {
  S_FN(zip_source_free);
  if (fn.p)
    fn.f(a0);
}

void zip_source_keep(zip_source_t *a0) {
  S_FN(zip_source_keep);
  if (fn.p)
    fn.f(a0);
}

int zip_source_open(zip_source_t *a0) {
  S_FN(zip_source_open);
  return fn.p ? fn.f(a0) : -1;
}

zip_int64_t zip_source_read(zip_source_t *a0, void *a1, zip_uint64_t a2) {
  S_FN(zip_source_read);
  return fn.p ? fn.f(a0, a1, a2) : -1;
}

int zip_source_stat(zip_source_t *a0, zip_stat_t *a1) {
  S_FN(zip_source_stat);
  return fn.p ? fn.f(a0, a1) : -1;
}

int zip_stat(zip_t *a0, const char *a1, zip_flags_t a2, zip_stat_t *a3) {
  S_FN(zip_stat);
  return fn.p ? fn.f(a0, a1, a2, a3) : -1;
}

int zip_stat_index(zip_t *a0, zip_uint64_t a1, zip_flags_t a2, zip_stat_t *a3) {
  S_FN(zip_stat_index);
  return fn.p ? fn.f(a0, a1, a2, a3) : -1;
}

const char *zip_strerror(zip_t *a0) {
  S_FN(zip_strerror);
  return fn.p ? fn.f(a0) : S_missing();
}
