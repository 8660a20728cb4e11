#!/bin/sh
# images.sh - bad images (issue 14, item 2): each broken PNG or JPEG is an
# input error at the chapter line that references it (exit 1, naming the
# image), found before anything is written, so the last good PDF and HTML
# stay byte for byte; good images still reach both outputs; `rapport watch`
# reports a bad image and keeps running. The broken files are made here.
. tests/lib.sh

# gen KIND OUT [JPEG]: writes a PNG (or a JPEG made from JPEG) of that kind
gen() {
  python3 - "$@" <<'PY'
import os, struct, sys, zlib
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
def ihdr(w, h):
    return chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 6, 0, 0, 0))
SIG = b'\x89PNG\r\n\x1a\n'
def png(w, h, idat, extra=b''):
    return SIG + ihdr(w, h) + extra + chunk(b'IDAT', idat) + chunk(b'IEND', b'')
# 40 x 20 RGBA, the right half half transparent
rows = b''.join(b'\0' + b''.join(bytes([x * 6, 80, 160, 255 if x < 20 else 90])
                                 for x in range(40)) for y in range(20))
good = png(40, 20, zlib.compress(rows))
def far():
    # a fixed-Huffman deflate block whose first symbol is a match (length 3,
    # distance 1) before any byte was written: "invalid distance too far back"
    bits = [1, 1, 0] + [0, 0, 0, 0, 0, 0, 1] + [0] * 5 + [0] * 7
    b = sum(v << i for i, v in enumerate(bits)).to_bytes(3, 'little')
    return b'\x78\x01' + b + b'\0\0\0\1'
def sof(j, w, h):
    j = bytearray(j); i = 2
    while j[i + 1] not in (0xc0, 0xc1, 0xc2):
        i += 2 + (j[i + 2] << 8 | j[i + 3])
    j[i + 5:i + 9] = struct.pack('>HH', h, w)
    return bytes(j)
kind, out = sys.argv[1], sys.argv[2]
i = good.index(b'IDAT') - 4
d = {
    'good': lambda: good,
    'truncated': lambda: good[:len(good) * 2 // 3],
    'crc': lambda: good[:i + 8] + bytes([good[i + 8] ^ 0x55]) + good[i + 9:],
    'far': lambda: png(40, 20, far()),
    'huge': lambda: png(20000, 20000, zlib.compress(b'\0' * 100)),
    'zero': lambda: png(0, 0, zlib.compress(b'')),
    'ztxt': lambda: good[:i] + chunk(b'zTXt', b'Comment\0\0' + os.urandom(3 << 20)) + good[i:],
    'iccp': lambda: good[:i] + chunk(b'iCCP', b'icc\0\0' + os.urandom(3 << 20)) + good[i:],
    'bomb': lambda: good[:i] + chunk(b'zTXt', b'Comment\0\0' + zlib.compress(b'\0' * (300 << 20), 9)) + good[i:],
    'text': lambda: b'Dette er ikke et billede.\n',
    'jpegcut': lambda: open(sys.argv[3], 'rb').read()[:-700],
    'jpeghuge': lambda: sof(open(sys.argv[3], 'rb').read(), 65000, 65000),
}[kind]()
open(out, 'wb').write(d)
PY
}

P=$TMP/p; O=$TMP/o
mkdir -p "$P"
cat >"$P/rapport.lua" <<'LUA'
return { title = "T", lang = "da", theme = "klassisk", chapters = { "k.md" },
  editions = { { name = "r", title = "R" } } }
LUA
printf '# Kapitel\n\n![Figuren](fig.png)\n\nTekst.\n' >"$P/k.md"

