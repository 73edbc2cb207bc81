// The glob matcher: a table of matches and non-matches for every construct,
// the dot rule, absolute patterns, roots and the could-match predicate.
#include "server/watch/glob.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace runy::watch {
namespace {

using ::runy::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAreArray;

struct MatchCase {
  const char* pattern;
  const char* path;
  bool matches;
};

const MatchCase kMatchCases[] = {
    // Literals.
    {"a.txt", "a.txt", true},
    {"a.txt", "b.txt", false},
    {"a.txt", "dir/a.txt", false},
    {"config.json", "config.json", true},
    {"dir/a.txt", "dir/a.txt", true},
    {"dir/a.txt", "a.txt", false},
    // '*' within one component.
    {"*.txt", "a.txt", true},
    {"*.txt", ".txt", false},  // dot rule
    {"*.txt", "dir/a.txt", false},
    {"*.txt", "a.txt.bak", false},
    {"*", "anything", true},
    {"a*", "a", true},
    {"a*b", "ab", true},
    {"a*b", "axxb", true},
    {"a*b", "axxbx", false},
    {"a*b*c", "abxbxc", true},
    {"a*b*c", "abxbx", false},
    {"src/*.py", "src/a.py", true},
    {"src/*.py", "src/x/a.py", false},
    {"*/x.py", "a/x.py", true},
    {"*/x.py", "a/b/x.py", false},
    {"a**b", "axyb", true},  // '**' inside a component is '*'
    {"a**b", "ax/yb", false},
    // '?'.
    {"?.txt", "a.txt", true},
    {"?.txt", "ab.txt", false},
    {"?.txt", ".txt", false},
    {"a?c", "a/c", false},
    // Sets.
    {"[abc].py", "b.py", true},
    {"[abc].py", "d.py", false},
    {"[a-c]x", "bx", true},
    {"[a-c]x", "dx", false},
    {"[!a-c]x", "dx", true},
    {"[!a-c]x", "ax", false},
    {"[^a-c]x", "dx", true},
    {"[^a-c]x", "bx", false},
    {"[]]", "]", true},
    {"[!]]", "a", true},
    {"[!]]", "]", false},
    {"[a-]", "-", true},
    {"[\\]x]", "]", true},
    {"file[0-9][0-9].log", "file42.log", true},
    {"file[0-9][0-9].log", "file4x.log", false},
    {"[.]env", ".env", false},  // a set is not a literal dot
    // '**'.
    {"src/**/*.py", "src/a.py", true},
    {"src/**/*.py", "src/x/a.py", true},
    {"src/**/*.py", "src/x/y/a.py", true},
    {"src/**/*.py", "a.py", false},
    {"src/**/*.py", "lib/x/a.py", false},
    {"src/**/*.py", "src/x/a.txt", false},
    {"**/*.py", "a.py", true},
    {"**/*.py", "deep/er/a.py", true},
    {"**", "a/b/c", true},
    {"src/**", "src", true},
    {"src/**", "src/a/b", true},
    {"**/test/*.js", "test/a.js", true},
    {"**/test/*.js", "x/y/test/a.js", true},
    {"**/test/*.js", "x/test/y/a.js", false},
    {"a/**/b/**/c", "a/b/c", true},
    {"a/**/b/**/c", "a/x/b/y/z/c", true},
    {"a/**/b/**/c", "a/x/y/c", false},
    // The dot rule.
    {"*", ".env", false},
    {".*", ".env", true},
    {".env", ".env", true},
    {"\\.env", ".env", true},
    {"**/*.py", ".venv/a.py", false},
    {"**/*.py", "src/.hidden/a.py", false},
    {"src/**/.hidden/*.py", "src/.hidden/a.py", true},
    {".config/**/*.json", ".config/a/b.json", true},
    {"*/x.py", ".git/x.py", false},
    {"a*", "a.b", true},  // only a leading dot is special
    // Braces.
    {"*.{py,pyi}", "a.py", true},
    {"*.{py,pyi}", "a.pyi", true},
    {"*.{py,pyi}", "a.pyc", false},
    {"{src,lib}/**/*.py", "lib/x/a.py", true},
    {"{src,lib}/**/*.py", "test/a.py", false},
    {"{a,{b,c}}x", "cx", true},
    {"{a,{b,c}}x", "dx", false},
    {"x{,.bak}", "x", true},
    {"x{,.bak}", "x.bak", true},
    {"{a/b,c}.txt", "a/b.txt", true},
    {"{a/b,c}.txt", "c.txt", true},
    {"{[ab],c}x", "bx", true},
    {"{[,]x,y}", ",x", true},
    {"{a}", "a", true},
    {"a,b", "a,b", true},  // a comma outside braces is literal
    {"a}b", "a}b", true},
    // Escapes.
    {"\\*.txt", "*.txt", true},
    {"\\*.txt", "a.txt", false},
    {"a\\?", "a?", true},
    {"a\\?", "ab", false},
    {"\\{a,b\\}", "{a,b}", true},
    {"\\[x]", "[x]", true},
    {"a\\\\b", "a\\b", true},
    // Absolute patterns.
    {"/etc/*.conf", "/etc/a.conf", true},
    {"/etc/*.conf", "etc/a.conf", false},
    {"etc/*.conf", "/etc/a.conf", false},
    {"/**/*.log", "/var/log/x.log", true},
    {"{/abs,rel}/x", "/abs/x", true},
    {"{/abs,rel}/x", "rel/x", true},
    // Normalization of the pattern.
    {"./src//a.py", "src/a.py", true},
    {"src/../lib/a.py", "lib/a.py", true},
    {"build/", "build", true},
    {"build/", "build/x/y.o", true},
    {"build/", "builder/x", false},
};

TEST(GlobTest, MatchesTheTable) {
  for (const MatchCase& c : kMatchCases) {
    SCOPED_TRACE(std::string(c.pattern) + " vs " + c.path);
    absl::StatusOr<Glob> glob = Glob::Compile(c.pattern);
    ASSERT_TRUE(glob.ok()) << glob.status();
    EXPECT_EQ(glob->Matches(c.path), c.matches);
  }
}

TEST(GlobTest, TableHasAtLeastSixtyRows) {
  EXPECT_GE(sizeof(kMatchCases) / sizeof(kMatchCases[0]), 60u);
}

TEST(GlobTest, MatchLeadingDotsLetsWildcardsMatchDotFiles) {
  Glob::Options options;
  options.match_leading_dots = true;
  absl::StatusOr<Glob> star = Glob::Compile("*~", options);
  ASSERT_TRUE(star.ok());
  EXPECT_TRUE(star->Matches(".x.py~"));
  absl::StatusOr<Glob> git = Glob::Compile("**/.git/**", options);
  ASSERT_TRUE(git.ok());
  EXPECT_TRUE(git->Matches(".git"));
  EXPECT_TRUE(git->Matches("a/.hidden/.git/objects/x"));
}

TEST(GlobTest, BaseDirMakesRelativePatternsMatchAbsolutePaths) {
  Glob::Options options;
  options.base_dir = "/home/u/proj";
  absl::StatusOr<Glob> glob = Glob::Compile("src/**/*.py", options);
  ASSERT_TRUE(glob.ok());
  EXPECT_TRUE(glob->Matches("/home/u/proj/src/a/b.py"));
  EXPECT_FALSE(glob->Matches("src/a/b.py"));
  EXPECT_FALSE(glob->Matches("/home/u/other/src/b.py"));
}

TEST(GlobTest, BaseDirWithMetacharactersAndDotsIsLiteral) {
  Glob::Options options;
  options.base_dir = "/tmp/.cache/a[1]{x,y}*";
  absl::StatusOr<Glob> glob = Glob::Compile("*.py", options);
  ASSERT_TRUE(glob.ok());
  EXPECT_TRUE(glob->Matches("/tmp/.cache/a[1]{x,y}*/m.py"));
  EXPECT_FALSE(glob->Matches("/tmp/.cache/a1x/m.py"));
}

TEST(GlobTest, BaseDirLeavesAbsolutePatternsAlone) {
  Glob::Options options;
  options.base_dir = "/home/u/proj";
  absl::StatusOr<Glob> glob = Glob::Compile("/etc/*.conf", options);
  ASSERT_TRUE(glob.ok());
  EXPECT_TRUE(glob->Matches("/etc/x.conf"));
}

TEST(GlobTest, DotDotClimbsOutOfTheBaseDir) {
  Glob::Options options;
  options.base_dir = "/home/u/proj";
  absl::StatusOr<Glob> glob = Glob::Compile("../shared/*.json", options);
  ASSERT_TRUE(glob.ok());
  EXPECT_TRUE(glob->Matches("/home/u/shared/a.json"));
  EXPECT_EQ(glob->Roots(), (std::vector<GlobRoot>{{"/home/u/shared", 0}}));
}

struct InvalidCase {
  const char* pattern;
  const char* why;
};

TEST(GlobTest, InvalidPatternsAreInvalidArgumentNamingThePattern) {
  const InvalidCase kCases[] = {
      {"", "empty"},
      {"a[bc", "unclosed '['"},
      {"[a/b]", "unclosed '['"},
      {"[!", "unclosed '['"},
      {"{a,b", "unclosed '{'"},
      {"x/{a,{b,c}", "unclosed '{'"},
      {"abc\\", "trailing '\\'"},
      {"*/../x", "'..' after a wildcard"},
      {"{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}{s,t}{u,v}",
       "more than 1024"},
  };
  for (const InvalidCase& c : kCases) {
    SCOPED_TRACE(c.pattern);
    EXPECT_THAT(Glob::Compile(c.pattern),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         AllOf(HasSubstr(std::string("\"") + c.pattern + "\""),
                               HasSubstr(c.why))));
  }
}

