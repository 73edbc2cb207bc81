// Differential test of the lowering: every tests/script/corpus/sync_*.js
// snippet, lowered to ES5, prints under node exactly what the original
// prints. The async_* snippets need runyd's runtime (__runy.async/await) and
// are run through Duktape elsewhere; here they only have to lower.
#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "server/script/lowering/lower.h"

namespace runy::script {
namespace {

std::string CorpusDir() { return RUNY_LOWERING_CORPUS_DIR; }

std::vector<std::string> CorpusFiles(absl::string_view prefix) {
  std::vector<std::string> names;
  DIR* dir = opendir(CorpusDir().c_str());
  if (dir == nullptr) return names;
  while (dirent* entry = readdir(dir)) {
    std::string name = entry->d_name;
    if (absl::StartsWith(name, prefix) && absl::EndsWith(name, ".js")) {
      names.push_back(name);
    }
  }
  closedir(dir);
  std::sort(names.begin(), names.end());
  return names;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The node executable on PATH, or "" when there is none.
std::string FindNode() {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  for (absl::string_view dir : absl::StrSplit(path, ':', absl::SkipEmpty())) {
    std::string candidate = absl::StrCat(dir, "/node");
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

struct RunResult {
  std::string out;
  int exit_code = -1;
};

// Runs `node file` with stdin closed; captures stdout only.
// `preload`: a file node runs first (-r), or empty.
RunResult RunNode(const std::string& node, const std::string& file,
                  const std::string& preload = "") {
  std::string command =
      absl::StrCat("'", node, "' ",
                   preload.empty() ? "" : absl::StrCat("-r '", preload, "' "),
                   "'", file, "' </dev/null 2>/dev/null");
  RunResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) {
    result.out.append(buffer, n);
  }
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

class LoweringNodeDiffTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir_template[] = "/tmp/runy_lowering_XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    temp_dir_ = dir_template;
  }
  void TearDown() override {
    for (const std::string& file : written_) unlink(file.c_str());
    rmdir(temp_dir_.c_str());
  }

  std::string WriteTemp(const std::string& name, const std::string& text) {
    std::string path = absl::StrCat(temp_dir_, "/", name);
    std::ofstream(path, std::ios::binary) << text;
    written_.push_back(path);
    return path;
  }

  std::string temp_dir_;
  std::vector<std::string> written_;
};

// What lowered sync code may call: the helpers of js/lowering_helpers.js
// and js/classes.js, which node gets preloaded (the files themselves, as
// the prelude loads them).
constexpr absl::string_view kPureHelpers[] = {
    "__runy.name(",      "__runy.deadZone(",     "__runy.constAssign(",
    "__runy.spreadOf(",  "__runy.spread(",       "__runy.apply(",
    "__runy.invoke(",    "__runy.construct(",    "__runy.computed(",
    "__runy.need(",      "__runy.take(",         "__runy.key(",
    "__runy.rest(",      "__runy.iter(",         "__runy.klass(",
    "__runy.superCall(", "__runy.superSet(",     "__runy.superGet(",
    "__runy.self(",      "__runy.privateName(",  "__runy.pget(",
    "__runy.pset(",      "__runy.pinc(",         "__runy.phas(",
    "__runy.close(",     "__runy.closeQuietly(", "__runy.template("};

std::string PureHelpersPreload() {
  std::string preload = "global.__runy = {};\n";
  for (const char* file : {RUNY_LOWERING_HELPERS_JS, RUNY_CLASS_HELPERS_JS}) {
    absl::StrAppend(&preload, "(function (global, R) {\n", ReadFile(file),
                    "\n})(global, global.__runy);\n");
  }
  return preload;
}

TEST_F(LoweringNodeDiffTest, CorpusHasSnippetsOfBothKinds) {
  EXPECT_GE(CorpusFiles("sync_").size(), 70u) << CorpusDir();
  EXPECT_GE(CorpusFiles("async_").size(), 40u) << CorpusDir();
}

TEST_F(LoweringNodeDiffTest, EverySyncSnippetPrintsTheSameAfterLowering) {
  std::string node = FindNode();
  ASSERT_FALSE(node.empty())
      << "node is not on PATH: the differential test of the lowering needs "
         "it (apt-get install nodejs)";
  std::vector<std::string> files = CorpusFiles("sync_");
  ASSERT_FALSE(files.empty()) << "no corpus in " << CorpusDir();
  std::string helpers = WriteTemp("pure_helpers.js", PureHelpersPreload());
  for (const std::string& name : files) {
    SCOPED_TRACE(name);
    std::string original = absl::StrCat(CorpusDir(), "/", name);
    absl::StatusOr<std::string> lowered = Lower(ReadFile(original), name);
    ASSERT_TRUE(lowered.ok()) << lowered.status();
    std::string runtime_calls = *lowered;
    for (absl::string_view pure : kPureHelpers) {
      absl::StrReplaceAll({{pure, ""}}, &runtime_calls);
    }
    EXPECT_FALSE(absl::StrContains(runtime_calls, "__runy."))
        << "a sync snippet must not need the runtime beyond its pure "
           "helpers:\n"
        << *lowered;
    std::string lowered_path = WriteTemp(name, *lowered);
    RunResult expected = RunNode(node, original);
    RunResult actual = RunNode(node, lowered_path, helpers);
    EXPECT_EQ(expected.exit_code, 0);
    EXPECT_FALSE(expected.out.empty());
    EXPECT_EQ(actual.exit_code, expected.exit_code);
    EXPECT_EQ(actual.out, expected.out) << "lowered:\n" << *lowered;
  }
}

TEST_F(LoweringNodeDiffTest, EveryAsyncSnippetLowers) {
  for (const std::string& name : CorpusFiles("async_")) {
    absl::StatusOr<std::string> lowered =
        Lower(ReadFile(absl::StrCat(CorpusDir(), "/", name)), name);
    EXPECT_TRUE(lowered.ok()) << name << ": " << lowered.status();
  }
}

}  // namespace
}  // namespace runy::script
