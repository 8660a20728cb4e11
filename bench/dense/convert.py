"""bench/dense/convert.py - turns the plain text of seed 000 (a Danish
follow-research report, /work/shared/seeds/000_*.txt) into the chapters of
the bench project bench/dense/: its contents list gives the headings and
their levels, runs of tab-separated lines become pipe tables, the rest is
kept as paragraphs and lists. Run once; the output is committed.

Usage:  /usr/bin/python3 bench/dense/convert.py SEED.txt bench/dense
"""
import os
import re
import sys


def norm(s):
    return re.sub(r"[\s.:]+", " ", s).strip().lower()


def toc_entries(lines):
    """(number, title, level) from the contents list ('1.1 Titel.....\\t5')."""
    out = []
    start = lines.index("Indhold")
    for ln in lines[start + 1:]:
        if not ln.strip():
            continue
        if "\t" not in ln:
            break
        title = ln.rsplit("\t", 1)[0].rstrip(". ")
        m = re.match(r"(\d+(?:[.:]\d+)*)[.:]?\s+(.*)", title)
        if m:
            num = m.group(1).replace(":", ".")
            out.append((num, m.group(2), num.count(".") + 1))
        elif title != "Forord":  # the foreword is before the contents
            # the appendix's guides are sections of "Bilag"
            level = 2 if out and out[-1][1].startswith("Bilag") or \
                (out and out[-1][0] is None and out[-1][2] == 2) else 1
            out.append((None, title.rstrip(":"), level))
    return out


def inline(s):
    """A line of text as Markdown: the seed's <i> tags as emphasis, other
    tags dropped, what rapport would read as syntax escaped."""
    s = re.sub(r"</?i>", "*", s)
    s = re.sub(r"</?[a-z]+>", "", s)
    s = s.replace("<", "&lt;").replace("{{", "\\{{")
    return s.strip()


def table(rows):
    cells = [[inline(c).replace("|", "\\|").replace("*", "") for c in r.split("\t")] for r in rows]
    n = max(len(r) for r in cells)
    cells = [r + [""] * (n - len(r)) for r in cells]
    head = [c or " " for c in cells[0]]
    out = ["| " + " | ".join(head) + " |", "|" + "|".join([":--"] * n) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in cells[1:]]
    return out


def main(seed, outdir):
    lines = open(seed, encoding="utf-8").read().split("\n")
    entries = toc_entries(lines)
    body_start = lines.index("Indhold") + 1
    while "\t" in lines[body_start] or not lines[body_start].strip():
        body_start += 1
    # where each heading of the contents list is in the body
    heads, at = {}, body_start
    for num, title, level in entries:
        # with a number, its first letters suffice (the body misspells
        # some titles: "Undersøgellesdesign")
        key = norm(title)[:6 if num else 12]
        for i in range(at, len(lines)):
            ln = lines[i].strip()
            m = re.match(r"(\d+(?:[.:]\s?\d+)*)[.:]?\s+(.*)", ln)
            text = m.group(2) if (m and num) else ln
            if len(ln) < 120 and norm(text).startswith(key) and (
                    num is None or (m and m.group(1).replace(":", ".").replace(" ", "") == num)):
                heads[i] = (title, level)
                at = i + 1
                break
        else:
            sys.stderr.write("heading not found: %s %s\n" % (num, title))
    chapters, cur, i = [], None, 0
    forord = lines.index("Forord")
    cur = ["# Forord {-}", ""]
    chapters.append(("00-forord.md", cur))
    i = forord + 1
    while i < len(lines):
        ln = lines[i]
        if i == lines.index("Indhold"):
            i = body_start
            continue
        if i in heads:
            title, level = heads[i]
            if level == 1:
                cur = []
                chapters.append(("%02d-kapitel.md" % len(chapters), cur))
            unnumbered = " {-}" if title.startswith(("Litteratur", "Bilag", "Konsulentgruppe", "Styregruppe")) else ""
            cur += ["#" * level + " " + inline(title) + unnumbered, ""]
            i += 1
            continue
        if "\t" in ln:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i])
                i += 1
            # "Figur 2: ..." just before a table is its caption
            caption = None
            while cur and not cur[-1]:
                cur.pop()
            m = re.match(r"Figur \d+[:.]\s*(.*?)\.?$", cur[-1]) if cur else None
            if m:
                caption = m.group(1)
                cur.pop()
            cur += [""] + table(rows) + [""]
            if caption:
                cur += ["Tabel: " + caption, ""]
            continue
        if ln.strip():
            lead = re.match(r"\s*", ln).group(0)
            cur += [lead.replace("\t", "  ") + inline(ln), ""]
        i += 1
    os.makedirs(os.path.join(outdir, "kapitler"), exist_ok=True)
    with open(os.path.join(outdir, "kapitler", "00-indhold.md"), "w", encoding="utf-8") as f:
        f.write("```{toc}\n```\n\n```{tabeloversigt}\n```\n")
    names = ["kapitler/00-indhold.md"]
    for name, body in chapters:
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(body)).strip() + "\n"
        with open(os.path.join(outdir, "kapitler", name), "w", encoding="utf-8") as f:
            f.write(text)
        names.append("kapitler/" + name)
    print("\n".join(names))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.stderr.write("usage: convert.py SEED.txt OUTDIR\n")
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
