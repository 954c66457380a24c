#!/usr/bin/env python3
"""Validates chokepoint's JSON output against docs/chokepoint.schema.json.

Usage: validate_json.py SCHEMA [--rules] FILE...   (FILE may be - for stdin)
       validate_json.py SCHEMA --samples CHOKEPOINT SAMPLES_DIR

Exits 1, naming each problem, when a document breaks the schema or, for
check/graph output, one of the cross-references a schema cannot express
(those about nodes only when the graph is there, not with --no-graph):
every node id used is a node of the graph, witness paths and via chains are
connected, multipliers follow the via rule, the summary counts what is
there, findings are sorted and one per (rule, node).

With --rules the documents are `chokepoint rules --format json` output,
checked against $defs/rules. With --samples, every folder in SAMPLES_DIR is
run through `check --format json` (exit 0 or 1) and `graph` (exit 0), and
both outputs are validated; no samples at all is a failure.
"""

import os
import subprocess

import json
import sys

import jsonschema


def check_schema(schema, doc, rules):
    if rules:
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"],
                  "$ref": "#/$defs/rules"}
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    v = cls(schema)
    return [f"schema: {'/'.join(map(str, e.absolute_path)) or '(root)'}: "
            f"{e.message}" for e in sorted(v.iter_errors(doc), key=str)]


def check_graph_output(doc):
    """Cross-references; assumes the document passed the schema."""
    out = []
    # check --no-graph: no graph to cross-reference the findings against.
    has_graph = "graph" in doc
    g = doc.get("graph", {"nodes": [], "edges": [], "inferences": [],
                          "scenarios": []})
    nodes = {}
    for n in g["nodes"]:
        if n["id"] in nodes:
            out.append(f"node {n['id']!r} listed twice")
        nodes[n["id"]] = n
    for n in g["nodes"]:
        if n["type"] != "service":
            svc = nodes.get(n["service"])
            if svc is None or svc["type"] != "service":
                out.append(f"node {n['id']!r}: service {n['service']!r} "
                           "is not a service of the graph")
            elif n["type"] == "component" and \
                    not n["id"].startswith(n["service"] + "."):
                out.append(f"component {n['id']!r} is not named "
                           f"{n['service']}.<name>")
    # Inferences are about planes, and, from manifests, about edges, entries
    # and guards too; one that takes a node as control plane needs the
    # node's plane_reason, and a plane_reason needs its inference.
    plane = " is taken as control plane: "
    inferred = {i["node"] for i in g["inferences"] if plane in i["message"]}
    for i in g["inferences"]:
        n = nodes.get(i["node"])
        if n is None:
            out.append(f"inference about unknown node {i['node']!r}")
        elif plane in i["message"] and (n["plane"] != "control" or
                                        "plane_reason" not in n):
            out.append(f"inferred node {i['node']!r} has no plane_reason")
    for n in g["nodes"]:
        if "plane_reason" in n and n["id"] not in inferred:
            out.append(f"node {n['id']!r} has a plane_reason but no "
                       "inference")
    prev = None
    for k, e in enumerate(g["edges"]):
        where = f"edge {k} ({e['from']} -> {e['to']})"
        for end in ("from", "to"):
            if e[end] not in nodes:
                out.append(f"{where}: unknown node {e[end]!r}")
        want = e["attempts"] if e["hop"] == 0 else 1
        if e["multiplier"] != want:
            out.append(f"{where}: multiplier {e['multiplier']}, expected "
                       f"{want} (hop {e['hop']})")
        if prev is None:
            ok = e["declaration"] == 0 and e["hop"] == 0
        elif e["hop"] == 0:
            ok = e["declaration"] == prev["declaration"] + 1
        else:
            ok = (e["declaration"] == prev["declaration"]
                  and e["hop"] == prev["hop"] + 1
                  and e["from"] == prev["to"])
        if not ok:
            out.append(f"{where}: declaration {e['declaration']} hop "
                       f"{e['hop']} does not follow the edge before it")
        prev = e
    for s in g["scenarios"]:
        for node in s["fail"]:
            if node not in nodes:
                out.append(f"scenario {s['name']!r} fails unknown node "
                           f"{node!r}")
    if "findings" not in doc:
        return out

    # Paths' positions are [source, line, column] against doc["sources"]:
    # each must name a listed source, and each listed source is used.
    sources = doc["sources"]
    used = set()

    def place(at):
        if at is None:
            return None
        if at[0] >= len(sources):
            out.append(f"position {at} names source {at[0]}, but "
                       f"{len(sources)} are listed")
            return None
        used.add(at[0])
        return (sources[at[0]], at[1], at[2])

    def edge_place(loc):
        return loc and (loc["file"], loc["line"], loc["column"])

    edges = {(e["from"], e["to"], e["kind"], edge_place(e["location"]),
              e["attempts"], e["multiplier"]) for e in g["edges"]}
    for f in doc["findings"] + [x["finding"] for x in doc.get("suppressed",
                                                                 [])]:
        for p in f["paths"]:
            place(p["start"].get("at"))
            for h in p["hops"]:
                place(h.get("at"))
    if len(used) != len(sources):
        out.append(f"sources {sorted(set(range(len(sources))) - used)} are "
                   "listed but no path points into them")

    seen = set()
    files = []
    last = None
    tally = {"error": 0, "warning": 0, "note": 0}
    for k, f in enumerate(doc["findings"]):
        where = f"finding {k} ({f['rule']} at {f['node']!r})"
        tally[f["severity"]] += 1
        if has_graph and f["node"] not in nodes:
            out.append(f"{where}: unknown node")
        if (f["rule"], f["node"]) in seen:
            out.append(f"{where}: a second finding for this rule and node")
        seen.add((f["rule"], f["node"]))
        loc = f["location"]
        if loc is not None:
            if not files or files[-1] != loc["file"]:
                if loc["file"] in files:
                    out.append(f"{where}: findings of {loc['file']!r} are "
                               "not together")
                files.append(loc["file"])
                last = None
            key = (loc["line"], loc["column"], f["rule"], f["node"])
            if last is not None and key < last:
                out.append(f"{where}: not sorted after the finding before it")
            last = key
        for p in f["paths"]:
            at = p["start"]["node"]
            if has_graph and at not in nodes:
                out.append(f"{where}: {p['kind']} path starts at unknown "
                           f"node {at!r}")
            if has_graph and p["kind"] == "customer" and \
                    not nodes.get(at, {}).get("entry"):
                out.append(f"{where}: customer path starts at {at!r}, "
                           "which is not an entry")
            product = 1
            for h in p["hops"]:
                # Hops are contiguous: this one leaves `at`. With the graph
                # there, it must be one of the graph's edges from `at`, with
                # its kind, position, attempts and multiplier.
                if has_graph and h["to"] not in nodes:
                    out.append(f"{where}: hop to unknown node {h['to']!r}")
                elif has_graph:
                    hop = (at, h["to"], h["kind"], place(h.get("at")),
                           h.get("attempts", 1), h.get("multiplier", 1))
                    if hop not in edges:
                        out.append(f"{where}: {p['kind']} path hop {hop} "
                                   "is not an edge of the graph")
                at = h["to"]
                if "product" in h:
                    if h["product"] < product:
                        out.append(f"{where}: product falls to "
                                   f"{h['product']}")
                    product = h["product"]
            tracks = f["rule"] == "retry-amplification" and \
                p["kind"] in ("amplification", "cycle")
            if any(("product" in h) != tracks for h in p["hops"]):
                out.append(f"{where}: products on a {p['kind']} path "
                           f"should be {'all' if tracks else 'absent'}")
            if p["kind"] == "cycle" and p["hops"] and at != p["start"]["node"]:
                out.append(f"{where}: cycle path does not return to "
                           f"{p['start']['node']!r}")
    s = doc["summary"]
    for sev, key in (("error", "errors"), ("warning", "warnings"),
                     ("note", "notes")):
        if s[key] != tally[sev]:
            out.append(f"summary: {key} is {s[key]}, findings hold "
                       f"{tally[sev]}")
    if has_graph and (s["nodes"] != len(g["nodes"]) or
                      s["edges"] != len(g["edges"])):
        out.append("summary: nodes/edges do not match the graph")
    return out


