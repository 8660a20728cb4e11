/* test_doc.c - the document tree: ownership, iterator, slugs; and the
 * utilities it rests on. Numbering and cross-references: test_resolve.c. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "doc/doc.h"
#include "test.h"
#include "util/buf.h"
#include "util/fs.h"
#include "util/utf8.h"

static void test_iterator(void) {
  doc *d = doc_new();
  doc_node *p = doc_node_new(DOC_PARAGRAPH);
  doc_node *em = doc_node_new(DOC_EMPH);
  doc_append(em, doc_text("b"));
  doc_append(p, doc_text("a"));
  doc_append(p, em);
  doc_append(d->root, p);
  doc_append(d->root, doc_node_new(DOC_RULE));
  buf b = BUF_INIT;
  doc_iter it;
  doc_iter_init(&it, d->root);
  doc_event ev;
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE)
    buf_printf(&b, "%s%s ", ev == DOC_EV_ENTER ? "+" : "-",
               doc_type_name(it.cur->type));
  CHECK_STR("iterator enters and exits in document order", buf_cstr(&b),
            "+document +paragraph +text +emph +text -emph -paragraph +rule "
            "-document ");
  buf_clear(&b);
  doc_iter_init(&it, d->root);
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE) {
    buf_printf(&b, "%s%s ", ev == DOC_EV_ENTER ? "+" : "-",
               doc_type_name(it.cur->type));
    if (ev == DOC_EV_ENTER && it.cur->type == DOC_PARAGRAPH)
      doc_iter_skip_children(&it);
  }
  CHECK_STR("skip_children still exits the node", buf_cstr(&b),
            "+document +paragraph -paragraph +rule -document ");
  char *plain = doc_plain_text(p);
  CHECK_STR("plain text concatenates", plain, "ab");
  free(plain);
  buf_free(&b);
  doc_free(d);
}

static void *S_free_tree(void *root) {
  doc_node_free(root);
  return NULL;
}

static void test_tree_editing(void) {
  doc_node *root = doc_node_new(DOC_DOCUMENT);
  doc_node *a = doc_text("a"), *b = doc_text("b"), *c = doc_text("c");
  doc_append(root, b);
  doc_prepend(root, a);
  doc_append(root, c);
  CHECK("first/last after prepend and append",
        root->first == a && root->last == c && a->next == b && b->next == c);
  doc_unlink(b);
  CHECK("unlink relinks siblings", a->next == c && c->prev == a);
  doc_insert_before(c, b);
  CHECK("insert_before", a->next == b && b->next == c);
  doc_node_free(b);
  CHECK("free of a middle child unlinks it", a->next == c);
  /* a deep tree frees without recursion: freed on a 64 KB stack in a child
   * process, where a recursive free (200000 frames) overflows and the child
   * dies of SIGSEGV instead of exiting 0 */
  doc_node *cur = root;
  for (int i = 0; i < 200000; i++) {
    doc_node *q = doc_node_new(DOC_QUOTE);
    doc_append(cur, q);
    cur = q;
  }
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    pthread_attr_t at;
    pthread_t th;
    pthread_attr_init(&at);
    pthread_attr_setstacksize(&at, 64 * 1024);
    if (pthread_create(&th, &at, S_free_tree, root) != 0)
      _exit(2);
    pthread_join(th, NULL);
    _exit(0);
  }
  int st = -1;
  if (pid > 0)
    waitpid(pid, &st, 0);
  CHECK("a 200000-deep tree is freed on a 64 KB stack",
        pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0);
  doc_node_free(root);
}

static void test_slug(void) {
  char *s = doc_slug("Ærø, Århus & Øster-gade 2");
  CHECK_STR("slug transliterates Danish letters", s, "aeroe-aarhus-oester-gade-2");
  free(s);
  s = doc_slug("!!!");
  CHECK_STR("slug of punctuation is not empty", s, "afsnit");
  free(s);
}

