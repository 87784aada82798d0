// Inputs for the numerics differential tests, as bits (i32/f32: int32 numbers; i64/f64: signed
// BigInt): edge values that exercise every special case of the spec's numerics, plus a seeded
// random stream so that failures reproduce.
import type { Bits, Ty } from './numerics-oracle.js';

/** xorshift128+ on two 32-bit halves: deterministic, fast, no BigInt. */
export class Rng {
  private a = 0x9e3779b9 | 0;
  private b = 0x243f6a88 | 0;
  constructor(seed: number) {
    this.a ^= seed;
    for (let i = 0; i < 8; i++) this.u32();
  }
  u32(): number {
    let s1 = this.a;
    const s0 = this.b;
    this.a = s0;
    s1 ^= s1 << 23;
    s1 ^= s1 >>> 17;
    s1 ^= s0 ^ (s0 >>> 26);
    this.b = s1;
    return (this.b + s0) >>> 0;
  }
  int(n: number): number {
    return this.u32() % n;
  }
  i64(): bigint {
    return BigInt.asIntN(64, (BigInt(this.u32()) << 32n) | BigInt(this.u32()));
  }
}

const scratch = new DataView(new ArrayBuffer(8));
export function f32Bits(x: number): number {
  scratch.setFloat32(0, x);
  return scratch.getInt32(0);
}
export function f64Bits(x: number): bigint {
  scratch.setFloat64(0, x);
  return scratch.getBigInt64(0);
}
const s64 = (b: bigint): bigint => BigInt.asIntN(64, b);

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

export const I32_EDGES: number[] = uniq([
  0, 1, -1, 2, -2, 3, -3, 5, 7, 10, -10, 0x7fffffff, -0x80000000, 0x7ffffffe, -0x7fffffff, 0x55555555, -0x55555556,
  ...Array.from({ length: 32 }, (_, k) => [(1 << k) | 0, ((1 << k) + 1) | 0, ((1 << k) - 1) | 0, -(1 << k) | 0]).flat(),
]);

export const I64_EDGES: bigint[] = uniq([
  0n, 1n, -1n, 2n, -2n, 3n, -3n, 10n, -10n, (1n << 63n) - 1n, -(1n << 63n), -(1n << 63n) + 1n, (1n << 63n) - 2n,
  0xffffffffn, 0x100000000n, -0x100000000n, 0x7fffffffn, -0x80000000n, 0x80000000n, -0x80000001n,
  0x5555555555555555n, -0x5555555555555556n, 0x123456789abcdef0n,
  ...Array.from({ length: 64 }, (_, k) => {
    const p = 1n << BigInt(k);
    return [s64(p), s64(p + 1n), s64(p - 1n), s64(-p), s64(-p - 1n)];
  }).flat(),
]);

/** f32 bit patterns: zeros, infinities, NaNs with payloads, subnormals, ties, truncation limits. */
export const F32_EDGES: number[] = (() => {
  const xs = [
    0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00000, 0xffa00000, 0x7f800001, 0xff800001,
    0x7fffffff, 0xffffffff, 0x7fc00001, 0xffe12345, 0x7f812345, 0x00000001, 0x80000001, 0x007fffff, 0x807fffff,
    0x00400000, 0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff, 0x3effffff, 0xbeffffff, 0x3f7fffff, 0xbf7fffff,
  ].map((b) => b | 0);
  const nums = [1, -1, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.5, -3.5, 4.5, 0.75, -0.25, 1e-40, 123456.5, -8388607.5,
    2 ** 22 + 0.5, 2 ** 23, 2 ** 23 - 0.5, -(2 ** 23), 2 ** 24, 2 ** 31, -(2 ** 31), 2 ** 32, 2 ** 63, -(2 ** 63), 2 ** 64,
    -(2 ** 64), 2147483520, -2147483520, 4294967040, 3.4028234663852886e38, Math.PI, -Math.E, 1e10, -1e30];
  for (const n of nums) {
    const b = f32Bits(n);
    xs.push(b, (b + 1) | 0, (b - 1) | 0);
  }
  return uniq(xs);
})();

