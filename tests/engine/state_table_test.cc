// One test per cell of the process state machine (server/engine/
// state_table.h): for each state and event, the action a Process takes.
// What the actions do with real processes is engine_test's business.
#include "server/engine/state_table.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"

namespace runy::engine {
namespace {

using A = ProcessAction;
using E = ProcessEvent;
using S = ProcessState;

struct Cell {
  S state;
  E event;
  A action;
  bool user_stopping = false;
};

const Cell kCells[] = {
    // A user's start: spawns unless something runs; waits for a stop.
    {S::kStarting, E::kUserStart, A::kNone},
    {S::kRunning, E::kUserStart, A::kNone},
    {S::kBackoff, E::kUserStart, A::kSpawn},
    {S::kStopping, E::kUserStart, A::kStartAfterStop},
    {S::kStopped, E::kUserStart, A::kSpawn},
    {S::kExited, E::kUserStart, A::kSpawn},
    {S::kFailed, E::kUserStart, A::kSpawn},
    // A user's stop.
    {S::kStarting, E::kUserStop, A::kBeginStop},
    {S::kRunning, E::kUserStop, A::kBeginStop},
    {S::kBackoff, E::kUserStop, A::kCancelBackoff},
    {S::kStopping, E::kUserStop, A::kJoinStop},
    {S::kStopped, E::kUserStop, A::kMarkStopped},
    {S::kExited, E::kUserStop, A::kMarkStopped},
    {S::kFailed, E::kUserStop, A::kMarkStopped},
    // A user's restart is a stop, then a start, from anywhere.
    {S::kStarting, E::kUserRestart, A::kStopThenStart},
    {S::kRunning, E::kUserRestart, A::kStopThenStart},
    {S::kBackoff, E::kUserRestart, A::kStopThenStart},
    {S::kStopping, E::kUserRestart, A::kStopThenStart},
    {S::kStopped, E::kUserRestart, A::kStopThenStart},
    {S::kExited, E::kUserRestart, A::kStopThenStart},
    {S::kFailed, E::kUserRestart, A::kStopThenStart},
    // An exit runyd did not cause: the policy decides; while stopping it
    // ends the stop once the group is gone; elsewhere nothing runs.
    {S::kStarting, E::kExit, A::kDecide},
    {S::kRunning, E::kExit, A::kDecide},
    {S::kStopping, E::kExit, A::kAwaitGroup},
    {S::kBackoff, E::kExit, A::kNone},
    {S::kStopped, E::kExit, A::kNone},
    {S::kExited, E::kExit, A::kNone},
    {S::kFailed, E::kExit, A::kNone},
    // A spawn that fails counts as an exit (code 127) of the starting one.
    {S::kStarting, E::kSpawnFailure, A::kDecide},
    {S::kRunning, E::kSpawnFailure, A::kNone},
    {S::kStopped, E::kSpawnFailure, A::kNone},
    // The backoff timer respawns only a process still in backoff (a stop
    // or start in the meantime cancelled it).
    {S::kBackoff, E::kBackoffTimer, A::kRespawn},
    {S::kRunning, E::kBackoffTimer, A::kNone},
    {S::kStopping, E::kBackoffTimer, A::kNone},
    {S::kStopped, E::kBackoffTimer, A::kNone},
    // stopTimeout kills only while stopping (a kill timer after the exit
    // does nothing).
    {S::kStopping, E::kStopTimeout, A::kKill},
    {S::kStopped, E::kStopTimeout, A::kNone},
    {S::kRunning, E::kStopTimeout, A::kNone},
    {S::kStarting, E::kStopTimeout, A::kNone},
    // The rest of the group gone: the stop is over.
    {S::kStopping, E::kGroupEmpty, A::kFinishStop},
    {S::kStopped, E::kGroupEmpty, A::kNone},
    {S::kRunning, E::kGroupEmpty, A::kNone},
    // A watched file changed: restart, not counted; a process that ended
    // gets fresh counts (the change may be the fix); a user's stop stands.
    {S::kStarting, E::kWatchChange, A::kChangeRestart},
    {S::kRunning, E::kWatchChange, A::kChangeRestart},
    {S::kBackoff, E::kWatchChange, A::kChangeRestart},
    {S::kStopping, E::kWatchChange, A::kChangeRestart},
    {S::kStopping, E::kWatchChange, A::kNone, /*user_stopping=*/true},
    {S::kStopped, E::kWatchChange, A::kNone},
    {S::kExited, E::kWatchChange, A::kChangeRestartFresh},
    {S::kFailed, E::kWatchChange, A::kChangeRestartFresh},
    // A new definition applies from the next spawn, whatever the state.
    {S::kStarting, E::kRedefine, A::kKeepForNextSpawn},
    {S::kRunning, E::kRedefine, A::kKeepForNextSpawn},
    {S::kBackoff, E::kRedefine, A::kKeepForNextSpawn},
    {S::kStopping, E::kRedefine, A::kKeepForNextSpawn},
    {S::kStopped, E::kRedefine, A::kKeepForNextSpawn},
    {S::kExited, E::kRedefine, A::kKeepForNextSpawn},
    {S::kFailed, E::kRedefine, A::kKeepForNextSpawn},
};

class StateTableTest : public ::testing::TestWithParam<Cell> {};

TEST_P(StateTableTest, Cell) {
  const Cell& c = GetParam();
  EXPECT_STREQ(
      ActionName(StateTable::Lookup(c.state, c.event, c.user_stopping)),
      ActionName(c.action))
      << StateName(c.state) << " x " << EventName(c.event);
}

std::string CellName(const ::testing::TestParamInfo<Cell>& p) {
  std::string name =
      absl::StrCat(StateName(p.param.state), "_", EventName(p.param.event),
                   p.param.user_stopping ? "_by_user" : "");
  return absl::StrReplaceAll(name, {{" ", "_"}, {"-", "_"}});
}

INSTANTIATE_TEST_SUITE_P(Cells, StateTableTest, ::testing::ValuesIn(kCells),
                         CellName);

}  // namespace
}  // namespace runy::engine