struct RootCase {
  const char* pattern;
  std::vector<GlobRoot> roots;
};

TEST(GlobTest, RootsAreTheLiteralDirectoryPrefixes) {
  const int kAny = GlobRoot::kUnlimited;
  const RootCase kCases[] = {
      {"config/**/*.json", {{"config", kAny}}},
      {"*.txt", {{"", 0}}},
      {"config.json", {{"", 0}}},
      {"src/*/x.py", {{"src", 1}}},
      {"src/*/*/x.py", {{"src", 2}}},
      {"src/**", {{"src", kAny}}},
      {"src/", {{"src", kAny}}},
      {"**/*.py", {{"", kAny}}},
      {"a/b/c/*.py", {{"a/b/c", 0}}},
      {"a/*/c/*.py", {{"a", 2}}},
      {"/etc/hosts", {{"/etc", 0}}},
      {"/etc/**/*.conf", {{"/etc", kAny}}},
      {"/*.conf", {{"/", 0}}},
      {"{src,lib}/**/*.py", {{"src", kAny}, {"lib", kAny}}},
      {"{a,b}.txt", {{"", 0}}},
      {"\\*dir/*.txt", {{"*dir", 0}}},
  };
  for (const RootCase& c : kCases) {
    SCOPED_TRACE(c.pattern);
    absl::StatusOr<Glob> glob = Glob::Compile(c.pattern);
    ASSERT_TRUE(glob.ok()) << glob.status();
    EXPECT_THAT(glob->Roots(), UnorderedElementsAreArray(c.roots));
  }
}

