/* pdf_haru.c - libharu internals the PDF writer relies on (see pdf_haru.h),
 * read from libharu 2.3.0's sources: hpdf_doc.c (HPDF_LoadTTFontFromFile,
 * the ttfont_tag sequence), hpdf_pages.c (HPDF_PageAttr's stream and
 * contents), hpdf_font_cid.c (the glyph flags set by measuring), hpdf_utils.c
 * (HPDF_FToA), hpdf_doc.h (the document's allocator, xref and catalog). Compiled without HPDF_SHARED, so <hpdf.h> shows the
 * structures. */
#include "pdf/haru.h"

#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdbool.h>
#include <string.h>

const char *pdf_haru_load_ttf(HPDF_Doc pdf, const unsigned char *d,
                              size_t n) {
  HPDF_Stream st = HPDF_MemStream_New(pdf->mmgr, (HPDF_UINT)n);
  if (!st) {
    HPDF_ResetError(pdf);
    return NULL;
  }
  if (HPDF_Stream_Write(st, d, (HPDF_UINT)n) != HPDF_OK) {
    HPDF_Stream_Free(st);
    HPDF_ResetError(pdf);
    return NULL;
  }
  HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, st, HPDF_TRUE);
  if (!def) { /* the stream is freed with the definition */
    HPDF_ResetError(pdf);
    return NULL;
  }
  /* HPDF_LoadTTFontFromFile's tag: AAAAAA, then counting up */
  if (pdf->ttfont_tag[0] == 0) {
    memcpy(pdf->ttfont_tag, "HPDFAA", 6);
  } else {
    for (int i = 5; i >= 0; i--) {
      pdf->ttfont_tag[i] += 1;
      if (pdf->ttfont_tag[i] > 'Z')
        pdf->ttfont_tag[i] = 'A';
      else
        break;
    }
  }
  HPDF_TTFontDef_SetTagName(def, (char *)pdf->ttfont_tag);
  if (HPDF_Doc_RegisterFontDef(pdf, def) != HPDF_OK) {
    HPDF_ResetError(pdf); /* libharu freed def */
    return NULL;
  }
  return def->base_font;
}

void pdf_haru_take_page(HPDF_Page pg, buf *out) {
  HPDF_Stream st = ((HPDF_PageAttr)pg->attr)->stream;
  HPDF_UINT32 n = HPDF_Stream_Size(st);
  if (!n)
    return;
  buf_grow(out, n);
  HPDF_UINT got = n;
  HPDF_Stream_Seek(st, 0, HPDF_SEEK_SET);
  HPDF_Stream_Read(st, (HPDF_BYTE *)out->data + out->len, &got);
  out->len += got;
  out->data[out->len] = '\0';
  HPDF_MemStream_FreeData(st);
}

unsigned pdf_haru_contents_obj(HPDF_Page pg) {
  HPDF_Dict c = ((HPDF_PageAttr)pg->attr)->contents;
  return c->header.obj_id & 0x00FFFFFF;
}

void pdf_haru_use_char(HPDF_Font hf, uint16_t cp) {
  if (!hf || !hf->attr)
    return;
  HPDF_FontDef def = ((HPDF_FontAttr)hf->attr)->fontdef;
  if (def && def->type == HPDF_FONTDEF_TYPE_TRUETYPE)
    HPDF_TTFontDef_GetCharWidth(def, (HPDF_UINT16)cp);
}

HPDF_MMgr pdf_haru_mmgr(HPDF_Doc pdf) { return pdf->mmgr; }

HPDF_Xref pdf_haru_xref(HPDF_Doc pdf) { return pdf->xref; }

HPDF_Dict pdf_haru_catalog(HPDF_Doc pdf) { return pdf->catalog; }

long long pdf_haru_real_units(HPDF_REAL val) {
  if (val > HPDF_LIMIT_MAX_REAL)
    val = HPDF_LIMIT_MAX_REAL;
  else if (val < HPDF_LIMIT_MIN_REAL)
    val = HPDF_LIMIT_MIN_REAL;
  bool neg = val < 0;
  if (neg)
    val = -val;
  HPDF_INT32 iv = (HPDF_INT32)(val + 0.000005);
  HPDF_INT32 fv = (HPDF_INT32)((HPDF_REAL)(val - iv + 0.000005) * 100000);
  long long u = (long long)iv * 100000 + fv % 100000;
  return neg ? -u : u;
}
