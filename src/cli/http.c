/* http.c - libmicrohttpd, loaded when `rapport watch` first serves.
 *
 * Only the preview server needs HTTP, but linking libmicrohttpd pulls in
 * GnuTLS and ten libraries behind it, whose loading and start-up cost every
 * run about 9 ms of CPU (measured with `perf stat` on an empty program
 * linked with and without it), more than a small edition's whole HTML.
 * So the binary is not linked with it: these definitions of the functions
 * watch.c calls open the library with dlopen on first use and forward to
 * it. The header is still the package's own, so the types are checked. */
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>

#include <microhttpd.h>

#include "util/diag.h"

static void *S_lib;
static int S_tried;

/* The library's function `name`, or NULL (with a message, once). */
static void *S_sym(const char *name) {
  if (!S_tried) {
    S_tried = 1;
    S_lib = dlopen("libmicrohttpd.so.12", RTLD_NOW | RTLD_LOCAL);
    if (!S_lib)
      S_lib = dlopen("libmicrohttpd.so", RTLD_NOW | RTLD_LOCAL);
    if (!S_lib)
      fprintf(stderr, "%s", M_CLI_RAPPORT_PREVIEW_NEEDS_LIBMICROHTTPD);
  }
  return S_lib ? dlsym(S_lib, name) : NULL;
}

/* Function pointers through a union: ISO C has no cast from void *. */
#define S_FN(type, name)                                                  \
  union {                                                                  \
    void *p;                                                               \
    type f;                                                                \
  } fn = {S_sym(name)}

typedef struct MHD_Daemon *(*S_start_va)(unsigned int, uint16_t,
                                         MHD_AcceptPolicyCallback, void *,
                                         MHD_AccessHandlerCallback, void *,
                                         va_list);
typedef void (*S_stop)(struct MHD_Daemon *);
typedef const union MHD_DaemonInfo *(*S_info)(struct MHD_Daemon *,
                                              enum MHD_DaemonInfoType, ...);
typedef struct MHD_Response *(*S_create)(size_t, void *,
                                         enum MHD_ResponseMemoryMode);
typedef enum MHD_Result (*S_header)(struct MHD_Response *, const char *,
                                    const char *);
typedef enum MHD_Result (*S_queue)(struct MHD_Connection *, unsigned int,
                                   struct MHD_Response *);
typedef void (*S_destroy)(struct MHD_Response *);
typedef const char *(*S_lookup)(struct MHD_Connection *, enum MHD_ValueKind,
                                const char *);

struct MHD_Daemon *MHD_start_daemon(unsigned int flags, uint16_t port,
                                    MHD_AcceptPolicyCallback apc,
                                    void *apc_cls,
                                    MHD_AccessHandlerCallback dh,
                                    void *dh_cls, ...) {
  S_FN(S_start_va, "MHD_start_daemon_va");
  if (!fn.p)
    return NULL;
  va_list ap;
  va_start(ap, dh_cls);
  struct MHD_Daemon *d = fn.f(flags, port, apc, apc_cls, dh, dh_cls, ap);
  va_end(ap);
  return d;
}

void MHD_stop_daemon(struct MHD_Daemon *daemon) {
  S_FN(S_stop, "MHD_stop_daemon");
  if (fn.p)
    fn.f(daemon);
}

/* Only the info types without further arguments (BIND_PORT) are used. */
const union MHD_DaemonInfo *
MHD_get_daemon_info(struct MHD_Daemon *daemon,
                    enum MHD_DaemonInfoType info_type, ...) {
  S_FN(S_info, "MHD_get_daemon_info");
  return fn.p ? fn.f(daemon, info_type) : NULL;
}

struct MHD_Response *
MHD_create_response_from_buffer(size_t size, void *buffer,
                                enum MHD_ResponseMemoryMode mode) {
  S_FN(S_create, "MHD_create_response_from_buffer");
  return fn.p ? fn.f(size, buffer, mode) : NULL;
}

enum MHD_Result MHD_add_response_header(struct MHD_Response *response,
                                        const char *header,
                                        const char *content) {
  S_FN(S_header, "MHD_add_response_header");
  return fn.p ? fn.f(response, header, content) : MHD_NO;
}

enum MHD_Result MHD_queue_response(struct MHD_Connection *connection,
                                   unsigned int status_code,
                                   struct MHD_Response *response) {
  S_FN(S_queue, "MHD_queue_response");
  return fn.p ? fn.f(connection, status_code, response) : MHD_NO;
}

void MHD_destroy_response(struct MHD_Response *response) {
  S_FN(S_destroy, "MHD_destroy_response");
  if (fn.p)
    fn.f(response);
}

const char *MHD_lookup_connection_value(struct MHD_Connection *connection,
                                        enum MHD_ValueKind kind,
                                        const char *key) {
  S_FN(S_lookup, "MHD_lookup_connection_value");
  return fn.p ? fn.f(connection, kind, key) : NULL;
}
