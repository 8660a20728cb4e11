/* text.c - the text-level rules of the Markdown stage: inline
 * values, cross-references, dashes, attributes `{#id}`, footnote checks and
 * image paths. */
#include "markdown/text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "markdown/markdown.h"
#include "util/confine.h"
#include "util/fs.h"
#include "util/mem.h"

void md_ctx_init(md_ctx *c, doc *d, const md_directives *dx, const char *file,
                 diag_list *diags) {
  memset(c, 0, sizeof *c);
  c->d = d;
  c->dx = dx;
  c->file = file;
  c->diags = diags;
}

void md_ctx_free(md_ctx *c) {
  free(c->lines);
  free(c->fn_base);
  for (size_t i = 0; i < c->nfndefs; i++)
    free(c->fndefs[i].label);
  free(c->fndefs);
}

/* ---- lines and positions ---- */

/* A fence opener or closer: ``` or ~~~ after spaces and quote markers. */
static bool S_fence(const char *p, const char *e, char *ch, size_t *run,
                    const char **after) {
  while (p < e && (*p == ' ' || *p == '\t' || *p == '>'))
    p++;
  if (p >= e || (*p != '`' && *p != '~'))
    return false;
  size_t n = 0;
  while (p + n < e && p[n] == *p)
    n++;
  if (n < 3)
    return false;
  *ch = *p;
  *run = n;
  *after = p + n;
  return true;
}

