/* build.c - the pipeline for each edition of a project, and what a user
 * sees of it: progress, timing, what changed, and the dependency file. */
#include "cli/build.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "anon/anon.h"
#include "cli/jobs.h"
#include "cli/depfile.h"
#include "cite/cite.h"
#include "doc/doc.h"
#include "html/html.h"
#include "docx/docx.h"
#include "doc/image.h"
#include "layout/font.h"
#include "layout/font_find.h"
#include "layout/layout.h"
#include "project/locale.h"
#include "markdown/markdown.h"
#include "pdf/pdf.h"
#include "project/project.h"
#include "doc/resolve.h"
#include "script/script.h"
#include "project/theme.h"
#include "util/buf.h"
#include "util/confine.h"
#include "util/fs.h"
#include "util/home.h"
#include "util/mem.h"

typedef struct {
  build_options *o;
  project *p;
  theme *th;
  locale *loc;
  data_table **tables; /* parallel to p->data */
  anon_map *map;
  data_table **public_tables; /* the tables with the pseudonyms (anon_tables),
                                 for the public editions; NULL without */
  bib *bib;
  char *out_dir;
  diag_list diags;
  bool defer_index;    /* editions run in children: the parent writes
                          rapport.d once, after all of them */
  bool index_due;      /* an edition's .d was written */
  int built;           /* editions built (parallel runs count here) */
  /* the wall clock before the first source was read: coarse like the file
     system's timestamps (a file saved later is never dated before it), and
     fine (a file saved sooner is never dated after it) */
  struct timespec started, started_fine;
  /* a source was saved during the build: SOURCE_SAVED_DURING, or
     SOURCE_SAVED_AT_START when its time falls between the two starts, so
     that it may as well have been saved just before (the build runs again
     from it either way, and says so only in the first) */
  int source_changed;
  int lock_fd;         /* <out>/.rapport/lock, held while building; -1 */
  font_family *chart_font; /* what the templates measure chart text with
                              (S_measure); NULL: they estimate */
} S_build;

static double S_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void S_fill_meta(S_build *b, doc *d, const edition *e) {
  project *p = b->p;
  doc_meta *m = &d->meta;
  doc_set(&m->title, p->title);
  doc_set(&m->subtitle, p->subtitle);
  doc_set(&m->edition_title, e->title);
  doc_set(&m->organisation, p->organisation);
  doc_set(&m->date, e->date ? e->date : p->date);
  doc_set(&m->lang, p->lang);
  doc_set(&m->subject, p->subject);
  doc_set(&m->keywords, p->keywords);
  m->fictional = p->fictional;
  m->authors = xcalloc(p->authors.len + 1, sizeof *m->authors);
  for (size_t i = 0; i < p->authors.len; i++)
    m->authors[i] = xstrdup(p->authors.items[i]);
  m->nauthors = p->authors.len;
  /* reproducible: SOURCE_DATE_EPOCH, else the report's date at noon UTC;
     the date as readers see it is the resolve stage's (resolve.h) */
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  m->source_epoch = 0;
  if (sde && *sde) {
    m->source_epoch = strtoll(sde, NULL, 10);
  } else if (m->date) {
    struct tm tm = {0};
    if (sscanf(m->date, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) ==
        3) {
      tm.tm_year -= 1900;
      tm.tm_mon -= 1;
      tm.tm_hour = 12;
      m->source_epoch = (long long)timegm(&tm);
    }
  }
}

/* `toc = true`: the contents first, right after the title page, as a
 * ```{toc}``` there would put it; not twice when a chapter has one. */
static void S_add_toc(doc *d) {
  doc_iter it;
  doc_iter_init(&it, d->root);
  for (doc_event ev; (ev = doc_iter_next(&it)) != DOC_EV_NONE;)
    if (ev == DOC_EV_ENTER && it.cur->type == DOC_TOC)
      return;
  doc_prepend(d->root, doc_node_new_in(d, DOC_TOC));
}

/* `logo = "billeder/logo.png"` (or `cover`): an image node flagged
 * DOC_LOGO or DOC_COVER first in the document, so it is checked, listed
 * as a source and pseudonymised as every other image, and the writers
 * place it (title page, HTML header). A path outside the project was
 * refused by project_load. */
static void S_title_image(S_build *b, doc *d, const char *key,
                          const char *rel, const char *alt, unsigned flag) {
  if (!rel || !*rel)
    return;
  confine_status st;
  char *real = confine_resolve(b->p->dir, rel, &st, NULL);
  const char *cfg = doc_intern_file(d, b->p->config_path);
  if (!real) {
    if (confine_refused(st) && st != CONFINE_OUTSIDE) /* outside: project_load */
      confine_report(&b->diags, cfg, 0, 0, CONFINE_IMAGE, rel, rel, st);
    else if (!confine_refused(st))
      diag_error(&b->diags, cfg, 0, 0, M_CLI_IMAGE_RAPPORT_LUA_DOES, rel, key);
    return;
  }
  doc_node *im = doc_node_new_in(d, DOC_IMAGE);
  im->flags |= flag;
  im->file = cfg;
  im->text = real;
  doc_set(&im->alt, alt);
  doc_prepend(d->root, im);
}

/* script_config.measure: chart text in the chart font, as the PDF draws
 * it, so the templates wrap titles and labels by the real widths. */
static double S_measure(void *ctx, const char *text, size_t len, double size,
                        bool bold) {
  font *f = font_family_get(ctx, bold ? FONT_BOLD : FONT_REGULAR);
  return font_text_width(f, text, len, size);
}

