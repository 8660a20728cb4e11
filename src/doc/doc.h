/* doc.h - the document tree: the one structure both writers read.
 *
 * Blocks and inlines are the same struct (like cmark's node). A node owns its
 * children and its strings; doc_node_free frees a subtree. Walk the tree with
 * doc_iter (ENTER/EXIT events) rather than writing a recursion per writer.
 *
 * Internal links: a DOC_LINK whose url starts with '#' points to the node
 * with that id (headings, tables, figures, footnotes, bibliography entries). */
#ifndef RAPPORT_DOC_H
#define RAPPORT_DOC_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
  /* blocks */
  DOC_DOCUMENT,
  DOC_HEADING,         /* level 1-6; id; children inline */
  DOC_PARAGRAPH,       /* children inline; flags DOC_HANGING for literature */
  DOC_LIST,            /* flags DOC_ORDERED, DOC_TIGHT; number = start */
  DOC_ITEM,            /* children blocks */
  DOC_QUOTE,           /* children blocks */
  DOC_CODE_BLOCK,      /* text = literal; info = language */
  DOC_RULE,            /* thematic break */
  DOC_TABLE,           /* children: optional DOC_CAPTION, then DOC_TABLE_ROWs;
                          ncols; aligns; id; number; source (note under it) */
  DOC_TABLE_ROW,       /* flags DOC_HEADER_ROW for header rows (repeat on
                          each page) */
  DOC_TABLE_CELL,      /* children inline; align; fill (0xRRGGBB or -1);
                          colspan */
  DOC_CAPTION,         /* children inline: caption text without "Tabel 3" */
  DOC_FIGURE,          /* children: DOC_CHART or DOC_IMAGE, DOC_CAPTION, and
                          optionally a DOC_TABLE flagged DOC_CHART_DATA (the
                          data behind a chart, for the HTML text alternative);
                          id; number; alt */
  DOC_CHART,           /* drawing = vector primitives; alt */
  DOC_IMAGE,           /* text = path (absolute); alt */
  DOC_FOOTNOTE_DEF,    /* children blocks; number; id; lives at document end */
  DOC_PAGE_BREAK,
  DOC_TOC,             /* table of contents, filled by the writers */
  DOC_LIST_OF_TABLES,
  DOC_LIST_OF_FIGURES,
  DOC_RAW_HTML,        /* text; only the HTML writer uses it (policy: off) */
  /* inlines */
  DOC_TEXT,            /* text */
  DOC_EMPH,
  DOC_STRONG,
  DOC_STRIKE,
  DOC_CODE,            /* text */
  DOC_LINK,            /* text = url ('#id' = internal); title */
  DOC_FOOTNOTE_REF,    /* number; text = target id of the DOC_FOOTNOTE_DEF */
  DOC_XREF,            /* text = label ("tbl:x"); after doc_resolve
                          (resolve.h), children hold the display text
                          ("tabel 3") and target points at the node */
  DOC_SOFT_BREAK,
  DOC_LINE_BREAK,
  DOC_SPAN,            /* children inline in another language: info = its
                          BCP 47 tag ("en", "de-CH"); Markdown's
                          `[text]{lang=en}` */
  DOC_TYPE_COUNT
} doc_type;

enum {
  DOC_ORDERED = 1u << 0,
  DOC_TIGHT = 1u << 1,
  DOC_HEADER_ROW = 1u << 2,
  DOC_UNNUMBERED = 1u << 3,  /* heading/table/figure gets no number */
  DOC_NOT_IN_TOC = 1u << 4,
  DOC_CHART_DATA = 1u << 5,  /* table that is a chart's text alternative:
                                the HTML writer shows it in <details>, the PDF
                                writer skips it */
  DOC_HANGING = 1u << 6,     /* paragraph with hanging indent (literature) */
  DOC_CAPITALISE = 1u << 7,  /* XREF: "Tabel 3" rather than "tabel 3" */
  DOC_STRONG_CELL = 1u << 8, /* table cell in bold (totals) */
  DOC_KEEP_TOGETHER = 1u << 9,
  DOC_FAILED = 1u << 11,     /* empty paragraph where a directive failed;
                                text = the label (id) it was given, so that
                                references to it are not reported again */
  DOC_NARROW = 1u << 10,     /* chart: the figure's layout for narrow screens
                                (narrow_chart): the HTML writer shows it there
                                instead of the first chart, the PDF skips it */
  DOC_LOGO = 1u << 12,       /* image: the project's logo (`logo`), a child
                                of the document before the text: the PDF
                                puts it on the title page, the HTML in the
                                header, neither in the text */
  DOC_COVER = 1u << 13,      /* image: the cover image (`cover`), likewise */
  DOC_LANDSCAPE = 1u << 14,  /* table: on landscape pages of its own in the
                                PDF (`{.liggende}`, `landscape = true`) */
  DOC_ROW_HEADER = 1u << 15, /* table cell that names its row: the first
                                of a body row, in a table with a header row
                                and more than one column (set by
                                doc_resolve; <th scope="row">, TH /Row) */
};

