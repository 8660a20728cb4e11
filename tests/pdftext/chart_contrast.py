"""tests/pdftext/chart_contrast.py - the contrast of every chart colour in a
PDF rapport wrote, as the reader sees it on the white page (WCAG 1.4.11:
at least 3:1 for the parts of a graphic needed to understand it).

Usage:  /usr/bin/python3 tests/pdftext/chart_contrast.py FILE.pdf...
        (Debian's python3 with python3-pikepdf)

Reads the drawing inside each /Figure marked-content sequence: every filled
shape (a bar, a marker, a legend swatch) by its fill, or by its outline when
the fill is the page's white (a hollow marker); every stroke at least 1 pt
wide (a series line; thinner ones are grid lines and ticks); text is left
out. Stacked parts are rectangles that touch side by side with the same
y and height, as in tests/browser/modes.mjs, and must be 3:1 against each
other too. Prints one line per file, "N chart colours, M below 3:1", then
each colour below 3:1; exits 1 if any is, 2 if a file has no chart.
"""
import sys

import pikepdf

PAGE = (1.0, 1.0, 1.0)


def luminance(c):
    def f(v):
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2])


def ratio(a, b):
    x, y = luminance(a), luminance(b)
    return (max(x, y) + 0.05) / (min(x, y) + 0.05)


def hexof(c):
    return "#" + "".join(f"{round(v * 255):02x}" for v in c)


def colour(operands):
    v = [float(o) for o in operands]
    return (v[0], v[0], v[0]) if len(v) == 1 else tuple(v[:3])


def page_shapes(page):
    """The painted shapes inside /Figure sequences of one page:
    (what, colour, rect or None)."""
    shapes = []
    stack = []          # marked-content tags, innermost last
    gs = [{"fill": (0, 0, 0), "stroke": (0, 0, 0), "width": 1.0}]
    path_rects = []
    in_text = False
    for operands, op in pikepdf.parse_content_stream(page):
        o = str(op)
        g = gs[-1]
        if o == "BDC" or o == "BMC":
            stack.append(str(operands[0]))
        elif o == "EMC":
            if stack:
                stack.pop()
        elif o == "q":
            gs.append(dict(g))
        elif o == "Q":
            if len(gs) > 1:
                gs.pop()
        elif o == "rg" or o == "g":
            g["fill"] = colour(operands)
        elif o == "RG" or o == "G":
            g["stroke"] = colour(operands)
        elif o == "w":
            g["width"] = float(operands[0])
        elif o == "BT":
            in_text = True
        elif o == "ET":
            in_text = False
        elif o == "re":
            path_rects.append(tuple(float(v) for v in operands))
        elif o in ("f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "n"):
            if "/Figure" in stack and not in_text and o != "n":
                rect = path_rects[0] if len(path_rects) == 1 else None
                fills = o not in ("S", "s")
                strokes = o in ("S", "s", "B", "B*", "b", "b*")
                if fills and ratio(g["fill"], PAGE) >= 1.1:
                    shapes.append(("fill", g["fill"], rect))
                elif strokes and g["width"] >= 1:
                    shapes.append(("stroke", g["stroke"], None))
            path_rects = []
    return shapes


def check(path):
    pdf = pikepdf.open(path)
    n = 0
    bad = []
    for number, page in enumerate(pdf.pages, 1):
        shapes = page_shapes(page)
        rects = []
        for what, c, rect in shapes:
            n += 1
            r = ratio(c, PAGE)
            if r < 3:
                bad.append(f"page {number}: {what} {hexof(c)} is {r:.2f}:1 on white")
            if rect:
                rects.append((rect, c))
        for (a, ca) in rects:
            for (b, cb) in rects:
                if (abs(a[1] - b[1]) < 0.01 and abs(a[3] - b[3]) < 0.01
                        and abs(a[0] + a[2] - b[0]) < 0.01):
                    n += 1
                    r = ratio(ca, cb)
                    if r < 3:
                        bad.append(f"page {number}: neighbouring parts {hexof(ca)} | "
                                   f"{hexof(cb)} are {r:.2f}:1")
    return n, bad


def main():
    if len(sys.argv) < 2:
        sys.stderr.write("usage: chart_contrast.py FILE.pdf...\n")
        return 2
    status = 0
    for path in sys.argv[1:]:
        n, bad = check(path)
        print(f"{path}: {n} chart colours, {len(bad)} below 3:1")
        for b in bad:
            print(f"    {b}")
        if n == 0:
            status = max(status, 2)
        elif bad:
            status = max(status, 1)
    return status


if __name__ == "__main__":
    sys.exit(main())
