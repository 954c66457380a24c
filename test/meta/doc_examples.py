#!/usr/bin/env python3
"""Runs the examples of doc pages and compares their output, doctest style.

Usage: doc_examples.py CHOKEPOINT DOC.md...

In each page, in order:
- a ```yaml (or ```json) block whose first line is a comment `# NAME`
  (NAME ending in .yaml, .yml or .json) is written to NAME, the whole block
  included, so the line numbers shown in the page are the file's;
- a ```console block holds commands (`$ chokepoint ...`), each followed by
  the exact output it must print (standard output and error together).
Each page runs in a fresh temporary folder. Prints every difference as a
diff naming the page and the command, then exits 1.
"""

import difflib
import os
import re
import shlex
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^```(\w*)\s*$")
NAMED = re.compile(r"^# ([\w.-]+\.(?:ya?ml|json))\s*$")


def blocks(text):
    """Yields (language, lines) for each fenced block."""
    lang, body = None, []
    for line in text.split("\n"):
        m = FENCE.match(line)
        if lang is None:
            if m:
                lang, body = m.group(1), []
        elif line.rstrip() == "```":
            yield lang, body
            lang = None
        else:
            body.append(line)


def commands(lines):
    """Splits a console block into (command, expected output lines)."""
    out = []
    for line in lines:
        if line.startswith("$ "):
            out.append((line[2:], []))
        elif out:
            out[-1][1].append(line)
    return out


def check_page(tool, page):
    failures, ran = 0, 0
    with open(page, encoding="utf-8") as f:
        text = f.read()
    with tempfile.TemporaryDirectory() as work:
        for lang, body in blocks(text):
            if lang in ("yaml", "json") and body and NAMED.match(body[0]):
                name = NAMED.match(body[0]).group(1)
                with open(os.path.join(work, name), "w", encoding="utf-8") as f:
                    f.write("\n".join(body) + "\n")
            elif lang == "console":
                for cmd, expected in commands(body):
                    argv = shlex.split(cmd)
                    if argv[0] != "chokepoint":
                        print(f"{page}: console command must start with "
                              f"'chokepoint': {cmd}", file=sys.stderr)
                        failures += 1
                        continue
                    r = subprocess.run([tool] + argv[1:], cwd=work,
                                       stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, text=True)
                    ran += 1
                    actual = r.stdout.rstrip("\n").split("\n")
                    if actual != expected:
                        failures += 1
                        print(f"{page}: output of '$ {cmd}' differs:",
                              file=sys.stderr)
                        sys.stderr.writelines(
                            l + "\n" for l in difflib.unified_diff(
                                expected, actual, "documented", "actual",
                                lineterm=""))
    return failures, ran


def main(argv):
    if len(argv) < 3:
        print("usage: doc_examples.py CHOKEPOINT DOC.md...", file=sys.stderr)
        return 2
    failures, ran = 0, 0
    for page in argv[2:]:
        f, r = check_page(os.path.abspath(argv[1]), page)
        failures += f
        ran += r
        if r == 0:
            print(f"{page}: no examples to run", file=sys.stderr)
            failures += 1
    if failures:
        return 1
    print(f"doc_examples: {ran} commands in {len(argv) - 2} pages print what "
          f"the pages say")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
