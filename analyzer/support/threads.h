//===- analyzer/support/threads.h - How many threads -j means ---*- C++ -*-===//

#ifndef CHOKEPOINT_ANALYZER_THREADS_H
#define CHOKEPOINT_ANALYZER_THREADS_H

#include <algorithm>
#include <thread>
#include <vector>

namespace chokepoint {

/// The threads `-j Jobs` asks for: Jobs, or one per core when it is 0.
inline unsigned threadCount(unsigned Jobs) {
  return Jobs ? Jobs : std::max(1u, std::thread::hardware_concurrency());
}

/// Runs Work(0) to Work(Threads - 1) at once, Work(0) on the calling
/// thread, and returns when all are done.
template <typename F> void onThreads(unsigned Threads, F &&Work) {
  std::vector<std::thread> Pool;
  for (unsigned T = 1; T < Threads; ++T)
    Pool.emplace_back([&Work, T] { Work(T); });
  Work(0u);
  for (std::thread &T : Pool)
    T.join();
}

} // namespace chokepoint

#endif
