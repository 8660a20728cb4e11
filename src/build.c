/* build.c - the pipeline for each edition of a project, and what a user
 * sees of it: progress, timing, what changed, and the dependency file. */
#include "build.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "anon.h"
#include "build_jobs.h"
#include "cite.h"
#include "doc.h"
#include "html.h"
#include "image.h"
#include "layout/font.h"
#include "layout/font_find.h"
#include "layout/layout.h"
#include "locale.h"
#include "markdown.h"
#include "pdf.h"
#include "project.h"
#include "resolve.h"
#include "script.h"
#include "theme.h"
#include "util/buf.h"
#include "util/confine.h"
#include "util/fs.h"
#include "util/mem.h"

typedef struct {
  build_options *o;
  project *p;
  theme *th;
  locale *loc;
  data_table **tables; /* parallel to p->data */
  anon_map *map;
  bib *bib;
  char *out_dir;
  diag_list diags;
  buf deps;            /* the Makefile fragment */
  bool defer_index;    /* editions run in children: the parent writes
                          rapport.d once, after all of them */
  bool index_due;      /* an edition's .d was written */
  int built;           /* editions built (parallel runs count here) */
} S_build;

const char *build_install_dir(void) {
  static char dir[4096];
  if (dir[0])
    return dir;
  const char *env = getenv("RAPPORT_HOME");
  if (env && *env) {
    char *abs = fs_realpath(env);
    snprintf(dir, sizeof dir, "%s", abs ? abs : env);
    free(abs);
    return dir;
  }
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    /* <dir>/bin/rapport -> <dir>; also works for build-asan/bin/rapport */
    for (int up = 0; up < 3; up++) {
      char *slash = strrchr(exe, '/');
      if (!slash)
        break;
      *slash = '\0';
      char probe[4200];
      snprintf(probe, sizeof probe, "%s/lua/locale/da.lua", exe);
      if (access(probe, R_OK) == 0) {
        snprintf(dir, sizeof dir, "%s", exe);
        return dir;
      }
    }
  }
  /* else the current folder, made absolute so dependency files stay valid
     when make runs elsewhere */
  char *cwd = fs_realpath(".");
  snprintf(dir, sizeof dir, "%s", cwd ? cwd : ".");
  free(cwd);
  return dir;
}

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

/* Builds the document tree of one edition. NULL after errors. */
static doc *S_build_doc(S_build *b, const edition *e, bool public_edition,
                        str_list *sources) {
  project *p = b->p;
  doc *d = doc_new();
  S_fill_meta(b, d, e);
  script_config sc = {p, e, b->tables, public_edition, build_install_dir(),
                      &b->diags};
  script *s = script_new(&sc);
  for (size_t i = 0; i < e->chapters.len; i++) {
    char *path = fs_join(p->dir, e->chapters.items[i]);
    markdown_parse_file(d, path, path, s, &b->diags);
    str_list_push(sources, path);
    free(path);
  }
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
       source line, before anything is written */
    if (!b->o->names && anon_check(b->map, d, &b->diags) > 0) {
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
      printf(TR("  %s: ændret siden sidste bygning: %s\n",
                "  %s: changed since the last build: %s\n"),
             edition_out, buf_cstr(&changed));
    else
      printf(TR("  %s: ingen tabeller eller figurer er ændret\n",
                "  %s: no table or figure changed\n"),
             edition_out);
    buf_free(&changed);
  }
  fs_write_atomic(buf_cstr(&sp), now.data ? now.data : "", now.len);
  free(old);
  buf_free(&sp);
  buf_free(&now);
  free(state_dir);
}

/* ---- one edition ---- */

/* Each output's sources go to <out>/.rapport/<name>.d, a Makefile rule
 * that rebuilds just that edition; <out>/rapport.d includes them all. */
