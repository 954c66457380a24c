//===- analyzer/manifests/addresses.h - Service names in text ---*- C++ -*-===//
//
// Where manifests name the services a workload talks to: an env value
// (`PRODUCT_CATALOG_SERVICE_ADDR: "productcatalogservice:3550"`), a command
// line (`--reporter.grpc.host-port=jaeger-collector:14250`), a URL of any
// scheme (`mongodb://user@orders-db:27017,orders-db-1:27017/shop`), a
// cluster name (`cart.shop.svc.cluster.local`), or a whole value that is a
// plain name (`CATALOG_HOST: catalog`). This finds those names in a text;
// which of them are services is for the build to say, once every file has
// been read. Shared by every front end that reads such text (Kubernetes,
// docker-compose).
//
//===----------------------------------------------------------------------===//

#ifndef CHOKEPOINT_ANALYZER_MANIFESTS_ADDRESSES_H
#define CHOKEPOINT_ANALYZER_MANIFESTS_ADDRESSES_H

#include "llvm/ADT/SmallVector.h"

#include <cstddef>
#include <string_view>

namespace chokepoint {

struct Address {
  enum class Form : uint8_t {
    HostPort, ///< name:port
    Url,      ///< scheme://[user@]name[:port][/...]
    Cluster,  ///< name.ns.svc[.cluster.local], no port
    Bare,     ///< the whole value is one plain name
  };
  Form How = Form::HostPort;
  /// The name as written, lower-case DNS: "cart", "cart.shop",
  /// "cart.shop.svc.cluster.local". A view into the text searched.
  std::string_view Host;
  /// What it was found as: the host with its port (a URL's too: its user
  /// and password are never kept).
  std::string_view Token;
};

/// Appends to Out every address Text holds, in order. With WholeValue (an
/// env or ConfigMap value), a text that is exactly one plain name is a Bare
/// address too; a command line's words never are (`./frontend` names a
/// binary). IP addresses, localhost, and names holding variables
/// (`${HOST}`, `$(HOST)`, `{{ .host }}`) are not addresses.
void findAddresses(std::string_view Text, bool WholeValue,
                   llvm::SmallVectorImpl<Address> &Out);

/// True when S is a DNS label as Kubernetes names are: 1-63 characters of
/// [a-z0-9-], starting and ending with a letter or digit.
bool isDnsLabel(std::string_view S);

} // namespace chokepoint

#endif