# the good build: both outputs, the PNG with its transparency
gen good "$P/fig.png"
check_status "a good PNG builds" 0 "$RAPPORT" build "$P" --out "$O"
pdfimages -list "$O/r.pdf" >"$TMP/list" 2>&1
check_contains "the PNG is in the PDF" "$TMP/list" "image      40    20  rgb"
check_contains "its transparency is the PDF image's soft mask" "$TMP/list" "smask      40    20  gray"
check_contains "the PNG is in the HTML" "$O/r.html" 'width="40" height="20" src="data:image/png;base64,iVBORw0KGgo'
check_contains "the image is a source in rapport.d (make rebuilds on a save)" \
  "$O/.rapport/r.d" "/fig.png"
# a real JPEG, from the good PDF
pdftoppm -jpeg -r 40 -singlefile "$O/r.pdf" "$TMP/side"
cp "$TMP/side.jpg" "$P/fig.jpg"
sed 's/fig\.png/fig.jpg/' "$P/k.md" >"$TMP/k.md" && cp "$TMP/k.md" "$P/k.md"
check_status "a good JPEG builds" 0 "$RAPPORT" build "$P" --out "$O"
pdfimages -list "$O/r.pdf" >"$TMP/list" 2>&1
check_contains "the JPEG is in the PDF as it is" "$TMP/list" "jpeg"
check_contains "the JPEG is in the HTML" "$O/r.html" 'src="data:image/jpeg;base64,/9j/'
cp "$O/r.pdf" "$TMP/last.pdf"; cp "$O/r.html" "$TMP/last.html"

# bad CASE KIND FILE REASON: FILE (fig.png or fig.jpg) of kind KIND fails the
# build at k.md:3:1 with REASON, and the last outputs stay as they were
bad() {
  name=$1; kind=$2; file=$3; reason=$4
  rm -f "$P/fig.png"
  gen "$kind" "$P/fig.png" "$TMP/side.jpg"
  [ "$file" = fig.jpg ] && mv "$P/fig.png" "$P/fig.jpg"
  sed "s/fig\.[a-z]*)/$file)/" "$P/k.md" >"$TMP/k.md" && cp "$TMP/k.md" "$P/k.md"
  timeout 60 "$RAPPORT" build "$P" --out "$O" >"$TMP/out" 2>&1
  got=$?
  msg="k.md:3:1: fejl: billedet '$file' kan ikke læses: $reason"
  if [ "$got" = 1 ] && grep -qF -- "$msg" "$TMP/out"; then
    pass "$name: exit 1, at the chapter line"
  else
    fail "$name: exit $got (want 1), message wanted: $msg"
    sed 's/^/    /' "$TMP/out" | head -5
  fi
  if cmp -s "$O/r.pdf" "$TMP/last.pdf" && cmp -s "$O/r.html" "$TMP/last.html"
  then pass "$name: the last PDF and HTML are unchanged"
  else fail "$name: an output changed"; fi
  [ -n "${SHOW:-}" ] && grep fejl "$TMP/out" | sed 's/^/    /'
  rm -f "$P/fig.jpg"
}
bad "truncated PNG" truncated fig.png "filen er afkortet (blokken IDAT slutter efter filens ende); gem det igen som PNG eller JPEG"
bad "PNG with a CRC error in IDAT" crc fig.png "blokken IDAT er beskadiget (forkert kontrolsum)"
bad "PNG with a corrupt zlib stream" far fig.png "PNG-dataene er beskadiget (libpng: IDAT: invalid distance too far back)"
bad "PNG claiming 20000x20000" huge fig.png "det er 20000 × 20000 punkter (400 megapixel; højst 40); gem det i en lavere opløsning"
bad "PNG of 0x0" zero fig.png "det er 0 × 0 punkter stort"
bad "PNG with a 3 MB zTXt chunk" ztxt fig.png "metadatablokken zTXt fylder 3,0 MB (højst 1 MB); gem det igen uden metadata"
bad "PNG with a 3 MB iCCP chunk" iccp fig.png "metadatablokken iCCP fylder 3,0 MB"
bad "text file named .png" text fig.png "det er hverken PNG, JPEG, GIF, WebP eller SVG; gem det igen som PNG eller JPEG"
bad "truncated JPEG" jpegcut fig.jpg "filen er afkortet (JPEG-slutmarkøren mangler)"
bad "JPEG claiming 65000x65000" jpeghuge fig.jpg "det er 65000 × 65000 punkter (4225 megapixel; højst 40)"
# over the file size limit (a sparse file: nothing is read)
rm -f "$P/fig.png"; truncate -s 40M "$P/fig.png"
sed "s/fig\.[a-z]*)/fig.png)/" "$P/k.md" >"$TMP/k.md" && cp "$TMP/k.md" "$P/k.md"
check_status "a 40 MB image: exit 1" 1 "$RAPPORT" build "$P" --out "$O"
check_contains "a 40 MB image: the size is named" "$TMP/out" "k.md:3:1: fejl: billedet 'fig.png' kan ikke læses: filen fylder 40,0 MB (højst 32 MB)"
# a zTXt that inflates to 300 MB is not inflated: metadata is skipped
gen bomb "$P/fig.png"
start=$(date +%s)
check_status "a PNG with a zTXt bomb builds" 0 "$RAPPORT" build "$P" --out "$O"
check_eq "the zTXt bomb is not inflated (build under 10 s)" \
  "$(( $(date +%s) - start < 10 ))" 1

