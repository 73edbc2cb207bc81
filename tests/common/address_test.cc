#include "common/address.h"

#include <map>
#include <string>

#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace runy {
namespace {

using ::runy::testing::IsOk;
using ::runy::testing::StatusIs;

std::string DefaultFor(const std::map<std::string, std::string>& env,
                       unsigned uid) {
  return DefaultSocketPath(
      [&](const char* name) -> const char* {
        auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
      },
      uid);
}

TEST(AddressTest, ParsesUnixUriWithThreeSlashes) {
  auto a = ParseHostUri("unix:///run/runy/runyd.sock");
  ASSERT_THAT(a, IsOk());
  EXPECT_EQ(a->kind, Address::Kind::kUnix);
  EXPECT_EQ(a->path, "/run/runy/runyd.sock");
  EXPECT_EQ(a->ToGrpcTarget(), "unix:/run/runy/runyd.sock");
  EXPECT_EQ(a->ToUri(), "unix:///run/runy/runyd.sock");
}

TEST(AddressTest, AcceptsABarePathAsASocket) {
  auto a = ParseHostUri("/tmp/x.sock");
  ASSERT_THAT(a, IsOk());
  EXPECT_EQ(a->path, "/tmp/x.sock");
}

TEST(AddressTest, RejectsARelativeSocketPath) {
  EXPECT_THAT(ParseHostUri("unix://relative.sock"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(AddressTest, ParsesTcpUri) {
  auto a = ParseHostUri("tcp://127.0.0.1:7000");
  ASSERT_THAT(a, IsOk());
  EXPECT_EQ(a->kind, Address::Kind::kTcp);
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 7000);
  EXPECT_EQ(a->ToGrpcTarget(), "127.0.0.1:7000");
}

TEST(AddressTest, ParsesBracketedIpv6) {
  auto a = ParseHostUri("tcp://[::1]:7000");
  ASSERT_THAT(a, IsOk());
  EXPECT_EQ(a->host, "::1");
  EXPECT_EQ(a->ToGrpcTarget(), "[::1]:7000");
}

TEST(AddressTest, RejectsBadPortsAndSchemes) {
  EXPECT_THAT(ParseHostUri("tcp://127.0.0.1:0"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseHostUri("tcp://127.0.0.1:70000"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseHostUri("tcp://127.0.0.1"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseHostUri("http://x:1"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseHostUri(""), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(AddressTest, ListenAddressNeedsHostAndPort) {
  EXPECT_THAT(ParseListenAddress("127.0.0.1:9000"), IsOk());
  EXPECT_THAT(ParseListenAddress("9000"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseListenAddress(":9000"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(AddressTest, LoopbackHostsAreRecognized) {
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("127.1.2.3"));
  EXPECT_TRUE(IsLoopbackHost("::1"));
  EXPECT_TRUE(IsLoopbackHost("localhost"));
  EXPECT_FALSE(IsLoopbackHost("0.0.0.0"));
  EXPECT_FALSE(IsLoopbackHost("10.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("::ffff:127.0.0.1"));
  EXPECT_FALSE(IsLoopbackHost("::ffff:10.0.0.1"));
  // Names that only look like loopback addresses.
  EXPECT_FALSE(IsLoopbackHost("127.example.com"));
  EXPECT_FALSE(IsLoopbackHost("127.0.0.1.nip.io"));
  EXPECT_FALSE(IsLoopbackHost("127."));
  EXPECT_FALSE(IsLoopbackHost("::1.example.com"));
}

TEST(DefaultSocketPathTest, RunySocketWinsOverEverything) {
  EXPECT_EQ(
      DefaultFor(
          {{"RUNY_SOCKET", "/a.sock"}, {"XDG_RUNTIME_DIR", "/run/user/1"}}, 0),
      "/a.sock");
}

TEST(DefaultSocketPathTest, XdgRuntimeDirComesNext) {
  EXPECT_EQ(DefaultFor({{"XDG_RUNTIME_DIR", "/run/user/1000"}}, 1000),
            "/run/user/1000/runy/runyd.sock");
}

TEST(DefaultSocketPathTest, RootUsesRunRuny) {
  EXPECT_EQ(DefaultFor({}, 0), "/run/runy/runyd.sock");
}

TEST(DefaultSocketPathTest, OtherUsersUseTmpWithTheirUid) {
  EXPECT_EQ(DefaultFor({}, 1000), "/tmp/runy-1000/runyd.sock");
}

TEST(DefaultSocketPathTest, EmptyVariablesCountAsUnset) {
  EXPECT_EQ(DefaultFor({{"RUNY_SOCKET", ""}, {"XDG_RUNTIME_DIR", ""}}, 1000),
            "/tmp/runy-1000/runyd.sock");
}

}  // namespace
}  // namespace runy
