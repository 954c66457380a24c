//===- analyzer/tool/cmd_rules.cpp - chokepoint rules ---------------------===//
//
// Lists the registered rules: id, default severity, summary and options, as
// text or JSON ($defs/rules in docs/chokepoint.schema.json), each --format
// to its own place as for check. `chokepoint rules ID` prints the rule's doc
// page, which the build embeds (rules/rule.h, ruleDoc).
//
//===----------------------------------------------------------------------===//

#include "analyzer/report/policy.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/tool/outputs.h"
#include "rules/rule.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"

#include <algorithm>

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
  // Ids in a column as wide as the longest (at least 22).
  size_t Width = 22;
  for (const Rule *R : allRules())
    Width = std::max(Width, R->info().Id.size());
  for (const Rule *R : allRules()) {
    const RuleInfo &I = R->info();
    Out << llvm::format("%-*s %-8s ", int(Width), std::string(I.Id).c_str(),
                        std::string(name(I.DefaultSeverity)).c_str())
        << I.Summary << "\n";
    for (const OptionInfo &OI : I.Options)
      Out << std::string(Width + 10, ' ') << "option " << I.Id << "." << OI.Name
          << " (" << name(OI.Type) << ", default " << OI.Default
          << "): " << OI.Description << "\n";
  }
}

/// `chokepoint rules ID`: the rule's doc page, as text.
int showPage(Invocation &I, llvm::raw_ostream &Out, llvm::raw_ostream &Err) {
  if (I.Operands.size() > 1)
    return usageError(Err, concat({"'rules' shows one rule's page, found ",
                                   quote(I.Operands[1])}));
  const std::string &Id = I.Operands[0];
  std::vector<std::string_view> Ids;
  for (const Rule *R : allRules())
    Ids.push_back(R->info().Id);
  if (!findRule(Id))
    return usageError(
        Err, concat({"unknown rule ", quote(Id), didYouMean(Id, Ids)}));
  for (const OutputRequest &R : I.Outputs)
    if (R.Format != "text" || !R.File.empty())
      return usageError(Err, "'rules ID' prints the rule's page as text to "
                             "standard output");
  std::string_view Page = ruleDoc(Id);
  if (Page.empty())
    return usageError(Err, concat({"rule ", quote(Id), " has no doc page"}));
  Out << Page;
  return ExitClean;
}

int run(Invocation &I, llvm::raw_ostream &Out, llvm::raw_ostream &Err) {
  if (!I.Operands.empty())
    return showPage(I, Out, Err);
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
    /*TakesOperands=*/true,
    {"format"},
    {},
    [](const CommandInfo &) -> std::string {
      return "Usage: chokepoint rules [--format text|json]\n"
             "       chokepoint rules ID\n\n"
             "Lists the rules, their default severities, summaries and "
             "options; with a rule's id, prints its doc page.\n";
    },
    run};
CHOKEPOINT_COMMAND(Rules);

} // namespace
} // namespace chokepoint
