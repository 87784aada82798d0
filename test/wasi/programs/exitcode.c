// Exits with the code given as argv[1]; with argv[2] == "flush" it writes first and exits through
// exit() (flushing stdio), otherwise through _Exit (proc_exit with unflushed output lost).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  int code = argc > 1 ? atoi(argv[1]) : 0;
  printf("exiting with %d\n", code);
  if (argc > 2 && strcmp(argv[2], "flush") == 0) exit(code);
  fflush(stdout);
  _Exit(code);
}