/* Vector drawing for charts. Coordinates in points, origin top-left, y down
 * (as in SVG); the PDF writer flips. Colours are 0xRRGGBB, -1 = none. */
typedef enum {
  DRAW_RECT,     /* x, y, w, h */
  DRAW_LINE,     /* x, y -> x2, y2 */
  DRAW_CIRCLE,   /* centre x, y; radius w */
  DRAW_POLYLINE, /* points[2*npoints] */
  DRAW_TEXT      /* x, y = baseline anchor point; text; anchor; a '\n' in
                    text starts a line DRAW_LINE_HEIGHT x size below */
} draw_kind;

#define DRAW_LINE_HEIGHT 1.15

typedef struct {
  draw_kind kind;
  double x, y, w, h, x2, y2;
  double *points;
  size_t npoints;
  long fill, stroke;
  double stroke_width;
  double dash;      /* dash length, 0 = solid */
  char *text;       /* DRAW_TEXT */
  double font_size; /* DRAW_TEXT */
  char anchor;      /* 's'tart, 'm'iddle, 'e'nd */
  bool bold;
} draw_item;

typedef struct {
  double width, height;
  draw_item *items;
  size_t len, cap;
} doc_drawing;

typedef struct doc_node doc_node;

struct doc_node {
  doc_type type;
  doc_node *parent, *first, *last, *prev, *next;
  char *text;          /* see doc_type */
  char *id;            /* anchor id, unique in a document */
  char *title;         /* link title; figure/table "source" note */
  char *alt;           /* chart/image text alternative */
  char *info;          /* code block language; directive component name */
  int level;           /* heading level */
  int number;          /* table/figure/footnote number; list start */
  unsigned flags;
  char align;          /* cell: 'l', 'c', 'r' or 0 */
  unsigned char pooled;/* internal: memory from the doc's node pool */
  char *aligns;        /* table: one of 'l','c','r',0 per column */
  double *widths;      /* table: optional relative column widths (ncols) */
  int ncols;           /* table */
  int colspan;         /* cell, 0 or 1 = one column */
  long fill;           /* cell background 0xRRGGBB, -1 = none */
  doc_drawing *drawing;/* DOC_CHART */
  doc_node *target;    /* XREF / FOOTNOTE_REF: resolved target (not owned) */
  char *number_text;   /* heading: "2.1" when the theme numbers headings,
                          else NULL; set by resolve_structure */
  /* where it came from, for messages */
  const char *file;    /* interned in the doc (not owned by the node) */
  int line, col;
};

typedef struct {
  char *title, *subtitle, *edition_title, *organisation, *date, *lang;
  char **authors;
  size_t nauthors;
  char *subject, *keywords;
  /* a public edition: what it calls itself ("Offentlig udgave"), shown on
     the title page and in the HTML header; its images are embedded
     without metadata (image_strip). NULL in an internal edition. */
  char *public_label;
  bool fictional;
  long long source_epoch; /* creation date for reproducible output */
} doc_meta;

/* The document's structure as every writer shows it, computed once by
 * resolve_structure (resolve.h); the writers only render it. */
typedef enum {
  DOC_ENTRY_SECTION,    /* a numbered heading (number_text may still be ""
                           when the theme does not number headings) */
  DOC_ENTRY_UNNUMBERED, /* a heading marked unnumbered: the literature list,
                           a preface kept in the contents */
  DOC_ENTRY_TABLE,
  DOC_ENTRY_FIGURE
} doc_entry_kind;

