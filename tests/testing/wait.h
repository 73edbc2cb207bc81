// Waiting for a condition with a deadline, never sleeping blindly.
#ifndef RUNY_TESTS_TESTING_WAIT_H_
#define RUNY_TESTS_TESTING_WAIT_H_

#include <functional>

#include "absl/time/time.h"

namespace runy::testing {

// Polls `pred` every millisecond or so until it holds or `timeout` passes.
// Returns whether it held.
bool WaitFor(const std::function<bool()>& pred,
             absl::Duration timeout = absl::Seconds(10));

}  // namespace runy::testing

#endif  // RUNY_TESTS_TESTING_WAIT_H_
