/* docx.c - the Word document's package: the XML parts around the body
 * (styles, numbering, settings, footnotes, header, footer, properties,
 * relationships, content types) and the zip archive that holds them.
 *
 * The archive is deterministic: the parts in a fixed order, each entry
 * dated with the document's source date (d->meta.source_epoch, the
 * report's date unless SOURCE_DATE_EPOCH says otherwise), the same
 * attributes, XML deflated at one level and pictures stored as they are.
 * The archive is made in memory by libzip and written with
 * fs_write_atomic, as the other writers write. */
#include "docx/docx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "docx/internal.h"
#include "util/fs.h"
#include "util/mem.h"

/* the relationships of the document part that are always there; links
   and pictures are numbered after them */
enum {
  S_REL_STYLES = 1,
  S_REL_NUMBERING,
  S_REL_SETTINGS,
  S_REL_FOOTNOTES,
  S_REL_HEADER,
  S_REL_FOOTER,
  S_REL_FIRST_FREE
};

#define S_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define S_NS_R                                                            \
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define S_XML_HEAD                                                        \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* ---- styles.xml ---- */

static void S_fonts(buf *b, const char *font) {
  buf_puts(b, "<w:rFonts w:ascii=\"");
  docx_xml(b, font);
  buf_puts(b, "\" w:hAnsi=\"");
  docx_xml(b, font);
  buf_puts(b, "\" w:cs=\"");
  docx_xml(b, font);
  buf_puts(b, "\" w:eastAsia=\"");
  docx_xml(b, font);
  buf_puts(b, "\"/>");
}

static void S_size(buf *b, double pt) {
  long hp = (long)(pt * 2 + 0.5); /* half-points */
  buf_printf(b, "<w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/>", hp, hp);
}

/* One paragraph style; ppr and rpr are the properties' XML (may be ""). */
static void S_pstyle(buf *b, const char *id, const char *name,
                     const char *based, const char *next, const char *ppr,
                     const char *rpr, bool quick) {
  buf_printf(b, "<w:style w:type=\"paragraph\" w:styleId=\"%s\">"
                "<w:name w:val=\"%s\"/>",
             id, name);
  if (based)
    buf_printf(b, "<w:basedOn w:val=\"%s\"/>", based);
  if (next)
    buf_printf(b, "<w:next w:val=\"%s\"/>", next);
  if (quick)
    buf_puts(b, "<w:qFormat/>");
  if (*ppr)
    buf_printf(b, "<w:pPr>%s</w:pPr>", ppr);
  if (*rpr)
    buf_printf(b, "<w:rPr>%s</w:rPr>", rpr);
  buf_puts(b, "</w:style>");
}

static void S_cstyle(buf *b, const char *id, const char *name,
                     const char *rpr) {
  buf_printf(b, "<w:style w:type=\"character\" w:styleId=\"%s\">"
                "<w:name w:val=\"%s\"/><w:basedOn w:val="
                "\"DefaultParagraphFont\"/><w:rPr>%s</w:rPr></w:style>",
             id, name, rpr);
}

/* ppr/rpr builders: small buffers reused per style */
typedef struct {
  buf p, r;
} S_props;

static void S_props_clear(S_props *s) {
  buf_clear(&s->p);
  buf_clear(&s->r);
}

static void S_spacing(buf *b, double before, double after, double line,
                      double size) {
  buf_printf(b, "<w:spacing w:before=\"%ld\" w:after=\"%ld\"",
             DOCX_TWIPS(before), DOCX_TWIPS(after));
  if (line > 0 && size > 0) /* leading as a multiple of the font size */
    buf_printf(b, " w:line=\"%ld\" w:lineRule=\"auto\"",
               (long)(line / (size * 1.15) * 240 + 0.5));
  buf_puts(b, "/>");
}

static void S_colour(buf *b, long c) {
  buf_printf(b, "<w:color w:val=\"%06lX\"/>", c & 0xffffff);
}

