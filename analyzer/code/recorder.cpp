//===- analyzer/code/recorder.cpp - The AST consumer: record, then analyse ===//
//
// Walks one TU's AST and records plain facts (facts.h): each function that
// belongs to a service, with the annotations of its declarations; each call
// made from such a function to another (direct, member, operator,
// constructor, destructor, virtual, through an OWNER variable); each OWNER
// as a component of its service. It resolves nothing across TUs and makes
// no node: the merge (analyzer/facts/code_graph.cpp) does.
//
//===----------------------------------------------------------------------===//

#include "analyzer/code/annotation.h"
#include "analyzer/code/tu.h"
#include "analyzer/manifests/inputs.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <map>
#include <set>
#include <tuple>

namespace chokepoint {

namespace {

using namespace clang;

//===----------------------------------------------------------------------===//
// The TU's state, shared by its commands (one AST each)
//===----------------------------------------------------------------------===//

/// What a TU has recorded so far, by name: a file compiled by two commands
/// gives one set of facts.
class TUState {
public:
  TUState(const CodeOptions &Options, CodeUnit &Out)
      : Options(Options), Out(Out), T(*Out.T) {}

  const CodeOptions &Options;
  CodeUnit &Out;
  Topology &T;

  /// The TU-local file id of an absolute path.
  uint32_t fileId(const std::string &Path) {
    auto [It, New] =
        FileIds.try_emplace(Path, uint32_t(T.UnitFiles.size() + 1));
    if (New)
      T.UnitFiles.push_back(Path);
    return It->second;
  }

  Name name(std::string_view Text, SourceLoc Loc) { return T.name(Text, Loc); }

  /// The service's index among those recorded, recording it first.
  void service(std::string_view Name, SourceLoc Loc) {
    if (ServiceIndex.try_emplace(std::string(Name), Services.size()).second)
      Services.push_back({std::string(Name), Loc, {}});
  }

  /// Records component Comp of Service with Owners owners.
  void component(std::string_view Service, SourceLoc ServiceLoc,
                 std::string_view Comp, uint64_t Owners, SourceLoc Loc) {
    service(Service, ServiceLoc);
    auto &Cs = Services[ServiceIndex[std::string(Service)]].Components;
    for (ComponentFact &C : Cs)
      if (C.Id.Value == Comp) {
        if (*C.Owners != Owners) {
          Diagnostic &D = Out.Diags.error(
              Loc,
              concat({"component ", quote(concat({Service, ".", Comp})),
                      " is given ", std::to_string(Owners), " owners here but ",
                      std::to_string(*C.Owners), " before"}));
          D.Notes.push_back(
              {DiagLevel::Note,
               C.Owners.loc(),
               "owners " + std::to_string(*C.Owners) + " given here",
               {}});
        }
        return;
      }
    ComponentFact C;
    C.Id = name(Comp, Loc);
    C.Owners.set(Owners, Loc);
    if (auto K = parse<ComponentKind>(Comp))
      C.Kind.set(*K, Loc);
    Cs.push_back(std::move(C));
  }

  /// The function with this key, recording it with Make when new.
  template <typename MakeFn>
  uint32_t function(std::string_view Key, MakeFn Make) {
    auto [It, New] = FunctionIndex.try_emplace(std::string(Key),
                                               uint32_t(T.Functions.size()));
    if (New) {
      T.Functions.emplace_back();
      Make(T.Functions.back());
    }
    return It->second;
  }

  void call(CallFact C) {
    auto K = std::make_tuple(C.From, uint8_t(C.K), std::string(C.To.Value),
                             C.Virtual, std::string(C.Via.Value));
    if (Calls.insert(K).second)
      T.Calls.push_back(C);
  }

  /// Lays out the services and their components (ranges of Topology).
  void finish() {
    for (auto &S : Services) {
      ServiceFact F;
      F.Id = name(S.Name, S.Loc);
      F.ComponentBegin = uint32_t(T.Components.size());
      F.ComponentCount = uint32_t(S.Components.size());
      for (ComponentFact &C : S.Components)
        T.Components.push_back(std::move(C));
      T.Services.push_back(std::move(F));
    }
  }

private:
  struct ServiceEntry {
    std::string Name;
    SourceLoc Loc;
    std::vector<ComponentFact> Components;
  };
  llvm::StringMap<uint32_t> FileIds;
  std::vector<ServiceEntry> Services;
  std::map<std::string, size_t> ServiceIndex;
  llvm::StringMap<uint32_t> FunctionIndex;
  std::set<std::tuple<uint32_t, uint8_t, std::string, bool, std::string>> Calls;
};

//===----------------------------------------------------------------------===//
// Locations
//===----------------------------------------------------------------------===//

/// Clang locations as SourceLocs of the TU's file table: the place the
/// user wrote (a macro's invocation, a macro argument's spelling).
class Locator {
public:
  Locator(const clang::SourceManager &SM, TUState &S) : SM(SM), S(S) {}

