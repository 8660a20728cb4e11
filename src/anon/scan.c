/* scan.c - the leak check over what a public build really wrote.
 *
 * It trusts nothing upstream: a PDF is read twice, as the text pdftotext
 * extracts (what a reader copies, page by page) and as its raw objects
 * (those inside object streams too) with every Flate stream inflated and
 * every string decoded (UTF-16BE with or without a byte order mark,
 * PDFDocEncoding/Latin-1, UTF-8), which is where the outline, the Info
 * dictionary, link targets and the structure tree's texts live. HTML is
 * read as bytes after decoding entities and percent escapes, once with the
 * tags and once without (so "<em>Viborg</em> Kommune" is seen whole);
 * so is each part of a Word file (scan_docx.c).
 * Embedded base64 data (fonts, images) is skipped: random letters there
 * would match short names. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "anon/anon.h"
#include "anon/internal.h"
#include "util/fs.h"
#include "util/mem.h"
#include "util/utf8.h"

extern char **environ;

#define S_MAX_REPORTED 20

/* A hit of the raw PDF scan, held until the text scan is done: the raw
 * scan runs while pdftotext is still working, and a hit on a page whose
 * text already showed the name is not repeated. */
typedef struct {
  long page; /* the content stream's page, 0 = not page text */
  char *msg;
} S_pending;

typedef struct {
  const anon_map *m;
  const char *path;
  diag_list *diags;
  int hits, reported;
  bool defer;       /* hits go to pending (the raw PDF scan) */
  long page;        /* the page of what is scanned now, when deferring */
  S_pending *pending;
  size_t npending, pending_cap;
} S_scan;

static void S_report(S_scan *sc, const char *msg) {
  sc->hits++;
  if (++sc->reported > S_MAX_REPORTED)
    return;
  diag_error(sc->diags, sc->path, 0, 0, "%s", msg);
}

static void S_hit(S_scan *sc, const anon_norm *n, const anon_hit *h, int line,
                  const char *where) {
  if (!sc->defer) {
    sc->hits++;
    if (++sc->reported > S_MAX_REPORTED)
      return;
  }
  size_t end = h->word_end > h->end ? h->word_end : h->end;
  buf form = BUF_INIT, ctx = BUF_INIT, msg = BUF_INIT;
  size_t a = h->start;
  while (a > 0 && anon_is_word_cp(n->lc[a - 1])) /* the whole word */
    a--;
  anon_norm_text(n, a, end, &form);
  anon_context(n, a, end, 40, &ctx);
  buf_printf(&msg, M_ANON_REAL_NAME_IS_PUBLIC, sc->m->entries[h->entry].real,
             where, buf_cstr(&form), buf_cstr(&ctx));
  if (sc->defer) {
    XGROW(sc->pending, sc->pending_cap, sc->npending + 1);
    sc->pending[sc->npending++] = (S_pending){sc->page, buf_detach(&msg)};
  } else {
    diag_error(sc->diags, sc->path, line, 0, "%s", buf_cstr(&msg));
  }
  buf_free(&form);
  buf_free(&ctx);
  buf_free(&msg);
}

/* Reports the held raw-scan hits, except page text on a page where the
 * extracted text already had a hit. */
static void S_flush_pending(S_scan *sc, const bool *page_hit, size_t npages) {
  for (size_t i = 0; i < sc->npending; i++) {
    long pg = sc->pending[i].page;
    bool seen = page_hit && pg > 0 && (size_t)pg <= npages && page_hit[pg - 1];
    if (!seen)
      S_report(sc, sc->pending[i].msg);
    free(sc->pending[i].msg);
  }
  free(sc->pending);
  sc->pending = NULL;
  sc->npending = sc->pending_cap = 0;
}

static size_t S_count(const char *s, size_t upto, char c) {
  size_t k = 0;
  for (size_t i = 0; i < upto; i++)
    k += s[i] == c;
  return k;
}

/* What S_scan_text reports its hits with. */
typedef struct {
  S_scan *sc;
  const char *s;
  char counter;
  const char *where_fmt;
  bool *page_hit;
  size_t npages;
  size_t counted, count; /* counters before byte `counted` */
  int hits;
} S_text_scan;

static void S_text_hit(void *ctx, const anon_norm *n, const anon_hit *h) {
  S_text_scan *t = ctx;
  if (h->kind == ANON_HIT_DOUBT)
    return; /* the build listed it; the same rule reads it here */
  size_t k = 0;
  if (t->counter) {
    t->count += S_count(t->s + t->counted, n->beg[h->start] - t->counted,
                        t->counter);
    t->counted = n->beg[h->start];
    k = t->count + 1;
  }
  if (t->page_hit && k > 0 && k <= t->npages)
    t->page_hit[k - 1] = true;
  buf where = BUF_INIT;
  buf_printf(&where, t->where_fmt, k);
  S_hit(t->sc, n, h, t->counter == '\n' ? (int)k : 0, buf_cstr(&where));
  buf_free(&where);
  t->hits++;
}