static void S_styles(const docx_ctx *x, buf *b) {
  const theme *t = x->t;
  const char *body_font = t ? theme_string(t, "fonts.body", NULL) : NULL;
  const char *head_font = t ? theme_string(t, "fonts.heading", NULL) : NULL;
  const char *mono = t ? theme_string(t, "fonts.mono", NULL) : NULL;
  body_font = body_font ? body_font : "Liberation Serif";
  head_font = head_font ? head_font : body_font;
  mono = mono ? mono : "DejaVu Sans Mono";
  double size = x->body_size;
  double leading = docx_theme_num(t, "body.leading", size * 1.38);
  double par_space = docx_theme_num(t, "body.paragraph_space", size * 0.6);
  bool justify = docx_theme_bool(t, "body.justify", true);
  long text = docx_theme_colour(t, "colours.text", 0x000000);
  long accent = docx_theme_colour(t, "colours.accent", 0x1f3a5f);
  long heading = docx_theme_colour(t, "colours.heading", text);
  long muted = docx_theme_colour(t, "colours.muted", 0x555555);
  long link = docx_theme_colour(t, "colours.link", text);
  long rule = docx_theme_colour(t, "colours.rule", 0x808080);
  long quote_bar = docx_theme_colour(t, "quote.bar", accent);
  long code_fill = docx_theme_colour(t, "code.fill", 0xf2f2f2);
  double cap_size = docx_theme_num(t, "caption.size", size - 1);
  double fn_size = docx_theme_num(t, "footnote.size", size - 2);
  double fn_leading = docx_theme_num(t, "footnote.leading", fn_size * 1.3);
  double code_size = docx_theme_num(t, "code.size", size - 1.5);
  double title_size = docx_theme_num(t, "title.size", 26);
  double sub_size = docx_theme_num(t, "title.subtitle_size", 15);
  double t_leading = docx_theme_num(t, "table.leading", x->table_size * 1.3);
  double pad = docx_theme_num(t, "table.padding", 4);
  buf lang = BUF_INIT;
  docx_lang_tag(&lang, x->d->meta.lang);

  buf_puts(b, S_XML_HEAD "<w:styles xmlns:w=\"" S_NS_W "\">");
  /* the defaults: the body font, size, colour and language (Word's
     spelling check follows w:lang) */
  buf_puts(b, "<w:docDefaults><w:rPrDefault><w:rPr>");
  S_fonts(b, body_font);
  S_colour(b, text);
  S_size(b, size);
  buf_printf(b, "<w:lang w:val=\"%s\" w:eastAsia=\"%s\" w:bidi=\"%s\"/>",
             buf_cstr(&lang), buf_cstr(&lang), buf_cstr(&lang));
  buf_puts(b, "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>");
  S_spacing(b, 0, par_space, leading, size);
  buf_puts(b, "</w:pPr></w:pPrDefault></w:docDefaults>");

  S_props s = {BUF_INIT, BUF_INIT};
  if (justify)
    buf_puts(&s.p, "<w:jc w:val=\"both\"/>");
  buf_puts(b, "<w:style w:type=\"paragraph\" w:default=\"1\" "
              "w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>");
  if (s.p.len)
    buf_printf(b, "<w:pPr>%s</w:pPr>", buf_cstr(&s.p));
  buf_puts(b, "</w:style>");
  buf_puts(b, "<w:style w:type=\"character\" w:default=\"1\" "
              "w:styleId=\"DefaultParagraphFont\"><w:name "
              "w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/>"
              "<w:semiHidden/></w:style>");
  buf_puts(b, "<w:style w:type=\"table\" w:default=\"1\" "
              "w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
              "<w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
              "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left "
              "w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" "
              "w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
              "</w:tblCellMar></w:tblPr></w:style>");

  static const double hs[7] = {0, 20, 14, 12, 11, 10.5, 10.5};
  bool new_page = docx_theme_bool(t, "heading.1.new_page", true);
  for (int i = 1; i <= 6; i++) {
    char k[64], id[16], name[16];
    snprintf(k, sizeof k, "heading.%d.size", i);
    double hsz = docx_theme_num(t, k, hs[i] * size / 10.5);
    snprintf(k, sizeof k, "heading.%d.space_before", i);
    double before = docx_theme_num(t, k, hsz * (i == 1 ? 0.5 : 1.2));
    snprintf(k, sizeof k, "heading.%d.space_after", i);
    double after = docx_theme_num(t, k, hsz * (i == 1 ? 1.0 : 0.45));
    S_props_clear(&s);
    buf_puts(&s.p, "<w:keepNext/><w:keepLines/>");
    if (i == 1 && new_page)
      buf_puts(&s.p, "<w:pageBreakBefore/>");
    S_spacing(&s.p, before, after, hsz * 1.2, hsz);
    buf_printf(&s.p, "<w:jc w:val=\"left\"/><w:outlineLvl w:val=\"%d\"/>",
               i - 1);
    S_fonts(&s.r, head_font);
    buf_puts(&s.r, "<w:b/><w:bCs/>");
    S_colour(&s.r, heading);
    S_size(&s.r, hsz);
    snprintf(id, sizeof id, "Heading%d", i);
    snprintf(name, sizeof name, "heading %d", i);
    S_pstyle(b, id, name, "Normal", "Normal", buf_cstr(&s.p),
             buf_cstr(&s.r), true);
  }
  /* the title page, as the PDF's */
  S_props_clear(&s);
  S_spacing(&s.p, 0, 4, 0, 0);
  buf_puts(&s.p, "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"10\" "
                 "w:space=\"6\" ");
  buf_printf(&s.p, "w:color=\"%06lX\"/></w:pBdr><w:jc w:val=\"left\"/>",
             accent & 0xffffff);
  S_fonts(&s.r, head_font);
  buf_puts(&s.r, "<w:b/>");
  S_colour(&s.r, accent);
  S_size(&s.r, size + 1);
  S_pstyle(b, "Organisation", "Organisation", "Normal", "Title",
           buf_cstr(&s.p), buf_cstr(&s.r), false);
  S_props_clear(&s);
  S_spacing(&s.p, 160, sub_size * 0.6, title_size * 1.25, title_size);
  buf_puts(&s.p, "<w:jc w:val=\"left\"/>");
  S_fonts(&s.r, head_font);
  buf_puts(&s.r, "<w:b/><w:bCs/>");
  S_colour(&s.r, heading);
  S_size(&s.r, title_size);
  S_pstyle(b, "Title", "Title", "Normal", "Subtitle", buf_cstr(&s.p),
           buf_cstr(&s.r), true);
  S_props_clear(&s);
  S_spacing(&s.p, 0, sub_size * 1.2, sub_size * 1.25, sub_size);
  buf_puts(&s.p, "<w:jc w:val=\"left\"/>");
  S_fonts(&s.r, head_font);
  S_colour(&s.r, heading);
  S_size(&s.r, sub_size);
  S_pstyle(b, "Subtitle", "Subtitle", "Normal", "Normal", buf_cstr(&s.p),
           buf_cstr(&s.r), true);
  S_props_clear(&s);
  buf_puts(&s.p, "<w:jc w:val=\"left\"/>");
  S_fonts(&s.r, head_font);
  buf_puts(&s.r, "<w:b/>");
  S_colour(&s.r, accent);
  S_size(&s.r, size + 3);
  S_pstyle(b, "EditionTitle", "Edition Title", "Normal", "Normal",
           buf_cstr(&s.p), buf_cstr(&s.r), false);
  S_props_clear(&s);
  S_spacing(&s.p, 180, 4, 0, 0);
  buf_puts(&s.p, "<w:jc w:val=\"left\"/>");
  S_size(&s.r, size + 1.5);
  S_pstyle(b, "Authors", "Authors", "Normal", "Normal", buf_cstr(&s.p),
           buf_cstr(&s.r), false);
  S_props_clear(&s);
  buf_puts(&s.p, "<w:jc w:val=\"left\"/>");
  S_colour(&s.r, muted);
  S_pstyle(b, "Date", "Date", "Normal", "Normal", buf_cstr(&s.p),
           buf_cstr(&s.r), false);
  S_props_clear(&s);
  S_spacing(&s.p, 60, 0, 0, 0);
  buf_printf(&s.p, "<w:shd w:val=\"clear\" w:color=\"auto\" "
                   "w:fill=\"%06lX\"/><w:jc w:val=\"left\"/>",
             accent & 0xffffff);
  S_fonts(&s.r, head_font);
  buf_puts(&s.r, "<w:b/><w:color w:val=\"FFFFFF\"/>");
  S_size(&s.r, size + 1);
  S_pstyle(b, "FictionalLabel", "Fictional Label", "Normal", "Normal",
           buf_cstr(&s.p), buf_cstr(&s.r), false);

  /* captions, figures, tables */
  S_props_clear(&s);
  S_spacing(&s.p, size * 0.9, size * 0.3, cap_size * 1.3, cap_size);
  buf_puts(&s.p, "<w:jc w:val=\"left\"/>");
  S_size(&s.r, cap_size);
  S_pstyle(b, "Caption", "caption", "Normal", "Normal", buf_cstr(&s.p),
           buf_cstr(&s.r), true);
  S_props_clear(&s);
  S_spacing(&s.p, size * 0.9, size * 0.3, 0, 0);
  buf_puts(&s.p, "<w:keepNext/><w:jc w:val=\"center\"/>");
  S_pstyle(b, "Figure", "Figure", "Normal", "Caption", buf_cstr(&s.p), "",
           false);
  S_props_clear(&s);
  S_spacing(&s.p, 0, 0, t_leading, x->table_size);
  buf_puts(&s.p, "<w:jc w:val=\"left\"/>");
  S_size(&s.r, x->table_size);
  S_pstyle(b, "TableText", "Table Text", "Normal", NULL, buf_cstr(&s.p),
           buf_cstr(&s.r), false);
  S_props_clear(&s);
  S_spacing(&s.p, 3, size * 0.9, (cap_size - 0.5) * 1.3, cap_size - 0.5);
  buf_puts(&s.p, "<w:jc w:val=\"left\"/>");
  S_colour(&s.r, muted);
  S_size(&s.r, cap_size - 0.5);
  S_pstyle(b, "SourceNote", "Source Note", "Normal", "Normal",
           buf_cstr(&s.p), buf_cstr(&s.r), false);
  S_props_clear(&s);
  S_spacing(&s.p, 0, size * 0.9, 0, 0);
  S_size(&s.r, 2);
  S_pstyle(b, "AfterTable", "After Table", "Normal", "Normal",
           buf_cstr(&s.p), buf_cstr(&s.r), false);
  buf_printf(b, "<w:style w:type=\"table\" w:styleId=\"ReportTable\">"
                "<w:name w:val=\"Report Table\"/><w:basedOn "
                "w:val=\"TableNormal\"/><w:tblPr><w:tblCellMar><w:top "
                "w:w=\"%ld\" w:type=\"dxa\"/><w:left w:w=\"%ld\" "
                "w:type=\"dxa\"/><w:bottom w:w=\"%ld\" w:type=\"dxa\"/>"
                "<w:right w:w=\"%ld\" w:type=\"dxa\"/></w:tblCellMar>"
                "</w:tblPr></w:style>",
             DOCX_TWIPS(pad), DOCX_TWIPS(pad), DOCX_TWIPS(pad),
             DOCX_TWIPS(pad));

  /* quotes, lists, code, rules */
  S_props_clear(&s);
  buf_printf(&s.p, "<w:pBdr><w:left w:val=\"single\" w:sz=\"18\" "
                   "w:space=\"8\" w:color=\"%06lX\"/></w:pBdr>"
                   "<w:ind w:left=\"%ld\" w:right=\"%ld\"/>",
             quote_bar & 0xffffff, DOCX_TWIPS(size * 1.7),
             DOCX_TWIPS(size * 1.7));
  S_pstyle(b, "Quote", "Quote", "Normal", "Normal", buf_cstr(&s.p), "",
           true);
  S_props_clear(&s);
  S_spacing(&s.p, 0, par_space / 2, 0, 0);
  S_pstyle(b, "ListBullet", "List Bullet", "Normal", NULL, buf_cstr(&s.p),
           "", true);
  S_pstyle(b, "ListNumber", "List Number", "Normal", NULL, buf_cstr(&s.p),
           "", true);
  S_props_clear(&s);
  buf_printf(&s.p, "<w:shd w:val=\"clear\" w:color=\"auto\" "
                   "w:fill=\"%06lX\"/><w:jc w:val=\"left\"/>",
             code_fill & 0xffffff);
  S_spacing(&s.p, 0, par_space, code_size * 1.3, code_size);
  S_fonts(&s.r, mono);
  S_size(&s.r, code_size);
  S_pstyle(b, "SourceCode", "Source Code", "Normal", NULL, buf_cstr(&s.p),
           buf_cstr(&s.r), false);
  S_props_clear(&s);
  S_fonts(&s.r, mono);
  S_cstyle(b, "VerbatimChar", "Verbatim Char", buf_cstr(&s.r));
  S_props_clear(&s);
  buf_printf(&s.p, "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" "
                   "w:space=\"1\" w:color=\"%06lX\"/></w:pBdr>",
             rule & 0xffffff);
  S_pstyle(b, "HorizontalRule", "Horizontal Rule", "Normal", "Normal",
           buf_cstr(&s.p), "", false);
  S_props_clear(&s);
  buf_printf(&s.p, "<w:ind w:left=\"%ld\" w:hanging=\"%ld\"/>"
                   "<w:jc w:val=\"left\"/>",
             DOCX_TWIPS(size * 1.7), DOCX_TWIPS(size * 1.7));
  S_pstyle(b, "Bibliography", "Bibliography", "Normal", "Bibliography",
           buf_cstr(&s.p), "", false);

  /* footnotes */
  S_props_clear(&s);
  S_spacing(&s.p, 0, 2, fn_leading, fn_size);
  buf_puts(&s.p, "<w:jc w:val=\"left\"/>");
  S_size(&s.r, fn_size);
  S_pstyle(b, "FootnoteText", "footnote text", "Normal", NULL,
           buf_cstr(&s.p), buf_cstr(&s.r), false);
  S_cstyle(b, "FootnoteReference", "footnote reference",
           "<w:vertAlign w:val=\"superscript\"/>");

  /* the contents and the lists of tables and figures */
  S_props_clear(&s);
  S_spacing(&s.p, 0, size, 0, 0);
  buf_puts(&s.p, "<w:keepNext/><w:outlineLvl w:val=\"9\"/>");
  S_fonts(&s.r, head_font);
  buf_puts(&s.r, "<w:b/>");
  S_colour(&s.r, heading);
  S_size(&s.r, size + 5);
  S_pstyle(b, "TOCHeading", "TOC Heading", "Normal", "Normal",
           buf_cstr(&s.p), buf_cstr(&s.r), false);
  for (int i = 1; i <= 3; i++) {
    char id[8], name[8];
    S_props_clear(&s);
    S_spacing(&s.p, i == 1 ? size * 0.4 : 0, 2, 0, 0);
    buf_printf(&s.p, "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" "
                     "w:pos=\"%ld\"/></w:tabs><w:ind w:left=\"%ld\"/>"
                     "<w:jc w:val=\"left\"/>",
               DOCX_TWIPS(x->text_width), DOCX_TWIPS(size * 1.5 * (i - 1)));
    if (i == 1)
      buf_puts(&s.r, "<w:b/>");
    snprintf(id, sizeof id, "TOC%d", i);
    snprintf(name, sizeof name, "toc %d", i);
    S_pstyle(b, id, name, "Normal", "Normal", buf_cstr(&s.p),
             buf_cstr(&s.r), false);
  }
  S_props_clear(&s);
  S_spacing(&s.p, 0, 2, 0, 0);
  buf_printf(&s.p, "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" "
                   "w:pos=\"%ld\"/></w:tabs><w:jc w:val=\"left\"/>",
             DOCX_TWIPS(x->text_width));
  S_pstyle(b, "TableofFigures", "table of figures", "Normal", "Normal",
           buf_cstr(&s.p), "", false);
  S_props_clear(&s);
  S_colour(&s.r, link);
  buf_puts(&s.r, "<w:u w:val=\"single\"/>");
  S_cstyle(b, "Hyperlink", "Hyperlink", buf_cstr(&s.r));
  S_props_clear(&s);
  buf_puts(&s.p, "<w:jc w:val=\"center\"/>");
  S_colour(&s.r, muted);
  S_size(&s.r, docx_theme_num(t, "running.size", size - 2));
  S_pstyle(b, "Footer", "footer", "Normal", NULL, buf_cstr(&s.p),
           buf_cstr(&s.r), false);
  /* the running head as the PDF's: title left, chapter right, a thin rule
     under them (layout/page.c) */
  S_props_clear(&s);
  S_spacing(&s.p, 0, 0, 0, 0);
  buf_printf(&s.p, "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"3\" "
                   "w:space=\"3\" w:color=\"%06lX\"/></w:pBdr><w:tabs>"
                   "<w:tab w:val=\"right\" w:pos=\"%ld\"/></w:tabs>"
                   "<w:jc w:val=\"left\"/>",
             rule & 0xffffff, DOCX_TWIPS(x->text_width));
  S_colour(&s.r, muted);
  S_size(&s.r, docx_theme_num(t, "running.size", size - 2));
  S_pstyle(b, "Header", "header", "Normal", NULL, buf_cstr(&s.p),
           buf_cstr(&s.r), false);
  buf_puts(b, "</w:styles>");
  buf_free(&s.p);
  buf_free(&s.r);
  buf_free(&lang);
}

