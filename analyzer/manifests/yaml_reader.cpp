//===- analyzer/manifests/yaml_reader.cpp - YAML to Documents -------------===//

#include "analyzer/manifests/frontend.h"
#include "analyzer/manifests/readers.h"
#include "analyzer/manifests/yaml_scan.h"
#include "analyzer/support/text.h"
#include "analyzer/support/threads.h"

#include <yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <unordered_map>

namespace chokepoint {

namespace {

/// libyaml counts characters; we point at bytes. Marks arrive in order, so
/// a forward cursor converts them in linear time overall.
class ByteCursor {
public:
  explicit ByteCursor(std::string_view T) : T(T), Ascii(isAscii(T)) {}
  size_t toByte(size_t CharIndex) {
    if (Ascii) // one byte a character: nothing to count
      return std::min(CharIndex, T.size());
    if (CharIndex < Char)
      Char = Byte = 0;
    while (Char < CharIndex && Byte < T.size()) {
      Byte += utf8Length(static_cast<unsigned char>(T[Byte]));
      ++Char;
    }
    return std::min(Byte, T.size());
  }

private:
  std::string_view T;
  bool Ascii;
  size_t Char = 0, Byte = 0;
};

struct ParserDeleter {
  void operator()(yaml_parser_t *P) const {
    yaml_parser_delete(P);
    delete P;
  }
};

/// Where a libyaml context ("while parsing a flow mapping") began, as a
/// note: "the flow mapping starts here".
std::string contextNote(std::string_view Context) {
  static constexpr std::pair<std::string_view, std::string_view> Known[] = {
      {"while parsing a block mapping", "the mapping starts here"},
      {"while parsing a block collection", "the sequence starts here"},
      {"while parsing a flow mapping", "the flow mapping starts here"},
      {"while parsing a flow sequence", "the flow sequence starts here"},
      {"while scanning a quoted scalar", "the string starts here"},
      {"while parsing a quoted scalar", "the string starts here"},
      {"while scanning a simple key", "the key starts here"},
      {"while scanning a block scalar", "the block scalar starts here"},
  };
  for (const auto &[From, To] : Known)
    if (Context == From)
      return std::string(To);
  for (std::string_view Prefix : {"while parsing ", "while scanning "})
    if (Context.substr(0, Prefix.size()) == Prefix)
      return "the " +
             std::string(Context.substr(
                 Prefix.size() +
                 2 * (Context.substr(Prefix.size(), 2) == "a "))) +
             " starts here";
  return std::string(Context);
}

bool isSpace(char C) { return C == ' ' || C == '\t' || C == '\r' || C == '\n'; }

/// Builds the tree of each document from events: the scanner's of the
/// everyday subset (yaml_scan.h), or libyaml's when the scanner gives up
/// or is not to be used.
class YamlBuilder final : public YamlEvents {
public:
  YamlBuilder(const SourceManager &SM, uint32_t File, DiagnosticList &Diags,
              bool Scan)
      : SM(SM), File(File), Diags(Diags), Scan(Scan) {}

  /// Reads the whole file, every document to Sink.
  bool run(const DocumentSink &Sink);
  /// Reads the bytes [Begin, End) of the file as one document of their own,
  /// a piece of a file cut by yamlCuts, into Out: no diagnostic (any
  /// failure sends the caller back to reading the whole file, which
  /// reports it), no anchor or alias, and Depth levels of nesting counted
  /// as already open around it. Room for ReserveBytes of YAML is made.
  bool runPiece(size_t Begin, size_t End, unsigned Depth, size_t ReserveBytes,
                Document &Out);
  /// Documents the scanner read (not libyaml).
  unsigned scanned() const { return Scanned; }

  void documentStart() override;
  bool documentEnd() override;
  void scalar(size_t At, bool Quoted, std::string_view Text) override {
    addScalar(At, Quoted, Text, nullptr);
  }
  bool open(size_t At, bool Mapping) override {
    if (tooDeep())
      return false; // libyaml reads it again and reports the depth
    openCollection(At, Mapping, nullptr);
    return true;
  }
  void close() override;

private:
  bool parse(std::string_view Input, size_t ReserveBytes,
             const DocumentSink &Sink);
  bool fail(size_t ByteOffset, std::string Message) {
    if (!Piece)
      Diags.error(SM.locate(File, ByteOffset), std::move(Message));
    return false;
  }
  bool parserError(yaml_parser_t &P);
  /// How the text at At reads in a message: 'word', '}', end of line...
  std::string found(size_t At) const;
  /// At, or if only white space follows it, the end of the last line with
  /// something on it: "found end of file" is best shown after the last
  /// thing written, not on an empty line.
  size_t endOfContent(size_t At) const;
  uint32_t addNode(size_t Offset, DocKind Kind, ScalarStyle Style,
                   const yaml_char_t *Anchor);
  void finishChild(uint64_t Size);
  void addScalar(size_t At, bool Quoted, std::string_view Text,
                 const yaml_char_t *Anchor);
  bool tooDeep() const { return Stack.size() + OpenAround >= MaxDepth; }
  void openCollection(size_t At, bool Mapping, const yaml_char_t *Anchor);

