/* anon.h - pseudonymisation for public editions, and the leak scan over
 * what was actually written.
 *
 * A name is found in every Danish form: base (Viborg), genitive (Viborgs,
 * Randers', Viborg Kommunes), hyphenated compound (Randers-partnerskabet),
 * closed compound with a known word (Viborgegnen -> "Partnerskab A-egnen"),
 * capitals (VIBORG), across any whitespace, line break or no-break space
 * inside a multi-word name, and in ids and URLs (viborg-kommune, aadal for
 * Ådal). The longest name wins (Viborg Kommune before Viborg). A name whose
 * lower-case form is an ordinary word (Skive: "en skive brød") counts only
 * where it is capitalised, and at the start of a sentence that goes on in
 * lower case ("Give dem tid") it is doubtful: kept and listed. A name
 * inside a word that cannot be rewritten (Nordviborg, Viborgenser) is left
 * for anon_check and the output scan, which fail the build with its
 * location; a word of the word list, an inflection or a compound of its
 * words is not such a word (rekonstruerede, Vejledersamtalen).
 *
 * Matching is on a skeleton: format characters (soft hyphen, zero-width
 * and bidi controls, variation selectors) are dropped, every dash is a
 * hyphen, look-alike letters of other scripts are their Latin letter,
 * decomposed letters are composed, and ø/æ/å match their spellings (oe, o,
 * ö; ae, ä; aa, a) both ways. A person is also found by the surname alone,
 * the given names alone (not before another surname), inverted (Mørch, Ida)
 * and with initials (I. Mørch, K.-E. Vang). */
#ifndef RAPPORT_ANON_H
#define RAPPORT_ANON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "data/data.h"
#include "doc/doc.h"
#include "project/project.h"
#include "util/diag.h"

typedef struct anon_map anon_map;

typedef enum {
  ANON_PARTNERSHIP, /* partnerskab */
  ANON_PLACE,       /* sted */
  ANON_ORGANISATION,/* organisation */
  ANON_PERSON       /* person: the pseudonym may be a role ("konsulent") */
} anon_kind;

/* The Danish word list (Debian package wdanish). */
#define ANON_WORDLIST "/usr/share/dict/danish"

/* Reads the mapping CSV (columns: navn;pseudonym;type, type one of
 * partnerskab, sted, organisation, person) through the data stage, and the
 * word list (ANON_WORDLIST, or $RAPPORT_WORDLIST; see anon_map_load_words
 * for sorted_stamp). Errors name the line. */
anon_map *anon_load(const char *path, const char *sorted_stamp,
                    diag_list *diags);
void anon_free(anon_map *m);

/* Building a map in code (tests). kind is the Danish type word; returns
 * false for an unknown kind or an empty name. */
anon_map *anon_map_new(void);
bool anon_map_add(anon_map *m, const char *real, const char *pseudonym,
                  const char *kind);
/* Adds the words of a word list file (one per line); false if unreadable.
 * A list sorted by bytes (as Debian ships it) is searched where it stands;
 * checking that it is sorted reads all its 313,000 lines, so the file
 * sorted_stamp (NULL: none) remembers the last list found sorted by its
 * path, device, inode, size and times, and a list that is still that file
 * is not checked again. */
bool anon_map_load_words(anon_map *m, const char *path,
                         const char *sorted_stamp);
size_t anon_map_size(const anon_map *m);

/* The first line of defence, before the templates run (early.c): the data
 * a public edition's templates read. Returns copies of tables[0..p->ndata)
 * (entries may be NULL) in which every text cell is mapped as anon_text
 * maps prose: names in all their forms, also inside longer text. Numbers,
 * dates, levels, the round column and columns whose values are the
 * project's rounds or levels are kept: editions select rows and templates
 * look labels up by them. The tables are not changed (the internal
 * editions of the same run read them). The caller owns the copies: each
 * is freed with data_table_free, the array with free. */
data_table **anon_tables(const anon_map *m, const project *p,
                         data_table *const *tables);
