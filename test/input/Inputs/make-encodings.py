#!/usr/bin/env python3
"""Writes the inputs of encoding.test into the current folder.

Bytes that are not text (NUL, invalid UTF-8, UTF-16) cannot sit in a lit
test file, so they are made here, byte by byte, the same on every run.
"""

TOPOLOGY = "chokepoint: 1\nservices:\n  api: {}\n"


def lcg_bytes(seed, n):
    """n pseudo-random bytes from a fixed linear congruential generator (the
    C standard's example), so the 'binary garbage' never changes."""
    out = bytearray()
    x = seed
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2**31
        out.append(x >> 16 & 0xFF)
    return bytes(out)


FILES = {
    # Binary garbage: starts 68 b6 1b ..., and 0xB6 cannot start a UTF-8
    # character.
    "binary.yaml": lcg_bytes(2026, 4096),
    "binary.json": lcg_bytes(2026, 4096),
    "nul.yaml": b"chokepoint: 1\nservices:\n  a\x00b: {}\n",
    "nul.json": b'{"chokepoint": 1, "services": {"a\x00b": {}}}\n',
    # "caf\xe9" is Latin-1: 0xE9 would start a 3-byte character, and ':' is
    # not a continuation byte.
    "latin1.yaml": b"chokepoint: 1\nservices:\n  caf\xe9: {}\n",
    "latin1.json": b'{"chokepoint": 1, "services": {"caf\xe9": {}}}\n',
    # '/' written in two bytes (overlong), a UTF-16 surrogate written as
    # UTF-8, and a character cut by the end of the file.
    "overlong.yaml": b"chokepoint: 1\nservices:\n  a\xc0\xafb: {}\n",
    "surrogate.yaml": b"chokepoint: 1\nservices:\n  a\xed\xa0\x80b: {}\n",
    "cut.yaml": b"chokepoint: 1\nservices:\n  api: {zone: \xe2\x82",
    # UTF-16 and UTF-32, with and without a byte order mark.
    "utf16le-bom.yaml": TOPOLOGY.encode("utf-16"),
    "utf16be-bom.yaml": b"\xfe\xff" + TOPOLOGY.encode("utf-16-be"),
    "utf16le.yaml": TOPOLOGY.encode("utf-16-le"),
    "utf16be.json": '{"chokepoint": 1}'.encode("utf-16-be"),
    "utf32.yaml": TOPOLOGY.encode("utf-32"),
    # Control characters YAML does not allow: form feed, DEL, and U+0080
    # (a C1 control, two bytes in UTF-8); U+0085 (next line) is allowed.
    "formfeed.yaml": b"chokepoint: 1\nservices:\n  api: {}\x0c\n",
    "del.yaml": b"chokepoint: 1\nservices:\n  a\x7fb: {}\n",
    "c1.yaml": b"chokepoint: 1\nservices:\n  a\xc2\x80b: {}\n",
    "formfeed.json": b'{\x0c"chokepoint": 1}\n',
    # A UTF-8 byte order mark is fine, in both formats.
    "bom.yaml": b"\xef\xbb\xbfchokepoint: 1\nservices:\n  api: {replicas: 2}\n",
    "bom.json": b'\xef\xbb\xbf{"chokepoint": 1, "services": {"api": {"replicas": 3}}}\n',
}

for name, data in FILES.items():
    with open(name, "wb") as f:
        f.write(data)
