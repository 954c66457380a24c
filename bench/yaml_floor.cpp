//===- bench/yaml_floor.cpp - A bare libyaml event loop -------------------===//
//
// The floor of reading YAML with libyaml: reads a file whole, as chokepoint
// does, and pulls every libyaml event over it, doing nothing with them.
// bench/run times it beside `chokepoint check` on the same file, so the
// parse phase is measured against it in one run. Linked as chokepoint is
// (tcmalloc when chokepoint has it). Prints the number of events.
//
//===----------------------------------------------------------------------===//

#include <yaml.h>

#include "read_whole.h"

#include <cstdio>
#include <string>

int main(int Argc, char **Argv) {
  std::string Text;
  if (!readArgument(Argc, Argv, "chokepoint-yaml-floor", Text))
    return 2;

  yaml_parser_t P;
  yaml_parser_initialize(&P);
  yaml_parser_set_input_string(
      &P, reinterpret_cast<const unsigned char *>(Text.data()), Text.size());
  unsigned long long Events = 0;
  for (bool Done = false; !Done;) {
    yaml_event_t E;
    if (!yaml_parser_parse(&P, &E)) {
      std::fprintf(stderr, "%s:%zu:%zu: %s\n", Argv[1], P.problem_mark.line + 1,
                   P.problem_mark.column + 1, P.problem ? P.problem : "error");
      yaml_parser_delete(&P);
      return 1;
    }
    Done = E.type == YAML_STREAM_END_EVENT;
    ++Events;
    yaml_event_delete(&E);
  }
  yaml_parser_delete(&P);
  std::printf("%llu events\n", Events);
  return 0;
}
