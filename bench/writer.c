/* Writes TOTAL bytes of 100-byte lines to stdout or to a file, either one
 * line per write(2) or in 1 MiB writes: the child of the capture benchmark.
 *   writer TOTAL line|chunk [FILE]                                          */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char** argv) {
  if (argc < 3) return 2;
  long long total = atoll(argv[1]);
  int per_line = strcmp(argv[2], "line") == 0;
  int fd = 1;
  if (argc > 3) fd = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return 1;
  enum { kLine = 100, kChunk = 1 << 20 };
  static char chunk[kChunk];
  for (int i = 0; i + kLine <= kChunk; i += kLine) {
    for (int j = 0; j < kLine - 1; ++j)
      chunk[i + j] = (char)('a' + (i / kLine + j) % 26);
    chunk[i + kLine - 1] = '\n';
  }
  long long done = 0;
  while (done < total) {
    size_t n = per_line ? kLine : kChunk - kChunk % kLine;
    if ((long long)n > total - done) n = (size_t)(total - done);
    size_t off = (size_t)(done % (kChunk - kChunk % kLine));
    if (off + n > sizeof chunk) off = 0;
    ssize_t w = write(fd, chunk + off, n);
    if (w <= 0) return 1;
    done += w;
  }
  return 0;
}
