#include "server/engine/restart_policy.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace runy::engine {
namespace {

using ::runy::testing::IsOk;
using ::runy::testing::StatusIs;
using Kind = RestartPolicy::Decision::Kind;

const absl::Time kT0 = absl::FromUnixSeconds(1000);

RestartSpec Exponential(int max_restarts) {
  RestartSpec spec;
  spec.kind = RestartSpec::Kind::kExponential;
  spec.initial_delay = absl::Seconds(1);
  spec.max_delay = absl::Seconds(30);
  spec.multiplier = 2.0;
  spec.max_restarts = max_restarts;
  spec.crash_loop.after = 0;  // the policy's own arithmetic, unthrottled
  return spec;
}

TEST(RestartPolicyTest, ExponentialDelaysDoubleUpToMaxDelay) {
  RestartPolicy policy(Exponential(-1));
  const int expected_seconds[] = {1, 2, 4, 8, 16, 30, 30, 30};
  for (int expected : expected_seconds) {
    auto d = policy.OnExit(kT0, kT0 + absl::Milliseconds(10));
    ASSERT_EQ(d.kind, Kind::kRestart);
    EXPECT_EQ(d.delay, absl::Seconds(expected));
  }
}

TEST(RestartPolicyTest, GivesUpAfterMaxRestartsOnTheNextExit) {
  RestartPolicy policy(Exponential(10));
  for (int n = 1; n <= 10; ++n) {
    auto d = policy.OnExit(kT0, kT0);
    ASSERT_EQ(d.kind, Kind::kRestart) << n;
    EXPECT_EQ(d.attempt, n);
  }
  EXPECT_EQ(policy.OnExit(kT0, kT0).kind, Kind::kGiveUp);
  EXPECT_EQ(policy.restarts(), 10);
}

TEST(RestartPolicyTest, MaxRestartsZeroGivesUpAtOnce) {
  RestartSpec spec;
  spec.kind = RestartSpec::Kind::kFixed;
  spec.delay = absl::Seconds(1);
  spec.max_restarts = 0;
  RestartPolicy policy(spec);
  EXPECT_EQ(policy.OnExit(kT0, kT0).kind, Kind::kGiveUp);
}

TEST(RestartPolicyTest, FixedUsesTheSameDelayEveryTime) {
  RestartSpec spec;
  spec.kind = RestartSpec::Kind::kFixed;
  spec.delay = absl::Milliseconds(1500);
  spec.crash_loop.after = 0;
  RestartPolicy policy(spec);
  for (int i = 0; i < 20; ++i) {
    auto d = policy.OnExit(kT0, kT0);
    ASSERT_EQ(d.kind, Kind::kRestart);
    EXPECT_EQ(d.delay, absl::Milliseconds(1500));
  }
}

TEST(RestartPolicyTest, AlwaysRestartsWithNoDelay) {
  RestartSpec spec;
  spec.kind = RestartSpec::Kind::kAlways;
  spec.crash_loop.after = 0;
  RestartPolicy policy(spec);
  auto d = policy.OnExit(kT0, kT0);
  EXPECT_EQ(d.kind, Kind::kRestart);
  EXPECT_EQ(d.delay, absl::ZeroDuration());
}

TEST(RestartPolicyTest, NeverMeansExit) {
  RestartPolicy policy(RestartSpec{});
  EXPECT_EQ(policy.OnExit(kT0, kT0).kind, Kind::kExit);
}

TEST(RestartPolicyTest, StayingUpForResetAfterResetsTheBackoff) {
  RestartSpec spec = Exponential(3);
  spec.reset_after = absl::Seconds(60);
  RestartPolicy policy(spec);
  policy.OnExit(kT0, kT0);
  policy.OnExit(kT0, kT0);
  EXPECT_EQ(policy.OnExit(kT0, kT0).delay, absl::Seconds(4));
  // The fourth instance ran for a minute: the count starts over.
  auto d = policy.OnExit(kT0, kT0 + absl::Seconds(60));
  ASSERT_EQ(d.kind, Kind::kRestart);
  EXPECT_EQ(d.attempt, 1);
  EXPECT_EQ(d.delay, absl::Seconds(1));
}

TEST(RestartPolicyTest, HugeAttemptCountsStayAtMaxDelay) {
  RestartPolicy policy(Exponential(-1));
  EXPECT_EQ(policy.DelayFor(5000), absl::Seconds(30));
}

TEST(RestartPolicyTest, ValidationNamesTheOption) {
  RestartSpec spec = Exponential(1);
  spec.multiplier = 0.5;
  EXPECT_THAT(ValidateRestartSpec(spec),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::HasSubstr("restart.multiplier")));
  spec = Exponential(1);
  spec.initial_delay = absl::Seconds(-1);
  EXPECT_THAT(ValidateRestartSpec(spec),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::HasSubstr("restart.initialDelay")));
  spec = Exponential(1);
  spec.max_delay = absl::Milliseconds(10);
  EXPECT_THAT(ValidateRestartSpec(spec),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::HasSubstr("restart.maxDelay")));
  EXPECT_THAT(ValidateRestartSpec(Exponential(10)), IsOk());
}