/* Scans text; `where` gets "%zu" filled with the page (form feeds) or line
 * (newlines) of each hit when counter is '\f' or '\n'. Only the windows
 * around the places where a hit may begin are read: most objects of a PDF
 * (numbers, keys, references) have none, a page of text a few. Returns
 * hits. */
static int S_scan_text(S_scan *sc, const char *s, size_t len, bool join,
                       char counter, const char *where_fmt,
                       bool *page_hit, size_t npages) {
  S_text_scan t = {sc, s, counter, where_fmt, page_hit, npages, 0, 0, 0};
  anon_find_in_windows(sc->m, s, len, join, S_text_hit, &t);
  return t.hits;
}

/* ---- HTML (decoding in scan_html.c) ---- */

static void S_scan_markup(S_scan *sc, const char *s, size_t len,
                          const char *where) {
  buf dec = BUF_INIT, bare = BUF_INIT, dec2 = BUF_INIT;
  anon_html_decode(s, len, &dec);
  int raw_hits = S_scan_text(sc, dec.data ? dec.data : "", dec.len, false,
                             '\n', where, NULL, 0);
  if (!raw_hits) { /* the text without tags only adds names split by tags */
    anon_html_strip_tags(s, len, &bare);
    anon_html_decode(buf_cstr(&bare), bare.len, &dec2);
    S_scan_text(sc, buf_cstr(&dec2), dec2.len, false, '\n', where, NULL, 0);
  }
  buf_free(&dec);
  buf_free(&bare);
  buf_free(&dec2);
}

/* The page's one <script> is rapport's own fixed code (its hash is pinned
 * in the page's CSP, so nothing else can run); its identifiers such as
 * aria-describedby are not text a reader sees and would read as names
 * (Ribe). Its bytes become spaces, keeping line numbers. */
static void S_scan_html(S_scan *sc, const char *s, size_t len) {
  char *copy = xmalloc(len + 1);
  memcpy(copy, s, len);
  copy[len] = '\0';
  for (char *p = copy; (p = strstr(p, "<script"));) {
    char *end = strstr(p, "</script>");
    if (!end)
      break;
    for (char *q = p + 7; q < end; q++)
      if (*q != '\n')
        *q = ' ';
    p = end + 9;
  }
  S_scan_markup(sc, copy, len, M_ANON_LINE);
  free(copy);
}

/* ---- Word: every part of the archive (scan_docx.c) ---- */

static void S_docx_part(void *ctx, const char *part, bool is_name,
                        const char *text, size_t len) {
  buf where = BUF_INIT;
  for (const char *p = part; *p; p++) /* the name goes into a format */
    buf_puts(&where, *p == '%' ? "%%" : (char[2]){*p, 0});
  buf_puts(&where, is_name ? M_ANON_NAME : M_ANON_LINE_LINJE);
  S_scan_markup(ctx, text, len, buf_cstr(&where));
  buf_free(&where);
}

static bool S_is_docx(const char *path, const char *s, size_t len) {
  size_t pl = strlen(path);
  return (pl > 5 && !strcasecmp(path + pl - 5, ".docx")) ||
         (len >= 4 && !memcmp(s, "PK\x03\x04", 4));
}

/* ---- PDF: text through pdftotext ---- */

/* pdftotext running in the background: it reads a copy of the PDF from an
 * unlinked temporary file and writes to another, not to a pipe, so it
 * never waits for us to read while we scan the rest. */
typedef struct {
  pid_t pid; /* 0 = not started */
  int fd;    /* its output, -1 if none */
} S_extract;

static bool S_name_char(char c) {
  return c && !strchr(" \t\r\n\f/[]<>()%{}", c);
}

/* Keys poppler reads for every page that text extraction never uses; in
 * the copy pdftotext reads, the last letter of each is changed, so no byte
 * moves (the cross-reference offsets stay right) and every page, font,
 * width and ToUnicode map is read as written: the text is the same. The
 * raw scan still reads the file itself.
 * - The catalog's /OutputIntents (the colour profile PDF/A asks for): poppler
 *   opened that ICC profile and built colour transforms from it for every
 *   page (Gfx::initDisplayProfile); on the example's 31 pages 0.43 s of
 *   pdftotext's 0.51 s of CPU.
 * - A CID font's /CIDToGIDMap stream (libharu writes 128 KB a font):
 *   poppler inflates and stores it for every page that uses the font (in
 *   GfxCIDFont's constructor), for drawing glyphs only; its text comes from
 *   the codes and the ToUnicode map. 9 % of pdftotext's instructions on the
 *   example, 16 % on bench/dense.
 * - The /FontFile2 of a CID font's descriptor: poppler inflates the start
 *   of the font program for every page to tell TrueType from OpenType
 *   (GfxFont::getFontType), which a CIDFontType2 font says already; a CID
 *   font's text never reads the program (a simple font's may: its
 *   descriptors keep the key). 5 % of pdftotext's instructions. */
