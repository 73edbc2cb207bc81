#include "server/engine/pipe_budget.h"

#include <fcntl.h>
#include <unistd.h>

#include <vector>

#include "gtest/gtest.h"

namespace runy::engine {
namespace {

struct Pipe {
  Pipe() {
    int fds[2];
    EXPECT_EQ(pipe2(fds, O_CLOEXEC), 0);
    read_end = fds[0];
    write_end = fds[1];
  }
  ~Pipe() {
    close(read_end);
    close(write_end);
  }
  int size() const { return fcntl(read_end, F_GETPIPE_SZ); }
  int read_end, write_end;
};

TEST(PipeBudgetTest, NewPipesStartSmall) {
  Pipe pipe;
  PipeBudget::SizeNewPipe(pipe.read_end);
  EXPECT_EQ(pipe.size(), static_cast<int>(PipeBudget::kInitialBytes));
}

TEST(PipeBudgetTest, PipesGrowWhileTheBudgetLastsAndReleasesMakeRoom) {
  PipeBudget budget(3 * (PipeBudget::kGrownBytes - PipeBudget::kInitialBytes));
  std::vector<Pipe> pipes(4);
  for (Pipe& p : pipes) PipeBudget::SizeNewPipe(p.read_end);
  EXPECT_TRUE(budget.TryGrow(pipes[0].read_end));
  EXPECT_TRUE(budget.TryGrow(pipes[1].read_end));
  EXPECT_TRUE(budget.TryGrow(pipes[2].read_end));
  EXPECT_FALSE(budget.TryGrow(pipes[3].read_end));
  EXPECT_EQ(pipes[0].size(), static_cast<int>(PipeBudget::kGrownBytes));
  EXPECT_EQ(pipes[3].size(), static_cast<int>(PipeBudget::kInitialBytes));
  budget.Release();
  EXPECT_TRUE(budget.TryGrow(pipes[3].read_end));
  EXPECT_EQ(pipes[3].size(), static_cast<int>(PipeBudget::kGrownBytes));
}

TEST(PipeBudgetTest, AThousandProcessesStayUnderTheDefaultPerUserLimit) {
  // pipe-user-pages-soft defaults to 16384 pages (64 MiB).
  constexpr size_t kSoftLimit = 16384 * 4096;
  size_t worst = 2000 * PipeBudget::kInitialBytes + PipeBudget::kDefaultBudget;
  EXPECT_LT(worst, kSoftLimit);
}

}  // namespace
}  // namespace runy::engine
