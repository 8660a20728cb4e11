/* divs.c - conditional content: fenced divs `::: {.intern}` ... `:::`
 * (divs.h). Works on the chapter's lines before cmark-gfm sees them, which
 * has no fenced divs, so a block left out of an edition is gone before any
 * of it is parsed, evaluated or checked for names. */
#include "markdown/divs.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "project/luacfg.h"
#include "util/mem.h"

#define S_MAX_DEPTH 32

typedef struct {
  md_ctx *c;
  int line;       /* 1-based number of the line being read */
  bool keep;      /* the conditions of the fence being read hold */
} S_fence;

static const char *const S_classes[] = {"intern", "internal", "offentlig",
                                        "public", NULL};
static const char *const S_keys[] = {"udgave", "edition", NULL};

/* Bytes of indentation when the line starts with at most three spaces
 * followed by at least three colons (their count in *run), else -1. */
static int S_div_fence(const char *p, const char *end, int *run) {
  int ind = 0;
  while (p + ind < end && p[ind] == ' ' && ind < 4)
    ind++;
  if (ind > 3)
    return -1;
  int n = 0;
  while (p + ind + n < end && p[ind + n] == ':')
    n++;
  *run = n;
  return n >= 3 ? ind : -1;
}

/* A word the block's attributes do not know: a warning with the nearest
 * known one ("mente du"), or without when none is near. Both messages take
 * the word as their first %s. */
static void S_unknown(S_fence *f, const char *word, const char *const *known,
                      const char *near_fmt, const char *far_fmt) {
  const char *best = luacfg_nearest(word, known);
  if (best)
    diag_warning(f->c->diags, f->c->file, f->line, 0, near_fmt, word, best);
  else
    diag_warning(f->c->diags, f->c->file, f->line, 0, far_fmt, word);
}

static void S_class(S_fence *f, const char *w, size_t n) {
  const md_directives *dx = f->c->dx;
  bool pub = dx && dx->public_edition;
  char *name = xstrndup(w, n);
  if (!strcmp(name, "intern") || !strcmp(name, "internal"))
    f->keep &= !pub;
  else if (!strcmp(name, "offentlig") || !strcmp(name, "public"))
    f->keep &= pub;
  else
    S_unknown(f, name, S_classes, M_MARKDOWN_UNKNOWN_CLASS_BLOCK_DID,
              M_MARKDOWN_UNKNOWN_CLASS_BLOCK_BLOCK);
  free(name);
}

/* `udgave="slut midtvejs"`: the edition must be one of them. */
static void S_editions(S_fence *f, const char *v, size_t n) {
  const md_directives *dx = f->c->dx;
  const project *p = dx ? dx->project : NULL;
  const char *mine = dx && dx->edition ? dx->edition->name : NULL;
  const char **names = xcalloc(p ? p->neditions + 1 : 1, sizeof *names);
  for (size_t i = 0; p && i < p->neditions; i++)
    names[i] = p->editions[i].name;
  bool listed = false;
  const char *end = v + n;
  while (v < end) {
    while (v < end && (*v == ' ' || *v == ','))
      v++;
    const char *w = v;
    while (v < end && *v != ' ' && *v != ',')
      v++;
    if (v == w)
      break;
    char *name = xstrndup(w, (size_t)(v - w));
    listed |= mine && !strcmp(name, mine);
    bool known = !p;
    for (size_t i = 0; p && i < p->neditions && !known; i++)
      known = !strcmp(name, names[i]);
    if (!known)
      S_unknown(f, name, names, M_MARKDOWN_NO_EDITION_IS_CALLED,
                M_MARKDOWN_NO_EDITION_IS_CALLED_SEE);
    free(name);
  }
  free(names);
  f->keep &= listed;
}

/* One attribute of `{...}` at *pp: `.class`, `#id` (ignored: the block
 * itself is no node), `key="value"` or `key=value`. Moves *pp past it. */
