#include "server/script/services/options.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace runy::script {
namespace {

using ::runy::testing::IsOk;
using ::runy::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;
using Type = JsValue::Type;

JsValue Str(const std::string& s) {
  JsValue v;
  v.type = Type::kString;
  v.string = s;
  return v;
}
JsValue Num(double n) {
  JsValue v;
  v.type = Type::kNumber;
  v.number = n;
  return v;
}
JsValue Bool(bool b) {
  JsValue v;
  v.type = Type::kBool;
  v.boolean = b;
  return v;
}
JsValue Obj(std::vector<std::pair<std::string, JsValue>> fields) {
  JsValue v;
  v.type = Type::kObject;
  v.fields = std::move(fields);
  return v;
}
JsValue Arr(std::vector<JsValue> items) {
  JsValue v;
  v.type = Type::kArray;
  v.items = std::move(items);
  return v;
}

// The documented complete example's options.
JsValue Documented() {
  return Obj({{"alias", Str("web-server")},
              {"cmd", Str("python3")},
              {"args", Arr({Str("-m"), Str("http.server"), Str("8500")})},
              {"restart", Obj({{"kind", Str("exponential")},
                               {"initialDelay", Num(1000)},
                               {"maxDelay", Num(30000)},
                               {"multiplier", Num(2.0)},
                               {"maxRestarts", Num(10)}})},
              {"watch", Arr({Str("*.py"), Str("config/**/*.json")})}});
}

TEST(ProcessOptionsTest, DocumentedExampleParses) {
  auto spec = ParseProcessOptions(Documented(), "/srv/app");
  ASSERT_THAT(spec, IsOk());
  EXPECT_EQ(spec->alias, "web-server");
  EXPECT_EQ(spec->command.cmd, "python3");
  EXPECT_THAT(spec->command.args, ElementsAre("-m", "http.server", "8500"));
  EXPECT_EQ(spec->command.cwd, "/srv/app");
  EXPECT_EQ(spec->restart.kind, engine::RestartSpec::Kind::kExponential);
  EXPECT_EQ(spec->restart.initial_delay, absl::Seconds(1));
  EXPECT_EQ(spec->restart.max_delay, absl::Seconds(30));
  EXPECT_EQ(spec->restart.multiplier, 2.0);
  EXPECT_EQ(spec->restart.max_restarts, 10);
  EXPECT_THAT(spec->watch, ElementsAre("*.py", "config/**/*.json"));
  EXPECT_EQ(spec->stop_signal, SIGTERM);
  EXPECT_EQ(spec->stop_timeout, absl::Seconds(10));
}

TEST(ProcessOptionsTest, DefaultsAreNeverAndTheServiceDirectory) {
  auto spec = ParseProcessOptions(
      Obj({{"alias", Str("a")}, {"cmd", Str("true")}}), "/d");
  ASSERT_THAT(spec, IsOk());
  EXPECT_EQ(spec->restart.kind, engine::RestartSpec::Kind::kNever);
  EXPECT_EQ(spec->command.cwd, "/d");
}

TEST(ProcessOptionsTest, RelativeCwdIsResolvedAgainstTheServiceDirectory) {
  auto spec = ParseProcessOptions(
      Obj({{"alias", Str("a")}, {"cmd", Str("true")}, {"cwd", Str("sub/dir")}}),
      "/d");
  ASSERT_THAT(spec, IsOk());
  EXPECT_EQ(spec->command.cwd, "/d/sub/dir");
}

TEST(ProcessOptionsTest, MissingAliasOrCmdIsNamed) {
  EXPECT_THAT(ParseProcessOptions(Obj({{"cmd", Str("x")}}), "/"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("\"alias\" is required")));
  EXPECT_THAT(ParseProcessOptions(Obj({{"alias", Str("x")}}), "/"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("\"cmd\" is required")));
}

TEST(ProcessOptionsTest, CrashLoopThresholdsAreRestartOptions) {
  auto with_restart = [](JsValue restart) {
    return Obj(
        {{"alias", Str("a")}, {"cmd", Str("true")}, {"restart", restart}});
  };
  auto spec = ParseProcessOptions(
      with_restart(Obj({{"kind", Str("always")},
                        {"crashLoopAfter", Num(3)},
                        {"crashLoopUptime", Num(2500)},
                        {"crashLoopMaxDelay", Num(10000)}})),
      "/");
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->restart.crash_loop.after, 3);
  EXPECT_EQ(spec->restart.crash_loop.quick_exit, absl::Milliseconds(2500));
  EXPECT_EQ(spec->restart.crash_loop.max_delay, absl::Seconds(10));
  auto defaults =
      ParseProcessOptions(with_restart(Obj({{"kind", Str("fixed")}})), "/");
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->restart.crash_loop.after, 5);
  EXPECT_EQ(defaults->restart.crash_loop.quick_exit, absl::Seconds(1));
  EXPECT_THAT(
      ParseProcessOptions(with_restart(Obj({{"kind", Str("never")},
                                            {"crashLoopAfter", Num(1)}})),
                          "/")
          .status()
          .message(),
      HasSubstr("unknown option \"restart.crashLoopAfter\""));
  EXPECT_THAT(
      ParseProcessOptions(with_restart(Obj({{"kind", Str("always")},
                                            {"crashLoopUptime", Num(-1)}})),
                          "/")
          .status()
          .message(),
      HasSubstr("restart.crashLoopUptime"));
}