/* Builds the document tree of one edition. NULL after errors. */
static doc *S_build_doc(S_build *b, const edition *e, bool public_edition,
                        str_list *sources) {
  project *p = b->p;
  doc *d = doc_new();
  S_fill_meta(b, d, e);
  script_config sc = {p,         e,    b->tables, public_edition, home_dir(),
                      &b->diags, NULL, NULL,      NULL,           NULL};
  if (public_edition && b->map) {
    /* the first line: the templates compute and measure with the
       pseudonyms; anon_apply and anon_check below are the second */
    sc.tables = b->public_tables;
    sc.map_text = anon_map_text;
    sc.map_ctx = b->map;
  }
  if (b->chart_font) {
    sc.measure = S_measure;
    sc.measure_ctx = b->chart_font;
  }
  script *s = script_new(&sc);
  md_directives dx = script_directives(s);
  for (size_t i = 0; i < e->chapters.len; i++) {
    char *path = fs_join(p->dir, e->chapters.items[i]);
    markdown_parse_file(d, path, path, &dx, &b->diags);
    str_list_push(sources, path);
    free(path);
  }
  if (p->toc)
    S_add_toc(d);
  S_title_image(b, d, "cover", p->cover, p->cover_alt, DOC_COVER);
  S_title_image(b, d, "logo", p->logo,
                p->logo_alt ? p->logo_alt : p->organisation, DOC_LOGO);
  if (b->bib)
    cite_process(d, b->bib, s, &b->diags);
  const str_list *ss = script_sources(s);
  for (size_t i = 0; ss && i < ss->len; i++)
    str_list_push(sources, ss->items[i]);
  script_free(s);
  doc_words w = {locale_get(b->loc, "table_lower"),
                 locale_get(b->loc, "figure_lower"),
                 locale_get(b->loc, "section_lower")};
  doc_resolve(d, &w, &b->diags);
  /* a bad image stops the build here, before any output is replaced */
  image_check_doc(d, &b->diags);
  image_check_alt(d, public_edition, &b->diags);
  /* images are sources too: a figure saved again rebuilds the outputs */
  doc_iter it;
  doc_iter_init(&it, d->root);
  for (doc_event ev; (ev = doc_iter_next(&it)) != DOC_EV_NONE;)
    if (ev == DOC_EV_ENTER && it.cur->type == DOC_IMAGE && it.cur->text)
      str_list_push(sources, it.cur->text);
  if (diag_has_errors(&b->diags)) {
    doc_free(d);
    return NULL;
  }
  if (public_edition && b->map) {
    anon_apply(b->map, d);
    /* a form of a name that could not be rewritten fails here, at its
       source line, before anything is written; so does one in an image
       (its name, an SVG's text), whatever the formats */
    int left = b->o->names ? 0
                           : anon_check(b->map, d, &b->diags) +
                                 anon_check_images(b->map, d, &b->diags);
    if (left > 0) {
      doc_free(d);
      return NULL;
    }
  }
  resolve_structure(d, b->th, b->loc);
  return d;
}

/* ---- what changed since the last build ---- */

static uint64_t S_fnv(uint64_t h, const void *p, size_t n) {
  const unsigned char *c = p;
  for (size_t i = 0; i < n; i++)
    h = (h ^ c[i]) * 1099511628211ull;
  return h;
}

static uint64_t S_node_hash(const doc_node *n) {
  uint64_t h = 14695981039346656037ull;
  doc_iter it;
  doc_iter_init(&it, (doc_node *)n);
  doc_event ev;
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE) {
    doc_node *c = it.cur;
    int t = (int)c->type * 2 + (ev == DOC_EV_EXIT);
    h = S_fnv(h, &t, sizeof t);
    if (ev != DOC_EV_ENTER)
      continue;
    if (c->text)
      h = S_fnv(h, c->text, strlen(c->text) + 1);
    h = S_fnv(h, &c->fill, sizeof c->fill);
    if (c->drawing) {
      const doc_drawing *dr = c->drawing;
      for (size_t i = 0; i < dr->len; i++) {
        const draw_item *di = &dr->items[i];
        double v[] = {di->x, di->y, di->w, di->h, di->x2, di->y2,
                      (double)di->fill, (double)di->stroke};
        h = S_fnv(h, v, sizeof v);
        if (di->text)
          h = S_fnv(h, di->text, strlen(di->text) + 1);
        if (di->points)
          h = S_fnv(h, di->points, di->npoints * 2 * sizeof(double));
      }
    }
  }
  return h;
}

/* Writes "<key> <hash> <label>" lines for each numbered table and figure,
 * compares with the previous file and prints what changed. */
static void S_report_changes(S_build *b, const doc *d, const char *edition_out) {
  buf now = BUF_INIT;
  doc_iter it;
  doc_iter_init(&it, d->root);
  doc_event ev;
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE) {
    doc_node *n = it.cur;
    if (ev != DOC_EV_ENTER || n->number == 0 ||
        (n->type != DOC_TABLE && n->type != DOC_FIGURE))
      continue;
    const char *word = locale_get(b->loc, n->type == DOC_TABLE ? "table"
                                                               : "figure");
    buf_printf(&now, "%s %016llx %s %d\n", n->id ? n->id : "-",
               (unsigned long long)S_node_hash(n), word, n->number);
    doc_iter_skip_children(&it);
  }
  char *state_dir = fs_join(b->out_dir, ".rapport");
  fs_mkdirs(state_dir);
  buf sp = BUF_INIT;
  buf_printf(&sp, "%s/%s.sums", state_dir, edition_out);
  char *old = fs_read(buf_cstr(&sp), NULL);
  if (old && !b->o->quiet) {
    buf changed = BUF_INIT;
    int count = 0;
    char *save = NULL, *copy = xstrdup(buf_cstr(&now));
    for (char *line = strtok_r(copy, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
      char id[512], hash[32], label[256];
      int num;
      if (sscanf(line, "%511s %31s %255s %d", id, hash, label, &num) != 4)
        continue;
      /* the same id (or, without id, the same label and number) */
      buf key = BUF_INIT;
      buf_printf(&key, "%s %s ", id, hash);
      bool same = false;
      for (char *o = old; (o = strstr(o, buf_cstr(&key))); o++)
        if (o == old || o[-1] == '\n') {
          same = true;
          break;
        }
      buf_free(&key);
      if (!same) {
        buf_printf(&changed, "%s%s %d", count ? ", " : "", label, num);
        count++;
      }
    }
    free(copy);
    if (count)
      printf(M_CLI_CHANGED_SINCE_LAST_BUILD, edition_out, buf_cstr(&changed));
    else
      printf(M_CLI_NO_TABLE_FIGURE_CHANGED, edition_out);
    buf_free(&changed);
  }
  fs_write_atomic(buf_cstr(&sp), now.data ? now.data : "", now.len);
  free(old);
  buf_free(&sp);
  buf_free(&now);
  free(state_dir);
}

