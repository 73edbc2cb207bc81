#include "server/script/services/desired_state.h"

#include "common/names.h"
#include "common/state_file.h"

namespace runy::script {
namespace {

bool IsAbsolutePath(absl::string_view path) {
  return !path.empty() && path[0] == '/';
}

}  // namespace

void DesiredState::Write(const std::string& path,
                         const std::vector<std::string>& lines) const {
  if (path.empty() || writer_ == nullptr) return;
  writer_->Save(path, FormatLines(lines));  // retried if it fails
}

std::set<std::string> DesiredState::Started() const {
  if (started_file_.empty()) return {};
  std::vector<std::string> lines =
      ReadEntries(started_file_, IsValidName, "a service name");
  return std::set<std::string>(lines.begin(), lines.end());
}

void DesiredState::SetStarted(const std::vector<std::string>& names) const {
  Write(started_file_, names);
}

std::vector<std::string> DesiredState::Loaded() const {
  if (loaded_file_.empty()) return {};
  return ReadEntries(loaded_file_, IsAbsolutePath, "an absolute path");
}

void DesiredState::SetLoaded(const std::vector<std::string>& paths) const {
  Write(loaded_file_, paths);
}

}  // namespace runy::script
