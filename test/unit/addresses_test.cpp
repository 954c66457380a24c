//===- test/unit/addresses_test.cpp - Service names in text ---------------===//
//
// What findAddresses takes for a service's name, and what it leaves: the
// forms env values, command lines and config files use, and the
// look-alikes that are not addresses.
//
//===----------------------------------------------------------------------===//

#include "analyzer/manifests/addresses.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace chokepoint;

namespace {

/// "host (token)" for each address found, in order.
std::vector<std::string> found(std::string_view Text, bool Whole = true) {
  llvm::SmallVector<Address, 4> Out;
  findAddresses(Text, Whole, Out);
  std::vector<std::string> S;
  for (const Address &A : Out)
    S.push_back(std::string(A.Host) + " (" + std::string(A.Token) + ")");
  return S;
}

using Strings = std::vector<std::string>;

TEST(Addresses, HostAndPort) {
  EXPECT_EQ(found("productcatalogservice:3550"),
            Strings{"productcatalogservice (productcatalogservice:3550)"});
  EXPECT_EQ(found("cart.shop:7070"), Strings{"cart.shop (cart.shop:7070)"});
  EXPECT_EQ(found("a:0"), Strings{});     // no port 0
  EXPECT_EQ(found("a:65536"), Strings{}); // nor above 65535
}

TEST(Addresses, UrlsOfAnySchemeWithoutTheirSecrets) {
  EXPECT_EQ(found("http://catalog/api"), Strings{"catalog (catalog)"});
  EXPECT_EQ(found("grpc+tls://ads:9555"), Strings{"ads (ads:9555)"});
  EXPECT_EQ(found("mongodb://app:secret@db-0:27017,db-1:27017/shop"),
            (Strings{"db-0 (db-0:27017)", "db-1 (db-1:27017)"}));
  EXPECT_EQ(found("--url=redis://cache:6379/0", false),
            Strings{"cache (cache:6379)"});
}

TEST(Addresses, ClusterNames) {
  EXPECT_EQ(
      found("cart.shop.svc.cluster.local"),
      Strings{"cart.shop.svc.cluster.local (cart.shop.svc.cluster.local)"});
  EXPECT_EQ(found("--peer cart.shop.svc", false),
            Strings{"cart.shop.svc (cart.shop.svc)"});
  EXPECT_EQ(found("cart.shop"), Strings{}); // no port, not .svc: unknown
}

TEST(Addresses, AWholeValueThatIsAPlainName) {
  EXPECT_EQ(found("catalog"), Strings{"catalog (catalog)"});
  EXPECT_EQ(found("catalog", false), Strings{}); // a word of a command line
  EXPECT_EQ(found("./frontend", false), Strings{});
  EXPECT_EQ(found("8080"), Strings{});
  EXPECT_EQ(found("Catalog"), Strings{}); // not a DNS label
}

TEST(Addresses, CommandLines) {
  EXPECT_EQ(found("--reporter.grpc.host-port=jaeger-collector:14250", false),
            Strings{"jaeger-collector (jaeger-collector:14250)"});
  EXPECT_EQ(
      found("wait-for db:5432 -- ./start --cache=mc:11211,mc-2:11211", false),
      (Strings{"db (db:5432)", "mc (mc:11211)", "mc-2 (mc-2:11211)"}));
}

TEST(Addresses, LookAlikesThatAreNot) {
  EXPECT_EQ(found("localhost:8080"), Strings{});
  EXPECT_EQ(found("10.0.0.7:53"), Strings{});
  EXPECT_EQ(found("0.0.0.0:80"), Strings{});
  EXPECT_EQ(found("${DB_HOST}:5432"), Strings{});
  EXPECT_EQ(found("http://${FRONTEND_ADDR}", false), Strings{});
  EXPECT_EQ(found("$(SERVICE):80", false), Strings{});
  EXPECT_EQ(found("12:30"), Strings{});
  EXPECT_EQ(found("DEBUG:1"), Strings{});           // upper case: no DNS name
  EXPECT_EQ(found("true"), Strings{"true (true)"}); // a plain name...
  // ...which counts only when a Service has it: the build decides.
}

TEST(Addresses, DnsLabels) {
  EXPECT_TRUE(isDnsLabel("redis-cart"));
  EXPECT_TRUE(isDnsLabel("a1"));
  EXPECT_FALSE(isDnsLabel("-a"));
  EXPECT_FALSE(isDnsLabel("a-"));
  EXPECT_FALSE(isDnsLabel("a_b"));
  EXPECT_FALSE(isDnsLabel(""));
  EXPECT_FALSE(isDnsLabel(std::string(64, 'a')));
}

} // namespace