/* ---- names in rapport.d (depfile.h) ---- */

/* A name as a message can show it: control bytes written as \n, \t, \xHH. */
static char *S_shown(const char *s) {
  buf out = BUF_INIT;
  for (const unsigned char *c = (const unsigned char *)s; *c; c++)
    if (*c == '\n')
      buf_puts(&out, "\\n");
    else if (*c == '\t')
      buf_puts(&out, "\\t");
    else if (*c < 0x20 || *c == 0x7f)
      buf_printf(&out, "\\x%02x", *c);
    else
      buf_putc(&out, *c);
  return buf_detach(&out);
}

/* A refused byte as a message names it. */
static void S_describe(buf *out, int c) {
  if (c == '\n')
    buf_puts(out, M_CLI_LINE_BREAK);
  else if (c == '\t')
    buf_puts(out, M_CLI_TAB);
  else if (c < 0x20 || c == 0x7f)
    buf_printf(out, M_CLI_CONTROL_CHARACTER_0X, c);
  else
    buf_printf(out, M_CLI_CHARACTER, c);
}

/* An error for a name that cannot go into rapport.d: `file` is where the
 * name comes from (rapport.lua, or NULL for the command line), `what` says
 * what it is and `fix` how to get rid of it. */
static void S_unsafe_error(S_build *b, const char *file, const char *what,
                           const char *name, const char *fix) {
  buf c = BUF_INIT;
  S_describe(&c, mk_unsafe(name));
  char *shown = S_shown(name);
  diag_error(&b->diags, file, 0, 0, M_CLI_CONTAINS_WHICH_MAKE_CANNOT, what,
             shown, buf_cstr(&c), fix);
  free(shown);
  buf_free(&c);
}

/* Edition names become file names (<name>.pdf, .rapport/<name>.d) and
 * words in rapport.d: letters (æ, ø, å too), digits, - and _, not - first
 * (it would read as an option). */
static bool S_edition_name_ok(const char *s) {
  if (!*s || *s == '-')
    return false;
  static const char *const danish[] = {"æ", "ø", "å", "Æ", "Ø", "Å"};
  while (*s) {
    unsigned char c = (unsigned char)*s;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9') || c == '-' || c == '_') {
      s++;
      continue;
    }
    size_t k = 0;
    while (k < 6 && strncmp(s, danish[k], 2) != 0)
      k++;
    if (k == 6)
      return false;
    s += 2;
  }
  return true;
}

/* Every name rapport.lua gives that ends up in rapport.d or as a file name,
 * checked before anything is read, so `rapport check` reports them too. */
static void S_check_names(S_build *b) {
  const project *p = b->p;
  for (size_t i = 0; i < p->neditions; i++) {
    const edition *e = &p->editions[i];
    if (!S_edition_name_ok(e->name)) {
      char *shown = S_shown(e->name);
      diag_error(&b->diags, p->config_path, 0, 0, M_CLI_EDITION_NAME_CANNOT_BE,
                 shown);
      free(shown);
    }
    for (size_t k = 0; k < e->chapters.len; k++)
      if (mk_unsafe(e->chapters.items[k]))
        S_unsafe_error(b, p->config_path, M_CLI_CHAPTER_FILE,
                       e->chapters.items[k], M_CLI_RENAME_FILE_ITS_NAME);
  }
  for (size_t i = 0; i < p->ndata; i++)
    if (p->data[i].path && mk_unsafe(p->data[i].path))
      S_unsafe_error(b, p->config_path, M_CLI_DATA_FILE, p->data[i].path,
                     M_CLI_RENAME_FILE_ITS_NAME);
  const char *named[] = {p->mapping, p->bibliography};
  for (size_t i = 0; i < 2; i++)
    if (named[i] && mk_unsafe(named[i]))
      S_unsafe_error(b, p->config_path, M_CLI_FILE, named[i],
                     M_CLI_RENAME_FILE_ITS_NAME);
}

/* ---- one edition ---- */

/* Each output's sources go to <out>/.rapport/<name>.d, a Makefile rule
 * that rebuilds just that edition; <out>/rapport.d includes them all.
 * S_deps_text makes the rule; it returns false, with an error, if a
 * source's name cannot be written in make syntax (a file a component
 * loaded, a theme file): a rule without it would let make believe the
 * outputs are current. */
static bool S_deps_text(S_build *b, buf *d, const str_list *outputs,
                        const str_list *src, const char *edition,
                        bool public_edition) {
  buf targets = BUF_INIT;
  for (size_t i = 0; i < outputs->len; i++) {
    if (i)
      buf_putc(&targets, ' ');
    /* the out folder and edition names were checked before the build */
    mk_put(&targets, outputs->items[i], MK_RULE);
  }
  buf_printf(d, "RAPPORT_OUTPUTS += %s\n%s &:", buf_cstr(&targets),
             buf_cstr(&targets));
  buf_free(&targets);
  for (size_t i = 0; i < src->len; i++) {
    buf_putc(d, ' ');
    if (!mk_put(d, src->items[i], MK_RULE)) {
      S_unsafe_error(b, NULL, M_CLI_FILE, src->items[i], M_CLI_RENAME_FILE);
      return false;
    }
  }
  buf_puts(d, " $(BIN)/rapport\n\t$(BIN)/rapport build ");
  mk_put(d, b->p->dir, MK_SHELL);
  buf_puts(d, " --edition ");
  mk_put(d, edition, MK_SHELL);
  /* the rule is written only when PDF and HTML are built (S_edition): the
     Word edition, when it is built too, is made again with them */
  buf_printf(d, "%s%s --out ", public_edition ? " --public" : "",
             b->o->docx ? " --format pdf,html,docx" : "");
  mk_put(d, b->out_dir, MK_SHELL);
  buf_putc(d, '\n');
  return true;
}

/* Writes the rule for the output set `name`. If it cannot be written, the
 * old one goes: a stale rule would make the new outputs look current. */
