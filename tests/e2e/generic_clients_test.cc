// What generic gRPC clients (grpcurl-like tools, load balancers) rely on:
// the standard health service and server reflection, spoken with raw bytes
// through a GenericStub, as a client without runy's .proto would.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <future>

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

TEST(GenericClientsTest, ReflectionListsTheRunyService) {
  Daemon d;
  ASSERT_TRUE(d.ready()) << d.log();
  grpc::GenericStub stub(grpc::CreateChannel(
      "unix:" + d.socket(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  grpc::CompletionQueue cq;
  auto call = stub.PrepareCall(
      &context,
      "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &cq);
  void* tag;
  bool ok;
  auto step = [&](int expected) {
    EXPECT_TRUE(cq.Next(&tag, &ok));
    EXPECT_EQ(tag, reinterpret_cast<void*>(expected));
    return ok;
  };
  call->StartCall(reinterpret_cast<void*>(1));
  ASSERT_TRUE(step(1));
  // ServerReflectionRequest{list_services: ""}: field 7, length 0.
  call->Write(FromString(std::string("\x3a\x00", 2)),
              reinterpret_cast<void*>(2));
  ASSERT_TRUE(step(2));
  grpc::ByteBuffer response;
  call->Read(&response, reinterpret_cast<void*>(3));
  ASSERT_TRUE(step(3));
  std::string bytes = ToString(response);
  EXPECT_THAT(bytes, ::testing::HasSubstr("runy.v1.Runy"));
  EXPECT_THAT(bytes, ::testing::HasSubstr("grpc.health.v1.Health"));
  call->WritesDone(reinterpret_cast<void*>(4));
  step(4);
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  step(5);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

}  // namespace
}  // namespace runy