# PNG variants: libpng's transforms give the PDF the right pixels.
# variant KIND OUT writes a PNG of that kind; variant KIND - FILES... prints
# "same" if pdfimages' files hold the pixels it should decode to (colour,
# then the soft mask if any), else what differs.
variant() {
  python3 - "$@" <<'PY'
import struct, sys, zlib
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
W, H = 13, 9
def pix(x, y):  # RGBA, 16-bit
    return ((x * 5000) & 0xffff, (y * 7000) & 0xffff, ((x + y) * 3000) & 0xffff,
            0xffff if (x + y) % 3 else (x * 4000) & 0xffff)
def pack(vals, bits):
    out, acc, n = bytearray(), 0, 0
    for v in vals:
        acc = acc << bits | v; n += bits
        while n >= 8:
            n -= 8; out.append(acc >> n & 255)
    if n: out.append(acc << (8 - n) & 255)
    return bytes(out)
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
def png(ct, depth, row, interlace=0, extra=b''):
    if interlace:
        data = b''
        for x0, y0, dx, dy in ADAM7:
            xs = range(x0, W, dx)
            if not len(xs): continue
            for y in range(y0, H, dy): data += b'\0' + row(y, xs)
    else:
        data = b''.join(b'\0' + row(y, range(W)) for y in range(H))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', W, H, depth, ct, 0, 0, interlace))
            + extra + chunk(b'IDAT', zlib.compress(data)) + chunk(b'IEND', b''))
kind, out = sys.argv[1], sys.argv[2]
if kind == 'palette':  # 8-bit palette, 4 colours, one half transparent
    pal = [(200, 10, 10), (10, 200, 10), (10, 10, 200), (90, 90, 90)]
    idx = lambda x, y: (x + 2 * y) % 4
    d = png(3, 8, lambda y, xs: bytes(idx(x, y) for x in xs),
            extra=chunk(b'PLTE', b''.join(bytes(c) for c in pal)) + chunk(b'tRNS', bytes([255, 128, 255, 255])))
    want = [('P6', bytes(v for y in range(H) for x in range(W) for v in pal[idx(x, y)])),
            ('P5', bytes((255, 128, 255, 255)[idx(x, y)] for y in range(H) for x in range(W)))]
elif kind == 'gray2':  # 2-bit grey: 0..3 -> 0, 85, 170, 255
    v = lambda x, y: (x * y) % 4
    d = png(0, 2, lambda y, xs: pack([v(x, y) for x in xs], 2))
    want = [('P5', bytes(v(x, y) * 85 for y in range(H) for x in range(W)))]
