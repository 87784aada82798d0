// Prints its arguments and environment, one per line, then the first byte count of each.
#include <stdio.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 0; i < argc; i++) printf("argv[%d]=%s (%zu bytes)\n", i, argv[i], strlen(argv[i]));
  int n = 0;
  for (char **e = environ; *e; e++, n++) printf("env: %s\n", *e);
  printf("envc=%d\n", n);
  fprintf(stderr, "done\n");
  return 0;
}