static void S_write_deps(S_build *b, const char *name, const buf *d) {
  buf path = BUF_INIT;
  buf_printf(&path, "%s/.rapport", b->out_dir);
  fs_mkdirs(buf_cstr(&path));
  buf_printf(&path, "/%s.d", name);
  if (!fs_write_atomic(buf_cstr(&path), d->data, d->len)) {
    /* a stale rule would let make trust outputs older than their
       sources: without it, rapport.d gives the outputs a plain rule and
       make builds the edition again */
    diag_warning(&b->diags, buf_cstr(&path), 0, 0,
                 M_CLI_DEPENDENCY_FILE_CANNOT_BE, strerror(errno));
    unlink(buf_cstr(&path));
  }
  buf_free(&path);
  b->index_due = true;
}

/* The index includes each edition's rule; an output never built yet (a
 * public edition added later) gets a plain rule so make builds it. It
 * depends only on which .d files exist, so writing it once after parallel
 * editions gives what writing it after each edition gives. */
static void S_write_index(S_build *b) {
  buf idx = BUF_INIT;
  for (size_t i = 0; i < b->p->neditions; i++)
    for (int pub = 0; pub < (b->p->mapping ? 2 : 1); pub++) {
      const char *en = b->p->editions[i].name;
      const char *suffix = pub ? "-offentlig" : "";
      buf dp = BUF_INIT, html = BUF_INIT, pdf = BUF_INIT, targets = BUF_INIT;
      const char *sub = pub ? "/" BUILD_PUBLIC_DIR : "";
      buf_printf(&dp, "%s/.rapport/%s%s.d", b->out_dir, en, suffix);
      buf_printf(&html, "%s%s/%s%s.html", b->out_dir, sub, en, suffix);
      buf_printf(&pdf, "%s%s/%s%s.pdf", b->out_dir, sub, en, suffix);
      /* the out folder, project folder and edition names were checked
         before the build (S_check_paths, S_check_names) */
      mk_put(&targets, buf_cstr(&html), MK_RULE);
      buf_putc(&targets, ' ');
      mk_put(&targets, buf_cstr(&pdf), MK_RULE);
      if (fs_exists(buf_cstr(&dp))) {
        buf_puts(&idx, "-include ");
        mk_put(&idx, buf_cstr(&dp), MK_INCLUDE);
        buf_putc(&idx, '\n');
      } else {
        buf_printf(&idx, "RAPPORT_OUTPUTS += %s\n%s &: ", buf_cstr(&targets),
                   buf_cstr(&targets));
        mk_put(&idx, b->p->config_path, MK_RULE);
        buf_puts(&idx, " $(BIN)/rapport\n\t$(BIN)/rapport build ");
        mk_put(&idx, b->p->dir, MK_SHELL);
        buf_puts(&idx, " --edition ");
        mk_put(&idx, en, MK_SHELL);
        buf_printf(&idx, "%s --out ", pub ? " --public" : "");
        mk_put(&idx, b->out_dir, MK_SHELL);
        buf_putc(&idx, '\n');
      }
      buf_free(&targets);
      buf_free(&pdf);
      buf_free(&html);
      buf_free(&dp);
    }
  char *ip = fs_join(b->out_dir, "rapport.d");
  char *old = fs_read(ip, NULL);
  if (!old || strcmp(old, buf_cstr(&idx)) != 0)
    fs_write_atomic(ip, idx.data, idx.len);
  free(old);
  free(ip);
  buf_free(&idx);
}

/* The layout stage: the PDF's pages, and the grids of the tables the Word
 * edition takes over (layout/grid.h). Free lf and r afterwards, whatever
 * it returns. 0 or -1 (with diagnostics). */
static int S_layout(S_build *b, const doc *d, lay_fonts *lf, lay_result *r) {
  memset(r, 0, sizeof *r);
  return lay_fonts_load(d, b->th, lf, &b->diags) == 0 &&
                 lay_document(d, b->th, b->loc, lf, r, &b->diags) == 0
             ? 0
             : -1;
}

/* Diagnostics from `from` on that name a temporary file (as their file or
 * in their text) name the output instead: the user knows only the output. */
static void S_rename_diags(S_build *b, size_t from, const char *tmp,
                           const char *path) {
  size_t n = strlen(tmp);
  for (size_t i = from; i < b->diags.len; i++) {
    diag *g = &b->diags.items[i];
    if (g->file && strcmp(g->file, tmp) == 0) {
      free(g->file);
      g->file = xstrdup(path);
    }
    if (!strstr(g->message, tmp))
      continue;
    buf m = BUF_INIT;
    const char *p = g->message;
    for (const char *hit; (hit = strstr(p, tmp)); p = hit + n) {
      buf_put(&m, p, (size_t)(hit - p));
      buf_puts(&m, path);
    }
    buf_puts(&m, p);
    free(g->message);
    g->message = buf_detach(&m);
  }
}

enum { SOURCE_SAVED_DURING = 1, SOURCE_SAVED_AT_START = 2 };

static int S_ts_cmp(struct timespec a, struct timespec b) {
  if (a.tv_sec != b.tv_sec)
    return a.tv_sec < b.tv_sec ? -1 : 1;
  return a.tv_nsec < b.tv_nsec ? -1 : a.tv_nsec > b.tv_nsec;
}

/* The first source saved since the build started, or NULL; *how says
 * whether it was surely saved during the build or may have been saved just
 * before it. Outputs written after such a change would look current to
 * make although they were made from the old content. A file dated after now
 * was not saved during this build (a clock skew: make rebuilds from it
 * every time anyway), and one that is gone makes make fail, so neither
 * counts. A file system with fine timestamps (Linux 6.13's multigrain
 * ones) dates a file by the fine clock, which the coarse one lags by up to
 * two of its ticks here (a virtual machine): a file dated between the
 * coarse and the fine start is the uncertain case. */
