// File metadata and links in the preopened directory argv[1]: symlink, readlink, lstat vs stat,
// hard links, utimensat/futimens with fixed times, fsync, O_APPEND switched by fcntl, fdopendir
// with rewinddir, and the errors of renames, removals and paths through non-directories.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char buf[512];
static const char *at(const char *dir, const char *name) {
  static char paths[4][512];
  static int k;
  char *p = paths[k++ % 4];
  snprintf(p, 512, "%s/%s", dir, name);
  return p;
}

#define SHOW(call) do { errno = 0; long r_ = (long)(call); printf("%-60s -> %ld%s%s\n", #call, r_, r_ < 0 ? " " : "", r_ < 0 ? strerror(errno) : ""); } while (0)

static const char *kind(mode_t m) {
  return S_ISLNK(m) ? "link" : S_ISDIR(m) ? "dir" : S_ISREG(m) ? "file" : "other";
}

int main(int argc, char **argv) {
  const char *d = argc > 1 ? argv[1] : ".";
  struct stat st;
  int fd = open(at(d, "data"), O_CREAT | O_WRONLY | O_TRUNC, 0644);
  SHOW(write(fd, "0123456789", 10));
  SHOW(fsync(fd));
  SHOW(fdatasync(fd));
  SHOW(close(fd));

  SHOW(symlink("data", at(d, "ln")));
  SHOW(symlink("missing-target", at(d, "dangling")));
  ssize_t n = readlink(at(d, "ln"), buf, sizeof buf);
  printf("readlink ln: %.*s\n", (int)n, buf);
  SHOW(readlink(at(d, "data"), buf, sizeof buf));
  SHOW(lstat(at(d, "ln"), &st));
  printf("lstat ln: %s\n", kind(st.st_mode));
  SHOW(stat(at(d, "ln"), &st));
  printf("stat ln: %s size %lld\n", kind(st.st_mode), (long long)st.st_size);
  SHOW(stat(at(d, "dangling"), &st));
  SHOW(lstat(at(d, "dangling"), &st));

  SHOW(link(at(d, "data"), at(d, "hard")));
  SHOW(stat(at(d, "hard"), &st));
  printf("nlink after link: %lld\n", (long long)st.st_nlink);

  struct timespec times[2] = {{1000000000, 0}, {1234567890, 500000000}};
  SHOW(utimensat(AT_FDCWD, at(d, "data"), times, 0));
  SHOW(stat(at(d, "data"), &st));
  // seconds only: node:wasi drops the nanoseconds that purewasm's Wasi keeps
  printf("mtime %lld atime %lld\n", (long long)st.st_mtim.tv_sec, (long long)st.st_atim.tv_sec);
  fd = open(at(d, "data"), O_RDWR);
  struct timespec later[2] = {{2000000000, 0}, {UTIME_OMIT, 0}};
  SHOW(futimens(fd, later));
  SHOW(fstat(fd, &st));
  printf("after futimens: mtime %lld atime %lld\n", (long long)st.st_mtim.tv_sec, (long long)st.st_atim.tv_sec);

  SHOW(fcntl(fd, F_SETFL, O_APPEND));
  SHOW(write(fd, "AB", 2));
  SHOW(fcntl(fd, F_SETFL, 0));
  SHOW(lseek(fd, 0, SEEK_SET));
  SHOW(write(fd, "xy", 2));
  n = pread(fd, buf, sizeof buf, 0);
  printf("contents: %.*s\n", (int)n, buf);
  SHOW(lseek(fd, 100, SEEK_SET));
  SHOW(write(fd, "!", 1));
  SHOW(fstat(fd, &st));
  printf("size after write past end: %lld\n", (long long)st.st_size);
  SHOW(close(fd));

  SHOW(mkdir(at(d, "dir"), 0755));
  for (int i = 0; i < 5; i++) {
    char name[16];
    snprintf(name, sizeof name, "dir/f%d", i);
    SHOW(close(open(at(d, name), O_CREAT | O_WRONLY, 0644)));
  }
  int dfd = open(at(d, "dir"), O_RDONLY | O_DIRECTORY);
  DIR *dir = fdopendir(dfd);
  // "." and ".." are counted apart: node:wasi leaves them out, POSIX (and purewasm) lists them
  int count = 0, again = 0;
  struct dirent *e;
  while ((e = readdir(dir))) count += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
  printf("entries: %d\n", count);
  rewinddir(dir);
  while ((e = readdir(dir))) again += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
  printf("same after rewind: %s\n", again == count ? "yes" : "no");
  closedir(dir);

  SHOW(access(at(d, "data"), F_OK));
  SHOW(access(at(d, "nothing"), F_OK));
  SHOW(rename(at(d, "dir"), at(d, "data")));
  SHOW(rename(at(d, "data"), at(d, "dir")));
  SHOW(unlink(at(d, "ln")));
  SHOW(unlink(at(d, "dangling")));
  SHOW(rmdir(at(d, "data")));
  SHOW(open(at(d, "data/"), O_RDONLY));
  SHOW(mkdir(at(d, "dir/f0/sub"), 0755));
  return 0;
}
