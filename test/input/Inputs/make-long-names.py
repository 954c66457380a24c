#!/usr/bin/env python3
"""Writes the inputs of long-names.test: topologies whose service names are
huge, with references to unknown names that differ from them by one
character (the worst case for a suggestion search)."""

import json


def topology(services):
    return json.dumps({"chokepoint": 1, "services": services})


huge = "x" * 1_000_000
many = {}
for i in range(200):
    many[f"{i:03d}" + "z" * 9_997] = {}
refs = [{"to": f"{i:03d}" + "z" * 9_996 + "q"} for i in range(21)]
many["caller"] = {"calls": refs}
short = {("s%03d" % i) + "w" * 9_996: {} for i in range(100)}
short["payments"] = {}
short["web"] = {"calls": ["paymnets"]}

FILES = {
    "huge.json": topology({huge: {}, "web": {"calls": ["y" + huge[1:]]}}),
    "many.json": topology(many),
    "short.json": topology(short),
}
for name, text in FILES.items():
    with open(name, "w") as f:
        f.write(text)
