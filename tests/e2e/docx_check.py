"""docx_check.py - reads a Word edition with python-docx (Debian's
python3-docx; run it with /usr/bin/python3) and compares it with the HTML
edition of the same build, which comes from the same document tree:

  structure DOCX HTML TITLE DATE   headings, tables, footnotes, captions,
                                   contents field, core properties
  words OURS.txt WORD.txt DOCX TITLE  the words of our PDF and of
                                   LibreOffice's PDF of the .docx
                                   (pdftotext -raw)
  break PAGES.txt DOCX             the page where a table breaks
  widths BBOX.html DOCX            each table's column widths (tblGrid)
                                   against where our PDF's columns start
                                   (pdftotext -bbox of the same edition)
  header DOCX TITLE                the running head and the page number

Each check prints a PASS or FAIL line (tests/run.sh counts them)."""
import collections
import html
import html.parser
import re
import sys
import zipfile

W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'


def say(ok, name, detail=''):
    print(('PASS ' if ok else 'FAIL ') + name + ('' if ok else ': ' + detail))


def norm(s):
    return re.sub(r'\s+', ' ', s.replace('\u00a0', ' ')).strip()


class Html(html.parser.HTMLParser):
    """What the HTML edition shows: headings in <main> (h2 = level 1) but
    not those of the writer's own notes and lists of tables and figures
    (Word's are styled "TOC Heading", as Word's own contents), tables that are not a chart's data, notes, the
    contents entries."""

    def __init__(self):
        super().__init__()
        self.headings, self.tables, self.notes, self.toc = [], [], [], []
        self.stack = []
        self.cur = None  # (kind, level, parts)
        self.in_main = self.in_notes = self.in_nav = self.in_lists = False
        self.details = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'main':
            self.in_main = True
        elif tag == 'section' and a.get('class') == 'noter':
            self.in_notes = True
        elif tag == 'section' and a.get('class') == 'oversigt':
            self.in_lists = True
        elif tag == 'nav' and a.get('class') == 'indhold':
            self.in_nav = True
        elif tag == 'details':
            self.details += 1
        elif tag == 'table' and self.in_main and not self.details:
            self.tables.append({'thead': False})
        elif tag == 'thead' and self.tables and not self.details:
            self.tables[-1]['thead'] = True
        elif (re.fullmatch(r'h[2-7]', tag) and self.in_main and
              not self.in_notes and not self.in_lists):
            self.cur = ('h', int(tag[1]) - 1, [])
        elif tag == 'li' and self.in_notes:
            self.cur = ('note', 0, [])
        elif tag == 'a' and self.in_nav and a.get('href', '').startswith('#'):
            self.cur = ('toc', 0, [])
        elif tag == 'a' and a.get('class') == 'tilbage' and self.cur:
            self.cur[2].append('\0')  # the back link is not the note's text

    def handle_endtag(self, tag):
        if tag == 'section':
            self.in_notes = self.in_lists = False
        elif tag == 'nav':
            self.in_nav = False
        elif tag == 'details':
            self.details -= 1
        if not self.cur:
            return
        kind, level, parts = self.cur
        text = norm(''.join(parts).split('\0')[0])
        if kind == 'h' and re.fullmatch(r'h[2-7]', tag):
            self.headings.append((level, text))
            self.cur = None
        elif kind == 'note' and tag == 'li':
            self.notes.append(text)
            self.cur = None
        elif kind == 'toc' and tag == 'a':
            self.toc.append(text)
            self.cur = None

    def handle_data(self, data):
        if self.cur:
            self.cur[2].append(data)


def text_of(el):
    return norm(''.join(t.text or '' for t in el.iter(W + 't')))


