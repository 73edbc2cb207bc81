// The kernel refuses a spawn: too many processes for the user (fork gets
// EAGAIN under RLIMIT_NPROC) or too many open files (pipe gets EMFILE under
// RLIMIT_NOFILE). The process is not lost: it is in backoff with the reason
// in its log, and it starts once the limit allows it. Real limits, real
// processes; each case runs in a child process of its own (a death test),
// so that the limit it lowers touches nothing else.
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "server/engine/engine.h"
#include "tests/testing/engine_harness.h"

namespace runy::engine {
namespace {

using ::runy::testing::EngineHarness;
using ::runy::testing::ShellSpec;

constexpr uid_t kNobody = 65534;

// Runs in the death test's child: lowers `resource`, defines a process
// that restarts always, expects its spawn to fail with `expected` in its
// log, restores the limit and expects it to run. Exits 0 when all holds;
// otherwise prints what did not and exits 1.
[[noreturn]] void SpawnUnderLimit(int resource, rlim_t limit,
                                  const std::string& expected) {
  auto fail = [](const std::string& why) {
    std::fprintf(stderr, "%s\n", why.c_str());
    std::_Exit(1);
  };
  EngineHarness harness;  // its loop thread exists before the limit
  rlimit old{};
  getrlimit(resource, &old);
  rlimit lowered = old;
  lowered.rlim_cur = limit;
  if (setrlimit(resource, &lowered) != 0) fail("setrlimit");
  ProcessSpec spec = ShellSpec("limited", "echo started; exec sleep 30");
  spec.restart.kind = RestartSpec::Kind::kAlways;
  absl::Status defined = harness.Define(spec);
  if (!defined.ok()) fail(std::string(defined.message()));
  // Start reports the failed spawn; the process is retried all the same.
  absl::Status started = harness.Start("limited");
  if (started.ok() ||
      !absl::StrContains(started.message(),
                         expected.substr(expected.find(": ") + 2))) {
    fail("Start: " + std::string(started.message()));
  }
  if (!harness.WaitForState("limited", ProcessState::kBackoff,
                            absl::Seconds(20))) {
    fail("not in backoff: " +
         absl::StrJoin(harness.sink().SystemLines("limited"), " | "));
  }
  std::string lines =
      absl::StrJoin(harness.sink().SystemLines("limited"), " | ");
  if (lines.find(expected) == std::string::npos) {
    fail("no \"" + expected + "\" in: " + lines);
  }
  if (setrlimit(resource, &old) != 0) fail("restore");
  if (!harness.WaitForState("limited", ProcessState::kRunning,
                            absl::Seconds(20))) {
    fail("not running after the limit was raised: " + lines);
  }
  harness.StopAndWait("limited");
  std::_Exit(0);
}

TEST(SpawnLimitsTest, ForkRefusedUnderNprocIsRetried) {
  // Root passes RLIMIT_NPROC: the child becomes nobody first. Its threads
  // already count as that user's processes, so a limit of 1 refuses any
  // new one.
  EXPECT_EXIT(
      {
        if (geteuid() == 0 && (setgid(kNobody) != 0 || setuid(kNobody) != 0)) {
          std::_Exit(2);
        }
        SpawnUnderLimit(RLIMIT_NPROC, 1,
                        "spawn failed: fork: Resource temporarily unavailable");
      },
      ::testing::ExitedWithCode(0), "");
}

TEST(SpawnLimitsTest, PipeRefusedUnderNofileIsRetried) {
  // A limit of 0: the descriptors open stay open, no new one is allowed.
  EXPECT_EXIT(SpawnUnderLimit(RLIMIT_NOFILE, 0,
                              "spawn failed: pipe: Too many open files"),
              ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace runy::engine
