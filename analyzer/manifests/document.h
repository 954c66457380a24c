//===- analyzer/manifests/document.h - A compact YAML/JSON node tree ------*- C++ -*-===//
//
// One parsed document, as small as it can be: 20 bytes a node plus the
// scalar text, every node keeping the byte offset it starts at so any later
// error can point at it. Both readers (libyaml events, our JSON parser)
// build this, and every front end walks it. Aliases are kept as references
// to their anchor, never copied, so an alias bomb costs nothing to hold; the
// readers also cap how much aliases may expand (see readers.h).
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_DOCUMENT_H
#define CHOKEPOINT_ANALYZER_DOCUMENT_H

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

enum class DocKind : uint8_t { Scalar, Mapping, Sequence, Alias };

/// How a scalar was written: plain scalars are typed (numbers, booleans,
/// null); quoted ones and block scalars are always strings.
enum class ScalarStyle : uint8_t { Plain, Quoted };

class Document;

/// A node of a Document; aliases resolve transparently. A default-made
/// node (a key that is not there) reads as a plain null.
class DocNode {
public:
  DocNode() = default;
  DocNode(const Document *D, uint32_t I);

  bool valid() const { return D != nullptr; }
  DocKind kind() const;
  bool isMapping() const { return kind() == DocKind::Mapping; }
  bool isSequence() const { return kind() == DocKind::Sequence; }
  bool isScalar() const { return kind() == DocKind::Scalar; }
  /// A plain null: empty, ~, null, Null or NULL.
  bool isNull() const;
  ScalarStyle style() const;
  std::string_view scalar() const;
  /// Where the node starts in the file (for an alias: where the alias is).
  uint32_t offset() const;
  /// "a mapping", "a sequence", "a string", "a number"...: for messages.
  std::string_view describe() const;

  /// Children of a sequence, or keys and values of a mapping alternating.
  class iterator {
  public:
    iterator(const Document *D, uint32_t I) : D(D), I(I) {}
    DocNode operator*() const { return DocNode(D, I); }
    iterator &operator++();
    bool operator!=(const iterator &O) const { return I != O.I; }

  private:
    const Document *D;
    uint32_t I;
  };
  iterator begin() const;
  iterator end() const { return iterator(D, UINT32_MAX); }
  /// Number of children (a mapping's is twice its entries).
  uint32_t size() const;

  uint32_t index() const { return I; }
  const Document *document() const { return D; }

private:
  const Document *D = nullptr;
  uint32_t I = 0;       ///< the node, aliases resolved
  uint32_t Written = 0; ///< the node as written (an alias stays an alias)
};

class Document {
public:
  struct Node {
    uint32_t Offset;
    DocKind Kind;
    ScalarStyle Style;
    uint16_t Unused = 0;
    uint32_t A;    ///< scalar: text start; collection: first child; alias: target
    uint32_t B;    ///< scalar: text length; collection: child count
    uint32_t Next; ///< next sibling, or UINT32_MAX
  };

  uint32_t File = 0;
  uint32_t Root = UINT32_MAX;
  /// 1-based position of the document in its file (for messages).
  uint32_t Ordinal = 1;
  std::vector<Node> Nodes;
  std::string Text;

  bool empty() const { return Root == UINT32_MAX; }
  DocNode root() const { return DocNode(this, Root); }
};

} // namespace chokepoint

#endif
