// Finding and reading service files: the paths given to --services (files,
// and directories of *.js files) expanded to the files to load.
#ifndef RUNY_SERVER_SCRIPT_SERVICES_SERVICE_FILES_H_
#define RUNY_SERVER_SCRIPT_SERVICES_SERVICE_FILES_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/control/services.h"

namespace runy::script {

// The files `paths` stand for, in order: a file as is, a directory's *.js
// files (not hidden ones) sorted by name; each file once. A path that
// cannot be read is an error in `errors`, except a missing one for which
// `was_loaded(path)` is true (a loaded file that was deleted: the reload
// removes it instead).
std::vector<std::string> ScanServicePaths(
    const std::vector<std::string>& paths,
    const std::function<bool(const std::string&)>& was_loaded,
    std::vector<control::FileError>* errors);

absl::StatusOr<std::string> ReadServiceFile(const std::string& path);

// Identifies a file's content (a reload skips files whose content is
// unchanged).
std::string ContentHash(const std::string& content);

// `path` made absolute against the working directory.
std::string AbsolutePath(const std::string& path);
// The directory of `path` ("." for a bare name).
std::string DirOf(const std::string& path);

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_SERVICES_SERVICE_FILES_H_
