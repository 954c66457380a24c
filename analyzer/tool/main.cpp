//===- analyzer/tool/main.cpp - The chokepoint program --------------------===//

#include "analyzer/tool/driver.h"
#ifdef CHOKEPOINT_TCMALLOC_HEAP
#include "analyzer/heap/heap.h"
#include "analyzer/support/memory.h"
#endif

int main(int argc, char **argv) {
#ifdef CHOKEPOINT_TCMALLOC_HEAP
  chokepoint::adviseHugePages();
  chokepoint::setReleaseFreeMemory(chokepoint::releaseFreeHeap);
#endif
  std::vector<std::string> Args(argv + 1, argv + argc);
  return chokepoint::runChokepoint(Args, llvm::outs(), llvm::errs());
}