static const struct {
  const char *key, *in; /* the key, and a name its object must hold */
} S_unread_keys[] = {{"/OutputIntents", "/Catalog"},
                     {"/CIDToGIDMap", "/CIDFontType2"}};

/* The object around s[i]: from its "obj" (the nearest before i) to its
 * endobj, as [*a, *b). */
static void S_object_span(const char *s, size_t len, size_t i, size_t *a,
                          size_t *b) {
  *a = i;
  while (*a >= 3 && memcmp(s + *a - 3, "obj", 3) != 0)
    (*a)--;
  const char *e = mem_find(s + i, len - i, "endobj", 6);
  *b = e ? (size_t)(e - s) : len;
}

/* The offset of key (a whole PDF name) in s[a..b), or SIZE_MAX. */
static size_t S_key_at(const char *s, size_t a, size_t b, const char *key) {
  size_t kl = strlen(key);
  for (const char *q = s + a; (size_t)(q - s) + kl <= b; q += kl) {
    q = mem_find(q, b - (size_t)(q - s), key, kl);
    if (!q)
      break;
    if ((size_t)(q - s) + kl < b && !S_name_char(q[kl]))
      return (size_t)(q - s);
  }
  return SIZE_MAX;
}

/* The object "num gen obj" as [*a, *b) (from its header); false if none. */
static bool S_object_by_ref(const char *s, size_t len, long num, long gen,
                            size_t *a, size_t *b) {
  char head[48];
  int hl = snprintf(head, sizeof head, "%ld %ld obj", num, gen);
  for (const char *p = s; p && (size_t)(p - s) < len; p++) {
    p = mem_find(p, len - (size_t)(p - s), head, (size_t)hl);
    if (!p)
      return false;
    if (p == s || p[-1] < '0' || p[-1] > '9') {
      S_object_span(s, len, (size_t)(p - s) + (size_t)hl, a, b);
      *a = (size_t)(p - s);
      return true;
    }
  }
  return false;
}

/* How many times "num gen R" stands in s: the references to an object. */
static size_t S_refs(const char *s, size_t len, long num, long gen) {
  char ref[48];
  int rl = snprintf(ref, sizeof ref, "%ld %ld R", num, gen);
  size_t k = 0;
  for (const char *p = s; (size_t)(p - s) < len; p += rl) {
    p = mem_find(p, len - (size_t)(p - s), ref, (size_t)rl);
    if (!p)
      break;
    k += p == s || p[-1] < '0' || p[-1] > '9';
  }
  return k;
}

/* Appends to at[] the offset of the last letter of each such key in s (at
 * most max); returns how many. */
static size_t S_unread_letters(const char *s, size_t len, size_t *at,
                               size_t max) {
  size_t n = 0;
  for (size_t k = 0; k < sizeof S_unread_keys / sizeof *S_unread_keys; k++) {
    const char *key = S_unread_keys[k].key, *in = S_unread_keys[k].in;
    size_t kl = strlen(key);
    for (size_t from = 0; n < max;) {
      size_t i = S_key_at(s, from, len, key);
      if (i == SIZE_MAX)
        break;
      from = i + kl;
      size_t a, b;
      S_object_span(s, len, i, &a, &b);
      if (S_key_at(s, a, b, in) != SIZE_MAX)
        at[n++] = i + kl - 1;
    }
  }
  /* each CID font's descriptor: its /FontFile2 */
  for (size_t from = 0; n < max;) {
    size_t i = S_key_at(s, from, len, "/CIDFontType2");
    if (i == SIZE_MAX)
      break;
    from = i + 13;
    size_t a, b, da, db;
    S_object_span(s, len, i, &a, &b);
    size_t fd = S_key_at(s, a, b, "/FontDescriptor");
    char *end;
    long num = fd == SIZE_MAX ? -1 : strtol(s + fd + 15, &end, 10);
    long gen = num < 0 ? -1 : strtol(end, &end, 10);
    while (num >= 0 && *end == ' ')
      end++;
    if (num < 0 || gen < 0 || *end != 'R' || S_refs(s, len, num, gen) != 1 ||
        !S_object_by_ref(s, len, num, gen, &da, &db))
      continue; /* a descriptor a simple font shares keeps its program */
    size_t ff = S_key_at(s, da, db, "/FontFile2");
    if (ff != SIZE_MAX)
      at[n++] = ff + 9;
  }
  return n;
}

static int S_cmp_size(const void *a, const void *b) {
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return (x > y) - (x < y);
}

/* An unlinked temporary file, close-on-exec; -1 on failure. */
static int S_temp_fd(void) {
  FILE *tmp = tmpfile();
  if (!tmp)
    return -1;
  int fd = dup(fileno(tmp));
  fclose(tmp);
  if (fd >= 0)
    fcntl(fd, F_SETFD, FD_CLOEXEC);
  return fd;
}

