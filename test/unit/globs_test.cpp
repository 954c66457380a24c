//===- test/unit/globs_test.cpp - Globs of --exclude and .gitignore -------===//
//
// globMatch as .gitignore patterns match: '*' and '?' stay within one name,
// '**' crosses names (and "**/" may match none), '[...]' is one character
// of a set; and templateAction, which tells an unrendered Helm template.
//
//===----------------------------------------------------------------------===//

#include "analyzer/manifests/inputs.h"

#include <gtest/gtest.h>

using namespace chokepoint;

namespace {

TEST(Globs, StarStaysWithinOneName) {
  EXPECT_TRUE(globMatch("*.yaml", "app.yaml"));
  EXPECT_FALSE(globMatch("*.yaml", "app.yml"));
  EXPECT_FALSE(globMatch("*.yaml", "deploy/app.yaml"));
  EXPECT_TRUE(globMatch("deploy/*", "deploy/app.yaml"));
  EXPECT_FALSE(globMatch("deploy/*", "deploy/gen/app.yaml"));
}

TEST(Globs, DoubleStarCrossesNames) {
  EXPECT_TRUE(globMatch("deploy/**", "deploy/gen/app.yaml"));
  EXPECT_TRUE(globMatch("**/gen/*.yaml", "a/b/gen/x.yaml"));
  EXPECT_TRUE(globMatch("**/gen/*.yaml", "gen/x.yaml"));
  EXPECT_FALSE(globMatch("**/gen/*.yaml", "a/generated/x.yaml"));
}

TEST(Globs, QuestionMarkAndSets) {
  EXPECT_TRUE(globMatch("values-?.yaml", "values-a.yaml"));
  EXPECT_FALSE(globMatch("values-?.yaml", "values-ab.yaml"));
  EXPECT_FALSE(globMatch("a?b", "a/b"));
  EXPECT_TRUE(globMatch("v[0-9].json", "v7.json"));
  EXPECT_FALSE(globMatch("v[0-9].json", "vx.json"));
  EXPECT_TRUE(globMatch("v[!0-9].json", "vx.json"));
  EXPECT_TRUE(globMatch("[ab]", "b"));
  EXPECT_FALSE(globMatch("[ab]", "c"));
}

TEST(Globs, EscapedAndLiteral) {
  EXPECT_TRUE(globMatch("\\*.yaml", "*.yaml"));
  EXPECT_FALSE(globMatch("\\*.yaml", "a.yaml"));
  EXPECT_TRUE(globMatch("Chart.yaml", "Chart.yaml"));
  EXPECT_FALSE(globMatch("Chart.yaml", "Chart.yamlx"));
  EXPECT_FALSE(globMatch("", "a"));
}

TEST(Templates, AnActionOnOneLine) {
  EXPECT_EQ(templateAction("name: {{ .Release.Name }}\n"), 6u);
  EXPECT_EQ(templateAction("a: {{- if .Values.x }}\nb: 1\n{{- end }}\n"), 3u);
  EXPECT_EQ(templateAction("a: {{\n}}\n"), std::string_view::npos);
  EXPECT_EQ(templateAction("a: '{'\n"), std::string_view::npos);
}

} // namespace