def structure(docx_path, html_path, title, date):
    import docx  # python3-docx
    d = docx.Document(docx_path)
    h = Html()
    h.feed(open(html_path, encoding='utf-8').read())
    name = docx_path.split('/')[-1]

    heads = [(int(p.style.name.split()[-1]), norm(p.text))
             for p in d.paragraphs if p.style.name.startswith('Heading ')]
    say(heads == h.headings and len(heads) > 5,
        f'{name}: {len(heads)} headings with Heading styles in the order of '
        'the text', f'docx {heads[:5]} ... html {h.headings[:5]}')

    rows = [[bool(r._tr.trPr is not None and
                  r._tr.trPr.find(W + 'tblHeader') is not None)
             for r in t.rows] for t in d.tables]
    say(len(rows) == len(h.tables) and len(rows) > 0,
        f'{name}: {len(rows)} tables, as the HTML has',
        f'docx {len(rows)}, html {len(h.tables)}')
    bad = [i + 1 for i, (r, t) in enumerate(zip(rows, h.tables))
           if t['thead'] and not (r and r[0])]
    say(not bad, f'{name}: every table\'s header row repeats (tblHeader)',
        f'tables without: {bad}')

    z = zipfile.ZipFile(docx_path)
    from xml.etree import ElementTree as ET
    notes = [text_of(n) for n in
             ET.fromstring(z.read('word/footnotes.xml')).iter(W + 'footnote')
             if n.get(W + 'type') is None]
    body = ET.fromstring(z.read('word/document.xml'))
    refs = list(body.iter(W + 'footnoteReference'))
    say(len(notes) == len(h.notes) == len(refs) and notes,
        f'{name}: {len(notes)} footnotes in the footnotes part, each '
        'referenced', f'docx {len(notes)} notes, {len(refs)} references; '
        f'html {len(h.notes)}')
    diff = [(a, b) for a, b in zip(notes, h.notes) if a != b]
    say(not diff, f'{name}: the footnotes read as the HTML\'s notes',
        f'{diff[:1]}')

    caps = {'Tabel': [], 'Figur': []}
    for p in d.paragraphs:
        if p.style.name != 'Caption':
            continue
        instr = ''.join(t.text or '' for t in p._p.iter(W + 'instrText'))
        m = re.match(r'\s*SEQ (\w+)', instr)
        got = re.match(r'(Tabel|Figur) (\d+)\. ', p.text)
        if m and got and m.group(1) == got.group(1):
            caps[m.group(1)].append(int(got.group(2)))
    for word in caps:
        n = len(caps[word])
        say(n > 0 and caps[word] == list(range(1, n + 1)),
            f'{name}: {n} captions "{word} N." with SEQ {word} fields, '
            'numbered in order', f'{caps[word]}')
    html_tables = len(re.findall(r'<caption[^>]*><span class="nr">Tabel \d+\.',
                                 open(html_path, encoding='utf-8').read()))
    say(len(caps['Tabel']) == html_tables,
        f'{name}: as many table captions as the HTML',
        f'docx {len(caps["Tabel"])}, html {html_tables}')

    instr = ''.join(t.text or '' for t in body.iter(W + 'instrText'))
    say('TOC \\o "1-3" \\h \\z \\u' in instr,
        f'{name}: the contents are a TOC field', instr[:200])
    toc = [text_of(p._p) for p in d.paragraphs  # entries are hyperlinks
           if re.fullmatch(r'toc \d', p.style.name)]
    say(toc == h.toc and toc, f'{name}: the contents field is pre-filled '
        f'with the {len(toc)} entries of the HTML contents',
        f'docx {toc[:4]} html {h.toc[:4]}')

    cp = d.core_properties
    say(cp.title.startswith(title) and 'Karen Holm' in cp.author and
        cp.language == 'da-DK' and str(cp.created).startswith(date),
        f'{name}: core properties (title, author, language, date)',
        f'{cp.title!r} {cp.author!r} {cp.language!r} {cp.created}')