struct UnderCase {
  const char* pattern;
  const char* dir;
  bool could_match;
};

TEST(GlobTest, CouldMatchUnderTellsWhichDirectoriesCanHoldMatches) {
  const UnderCase kCases[] = {
      {"config/**/*.json", "", true},
      {"config/**/*.json", "config", true},
      {"config/**/*.json", "config/a/b", true},
      {"config/**/*.json", "src", false},
      {"config/**/*.json", "config/.git", false},
      {"*.txt", "", true},
      {"*.txt", "sub", false},
      {"src/*/x.py", "src", true},
      {"src/*/x.py", "src/a", true},
      {"src/*/x.py", "src/a/b", false},
      {"src/*/x.py", "src/.hidden", false},
      {"/etc/**/*.conf", "/", true},
      {"/etc/**/*.conf", "/etc/ssh", true},
      {"/etc/**/*.conf", "/var", false},
      {"/etc/**/*.conf", "etc", false},
      {"{src,lib}/*.py", "lib", true},
      {"{src,lib}/*.py", "test", false},
      {"a.txt", "a.txt", false},
  };
  for (const UnderCase& c : kCases) {
    SCOPED_TRACE(std::string(c.pattern) + " under " + c.dir);
    absl::StatusOr<Glob> glob = Glob::Compile(c.pattern);
    ASSERT_TRUE(glob.ok()) << glob.status();
    EXPECT_EQ(glob->CouldMatchUnder(c.dir), c.could_match);
  }
}

TEST(GlobTest, EscapeGlobMakesAnyStringMatchItself) {
  const std::string kNames[] = {"plain", "a*b",   "q?",
                                "[x]",   "{a,b}", "back\\slash"};
  for (const std::string& name : kNames) {
    SCOPED_TRACE(name);
    absl::StatusOr<Glob> glob = Glob::Compile(EscapeGlob(name));
    ASSERT_TRUE(glob.ok()) << glob.status();
    EXPECT_TRUE(glob->Matches(name));
  }
}

}  // namespace
}  // namespace runy::watch