RestartSpec Always() {
  RestartSpec spec;
  spec.kind = RestartSpec::Kind::kAlways;
  return spec;
}

TEST(RestartPolicyTest, AlwaysAroundAQuickExitIsThrottledAfterFiveInARow) {
  RestartPolicy policy(Always());
  for (int n = 1; n <= 5; ++n) {
    auto d = policy.OnExit(kT0, kT0 + absl::Milliseconds(5));
    ASSERT_EQ(d.kind, Kind::kRestart);
    if (n < 5) {
      EXPECT_EQ(d.delay, absl::ZeroDuration()) << n;
      EXPECT_FALSE(d.crash_looping) << n;
    }
  }
  EXPECT_TRUE(policy.crash_looping());
  const int expected_seconds[] = {2, 4, 8, 16, 30, 30};
  for (int expected : expected_seconds) {
    auto d = policy.OnExit(kT0, kT0 + absl::Milliseconds(5));
    EXPECT_TRUE(d.crash_looping);
    EXPECT_EQ(d.delay, absl::Seconds(expected));
  }
}

TEST(RestartPolicyTest, TheFifthQuickExitAlreadyWaitsASecond) {
  RestartPolicy policy(Always());
  RestartPolicy::Decision d;
  for (int n = 1; n <= 5; ++n) d = policy.OnExit(kT0, kT0);
  EXPECT_TRUE(d.crash_looping);
  EXPECT_EQ(d.delay, absl::Seconds(1));
}

TEST(RestartPolicyTest, AnInstanceThatRanNormallyIsRestartedAtOnce) {
  RestartPolicy policy(Always());
  for (int n = 0; n < 8; ++n) policy.OnExit(kT0, kT0);
  ASSERT_TRUE(policy.crash_looping());
  auto d = policy.OnExit(kT0, kT0 + absl::Seconds(2));
  EXPECT_FALSE(policy.crash_looping());
  EXPECT_EQ(d.delay, absl::ZeroDuration());
}

// An onExit hook answering {restart: true} to instant exits: counted, and
// throttled like the policy's own restarts, whatever the kind.
TEST(RestartPolicyTest, ARestartAHookDecidesIsCountedAndThrottled) {
  RestartPolicy policy(RestartSpec{});  // restart: never
  RestartPolicy::Decision d;
  for (int n = 1; n <= 4; ++n) {
    d = policy.OnDecidedRestart(kT0, kT0, absl::ZeroDuration());
    EXPECT_EQ(d.kind, Kind::kRestart);
    EXPECT_EQ(d.attempt, n);
    EXPECT_EQ(d.delay, absl::ZeroDuration()) << n;
  }
  d = policy.OnDecidedRestart(kT0, kT0, absl::ZeroDuration());
  EXPECT_TRUE(d.crash_looping);
  EXPECT_EQ(d.delay, absl::Seconds(1));
  d = policy.OnDecidedRestart(kT0, kT0, absl::Seconds(60));
  EXPECT_FALSE(d.crash_looping);
  EXPECT_EQ(d.delay, absl::Seconds(60));
  EXPECT_EQ(policy.restarts(), 6);
}