/* ---- numbering.xml: bullets (instance 1) and one instance per ordered
   list, so each counts from its own start ---- */

static void S_numbering(const docx_ctx *x, buf *b) {
  static const char *const bullets[3] = {"\xE2\x80\xA2", "\xE2\x80\x93",
                                         "\xE2\x96\xAA"}; /* • – ▪ */
  long step = DOCX_TWIPS(x->body_size * 1.7);
  buf_puts(b, S_XML_HEAD "<w:numbering xmlns:w=\"" S_NS_W "\">");
  for (int a = 0; a < 2; a++) {
    buf_printf(b, "<w:abstractNum w:abstractNumId=\"%d\">"
                  "<w:multiLevelType w:val=\"hybridMultilevel\"/>",
               a);
    for (int l = 0; l < 9; l++) {
      buf_printf(b, "<w:lvl w:ilvl=\"%d\"><w:start w:val=\"1\"/>", l);
      if (a == 0)
        buf_printf(b, "<w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"%s\"/>",
                   bullets[l % 3]);
      else
        buf_printf(b, "<w:numFmt w:val=\"decimal\"/>"
                      "<w:lvlText w:val=\"%%%d.\"/>",
                   l + 1);
      buf_printf(b, "<w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"%ld\" "
                    "w:hanging=\"%ld\"/></w:pPr></w:lvl>",
                 step * (l + 1), step);
    }
    buf_puts(b, "</w:abstractNum>");
  }
  buf_puts(b, "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>");
  for (size_t i = 0; i < x->nlists; i++) {
    buf_printf(b, "<w:num w:numId=\"%zu\"><w:abstractNumId w:val=\"1\"/>",
               i + 2);
    for (int l = 0; l < 9; l++)
      buf_printf(b, "<w:lvlOverride w:ilvl=\"%d\"><w:startOverride "
                    "w:val=\"%d\"/></w:lvlOverride>",
                 l, x->list_starts[i]);
    buf_puts(b, "</w:num>");
  }
  buf_puts(b, "</w:numbering>");
}

