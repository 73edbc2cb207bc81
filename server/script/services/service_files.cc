#include "server/script/services/service_files.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/errno_status.h"

namespace runy::script {

std::vector<std::string> ScanServicePaths(
    const std::vector<std::string>& paths,
    const std::function<bool(const std::string&)>& was_loaded,
    std::vector<control::FileError>* errors) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    struct stat st;
    if (stat(path.c_str(), &st) != 0) {
      if (errno != ENOENT || !was_loaded(path)) {
        errors->push_back({path, absl::StrCat(path, ": ", ErrnoText(errno))});
      }
      continue;
    }
    if (!S_ISDIR(st.st_mode)) {
      files.push_back(path);
      continue;
    }
    DIR* dir = opendir(path.c_str());
    if (dir == nullptr) {
      errors->push_back({path, absl::StrCat(path, ": ", ErrnoText(errno))});
      continue;
    }
    std::vector<std::string> found;
    while (dirent* entry = readdir(dir)) {
      std::string name = entry->d_name;
      if (name[0] == '.' || !absl::EndsWith(name, ".js")) continue;
      found.push_back(absl::StrCat(path, "/", name));
    }
    closedir(dir);
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  // A file named twice (directly and through its directory) loads once.
  std::vector<std::string> unique;
  for (const std::string& f : files) {
    if (std::find(unique.begin(), unique.end(), f) == unique.end())
      unique.push_back(f);
  }
  return unique;
}

absl::StatusOr<std::string> ReadServiceFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return ErrnoToStatus(errno, absl::StrCat("open ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string ContentHash(const std::string& content) {
  return absl::StrCat(std::hash<std::string>()(content), ":", content.size());
}

std::string AbsolutePath(const std::string& path) {
  if (!path.empty() && path[0] == '/') return path;
  char cwd[4096];
  if (getcwd(cwd, sizeof cwd) == nullptr) return path;
  return absl::StrCat(cwd, "/", path);
}

std::string DirOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace runy::script
