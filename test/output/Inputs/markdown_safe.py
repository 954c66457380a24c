#!/usr/bin/env python3
"""Says whether a Markdown report lets input text act as syntax.

Usage: markdown_safe.py FILE

Prints one line per problem, then "N table rows, M mermaid lines checked":
- HTML: '<' or '>' anywhere but in the report's own tags (<!-- chokepoint
  -->, <details>, <summary>) and the mermaid arrows (-->);
- tables: a row whose count of unescaped '|' differs from its header's;
- mermaid: a label holding anything but letters, digits, spaces, '-', '.',
  '_' and #NNN; codes, or a line that is not a node, an edge or a class;
- mentions and references: a raw '@' or a '#' that is not part of an
  entity, an anchor (#L12) or the mermaid colour.
"""

import re
import sys

text = open(sys.argv[1], encoding="utf-8").read()
problems = []
ALLOWED = ["<!-- chokepoint -->", "<details><summary>", "</summary>",
           "</details>"]
rows = mermaid = 0
in_mermaid = False
header_pipes = None
for n, line in enumerate(text.split("\n"), 1):
    if line == "```mermaid":
        in_mermaid = True
        continue
    if in_mermaid:
        if line == "```":
            in_mermaid = False
            continue
        mermaid += 1
        label = r'"((?:[A-Za-z0-9 ._-]|#[0-9]+;)*)"'
        ok = (line == "flowchart LR" or
              re.fullmatch(r"  n[0-9]+\[" + label + r"\]", line) or
              re.fullmatch(r"  n[0-9]+ -->\|(?:[a-z-]+)\| n[0-9]+", line) or
              re.fullmatch(r"  class (n[0-9]+,)*n[0-9]+ finding", line) or
              line == "  classDef finding stroke:#d73a49,stroke-width:3px")
        if not ok:
            problems.append(f"line {n}: mermaid line {line!r}")
        continue
    rest = line
    for tag in ALLOWED:
        rest = rest.replace(tag, "")
    if "<" in rest or ">" in rest:
        problems.append(f"line {n}: raw HTML in {line!r}")
    if re.search(r"@", rest) or re.search(r"#(?![0-9]+;|L[0-9]+\))", rest.replace("### chokepoint", "")):
        problems.append(f"line {n}: raw '@' or '#' in {line!r}")
    if line.startswith("|"):
        pipes = len(re.findall(r"(?<!\\)\|", line))
        if header_pipes is None or line.startswith("| severity |"):
            header_pipes = pipes
        elif pipes != header_pipes:
            problems.append(f"line {n}: {pipes} cells separators, expected "
                            f"{header_pipes}: {line!r}")
        rows += 1
    else:
        header_pipes = None
for p in problems:
    print(p)
print(f"{rows} table rows, {mermaid} mermaid lines checked")
