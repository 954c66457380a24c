#!/usr/bin/env python3
"""Builds the fuzzers' seed corpora from the inputs the project already has.

Usage: make_corpus.py SPLIT_FILE SOURCE_ROOT OUT

Writes OUT/yaml and OUT/json, one file per distinct input (named by its
SHA-1, as libFuzzer names what it finds), from:
- every split-file part of the lit tests (test/**/*.test), cut by the
  split-file the tests themselves use, so a seed is exactly what a test reads;
- samples/**/*.yaml, *.yml and *.json;
- every ```yaml and ```json block of the documentation (docs/**/*.md).
OUT is replaced, so a seed taken out of the tests leaves the corpus too.
OUT/manifests holds each test of test/manifests/ and test/samples/ whole, from
its first `#--- ` line: the kubernetes target cuts an input into files at
those lines, so a seed is a folder of manifests as a test gives it.
"""

import hashlib
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

KINDS = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
FENCE = re.compile(r"^```(\w*)\s*$")


def from_tests(split_file, root):
    """(kind, bytes) of every YAML and JSON part of the split-file tests."""
    for test in sorted((root / "test").rglob("*.test")):
        if "split-file" not in test.read_text(encoding="utf-8", errors="replace"):
            continue
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([split_file, "--no-leading-lines", str(test), out],
                           check=True)
            for part in sorted(pathlib.Path(out).rglob("*")):
                if part.is_file() and part.suffix in KINDS:
                    yield KINDS[part.suffix], part.read_bytes()


def manifest_tests(root):
    """Each manifest test's split-file parts, whole, with their markers."""
    for folder in ("manifests", "samples"):
        for test in sorted((root / "test" / folder).glob("*.test")):
            text = test.read_text(encoding="utf-8", errors="replace")
            at = text.find("\n#--- ")
            if at >= 0:
                yield "manifests", text[at + 1:].encode()


def from_samples(root):
    for path in sorted((root / "samples").rglob("*")):
        if path.is_file() and path.suffix in KINDS:
            yield KINDS[path.suffix], path.read_bytes()


def from_docs(root):
    """Fenced yaml and json blocks, as written in the page."""
    for page in sorted((root / "docs").rglob("*.md")):
        lang, body = None, []
        for line in page.read_text(encoding="utf-8").split("\n"):
            if lang is None:
                m = FENCE.match(line)
                if m:
                    lang, body = m.group(1), []
            elif line.rstrip() == "```":
                if lang in ("yaml", "json"):
                    yield lang, ("\n".join(body) + "\n").encode()
                lang = None
            else:
                body.append(line)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    split_file, root, out = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    shutil.rmtree(out, ignore_errors=True)
    counts = {}
    for kind, data in [*from_tests(split_file, root), *from_samples(root),
                       *from_docs(root), *manifest_tests(root)]:
        folder = out / kind
        folder.mkdir(parents=True, exist_ok=True)
        seed = folder / hashlib.sha1(data).hexdigest()
        if not seed.exists():
            seed.write_bytes(data)
            counts[kind] = counts.get(kind, 0) + 1
    print("fuzz seeds: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))


if __name__ == "__main__":
    main()