/* ---- the other parts ---- */

static void S_settings(const docx_ctx *x, buf *b) {
  buf lang = BUF_INIT;
  docx_lang_tag(&lang, x->d->meta.lang);
  buf_puts(b, S_XML_HEAD "<w:settings xmlns:w=\"" S_NS_W "\">"
              "<w:defaultTabStop w:val=\"709\"/>"
              "<w:autoHyphenation w:val=\"true\"/>"
              "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
              "<w:footnotePr><w:footnote w:id=\"0\"/><w:footnote w:id=\"1\"/>"
              "</w:footnotePr><w:compat><w:compatSetting "
              "w:name=\"compatibilityMode\" "
              "w:uri=\"http://schemas.microsoft.com/office/word\" "
              "w:val=\"15\"/></w:compat>");
  buf_printf(b, "<w:themeFontLang w:val=\"%s\"/></w:settings>",
             buf_cstr(&lang));
  buf_free(&lang);
}

static void S_footnotes(const docx_ctx *x, buf *b) {
  buf_puts(b, S_XML_HEAD "<w:footnotes xmlns:w=\"" S_NS_W "\" xmlns:r=\""
              S_NS_R "\"><w:footnote w:type=\"separator\" w:id=\"0\"><w:p>"
              "<w:pPr><w:spacing w:after=\"0\" w:line=\"240\" "
              "w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p>"
              "</w:footnote><w:footnote w:type=\"continuationSeparator\" "
              "w:id=\"1\"><w:p><w:pPr><w:spacing w:after=\"0\" "
              "w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r>"
              "<w:continuationSeparator/></w:r></w:p></w:footnote>");
  buf_put(b, x->notes.data, x->notes.len);
  buf_puts(b, "</w:footnotes>");
}

