// Benchmark program for bench/simd.ts: image and signal kernels that clang auto-vectorises with
// -msimd128 (the same source built without it is the scalar baseline). No libc: static buffers.
#include <stdint.h>

#define N 4096
static uint8_t img_a[N * 4], img_b[N * 4], img_out[N * 4];
static float xs[N], ys[N], zs[N];
static int16_t pcm_a[N], pcm_b[N];
static int32_t hist[N];

// clang turns zeroing loops into memset calls; with no libc the program brings its own.
void *memset(void *d, int c, unsigned long n) {
  volatile uint8_t *p = d;
  while (n--) *p++ = (uint8_t)c;
  return d;
}

static uint32_t seed = 12345;
static uint32_t next(void) {
  seed = seed * 1103515245u + 12345u;
  return seed >> 8;
}

__attribute__((export_name("init"))) void init(void) {
  seed = 12345;
  for (int i = 0; i < N * 4; i++) { img_a[i] = (uint8_t)next(); img_b[i] = (uint8_t)next(); }
  for (int i = 0; i < N; i++) {
    xs[i] = (float)(next() % 2000) / 100.0f - 10.0f;
    ys[i] = (float)(next() % 2000) / 100.0f - 10.0f;
    pcm_a[i] = (int16_t)next();
    pcm_b[i] = (int16_t)next();
    hist[i] = 0;
  }
}

// Alpha blend of two RGBA images (u8 → u16 widening multiply, narrowing back).
static void blend(uint8_t alpha) {
  for (int i = 0; i < N * 4; i++)
    img_out[i] = (uint8_t)((img_a[i] * alpha + img_b[i] * (255 - alpha)) >> 8);
}

// Saturating brighten (u8 add_sat) and max.
static void brighten(uint8_t k) {
  for (int i = 0; i < N * 4; i++) {
    unsigned v = img_out[i] + k;
    img_out[i] = v > 255 ? 255 : (uint8_t)v;
  }
}

// saxpy + clamp on floats.
static void saxpy(float a) {
  for (int i = 0; i < N; i++) {
    float z = a * xs[i] + ys[i];
    zs[i] = z < -5.0f ? -5.0f : (z > 5.0f ? 5.0f : z);
  }
}

// Dot product of 16-bit samples accumulated in 32 bits.
static int32_t dot(void) {
  int32_t s = 0;
  for (int i = 0; i < N; i++) s += pcm_a[i] * pcm_b[i];
  return s;
}

// Mixing with saturation to 16 bits.
static void mix(void) {
  for (int i = 0; i < N; i++) {
    int32_t v = pcm_a[i] + pcm_b[i];
    pcm_b[i] = (int16_t)(v > 32767 ? 32767 : (v < -32768 ? -32768 : v));
  }
}

// Sum of absolute differences (motion estimation).
static uint32_t sad(void) {
  uint32_t s = 0;
  for (int i = 0; i < N * 4; i++) {
    int d = img_a[i] - img_out[i];
    s += (uint32_t)(d < 0 ? -d : d);
  }
  return s;
}

static uint32_t checksum(void) {
  uint32_t h = 0;
  for (int i = 0; i < N; i++) {
    union { float f; uint32_t u; } c = { zs[i] };
    h = h * 31u + c.u + (uint32_t)hist[i];
  }
  return h;
}

__attribute__((export_name("run"))) uint32_t run(int iters) {
  uint32_t acc = 0;
  for (int it = 0; it < iters; it++) {
    blend((uint8_t)(it * 7));
    brighten((uint8_t)(it & 31));
    saxpy(0.5f + (float)(it & 7));
    int32_t d = dot();
    mix();
    uint32_t s = sad();
    hist[it & (N - 1)] += d;
    acc = acc * 33u + (uint32_t)d + s;
  }
  return acc ^ checksum();
}
