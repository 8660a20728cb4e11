/* body.c - the text of the Word document: the title page, headings,
 * paragraphs, lists, quotes, the contents and list fields, figures, and
 * footnotes (written into footnotes.xml where they are first referenced).
 *
 * Word's built-in style ids carry the look (styles.xml, docx.c), so the
 * navigation pane, outline view and "Update field" work as in a document
 * written in Word. Every number (section, table, figure, note) and every
 * cross-reference text comes from the resolve stage: the Word edition
 * reads what the PDF and the HTML read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx/internal.h"
#include "util/mem.h"

/* What a paragraph gets from the blocks around it. */
typedef struct {
  const char *style; /* paragraph style id, NULL = Normal */
  int num_id;        /* list numbering of the item's first paragraph, 0 */
  int ilvl;          /* list level */
  int indent;        /* left indent in twips (paragraphs after an item's
                        first), 0 = the style's */
  bool note_first;   /* the first paragraph of a footnote: the note mark */
} S_pp;

static void S_blocks(docx_ctx *x, const doc_node *parent, S_pp *pp);

/* ---- bookmarks ---- */

int docx_mark_of(const docx_ctx *x, const doc_node *n) {
  for (size_t i = 0; i < x->nmarks; i++)
    if (x->marks[i].node == n)
      return x->marks[i].bm;
  return 0;
}

static int S_mark_of_id(const docx_ctx *x, const char *id) {
  for (size_t i = 0; i < x->nmarks; i++)
    if (x->marks[i].id && strcmp(x->marks[i].id, id) == 0)
      return x->marks[i].bm;
  return 0;
}

/* Every node a link, reference or contents entry can point at gets a
 * bookmark before the text is written, so a reference may come before
 * its target. */
static void S_collect_marks(docx_ctx *x) {
  doc_iter it;
  doc_event ev;
  doc_iter_init(&it, x->d->root);
  while ((ev = doc_iter_next(&it)) != DOC_EV_NONE) {
    const doc_node *n = it.cur;
    if (ev != DOC_EV_ENTER)
      continue;
    bool want = n->type == DOC_HEADING ||
                ((n->type == DOC_TABLE || n->type == DOC_FIGURE) &&
                 !(n->flags & DOC_CHART_DATA)) ||
                (n->type == DOC_PARAGRAPH && n->id);
    if (!want)
      continue;
    XGROW(x->marks, x->marks_cap, x->nmarks + 1);
    x->marks[x->nmarks] = (docx_mark){n, n->id, (int)x->nmarks + 1};
    x->nmarks++;
  }
}

void docx_bookmark_start(docx_ctx *x, int bm) {
  if (bm > 0)
    buf_printf(x->out, "<w:bookmarkStart w:id=\"%d\" w:name=\"_R%d\"/>", bm,
               bm);
}

void docx_bookmark_end(docx_ctx *x, int bm) {
  if (bm > 0)
    buf_printf(x->out, "<w:bookmarkEnd w:id=\"%d\"/>", bm);
}

/* ---- runs ---- */

static void S_text(buf *b, const char *s) {
  buf_puts(b, "<w:t xml:space=\"preserve\">");
  docx_xml(b, s);
  buf_puts(b, "</w:t>");
}

void docx_run(docx_ctx *x, const char *text, const char *rpr) {
  if (!text || !*text)
    return;
  buf_puts(x->out, "<w:r>");
  /* w:lang comes last in w:rPr (the schema's order), after what a span's
   * children add */
  if ((rpr && *rpr) || x->lang) {
    buf_printf(x->out, "<w:rPr>%s", rpr ? rpr : "");
    if (x->lang) {
      buf_puts(x->out, "<w:lang w:val=\"");
      docx_xml(x->out, x->lang);
      buf_puts(x->out, "\"/>");
    }
    buf_puts(x->out, "</w:rPr>");
  }
  S_text(x->out, text);
  buf_puts(x->out, "</w:r>");
}

/* A complex field: instruction, then the result as written now (what
 * Word shows until the field is updated). */
static void S_field_begin(docx_ctx *x, const char *instr) {
  buf *b = x->out;
  buf_puts(b, "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
              "<w:r><w:instrText xml:space=\"preserve\"> ");
  docx_xml(b, instr);
  buf_puts(b, " </w:instrText></w:r>"
              "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>");
}

