#include "server/script/services/desired_state.h"

#include "absl/status/status.h"
#include "common/state_file.h"
#include "spdlog/spdlog.h"

namespace runy::script {
namespace {

void Write(const std::string& path, const std::vector<std::string>& lines) {
  if (path.empty()) return;
  absl::Status saved = WriteLines(path, lines);
  if (!saved.ok()) spdlog::warn("{}", std::string(saved.message()));
}

}  // namespace

std::set<std::string> DesiredState::Started() const {
  if (started_file_.empty()) return {};
  std::vector<std::string> lines = ReadLines(started_file_);
  return std::set<std::string>(lines.begin(), lines.end());
}

void DesiredState::SetStarted(const std::vector<std::string>& names) const {
  Write(started_file_, names);
}

std::vector<std::string> DesiredState::Loaded() const {
  if (loaded_file_.empty()) return {};
  return ReadLines(loaded_file_);
}

void DesiredState::SetLoaded(const std::vector<std::string>& paths) const {
  Write(loaded_file_, paths);
}

}  // namespace runy::script
