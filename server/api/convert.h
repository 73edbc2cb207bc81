// Plain engine/controller structs to their protobuf messages.
#ifndef RUNY_SERVER_API_CONVERT_H_
#define RUNY_SERVER_API_CONVERT_H_

#include <string>
#include <vector>

#include "runy/v1/runy.pb.h"
#include "server/control/controller.h"
#include "server/engine/engine.h"
#include "server/engine/process_snapshot.h"

namespace runy::api {

void ToProto(const engine::ProcessSnapshot& in, v1::ProcessStatus* out);
void ToProto(const control::ServiceSnapshot& in, v1::ServiceStatus* out);
void ToProto(const control::StatusView& in, v1::StatusResponse* out);
void ToProto(const std::vector<control::TargetResult>& in,
             google::protobuf::RepeatedPtrField<v1::TargetResult>* out);
void ToProto(const control::FileError& in, v1::FileError* out);
void ToProto(absl::Time in, google::protobuf::Timestamp* out);
void ToProto(absl::Duration in, google::protobuf::Duration* out);
void ToProto(const engine::ExitInfo& in, v1::ExitStatus* out);
// Environment values only with `show_env`.
void ToProto(const engine::ProcessDetail& in, bool show_env,
             const std::vector<std::string>& log_files,
             v1::ProcessDescription* out);

}  // namespace runy::api

#endif  // RUNY_SERVER_API_CONVERT_H_
