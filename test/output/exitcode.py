#!/usr/bin/env python3
"""Runs a command and prints "exit N", for tests that tell 1 from 2.

Usage: exitcode.py [--out FILE] [--err FILE] [--in FILE] COMMAND ARGS...

lit's `not` only tells zero from non-zero; chokepoint's exit codes mean
different things (1 findings, 2 bad usage or input), so tests print the code
and FileCheck it. The command's standard output and error go to FILE when
given, else are dropped; --in feeds FILE on standard input.
"""

import subprocess
import sys


def main():
    args = sys.argv[1:]
    files = {"--out": None, "--err": None, "--in": None}
    while args and args[0] in files:
        files[args[0]] = args[1]
        args = args[2:]
    out = open(files["--out"], "wb") if files["--out"] else subprocess.DEVNULL
    err = open(files["--err"], "wb") if files["--err"] else subprocess.DEVNULL
    inp = open(files["--in"], "rb") if files["--in"] else subprocess.DEVNULL
    code = subprocess.call(args, stdout=out, stderr=err, stdin=inp)
    print(f"exit {code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