  SourceLoc operator()(clang::SourceLocation L) {
    if (L.isInvalid())
      return {};
    L = SM.getFileLoc(L);
    FileID F = SM.getFileID(L);
    auto It = Ids.find(F);
    if (It == Ids.end()) {
      uint32_t Id = 0;
      if (OptionalFileEntryRef E = SM.getFileEntryRefForID(F))
        Id = S.fileId(absolute(*E));
      It = Ids.try_emplace(F, Id).first;
    }
    if (!It->second)
      return {};
    return {It->second, SM.getSpellingLineNumber(L),
            SM.getSpellingColumnNumber(L)};
  }

  /// The absolute path of the file L is in ("" when none).
  std::string pathOf(clang::SourceLocation L) {
    SourceLoc Loc = (*this)(L);
    return Loc.valid() ? S.T.UnitFiles[Loc.file - 1] : std::string();
  }

private:
  std::string absolute(FileEntryRef E) {
    llvm::SmallString<256> P(E.getName());
    SM.getFileManager().makeAbsolutePath(P);
    llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
    return std::string(P);
  }
  const clang::SourceManager &SM;
  TUState &S;
  llvm::DenseMap<FileID, uint32_t> Ids;
};

//===----------------------------------------------------------------------===//
// The visitor
//===----------------------------------------------------------------------===//

constexpr uint32_t None = UINT32_MAX;

class Recorder : public RecursiveASTVisitor<Recorder> {
  using Base = RecursiveASTVisitor<Recorder>;

public:
  Recorder(ASTContext &Ctx, TUState &S)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), S(S), Loc(SM, S),
        Policy(Ctx.getPrintingPolicy()) {
    Policy.FullyQualifiedName = true;
    Policy.SuppressUnwrittenScope = false;
  }

  bool shouldVisitTemplateInstantiations() const { return true; }

  /// A function's body is recorded as that function's (a lambda's as the
  /// function that defines it: what it defines, it runs or hands on).
  bool TraverseDecl(Decl *D) {
    auto *FD = dyn_cast_or_null<FunctionDecl>(D);
    if (!FD || !FD->doesThisDeclarationHaveABody())
      return Base::TraverseDecl(D);
    uint32_t Saved = Current;
    const FunctionDecl *Owner = enclosingFunction(FD);
    Current = Owner ? functionIndex(Owner) : None;
    bool R = Base::TraverseDecl(D);
    Current = Saved;
    return R;
  }

  bool VisitDecl(Decl *D) {
    if (D->hasAttrs())
      for (const auto *A : D->specific_attrs<AnnotateAttr>())
        if (!A->isInherited() && isChokepointAnnotation(A->getAnnotation()))
          checkAnnotation(D, A);
    if (auto *FD = dyn_cast<FunctionDecl>(D);
        FD && FD->doesThisDeclarationHaveABody() && !isLambda(FD) &&
        !FD->isImplicit())
      functionIndex(FD);
    return true;
  }

  bool VisitCallExpr(CallExpr *E) {
    if (Current == None)
      return true;
    const FunctionDecl *Callee = E->getDirectCallee();
    if (!Callee || isLambda(Callee))
      return true;
    const Expr *Object = nullptr;
    bool Virtual = false;
    if (auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      Object = MC->getImplicitObjectArgument();
      auto *ME = dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens());
      Virtual =
          cast<CXXMethodDecl>(Callee)->isVirtual() && ME && !ME->hasQualifier();
    } else if (auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
               OC && isa<CXXMethodDecl>(Callee) && OC->getNumArgs() > 0) {
      Object = OC->getArg(0);
    }
    recordCall(Callee, E->getExprLoc(), Virtual, Object);
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    if (Current != None && !E->getConstructor()->isImplicit())
      recordCall(E->getConstructor(), E->getBeginLoc(), false, nullptr);
    return true;
  }

