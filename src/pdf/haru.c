/* haru.c - libharu internals the PDF writer relies on (see haru.h),
 * read from libharu 2.3.0's sources: hpdf_doc.c (HPDF_LoadTTFontFromFile,
 * the ttfont_tag sequence), hpdf_pages.c (HPDF_PageAttr's stream and
 * contents), hpdf_font_cid.c (the glyph flags set by measuring), hpdf_utils.c
 * (HPDF_FToA), hpdf_doc.h (the document's allocator, xref and catalog),
 * hpdf_objects.h (an object's number). Compiled without HPDF_SHARED, so
 * <hpdf.h> shows the structures. */
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

unsigned pdf_haru_obj_num(HPDF_Dict o) {
  return o->header.obj_id & 0x00FFFFFF;
}

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

bool pdf_haru_add_metadata(HPDF_Doc pdf, const char *x, size_t n) {
  HPDF_Dict md = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
  return md && HPDF_Dict_AddName(md, "Type", "Metadata") == HPDF_OK &&
         HPDF_Dict_AddName(md, "Subtype", "XML") == HPDF_OK &&
         HPDF_Stream_Write(md->stream, (const HPDF_BYTE *)x, (HPDF_UINT)n) ==
             HPDF_OK &&
         HPDF_Dict_Add(pdf->catalog, "Metadata", md) == HPDF_OK;
}

bool pdf_haru_add_output_intent(HPDF_Doc pdf, const unsigned char *icc,
                                size_t n, const char *ident) {
  HPDF_Dict prof = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
  if (!prof || HPDF_Dict_AddNumber(prof, "N", 3) != HPDF_OK ||
      HPDF_Stream_Write(prof->stream, icc, (HPDF_UINT)n) != HPDF_OK)
    return false;
  prof->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  HPDF_Dict oi = HPDF_Dict_New(pdf->mmgr);
  if (!oi || HPDF_Xref_Add(pdf->xref, oi) != HPDF_OK)
    return false;
  HPDF_Array arr = HPDF_Array_New(pdf->mmgr);
  return arr && HPDF_Dict_AddName(oi, "Type", "OutputIntent") == HPDF_OK &&
         HPDF_Dict_AddName(oi, "S", "GTS_PDFA1") == HPDF_OK &&
         HPDF_Dict_Add(oi, "OutputConditionIdentifier",
                       HPDF_String_New(pdf->mmgr, ident, NULL)) == HPDF_OK &&
         HPDF_Dict_Add(oi, "Info", HPDF_String_New(pdf->mmgr, ident, NULL)) ==
             HPDF_OK &&
         HPDF_Dict_Add(oi, "DestOutputProfile", prof) == HPDF_OK &&
         HPDF_Array_Add(arr, oi) == HPDF_OK &&
         HPDF_Dict_Add(pdf->catalog, "OutputIntents", arr) == HPDF_OK;
}

bool pdf_haru_print_annots(HPDF_Doc pdf) {
  for (HPDF_UINT i = 0; i < pdf->page_list->count; i++) {
    HPDF_Page pg = HPDF_List_ItemAt(pdf->page_list, i);
    HPDF_Array annots = HPDF_Dict_GetItem(pg, "Annots", HPDF_OCLASS_ARRAY);
    if (!annots) /* a page without annotations */
      continue;
    for (HPDF_UINT k = 0; k < annots->list->count; k++) {
      HPDF_Dict a = HPDF_Array_GetItem(annots, k, HPDF_OCLASS_DICT);
      if (!a || HPDF_Dict_AddNumber(a, "F", 4) != HPDF_OK)
        return false;
    }
  }
  return true;
}
