/* Prints CLOCK_MONOTONIC nanoseconds on a line COUNT times, every INTERVAL
 * microseconds: the child of the follow-latency benchmark.
 *   stamp_lines COUNT INTERVAL_US                                           */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char** argv) {
  int count = argc > 1 ? atoi(argv[1]) : 100;
  int interval = argc > 2 ? atoi(argv[2]) : 10000;
  for (int i = 0; i < count; ++i) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    printf("stamp %lld\n", (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
    fflush(stdout);
    usleep(interval);
  }
  return 0;
}
