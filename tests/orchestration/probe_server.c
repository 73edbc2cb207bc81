/* A TCP and HTTP server for probe tests.
 *   probe_server PORT DELAY_MS STATUS_FILE
 * Waits DELAY_MS, prints "listening on PORT", then answers every HTTP
 * request with the status code in STATUS_FILE (200 when it is missing or
 * empty) and closes the connection.                                      */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int status_code(const char* path) {
  FILE* f = fopen(path, "r");
  int code = 200;
  if (f != NULL) {
    if (fscanf(f, "%d", &code) != 1) code = 200;
    fclose(f);
  }
  return code;
}

int main(int argc, char** argv) {
  if (argc < 4) return 2;
  int port = atoi(argv[1]);
  usleep((useconds_t)atoi(argv[2]) * 1000);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in addr;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_port = htons((unsigned short)port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, (struct sockaddr*)&addr, sizeof addr) != 0 ||
      listen(fd, 16) != 0) {
    perror("listen");
    return 1;
  }
  printf("listening on %d\n", port);
  fflush(stdout);
  for (;;) {
    int c = accept(fd, NULL, NULL);
    if (c < 0) continue;
    char buf[2048];
    ssize_t n = recv(c, buf, sizeof buf, 0);
    if (n > 0) {
      char reply[128];
      int len = snprintf(reply, sizeof reply,
                         "HTTP/1.0 %d Probe\r\nContent-Length: 0\r\n\r\n",
                         status_code(argv[3]));
      send(c, reply, (size_t)len, MSG_NOSIGNAL);
    }
    close(c);
  }
}
