//===- analyzer/manifests/walker.cpp - Walking documents by key -----------===//

#include "analyzer/manifests/walker.h"

#include <charconv>
#include <cmath>

namespace chokepoint {

std::string joined(std::span<const std::string_view> Items) {
  std::string S;
  for (size_t I = 0; I < Items.size(); ++I) {
    if (I)
      S += ", ";
    S += Items[I];
  }
  return S;
}

DocNode field(DocNode Map, std::string_view Key) {
  if (!Map.valid() || !Map.isMapping())
    return {};
  for (auto It = Map.begin(); It != Map.end(); ++It) {
    DocNode K = *It;
    DocNode V = *++It;
    if (K.isScalar() && K.scalar() == Key)
      return V;
  }
  return {};
}

SourceLoc Walker::locIn(DocNode N, std::string_view Part) {
  std::string_view Value = N.scalar();
  if (Part.data() < Value.data() ||
      Part.data() + Part.size() > Value.data() + Value.size() || Part.empty())
    return loc(N);
  // The how-many-th occurrence of Part in the value it is; the same one in
  // the file, within the span the value can take there.
  size_t Before = 0;
  for (size_t At = Value.find(Part);
       At != std::string_view::npos && Value.data() + At < Part.data();
       At = Value.find(Part, At + 1))
    ++Before;
  std::string_view File = SM.text(D.File);
  size_t From = N.offset();
  size_t Limit = std::min(File.size(), From + 2 * Value.size() + 4096);
  std::string_view Span = File.substr(From, Limit - From);
  size_t At = Span.find(Part);
  for (; At != std::string_view::npos && Before; --Before)
    At = Span.find(Part, At + 1);
  if (At == std::string_view::npos)
    return loc(N);
  return SM.locate(D.File, From + At, Hint);
}

bool Walker::keyText(DocNode Key, std::string_view &Out) {
  if (!Key.isScalar() || Key.isNull()) {
    error(Key,
          "expected a name as a key, found " + std::string(Key.describe()));
    return false;
  }
  Out = Key.scalar();
  return true;
}

void Walker::notMapping(DocNode Map, std::string_view What) {
  error(Map, "expected a mapping for " + std::string(What) + ", found " +
                 std::string(Map.describe()));
}

void Walker::duplicateKey(DocNode Key, std::string_view Text,
                          std::string_view What, DocNode First) {
  Diagnostic &D =
      error(Key, "duplicate key " + quote(Text) + " in " + std::string(What));
  D.Notes.push_back({DiagLevel::Note, loc(First), "first given here", {}});
}

void Walker::unknownKey(DocNode Key, std::string_view What,
                        std::span<const std::string_view> Keys, DocNode Map) {
  // As clangd does, a suggestion is one of the keys the mapping does not
  // give: a second spelling of a key that is there already is not "fixed"
  // into a duplicate. Only an error pays for looking at the other keys.
  std::vector<std::string_view> Unseen(Keys.begin(), Keys.end());
  entries(Map, [&](DocNode K, DocNode, bool) {
    if (K.isScalar())
      std::erase(Unseen, K.scalar());
  });
  std::string_view Text = Key.scalar();
  std::string Hint = didYouMean(Text, Unseen);
  error(Key,
        "unknown key " + quote(Text) + " in " + std::string(What) +
            (Hint.empty() ? " (expected one of: " + joined(Keys) + ")" : Hint));
}

void Walker::badChoice(DocNode N, std::string_view Key, std::string_view What,
                       const std::vector<std::string_view> &Names) {
  if (!N.isScalar()) {
    error(N, "expected " + std::string(What) + " for '" + std::string(Key) +
                 "' (one of: " + joined(Names) + "), found " +
                 std::string(N.describe()));
    return;
  }
  std::string_view S = N.scalar();
  std::string Hint = didYouMean(S, Names);
  std::string_view Bare = What.substr(What.substr(0, 3) == "an "  ? 3
                                      : What.substr(0, 2) == "a " ? 2
                                                                  : 0);
  error(N, "unknown " + std::string(Bare) + " " + quote(S) +
               (Hint.empty() ? " (expected one of: " + joined(Names) + ")"
                             : Hint));
}

/// A scalar as the user wrote it, for "found ...": "a string \"3\"" for a
/// quoted one, "'two'" for a plain one, "a mapping" for the others.
std::string found(DocNode N) {
  if (!N.isScalar() || N.isNull())
    return std::string(N.describe());
  std::string Q = quote(N.scalar());
  if (N.style() == ScalarStyle::Quoted) {
    Q.front() = Q.back() = '"';
    return "a string " + Q;
  }
  return Q;
}

/// True when S reads as a plain integer, as integer() takes it.
bool looksInteger(std::string_view S) {
  S = S.substr(!S.empty() && (S[0] == '-' || S[0] == '+'));
  if (S.size() > 2 && S[0] == '0' && (S[1] == 'x' || S[1] == 'o'))
    S.remove_prefix(2);
  return !S.empty() &&
         S.find_first_not_of("0123456789abcdefABCDEF") ==
             std::string_view::npos &&
         S.find_first_of("0123456789") != std::string_view::npos;
}

bool Walker::string(DocNode N, std::string_view Key, std::string_view &Out) {
  if (N.isNull())
    return false; // `key:` with nothing keeps the default
  if (!N.isScalar() || N.isNull()) {
    error(N, "expected a string for '" + std::string(Key) + "', found " +
                 std::string(N.describe()));
    return false;
  }
  Out = N.scalar();
  return true;
}

bool Walker::name(DocNode N, std::string_view What, Topology &T, Name &Out) {
  if (!N.isScalar() || N.isNull()) {
    error(N, "expected " + std::string(What) + ", found " +
                 std::string(N.describe()));
    return false;
  }
  Out = T.name(N.scalar(), loc(N));
  return true;
}

bool Walker::integer(DocNode N, std::string_view Key, uint64_t Min,
                     uint64_t Max, uint64_t &Out, std::string_view Why) {
  if (N.isNull())
    return false; // `key:` with nothing keeps the default
  if (!N.isScalar() || N.isNull() || N.style() != ScalarStyle::Plain) {
    bool QuotedNumber = N.isScalar() && N.style() == ScalarStyle::Quoted &&
                        looksInteger(N.scalar());
    error(N, "expected an integer for " + quote(Key) + ", found " + found(N) +
                 (QuotedNumber ? " (a quoted number is a string: drop the "
                                 "quotes)"
                               : ""));
    return false;
  }
  std::string_view S = N.scalar();
  bool Negative = !S.empty() && S[0] == '-';
  std::string_view Digits =
      S.substr(!S.empty() && (S[0] == '-' || S[0] == '+'));
  int Base = 10;
  if (Digits.size() > 2 && Digits[0] == '0' &&
      (Digits[1] == 'x' || Digits[1] == 'o')) {
    Base = Digits[1] == 'x' ? 16 : 8;
    Digits.remove_prefix(2);
  }
  uint64_t V = 0;
  auto [P, Ec] =
      std::from_chars(Digits.data(), Digits.data() + Digits.size(), V, Base);
  if (Digits.empty() || P != Digits.data() + Digits.size() ||
      (Ec != std::errc() && Ec != std::errc::result_out_of_range)) {
    double F;
    auto [FP, FEc] = std::from_chars(S.data(), S.data() + S.size(), F);
    if (FEc == std::errc() && FP == S.data() + S.size())
      error(N, "expected a whole number for " + quote(Key) + ", found " +
                   std::string(S));
    else
      error(N, "expected an integer for " + quote(Key) + ", found " +
                   std::string(N.describe()) + " " + quote(S));
    return false;
  }
  if (Negative && V != 0) {
    error(N, quote(Key) + " must not be negative, found " + std::string(S));
    return false;
  }
  if (Ec == std::errc::result_out_of_range || V > Max) {
    error(N, quote(Key) + " is too large: " + std::string(S) + " is above " +
                 std::to_string(Max));
    return false;
  }
  if (V < Min) {
    error(N, quote(Key) + " must be at least " + std::to_string(Min) +
                 (Why.empty() ? "" : " (" + std::string(Why) + ")") +
                 ", found " + std::string(S));
    return false;
  }
  Out = V;
  return true;
}

bool Walker::number(DocNode N, std::string_view Key, double &Out) {
  if (N.isNull())
    return false; // `key:` with nothing keeps the default
  if (!N.isScalar() || N.isNull() || N.style() != ScalarStyle::Plain) {
    bool QuotedNumber = false;
    if (N.isScalar() && N.style() == ScalarStyle::Quoted) {
      std::string_view S = N.scalar();
      double V;
      auto [P, Ec] = std::from_chars(S.data(), S.data() + S.size(), V);
      QuotedNumber =
          !S.empty() && Ec == std::errc() && P == S.data() + S.size();
    }
    error(N, "expected a number for " + quote(Key) + ", found " + found(N) +
                 (QuotedNumber ? " (a quoted number is a string: drop the "
                                 "quotes)"
                               : ""));
    return false;
  }
  std::string_view S = N.scalar();
  std::string_view Body = S.substr(!S.empty() && S[0] == '+');
  double V;
  auto [P, Ec] = std::from_chars(Body.data(), Body.data() + Body.size(), V);
  bool Parsed = !Body.empty() && P == Body.data() + Body.size() &&
                (Ec == std::errc() || Ec == std::errc::result_out_of_range);
  // YAML's own spellings of infinity and not-a-number.
  std::string_view Unsigned =
      S.substr(!S.empty() && (S[0] == '-' || S[0] == '+'));
  bool Special = Unsigned == ".inf" || Unsigned == ".Inf" ||
                 Unsigned == ".INF" || Unsigned == ".nan" ||
                 Unsigned == ".NaN" || Unsigned == ".NAN";
  if ((Parsed && (Ec != std::errc() || !std::isfinite(V))) || Special) {
    error(N,
          "expected a finite number for " + quote(Key) + ", found " + quote(S));
    return false;
  }
  if (!Parsed) {
    // "1m", "30s", "5%": a number with a unit, which the format never reads.
    size_t Digits = S.find_first_not_of("+-.0123456789eE");
    bool Unit = Digits != 0 && Digits != std::string_view::npos &&
                std::isalpha(static_cast<unsigned char>(S.back()));
    error(N, "expected a number for " + quote(Key) + ", found " + found(N) +
                 (Unit ? " (a plain number: units are not read)" : ""));
    return false;
  }
  if (V < 0) {
    error(N, quote(Key) + " must not be negative, found " + std::string(S));
    return false;
  }
  Out = V;
  return true;
}

bool Walker::boolean(DocNode N, std::string_view Key, bool &Out) {
  if (N.isNull())
    return false; // `key:` with nothing keeps the default
  std::string_view S = N.isScalar() ? N.scalar() : std::string_view();
  if (N.isScalar() && N.style() == ScalarStyle::Plain) {
    if (S == "true" || S == "True" || S == "TRUE") {
      Out = true;
      return true;
    }
    if (S == "false" || S == "False" || S == "FALSE") {
      Out = false;
      return true;
    }
  }
  error(N, "expected true or false for '" + std::string(Key) + "', found " +
               found(N));
  return false;
}

} // namespace chokepoint
