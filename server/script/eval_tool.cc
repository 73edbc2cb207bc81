// runy_eval FILE: EvalMain as a standalone tool (tests and debugging; the
// daemon offers the same as `runyd --eval FILE`).
#include <cstdio>

#include "server/script/eval_main.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FILE.js\n", argv[0]);
    return 2;
  }
  return runy::script::EvalMain(argv[1]);
}
