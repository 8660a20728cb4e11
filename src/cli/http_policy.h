/* http_policy.h - which requests the preview server of `rapport watch`
 * answers (issue 14, item 3).
 *
 * The server shows the internal, non-anonymised edition. A web page the
 * researcher visits can make the browser talk to it: by DNS rebinding (a
 * name of the attacker's that resolves to 127.0.0.1, so the browser sends
 * that name as Host and lets the page read the answer) or by plain
 * cross-site requests. The decision is a pure function of the request so
 * it can be unit-tested (tests/unit/test_watch_http.c) and fuzzed
 * (fuzz/fuzz_http.c); src/cli/watch.c asks it before answering anything. */
#ifndef RAPPORT_WATCH_HTTP_H
#define RAPPORT_WATCH_HTTP_H

/* What an allowed request asks for. */
typedef enum {
  WATCH_HTTP_PAGE,   /* "/": the HTML edition with the reload script */
  WATCH_HTTP_STATUS, /* WATCH_HTTP_STATUS_PATH: version and build error */
  WATCH_HTTP_PDF     /* "/NAME.pdf": a file NAME.pdf of the output folder */
} watch_http_route;

#define WATCH_HTTP_STATUS_PATH "/__rapport/status"

/* Decides whether the preview server on 127.0.0.1:port answers a request.
 *
 * method and path are as libmicrohttpd passes them to the handler (path
 * percent-decoded, without the query); host, origin and sec_fetch_site are
 * the values of those headers, NULL when the request has none. Returns 200
 * and sets *route when the request is allowed; otherwise the status to
 * answer with, leaving *route untouched. The checks, in this order:
 *
 *   405  the method is not GET or HEAD (exactly, as HTTP methods are
 *        case-sensitive);
 *   421  Host is missing, or is not 127.0.0.1, localhost (any case) or
 *        [::1], either alone or followed by ":port" written as the decimal
 *        port (DNS rebinding sends the attacker's name);
 *   403  Origin is present and is not "http://" followed by the same name
 *        as Host and ":port" (the port may be left out only when it is 80;
 *        "null" is refused), or Sec-Fetch-Site is present and is not
 *        "same-origin" or "none" (a browser says "cross-site" or
 *        "same-site" when another site asks);
 *   400  path does not start with "/", or has a "." or ".." segment, a
 *        backslash or a control character;
 *   404  any path but "/", WATCH_HTTP_STATUS_PATH and "/NAME.pdf" where NAME
 *        is not empty, has no "/" and does not start with ".".
 *
 * method and path must not be NULL. Reads the strings only up to their
 * terminators; allocates nothing; safe from any thread. */
int watch_http_decide(const char *method, const char *host,
                      const char *origin, const char *sec_fetch_site,
                      const char *path, unsigned port,
                      watch_http_route *route);

#endif
