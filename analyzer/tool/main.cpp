//===- analyzer/tool/main.cpp - The chokepoint program --------------------===//

#include "analyzer/tool/driver.h"

int main(int argc, char **argv) {
  std::vector<std::string> Args(argv + 1, argv + argc);
  return chokepoint::runChokepoint(Args, llvm::outs(), llvm::errs());
}
