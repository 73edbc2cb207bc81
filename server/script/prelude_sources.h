// The runtime prelude: the js/*.js files, embedded at build time by
// embed_js.cmake in load order.
#ifndef RUNY_SERVER_SCRIPT_PRELUDE_SOURCES_H_
#define RUNY_SERVER_SCRIPT_PRELUDE_SOURCES_H_

#include <cstddef>

namespace runy::script {

struct PreludeFile {
  const char* name;    // "runy:promise.js": the file name in stack traces
  const char* source;  // body of function (global, R, I) { ... }
};

extern const PreludeFile kPreludeFiles[];
extern const size_t kPreludeFileCount;

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_PRELUDE_SOURCES_H_
