/* watch.c - the live preview loop.
 *
 * One thread (this one) waits on inotify and rebuilds; libmicrohttpd's
 * internal thread serves the last good page with a small script that polls
 * /__rapport/status and reloads (keeping the scroll position) when the
 * version changes, or shows the build error as a banner over the last good
 * page. Only loopback is bound, and only requests watch_http_decide allows
 * are answered (issue 14: the page is the internal edition, and a web page
 * the researcher visits must not read it through the browser). */
#define _GNU_SOURCE
#include "cli/watch.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "project/project.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fs.h"
#include "util/home.h"
#include "util/mem.h"
#include "cli/http_policy.h"

typedef struct {
  pthread_mutex_t lock;
  char *page;      /* the HTML served, with the reload script */
  size_t page_len;
  char *page_csp;  /* the page's Content-Security-Policy header */
  unsigned port;   /* the port served, which Host and Origin must name */
  char *error;     /* the last build's messages, NULL after a good build */
  unsigned long version;
  char *out_dir;
} S_state;

static volatile sig_atomic_t S_stop = 0;
static void S_on_signal(int sig) {
  (void)sig;
  S_stop = 1;
}

static double S_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static const char S_script[] =
    "<script nonce=\"%s\">(function(){var v=%lu,k='rapport-scroll:'+location.pathname;"
    "var y=sessionStorage.getItem(k);if(y!==null){sessionStorage.removeItem(k);"
    "window.scrollTo(0,+y);addEventListener('load',function(){window.scrollTo(0,+y);});}"
    "function banner(t){var b=document.getElementById('rapport-fejl');"
    "if(!t){if(b)b.remove();return;}if(!b){b=document.createElement('div');"
    "b.id='rapport-fejl';b.setAttribute('role','alert');b.style.cssText="
    "'position:fixed;top:0;left:0;right:0;z-index:99999;background:#8b0000;"
    "color:#fff;font:14px/1.45 monospace;padding:.8em 1em;white-space:pre-wrap;"
    "max-height:45vh;overflow:auto;box-shadow:0 2px 8px rgba(0,0,0,.4)';"
    "document.body.appendChild(b);}b.textContent='Byggefejl \\u2013 siden viser "
    "den sidste gode udgave:\\n'+t;}"
    "function poll(){fetch('/__rapport/status',{cache:'no-store'}).then(function(r)"
    "{return r.json();}).then(function(s){if(s.version!==v){sessionStorage.setItem("
    "k,String(window.scrollY));location.reload();return;}banner(s.error);"
    "setTimeout(poll,150);}).catch(function(){setTimeout(poll,1000);});}poll();})();"
    "</script>";

/* A fresh nonce for the reload script, as 32 hex digits in out[33]. */
static void S_nonce(char out[33]) {
  unsigned char r[16] = {0};
  if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) {
    /* a kernel without getrandom (before 3.17): the nonce only has to be
     * unknown in advance to the page's own content, the researcher's */
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    memcpy(r, &ts, sizeof ts < sizeof r ? sizeof ts : sizeof r);
  }
  for (size_t i = 0; i < sizeof r; i++)
    snprintf(out + 2 * i, 3, "%02x", r[i]);
}

/* The served copy: the reload script before </body>, and the page's
 * Content-Security-Policy meta moved into st->page_csp (the header), where
 * a nonce lets the reload script run and its fetch of the status reach
 * this server; as a meta it would block the script, as both policies
 * apply. The page may not be framed (clickjacking) nor send forms. */
