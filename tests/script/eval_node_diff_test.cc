// Differential test of the whole runtime (lowering + Duktape + prelude +
// loop): every tests/script/corpus/*.js snippet must print under
// `runy_eval FILE` exactly what node printed, and exit with the same code.
// node's output is stored beside the snippets (corpus/expected/, written by
// scripts/regen-corpus), so the test does not depend on which node, if any,
// is installed; a live node at least as new as the recorded one re-checks
// the stored output.
#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gtest/gtest.h"
#include "tests/testing/subprocess.h"

namespace runy::script {
namespace {

const std::string kCorpusDir = RUNY_SCRIPT_CORPUS_DIR;
const std::string kExpectedDir = kCorpusDir + "/expected";
constexpr char kRegenHint[] = "run scripts/regen-corpus and commit its output";

std::vector<std::string> CorpusFiles() {
  std::vector<std::string> names;
  DIR* dir = opendir(kCorpusDir.c_str());
  if (dir == nullptr) return names;
  while (dirent* entry = readdir(dir)) {
    std::string name = entry->d_name;
    if (absl::EndsWith(name, ".js")) names.push_back(name);
  }
  closedir(dir);
  std::sort(names.begin(), names.end());
  return names;
}

bool ReadFile(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buffer;
  buffer << in.rdbuf();
  *text = buffer.str();
  return true;
}

// corpus/expected/MANIFEST: "node vX.Y.Z", then "NAME EXIT" per snippet.
struct Manifest {
  std::string node_version;  // "v20.20.2"
  std::map<std::string, int> exit_codes;
};

const Manifest& LoadManifest() {
  static const Manifest* manifest = [] {
    auto* m = new Manifest;
    std::string text;
    if (!ReadFile(kExpectedDir + "/MANIFEST", &text)) return m;
    for (absl::string_view line : absl::StrSplit(text, '\n')) {
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> fields = absl::StrSplit(line, ' ');
      if (fields.size() != 2) continue;
      int code = 0;
      if (fields[0] == "node") {
        m->node_version = fields[1];
      } else if (absl::SimpleAtoi(fields[1], &code)) {
        m->exit_codes[fields[0]] = code;
      }
    }
    return m;
  }();
  return *manifest;
}

// (major, minor) of "vMAJOR.MINOR.PATCH", or (0, 0).
std::tuple<int, int> MajorMinor(absl::string_view version) {
  version = absl::StripAsciiWhitespace(version);
  absl::ConsumePrefix(&version, "v");
  std::vector<absl::string_view> parts = absl::StrSplit(version, '.');
  int major = 0, minor = 0;
  if (parts.size() < 2 || !absl::SimpleAtoi(parts[0], &major) ||
      !absl::SimpleAtoi(parts[1], &minor)) {
    return {0, 0};
  }
  return {major, minor};
}

// node's absolute path from $PATH when it is at least as new as the node
// that recorded the expected output; else empty.
std::string FindNewEnoughNode() {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  for (absl::string_view dir : absl::StrSplit(path, ':', absl::SkipEmpty())) {
    std::string candidate = absl::StrCat(dir, "/node");
    if (access(candidate.c_str(), X_OK) != 0) continue;
    testing::RunResult version =
        testing::RunCommand({candidate, "--version"}, {}, absl::Seconds(30));
    if (version.exit_code == 0 &&
        MajorMinor(version.out) >= MajorMinor(LoadManifest().node_version)) {
      return candidate;
    }
    return "";
  }
  return "";
}

struct Expected {
  std::string out;
  int exit_code = -1;
};

// The stored output of snippet `file` ("name.js"); fails the test if absent.
bool LoadExpected(const std::string& file, Expected* expected) {
  std::string name = file.substr(0, file.size() - 3);
  auto it = LoadManifest().exit_codes.find(name);
  if (it == LoadManifest().exit_codes.end() ||
      !ReadFile(kExpectedDir + "/" + name + ".out", &expected->out)) {
    ADD_FAILURE() << "no stored output for " << file << ": " << kRegenHint;
    return false;
  }
  expected->exit_code = it->second;
  return true;
}

class EvalNodeDiffTest : public ::testing::TestWithParam<std::string> {};

TEST_P(EvalNodeDiffTest, PrintsWhatNodePrinted) {
  Expected expected;
  if (!LoadExpected(GetParam(), &expected)) return;
  std::string file = kCorpusDir + "/" + GetParam();
  testing::RunResult actual =
      testing::RunCommand({RUNY_EVAL_BIN, file}, {}, absl::Seconds(30));
  EXPECT_EQ(actual.out, expected.out)
      << "stdout differs for " << GetParam() << "\nruny stderr:\n"
      << actual.err;
  EXPECT_EQ(actual.exit_code, expected.exit_code)
      << "exit code differs for " << GetParam() << "\nruny stderr:\n"
      << actual.err;
}

TEST_P(EvalNodeDiffTest, StoredOutputIsWhatALiveNodePrints) {
  static const std::string node = FindNewEnoughNode();
  if (node.empty()) {
    GTEST_SKIP() << "no node at least as new as " << LoadManifest().node_version
                 << " on PATH";
  }
  Expected expected;
  if (!LoadExpected(GetParam(), &expected)) return;
  std::string file = kCorpusDir + "/" + GetParam();
  testing::RunResult live =
      testing::RunCommand({node, file}, {}, absl::Seconds(30));
  EXPECT_EQ(live.out, expected.out)
      << GetParam() << ": node's output changed; " << kRegenHint;
  EXPECT_EQ(live.exit_code, expected.exit_code)
      << GetParam() << ": node's exit code changed; " << kRegenHint;
}

TEST(EvalNodeDiffCorpusTest, EverySnippetHasStoredOutput) {
  ASSERT_FALSE(CorpusFiles().empty()) << "no *.js in " << kCorpusDir;
  EXPECT_FALSE(LoadManifest().node_version.empty())
      << kExpectedDir << "/MANIFEST names no node version: " << kRegenHint;
  for (const std::string& file : CorpusFiles()) {
    std::string name = file.substr(0, file.size() - 3);
    EXPECT_EQ(LoadManifest().exit_codes.count(name), 1u)
        << file << " is not in MANIFEST: " << kRegenHint;
  }
  EXPECT_EQ(LoadManifest().exit_codes.size(), CorpusFiles().size())
      << "MANIFEST lists snippets that no longer exist: " << kRegenHint;
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
