"""bench/md2typ.py IN.md OUT.typ TITLE - the text-dense report's Markdown
(bench/dense's chapters, concatenated) as a Typst 0.14 document for the
Typst peer of `make bench`: the same text, headings, lists, emphasis and
pipe tables (with their "Tabel: ..." captions), set like rapport's klassisk
theme (A4, margins 78/84 pt, Liberation Serif 11 pt on 14.8 pt lines,
justified, Danish hyphenation), with a title page, a contents list and a
list of tables. Only the Markdown that bench/dense uses is understood."""
import re
import sys

SPECIAL = re.compile(r'([\\#$@<>\[\]`_*~=/+-])')


def esc(s):
    """Text as Typst markup: every character Typst could read as syntax
    is escaped, so the text comes out as written."""
    return SPECIAL.sub(r'\\\1', s)


def inline(s):
    """Emphasis and strong emphasis (*x*, **x**); the rest escaped."""
    out = []
    pos = 0
    for m in re.finditer(r'\*\*(.+?)\*\*|\*(.+?)\*', s):
        out.append(esc(s[pos:m.start()]))
        if m.group(1) is not None:
            out.append('#strong[' + esc(m.group(1)) + ']')
        else:
            out.append('#emph[' + esc(m.group(2)) + ']')
        pos = m.end()
    out.append(esc(s[pos:]))
    return ''.join(out)


def cells(line):
    return [c.strip() for c in line.strip().strip('|').split('|')]


def main():
    src, dst, title = sys.argv[1], sys.argv[2], sys.argv[3]
    lines = open(src, encoding='utf-8').read().split('\n')
    out = [
        '#set document(title: "%s")' % title.replace('"', ''),
        '#set page(paper: "a4", margin: (top: 78pt, bottom: 84pt, '
        'left: 78pt, right: 78pt), numbering: "1")',
        '#set text(font: "Liberation Serif", size: 11pt, lang: "da", '
        'hyphenate: true)',
        # Typst's leading is the gap between lines: 14.8 pt from baseline
        # to baseline at 11 pt is about 0.62 em between them
        '#set par(justify: true, leading: 0.62em, spacing: 0.62em + 6pt)',
        '#set heading(numbering: "1.1")',
        '#show heading.where(level: 1): it => { pagebreak(weak: true); it }',
        '#show figure: set block(breakable: true)',
        '#align(center)[#v(6cm) #text(size: 28pt)[%s]]' % esc(title),
        '#pagebreak()',
        '#outline()',
        '#outline(title: [Tabeller], target: figure.where(kind: table))',
    ]
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        m = re.match(r'^(#+)\s+(.*)$', line)
        if m:
            out.append('=' * len(m.group(1)) + ' ' + inline(m.group(2)))
            i += 1
            continue
        if line.startswith('|'):
            rows = []
            while i < len(lines) and lines[i].startswith('|'):
                if not re.match(r'^\|[\s:|-]+\|$', lines[i].strip()):
                    rows.append(cells(lines[i]))
                i += 1
            while i < len(lines) and not lines[i].strip():
                i += 1
            caption = ''
            if i < len(lines) and lines[i].startswith('Tabel: '):
                caption = lines[i][len('Tabel: '):]
                i += 1
            n = max(len(r) for r in rows)
            body = ', '.join('[' + inline(c) + ']'
                             for r in rows for c in r + [''] * (n - len(r)))
            out.append('#figure(table(columns: %d, align: left, %s), '
                       'caption: [%s])' % (n, body, inline(caption)))
            continue
        m = re.match(r'^(\s*)[-*]\s+(.*)$', line)
        if m:
            depth = 1 if len(m.group(1)) > 0 else 0
            out.append('  ' * depth + '- ' + inline(m.group(2)))
            out.append('')
            i += 1
            continue
        para = []
        while i < len(lines) and lines[i].strip() and \
                not re.match(r'^(#+\s|\||\s*[-*]\s)', lines[i]):
            para.append(lines[i].strip())
            i += 1
        text = inline(' '.join(para))
        # "2015. Vi ..." at a paragraph's start would be a numbered item
        out.append(re.sub(r'^(\d+)\.', r'\1\\.', text))
        out.append('')
    open(dst, 'w', encoding='utf-8').write('\n'.join(out) + '\n')


main()
