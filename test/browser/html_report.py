#!/usr/bin/env python3
"""Opens chokepoint's HTML report in headless Chromium, as a reviewer would.

Usage: html_report.py CHOKEPOINT SAMPLES_DIR

For each sample (every folder of SAMPLES_DIR; a C/C++ one through the
compile database its CMakeLists.txt exports) and for a topology of hostile
names made here, writes `check --format html` and `--format json` of it,
loads the page from its file with no network, and checks that

- nothing went wrong: no console error or warning (a style or script the
  Content-Security-Policy refused would be one), no exception, no dialog,
  no request for anything but the page itself;
- the inline script ran (it marks <html> with class "js"): its hash in the
  policy is right;
- the picture is drawn: an <svg> wider than 100 pixels;
- there is one "show on graph" button per finding of the JSON report, and
  pressing each highlights exactly the nodes and edges of that finding's
  witness paths, worked out here from the JSON report (nodes by id, edges
  by the declaration and hop of the graph edge each hop was written at);
  pressing it again clears the highlight;
- a hostile name shows as text: no element, script or dialog comes of it.

Prints one line per page and "N passed, N failed"; exits 1 on a failure.
"""

import json
import os
import subprocess
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

HOSTILE = """chokepoint: 1
services:
  "<script>alert(1)</script>":
    entry: customer
    replicas: 2
    components:
      "<img src=x onerror=alert(2)>": {kind: pool}
    calls:
      - {to: "</script><script>alert(3)</script>", via: ["<img src=x onerror=alert(2)>"]}
      - {to: etcd, kind: lookup, via: ["<img src=x onerror=alert(2)>"]}
    recovers:
      - {to: "</script><script>alert(3)</script>", kind: reconnect, on: "x\\u202Ey\\n<b>z</b>", via: ["<img src=x onerror=alert(2)>"]}
  "</script><script>alert(3)</script>": {replicas: 3}
  etcd: {replicas: 3}
"""


def hidden(text):
    """Whether text holds a character chokepoint escapes (isHidden in
    analyzer/support/text.h: controls, format characters such as bidi
    controls and zero-width spaces, line and paragraph separators)."""
    return any(not (c.isprintable() or unicodedata.category(c) == "Zs")
               for c in text)


def node_svg_id(graph, node_id):
    """The SVG id the picture gives a node (docs/outputs.md, "SVG")."""
    if node_id.endswith("\\") or hidden(node_id):
        index = [n["id"] for n in graph["nodes"]].index(node_id)
        return "node:#:%d" % index
    return "node:" + node_id


def expected_marks(report, finding):
    """The SVG ids of a finding's nodes and edges, from the JSON report."""
    graph = report["graph"]
    nodes = {finding["node"]}
    edges = set()
    sources = report["sources"]

    def location(at):
        """A path position [source, line, column] as the graph writes it."""
        return {"file": sources[at[0]], "line": at[1], "column": at[2]} \
            if at else None

    for path in finding["paths"]:
        here = path["start"]["node"]
        nodes.add(here)
        for hop in path["hops"]:
            # Hops are contiguous: each leaves where the one before ended.
            nodes.add(hop["to"])
            for e in graph["edges"]:
                if (e["from"], e["to"], e["kind"], e["location"]) == (
                        here, hop["to"], hop["kind"],
                        location(hop.get("at"))):
                    edges.add("edge:%d.%d" % (e["declaration"], e["hop"]))
                    break
            else:
                raise AssertionError("no graph edge for hop %r" % hop)
            here = hop["to"]
    return sorted(node_svg_id(graph, n) for n in nodes) + sorted(edges)


HIGHLIGHTED = ("Array.from(document.querySelectorAll('#picture svg .hl'))"
               ".map(e => e.id)")


