// File watching end to end: a service's watch restarts its process.
#include <unistd.h>

#include <fstream>
#include <regex>

#include "absl/strings/str_cat.h"
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
using ::testing::HasSubstr;

// The run number of `alias` from `runy --json status`.
int RunOf(const Daemon& d, const std::string& alias) {
  std::string json = d.Runy({"--json", "status", alias}).out;
  std::smatch m;
  if (!std::regex_search(json, m, std::regex("\"run\": (\\d+)"))) return -1;
  return std::stoi(m[1]);
}

std::string WatchedService(const std::string& extra_options) {
  return absl::StrCat(
      "service(\"w\").run(async (ctx) => {\n"
      "  await ctx.process({ alias: \"watched\", cmd: \"sh\",\n"
      "    args: [\"-c\", \"echo up; exec sleep 1000\"],\n"
      "    watch: [\"*.txt\", \"src/**/*.py\"], ",
      extra_options,
      " });\n"
      "});\n");
}

void Touch(const std::string& path) {
  std::ofstream(path, std::ios::app) << "x";
}

// The "file changed: ..." lines of the process's log, in order.
std::vector<std::string> Changes(const Daemon& d, const std::string& alias) {
  std::vector<std::string> out;
  std::string logs = d.Runy({"logs", alias}).out;
  std::regex line("-- file changed: ([^\n]*)");
  for (auto it = std::sregex_iterator(logs.begin(), logs.end(), line);
       it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

TEST(WatchTest, ChangeToAMatchingFileRestartsTheProcess) {
  TempDir dir;
  std::string file = dir.WriteFile("w.js", WatchedService(""));
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "w"}).exit_code, 0);
  ASSERT_EQ(RunOf(d, "watched"), 1);
  Touch(dir.Join("notes.txt"));
  EXPECT_TRUE(WaitFor([&] { return RunOf(d, "watched") == 2; }))
      << d.Runy({"logs", "watched"}).out;
  EXPECT_THAT(d.Runy({"logs", "watched"}).out,
              HasSubstr("file changed: notes.txt"));
  // Not counted against the policy.
  EXPECT_THAT(d.Runy({"--json", "status", "watched"}).out,
              HasSubstr("\"restarts\": 0"));
}

TEST(WatchTest, ABurstOfWritesGivesOneRestartAndIgnoredFilesNone) {
  TempDir dir;
  std::string file =
      // A debounce far above scheduling noise: a starved writer must not
      // split the burst on a loaded machine.
      dir.WriteFile("w.js", WatchedService(
                                "ignore: [\"skip*.txt\"], watchDebounce: 300"));
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "w"}).exit_code, 0);
  for (int i = 0; i < 50; ++i) Touch(dir.Join("burst.txt"));
  ASSERT_TRUE(WaitFor([&] { return RunOf(d, "watched") == 2; }));
  // Ignored and non-matching changes, then a matching one (events arrive in
  // order, so anything the first two caused would show up before or with it).
  Touch(dir.Join("skip-me.txt"));
  Touch(dir.Join("other.log"));
  Touch(dir.Join("last.txt"));
  ASSERT_TRUE(WaitFor([&] { return RunOf(d, "watched") == 3; }));
  EXPECT_THAT(Changes(d, "watched"),
              ::testing::ElementsAre("burst.txt", "last.txt"));
  EXPECT_EQ(RunOf(d, "watched"), 3);
}

TEST(WatchTest, FilesInDirectoriesCreatedLaterAreWatched) {
  TempDir dir;
  std::string file = dir.WriteFile("w.js", WatchedService(""));
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "w"}).exit_code, 0);
  ASSERT_EQ(system(absl::StrCat("mkdir -p ", dir.Join("src/a/b/c"),
                                " && touch ", dir.Join("src/a/b/c/x.py"))
                       .c_str()),
            0);
  EXPECT_TRUE(WaitFor([&] { return RunOf(d, "watched") == 2; }));
  EXPECT_THAT(d.Runy({"logs", "watched"}).out, HasSubstr("src/a/b/c/x.py"));
}

TEST(WatchTest, AnEditorsAtomicSaveIsOneChangeOfTheRealFile) {
  TempDir dir;
  dir.WriteFile("app.txt", "v1\n");
  std::string file =
      dir.WriteFile("w.js", WatchedService("watchDebounce: 300"));
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "w"}).exit_code, 0);
  // What vim does on :w with backupcopy=no.
  dir.WriteFile("4913", "");
  unlink(dir.Join("4913").c_str());
  rename(dir.Join("app.txt").c_str(), dir.Join("app.txt~").c_str());
  dir.WriteFile("app.txt", "v2\n");
  unlink(dir.Join("app.txt~").c_str());
  ASSERT_TRUE(WaitFor([&] { return RunOf(d, "watched") == 2; }));
  Touch(dir.Join("sentinel.txt"));
  ASSERT_TRUE(WaitFor([&] { return RunOf(d, "watched") == 3; }));
  EXPECT_THAT(Changes(d, "watched"),
              ::testing::ElementsAre("app.txt", "sentinel.txt"));
}

TEST(WatchTest, AFailedProcessIsStartedAgainByAChange) {
  TempDir dir;
  std::string file = dir.WriteFile("w.js",
                                   "service(\"w\").run(async (ctx) => {\n"
                                   "  await ctx.process({ alias: \"broken\", "
                                   "cmd: \"sh\", args: [\"-c\", \"exit 3\"],\n"
                                   "    restart: { kind: \"fixed\", delay: 10, "
                                   "maxRestarts: 1 }, watch: [\"*.txt\"] });\n"
                                   "});\n");
  Daemon d({"--services", file});
  ASSERT_TRUE(d.ready()) << d.log();
  ASSERT_EQ(d.Runy({"start", "w"}).exit_code, 0);
  ASSERT_TRUE(WaitFor([&] {
    return d.Runy({"status", "broken"}).out.find("failed") != std::string::npos;
  }));
  Touch(dir.Join("fix.txt"));
  EXPECT_TRUE(WaitFor([&] { return RunOf(d, "broken") >= 3; }));
}

TEST(WatchTest, WatchServicesReloadsChangedServiceFiles) {
  TempDir dir;
  dir.WriteFile("svc/a.js", "service(\"a\");\n");
  Daemon d({"--services", dir.Join("svc"), "--watch-services"});
  ASSERT_TRUE(d.ready()) << d.log();
  dir.WriteFile("svc/b.js", "service(\"b\", { autostart: true });\n");
  EXPECT_TRUE(WaitFor([&] {
    return d.Runy({"status", "b"}).out.find("running") != std::string::npos;
  })) << d.log();
}

}  // namespace
}  // namespace runy