  bool VisitCXXDeleteExpr(CXXDeleteExpr *E) {
    if (Current == None)
      return true;
    if (const CXXRecordDecl *RD = E->getDestroyedType()->getAsCXXRecordDecl())
      destroys(RD, E->getBeginLoc());
    return true;
  }

  /// A local object is destroyed where its scope ends: its destructor is
  /// called from the function that holds it.
  bool VisitVarDecl(VarDecl *V) {
    if (Current != None && V->hasLocalStorage())
      if (const CXXRecordDecl *RD = V->getType()->getAsCXXRecordDecl())
        destroys(RD, V->getLocation());
    return true;
  }

private:
  static bool isLambda(const FunctionDecl *FD) {
    auto *M = dyn_cast<CXXMethodDecl>(FD);
    return M && M->getParent()->isLambda();
  }

  /// FD, or for a lambda's body the function that defines the lambda.
  static const FunctionDecl *enclosingFunction(const FunctionDecl *FD) {
    while (FD && isLambda(FD)) {
      const DeclContext *DC = cast<CXXMethodDecl>(FD)->getParent();
      FD = nullptr;
      for (DC = DC->getParent(); DC; DC = DC->getParent())
        if ((FD = dyn_cast<FunctionDecl>(DC)))
          break;
    }
    return FD;
  }

  void destroys(const CXXRecordDecl *RD, clang::SourceLocation At) {
    if (!RD->hasDefinition())
      return;
    if (const CXXDestructorDecl *Dtor = RD->getDestructor();
        Dtor && Dtor->isUserProvided())
      recordCall(Dtor, At, false, nullptr);
  }

  //===--------------------------------------------------------------------===//
  // Annotations
  //===--------------------------------------------------------------------===//

  static AnnotatedDecl category(const Decl *D) {
    if (isa<NamespaceDecl>(D))
      return AnnotatedDecl::Namespace;
    if (isa<RecordDecl>(D))
      return AnnotatedDecl::Class;
    if (isa<FunctionDecl>(D))
      return AnnotatedDecl::Function;
    if (isa<VarDecl>(D))
      return AnnotatedDecl::Variable;
    return AnnotatedDecl::Other;
  }

  RawAnnotation raw(const Decl *D, const AnnotateAttr *A) {
    RawAnnotation R;
    R.Kind = A->getAnnotation().str();
    R.Loc = Loc(A->getLocation());
    R.On = category(D);
    for (const Expr *E : A->args()) {
      AnnotationArg Arg;
      Arg.Loc = Loc(E->getExprLoc());
      const Expr *X = E->IgnoreImplicit()->IgnoreParens();
      bool Negative = false;
      if (auto *U = dyn_cast<UnaryOperator>(X);
          U && U->getOpcode() == UO_Minus) {
        Negative = true;
        X = U->getSubExpr()->IgnoreParens();
      }
      if (auto *SL = dyn_cast<StringLiteral>(X);
          SL && !Negative && (SL->isOrdinary() || SL->isUTF8())) {
        Arg.T = AnnotationArg::Type::String;
        Arg.Text = SL->getString().str();
      } else if (auto *IL = dyn_cast<IntegerLiteral>(X)) {
        Arg.T = AnnotationArg::Type::Integer;
        uint64_t V = IL->getValue().getLimitedValue(INT64_MAX);
        Arg.Int = Negative ? -int64_t(V) : int64_t(V);
      } else {
        Arg.Text = Lexer::getSourceText(
                       CharSourceRange::getTokenRange(E->getSourceRange()), SM,
                       Ctx.getLangOpts())
                       .str();
      }
      R.Args.push_back(std::move(Arg));
    }
    return R;
  }

