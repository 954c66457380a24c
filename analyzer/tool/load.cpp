//===- analyzer/tool/load.cpp - From the inputs to the model --------------===//

#include "analyzer/tool/load.h"

#include "analyzer/manifests/load.h"
#include "analyzer/support/diagnostics.h"
#include "analyzer/tool/outputs.h"

#include <algorithm>
#include <functional>
#include <set>

namespace chokepoint {

namespace {

/// A run reports at most this many errors, as clang does: past it, errors
/// are mostly consequences of the first ones.
constexpr size_t ErrorLimit = DiagnosticList::ErrorLimit;

/// Prints the diagnostics up to the ErrorLimit-th error, then says that it
/// stopped. Each file stops reading at the limit on its own (files are read
/// in parallel), so the run's total can pass it; the cut keeps the output
/// the same whatever -j.
void printAll(llvm::raw_ostream &Err, const SourceManager &SM,
              const DiagnosticList &Diags, bool Colors) {
  size_t Errors = 0;
  for (const Diagnostic &D : Diags.all()) {
    if (D.Level == DiagLevel::Error && Errors == ErrorLimit)
      break;
    printDiagnostic(Err, SM, D, Colors);
    Errors += D.Level == DiagLevel::Error;
  }
  if (Diags.full()) // it kept one error past the limit: there were more
    Err << "chokepoint: too many errors; stopped after " << ErrorLimit << "\n";
}

/// Declares the services ControlPlane names control plane, where no source
/// declares their plane (the config file adds to the well-known names; a
/// declaration in the topology wins).
void markControlPlane(FactSet &Facts,
                      const std::vector<std::string> &ControlPlane) {
  if (ControlPlane.empty())
    return;
  std::set<std::string_view> Declared;
  for (const auto &T : Facts)
    for (const ServiceFact &S : T->Services)
      if (S.PlaneValue)
        Declared.insert(S.Id.Value);
  for (const auto &T : Facts)
    for (ServiceFact &S : T->Services)
      if (!Declared.count(S.Id.Value) &&
          std::find(ControlPlane.begin(), ControlPlane.end(), S.Id.Value) !=
              ControlPlane.end())
        S.PlaneValue.set(Plane::Control, S.Id.Loc);
}

} // namespace

std::vector<SuppressionRule> inlineSuppressions(const Model &M,
                                                DiagnosticList &Diags) {
  // In the order they are written, so their warnings read down the files
  // (a workload's own annotations are read after its pod template's).
  std::vector<const Allow *> Sorted;
  for (const Allow &A : M.Allows)
    Sorted.push_back(&A);
  // Equal locations keep model order: the pointers are into one vector.
  // (Not std::stable_sort: clang 19 flags libstdc++ 12's as deprecated.)
  std::sort(Sorted.begin(), Sorted.end(), [](const Allow *X, const Allow *Y) {
    if (X->Loc < Y->Loc || Y->Loc < X->Loc)
      return X->Loc < Y->Loc;
    return std::less<const Allow *>()(X, Y);
  });
  std::vector<SuppressionRule> Out;
  for (const Allow *Each : Sorted) {
    const Allow &A = *Each;
    SuppressionRule S;
    S.Rule = A.Rule;
    S.Reason = A.Reason;
    S.Loc = A.Loc;
    S.InSource = true;
    if (A.Hops.empty()) {
      S.Node = M.G.node(A.Node).id;
      S.Literal = true;
    } else {
      S.Hops = A.Hops;
    }
    if (admitSuppression(S, A.Subject, Diags))
      Out.push_back(std::move(S));
  }
  return Out;
}

bool loadModel(const Invocation &I, LoadedModel &L, Stats &Timer,
               llvm::raw_ostream &Err) {
  DiagnosticList Diags;
  LoadResult Loaded;
  LoadOptions Options;
  Options.Jobs = I.Jobs;
  Options.Verbose = I.Verbose;
  Options.Excludes = I.Excludes;
  if (I.MaxInputSize)
    Options.MaxInputSize = I.MaxInputSize;
  loadManifests(I.Operands, Options, L.SM, Loaded, Diags, Err);
  Timer.phase(Err, "parse");

  L.M = std::make_unique<Model>();
  L.Files = Loaded.Files;
  L.Inputs = std::move(Loaded.Inputs);
  markControlPlane(Loaded.Facts, L.ControlPlane);
  if (!Diags.hasErrors())
    resolveRelations(Loaded.Facts, I.Build, Diags);
  if (!Diags.hasErrors() && buildModel(Loaded.Facts, I.Build, *L.M, Diags) &&
      L.M->G.numNodes() == 0)
    Diags.error({}, "the inputs define no services");
  if (!Diags.hasErrors())
    L.Allows = inlineSuppressions(*L.M, Diags);
  Loaded.Facts.clear();
  printAll(Err, L.SM, Diags, useColors(I.Color, Err, /*Terminal=*/true));
  if (Diags.hasErrors())
    return false;
  if (I.Verbose)
    for (const auto &[Loc, Line] : L.M->Verbose) {
      Err << "chokepoint: ";
      if (Loc.valid())
        Err << escape(L.SM.name(Loc.file)) << ":" << Loc.line << ":"
            << Loc.column << ": ";
      Err << escape(Line) << "\n";
    }
  Timer.phase(Err, "build");
  return true;
}

} // namespace chokepoint
