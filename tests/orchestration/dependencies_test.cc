// service(name, { dependsOn }), end to end: starts in order, each after
// what it depends on is ready; cycles and unknown names are refused; a
// stop takes what depends on it down first.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait.h"

namespace runy {
namespace {

using ::runy::testing::Daemon;
using ::runy::testing::TempDir;
using ::runy::testing::WaitFor;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;

constexpr char kChain[] = R"js(
for (const [name, deps] of [["db", []], ["cache", ["db"]], ["web", ["cache"]]]) {
  service(name, { dependsOn: deps }).run(async (ctx) => {
    ctx.log(`${name} run begins`);
    const h = await ctx.process({ alias: `${name}-p`, cmd: "sh",
      args: ["-c", `sleep 0.3; echo ${name} up; exec sleep 1000`],
      ready: { log: `${name} up` } });
    await h.ready();
  });
}
service("a", { dependsOn: ["b"] });
service("b", { dependsOn: ["a"] });
service("lost", { dependsOn: ["nosuch"] });
service("broken").run(async () => { throw new Error("no disk"); });
service("needs-broken", { dependsOn: ["broken"] });
service("client").run(async (ctx) => {
  await ctx.service("db").ready();
  ctx.log(`db is ready for ${ctx.service}, ${ctx.service == "client"}`);
  for (const name of ["nosuch", "client"]) {
    try {
      await ctx.service(name).ready();
    } catch (e) {
      ctx.log(`rejected: ${e.message}`);
    }
  }
});
)js";

// The position of `text` in `all`, npos-safe for comparisons.
size_t At(const std::string& all, const std::string& text) {
  size_t at = all.find(text);
  EXPECT_NE(at, std::string::npos) << text << " not in:\n" << all;
  return at;
}

TEST(DependenciesTest, AChainStartsInOrderEachAfterTheOneBeforeIsReady) {
  TempDir dir;
  std::string file = dir.WriteFile("chain.js", kChain);
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  d.Runy({"start", "--no-wait", "web"});
  // While cache is not ready, web waits and says for what.
  EXPECT_TRUE(WaitFor([&] {
    return d.Runy({"status", "web"}).out.find("waiting for cache") !=
           std::string::npos;
  })) << d.Runy({"status"}).out;
  // why follows the chain: what web waits for, and why that is not ready.
  std::string why = d.Runy({"why", "web"}).out;
  EXPECT_THAT(why, ContainsRegex("service web is waiting for cache to be "
                                 "ready before its run\\(\\) begins, since "
                                 "[0-9.]+m?s:\n"));
  EXPECT_THAT(why, HasSubstr("\n  service cache is ")) << why;
  ASSERT_TRUE(WaitFor([&] {
    return d.Runy({"status", "web-p"}).out.find("running") != std::string::npos;
  })) << d.Runy({"status"}).out;
  std::string all = d.Runy({"logs", "-n", "200", "db", "cache", "web"}).out;
  size_t db_ready = At(all, "db-p | -- ready");
  size_t cache_begins = At(all, "cache run begins");
  size_t cache_ready = At(all, "cache-p | -- ready");
  size_t web_begins = At(all, "web run begins");
  EXPECT_LT(At(all, "db run begins"), db_ready);
  EXPECT_LT(db_ready, cache_begins);
  EXPECT_LT(cache_begins, cache_ready);
  EXPECT_LT(cache_ready, web_begins);

  // A stop of db takes cache and web down first.
  ASSERT_EQ(d.Runy({"stop", "db"}).exit_code, 0);
  std::string status = d.Runy({"status"}).out;
  for (const char* p : {"db-p", "cache-p", "web-p"}) {
    EXPECT_THAT(d.Runy({"status", p}).out, HasSubstr("stopped")) << p;
  }
  EXPECT_THAT(d.Runy({"logs", "-n", "100", "db"}).out,
              HasSubstr("stopping cache first: it depends on db"));
  EXPECT_THAT(d.Runy({"logs", "-n", "100", "cache"}).out,
              HasSubstr("stopping web first: it depends on cache"));
}

// Two ways to one dependency: why explains it once.
TEST(DependenciesTest, WhyExplainsASharedDependencyOnce) {
  TempDir dir;
  std::string file = dir.WriteFile("diamond.js", R"js(
service("base").run(async (ctx) => {
  await (await ctx.process({ alias: "base-p", cmd: "sleep", args: ["1000"],
    ready: { log: "never" } })).ready();
});
service("left", { dependsOn: ["base"] });
service("right", { dependsOn: ["base"] });
service("top", { dependsOn: ["left", "right"] });
)js");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  d.Runy({"start", "--no-wait", "top"});
  auto explains = [](const std::string& why) {
    return why.find("base-p is starting") != std::string::npos;
  };
  ASSERT_TRUE(WaitFor([&] {
    return explains(d.Runy({"why", "top"}).out);
  })) << d.Runy({"why", "top"}).out;
  auto why = d.Runy({"why", "top"});
  EXPECT_EQ(why.exit_code, 0) << why.err;
  EXPECT_THAT(why.out, HasSubstr("service top is waiting for left, right"));
  EXPECT_THAT(why.out, HasSubstr("\n  service left is waiting for base"));
  EXPECT_THAT(why.out, HasSubstr("\n  service right is waiting for base"));
  EXPECT_THAT(why.out, HasSubstr("\n    service base: see above\n"));
  size_t first = why.out.find("base-p is starting");
  EXPECT_EQ(why.out.find("base-p is starting", first + 1), std::string::npos)
      << why.out;
}

TEST(DependenciesTest, CyclesUnknownNamesAndFailedDependenciesAreErrors) {
  TempDir dir;
  std::string file = dir.WriteFile("chain.js", kChain);
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  // The cycle is a load error naming it, at the service's line.
  EXPECT_THAT(d.Runy({"status"}).out + d.Runy({"status"}).err,
              HasSubstr("dependency cycle: a \u2192 b \u2192 a"));
  auto a = d.Runy({"start", "a"});
  EXPECT_EQ(a.exit_code, 1);
  EXPECT_THAT(a.err, HasSubstr("dependency cycle: a \u2192 b \u2192 a"));
  auto lost = d.Runy({"start", "lost"});
  EXPECT_EQ(lost.exit_code, 1);
  EXPECT_THAT(lost.err, HasSubstr("lost depends on \"nosuch\", which no "
                                  "service file declares"));
  auto needs = d.Runy({"start", "needs-broken"});
  EXPECT_EQ(needs.exit_code, 1);
  EXPECT_THAT(needs.err, HasSubstr("dependency broken: failed:"));
  EXPECT_THAT(needs.err, HasSubstr("no disk"));
  EXPECT_THAT(d.Runy({"why", "needs-broken"}).out,
              HasSubstr("service needs-broken failed: dependency broken"));
}

TEST(DependenciesTest, CtxServiceReadyStartsAndWaitsInCode) {
  TempDir dir;
  std::string file = dir.WriteFile("chain.js", kChain);
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "client"}).exit_code, 0) << d.log();
  std::string all = d.Runy({"logs", "-n", "200", "db", "client"}).out;
  EXPECT_LT(At(all, "db-p | -- ready"),
            At(all, "db is ready for client, true"));
  EXPECT_THAT(all, HasSubstr("rejected: ctx.service(\"nosuch\").ready(): no "
                             "service \"nosuch\""));
  EXPECT_THAT(all, HasSubstr("rejected: ctx.service(\"client\").ready(): a "
                             "service cannot wait for itself"));
}

}  // namespace
}  // namespace runy
