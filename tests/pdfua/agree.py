"""tests/pdfua/agree.py FILE.pdf - prints, one per line, each way the XMP
metadata and the document information dictionary of FILE.pdf disagree
(PDF/A-2 6.6.2.3 requires them to be equivalent), and 'pdfaid' lines if
the PDF/A-2a identification or the sRGB output intent is missing. Prints
nothing for a file where they agree. Run with /usr/bin/python3."""
import sys
import xml.etree.ElementTree as ET

import pikepdf

NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/",
      "xmp": "http://ns.adobe.com/xap/1.0/",
      "pdf": "http://ns.adobe.com/pdf/1.3/",
      "pdfaid": "http://www.aiim.org/pdfa/ns/id/"}


def xmp_date(d):
    """'D:20250630120000Z00'00'' -> '2025-06-30T12:00:00Z'."""
    d = d[2:]
    s = "%s-%s-%sT%s:%s:%s" % (d[0:4], d[4:6], d[6:8], d[8:10], d[10:12], d[12:14])
    z = d[14:]
    if not z or z[0] == "Z":
        return s + "Z"
    return s + z[0] + z[1:3] + ":" + z[4:6]


def main(path):
    with pikepdf.open(path) as pdf:
        root = ET.fromstring(pdf.Root.Metadata.read_bytes())
        info = pdf.docinfo
        def one(tag):
            el = root.find(".//" + tag, NS)
            if el is None:
                return None
            li = el.find(".//rdf:li", NS)
            return (li if li is not None else el).text
        pairs = [("/Title", "dc:title", str), ("/Author", "dc:creator", str),
                 ("/Subject", "dc:description", str), ("/Keywords", "pdf:Keywords", str),
                 ("/Producer", "pdf:Producer", str), ("/Creator", "xmp:CreatorTool", str),
                 ("/CreationDate", "xmp:CreateDate", xmp_date),
                 ("/ModDate", "xmp:ModifyDate", xmp_date)]
        for key, tag, conv in pairs:
            a = conv(str(info[key])) if key in info else None
            b = one(tag)
            # "+00:00" and "Z" are the same zone
            if a and b and tag.startswith("xmp:"):
                a, b = a.replace("+00:00", "Z"), b.replace("+00:00", "Z")
            if a != b:
                print("%s %r but %s %r" % (key[1:], a, tag, b))
        if one("pdfaid:part") != "2" or one("pdfaid:conformance") != "A":
            print("pdfaid: not PDF/A-2a")
        oi = pdf.Root.get("/OutputIntents")
        if not oi or oi[0].get("/S") != pikepdf.Name.GTS_PDFA1 or \
                "/DestOutputProfile" not in oi[0]:
            print("pdfaid: no GTS_PDFA1 output intent with a profile")


if __name__ == "__main__":
    main(sys.argv[1])