  /// Reports what is wrong with one annotation, once (VisitDecl).
  void checkAnnotation(const Decl *D, const AnnotateAttr *A) {
    Annotation Ann;
    if (!interpretAnnotation(raw(D, A), Ann, S.Out.Diags))
      return;
    if (Ann.K == Annotation::Kind::Owner && !isa<FunctionDecl>(D))
      ownerComponent(D, Ann);
    if (Ann.K == Annotation::Kind::Service)
      S.service(Ann.Names[0], Ann.NameLocs[0]);
    if (Ann.K == Annotation::Kind::Allow && !allow(D, Ann))
      return;
    bool NeedsService =
        Ann.K != Annotation::Kind::Service &&
        (Ann.K != Annotation::Kind::Allow || isa<FunctionDecl>(D));
    if (NeedsService && !serviceOf(D)) {
      S.Out.Diags.error(
          Ann.Loc, concat({macroName(Ann.K), " on ", describe(D),
                           ", which belongs to no service: put it in a "
                           "namespace or class marked CHOKEPOINT_SERVICE, or "
                           "map its file with --service-map PATH=SERVICE"}));
    }
  }

  /// Records a CHOKEPOINT_ALLOW on what D is in the graph: a function, an
  /// OWNER class or variable (its component), a CHOKEPOINT_SERVICE
  /// namespace or class (the service). False, with an error, when D is
  /// none of those.
  bool allow(const Decl *D, const Annotation &Ann) {
    AllowFact F;
    F.Rule = S.T.intern(Ann.Names[0]);
    F.Reason = S.T.intern(Ann.Names[1]);
    F.Loc = Ann.Loc;
    if (auto *FD = dyn_cast<FunctionDecl>(D)) {
      F.Target = AllowFact::On::Function;
      F.Index = functionIndex(FD);
      if (F.Index == None)
        return true; // belongs to no service: checkAnnotation says so
    } else if (auto Component = ownerOf(D)) {
      F.Target = AllowFact::On::Node;
      F.Node = S.T.intern(*Component);
    } else if (auto Svc = isa<DeclContext>(D)
                              ? declaredService(cast<DeclContext>(D))
                              : std::nullopt) {
      F.Target = AllowFact::On::Node;
      F.Node = S.T.intern(Svc->first);
    } else {
      S.Out.Diags.error(
          Ann.Loc,
          concat({"CHOKEPOINT_ALLOW on ", describe(D),
                  ", which is no node of the graph: put it on a function, "
                  "an OWNER class or variable, or a namespace or class "
                  "marked CHOKEPOINT_SERVICE"}));
      return false;
    }
    S.T.Allows.push_back(F);
    return true;
  }

  std::string describe(const Decl *D) {
    if (auto *ND = dyn_cast<NamedDecl>(D))
      return quote(ND->getQualifiedNameAsString());
    return "a declaration";
  }

  /// The valid annotations on D and its earlier declarations.
  std::vector<Annotation> annotations(const Decl *D) {
    std::vector<Annotation> Out;
    DiagnosticList Scratch; // VisitDecl reports
    for (const Decl *R : D->redecls())
      if (R->hasAttrs())
        for (const auto *A : R->specific_attrs<AnnotateAttr>()) {
          Annotation Ann;
          if (!A->isInherited() && isChokepointAnnotation(A->getAnnotation()) &&
              interpretAnnotation(raw(R, A), Ann, Scratch))
            Out.push_back(std::move(Ann));
        }
    return Out;
  }

  /// An OWNER on a class or a variable: a component of its service.
  void ownerComponent(const Decl *D, const Annotation &Ann) {
    if (auto Svc = serviceOf(D))
      S.component(Svc->first, Svc->second, Ann.Names[0], Ann.Count,
                  Ann.NameLocs[0]);
  }

  /// The component ("service.name") an OWNER on D names, if any.
  std::optional<std::string> ownerOf(const Decl *D) {
    for (const Annotation &A : annotations(D))
      if (A.K == Annotation::Kind::Owner)
        if (auto Svc = serviceOf(D)) {
          S.component(Svc->first, Svc->second, A.Names[0], A.Count,
                      A.NameLocs[0]);
          return concat({Svc->first, ".", A.Names[0]});
        }
    return std::nullopt;
  }

  //===--------------------------------------------------------------------===//
  // Services
  //===--------------------------------------------------------------------===//

  using ServiceRef = std::pair<std::string, SourceLoc>;

  /// The service a declaration belongs to: the innermost enclosing
  /// namespace or class (or D itself) marked CHOKEPOINT_SERVICE, else the
  /// --service-map entry whose path holds D's file.
  std::optional<ServiceRef> serviceOf(const Decl *D) {
    for (const DeclContext *DC = isa<DeclContext>(D) ? cast<DeclContext>(D)
                                                     : D->getDeclContext();
         DC; DC = DC->getParent()) {
      auto It = ServiceCache.find(DC);
      if (It == ServiceCache.end())
        It = ServiceCache.try_emplace(DC, declaredService(DC)).first;
      if (It->second)
        return It->second;
    }
    return mappedService(D);
  }