/* Starts pdftotext on the PDF s[0..len) (see S_unread_keys). */
static S_extract S_pdftotext_start(const char *s, size_t len) {
  S_extract x = {0, -1};
  int in = S_temp_fd();
  if (in < 0)
    return x;
  size_t at[64];
  size_t nat = S_unread_letters(s, len, at, sizeof at / sizeof *at);
  qsort(at, nat, sizeof *at, S_cmp_size);
  bool ok = true;
  size_t from = 0;
  for (size_t i = 0; i < nat && ok; i++) {
    ok = fs_write_fd(in, s + from, at[i] - from) && fs_write_fd(in, "_", 1);
    from = at[i] + 1;
  }
  ok = ok && fs_write_fd(in, s + from, len - from);
  if (!ok || lseek(in, 0, SEEK_SET) != 0 || (x.fd = S_temp_fd()) < 0) {
    close(in);
    return x;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in, 0);
  posix_spawn_file_actions_adddup2(&fa, x.fd, 1);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  char *argv[] = {"pdftotext", "-q", "-enc", "UTF-8", "-", "-", NULL};
  pid_t pid;
  if (posix_spawnp(&pid, "pdftotext", &fa, NULL, argv, environ) == 0)
    x.pid = pid;
  posix_spawn_file_actions_destroy(&fa);
  close(in);
  return x;
}

/* Waits for pdftotext; the UTF-8 text goes to out. 0, or -1. */
static int S_pdftotext_finish(S_extract *x, buf *out) {
  int rc = -1;
  if (x->pid > 0) {
    int st = 0;
    while (waitpid(x->pid, &st, 0) < 0 && errno == EINTR)
      ;
    rc = WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
  }
  if (rc == 0 && lseek(x->fd, 0, SEEK_SET) == 0) {
    char tmp[65536];
    ssize_t k;
    while ((k = read(x->fd, tmp, sizeof tmp)) != 0) {
      if (k < 0) {
        if (errno == EINTR)
          continue;
        rc = -1;
        break;
      }
      buf_put(out, tmp, (size_t)k);
    }
  } else {
    rc = -1;
  }
  if (x->fd >= 0)
    close(x->fd);
  x->pid = 0;
  x->fd = -1;
  return rc;
}

/* ---- PDF: raw objects ---- */

typedef struct {
  long num;
  size_t dict, dict_end; /* the object's text before any stream */
  size_t data, data_end; /* stream bytes, data == data_end if none */
} S_obj;

typedef struct {
  S_obj *objs;
  size_t len, cap;
} S_objs;

static const char *S_find(const char *s, size_t len, size_t from,
                          const char *pat) {
  return from < len ? mem_find(s + from, len - from, pat, strlen(pat)) : NULL;
}

/* Finds "N G obj ... endobj" and splits each into dictionary and stream. */
static void S_parse_objs(const char *s, size_t len, S_objs *out) {
  size_t i = 0;
  const char *p;
  while ((p = S_find(s, len, i, " obj")) != NULL) {
    size_t at = (size_t)(p - s);
    i = at + 4;
    /* "N G" before it */
    size_t b = at;
    while (b > 0 && s[b - 1] >= '0' && s[b - 1] <= '9')
      b--;
    if (b == at || b == 0 || s[b - 1] != ' ')
      continue;
    size_t a = b - 1;
    while (a > 0 && s[a - 1] >= '0' && s[a - 1] <= '9')
      a--;
    if (a == b - 1)
      continue;
    S_obj o = {strtol(s + a, NULL, 10), i, 0, 0, 0};
    const char *end = S_find(s, len, i, "endobj");
    size_t body_end = end ? (size_t)(end - s) : len;
    const char *st = S_find(s, body_end, i, "stream");
    if (st && (st[6] == '\r' || st[6] == '\n')) {
      o.dict_end = (size_t)(st - s);
      o.data = o.dict_end + 6 + (st[6] == '\r' && st[7] == '\n' ? 2 : 1);
      const char *ln = S_find(s, o.dict_end, o.dict, "/Length ");
      long n = ln ? strtol(ln + 8, NULL, 10) : -1;
      const char *after = ln ? ln + 8 : NULL;
      while (after && *after >= '0' && *after <= '9')
        after++;
      bool direct = ln && !(after[0] == ' ' && after[1] >= '0' &&
                            after[1] <= '9');
      if (direct && n >= 0 && o.data + (size_t)n <= len) {
        o.data_end = o.data + (size_t)n;
        end = S_find(s, len, o.data_end, "endobj");
      } else {
        const char *es = S_find(s, len, o.data, "endstream");
        o.data_end = es ? (size_t)(es - s) : len;
        end = S_find(s, len, o.data_end, "endobj");
      }
    } else {
      o.dict_end = body_end;
      o.data = o.data_end = body_end;
    }
    XGROW(out->objs, out->cap, out->len + 1);
    out->objs[out->len++] = o;
    i = end ? (size_t)(end - s) + 6 : len;
  }
}

static bool S_has(const char *s, size_t a, size_t b, const char *key) {
  return S_find(s, b, a, key) != NULL;
}