static void S_make_page(S_state *st, const char *html, size_t n) {
  buf b = BUF_INIT;
  buf policy = BUF_INIT;
  char nonce[33];
  S_nonce(nonce);
  const char *csp = strstr(html, "http-equiv=\"Content-Security-Policy\"");
  const char *body_end = NULL;
  for (const char *p = html; (p = strstr(p, "</body>")); p++)
    body_end = p;
  size_t cut = body_end ? (size_t)(body_end - html) : n;
  size_t i = 0;
  if (csp) {
    const char *start = csp;
    while (start > html && *start != '<')
      start--;
    const char *end = strchr(csp, '>');
    if (end && (size_t)(start - html) < cut) {
      buf_put(&b, html, (size_t)(start - html));
      i = (size_t)(end + 1 - html);
      const char *c = strstr(start, "content=\"");
      const char *c_end = c && c < end ? strchr(c + 9, '"') : NULL;
      if (c_end && c_end < end) {
        buf_put(&policy, c + 9, (size_t)(c_end - c - 9));
        buf_puts(&policy, "; ");
      }
    }
  }
  /* the page allows its own script by hash (html/script.c); a second
   * script-src would be ignored, so the nonce joins the page's one */
  const char *own = strstr(buf_cstr(&policy), "script-src ");
  if (own) {
    size_t at = (size_t)(own - policy.data) + strlen("script-src ");
    buf rest = BUF_INIT;
    buf_puts(&rest, policy.data + at);
    policy.len = at;
    buf_printf(&policy, "'nonce-%s' %s", nonce, buf_cstr(&rest));
    buf_free(&rest);
  } else {
    buf_printf(&policy, "script-src 'nonce-%s'; ", nonce);
  }
  buf_puts(&policy, "connect-src 'self'; base-uri 'none'; "
                    "form-action 'none'; frame-ancestors 'none'");
  buf_put(&b, html + i, cut - i);
  buf_printf(&b, S_script, nonce, st->version);
  buf_put(&b, html + cut, n - cut);
  free(st->page);
  st->page_len = b.len;
  st->page = buf_detach(&b);
  free(st->page_csp);
  st->page_csp = buf_detach(&policy);
}

static void S_json_string(buf *b, const char *s) {
  buf_putc(b, '"');
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\')
      buf_printf(b, "\\%c", c);
    else if (c == '\n')
      buf_puts(b, "\\n");
    else if (c < 0x20)
      buf_printf(b, "\\u%04x", c);
    else
      buf_putc(b, c);
  }
  buf_putc(b, '"');
}

/* Every answer: never cached (the internal edition stays off the disk
 * cache), never sniffed as another type, no Referer sent from the page, and
 * not loadable by other sites' <img>, <script> or <embed>. csp is the
 * Content-Security-Policy, NULL for none: Chrome's PDF viewer is a page of
 * its own that a policy on the PDF would break. */
static enum MHD_Result S_send(struct MHD_Connection *c, unsigned code,
                              const char *type, const void *data, size_t n,
                              const char *csp) {
  struct MHD_Response *r =
      MHD_create_response_from_buffer(n, (void *)data, MHD_RESPMEM_MUST_COPY);
  if (!r)
    return MHD_NO;
  MHD_add_response_header(r, "Content-Type", type);
  MHD_add_response_header(r, "Cache-Control", "no-store");
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
  if (csp)
    MHD_add_response_header(r, "Content-Security-Policy", csp);
  if (code == 405)
    MHD_add_response_header(r, "Allow", "GET, HEAD");
  enum MHD_Result ret = MHD_queue_response(c, code, r);
  MHD_destroy_response(r);
  return ret;
}

/* The policy of every answer but the page and the PDFs. */
static const char S_csp_none[] = "default-src 'none'; frame-ancestors 'none'";

/* A short plain-text answer saying why and what to do instead. */
static enum MHD_Result S_text(struct MHD_Connection *c, unsigned code,
                              const char *text) {
  return S_send(c, code, "text/plain; charset=utf-8", text, strlen(text),
                S_csp_none);
}

/* The answer to a request watch_http_decide refused with status. */
static enum MHD_Result S_refuse(struct MHD_Connection *c, int status,
                                unsigned port) {
  char text[400];
  switch (status) {
  case 405:
    snprintf(text, sizeof text, "%s", M_CLI_405_PREVIEW_ONLY_ANSWERS);
    break;
  case 421:
    snprintf(text, sizeof text, M_CLI_421_PREVIEW_ONLY_ANSWERS, port);
    break;
  case 403:
    snprintf(text, sizeof text, M_CLI_403_PREVIEW_DOES_NOT, port);
    break;
  case 400:
    snprintf(text, sizeof text, "%s", M_CLI_400_INVALID_PATH_ARE);
    break;
  default:
    snprintf(text, sizeof text, M_CLI_NOT_FOUND_PREVIEW_ONLY, status);
  }
  return S_text(c, (unsigned)status, text);
}

