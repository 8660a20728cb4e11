"""tests/pdftext/drawn.py - the text of a PDF rapport wrote as its glyphs are
drawn, one line per baseline, pages separated by a form feed.

Usage:  /usr/bin/python3 tests/pdftext/drawn.py FILE.pdf
        (Debian's python3 with python3-pikepdf)

Text extractors honour /ActualText, so a word hyphenated at a line end comes
out whole ("mellemstore") and its hyphen is gone; the tests that count
hyphenated lines read the glyphs instead. It reads only what rapport's PDF
writer writes: Identity-H fonts whose two-byte codes are the Unicode code
points, text placed by Td (no Tm, no TL), one line per baseline (a
superscript a few points above it counts as on it).
"""
import sys

import pikepdf


def page_lines(page):
    runs = []  # (y, x, text)
    x = y = lx = ly = 0.0
    for operands, op in pikepdf.parse_content_stream(page):
        o = str(op)
        if o == "BT":
            x = y = lx = ly = 0.0
        elif o in ("Td", "TD"):
            lx += float(operands[0])
            ly += float(operands[1])
            x, y = lx, ly
        elif o in ("TJ", "Tj"):
            items = operands[0] if o == "TJ" else [operands[0]]
            s = "".join(bytes(it).decode("utf-16-be", "replace")
                        for it in items if isinstance(it, pikepdf.String))
            runs.append((y, x, s))
    lines = []
    for ry, rx, s in sorted(runs, key=lambda r: (-r[0], r[1])):
        if lines and lines[-1][0] - ry <= 5:
            lines[-1][1].append((rx, s))
        else:
            lines.append((ry, [(rx, s)]))
    return ["".join(s for _, s in sorted(parts)).rstrip()
            for _, parts in lines]


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: drawn.py FILE.pdf\n")
        return 2
    pdf = pikepdf.open(sys.argv[1])
    pages = ["\n".join(page_lines(p)) for p in pdf.pages]
    sys.stdout.write("\n\f".join(pages) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