def inputs(topology, work, name):
    """What chokepoint reads for a sample: the folder, or for a C/C++
    sample (a CMakeLists.txt) the compile database CMake exports for it
    (configured, not built) and the manifests beside it."""
    if not os.path.isfile(os.path.join(topology, "CMakeLists.txt")):
        return [topology], None
    build = os.path.join(work, name + "-build")
    # Ninja, as the project's own build: scripts/setup installs it, and a
    # fresh machine has no make for CMake's default generator.
    run = subprocess.run(["cmake", "-S", topology, "-B", build, "-G", "Ninja"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        return None, "cmake exited %d: %s" % (run.returncode, run.stderr)
    manifests = sorted(os.path.join(topology, f) for f in os.listdir(topology)
                       if f.endswith((".yaml", ".yml", ".json")))
    return ["-p", build] + manifests, None


def check_page(browser, tool, topology, work, name):
    """Checks one report page; returns a list of failures."""
    html = os.path.join(work, name + ".html")
    js = os.path.join(work, name + ".json")
    args, problem = inputs(topology, work, name)
    if problem:
        return [problem]
    run = subprocess.run(
        [tool, "check", "--fail-on", "never", "--format", "html=" + html,
         "--format", "json=" + js] + args, capture_output=True, text=True)
    if run.returncode != 0:
        return ["chokepoint exited %d: %s" % (run.returncode, run.stderr)]
    with open(js, encoding="utf-8") as f:
        report = json.load(f)
    session = browser.open_page("file://" + html)
    failures = []
    ev = lambda expr: browser.evaluate(session, expr)  # noqa: E731
    if not ev("document.documentElement.classList.contains('js')"):
        failures.append("the inline script did not run")
    width = ev("(function(){var s=document.querySelector('#picture svg');"
               "return s ? s.getBoundingClientRect().width : 0})()")
    if not width or width <= 100:
        failures.append("no picture: svg width %r" % width)
    findings = report["findings"]
    buttons = ev("document.querySelectorAll('button.show').length")
    if buttons != len(findings):
        failures.append("%d buttons for %d findings" % (buttons, len(findings)))
    for i, finding in enumerate(findings[:buttons]):
        ev("document.querySelectorAll('button.show')[%d].click()" % i)
        got = sorted(ev(HIGHLIGHTED))
        want = sorted(expected_marks(report, finding))
        if got != want:
            failures.append("finding %d (%s at %r): highlighted %r, expected %r"
                            % (i + 1, finding["rule"], finding["node"], got,
                               want))
        ev("document.querySelectorAll('button.show')[%d].click()" % i)
        if ev(HIGHLIGHTED):
            failures.append("finding %d: a second press left a highlight"
                            % (i + 1))
    failures += browser.problems(session)
    return failures


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    tool, samples = os.path.abspath(sys.argv[1]), sys.argv[2]
    pages = [(os.path.join(samples, s), s) for s in sorted(os.listdir(samples))
             if os.path.isdir(os.path.join(samples, s))]
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="chokepoint-html-") as work, \
            cdp.Browser() as browser:
        hostile = os.path.join(work, "hostile.yaml")
        with open(hostile, "w", encoding="utf-8") as f:
            f.write(HOSTILE)
        pages.append((hostile, "hostile"))
        for topology, name in pages:
            failures = check_page(browser, tool, topology, work, name)
            if name == "hostile":
                session = browser.open_page(
                    "file://" + os.path.join(work, "hostile.html"))
                ev = lambda e: browser.evaluate(session, e)  # noqa: E731
                if ev("document.scripts.length") != 2:
                    failures.append("the page has %d scripts, not 2"
                                    % ev("document.scripts.length"))
                if ev("document.querySelectorAll('img, b').length"):
                    failures.append("a name became an element")
                text = ev("document.body.innerText")
                for shown in ("<script>alert(1)</script>",
                              "<img src=x onerror=alert(2)>",
                              "</script><script>alert(3)</script>"):
                    if shown not in text:
                        failures.append("%r is not shown as text" % shown)
                failures += browser.problems(session)
            if failures:
                failed += 1
                print("FAIL %s" % name)
                for f in failures:
                    print("  " + f)
            else:
                passed += 1
                print("ok   %s" % name)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
