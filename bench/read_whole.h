//===- bench/read_whole.h - A file read whole, for bare loops --*- C++ -*-===//

#ifndef CHOKEPOINT_BENCH_READ_WHOLE_H
#define CHOKEPOINT_BENCH_READ_WHOLE_H

#include <cstdio>
#include <string>

/// The file at Path into Text, as chokepoint reads an input whole before
/// parsing it; false, having said why, when it cannot be read.
inline bool readWhole(const char *Path, std::string &Text) {
  std::FILE *F = std::fopen(Path, "rb");
  if (!F) {
    std::perror(Path);
    return false;
  }
  char Buf[1 << 16];
  for (size_t Got; (Got = std::fread(Buf, 1, sizeof Buf, F)) > 0;)
    Text.append(Buf, Got);
  std::fclose(F);
  return true;
}

/// The one argument of a bare loop, FILE, read whole into Text; false,
/// having said why (usage or the read), otherwise.
inline bool readArgument(int Argc, char **Argv, const char *Program,
                         std::string &Text) {
  if (Argc != 2) {
    std::fprintf(stderr, "Usage: %s FILE\n", Program);
    return false;
  }
  return readWhole(Argv[1], Text);
}

#endif