static void test_utf8(void) {
  CHECK("valid UTF-8", utf8_valid("blåbærgrød", strlen("blåbærgrød"), NULL));
  size_t bad = 0;
  CHECK("invalid UTF-8 found", !utf8_valid("ab\xff", 3, &bad) && bad == 2);
  buf b = BUF_INIT;
  utf8_sanitize(&b, "a\xc3(\xf0\x9f\x98\x80", 7, true);
  CHECK_STR("sanitize replaces bad bytes and non-BMP", buf_cstr(&b),
            "a\xef\xbf\xbd(\xef\xbf\xbd");
  buf_free(&b);
  CHECK("æ sorts after z", utf8_danish_cmp("æble", "zebra") > 0);
  CHECK("ø after æ", utf8_danish_cmp("ø", "æ") > 0);
  CHECK("å after ø", utf8_danish_cmp("å", "ø") > 0);
  CHECK("case-insensitive order", utf8_danish_cmp("Bent", "anders") > 0);
  CHECK("ÆØÅ upper case sort like lower", utf8_danish_cmp("Åse", "Øre") > 0);
  utf8_lower(&b, "ÆØÅ ABC", strlen("ÆØÅ ABC"));
  CHECK_STR("lower-case Danish letters", buf_cstr(&b), "æøå abc");
  buf_free(&b);
}

static void test_atomic_write(void) {
  char dir[] = "/tmp/rapport-test-XXXXXX";
  CHECK("temp dir", mkdtemp(dir) != NULL);
  char *path = fs_join(dir, "a.txt");
  CHECK("first write", fs_write_atomic(path, "gammel", 6));
  CHECK("second write", fs_write_atomic(path, "ny", 2));
  size_t n;
  char *got = fs_read(path, &n);
  CHECK_STR("atomic write replaces content", got, "ny");
  free(got);
  /* a write into a missing folder fails and leaves nothing behind */
  char *bad = fs_join(dir, "mangler/b.txt");
  CHECK("write into missing folder fails", !fs_write_atomic(bad, "x", 1));
  free(bad);
  char *tmp = fs_temp_path(path);
  CHECK("temp path is in the same folder", strncmp(tmp, dir, strlen(dir)) == 0);
  free(tmp);
  unlink(path);
  rmdir(dir);
  free(path);
  char *j = fs_join("a/", "./b");
  CHECK_STR("join", j, "a/b");
  free(j);
}

/* Nodes from the document's pool behave as any other node, and freeing
 * them one by one or with the document frees everything (ASan/valgrind). */
static void test_pool(void) {
  doc *d = doc_new();
  doc_node *t = doc_node_new_in(d, DOC_TABLE);
  doc_append(d->root, t);
  int cells = 0;
  for (int r = 0; r < 3000; r++) { /* several chunks */
    doc_node *row = doc_node_new_in(d, DOC_TABLE_ROW);
    doc_append(t, row);
    doc_node *c = doc_node_new_in(d, DOC_TABLE_CELL);
    doc_append(row, c);
    doc_append(c, doc_text_in(d, "celle", 5));
    cells++;
  }
  CHECK("pooled node has its type", t->type == DOC_TABLE);
  CHECK("pooled cell has no fill", t->first->first->fill == -1);
  CHECK_STR("pooled text node", t->first->first->first->text, "celle");
  doc_node *mixed = doc_text("ikke fra puljen");
  doc_append(t->first->first, mixed);
  doc_node_free(t->first); /* a pooled subtree with a malloc'ed node */
  int rows = 0;
  for (doc_node *r = t->first; r; r = r->next)
    rows++;
  CHECK_NUM("a pooled row freed alone", rows, cells - 1);
  doc_node *plain = doc_node_new_in(NULL, DOC_RULE);
  CHECK("no document: a node of its own", plain && !plain->pooled);
  doc_node_free(plain);
  doc_free(d);
}

int main(void) {
  test_pool();
  test_iterator();
  test_tree_editing();
  test_slug();
  test_utf8();
  test_atomic_write();
  return TEST_END();
}
