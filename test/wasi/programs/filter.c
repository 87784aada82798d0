// stdin → stdout: upper-cases ASCII letters; reports the line and byte counts on stderr.
#include <ctype.h>
#include <stdio.h>

int main(void) {
  int c;
  long lines = 0, bytes = 0;
  while ((c = getchar()) != EOF) {
    bytes++;
    if (c == '\n') lines++;
    putchar(toupper(c));
  }
  fprintf(stderr, "%ld lines, %ld bytes\n", lines, bytes);
  return 0;
}
