#!/usr/bin/env python3
"""Lays out a compact JSON document as chokepoint's tests read it.

Usage: json_pretty.py [FILE]   (standard input when no FILE)

chokepoint writes its JSON report compact, on one line. The tests check it
key by key, so they read it through this: two-space indentation, a member
or element per line, "key": value, {} and [] when empty (the layout of
llvm::json::OStream with an indent of 2). It moves only whitespace: strings
and numbers are copied byte for byte, escapes included, so the tests still
see exactly the bytes chokepoint wrote. Text after the document (another
document, as with several outputs) is laid out the same way.
"""

import sys


def pretty(data):
    out = []
    depth = 0
    # Per open bracket: whether it has a member yet.
    stack = []
    i, n = 0, len(data)
    after_colon = False

    def begin_value():
        nonlocal after_colon
        if after_colon:
            after_colon = False
            return
        if stack:
            if stack[-1]:
                out.append(b",")
            stack[-1] = True
            out.append(b"\n" + b"  " * depth)

    while i < n:
        c = data[i:i + 1]
        if c in b" \t\r\n":
            i += 1
            if not stack and out and out[-1] != b"\n":
                out.append(b"\n")  # between documents
            continue
        if c == b",":
            i += 1
            continue
        if c == b":":
            out.append(b": ")
            after_colon = True
            i += 1
            continue
        if c in b"{[":
            begin_value()
            out.append(c)
            stack.append(False)
            depth += 1
            i += 1
            continue
        if c in b"}]":
            depth -= 1
            if stack.pop():
                out.append(b"\n" + b"  " * depth)
            out.append(c)
            i += 1
            if not stack:
                out.append(b"\n")
            continue
        if c == b'"':
            # A key is a string followed by ':'; it starts a member.
            j = i + 1
            while data[j:j + 1] != b'"':
                j += 2 if data[j:j + 1] == b"\\" else 1
            begin_value()
            out.append(data[i:j + 1])
            i = j + 1
            if not stack:
                out.append(b"\n")
            continue
        j = i
        while j < n and data[j:j + 1] not in b" \t\r\n,:]}":
            j += 1
        begin_value()
        out.append(data[i:j])
        i = j
        if not stack:
            out.append(b"\n")
    text = b"".join(out)
    while b"\n\n" in text:
        text = text.replace(b"\n\n", b"\n")
    return text


def main():
    if len(sys.argv) > 1:
        with open(sys.argv[1], "rb") as f:
            data = f.read()
    else:
        data = sys.stdin.buffer.read()
    sys.stdout.buffer.write(pretty(data))


if __name__ == "__main__":
    main()
