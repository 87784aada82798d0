// Clocks, sleeping (poll_oneoff) and randomness: prints only what does not vary between runs.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

static long long ns(clockid_t c) {
  struct timespec t;
  if (clock_gettime(c, &t) != 0) return -1;
  return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(void) {
  long long real = ns(CLOCK_REALTIME);
  printf("realtime after 2020: %s\n", real > 1577836800LL * 1000000000LL ? "yes" : "no");
  long long m0 = ns(CLOCK_MONOTONIC);
  struct timespec req = {0, 20 * 1000000};
  nanosleep(&req, NULL);
  long long m1 = ns(CLOCK_MONOTONIC);
  printf("slept at least 20ms: %s\n", m1 - m0 >= 20000000LL ? "yes" : "no");
  printf("slept less than 2s: %s\n", m1 - m0 < 2000000000LL ? "yes" : "no");
  struct timespec res;
  printf("monotonic resolution ok: %s\n", clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 ? "yes" : "no");
  printf("cputime readable: %s\n", ns(CLOCK_PROCESS_CPUTIME_ID) >= 0 ? "yes" : "no");
  unsigned char a[64], b[64];
  getentropy(a, sizeof a);
  getentropy(b, sizeof b);
  printf("random buffers differ: %s\n", memcmp(a, b, sizeof a) != 0 ? "yes" : "no");
  return 0;
}