static enum MHD_Result S_handle(void *cls, struct MHD_Connection *c,
                                const char *url, const char *method,
                                const char *version, const char *upload,
                                size_t *upload_size, void **con_cls) {
  (void)version, (void)upload, (void)upload_size, (void)con_cls;
  S_state *st = cls;
  const char *host =
      MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
  const char *origin =
      MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ORIGIN);
  const char *site =
      MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Site");
  pthread_mutex_lock(&st->lock);
  watch_http_route route = WATCH_HTTP_PAGE;
  int status = watch_http_decide(method, host, origin, site, url, st->port,
                                 &route);
  enum MHD_Result ret;
  if (status != 200) {
    ret = S_refuse(c, status, st->port);
  } else if (route == WATCH_HTTP_PAGE) {
    ret = st->page ? S_send(c, 200, "text/html; charset=utf-8", st->page,
                            st->page_len, st->page_csp)
                   : S_text(c, 503, M_CLI_BUILDING);
  } else if (route == WATCH_HTTP_STATUS) {
    buf b = BUF_INIT;
    buf_printf(&b, "{\"version\":%lu,\"error\":", st->version);
    if (st->error)
      S_json_string(&b, st->error);
    else
      buf_puts(&b, "null");
    buf_puts(&b, "}");
    ret = S_send(c, 200, "application/json", b.data, b.len, S_csp_none);
    buf_free(&b);
  } else {
    char *path = fs_join(st->out_dir, url + 1);
    size_t n = 0;
    char *data = fs_read(path, &n);
    ret = data ? S_send(c, 200, "application/pdf", data, n, NULL)
               : S_refuse(c, 404, st->port);
    free(data);
    free(path);
  }
  pthread_mutex_unlock(&st->lock);
  return ret;
}

/* ---- slow clients ----
 * A client that sends half a request and stalls, or a thousand of them,
 * must not keep others waiting: epoll (MHD_USE_AUTO picks it on Linux)
 * serves any number of sockets from the one server thread without waiting
 * on any, a connection silent for S_IDLE_S seconds is closed, and the
 * connection limit stays below the descriptors the process may open.
 * There is no per-IP limit: every client of a loopback server is
 * 127.0.0.1, the browser among them, so it could only lock the researcher
 * out together with whoever fills it. */
enum { S_IDLE_S = 10, S_MAX_CONN = 2000, S_FD_RESERVE = 256 };

/* The connection limit, after raising the soft descriptor limit (1024 on
 * most desktops) towards what S_MAX_CONN connections and the build need. */
static unsigned S_connection_limit(void) {
  const rlim_t want = S_MAX_CONN + S_FD_RESERVE;
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
    return S_FD_RESERVE;
  if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
    rl.rlim_cur = rl.rlim_max != RLIM_INFINITY && rl.rlim_max < want
                      ? rl.rlim_max
                      : want;
    if (setrlimit(RLIMIT_NOFILE, &rl) != 0 ||
        getrlimit(RLIMIT_NOFILE, &rl) != 0)
      return S_FD_RESERVE;
  }
  if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= want)
    return S_MAX_CONN;
  return (unsigned)(rl.rlim_cur > 2 * S_FD_RESERVE ? rl.rlim_cur - S_FD_RESERVE
                                                   : rl.rlim_cur / 2);
}

/* ---- inotify ---- */

static void S_watch_tree(int fd, const char *dir, const char *skip, int depth) {
  if (depth > 8)
    return;
  inotify_add_watch(fd, dir,
                    IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |
                        IN_DELETE);
  DIR *d = opendir(dir);
  if (!d)
    return;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.' || !strcmp(e->d_name, "node_modules"))
      continue;
    char *sub = fs_join(dir, e->d_name);
    struct stat st;
    if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
      char *real = fs_realpath(sub);
      if (!(skip && real && !strcmp(real, skip)))
        S_watch_tree(fd, sub, skip, depth + 1);
      free(real);
    }
    free(sub);
  }
  closedir(d);
}

