#!/usr/bin/env python3
"""Checks that names survive chokepoint's JSON output unchanged.

Usage: roundtrip_names.py TOPOLOGY.json OUTPUT.json

TOPOLOGY.json is a native topology in JSON; Python's own JSON parser reads it
and is the oracle: every service and component name, every `on` trigger and
every `zone` must come back in OUTPUT.json (chokepoint's --format json) as
exactly the same string — node ids, edge ends, finding nodes and path hops
alike; messages quote names escaped as the text format shows them. Prints
each name found, with non-ASCII escaped, so the test also sees that the
names it meant to exercise are there.
"""

import json
import sys
import unicodedata


def shown(name):
    """A name as messages quote it: hidden characters (controls, format
    characters, line and paragraph separators) escaped, as chokepoint's
    quote() does."""
    out = []
    for c in name:
        if c in "\t\n\r":
            out.append({"\t": "\\t", "\n": "\\n", "\r": "\\r"}[c])
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\x{ord(c):02X}")
        elif ord(c) >= 0x80 and unicodedata.category(c) in (
                "Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"):
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
    return "'" + "".join(out) + "'"


def main():
    topo = json.load(open(sys.argv[1], encoding="utf-8"))
    out = json.load(open(sys.argv[2], encoding="utf-8"))
    want_nodes, want_on, want_zone = set(), set(), {}
    for name, svc in topo["services"].items():
        want_nodes.add(name)
        for comp in (svc.get("components") or {}):
            want_nodes.add(name + "." + comp)
        for item in (svc.get("recovers") or []):
            if isinstance(item, dict) and "on" in item:
                want_on.add(item["on"])
        if "zone" in svc:
            want_zone[name] = svc["zone"]

    g = out["graph"]
    problems = []
    got_nodes = {n["id"] for n in g["nodes"]}
    if got_nodes != want_nodes:
        problems.append(f"node ids differ: missing {want_nodes - got_nodes!r}"
                        f", unexpected {got_nodes - want_nodes!r}")
    for e in g["edges"]:
        for end in ("from", "to"):
            if e[end] not in want_nodes:
                problems.append(f"edge {end} {e[end]!r} is not a name given")
    got_on = {e["on"] for e in g["edges"] if "on" in e}
    if got_on != want_on:
        problems.append(f"triggers differ: {got_on!r} != {want_on!r}")
    for n in g["nodes"]:
        if n["id"] in want_zone and n.get("zone") != want_zone[n["id"]]:
            problems.append(f"zone of {n['id']!r} is {n.get('zone')!r}")
    for f in out.get("findings", []):
        if f["node"] not in want_nodes:
            problems.append(f"finding names {f['node']!r}")
        if shown(f["node"]) not in f["message"]:
            problems.append(f"message does not quote {f['node']!r}: "
                            f"{f['message']!r}")
        for p in f["paths"]:
            if p["start"]["node"] not in want_nodes:
                problems.append(f"path starts at {p['start']['node']!r}")
            for h in p["hops"]:
                if h["to"] not in want_nodes:
                    problems.append(f"hop to {h['to']!r}")
    for p in problems:
        print("FAIL", p)
    for name in sorted(got_nodes | got_on | set(want_zone.values())):
        print("name", ascii(name))
    print(f"findings {len(out.get('findings', []))}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
