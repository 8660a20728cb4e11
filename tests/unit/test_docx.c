/* test_docx.c - the Word writer (src/docx) and the leak check of a
 * written .docx (src/anon/scan_docx.c): the package is deterministic and
 * escapes what it writes; a real name planted afterwards in the core
 * properties, a header, a picture's metadata or a part's name is found. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

#include "anon/anon.h"
#include "doc/doc.h"
#include "doc/resolve.h"
#include "docx/docx.h"
#include "project/locale.h"
#include "util/buf.h"
#include "util/fs.h"
#include "test.h"

static locale *da;

static doc_node *add(doc_node *parent, doc_type t) {
  doc_node *n = doc_node_new(t);
  doc_append(parent, n);
  return n;
}

static doc_node *para(doc_node *parent, const char *text) {
  doc_node *p = add(parent, DOC_PARAGRAPH);
  doc_append(p, doc_text(text));
  return p;
}

/* A small public edition: a heading, a paragraph, a table. */
static doc *S_doc(const char *text) {
  doc *d = doc_new();
  doc_set(&d->meta.title, "Rapport om Partnerskab A");
  doc_set(&d->meta.lang, "da");
  doc_set(&d->meta.date, "2025-06-30");
  d->meta.source_epoch = 1751284800; /* 2025-06-30 12:00 UTC */
  doc_node *h = add(d->root, DOC_HEADING);
  h->level = 1;
  doc_append(h, doc_text("Indledning"));
  para(d->root, text);
  doc_node *tab = add(d->root, DOC_TABLE);
  tab->ncols = 2;
  doc_node *cap = add(tab, DOC_CAPTION);
  doc_append(cap, doc_text("Aktiviteter"));
  for (int r = 0; r < 2; r++) {
    doc_node *row = add(tab, DOC_TABLE_ROW);
    if (r == 0)
      row->flags |= DOC_HEADER_ROW;
    for (int c = 0; c < 2; c++) {
      doc_node *cell = add(row, DOC_TABLE_CELL);
      cell->fill = -1;
      doc_append(cell, doc_text(r == 0 ? "Kolonne" : "12"));
    }
  }
  doc_words w = {"tabel", "figur", "afsnit"};
  diag_list dl;
  diag_init(&dl);
  doc_resolve(d, &w, &dl);
  diag_free(&dl);
  resolve_structure(d, NULL, da);
  return d;
}

static char *S_part(const char *path, const char *name, size_t *len) {
  zip_t *z = zip_open(path, ZIP_RDONLY, NULL);
  if (!z)
    return NULL;
  zip_stat_t st;
  char *out = NULL;
  zip_file_t *f = zip_stat(z, name, 0, &st) == 0 ? zip_fopen(z, name, 0)
                                                 : NULL;
  if (f) {
    out = calloc(1, st.size + 1);
    *len = (size_t)zip_fread(f, out, st.size);
    zip_fclose(f);
  }
  zip_discard(z);
  return out;
}

/* Replaces or adds the part name of the archive at path. */
static bool S_plant(const char *path, const char *name, const void *data,
                    size_t len) {
  zip_t *z = zip_open(path, 0, NULL);
  if (!z)
    return false;
  void *copy = malloc(len);
  memcpy(copy, data, len);
  zip_source_t *s = zip_source_buffer(z, copy, len, 1);
  bool ok = s && zip_file_add(z, name, s, ZIP_FL_OVERWRITE) >= 0;
  return zip_close(z) == 0 && ok;
}

static void S_chunk(buf *b, const char *type, const void *data, size_t len) {
  unsigned char h[8] = {(unsigned char)(len >> 24), (unsigned char)(len >> 16),
                        (unsigned char)(len >> 8), (unsigned char)len};
  memcpy(h + 4, type, 4);
  buf_put(b, h, 8);
  buf_put(b, data, len);
  uLong crc = crc32(0, (const Bytef *)type, 4);
  crc = crc32(crc, data, (uInt)len);
  unsigned char c[4] = {(unsigned char)(crc >> 24), (unsigned char)(crc >> 16),
                        (unsigned char)(crc >> 8), (unsigned char)crc};
  buf_put(b, c, 4);
}

/* A 1x1 grey PNG with a tEXt chunk "Author" = who. */
static void S_png(buf *b, const char *who) {
  buf_put(b, "\x89PNG\r\n\x1a\n", 8);
  static const unsigned char ihdr[13] = {0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0};
  S_chunk(b, "IHDR", ihdr, 13);
  buf t = BUF_INIT;
  buf_put(&t, "Author", 7); /* with its NUL */
  buf_puts(&t, who);
  S_chunk(b, "tEXt", t.data, t.len);
  buf_free(&t);
  unsigned char raw[2] = {0, 0x80}, z[64];
  uLongf zl = sizeof z;
  compress(z, &zl, raw, 2);
  S_chunk(b, "IDAT", z, zl);
  S_chunk(b, "IEND", "", 0);
}

static bool S_said(const diag_list *dl, size_t from, const char *a,
                   const char *b) {
  for (size_t i = from; i < dl->len; i++)
    if (strstr(dl->items[i].message, a) && (!b || strstr(dl->items[i].message, b)))
      return true;
  return false;
}

