// The process state machine in one place: for each state and event, what a
// Process does. The table is data (StateTable::Lookup); Process performs
// the action it names, so every transition can be read, and is tested,
// here (tests/engine/state_table_test.cc, one test per meaningful cell).
//
// States (ProcessState): starting, running, backoff, stopping, stopped,
// exited, failed; a crash loop is backoff (or running) with the policy's
// crash-loop throttle engaged, decided by RestartPolicy inside kDecide.
#ifndef RUNY_SERVER_ENGINE_STATE_TABLE_H_
#define RUNY_SERVER_ENGINE_STATE_TABLE_H_

#include "server/engine/process_snapshot.h"

namespace runy::engine {

enum class ProcessEvent {
  kUserStart,     // runy start (or a service's run() defining it)
  kUserStop,      // runy stop, a service stopping
  kUserRestart,   // runy restart
  kExit,          // the instance was reaped and runyd did not cause it
  kSpawnFailure,  // posix_spawn failed (counts as an exit with code 127)
  kBackoffTimer,  // the restart delay is over
  kStopTimeout,   // stopTimeout passed while stopping
  kGroupEmpty,    // stopping, the leader reaped: the rest of its group gone
  kWatchChange,   // a watched file changed
  kRedefine,      // a new definition from the service file
};
inline constexpr int kProcessEventCount = 10;
inline constexpr int kProcessStateCount = 7;

enum class ProcessAction {
  kNone,            // the event changes nothing in this state
  kSpawn,           // fresh counts, then spawn: → starting → running
  kStartAfterStop,  // remember to start once the stop in progress ends
  kBeginStop,       // stopSignal to the group, arm stopTimeout: → stopping
  kJoinStop,        // wait for the stop already in progress
  kCancelBackoff,   // cancel the pending restart: → stopped
  kMarkStopped,     // nothing runs: → stopped at once
  kStopThenStart,   // a stop (this table's kUserStop), then kUserStart
  kDecide,          // the restart policy decides: → running (at once),
                    // backoff, exited or failed
  kAwaitGroup,      // the leader is gone: wait for its group, then stopped
  kFinishStop,      // → stopped; a kStartAfterStop then starts it
  kRespawn,         // spawn again, counted by the policy: → running
  kKill,            // SIGKILL to the group (stays stopping)
  kChangeRestart,   // stop (not a user's), then spawn, not counted
  kChangeRestartFresh,  // the same with fresh counts (exited/failed)
  kKeepForNextSpawn,    // the definition applies from the next spawn
};

const char* EventName(ProcessEvent event);
const char* ActionName(ProcessAction action);

class StateTable {
 public:
  // `user_stopping`: the stop in progress was asked for by a user (a watch
  // change does not undo a user's stop).
  static ProcessAction Lookup(ProcessState state, ProcessEvent event,
                              bool user_stopping = false);
};

}  // namespace runy::engine

#endif  // RUNY_SERVER_ENGINE_STATE_TABLE_H_
