/* test_watch_http.c - which requests the preview server answers
 * (watch_http_decide, issue 14 item 3): loopback Host names only, its own
 * Origin only, no cross-site fetches, GET and HEAD, no path out of the
 * output folder; each refusal with its status, in the documented order. */
#include <stdio.h>

#include "test.h"
#include "cli/http_policy.h"

#define PORT 8765

/* The status for a request with these headers (NULL = absent) on PORT; the
 * route, when allowed, in *route (-1 when not). */
static int S_decide(const char *method, const char *host, const char *origin,
                    const char *site, const char *path, int *route) {
  watch_http_route r = (watch_http_route)-1;
  int status = watch_http_decide(method, host, origin, site, path, PORT, &r);
  *route = (int)r;
  return status;
}

static void S_status(const char *name, const char *method, const char *host,
                     const char *origin, const char *site, const char *path,
                     int want) {
  int route;
  CHECK_NUM(name, S_decide(method, host, origin, site, path, &route), want);
}

int main(void) {
  int route;

  /* Host: the three loopback names, with the port or without */
  static const char *const good_hosts[] = {
      "127.0.0.1", "127.0.0.1:8765", "localhost", "localhost:8765",
      "LocalHost:8765", "[::1]", "[::1]:8765"};
  for (size_t i = 0; i < sizeof good_hosts / sizeof *good_hosts; i++) {
    char name[80];
    snprintf(name, sizeof name, "Host %s is answered", good_hosts[i]);
    S_status(name, "GET", good_hosts[i], NULL, NULL, "/", 200);
  }
  static const char *const bad_hosts[] = {
      "evil.example", "evil.example:8765", "127.0.0.1:8766", "127.0.0.1:",
      "127.0.0.1:08765", "127.0.0.1:8765 ", "127.0.0.2", "127.0.0.1.",
      "localhost.", "localhost.evil.example", "127.0.0.1.evil.example",
      "[::1", "[::1]x", "[::2]:8765", "[0:0:0:0:0:0:0:1]", "", ":8765",
      "127.0.0.1:8765@evil.example", "0.0.0.0:8765", "127.1:8765"};
  for (size_t i = 0; i < sizeof bad_hosts / sizeof *bad_hosts; i++) {
    char name[80];
    snprintf(name, sizeof name, "Host '%s' is refused with 421",
             bad_hosts[i]);
    S_status(name, "GET", bad_hosts[i], NULL, NULL, "/", 421);
  }
  S_status("a request without Host is refused with 421", "GET", NULL, NULL,
           NULL, "/", 421);

  /* Origin: only http:// and the name of Host, with the port */
  S_status("the own Origin is answered", "GET", "127.0.0.1:8765",
           "http://127.0.0.1:8765", NULL, "/__rapport/status", 200);
  S_status("the own Origin under localhost is answered", "GET",
           "localhost:8765", "http://LOCALHOST:8765", NULL, "/", 200);
  S_status("the own Origin under [::1] is answered", "GET", "[::1]:8765",
           "http://[::1]:8765", NULL, "/", 200);
  static const char *const bad_origins[] = {
      "https://evil.example", "http://evil.example:8765", "null", "",
      "https://127.0.0.1:8765", "http://127.0.0.1", "http://127.0.0.1:80",
      "http://127.0.0.1:8765/", "http://localhost:8765",
      "http://127.0.0.1:87650", "HTTP://127.0.0.1:8765", "http://"};
  for (size_t i = 0; i < sizeof bad_origins / sizeof *bad_origins; i++) {
    char name[80];
    snprintf(name, sizeof name, "Origin '%s' is refused with 403",
             bad_origins[i]);
    S_status(name, "GET", "127.0.0.1:8765", bad_origins[i], NULL, "/", 403);
  }
  CHECK_NUM("on port 80 an Origin without the port is the own",
            watch_http_decide("GET", "127.0.0.1", "http://127.0.0.1", NULL,
                              "/", 80, &(watch_http_route){0}),
            200);

  /* Sec-Fetch-Site */
  S_status("Sec-Fetch-Site same-origin is answered", "GET", "127.0.0.1",
           NULL, "same-origin", "/", 200);
  S_status("Sec-Fetch-Site none (typed address) is answered", "GET",
           "127.0.0.1", NULL, "none", "/", 200);
  S_status("Sec-Fetch-Site cross-site is refused", "GET", "127.0.0.1", NULL,
           "cross-site", "/", 403);
  S_status("Sec-Fetch-Site same-site is refused", "GET", "127.0.0.1", NULL,
           "same-site", "/", 403);
  S_status("an unknown Sec-Fetch-Site is refused", "GET", "127.0.0.1", NULL,
           "Same-Origin", "/", 403);

  /* methods */
  static const char *const bad_methods[] = {"POST", "PUT", "DELETE",
                                            "OPTIONS", "get", "CONNECT",
                                            "TRACE", ""};
  for (size_t i = 0; i < sizeof bad_methods / sizeof *bad_methods; i++) {
    char name[80];
    snprintf(name, sizeof name, "method '%s' is refused with 405",
             bad_methods[i]);
    S_status(name, bad_methods[i], "127.0.0.1", NULL, NULL, "/", 405);
  }
  S_status("HEAD is answered", "HEAD", "127.0.0.1", NULL, NULL, "/", 200);

  /* paths and routes */
  CHECK_NUM("/ is the page",
            S_decide("GET", "127.0.0.1", NULL, NULL, "/", &route), 200);
  CHECK_NUM("/ routes to the page", route, WATCH_HTTP_PAGE);
  CHECK_NUM("the status path is answered",
            S_decide("GET", "127.0.0.1", NULL, NULL, "/__rapport/status",
                     &route),
            200);
  CHECK_NUM("the status path routes to the status", route, WATCH_HTTP_STATUS);
  CHECK_NUM("a PDF is answered",
            S_decide("GET", "127.0.0.1", NULL, NULL, "/midtvejs.pdf", &route),
            200);
  CHECK_NUM("a PDF routes to the PDF", route, WATCH_HTTP_PDF);
  CHECK_NUM("a refusal leaves the route alone",
            S_decide("GET", "evil.example", NULL, NULL, "/", &route), 421);
  CHECK_NUM("no route for a refusal", route, -1);
  static const char *const bad_paths[] = {
      "/../x.pdf", "/..", "/.", "/./x.pdf", "/a/../../x.pdf", "/a/..",
      "/..\\x.pdf", "/x\\..\\y.pdf", "x.pdf", "", "/x.pdf\n", "/\x7fx.pdf",
      "/x\ry.pdf", "//..//x.pdf"};
  for (size_t i = 0; i < sizeof bad_paths / sizeof *bad_paths; i++) {
    char name[80];
    int k = snprintf(name, sizeof name, "path '%s", bad_paths[i]);
    for (int j = 0; j < k; j++) /* one line per check in the output */
      if ((unsigned char)name[j] < 0x20 || name[j] == 0x7f)
        name[j] = '?';
    snprintf(name + k, sizeof name - (size_t)k, "' is refused with 400");
    S_status(name, "GET", "127.0.0.1", NULL, NULL, bad_paths[i], 400);
  }
  static const char *const missing[] = {
      "/.pdf", "/.x.pdf", "/a/x.pdf", "//x.pdf", "/x.PDF", "/x.pdf/",
      "/rapport.d", "/midtvejs.html", "/__rapport/status/", "/__rapport",
      "/..x.pdf", "/index.html"};
  for (size_t i = 0; i < sizeof missing / sizeof *missing; i++) {
    char name[80];
    snprintf(name, sizeof name, "path '%s' is 404", missing[i]);
    S_status(name, "GET", "127.0.0.1", NULL, NULL, missing[i], 404);
  }
  S_status("a name with dots inside is a PDF", "GET", "127.0.0.1", NULL, NULL,
           "/midtvejs.offentlig.pdf", 200);

  /* the order of the checks */
  S_status("the method is checked before Host", "POST", "evil.example",
           "https://evil.example", NULL, "/../x", 405);
  S_status("Host is checked before Origin", "GET", "evil.example",
           "https://evil.example", NULL, "/../x", 421);
  S_status("Origin is checked before the path", "GET", "127.0.0.1",
           "https://evil.example", NULL, "/../x", 403);
  return TEST_END();
}
