"""tests/pdfua/check.py - checks a PDF against the machine-checkable failure
conditions of the Matterhorn Protocol 1.1 (PDF/UA-1, ISO 14289-1) that apply
to the documents rapport writes.

Usage:  /usr/bin/python3 tests/pdfua/check.py [-q] FILE.pdf
        (Debian's python3 with python3-pikepdf; not a pyenv python)

Prints one line per named check, "PASS name" or "FAIL name: detail (page N,
obj M)" with at most a few examples and a count; -q prints only the FAIL
lines. Exit status 0 if every check passes, 1 if one fails, 2 if the file
cannot be read as a PDF or the command is wrong.

The checks, with the Matterhorn checkpoints (or ISO 14289-1 clauses) they
cover; a check that reads the structure tree fails if there is none:
  marked             7.1, 01-007  MarkInfo /Marked true, /Suspects not true
  struct-tree        7.1  a StructTreeRoot with a ParentTree, StructParents
                     on every page with marked content, no element twice
  content-tagged     01-005  every piece of content (text, paths, images,
                     shadings) inside tagged marked content (an MCID) or an
                     /Artifact; BDC/BMC and EMC balanced
  content-not-both   01-003, 01-004  no artifact inside tagged content, no
                     tagged content inside an artifact
  parent-tree        7.1  each MCID of a page is used once and maps through
                     the ParentTree to the structure element that names it;
                     each MCID an element names is in the content
  struct-types       02-001, 02-003, 02-004  every structure type standard
                     (ISO 32000-1, 14.8.4) or role-mapped to one, no
                     circular mapping, no standard type remapped
  headings           14-002, 14-003, 14-007  numbered headings start at H1
                     and never skip a level; H and Hn not mixed
  tables             09-004, 15-003  Table > [THead|TBody|TFoot] > TR >
                     TH|TD (Caption first or last); every TH has /Scope when
                     the table's cells use no /Headers
  lists              09-005  L > LI (or L, Caption), LI > Lbl|LBody, LBody
                     only in LI
  toc                09-006  TOC > TOCI (or TOC, Caption), TOCI only in TOC
  notes              19-003, 19-004  every Note has a unique /ID
  figures-alt        13-004, 17-002  every Figure and Formula has /Alt or
                     /ActualText
  links              28-002, 28-004, 28-011  every Link annotation is the
                     OBJR child of a Link element (mapped back through the
                     ParentTree) and has /Contents; other annotations (not
                     Popup, PrinterMark, Widget) are in an Annot element
  tabs               7.18.3  /Tabs /S on every page with annotations
  xmp                06-001, 06-002, 06-003  a Metadata stream with
                     pdfuaid:part 1 and a non-empty dc:title
  lang               11-006 (7.2)  /Lang in the catalog; it and every
                     structure element's /Lang (a Span in another language)
                     a well-formed BCP 47 tag (ISO 32000-1, 14.9.2.1)
  display-doc-title  07-001, 07-002  ViewerPreferences /DisplayDocTitle true
  fonts              31-009, 31-027  every font used to show text is
                     embedded (Type 3 excepted) and has a ToUnicode CMap
Not checked (not machine-checkable, or not in our documents): reading
order, whether alt text is meaningful, colour contrast, forms, JavaScript.
"""
import re
import sys
import xml.etree.ElementTree as ET

import pikepdf
from pikepdf import Name

# ISO 32000-1, 14.8.4: the standard structure types.
STANDARD = set("""
Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
H H1 H2 H3 H4 H5 H6 P L LI Lbl LBody Table TR TH TD THead TBody TFoot
Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP
Figure Formula Form""".split())

# Operators that put marks on the page (ISO 32000-1, tables 51-61).
PAINT = set("Tj TJ ' \" S s f F f* B B* b b* sh Do".split()) | {"INLINE IMAGE"}
TABLE_PARTS = {"THead", "TBody", "TFoot"}
# A language tag's form (BCP 47): a language of 2-3 letters and subtags of
# 1-8 letters or digits, or a private-use tag.
BCP47 = re.compile(r"^(?:[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*|[xX](?:-[A-Za-z0-9]{1,8})+)$")
MAX_SHOWN = 5

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}