static void S_field_end(docx_ctx *x) {
  buf_puts(x->out, "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
}

void docx_caption_label(docx_ctx *x, const char *word, int number) {
  char num[16], instr[96];
  docx_run(x, word, NULL);
  docx_run(x, " ", NULL);
  snprintf(num, sizeof num, "%d", number);
  snprintf(instr, sizeof instr, "SEQ %s \\* ARABIC", word);
  S_field_begin(x, instr);
  docx_run(x, num, NULL);
  S_field_end(x);
  docx_run(x, ". ", NULL);
}

/* The relationship of an external link (one per address); its number. */
static int S_link_rel(docx_ctx *x, const char *url) {
  for (size_t i = 0; i < x->nlinks; i++)
    if (strcmp(x->links[i].url, url) == 0)
      return x->links[i].rel;
  XGROW(x->links, x->links_cap, x->nlinks + 1);
  x->links[x->nlinks] = (docx_link){xstrdup(url), x->next_rel++};
  return x->links[x->nlinks++].rel;
}

/* The links a reader may follow: web and mail addresses (as the HTML
 * writer's policy); anything else is kept as text. */
static bool S_url_ok(const char *u) {
  return u && (strncmp(u, "http://", 7) == 0 ||
               strncmp(u, "https://", 8) == 0 || strncmp(u, "mailto:", 7) == 0);
}

static void S_inl(docx_ctx *x, const doc_node *n, buf *rpr, bool in_link);

static void S_inl_children(docx_ctx *x, const doc_node *n, buf *rpr,
                           bool in_link) {
  for (const doc_node *c = n->first; c; c = c->next)
    S_inl(x, c, rpr, in_link);
}

/* Children with one more run property (<w:b/>, ...) while inside. */
static void S_with(docx_ctx *x, const doc_node *n, buf *rpr, bool in_link,
                   const char *prop) {
  size_t keep = rpr->len;
  buf_puts(rpr, prop);
  S_inl_children(x, n, rpr, in_link);
  rpr->len = keep;
  if (rpr->data)
    rpr->data[keep] = '\0';
}

/* A hyperlink around the children: to a bookmark (anchor) or through a
 * relationship (rel). */
static void S_link(docx_ctx *x, const doc_node *n, buf *rpr, int bm, int rel,
                   const doc_node *text_of) {
  if (bm > 0)
    buf_printf(x->out, "<w:hyperlink w:anchor=\"_R%d\" w:history=\"1\">", bm);
  else
    buf_printf(x->out, "<w:hyperlink r:id=\"rId%d\" w:history=\"1\">", rel);
  size_t keep = rpr->len;
  if (rel > 0)
    buf_puts(rpr, "<w:rStyle w:val=\"Hyperlink\"/>");
  if (text_of)
    S_inl_children(x, text_of, rpr, true);
  else
    docx_run(x, n->text, buf_cstr(rpr));
  rpr->len = keep;
  if (rpr->data)
    rpr->data[keep] = '\0';
  buf_puts(x->out, "</w:hyperlink>");
}

static void S_footnote(docx_ctx *x, const doc_node *ref, buf *rpr);

static void S_inl(docx_ctx *x, const doc_node *n, buf *rpr, bool in_link) {
  switch (n->type) {
  case DOC_TEXT:
    docx_run(x, n->text, buf_cstr(rpr));
    break;
  case DOC_EMPH:
    S_with(x, n, rpr, in_link, "<w:i/>");
    break;
  case DOC_STRONG:
    S_with(x, n, rpr, in_link, "<w:b/>");
    break;
  case DOC_STRIKE:
    S_with(x, n, rpr, in_link, "<w:strike/>");
    break;
  case DOC_CODE: {
    size_t keep = rpr->len;
    buf_puts(rpr, "<w:rStyle w:val=\"VerbatimChar\"/>");
    docx_run(x, n->text, buf_cstr(rpr));
    rpr->len = keep;
    if (rpr->data)
      rpr->data[keep] = '\0';
    break;
  }
  case DOC_LINK: {
    int bm = 0, rel = 0;
    if (!in_link && n->text && n->text[0] == '#')
      bm = S_mark_of_id(x, n->text + 1);
    else if (!in_link && S_url_ok(n->text))
      rel = S_link_rel(x, n->text);
    if (bm || rel)
      S_link(x, n, rpr, bm, rel, n);
    else
      S_inl_children(x, n, rpr, in_link);
    break;
  }
  case DOC_XREF: {
    int bm = in_link || !n->target ? 0 : docx_mark_of(x, n->target);
    if (bm)
      S_link(x, n, rpr, bm, 0, n->first ? n : NULL);
    else if (n->first)
      S_inl_children(x, n, rpr, in_link);
    else
      docx_run(x, n->text, buf_cstr(rpr));
    break;
  }
  case DOC_FOOTNOTE_REF:
    S_footnote(x, n, rpr);
    break;
  case DOC_SOFT_BREAK:
    docx_run(x, " ", buf_cstr(rpr));
    break;
  case DOC_LINE_BREAK:
    buf_puts(x->out, "<w:r><w:br/></w:r>");
    break;
  case DOC_SPAN: {
    const char *outer = x->lang;
    x->lang = n->info;
    S_inl_children(x, n, rpr, in_link);
    x->lang = outer;
    break;
  }
  default:
    S_inl_children(x, n, rpr, in_link);
    break;
  }
}

void docx_inlines(docx_ctx *x, const doc_node *n, const char *rpr) {
  buf r = BUF_INIT;
  if (rpr)
    buf_puts(&r, rpr);
  S_inl_children(x, n, &r, false);
  buf_free(&r);
}

/* ---- footnotes ---- */

/* A reference writes its note into footnotes.xml the first time (Word
 * numbers notes in the order of their marks, as the resolve stage did);
 * a second reference to the same note, or one inside a note (Word has no
 * notes in notes), is its number in superscript. */
static void S_footnote(docx_ctx *x, const doc_node *ref, buf *rpr) {
  const doc_node *def = ref->target;
  int num = ref->number > 0 ? ref->number : def ? def->number : 0;
  bool seen = false;
  for (size_t i = 0; def && i < x->nnoted; i++)
    seen = seen || x->noted[i] == def;
  if (!def || def->type != DOC_FOOTNOTE_DEF || seen || x->in_note) {
    char t[16];
    snprintf(t, sizeof t, "%d", num);
    size_t keep = rpr->len;
    buf_puts(rpr, "<w:vertAlign w:val=\"superscript\"/>");
    docx_run(x, t, buf_cstr(rpr));
    rpr->len = keep;
    if (rpr->data)
      rpr->data[keep] = '\0';
    return;
  }
  XGROW(x->noted, x->noted_cap, x->nnoted + 1);
  x->noted[x->nnoted++] = def;
  int id = (int)x->nnoted + 1; /* 0 and 1 are the separators */
  buf_printf(x->out,
             "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr>"
             "<w:footnoteReference w:id=\"%d\"/></w:r>",
             id);
  buf *keep_out = x->out;
  x->out = &x->notes;
  x->in_note = true;
  buf_printf(x->out, "<w:footnote w:id=\"%d\">", id);
  S_pp pp = {"FootnoteText", 0, 0, 0, true};
  S_blocks(x, def, &pp);
  if (pp.note_first) /* an empty note still carries its mark */
    buf_puts(x->out, "<w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr>"
                     "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/>"
                     "</w:rPr><w:footnoteRef/></w:r></w:p>");
  buf_puts(x->out, "</w:footnote>");
  x->in_note = false;
  x->out = keep_out;
}

/* ---- paragraphs ---- */

/* <w:p><w:pPr>...</w:pPr>: the style, list numbering, indent and extra
 * properties (keepNext, jc, ...); then the note mark in a footnote. */
static void S_p_open(docx_ctx *x, S_pp *pp, const char *style,
                     const char *extra) {
  buf *b = x->out;
  const char *st = style ? style : pp ? pp->style : NULL;
  buf_puts(b, "<w:p>");
  if (st || (pp && (pp->num_id || pp->indent)) || (extra && *extra)) {
    buf_puts(b, "<w:pPr>");
    if (st)
      buf_printf(b, "<w:pStyle w:val=\"%s\"/>", st);
    if (extra)
      buf_puts(b, extra);
    if (pp && pp->num_id) {
      buf_printf(b, "<w:numPr><w:ilvl w:val=\"%d\"/><w:numId w:val=\"%d\"/>"
                    "</w:numPr>",
                 pp->ilvl, pp->num_id);
      pp->num_id = 0; /* only an item's first paragraph is numbered */
    } else if (pp && pp->indent) {
      buf_printf(b, "<w:ind w:left=\"%d\"/>", pp->indent);
    }
    buf_puts(b, "</w:pPr>");
  }
  if (pp && pp->note_first) {
    buf_puts(b, "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr>"
                "<w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> "
                "</w:t></w:r>");
    pp->note_first = false;
  }
}

static void S_heading(docx_ctx *x, const doc_node *n) {
  int lvl = n->level < 1 ? 1 : n->level > 6 ? 6 : n->level;
  char st[16];
  snprintf(st, sizeof st, "Heading%d", lvl);
  S_p_open(x, NULL, st, NULL);
  int bm = docx_mark_of(x, n);
  docx_bookmark_start(x, bm);
  if (n->number_text && *n->number_text) {
    docx_run(x, n->number_text, NULL);
    docx_run(x, " ", NULL);
  }
  docx_inlines(x, n, NULL);
  docx_bookmark_end(x, bm);
  buf_puts(x->out, "</w:p>");
}

static void S_paragraph(docx_ctx *x, const doc_node *n, S_pp *pp) {
  const char *st = NULL;
  if (n->flags & DOC_HANGING)
    st = "Bibliography";
  S_p_open(x, pp, st, NULL);
  int bm = n->id ? docx_mark_of(x, n) : 0;
  docx_bookmark_start(x, bm);
  docx_inlines(x, n, NULL);
  docx_bookmark_end(x, bm);
  buf_puts(x->out, "</w:p>");
}

/* A numbering instance of the ordered list: its own, so each list counts
 * from its start (numbering.xml, docx.c). */
static int S_list_num(docx_ctx *x, const doc_node *list) {
  if (!(list->flags & DOC_ORDERED))
    return 1;
  XGROW(x->list_starts, x->lists_cap, x->nlists + 1);
  x->list_starts[x->nlists++] = list->number > 0 ? list->number : 1;
  return (int)x->nlists + 1;
}

static void S_list(docx_ctx *x, const doc_node *list, S_pp *outer) {
  int num = S_list_num(x, list);
  int ilvl = outer && outer->style && (!strcmp(outer->style, "ListBullet") ||
                                       !strcmp(outer->style, "ListNumber"))
                 ? outer->ilvl + 1
                 : 0;
  if (ilvl > 8)
    ilvl = 8;
  for (const doc_node *item = list->first; item; item = item->next) {
    S_pp pp = {list->flags & DOC_ORDERED ? "ListNumber" : "ListBullet", num,
               ilvl, 360 * (ilvl + 1) + 360, false};
    if (outer && outer->note_first) { /* a note that starts with a list */
      pp.note_first = true;
      outer->note_first = false;
    }
    S_blocks(x, item, &pp);
    if (pp.num_id) { /* an empty item still shows its bullet */
      S_p_open(x, &pp, NULL, NULL);
      buf_puts(x->out, "</w:p>");
    }
  }
}

static void S_code(docx_ctx *x, const doc_node *n, S_pp *pp) {
  S_p_open(x, pp, "SourceCode", NULL);
  const char *s = n->text ? n->text : "";
  for (bool first = true; *s || first; first = false) {
    size_t len = strcspn(s, "\n");
    if (!first)
      buf_puts(x->out, "<w:r><w:br/></w:r>");
    char *line = xstrndup(s, len);
    docx_run(x, line, NULL);
    free(line);
    s += len;
    if (*s == '\n')
      s++;
    if (!*s)
      break;
  }
  buf_puts(x->out, "</w:p>");
}

/* ---- contents and lists of tables and figures ---- */

/* A TOC field whose result is the entries as the resolve stage chose
 * them, each a link to its heading, so the contents read right before
 * Word updates them (and then get their page numbers). */
static void S_toc_field(docx_ctx *x, const doc_entries *v, const char *title,
                        const char *instr, bool headings) {
  if (!v->len)
    return;
  buf *b = x->out;
  buf_puts(b, "<w:p><w:pPr><w:pStyle w:val=\"TOCHeading\"/></w:pPr>");
  docx_run(x, title, NULL);
  buf_puts(b, "</w:p>");
  int base = 6;
  for (size_t i = 0; headings && i < v->len; i++)
    if (v->items[i].level < base)
      base = v->items[i].level;
  for (size_t i = 0; i < v->len; i++) {
    const doc_entry *e = &v->items[i];
    int lvl = headings ? e->level - base + 1 : 1;
    if (lvl > 3)
      lvl = 3;
    char st[24];
    if (headings)
      snprintf(st, sizeof st, "TOC%d", lvl);
    else
      snprintf(st, sizeof st, "TableofFigures");
    S_p_open(x, NULL, st, NULL);
    if (i == 0)
      S_field_begin(x, instr);
    int bm = docx_mark_of(x, e->node);
    if (bm)
      buf_printf(b, "<w:hyperlink w:anchor=\"_R%d\" w:history=\"1\">", bm);
    if (!headings) {
      const char *word = locale_get(x->l, e->kind == DOC_ENTRY_TABLE
                                              ? "table" : "figure");
      docx_run(x, word, NULL);
      docx_run(x, " ", NULL);
    }
    if (e->number_text && *e->number_text) {
      docx_run(x, e->number_text, NULL);
      docx_run(x, headings ? " " : ". ", NULL);
    }
    docx_run(x, e->title_text, NULL);
    if (bm)
      buf_puts(b, "</w:hyperlink>");
    if (i + 1 == v->len)
      S_field_end(x);
    buf_puts(b, "</w:p>");
  }
}

/* ---- figures ---- */

static const doc_node *S_child(const doc_node *n, doc_type t) {
  for (const doc_node *c = n->first; c; c = c->next)
    if (c->type == t && !(c->flags & DOC_NARROW))
      return c;
  return NULL;
}

/* The drawing centred and kept with its caption below: "Figur 2. ...". */
static void S_figure(docx_ctx *x, const doc_node *fig) {
  const doc_node *chart = S_child(fig, DOC_CHART);
  const doc_node *img = S_child(fig, DOC_IMAGE);
  const doc_node *cap = S_child(fig, DOC_CAPTION);
  const char *word = locale_get(x->l, "figure");
  char name[48];
  if (fig->number > 0)
    snprintf(name, sizeof name, "%s %d", word, fig->number);
  else
    snprintf(name, sizeof name, "%s", word);
  const doc_node *pic = chart ? chart : img;
  const char *alt = pic && pic->alt && *pic->alt   ? pic->alt
                    : fig->alt && *fig->alt        ? fig->alt
                                                   : name;
  int bm = docx_mark_of(x, fig);
  S_p_open(x, NULL, "Figure", NULL);
  docx_bookmark_start(x, bm);
  if (chart && chart->drawing)
    docx_chart(x, chart, alt, name);
  else if (img)
    docx_image(x, img, alt, name);
  if (!cap)
    docx_bookmark_end(x, bm);
  buf_puts(x->out, "</w:p>");
  if (cap) {
    S_p_open(x, NULL, "Caption", NULL);
    if (fig->number > 0)
      docx_caption_label(x, word, fig->number);
    docx_inlines(x, cap, NULL);
    docx_bookmark_end(x, bm);
    buf_puts(x->out, "</w:p>");
  }
}

/* ---- blocks ---- */

static void S_block(docx_ctx *x, const doc_node *n, S_pp *pp) {
  const doc_resolved *r = x->d->res;
  switch (n->type) {
  case DOC_HEADING:
    S_heading(x, n);
    break;
  case DOC_PARAGRAPH:
    if (!(n->flags & DOC_FAILED))
      S_paragraph(x, n, pp);
    break;
  case DOC_LIST:
    S_list(x, n, pp);
    break;
  case DOC_ITEM:
  case DOC_DOCUMENT:
    S_blocks(x, n, pp);
    break;
  case DOC_QUOTE: {
    S_pp q = pp ? *pp : (S_pp){0};
    q.style = "Quote";
    S_blocks(x, n, &q);
    if (pp)
      pp->note_first = q.note_first;
    break;
  }
  case DOC_CODE_BLOCK:
    S_code(x, n, pp);
    break;
  case DOC_RULE:
    S_p_open(x, NULL, "HorizontalRule", NULL);
    buf_puts(x->out, "</w:p>");
    break;
  case DOC_TABLE:
    if (!(n->flags & DOC_CHART_DATA))
      docx_table(x, n);
    break;
  case DOC_FIGURE:
    S_figure(x, n);
    break;
  case DOC_PAGE_BREAK:
    buf_puts(x->out, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
    break;
  case DOC_TOC:
    S_toc_field(x, &r->contents, locale_get(x->l, "contents"),
                "TOC \\o \"1-3\" \\h \\z \\u", true);
    break;
  case DOC_LIST_OF_TABLES: {
    buf instr = BUF_INIT;
    buf_printf(&instr, "TOC \\h \\z \\c \"%s\"", locale_get(x->l, "table"));
    S_toc_field(x, &r->tables, locale_get(x->l, "list_of_tables"),
                buf_cstr(&instr), false);
    buf_free(&instr);
    break;
  }
  case DOC_LIST_OF_FIGURES: {
    buf instr = BUF_INIT;
    buf_printf(&instr, "TOC \\h \\z \\c \"%s\"", locale_get(x->l, "figure"));
    S_toc_field(x, &r->figures, locale_get(x->l, "list_of_figures"),
                buf_cstr(&instr), false);
    buf_free(&instr);
    break;
  }
  case DOC_CAPTION:
  case DOC_CHART:
  case DOC_IMAGE:
  case DOC_FOOTNOTE_DEF: /* written where it is referenced */
  case DOC_RAW_HTML:     /* the policy is off, as in the PDF */
    break;
  default:
    if (doc_is_inline(n->type)) { /* inlines straight in a block */
      S_p_open(x, pp, NULL, NULL);
      buf r = BUF_INIT;
      S_inl(x, n, &r, false);
      buf_free(&r);
      buf_puts(x->out, "</w:p>");
    }
    break;
  }
}

static void S_blocks(docx_ctx *x, const doc_node *parent, S_pp *pp) {
  for (const doc_node *c = parent->first; c; c = c->next)
    S_block(x, c, pp);
}

/* ---- the title page ---- */

static void S_title_page(docx_ctx *x) {
  const doc_meta *m = &x->d->meta;
  if (!m->title)
    return;
  buf *b = x->out;
  if (m->organisation) {
    S_p_open(x, NULL, "Organisation", NULL);
    docx_run(x, m->organisation, NULL);
    buf_puts(b, "</w:p>");
  }
  S_p_open(x, NULL, "Title", NULL);
  docx_run(x, m->title, NULL);
  buf_puts(b, "</w:p>");
  if (m->subtitle) {
    S_p_open(x, NULL, "Subtitle", NULL);
    docx_run(x, m->subtitle, NULL);
    buf_puts(b, "</w:p>");
  }
  if (m->edition_title) {
    S_p_open(x, NULL, "EditionTitle", NULL);
    docx_run(x, m->edition_title, NULL);
    buf_puts(b, "</w:p>");
  }
  if (m->public_label) { /* a public edition says what it is, as the PDF */
    S_p_open(x, NULL, "EditionTitle", NULL);
    docx_run(x, m->public_label, NULL);
    buf_puts(b, "</w:p>");
  }
  bool en = m->lang && strncmp(m->lang, "en", 2) == 0;
  if (m->nauthors) {
    buf a = BUF_INIT;
    for (size_t i = 0; i < m->nauthors; i++)
      buf_printf(&a, "%s%s",
                 i ? (i + 1 == m->nauthors ? (en ? " and " : " og ") : ", ")
                   : "",
                 m->authors[i]);
    S_p_open(x, NULL, "Authors", NULL);
    docx_run(x, buf_cstr(&a), NULL);
    buf_puts(b, "</w:p>");
    buf_free(&a);
  }
  if (x->d->res->date_display) {
    S_p_open(x, NULL, "Date", NULL);
    docx_run(x, x->d->res->date_display, NULL);
    buf_puts(b, "</w:p>");
  }
  if (m->fictional) {
    S_p_open(x, NULL, "FictionalLabel", NULL);
    docx_run(x, locale_get(x->l, "fictional"), NULL);
    buf_puts(b, "</w:p>");
  }
  buf_puts(b, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
}

void docx_body(docx_ctx *x) {
  S_collect_marks(x);
  x->out = &x->body;
  S_title_page(x);
  S_blocks(x, x->d->root, NULL);
}
