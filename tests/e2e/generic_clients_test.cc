// What generic gRPC clients (grpcurl-like tools, load balancers) rely on:
// the standard health service and server reflection, spoken with raw bytes
// through a GenericStub, as a client without runy's .proto would.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <future>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/subprocess.h"

namespace runy {
namespace {

using ::runy::testing::Daemon;

std::string ToString(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string out;
  if (!buffer.Dump(&slices).ok()) return out;
  for (const grpc::Slice& s : slices) {
    out.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  return out;
}

grpc::ByteBuffer FromString(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

TEST(GenericClientsTest, HealthServiceSaysServingOverUnixAndTcp) {
  Daemon d({}, /*tcp=*/true);
  ASSERT_TRUE(d.ready()) << d.log();
  for (const std::string& target :
       {"unix:" + d.socket(), absl::StrCat("127.0.0.1:", d.port())}) {
    grpc::GenericStub stub(
        grpc::CreateChannel(target, grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    grpc::ByteBuffer request = FromString(""),
                     response;  // HealthCheckRequest{}
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, "/grpc.health.v1.Health/Check",
                   grpc::StubOptions(), &request, &response,
                   [&](grpc::Status s) { done.set_value(s); });
    grpc::Status status = done.get_future().get();
    ASSERT_TRUE(status.ok()) << target << ": " << status.error_message();
    // HealthCheckResponse{status: SERVING}: field 1, varint 1.
    EXPECT_EQ(ToString(response), std::string("\x08\x01", 2)) << target;
  }
}

// One ListServices exchange; the reply bytes, or why there were none.
absl::StatusOr<std::string> ListServices(const std::string& socket) {
  grpc::GenericStub stub(grpc::CreateChannel(
      "unix:" + socket, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  grpc::CompletionQueue cq;
  auto call = stub.PrepareCall(
      &context,
      "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &cq);
  // Each operation completes in order on this queue.
  auto wait = [&] {
    void* tag;
    bool ok = false;
    return cq.Next(&tag, &ok) && ok;
  };
  call->StartCall(nullptr);
  if (!wait()) return absl::UnavailableError("the call did not start");
  // ServerReflectionRequest{list_services: ""}: field 7, length 0.
  call->Write(FromString(std::string("\x3a\x00", 2)), nullptr);
  bool written = wait();
  grpc::ByteBuffer response;
  bool read = false;
  if (written) {
    call->Read(&response, nullptr);
    read = wait();
  }
  call->WritesDone(nullptr);
  wait();
  grpc::Status status;
  call->Finish(&status, nullptr);
  wait();
  if (!read) {
    return absl::UnavailableError(absl::StrCat(
        "no reply: ", status.error_code(), " ", status.error_message()));
  }
  return ToString(response);
}

TEST(GenericClientsTest, ReflectionListsTheRunyService) {
  Daemon d;
  ASSERT_TRUE(d.ready()) << d.log();
  // Up to three tries: a reflection stream on a loaded machine may be
  // refused once; three refusals are a failure.
  absl::StatusOr<std::string> bytes;
  for (int i = 0; i < 3; ++i) {
    bytes = ListServices(d.socket());
    if (bytes.ok()) break;
  }
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_THAT(*bytes, ::testing::HasSubstr("runy.v1.Runy"));
  EXPECT_THAT(*bytes, ::testing::HasSubstr("grpc.health.v1.Health"));
}

}  // namespace
}  // namespace runy
