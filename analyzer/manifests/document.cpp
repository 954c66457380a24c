//===- analyzer/document.cpp - A compact YAML/JSON node tree --------------===//

#include "analyzer/manifests/document.h"

namespace chokepoint {

DocNode::DocNode(const Document *D, uint32_t I) : D(D), I(I), Written(I) {
  // Readers reject aliases to aliases and cycles, so one step resolves.
  if (D->Nodes[I].Kind == DocKind::Alias)
    this->I = D->Nodes[I].A;
}

// An invalid node (a key a mapping does not have) reads as a plain null:
// absent and empty mean the same, the default.
DocKind DocNode::kind() const { return D ? D->Nodes[I].Kind : DocKind::Scalar; }

ScalarStyle DocNode::style() const {
  return D ? D->Nodes[I].Style : ScalarStyle::Plain;
}

std::string_view DocNode::scalar() const {
  if (!D)
    return {};
  const Document::Node &N = D->Nodes[I];
  if (N.Kind != DocKind::Scalar)
    return {};
  return std::string_view(D->Text).substr(N.A, N.B);
}

bool DocNode::isNull() const {
  if (kind() != DocKind::Scalar || style() != ScalarStyle::Plain)
    return false;
  std::string_view S = scalar();
  return S.empty() || S == "~" || S == "null" || S == "Null" || S == "NULL";
}

uint32_t DocNode::offset() const { return D ? D->Nodes[Written].Offset : 0; }

std::string_view DocNode::describe() const {
  switch (kind()) {
  case DocKind::Mapping:
    return "a mapping";
  case DocKind::Sequence:
    return "a sequence";
  case DocKind::Alias:
    return "an alias";
  case DocKind::Scalar:
    break;
  }
  if (isNull())
    return "null";
  if (style() == ScalarStyle::Quoted)
    return "a string";
  std::string_view S = scalar();
  if (S == "true" || S == "false" || S == "True" || S == "False" ||
      S == "TRUE" || S == "FALSE")
    return "a boolean";
  if (!S.empty() && (S[0] == '-' || S[0] == '+' || S[0] == '.' ||
                     (S[0] >= '0' && S[0] <= '9')))
    return "a number";
  return "a string";
}

DocNode::iterator &DocNode::iterator::operator++() {
  I = D->Nodes[I].Next;
  return *this;
}

DocNode::iterator DocNode::begin() const {
  if (!D)
    return end();
  const Document::Node &N = D->Nodes[I];
  if ((N.Kind != DocKind::Mapping && N.Kind != DocKind::Sequence) || N.B == 0)
    return end();
  return iterator(D, N.A);
}

uint32_t DocNode::size() const {
  if (!D)
    return 0;
  const Document::Node &N = D->Nodes[I];
  return N.Kind == DocKind::Mapping || N.Kind == DocKind::Sequence ? N.B : 0;
}

} // namespace chokepoint
