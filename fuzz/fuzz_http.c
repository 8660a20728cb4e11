/* fuzz_http.c - libFuzzer harness for the preview server's request check
 * (watch_http_decide, src/cli/http_policy.c): any method, Host, Origin,
 * Sec-Fetch-Site and path must get one of the documented statuses, never a
 * crash or a read past a string; and whatever it allows must be a GET or
 * HEAD under a loopback name, with a path that cannot leave the output
 * folder. The input is the port (2 bytes), a byte whose bits say which
 * headers are absent, then the five strings separated by newlines.
 * Run with fuzz/run.sh (make fuzz); these lines tell it how to build:
 * FUZZ-SOURCES: src/cli/http_policy.c
 * FUZZ-SEEDS: tests/fixtures/http/[a-z]*.req
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/http_policy.h"

/* A copy of the next field of data[*at, size) up to '\n', in a buffer of
 * exactly its size so ASan sees any read past the terminator. */
static char *S_field(const uint8_t *data, size_t size, size_t *at) {
  size_t start = *at, end = start;
  while (end < size && data[end] != '\n')
    end++;
  char *s = malloc(end - start + 1);
  if (!s)
    abort();
  memcpy(s, data + start, end - start);
  s[end - start] = '\0';
  *at = end < size ? end + 1 : end;
  return s;
}

/* The name part of an allowed Host is a loopback name: an independent
 * check of what the function must have accepted. */
static int S_loopback_host(const char *h, unsigned port) {
  char p[16];
  snprintf(p, sizeof p, ":%u", port);
  static const char *const names[] = {"127.0.0.1", "localhost", "[::1]"};
  for (size_t i = 0; i < 3; i++) {
    size_t n = strlen(names[i]);
    if (!strncasecmp(h, names[i], n) && (!h[n] || !strcmp(h + n, p)))
      return 1;
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 3)
    return 0;
  unsigned port = (unsigned)data[0] << 8 | data[1];
  uint8_t absent = data[2];
  size_t at = 3;
  char *method = S_field(data, size, &at);
  char *host = S_field(data, size, &at);
  char *origin = S_field(data, size, &at);
  char *site = S_field(data, size, &at);
  char *path = S_field(data, size, &at);
  watch_http_route route = (watch_http_route)99;
  int status = watch_http_decide(method, absent & 1 ? NULL : host,
                                 absent & 2 ? NULL : origin,
                                 absent & 4 ? NULL : site, path, port, &route);
  switch (status) {
  case 200:
    if (strcmp(method, "GET") && strcmp(method, "HEAD"))
      abort(); /* a method other than GET or HEAD */
    if (absent & 1 || !S_loopback_host(host, port))
      abort(); /* a foreign Host */
    if (!(absent & 2) && strncmp(origin, "http://", 7))
      abort(); /* a foreign Origin */
    if (path[0] != '/' || strstr(path, "/..") || strstr(path, "/./") ||
        strchr(path, '\\'))
      abort(); /* a path that can leave the folder */
    if (route == WATCH_HTTP_PAGE ? strcmp(path, "/") != 0
        : route == WATCH_HTTP_STATUS
            ? strcmp(path, WATCH_HTTP_STATUS_PATH) != 0
        : route == WATCH_HTTP_PDF ? strchr(path + 1, '/') != NULL
                                  : 1)
      abort(); /* a route that does not match the path */
    break;
  case 400:
  case 403:
  case 404:
  case 405:
  case 421:
    if (route != (watch_http_route)99)
      abort(); /* a refusal that set the route */
    break;
  default:
    abort();
  }
  free(method);
  free(host);
  free(origin);
  free(site);
  free(path);
  return 0;
}