int main(void) {
  diag_list dl;
  lay_result none = {0}; /* no layout: each table gets even columns */
  diag_init(&dl);
  da = locale_load("da", ".", &dl);
  char dir[] = "/tmp/test_docx_XXXXXX";
  if (!mkdtemp(dir))
    return 1;
  char a[300], b[300];
  snprintf(a, sizeof a, "%s/a.docx", dir);
  snprintf(b, sizeof b, "%s/b.docx", dir);

  doc *d = S_doc("Partnerskab A mødes <hver> uge & \x01skriver.");
  CHECK("the Word file is written", docx_write(d, NULL, da, &none, a, &dl) == 0);
  CHECK("a second write", docx_write(d, NULL, da, &none, b, &dl) == 0);
  size_t la = 0, lb = 0;
  char *ba = fs_read(a, &la), *bb = fs_read(b, &lb);
  CHECK("two writes give the same bytes",
        ba && bb && la == lb && memcmp(ba, bb, la) == 0);
  free(ba);
  free(bb);
  size_t n = 0;
  char *body = S_part(a, "word/document.xml", &n);
  CHECK("text is escaped",
        body && strstr(body, "mødes &lt;hver&gt; uge &amp; skriver."));
  CHECK("a control character is dropped", body && !strchr(body, '\x01'));
  CHECK("the heading has Word's style",
        body && strstr(body, "<w:pStyle w:val=\"Heading1\"/>"));
  CHECK("the header row repeats", body && strstr(body, "<w:tblHeader/>"));
  CHECK("the caption has a SEQ field",
        body && strstr(body, " SEQ Tabel \\* ARABIC "));
  free(body);
  char *core = S_part(a, "docProps/core.xml", &n);
  CHECK("core properties: title and language",
        core && strstr(core, "<dc:title>Rapport om Partnerskab A</dc:title>") &&
            strstr(core, "<dc:language>da-DK</dc:language>"));
  CHECK("core properties: the source date",
        core && strstr(core, ">2025-06-30T12:00:00Z</dcterms:created>"));
  char *styles = S_part(a, "word/styles.xml", &n);
  CHECK("the styles carry the language",
        styles && strstr(styles, "<w:lang w:val=\"da-DK\""));
  free(styles);

  /* the leak check of the written file */
  anon_map *m = anon_map_new();
  anon_map_add(m, "Viborg", "Partnerskab A", "partnerskab");
  anon_map_add(m, "Jens Hansen", "konsulent", "person");
  CHECK("the clean Word file passes", anon_scan_output(m, a, &dl) == 0);

  size_t from = dl.len;
  char *planted = NULL;
  if (core) {
    buf c = BUF_INIT;
    const char *t = strstr(core, "Partnerskab A");
    buf_put(&c, core, (size_t)(t - core));
    buf_puts(&c, "Viborg");
    buf_puts(&c, t + strlen("Partnerskab A"));
    planted = buf_detach(&c);
  }
  CHECK("plant: a name in the core properties",
        planted && S_plant(a, "docProps/core.xml", planted, strlen(planted)));
  free(planted);
  CHECK("the core properties' name is caught", anon_scan_output(m, a, &dl) >= 1);
  CHECK("the message names the part",
        S_said(&dl, from, "docProps/core.xml", "Viborg"));

  docx_write(d, NULL, da, &none, a, &dl);
  from = dl.len;
  const char *hdr = "<?xml version=\"1.0\"?><w:hdr xmlns:w=\"http://schemas."
                    "openxmlformats.org/wordprocessingml/2006/main\"><w:p>"
                    "<w:r><w:t>Udarbejdet af Jens </w:t></w:r><w:r><w:t>"
                    "Hansen</w:t></w:r></w:p></w:hdr>";
  CHECK("plant: a name in a header",
        S_plant(a, "word/header1.xml", hdr, strlen(hdr)));
  CHECK("the header's name is caught", anon_scan_output(m, a, &dl) >= 1);
  CHECK("the message names the header",
        S_said(&dl, from, "word/header1.xml", "Jens Hansen"));

  docx_write(d, NULL, da, &none, a, &dl);
  from = dl.len;
  buf png = BUF_INIT;
  S_png(&png, "Jens Hansen, Viborg");
  CHECK("plant: a name in a picture's metadata",
        S_plant(a, "word/media/billede1.png", png.data, png.len));
  CHECK("the picture's metadata is caught", anon_scan_output(m, a, &dl) >= 1);
  CHECK("the message names the picture",
        S_said(&dl, from, "word/media/billede1.png", "Jens Hansen"));

  docx_write(d, NULL, da, &none, a, &dl);
  from = dl.len;
  buf clean = BUF_INIT;
  S_png(&clean, "rapport");
  CHECK("plant: a picture named after a place",
        S_plant(a, "word/media/viborg.png", clean.data, clean.len));
  CHECK("the part's name is caught", anon_scan_output(m, a, &dl) >= 1);
  CHECK("the message names the part's name",
        S_said(&dl, from, "word/media/viborg.png", NULL));
  buf_free(&png);
  buf_free(&clean);

  from = dl.len;
  fs_write_atomic(a, "PK\x03\x04 broken", 11);
  CHECK("an unreadable Word file fails the check",
        anon_scan_output(m, a, &dl) == -1);
  CHECK("and says why", S_said(&dl, from, "Word", NULL));

  free(core);
  anon_free(m);
  doc_free(d);
  unlink(a);
  unlink(b);
  rmdir(dir);
  locale_free(da);
  diag_free(&dl);
  return TEST_END();
}