static const char *S_changed_source(const S_build *b, const str_list *src,
                                    int *how) {
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  for (size_t i = 0; i < src->len; i++) {
    struct stat st;
    if (stat(src->items[i], &st) == 0 &&
        S_ts_cmp(st.st_mtim, b->started) >= 0 &&
        S_ts_cmp(st.st_mtim, now) <= 0) {
      *how = S_ts_cmp(st.st_mtim, b->started_fine) < 0 ? SOURCE_SAVED_AT_START
                                                        : SOURCE_SAVED_DURING;
      return src->items[i];
    }
  }
  return NULL;
}

/* Renames each temporary tmps[i] over finals[i]: all of them, or, when
 * something is in the way, none, and the temporaries are removed either
 * way. A folder where an output belongs is the failure a rename in the
 * same folder meets in practice, so it is looked for before the first. */
static bool S_commit(S_build *b, const str_list *tmps, const str_list *finals) {
  size_t i = 0;
  for (; i < finals->len; i++) {
    struct stat st;
    if (lstat(finals->items[i], &st) == 0 && S_ISDIR(st.st_mode)) {
      diag_error(&b->diags, finals->items[i], 0, 0, "%s",
                 M_CLI_FOLDER_IS_WAY_OUTPUT);
      break;
    }
  }
  bool ok = i == finals->len;
  for (i = 0; ok && i < tmps->len; i++)
    if (!fs_commit(tmps->items[i], finals->items[i])) {
      diag_error(&b->diags, finals->items[i], 0, 0,
                 M_CLI_CANNOT_REPLACE_FILE_EDITION, strerror(errno));
      ok = false;
    }
  for (; i < tmps->len; i++)
    fs_abort(tmps->items[i]);
  return ok;
}

/* A public edition says so (doc_meta.public_label): the project's word
 * (words.public_edition) or the locale's, on the title page, in the HTML
 * header and, added to the keywords, in the PDF's and the HTML's
 * metadata. */
static void S_mark_public(S_build *b, doc *d) {
  const char *w = b->p->public_word ? b->p->public_word
                                    : locale_get(b->loc, "public_edition");
  doc_meta *m = &d->meta;
  doc_set(&m->public_label, w);
  buf k = BUF_INIT;
  if (m->keywords && *m->keywords)
    buf_printf(&k, "%s, ", m->keywords);
  buf_puts(&k, w);
  doc_set(&m->keywords, buf_cstr(&k));
  buf_free(&k);
}

