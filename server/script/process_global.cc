#include "server/script/process_global.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace runy::script {
namespace {

duk_ret_t JsExit(duk_context* ctx) {
  // process.exit(code): node's codes (undefined: 0; not a number: 1).
  int code = 0;
  if (!duk_is_undefined(ctx, 0)) {
    double value = duk_to_number(ctx, 0);
    code = value == value ? static_cast<int>(value) & 0xff : 1;
  }
  if (duk_get_current_magic(ctx) == 0) {
    return duk_error(ctx, DUK_ERR_ERROR,
                     "process.exit() is not available in a service file: it "
                     "would stop runyd and every service (a service ends "
                     "when its processes stop; `runy stop` stops them)");
  }
  std::fflush(stdout);
  std::fflush(stderr);
  std::_Exit(code);
}

duk_ret_t JsCwd(duk_context* ctx) {
  char buf[4096];
  if (getcwd(buf, sizeof buf) == nullptr) {
    return duk_error(ctx, DUK_ERR_ERROR, "process.cwd(): %s",
                     std::strerror(errno));
  }
  duk_push_string(ctx, buf);
  return 1;
}

}  // namespace

void InstallProcessGlobal(duk_context* ctx,
                          const ProcessGlobalOptions& options) {
  duk_push_global_object(ctx);
  duk_push_object(ctx);
  duk_push_object(ctx);
  for (char** e = environ; *e != nullptr; ++e) {
    const char* eq = std::strchr(*e, '=');
    if (eq == nullptr) continue;
    duk_push_string(ctx, eq + 1);
    duk_put_prop_lstring(ctx, -2, *e, static_cast<duk_size_t>(eq - *e));
  }
  duk_put_prop_string(ctx, -2, "env");
  // runyd's own path first (no C++ strings here: this code may longjmp).
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  exe[n > 0 ? n : 0] = '\0';
  duk_push_array(ctx);
  duk_push_string(ctx, exe);
  duk_put_prop_index(ctx, -2, 0);
  for (size_t i = 0; i < options.argv.size(); ++i) {
    duk_push_lstring(ctx, options.argv[i].data(), options.argv[i].size());
    duk_put_prop_index(ctx, -2, static_cast<duk_uarridx_t>(i + 1));
  }
  duk_put_prop_string(ctx, -2, "argv");
  duk_push_string(ctx, exe);
  duk_put_prop_string(ctx, -2, "execPath");
  duk_push_string(ctx, "linux");
  duk_put_prop_string(ctx, -2, "platform");
  duk_push_int(ctx, static_cast<duk_int_t>(getpid()));
  duk_put_prop_string(ctx, -2, "pid");
  duk_push_c_function(ctx, &JsExit, 1);
  duk_set_magic(ctx, -1, options.allow_exit ? 1 : 0);
  duk_put_prop_string(ctx, -2, "exit");
  duk_push_c_function(ctx, &JsCwd, 0);
  duk_put_prop_string(ctx, -2, "cwd");
  // nextTick: js/promise.js (its queue runs before the microtasks).
  duk_put_prop_string(ctx, -2, "process");
  duk_pop(ctx);
}

}  // namespace runy::script