elif kind == 'ga16':  # 16-bit grey + alpha: the high bytes
    d = png(4, 16, lambda y, xs: b''.join(struct.pack('>HH', pix(x, y)[0], pix(x, y)[3]) for x in xs))
    want = [('P5', bytes(pix(x, y)[0] >> 8 for y in range(H) for x in range(W))),
            ('P5', bytes(pix(x, y)[3] >> 8 for y in range(H) for x in range(W)))]
elif kind == 'rgb16i':  # 16-bit RGB, interlaced (Adam7)
    d = png(2, 16, lambda y, xs: b''.join(struct.pack('>HHH', *pix(x, y)[:3]) for x in xs), interlace=1)
    want = [('P6', bytes(c >> 8 for y in range(H) for x in range(W) for c in pix(x, y)[:3]))]
elif kind == 'opaque':  # RGBA, every pixel opaque: no soft mask
    d = png(6, 8, lambda y, xs: bytes(v for x in xs for v in (x * 19, y * 27, 77, 255)))
    want = [('P6', bytes(v for y in range(H) for x in range(W) for v in (x * 19, y * 27, 77)))]
if len(sys.argv) == 3:
    open(out, 'wb').write(d)
    sys.exit(0)
got = []
for f in sys.argv[3:]:
    b = open(f, 'rb').read()
    magic, w, h, mx, body = b.split(maxsplit=4)
    got.append((magic.decode(), body))
# pdfimages writes grey images as PPM too: compare as RGB
rgb = lambda m, b: b if m == 'P6' else bytes(v for g in b for v in (g, g, g))
if [rgb(*i) for i in got] == [rgb(*i) for i in want]:
    print('same')
else:
    print('want %s, got %s' % ([(m, len(b)) for m, b in want], [(m, len(b)) for m, b in got]))
PY
}
for k in palette gray2 ga16 rgb16i opaque; do
  variant "$k" "$P/fig.png"
  sed "s/fig\.[a-z]*)/fig.png)/" "$P/k.md" >"$TMP/k.md" && cp "$TMP/k.md" "$P/k.md"
  if "$RAPPORT" build "$P" --out "$O" >"$TMP/out" 2>&1; then
    rm -rf "$TMP/img"; mkdir "$TMP/img"
    pdfimages "$O/r.pdf" "$TMP/img/i"
    # shellcheck disable=SC2046 # one argument per extracted image
    check_eq "PNG $k: the PDF has its pixels" \
      "$(variant "$k" - $(ls "$TMP/img/"* | sort))" same
  else
    fail "PNG $k does not build"; sed 's/^/    /' "$TMP/out" | head -3
  fi
done

# watch: a bad image is reported, the watcher keeps running and rebuilds
gen good "$P/fig.png"
"$RAPPORT" watch "$P" --port 0 --out "$TMP/w" >"$TMP/watch.log" 2>&1 &
pid=$!
for i in $(seq 1 100); do [ -s "$TMP/w/r.pdf" ] && break; sleep 0.1; done
gen far "$P/fig.png.tmp" && mv "$P/fig.png.tmp" "$P/fig.png"
for i in $(seq 1 100); do grep -q "invalid distance" "$TMP/watch.log" && break; sleep 0.1; done
check_contains "watch reports the bad image" "$TMP/watch.log" "k.md:3:1: fejl: billedet 'fig.png' kan ikke læses"
if kill -0 $pid 2>/dev/null; then pass "watch keeps running after a bad image"; else
  fail "watch died on a bad image"; fi
n0=$(grep -c Genopbygget "$TMP/watch.log")
gen good "$P/fig.png.tmp" && mv "$P/fig.png.tmp" "$P/fig.png"
for i in $(seq 1 100); do
  [ "$(grep -c Genopbygget "$TMP/watch.log")" -gt "$n0" ] && break; sleep 0.1; done
check_eq "watch rebuilds once the image is fixed" \
  "$(( $(grep -c Genopbygget "$TMP/watch.log") > n0 ))" 1
kill -INT $pid 2>/dev/null
wait $pid 2>/dev/null
