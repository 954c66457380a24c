//===- analyzer/yaml_reader.cpp - libyaml events to Documents -------------===//

#include "analyzer/readers.h"

#include <yaml.h>

#include <memory>
#include <string>
#include <unordered_map>

namespace chokepoint {

namespace {

/// libyaml counts characters; we point at bytes. Marks arrive in order, so
/// a forward cursor converts them in linear time overall.
class ByteCursor {
public:
  explicit ByteCursor(std::string_view T) : T(T) {}
  size_t toByte(size_t CharIndex) {
    if (CharIndex < Char)
      Char = Byte = 0;
    while (Char < CharIndex && Byte < T.size()) {
      unsigned char C = T[Byte];
      Byte += C < 0x80 ? 1 : C >= 0xF0 ? 4 : C >= 0xE0 ? 3 : C >= 0xC0 ? 2 : 1;
      ++Char;
    }
    return std::min(Byte, T.size());
  }

private:
  std::string_view T;
  size_t Char = 0, Byte = 0;
};

struct ParserDeleter {
  void operator()(yaml_parser_t *P) const {
    yaml_parser_delete(P);
    delete P;
  }
};

/// "while parsing a block mapping" -> "a block mapping starts here".
std::string contextNote(std::string_view Context) {
  for (std::string_view Prefix : {"while parsing ", "while scanning "})
    if (Context.substr(0, Prefix.size()) == Prefix)
      return std::string(Context.substr(Prefix.size())) + " starts here";
  return std::string(Context);
}

class YamlBuilder {
public:
  YamlBuilder(const SourceManager &SM, uint32_t File, DiagnosticList &Diags)
      : SM(SM), File(File), Diags(Diags) {}

  bool run(const DocumentSink &Sink);

private:
  bool fail(size_t ByteOffset, std::string Message) {
    Diags.error(SM.locate(File, ByteOffset), std::move(Message));
    return false;
  }
  bool parserError(yaml_parser_t &P);
  uint32_t addNode(size_t Offset, DocKind Kind, ScalarStyle Style,
                   const yaml_char_t *Anchor);
  void finishChild(uint64_t Size);

  const SourceManager &SM;
  uint32_t File;
  DiagnosticList &Diags;
  size_t Base = 0; ///< bytes skipped before libyaml's input (a BOM)
  std::unique_ptr<ByteCursor> Cursor;

