//===- analyzer/facts/code_graph.cpp - Code facts to nodes and edges ------===//

#include "analyzer/facts/code_graph.h"

#include <map>
#include <set>
#include <unordered_map>

namespace chokepoint {

void addCodeServices(const FactSet &Facts, GraphBuilder &G, Model &M) {
  std::vector<std::string_view> Known;
  for (NodeId V = 0; V < G.numNodes(); ++V)
    if (G.node(V).type == NodeType::Service)
      Known.push_back(G.node(V).id);
  for (const auto &T : Facts)
    for (const CallFact &C : T->Calls) {
      if (C.K == CallFact::Target::Function)
        continue;
      std::string_view Service = C.To.Value.substr(0, C.To.Value.find('.'));
      if (G.find(Service) != NoNode || !closest(Service, Known).empty())
        continue; // known, or a misspelling that resolving reports
      NodeProps P;
      P.id = std::string(Service);
      P.type = NodeType::Service;
      P.loc = C.To.Loc;
      std::string Why = concat(
          {quote(P.id), " is named only by code (",
           C.K == CallFact::Target::Lookup ? "CHOKEPOINT_LOOKUP"
                                           : "CHOKEPOINT_CALLS",
           "): taken as a service with 1 replica; describe it in a manifest "
           "to give its replicas"});
      if (std::string_view K = wellKnownControlPlane(P.id); !K.empty()) {
        P.plane = Plane::Control;
        P.planeOrigin = PlaneOrigin::Inferred;
        P.planeReason = concat({"its name matches the well-known "
                                "control-plane service '",
                                K, "'"});
      }
      NodeId V = G.addNode(std::move(P));
      M.Inferences.push_back({V, Why, SourceLoc()});
      if (G.node(V).planeOrigin == PlaneOrigin::Inferred)
        M.Inferences.push_back(
            {V,
             concat({quote(G.node(V).id),
                     " is taken as control plane: ", G.node(V).planeReason}),
             SourceLoc()});
    }
}

namespace {

/// One function as every TU describes it.
struct FunctionRecord {
  const FunctionFact *First = nullptr;
  uint32_t File = 0; ///< index in the FactSet of First
  bool Entry = false, Lookup = false;
  uint32_t Attempts = 1;
  Backoff BackoffKind = Backoff::None;
  std::optional<EdgeKind> Recovery;
  std::string_view Trigger;
  const Name *Owner = nullptr;
  uint32_t OwnerFile = 0;
  NodeId Node = NoNode;
  std::vector<uint32_t> Overriders; ///< records that override it directly
};

class CodeBuilder {
public:
  CodeBuilder(const FactSet &Facts, GraphBuilder &G, const ResolveFn &Resolve,
              DiagnosticList &Diags)
      : Facts(Facts), G(G), Resolve(Resolve), Diags(Diags) {}

  void run(FunctionNodes &Out) {
    mergeFunctions();
    addNodes();
    findCallees();
    markLookups();
    addEdges();
    for (const auto &[Key, R] : Index)
      if (Records[R].Node != NoNode)
        Out[Key] = Records[R].Node;
  }

private:
  void mergeFunctions() {
    for (uint32_t F = 0; F < Facts.size(); ++F)
      for (const FunctionFact &Fn : Facts[F]->Functions) {
        auto [It, New] = Index.try_emplace(Fn.Key, uint32_t(Records.size()));
        if (New) {
          Records.emplace_back();
          Records.back().First = &Fn;
          Records.back().File = F;
        }
        FunctionRecord &R = Records[It->second];
        R.Entry |= Fn.Entry.valueOr(false);
        R.Lookup |= Fn.Lookup.valueOr(false);
        if (Fn.Attempts && R.Attempts == 1) {
          R.Attempts = *Fn.Attempts;
          R.BackoffKind = Fn.BackoffKind.valueOr(Backoff::None);
        }
        if (Fn.Recovery && !R.Recovery) {
          R.Recovery = *Fn.Recovery;
          R.Trigger = Fn.Trigger;
        }
        if (!Fn.Owner.Value.empty() && !R.Owner) {
          R.Owner = &Fn.Owner;
          R.OwnerFile = F;
        }
      }
    // Overrides, once every function is known.
    for (const auto &T : Facts)
      for (const FunctionFact &Fn : T->Functions)
        for (std::string_view Base : Fn.Overrides)
          if (auto It = Index.find(Base); It != Index.end()) {
            auto &O = Records[It->second].Overriders;
            uint32_t Me = Index[Fn.Key];
            if (std::find(O.begin(), O.end(), Me) == O.end())
              O.push_back(Me);
          } else {
            Unseen[Base].push_back(Index[Fn.Key]);
          }
  }