static void S_attribute(S_fence *f, const char **pp, const char *end) {
  const char *p = *pp;
  if (*p == '.' || *p == '#') {
    const char *w = ++p;
    while (p < end && *p != ' ' && *p != '}')
      p++;
    if (w[-1] == '.' && p > w)
      S_class(f, w, (size_t)(p - w));
    *pp = p;
    return;
  }
  const char *k = p;
  while (p < end && *p != '=' && *p != ' ' && *p != '}')
    p++;
  size_t klen = (size_t)(p - k);
  const char *v = p, *vend = p;
  if (p < end && *p == '=') {
    p++;
    if (p < end && (*p == '"' || *p == '\'')) {
      char q = *p++;
      v = p;
      while (p < end && *p != q)
        p++;
      vend = p;
      if (p < end)
        p++;
    } else {
      v = p;
      while (p < end && *p != ' ' && *p != '}')
        p++;
      vend = p;
    }
  }
  *pp = p > k ? p : p + 1;
  if (!klen)
    return;
  char *key = xstrndup(k, klen);
  if (!strcmp(key, "udgave") || !strcmp(key, "edition"))
    S_editions(f, v, (size_t)(vend - v));
  else
    S_unknown(f, key, S_keys, M_MARKDOWN_UNKNOWN_ATTRIBUTE_BLOCK_DID,
              M_MARKDOWN_UNKNOWN_ATTRIBUTE_BLOCK_RAPPORT);
  free(key);
}

/* Whether the opening fence's attributes p[0..end) (after the colons) hold
 * for the edition being built. */
static bool S_conditions(md_ctx *c, int line, const char *p,
                         const char *end) {
  S_fence f = {c, line, true};
  while (end > p && (end[-1] == ':' || end[-1] == ' ' || end[-1] == '\t' ||
                     end[-1] == '\r'))
    end--; /* `::: intern :::` */
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  if (p < end && *p == '{') {
    p++;
    if (end > p && end[-1] == '}')
      end--;
    while (p < end) {
      if (*p == ' ' || *p == '\t') {
        p++;
        continue;
      }
      S_attribute(&f, &p, end);
    }
  } else if (p < end) {
    S_class(&f, p, (size_t)(end - p));
  }
  return f.keep;
}

void md_divs_apply(md_ctx *c, const char *src, size_t len, buf *out) {
  const char *end = src + len;
  int open_line[S_MAX_DEPTH];
  bool open_keep[S_MAX_DEPTH];
  int depth = 0, line = 0;
  md_fence code = {0, 0}; /* a `:::` in fenced code is code */
  bool keep = true; /* every open block is kept */
  for (const char *p = src; p < end;) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *eol = nl ? nl : end;
    const char *next = nl ? nl + 1 : end;
    line++;
    int run = 0, ind;
    bool fence_line = false;
    if (!md_in_fence(&code, p, eol) && (ind = S_div_fence(p, eol, &run)) >= 0) {
      fence_line = true;
      const char *rest = p + ind + run;
      if (md_blank(rest, eol)) {
        if (depth == 0)
          diag_warning(c->diags, c->file, line, 0,
                       M_MARKDOWN_CLOSES_NO_BLOCK_DELETE);
        else
          depth--;
      } else if (depth == S_MAX_DEPTH) {
        diag_error(c->diags, c->file, line, 0,
                   M_MARKDOWN_BLOCKS_ARE_NESTED_MORE, S_MAX_DEPTH);
      } else {
        open_line[depth] = line;
        /* a block is kept when its conditions and its parents' hold */
        open_keep[depth] = S_conditions(c, line, rest, eol) &&
                           (depth == 0 || open_keep[depth - 1]);
        depth++;
      }
      keep = depth == 0 || open_keep[depth - 1];
    }
    if (keep && !fence_line)
      buf_put(out, p, (size_t)(next - p));
    else if (nl)
      buf_putc(out, '\n');
    p = next;
  }
  for (int i = 0; i < depth; i++)
    diag_error(c->diags, c->file, open_line[i], 0,
               M_MARKDOWN_BLOCK_THAT_STARTS_HERE);
}
