//===- test/unit/globs_test.cpp - Globs of --exclude and .gitignore -------===//
//
// pathGlobMatch as .gitignore patterns match: '*' and '?' stay within one name,
// '**' crosses names (and "**/" may match none), '[...]' is one character
// of a set; and templateAction, which tells an unrendered Helm template.
//
//===----------------------------------------------------------------------===//

#include "analyzer/manifests/inputs.h"

#include <gtest/gtest.h>

using namespace chokepoint;

namespace {

TEST(Globs, StarStaysWithinOneName) {
  EXPECT_TRUE(pathGlobMatch("*.yaml", "app.yaml"));
  EXPECT_FALSE(pathGlobMatch("*.yaml", "app.yml"));
  EXPECT_FALSE(pathGlobMatch("*.yaml", "deploy/app.yaml"));
  EXPECT_TRUE(pathGlobMatch("deploy/*", "deploy/app.yaml"));
  EXPECT_FALSE(pathGlobMatch("deploy/*", "deploy/gen/app.yaml"));
}

TEST(Globs, DoubleStarCrossesNames) {
  EXPECT_TRUE(pathGlobMatch("deploy/**", "deploy/gen/app.yaml"));
  EXPECT_TRUE(pathGlobMatch("**/gen/*.yaml", "a/b/gen/x.yaml"));
  EXPECT_TRUE(pathGlobMatch("**/gen/*.yaml", "gen/x.yaml"));
  EXPECT_FALSE(pathGlobMatch("**/gen/*.yaml", "a/generated/x.yaml"));
}

TEST(Globs, QuestionMarkAndSets) {
  EXPECT_TRUE(pathGlobMatch("values-?.yaml", "values-a.yaml"));
  EXPECT_FALSE(pathGlobMatch("values-?.yaml", "values-ab.yaml"));
  EXPECT_FALSE(pathGlobMatch("a?b", "a/b"));
  EXPECT_TRUE(pathGlobMatch("v[0-9].json", "v7.json"));
  EXPECT_FALSE(pathGlobMatch("v[0-9].json", "vx.json"));
  EXPECT_TRUE(pathGlobMatch("v[!0-9].json", "vx.json"));
  EXPECT_TRUE(pathGlobMatch("[ab]", "b"));
  EXPECT_FALSE(pathGlobMatch("[ab]", "c"));
}

TEST(Globs, EscapedAndLiteral) {
  EXPECT_TRUE(pathGlobMatch("\\*.yaml", "*.yaml"));
  EXPECT_FALSE(pathGlobMatch("\\*.yaml", "a.yaml"));
  EXPECT_TRUE(pathGlobMatch("Chart.yaml", "Chart.yaml"));
  EXPECT_FALSE(pathGlobMatch("Chart.yaml", "Chart.yamlx"));
  EXPECT_FALSE(pathGlobMatch("", "a"));
}

TEST(Templates, AnActionOnOneLine) {
  EXPECT_EQ(templateAction("name: {{ .Release.Name }}\n"), 6u);
  EXPECT_EQ(templateAction("a: {{- if .Values.x }}\nb: 1\n{{- end }}\n"), 3u);
  EXPECT_EQ(templateAction("a: {{\n}}\n"), std::string_view::npos);
  EXPECT_EQ(templateAction("a: '{'\n"), std::string_view::npos);
}

} // namespace
