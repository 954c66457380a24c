#!/usr/bin/env python3
"""Runs a command with its standard output and error on a terminal.

Usage: on-terminal.py [NAME=VALUE...] COMMAND ARG...

The command runs in a pseudo-terminal with TERM=xterm (and the NAME=VALUE
settings given) and nothing else from the environment; the first line it
writes is printed with Python's repr(), so escape codes show as \\x1b, then
its exit code.
"""

import os
import pty
import sys


def main():
    args = sys.argv[1:]
    env = {"TERM": "xterm", "LANG": "C.UTF-8"}
    while args and "=" in args[0] and not args[0].startswith("/"):
        name, value = args.pop(0).split("=", 1)
        env[name] = value
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(args[0], args, env)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the terminal closes when the command exits
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    first = out.decode("utf-8", "replace").split("\r\n")[0]
    print(repr(first))
    print(f"exit {os.waitstatus_to_exitcode(status)}")


if __name__ == "__main__":
    main()