  /// Ids: `service::qualified::name`; an overloaded name (several
  /// functions of one service with that name) adds the parameter types.
  void addNodes() {
    std::map<std::pair<std::string_view, std::string_view>, unsigned> Count;
    for (const FunctionRecord &R : Records)
      ++Count[{R.First->Service.Value, R.First->QualifiedName}];
    for (FunctionRecord &R : Records) {
      const FunctionFact &Fn = *R.First;
      NodeId SV = G.find(Fn.Service.Value);
      if (SV == NoNode)
        continue; // the recorder records every service it uses
      NodeProps P;
      P.id = concat({Fn.Service.Value, "::", Fn.QualifiedName});
      if (Count[{Fn.Service.Value, Fn.QualifiedName}] > 1)
        P.id += Fn.Signature;
      P.type = NodeType::Function;
      P.owners = G.node(SV).owners;
      P.plane = G.node(SV).plane;
      P.planeOrigin = PlaneOrigin::Inherited;
      P.service = SV;
      P.entry = R.Entry;
      P.loc = Fn.Loc;
      std::string Id = P.id;
      R.Node = G.addNodeIfNew(std::move(P));
      if (R.Node == NoNode)
        Diags.error(Fn.Loc, concat({"function ", quote(Id),
                                    " has the id of another node"}));
    }
  }

  /// The records a call to Key may reach: Key's own, and for a virtual
  /// call every override of it seen in the run.
  std::vector<uint32_t> targets(std::string_view Key, bool Virtual) {
    std::vector<uint32_t> Out;
    auto It = Index.find(Key);
    if (It != Index.end())
      Out.push_back(It->second);
    if (!Virtual)
      return Out;
    if (auto U = Unseen.find(Key); U != Unseen.end())
      Out.insert(Out.end(), U->second.begin(), U->second.end());
    for (size_t I = 0; I < Out.size(); ++I)
      for (uint32_t O : Records[Out[I]].Overriders)
        if (std::find(Out.begin(), Out.end(), O) == Out.end())
          Out.push_back(O);
    return Out;
  }

  void findCallees() {
    Callees.resize(Records.size());
    for (const auto &T : Facts)
      for (const CallFact &C : T->Calls) {
        if (C.K != CallFact::Target::Function)
          continue;
        uint32_t From = Index[T->Functions[C.From].Key];
        for (uint32_t To : targets(C.To.Value, C.Virtual))
          Callees[From].insert(To);
      }
  }

  /// Below a LOOKUP function every edge is control plane: a function all
  /// of whose callers are LOOKUP functions, or below one, is below one
  /// (a helper of the lookup; not an entry).
  void markLookups() {
    InLookup.assign(Records.size(), false);
    std::vector<uint32_t> Remaining(Records.size(), 0), Work;
    for (const auto &Cs : Callees)
      for (uint32_t To : Cs)
        ++Remaining[To];
    for (uint32_t R = 0; R < Records.size(); ++R)
      if (Records[R].Lookup) {
        InLookup[R] = true;
        Work.push_back(R);
      }
    while (!Work.empty()) {
      uint32_t R = Work.back();
      Work.pop_back();
      for (uint32_t To : Callees[R])
        if (--Remaining[To] == 0 && !InLookup[To] && !Records[To].Entry) {
          InLookup[To] = true;
          Work.push_back(To);
        }
    }
  }

