// i64 operations on (lo, hi) pairs of signed int32 words. Each producing helper returns the low word
// and leaves the high word in H.hi; predicates return an i32 (0 or 1). Binary operations take
// (alo, ahi, blo, bhi); shifts and rotations use only the count's low word (its high word may be
// passed and is ignored, since the spec takes the count mod 64). The simple ones (add, sub, the
// bitwise ops, comparisons) are here as the reference the compiler may inline as expressions.
import { H } from './i64hi.js';
import { i32Ctz, i32Popcnt } from './i32.js';

export function i64Add(alo: number, ahi: number, blo: number, bhi: number): number {
  const lo = (alo + blo) | 0;
  H.hi = (ahi + bhi + ((lo >>> 0) < (alo >>> 0) ? 1 : 0)) | 0;
  return lo;
}

export function i64Sub(alo: number, ahi: number, blo: number, bhi: number): number {
  H.hi = (ahi - bhi - ((alo >>> 0) < (blo >>> 0) ? 1 : 0)) | 0;
  return (alo - blo) | 0;
}

export function i64Mul(alo: number, ahi: number, blo: number, bhi: number): number {
  // The high word of the unsigned 32x32 product alo*blo, from 16-bit partial products (each exact
  // in a double), plus the low words of the two cross products; everything above 2^64 drops out.
  const a0 = alo & 0xffff, a1 = alo >>> 16, b0 = blo & 0xffff, b1 = blo >>> 16;
  const p01 = a0 * b1, p10 = a1 * b0;
  const mid = ((a0 * b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const top = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  H.hi = (top + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
  return Math.imul(alo, blo);
}

export function i64And(alo: number, ahi: number, blo: number, bhi: number): number {
  H.hi = ahi & bhi;
  return alo & blo;
}

export function i64Or(alo: number, ahi: number, blo: number, bhi: number): number {
  H.hi = ahi | bhi;
  return alo | blo;
}

export function i64Xor(alo: number, ahi: number, blo: number, bhi: number): number {
  H.hi = ahi ^ bhi;
  return alo ^ blo;
}

export function i64Shl(lo: number, hi: number, n: number): number {
  n &= 63;
  if (n === 0) {
    H.hi = hi;
    return lo;
  }
  if (n < 32) {
    H.hi = (hi << n) | (lo >>> (32 - n));
    return lo << n;
  }
  H.hi = lo << (n - 32);
  return 0;
}

export function i64ShrS(lo: number, hi: number, n: number): number {
  n &= 63;
  if (n === 0) {
    H.hi = hi;
    return lo;
  }
  if (n < 32) {
    H.hi = hi >> n;
    return (lo >>> n) | (hi << (32 - n));
  }
  H.hi = hi >> 31;
  return hi >> (n - 32);
}

export function i64ShrU(lo: number, hi: number, n: number): number {
  n &= 63;
  if (n === 0) {
    H.hi = hi;
    return lo;
  }
  if (n < 32) {
    H.hi = hi >>> n | 0;
    return (lo >>> n) | (hi << (32 - n));
  }
  H.hi = 0;
  return (hi >>> (n - 32)) | 0;
}

export function i64Rotl(lo: number, hi: number, n: number): number {
  n &= 63;
  if (n >= 32) {
    const t = lo;
    lo = hi;
    hi = t;
    n -= 32;
  }
  if (n === 0) {
    H.hi = hi;
    return lo;
  }
  H.hi = (hi << n) | (lo >>> (32 - n));
  return (lo << n) | (hi >>> (32 - n));
}

export function i64Rotr(lo: number, hi: number, n: number): number {
  return i64Rotl(lo, hi, 64 - (n & 63));
}

export function i64Clz(lo: number, hi: number): number {
  H.hi = 0;
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
}

export function i64Ctz(lo: number, hi: number): number {
  H.hi = 0;
  return lo !== 0 ? i32Ctz(lo) : 32 + i32Ctz(hi);
}

export function i64Popcnt(lo: number, hi: number): number {
  H.hi = 0;
  return i32Popcnt(lo) + i32Popcnt(hi);
}

export function i64Extend8S(lo: number): number {
  lo = (lo << 24) >> 24;
  H.hi = lo >> 31;
  return lo;
}

export function i64Extend16S(lo: number): number {
  lo = (lo << 16) >> 16;
  H.hi = lo >> 31;
  return lo;
}

/** i64.extend32_s and i64.extend_i32_s: only the low word matters. */
export function i64Extend32S(lo: number): number {
  H.hi = lo >> 31;
  return lo;
}

export const i64ExtendI32S = i64Extend32S;

export function i64ExtendI32U(x: number): number {
  H.hi = 0;
  return x;
}

export function i32WrapI64(lo: number): number {
  return lo;
}

export function i64Eqz(lo: number, hi: number): number {
  return (lo | hi) === 0 ? 1 : 0;
}

export function i64Eq(alo: number, ahi: number, blo: number, bhi: number): number {
  return alo === blo && ahi === bhi ? 1 : 0;
}

export function i64Ne(alo: number, ahi: number, blo: number, bhi: number): number {
  return alo !== blo || ahi !== bhi ? 1 : 0;
}

// Orderings compare the high words (signed or unsigned) and, when equal, the low words unsigned.
export function i64LtS(alo: number, ahi: number, blo: number, bhi: number): number {
  return ahi < bhi || (ahi === bhi && (alo >>> 0) < (blo >>> 0)) ? 1 : 0;
}

export function i64LtU(alo: number, ahi: number, blo: number, bhi: number): number {
  return (ahi >>> 0) < (bhi >>> 0) || (ahi === bhi && (alo >>> 0) < (blo >>> 0)) ? 1 : 0;
}

export function i64GtS(alo: number, ahi: number, blo: number, bhi: number): number {
  return ahi > bhi || (ahi === bhi && (alo >>> 0) > (blo >>> 0)) ? 1 : 0;
}

export function i64GtU(alo: number, ahi: number, blo: number, bhi: number): number {
  return (ahi >>> 0) > (bhi >>> 0) || (ahi === bhi && (alo >>> 0) > (blo >>> 0)) ? 1 : 0;
}

export function i64LeS(alo: number, ahi: number, blo: number, bhi: number): number {
  return ahi < bhi || (ahi === bhi && (alo >>> 0) <= (blo >>> 0)) ? 1 : 0;
}

export function i64LeU(alo: number, ahi: number, blo: number, bhi: number): number {
  return (ahi >>> 0) < (bhi >>> 0) || (ahi === bhi && (alo >>> 0) <= (blo >>> 0)) ? 1 : 0;
}

export function i64GeS(alo: number, ahi: number, blo: number, bhi: number): number {
  return ahi > bhi || (ahi === bhi && (alo >>> 0) >= (blo >>> 0)) ? 1 : 0;
}

export function i64GeU(alo: number, ahi: number, blo: number, bhi: number): number {
  return (ahi >>> 0) > (bhi >>> 0) || (ahi === bhi && (alo >>> 0) >= (blo >>> 0)) ? 1 : 0;
}

// Boxing at the JS boundary (the only place BigInt is used).

export function toBigInt(lo: number, hi: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo >>> 0);
}

/** Wraps any BigInt to 64 bits (the JS API's ToBigInt64): returns lo, leaves hi in H.hi. */
export function fromBigInt(b: bigint): number {
  const v = BigInt.asUintN(64, b);
  H.hi = Number(v >> 32n) | 0;
  return Number(v & 0xffffffffn) | 0;
}
