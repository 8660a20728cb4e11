"""tests/pdfua/plant.py - writes broken variants of a good PDF/UA file, one
(or more) per check of tests/pdfua/check.py, so a test can show that every
check can fail.

Usage:  /usr/bin/python3 tests/pdfua/plant.py GOOD.pdf OUTDIR

Writes OUTDIR/CHECK--WHAT.pdf for each variant, where CHECK is the name of
the check that must fail on it. GOOD.pdf is the Typst 0.14 PDF/UA-1 file of
tests/pdfua/calibrate.typ; a variant whose element is missing from it is an
error (exit 1), so a change to that document cannot silently drop a test.
"""
import os
import re
import sys

import pikepdf
from pikepdf import Name


class Missing(Exception):
    """The good PDF lacks what a variant wants to break."""


def S_elems(pdf):
    """Every structure element, in document order."""
    out = []

    def visit(o):
        if not isinstance(o, pikepdf.Dictionary) or "/S" not in o:
            return
        out.append(o)
        k = o.get("/K")
        for c in (k if isinstance(k, pikepdf.Array) else [k]):
            if isinstance(c, pikepdf.Dictionary):
                visit(c)

    k = pdf.Root.StructTreeRoot.get("/K")
    for c in (k if isinstance(k, pikepdf.Array) else [k]):
        visit(c)
    return out


def S_first(pdf, stype):
    for e in S_elems(pdf):
        if e.get("/S") == Name("/" + stype):
            return e
    raise Missing("no %s element" % stype)


def S_page_with_annots(pdf):
    for p in pdf.pages:
        if len(p.obj.get("/Annots", [])):
            return p
    raise Missing("no page with annotations")


def S_content(page):
    """The page's content as one bytes string."""
    c = page.obj.Contents
    if isinstance(c, pikepdf.Array):
        return b"\n".join(s.read_bytes() for s in c)
    return c.read_bytes()


def S_set_content(pdf, page, data):
    page.obj.Contents = pdf.make_stream(data)


def v_marked(pdf):
    del pdf.Root["/MarkInfo"]


def v_struct_tree(pdf):
    del pdf.pages[0].obj["/StructParents"]


def v_content_tagged(pdf):
    p = pdf.pages[0]
    S_set_content(pdf, p, b"q 0 0 m 10 10 l S Q\n" + S_content(p))


def v_content_not_both(pdf):
    p = pdf.pages[0]
    S_set_content(pdf, p, b"/Artifact BMC\n" + S_content(p) + b"\nEMC\n")


def v_parent_tree(pdf):
    p = pdf.pages[0]
    data = S_content(p)
    # renumber the first MCID to one no structure element names
    new, n = re.subn(rb"/MCID 0\b", b"/MCID 9999", data, count=1)
    if not n:
        raise Missing("no MCID 0 on page 1")
    S_set_content(pdf, p, new)


def v_struct_types(pdf):
    S_first(pdf, "P").S = Name("/Absatz")


def v_headings(pdf):
    S_first(pdf, "H2").S = Name("/H3")


def v_tables_scope(pdf):
    # a TH may go without /Scope if the cells name their headers, so the
    # /Headers of every cell go too
    cells = [e for e in S_elems(pdf) if e.get("/S") in (Name.TH, Name.TD)]
    if not any(e.get("/S") == Name.TH and "/A" in e for e in cells):
        raise Missing("no TH with attributes")
    for e in cells:
        if "/A" in e:
            del e["/A"]


def v_tables_nesting(pdf):
    S_first(pdf, "THead").S = Name("/Div")


def v_lists(pdf):
    S_first(pdf, "LBody").S = Name("/P")


def v_toc(pdf):
    S_first(pdf, "L").S = Name("/TOC")


def v_notes(pdf):
    note = S_first(pdf, "Note")
    if "/ID" not in note:
        raise Missing("Note without /ID")
    del note["/ID"]


def v_figures_alt(pdf):
    fig = S_first(pdf, "Figure")
    for k in ("/Alt", "/ActualText"):
        if k in fig:
            del fig[k]


def v_links_contents(pdf):
    for a in S_page_with_annots(pdf).obj.Annots:
        if a.get("/Subtype") == Name.Link:
            del a["/Contents"]
            return
    raise Missing("no Link annotation")


