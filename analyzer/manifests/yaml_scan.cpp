//===- analyzer/manifests/yaml_scan.cpp - YAML's everyday subset, fast ----===//
//
// A recursive descent over lines. Block collections follow indentation as
// libyaml's scanner does (a mapping's keys at one column, a sequence's
// dashes at one column, anything deeper belongs to the entry above it),
// flow collections follow brackets. Every check is at least as strict as
// libyaml's: where libyaml would accept something we do not model, or
// report an error, the scan gives up instead.
//
//===----------------------------------------------------------------------===//

#include "analyzer/manifests/yaml_scan.h"

#include "analyzer/support/text.h"

#include <array>

namespace chokepoint {

namespace {

/// A plain scalar's characters after its first, in a flow collection:
/// printable ASCII but the flow indicators, `#` and `:` (a `:` inside a
/// flow scalar is refused rather than modelled).
constexpr std::array<bool, 256> FlowBody = [] {
  std::array<bool, 256> A{};
  for (int C = 0x21; C < 0x7F; ++C)
    A[C] = true;
  for (char C : std::string_view(":#,[]{}"))
    A[static_cast<unsigned char>(C)] = false;
  return A;
}();

/// The same outside flow collections: printable ASCII but `:`, which is
/// the scalar's only when no blank follows it (`image: x:1.0`). A `#` is
/// the scalar's after a character of it, a comment after a blank.
constexpr std::array<bool, 256> BlockBody = [] {
  std::array<bool, 256> A{};
  for (int C = 0x21; C < 0x7F; ++C)
    A[C] = true;
  A[':'] = false;
  return A;
}();

/// What a plain scalar may start with (a `-` too when a body character
/// follows it): letters, digits and the few punctuation marks that are no
/// YAML indicator.
constexpr std::array<bool, 256> PlainStart = [] {
  std::array<bool, 256> A{};
  for (int C = '0'; C <= '9'; ++C)
    A[C] = true;
  for (int C = 'a'; C <= 'z'; ++C)
    A[C] = A[C - 'a' + 'A'] = true;
  for (char C : std::string_view("_./~+=$^()<;\\"))
    A[static_cast<unsigned char>(C)] = true;
  return A;
}();

/// Longest key, from its start to its `:`, that we take: libyaml refuses
/// a simple key longer than 1024 characters.
constexpr size_t MaxKey = 1000;

/// Only printable ASCII and line feeds: then bytes are characters, no
/// character is a line break but '\n', and no tab or control character
/// needs YAML's rules about them.
bool isPlainAsciiLines(std::string_view T) {
  for (size_t I = 0;;) {
    I = skipPrintableAscii(T, I);
    if (I == T.size())
      return true;
    if (T[I] != '\n')
      return false;
    ++I;
  }
}

class Scanner {
public:
  Scanner(std::string_view T, size_t Base, YamlEvents &E)
      : T(T), Base(Base), E(E) {}
  YamlScan run();

private:
  struct Scalar {
    size_t Begin, End; ///< the text
    size_t After;      ///< just after it (its closing quote)
    bool Quoted;
  };
  /// No line: past the end, or a document marker.
  static constexpr long NoLine = -1;
  /// A line in column 0 that starts as a marker does but is not one
  /// (`---x`): less indented than anything, so every collection ends, and
  /// not NoLine, so no document does.
  static constexpr long NotAMarker = -2;

  /// The byte at I, '\0' past the end (the text has no NUL).
  char at(size_t I) const { return I < T.size() ? T[I] : '\0'; }
  bool blankOrEnd(size_t I) const {
    char C = at(I);
    return C == ' ' || C == '\n' || C == '\0';
  }
  long column() const { return long(P - LineStart); }
  void spaces() {
    while (at(P) == ' ')
      ++P;
  }
  /// After content: spaces, a comment after at least one of them, the
  /// line's end; P at the next line.
  bool endOfLine();
  /// From a line's start: past blank and comment lines to the next line
  /// with content, P at its content; its indentation, NoLine at the end or
  /// a document marker, NotAMarker at what only starts like one.
  long nextLine();
  /// Past white space, line ends and comments inside a flow collection;
  /// every line it reaches is indented deeper than Indent.
  bool flowSpace(long Indent);
  /// The scalar at P, not reported and P not moved; InFlow, inside a flow
  /// collection.
  bool scalar(Scalar &S, bool InFlow = false) const;
  /// Whether the character at I goes on a plain scalar.
  bool body(size_t I, bool InFlow) const {
    auto C = static_cast<unsigned char>(at(I));
    return InFlow ? FlowBody[C]
                  : BlockBody[C] || (C == ':' && !blankOrEnd(I + 1));
  }
  void report(const Scalar &S) {
    E.scalar(Base + S.Begin - S.Quoted, S.Quoted,
             T.substr(S.Begin, S.End - S.Begin));
    P = S.After;
  }
  bool isEntry() const { return at(P) == '-' && blankOrEnd(P + 1); }
  /// A key followed by `: ` or `:` at the line's end.
  bool isKey(const Scalar &S) const {
    return at(S.After) == ':' && blankOrEnd(S.After + 1) &&
           S.After - S.Begin <= MaxKey;
  }

