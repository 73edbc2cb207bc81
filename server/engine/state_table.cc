#include "server/engine/state_table.h"

namespace runy::engine {
namespace {

using A = ProcessAction;

// Rows: ProcessState in declaration order (starting, running, backoff,
// stopping, stopped, exited, failed). Columns: ProcessEvent in declaration
// order. kStopping × kWatchChange depends on who stops (Lookup).
constexpr A kTable[kProcessStateCount][kProcessEventCount] = {
    //          start            stop            restart
    //          exit             spawn-failure   backoff-timer
    //          stop-timeout     group-empty     watch-change
    //          redefine
    /* starting */ {A::kNone, A::kBeginStop, A::kStopThenStart,  //
                    A::kDecide, A::kDecide, A::kNone,            //
                    A::kNone, A::kNone, A::kChangeRestart,       //
                    A::kKeepForNextSpawn},
    /* running */
    {A::kNone, A::kBeginStop, A::kStopThenStart,  //
     A::kDecide, A::kNone, A::kNone,              //
     A::kNone, A::kNone, A::kChangeRestart,       //
     A::kKeepForNextSpawn},
    /* backoff */
    {A::kSpawn, A::kCancelBackoff, A::kStopThenStart,  //
     A::kNone, A::kNone, A::kRespawn,                  //
     A::kNone, A::kNone, A::kChangeRestart,            //
     A::kKeepForNextSpawn},
    /* stopping */
    {A::kStartAfterStop, A::kJoinStop, A::kStopThenStart,  //
     A::kAwaitGroup, A::kNone, A::kNone,                   //
     A::kKill, A::kFinishStop, A::kChangeRestart,          //
     A::kKeepForNextSpawn},
    /* stopped */
    {A::kSpawn, A::kMarkStopped, A::kStopThenStart,  //
     A::kNone, A::kNone, A::kNone,                   //
     A::kNone, A::kNone, A::kNone,                   //
     A::kKeepForNextSpawn},
    /* exited */
    {A::kSpawn, A::kMarkStopped, A::kStopThenStart,  //
     A::kNone, A::kNone, A::kNone,                   //
     A::kNone, A::kNone, A::kChangeRestartFresh,     //
     A::kKeepForNextSpawn},
    /* failed */
    {A::kSpawn, A::kMarkStopped, A::kStopThenStart,  //
     A::kNone, A::kNone, A::kNone,                   //
     A::kNone, A::kNone, A::kChangeRestartFresh,     //
     A::kKeepForNextSpawn},
};

int Row(ProcessState state) {
  switch (state) {
    case ProcessState::kStarting:
      return 0;
    case ProcessState::kRunning:
      return 1;
    case ProcessState::kBackoff:
      return 2;
    case ProcessState::kStopping:
      return 3;
    case ProcessState::kStopped:
      return 4;
    case ProcessState::kExited:
      return 5;
    case ProcessState::kFailed:
      return 6;
  }
  return 4;
}

}  // namespace

ProcessAction StateTable::Lookup(ProcessState state, ProcessEvent event,
                                 bool user_stopping) {
  if (state == ProcessState::kStopping && event == ProcessEvent::kWatchChange &&
      user_stopping) {
    return A::kNone;  // a change does not undo a user's stop
  }
  return kTable[Row(state)][static_cast<int>(event)];
}

const char* EventName(ProcessEvent event) {
  switch (event) {
    case ProcessEvent::kUserStart:
      return "user start";
    case ProcessEvent::kUserStop:
      return "user stop";
    case ProcessEvent::kUserRestart:
      return "user restart";
    case ProcessEvent::kExit:
      return "exit";
    case ProcessEvent::kSpawnFailure:
      return "spawn failure";
    case ProcessEvent::kBackoffTimer:
      return "backoff timer";
    case ProcessEvent::kStopTimeout:
      return "stop timeout";
    case ProcessEvent::kGroupEmpty:
      return "group empty";
    case ProcessEvent::kWatchChange:
      return "watch change";
    case ProcessEvent::kRedefine:
      return "redefinition";
  }
  return "?";
}

const char* ActionName(ProcessAction action) {
  switch (action) {
    case A::kNone:
      return "none";
    case A::kSpawn:
      return "spawn";
    case A::kStartAfterStop:
      return "start after stop";
    case A::kBeginStop:
      return "begin stop";
    case A::kJoinStop:
      return "join stop";
    case A::kCancelBackoff:
      return "cancel backoff";
    case A::kMarkStopped:
      return "mark stopped";
    case A::kStopThenStart:
      return "stop then start";
    case A::kDecide:
      return "decide";
    case A::kAwaitGroup:
      return "await group";
    case A::kFinishStop:
      return "finish stop";
    case A::kRespawn:
      return "respawn";
    case A::kKill:
      return "kill";
    case A::kChangeRestart:
      return "change restart";
    case A::kChangeRestartFresh:
      return "change restart (fresh counts)";
    case A::kKeepForNextSpawn:
      return "keep for next spawn";
  }
  return "?";
}

}  // namespace runy::engine