def running_title(z):
    """The title in the .docx's running head (the header's first run)."""
    from xml.etree import ElementTree as ET
    if 'word/header1.xml' not in z.namelist():
        return None
    t = ET.fromstring(z.read('word/header1.xml')).find('.//' + W + 't')
    return t.text if t is not None and t.text else None


def words(path, ours, title):
    """The words of a PDF's text (pdftotext -raw) without its page
    furniture: page numbers (a page's last line), running heads (our PDF:
    the title and the chapter, drawn last before the number; the .docx's:
    its header, a page's first line, starting with the title), contents
    leaders and page
    numbers, "Tabel N (fortsat)" over a continued table. Words broken at
    a line end are joined; hyphens inside words are dropped (the two PDFs
    break lines in other places)."""
    pages = open(path, encoding='utf-8').read().split('\f')
    out = []
    for i, p in enumerate(pages):
        lines = [l for l in p.split('\n')]
        while lines and not lines[-1].strip():
            lines.pop()
        if lines and re.fullmatch(r'\s*\d+\s*', lines[-1]):
            lines.pop()
        if ours and lines and lines[-1].startswith(title + ' '):
            lines.pop()  # the running head: title and chapter
        if not ours and title and lines and lines[0].startswith(title):
            lines.pop(0)  # the .docx's header
        for l in lines:
            l = re.sub(r'(\s*\.){3,}\s*\d*\s*$', '', l)
            l = re.sub(r'^\s*(Tabel|Figur) \d+ \(fortsat\)\s*$', '', l)
            out.append(l)
    t = '\n'.join(out).replace('\u00ad', '')
    t = re.sub(r'(\w)[-\u2010]\n(\w)', r'\1\2', t)
    t = re.sub(r'(\w)[-\u2010](\w)', r'\1\2', t)
    # a note's number set against a word ("kon5") is two words
    return collections.Counter(re.findall(r'[^\W\d_]+|\d+', t))


def compare(ours_txt, word_txt, docx_path, title):
    """Our PDF's words equal LibreOffice's PDF's words of the .docx, but
    for the text of charts (a picture in Word: the SVG's labels are taken
    from the .docx) and table header rows repeated on continued pages
    (where each PDF breaks a table is its own)."""
    z = zipfile.ZipFile(docx_path)
    chart = collections.Counter()
    for n in z.namelist():
        if n.endswith('.svg'):
            s = z.read(n).decode('utf-8')
            s = re.sub(r'<title>.*?</title>', '', s, flags=re.S)
            for t in re.findall(r'>([^<>]+)<', s):
                chart.update(re.findall(r'[^\W\d_]+|\d+',
                                        t.replace('\u00ad', '')))
    from xml.etree import ElementTree as ET
    body = ET.fromstring(z.read('word/document.xml'))
    header = set()
    for tr in body.iter(W + 'tr'):
        if tr.find(W + 'trPr/' + W + 'tblHeader') is not None:
            cells = ' '.join(text_of(p) for p in tr.iter(W + 'p'))
            header.update(re.findall(r'[^\W\d_]+|\d+',
                                     re.sub(r'(\w)-(\w)', r'\1\2', cells)))
    a = words(ours_txt, True, title)
    b = words(word_txt, False, running_title(z))
    a_wo = a - chart
    only_ours = a_wo - b
    only_word = b - a_wo
    # pdftotext reads a table's cells line by line across the row, so a
    # word our PDF hyphenated in a cell may come out as two words apart
    # ("skre-" ... "vet"): a word of the .docx that is two such pieces
    # is the same word
    for w in list(only_word.elements()):
        for i in range(2, len(w) - 1):
            x, y = w[:i], w[i:]
            if only_ours[x] > 0 and only_ours[y] > 0:
                only_ours[x] -= 1
                only_ours[y] -= 1
                only_word[w] -= 1
                break
    only_ours, only_word = +only_ours, +only_word
    name = docx_path.split('/')[-1]
    stray = {w: n for w, n in (only_ours + only_word).items()
             if w not in header}
    total = sum(a_wo.values())
    print(f'    {name}: {total} words in our PDF (without {sum(chart.values())} '
          f'chart labels), {sum(b.values())} in LibreOffice\'s PDF of the .docx')
    print(f'    only in ours: {dict(sorted(only_ours.items()))}')
    print(f'    only in the .docx: {dict(sorted(only_word.items()))}')
    say(not stray and total > 1000,
        f'{name}: LibreOffice\'s PDF has the words of our PDF ({total}; the '
        'difference is only repeated table header words: '
        f'{sum((only_ours + only_word).values())})',
        f'other differences: {dict(sorted(stray.items()))}')


