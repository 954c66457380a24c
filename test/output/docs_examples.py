#!/usr/bin/env python3
"""Runs the examples of the user documentation, so the docs cannot drift.

Usage: docs_examples.py CHOKEPOINT WORKDIR DOC.md...

Each fenced block is governed by the HTML comment on the line before it:

  <!-- file: NAME -->       the block is written to WORKDIR/NAME; a
                            topology (it holds "chokepoint") must then be
                            accepted: `check` exits 0 or 1, no error on
                            standard error.
  <!-- rejected: MESSAGE --> the block is a topology that must be rejected:
                            exit 2 and MESSAGE on standard error.
  <!-- run: ARGS -->        `chokepoint ARGS` runs in WORKDIR (after the
                            files above it); its standard output must be
                            the block, byte for byte. ARGS ending in 2>&1
                            takes standard error too; "; exit N" after ARGS
                            also checks the exit code.
  <!-- excerpt: ARGS -->    the block is JSON that must be a part of the
                            JSON `chokepoint ARGS` prints: every key given
                            has the value given, arrays match element by
                            element from the start ("..." is not allowed,
                            omit the keys instead).

A yaml or json block that holds "chokepoint:" / "chokepoint": with no
comment fails the test: every topology in the docs is checked.
"""

import json
import os
import re
import shlex
import subprocess
import sys

MARK = re.compile(r"^<!--\s*(file|rejected|run|excerpt):\s*(.*?)\s*-->$")


def blocks(path):
    """Yields (line number, marker kind, marker text, language, body)."""
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        fence = re.match(r"^(```+)(\w*)\s*$", lines[i])
        if not fence:
            i += 1
            continue
        start = i
        lang = fence.group(2)
        j = i + 1
        while j < len(lines) and lines[j] != fence.group(1):
            j += 1
        body = "".join(line + "\n" for line in lines[i + 1:j])
        k = start - 1
        while k >= 0 and lines[k].strip() == "":
            k -= 1
        mark = MARK.match(lines[k].strip()) if k >= 0 else None
        yield (start + 1, mark.group(1) if mark else None,
               mark.group(2) if mark else None, lang, body)
        i = j + 1


def contains(actual, part, where):
    """Checks that `part` is a part of `actual`; returns a list of problems."""
    if isinstance(part, dict):
        if not isinstance(actual, dict):
            return [f"{where}: expected an object"]
        out = []
        for key, value in part.items():
            if key not in actual:
                out.append(f"{where}: no key {key!r}")
            else:
                out += contains(actual[key], value, f"{where}.{key}")
        return out
    if isinstance(part, list):
        if not isinstance(actual, list) or len(actual) < len(part):
            return [f"{where}: expected an array of at least {len(part)}"]
        out = []
        for n, value in enumerate(part):
            out += contains(actual[n], value, f"{where}[{n}]")
        return out
    if actual != part or type(actual) is not type(part):
        return [f"{where}: {actual!r} in the output, {part!r} in the doc"]
    return []


def run(tool, workdir, args):
    return subprocess.run([tool] + args, cwd=workdir, capture_output=True,
                          text=True, encoding="utf-8")


def main():
    tool = os.path.abspath(sys.argv[1])
    workdir, docs = sys.argv[2], sys.argv[3:]
    os.makedirs(workdir, exist_ok=True)
    # The examples run in a repository of their own: SARIF and Markdown give
    # paths relative to its root, which chokepoint finds by its .git.
    os.makedirs(os.path.join(workdir, ".git"), exist_ok=True)
    failures = []
    checked = 0
    for doc in docs:
        name = os.path.basename(doc)
        for n, kind, text, lang, body in blocks(doc):
            here = f"{name}:{n}"
            topology = re.search(r'(^|[{\s"])chokepoint"?:\s*1', body)
            if kind is None:
                if lang in ("yaml", "json") and topology:
                    failures.append(f"{here}: topology block with no marker")
                continue
            checked += 1
            if kind == "file":
                os.makedirs(os.path.dirname(os.path.join(workdir, text)),
                            exist_ok=True)
                with open(os.path.join(workdir, text), "w",
                          encoding="utf-8") as f:
                    f.write(body)
                if not topology:
                    continue
                r = run(tool, workdir, ["check", "--fail-on", "never", text])
                if r.returncode != 0 or "error:" in r.stderr:
                    failures.append(f"{here}: {text} is not accepted "
                                    f"(exit {r.returncode}):\n{r.stderr}")
            elif kind == "rejected":
                ext = ".json" if lang == "json" else ".yaml"
                path = os.path.join(workdir, f"rejected-{n}{ext}")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(body)
                r = run(tool, workdir, ["check", path])
                if r.returncode != 2 or text not in r.stderr:
                    failures.append(f"{here}: expected exit 2 and {text!r}, "
                                    f"got exit {r.returncode}:\n{r.stderr}")
            elif kind == "run":
                args, _, code = text.partition("; exit ")
                args = shlex.split(args)
                both = args[-1:] == ["2>&1"]
                if both:
                    args = args[:-1]
                r = subprocess.run([tool] + args, cwd=workdir, text=True,
                                   encoding="utf-8", stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT if both
                                   else subprocess.PIPE)
                if r.stdout != body:
                    failures.append(f"{here}: `chokepoint {text}` printed:\n"
                                    f"{r.stdout}--- the doc shows:\n{body}")
                if code and r.returncode != int(code):
                    failures.append(f"{here}: `chokepoint {text}` exited "
                                    f"{r.returncode}")
            elif kind == "excerpt":
                r = run(tool, workdir, shlex.split(text))
                try:
                    actual = json.loads(r.stdout)
                except ValueError as e:
                    failures.append(f"{here}: output is not JSON: {e}")
                    continue
                try:
                    part = json.loads(body)
                except ValueError as e:
                    failures.append(f"{here}: the excerpt is not JSON: {e}")
                    continue
                for p in contains(actual, part, "$"):
                    failures.append(f"{here}: {p}")
    for f in failures:
        print("FAIL", f)
    print(f"{checked} examples checked, {len(failures)} failures")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
