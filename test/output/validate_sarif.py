#!/usr/bin/env python3
"""Validates SARIF logs the way a code-scanning service would.

Usage: validate_sarif.py SCHEMA NPM_PREFIX FILE...

For each FILE prints one line,

  FILE: schema ok; validator: 0 errors, 0 warnings

after checking it against the OASIS schema (SCHEMA, with jsonschema) and
running the SARIF SDK's validator (`Sarif.Multitool validate`, from the npm
package @microsoft/sarif-multitool that scripts/install-sarif-validator installs under
NPM_PREFIX) with its own rules and GitHub's (`--rule-kind "Sarif;Gh"`), at
its default levels, error and warning. The validator exits 0 whatever it
finds, so its findings are counted here from its report. It runs offline:
the rule that fetches URIs (SARIF2006) reports notes only, which are not
asked for. Exits 1 when a file breaks the schema, the validator reports
anything, or the validator cannot be found or run.
"""

import glob
import json
import os
import re
import subprocess
import sys

import jsonschema


def validator(prefix):
    found = sorted(glob.glob(os.path.join(
        prefix, "node_modules", "@microsoft", "sarif-multitool-*",
        "Sarif.Multitool")))
    if not found:
        sys.exit(f"validate_sarif.py: no Sarif.Multitool under {prefix} "
                 "(scripts/install-sarif-validator installs it from npm; ctest runs it first)")
    return found[0]


def main():
    schema_path, prefix, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    tool = validator(prefix)
    env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1",
               DOTNET_CLI_TELEMETRY_OPTOUT="1")
    # One validator run for every file: it starts in seconds, not
    # milliseconds. Its lines start with the file's absolute path.
    run = subprocess.run(
        [tool, "validate", "--rule-kind", "Sarif;Gh"] +
        [os.path.abspath(p) for p in files],
        capture_output=True, text=True, env=env)
    report = run.stdout + run.stderr
    ran = run.returncode == 0 and "Analysis completed successfully" in report
    if not ran:
        print(f"validator failed (exit {run.returncode}):\n{report}")
    failed = not ran
    for path in files:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(doc),
                        key=lambda e: list(e.path))
        schema_word = "schema ok" if not errors else (
            f"schema: {len(errors)} problems, first at "
            f"{'/'.join(map(str, errors[0].path))}: {errors[0].message[:200]}")
        counts = {"error": 0, "warning": 0}
        lines = []
        prefix_of = os.path.abspath(path) + "("
        for line in report.splitlines():
            m = re.search(r": (error|warning) ([A-Z]+[0-9]+)", line)
            if m and line.startswith(prefix_of):
                counts[m.group(1)] += 1
                lines.append(line[len(prefix_of) - 1:].strip())
        failed |= bool(errors) or any(counts.values())
        print(f"{path}: {schema_word}; validator: {counts['error']} errors, "
              f"{counts['warning']} warnings")
        for line in lines:
            print(f"  {line[:300]}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