def table_break(pages_txt, docx_path):
    """The first page (1-based) on which a captioned table starts and whose
    next page begins with that table's header row again: a table Word
    breaks across pages, repeating its header. Prints nothing if none."""
    from xml.etree import ElementTree as ET
    z = zipfile.ZipFile(docx_path)
    body = ET.fromstring(z.read('word/document.xml'))
    heads, caption = [], None
    for el in body.find(W + 'body'):
        if el.tag == W + 'p':
            m = re.match(r'(Tabel \d+)\. ', text_of(el))
            caption = m.group(1) + '.' if m else None
        elif el.tag == W + 'tbl' and caption:
            tr = el.find(W + 'tr')
            if tr is not None and tr.find(W + 'trPr/' + W + 'tblHeader') \
                    is not None:
                heads.append((caption, ' '.join(
                    text_of(p) for p in tr.iter(W + 'p'))))
    pages = open(pages_txt, encoding='utf-8').read().split('\f')
    title = running_title(z)
    for caption, head in heads:
        for i, p in enumerate(pages[:-1]):
            nxt = [l for l in pages[i + 1].split('\n') if l.strip()]
            if title and nxt and nxt[0].startswith(title):
                nxt.pop(0)  # the running head
            if (any(l.startswith(caption + ' ') for l in p.split('\n')) and
                    nxt and norm(nxt[0]).startswith(norm(head))):
                print(i + 1)
                return


def pdf_lines(bbox_path):
    """The words of pdftotext -bbox as lines, top to bottom on each page:
    (page, y, [(x, word)] left to right). The words of a line need not
    come together in pdftotext's order (a table's cells)."""
    lines = {}
    page = 0
    for m in re.finditer(r'<page |<word xMin="([\d.]+)" yMin="([\d.]+)"'
                         r'[^>]*>([^<]*)</word>',
                         open(bbox_path, encoding='utf-8').read()):
        if m.group(0) == '<page ':
            page += 1
            continue
        x, y = float(m.group(1)), float(m.group(2))
        lines.setdefault((page, round(y * 2)), []).append(
            (x, html.unescape(m.group(3))))
    return [(p, y / 2, sorted(ws)) for (p, y), ws in sorted(lines.items())]