/* anon_text for script_config.map_text: map is the anon_map. The project
 * table and the chapters' Lua literals the templates read go through it,
 * so they match the mapped tables. Caller frees. */
char *anon_map_text(void *map, const char *text);

/* Replaces every real name, in all its Danish forms, everywhere in the tree:
 * text (also across inline nodes and soft breaks), ids and every reference
 * to them, link targets and titles, captions, table cells, chart labels,
 * alt texts, code, and the metadata (a person among the authors becomes the
 * role, given once). External links whose URL holds a name are unwrapped. */
void anon_apply(const anon_map *m, doc *d);
/* After anon_apply: reports every name still in the tree (a form that could
 * not be rewritten) as an error at its source file and line. Returns the
 * number found; call it before writing, and write nothing if it is > 0. */
int anon_check(const anon_map *m, const doc *d, diag_list *diags);
/* Public editions: every image of d (after image_check_doc) as a reader
 * finds it: a real name in its file name (ANON_MODE_ID: ida-moerch.png),
 * or in the text left after image_strip (image_text: an SVG's text,
 * entities decoded and runs across <tspan> joined, its title, desc,
 * metadata and attributes; the metadata a PNG or JPEG keeps) is an error
 * at the file, line and column of the node that includes it, naming the
 * image and how to fix it. Each file is read once. Returns the number of
 * errors; write nothing if it is > 0. */
int anon_check_images(const anon_map *m, const doc *d, diag_list *diags);
/* One string. Caller frees. */
char *anon_text(const anon_map *m, const char *s);
/* An id, URL part or file name: names become the pseudonym's slug
 * ("viborg-offentlig" -> "partnerskab-a-offentlig"). Caller frees. */
char *anon_slug(const anon_map *m, const char *s);

/* Scans a written PDF or HTML file for any real name in any form: for a PDF
 * the text pdftotext extracts (page by page) and the raw objects after
 * inflating their streams (outline, metadata, link targets; UTF-16 strings
 * decoded); for HTML the bytes after decoding entities, with and without
 * tags. Each hit is an error naming the output, page or line, the form and
 * the context. Returns the number of hits (0 = clean), -1 if the file could
 * not be scanned (treat that as a leak: delete the output). */
int anon_scan_output(const anon_map *m, const char *path, diag_list *diags);

/* anon_scan_output in two halves, so the slow part runs in the background:
 * anon_scan_begin reads the file (once: both halves scan those bytes),
 * starts pdftotext on a PDF and returns; the caller may scan other outputs
 * meanwhile; anon_scan_end scans the raw PDF (while pdftotext may still
 * run), then its text, and returns what anon_scan_output returns, and
 * frees the anon_scan. */
typedef struct anon_scan anon_scan;
anon_scan *anon_scan_begin(const anon_map *m, const char *path);
int anon_scan_end(anon_scan *a, diag_list *diags);

/* Words that are not names, one a line, beside the mapping file: the
 * allow-list `rapport names` uses when it is given none. */
#define ANON_ALLOW_FILE "navne-ok.txt"

/* `rapport names`: gathers the capitalised words and phrases of a public
 * tree (after anon_apply) that may be names the mapping missed: not
 * ordinary words at a sentence start, not pseudonyms, not on the
 * allow-list (a file, one word or phrase a line, '#' comments; NULL =
 * ANON_ALLOW_FILE beside the mapping, if any), not in the literature list
 * or a citation. Call it once per edition: the map keeps the list. */
void anon_names_collect(const anon_map *m, const doc *d,
                        const char *allow_list_path);
/* Prints the gathered list once, sorted, with a count, the first place and
 * columns aligned by characters, or a line saying nothing was found.
 * Returns the number listed. */
int anon_names_print(const anon_map *m, FILE *out);
/* anon_names_collect, then anon_names_print. */
int anon_names_report(const anon_map *m, const doc *d,
                      const char *allow_list_path, FILE *out);

#endif