class Report:
    """The outcome of every named check, in the order they were declared."""

    def __init__(self, names):
        self.names = names
        self.problems = {n: [] for n in names}

    def fail(self, name, detail):
        self.problems[name].append(detail)

    def print(self, quiet):
        failed = False
        for n in self.names:
            p = self.problems[n]
            if not p:
                if not quiet:
                    print("PASS " + n)
                continue
            failed = True
            shown = "; ".join(p[:MAX_SHOWN])
            more = " (and %d more)" % (len(p) - MAX_SHOWN) if len(p) > MAX_SHOWN else ""
            print("FAIL %s: %s%s" % (n, shown, more))
        return failed


CHECKS = ["marked", "struct-tree", "content-tagged", "content-not-both",
          "parent-tree", "struct-types", "headings", "tables", "lists", "toc",
          "notes", "figures-alt", "links", "tabs", "xmp", "lang",
          "display-doc-title", "fonts"]

# The checks that read the structure tree (they fail if there is none).
NEED_TREE = ["parent-tree", "struct-types", "headings", "tables", "lists",
             "toc", "notes", "figures-alt"]


def S_objref(o):
    """' obj N' for an indirect object, '' for a direct one."""
    try:
        if o.is_indirect:
            return ", obj %d" % o.objgen[0]
    except (AttributeError, ValueError):
        pass
    return ""


def S_name(o):
    """A PDF name as a string without the slash, or None."""
    if isinstance(o, Name):
        return str(o)[1:]
    return None


def S_text(o):
    """A PDF string or name as a Python string ('' if absent)."""
    if o is None:
        return ""
    if isinstance(o, Name):
        return str(o)[1:]
    try:
        return str(o)
    except Exception:  # noqa: BLE001 - a broken string is simply empty here
        return ""


def S_number_tree(node, out, seen=None):
    """Flattens a number tree into out {int: object}."""
    seen = seen if seen is not None else set()
    if node is None or not isinstance(node, pikepdf.Dictionary):
        return
    key = node.objgen if node.is_indirect else None
    if key is not None:
        if key in seen:
            return
        seen.add(key)
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums) - 1, 2):
            out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        S_number_tree(kid, out, seen)


class Elem:
    """A structure element: its type, resolved standard type, and children."""

    def __init__(self, obj, parent, page):
        self.obj = obj
        self.parent = parent
        self.page = page           # objgen of /Pg, inherited from ancestors
        self.type = S_name(obj.get("/S")) or "?"
        self.std = self.type
        self.kids = []             # Elem children in order
        self.mcids = []            # (page objgen, stream objgen or None, mcid)
        self.objrs = []            # objects attached by OBJR

    def where(self, pages):
        """'(page N, obj M)': an element without /Pg is placed on the page
        of its first marked content."""
        p = pages.get(self.page)
        stack = [self]
        while p is None and stack:
            e = stack.pop(0)
            for (pg, _, _) in e.mcids:
                p = p or pages.get(pg)
            stack.extend(e.kids)
        return "(%s%s)" % ("page %d" % p if p else "no page", S_objref(self.obj))


