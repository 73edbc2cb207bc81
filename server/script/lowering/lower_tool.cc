// runy_lower FILE.js: prints the ES5 that runy runs for a JavaScript file
// (what the lowering makes of it), or its SyntaxError; for people working
// on the lowering.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "server/script/lowering/lower.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FILE.js\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[1]);
    return 2;
  }
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<std::string> out = runy::script::Lower(text.str(), argv[1]);
  if (!out.ok()) {
    std::cerr << out.status().message() << "\n";
    return 1;
  }
  std::cout << *out;
  return 0;
}