  /// The block collection at P, in column Indent, its events reported;
  /// Next is the indentation of the first line after it (P at its content),
  /// less than Indent.
  bool blockMapping(long Indent, long &Next);
  /// As blockMapping, for a sequence. Indentless: the value of a key in
  /// the key's own column (`key:` then `- item` below it), which ends at
  /// the next key.
  bool blockSequence(long Indent, long &Next, bool Indentless = false);
  /// The flow collection at P, inside a block collection in column
  /// Indent (NoLine: none); P just after its closing bracket.
  bool flow(long Indent);

  std::string_view T;
  size_t Base;
  YamlEvents &E;
  size_t P = 0, LineStart = 0;
};

bool Scanner::endOfLine() {
  spaces();
  if (at(P) == '#') {
    if (P == LineStart || T[P - 1] != ' ')
      return false; // `a#b` is a plain scalar
    size_t End = T.find('\n', P);
    P = End == std::string_view::npos ? T.size() : End;
  }
  if (at(P) == '\n')
    LineStart = ++P;
  return P == T.size() || LineStart == P;
}

long Scanner::nextLine() {
  for (;;) {
    LineStart = P;
    spaces();
    char C = at(P);
    if (C == '\0')
      return NoLine;
    if (C == '\n') {
      ++P;
      continue;
    }
    if (C == '#') {
      size_t End = T.find('\n', P);
      P = End == std::string_view::npos ? T.size() : End + 1;
      continue;
    }
    if (P == LineStart && (T.substr(P, 3) == "---" || T.substr(P, 3) == "..."))
      return blankOrEnd(P + 3) ? NoLine : NotAMarker;
    return column();
  }
}

bool Scanner::flowSpace(long Indent) {
  for (;;) {
    char C = at(P);
    if (C == ' ') {
      ++P;
    } else if (C == '\n') {
      LineStart = ++P;
      spaces();
      char D = at(P);
      // Content of a new line deeper than the block around; no markers.
      if (D != '\n' && D != '#' && D != '\0' &&
          (column() <= Indent || (P == LineStart && (D == '-' || D == '.'))))
        return false;
    } else if (C == '#') {
      if (P != LineStart && T[P - 1] != ' ')
        return false;
      size_t End = T.find('\n', P);
      P = End == std::string_view::npos ? T.size() : End;
    } else {
      return true;
    }
  }
}

bool Scanner::scalar(Scalar &S, bool InFlow) const {
  char C = at(P);
  if (C == '"' || C == '\'') {
    // Quoted on one line, nothing escaped: its text is what is between.
    size_t Close = P + 1;
    while (Close < T.size() && T[Close] != C && T[Close] != '\n' &&
           T[Close] != '\\')
      ++Close;
    if (at(Close) != C || (C == '\'' && at(Close + 1) == '\''))
      return false;
    S = {P + 1, Close, Close + 1, true};
    return true;
  }
  auto Start = static_cast<unsigned char>(C);
  if (!PlainStart[Start] &&
      !(C == '-' && FlowBody[static_cast<unsigned char>(at(P + 1))]))
    return false;
  // Spaces inside, as in `a b`; trailing ones are not the scalar's, nor a
  // comment after them.
  size_t I = P + 1, End;
  for (;;) {
    while (body(I, InFlow))
      ++I;
    End = I;
    while (at(I) == ' ')
      ++I;
    if (I == End || at(I) == '#' || !body(I, InFlow))
      break;
  }
  S = {P, End, End, false};
  return true;
}

bool Scanner::blockMapping(long Indent, long &Next) {
  if (!E.open(Base + P, /*Mapping=*/true))
    return false;
  for (;;) {
    Scalar Key;
    if (!scalar(Key) || !isKey(Key))
      return false;
    report(Key);
    size_t Empty = Base + ++P; // libyaml's empty value is just past the `:`
    spaces();
    long Line;
    if (char C = at(P); C == '\n' || C == '\0' || C == '#') {
      if (!endOfLine())
        return false;
      Line = nextLine();
      if (Line > Indent) {
        // The value is the deeper block collection on the next lines.
        if (isEntry()) {
          if (!blockSequence(Line, Line))
            return false;
        } else {
          Scalar Inner;
          if (!scalar(Inner) || !isKey(Inner) || !blockMapping(Line, Line))
            return false;
        }
        if (Line > Indent)
          return false;
      } else if (Line == Indent && isEntry()) {
        if (!blockSequence(Line, Line, /*Indentless=*/true))
          return false;
      } else {
        E.scalar(Empty, false, {});
      }
    } else {
      if (C == '{' || C == '[') {
        if (!flow(Indent))
          return false;
      } else {
        Scalar Value;
        if (!scalar(Value))
          return false;
        report(Value);
      }
      if (!endOfLine())
        return false;
      Line = nextLine();
      if (Line > Indent)
        return false; // a scalar going on, or an error
    }
    if (Line < Indent) {
      E.close();
      Next = Line;
      return true;
    }
    if (isEntry())
      return false;
  }
}

bool Scanner::blockSequence(long Indent, long &Next, bool Indentless) {
  if (!E.open(Base + P, /*Mapping=*/false))
    return false;
  for (;;) {
    ++P; // the dash
    spaces();
    char C = at(P);
    if (C == '\n' || C == '\0' || C == '#' || isEntry())
      return false; // an entry on the next lines, or a nested dash
    long Line;
    if (C == '{' || C == '[') {
      if (!flow(Indent) || !endOfLine())
        return false;
      Line = nextLine();
    } else {
      Scalar S;
      if (!scalar(S))
        return false;
      if (isKey(S)) {
        if (!blockMapping(column(), Line))
          return false;
      } else {
        report(S);
        if (!endOfLine())
          return false;
        Line = nextLine();
      }
    }
    if (Line > Indent)
      return false;
    if (Line < Indent || (Indentless && !isEntry())) {
      E.close();
      Next = Line;
      return true;
    }
    if (!isEntry())
      return false;
  }
}

bool Scanner::flow(long Indent) {
  bool Mapping = at(P) == '{';
  char Close = Mapping ? '}' : ']';
  if (!E.open(Base + P, Mapping))
    return false;
  ++P;
  if (!flowSpace(Indent))
    return false;
  if (at(P) == Close) {
    ++P;
    E.close();
    return true;
  }
  for (;;) {
    if (Mapping) {
      // `key: ` on one line: no collection as a key, no key alone.
      Scalar Key;
      if (!scalar(Key, /*InFlow=*/true) || !isKey(Key))
        return false;
      report(Key);
      ++P;
      if (!flowSpace(Indent))
        return false;
    }
    char C = at(P);
    if (C == '{' || C == '[') {
      if (!flow(Indent))
        return false;
    } else {
      Scalar Value;
      if (!scalar(Value, /*InFlow=*/true))
        return false;
      report(Value);
    }
    if (!flowSpace(Indent))
      return false;
    C = at(P);
    ++P;
    if (C == Close) {
      E.close();
      return true;
    }
    if (C != ',' || !flowSpace(Indent) || at(P) == Close)
      return false; // a trailing comma is libyaml's to judge
  }
}

YamlScan Scanner::run() {
  if (!isPlainAsciiLines(T))
    return YamlScan::GaveUp;
  long Line = nextLine();
  for (;;) {
    if (P == T.size())
      return YamlScan::Done;
    if (Line == NoLine) {
      // `---` alone (a comment may follow) starts a document; `...`, or
      // `---` with content after it, is not modelled.
      if (T.substr(P, 3) != "---")
        return YamlScan::GaveUp;
      P += 3;
      if (!endOfLine())
        return YamlScan::GaveUp;
      Line = nextLine();
      if (Line == NoLine)
        return YamlScan::GaveUp; // an empty document
    }
    if (Line == NotAMarker)
      return YamlScan::GaveUp;
    E.documentStart();
    char C = at(P);
    bool Ok;
    if (C == '{' || C == '[') {
      Ok = flow(NoLine) && endOfLine();
      Line = nextLine();
      Ok = Ok && Line == NoLine;
    } else if (isEntry()) {
      Ok = blockSequence(Line, Line);
    } else {
      Scalar S;
      Ok = scalar(S) && isKey(S) && blockMapping(Line, Line);
    }
    if (!Ok || Line != NoLine)
      return YamlScan::GaveUp;
    if (!E.documentEnd())
      return YamlScan::Stopped;
  }
}

} // namespace

YamlScan scanYaml(std::string_view Text, size_t Base, YamlEvents &Events) {
  return Scanner(Text, Base, Events).run();
}

} // namespace chokepoint
