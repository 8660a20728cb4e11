/* util.c - escaping, the link policy, numbers, base64 and the id maps
 * of the HTML writer. Everything that reaches the page from data or
 * Markdown passes through html_text or html_attr (both calling
 * util/utf8.h's utf8_escape_markup), so this file is where the page's
 * safety is decided. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html/internal.h"
#include "util/mem.h"
#include "util/utf8.h"

void html_text(buf *b, const char *s) {
  if (s)
    utf8_escape_markup(b, s, strlen(s), false);
}

void html_attr(buf *b, const char *s) {
  if (s)
    utf8_escape_markup(b, s, strlen(s), true);
}

void html_id(buf *b, const char *id) {
  size_t start = b->len;
  html_attr(b, id);
  for (size_t i = start; i < b->len; i++)
    if (b->data[i] == ' ' || b->data[i] == '\t' || b->data[i] == '\n')
      b->data[i] = '-';
}

static bool S_prefix(const char *s, const char *p) {
  for (; *p; p++, s++)
    if (*s == '\0' || (*s | 0x20) != *p)
      return false;
  return true;
}

bool html_url_allowed(const char *url) {
  if (!url)
    return false;
  /* browsers strip leading spaces and controls before reading the scheme */
  while (*url && (unsigned char)*url <= 0x20)
    url++;
  if (url[0] == '#')
    return url[1] != '\0';
  return (S_prefix(url, "https://") && url[8]) ||
         (S_prefix(url, "http://") && url[7]) ||
         (S_prefix(url, "mailto:") && url[7]);
}

void html_num(buf *b, double v) {
  char tmp[64];
  if (v != v || v > 1e9 || v < -1e9) /* NaN or absurd: keep the SVG valid */
    v = 0;
  long long scaled = (long long)(v * 100 + (v < 0 ? -0.5 : 0.5));
  if (scaled == 0) {
    buf_putc(b, '0');
    return;
  }
  bool neg = scaled < 0;
  unsigned long long a = (unsigned long long)(neg ? -scaled : scaled);
  int len;
  if (a % 100 == 0)
    len = snprintf(tmp, sizeof tmp, "%s%llu", neg ? "-" : "", a / 100);
  else if (a % 10 == 0)
    len = snprintf(tmp, sizeof tmp, "%s%llu.%llu", neg ? "-" : "", a / 100,
                   (a % 100) / 10);
  else
    len = snprintf(tmp, sizeof tmp, "%s%llu.%02llu", neg ? "-" : "", a / 100,
                   a % 100);
  buf_put(b, tmp, (size_t)len);
}

void html_base64(buf *b, const unsigned char *p, size_t n) {
  static const char tab[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  buf_grow(b, (n + 2) / 3 * 4 + 1);
  char *o = b->data + b->len;
  size_t i = 0;
  for (; i + 2 < n; i += 3) {
    uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
    *o++ = tab[v >> 18];
    *o++ = tab[(v >> 12) & 63];
    *o++ = tab[(v >> 6) & 63];
    *o++ = tab[v & 63];
  }
  if (i < n) {
    uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0);
    *o++ = tab[v >> 18];
    *o++ = tab[(v >> 12) & 63];
    *o++ = i + 1 < n ? tab[(v >> 6) & 63] : '=';
    *o++ = '=';
  }
  b->len = (size_t)(o - b->data);
  b->data[b->len] = '\0';
}

/* ---- maps ---- */

static size_t S_hash(const void *key, const char *skey) {
  if (skey) {
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)skey; *p; p++)
      h = (h ^ *p) * 1099511628211ull;
    return (size_t)h;
  }
  uint64_t v = (uint64_t)(uintptr_t)key;
  return (size_t)((v >> 4) * 11400714819323198485ull);
}

static html_slot *S_find(const html_map *m, const void *key, const char *skey) {
  if (!m->cap)
    return NULL;
  size_t i = S_hash(key, skey) & (m->cap - 1);
  for (;;) {
    html_slot *s = &m->slots[i];
    if (!s->key && !s->skey)
      return s; /* empty: where it would go */
    if (skey ? (s->skey && strcmp(s->skey, skey) == 0) : s->key == key)
      return s;
    i = (i + 1) & (m->cap - 1);
  }
}

html_slot *html_map_get(const html_map *m, const void *key, const char *skey) {
  html_slot *s = S_find(m, key, skey);
  return s && (s->key || s->skey) ? s : NULL;
}

html_slot *html_map_put(html_map *m, const void *key, const char *skey,
                        const char *value, const doc_node *node) {
  if ((m->len + 1) * 2 > m->cap) { /* keep it at most half full */
    html_map old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->slots = xcalloc(m->cap, sizeof *m->slots);
    m->len = 0;
    for (size_t i = 0; i < old.cap; i++)
      if (old.slots[i].key || old.slots[i].skey) {
        *S_find(m, old.slots[i].key, old.slots[i].skey) = old.slots[i];
        m->len++;
      }
    free(old.slots);
  }
  html_slot *s = S_find(m, key, skey);
  if (s->key || s->skey) {
    free(s->value);
  } else {
    s->key = skey ? NULL : key;
    s->skey = skey ? xstrdup(skey) : NULL;
    m->len++;
  }
  s->value = value ? xstrdup(value) : NULL;
  s->node = node;
  return s;
}

void html_map_free(html_map *m) {
  for (size_t i = 0; i < m->cap; i++) {
    free(m->slots[i].skey);
    free(m->slots[i].value);
  }
  free(m->slots);
  m->slots = NULL;
  m->cap = m->len = 0;
}

const char *html_new_id(html_ctx *h, const char *base) {
  buf b = BUF_INIT;
  buf_puts(&b, base && *base ? base : "id");
  for (int k = 2; html_map_get(&h->ids, NULL, buf_cstr(&b)); k++) {
    buf_clear(&b);
    buf_printf(&b, "%s-%d", base && *base ? base : "id", k);
  }
  html_slot *s = html_map_put(&h->ids, NULL, buf_cstr(&b), NULL, NULL);
  buf_free(&b);
  return s->skey;
}

const char *html_node_id(html_ctx *h, const doc_node *n, const char *base) {
  if (n->id && *n->id)
    return n->id;
  html_slot *s = html_map_get(&h->node_ids, n, NULL);
  if (s)
    return s->value;
  const char *id = html_new_id(h, base);
  return html_map_put(&h->node_ids, n, NULL, id, n)->value;
}
