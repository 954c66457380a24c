//===- analyzer/json_reader.cpp - JSON to a Document ----------------------===//
//
// RFC 8259 exactly, with errors that say what was expected where.
//
//===----------------------------------------------------------------------===//

#include "analyzer/manifests/frontend.h"
#include "analyzer/manifests/readers.h"
#include "analyzer/support/text.h"

#include <cstdio>

namespace chokepoint {

namespace {

class JsonParser {
public:
  JsonParser(const SourceManager &SM, uint32_t File, DiagnosticList &Diags)
      : SM(SM), File(File), Diags(Diags), T(SM.text(File)) {}

  bool run(const DocumentSink &Sink) {
    if (T.size() >= UINT32_MAX)
      return fail(0, "file is larger than 4 GiB");
    size_t Bad;
    if (std::string Why = checkEncoding(T, /*Yaml=*/false, Bad); !Why.empty())
      return fail(Bad, Why);
    if (T.substr(0, 3) == "\xEF\xBB\xBF")
      Pos = 3;
    Doc.File = File;
    skipSpace();
    if (Pos == T.size())
      return Sink(Doc), true; // an empty file: no document
    uint32_t Root;
    if (!value(0, Root))
      return false;
    Doc.Root = Root;
    skipSpace();
    if (Pos != T.size())
      return fail(Pos, "expected end of file after the JSON value, found " +
                           shown(Pos));
    Sink(Doc);
    return true;
  }

private:
  bool fail(size_t At, std::string Message) {
    // "found end of file" is best shown after the last thing written, not
    // on an empty line below it.
    if (At >= T.size()) {
      At = T.size();
      while (At > 0 && (T[At - 1] == ' ' || T[At - 1] == '\t' ||
                        T[At - 1] == '\n' || T[At - 1] == '\r'))
        --At;
    }
    Diags.error(SM.locate(File, At), std::move(Message));
    return false;
  }

  /// How the text at At reads in a message: a punctuation character, a
  /// word ('tru', 'NaN') or a character beyond ASCII.
  std::string shown(size_t At) const {
    if (At >= T.size())
      return "end of file";
    unsigned char C = T[At];
    auto Word = [](char X) {
      return (X >= 'a' && X <= 'z') || (X >= 'A' && X <= 'Z') ||
             (X >= '0' && X <= '9') || X == '_' || X == '-' || X == '+' ||
             X == '.';
    };
    if (Word(C)) {
      size_t E = At;
      while (E < T.size() && E - At < 24 && Word(T[E]))
        ++E;
      return quote(T.substr(At, E - At));
    }
    if (C == '\n' || C == '\r')
      return "end of line";
    if (C == '\'')
      return "\"'\"";
    if (C >= 0x20 && C < 0x7F)
      return std::string("'") + char(C) + "'";
    if (C >= 0xC0) // checkEncoding made sure it is a whole character
      return quote(T.substr(At, utf8Length(C)));
    char Buf[32];
    std::snprintf(Buf, sizeof Buf, "control character U+%04X", C);
    return Buf;
  }

  /// Why what is at At is not JSON, when it is a common slip; Otherwise
  /// for any other word.
  std::string hint(size_t At, std::string_view Otherwise) const {
    if (At >= T.size())
      return "";
    if (T[At] == '\'')
      return " (JSON strings take double quotes)";
    if (T[At] == '/' || T[At] == '#')
      return " (JSON has no comments)";
    unsigned char C = T[At];
    if (C == '_' || C >= 0x80 || (C >= 'a' && C <= 'z') ||
        (C >= 'A' && C <= 'Z'))
      return std::string(Otherwise);
    return "";
  }

  void skipSpace() {
    while (Pos < T.size() && (T[Pos] == ' ' || T[Pos] == '\t' ||
                              T[Pos] == '\n' || T[Pos] == '\r'))
      ++Pos;
  }

  uint32_t add(size_t Offset, DocKind Kind, ScalarStyle Style) {
    Doc.Nodes.push_back(
        {uint32_t(Offset), Kind, Style, 0, 0, 0, UINT32_MAX});
    return uint32_t(Doc.Nodes.size() - 1);
  }

  void link(uint32_t Parent, uint32_t &Last, uint32_t Child) {
    if (Last == UINT32_MAX)
      Doc.Nodes[Parent].A = Child;
    else
      Doc.Nodes[Last].Next = Child;
    Last = Child;
    ++Doc.Nodes[Parent].B;
  }

  bool value(unsigned Depth, uint32_t &Out) {
    if (Depth >= MaxDepth)
      return fail(Pos, "nesting is deeper than " + std::to_string(MaxDepth) +
                           " levels");
    if (Pos >= T.size())
      return fail(Pos, "expected a JSON value, found end of file");
    switch (T[Pos]) {
    case '{':
      return object(Depth, Out);
    case '[':
      return array(Depth, Out);
    case '"':
      return string(Out);
    case 't':
    case 'f':
    case 'n':
      return literal(Out);
    default:
      if (T[Pos] == '-' || (T[Pos] >= '0' && T[Pos] <= '9'))
        return number(Out);
      return fail(Pos, "expected a JSON value, found " + shown(Pos) +
                           hint(Pos, Depth == 0
                                         ? " (the file is read as JSON for its "
                                           "name: is it YAML?)"
                                         : ""));
    }
  }

