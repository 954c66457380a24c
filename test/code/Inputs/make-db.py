"""Writes a compile_commands.json for the C/C++ sources below a folder.

Usage: make-db.py BUILD_DIR SOURCE_DIR INCLUDE_DIR [EXTRA_FLAG...]

Every *.c, *.cc and *.cpp below SOURCE_DIR (sorted) gets one command with
absolute paths, compiled by clang++ (or clang for C) as C++17 with
INCLUDE_DIR (chokepoint/annotations.h) and SOURCE_DIR on the include path,
as CMake's CMAKE_EXPORT_COMPILE_COMMANDS would write it. A test keeps its
sources and its CHECK lines in one file (split-file) and makes its database
here, so each test has a compile database of its own.
"""
import json
import os
import sys

build, src, include = (os.path.abspath(p) for p in sys.argv[1:4])
extra = sys.argv[4:]
entries = []
for root, dirs, files in os.walk(src):
    dirs.sort()
    for name in sorted(files):
        ext = os.path.splitext(name)[1]
        if ext not in (".c", ".cc", ".cpp"):
            continue
        path = os.path.join(root, name)
        cc = ["clang", "-std=c11"] if ext == ".c" else ["clang++", "-std=c++17"]
        entries.append({
            "directory": build,
            "file": path,
            "arguments": cc + ["-I" + include, "-I" + src] + extra +
                         ["-c", path, "-o", os.path.join(build, name + ".o")],
        })
os.makedirs(build, exist_ok=True)
with open(os.path.join(build, "compile_commands.json"), "w") as f:
    json.dump(entries, f, indent=2)