/* The running head of every page but the title page: the title as the
 * PDF's running head has it (cut to its width by the layout), and the
 * chapter, a STYLEREF field that Word fills in on each page. */
static void S_header(const docx_ctx *x, buf *b) {
  const char *title = x->lr->running_title ? x->lr->running_title
                      : x->d->meta.title   ? x->d->meta.title
                                           : "";
  buf_puts(b, S_XML_HEAD "<w:hdr xmlns:w=\"" S_NS_W "\"><w:p><w:pPr>"
              "<w:pStyle w:val=\"Header\"/></w:pPr><w:r><w:rPr><w:i/>"
              "<w:iCs/></w:rPr><w:t xml:space=\"preserve\">");
  docx_xml(b, title);
  buf_puts(b, "</w:t></w:r><w:r><w:tab/></w:r><w:r><w:fldChar "
              "w:fldCharType=\"begin\"/></w:r><w:r><w:instrText "
              "xml:space=\"preserve\"> STYLEREF \"heading 1\" </w:instrText>"
              "</w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r>"
              "<w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>");
}

/* The page number at the foot of every page but the title page. */
static void S_footer(buf *b) {
  buf_puts(b, S_XML_HEAD "<w:ftr xmlns:w=\"" S_NS_W "\"><w:p><w:pPr>"
              "<w:pStyle w:val=\"Footer\"/></w:pPr><w:r><w:fldChar "
              "w:fldCharType=\"begin\"/></w:r><w:r><w:instrText "
              "xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r>"
              "<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1"
              "</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
              "</w:p></w:ftr>");
}