TEST(ProcessOptionsTest, UnknownKeysAreRejected) {
  JsValue v = Documented();
  v.fields.emplace_back("restrat", Obj({}));
  EXPECT_THAT(ParseProcessOptions(v, "/"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown option \"restrat\"")));
}

TEST(ProcessOptionsTest, WrongTypesNameTheOption) {
  EXPECT_THAT(
      ParseProcessOptions(Obj({{"alias", Str("a")}, {"cmd", Num(3)}}), "/"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("\"cmd\" must be a string, not a number")));
  EXPECT_THAT(
      ParseProcessOptions(Obj({{"alias", Str("a")},
                               {"cmd", Str("x")},
                               {"args", Arr({Arr({})})}}),
                          "/"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("\"args[0]\"")));
  EXPECT_THAT(
      ParseProcessOptions(Obj({{"alias", Str("a")},
                               {"cmd", Str("x")},
                               {"env", Obj({{"A", Obj({})}})}}),
                          "/"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("\"env.A\"")));
}

TEST(ProcessOptionsTest, BadRestartValuesNameTheOption) {
  auto with_restart = [](JsValue restart) {
    return Obj({{"alias", Str("a")},
                {"cmd", Str("x")},
                {"restart", std::move(restart)}});
  };
  EXPECT_THAT(
      ParseProcessOptions(with_restart(Obj({{"kind", Str("exponential")},
                                            {"multiplier", Num(0.5)}})),
                          "/"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("restart.multiplier")));
  EXPECT_THAT(
      ParseProcessOptions(
          with_restart(Obj({{"kind", Str("fixed")}, {"delay", Num(-1)}})), "/"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("\"restart.delay\" must not be negative")));
  EXPECT_THAT(ParseProcessOptions(
                  with_restart(
                      Obj({{"kind", Str("fixed")}, {"maxRestarts", Num(1.5)}})),
                  "/"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("restart.maxRestarts")));
  EXPECT_THAT(
      ParseProcessOptions(with_restart(Obj({{"kind", Str("sometimes")}})), "/"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("restart.kind")));
  EXPECT_THAT(
      ParseProcessOptions(
          with_restart(Obj({{"kind", Str("fixed")}, {"initialDelay", Num(5)}})),
          "/"),
      StatusIs(
          absl::StatusCode::kInvalidArgument,
          HasSubstr(
              "unknown option \"restart.initialDelay\" for kind \"fixed\"")));
  EXPECT_THAT(
      ParseProcessOptions(with_restart(Obj({{"kind", Str("exponential")},
                                            {"initialDelay", Num(5000)},
                                            {"maxDelay", Num(100)}})),
                          "/"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("restart.maxDelay")));
  EXPECT_THAT(
      ParseProcessOptions(
          with_restart(Obj({{"kind", Str("fixed")}, {"jitter", Num(1.5)}})),
          "/"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("\"restart.jitter\" must be a number from 0 to 1")));
  EXPECT_THAT(
      ParseProcessOptions(
          with_restart(Obj({{"kind", Str("always")}, {"jitter", Num(0.5)}})),
          "/"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("unknown option \"restart.jitter\"")));
  auto jittered = ParseProcessOptions(
      with_restart(Obj({{"kind", Str("exponential")}, {"jitter", Num(0.3)}})),
      "/");
  ASSERT_THAT(jittered, IsOk());
  EXPECT_EQ(jittered->restart.jitter, 0.3);
}