typedef struct {
  doc_entry_kind kind;
  int level;            /* heading level; 0 for tables and figures */
  char *number_text;    /* "2.1" / "3"; "" when it has no number */
  char *title_text;     /* plain text of the heading or the caption */
  char *target_id;      /* the node's id; NULL when it has none (a writer
                           then anchors the node with an id of its own) */
  const doc_node *node; /* the heading, table or figure (not owned) */
} doc_entry;

typedef struct {
  doc_entry *items; /* owned, with their strings */
  size_t len, cap;
} doc_entries;

typedef struct {
  int toc_depth;         /* heading levels in the contents */
  doc_entries contents;  /* headings in the contents, in document order */
  doc_entries tables;    /* numbered tables (list of tables) */
  doc_entries figures;   /* numbered figures (list of figures) */
  char *date_display;    /* "30. juni 2025" / "30 June 2025"; NULL = none */
  char *date_iso;        /* "2025-06-30" when meta.date is a real date, for
                            <time datetime>; NULL otherwise */
} doc_resolved;

typedef struct {
  doc_node *root;  /* DOC_DOCUMENT */
  doc_meta meta;   /* date as configured ("2025-06-30"); shown as
                      res->date_display */
  doc_resolved *res; /* owned; NULL until resolve_structure has run */
  char **files;    /* interned source file names */
  size_t nfiles, files_cap;
  struct doc_pool *pool; /* memory of nodes made by doc_node_new_in */
} doc;

doc *doc_new(void);
void doc_free(doc *d);
/* Frees r and everything it owns (not the nodes it points at). */
void doc_resolved_free(doc_resolved *r);
/* Interns a file name so nodes can point at it cheaply. */
const char *doc_intern_file(doc *d, const char *file);

doc_node *doc_node_new(doc_type type);
/* As doc_node_new, but the memory comes from d's node pool: one allocation
 * per block of nodes instead of one per node (big data tables make
 * hundred thousand nodes). Use and free the node as any other; its memory
 * returns to the system when d is freed, so it must stay in d's tree. */
doc_node *doc_node_new_in(doc *d, doc_type type);
/* A DOC_TEXT node from d's pool with a copy of s[0..n). */
doc_node *doc_text_in(doc *d, const char *s, size_t n);
/* Frees node and its subtree (unlinks it first). */
void doc_node_free(doc_node *n);
/* The project's logo or cover image (flag DOC_LOGO or DOC_COVER: build.c
 * puts them first in the document), or NULL. */
const doc_node *doc_title_image(const doc *d, unsigned flag);
void doc_append(doc_node *parent, doc_node *child);
void doc_prepend(doc_node *parent, doc_node *child);
void doc_insert_before(doc_node *sibling, doc_node *n);
void doc_unlink(doc_node *n);
/* Replaces the string field *field with a copy of s (NULL allowed). */
void doc_set(char **field, const char *s);
/* Convenience: a DOC_TEXT node with a copy of s. */
doc_node *doc_text(const char *s);
doc_node *doc_text_n(const char *s, size_t n);
bool doc_is_block(doc_type t);
bool doc_is_inline(doc_type t);
const char *doc_type_name(doc_type t);
/* Concatenated text of all descendants (for titles, bookmarks). Caller frees. */
char *doc_plain_text(const doc_node *n);

doc_drawing *doc_drawing_new(double width, double height);
draw_item *doc_drawing_add(doc_drawing *dr, draw_kind kind);

/* Iterator, as in cmark: each node is entered, and each node that may have
 * children is also exited. */
typedef enum { DOC_EV_NONE, DOC_EV_ENTER, DOC_EV_EXIT } doc_event;
typedef struct {
  doc_node *root, *cur;
  doc_event ev;
  int state; /* 0 = not started, 1 = walking, 2 = done; 3 = skip pending */
} doc_iter;
void doc_iter_init(doc_iter *it, doc_node *root);
doc_event doc_iter_next(doc_iter *it);
/* Skips the children of the node just entered (next event is its EXIT). */
void doc_iter_skip_children(doc_iter *it);

/* "Indledning og baggrund" -> "indledning-og-baggrund" (ASCII, Danish
 * letters transliterated: æ->ae, ø->oe, å->aa). Caller frees. */
char *doc_slug(const char *text);

#endif
