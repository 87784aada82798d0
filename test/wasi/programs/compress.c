// LZ77 compression round trip of the file argv[1]: compresses into argv[2], decompresses, checks
// the result, and prints sizes, checksums (64-bit FNV-1a, CRC-32) and the byte entropy. Exercises
// malloc/realloc (memory.grow), 64-bit integer arithmetic and libm floating point.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HASH_BITS 15
#define MIN_MATCH 4
#define MAX_DIST 65535

static uint8_t *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); exit(2); }
  size_t cap = 1024, n = 0, got;
  uint8_t *buf = malloc(cap);
  while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) buf = realloc(buf, cap *= 2);
  }
  fclose(f);
  *len = n;
  return buf;
}

static size_t put_varint(uint8_t *out, uint32_t v) {
  size_t k = 0;
  while (v >= 0x80) { out[k++] = (uint8_t)(v | 0x80); v >>= 7; }
  out[k++] = (uint8_t)v;
  return k;
}

static uint32_t get_varint(const uint8_t **p) {
  uint32_t v = 0;
  for (int shift = 0;; shift += 7) {
    uint8_t b = *(*p)++;
    v |= (uint32_t)(b & 0x7f) << shift;
    if (b < 0x80) return v;
  }
}

// Tokens: varint literal count, the literals, then varint match length (0 = end) and distance.
static size_t compress(const uint8_t *in, size_t n, uint8_t *out) {
  static int32_t head[1 << HASH_BITS];
  memset(head, -1, sizeof head);
  size_t o = 0, lit = 0, i = 0;
  while (i + MIN_MATCH <= n) {
    uint32_t h = (uint32_t)(in[i] | in[i + 1] << 8 | in[i + 2] << 16 | (uint32_t)in[i + 3] << 24) * 2654435761u >> (32 - HASH_BITS);
    int32_t cand = head[h];
    head[h] = (int32_t)i;
    size_t len = 0;
    if (cand >= 0 && i - (size_t)cand <= MAX_DIST)
      while (i + len < n && in[cand + len] == in[i + len] && len < 65535) len++;
    if (len >= MIN_MATCH) {
      o += put_varint(out + o, (uint32_t)(i - lit));
      memcpy(out + o, in + lit, i - lit);
      o += i - lit;
      o += put_varint(out + o, (uint32_t)len);
      o += put_varint(out + o, (uint32_t)(i - (size_t)cand));
      i += len;
      lit = i;
    } else {
      i++;
    }
  }
  o += put_varint(out + o, (uint32_t)(n - lit));
  memcpy(out + o, in + lit, n - lit);
  o += n - lit;
  o += put_varint(out + o, 0);
  return o;
}

static size_t decompress(const uint8_t *p, uint8_t *out) {
  size_t o = 0;
  for (;;) {
    uint32_t lits = get_varint(&p);
    memcpy(out + o, p, lits);
    p += lits;
    o += lits;
    uint32_t len = get_varint(&p);
    if (len == 0) return o;
    uint32_t dist = get_varint(&p);
    for (uint32_t k = 0; k < len; k++, o++) out[o] = out[o - dist]; // overlapping copies repeat
  }
}

static uint64_t fnv1a64(const uint8_t *p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

static uint32_t crc32(const uint8_t *p, size_t n) {
  uint32_t c = 0xffffffffu;
  for (size_t i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++) c = c >> 1 ^ (0xedb88320u & -(c & 1));
  }
  return ~c;
}

int main(int argc, char **argv) {
  if (argc < 3) { fprintf(stderr, "usage: compress IN OUT\n"); return 2; }
  size_t n;
  uint8_t *in = read_all(argv[1], &n);
  uint8_t *packed = malloc(n + n / 64 + 16);
  size_t m = compress(in, n, packed);
  uint8_t *back = malloc(n + 1);
  size_t k = decompress(packed, back);
  if (k != n || memcmp(in, back, n) != 0) { fprintf(stderr, "round trip FAILED\n"); return 1; }
  FILE *f = fopen(argv[2], "wb");
  if (!f || fwrite(packed, 1, m, f) != m || fclose(f) != 0) { perror(argv[2]); return 2; }
  double counts[256] = {0}, entropy = 0;
  for (size_t i = 0; i < n; i++) counts[in[i]]++;
  for (int b = 0; b < 256; b++)
    if (counts[b] > 0) entropy -= counts[b] / n * log2(counts[b] / n);
  printf("in %zu bytes, out %zu bytes, ratio %.4f\n", n, m, n ? (double)m / n : 0.0);
  printf("fnv1a64 %016llx crc32 %08x\n", (unsigned long long)fnv1a64(in, n), crc32(packed, m));
  printf("entropy %.6f bits/byte, sqrt(n) %.3f, exp(-ratio) %.9g\n", entropy, sqrt((double)n), exp(-(double)m / (n ? n : 1)));
  free(in); free(packed); free(back);
  return 0;
}