static bool S_inflate(const char *in, size_t n, buf *out) {
  z_stream z;
  memset(&z, 0, sizeof z);
  if (inflateInit(&z) != Z_OK)
    return false;
  z.next_in = (Bytef *)in;
  z.avail_in = (uInt)n;
  int rc = Z_OK;
  while (rc == Z_OK) {
    buf_grow(out, 65536);
    z.next_out = (Bytef *)out->data + out->len;
    z.avail_out = (uInt)(out->cap - out->len - 1);
    size_t before = z.avail_out;
    rc = inflate(&z, Z_NO_FLUSH);
    out->len += before - z.avail_out;
    if (rc == Z_BUF_ERROR && z.avail_in == 0)
      break;
  }
  inflateEnd(&z);
  if (out->data)
    out->data[out->len] = '\0';
  return rc == Z_STREAM_END || rc == Z_OK || rc == Z_BUF_ERROR;
}

/* The value after key in s[a..b) as a number, or -1. */
static long S_dict_num(const char *s, size_t a, size_t b, const char *key) {
  const char *k = S_find(s, b, a, key);
  if (!k)
    return -1;
  const char *v = k + strlen(key);
  while (v < s + b && (*v == ' ' || *v == '\n' || *v == '\r'))
    v++;
  return v < s + b && *v >= '0' && *v <= '9' ? strtol(v, NULL, 10) : -1;
}

/* The objects inside the object streams (ISO 32000-1 7.5.7: rapport's
 * PDFs keep the structure tree, pages, annotations and outline there):
 * each stream is inflated onto *all (a copy of the file, so the objects'
 * offsets stay offsets into one text) and its objects are added to objs
 * as objects of their own, so they are scanned and described like the
 * rest and a page object inside one still maps its content stream. The
 * object stream's own data is then not scanned again. */
static void S_expand_objstms(buf *all, S_objs *objs) {
  size_t n = objs->len;
  for (size_t i = 0; i < n; i++) {
    S_obj *o = &objs->objs[i];
    const char *s = all->data;
    if (o->data >= o->data_end || !S_has(s, o->dict, o->dict_end, "/ObjStm") ||
        !S_has(s, o->dict, o->dict_end, "/FlateDecode"))
      continue;
    long count = S_dict_num(s, o->dict, o->dict_end, "/N");
    long first = S_dict_num(s, o->dict, o->dict_end, "/First");
    buf data = BUF_INIT;
    S_inflate(s + o->data, o->data_end - o->data, &data);
    if (count <= 0 || first < 0 || (size_t)first > data.len ||
        (size_t)count > data.len) {
      buf_free(&data);
      continue;
    }
    o->data = o->data_end; /* scanned as its objects */
    size_t base = all->len;
    buf_put(all, data.data, data.len);
    buf_putc(all, '\n');
    const char *h = data.data, *he = data.data + first;
    long *nums = xcalloc((size_t)count, sizeof *nums);
    size_t *offs = xcalloc((size_t)count, sizeof *offs);
    long got = 0;
    while (got < count) {
      char *e;
      while (h < he && !(*h >= '0' && *h <= '9'))
        h++;
      if (h >= he)
        break;
      nums[got] = strtol(h, &e, 10);
      h = e;
      while (h < he && !(*h >= '0' && *h <= '9'))
        h++;
      if (h >= he)
        break;
      unsigned long off = strtoul(h, &e, 10);
      h = e;
      offs[got++] = (size_t)first + off < data.len ? (size_t)first + off
                                                   : data.len;
    }
    for (long k = 0; k < got; k++) {
      /* to the next object when the offsets rise, else to the end */
      size_t a = offs[k];
      size_t b = k + 1 < got && offs[k + 1] > a ? offs[k + 1] : data.len;
      S_obj in = {nums[k], base + a, base + b, base + b, base + b};
      XGROW(objs->objs, objs->cap, objs->len + 1);
      objs->objs[objs->len++] = in;
    }
    free(nums);
    free(offs);
    buf_free(&data);
  }
}

/* Appends the UTF-8 decoding of a PDF string's bytes. two_byte: codes
 * without a byte order mark are 2-byte code points (Identity-H text). */
static void S_decode_pdf_string(const unsigned char *b, size_t n,
                                bool two_byte, buf *out) {
  if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
    b += 2;
    n -= 2;
    two_byte = true;
  }
  if (two_byte && n % 2 == 0) {
    for (size_t i = 0; i + 1 < n; i += 2) {
      uint32_t cp = (uint32_t)b[i] << 8 | b[i + 1];
      if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < n) {
        uint32_t lo = (uint32_t)b[i + 2] << 8 | b[i + 3];
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        i += 2;
      }
      utf8_encode(out, cp ? cp : ' ');
    }
    return;
  }
  if (utf8_valid((const char *)b, n, NULL)) {
    buf_put(out, b, n);
    return;
  }
  for (size_t i = 0; i < n; i++)
    utf8_encode(out, b[i]);
}

