#!/usr/bin/env python3
"""Runs a command and checks how it ended, for the input tests.

Usage: expect-exit.py STATUS COMMAND [ARG...]

`not` accepts any non-zero status, but bad input must give exactly 2 (SPEC
§4), and must never crash or hang. This runs COMMAND with this script's
standard input, output and error (so `2>&1 | FileCheck` works after it) and
exits 0 only if COMMAND exited with STATUS within TIMEOUT seconds; else it
says why on standard error and exits 1. A crash (a signal) is never STATUS.

TIMEOUT is a guard against hangs, not a benchmark: it is far above the
under-a-second each case takes, so a loaded machine does not make it flaky.
"""

import subprocess
import sys

TIMEOUT = 20


def main():
    if len(sys.argv) < 3:
        print("usage: expect-exit.py STATUS COMMAND [ARG...]", file=sys.stderr)
        return 1
    want = int(sys.argv[1])
    try:
        got = subprocess.run(sys.argv[2:], timeout=TIMEOUT).returncode
    except subprocess.TimeoutExpired:
        print(f"expect-exit: still running after {TIMEOUT}s", file=sys.stderr)
        return 1
    if got == want:
        return 0
    how = f"killed by signal {-got}" if got < 0 else f"exit status {got}"
    print(f"expect-exit: {how}, expected exit status {want}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