/** f64 bit patterns, likewise, plus values that round to f32 ties (for demote). */
export const F64_EDGES: bigint[] = (() => {
  const xs = [
    0n, 1n << 63n, 0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n, 0xfff8000000000000n,
    0x7ff4000000000000n, 0xfff4000000000000n, 0x7ff0000000000001n, 0xfff0000000000001n, 0x7ff8000000000001n,
    0x7fffffffffffffffn, 0xffffffffffffffffn, 0x7ff0000020000000n, 0x7ff00000000fffffn, 0x7ffc123456789abcn,
    1n, (1n << 63n) | 1n, 0x000fffffffffffffn, 0x0010000000000000n, 0x7fefffffffffffffn, 0xffefffffffffffffn,
  ].map(s64);
  const nums = [1, -1, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.5, 0.49999999999999994, -0.49999999999999994, 1e-310,
    2 ** 52, 2 ** 52 + 0.5, 2 ** 51 + 0.5, -(2 ** 52) - 0.5, 2 ** 53, 2 ** 31, -(2 ** 31), 2 ** 31 - 1, -(2 ** 31) - 1,
    2 ** 31 - 0.5, -(2 ** 31) - 0.5, 2 ** 32, 2 ** 32 - 1, 2 ** 32 - 0.5, 2 ** 63, -(2 ** 63), 2 ** 64, -(2 ** 64),
    -0.9999999999999999, 1 + 2 ** -24, 1 + 2 ** -23 + 2 ** -24, 1 - 2 ** -25, 3.4028234663852886e38,
    3.4028235677973366e38, 3.4028235677973362e38, 2 ** -149, 2 ** -150, 3 * 2 ** -150, 2 ** -126 - 2 ** -150,
    1.1754942106924411e-38, 1e300, -1e-300, Math.PI, 123456789.123];
  for (const n of nums) {
    const b = f64Bits(n);
    xs.push(b, s64(b + 1n), s64(b - 1n));
  }
  return uniq(xs);
})();

/** 64-bit integers near f32 rounding ties: m * 2^e + half an f32 ulp, nudged by small amounts. */
export function f32TieInts(rng: Rng, n: number): bigint[] {
  const out: bigint[] = [s64((1n << 63n) + (1n << 39n) + 1n), s64((1n << 63n) + (1n << 39n)), (1n << 62n) + (1n << 38n) + 1n];
  for (let i = 0; i < n; i++) {
    const m = BigInt((rng.u32() >>> 8) | 0x800000);
    const e = BigInt(1 + rng.int(40));
    const nudges = [0n, 1n, -1n, 1n << BigInt(rng.int(Number(e))), BigInt(rng.u32() & 0x7ff)];
    const v = (m << e) + (1n << (e - 1n)) + nudges[rng.int(nudges.length)];
    out.push(s64(rng.int(2) ? v : -v));
  }
  return out;
}

/** A random value of type t: raw bits, or a "nice" number of moderate size with a fraction. */
export function randomBits(rng: Rng, t: Ty): Bits {
  const k = rng.int(4);
  switch (t) {
    case 'i32':
      return k === 0 ? I32_EDGES[rng.int(I32_EDGES.length)] : k === 1 ? (rng.u32() >> rng.int(32)) : rng.u32() | 0;
    case 'i64':
      return k === 0 ? I64_EDGES[rng.int(I64_EDGES.length)] : k === 1 ? rng.i64() >> BigInt(rng.int(64)) : rng.i64();
    case 'f32': {
      if (k === 0) return F32_EDGES[rng.int(F32_EDGES.length)];
      if (k === 1) return rng.u32() | 0;
      return f32Bits(((rng.u32() / 2 ** 32) - 0.5) * 2 ** (rng.int(80) - 10));
    }
    case 'f64': {
      if (k === 0) return F64_EDGES[rng.int(F64_EDGES.length)];
      if (k === 1) return rng.i64();
      return f64Bits(((rng.u32() / 2 ** 32) - 0.5) * 2 ** (rng.int(80) - 10) + (rng.int(2) ? rng.u32() / 2 ** 20 : 0));
    }
  }
}

export function edges(t: Ty): Bits[] {
  return t === 'i32' ? I32_EDGES : t === 'i64' ? I64_EDGES : t === 'f32' ? F32_EDGES : F64_EDGES;
}
