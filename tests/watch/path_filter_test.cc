// One watch's path filter: patterns made absolute, default and user ignores,
// and the directories that need watching.
#include "server/watch/path_filter.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace runy::watch {
namespace {

using ::runy::testing::StatusIs;
using ::testing::ElementsAre;

PathFilter MakeFilter(const std::vector<std::string>& patterns,
                      const std::vector<std::string>& ignore = {},
                      const std::string& base = "/p") {
  absl::StatusOr<PathFilter> f =
      PathFilter::Create(base, patterns, ignore, /*default_ignores=*/true);
  EXPECT_TRUE(f.ok()) << f.status();
  return *std::move(f);
}

TEST(PathFilterTest, RelativePatternsAreRelativeToTheBaseDir) {
  PathFilter f = MakeFilter({"*.py", "config/**/*.json"});
  EXPECT_TRUE(f.Matches("/p/a.py"));
  EXPECT_TRUE(f.Matches("/p/config/x/y.json"));
  EXPECT_FALSE(f.Matches("/p/sub/a.py"));
  EXPECT_FALSE(f.Matches("/q/a.py"));
  EXPECT_THAT(f.roots(), ElementsAre("/p", "/p/config"));
}

TEST(PathFilterTest, DefaultIgnoresDropEditorFilesAndVcsDirectories) {
  PathFilter f = MakeFilter({"**/*"});
  EXPECT_TRUE(f.Matches("/p/x.py"));
  for (const char* path :
       {"/p/.x.py.swp", "/p/x.py.swx", "/p/x.swo", "/p/x.py~", "/p/.x.py~",
        "/p/.#x.py", "/p/4913", "/p/sub/4913", "/p/node_modules/a/b.js",
        "/p/.git/HEAD", "/p/sub/node_modules/x"}) {
    EXPECT_TRUE(f.Ignored(path)) << path;
    EXPECT_FALSE(f.Matches(path)) << path;
  }
  EXPECT_FALSE(f.NeedsDir("/p/node_modules"));
  EXPECT_FALSE(f.NeedsDir("/p/a/node_modules"));
  EXPECT_TRUE(f.NeedsDir("/p/a"));
}

TEST(PathFilterTest, DefaultIgnoresCanBeTurnedOff) {
  absl::StatusOr<PathFilter> f =
      PathFilter::Create("/p", {"*"}, {}, /*default_ignores=*/false);
  ASSERT_TRUE(f.ok());
  EXPECT_TRUE(f->Matches("/p/4913"));
  EXPECT_TRUE(f->Matches("/p/x.py~"));
}

TEST(PathFilterTest, IgnoreWithoutSlashMatchesANameAtAnyDepth) {
  PathFilter f = MakeFilter({"**/*"}, {"*.log", "build/"});
  EXPECT_TRUE(f.Ignored("/p/a.log"));
  EXPECT_TRUE(f.Ignored("/p/x/y/a.log"));
  EXPECT_TRUE(f.Ignored("/p/x/build"));
  EXPECT_TRUE(f.Ignored("/p/x/build/out.o"));
  EXPECT_FALSE(f.Ignored("/p/builder/out.o"));
}

TEST(PathFilterTest, IgnoreWithSlashIsRelativeToTheBaseDir) {
  PathFilter f = MakeFilter({"**/*"}, {"gen/out", "/abs/skip/**"});
  EXPECT_TRUE(f.Ignored("/p/gen/out"));
  EXPECT_FALSE(f.Ignored("/p/x/gen/out"));
  EXPECT_TRUE(f.Ignored("/abs/skip/x"));
}

TEST(PathFilterTest, IgnoresApplyOnlyBelowTheBaseDir) {
  PathFilter f = MakeFilter({"*.js"}, {}, "/home/u/node_modules/pkg");
  EXPECT_TRUE(f.Matches("/home/u/node_modules/pkg/index.js"));
  EXPECT_TRUE(f.NeedsDir("/home/u/node_modules/pkg"));
}

TEST(PathFilterTest, NeedsDirFollowsThePatterns) {
  PathFilter f = MakeFilter({"src/*/x.py", "*.txt"});
  EXPECT_TRUE(f.NeedsDir("/"));
  EXPECT_TRUE(f.NeedsDir("/p"));
  EXPECT_TRUE(f.NeedsDir("/p/src"));
  EXPECT_TRUE(f.NeedsDir("/p/src/a"));
  EXPECT_FALSE(f.NeedsDir("/p/src/a/b"));
  EXPECT_FALSE(f.NeedsDir("/p/other"));
  EXPECT_TRUE(f.UnderRoot("/p/src/a"));
  EXPECT_FALSE(f.UnderRoot("/"));
}

TEST(PathFilterTest, AbsolutePatternsStandAlone) {
  PathFilter f = MakeFilter({"/etc/app/*.conf"});
  EXPECT_TRUE(f.Matches("/etc/app/a.conf"));
  EXPECT_THAT(f.roots(), ElementsAre("/etc/app"));
  EXPECT_EQ(f.Relative("/etc/app/a.conf"), "/etc/app/a.conf");
  EXPECT_EQ(f.Relative("/p/x/y"), "x/y");
  EXPECT_EQ(f.Relative("/p"), ".");
}

TEST(PathFilterTest, FloatingIgnoresApplyBelowAnAbsoluteRoot) {
  PathFilter f = MakeFilter({"/srv/app/**/*"});
  EXPECT_FALSE(f.Matches("/srv/app/x.py~"));
  EXPECT_FALSE(f.NeedsDir("/srv/app/node_modules"));
  EXPECT_TRUE(f.Matches("/srv/app/m/x.py"));
}

TEST(PathFilterTest, BadGlobsAreInvalidArgument) {
  EXPECT_THAT(PathFilter::Create("/p", {"a[b"}, {}, true),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(PathFilter::Create("/p", {"*.py"}, {"{x"}, true),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(PathFilterTest, NormalizeDirMakesPathsAbsoluteAndClean) {
  EXPECT_EQ(NormalizeDir("/a/./b//c/../d/"), "/a/b/d");
  EXPECT_EQ(NormalizeDir("/"), "/");
  EXPECT_EQ(NormalizeDir("rel")[0], '/');
}

TEST(PathFilterTest, PathHelpersHandleTheRoot) {
  EXPECT_EQ(JoinPath("/", "a"), "/a");
  EXPECT_EQ(JoinPath("/a", "b"), "/a/b");
  EXPECT_EQ(ParentDir("/a"), "/");
  EXPECT_EQ(ParentDir("/a/b"), "/a");
  EXPECT_TRUE(IsSameOrUnder("/a/b", "/a"));
  EXPECT_TRUE(IsSameOrUnder("/a", "/a"));
  EXPECT_FALSE(IsSameOrUnder("/ab", "/a"));
  EXPECT_TRUE(IsSameOrUnder("/x", "/"));
}

}  // namespace
}  // namespace runy::watch
