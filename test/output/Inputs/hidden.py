#!/usr/bin/env python3
"""Says, for each file, whether it holds a hidden character written raw
(a control other than tab and line break, a format character such as a
bidi control or a zero-width space, U+2028 or U+2029) and, for .json files,
'<', '>' or '&'. Each one found is named."""

import sys
import unicodedata

for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    found = sorted({f"U+{ord(c):04X}" for c in text
                    if c not in "\t\n" and unicodedata.category(c) in
                    ("Cc", "Cf", "Zl", "Zp")})
    line = f"{path}: " + ("hidden " + ", ".join(found) if found
                          else "no hidden characters")
    if path.endswith(".json"):
        markup = sorted({c for c in text if c in "<>&"})
        line += ", markup " + " ".join(markup) if markup else ", no markup"
    print(line)