/* Collects the strings of a PDF object or content stream, each decoded,
 * separated by a space; content streams also give a 1-byte decoding. */
static void S_pdf_strings(const char *s, size_t a, size_t b, bool content,
                          buf *two, buf *one) {
  size_t i = a;
  buf raw = BUF_INIT;
  while (i < b) {
    char c = s[i];
    if (c == '%' && !content) { /* a comment (qdf writes some) */
      while (i < b && s[i] != '\n' && s[i] != '\r')
        i++;
      continue;
    }
    if (c == '(') {
      int depth = 1;
      i++;
      buf_clear(&raw);
      while (i < b && depth > 0) {
        char d = s[i++];
        if (d == '\\' && i < b) {
          char e = s[i++];
          switch (e) {
          case 'n': buf_putc(&raw, '\n'); break;
          case 'r': buf_putc(&raw, '\r'); break;
          case 't': buf_putc(&raw, '\t'); break;
          case 'b': buf_putc(&raw, '\b'); break;
          case 'f': buf_putc(&raw, '\f'); break;
          case '\r': if (i < b && s[i] == '\n') i++; break;
          case '\n': break;
          default:
            if (e >= '0' && e <= '7') {
              int v = e - '0';
              for (int k = 0; k < 2 && i < b && s[i] >= '0' && s[i] <= '7'; k++)
                v = v * 8 + (s[i++] - '0');
              buf_putc(&raw, v & 0xFF);
            } else {
              buf_putc(&raw, e);
            }
          }
          continue;
        }
        if (d == '(')
          depth++;
        else if (d == ')' && --depth == 0)
          break;
        buf_putc(&raw, d);
      }
    } else if (c == '<' && i + 1 < b && s[i + 1] != '<') {
      i++;
      buf_clear(&raw);
      int hi = -1;
      while (i < b && s[i] != '>') {
        int v = anon_hexval(s[i++]);
        if (v < 0)
          continue;
        if (hi < 0) {
          hi = v;
        } else {
          buf_putc(&raw, hi * 16 + v);
          hi = -1;
        }
      }
      if (hi >= 0)
        buf_putc(&raw, hi * 16);
      i++;
    } else {
      if (c == '<' || c == '>')
        i++;
      i++;
      continue;
    }
    const unsigned char *r = (const unsigned char *)(raw.data ? raw.data : "");
    S_decode_pdf_string(r, raw.len, content, two);
    buf_putc(two, ' ');
    if (content) {
      S_decode_pdf_string(r, raw.len, false, one);
      buf_putc(one, ' ');
    }
  }
  buf_free(&raw);
}

static const char *S_describe(const char *s, const S_obj *o) {
  if (S_has(s, o->dict, o->dict_end, "/Producer") ||
      S_has(s, o->dict, o->dict_end, "/Author") ||
      S_has(s, o->dict, o->dict_end, "/CreationDate"))
    return M_ANON_PDF_METADATA;
  if (S_has(s, o->dict, o->dict_end, "/Title") &&
      S_has(s, o->dict, o->dict_end, "/Parent"))
    return M_ANON_PDF_BOOKMARK;
  if (S_has(s, o->dict, o->dict_end, "/URI"))
    return M_ANON_PDF_LINK;
  return M_ANON_RAW_PDF_DATA;
}

/* The "where" of a hit in object o's dictionary, made on the first hit
 * only: most objects have none. */
static const char *S_obj_where(buf *where, const char *s, const S_obj *o) {
  if (!where->len)
    buf_printf(where, M_ANON_OBJECT, S_describe(s, o), o->num);
  return buf_cstr(where);
}

/* Page number (1-based) of each content stream object, by page order. */
static long *S_page_of(const char *s, const S_objs *objs, size_t *npages,
                       size_t *maxnum_out) {
  long maxnum = 0;
  for (size_t i = 0; i < objs->len; i++)
    if (objs->objs[i].num > maxnum)
      maxnum = objs->objs[i].num;
  if (maxnum > 4 * (long)objs->len + 1000) /* a broken file: no page map */
    maxnum = 0;
  long *page = xcalloc((size_t)maxnum + 1, sizeof *page);
  size_t np = 0;
  for (size_t i = 0; i < objs->len; i++) {
    const S_obj *o = &objs->objs[i];
    const char *t = S_find(s, o->dict_end, o->dict, "/Type");
    if (!t)
      continue;
    const char *v = t + 5;
    while (*v == ' ')
      v++;
    if (strncmp(v, "/Page", 5) != 0 || v[5] == 's')
      continue;
    np++; /* libharu and qpdf write page objects in page order */
    const char *c = S_find(s, o->dict_end, o->dict, "/Contents");
    if (!c)
      continue;
    const char *q = c + 9;
    while (q < s + o->dict_end && (*q == ' ' || *q == '['))
      q++;
    while (q < s + o->dict_end && *q >= '0' && *q <= '9') {
      long ref = strtol(q, (char **)&q, 10);
      if (ref >= 0 && ref <= maxnum)
        page[ref] = (long)np;
      /* skip " 0 R " */
      while (q < s + o->dict_end && (*q == ' ' || (*q >= '0' && *q <= '9')))
        if (*q == ' ' && q[1] >= '0' && q[1] <= '9' && q[2] == ' ' &&
            q[3] == 'R')
          q += 4;
        else if (*q == ' ')
          q++;
        else
          break;
      if (*q == ']')
        break;
    }
  }
  *npages = np;
  *maxnum_out = (size_t)maxnum;
  return page;
}

