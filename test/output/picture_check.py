#!/usr/bin/env python3
"""Reads chokepoint's pictures the way a tool would, for the lit tests.

Usage: picture_check.py FILE...

For each FILE (.dot, .svg or .html) prints, one fact a line:
  FILE: N hidden      characters that hide or reorder text (controls, bidi
                      controls, zero-width and other format characters,
                      U+2028/U+2029), each also listed as FILE:LINE: U+XXXX
  FILE: svg parses    the SVG (for .html, the <svg> embedded in the page)
                      read by xml.etree, then each node, edge and cluster id
                      in document order, as "  id ID"
  FILE: html          for .html, the elements html.parser finds outside the
                      SVG, as "  <TAG>" once per tag with its count, and
                      whether the JSON of each data script parses
Never fails by itself on what it finds: the test's FileCheck judges.
"""

import collections
import html.parser
import json
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET


def hidden(c):
    return not (c.isprintable() or unicodedata.category(c) == "Zs"
                or c in "\n\t")


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = collections.Counter()
        self.in_svg = 0
        self.script = None
        self.data_scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self.in_svg += 1
        if not self.in_svg:
            self.tags[tag] += 1
        if tag == "script":
            self.script = (dict(attrs).get("type", ""), [])

    def handle_endtag(self, tag):
        if tag == "svg":
            self.in_svg -= 1
        if tag == "script" and self.script:
            if self.script[0] == "application/json":
                self.data_scripts.append("".join(self.script[1]))
            self.script = None

    def handle_data(self, data):
        if self.script:
            self.script[1].append(data)


def main():
    for path in sys.argv[1:]:
        text = open(path, encoding="utf-8").read()
        hits = [(n, c) for n, line in enumerate(text.split("\n"), 1)
                for c in line if hidden(c)]
        print("%s: %d hidden" % (path, len(hits)))
        for n, c in hits:
            print("%s:%d: U+%04X" % (path, n, ord(c)))
        if path.endswith(".dot"):
            continue
        svg = text
        if path.endswith(".html"):
            m = re.search(r"<svg\b.*</svg>", text, re.S)
            svg = m.group(0) if m else ""
        try:
            root = ET.fromstring(svg)
            print("%s: svg parses" % path)
            for g in root.iter("{http://www.w3.org/2000/svg}g"):
                if g.get("class", "").split(" ")[0] in ("node", "edge",
                                                        "cluster"):
                    print("  id %s" % g.get("id"))
        except ET.ParseError as e:
            print("%s: svg does not parse: %s" % (path, e))
        if path.endswith(".html"):
            page = Page()
            page.feed(text)
            page.close()
            print("%s: html" % path)
            for tag in sorted(page.tags):
                print("  <%s> %d" % (tag, page.tags[tag]))
            for data in page.data_scripts:
                try:
                    json.loads(data)
                    print("  data script: JSON parses")
                except ValueError as e:
                    print("  data script: not JSON: %s" % e)


if __name__ == "__main__":
    main()