  bool object(unsigned Depth, uint32_t &Out) {
    Out = add(Pos, DocKind::Mapping, ScalarStyle::Plain);
    uint32_t Last = UINT32_MAX;
    ++Pos;
    skipSpace();
    if (Pos < T.size() && T[Pos] == '}') {
      ++Pos;
      return true;
    }
    for (bool First = true;; First = false) {
      if (Pos >= T.size() || T[Pos] != '"')
        return fail(Pos, std::string("expected a string key") +
                             (First ? " or '}'" : "") + ", found " +
                             shown(Pos) + hint(Pos, " (JSON keys are quoted)"));
      uint32_t Key;
      if (!string(Key))
        return false;
      link(Out, Last, Key);
      skipSpace();
      if (Pos >= T.size() || T[Pos] != ':')
        return fail(Pos, "expected ':' after the key, found " + shown(Pos));
      ++Pos;
      skipSpace();
      uint32_t Val;
      if (!value(Depth + 1, Val))
        return false;
      link(Out, Last, Val);
      skipSpace();
      if (Pos < T.size() && T[Pos] == '}') {
        ++Pos;
        return true;
      }
      if (Pos >= T.size() || T[Pos] != ',')
        return fail(Pos, "expected ',' or '}' after an object member, found " +
                             shown(Pos));
      size_t Comma = Pos++;
      skipSpace();
      if (Pos < T.size() && T[Pos] == '}')
        return fail(Comma, "trailing comma before '}' is not allowed in JSON");
    }
  }

  bool array(unsigned Depth, uint32_t &Out) {
    Out = add(Pos, DocKind::Sequence, ScalarStyle::Plain);
    uint32_t Last = UINT32_MAX;
    ++Pos;
    skipSpace();
    if (Pos < T.size() && T[Pos] == ']') {
      ++Pos;
      return true;
    }
    for (;;) {
      uint32_t Item;
      if (!value(Depth + 1, Item))
        return false;
      link(Out, Last, Item);
      skipSpace();
      if (Pos < T.size() && T[Pos] == ']') {
        ++Pos;
        return true;
      }
      if (Pos >= T.size() || T[Pos] != ',')
        return fail(Pos, "expected ',' or ']' after an array element, found " +
                             shown(Pos));
      size_t Comma = Pos++;
      skipSpace();
      if (Pos < T.size() && T[Pos] == ']')
        return fail(Comma, "trailing comma before ']' is not allowed in JSON");
    }
  }

  bool hex4(size_t At, uint32_t &CP) {
    CP = 0;
    for (size_t I = At; I < At + 4; ++I) {
      if (I >= T.size())
        return fail(I, "expected 4 hex digits after \\u");
      char C = T[I];
      unsigned D = C >= '0' && C <= '9'   ? C - '0'
                   : C >= 'a' && C <= 'f' ? C - 'a' + 10
                   : C >= 'A' && C <= 'F' ? C - 'A' + 10
                                          : 16;
      if (D == 16)
        return fail(I, "expected 4 hex digits after \\u, found " +
                           (C > 0x20 && C < 0x7F && C != '\''
                                ? std::string("'") + C + "'"
                                : shown(I)));
      CP = CP * 16 + D;
    }
    return true;
  }

  static bool endsRun(unsigned char C) {
    return C == '"' || C == '\\' || C < 0x20;
  }