  void addEdges() {
    std::set<std::pair<std::vector<NodeId>, uint8_t>> Seen;
    std::vector<GraphBuilder::HopTarget> Hops;
    for (uint32_t F = 0; F < Facts.size(); ++F) {
      const Topology &T = *Facts[F];
      for (const CallFact &C : T.Calls) {
        if (Diags.full())
          return;
        uint32_t From = Index[T.Functions[C.From].Key];
        const FunctionRecord &R = Records[From];
        if (R.Node == NoNode)
          continue;
        EdgeKind Kind = C.K == CallFact::Target::Lookup ? EdgeKind::Lookup
                        : R.Recovery                    ? *R.Recovery
                        : InLookup[From]                ? EdgeKind::Lookup
                                                        : EdgeKind::Call;
        Declaration D;
        D.attempts = R.Attempts;
        D.backoff = R.BackoffKind;
        D.trigger = R.Trigger; // the graph keeps its own copy
        D.loc = C.To.Loc;
        Hops.clear();
        if (!C.Via.Value.empty())
          if (NodeId V = one(F, C.Via, "an OWNER variable"); V != NoNode)
            Hops.push_back({V, C.To.Loc});
        size_t Base = Hops.size();
        auto Emit = [&](NodeId To) {
          Hops.push_back({To, C.To.Loc});
          std::vector<NodeId> Key{R.Node};
          for (auto &H : Hops)
            Key.push_back(H.first);
          if (Seen.insert({Key, uint8_t(Kind)}).second)
            G.addDeclaration(R.Node, Kind, D, Hops);
          Hops.resize(Base);
        };
        if (C.K != CallFact::Target::Function) {
          for (NodeId To :
               Resolve(F, C.To,
                       C.K == CallFact::Target::Lookup ? "CHOKEPOINT_LOOKUP"
                                                       : "CHOKEPOINT_CALLS"))
            Emit(To);
          continue;
        }
        for (uint32_t To : targets(C.To.Value, C.Virtual)) {
          const FunctionRecord &Callee = Records[To];
          if (Callee.Node == NoNode)
            continue;
          // A call into an OWNER passes through its component, unless the
          // caller is inside it already.
          bool Through = Callee.Owner &&
                         (!R.Owner || R.Owner->Value != Callee.Owner->Value) &&
                         C.Via.Value != Callee.Owner->Value;
          if (Through)
            if (NodeId V = one(Callee.OwnerFile, *Callee.Owner, "an OWNER");
                V != NoNode) {
              Hops.push_back({V, C.To.Loc});
              ++Base;
              Emit(Callee.Node);
              --Base;
              Hops.resize(Base);
              continue;
            }
          Emit(Callee.Node);
        }
      }
    }
  }

  NodeId one(uint32_t File, const Name &N, std::string_view Role) {
    auto Nodes = Resolve(File, N, Role);
    return Nodes.empty() ? NoNode : Nodes.front();
  }

  const FactSet &Facts;
  GraphBuilder &G;
  const ResolveFn &Resolve;
  DiagnosticList &Diags;
  std::vector<FunctionRecord> Records;
  std::unordered_map<std::string_view, uint32_t> Index;
  /// Overrides of functions no TU recorded (an interface outside every
  /// service), by the overridden function's key.
  std::unordered_map<std::string_view, std::vector<uint32_t>> Unseen;
  std::vector<std::set<uint32_t>> Callees;
  std::vector<bool> InLookup;
};

} // namespace

FunctionNodes addCodeGraph(const FactSet &Facts, GraphBuilder &G,
                           const ResolveFn &Resolve, DiagnosticList &Diags) {
  FunctionNodes Out;
  bool Any = false;
  for (const auto &T : Facts)
    Any |= !T->Functions.empty();
  if (Any)
    CodeBuilder(Facts, G, Resolve, Diags).run(Out);
  return Out;
}

} // namespace chokepoint
