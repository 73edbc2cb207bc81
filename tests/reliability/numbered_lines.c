/* Writes numbered lines to stdout until it is killed, at about RATE bytes a
 * second in lines of LEN bytes ("<n> xxxx...\n", n from 1): the chatty child
 * of the reliability tests, whose logs must hold every n exactly once.
 *   numbered_lines LEN RATE                                                */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char** argv) {
  long len = argc > 1 ? atol(argv[1]) : 100;
  long rate = argc > 2 ? atol(argv[2]) : 100000;
  if (len < 16) len = 16;
  const long tick_ns = 10 * 1000 * 1000; /* 10 ms */
  double per_tick = (double)rate / len / 100.0;
  double owed = 0;
  char* buf = malloc(1 << 20);
  if (buf == NULL) return 1;
  unsigned long long n = 0;
  struct timespec next;
  clock_gettime(CLOCK_MONOTONIC, &next);
  for (;;) {
    owed += per_tick;
    size_t used = 0;
    while (owed >= 1 && used + (size_t)len < (1 << 20)) {
      int head = snprintf(buf + used, 32, "%llu ", ++n);
      memset(buf + used + head, 'x', (size_t)(len - head - 1));
      buf[used + len - 1] = '\n';
      used += (size_t)len;
      owed -= 1;
    }
    for (size_t done = 0; done < used;) {
      ssize_t w = write(1, buf + done, used - done);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) return 0; /* runyd is gone */
      done += (size_t)w;
    }
    next.tv_nsec += tick_ns;
    if (next.tv_nsec >= 1000000000) {
      next.tv_nsec -= 1000000000;
      next.tv_sec += 1;
    }
    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
  }
}
