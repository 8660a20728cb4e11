/* http_policy.c - the preview server's decision which requests to answer.
 * Contract and reasons in http_policy.h. */
#include "cli/http_policy.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Which loopback name s[0, n) is: 1 for 127.0.0.1, 2 for localhost (DNS
 * names are case-insensitive), 3 for [::1]; 0 for any other name. */
static int S_name(const char *s, size_t n) {
  if (n == 9 && !memcmp(s, "127.0.0.1", 9))
    return 1;
  if (n == 9 && !strncasecmp(s, "localhost", 9))
    return 2;
  if (n == 5 && !memcmp(s, "[::1]", 5))
    return 3;
  return 0;
}

/* The loopback name (as S_name) of the authority s, "name" or
 * "name:port", when its port is port_text exactly or, if port_optional, left
 * out; 0 for anything else. */
static int S_authority(const char *s, const char *port_text,
                       bool port_optional) {
  size_t n = s[0] == '[' ? strcspn(s, "]") + 1 : strcspn(s, ":");
  if (s[0] == '[' && s[n - 1] != ']') /* s[n - 1] is the terminator */
    return 0;
  int name = S_name(s, n);
  if (!name)
    return 0;
  const char *rest = s + n;
  if (!*rest)
    return port_optional ? name : 0;
  return rest[0] == ':' && !strcmp(rest + 1, port_text) ? name : 0;
}

/* True if path is absolute and free of "." and ".." segments, backslashes
 * and control characters: nothing that could reach outside the folder a
 * name is joined to, nor be read differently by another program. */
static bool S_clean_path(const char *path) {
  if (path[0] != '/')
    return false;
  for (const char *p = path; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c < 0x20 || c == 0x7f || c == '\\')
      return false;
  }
  for (const char *seg = path + 1;;) {
    size_t n = strcspn(seg, "/");
    if ((n == 1 && seg[0] == '.') ||
        (n == 2 && seg[0] == '.' && seg[1] == '.'))
      return false;
    if (!seg[n])
      return true;
    seg += n + 1;
  }
}

int watch_http_decide(const char *method, const char *host,
                      const char *origin, const char *sec_fetch_site,
                      const char *path, unsigned port,
                      watch_http_route *route) {
  if (strcmp(method, "GET") && strcmp(method, "HEAD"))
    return 405;
  char port_text[16];
  snprintf(port_text, sizeof port_text, "%u", port);
  int name = host ? S_authority(host, port_text, true) : 0;
  if (!name)
    return 421;
  if (origin && (strncmp(origin, "http://", 7) ||
                 S_authority(origin + 7, port_text, port == 80) != name))
    return 403;
  if (sec_fetch_site && strcmp(sec_fetch_site, "same-origin") &&
      strcmp(sec_fetch_site, "none"))
    return 403;
  if (!S_clean_path(path))
    return 400;
  size_t len = strlen(path);
  if (!strcmp(path, "/"))
    *route = WATCH_HTTP_PAGE;
  else if (!strcmp(path, WATCH_HTTP_STATUS_PATH))
    *route = WATCH_HTTP_STATUS;
  else if (len > 5 && path[1] != '.' && !strchr(path + 1, '/') &&
           !strcmp(path + len - 4, ".pdf"))
    *route = WATCH_HTTP_PDF;
  else
    return 404;
  return 200;
}
