//===- analyzer/tool/cmd_rules.cpp - chokepoint rules ---------------------===//
//
// Lists the registered rules: id, default severity, summary and options, as
// text or JSON ($defs/rules in docs/chokepoint.schema.json), each --format
// to its own place as for check.
//
//===----------------------------------------------------------------------===//

#include "analyzer/report/policy.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/tool/outputs.h"
#include "rules/rule.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"

namespace chokepoint {
namespace {

void writeJson(llvm::raw_ostream &Out) {
  JsonEscapingStream Safe(Out);
  llvm::json::OStream J(Safe, 2);
  J.array([&] {
    for (const Rule *R : allRules()) {
      const RuleInfo &I = R->info();
      J.object([&] {
        J.attribute("id", llvm::StringRef(I.Id));
        J.attribute("severity", llvm::StringRef(name(I.DefaultSeverity)));
        J.attribute("summary", llvm::StringRef(I.Summary));
        J.attribute("doc", concat({"docs/rules/", I.Id, ".md"}));
        J.attributeArray("options", [&] {
          for (const OptionInfo &OI : I.Options)
            J.object([&] {
              J.attribute("name", llvm::StringRef(OI.Name));
              J.attribute("type", llvm::StringRef(name(OI.Type)));
              J.attribute("default", llvm::StringRef(OI.Default));
              J.attribute("description", llvm::StringRef(OI.Description));
            });
        });
      });
    }
  });
  Safe << "\n";
}

void writeText(llvm::raw_ostream &Out) {
  for (const Rule *R : allRules()) {
    const RuleInfo &I = R->info();
    Out << llvm::format("%-22s %-8s ", std::string(I.Id).c_str(),
                        std::string(name(I.DefaultSeverity)).c_str())
        << I.Summary << "\n";
    for (const OptionInfo &OI : I.Options)
      Out << std::string(32, ' ') << "option " << I.Id << "." << OI.Name
          << " (" << name(OI.Type) << ", default " << OI.Default
          << "): " << OI.Description << "\n";
  }
}

int run(Invocation &I, llvm::raw_ostream &Out, llvm::raw_ostream &Err) {
  std::vector<OutputRequest> Requests = I.Outputs;
  if (Requests.empty())
    Requests.push_back({"text", ""});
  std::vector<OutputWriter> Writers;
  for (const OutputRequest &R : Requests) {
    if (R.Format != "text" && R.Format != "json")
      return usageError(Err, concat({"'rules' writes text or json, not ",
                                     quote(R.Format),
                                     didYouMean(R.Format, {"text", "json"})}));
    bool Json = R.Format == "json";
    Writers.push_back({&R, [Json](llvm::raw_ostream &OS, bool) {
                         Json ? writeJson(OS) : writeText(OS);
                       }});
  }
  std::string Error;
  if (!checkTargets(Requests, Error) || !writeOutputs(Writers, Out, Error))
    return usageError(Err, Error);
  return ExitClean;
}

const CommandInfo Rules{
    "rules",
    "list the rules",
    40,
    {},
    /*TakesOperands=*/false,
    {"format"},
    {},
    [](const CommandInfo &) -> std::string {
      return "Usage: chokepoint rules [--format text|json]\n\n"
             "Lists the rules, their default severities, summaries and "
             "options.\n";
    },
    run};
CHOKEPOINT_COMMAND(Rules);

} // namespace
} // namespace chokepoint