/* Reads pending events; true if any concerns a source file. */
static bool S_drain(int fd, bool *new_dir) {
  char ev[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
  bool relevant = false;
  for (;;) {
    ssize_t n = read(fd, ev, sizeof ev);
    if (n <= 0)
      break;
    for (char *p = ev; p < ev + n;) {
      struct inotify_event *ie = (struct inotify_event *)p;
      const char *name = ie->len ? ie->name : "";
      size_t len = strlen(name);
      bool ignore = name[0] == '.' || strstr(name, ".tmp-") ||
                    (len && name[len - 1] == '~') ||
                    (len > 4 && !strcmp(name + len - 4, ".swp"));
      if (!ignore)
        relevant = true;
      if ((ie->mask & IN_ISDIR) && (ie->mask & IN_CREATE))
        *new_dir = true;
      p += sizeof *ie + ie->len;
    }
  }
  return relevant;
}

/* The page is replaced as soon as the HTML is written; the PDF follows. */
static void S_on_html(void *ctx, const char *path) {
  S_state *st = ctx;
  size_t n = 0;
  char *html = fs_read(path, &n);
  if (!html)
    return;
  pthread_mutex_lock(&st->lock);
  st->version++;
  S_make_page(st, html, n);
  free(st->error);
  st->error = NULL;
  pthread_mutex_unlock(&st->lock);
  free(html);
}

static int S_rebuild(build_options *o, S_state *st) {
  buf msgs = BUF_INIT;
  free(o->html_path);
  o->html_path = NULL;
  o->messages = &msgs;
  o->on_html = S_on_html;
  o->on_html_ctx = st;
  int rc = build_run(o);
  o->messages = NULL;
  pthread_mutex_lock(&st->lock);
  if (rc == 0) {
    free(st->error);
    st->error = NULL;
  } else {
    free(st->error);
    st->error = xstrdup(msgs.len ? buf_cstr(&msgs) : "?");
  }
  pthread_mutex_unlock(&st->lock);
  buf_free(&msgs);
  return rc;
}

int watch_run(build_options *o, int port) {
  if (!home_dir_or_report()) /* nothing to serve, lua/ cannot be watched */
    return 1;
  S_state st = {0};
  pthread_mutex_init(&st.lock, NULL);
  o->pdf = o->html = true;
  o->first_only = true; /* the page shown is the first (or named) edition */
  if (!o->out_dir) {
    char *base = project_dir_name(o->project_dir);
    st.out_dir = fs_join("out", base);
    free(base);
  } else {
    st.out_dir = xstrdup(o->out_dir);
  }
  const char *given_out = o->out_dir;
  o->out_dir = st.out_dir;
  S_rebuild(o, &st);

  struct sockaddr_in addr;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_port = htons((uint16_t)port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  st.port = (unsigned)port; /* 0: set below, before anyone knows the port */
  struct MHD_Daemon *daemon = MHD_start_daemon(
      MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG, (uint16_t)port, NULL,
      NULL, S_handle, &st, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)S_IDLE_S,
      MHD_OPTION_CONNECTION_LIMIT, S_connection_limit(), MHD_OPTION_END);
  if (!daemon) {
    fprintf(stderr, M_CLI_RAPPORT_CANNOT_LISTEN_127, port);
    o->out_dir = given_out;
    free(st.out_dir);
    free(st.page);
    free(st.page_csp);
    free(st.error);
    free(o->html_path);
    o->html_path = NULL;
    return 1;
  }
  const union MHD_DaemonInfo *info =
      MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
  int bound = info ? info->port : port;
  pthread_mutex_lock(&st.lock);
  st.port = (unsigned)bound;
  pthread_mutex_unlock(&st.lock);
  printf(M_CLI_PREVIEW_HTTP_127_0, bound);
  fflush(stdout);

  int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  char *skip = fs_realpath(st.out_dir);
  S_watch_tree(fd, o->project_dir, skip, 0);
  char *lua_dir = fs_join(home_dir(), "lua");
  char *themes_dir = fs_join(home_dir(), "themes");
  S_watch_tree(fd, lua_dir, skip, 0);
  S_watch_tree(fd, themes_dir, skip, 0);

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = S_on_signal;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);

  while (!S_stop) {
    struct pollfd p = {fd, POLLIN, 0};
    int r = poll(&p, 1, 500);
    if (r <= 0)
      continue;
    double t0 = S_now_ms();
    bool new_dir = false;
    bool relevant = S_drain(fd, &new_dir);
    /* editors save in several steps: wait for a short quiet spell */
    while (poll(&p, 1, 15) > 0)
      relevant |= S_drain(fd, &new_dir);
    if (new_dir) {
      S_watch_tree(fd, o->project_dir, skip, 0);
    }
    if (!relevant)
      continue;
    int rc = S_rebuild(o, &st);
    printf(M_CLI_MS_AFTER_SAVING,
           rc == 0 ? M_CLI_REBUILT : M_CLI_ERROR_PAGE_SHOWS_LAST,
           S_now_ms() - t0);
    fflush(stdout);
  }
  fputs(M_CLI_STOPPED, stdout);
  MHD_stop_daemon(daemon);
  close(fd);
  free(skip);
  free(lua_dir);
  free(themes_dir);
  o->out_dir = given_out;
  free(st.out_dir);
  free(st.page);
  free(st.page_csp);
  free(st.error);
  free(o->html_path);
  o->html_path = NULL;
  pthread_mutex_destroy(&st.lock);
  return 0;
}