static void S_write_deps(S_build *b, const char *name, const char *outputs,
                         const str_list *src, const char *edition,
                         bool public_edition) {
  buf d = BUF_INIT;
  buf_printf(&d, "RAPPORT_OUTPUTS += %s\n%s &:", outputs, outputs);
  for (size_t i = 0; i < src->len; i++)
    buf_printf(&d, " %s", src->items[i]);
  buf_printf(&d, " $(BIN)/rapport\n\t$(BIN)/rapport build %s --edition "
                 "%s%s --out %s\n",
             b->p->dir, edition, public_edition ? " --public" : "", b->out_dir);
  buf path = BUF_INIT;
  buf_printf(&path, "%s/.rapport", b->out_dir);
  fs_mkdirs(buf_cstr(&path));
  buf_printf(&path, "/%s.d", name);
  fs_write_atomic(buf_cstr(&path), d.data, d.len);
  buf_free(&path);
  buf_free(&d);
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
      buf dp = BUF_INIT;
      buf_printf(&dp, "%s/.rapport/%s%s.d", b->out_dir, en, suffix);
      if (fs_exists(buf_cstr(&dp)))
        buf_printf(&idx, "-include %s\n", buf_cstr(&dp));
      else
        buf_printf(&idx,
                   "RAPPORT_OUTPUTS += %s/%s%s.html %s/%s%s.pdf\n"
                   "%s/%s%s.html %s/%s%s.pdf &: %s $(BIN)/rapport\n"
                   "\t$(BIN)/rapport build %s --edition %s%s --out %s\n",
                   b->out_dir, en, suffix, b->out_dir, en, suffix, b->out_dir,
                   en, suffix, b->out_dir, en, suffix, b->p->config_path,
                   b->p->dir, en, pub ? " --public" : "", b->out_dir);
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

/* The PDF: the layout stage, its pages handed to the PDF writer. 0 or -1
 * (with diagnostics). */
static int S_pdf(S_build *b, const doc *d, const char *path, pdf_options *po) {
  lay_fonts lf;
  lay_result r;
  memset(&r, 0, sizeof r);
  int rc = lay_fonts_load(d, b->th, &lf, &b->diags) == 0 &&
                   lay_document(d, b->th, b->loc, &lf, &r, &b->diags) == 0 &&
                   pdf_write(d, &r, &lf, path, po, &b->diags) == 0
               ? 0
               : -1;
  lay_result_free(&r);
  lay_fonts_free(&lf);
  return rc;
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
  buf outputs = BUF_INIT, report = BUF_INIT;
  str_list written = {0};
  if (b->o->html) {
    buf path = BUF_INIT;
    buf_printf(&path, "%s/%s.html", b->out_dir, buf_cstr(&name));
    if (html_write(d, b->th, b->loc, buf_cstr(&path), &b->diags) == 0) {
      str_list_push(&written, buf_cstr(&path));
      if (!b->o->html_path) { /* the first edition's page is the preview */
        b->o->html_path = xstrdup(buf_cstr(&path));
        if (b->o->on_html)
          b->o->on_html(b->o->on_html_ctx, b->o->html_path);
      }
      buf_printf(&report, " html");
    } else {
      rc = -1;
    }
    buf_printf(&outputs, "%s ", buf_cstr(&path));
    buf_free(&path);
  }
  double t2 = S_now_ms();
  if (b->o->pdf && rc == 0) {
    buf path = BUF_INIT;
    buf_printf(&path, "%s/%s.pdf", b->out_dir, buf_cstr(&name));
    pdf_options po = {-1, 0};
    if (S_pdf(b, d, buf_cstr(&path), &po) == 0) {
      str_list_push(&written, buf_cstr(&path));
      buf_printf(&report, TR(" pdf (%d sider)", " pdf (%d pages)"), po.pages);
    } else {
      rc = -1;
    }
    buf_printf(&outputs, "%s ", buf_cstr(&path));
    buf_free(&path);
  }
  double t3 = S_now_ms();
  if (rc == 0 && public_edition && b->map) {
    /* the leak check reads what was really written */
    int hits = 0;
    /* every PDF's pdftotext starts first and runs while the HTML and the
       raw PDF are scanned here */
    anon_scan **scans = xcalloc(written.len + 1, sizeof *scans);
    for (size_t i = 0; i < written.len; i++)
      scans[i] = anon_scan_begin(b->map, written.items[i]);
    for (size_t i = 0; i < written.len; i++) {
      int h = anon_scan_end(scans[i], &b->diags);
      hits += h < 0 ? 1 : h;
    }
    free(scans);
    if (hits) {
      for (size_t i = 0; i < written.len; i++)
        unlink(written.items[i]);
      diag_error(&b->diags, NULL, 0, 0,
                 TR("den offentlige udgave '%s' indeholdt rigtige navne og er "
                    "slettet; tilføj de manglende navne til %s",
                    "the public edition '%s' contained real names and was "
                    "deleted; add the missing names to %s"),
                 buf_cstr(&name), b->p->mapping);
      rc = -1;
    }
  }
  if (rc == 0) {
    if (outputs.len)
      outputs.data[--outputs.len] = '\0';
    if (b->o->pdf && b->o->html) {
      S_write_deps(b, buf_cstr(&name), buf_cstr(&outputs), &sources, e->name,
                   public_edition);
      if (!b->defer_index)
        S_write_index(b);
    }
    if (!b->o->quiet)
      printf(TR("%s:%s  (%.0f ms: dokument %.0f, html %.0f, pdf %.0f)\n",
                "%s:%s  (%.0f ms: document %.0f, html %.0f, pdf %.0f)\n"),
             buf_cstr(&name), buf_cstr(&report), t3 - t0, t1 - t0, t2 - t1,
             t3 - t2);
    S_report_changes(b, d, buf_cstr(&name));
  }
  fflush(stdout);
  str_list_free(&written);
  buf_free(&outputs);
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
  const char *inst = build_install_dir();
  b->th = theme_load(b->p->theme_name, b->p->dir, inst, &b->diags);
  b->loc = locale_load(b->p->lang, inst, &b->diags);
  b->tables = xcalloc(b->p->ndata + 1, sizeof *b->tables);
  for (size_t i = 0; i < b->p->ndata; i++) {
    b->tables[i] = data_table_load(&b->p->data[i], b->p->dir, &b->diags);
    if (b->tables[i] && o->check_only && !o->quiet) {
      char *desc = data_dialect_describe(b->tables[i]);
      size_t n = b->tables[i]->nrows;
      printf("%s: %zu %s%s%s\n", b->p->data[i].path, n,
             n == 1 ? TR("række", "row") : TR("rækker", "rows"),
             desc ? "; " : "", desc ? desc : "");
      free(desc);
    }
  }
  if ((o->public_edition || o->names) && !b->p->mapping)
    diag_error(&b->diags, b->p->config_path, 0, 0,
               TR("en offentlig udgave kræver en pseudonymliste: tilføj "
                  "mapping = \"data/pseudonymer.csv\" med kolonnerne navn, "
                  "pseudonym og type",
                  "a public edition needs a pseudonym list: add mapping = "
                  "\"data/pseudonyms.csv\" with the columns navn, pseudonym "
                  "and type"));
  if (b->p->mapping && (o->public_edition || o->names)) {
    char *mp = fs_join(b->p->dir, b->p->mapping);
    b->map = anon_load(mp, &b->diags);
    free(mp);
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
    diag_error(&b->diags, b->p->config_path, 0, 0,
               TR("udgaven '%s' findes ikke; projektets udgaver: %s",
                  "the edition '%s' does not exist; the project's editions: "
                  "%s"),
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
  anon_free(b->map);
  bib_free(b->bib);
  theme_free(b->th);
  locale_free(b->loc);
  project_free(b->p);
  free(b->out_dir);
  buf_free(&b->deps);
  diag_free(&b->diags);
}

/* ---- editions in parallel (build_jobs.h) ---- */

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
  long long rc = -1, index_due = 0;
  char *html = NULL;
  bool ok = jobs_get_int(&r, &rc) && jobs_get_int(&r, &index_due) &&
            jobs_get_str(&r, &html) && jobs_get_diags(&r, &b->diags);
  if (!ok || status < 0) {
    const char *name = b->p->editions[pc->sel[i]].name;
    if (sig)
      diag_error(&b->diags, NULL, 0, 0,
                 TR("udgaven '%s' blev ikke bygget: processen stoppede med "
                    "signal %d",
                    "the edition '%s' was not built: its process stopped "
                    "with signal %d"),
                 name, sig);
    else
      diag_error(&b->diags, NULL, 0, 0,
                 TR("udgaven '%s' blev ikke bygget: processen kunne ikke "
                    "startes eller stoppede uventet (status %d)",
                    "the edition '%s' was not built: its process could not "
                    "start or stopped unexpectedly (status %d)"),
                 name, status);
    rc = -1;
  }
  if (index_due)
    b->index_due = true;
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

int build_run(build_options *o) {
  S_build b = {0};
  b.o = o;
  diag_init(&b.diags);
  double t0 = S_now_ms();
  int status = 0;
  confine_set(o->project_dir, build_install_dir(), o->allow, o->nallow);
  if (!S_load(&b)) {
    status = 1;
    goto done;
  }
  if (o->out_dir) {
    b.out_dir = xstrdup(o->out_dir);
  } else {
    buf od = BUF_INIT;
    buf_printf(&od, "out/%s", b.p->name);
    b.out_dir = buf_detach(&od);
  }
  if (!o->check_only && !o->names && !fs_mkdirs(b.out_dir)) {
    diag_error(&b.diags, b.out_dir, 0, 0,
               TR("kan ikke oprette mappen: %s", "cannot create the folder: %s"),
               strerror(errno));
    status = 1;
    goto done;
  }
  if (!o->check_only && !o->names) {
    /* fontconfig's answers, kept for the next build (font_find.c) */
    char *ff = fs_join(b.out_dir, ".rapport/fonts.tsv");
    font_find_use_file(ff);
    free(ff);
  }
  /* the editions to build, in the project's order */
  size_t *sel = xcalloc(b.p->neditions + 1, sizeof *sel), nsel = 0;
  for (size_t i = 0; i < b.p->neditions; i++) {
    if (o->edition && strcmp(o->edition, b.p->editions[i].name))
      continue;
    if (!o->edition && o->first_only && nsel > 0)
      break;
    sel[nsel++] = i;
  }
  bool pub = o->public_edition || o->names;
  /* `rapport names` gathers one list over the editions: in this process */
  int jobs = o->names ? 1 : o->jobs > 0 ? o->jobs : jobs_cpus();
  /* watch (messages, on_html) runs a server thread: no fork there */
  if (jobs > 1 && nsel > 1 && !o->messages && !o->on_html) {
    S_parallel pc = {&b, sel, pub, 0};
    b.defer_index = true;
    if (o->pdf)
      font_prepare(); /* once here rather than in every child */
    jobs_run(nsel, jobs, S_task, S_task_done, &pc);
    if (b.index_due)
      S_write_index(&b);
    status = pc.failed ? 1 : 0;
  } else {
    for (size_t k = 0; k < nsel; k++) {
      if (S_edition(&b, &b.p->editions[sel[k]], pub) != 0) {
        status = 1;
        break;
      }
      b.built++;
    }
  }
  free(sel);
  if (o->names && status == 0) /* the list once, for every edition */
    anon_names_print(b.map, stdout);
  int built = b.built;
  if (status == 0 && !o->quiet) {
    if (o->check_only)
      printf(built == 1 ? TR("%s: i orden (%d udgave tjekket)\n",
                             "%s: OK (%d edition checked)\n")
                        : TR("%s: i orden (%d udgaver tjekket)\n",
                             "%s: OK (%d editions checked)\n"),
             b.p->dir, built);
    else if (!o->names)
      printf(built == 1 ? TR("%d udgave bygget i %s på %.0f ms\n",
                             "%d edition built in %s in %.0f ms\n")
                        : TR("%d udgaver bygget i %s på %.0f ms\n",
                             "%d editions built in %s in %.0f ms\n"),
             built, b.out_dir, S_now_ms() - t0);
  }
done:
  diag_print(&b.diags);
  if (o->messages)
    diag_format(&b.diags, o->messages);
  if (status == 0 && diag_has_errors(&b.diags))
    status = 1;
  S_free(&b);
  confine_clear();
  return status;
}
