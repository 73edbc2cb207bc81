#include "common/state_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "common/errno_status.h"
#include "common/unique_fd.h"
#include "spdlog/spdlog.h"

namespace runy {

std::string DefaultStateDir() {
  const char* explicit_dir = getenv("RUNY_STATE_DIR");
  if (explicit_dir != nullptr && *explicit_dir == '/') return explicit_dir;
  if (geteuid() == 0) return "/var/lib/runy";
  const char* xdg = getenv("XDG_STATE_HOME");
  if (xdg != nullptr && *xdg == '/') return absl::StrCat(xdg, "/runy");
  const char* home = getenv("HOME");
  return absl::StrCat(home != nullptr ? home : "/tmp", "/.local/state/runy");
}

absl::Status WriteFileAtomically(const std::string& path,
                                 absl::string_view content) {
  std::string tmp = path + ".new";
  UniqueFd fd(::open(tmp.c_str(),
                     O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
                     0600));
  if (!fd.valid()) return ErrnoToStatus(errno, absl::StrCat("open ", tmp));
  // Whatever fails below leaves `path` as it was, and no half file beside.
  auto fail = [&](absl::string_view what) {
    absl::Status status = ErrnoToStatus(errno, absl::StrCat(what, " ", tmp));
    ::unlink(tmp.c_str());
    return status;
  };
  const char* data = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd.get(), data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail("write");
    data += n;
    left -= static_cast<size_t>(n);
  }
  // Durable before it replaces the old file: a power cut must not leave an
  // empty one.
  if (::fsync(fd.get()) != 0) return fail("fsync");
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return fail("rename");
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : path.substr(0, slash);
  UniqueFd dir_fd(::open(dir.empty() ? "/" : dir.c_str(),
                         O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir_fd.valid()) ::fsync(dir_fd.get());
  return absl::OkStatus();
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> ReadEntries(
    const std::string& path, absl::FunctionRef<bool(absl::string_view)> valid,
    absl::string_view what) {
  std::vector<std::string> entries;
  std::ifstream in(path);
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.empty()) continue;
    if (!valid(line)) {
      spdlog::warn("{}:{}: ignored: not {} (a damaged file?)", path, number,
                   std::string(what));
      continue;
    }
    entries.push_back(std::move(line));
  }
  return entries;
}

std::string FormatLines(const std::vector<std::string>& lines) {
  std::string content;
  for (const std::string& line : lines) absl::StrAppend(&content, line, "\n");
  return content;
}

}  // namespace runy