  const SourceManager &SM;
  uint32_t File;
  DiagnosticList &Diags;
  size_t Base = 0; ///< bytes before libyaml's input (a BOM, other pieces)
  std::unique_ptr<ByteCursor> Cursor;
  bool Piece = false;      ///< runPiece: silent, no anchors
  unsigned OpenAround = 0; ///< runPiece: levels open around the piece
  bool Scan;               ///< try the scanner first
  unsigned Scanned = 0;
  size_t ReserveBytes = 0;
  const DocumentSink *Sink = nullptr;
  uint32_t Ordinal = 0;
  bool InDocument = false;
  /// Documents already given to Sink when libyaml takes over from the
  /// scanner: libyaml reads them again, and Sink does not see them twice.
  uint32_t Delivered = 0;

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

std::string YamlBuilder::found(size_t At) const {
  std::string_view T = SM.text(File);
  if (T.find_first_not_of(" \t\r\n", At) == std::string_view::npos)
    return "end of file";
  if (T[At] == '\n' || T[At] == '\r')
    return "end of line";
  auto Stop = [&](size_t I) {
    char C = T[I];
    return isSpace(C) || C == ',' || C == '[' || C == ']' || C == '{' ||
           C == '}' || (C == ':' && (I + 1 == T.size() || isSpace(T[I + 1])));
  };
  size_t E = At + 1;
  if (!Stop(At))
    while (E < T.size() && E - At < 32 && !Stop(E))
      ++E;
  bool Cut = E < T.size() && E - At == 32 && !Stop(E);
  while (E < T.size() && isUtf8Continuation(static_cast<unsigned char>(T[E])))
    ++E; // never cut a character in two
  std::string Q = quote(T.substr(At, E - At));
  if (Cut)
    Q.insert(Q.size() - 1, "...");
  return Q;
}

size_t YamlBuilder::endOfContent(size_t At) const {
  std::string_view T = SM.text(File);
  size_t I = std::min(At, T.size());
  for (size_t K = I; K < T.size(); ++K)
    if (!isSpace(T[K]))
      return At;
  while (I > Base && isSpace(T[I - 1]))
    --I;
  return I;
}

/// The indentations a line may have to line up with a key above it: for
/// each line above that is less indented than every line since, where it
/// starts, and where a key after its "- " starts. A hint only: it does not
/// know about block scalars.
static std::vector<size_t> openIndents(std::string_view T, size_t LineStart) {
  std::vector<size_t> Out;
  size_t Min = SIZE_MAX;
  size_t End = LineStart;
  for (unsigned Lines = 0; End > 0 && Min > 0 && Lines < 10000; ++Lines) {
    size_t Begin = T.rfind('\n', End - 1 - (End > 0 && T[End - 1] == '\n'));
    Begin = Begin == std::string_view::npos ? 0 : Begin + 1;
    std::string_view L = T.substr(Begin, End - Begin);
    End = Begin;
    size_t I = L.find_first_not_of(' ');
    if (I == std::string_view::npos || L[I] == '#' || L[I] == '\n' ||
        L[I] == '\r')
      continue;
    if (L.substr(0, 3) == "---" || L.substr(0, 3) == "...")
      break;
    if (I >= Min)
      continue;
    Min = I;
    std::vector<size_t> Here{I};
    while (L.substr(I, 2) == "- ") {
      size_t K = L.find_first_not_of(' ', I + 2);
      if (K == std::string_view::npos)
        break;
      std::string_view Rest = L.substr(K);
      if (Rest[0] != '-' && Rest.find(": ") == std::string_view::npos &&
          Rest.find(':') != Rest.size() - 1 - (Rest.back() == '\r'))
        break; // not a key after the dash
      Here.push_back(K);
      I = K;
    }
    Out.insert(Out.end(), Here.begin(), Here.end());
  }
  std::sort(Out.begin(), Out.end());
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

/// YAML limits an implicit key (one written without '?') to 1024
/// characters; libyaml then reports the ':' after a longer key as out of
/// place, which reads as if the value were wrong. When the ':' at At ends a
/// key longer than that on its line, returns where the key starts.
std::optional<size_t> longImplicitKey(std::string_view T, size_t At) {
  constexpr size_t Limit = 1024;
  if (At >= T.size() || T[At] != ':')
    return std::nullopt;
  size_t LineStart = T.rfind('\n', At == 0 ? 0 : At - 1);
  LineStart = LineStart == std::string_view::npos ? 0 : LineStart + 1;
  // The key starts after the last indicator before it on the line that is
  // not inside quotes: a flow '{', '[' or ',', or a block '- ' / '? '.
  size_t Start = LineStart;
  char Quote = 0;
  for (size_t I = LineStart; I < At; ++I) {
    char C = T[I];
    if (Quote) {
      if (C == '\\' && Quote == '"')
        ++I;
      else if (C == Quote)
        Quote = 0;
      continue;
    }
    if (C == '"' || C == '\'')
      Quote = C;
    else if (C == '{' || C == '[' || C == ',')
      Start = I + 1;
  }
  while (Start < At && (T[Start] == ' ' || T[Start] == '\t' ||
                        ((T[Start] == '-' || T[Start] == '?') &&
                         Start + 1 < At && T[Start + 1] == ' ')))
    ++Start;
  size_t End = At;
  while (End > Start && T[End - 1] == ' ')
    --End;
  size_t Chars = 0;
  for (size_t I = Start; I < End; ++I)
    Chars += !isUtf8Continuation(static_cast<unsigned char>(T[I]));
  if (Chars <= Limit)
    return std::nullopt;
  return Start;
}

bool YamlBuilder::parserError(yaml_parser_t &P) {
  std::string_view T = SM.text(File);
  std::string Problem = P.problem ? P.problem : "malformed YAML";
  std::string_view Context = P.context ? P.context : "";
  if (P.error == YAML_READER_ERROR) // checkEncoding catches these first
    return fail(Base + P.problem_offset, Problem);
  size_t At = Base + Cursor->toByte(P.problem_mark.index);
  size_t Ctx = Base + Cursor->toByte(P.context_mark.index);
  bool Note = P.context && Ctx != At;
  std::string Message;
  size_t LineStart = T.rfind('\n', At == 0 ? 0 : At - 1);
  LineStart =
      LineStart == std::string_view::npos || At == 0 ? 0 : LineStart + 1;
  bool FirstOnLine =
      At < T.size() && !isSpace(T[At]) &&
      T.substr(LineStart, At - LineStart).find_first_not_of(' ') ==
          std::string_view::npos;

  if (std::optional<size_t> Key = longImplicitKey(T, At)) {
    At = *Key;
    Message = "this key is longer than 1024 characters, YAML's limit for an "
              "implicit key: mark it as an explicit key with '? ' (in a block "
              "mapping, '? KEY' on one line and ': VALUE' on the next)";
    Note = false;
  } else if (Problem == "did not find expected key" ||
      Problem == "did not find expected '-' indicator") {
    bool Key = Problem == "did not find expected key";
    std::vector<size_t> Levels;
    if (FirstOnLine)
      Levels = openIndents(T, LineStart);
    size_t Indent = At - LineStart;
    if (!Levels.empty() &&
        std::find(Levels.begin(), Levels.end(), Indent) == Levels.end()) {
      std::string List;
      for (size_t I = 0; I < Levels.size(); ++I)
        List += (I == 0                   ? ""
                 : I + 1 == Levels.size() ? " or "
                                          : ", ") +
                std::to_string(Levels[I]);
      Message = "bad indentation of " + found(At) + ": expected " + List +
                (Levels.size() == 1 && Levels[0] == 1 ? " space" : " spaces") +
                " to line up with a key above, found " + std::to_string(Indent);
      Note = false;
    } else if (At < T.size() && (T[At] == '}' || T[At] == ']')) {
      Message = "unexpected '" + std::string(1, T[At]) + "': no '" +
                (T[At] == '}' ? "{" : "[") + "' is open here";
      Note = false;
    } else if (Key) {
      At = endOfContent(At);
      Message = FirstOnLine
                    ? "expected a key of this mapping, found " + found(At)
                    : "expected the next key on a new line, found " + found(At);
    } else {
      At = endOfContent(At);
      Message =
          "expected '- ' to start the next item of this sequence, found " +
          found(At);
    }
  } else if (Problem == "could not find expected ':'") {
    // Put the error where the ':' was expected: after the key, which is all
    // of its line (a key that could be one never spans lines).
    size_t E = T.find('\n', Ctx);
    E = E == std::string_view::npos ? T.size() : E;
    std::string_view L = T.substr(Ctx, E - Ctx);
    if (size_t Hash = L.find(" #"); Hash != std::string_view::npos)
      L = L.substr(0, Hash);
    while (!L.empty() && isSpace(L.back()))
      L.remove_suffix(1);
    std::string Key = quote(L.substr(0, 40));
    if (L.size() > 40)
      Key.insert(Key.size() - 1, "...");
    At = Ctx + L.size();
    Message = "expected ':' after " + Key + ", found " +
              (L.size() >= 1024 ? "a key longer than 1024 characters (YAML's "
                                  "limit for an implicit key)"
                                : found(At));
    Note = false;
  } else if (Problem == "did not find expected ',' or ']'" ||
             Problem == "did not find expected ',' or '}'") {
    At = endOfContent(At);
    bool Map = Problem.back() == '\'' && Problem[Problem.size() - 2] == '}';
    Message = std::string("expected ',' or '") + (Map ? "}" : "]") +
              "' in this flow " + (Map ? "mapping" : "sequence") + ", found " +
              found(At);
  } else if ((Problem == "found unexpected end of stream" ||
              Problem == "found unexpected document indicator") &&
             Context == "while scanning a quoted scalar") {
    char Q = Ctx < T.size() ? T[Ctx] : '"';
    Message = std::string("expected a closing ") +
              (Q == '\'' ? "\"'\"" : "'\"'") + " for this string, found " +
              (Problem == "found unexpected end of stream"
                   ? "end of file"
                   : "'" + std::string(T.substr(At, 3)) + "' on a new line");
    At = Ctx;
    Note = false;
  } else if (Problem == "found character that cannot start any token") {
    if (At < T.size() && T[At] == '\t') {
      Message = "tab character: YAML indents with spaces only";
    } else if (At < T.size() && (T[At] == '@' || T[At] == '`')) {
      Message = std::string("expected a value, found '") + T[At] +
                "' (reserved in YAML: quote a value that starts with it)";
    } else {
      Message = "expected a value, found " + found(At);
    }
    Note = false;
  } else if (Problem == "found a tab character that violates indentation" ||
             Problem == "found a tab character where an indentation space is "
                        "expected") {
    Message = "tab character: YAML indents with spaces only";
    Note = false;
  } else if (Problem == "mapping values are not allowed in this context") {
    Message = "unexpected ':' here: quote a value that holds ': ', or check "
              "the indentation of this line";
    Note = false;
  } else if (Problem == "found unexpected ':'") {
    // `{kind:, x}` or `a:b:c` in a flow collection: ':' not followed by a
    // space neither ends a key nor belongs in a plain value.
    Message = "unexpected ':' in a value: write ': ' (with a space) after a "
              "key, or quote a value that holds ':'";
    Note = false;
  } else if (Problem ==
             "block sequence entries are not allowed in this context") {
    Message = "unexpected '-' item here: start a sequence on a new line, "
              "below its key";
    Note = false;
  } else if (Problem == "did not find expected node content") {
    At = endOfContent(At);
    Message = "expected a value, found " + found(At);
  } else if (Problem == "found undefined tag handle") {
    size_t E = At + 1;
    while (E < T.size() && !isSpace(T[E]) && T[E] != '!')
      ++E;
    Message = "unknown tag handle " +
              quote(T.substr(At, std::min(E + 1, T.size()) - At)) +
              ": only '!' and '!!' are predefined";
    Note = false;
  } else if (Problem == "found unknown escape character") {
    Message = "invalid escape " + quote(T.substr(At, 2)) +
              " in a double-quoted string";
  } else if (Problem == "found invalid Unicode character escape code") {
    size_t Back = T.rfind('\\', At);
    if (Back != std::string_view::npos && At - Back <= 10)
      At = Back;
    Message = "invalid Unicode escape: expected a code point up to U+10FFFF "
              "that is not a UTF-16 surrogate";
  } else if (Problem == "did not find expected hexdecimal number") {
    // libyaml marks where the digits start; point at the first that is not.
    for (size_t K = 0; K < 8 && At < T.size() &&
                       std::isxdigit(static_cast<unsigned char>(T[At]));
         ++K)
      ++At;
    Message = "expected a hex digit in the escape, found " +
              (At < T.size() && T[At] > ' ' && T[At] < 0x7F
                   ? "'" + std::string(1, T[At]) + "'"
                   : found(At));
  } else if (Problem ==
                 "did not find expected alphabetic or numeric character" &&
             (Context == "while scanning an anchor" ||
              Context == "while scanning an alias")) {
    Message = std::string("expected a name after '") +
              (Context == "while scanning an anchor" ? "&" : "*") +
              "' (letters, digits, '-' or '_'), found " + found(At);
    Note = false;
  } else if (Problem == "did not find the expected '>'") {
    Message = "expected '>' to close the tag, found " + found(At);
  } else if (Problem == "did not find expected comment or line break") {
    Message = "expected the end of the line, found " + found(At);
    Note = false;
  } else if (Problem == "did not find expected <document start>") {
    Message = "expected '---' before the next document, found " + found(At);
  } else if (Problem == "found incompatible YAML document") {
    Message = "unsupported %YAML version: expected 1.1 or 1.2";
  } else if (Problem == "found an indentation indicator equal to 0") {
    Message = "expected an indentation indicator from 1 to 9, found 0";
  } else if (Problem.starts_with("did not find expected ")) {
    At = endOfContent(At);
    Message = Problem.substr(std::string_view("did not find ").size()) +
              ", found " + found(At);
  } else {
    Message = Problem;
  }
  Diagnostic &D = Diags.error(SM.locate(File, At), Message);
  if (Note)
    D.Notes.push_back(
        {DiagLevel::Note, SM.locate(File, Ctx), contextNote(Context), {}});
  return false;
}

bool YamlBuilder::run(const DocumentSink &Sink) {
  std::string_view Text = SM.text(File);
  if (Text.size() >= UINT32_MAX)
    return fail(0, "file is larger than 4 GiB");
  size_t Bad;
  if (std::string Why = checkEncoding(Text, /*Yaml=*/true, Bad); !Why.empty())
    return fail(Bad, Why);
  if (Text.substr(0, 3) == "\xEF\xBB\xBF")
    Base = 3;
  return parse(Text.substr(Base), Text.size() - Base, Sink);
}

bool YamlBuilder::runPiece(size_t Begin, size_t End, unsigned Depth,
                           size_t ReserveBytes, Document &Out) {
  Piece = true;
  OpenAround = Depth;
  Base = Begin;
  unsigned Documents = 0;
  bool Ok = parse(SM.text(File).substr(Begin, End - Begin), ReserveBytes,
                  [&](Document &Doc) {
                    Out = std::move(Doc);
                    return ++Documents == 1;
                  });
  return Ok && Documents == 1;
}

void YamlBuilder::documentStart() {
  // One tree, reused from document to document, sized once from the file
  // (about 8 bytes of YAML per node): growing it by doubling cost a tenth
  // of the parse on large files. The scalars' text is never longer than
  // the file (escapes and folding only shorten it), so it never grows;
  // only the pages it fills are ever touched.
  if (Doc.Nodes.capacity() == 0) {
    Doc.Nodes.reserve(ReserveBytes / 8 + 16);
    Doc.Text.reserve(ReserveBytes + 16);
  }
  Doc.Nodes.clear();
  Doc.Text.clear();
  Doc.Root = UINT32_MAX;
  Doc.File = File;
  Doc.Ordinal = ++Ordinal;
  InDocument = true;
  Stack.clear();
  Anchors.clear();
  AnchorSize.clear();
  Expanded = 0;
}

bool YamlBuilder::documentEnd() {
  InDocument = false;
  return Ordinal <= Delivered || (*Sink)(Doc);
}

void YamlBuilder::addScalar(size_t At, bool Quoted, std::string_view Text,
                            const yaml_char_t *Anchor) {
  uint32_t I =
      addNode(At, DocKind::Scalar,
              Quoted ? ScalarStyle::Quoted : ScalarStyle::Plain, Anchor);
  Doc.Nodes[I].A = uint32_t(Doc.Text.size());
  Doc.Nodes[I].B = uint32_t(Text.size());
  Doc.Text.append(Text);
  if (Anchor)
    AnchorSize[I] = 1;
  finishChild(1);
}

void YamlBuilder::openCollection(size_t At, bool Mapping,
                                 const yaml_char_t *Anchor) {
  uint32_t I = addNode(At, Mapping ? DocKind::Mapping : DocKind::Sequence,
                       ScalarStyle::Plain, Anchor);
  Stack.push_back({I, UINT32_MAX, 1, Anchor != nullptr});
}

void YamlBuilder::close() {
  Frame F = Stack.back();
  Stack.pop_back();
  if (F.Anchored)
    AnchorSize[F.Node] = F.Size;
  finishChild(F.Size);
}

bool YamlBuilder::parse(std::string_view Input, size_t Reserve,
                        const DocumentSink &To) {
  ReserveBytes = Reserve;
  Sink = &To;
  Ordinal = Delivered = 0;
  if (Scan) {
    YamlScan R = scanYaml(Input, Base, *this);
    if (R != YamlScan::GaveUp) {
      Scanned = Ordinal;
      return true;
    }
    // libyaml reads it all again and says what the scanner would not.
    Delivered = Ordinal - InDocument;
    Ordinal = 0;
  }
  Cursor = std::make_unique<ByteCursor>(Input);

  std::unique_ptr<yaml_parser_t, ParserDeleter> P(new yaml_parser_t);
  if (!yaml_parser_initialize(P.get()))
    return fail(0, "out of memory");
  yaml_parser_set_input_string(
      P.get(), reinterpret_cast<const unsigned char *>(Input.data()),
      Input.size());
  for (;;) {
    yaml_event_t E;
    if (!yaml_parser_parse(P.get(), &E))
      return Piece ? false : parserError(*P);
    std::unique_ptr<yaml_event_t, void (*)(yaml_event_t *)> Guard(
        &E, yaml_event_delete);
    size_t At = Base + Cursor->toByte(E.start_mark.index);
    switch (E.type) {
    case YAML_STREAM_END_EVENT:
      return true;
    case YAML_DOCUMENT_START_EVENT:
      documentStart();
      break;
    case YAML_DOCUMENT_END_EVENT:
      if (!documentEnd())
        return true;
      break;
    case YAML_SCALAR_EVENT: {
      if (Piece && E.data.scalar.anchor)
        return false;
      const char *Tag = reinterpret_cast<const char *>(E.data.scalar.tag);
      bool Quoted = E.data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
                    (Tag && std::string_view(Tag) == YAML_STR_TAG);
      addScalar(
          At, Quoted,
          std::string_view(reinterpret_cast<const char *>(E.data.scalar.value),
                           E.data.scalar.length),
          E.data.scalar.anchor);
      break;
    }
    case YAML_ALIAS_EVENT: {
      if (Piece)
        return false;
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
      if (tooDeep())
        return fail(At, "nesting is deeper than " + std::to_string(MaxDepth) +
                            " levels");
      const yaml_char_t *Anchor =
          Map ? E.data.mapping_start.anchor : E.data.sequence_start.anchor;
      if (Piece && Anchor)
        return false;
      openCollection(At, Map, Anchor);
      break;
    }
    case YAML_MAPPING_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
      close();
      break;
    default:
      break;
    }
  }
}

} // namespace

namespace {

/// Why T is UTF-16 or UTF-32 text, or "".
std::string_view wideEncoding(std::string_view T) {
  auto Starts = [&](std::string_view P) { return T.substr(0, P.size()) == P; };
  using namespace std::string_view_literals;
  if (Starts("\0\0\xFE\xFF"sv) || Starts("\xFF\xFE\0\0"sv))
    return "file is UTF-32 encoded: chokepoint reads UTF-8 text (iconv -f "
           "UTF-32 -t UTF-8 converts it)";
  // Without a byte order mark, UTF-16 shows as ASCII with a NUL beside
  // every character: look at the first few pairs.
  bool Utf16 = Starts("\xFE\xFF") || Starts("\xFF\xFE");
  if (!Utf16 && T.size() >= 4) {
    size_t Pairs = std::min<size_t>(T.size() / 2, 8);
    for (int Zero = 0; Zero < 2 && !Utf16; ++Zero) {
      bool All = true;
      for (size_t I = 0; I < Pairs && All; ++I)
        All = T[2 * I + Zero] == 0 && T[2 * I + 1 - Zero] != 0;
      Utf16 = All;
    }
  }
  return Utf16 ? "file is UTF-16 encoded: chokepoint reads UTF-8 text "
                 "(iconv -f UTF-16 -t UTF-8 converts it)"
               : "";
}

} // namespace

std::string checkEncoding(std::string_view T, bool Yaml, size_t &At) {
  At = 0;
  if (std::string_view Wide = wideEncoding(T); !Wide.empty())
    return std::string(Wide);
  // Printable ASCII, tab and line breaks need no further look: skip runs of
  // them (the common case is all of a file).
  for (size_t I = T.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; I < T.size();) {
    I = skipPlainText(T, I);
    if (I == T.size())
      break;
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are
    // not UTF-8 either: the decoder refuses them.
    auto [CP, N] = decodeUtf8(T, I);
    if (N == 0) {
      At = I;
      char Buf[96];
      std::snprintf(Buf, sizeof Buf,
                    "expected UTF-8 text, found byte 0x%02X, which is not "
                    "valid UTF-8 here",
                    unsigned(static_cast<unsigned char>(T[I])));
      return Buf;
    }
    if (CP == 0) {
      At = I;
      return "expected UTF-8 text, found a NUL byte (is this a binary file?)";
    }
    // What YAML 1.1 calls printable, as libyaml enforces it.
    if (Yaml && !(CP == '\t' || CP == '\n' || CP == '\r' ||
                  (CP >= 0x20 && CP <= 0x7E) || CP == 0x85 ||
                  (CP >= 0xA0 && CP <= 0xD7FF) ||
                  (CP >= 0xE000 && CP <= 0xFFFD) || CP >= 0x10000)) {
      At = I;
      char Buf[96];
      std::snprintf(Buf, sizeof Buf,
                    "control character U+%04X is not allowed in YAML (is this "
                    "a binary file?)",
                    unsigned(CP));
      return Buf;
    }
    I += N;
  }
  return "";
}

YamlCuts yamlCuts(std::string_view T, unsigned Pieces) {
  YamlCuts Out;
  if (Pieces < 2)
    return Out;
  // One pass over the lines: the last one that starts in column 0 (not a
  // comment) is the header; Indent is the indentation of the first line
  // after it, and no line after it may be less indented but by comments.
  size_t Header = std::string_view::npos, HeaderEnd = 0, Indent = 0, First = 0;
  bool Shallow = false, Directive = false;
  for (size_t L = 0; L < T.size();) {
    size_t E = T.find('\n', L);
    E = E == std::string_view::npos ? T.size() : E + 1;
    size_t I = L;
    while (I < E && T[I] == ' ')
      ++I;
    char C = I < E ? T[I] : '\n';
    if (C == '\n' || C == '\r' || C == '#') {
      // blank, or a comment: libyaml reads past these at any indentation
    } else if (I == L) {
      Header = L;
      HeaderEnd = E;
      Indent = 0;
      Shallow = false;
      Directive |= C == '%'; // %TAG could change what a later piece means
    } else if (Indent == 0) {
      Indent = I - L;
      First = I;
    } else if (I - L < Indent) {
      Shallow = true;
    }
    L = E;
  }
  auto StartsKey = [](char C) {
    return std::isalnum(static_cast<unsigned char>(C)) || C == '_' ||
           C == '"' || C == '\'';
  };
  if (Header == std::string_view::npos || Indent == 0 || Shallow || Directive ||
      !StartsKey(T[First]))
    return Out;
  // The header is `key:` alone (a comment may follow): the cut mapping is
  // its value, and the last thing in the file.
  std::string_view H = T.substr(Header, HeaderEnd - Header);
  size_t K = 0;
  while (K < H.size() &&
         (std::isalnum(static_cast<unsigned char>(H[K])) || H[K] == '_' ||
          (K > 0 && (H[K] == '-' || H[K] == '.'))))
    ++K;
  if (K == 0 || K == H.size() || H[K] != ':')
    return Out;
  size_t After = H.find_first_not_of(" ", K + 1);
  if (After != std::string_view::npos && H[After] != '#' && H[After] != '\r' &&
      H[After] != '\n')
    return Out;
  if (After != std::string_view::npos && H[After] == '#' && After == K + 1)
    return Out; // `key:#` is a plain scalar, not a key
  Out.Entries = First;
  Out.Indent = Indent;
  // Each cut at the first line at or after an even share of the mapping
  // that is Indent spaces and a key.
  size_t Prev = First, Size = T.size() - HeaderEnd;
  for (unsigned P = 1; P < Pieces; ++P) {
    size_t At = std::max(Prev + 1, HeaderEnd + Size / Pieces * P);
    size_t L = T[At - 1] == '\n' ? At : T.find('\n', At);
    while (L != std::string_view::npos && L < T.size()) {
      L += T[L] == '\n';
      if (L + Indent < T.size() &&
          T.substr(L, Indent).find_first_not_of(' ') ==
              std::string_view::npos &&
          StartsKey(T[L + Indent]))
        break;
      L = T.find('\n', L);
    }
    if (L == std::string_view::npos || L >= T.size())
      break;
    Out.Starts.push_back(L);
    Prev = L;
  }
  return Out;
}

namespace {

/// The last child of collection node N.
uint32_t lastChild(const Document &Doc, uint32_t N) {
  uint32_t I = Doc.Nodes[N].A;
  for (uint32_t K = 1; K < Doc.Nodes[N].B; ++K)
    I = Doc.Nodes[I].Next;
  return I;
}

/// Appends the entries of Piece's root mapping to mapping M of Doc, after
/// its child Last (which becomes the last appended): the nodes as the
/// whole file's parse numbers them, the root left out.
void appendEntries(Document &Doc, uint32_t M, uint32_t &Last,
                   const Document &Piece) {
  const Document::Node &R = Piece.Nodes[0];
  uint32_t Shift = uint32_t(Doc.Nodes.size()) - 1;
  uint32_t TextShift = uint32_t(Doc.Text.size());
  Doc.Nodes[Last].Next = R.A + Shift;
  Doc.Nodes[M].B += R.B;
  Last = lastChild(Piece, 0) + Shift;
  for (size_t J = 1; J < Piece.Nodes.size(); ++J) {
    Document::Node N = Piece.Nodes[J];
    if (N.Kind == DocKind::Scalar)
      N.A += TextShift;
    else if (N.B) // an empty collection has no first child to move
      N.A += Shift;
    if (N.Next != UINT32_MAX)
      N.Next += Shift;
    Doc.Nodes.push_back(N);
  }
  Doc.Text += Piece.Text;
}

/// Reads File in pieces on Options.Threads threads and hands Sink the one
/// document the whole file's parse would: nullopt when the file cannot be
/// cut or a piece does not read alone (the caller then reads it whole,
/// which reports any error).
std::optional<bool> readInPieces(const SourceManager &SM, uint32_t File,
                                 const DocumentSink &Sink,
                                 const YamlReadOptions &Options) {
  std::string_view Text = SM.text(File);
  size_t Bad;
  if (Text.size() < Options.MinPieceBytes || Text.size() >= UINT32_MAX ||
      !checkEncoding(Text, /*Yaml=*/true, Bad).empty())
    return std::nullopt;
  size_t Base = Text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  YamlCuts Cuts = yamlCuts(Text.substr(Base), Options.Threads);
  if (Cuts.Starts.empty())
    return std::nullopt;
  std::vector<size_t> Bounds{Base};
  for (size_t S : Cuts.Starts)
    Bounds.push_back(Base + S);
  Bounds.push_back(Text.size());
  size_t N = Bounds.size() - 1;
  std::vector<Document> Docs(N);
  std::unique_ptr<bool[]> Ok(new bool[N]());
  std::vector<unsigned> Scanned(N);
  auto Read = [&](size_t I) {
    DiagnosticList Scratch; // never shown: a failure reads the file whole
    YamlBuilder B(SM, File, Scratch, Options.Scan);
    Ok[I] =
        B.runPiece(Bounds[I], Bounds[I + 1], I == 0 ? 0 : 1,
                   I == 0 ? Text.size() : Bounds[I + 1] - Bounds[I], Docs[I]);
    Scanned[I] = B.scanned();
    // A node placed at or past the piece's end (the empty value of an
    // explicit key, which libyaml places at the next token) would be
    // placed elsewhere in the whole file: there the next token is the
    // next piece's.
    if (I + 1 < N)
      for (const Document::Node &Node : Docs[I].Nodes)
        Ok[I] = Ok[I] && Node.Offset < Bounds[I + 1];
  };
  onThreads(unsigned(N), Read);
  for (size_t I = 0; I < N; ++I)
    if (!Ok[I])
      return std::nullopt;
  // The head's root mapping ends with the cut mapping, which starts at the
  // first entry; each piece is one mapping whose first key starts its
  // first line.
  Document &Doc = Docs[0];
  if (Doc.empty() || Doc.Nodes[Doc.Root].Kind != DocKind::Mapping ||
      Doc.Nodes[Doc.Root].B == 0)
    return std::nullopt;
  uint32_t M = lastChild(Doc, Doc.Root);
  if (Doc.Nodes[M].Kind != DocKind::Mapping || Doc.Nodes[M].B == 0 ||
      Doc.Nodes[M].Offset != Base + Cuts.Entries)
    return std::nullopt;
  for (size_t I = 1; I < N; ++I) {
    const Document &P = Docs[I];
    if (P.empty() || P.Root != 0 || P.Nodes[0].Kind != DocKind::Mapping ||
        P.Nodes[0].B == 0 || P.Nodes[0].Offset != Bounds[I] + Cuts.Indent)
      return std::nullopt;
  }
  uint32_t Last = lastChild(Doc, M);
  for (size_t I = 1; I < N; ++I) {
    appendEntries(Doc, M, Last, Docs[I]);
    Docs[I] = Document(); // its memory back before the next is copied
  }
  Doc.File = File;
  Doc.Ordinal = 1;
  if (Options.Pieces)
    *Options.Pieces = unsigned(N);
  if (Options.Scanned)
    *Options.Scanned = std::accumulate(Scanned.begin(), Scanned.end(), 0u);
  Sink(Doc);
  return true;
}

} // namespace

bool readYaml(const SourceManager &SM, uint32_t File, DiagnosticList &Diags,
              const DocumentSink &Sink, const YamlReadOptions &Options) {
  if (Options.Pieces)
    *Options.Pieces = 1;
  if (Options.Threads > 1)
    if (std::optional<bool> Read = readInPieces(SM, File, Sink, Options))
      return *Read;
  YamlBuilder B(SM, File, Diags, Options.Scan);
  bool Ok = B.run(Sink);
  if (Options.Scanned)
    *Options.Scanned = B.scanned();
  return Ok;
}

namespace {
constexpr std::string_view YamlExtensions[] = {".yaml", ".yml"};
bool readYamlFile(const SourceManager &SM, uint32_t File, DiagnosticList &Diags,
                  const DocumentSink &Sink, unsigned Threads) {
  YamlReadOptions Options;
  Options.Threads = Threads;
  return readYaml(SM, File, Diags, Sink, Options);
}
const ReaderInfo YamlReader{"yaml", YamlExtensions, readYamlFile};
CHOKEPOINT_READER(YamlReader);
} // namespace

} // namespace chokepoint
