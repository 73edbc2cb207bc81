// What a caller may send, checked before anything acts on it: every name
// and path of a request is bounded and well formed, so none reaches a log
// line, an error message or the state directory as something else (a
// terminal escape, a path with "..", a megabyte of text).
#ifndef RUNY_SERVER_API_REQUEST_CHECKS_H_
#define RUNY_SERVER_API_REQUEST_CHECKS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "runy/v1/runy.pb.h"

namespace runy::api {

// The largest request runyd reads (gRPC refuses a bigger one with
// RESOURCE_EXHAUSTED before it is parsed). Requests are names and paths:
// a megabyte is thousands of them.
inline constexpr int kMaxRequestBytes = 1 << 20;
// Names or files in one request.
inline constexpr int kMaxTargets = 4096;

// Each of `names` a service name or an alias (common/names.h).
absl::Status CheckNames(
    absl::string_view field,
    const google::protobuf::RepeatedPtrField<std::string>& names);
// Each of `files` an absolute path of at most PATH_MAX bytes.
absl::Status CheckFiles(
    absl::string_view field,
    const google::protobuf::RepeatedPtrField<std::string>& files);
absl::Status CheckLogsRequest(const v1::LogsRequest& request);

}  // namespace runy::api

#endif  // RUNY_SERVER_API_REQUEST_CHECKS_H_
