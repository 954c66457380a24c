#!/usr/bin/env python3
"""Runs the chokepoint commands of docs/ci.md's jobs, as the jobs would.

Usage: ci_commands.py CI.md REPO

For each YAML block marked <!-- ci: NAME --> in CI.md, finds the lines that
run `chokepoint check` (a `run:` step or a `script:` item), sets the
variables the CI service would (GITHUB_BASE_REF, CI_MERGE_REQUEST_TARGET_
BRANCH_NAME: main), runs the command with a shell in REPO (a git
repository whose `origin/main` is the base of the change) and prints

  NAME: chokepoint check ... -> exit N, wrote chokepoint.sarif chokepoint.md

removing the files it wrote before the next job. A block with no
chokepoint command fails: every job shown is run.
"""

import os
import re
import subprocess
import sys

MARK = re.compile(r"^<!--\s*ci:\s*(\S+)\s*-->$")


def jobs(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    for i, line in enumerate(lines):
        m = MARK.match(line.strip())
        if not m:
            continue
        j = i + 2
        block = []
        while j < len(lines) and not lines[j].startswith("```"):
            block.append(lines[j])
            j += 1
        yield m.group(1), block


def main():
    doc, repo = sys.argv[1], sys.argv[2]
    env = dict(os.environ, GITHUB_BASE_REF="main",
               CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main")
    failed = False
    for name, block in jobs(doc):
        commands = []
        for line in block:
            m = re.match(r"^\s*(?:run:|-)\s*(chokepoint check .*)$", line)
            if m:
                commands.append(m.group(1))
        if not commands:
            print(f"{name}: no chokepoint command")
            failed = True
        for command in commands:
            before = set(os.listdir(repo))
            r = subprocess.run(command, shell=True, cwd=repo, env=env,
                               capture_output=True, text=True)
            wrote = sorted(set(os.listdir(repo)) - before)
            print(f"{name}: {command} -> exit {r.returncode}, wrote "
                  f"{' '.join(wrote) or 'nothing'}")
            if r.stderr:
                print(r.stderr, end="")
            for f in wrote:
                os.replace(os.path.join(repo, f),
                           os.path.join(repo, "..", f"{name}-{f}"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