bool md_blank(const char *p, const char *e) {
  for (; p < e; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r')
      return false;
  return true;
}

bool md_in_fence(md_fence *f, const char *p, const char *e) {
  char ch;
  size_t run;
  const char *after;
  bool is = S_fence(p, e, &ch, &run, &after);
  if (f->ch) {
    if (is && ch == f->ch && run >= f->run && md_blank(after, e))
      f->ch = 0;
    return true;
  }
  if (is && (ch == '~' || !memchr(after, '`', (size_t)(e - after)))) {
    f->ch = ch;
    f->run = run;
    return true;
  }
  return false;
}

static void S_add_fndef(md_ctx *c, const char *label, size_t n, int line) {
  XGROW(c->fndefs, c->fndefs_cap, c->nfndefs + 1);
  md_fndef *f = &c->fndefs[c->nfndefs++];
  f->label = xstrndup(label, n);
  f->line = line;
  f->first_line = 0;
  f->used = f->duplicate = false;
}

/* Same label (in any case), then source order. */
static int S_fndef_cmp(const void *a, const void *b) {
  const md_fndef *x = *(md_fndef *const *)a, *y = *(md_fndef *const *)b;
  int k = strcasecmp(x->label, y->label);
  return k ? k : (x < y ? -1 : x > y);
}

/* Marks every definition of a label but the first as a duplicate and warns
 * in source order. Sorted rather than compared pairwise: a chapter with
 * 20,000 footnotes made that 200 million comparisons. */
static void S_mark_duplicate_fndefs(md_ctx *c) {
  if (c->nfndefs < 2)
    return;
  md_fndef **by = xcalloc(c->nfndefs, sizeof *by);
  for (size_t i = 0; i < c->nfndefs; i++)
    by[i] = &c->fndefs[i];
  qsort(by, c->nfndefs, sizeof *by, S_fndef_cmp);
  for (size_t i = 1; i < c->nfndefs; i++)
    if (strcasecmp(by[i]->label, by[i - 1]->label) == 0) {
      by[i]->duplicate = true;
      by[i]->first_line = by[i - 1]->duplicate ? by[i - 1]->first_line
                                               : by[i - 1]->line;
    }
  free(by);
  for (size_t i = 0; i < c->nfndefs; i++) {
    md_fndef *f = &c->fndefs[i];
    if (f->duplicate)
      diag_warning(c->diags, c->file, f->line, 0,
                   M_MARKDOWN_FOOTNOTE_IS_DEFINED_TWICE, f->label,
                   f->first_line);
  }
}

void md_index_lines(md_ctx *c) {
  size_t cap = 0;
  md_fence fence = {0, 0};
  size_t i = 0;
  int line = 1;
  for (;;) {
    XGROW(c->lines, cap, c->nlines + 1);
    c->lines[c->nlines++] = i;
    const char *p = c->src + i, *e = memchr(p, '\n', c->len - i);
    if (!e)
      e = c->src + c->len;
    if (!c->fixed_line && !md_in_fence(&fence, p, e)) {
      /* a footnote definition: [^label]: at the start of the line */
      const char *q = p;
      while (q < e && (*q == ' ' || *q == '>'))
        q++;
      if (e - q > 4 && q[0] == '[' && q[1] == '^') {
        const char *r = q + 2;
        while (r < e && *r != ']' && *r != ' ' && *r != '[')
          r++;
        if (r + 1 < e && r[0] == ']' && r[1] == ':' && r > q + 2)
          S_add_fndef(c, q + 2, (size_t)(r - q - 2), line);
      }
    }
    if (e >= c->src + c->len)
      break;
    i = (size_t)(e - c->src) + 1;
    line++;
  }
  S_mark_duplicate_fndefs(c);
}

const char *md_line(const md_ctx *c, int line) {
  if (line < 1 || (size_t)line > c->nlines)
    return NULL;
  return c->src + c->lines[line - 1];
}

int md_check_nesting(md_ctx *c) {
  for (size_t i = 0; i < c->nlines; i++) {
    const char *p = c->src + c->lines[i];
    int depth = 0;
    while (*p == ' ' || *p == '>' || *p == '\t')
      depth += *p++ == '>';
    if (depth > MARKDOWN_MAX_DEPTH) {
      diag_error(c->diags, c->file, c->fixed_line ? c->fixed_line : (int)i + 1,
                 0, M_MARKDOWN_QUOTES_ARE_NESTED_LEVELS, depth,
                 MARKDOWN_MAX_DEPTH);
      return -1;
    }
  }
  return 0;
}

/* Character column (1-based) of 1-based byte_col on line of c->src, as
 * diag_char_col; amortised O(1) when asked in increasing order. */
static int S_char_col(md_ctx *c, int line, int byte_col) {
  const char *p = md_line(c, line);
  if (!p || byte_col < 1)
    return 0;
  size_t want = (size_t)byte_col - 1;
  if (c->col_line != line || c->col_byte > want) {
    c->col_line = line;
    c->col_byte = 0;
    c->col_char = 1;
  }
  size_t i = c->col_byte;
  int col = c->col_char;
  const char *end = c->src + c->len;
  for (; i < want && p + i < end && p[i] && p[i] != '\n'; i++)
    if (((unsigned char)p[i] & 0xC0) != 0x80)
      col++;
  c->col_byte = i;
  c->col_char = col;
  return col;
}

void md_position(md_ctx *c, cmark_node *n, int *line, int *col) {
  *line = *col = 0;
  if (c->fixed_line) {
    *line = c->fixed_line;
    return;
  }
  for (; n; n = cmark_node_parent(n)) {
    int l = cmark_node_get_start_line(n);
    if (l > 0) {
      *line = l;
      *col = S_char_col(c, l, cmark_node_get_start_column(n));
      return;
    }
  }
}

/* ---- inline values ---- */

static void S_escape_value(buf *out, const char *v) {
  for (; *v; v++) {
    unsigned char ch = (unsigned char)*v;
    if (ch == '\n' || ch == '\r' || ch == '\t')
      buf_putc(out, ' ');
    else if (ch < 0x80 && ispunct(ch)) {
      buf_putc(out, '\\');
      buf_putc(out, ch);
    } else
      buf_putc(out, ch);
  }
}

static void S_expand_line(md_ctx *c, const char *p, const char *e, int line,
                          buf *out) {
  /* the column is counted on from the previous {{, not from the line's
   * start, so a line with many values is walked once */
  const char *counted = p;
  int col = 1;
  while (p < e) {
    if (*p == '\\' && p + 1 < e) {
      buf_put(out, p, 2);
      p += 2;
      continue;
    }
    if (*p == '`') {
      size_t n = 0;
      while (p + n < e && p[n] == '`')
        n++;
      /* a code span on this line: copy it untouched */
      const char *q = p + n;
      while (q < e) {
        if (*q == '`') {
          size_t m = 0;
          while (q + m < e && q[m] == '`')
            m++;
          if (m == n)
            break;
          q += m;
        } else
          q++;
      }
      size_t upto = q < e ? (size_t)(q + n - p) : n;
      buf_put(out, p, upto);
      p += upto;
      continue;
    }
    if (p[0] == '{' && p + 1 < e && p[1] == '{') {
      for (; counted < p; counted++)
        if (((unsigned char)*counted & 0xC0) != 0x80)
          col++;
      const char *close = NULL;
      for (const char *q = p + 2; q + 1 < e; q++)
        if (q[0] == '}' && q[1] == '}') {
          close = q;
          break;
        }
      if (!close) {
        diag_error(c->diags, c->file, line, col,
                   M_MARKDOWN_WITHOUT_SAME_LINE_WRITE);
        buf_put(out, p, (size_t)(e - p));
        return;
      }
      const char *a = p + 2, *b = close;
      while (a < b && isspace((unsigned char)*a))
        a++;
      while (b > a && isspace((unsigned char)b[-1]))
        b--;
      if (a == b) {
        diag_error(c->diags, c->file, line, col, M_MARKDOWN_IS_EMPTY_WRITE_LUA);
      } else if (!c->dx) {
        diag_error(c->diags, c->file, line, col,
                   M_MARKDOWN_CANNOT_BE_USED_HERE);
      } else {
        char *expr = xstrndup(a, (size_t)(b - a));
        char *v = c->dx->eval_inline(c->dx->ctx, expr, c->file, line, col);
        if (v)
          S_escape_value(out, v);
        free(v);
        free(expr);
      }
      p = close + 2;
      continue;
    }
    buf_putc(out, *p++);
  }
}

void md_expand_values(md_ctx *c, const char *src, size_t len, buf *out) {
  md_fence fence = {0, 0};
  size_t i = 0;
  int line = 1;
  while (i < len) {
    const char *p = src + i, *e = memchr(p, '\n', len - i);
    if (!e)
      e = src + len;
    if (md_in_fence(&fence, p, e) || !memchr(p, '{', (size_t)(e - p)))
      buf_put(out, p, (size_t)(e - p));
    else
      S_expand_line(c, p, e, line, out);
    if (e < src + len)
      buf_putc(out, '\n');
    i = (size_t)(e - src) + 1;
    line++;
  }
}

/* ---- running text ---- */

static bool S_label_char(unsigned char ch) {
  return isalnum(ch) || ch == '_' || ch == '-' || ch >= 0x80;
}

/* At t[i] == '@': a cross-reference "@tbl:label"? Sets *n to the bytes
 * after '@'. */
static bool S_xref_at(const char *t, size_t len, size_t i, size_t *n) {
  static const char *const kinds[] = {"tbl:", "fig:", "sec:", "Tbl:",
                                      "Fig:", "Sec:", NULL};
  if (i > 0) {
    unsigned char prev = (unsigned char)t[i - 1];
    if (isalnum(prev) || prev >= 0x80 || prev == '_' || prev == '.' ||
        prev == '-' || prev == '@')
      return false;
  }
  const char *p = t + i + 1;
  size_t rest = len - i - 1;
  for (int k = 0; kinds[k]; k++) {
    if (rest < 5 || memcmp(p, kinds[k], 4) != 0)
      continue;
    size_t j = 4;
    while (j < rest &&
           (S_label_char((unsigned char)p[j]) ||
            ((p[j] == ':' || p[j] == '.') && j + 1 < rest &&
             S_label_char((unsigned char)p[j + 1]))))
      j++;
    if (j == 4)
      return false;
    *n = j;
    return true;
  }
  return false;
}

static void S_flush(md_ctx *c, buf *pend, int line, int col,
                    doc_node *parent) {
  if (!pend->len)
    return;
  doc_node *x = doc_text_n(pend->data, pend->len);
  x->file = c->file;
  x->line = line;
  x->col = col;
  doc_append(parent, x);
  buf_clear(pend);
}

void md_emit_text(md_ctx *c, const char *t, size_t len, int line,
                  int byte_col, doc_node *parent) {
  if (c->fixed_line || line <= 0) {
    line = c->fixed_line ? c->fixed_line : parent->line;
    byte_col = 0;
  }
  int col0 = byte_col > 0 ? S_char_col(c, line, byte_col) : 0;
  /* no typographic dashes in what looks like a web or mail address */
  bool dashes = true;
  if (parent->type == DOC_LINK)
    for (size_t k = 0; k < len; k++)
      if (t[k] == '@' || (k + 2 < len && memcmp(t + k, "://", 3) == 0))
        dashes = false;
  buf pend = BUF_INIT;
  size_t i = 0;
  while (i < len) {
    size_t n;
    if (t[i] == '@' && S_xref_at(t, len, i, &n)) {
      bool bracket = pend.len && pend.data[pend.len - 1] == '[' &&
                     i + 1 + n < len && t[i + 1 + n] == ']';
      if (bracket)
        pend.len--;
      S_flush(c, &pend, line, col0, parent);
      doc_node *x = doc_node_new(DOC_XREF);
      x->file = c->file;
      x->line = line;
      x->col = byte_col > 0 ? S_char_col(c, line, byte_col + (int)i) : 0;
      x->text = xstrndup(t + i + 1, n);
      if (x->text[0] >= 'A' && x->text[0] <= 'Z') {
        x->text[0] = (char)(x->text[0] - 'A' + 'a');
        x->flags |= DOC_CAPITALISE;
      }
      doc_append(parent, x);
      i += 1 + n + (bracket ? 1 : 0);
      continue;
    }
    if (t[i] == '[' && i + 2 < len && t[i + 1] == '^') {
      size_t j = i + 2;
      while (j < len && t[j] != ']' && t[j] != '[' && !isspace((unsigned char)t[j]))
        j++;
      if (j < len && t[j] == ']' && j > i + 2 && !c->fixed_line)
        diag_error(c->diags, c->file, line,
                   byte_col > 0 ? S_char_col(c, line, byte_col + (int)i) : 0,
                   M_MARKDOWN_FOOTNOTE_IS_NOT_DEFINED, (int)(j - i - 2),
                   t + i + 2, (int)(j - i - 2), t + i + 2);
    }
    if (dashes && t[i] == '-' && i + 1 < len && t[i + 1] == '-') {
      bool em = i + 2 < len && t[i + 2] == '-';
      buf_puts(&pend, em ? "\xe2\x80\x94" : "\xe2\x80\x93");
      i += em ? 3 : 2;
      continue;
    }
    /* this character as it is, and those after it up to the next that
     * may start one of the above */
    size_t j = i + 1;
    while (j < len && t[j] != '@' && t[j] != '[' && t[j] != '-')
      j++;
    buf_put(&pend, t + i, j - i);
    i = j;
  }
  S_flush(c, &pend, line, col0, parent);
  buf_free(&pend);
}

/* ---- attributes and captions ---- */

/* Parses "{#id - .unnumbered}" (s[0..n) without the braces). */
static bool S_parse_attrs(const char *s, size_t n, char **id,
                          unsigned *flags) {
  size_t i = 0;
  bool any = false;
  *id = NULL;
  *flags = 0;
  while (i < n) {
    while (i < n && isspace((unsigned char)s[i]))
      i++;
    if (i >= n)
      break;
    size_t j = i;
    while (j < n && !isspace((unsigned char)s[j]))
      j++;
    const char *w = s + i;
    size_t wl = j - i;
    if (wl == 1 && *w == '-') {
      *flags |= DOC_UNNUMBERED | DOC_NOT_IN_TOC;
    } else if (wl > 1 && *w == '#') {
      free(*id);
      *id = xstrndup(w + 1, wl - 1);
    } else if (wl == 11 && memcmp(w, ".unnumbered", 11) == 0) {
      *flags |= DOC_UNNUMBERED | DOC_NOT_IN_TOC;
    } else if (wl == 9 && memcmp(w, ".unlisted", 9) == 0) {
      *flags |= DOC_NOT_IN_TOC;
    } else if ((wl == 9 && memcmp(w, ".liggende", 9) == 0) ||
               (wl == 10 && memcmp(w, ".landscape", 10) == 0)) {
      *flags |= DOC_LANDSCAPE; /* only a table's layout reads it */
    } else if (wl > 1 && (*w == '.' || memchr(w, '=', wl))) {
      /* other classes and key=value: accepted and ignored */
    } else {
      free(*id);
      *id = NULL;
      return false;
    }
    any = true;
    i = j;
  }
  return any;
}

bool md_is_attribute_text(const char *s) {
  size_t n = strlen(s);
  while (n && isspace((unsigned char)s[n - 1]))
    n--;
  while (n && isspace((unsigned char)*s)) {
    s++;
    n--;
  }
  if (n < 3 || s[0] != '{' || s[n - 1] != '}')
    return false;
  char *id;
  unsigned flags;
  bool ok = S_parse_attrs(s + 1, n - 2, &id, &flags);
  free(id);
  return ok;
}

bool md_take_attributes(md_ctx *c, doc_node *container, doc_node *target,
                        const char *kind) {
  doc_node *last = container->last;
  if (!last || last->type != DOC_TEXT || !last->text)
    return false;
  char *t = last->text;
  size_t n = strlen(t);
  while (n && isspace((unsigned char)t[n - 1]))
    n--;
  if (!n || t[n - 1] != '}')
    return false;
  char *open = NULL;
  for (size_t i = n; i-- > 0;)
    if (t[i] == '{') {
      open = t + i;
      break;
    }
  if (!open)
    return false;
  char *id;
  unsigned flags;
  if (!S_parse_attrs(open + 1, (size_t)(t + n - 1 - open - 1), &id, &flags))
    return false;
  if (id) {
    if (kind && strchr(id, ':') && strncmp(id, kind, strlen(kind)) != 0)
      diag_warning(c->diags, c->file, target->line, 0,
                   M_MARKDOWN_LABEL_DOES_NOT_START, id, kind, id);
    free(target->id);
    target->id = id;
  }
  target->flags |= flags;
  size_t keep = (size_t)(open - t);
  while (keep && isspace((unsigned char)t[keep - 1]))
    keep--;
  if (keep == 0) {
    doc_node_free(last);
    /* a trailing soft break before the attributes is now dangling */
    if (container->last && container->last->type == DOC_SOFT_BREAK)
      doc_node_free(container->last);
  } else
    t[keep] = '\0';
  return true;
}

size_t md_caption_prefix(const char *s) {
  static const char *const words[] = {"Tabel:", "Table:", ":", NULL};
  for (int i = 0; words[i]; i++) {
    size_t n = strlen(words[i]);
    if (strncmp(s, words[i], n) == 0 && (s[n] == ' ' || s[n] == '\0')) {
      while (s[n] == ' ')
        n++;
      return n;
    }
  }
  return 0;
}

void md_strip_prefix(doc_node *container, size_t skip) {
  doc_node *f = container->first;
  if (!f || f->type != DOC_TEXT || !f->text)
    return;
  size_t n = strlen(f->text);
  if (skip >= n)
    doc_node_free(f);
  else
    memmove(f->text, f->text + skip, n - skip + 1);
}

/* ---- directives, images, raw HTML ---- */

char *md_directive_name(const char *info) {
  if (!info)
    return NULL;
  while (isspace((unsigned char)*info))
    info++;
  size_t n = strlen(info);
  while (n && isspace((unsigned char)info[n - 1]))
    n--;
  if (n < 3 || info[0] != '{' || info[n - 1] != '}')
    return NULL;
  const char *a = info + 1, *b = info + n - 1;
  while (a < b && isspace((unsigned char)*a))
    a++;
  while (b > a && isspace((unsigned char)b[-1]))
    b--;
  if (a == b || !(isalpha((unsigned char)*a) || *a == '_'))
    return NULL; /* {.python} and friends are pandoc classes */
  for (const char *p = a; p < b; p++)
    if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-')
      return NULL;
  return xstrndup(a, (size_t)(b - a));
}

bool md_looks_like_directive(const char *info) {
  if (!info)
    return false;
  while (isspace((unsigned char)*info))
    info++;
  size_t n = strlen(info);
  while (n && isspace((unsigned char)info[n - 1]))
    n--;
  return n >= 2 && info[0] == '{' && info[n - 1] == '}' &&
         info[1] != '.' && info[1] != '#' && info[1] != '=';
}

static int S_hex(int ch) {
  if (ch >= '0' && ch <= '9')
    return ch - '0';
  if (ch >= 'a' && ch <= 'f')
    return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F')
    return ch - 'A' + 10;
  return -1;
}

/* cmark percent-encodes URLs (æ -> %C3%A6): decode them back to a path. */
static char *S_url_decode(const char *u) {
  buf b = BUF_INIT;
  for (; *u; u++) {
    int h, l;
    if (*u == '%' && (h = S_hex(u[1])) >= 0 && (l = S_hex(u[2])) >= 0) {
      buf_putc(&b, h * 16 + l);
      u += 2;
    } else
      buf_putc(&b, *u);
  }
  return buf_detach(&b);
}

char *md_image_path(md_ctx *c, const char *url, int line, int col) {
  if (!url || !*url || strstr(url, "://") || strncmp(url, "data:", 5) == 0) {
    diag_error(c->diags, c->file, line, col, M_MARKDOWN_IMAGE_MUST_BE_FILE,
               url ? url : "");
    return xstrdup(url ? url : "");
  }
  if (!c->project_dir) {
    diag_error(c->diags, c->file, line, col, M_MARKDOWN_IMAGES_CANNOT_BE_USED);
    return xstrdup(url);
  }
  char *path = S_url_decode(url);
  const char *dirs[2] = {c->chapter_dir, c->project_dir};
  for (int i = 0; i < 2; i++) {
    if (!dirs[i])
      continue;
    /* outside the allowed folders, or a FIFO that would hang the writers
       (util/confine.h) */
    confine_status st;
    char *full;
    char *real = confine_resolve(dirs[i], path, &st, &full);
    if (confine_refused(st)) {
      /* the path as written: nothing later may open the refused file */
      confine_report(c->diags, c->file, line, col, CONFINE_IMAGE, path, full,
                     st);
      free(full);
      return path;
    }
    free(full);
    if (!real)
      continue;
    free(path);
    return real;
  }
  diag_error(c->diags, c->file, line, col, M_MARKDOWN_IMAGE_DOES_NOT_EXIST,
             path);
  return path;
}

void md_raw_html(md_ctx *c, cmark_node *n, const char *literal) {
  const char *p = literal ? literal : "";
  while (isspace((unsigned char)*p))
    p++;
  if (strncmp(p, "<!--", 4) == 0 || !*p)
    return; /* comments are the author's notes: dropped silently */
  int line, col;
  md_position(c, n, &line, &col);
  size_t k = strcspn(p, "\n");
  diag_warning(c->diags, c->file, line, col, M_MARKDOWN_RAW_HTML_IS_NOT,
               (int)(k > 60 ? 60 : k), p);
}

/* ---- footnotes ---- */

char *md_footnote_base(const char *file) {
  char *base = fs_basename(file ? file : "tekst");
  char *dot = strrchr(base, '.');
  if (dot && dot != base)
    *dot = '\0';
  char *slug = doc_slug(base);
  free(base);
  return slug;
}

char *md_footnote_id(const md_ctx *c, int number) {
  buf b = BUF_INIT;
  buf_printf(&b, "fn-%s-%d", c->fn_base ? c->fn_base : "x", number);
  return buf_detach(&b);
}

void md_note_used_footnote(md_ctx *c, int line) {
  /* the definitions are in line order, at most one on a line */
  size_t lo = 0, hi = c->nfndefs;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (c->fndefs[mid].line < line)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < c->nfndefs && c->fndefs[lo].line == line)
    c->fndefs[lo].used = true;
}

void md_check_footnote_definitions(md_ctx *c) {
  for (size_t i = 0; i < c->nfndefs; i++) {
    md_fndef *f = &c->fndefs[i];
    if (!f->used && !f->duplicate)
      diag_warning(c->diags, c->file, f->line, 0,
                   M_MARKDOWN_FOOTNOTE_IS_NOT_REFERRED, f->label);
  }
}
