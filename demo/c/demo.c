// A small freestanding C program for purewasm's demo: renders a Mandelbrot set as text, hashes it
// with SHA-256 and runs an i64-heavy PRNG + sort. Built with Debian's clang (see build.sh); the
// host provides `emit(char)` for output.
#include <stdint.h>

__attribute__((import_module("env"), import_name("emit"))) void emit(int c);

// Freestanding: the compiler may call these for struct/array copies.
void *memcpy(void *d, const void *s, unsigned long n) {
  unsigned char *dp = d; const unsigned char *sp = s;
  while (n--) *dp++ = *sp++;
  return d;
}
void *memset(void *d, int c, unsigned long n) {
  unsigned char *dp = d;
  while (n--) *dp++ = (unsigned char)c;
  return d;
}

static void puts_(const char *s) { while (*s) emit(*s++); }

static unsigned char canvas[64 * 32];

__attribute__((export_name("mandelbrot")))
int mandelbrot(int width, int height, int maxIter) {
  const char *shades = " .:-=+*#%@";
  int total = 0;
  for (int y = 0; y < height; y++) {
    for (int x = 0; x < width; x++) {
      double cr = -2.2 + 3.0 * x / width, ci = -1.2 + 2.4 * y / height;
      double zr = 0, zi = 0;
      int i = 0;
      while (i < maxIter && zr * zr + zi * zi < 4.0) {
        double t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
        i++;
      }
      total += i;
      canvas[y * width + x] = shades[i == maxIter ? 9 : (i * 9) / maxIter];
    }
  }
  return total;
}

__attribute__((export_name("show")))
void show(int width, int height) {
  for (int y = 0; y < height; y++) {
    for (int x = 0; x < width; x++) emit(canvas[y * width + x]);
    emit('\n');
  }
}

// ---- SHA-256 ----
static const uint32_t K[64] = {
  0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,
  0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,
  0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,
  0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,
  0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,
  0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,
  0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,
  0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2};
#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256_block(uint32_t h[8], const unsigned char *p) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++) w[i] = (uint32_t)p[4*i] << 24 | (uint32_t)p[4*i+1] << 16 | (uint32_t)p[4*i+2] << 8 | p[4*i+3];
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = ROR(w[i-15], 7) ^ ROR(w[i-15], 18) ^ (w[i-15] >> 3);
    uint32_t s1 = ROR(w[i-2], 17) ^ ROR(w[i-2], 19) ^ (w[i-2] >> 10);
    w[i] = w[i-16] + s0 + w[i-7] + s1;
  }
  uint32_t a=h[0],b=h[1],c=h[2],d=h[3],e=h[4],f=h[5],g=h[6],hh=h[7];
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = hh + (ROR(e,6)^ROR(e,11)^ROR(e,25)) + ((e&f)^(~e&g)) + K[i] + w[i];
    uint32_t t2 = (ROR(a,2)^ROR(a,13)^ROR(a,22)) + ((a&b)^(a&c)^(b&c));
    hh=g; g=f; f=e; e=d+t1; d=c; c=b; b=a; a=t1+t2;
  }
  h[0]+=a; h[1]+=b; h[2]+=c; h[3]+=d; h[4]+=e; h[5]+=f; h[6]+=g; h[7]+=hh;
}

static unsigned char digest[32];

// Hashes `len` bytes of the canvas `rounds` times over (each round hashes the previous digest too).
__attribute__((export_name("sha256_canvas")))
void sha256_canvas(int len, int rounds) {
  static unsigned char buf[64 * 32 + 32 + 72];
  for (int r = 0; r < rounds; r++) {
    int n = 0;
    for (int i = 0; i < len; i++) buf[n++] = canvas[i];
    for (int i = 0; i < 32; i++) buf[n++] = digest[i];
    uint64_t bits = (uint64_t)n * 8;
    buf[n++] = 0x80;
    while (n % 64 != 56) buf[n++] = 0;
    for (int i = 7; i >= 0; i--) buf[n++] = (unsigned char)(bits >> (8 * i));
    uint32_t h[8] = {0x6a09e667,0xbb67ae85,0x3c6ef372,0xa54ff53a,0x510e527f,0x9b05688c,0x1f83d9ab,0x5be0cd19};
    for (int i = 0; i < n; i += 64) sha256_block(h, buf + i);
    for (int i = 0; i < 8; i++) for (int j = 0; j < 4; j++) digest[4*i+j] = (unsigned char)(h[i] >> (24 - 8*j));
  }
}

__attribute__((export_name("show_digest")))
void show_digest(void) {
  const char *hex = "0123456789abcdef";
  for (int i = 0; i < 32; i++) { emit(hex[digest[i] >> 4]); emit(hex[digest[i] & 15]); }
  emit('\n');
}

// ---- i64: xorshift64* numbers, sorted with a heap sort, checksummed ----
static uint64_t nums[4096];

__attribute__((export_name("sort64")))
uint64_t sort64(int n, uint64_t seed) {
  uint64_t s = seed ? seed : 1;
  for (int i = 0; i < n; i++) { s ^= s >> 12; s ^= s << 25; s ^= s >> 27; nums[i] = s * 0x2545F4914F6CDD1DULL; }
  for (int start = n / 2 - 1; start >= 0; start--)
    for (int root = start;;) {
      int child = 2 * root + 1;
      if (child >= n) break;
      if (child + 1 < n && nums[child] < nums[child + 1]) child++;
      if (nums[root] >= nums[child]) break;
      uint64_t t = nums[root]; nums[root] = nums[child]; nums[child] = t; root = child;
    }
  for (int end = n - 1; end > 0; end--) {
    uint64_t t = nums[0]; nums[0] = nums[end]; nums[end] = t;
    for (int root = 0;;) {
      int child = 2 * root + 1;
      if (child >= end) break;
      if (child + 1 < end && nums[child] < nums[child + 1]) child++;
      if (nums[root] >= nums[child]) break;
      t = nums[root]; nums[root] = nums[child]; nums[child] = t; root = child;
    }
  }
  uint64_t sum = 0;
  for (int i = 0; i < n; i++) sum = sum * 31 + nums[i] / 1000003;
  return sum;
}

__attribute__((export_name("hello")))
void hello(void) { puts_("Hello from C, running on purewasm!\n"); }