static int S_edition(S_build *b, const edition *e, bool public_edition) {
  double t0 = S_now_ms();
  str_list sources = {0};
  for (size_t i = 0; i < b->p->sources.len; i++)
    str_list_push(&sources, b->p->sources.items[i]);
  for (size_t i = 0; i < b->p->ndata; i++)
    if (b->p->data[i].path) {
      char *dp = fs_join(b->p->dir, b->p->data[i].path);
      str_list_push(&sources, dp);
      free(dp);
    }
  for (size_t i = 0; i < b->th->nfiles; i++)
    str_list_push(&sources, b->th->files[i]);
  if (locale_path(b->loc))
    str_list_push(&sources, locale_path(b->loc));
  if (public_edition && b->p->mapping) {
    char *mp = fs_join(b->p->dir, b->p->mapping);
    str_list_push(&sources, mp);
    free(mp);
  }
  if (b->p->bibliography) {
    char *bp = fs_join(b->p->dir, b->p->bibliography);
    str_list_push(&sources, bp);
    free(bp);
  }

  doc *d = S_build_doc(b, e, public_edition, &sources);
  if (d && public_edition)
    S_mark_public(b, d);
  if (!d) {
    str_list_free(&sources);
    return -1;
  }
  double t1 = S_now_ms();
  buf name = BUF_INIT;
  buf_printf(&name, "%s%s", e->name, public_edition ? "-offentlig" : "");
  if (public_edition && b->map) {
    char *an = anon_slug(b->map, buf_cstr(&name));
    buf_clear(&name);
    buf_puts(&name, an);
    free(an);
  }
  int rc = 0;
  if (b->o->check_only || b->o->names) {
    if (b->o->names)
      anon_names_collect(b->map, d, NULL);
    doc_free(d);
    str_list_free(&sources);
    buf_free(&name);
    return 0;
  }
  /* every output is written to a temporary file first and all are renamed
     together at the end (S_commit): an edition's files always come from
     one build, and a failure leaves every old one. A public edition goes
     to a folder of its own (build.h), away from the side files. */
  char *dir = public_edition ? fs_join(b->out_dir, BUILD_PUBLIC_DIR)
                             : xstrdup(b->out_dir);
  if (public_edition && !fs_mkdirs(dir)) {
    diag_error(&b->diags, dir, 0, 0, M_CLI_CANNOT_CREATE_FOLDER,
               strerror(errno));
    free(dir);
    doc_free(d);
    str_list_free(&sources);
    buf_free(&name);
    return -1;
  }
  buf report = BUF_INIT;
  str_list finals = {0}, tmps = {0};
  size_t diags_from = b->diags.len;
  bool html_done = false;
  if (b->o->html) {
    buf path = BUF_INIT;
    buf_printf(&path, "%s/%s.html", dir, buf_cstr(&name));
    char *tmp = fs_temp_path(buf_cstr(&path));
    str_list_push(&finals, buf_cstr(&path));
    str_list_push(&tmps, tmp);
    if (html_write(d, b->th, b->loc, tmp, &b->diags) == 0) {
      html_done = true;
      /* the first edition's page is the preview; it is read at once */
      if (!b->o->html_path && b->o->on_html)
        b->o->on_html(b->o->on_html_ctx, tmp);
      buf_printf(&report, " html");
    } else {
      rc = -1;
    }
    free(tmp);
    buf_free(&path);
  }
  double t2 = S_now_ms();
  /* the layout serves the PDF and the Word edition's tables; its time is
     the PDF's when there is one, else the Word edition's */
  lay_fonts lf;
  lay_result lr;
  bool laid = (b->o->pdf || b->o->docx) && rc == 0;
  if (laid && S_layout(b, d, &lf, &lr) != 0)
    rc = -1;
  double pdf_ms = 0, docx_ms = b->o->pdf ? 0 : S_now_ms() - t2;
  if (b->o->pdf && rc == 0) {
    buf path = BUF_INIT;
    buf_printf(&path, "%s/%s.pdf", dir, buf_cstr(&name));
    char *tmp = fs_temp_path(buf_cstr(&path));
    str_list_push(&finals, buf_cstr(&path));
    str_list_push(&tmps, tmp);
    pdf_options po = {-1, 0};
    if (pdf_write(d, &lr, &lf, tmp, &po, &b->diags) == 0)
      buf_printf(&report, M_CLI_PDF_PAGES, po.pages);
    else
      rc = -1;
    free(tmp);
    buf_free(&path);
  }
  if (b->o->pdf)
    pdf_ms = S_now_ms() - t2;
  if (b->o->docx && rc == 0) {
    double t = S_now_ms();
    buf path = BUF_INIT;
    buf_printf(&path, "%s/%s.docx", dir, buf_cstr(&name));
    char *tmp = fs_temp_path(buf_cstr(&path));
    str_list_push(&finals, buf_cstr(&path));
    str_list_push(&tmps, tmp);
    if (docx_write(d, b->th, b->loc, &lr, tmp, &b->diags) == 0)
      buf_puts(&report, " docx");
    else
      rc = -1;
    free(tmp);
    buf_free(&path);
    docx_ms += S_now_ms() - t;
  }
  if (laid) {
    lay_result_free(&lr);
    lay_fonts_free(&lf);
  }
  double t3 = S_now_ms();
  if (rc == 0 && public_edition && b->map) {
    /* the leak check reads what was really written */
    int hits = 0;
    /* every PDF's pdftotext starts first and runs while the HTML and the
       raw PDF are scanned here */
    anon_scan **scans = xcalloc(tmps.len + 1, sizeof *scans);
    for (size_t i = 0; i < tmps.len; i++)
      scans[i] = anon_scan_begin(b->map, tmps.items[i]);
    for (size_t i = 0; i < tmps.len; i++) {
      int h = anon_scan_end(scans[i], &b->diags);
      hits += h < 0 ? 1 : h;
    }
    free(scans);
    if (hits) {
      diag_error(&b->diags, NULL, 0, 0, M_CLI_PUBLIC_EDITION_CONTAINED_REAL,
                 buf_cstr(&name), b->p->mapping);
      rc = -1;
    }
  }
  for (size_t i = 0; i < tmps.len; i++)
    S_rename_diags(b, diags_from, tmps.items[i], finals.items[i]);
  int how = 0;
  const char *changed = rc == 0 ? S_changed_source(b, &sources, &how) : NULL;
  if (changed) {
    diag_error(&b->diags, changed, 0, 0, "%s",
               M_CLI_FILE_CHANGED_WHILE_EDITION);
    if (b->source_changed != SOURCE_SAVED_DURING)
      b->source_changed = how;
    rc = -1;
  }
  /* the rule is made before anything is replaced: a source make cannot
     read stops the edition with the old outputs and the old rule */
  buf deps = BUF_INIT;
  bool with_deps = b->o->pdf && b->o->html;
  if (rc == 0 && with_deps &&
      !S_deps_text(b, &deps, &finals, &sources, e->name, public_edition))
    rc = -1;
  if (rc == 0 && !S_commit(b, &tmps, &finals))
    rc = -1;
  if (rc != 0) {
    for (size_t i = 0; i < tmps.len; i++)
      fs_abort(tmps.items[i]);
  } else {
    if (html_done && !b->o->html_path)
      b->o->html_path = xstrdup(finals.items[0]);
    if (with_deps) {
      /* named after the edition as rapport.lua names it, as S_write_index
         looks for it: the side files stay out of the public folder */
      buf dn = BUF_INIT;
      buf_printf(&dn, "%s%s", e->name, public_edition ? "-offentlig" : "");
      S_write_deps(b, buf_cstr(&dn), &deps);
      buf_free(&dn);
      if (!b->defer_index)
        S_write_index(b);
    }
    if (!b->o->quiet) {
      /* each stage that ran, under its own name */
      buf stages = BUF_INIT;
      if (b->o->html)
        buf_printf(&stages, ", html %.0f", t2 - t1);
      if (b->o->pdf)
        buf_printf(&stages, ", pdf %.0f", pdf_ms);
      if (b->o->docx)
        buf_printf(&stages, ", docx %.0f", docx_ms);
      printf(M_CLI_MS_DOCUMENT, buf_cstr(&name), buf_cstr(&report), t3 - t0,
             t1 - t0, buf_cstr(&stages));
      buf_free(&stages);
    }
    S_report_changes(b, d, buf_cstr(&name));
  }
  fflush(stdout);
  free(dir);
  buf_free(&deps);
  str_list_free(&tmps);
  str_list_free(&finals);
  buf_free(&report);
  buf_free(&name);
  doc_free(d);
  str_list_free(&sources);
  return rc;
}

/* ---- the whole run ---- */