class Checker:
    def __init__(self, pdf):
        self.pdf = pdf
        self.root = pdf.Root
        self.r = Report(CHECKS)
        self.pages = {}            # page objgen -> page number (1-based)
        for i, page in enumerate(pdf.pages):
            self.pages[page.obj.objgen] = i + 1
        self.elems = []            # all Elem in document order
        self.fonts = {}            # objgen or id -> (font dict, first page)

    # ---- the structure tree -------------------------------------------
    def S_role_map(self):
        """Resolves each element's type to a standard one through the
        RoleMap, reporting unmapped, circular and remapped-standard types."""
        tree = self.root.get("/StructTreeRoot")
        rolemap = tree.get("/RoleMap", {}) if tree is not None else {}
        rm = {str(k)[1:]: S_name(v) for k, v in rolemap.items()}
        for t in rm:
            if t in STANDARD:
                self.r.fail("struct-types", "standard type %s is role-mapped to %s" % (t, rm[t]))
        resolved = {}
        for e in self.elems:
            t = e.type
            if t not in resolved:
                seen, cur = [], t
                while cur not in STANDARD and cur in rm and cur not in seen:
                    seen.append(cur)
                    cur = rm[cur]
                if cur in seen:
                    self.r.fail("struct-types", "circular role map %s" % " -> ".join(seen + [cur]))
                    cur = None
                elif cur not in STANDARD:
                    cur = None
                resolved[t] = cur
            if resolved[t] is None:
                self.r.fail("struct-types", "type %s is neither standard nor role-mapped %s"
                            % (t, e.where(self.pages)))
                e.std = t
            else:
                e.std = resolved[t]

    def S_walk_tree(self):
        tree = self.root.get("/StructTreeRoot")
        if tree is None:
            self.r.fail("struct-tree", "no /StructTreeRoot in the catalog")
            return
        if tree.get("/ParentTree") is None:
            self.r.fail("struct-tree", "the StructTreeRoot has no /ParentTree")
        seen = set()

        def kids_of(obj):
            k = obj.get("/K")
            if k is None:
                return []
            if isinstance(k, pikepdf.Array):
                return list(k)
            return [k]

        def visit(obj, parent, page):
            if obj.is_indirect:
                if obj.objgen in seen:
                    self.r.fail("struct-tree", "structure element reached twice%s" % S_objref(obj))
                    return
                seen.add(obj.objgen)
            pg = obj.get("/Pg")
            if pg is not None:
                page = pg.objgen
            e = Elem(obj, parent, page)
            self.elems.append(e)
            if parent is not None:
                parent.kids.append(e)
            for k in kids_of(obj):
                if isinstance(k, int):
                    e.mcids.append((page, None, int(k)))
                elif isinstance(k, pikepdf.Dictionary):
                    t = S_name(k.get("/Type"))
                    if t == "MCR":
                        kpg = k.get("/Pg")
                        stm = k.get("/Stm")
                        e.mcids.append((kpg.objgen if kpg is not None else page,
                                        stm.objgen if stm is not None else None,
                                        int(k.get("/MCID"))))
                    elif t == "OBJR":
                        e.objrs.append(k.get("/Obj"))
                    elif "/S" in k:
                        visit(k, e, page)
            return e

        for k in (lambda k: list(k) if isinstance(k, pikepdf.Array) else
                  ([] if k is None else [k]))(tree.get("/K")):
            if isinstance(k, pikepdf.Dictionary):
                visit(k, None, None)
        if not self.elems:
            self.r.fail("struct-tree", "the structure tree is empty")

    # ---- content streams ----------------------------------------------
    def S_walk_content(self):
        """Walks every page's content (and the form XObjects it draws),
        tracking the marked-content nesting; returns {(page, stream), mcid}
        -> count for the parent-tree check."""
        self.content_mcids = {}    # (structparents key) -> {mcid: count}
        self.key_of = {}           # structparents key -> (page no, where)
        for page in self.pdf.pages:
            no = self.pages[page.obj.objgen]
            sp = page.obj.get("/StructParents")
            key = ("page", page.obj.objgen)
            self.key_of[key] = (no, sp)
            self.S_walk_stream(page.obj, page.obj.get("/Resources"), no, key, [], set())
            if self.content_mcids.get(key) and sp is None:
                self.r.fail("struct-tree", "page %d has marked content but no /StructParents" % no)

    def S_walk_stream(self, obj, resources, pageno, key, stack, forms):
        """stack: marked-content context inherited from the caller (a list of
        'tag' / 'art' / 'other')."""
        try:
            ops = pikepdf.parse_content_stream(obj)
        except pikepdf.PdfError as err:
            self.r.fail("content-tagged", "content stream cannot be parsed: %s (page %d)" % (err, pageno))
            return
        depth0 = len(stack)
        stack = list(stack)
        untagged = 0
        first_untagged = None
        fontname = None
        for operands, op in ops:
            op = str(op)
            if op in ("BDC", "BMC"):
                tag = S_name(operands[0])
                props = operands[1] if op == "BDC" else None
                if isinstance(props, Name) and resources is not None:
                    props = resources.get("/Properties", {}).get(str(props))
                mcid = None
                if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    mcid = int(props["/MCID"])
                if tag == "Artifact":
                    if "tag" in stack:
                        self.r.fail("content-not-both", "an /Artifact inside tagged content (page %d)" % pageno)
                    stack.append("art")
                elif mcid is not None:
                    if "art" in stack:
                        self.r.fail("content-not-both",
                                    "MCID %d inside an /Artifact (page %d)" % (mcid, pageno))
                    if "tag" in stack:
                        self.r.fail("parent-tree", "MCID %d nested in another MCID (page %d)" % (mcid, pageno))
                    counts = self.content_mcids.setdefault(key, {})
                    counts[mcid] = counts.get(mcid, 0) + 1
                    stack.append("tag")
                else:
                    stack.append("other")
            elif op == "EMC":
                if len(stack) <= depth0:
                    self.r.fail("content-tagged", "EMC without a BDC/BMC (page %d)" % pageno)
                else:
                    stack.pop()
            elif op == "Tf":
                fontname = str(operands[0])
                self.S_note_font(resources, fontname, pageno)
            elif op in PAINT:
                if op == "Do":
                    xo = resources.get("/XObject", {}).get(str(operands[0])) if resources is not None else None
                    if xo is not None and S_name(xo.get("/Subtype")) == "Form":
                        if xo.objgen in forms:
                            continue
                        fkey = key
                        if "/StructParents" in xo:
                            fkey = ("form", xo.objgen)
                            self.key_of[fkey] = (pageno, xo.get("/StructParents"))
                        inner = xo.get("/Resources", resources)
                        if "tag" in stack or "art" in stack:
                            # drawn inside marked content: covered as a whole,
                            # but its own marks must still not contradict it
                            self.S_walk_stream(xo, inner, pageno, fkey, stack, forms | {xo.objgen})
                        else:
                            self.S_walk_stream(xo, inner, pageno, fkey, [], forms | {xo.objgen})
                        continue
                if "tag" not in stack and "art" not in stack:
                    untagged += 1
                    if first_untagged is None:
                        what = op if op != "INLINE IMAGE" else "inline image"
                        if op in ("Tj", "TJ", "'", '"'):
                            what = "text %s" % S_preview(operands)
                        first_untagged = what
        if len(stack) > depth0:
            self.r.fail("content-tagged", "%d BDC/BMC without EMC at the end of a stream (page %d)"
                        % (len(stack) - depth0, pageno))
        if untagged:
            self.r.fail("content-tagged", "%d operators neither tagged nor artifact, first %s (page %d%s)"
                        % (untagged, first_untagged, pageno, S_objref(obj)))

    def S_note_font(self, resources, fontname, pageno):
        if resources is None:
            return
        f = resources.get("/Font", {}).get(fontname)
        if f is None:
            return
        k = f.objgen if f.is_indirect else id(f)
        if k not in self.fonts:
            self.fonts[k] = (f, pageno)

    # ---- the checks ---------------------------------------------------
    def check_marked(self):
        mi = self.root.get("/MarkInfo")
        if mi is None or mi.get("/Marked") is not True:
            self.r.fail("marked", "the catalog has no /MarkInfo <</Marked true>>")
        elif mi.get("/Suspects") is True:
            self.r.fail("marked", "/MarkInfo /Suspects is true")

    def check_parent_tree(self):
        tree = self.root.get("/StructTreeRoot")
        if tree is None:
            return
        nt = {}
        S_number_tree(tree.get("/ParentTree"), nt)
        self.parent_tree = nt
        # what the structure tree says each MCID belongs to
        owner = {}
        for e in self.elems:
            for (pg, stm, mcid) in e.mcids:
                key = ("form", stm) if stm is not None else ("page", pg)
                owner[(key, mcid)] = e
        for key, counts in self.content_mcids.items():
            pageno, sp = self.key_of[key]
            for mcid, n in sorted(counts.items()):
                if n > 1:
                    self.r.fail("parent-tree", "MCID %d used %d times (page %d)" % (mcid, n, pageno))
                e = owner.get((key, mcid))
                if e is None:
                    self.r.fail("parent-tree", "MCID %d is in no structure element (page %d)" % (mcid, pageno))
                    continue
                if sp is None:
                    continue
                arr = nt.get(int(sp))
                if not isinstance(arr, pikepdf.Array) or mcid >= len(arr):
                    self.r.fail("parent-tree", "ParentTree entry %s has no slot for MCID %d (page %d)"
                                % (sp, mcid, pageno))
                    continue
                target = arr[mcid]
                if not (isinstance(target, pikepdf.Dictionary) and target.is_indirect
                        and e.obj.is_indirect and target.objgen == e.obj.objgen):
                    self.r.fail("parent-tree", "ParentTree maps MCID %d to another element than %s (page %d)"
                                % (mcid, e.type, pageno))
        for (key, mcid), e in owner.items():
            if mcid not in self.content_mcids.get(key, {}):
                self.r.fail("parent-tree", "%s names MCID %d, which is not in the content %s"
                            % (e.type, mcid, e.where(self.pages)))

    def check_headings(self):
        numbered = [e for e in self.elems if re.fullmatch(r"H[1-6]", e.std)]
        plain = [e for e in self.elems if e.std == "H"]
        if numbered and plain:
            self.r.fail("headings", "H and H1-H6 mixed in one document %s" % plain[0].where(self.pages))
        prev = 0
        for e in numbered:
            lvl = int(e.std[1])
            if prev == 0 and lvl != 1:
                self.r.fail("headings", "the first heading is %s, not H1 %s" % (e.std, e.where(self.pages)))
            elif lvl > prev + 1 and prev != 0:
                self.r.fail("headings", "H%d follows H%d, skipping a level %s" % (lvl, prev, e.where(self.pages)))
            prev = lvl

    def S_scope(self, e):
        a = e.obj.get("/A")
        attrs = []
        if isinstance(a, pikepdf.Dictionary):
            attrs = [a]
        elif isinstance(a, pikepdf.Array):
            attrs = [x for x in a if isinstance(x, pikepdf.Dictionary)]
        for d in attrs:
            if S_name(d.get("/O")) == "Table" and S_name(d.get("/Scope")) in ("Row", "Column", "Both"):
                return True
        return False

    def S_has_headers(self, e):
        """Whether a cell names its header cells (a non-empty /Headers)."""
        a = e.obj.get("/A")
        for x in (a if isinstance(a, pikepdf.Array) else [a]):
            if isinstance(x, pikepdf.Dictionary):
                h = x.get("/Headers")
                if isinstance(h, pikepdf.Array) and len(h):
                    return True
        return False

    def check_tables(self):
        for e in self.elems:
            p = e.parent.std if e.parent else None
            w = e.where(self.pages)
            if e.std in ("TR",) and p not in ({"Table"} | TABLE_PARTS):
                self.r.fail("tables", "TR inside %s, not Table/THead/TBody/TFoot %s" % (p, w))
            if e.std in ("TH", "TD") and p != "TR":
                self.r.fail("tables", "%s inside %s, not TR %s" % (e.std, p, w))
            if e.std in TABLE_PARTS and p != "Table":
                self.r.fail("tables", "%s inside %s, not Table %s" % (e.std, p, w))
            if e.std == "Table":
                kids = [k.std for k in e.kids]
                for i, k in enumerate(kids):
                    if k == "Caption" and i not in (0, len(kids) - 1):
                        self.r.fail("tables", "Caption in the middle of a Table %s" % w)
                    elif k not in ({"TR", "Caption"} | TABLE_PARTS):
                        self.r.fail("tables", "%s directly inside Table %s" % (k, w))
                if "TR" not in kids and not any(k.std in TABLE_PARTS for k in e.kids):
                    self.r.fail("tables", "a Table without rows %s" % w)
            if e.std in TABLE_PARTS | {"TR"}:
                want = "TR" if e.std != "TR" else ("TH", "TD")
                for k in e.kids:
                    if k.std not in want:
                        self.r.fail("tables", "%s inside %s %s" % (k.std, e.std, w))
            if e.std == "TH" and not self.S_scope(e):
                table = e
                while table is not None and table.std != "Table":
                    table = table.parent
                uses_headers = table is not None and any(
                    self.S_has_headers(c) for c in self.elems if c.std == "TD" and S_inside(c, table))
                if not uses_headers:
                    self.r.fail("tables", "TH without /Scope %s" % w)

    def check_lists(self):
        for e in self.elems:
            p = e.parent.std if e.parent else None
            w = e.where(self.pages)
            if e.std == "L":
                for k in e.kids:
                    if k.std not in ("LI", "L", "Caption"):
                        self.r.fail("lists", "%s directly inside L %s" % (k.std, w))
            if e.std == "LI":
                if p != "L":
                    self.r.fail("lists", "LI inside %s, not L %s" % (p, w))
                for k in e.kids:
                    if k.std not in ("Lbl", "LBody"):
                        self.r.fail("lists", "%s directly inside LI %s" % (k.std, w))
            if e.std == "LBody" and p != "LI":
                self.r.fail("lists", "LBody inside %s, not LI %s" % (p, w))

    def check_toc(self):
        for e in self.elems:
            p = e.parent.std if e.parent else None
            if e.std == "TOCI" and p != "TOC":
                self.r.fail("toc", "TOCI inside %s, not TOC %s" % (p, e.where(self.pages)))
            if e.std == "TOC":
                for k in e.kids:
                    if k.std not in ("TOCI", "TOC", "Caption"):
                        self.r.fail("toc", "%s directly inside TOC %s" % (k.std, e.where(self.pages)))

    def check_notes(self):
        ids = {}
        for e in self.elems:
            if e.std != "Note":
                continue
            i = e.obj.get("/ID")
            if i is None:
                self.r.fail("notes", "Note without /ID %s" % e.where(self.pages))
                continue
            i = bytes(i)
            if i in ids:
                self.r.fail("notes", "Note /ID %r used twice %s" % (i, e.where(self.pages)))
            ids[i] = e

    def check_figures(self):
        for e in self.elems:
            if e.std in ("Figure", "Formula"):
                alt = S_text(e.obj.get("/Alt")).strip() or S_text(e.obj.get("/ActualText")).strip()
                if not alt:
                    self.r.fail("figures-alt", "%s without /Alt %s" % (e.std, e.where(self.pages)))

    def check_links(self):
        attached = {}
        for e in self.elems:
            for o in e.objrs:
                if o is not None and o.is_indirect:
                    attached[o.objgen] = e
        for page in self.pdf.pages:
            no = self.pages[page.obj.objgen]
            for a in page.obj.get("/Annots", []):
                sub = S_name(a.get("/Subtype"))
                if sub in ("Popup", "PrinterMark", "Widget"):
                    continue
                where = "(page %d%s)" % (no, S_objref(a))
                e = attached.get(a.objgen) if a.is_indirect else None
                want = "Link" if sub == "Link" else "Annot"
                if e is None:
                    self.r.fail("links", "%s annotation in no structure element %s" % (sub, where))
                elif e.std != want:
                    self.r.fail("links", "%s annotation inside %s, not %s %s" % (sub, e.std, want, where))
                elif "/StructParent" not in a:
                    self.r.fail("links", "%s annotation without /StructParent %s" % (sub, where))
                else:
                    tgt = getattr(self, "parent_tree", {}).get(int(a["/StructParent"]))
                    if not (isinstance(tgt, pikepdf.Dictionary) and tgt.is_indirect
                            and tgt.objgen == e.obj.objgen):
                        self.r.fail("links", "the ParentTree does not map the %s annotation to its element %s"
                                    % (sub, where))
                if not S_text(a.get("/Contents")).strip():
                    self.r.fail("links", "%s annotation without /Contents %s" % (sub, where))

    def check_tabs(self):
        for page in self.pdf.pages:
            annots = [a for a in page.obj.get("/Annots", [])]
            if annots and S_name(page.obj.get("/Tabs")) != "S":
                self.r.fail("tabs", "page with annotations has no /Tabs /S (page %d)"
                            % self.pages[page.obj.objgen])

    def check_xmp(self):
        md = self.root.get("/Metadata")
        if md is None or not isinstance(md, pikepdf.Stream):
            self.r.fail("xmp", "the catalog has no /Metadata stream")
            return
        try:
            root = ET.fromstring(md.read_bytes())
        except ET.ParseError as err:
            self.r.fail("xmp", "the XMP is not well-formed XML: %s" % err)
            return
        part = None
        for d in root.iter("{%s}Description" % NS["rdf"]):
            v = d.get("{%s}part" % NS["pdfuaid"])
            if v is None:
                el = d.find("pdfuaid:part", NS)
                v = el.text if el is not None else None
            if v is not None:
                part = v.strip()
        if part is None:
            self.r.fail("xmp", "the XMP has no pdfuaid:part")
        elif part != "1":
            self.r.fail("xmp", "pdfuaid:part is %s, not 1" % part)
        titles = [li.text for t in root.iter("{%s}title" % NS["dc"])
                  for li in t.iter("{%s}li" % NS["rdf"]) if (li.text or "").strip()]
        if not titles:
            self.r.fail("xmp", "the XMP has no dc:title")

    def check_lang(self):
        lang = S_text(self.root.get("/Lang")).strip()
        if not lang:
            self.r.fail("lang", "the catalog has no /Lang")
        elif not BCP47.match(lang):
            self.r.fail("lang", "the catalog's /Lang %r is no BCP 47 tag" % lang)
        for e in self.elems:
            if "/Lang" in e.obj:
                v = S_text(e.obj.get("/Lang"))
                if not BCP47.match(v):
                    self.r.fail("lang", "%s /Lang %r is no BCP 47 tag %s"
                                % (e.type, v, e.where(self.pages)))

    def check_display_doc_title(self):
        vp = self.root.get("/ViewerPreferences")
        if vp is None or vp.get("/DisplayDocTitle") is not True:
            self.r.fail("display-doc-title", "ViewerPreferences /DisplayDocTitle is not true")

    def check_fonts(self):
        for f, pageno in self.fonts.values():
            sub = S_name(f.get("/Subtype"))
            name = S_text(f.get("/BaseFont")) or "?"
            where = "(page %d%s)" % (pageno, S_objref(f))
            if sub != "Type3":
                desc = f
                if sub == "Type0":
                    dfs = f.get("/DescendantFonts")
                    desc = dfs[0] if dfs is not None and len(dfs) else None
                fd = desc.get("/FontDescriptor") if desc is not None else None
                if fd is None or not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    self.r.fail("fonts", "font %s is not embedded %s" % (name, where))
            if "/ToUnicode" not in f:
                self.r.fail("fonts", "font %s has no ToUnicode CMap %s" % (name, where))

    def run(self):
        self.check_marked()
        self.S_walk_tree()
        self.S_role_map()
        self.S_walk_content()
        if self.root.get("/StructTreeRoot") is None:
            # without a structure tree no heading, table, list, note or
            # figure is tagged: each check that reads the tree fails
            for name in NEED_TREE:
                self.r.fail(name, "no structure tree, so nothing is tagged")
        else:
            self.check_parent_tree()
            self.check_headings()
            self.check_tables()
            self.check_lists()
            self.check_toc()
            self.check_notes()
            self.check_figures()
        self.check_links()
        self.check_tabs()
        self.check_xmp()
        self.check_lang()
        self.check_display_doc_title()
        self.check_fonts()
        return self.r


