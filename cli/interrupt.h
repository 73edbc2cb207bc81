// Ctrl-C and SIGTERM for runy: blocked before gRPC starts any thread, read
// by one thread of runy's own. By default they end runy as if unhandled; a
// command that wants to end cleanly (logs -f) installs a handler.
#ifndef RUNY_CLI_INTERRUPT_H_
#define RUNY_CLI_INTERRUPT_H_

#include <functional>

namespace runy::cli {

// REQUIRES: called from main() before any other thread exists (gRPC's
// threads then inherit the blocked mask, so only runy's waiter sees them).
void InstallInterruptHandling();

// From now on an interrupt runs `handler` on the waiter thread instead of
// ending runy. Thread-safe.
void SetInterruptHandler(std::function<void()> handler);

}  // namespace runy::cli

#endif  // RUNY_CLI_INTERRUPT_H_