  std::optional<ServiceRef> declaredService(const DeclContext *DC) {
    const Decl *D = dyn_cast<Decl>(DC);
    if (!D || !(isa<NamespaceDecl>(D) || isa<RecordDecl>(D)))
      return std::nullopt;
    if (auto *RD = dyn_cast<CXXRecordDecl>(D))
      if (const CXXRecordDecl *P = RD->getTemplateInstantiationPattern())
        D = P;
    for (const Annotation &A : annotations(D))
      if (A.K == Annotation::Kind::Service) {
        S.service(A.Names[0], A.NameLocs[0]);
        return ServiceRef{A.Names[0], A.NameLocs[0]};
      }
    return std::nullopt;
  }

  std::optional<ServiceRef> mappedService(const Decl *D) {
    if (S.Options.ServiceMap.empty() && S.Options.SourceGlobs.empty())
      return std::nullopt;
    std::string Path = Loc.pathOf(D->getCanonicalDecl()->getLocation());
    const std::pair<std::string, std::string> *Best = nullptr;
    for (const auto &Entry : S.Options.ServiceMap) {
      const std::string &Dir = Entry.first;
      bool Below = Path.compare(0, Dir.size(), Dir) == 0 &&
                   (Path.size() == Dir.size() || Dir.ends_with("/") ||
                    Path[Dir.size()] == '/');
      if (Below && (!Best || Dir.size() > Best->first.size()))
        Best = &Entry;
    }
    const std::string &Root = S.Options.SourceRoot;
    if (!Best && !Root.empty() && Path.compare(0, Root.size(), Root) == 0)
      for (const auto &Entry : S.Options.SourceGlobs)
        if (pathGlobMatch(Entry.first,
                          std::string_view(Path).substr(Root.size()))) {
          Best = &Entry;
          break;
        }
    if (!Best)
      return std::nullopt;
    S.service(Best->second, {});
    return ServiceRef{Best->second, SourceLoc()};
  }

  //===--------------------------------------------------------------------===//
  // Functions
  //===--------------------------------------------------------------------===//

  /// The declaration that stands for FD in every TU: a template's
  /// instantiations are its primary's, a function its first declaration.
  static const FunctionDecl *primary(const FunctionDecl *FD) {
    if (const FunctionDecl *P =
            FD->getTemplateInstantiationPattern(/*ForDefinition=*/false))
      FD = P;
    return FD->getCanonicalDecl();
  }

  std::string qualifiedName(const FunctionDecl *FD) {
    return FD->getQualifiedNameAsString();
  }

  /// "(int, const std::string &) const": the parameters as first declared.
  std::string signature(const FunctionDecl *FD) {
    std::string S = "(";
    for (unsigned I = 0; I < FD->getNumParams(); ++I) {
      if (I)
        S += ", ";
      S += FD->getParamDecl(I)->getType().getAsString(Policy);
    }
    if (FD->isVariadic())
      S += FD->getNumParams() ? ", ..." : "...";
    S += ")";
    if (auto *M = dyn_cast<CXXMethodDecl>(FD)) {
      if (M->isConst())
        S += " const";
      if (M->getRefQualifier() == RQ_LValue)
        S += " &";
      else if (M->getRefQualifier() == RQ_RValue)
        S += " &&";
    }
    return S;
  }

  std::string keyOf(const FunctionDecl *FD) {
    return qualifiedName(FD) + signature(FD);
  }

  /// The index of FD's FunctionFact, recording it first; None when FD
  /// belongs to no service.
  uint32_t functionIndex(const FunctionDecl *FD) {
    FD = primary(FD);
    auto It = FunctionCache.find(FD);
    if (It != FunctionCache.end())
      return It->second;
    uint32_t Index = None;
    // What the compiler writes (implicit or defaulted members) calls
    // nothing the user wrote: no node.
    bool Written = !FD->isImplicit() && !FD->isDefaulted();
    if (auto Svc = Written ? serviceOf(FD) : std::nullopt) {
      std::string Q = qualifiedName(FD), Sig = signature(FD);
      Index = S.function(Q + Sig, [&](FunctionFact &F) {
        F.QualifiedName = S.T.intern(Q);
        F.Signature = S.T.intern(Sig);
        F.Key = S.T.intern(Q + Sig);
        F.Service = S.name(Svc->first, Svc->second);
        F.Loc = Loc(FD->getLocation());
      });
      FunctionCache[FD] = Index;
      describeFunction(FD, *Svc, Index);
    }
    FunctionCache[FD] = Index;
    return Index;
  }

