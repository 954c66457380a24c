//===- analyzer/tool/main.cpp - The chokepoint program --------------------===//

#include "analyzer/tool/driver.h"
#ifdef CHOKEPOINT_HUGE_PAGES
#include "analyzer/heap/huge_pages.h"
#endif

int main(int argc, char **argv) {
#ifdef CHOKEPOINT_HUGE_PAGES
  chokepoint::adviseHugePages();
#endif
  std::vector<std::string> Args(argv + 1, argv + argc);
  return chokepoint::runChokepoint(Args, llvm::outs(), llvm::errs());
}
