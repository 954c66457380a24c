//===- analyzer/manifests/addresses.cpp - Service names in text -----------===//

#include "analyzer/manifests/addresses.h"

namespace chokepoint {

namespace {

bool isLower(char C) { return C >= 'a' && C <= 'z'; }
bool isDigit(char C) { return C >= '0' && C <= '9'; }
bool isAlpha(char C) { return isLower(C) || (C >= 'A' && C <= 'Z'); }

/// A DNS name of one or more labels that holds a letter somewhere (so that
/// 10.0.0.1 is not one) and is not the machine itself.
bool isHostName(std::string_view S) {
  if (S.empty() || S.size() > 253 || S == "localhost" ||
      S.starts_with("localhost."))
    return false;
  bool Letter = false;
  for (size_t At = 0;;) {
    size_t Dot = S.find('.', At);
    std::string_view Label = S.substr(At, Dot - At);
    if (!isDnsLabel(Label))
      return false;
    for (char C : Label)
      Letter |= isLower(C);
    if (Dot == std::string_view::npos)
      break;
    At = Dot + 1;
  }
  return Letter;
}

/// name.ns.svc or name.ns.svc.<cluster domain>.
bool isClusterName(std::string_view S) {
  size_t A = S.find('.');
  if (A == std::string_view::npos)
    return false;
  size_t B = S.find('.', A + 1);
  if (B == std::string_view::npos)
    return false;
  std::string_view Third = S.substr(B + 1, S.find('.', B + 1) - B - 1);
  return Third == "svc" && isHostName(S);
}

bool isPort(std::string_view S) {
  if (S.empty() || S.size() > 5)
    return false;
  unsigned V = 0;
  for (char C : S) {
    if (!isDigit(C))
      return false;
    V = V * 10 + unsigned(C - '0');
  }
  return V >= 1 && V <= 65535;
}

/// Characters that end a word of a command line or a config text.
bool isBreak(char C) {
  switch (C) {
  case ' ':
  case '\t':
  case '\n':
  case '\r':
  case '"':
  case '\'':
  case '`':
  case '<':
  case '>':
  case '(':
  case ')':
  case '{':
  case '}':
  case '[':
  case ']':
  case '|':
  case '\\':
  case '^':
    return true;
  default:
    return false;
  }
}

/// Hosts of a URL's authority ("user:pw@a:1,b:2"). Each token is its
/// host and port only: what came before the '@' is a secret, never shown.
void urlHosts(std::string_view Authority, llvm::SmallVectorImpl<Address> &Out) {
  if (size_t At = Authority.rfind('@'); At != std::string_view::npos)
    Authority.remove_prefix(At + 1);
  while (!Authority.empty()) {
    size_t Comma = Authority.find(',');
    std::string_view HostPort = Authority.substr(0, Comma);
    std::string_view Host = HostPort.substr(0, HostPort.find(':'));
    if (isHostName(Host))
      Out.push_back({Address::Form::Url, Host, HostPort});
    if (Comma == std::string_view::npos)
      break;
    Authority.remove_prefix(Comma + 1);
  }
}

/// One word without a URL in it: `name:port` or a cluster name, possibly
/// among `key=value` pairs and lists.
void plainWord(std::string_view Word, llvm::SmallVectorImpl<Address> &Out) {
  while (!Word.empty()) {
    size_t Cut = Word.find_first_of("=,;@");
    std::string_view Piece = Word.substr(0, Cut);
    while (!Piece.empty() && (Piece.back() == '.' || Piece.back() == ':'))
      Piece.remove_suffix(1);
    size_t Colon = Piece.find(':');
    if (Colon != std::string_view::npos) {
      std::string_view Host = Piece.substr(0, Colon);
      std::string_view Port = Piece.substr(Colon + 1);
      if (isPort(Port) && isHostName(Host))
        Out.push_back({Address::Form::HostPort, Host, Piece});
    } else if (isClusterName(Piece)) {
      Out.push_back({Address::Form::Cluster, Piece, Piece});
    }
    if (Cut == std::string_view::npos)
      break;
    Word.remove_prefix(Cut + 1);
  }
}

void word(std::string_view Word, llvm::SmallVectorImpl<Address> &Out) {
  // A variable makes the name unknowable here: `${HOST}:80`, `$HOST`.
  if (Word.find('$') != std::string_view::npos)
    return;
  size_t Sep = Word.find("://");
  if (Sep == std::string_view::npos || Sep == 0) {
    plainWord(Word, Out);
    return;
  }
  size_t Scheme = Sep;
  while (Scheme > 0 && (isAlpha(Word[Scheme - 1]) ||
                        isDigit(Word[Scheme - 1]) || Word[Scheme - 1] == '+' ||
                        Word[Scheme - 1] == '-' || Word[Scheme - 1] == '.'))
    --Scheme;
  if (Scheme == Sep || !isAlpha(Word[Scheme])) {
    plainWord(Word, Out);
    return;
  }
  if (Scheme > 0)
    plainWord(Word.substr(0, Scheme), Out); // `--url=` before it
  std::string_view Rest = Word.substr(Sep + 3);
  size_t End = Rest.find_first_of("/?#");
  std::string_view Authority = Rest.substr(0, End);
  urlHosts(Authority, Out);
}

} // namespace

bool isDnsLabel(std::string_view S) {
  if (S.empty() || S.size() > 63 || S.front() == '-' || S.back() == '-')
    return false;
  for (char C : S)
    if (!isLower(C) && !isDigit(C) && C != '-')
      return false;
  return true;
}

void findAddresses(std::string_view Text, bool WholeValue,
                   llvm::SmallVectorImpl<Address> &Out) {
  if (WholeValue) {
    std::string_view T = Text;
    while (!T.empty() && (T.front() == ' ' || T.front() == '\t'))
      T.remove_prefix(1);
    while (!T.empty() && (T.back() == ' ' || T.back() == '\t'))
      T.remove_suffix(1);
    if (isDnsLabel(T) && isHostName(T)) {
      Out.push_back({Address::Form::Bare, T, T});
      return;
    }
  }
  size_t I = 0;
  while (I < Text.size()) {
    while (I < Text.size() && isBreak(Text[I]))
      ++I;
    size_t Start = I;
    while (I < Text.size() && !isBreak(Text[I]))
      ++I;
    if (I > Start)
      word(Text.substr(Start, I - Start), Out);
  }
}

} // namespace chokepoint
