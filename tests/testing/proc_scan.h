// What really runs, from /proc: the processes runyd started (found by the
// RUNY_ALIAS it puts in their environment), for tests that count
// duplicates and orphans.
#ifndef RUNY_TESTS_TESTING_PROC_SCAN_H_
#define RUNY_TESTS_TESTING_PROC_SCAN_H_

#include <sys/types.h>

#include <map>
#include <set>
#include <string>

namespace runy::testing {

// For every live (not zombie) process whose RUNY_ALIAS starts with
// `alias_prefix`: alias -> the process groups its processes are in.
std::map<std::string, std::set<pid_t>> LiveGroupsByAlias(
    const std::string& alias_prefix);

}  // namespace runy::testing

#endif  // RUNY_TESTS_TESTING_PROC_SCAN_H_
