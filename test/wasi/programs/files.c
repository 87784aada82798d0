// File I/O in the preopened directory argv[1]: create, write, read back, seek, append, truncate,
// mkdir, readdir (sorted), rename, stat, unlink, rmdir, and the errors of each failure it provokes.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char path[512];
static const char *at(const char *dir, const char *name) {
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return path;
}

#define CHECK(call) do { if ((call) < 0) { printf("%s: %s\n", #call, strerror(errno)); return 1; } } while (0)
#define EXPECT_FAIL(call) do { errno = 0; long r_ = (long)(call); printf("%s -> %ld (%s)\n", #call, r_, strerror(errno)); } while (0)

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) { printf("opendir %s: %s\n", dir, strerror(errno)); return; }
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 64) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, cmp);
  printf("listing of %s:", dir);
  for (int i = 0; i < n; i++) {
    struct stat st;
    char full[512];
    snprintf(full, sizeof full, "%s/%s", dir, names[i]);
    if (stat(full, &st) == 0) printf(" %s(%s,%lld)", names[i], S_ISDIR(st.st_mode) ? "dir" : "file", (long long)st.st_size);
    else printf(" %s(?)", names[i]);
    free(names[i]);
  }
  printf("\n");
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : ".";
  char buf[256];

  int fd = open(at(dir, "a.txt"), O_CREAT | O_TRUNC | O_WRONLY, 0644);
  CHECK(fd);
  CHECK(write(fd, "hello, world\n", 13));
  CHECK(write(fd, "second line\n", 12));
  CHECK(close(fd));

  fd = open(at(dir, "a.txt"), O_RDONLY);
  CHECK(fd);
  ssize_t n = read(fd, buf, sizeof buf - 1);
  CHECK(n);
  buf[n] = 0;
  printf("read %zd bytes: %s", n, buf);
  printf("seek end -> %lld\n", (long long)lseek(fd, 0, SEEK_END));
  printf("seek 7 -> %lld\n", (long long)lseek(fd, 7, SEEK_SET));
  n = read(fd, buf, 5);
  buf[n] = 0;
  printf("after seek: %s\n", buf);
  printf("tell -> %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  n = pread(fd, buf, 6, 13);
  buf[n] = 0;
  printf("pread at 13: %s\n", buf);
  EXPECT_FAIL(write(fd, "x", 1));
  CHECK(close(fd));

  FILE *f = fopen(at(dir, "a.txt"), "a");
  if (!f) { perror("fopen a"); return 1; }
  fprintf(f, "appended %d\n", 3);
  fclose(f);

  fd = open(at(dir, "a.txt"), O_RDWR);
  CHECK(fd);
  CHECK(ftruncate(fd, 30));
  struct stat st;
  CHECK(fstat(fd, &st));
  printf("size after truncate: %lld\n", (long long)st.st_size);
  CHECK(pwrite(fd, "HELLO", 5, 0));
  n = pread(fd, buf, 30, 0);
  buf[n] = 0;
  printf("contents: %s|\n", buf);
  CHECK(close(fd));

  CHECK(mkdir(at(dir, "sub"), 0755));
  EXPECT_FAIL(mkdir(at(dir, "sub"), 0755));
  fd = open(at(dir, "sub/b.bin"), O_CREAT | O_WRONLY | O_EXCL, 0644);
  CHECK(fd);
  for (int i = 0; i < 1000; i++) CHECK(write(fd, &i, sizeof i));
  CHECK(close(fd));
  EXPECT_FAIL(open(at(dir, "sub/b.bin"), O_CREAT | O_WRONLY | O_EXCL, 0644));
  list(dir);
  list(at(dir, "sub"));

  char from[512], to[512];
  snprintf(from, sizeof from, "%s/a.txt", dir);
  snprintf(to, sizeof to, "%s/sub/renamed.txt", dir);
  CHECK(rename(from, to));
  EXPECT_FAIL(open(from, O_RDONLY));
  CHECK(stat(to, &st));
  printf("renamed size: %lld\n", (long long)st.st_size);
  EXPECT_FAIL(rmdir(at(dir, "sub")));
  EXPECT_FAIL(unlink(at(dir, "sub")));
  EXPECT_FAIL(open(at(dir, "missing/x"), O_RDONLY));
  EXPECT_FAIL(open(at(dir, "sub/renamed.txt/x"), O_RDONLY));
  EXPECT_FAIL(open(at(dir, "../escape.txt"), O_CREAT | O_WRONLY, 0644));
  list(at(dir, "sub"));
  CHECK(unlink(to));
  CHECK(unlink(at(dir, "sub/b.bin")));
  CHECK(rmdir(at(dir, "sub")));

  fd = open(at(dir, "kept.txt"), O_CREAT | O_WRONLY | O_TRUNC, 0644);
  CHECK(fd);
  CHECK(write(fd, "this file stays\n", 16));
  CHECK(close(fd));
  list(dir);
  return 0;
}