TEST(ProcessOptionsTest, StopSignalAcceptsNamesAndNumbers) {
  auto with_signal = [](JsValue sig) {
    return Obj({{"alias", Str("a")},
                {"cmd", Str("x")},
                {"stopSignal", std::move(sig)}});
  };
  EXPECT_EQ(ParseProcessOptions(with_signal(Str("SIGINT")), "/")->stop_signal,
            SIGINT);
  EXPECT_EQ(ParseProcessOptions(with_signal(Str("hup")), "/")->stop_signal,
            SIGHUP);
  EXPECT_EQ(ParseProcessOptions(with_signal(Num(9)), "/")->stop_signal,
            SIGKILL);
  EXPECT_THAT(
      ParseProcessOptions(with_signal(Str("SIGNOPE")), "/"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("stopSignal")));
}

TEST(ProcessOptionsTest, EnvValuesBecomeStrings) {
  auto spec = ParseProcessOptions(Obj({{"alias", Str("a")},
                                       {"cmd", Str("x")},
                                       {"env", Obj({{"PORT", Num(8080)},
                                                    {"DEBUG", Bool(true)},
                                                    {"NAME", Str("n")}})}}),
                                  "/");
  ASSERT_THAT(spec, IsOk());
  EXPECT_THAT(spec->command.env,
              ElementsAre(Pair("PORT", "8080"), Pair("DEBUG", "true"),
                          Pair("NAME", "n")));
}

TEST(ProcessOptionsTest, NumbersAndBooleansInArgsBecomeStringsAsInEnv) {
  auto spec = ParseProcessOptions(
      Obj({{"alias", Str("a")},
           {"cmd", Str("x")},
           {"args", Arr({Str("-p"), Num(8500), Num(0.5), Num(12345678), Num(-3),
                         Bool(false)})},
           {"env", Obj({{"BIG", Num(123456789012)}, {"RATIO", Num(0.1)}})}}),
      "/");
  ASSERT_THAT(spec, IsOk());
  EXPECT_THAT(spec->command.args,
              ElementsAre("-p", "8500", "0.5", "12345678", "-3", "false"));
  EXPECT_THAT(spec->command.env,
              ElementsAre(Pair("BIG", "123456789012"), Pair("RATIO", "0.1")));
  EXPECT_THAT(ParseProcessOptions(Obj({{"alias", Str("a")},
                                       {"cmd", Str("x")},
                                       {"args", Arr({Obj({})})}}),
                                  "/"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("\"args[0]\" must be a string")));
}

TEST(ServiceOptionsTest, NamesAndOptionsAreChecked) {
  EXPECT_THAT(ParseServiceOptions("web-server", JsValue{}), IsOk());
  EXPECT_THAT(
      ParseServiceOptions("bad name", JsValue{}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("bad name")));
  EXPECT_THAT(ParseServiceOptions("-x", JsValue{}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  auto parsed = ParseServiceOptions(
      "a", Obj({{"autostart", Bool(true)}, {"description", Str("d")}}));
  ASSERT_THAT(parsed, IsOk());
  EXPECT_TRUE(parsed->autostart);
  EXPECT_EQ(parsed->description, "d");
  EXPECT_THAT(
      ParseServiceOptions("a", Obj({{"autostart", Str("yes")}})),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("autostart")));
  EXPECT_THAT(
      ParseServiceOptions("a", Obj({{"autostrat", Bool(true)}})),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("autostrat")));
}

TEST(ExecOptionsTest, TimeoutAndCommandAreRead) {
  auto parsed = ParseExecOptions(Obj({{"cmd", Str("make")},
                                      {"args", Arr({Str("all")})},
                                      {"timeout", Num(2500)}}),
                                 "/src");
  ASSERT_THAT(parsed, IsOk());
  EXPECT_EQ(parsed->command.cmd, "make");
  EXPECT_EQ(parsed->command.cwd, "/src");
  EXPECT_EQ(parsed->timeout, absl::Milliseconds(2500));
  EXPECT_THAT(ParseExecOptions(Obj({{"args", Arr({})}}), "/"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("cmd")));
}

}  // namespace
}  // namespace runy::script