TEST(RestartPolicyTest, APolicyDelayLongerThanTheThrottleWins) {
  RestartSpec spec = Always();
  spec.kind = RestartSpec::Kind::kFixed;
  spec.delay = absl::Seconds(10);
  RestartPolicy policy(spec);
  RestartPolicy::Decision d;
  for (int n = 0; n < 6; ++n) d = policy.OnExit(kT0, kT0);
  EXPECT_EQ(d.delay, absl::Seconds(10));
  EXPECT_FALSE(d.crash_looping);
}

TEST(RestartPolicyTest, TheCrashLoopThrottleIsConfigurableAndCanBeOff) {
  RestartSpec spec = Always();
  spec.crash_loop.after = 2;
  spec.crash_loop.quick_exit = absl::Seconds(5);
  spec.crash_loop.max_delay = absl::Seconds(3);
  RestartPolicy policy(spec);
  policy.OnExit(kT0, kT0 + absl::Seconds(4));
  auto d = policy.OnExit(kT0, kT0 + absl::Seconds(4));
  EXPECT_EQ(d.delay, absl::Seconds(1));
  for (int n = 0; n < 5; ++n) d = policy.OnExit(kT0, kT0);
  EXPECT_EQ(d.delay, absl::Seconds(3));
  spec.crash_loop.after = 0;
  RestartPolicy off(spec);
  for (int n = 0; n < 20; ++n) d = off.OnExit(kT0, kT0);
  EXPECT_EQ(d.delay, absl::ZeroDuration());
  EXPECT_FALSE(off.crash_looping());
}

TEST(RestartPolicyTest, ANegativeCrashLoopOptionIsRefused) {
  RestartSpec spec = Always();
  spec.crash_loop.max_delay = absl::Seconds(-1);
  EXPECT_THAT(ValidateRestartSpec(spec),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(RestartPolicyTest, JitterTakesARandomFractionOffEachDelay) {
  RestartSpec spec;
  spec.kind = RestartSpec::Kind::kFixed;
  spec.delay = absl::Seconds(10);
  spec.jitter = 0.2;
  spec.crash_loop.after = 0;
  std::vector<double> draws = {0.0, 0.5, 0.999};
  size_t next = 0;
  RestartPolicy policy(spec, [&] { return draws[next++ % draws.size()]; });
  absl::Time up = kT0 + absl::Minutes(10);  // not a quick exit
  EXPECT_EQ(policy.OnExit(kT0, up).delay, absl::Seconds(10));
  EXPECT_EQ(policy.OnExit(up, up + absl::Seconds(1)).delay, absl::Seconds(9));
  absl::Duration last = policy.OnExit(up, up + absl::Seconds(2)).delay;
  EXPECT_GT(last, absl::Seconds(8));
  EXPECT_LT(last, absl::Milliseconds(8010));
  // Exponential: the jitter applies to each computed delay, the cap too.
  RestartSpec exp = Exponential(-1);
  exp.jitter = 0.5;
  RestartPolicy halves(exp, [] { return 0.999999; });
  EXPECT_LT(halves.OnExit(kT0, kT0 + absl::Minutes(10)).delay,
            absl::Milliseconds(501));
  // Out of range is refused, naming the option.
  spec.jitter = 1.5;
  EXPECT_THAT(ValidateRestartSpec(spec),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::HasSubstr("restart.jitter")));
  spec.jitter = 0.25;
  EXPECT_NE(DescribeRestart(spec).find("25% jitter"), std::string::npos);
}

}  // namespace
}  // namespace runy::engine