def sample_outputs(tool, folder):
    """Yields (name, text) of check and graph output for each sample."""
    for sample in sorted(os.listdir(folder)):
        path = os.path.join(folder, sample)
        # A code sample needs a build for its compile database: its JSON is
        # checked by test/samples/<name>.test, not here.
        if not os.path.isdir(path) or os.path.exists(
                os.path.join(path, "CMakeLists.txt")):
            continue
        for cmd, codes in ((["check", "--format", "json"], (0, 1)),
                           (["graph"], (0,))):
            r = subprocess.run([tool] + cmd + [path], capture_output=True,
                               text=True, encoding="utf-8")
            name = f"{sample} ({cmd[0]})"
            if r.returncode not in codes:
                yield name, None, f"exit {r.returncode}: {r.stderr}"
            else:
                yield name, r.stdout, None


def main():
    args = sys.argv[1:]
    schema = json.load(open(args.pop(0), encoding="utf-8"))
    rules = "--rules" in args
    if args and args[0] == "--samples":
        docs = list(sample_outputs(args[1], args[2]))
    else:
        docs = [(name, sys.stdin.read() if name == "-" else
                 open(name, encoding="utf-8").read(), None)
                for name in args if name != "--rules"]
    if not docs:
        print("validate_json.py: no documents given")
        return 2
    failed = 0
    for name, text, error in docs:
        if error:
            print(f"{name}: {error}")
            failed += 1
            continue
        try:
            doc = json.loads(text)
        except ValueError as e:
            print(f"{name}: not JSON: {e}")
            failed += 1
            continue
        problems = check_schema(schema, doc, rules)
        if not problems and not rules:
            problems = check_graph_output(doc)
        for p in problems:
            print(f"{name}: {p}")
        if problems:
            failed += 1
        else:
            print(f"{name}: valid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