  struct Frame {
    uint32_t Node;
    uint32_t Last = UINT32_MAX;
    uint64_t Size = 1; ///< nodes below, aliases expanded
    bool Anchored = false;
  };
  Document Doc;
  std::vector<Frame> Stack;
  std::unordered_map<std::string, uint32_t> Anchors;
  /// Expanded sizes of anchored nodes, once complete.
  std::unordered_map<uint32_t, uint64_t> AnchorSize;
  uint64_t Expanded = 0;
};

uint32_t YamlBuilder::addNode(size_t Offset, DocKind Kind, ScalarStyle Style,
                              const yaml_char_t *Anchor) {
  uint32_t I = uint32_t(Doc.Nodes.size());
  Doc.Nodes.push_back({uint32_t(Offset), Kind, Style, 0, 0, 0, UINT32_MAX});
  if (Stack.empty()) {
    Doc.Root = I;
  } else {
    Frame &P = Stack.back();
    if (P.Last == UINT32_MAX)
      Doc.Nodes[P.Node].A = I;
    else
      Doc.Nodes[P.Last].Next = I;
    P.Last = I;
    ++Doc.Nodes[P.Node].B;
  }
  if (Anchor)
    Anchors[reinterpret_cast<const char *>(Anchor)] = I;
  return I;
}

void YamlBuilder::finishChild(uint64_t Size) {
  if (!Stack.empty()) {
    uint64_t &S = Stack.back().Size;
    S = S + Size < S ? UINT64_MAX : S + Size;
  }
}

bool YamlBuilder::parserError(yaml_parser_t &P) {
  std::string Problem = P.problem ? P.problem : "malformed YAML";
  if (P.error == YAML_READER_ERROR) {
    size_t At = Base + P.problem_offset;
    if (Problem == "control characters are not allowed" && P.problem_value == 0)
      return fail(At, "NUL byte in the file: it is not YAML text");
    if (Problem == "control characters are not allowed") {
      char Buf[64];
      std::snprintf(Buf, sizeof Buf,
                    "control character U+%04X is not allowed in YAML",
                    unsigned(P.problem_value));
      return fail(At, Buf);
    }
    if (Problem.find("UTF-8") != std::string::npos ||
        Problem.find("utf-8") != std::string::npos)
      return fail(At, "invalid UTF-8 (" + Problem +
                          "): chokepoint reads UTF-8 text");
    return fail(At, Problem);
  }
  size_t At = Base + Cursor->toByte(P.problem_mark.index);
  std::string_view Text = SM.text(File);
  if (Problem == "found character that cannot start any token" &&
      At < Text.size() && Text[At] == '\t')
    Problem = "tab character: YAML indents with spaces only";
  if (Problem == "found undefined tag handle" && P.context)
    Problem = std::string(P.context) + ": " + Problem;
  Diagnostic &D = Diags.error(SM.locate(File, At), Problem);
  if (P.context && P.context_mark.index != P.problem_mark.index) {
    size_t Ctx = Base + Cursor->toByte(P.context_mark.index);
    D.Notes.push_back({DiagLevel::Note, SM.locate(File, Ctx),
                       contextNote(P.context), {}});
  }
  return false;
}

bool YamlBuilder::run(const DocumentSink &Sink) {
  std::string_view Text = SM.text(File);
  if (Text.size() >= UINT32_MAX)
    return fail(0, "file is larger than 4 GiB");
  if (Text.substr(0, 2) == "\xFE\xFF" || Text.substr(0, 2) == "\xFF\xFE")
    return fail(0, "file is UTF-16 encoded: chokepoint reads UTF-8");
  if (Text.substr(0, 3) == "\xEF\xBB\xBF")
    Base = 3;
  std::string_view Input = Text.substr(Base);
  Cursor = std::make_unique<ByteCursor>(Input);

  std::unique_ptr<yaml_parser_t, ParserDeleter> P(new yaml_parser_t);
  if (!yaml_parser_initialize(P.get()))
    return fail(0, "out of memory");
  yaml_parser_set_input_string(
      P.get(), reinterpret_cast<const unsigned char *>(Input.data()),
      Input.size());
  uint32_t Ordinal = 0;
  for (;;) {
    yaml_event_t E;
    if (!yaml_parser_parse(P.get(), &E))
      return parserError(*P);
    std::unique_ptr<yaml_event_t, void (*)(yaml_event_t *)> Guard(
        &E, yaml_event_delete);
    size_t At = Base + Cursor->toByte(E.start_mark.index);
    switch (E.type) {
    case YAML_STREAM_END_EVENT:
      return true;
    case YAML_DOCUMENT_START_EVENT:
      Doc = Document();
      Doc.File = File;
      Doc.Ordinal = ++Ordinal;
      Anchors.clear();
      AnchorSize.clear();
      Expanded = 0;
      break;
    case YAML_DOCUMENT_END_EVENT:
      if (!Sink(Doc))
        return true;
      Doc = Document();
      break;
    case YAML_SCALAR_EVENT: {
      const char *Tag = reinterpret_cast<const char *>(E.data.scalar.tag);
      bool Quoted = E.data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
                    (Tag && std::string_view(Tag) == YAML_STR_TAG);
      uint32_t I = addNode(At, DocKind::Scalar,
                           Quoted ? ScalarStyle::Quoted : ScalarStyle::Plain,
                           E.data.scalar.anchor);
      Doc.Nodes[I].A = uint32_t(Doc.Text.size());
      Doc.Nodes[I].B = uint32_t(E.data.scalar.length);
      Doc.Text.append(reinterpret_cast<const char *>(E.data.scalar.value),
                      E.data.scalar.length);
      if (E.data.scalar.anchor)
        AnchorSize[I] = 1;
      finishChild(1);
      break;
    }
    case YAML_ALIAS_EVENT: {
      std::string Name = reinterpret_cast<const char *>(E.data.alias.anchor);
      auto It = Anchors.find(Name);
      if (It == Anchors.end())
        return fail(At, "unknown alias '*" + Name + "': no anchor '&" + Name +
                            "' before it in this document");
      auto Size = AnchorSize.find(It->second);
      if (Size == AnchorSize.end())
        return fail(At, "alias '*" + Name +
                            "' refers to a node that contains it");
      Expanded = Expanded + Size->second < Expanded ? UINT64_MAX
                                                    : Expanded + Size->second;
      if (Expanded > MaxAliasExpansion && Expanded / 10 > Doc.Nodes.size())
        return fail(At, "aliases expand this document past " +
                            std::to_string(MaxAliasExpansion) +
                            " nodes (an alias bomb?)");
      uint32_t I = addNode(At, DocKind::Alias, ScalarStyle::Plain, nullptr);
      Doc.Nodes[I].A = It->second;
      finishChild(Size->second);
      break;
    }
    case YAML_MAPPING_START_EVENT:
    case YAML_SEQUENCE_START_EVENT: {
      bool Map = E.type == YAML_MAPPING_START_EVENT;
      if (Stack.size() >= MaxDepth)
        return fail(At, "nesting is deeper than " + std::to_string(MaxDepth) +
                            " levels");
      const yaml_char_t *Anchor =
          Map ? E.data.mapping_start.anchor : E.data.sequence_start.anchor;
      uint32_t I = addNode(At, Map ? DocKind::Mapping : DocKind::Sequence,
                           ScalarStyle::Plain, Anchor);
      Stack.push_back({I, UINT32_MAX, 1, Anchor != nullptr});
      break;
    }
    case YAML_MAPPING_END_EVENT:
    case YAML_SEQUENCE_END_EVENT: {
      Frame F = Stack.back();
      Stack.pop_back();
      if (F.Anchored)
        AnchorSize[F.Node] = F.Size;
      finishChild(F.Size);
      break;
    }
    default:
      break;
    }
  }
}

} // namespace

bool readYaml(const SourceManager &SM, uint32_t File, DiagnosticList &Diags,
              const DocumentSink &Sink) {
  return YamlBuilder(SM, File, Diags).run(Sink);
}

} // namespace chokepoint
