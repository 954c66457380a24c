#!/usr/bin/env python3
"""Writes the inputs of long-keys.test: keys just past YAML's 1024-character
limit for implicit keys, in every style, and keys that are fine."""

LONG = "k" * 1025
WIDE = "\u00e9" * 1024  # 1024 characters, 2048 bytes: at the limit
HEAD = "chokepoint: 1\nservices:\n"
FILES = {
    "plain.yaml": HEAD + "  " + LONG + ": {}\n",
    "quoted.yaml": HEAD + '  "' + LONG + '": {}\n',
    "flow.yaml": "chokepoint: 1\nservices: {" + LONG + ": {}}\n",
    "flow-quoted.yaml": "chokepoint: 1\nservices: {a: {}, '" + LONG + "': {}}\n",
    "at-limit.yaml": HEAD + "  " + WIDE + ": {}\n",
    "explicit.yaml": HEAD + "  ? " + LONG + "\n  : {}\n",
    "explicit-flow.yaml": "chokepoint: 1\nservices: {? " + "x" * 2000 + " : {}}\n",
}

for name, text in FILES.items():
    with open(name, "w", encoding="utf-8") as f:
        f.write(text)
