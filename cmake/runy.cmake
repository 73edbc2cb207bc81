# Helpers shared by every folder's CMakeLists.txt.

set(RUNY_WARNINGS -Wall -Wextra -Werror -Wshadow -Wnon-virtual-dtor
    -Wcast-qual -Wformat=2)
# clang checks the ABSL_GUARDED_BY annotations of state shared across
# threads (common/mutex.h); scripts/test builds with clang for it.
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  list(APPEND RUNY_WARNINGS -Wthread-safety -Wthread-safety-beta)
endif()

# runy_library(NAME SRCS... DEPS...): one static library per module folder.
function(runy_library name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SRCS})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_compile_options(${name} PRIVATE ${RUNY_WARNINGS})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# runy_test(NAME SRCS... DEPS... [LABELS ...]): a GoogleTest binary under ctest.
function(runy_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SRCS;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SRCS})
  target_compile_options(${name} PRIVATE ${RUNY_WARNINGS})
  if(RUNY_SANITIZE MATCHES "address")
    # GCC 12 with ASan warns inside libstdc++'s std::regex (a false
    # -Wmaybe-uninitialized, seen in tests that match output).
    target_compile_options(${name} PRIVATE -Wno-maybe-uninitialized)
  endif()
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} runy_testing
                        GTest::gmock GTest::gtest_main)
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  add_test(NAME ${name} COMMAND ${name})
  set(env "RUNYD=$<TARGET_FILE:runyd>;RUNY=$<TARGET_FILE:runy>;RUNY_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
  if(RUNY_SANITIZE)
    list(APPEND env "RUNY_EXEC_TIMEOUT_MS=20000")
  endif()
  if(RUNY_SANITIZE MATCHES "thread")
    list(APPEND env "TSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/tsan.supp")
  endif()
  if(RUNY_SANITIZE MATCHES "address")
    # Leaks inside Debian's gRPC/Protobuf at exit are not ours to fix; a
    # small quarantine keeps memory-bound tests meaningful.
    list(APPEND env "ASAN_OPTIONS=detect_leaks=0:quarantine_size_mb=16")
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT ${ARG_TIMEOUT}
    LABELS "${ARG_LABELS}" ENVIRONMENT "${env}")
endfunction()
