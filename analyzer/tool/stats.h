//===- analyzer/tool/stats.h - --stats: time and memory per phase -*- C++ -*-===//

#ifndef CHOKEPOINT_ANALYZER_STATS_H
#define CHOKEPOINT_ANALYZER_STATS_H

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <string>
#include <string_view>
#include <sys/resource.h>

namespace chokepoint {

/// Phase timings and peak memory for --stats (and bench/), printed to the
/// error stream; does nothing when off.
class Stats {
public:
  explicit Stats(bool On) : On(On), Last(std::chrono::steady_clock::now()) {}

  /// Ends a phase: its time since the last one, and the peak memory so far.
  void phase(llvm::raw_ostream &Err, std::string_view Name) {
    if (!On)
      return;
    auto Now = std::chrono::steady_clock::now();
    double Secs = std::chrono::duration<double>(Now - Last).count();
    Last = Now;
    struct rusage U;
    getrusage(RUSAGE_SELF, &U);
    Err << llvm::format("stats: phase=%s seconds=%.3f peak_rss_mib=%.1f\n",
                        std::string(Name).c_str(), Secs,
                        double(U.ru_maxrss) / 1024.0);
  }

  /// Times one step inside a phase (a rule), without ending the phase.
  template <typename Fn>
  void step(llvm::raw_ostream &Err, std::string_view Name, Fn &&F) {
    auto Start = std::chrono::steady_clock::now();
    F();
    stepTook(Err, Name, secondsSince(Start));
  }
  /// A step timed elsewhere (on another thread), reported in its order.
  void stepTook(llvm::raw_ostream &Err, std::string_view Name, double Seconds) {
    if (On)
      Err << llvm::format("stats: rule=%s seconds=%.3f\n",
                          std::string(Name).c_str(), Seconds);
  }
  static double secondsSince(std::chrono::steady_clock::time_point Start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         Start)
        .count();
  }

private:
  bool On;
  std::chrono::steady_clock::time_point Last;
};

} // namespace chokepoint

#endif