static bool S_load(S_build *b) {
  const build_options *o = b->o;
  b->p = project_load(o->project_dir, &b->diags);
  if (!b->p)
    return false;
  if (o->out_dir) {
    b->out_dir = xstrdup(o->out_dir);
  } else {
    buf od = BUF_INIT;
    buf_printf(&od, "out/%s", b->p->name);
    b->out_dir = buf_detach(&od);
  }
  S_check_names(b);
  if (diag_has_errors(&b->diags))
    return false;
  const char *inst = home_dir();
  if (!inst) {
    home_report(&b->diags);
    return false;
  }
  b->th = theme_load(b->p->theme_name, b->p->dir, inst, &b->diags);
  b->loc = locale_load(b->p->lang, inst, &b->diags);
  b->tables = xcalloc(b->p->ndata + 1, sizeof *b->tables);
  for (size_t i = 0; i < b->p->ndata; i++) {
    b->tables[i] = data_table_load(&b->p->data[i], b->p->dir, &b->diags);
    if (b->tables[i] && o->check_only && !o->quiet) {
      char *desc = data_dialect_describe(b->tables[i]);
      size_t n = b->tables[i]->nrows;
      printf("%s: %zu %s%s%s\n", b->p->data[i].path, n,
             n == 1 ? M_CLI_ROW : M_CLI_ROWS, desc ? "; " : "",
             desc ? desc : "");
      free(desc);
    }
  }
  if ((o->public_edition || o->names) && !b->p->mapping)
    diag_error(&b->diags, b->p->config_path, 0, 0,
               M_CLI_PUBLIC_EDITION_NEEDS_PSEUDONYM);
  if (b->p->mapping && (o->public_edition || o->names)) {
    char *mp = fs_join(b->p->dir, b->p->mapping);
    /* a build that writes nothing (--check, names) keeps no stamp */
    char *stamp = o->check_only || o->names
                      ? NULL
                      : fs_join(b->out_dir, ".rapport/words-sorted");
    b->map = anon_load(mp, stamp, &b->diags);
    free(stamp);
    free(mp);
    /* once, before editions run in parallel: each reads this copy */
    if (b->map)
      b->public_tables = anon_tables(b->map, b->p, b->tables);
  }
  if (b->p->bibliography) {
    char *bp = fs_join(b->p->dir, b->p->bibliography);
    b->bib = bib_load(bp, &b->diags);
    free(bp);
  }
  if (o->edition && !project_edition(b->p, o->edition)) {
    buf names = BUF_INIT;
    for (size_t i = 0; i < b->p->neditions; i++)
      buf_printf(&names, "%s%s", i ? ", " : "", b->p->editions[i].name);
    diag_error(&b->diags, b->p->config_path, 0, 0, M_CLI_EDITION_DOES_NOT_EXIST,
               o->edition, buf_cstr(&names));
    buf_free(&names);
  }
  return !diag_has_errors(&b->diags);
}

static void S_free(S_build *b) {
  if (b->tables)
    for (size_t i = 0; b->p && i < b->p->ndata; i++)
      data_table_free(b->tables[i]);
  free(b->tables);
  if (b->public_tables)
    for (size_t i = 0; b->p && i < b->p->ndata; i++)
      data_table_free(b->public_tables[i]);
  free(b->public_tables);
  anon_free(b->map);
  bib_free(b->bib);
  if (b->chart_font)
    font_family_free(b->chart_font);
  theme_free(b->th);
  locale_free(b->loc);
  project_free(b->p);
  free(b->out_dir);
  if (b->lock_fd >= 0)
    close(b->lock_fd); /* releases the lock */
  diag_free(&b->diags);
}

/* ---- editions in parallel (jobs.h) ---- */

typedef struct {
  S_build *b;
  const size_t *sel; /* edition indices */
  bool pub;
  int failed;
} S_parallel;

/* In a child: one edition, and what the parent must know of it. */
static int S_task(void *ctx, size_t i, buf *result) {
  S_parallel *pc = ctx;
  S_build *b = pc->b;
  size_t from = b->diags.len, errors0 = b->diags.errors,
         warnings0 = b->diags.warnings;
  char *html_before = b->o->html_path;
  int rc = S_edition(b, &b->p->editions[pc->sel[i]], pc->pub);
  jobs_put_int(result, rc);
  jobs_put_int(result, b->index_due);
  jobs_put_int(result, b->source_changed);
  jobs_put_str(result, b->o->html_path != html_before ? b->o->html_path
                                                       : NULL);
  jobs_put_diags(result, &b->diags, from, errors0, warnings0);
  return rc == 0 ? 0 : 1;
}

/* In the parent, in edition order. */
static bool S_task_done(void *ctx, size_t i, int status, int sig,
                        const buf *result) {
  S_parallel *pc = ctx;
  S_build *b = pc->b;
  jobs_reader r = {result->data, result->data + result->len};
  long long rc = -1, index_due = 0, changed = 0;
  char *html = NULL;
  size_t from = b->diags.len;
  bool ok = jobs_get_int(&r, &rc) && jobs_get_int(&r, &index_due) &&
            jobs_get_int(&r, &changed) && jobs_get_str(&r, &html) &&
            jobs_get_diags(&r, &b->diags);
  diag_set_edition(&b->diags, from, b->p->editions[pc->sel[i]].name);
  if (!ok || status < 0) {
    const char *name = b->p->editions[pc->sel[i]].name;
    if (sig)
      diag_error(&b->diags, NULL, 0, 0, M_CLI_EDITION_WAS_NOT_BUILT, name, sig);
    else
      diag_error(&b->diags, NULL, 0, 0, M_CLI_EDITION_WAS_NOT_BUILT_ITS, name,
                 status);
    rc = -1;
  }
  if (index_due)
    b->index_due = true;
  if (changed && b->source_changed != SOURCE_SAVED_DURING)
    b->source_changed = (int)changed;
  if (html && !b->o->html_path)
    b->o->html_path = html;
  else
    free(html);
  if (rc == 0 && status == 0)
    b->built++;
  else
    pc->failed++;
  /* unlike -j 1, later editions are built and reported after a failure:
     they are already running, and the report should not depend on timing */
  return true;
}

/* Takes <out>/.rapport/lock for the rest of the build (released when
 * S_free closes it, or when the process dies): a second build into the
 * same folder waits here, so the two never mix their files. Waiting has
 * no time limit; the line printed says what it waits for, and Ctrl-C ends
 * it. A file system without flock (some network mounts) builds unlocked,
 * as before. Returns false only if the lock file cannot be created. */
