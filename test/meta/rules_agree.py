#!/usr/bin/env python3
"""Checks that the registered rules, their doc pages and their tests agree.

Usage: rules_agree.py RULES_JSON DOCS_DIR TESTS_DIR

RULES_JSON is the output of `chokepoint rules --format json`. Every rule id
must have DOCS_DIR/<id>.md, whose first line is `# <id>`, and the rule's
"doc" field must name that page; every rule id must have TESTS_DIR/<id>.test,
which checks at least one finding tagged `[<id>]`. No page or test may exist
for an id that is not registered. Prints every disagreement, then exits 1.
"""

import json
import os
import sys


def ids_in(folder, suffix):
    if not os.path.isdir(folder):
        return set()
    return {name[: -len(suffix)] for name in os.listdir(folder)
            if name.endswith(suffix) and not name.startswith(".")}


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    rules_json, docs_dir, tests_dir = argv[1:]
    with open(rules_json, encoding="utf-8") as f:
        rules = json.load(f)
    registered = {r["id"]: r for r in rules}
    docs = ids_in(docs_dir, ".md")
    tests = ids_in(tests_dir, ".test")

    problems = []
    for rule_id in sorted(registered):
        if rule_id not in docs:
            problems.append(f"rule '{rule_id}' has no doc page "
                            f"{os.path.join(docs_dir, rule_id + '.md')}")
        else:
            with open(os.path.join(docs_dir, rule_id + ".md"),
                      encoding="utf-8") as f:
                first = f.readline().rstrip("\n")
            if first != f"# {rule_id}":
                problems.append(f"doc page for '{rule_id}' should start with "
                                f"'# {rule_id}', found '{first}'")
        doc = registered[rule_id].get("doc", "")
        if doc != f"docs/rules/{rule_id}.md":
            problems.append(f"rule '{rule_id}' names its doc page as '{doc}', "
                            f"expected 'docs/rules/{rule_id}.md'")
        if rule_id not in tests:
            problems.append(f"rule '{rule_id}' has no test "
                            f"{os.path.join(tests_dir, rule_id + '.test')}")
        else:
            with open(os.path.join(tests_dir, rule_id + ".test"),
                      encoding="utf-8") as f:
                if f"[{rule_id}]" not in f.read():
                    problems.append(f"test for '{rule_id}' checks no finding "
                                    f"tagged [{rule_id}]")
    for doc_id in sorted(docs - registered.keys()):
        problems.append(f"doc page {os.path.join(docs_dir, doc_id + '.md')} "
                        f"is for no registered rule")
    for test_id in sorted(tests - registered.keys()):
        problems.append(f"test {os.path.join(tests_dir, test_id + '.test')} "
                        f"is for no registered rule")

    for p in problems:
        print(f"rules_agree: error: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"rules_agree: {len(registered)} rules, their doc pages and tests "
          f"agree")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