  /// Fills in what FD's annotations, its class and what it overrides say.
  void describeFunction(const FunctionDecl *FD, const ServiceRef &Svc,
                        uint32_t Index) {
    auto Fn = [&]() -> FunctionFact & { return S.T.Functions[Index]; };
    for (const Annotation &A : annotations(FD)) {
      switch (A.K) {
      case Annotation::Kind::Entry:
        Fn().Entry.set(true, A.Loc);
        break;
      case Annotation::Kind::Lookup:
        Fn().Lookup.set(true, A.Loc);
        S.call({Index,
                CallFact::Target::Lookup,
                S.name(A.Names[0], A.NameLocs[0]),
                false,
                {}});
        break;
      case Annotation::Kind::Calls:
        for (size_t I = 0; I < A.Names.size(); ++I)
          S.call({Index,
                  CallFact::Target::Service,
                  S.name(A.Names[I], A.NameLocs[I]),
                  false,
                  {}});
        break;
      case Annotation::Kind::Retry:
        Fn().Attempts.set(uint32_t(A.Count), A.Loc);
        Fn().BackoffKind.set(A.BackoffKind, A.Loc);
        break;
      case Annotation::Kind::Recovery:
        Fn().Recovery.set(A.Recovery, A.Loc);
        Fn().Trigger = S.T.intern(A.Names[0]);
        break;
      case Annotation::Kind::Owner:
        S.component(Svc.first, Svc.second, A.Names[0], A.Count, A.NameLocs[0]);
        Fn().Owner = S.name(concat({Svc.first, ".", A.Names[0]}), A.Loc);
        break;
      case Annotation::Kind::Service:
      case Annotation::Kind::Allow:
        break;
      }
    }
    auto *M = dyn_cast<CXXMethodDecl>(FD);
    if (!M)
      return;
    // Calling a method of an OWNER class passes through its component;
    // making or destroying the object does not.
    if (!isa<CXXConstructorDecl>(M) && !isa<CXXDestructorDecl>(M) &&
        Fn().Owner.Value.empty()) {
      const CXXRecordDecl *RD = M->getParent();
      if (const CXXRecordDecl *P = RD->getTemplateInstantiationPattern())
        RD = P;
      if (auto Owner = ownerOf(RD))
        Fn().Owner = S.name(*Owner, Loc(RD->getLocation()));
    }
    for (const CXXMethodDecl *O : M->overridden_methods()) {
      std::string K = keyOf(primary(O));
      Fn().Overrides.push_back(S.T.intern(K));
    }
  }

  void recordCall(const FunctionDecl *Callee, clang::SourceLocation At,
                  bool Virtual, const Expr *Object) {
    uint32_t To = functionIndex(Callee);
    std::string Key;
    if (To != None)
      Key = std::string(S.T.Functions[To].Key);
    else if (Virtual) // an interface outside any service: its overrides
      Key = keyOf(primary(Callee));
    else
      return;
    CallFact C;
    C.From = Current;
    C.K = CallFact::Target::Function;
    C.To = S.name(Key, Loc(At));
    C.Virtual = Virtual;
    if (Object)
      if (auto *DRE = dyn_cast<DeclRefExpr>(Object->IgnoreParenImpCasts()))
        if (auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
          if (auto Owner = ownerOf(V))
            C.Via = S.name(*Owner, Loc(At));
    S.call(C);
  }

  ASTContext &Ctx;
  const clang::SourceManager &SM;
  TUState &S;
  Locator Loc;
  PrintingPolicy Policy;
  uint32_t Current = None;
  llvm::DenseMap<const FunctionDecl *, uint32_t> FunctionCache;
  llvm::DenseMap<const DeclContext *, std::optional<ServiceRef>> ServiceCache;
};

//===----------------------------------------------------------------------===//
// Clang's own diagnostics
//===----------------------------------------------------------------------===//

/// Keeps clang's errors (and their notes) as our diagnostics; warnings are
/// the compiler's business, not ours.
class Collector : public DiagnosticConsumer {
public:
  explicit Collector(TUState &S) : S(S) {}

