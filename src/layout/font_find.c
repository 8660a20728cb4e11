/* font_find.c - which file fontconfig found for each family and style,
 * remembered between builds.
 *
 * Starting fontconfig (parsing its configuration, reading its caches) and
 * matching twelve patterns costs a build some 45 M instructions, an eighth
 * of the example's PDF, and the answer is the same every time. So the
 * answers are kept in the output folder (.rapport/fonts.tsv) and used while
 * nothing they depend on has changed: the first line holds the change times
 * of fontconfig's configuration and cache folders and of the user's font
 * folders (installing a font or running fc-cache changes one of them), and
 * each answer the size and change time of its font file. Only clean answers
 * are kept (the family itself, every style found); a substitution, which
 * must be warned about, goes through fontconfig every time. */
#include "layout/font_find.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/buf.h"
#include "util/fs.h"
#include "util/mem.h"

typedef struct {
  char *family, *file, *got;
  int style, index;
} S_found;

static char *S_path;     /* the remembered list, or NULL: not used */
static bool S_read_done; /* S_path read (or found stale) */
static bool S_dirty;     /* answers added since */
static S_found *S_v;
static size_t S_n, S_cap;

/* What the answers depend on, as one line. */
static void S_stamp(buf *out) {
  const char *home = getenv("HOME");
  const char *dirs[] = {"/etc/fonts", "/etc/fonts/conf.d",
                        "/var/cache/fontconfig", "/usr/share/fonts",
                        "/usr/local/share/fonts", NULL};
  for (int i = 0; dirs[i]; i++) {
    struct stat st;
    if (stat(dirs[i], &st) == 0)
      buf_printf(out, "%lld.%09ld ", (long long)st.st_mtim.tv_sec,
                 st.st_mtim.tv_nsec);
    else
      buf_puts(out, "- ");
  }
  const char *rel[] = {".cache/fontconfig", ".fonts", ".local/share/fonts",
                       NULL};
  for (int i = 0; home && rel[i]; i++) {
    char *p = fs_join(home, rel[i]);
    struct stat st;
    if (stat(p, &st) == 0)
      buf_printf(out, "%lld.%09ld ", (long long)st.st_mtim.tv_sec,
                 st.st_mtim.tv_nsec);
    else
      buf_puts(out, "- ");
    free(p);
  }
  const char *env[] = {"FONTCONFIG_FILE", "FONTCONFIG_PATH",
                       "XDG_CACHE_HOME", "XDG_DATA_HOME", NULL};
  for (int i = 0; env[i]; i++) {
    const char *v = getenv(env[i]);
    buf_printf(out, "%s ", v ? v : "-");
  }
}

/* "size.mtime" of a font file, or "" if it is gone. */
static void S_file_stamp(const char *path, buf *out) {
  struct stat st;
  if (stat(path, &st) == 0)
    buf_printf(out, "%lld.%lld.%09ld", (long long)st.st_size,
               (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

static void S_add(const char *family, int style, const char *file, int index,
                  const char *got) {
  XGROW(S_v, S_cap, S_n + 1);
  S_found *f = &S_v[S_n++];
  f->family = xstrdup(family);
  f->style = style;
  f->file = xstrdup(file);
  f->index = index;
  f->got = xstrdup(got);
}

/* Reads the remembered answers once, if they are still good. */
static void S_read(void) {
  if (S_read_done || !S_path)
    return;
  S_read_done = true;
  char *text = fs_read(S_path, NULL);
  if (!text)
    return;
  buf stamp = BUF_INIT, fst = BUF_INIT;
  buf_puts(&stamp, "rapport-fonts 1 ");
  S_stamp(&stamp);
  char *save = NULL;
  char *line = strtok_r(text, "\n", &save);
  if (line && strcmp(line, buf_cstr(&stamp)) == 0) {
    while ((line = strtok_r(NULL, "\n", &save))) {
      /* family \t style \t file \t index \t got \t file stamp */
      char *f[6];
      int k = 0;
      for (char *p = line; k < 6; k++) {
        f[k] = p;
        char *tab = strchr(p, '\t');
        if (!tab) {
          k++;
          break;
        }
        *tab = '\0';
        p = tab + 1;
      }
      if (k != 6)
        continue;
      buf_clear(&fst);
      S_file_stamp(f[2], &fst);
      if (strcmp(buf_cstr(&fst), f[5]) != 0)
        continue; /* the file changed: ask fontconfig again */
      S_add(f[0], atoi(f[1]), f[2], atoi(f[3]), f[4]);
    }
  }
  buf_free(&stamp);
  buf_free(&fst);
  free(text);
}

void font_find_use_file(const char *path) {
  free(S_path);
  S_path = path ? xstrdup(path) : NULL;
  S_read_done = false;
}

bool font_find_get(const char *family, int style, font_found *out) {
  S_read();
  for (size_t i = 0; i < S_n; i++)
    if (S_v[i].style == style && strcmp(S_v[i].family, family) == 0) {
      out->file = S_v[i].file;
      out->index = S_v[i].index;
      out->family = S_v[i].got;
      return true;
    }
  return false;
}

void font_find_put(const char *family, int style, const char *file,
                   int index, const char *got) {
  font_found had;
  if (!S_path || font_find_get(family, style, &had))
    return;
  if (strpbrk(family, "\t\n") || strpbrk(file, "\t\n") ||
      strpbrk(got, "\t\n"))
    return; /* not representable in the list: not remembered */
  S_add(family, style, file, index, got);
  S_dirty = true;
}

void font_find_save(void) {
  if (!S_dirty || !S_path)
    return;
  S_dirty = false;
  buf out = BUF_INIT, fst = BUF_INIT;
  buf_puts(&out, "rapport-fonts 1 ");
  S_stamp(&out);
  buf_putc(&out, '\n');
  for (size_t i = 0; i < S_n; i++) {
    buf_clear(&fst);
    S_file_stamp(S_v[i].file, &fst);
    buf_printf(&out, "%s\t%d\t%s\t%d\t%s\t%s\n", S_v[i].family, S_v[i].style,
               S_v[i].file, S_v[i].index, S_v[i].got, buf_cstr(&fst));
  }
  char *dir = fs_dirname(S_path);
  fs_mkdirs(dir);
  /* a failed write only costs the next build the fontconfig start */
  (void)fs_write_atomic(S_path, out.data ? out.data : "", out.len);
  free(dir);
  buf_free(&out);
  buf_free(&fst);
}

void font_find_free(void) {
  for (size_t i = 0; i < S_n; i++) {
    free(S_v[i].family);
    free(S_v[i].file);
    free(S_v[i].got);
  }
  free(S_v);
  S_v = NULL;
  S_n = S_cap = 0;
  free(S_path);
  S_path = NULL;
  S_read_done = S_dirty = false;
}