def widths(bbox_path, docx_path):
    """Every table's grid (w:gridCol) is the PDF's: in our PDF, the header
    row's left-aligned cells start where the sums of the grid's column
    widths say, measured from the first of them (within 1 pt: Word gets
    each column up to 0.1 pt wider, rounded to its twips). The
    tables are found in the PDF in document order by their header words."""
    from xml.etree import ElementTree as ET
    z = zipfile.ZipFile(docx_path)
    body = ET.fromstring(z.read('word/document.xml'))
    lines = pdf_lines(bbox_path)
    name = docx_path.split('/')[-1]
    at, checked, worst, bad = 0, 0, 0.0, []
    for n, tbl in enumerate(body.iter(W + 'tbl'), 1):
        grid = [int(g.get(W + 'w')) / 20 for g in tbl.iter(W + 'gridCol')]
        tr = tbl.find(W + 'tr')
        if tr is None or tr.find(W + 'trPr/' + W + 'tblHeader') is None:
            continue
        cells, col = [], 0  # (start of the cell in points, its first word)
        for tc in tr.findall(W + 'tc'):
            span = tc.find(W + 'tcPr/' + W + 'gridSpan')
            jc = tc.find('.//' + W + 'jc')
            words = text_of(tc).split()
            if words and (jc is None or jc.get(W + 'val') == 'left'):
                cells.append((sum(grid[:col]), words[0]))
            col += int(span.get(W + 'val')) if span is not None else 1
        if len(cells) < 2:
            continue

        def same(pdf_word, word):
            return pdf_word == word or (pdf_word.endswith('-') and
                                        word.startswith(pdf_word[:-1]))
        found = None
        for i in range(at, len(lines)):
            xs, k = [], 0
            for x, w in lines[i][2]:
                if k < len(cells) and same(w, cells[k][1]):
                    xs.append(x)
                    k += 1
            if k == len(cells):
                found, at = xs, i + 1
                break
        if not found:
            bad.append(f'table {n}: header {[c[1] for c in cells]} not '
                       'found in the PDF')
            continue
        checked += 1
        for (start, word), x in zip(cells, found):
            d = abs((x - found[0]) - (start - cells[0][0]))
            worst = max(worst, d)
            if d > 1.0:
                bad.append(f'table {n}, "{word}": the PDF has it at '
                           f'{x - found[0]:.1f} pt, the grid at '
                           f'{start - cells[0][0]:.1f} pt')
    say(not bad and checked >= 3,
        f'{name}: the column widths of {checked} tables are our PDF\'s '
        f'(largest difference {worst:.2f} pt)', '; '.join(bad[:4]))


def header(docx_path, title):
    """The running head: a header part in the Header style with the title
    (or its start, cut as the PDF cuts it) and a STYLEREF field for the
    chapter; the footer a PAGE field in the Footer style; both referenced
    by the section, which keeps the title page without them."""
    from xml.etree import ElementTree as ET
    z = zipfile.ZipFile(docx_path)
    name = docx_path.split('/')[-1]
    R = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'
    rels = ET.fromstring(z.read('word/_rels/document.xml.rels'))
    target = {r.get('Id'): r.get('Target') for r in rels}
    sect = ET.fromstring(z.read('word/document.xml')).find(
        W + 'body/' + W + 'sectPr')

    def part(kind):
        ref = sect.find(W + kind + 'Reference')
        if ref is None or ref.get(W + 'type') != 'default':
            return None, ''
        el = ET.fromstring(z.read('word/' + target[ref.get(R + 'id')]))
        styles = [s.get(W + 'val') for s in el.iter(W + 'pStyle')]
        instr = ''.join(t.text or '' for t in el.iter(W + 'instrText'))
        return (el, styles, instr), text_of(el)
    hdr, htext = part('header')
    ftr, _ = part('footer')
    short = htext.rstrip('\u2026').strip()
    say(hdr is not None and hdr[1] == ['Header'] and short and
        title.startswith(short) and 'STYLEREF "heading 1"' in hdr[2],
        f'{name}: a running head in the Header style: the title '
        f'("{htext}") and the chapter (STYLEREF)',
        f'{hdr and hdr[1:]} {htext!r}')
    say(ftr is not None and ftr[1] == ['Footer'] and 'PAGE' in ftr[2],
        f'{name}: the page number, a PAGE field in the Footer style',
        f'{ftr and ftr[1:]}')
    say(sect.find(W + 'titlePg') is not None,
        f'{name}: the title page has neither')


if __name__ == '__main__':
    if sys.argv[1] == 'structure':
        structure(*sys.argv[2:6])
    elif sys.argv[1] == 'break':
        table_break(*sys.argv[2:4])
    elif sys.argv[1] == 'widths':
        widths(*sys.argv[2:4])
    elif sys.argv[1] == 'header':
        header(*sys.argv[2:4])
    else:
        compare(*sys.argv[2:6])