static void S_document(const docx_ctx *x, buf *b) {
  const theme *t = x->t;
  buf_puts(b, S_XML_HEAD "<w:document xmlns:w=\"" S_NS_W "\" xmlns:r=\""
              S_NS_R "\" xmlns:wp=\"http://schemas.openxmlformats.org/"
              "drawingml/2006/wordprocessingDrawing\" xmlns:a=\"http://"
              "schemas.openxmlformats.org/drawingml/2006/main\" xmlns:pic="
              "\"http://schemas.openxmlformats.org/drawingml/2006/picture\" "
              "xmlns:asvg=\"http://schemas.microsoft.com/office/drawing/2016/"
              "SVG/main\"><w:body>");
  buf_put(b, x->body.data, x->body.len);
  double pw = docx_theme_num(t, "page.width", 595.28);
  double ph = docx_theme_num(t, "page.height", 841.89);
  double mt = docx_theme_num(t, "page.margin.top", 72);
  double mb = docx_theme_num(t, "page.margin.bottom", 72);
  double ml = docx_theme_num(t, "page.margin.left", 72);
  double mr = docx_theme_num(t, "page.margin.right", 72);
  /* the running head and the page number where the PDF has them
     (layout/page.c): their baselines 2.4 and 3.2 of their size beyond the
     text area */
  double run = docx_theme_num(t, "running.size", x->body_size - 2);
  buf_printf(b, "<w:sectPr><w:headerReference w:type=\"default\" "
                "r:id=\"rId%d\"/><w:footerReference w:type=\"default\" "
                "r:id=\"rId%d\"/><w:footnotePr><w:numFmt w:val=\"decimal\"/>"
                "</w:footnotePr><w:pgSz w:w=\"%ld\" w:h=\"%ld\"/>"
                "<w:pgMar w:top=\"%ld\" w:right=\"%ld\" w:bottom=\"%ld\" "
                "w:left=\"%ld\" w:header=\"%ld\" w:footer=\"%ld\" "
                "w:gutter=\"0\"/><w:titlePg/></w:sectPr></w:body>"
                "</w:document>",
             S_REL_HEADER, S_REL_FOOTER, DOCX_TWIPS(pw), DOCX_TWIPS(ph),
             DOCX_TWIPS(mt), DOCX_TWIPS(mr), DOCX_TWIPS(mb), DOCX_TWIPS(ml),
             DOCX_TWIPS(mt - run * 3.2), DOCX_TWIPS(mb - run * 3.6));
}

static void S_document_rels(const docx_ctx *x, buf *b) {
  static const char *const fixed[][2] = {
      {"styles", "styles.xml"},
      {"numbering", "numbering.xml"},
      {"settings", "settings.xml"},
      {"footnotes", "footnotes.xml"},
      {"header", "header1.xml"},
      {"footer", "footer1.xml"}};
  buf_puts(b, S_XML_HEAD "<Relationships xmlns=\"http://schemas."
              "openxmlformats.org/package/2006/relationships\">");
  for (int i = 0; i < S_REL_FIRST_FREE - 1; i++)
    buf_printf(b, "<Relationship Id=\"rId%d\" Type=\"" S_NS_R "/%s\" "
                  "Target=\"%s\"/>",
               i + 1, fixed[i][0], fixed[i][1]);
  for (size_t i = 0; i < x->nmedia; i++)
    buf_printf(b, "<Relationship Id=\"rId%d\" Type=\"" S_NS_R "/image\" "
                  "Target=\"%s\"/>",
               x->media[i].rel, x->media[i].name);
  for (size_t i = 0; i < x->nlinks; i++) {
    buf_printf(b, "<Relationship Id=\"rId%d\" Type=\"" S_NS_R
                  "/hyperlink\" Target=\"",
               x->links[i].rel);
    docx_xml(b, x->links[i].url);
    buf_puts(b, "\" TargetMode=\"External\"/>");
  }
  buf_puts(b, "</Relationships>");
}

static void S_content_types(buf *b) {
  static const char *const over[][2] = {
      {"/word/document.xml", "wordprocessingml.document.main"},
      {"/word/styles.xml", "wordprocessingml.styles"},
      {"/word/numbering.xml", "wordprocessingml.numbering"},
      {"/word/settings.xml", "wordprocessingml.settings"},
      {"/word/footnotes.xml", "wordprocessingml.footnotes"},
      {"/word/header1.xml", "wordprocessingml.header"},
      {"/word/footer1.xml", "wordprocessingml.footer"},
      {"/docProps/app.xml", "extended-properties"}};
  buf_puts(b, S_XML_HEAD "<Types xmlns=\"http://schemas.openxmlformats.org/"
              "package/2006/content-types\"><Default Extension=\"rels\" "
              "ContentType=\"application/vnd.openxmlformats-package."
              "relationships+xml\"/><Default Extension=\"xml\" "
              "ContentType=\"application/xml\"/><Default Extension=\"png\" "
              "ContentType=\"image/png\"/><Default Extension=\"jpeg\" "
              "ContentType=\"image/jpeg\"/><Default Extension=\"gif\" "
              "ContentType=\"image/gif\"/><Default Extension=\"svg\" "
              "ContentType=\"image/svg+xml\"/>");
  for (size_t i = 0; i < sizeof over / sizeof *over; i++)
    buf_printf(b, "<Override PartName=\"%s\" ContentType=\"application/"
                  "vnd.openxmlformats-officedocument.%s+xml\"/>",
               over[i][0], over[i][1]);
  buf_puts(b, "<Override PartName=\"/docProps/core.xml\" ContentType="
              "\"application/vnd.openxmlformats-package.core-properties+xml"
              "\"/></Types>");
}