static bool S_lock(S_build *b) {
  char *dir = fs_join(b->out_dir, ".rapport");
  fs_mkdirs(dir);
  char *path = fs_join(dir, "lock");
  free(dir);
  /* close-on-exec: pdftotext and the like must not keep it */
  b->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (b->lock_fd < 0) {
    diag_error(&b->diags, path, 0, 0, M_CLI_CANNOT_CREATE_LOCK_FILE,
               strerror(errno));
    free(path);
    return false;
  }
  if (flock(b->lock_fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
    fprintf(stderr, M_CLI_RAPPORT_ANOTHER_BUILD_IS, b->out_dir);
    while (flock(b->lock_fd, LOCK_EX) != 0 && errno == EINTR)
      ;
  }
  free(path);
  return true;
}

/* The out folder and the project folder go into every rule of rapport.d
 * (targets, sources, the recipe): they must be writable in make syntax. */
static bool S_check_paths(S_build *b) {
  const char *dirs[] = {b->out_dir, b->p->dir};
  for (int i = 0; i < 2; i++) {
    /* the words are paths inside the folder: a ')' ending the folder's
       name ends none of them */
    char *inside = fs_join(dirs[i], "x");
    if (mk_unsafe(inside))
      S_unsafe_error(
          b, NULL, i == 0 ? M_CLI_OUTPUT_FOLDER : M_CLI_PROJECT_FOLDER, dirs[i],
          i == 0 ? M_CLI_CHOOSE_ANOTHER_FOLDER_OUT : M_CLI_RENAME_FOLDER);
    free(inside);
  }
  return !diag_has_errors(&b->diags);
}

/* One build of the editions into b. */
static int S_run(S_build *b, double t0) {
  build_options *o = b->o;
  if (!S_load(b))
    return 1;
  bool writes = !o->check_only && !o->names;
  if (writes && o->pdf && o->html && !S_check_paths(b))
    return 1;
  if (writes && !fs_mkdirs(b->out_dir)) {
    diag_error(&b->diags, b->out_dir, 0, 0, M_CLI_CANNOT_CREATE_FOLDER,
               strerror(errno));
    return 1;
  }
  if (writes && !S_lock(b))
    return 1;
  if (writes) {
    /* fontconfig's answers, kept for the next build (font_find.c) */
    char *ff = fs_join(b->out_dir, ".rapport/fonts.tsv");
    font_find_use_file(ff);
    free(ff);
  }
  /* the chart font the templates measure with: after fonts.tsv is in use,
     so its lookup is answered and recorded there as the layout's are. A
     family that does not load is reported by the layout, once. */
  diag_list quiet;
  diag_init(&quiet);
  b->chart_font = lay_chart_family_load(b->th, &quiet);
  diag_free(&quiet);
  /* the editions to build, in the project's order */
  size_t *sel = xcalloc(b->p->neditions + 1, sizeof *sel), nsel = 0;
  for (size_t i = 0; i < b->p->neditions; i++) {
    if (o->edition && strcmp(o->edition, b->p->editions[i].name))
      continue;
    if (!o->edition && o->first_only && nsel > 0)
      break;
    sel[nsel++] = i;
  }
  bool pub = o->public_edition || o->names;
  /* `rapport names` gathers one list over the editions: in this process */
  int jobs = o->names ? 1 : o->jobs > 0 ? o->jobs : jobs_cpus();
  int status = 0;
  size_t ran = nsel; /* the editions whose build began */
  /* watch (messages, on_html) runs a server thread: no fork there */
  if (jobs > 1 && nsel > 1 && !o->messages && !o->on_html) {
    S_parallel pc = {b, sel, pub, 0};
    b->defer_index = true;
    if (o->pdf)
      font_prepare(); /* once here rather than in every child */
    jobs_run(nsel, jobs, S_task, S_task_done, &pc);
    if (b->index_due)
      S_write_index(b);
    status = pc.failed ? 1 : 0;
  } else {
    for (size_t k = 0; k < nsel; k++) {
      size_t from = b->diags.len;
      int rc = S_edition(b, &b->p->editions[sel[k]], pub);
      diag_set_edition(&b->diags, from, b->p->editions[sel[k]].name);
      if (rc != 0) {
        status = 1;
        ran = k + 1;
        break;
      }
      b->built++;
    }
  }
  /* a chapter's mistake is found by every edition that has the chapter:
     said once, naming the editions unless it is all that ran */
  diag_merge_editions(&b->diags, ran);
  free(sel);
  if (o->names && status == 0) /* the list once, for every edition */
    anon_names_print(b->map, stdout);
  int built = b->built;
  if (status == 0 && !o->quiet) {
    if (o->check_only)
      printf(built == 1 ? M_CLI_OK_EDITION_CHECKED : M_CLI_OK_EDITIONS_CHECKED,
             b->p->dir, built);
    else if (!o->names)
      printf(built == 1 ? M_CLI_EDITION_BUILT_MS : M_CLI_EDITIONS_BUILT_MS,
             built, b->out_dir, S_now_ms() - t0);
  }
  return status;
}

int build_run(build_options *o) {
  double t0 = S_now_ms();
  confine_set(o->project_dir, home_dir(), o->allow, o->nallow);
  /* a source saved during the build: its edition keeps its old files (so
     make still sees them as older than the source), and the whole build
     runs once more from the new content; a second change is an error */
  for (int attempt = 0;; attempt++) {
    S_build b = {0};
    b.o = o;
    b.lock_fd = -1;
    diag_init(&b.diags);
    clock_gettime(CLOCK_REALTIME_COARSE, &b.started);
    clock_gettime(CLOCK_REALTIME, &b.started_fine);
    int status = S_run(&b, t0);
    if (status != 0 && b.source_changed && attempt == 0) {
      for (size_t i = 0;
           b.source_changed == SOURCE_SAVED_DURING && i < b.diags.len; i++)
        if (b.diags.items[i].severity == DIAG_ERROR &&
            b.diags.items[i].file) {
          fprintf(stderr, M_CLI_RAPPORT_CHANGED_DURING_BUILD,
                  b.diags.items[i].file);
          break;
        }
      if (b.source_changed == SOURCE_SAVED_AT_START) {
        /* the next try starts when the coarse clock has passed this try's
           fine start, which the file is dated before (a second at most) */
        struct timespec now, ms = {0, 1000000L};
        for (int k = 0; k < 1000 &&
                        clock_gettime(CLOCK_REALTIME_COARSE, &now) == 0 &&
                        S_ts_cmp(now, b.started_fine) <= 0;
             k++)
          nanosleep(&ms, NULL);
      }
      free(o->html_path);
      o->html_path = NULL;
      S_free(&b);
      continue;
    }
    diag_print(&b.diags);
    if (o->messages)
      diag_format(&b.diags, o->messages);
    if (status == 0 && diag_has_errors(&b.diags))
      status = 1;
    S_free(&b);
    confine_clear();
    return status;
  }
}
