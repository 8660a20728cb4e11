/* anon_image.c - the images of a public edition as a reader finds them
 * (anon.h, anon_check_images): the file's name, and the text that is left
 * in the file after its metadata is stripped (doc/image.h). The writers
 * strip the same way, so what is checked here is what they embed. */
#include <stdlib.h>
#include <string.h>

#include "anon/anon.h"
#include "anon/internal.h"
#include "doc/image.h"
#include "util/fs.h"
#include "util/mem.h"

/* The first real name in s (mode as anon_find), with the form as written
 * and its context. False if there is none. A doubtful sentence start
 * (an ordinary word) is not a name here either. */
static bool S_first(const anon_map *m, const char *s, size_t len,
                    anon_mode mode, size_t *entry, buf *form, buf *ctx) {
  anon_norm n;
  anon_norm_init(&n);
  anon_norm_add(&n, s, len, 0, false);
  anon_hit h;
  size_t pos = 0;
  bool found = false;
  while (!found && anon_find(m, &n, pos, mode, &h)) {
    pos = h.word_end > h.end ? h.word_end : h.end;
    if (h.kind == ANON_HIT_DOUBT)
      continue;
    size_t a = h.start, e = pos;
    while (a > 0 && anon_is_word_cp(n.lc[a - 1]))
      a--;
    anon_norm_text(&n, a, e, form);
    anon_context(&n, a, e, 40, ctx);
    *entry = h.entry;
    found = true;
  }
  anon_norm_free(&n);
  return found;
}

/* One image file, once: its name, then its text after stripping. */
static int S_check_image(const anon_map *m, const doc_node *n,
                         diag_list *diags) {
  char *shown = image_shown(n);
  char *base = fs_basename(n->text);
  size_t entry;
  buf form = BUF_INIT, ctx = BUF_INIT;
  int hits = 0;
  if (S_first(m, base, strlen(base), ANON_MODE_ID, &entry, &form, &ctx)) {
    diag_error(diags, n->file, n->line, n->col, M_ANON_IMAGE_FILE_HAS_REAL,
               shown, m->entries[entry].real, buf_cstr(&form));
    hits++;
  }
  image im;
  char why[300];
  const char *hint;
  /* image_check_doc read it already: a file that cannot be read now is
     reported by the writers, which read it again */
  if (image_read(&im, n->text, IMAGE_STRUCTURE, why, sizeof why, &hint)) {
    image_strip(&im);
    buf text = BUF_INIT;
    image_text(&im, &text);
    buf_clear(&form);
    buf_clear(&ctx);
    if (text.len &&
        S_first(m, text.data, text.len, ANON_MODE_SCAN, &entry, &form, &ctx)) {
      bool svg = im.kind == IMAGE_SVG;
      diag_error(
          diags, n->file, n->line, n->col,
          svg ? M_ANON_IMAGE_HAS_REAL_NAME : M_ANON_IMAGE_HAS_REAL_NAME_ITS,
          shown, m->entries[entry].real, buf_cstr(&form), buf_cstr(&ctx));
      hits++;
    }
    buf_free(&text);
    image_free(&im);
  }
  buf_free(&form);
  buf_free(&ctx);
  free(base);
  free(shown);
  return hits;
}

int anon_check_images(const anon_map *m, const doc *d, diag_list *diags) {
  if (!m || !d)
    return 0;
  int hits = 0;
  /* each file once, at its first use (the nodes own the paths) */
  const char **seen = NULL;
  size_t nseen = 0;
  doc_iter it;
  doc_iter_init(&it, d->root);
  for (doc_event ev; (ev = doc_iter_next(&it)) != DOC_EV_NONE;) {
    const doc_node *n = it.cur;
    /* a path left relative was refused where it was resolved */
    if (ev != DOC_EV_ENTER || n->type != DOC_IMAGE || !n->text ||
        n->text[0] != '/')
      continue;
    bool known = false;
    for (size_t i = 0; i < nseen && !known; i++)
      known = strcmp(seen[i], n->text) == 0;
    if (known)
      continue;
    seen = xrealloc(seen, (nseen + 1) * sizeof *seen);
    seen[nseen++] = n->text;
    hits += S_check_image(m, n, diags);
  }
  free(seen);
  return hits;
}