  bool string(uint32_t &Out) {
    size_t Open = Pos++;
    Out = add(Open, DocKind::Scalar, ScalarStyle::Quoted);
    Doc.Nodes[Out].A = uint32_t(Doc.Text.size());
    for (;;) {
      if (Pos >= T.size())
        return fail(Open, "expected a closing '\"' for this string, found end "
                          "of file");
      unsigned char C = T[Pos];
      if (C == '"') {
        ++Pos;
        break;
      }
      if (C == '\n' || C == '\r')
        return fail(Open, "expected a closing '\"' for this string, found end "
                          "of line (a line break in a string is written \\n)");
      if (C < 0x20) {
        char Buf[96];
        std::snprintf(Buf, sizeof Buf,
                      "control character U+%04X in a string: escape it as "
                      "\\%s",
                      unsigned(C),
                      C == '\n'   ? "n"
                      : C == '\t' ? "t"
                      : C == '\r'
                          ? "r"
                          : (std::string("u00") + "0123456789abcdef"[C >> 4] +
                             "0123456789abcdef"[C & 15])
                                .c_str());
        return fail(Pos, Buf);
      }
      if (C == '\\') {
        if (Pos + 1 >= T.size())
          return fail(Open, "expected a closing '\"' for this string, found "
                            "end of file");
        char E = T[Pos + 1];
        switch (E) {
        case '"': Doc.Text += '"'; break;
        case '\\': Doc.Text += '\\'; break;
        case '/': Doc.Text += '/'; break;
        case 'b': Doc.Text += '\b'; break;
        case 'f': Doc.Text += '\f'; break;
        case 'n': Doc.Text += '\n'; break;
        case 'r': Doc.Text += '\r'; break;
        case 't': Doc.Text += '\t'; break;
        case 'u': {
          uint32_t CP;
          if (!hex4(Pos + 2, CP))
            return false;
          size_t Escape = Pos;
          Pos += 6;
          if (CP >= 0xD800 && CP <= 0xDBFF) {
            uint32_t Low = 0;
            if (T.substr(Pos, 2) == "\\u" && !hex4(Pos + 2, Low))
              return false;
            if (Low < 0xDC00 || Low > 0xDFFF)
              return fail(Escape, "unpaired UTF-16 surrogate " +
                                      quote(T.substr(Escape, 6)) +
                                      ": expected a low surrogate \\udc00 to "
                                      "\\udfff right after it");
            CP = 0x10000 + ((CP - 0xD800) << 10) + (Low - 0xDC00);
            Pos += 6;
          } else if (CP >= 0xDC00 && CP <= 0xDFFF) {
            return fail(Escape, "unpaired UTF-16 surrogate " +
                                    quote(T.substr(Escape, 6)) +
                                    ": a low surrogate must follow a high one "
                                    "(\\ud800 to \\udbff)");
          }
          appendUtf8(Doc.Text, CP);
          continue;
        }
        default:
          return fail(Pos, "invalid escape " + quote(T.substr(Pos, 2)) +
                               " in a string: expected one of \\\" \\\\ \\/ "
                               "\\b \\f \\n \\r \\t \\uXXXX");
        }
        Pos += 2;
        continue;
      }
      // A run of characters as written (checkEncoding made sure the text
      // is UTF-8), up to the next quote, escape or control character.
      size_t Run = Pos + 1;
      while (Run < T.size() && !endsRun(static_cast<unsigned char>(T[Run])))
        ++Run;
      Doc.Text.append(T.data() + Pos, Run - Pos);
      Pos = Run;
    }
    Doc.Nodes[Out].B = uint32_t(Doc.Text.size() - Doc.Nodes[Out].A);
    return true;
  }

  bool literal(uint32_t &Out) {
    for (std::string_view W : {"true", "false", "null"})
      if (T.substr(Pos, W.size()) == W) {
        Out = add(Pos, DocKind::Scalar, ScalarStyle::Plain);
        Doc.Nodes[Out].A = uint32_t(Doc.Text.size());
        Doc.Nodes[Out].B = uint32_t(W.size());
        Doc.Text += W;
        Pos += W.size();
        return true;
      }
    return fail(Pos, "expected a JSON value, found " + shown(Pos));
  }

  bool number(uint32_t &Out) {
    size_t Start = Pos;
    auto Digits = [&] {
      size_t From = Pos;
      while (Pos < T.size() && T[Pos] >= '0' && T[Pos] <= '9')
        ++Pos;
      return Pos > From;
    };
    if (T[Pos] == '-')
      ++Pos;
    if (Pos < T.size() && T[Pos] == '0') {
      ++Pos;
      if (Pos < T.size() && T[Pos] >= '0' && T[Pos] <= '9')
        return fail(Start, "leading zeros are not allowed in JSON numbers, "
                           "found " +
                               shown(Start));
    } else if (!Digits())
      return fail(Pos, "expected a digit, found " + shown(Pos));
    if (Pos < T.size() && T[Pos] == '.') {
      ++Pos;
      if (!Digits())
        return fail(Pos, "expected a digit after '.', found " + shown(Pos));
    }
    if (Pos < T.size() && (T[Pos] == 'e' || T[Pos] == 'E')) {
      ++Pos;
      if (Pos < T.size() && (T[Pos] == '+' || T[Pos] == '-'))
        ++Pos;
      if (!Digits())
        return fail(Pos, "expected a digit in the exponent, found " +
                             shown(Pos));
    }
    Out = add(Start, DocKind::Scalar, ScalarStyle::Plain);
    Doc.Nodes[Out].A = uint32_t(Doc.Text.size());
    Doc.Nodes[Out].B = uint32_t(Pos - Start);
    Doc.Text.append(T.substr(Start, Pos - Start));
    return true;
  }

  const SourceManager &SM;
  uint32_t File;
  DiagnosticList &Diags;
  std::string_view T;
  size_t Pos = 0;
  Document Doc;
};

} // namespace

bool readJson(const SourceManager &SM, uint32_t File, DiagnosticList &Diags,
              const DocumentSink &Sink) {
  return JsonParser(SM, File, Diags).run(Sink);
}

namespace {
constexpr std::string_view JsonExtensions[] = {".json"};
/// JSON files are read on one thread (a topology in JSON is written by a
/// program, which can as well write several files).
bool readJsonFile(const SourceManager &SM, uint32_t File, DiagnosticList &Diags,
                  const DocumentSink &Sink, unsigned) {
  return readJson(SM, File, Diags, Sink);
}
const ReaderInfo JsonReader{"json", JsonExtensions, readJsonFile};
CHOKEPOINT_READER(JsonReader);
} // namespace

} // namespace chokepoint