  void BeginSourceFile(const LangOptions &, const Preprocessor *) override {}

  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Note)
      return;
    if (Level == DiagnosticsEngine::Note && !Last)
      return;
    if (Level == DiagnosticsEngine::Warning) {
      Last = nullptr;
      return;
    }
    llvm::SmallString<128> Text;
    Info.FormatDiagnostic(Text);
    SourceLoc L;
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      if (!Loc || &Info.getSourceManager() != LocSM) {
        LocSM = &Info.getSourceManager();
        Loc = std::make_unique<Locator>(*LocSM, S);
      }
      L = (*Loc)(Info.getLocation());
    }
    if (Level == DiagnosticsEngine::Note) {
      Last->Notes.push_back({DiagLevel::Note, L, std::string(Text), {}});
      return;
    }
    S.Out.Failed = true;
    Last = &S.Out.Diags.error(L, std::string(Text));
  }

private:
  TUState &S;
  chokepoint::Diagnostic *Last = nullptr;
  const clang::SourceManager *LocSM = nullptr;
  std::unique_ptr<Locator> Loc;
};

//===----------------------------------------------------------------------===//
// The action
//===----------------------------------------------------------------------===//

class Consumer : public ASTConsumer {
public:
  explicit Consumer(TUState &S) : S(S) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (Ctx.getDiagnostics().hasErrorOccurred())
      return; // reported by the Collector; an AST with errors is not read
    Recorder(Ctx, S).TraverseAST(Ctx);
  }

private:
  TUState &S;
};

class Action : public ASTFrontendAction {
public:
  explicit Action(TUState &S) : S(S) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 StringRef) override {
    return std::make_unique<Consumer>(S);
  }
  /// Keeps the files this command read (headers with no fact included),
  /// for a build's depfile.
  void EndSourceFileAction() override {
    clang::SourceManager &SM = getCompilerInstance().getSourceManager();
    std::vector<std::string> &Read = S.Out.Read;
    for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
      llvm::SmallString<256> P(It->first.getName());
      SM.getFileManager().makeAbsolutePath(P);
      llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
      Read.push_back(std::string(P));
    }
    std::sort(Read.begin(), Read.end());
    Read.erase(std::unique(Read.begin(), Read.end()), Read.end());
  }

private:
  TUState &S;
};

class Factory : public tooling::FrontendActionFactory {
public:
  explicit Factory(TUState &S) : S(S) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(S);
  }

private:
  TUState &S;
};

/// A database of one file's commands, read from the run's database
/// before the threads start.
class OneFile : public tooling::CompilationDatabase {
public:
  explicit OneFile(const TUJob &Job) : Job(Job) {}
  std::vector<tooling::CompileCommand>
  getCompileCommands(StringRef) const override {
    return Job.Commands;
  }
  std::vector<std::string> getAllFiles() const override { return {Job.File}; }

private:
  const TUJob &Job;
};

} // namespace

void analyzeTU(const TUJob &Job, const CodeOptions &Options, CodeUnit &Out) {
  Out.T = std::make_unique<Topology>();
  TUState S(Options, Out);
  S.fileId(Job.File);
  OneFile Db(Job);
  // A file system of the TU's own: the real one changes the process's
  // working directory to each command's, which TUs on other threads (and
  // the paths shown afterwards) would see.
  tooling::ClangTool Tool(Db, {Job.File},
                          std::make_shared<PCHContainerOperations>(),
                          llvm::vfs::createPhysicalFileSystem());
  Collector Diags(S);
  Tool.setDiagnosticConsumer(&Diags);
  Tool.setPrintErrorMessage(false);
  // Builtin headers from the resource directory Debian's clang-19 installs;
  // the compiler's warnings are not ours to show.
  Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
      {"-resource-dir=" CHOKEPOINT_CLANG_RESOURCE_DIR, "-w",
       "-Wno-unknown-warning-option", "-Wno-unused-command-line-argument",
       // clang prints "N errors generated." unless told: ours are counted
       "-fno-caret-diagnostics"},
      tooling::ArgumentInsertPosition::END));
  Factory F(S);
  Tool.run(&F);
  S.finish();
}

} // namespace chokepoint
