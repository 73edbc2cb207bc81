/* Appends CLOCK_MONOTONIC nanoseconds to FILE, then exits -- or, with
 * --wait, waits to be killed: the child of the restart-latency and
 * watch-latency benchmarks.
 *   stamp FILE [--wait]                                                      */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  char line[32];
  int n = snprintf(line, sizeof line, "%lld\n",
                   (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
  int fd = open(argv[1], O_WRONLY | O_APPEND | O_CREAT, 0600);
  if (fd < 0 || write(fd, line, n) != n) return 1;
  close(fd);
  if (argc > 2 && strcmp(argv[2], "--wait") == 0) {
    for (;;) pause();
  }
  return 0;
}
