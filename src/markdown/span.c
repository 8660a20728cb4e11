/* span.c - pandoc's bracketed spans with a language, `[the text]{lang=en}`:
 * the words a reader, a screen reader above all, must say in another
 * language than the document's. cmark-gfm knows no attributes, so the
 * brackets and the attribute block reach the tree as text; this pass over
 * a container's inlines finds them and wraps what lies between in a
 * DOC_SPAN that carries the language (writers: the PDF's Span with /Lang,
 * HTML's lang, Word's w:lang). */
#include <stdbool.h>
#include <string.h>

#include "markdown/text.h"
#include "util/mem.h"
#include "util/utf8.h"

/* A BCP 47 tag as far as its form goes: a language of 2-3 letters, then
 * subtags of 1-8 letters or digits ("en", "de-CH", "sr-Latn-RS"). */
static bool S_bcp47(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
    i++;
  if (i < 2 || i > 3)
    return false;
  while (i < n) {
    if (s[i++] != '-')
      return false;
    size_t k = 0;
    while (i < n && s[i] != '-') {
      char ch = s[i++];
      if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
            (ch >= '0' && ch <= '9')))
        return false;
      k++;
    }
    if (k < 1 || k > 8)
      return false;
  }
  return true;
}

/* The attribute block at s ("{lang=en}" or "{lang="en"}", blanks allowed
 * inside the braces): its length, with the value at *v, *vn; 0 if s holds
 * no such block. */
static size_t S_lang_attr(const char *s, const char **v, size_t *vn) {
  const char *p = s;
  if (*p++ != '{')
    return 0;
  while (*p == ' ')
    p++;
  if (strncmp(p, "lang=", 5) != 0)
    return 0;
  p += 5;
  bool quoted = *p == '"';
  p += quoted;
  *v = p;
  while (*p && *p != '}' && *p != ' ' && *p != '"')
    p++;
  *vn = (size_t)(p - *v);
  if (quoted && *p++ != '"')
    return 0;
  while (*p == ' ')
    p++;
  return *p == '}' ? (size_t)(p + 1 - s) : 0;
}

/* Splits text node n at byte off: n keeps [0, off), the node returned
 * (inserted after it) holds the rest. */
static doc_node *S_split(doc_node *n, size_t off) {
  doc_node *r = doc_text(n->text + off);
  r->file = n->file;
  r->line = n->line;
  r->col = n->col;
  n->text[off] = '\0';
  if (n->next)
    doc_insert_before(n->next, r);
  else
    doc_append(n->parent, r);
  return r;
}

/* Frees n if it is a text node left empty by the splits. */
static void S_drop_empty(doc_node *n) {
  if (n && n->type == DOC_TEXT && (!n->text || !*n->text))
    doc_node_free(n);
}

/* The '[' that opens the span whose ']' is at byte at of text node k: the
 * last one not closed before it, in k or in a text node before it among
 * its siblings (other inlines are passed over). NULL if there is none. */
static doc_node *S_opener(doc_node *k, size_t at, size_t *off) {
  int depth = 0;
  for (doc_node *n = k; n; n = n->prev, at = (size_t)-1) {
    if (n->type != DOC_TEXT || !n->text)
      continue;
    size_t i = at == (size_t)-1 ? strlen(n->text) : at;
    while (i-- > 0) {
      if (n->text[i] == ']')
        depth++;
      else if (n->text[i] == '[' && depth-- == 0) {
        *off = i;
        return n;
      }
    }
  }
  return NULL;
}

void md_lang_spans(md_ctx *c, doc_node *parent) {
  bool made = false;
  for (doc_node *k = parent->first; k; k = k->next) {
    if (k->type != DOC_TEXT || !k->text)
      continue;
    for (char *br = strstr(k->text, "]{"); br; br = strstr(br + 1, "]{")) {
      const char *v;
      size_t vn, an = S_lang_attr(br + 1, &v, &vn);
      size_t at = (size_t)(br - k->text), q;
      doc_node *o = an ? S_opener(k, at, &q) : NULL;
      if (!o)
        continue;
      if (!S_bcp47(v, vn)) {
        /* the column of the tag (when the node's is known) */
        int col = k->col > 0 ? k->col + (int)utf8_length(k->text,
                                                         (size_t)(v - k->text))
                             : 0;
        diag_error(c->diags, k->file, k->line, col,
                   M_MARKDOWN_LANGUAGE_TAG_IS_NOT, (int)vn, v);
        continue;
      }
      doc_node *span = doc_node_new(DOC_SPAN);
      span->info = xstrndup(v, vn);
      span->file = o->file;
      span->line = o->line;
      span->col = o->col;
      /* k: "...inner]{lang=en}tail"; o: "head[inner..." (maybe k) */
      doc_node *tail = S_split(k, at + 1 + an);
      doc_node *close = S_split(k, at);
      doc_node *first = S_split(o, q + 1);
      o->text[q] = '\0'; /* the '[' */
      doc_insert_before(first, span);
      while (span->next != close)
        doc_append(span, span->next);
      doc_node_free(close);
      S_drop_empty(span->first);
      S_drop_empty(span->last);
      S_drop_empty(o);
      made = true;
      k = tail; /* goes on after the span */
      br = k->text - 1;
    }
  }
  for (doc_node *k = made ? parent->first : NULL, *next; k; k = next) {
    next = k->next;
    S_drop_empty(k);
  }
}
