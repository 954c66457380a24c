#!/usr/bin/env python3
"""Prints the first line of standard input (every line with --all) with
Python's repr(), so escape codes show as \\x1b."""

import sys

lines = sys.stdin.buffer.read().decode("utf-8", "replace").split("\n")
for line in lines if "--all" in sys.argv else lines[:1]:
    if line or "--all" not in sys.argv:
        print(repr(line))
