/* Appends CLOCK_MONOTONIC nanoseconds to FILE, then waits to be killed: the
 * long-running child of the watch-latency benchmark.
 *   stamp_and_wait FILE                                                      */
#include <fcntl.h>
#include <stdio.h>
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
  for (;;) pause();
}