static void S_package_rels(buf *b) {
  buf_puts(b, S_XML_HEAD "<Relationships xmlns=\"http://schemas."
              "openxmlformats.org/package/2006/relationships\">"
              "<Relationship Id=\"rId1\" Type=\"" S_NS_R "/officeDocument\" "
              "Target=\"word/document.xml\"/><Relationship Id=\"rId2\" "
              "Type=\"http://schemas.openxmlformats.org/package/2006/"
              "relationships/metadata/core-properties\" "
              "Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" "
              "Type=\"" S_NS_R "/extended-properties\" "
              "Target=\"docProps/app.xml\"/></Relationships>");
}

/* The title (with the edition), authors, subject, keywords, language and
 * dates, as the PDF's Info dictionary has them. */
static void S_core(const docx_ctx *x, buf *b, long long epoch) {
  const doc_meta *m = &x->d->meta;
  char when[32] = "1980-01-01T00:00:00Z";
  time_t tt = (time_t)epoch;
  struct tm tm;
  if (epoch > 0 && gmtime_r(&tt, &tm))
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  buf_puts(b, S_XML_HEAD "<cp:coreProperties xmlns:cp=\"http://schemas."
              "openxmlformats.org/package/2006/metadata/core-properties\" "
              "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
              "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
              "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
  if (m->title) {
    buf_puts(b, "<dc:title>");
    docx_xml(b, m->title);
    if (m->edition_title) {
      buf_puts(b, " \xE2\x80\x93 "); /* en dash */
      docx_xml(b, m->edition_title);
    }
    buf_puts(b, "</dc:title>");
  }
  const char *subject = m->subject ? m->subject : m->subtitle;
  if (subject) {
    buf_puts(b, "<dc:subject>");
    docx_xml(b, subject);
    buf_puts(b, "</dc:subject>");
  }
  if (m->nauthors) {
    buf_puts(b, "<dc:creator>");
    for (size_t i = 0; i < m->nauthors; i++) {
      if (i)
        buf_puts(b, "; ");
      docx_xml(b, m->authors[i]);
    }
    buf_puts(b, "</dc:creator>");
  }
  if (m->keywords) {
    buf_puts(b, "<cp:keywords>");
    docx_xml(b, m->keywords);
    buf_puts(b, "</cp:keywords>");
  }
  buf_puts(b, "<dc:language>");
  docx_lang_tag(b, m->lang);
  buf_printf(b, "</dc:language><dcterms:created xsi:type=\"dcterms:W3CDTF\">"
                "%s</dcterms:created><dcterms:modified "
                "xsi:type=\"dcterms:W3CDTF\">%s</dcterms:modified>"
                "</cp:coreProperties>",
             when, when);
}

static void S_app(const docx_ctx *x, buf *b) {
  buf_puts(b, S_XML_HEAD "<Properties xmlns=\"http://schemas."
              "openxmlformats.org/officeDocument/2006/extended-properties\">"
              "<Application>rapport</Application>");
  if (x->d->meta.organisation) {
    buf_puts(b, "<Company>");
    docx_xml(b, x->d->meta.organisation);
    buf_puts(b, "</Company>");
  }
  buf_puts(b, "</Properties>");
}

/* ---- the archive ---- */

/* Adds a part; the archive takes data (malloc'd) whatever happens. */
static bool S_add(zip_t *z, const char *name, void *data, size_t len,
                  bool deflate, time_t mtime) {
  zip_source_t *src = zip_source_buffer(z, data, len, 1);
  if (!src) {
    free(data);
    return false;
  }
  zip_int64_t i = zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8);
  if (i < 0) {
    zip_source_free(src);
    return false;
  }
  return zip_set_file_compression(z, (zip_uint64_t)i,
                                  deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE,
                                  deflate ? 6 : 0) == 0 &&
         zip_file_set_mtime(z, (zip_uint64_t)i, mtime, 0) == 0 &&
         zip_file_set_external_attributes(z, (zip_uint64_t)i, 0,
                                          ZIP_OPSYS_UNIX, 0100644u << 16) ==
             0;
}

static bool S_add_buf(zip_t *z, const char *name, buf *b, time_t mtime) {
  size_t len = b->len;
  return S_add(z, name, buf_detach(b), len, true, mtime);
}

/* libzip writes an entry's time as local DOS time (localtime): the time
 * whose local reading is the source date's UTC reading gives every
 * machine the same bytes. DOS time starts in 1980. */
static time_t S_zip_time(long long epoch) {
  time_t tt = (time_t)epoch;
  struct tm tm;
  if (epoch < 315532800 || !gmtime_r(&tt, &tm)) { /* 1980-01-01 */
    memset(&tm, 0, sizeof tm);
    tm.tm_year = 80;
    tm.tm_mday = 1;
  }
  tm.tm_isdst = -1;
  return mktime(&tm);
}

/* The whole package in memory; NULL (with libzip's reason in why) on
 * failure. */
