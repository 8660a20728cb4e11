"""tests/pdfua/order.py - reading order of a tagged PDF against its HTML
edition, which the HTML writer makes from the same document tree in the
order of the Markdown source.

Usage:  /usr/bin/python3 tests/pdfua/order.py STRUCT.txt PAGE.html
        (STRUCT.txt: what `pdfinfo -struct-text` prints for the PDF)

Each block of the HTML's <main> (headings, paragraphs, list items, table
captions and cells, figure captions; not the contents, the lists of tables
and figures, the notes section or the charts' drawings, which the PDF has
as TOC or artifacts) must be found, by its first 60 characters, in the
structure tree's text after the block before it. Each footnote's text must
be found between the block that refers to it and the block after that one
(the Note is read right after its reference's block). Prints one line per
block or note that is not, then "blocks N of M" and "notes N of M".
"""
import html.parser
import re
import sys

KEY = 60


def struct_text(path):
    """The structure tree's text in order, a word hyphenated at a line end
    (a Span's two pieces, "mel-" and "lemstore") joined."""
    out, span = [], None
    for line in open(path, encoding="utf-8"):
        ind = len(line) - len(line.lstrip(" "))
        t = line.strip()
        if span is not None and ind <= span:
            span = None
        if t == "Span (inline)":
            span = ind
        elif len(t) > 1 and t[0] == '"' and t[-1] == '"':
            piece = t[1:-1]
            out.append(piece[:-1] if span is not None and piece.endswith("-") else piece)
    return re.sub(r"\s+", " ", "".join(out))


class Blocks(html.parser.HTMLParser):
    """The text blocks of <main>, in order, and the notes' texts with the
    index of the block that refers to each."""
    SKIP = {"nav", "svg", "script", "style", "button", "summary", "sup"}
    BLOCK = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "th", "td", "li",
             "caption", "figcaption"}
    VOID = {"br", "col", "img", "meta", "link", "input", "hr", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack, self.blocks, self.cur = [], [], None
        self.skip, self.in_main, self.in_notes = 0, False, 0
        self.refs = {}   # note id -> index of the referring block
        self.notes = []  # (note id, text)
        self.note = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class") or ""
        if tag == "main":
            self.in_main = True
        if not self.in_main or tag in self.VOID:
            return
        if tag == "a" and (a.get("href") or "").startswith("#fn-") and not self.in_notes:
            self.refs[a["href"][1:]] = len(self.blocks)
        notes = tag == "section" and "noter" in cls
        skip = (tag in self.SKIP or notes or (tag == "section" and "oversigt" in cls)
                or a.get("aria-hidden") == "true" or "tilbage" in cls)
        self.stack.append((tag, skip, notes))
        self.in_notes += notes
        if self.in_notes and tag == "li" and a.get("id"):
            self.note = [a["id"], ""]
        if skip:
            self.skip += 1
        elif tag in self.BLOCK:
            self.flush()
            self.cur = [tag, ""]

    def handle_endtag(self, tag):
        if not self.in_main:
            return
        if tag == "main":
            self.flush()
            self.in_main = False
            return
        while self.stack:
            t, skip, notes = self.stack.pop()
            self.skip -= skip
            self.in_notes -= notes
            if t in self.BLOCK:
                self.flush()
            if t == "li" and self.note is not None and self.in_notes:
                self.notes.append((self.note[0], re.sub(r"\s+", " ", self.note[1]).strip()))
                self.note = None
            if t == tag:
                break

    def handle_data(self, data):
        if self.note is not None and not (self.stack and self.stack[-1][0] == "a"):
            self.note[1] += data
        if self.in_main and not self.skip and self.cur is not None:
            self.cur[1] += data

    def flush(self):
        if self.cur and self.cur[1].strip():
            self.blocks.append((self.cur[0], re.sub(r"\s+", " ", self.cur[1]).strip()))
        self.cur = None


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: /usr/bin/python3 tests/pdfua/order.py STRUCT.txt PAGE.html\n")
        return 2
    text = struct_text(argv[1])
    b = Blocks()
    b.feed(open(argv[2], encoding="utf-8").read())
    at, pos, found = [], 0, 0
    for tag, block in b.blocks:
        i = text.find(block[:KEY], pos)
        if i < 0:
            print("missing or out of order: <%s> %s" % (tag, block[:KEY]))
            at.append(None)
            continue
        at.append(i)
        pos = i + len(block[:KEY])
        found += 1
    print("blocks %d of %d" % (found, len(b.blocks)))
    placed = 0
    for nid, note in b.notes:
        k = b.refs.get(nid)
        lo = at[k] if k is not None and k < len(at) else None
        hi = next((x for x in at[k + 1:] if x is not None), len(text)) if lo is not None else None
        i = text.find(note[:KEY], lo) if lo is not None else -1
        if i < 0 or i >= hi:
            print("note %s not read right after its reference's block: %s" % (nid, note[:KEY]))
        else:
            placed += 1
    print("notes %d of %d" % (placed, len(b.notes)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
