// Differential test of the whole runtime: every tests/script/corpus/*.js
// snippet must print the same stdout and exit with the same code under
// `node FILE` and `runy_eval FILE` (lowering + Duktape + prelude + loop).
#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/testing/subprocess.h"

namespace runy::script {
namespace {

std::vector<std::string> CorpusFiles() {
  std::vector<std::string> names;
  DIR* dir = opendir(RUNY_SCRIPT_CORPUS_DIR);
  if (dir == nullptr) return names;
  while (dirent* entry = readdir(dir)) {
    std::string name = entry->d_name;
    if (absl::EndsWith(name, ".js")) names.push_back(name);
  }
  closedir(dir);
  std::sort(names.begin(), names.end());
  return names;
}

// node's absolute path from $PATH, or empty.
std::string FindNode() {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  for (absl::string_view dir : absl::StrSplit(path, ':')) {
    std::string candidate = std::string(dir) + "/node";
    if (!dir.empty() && access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

class EvalNodeDiffTest : public ::testing::TestWithParam<std::string> {};

TEST_P(EvalNodeDiffTest, PrintsTheSameAsNode) {
  static const std::string node = FindNode();
  ASSERT_FALSE(node.empty())
      << "node (20.x) must be on PATH for the differential test";
  std::string file = std::string(RUNY_SCRIPT_CORPUS_DIR) + "/" + GetParam();
  testing::RunResult expected =
      testing::RunCommand({node, file}, {}, absl::Seconds(30));
  testing::RunResult actual =
      testing::RunCommand({RUNY_EVAL_BIN, file}, {}, absl::Seconds(30));
  EXPECT_EQ(actual.out, expected.out)
      << "stdout differs for " << GetParam() << "\nruny stderr:\n"
      << actual.err;
  EXPECT_EQ(actual.exit_code, expected.exit_code)
      << "exit code differs for " << GetParam() << "\nnode stderr:\n"
      << expected.err << "\nruny stderr:\n"
      << actual.err;
}

TEST(EvalNodeDiffCorpusTest, HasSnippets) {
  EXPECT_FALSE(CorpusFiles().empty())
      << "no *.js in " << RUNY_SCRIPT_CORPUS_DIR;
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(0, info.param.size() - 3);
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, EvalNodeDiffTest,
                         ::testing::ValuesIn(CorpusFiles()), TestName);

}  // namespace
}  // namespace runy::script