static char *S_pack(docx_ctx *x, size_t *len, char *why, size_t why_len) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
  zip_t *z = mem ? zip_open_from_source(mem, ZIP_TRUNCATE, &ze) : NULL;
  if (!z) {
    if (mem)
      zip_source_free(mem);
    snprintf(why, why_len, "%s", zip_error_strerror(&ze));
    zip_error_fini(&ze);
    return NULL;
  }
  zip_source_keep(mem);
  time_t mt = S_zip_time(x->d->meta.source_epoch);
  buf parts[10];
  for (size_t i = 0; i < 10; i++)
    parts[i] = (buf)BUF_INIT;
  S_content_types(&parts[0]);
  S_package_rels(&parts[1]);
  S_core(x, &parts[2], x->d->meta.source_epoch);
  S_app(x, &parts[3]);
  S_document(x, &parts[4]);
  S_document_rels(x, &parts[5]);
  S_styles(x, &parts[6]);
  S_numbering(x, &parts[7]);
  S_settings(x, &parts[8]);
  S_footnotes(x, &parts[9]);
  static const char *const names[10] = {
      "[Content_Types].xml", "_rels/.rels",  "docProps/core.xml",
      "docProps/app.xml",    "word/document.xml",
      "word/_rels/document.xml.rels",        "word/styles.xml",
      "word/numbering.xml",  "word/settings.xml", "word/footnotes.xml"};
  bool ok = true;
  for (size_t i = 0; i < 10; i++)
    ok = S_add_buf(z, names[i], &parts[i], mt) && ok;
  buf header = BUF_INIT, footer = BUF_INIT;
  S_header(x, &header);
  ok = S_add_buf(z, "word/header1.xml", &header, mt) && ok;
  S_footer(&footer);
  ok = S_add_buf(z, "word/footer1.xml", &footer, mt) && ok;
  for (size_t i = 0; i < x->nmedia; i++) {
    docx_media *md = &x->media[i];
    buf name = BUF_INIT;
    buf_printf(&name, "word/%s", md->name);
    /* a PNG or JPEG is compressed already; an SVG is text */
    bool svg = strstr(md->name, ".svg") != NULL;
    ok = S_add(z, buf_cstr(&name), md->data, md->len, svg, mt) && ok;
    md->data = NULL;
    buf_free(&name);
  }
  for (size_t i = 0; i < 10; i++)
    buf_free(&parts[i]);
  if (!ok || zip_close(z) != 0) {
    snprintf(why, why_len, "%s", zip_strerror(z));
    zip_discard(z);
    zip_source_free(mem);
    return NULL;
  }
  char *out = NULL;
  zip_stat_t st;
  if (zip_source_open(mem) == 0) {
    if (zip_source_stat(mem, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
      out = xmalloc(st.size + 1);
      if (zip_source_read(mem, out, st.size) != (zip_int64_t)st.size) {
        free(out);
        out = NULL;
      }
      *len = (size_t)st.size;
    }
    zip_source_close(mem);
  }
  zip_source_free(mem);
  if (!out)
    snprintf(why, why_len, "%s", M_DOCX_ARCHIVE_COULD_NOT_BE);
  return out;
}

int docx_write(const doc *d, const theme *t, const locale *l,
               const lay_result *lr, const char *path, diag_list *diags) {
  docx_ctx x = {0};
  x.d = d;
  x.t = t;
  x.l = l;
  x.lr = lr;
  x.diags = diags;
  x.next_rel = S_REL_FIRST_FREE;
  double pw = docx_theme_num(t, "page.width", 595.28);
  x.text_width = pw - docx_theme_num(t, "page.margin.left", 72) -
                 docx_theme_num(t, "page.margin.right", 72);
  x.body_size = docx_theme_num(t, "body.size", 10.5);
  x.table_size = docx_theme_num(t, "table.size", x.body_size - 1.5);
  long text = docx_theme_colour(t, "colours.text", 0x000000);
  x.table_head_fill = docx_theme_colour(t, "table.header_fill", -1);
  x.table_stripe = docx_theme_colour(t, "table.stripe", -1);
  x.table_rule = docx_theme_colour(t, "table.rule", text);
  x.table_rule_w = docx_theme_num(t, "table.rule_width", 0.6);
  x.chart_font = t ? theme_string(t, "fonts.chart", NULL) : NULL;
  if (!x.chart_font)
    x.chart_font = "Liberation Sans";
  buf_grow(&x.body, 256 * 1024);
  docx_body(&x);
  int rc = 0;
  if (x.errors) {
    rc = -1;
  } else {
    size_t len = 0;
    char why[256] = "?";
    char *bytes = S_pack(&x, &len, why, sizeof why);
    if (!bytes) {
      diag_error(diags, path, 0, 0, M_DOCX_WORD_FILE_CANNOT_BE, why);
      rc = -1;
    } else if (!fs_write_atomic(path, bytes, len)) {
      diag_error(diags, path, 0, 0, M_DOCX_WORD_FILE_CANNOT_BE_WRITTEN,
                 strerror(errno));
      rc = -1;
    }
    free(bytes);
  }
  for (size_t i = 0; i < x.nmedia; i++) {
    free(x.media[i].name);
    free(x.media[i].data);
  }
  free(x.media);
  for (size_t i = 0; i < x.nlinks; i++)
    free(x.links[i].url);
  free(x.links);
  free(x.marks);
  free(x.noted);
  free(x.list_starts);
  buf_free(&x.body);
  buf_free(&x.notes);
  return rc;
}