def S_inside(e, ancestor):
    while e is not None:
        if e is ancestor:
            return True
        e = e.parent
    return False


def S_preview(operands):
    """The first few characters a text-showing operator shows, for a message."""
    out = []
    for o in operands:
        items = o if isinstance(o, pikepdf.Array) else [o]
        for x in items:
            if isinstance(x, pikepdf.String):
                b = bytes(x)
                # two-byte codes (Identity-H) are shown as UTF-16, which is
                # what rapport's and Typst's identity CMaps make of them
                if len(b) % 2 == 0 and b[0::2].count(0) == len(b) // 2:
                    out.append(b.decode("utf-16-be", "replace"))
                else:
                    out.append(b.decode("latin-1"))
    s = "".join(out)
    s = "".join(c if c.isprintable() else "." for c in s)
    return repr(s[:20])


def main(argv):
    args = [a for a in argv[1:] if a != "-q"]
    quiet = "-q" in argv[1:]
    if len(args) != 1:
        sys.stderr.write("usage: /usr/bin/python3 tests/pdfua/check.py [-q] FILE.pdf\n")
        return 2
    try:
        pdf = pikepdf.open(args[0])
    except (pikepdf.PdfError, OSError) as err:
        sys.stderr.write("%s: cannot read the PDF: %s\n" % (args[0], err))
        return 2
    with pdf:
        failed = Checker(pdf).run().print(quiet)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