def v_links_untagged(pdf):
    for a in S_page_with_annots(pdf).obj.Annots:
        if a.get("/Subtype") == Name.Link:
            for e in S_elems(pdf):
                k = e.get("/K")
                kids = k if isinstance(k, pikepdf.Array) else [k]
                keep = [c for c in kids if not (isinstance(c, pikepdf.Dictionary)
                                                and c.get("/Type") == Name.OBJR
                                                and c.Obj.objgen == a.objgen)]
                if len(keep) != len(kids):
                    e.K = pikepdf.Array(keep)
                    return
    raise Missing("no Link annotation attached by OBJR")


def v_tabs(pdf):
    del S_page_with_annots(pdf).obj["/Tabs"]


def v_xmp(pdf):
    md = pdf.Root.Metadata
    data = md.read_bytes()
    new, n = re.subn(rb"pdfuaid:part", b"pdfuaid:xpart", data)
    if not n:
        raise Missing("no pdfuaid:part in the XMP")
    md.write(new)


def v_xmp_title(pdf):
    md = pdf.Root.Metadata
    new, n = re.subn(rb"<dc:title>.*?</dc:title>", b"", md.read_bytes(), flags=re.S)
    if not n:
        raise Missing("no dc:title in the XMP")
    md.write(new)


def v_lang(pdf):
    del pdf.Root["/Lang"]


def v_lang_span(pdf):
    # an element in another language whose tag is no BCP 47 tag
    S_first(pdf, "P").Lang = pikepdf.String("en_GB")


def v_display_doc_title(pdf):
    pdf.Root.ViewerPreferences.DisplayDocTitle = False


def S_first_font(pdf):
    for p in pdf.pages:
        for _, f in p.obj.Resources.get("/Font", {}).items():
            return f
    raise Missing("no font")


def v_fonts_tounicode(pdf):
    del S_first_font(pdf)["/ToUnicode"]


def v_fonts_embedded(pdf):
    f = S_first_font(pdf)
    d = f.DescendantFonts[0] if "/DescendantFonts" in f else f
    fd = d.FontDescriptor
    for k in ("/FontFile", "/FontFile2", "/FontFile3"):
        if k in fd:
            del fd[k]


VARIANTS = [
    ("marked", "no-markinfo", v_marked),
    ("struct-tree", "no-structparents", v_struct_tree),
    ("content-tagged", "unmarked-path", v_content_tagged),
    ("content-not-both", "all-in-artifact", v_content_not_both),
    ("parent-tree", "unknown-mcid", v_parent_tree),
    ("struct-types", "unmapped-type", v_struct_types),
    ("headings", "h1-then-h3", v_headings),
    ("tables", "th-without-scope", v_tables_scope),
    ("tables", "tr-in-div", v_tables_nesting),
    ("lists", "p-in-li", v_lists),
    ("toc", "li-in-toc", v_toc),
    ("notes", "note-without-id", v_notes),
    ("figures-alt", "figure-without-alt", v_figures_alt),
    ("links", "link-without-contents", v_links_contents),
    ("links", "link-without-objr", v_links_untagged),
    ("tabs", "no-tabs", v_tabs),
    ("xmp", "no-pdfuaid", v_xmp),
    ("xmp", "no-dc-title", v_xmp_title),
    ("lang", "no-lang", v_lang),
    ("lang", "span-lang-en_GB", v_lang_span),
    ("display-doc-title", "display-doc-title-false", v_display_doc_title),
    ("fonts", "no-tounicode", v_fonts_tounicode),
    ("fonts", "not-embedded", v_fonts_embedded),
]


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: /usr/bin/python3 tests/pdfua/plant.py GOOD.pdf OUTDIR\n")
        return 2
    good, outdir = argv[1], argv[2]
    os.makedirs(outdir, exist_ok=True)
    status = 0
    for check, what, fn in VARIANTS:
        with pikepdf.open(good) as pdf:
            try:
                fn(pdf)
            except Missing as err:
                sys.stderr.write("%s--%s: %s: %s\n" % (check, what, good, err))
                status = 1
                continue
            pdf.save(os.path.join(outdir, "%s--%s.pdf" % (check, what)))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