/* Every object's strings and every readable stream; hits are held in
 * sc->pending (see S_flush_pending). */
static void S_scan_pdf_raw(S_scan *sc, const char *s, size_t len) {
  sc->defer = true;
  S_objs objs = {0};
  S_parse_objs(s, len, &objs);
  buf all = BUF_INIT;
  buf_put(&all, s, len);
  S_expand_objstms(&all, &objs);
  s = buf_cstr(&all);
  size_t npages = 0, npages_max = 0;
  long *page = S_page_of(s, &objs, &npages, &npages_max);
  for (size_t i = 0; i < objs.len; i++) {
    const S_obj *o = &objs.objs[i];
    buf two = BUF_INIT, one = BUF_INIT, where = BUF_INIT;
    S_pdf_strings(s, o->dict, o->dict_end, false, &two, &one);
    int found = anon_may_match(sc->m, buf_cstr(&two), two.len)
                    ? S_scan_text(sc, buf_cstr(&two), two.len, false, 0,
                                  S_obj_where(&where, s, o), NULL, 0)
                    : 0;
    if (!found) {
      /* names outside strings: PDF names (/sec#3Aviborg), keys; the
         dictionary as it stands when it has no #XX escape */
      buf_clear(&two);
      const char *dict = s + o->dict;
      size_t dict_len = o->dict_end - o->dict;
      if (memchr(dict, '#', dict_len)) {
        for (size_t k = o->dict; k < o->dict_end; k++) {
          int hi, lo;
          if (s[k] == '#' && k + 2 < o->dict_end &&
              (hi = anon_hexval(s[k + 1])) >= 0 &&
              (lo = anon_hexval(s[k + 2])) >= 0) {
            buf_putc(&two, hi * 16 + lo);
            k += 2;
          } else {
            buf_putc(&two, s[k]);
          }
        }
        dict = buf_cstr(&two);
        dict_len = two.len;
      }
      if (anon_may_match(sc->m, dict, dict_len))
        S_scan_text(sc, dict, dict_len, false, 0, S_obj_where(&where, s, o),
                    NULL, 0);
    }
    buf_clear(&two);
    if (o->data < o->data_end) {
      size_t a = o->dict, b = o->dict_end;
      bool binary = S_has(s, a, b, "/Length1") || S_has(s, a, b, "/Length2") ||
                    S_has(s, a, b, "/Image") || S_has(s, a, b, "Type1C") ||
                    S_has(s, a, b, "Type0C") || S_has(s, a, b, "/OpenType") ||
                    S_has(s, a, b, "/DecodeParms");
      bool flate = S_has(s, a, b, "/FlateDecode");
      bool filtered = S_has(s, a, b, "/Filter");
      buf data = BUF_INIT;
      if (!binary && flate)
        S_inflate(s + o->data, o->data_end - o->data, &data);
      else if (!binary && !filtered)
        buf_put(&data, s + o->data, o->data_end - o->data);
      long pg = o->num >= 0 && (size_t)o->num <= npages_max ? page[o->num] : 0;
      bool content = pg > 0;
      /* a page's content stream is read whatever its bytes: its literal
         strings hold 2-byte codes, half of them zero bytes for Latin text */
      size_t printable = 0;
      for (size_t k = 0; !content && k < data.len; k++) {
        unsigned char c = (unsigned char)data.data[k];
        printable += (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\r' ||
                     c == '\t';
      }
      if (data.len && (content || printable * 10 >= data.len * 9)) {
        S_pdf_strings(data.data, 0, data.len, content, &two, &one);
        buf_clear(&where);
        if (content)
          buf_printf(&where, M_ANON_PAGE_PDF_TEXT_LAYER, pg);
        else
          buf_printf(&where, M_ANON_OBJECT,
                     S_has(s, a, b, "/Metadata") ? M_ANON_PDF_XMP_METADATA
                                                 : M_ANON_RAW_PDF_DATA,
                     o->num);
        /* text pdftotext reports on that page is not repeated: the page
           goes with the held hits */
        sc->page = content ? pg : 0;
        S_scan_text(sc, buf_cstr(&two), two.len, false, 0, buf_cstr(&where),
                    NULL, 0);
        S_scan_text(sc, buf_cstr(&one), one.len, false, 0, buf_cstr(&where),
                    NULL, 0);
        if (S_has(s, a, b, "/Metadata"))
          S_scan_text(sc, data.data, data.len, false, 0, buf_cstr(&where),
                      NULL, 0);
        sc->page = 0;
      }
      buf_free(&data);
    }
    buf_free(&two);
    buf_free(&one);
    buf_free(&where);
  }
  free(page);
  free(objs.objs);
  buf_free(&all);
  sc->defer = false;
}

struct anon_scan {
  const anon_map *m;
  char *path;
  char *s; /* the file as anon_scan_begin read it, NULL if unreadable */
  size_t len;
  S_extract text; /* a PDF's pdftotext, started by anon_scan_begin */
};

/* The raw objects first, while pdftotext works, then its text. */
static int S_scan_pdf(S_scan *sc, S_extract *x, const char *s, size_t len) {
  S_scan_pdf_raw(sc, s, len);
  buf text = BUF_INIT;
  if (S_pdftotext_finish(x, &text) != 0) {
    diag_error(sc->diags, sc->path, 0, 0, "%s",
               M_ANON_PDFTOTEXT_PACKAGE_POPPLER_UTILS);
    /* as before the raw scan ran first: the file is rejected, and only
       for this */
    for (size_t i = 0; i < sc->npending; i++)
      free(sc->pending[i].msg);
    free(sc->pending);
    sc->pending = NULL;
    sc->npending = 0;
    buf_free(&text);
    return -1;
  }
  size_t npages = S_count(buf_cstr(&text), text.len, '\f') + 1;
  bool *page_hit = xcalloc(npages + 1, sizeof *page_hit);
  S_scan_text(sc, buf_cstr(&text), text.len, true, '\f', M_ANON_PAGE, page_hit,
              npages);
  S_flush_pending(sc, page_hit, npages);
  free(page_hit);
  buf_free(&text);
  return 0;
}

static bool S_is_pdf_name(const char *path) {
  size_t pl = strlen(path);
  return pl > 4 && !strcasecmp(path + pl - 4, ".pdf");
}

static bool S_is_pdf(const char *path, const char *s, size_t len) {
  return (len >= 5 && !memcmp(s, "%PDF-", 5)) || S_is_pdf_name(path);
}

anon_scan *anon_scan_begin(const anon_map *m, const char *path) {
  anon_scan *a = xcalloc(1, sizeof *a);
  a->m = m;
  a->path = xstrdup(path);
  a->text = (S_extract){0, -1};
  if (!m)
    return a;
  /* read once: pdftotext and the scans see the same bytes */
  a->s = fs_read(path, &a->len);
  if (a->s && S_is_pdf(path, a->s, a->len))
    a->text = S_pdftotext_start(a->s, a->len);
  return a;
}

/* Stops waiting for a scan that is not needed, and frees a. */
static void S_scan_abandon(anon_scan *a) {
  if (!a)
    return;
  buf ignored = BUF_INIT;
  if (a->text.pid > 0 || a->text.fd >= 0)
    S_pdftotext_finish(&a->text, &ignored);
  buf_free(&ignored);
  free(a->s);
  free(a->path);
  free(a);
}

int anon_scan_end(anon_scan *a, diag_list *diags) {
  const anon_map *m = a->m;
  const char *path = a->path;
  if (!m) {
    S_scan_abandon(a);
    return 0;
  }
  const char *s = a->s;
  size_t len = a->len;
  if (!s) {
    diag_error(diags, path, 0, 0, "%s", M_ANON_FILE_COULD_NOT_BE);
    S_scan_abandon(a);
    return -1;
  }
  S_scan sc = {m, path, diags, 0, 0, false, 0, NULL, 0, 0};
  /* the file name itself */
  char *base = fs_basename(path);
  anon_norm n;
  anon_norm_init(&n);
  anon_norm_add(&n, base, strlen(base), 0, false);
  anon_hit h;
  if (anon_find(m, &n, 0, ANON_MODE_ID, &h))
    S_hit(&sc, &n, &h, 0, M_ANON_FILE_NAME);
  anon_norm_free(&n);
  free(base);
  int rc = 0;
  if (S_is_pdf(path, s, len)) {
    rc = S_scan_pdf(&sc, &a->text, s, len);
  } else if (S_is_docx(path, s, len)) {
    char why[256] = "";
    if (!anon_docx_parts(s, len, S_docx_part, &sc, why, sizeof why)) {
      diag_error(diags, path, 0, 0, M_ANON_WORD_FILE_COULD_NOT, why);
      rc = -1;
    }
  } else {
    S_scan_html(&sc, s, len);
  }
  if (sc.reported > S_MAX_REPORTED)
    diag_error(diags, path, 0, 0, M_ANON_MORE_HITS_REAL_NAMES,
               sc.reported - S_MAX_REPORTED);
  S_scan_abandon(a);
  return rc < 0 ? -1 : sc.hits;
}

int anon_scan_output(const anon_map *m, const char *path, diag_list *diags) {
  return anon_scan_end(anon_scan_begin(m, path), diags);
}
