// Conversions between integers and floats, exactly rounded, with the spec's traps. The truncations
// serve f32 and f64 alike: an f32 is carried as its exact value, so the same bounds apply.
import { H } from './i64hi.js';
import { f32FromBits, f32ToBits, f64FromBits, f64ToBits } from './floatbits.js';
import { trap, INT_OVERFLOW, INVALID_CONVERSION } from './trap.js';

const TWO32 = 4294967296;
const TWO63 = 9223372036854775808;
const TWO64 = 18446744073709551616;

function truncTrap(x: number): never {
  trap(x !== x ? INVALID_CONVERSION : INT_OVERFLOW);
}

// The bounds are the first values whose truncation no longer fits; `x | 0` truncates toward zero
// and wraps [2^31, 2^32) to the signed representation of the unsigned result.
export function i32TruncS(x: number): number {
  if (x > -2147483649 && x < 2147483648) return x | 0;
  truncTrap(x);
}

export function i32TruncU(x: number): number {
  if (x > -1 && x < 4294967296) return x | 0;
  truncTrap(x);
}

/** Splits an integral double t with -2^63 <= t < 2^64 into words; all steps are exact. */
function splitInt(t: number): number {
  const hi = Math.floor(t / TWO32);
  H.hi = hi | 0;
  return (t - hi * TWO32) | 0;
}

export function i64TruncS(x: number): number {
  if (x >= -TWO63 && x < TWO63) return splitInt(Math.trunc(x));
  truncTrap(x);
}

export function i64TruncU(x: number): number {
  if (x > -1 && x < TWO64) return splitInt(Math.trunc(x));
  truncTrap(x);
}

export function i32TruncSatS(x: number): number {
  if (x > -2147483649 && x < 2147483648) return x | 0;
  return x !== x ? 0 : x < 0 ? -2147483648 : 2147483647;
}

export function i32TruncSatU(x: number): number {
  if (x > -1 && x < 4294967296) return x | 0;
  return x > 0 ? -1 : 0; // NaN and negatives give 0
}

export function i64TruncSatS(x: number): number {
  if (x >= -TWO63 && x < TWO63) return splitInt(Math.trunc(x));
  if (x !== x) {
    H.hi = 0;
    return 0;
  }
  H.hi = x < 0 ? -0x80000000 : 0x7fffffff;
  return x < 0 ? 0 : -1;
}

export function i64TruncSatU(x: number): number {
  if (x > -1 && x < TWO64) return splitInt(Math.trunc(x));
  const r = x > 0 ? -1 : 0;
  H.hi = r;
  return r;
}

// Spec names, one per (source, signedness): the f32 and f64 variants are the same function.
export const i32TruncF32S = i32TruncS, i32TruncF64S = i32TruncS;
export const i32TruncF32U = i32TruncU, i32TruncF64U = i32TruncU;
export const i64TruncF32S = i64TruncS, i64TruncF64S = i64TruncS;
export const i64TruncF32U = i64TruncU, i64TruncF64U = i64TruncU;
export const i32TruncSatF32S = i32TruncSatS, i32TruncSatF64S = i32TruncSatS;
export const i32TruncSatF32U = i32TruncSatU, i32TruncSatF64U = i32TruncSatU;
export const i64TruncSatF32S = i64TruncSatS, i64TruncSatF64S = i64TruncSatS;
export const i64TruncSatF32U = i64TruncSatU, i64TruncSatF64U = i64TruncSatU;

export function f32ConvertI32S(x: number): number {
  return Math.fround(x);
}

export function f32ConvertI32U(x: number): number {
  return Math.fround(x >>> 0);
}

export function f64ConvertI32S(x: number): number {
  return x;
}

export function f64ConvertI32U(x: number): number {
  return x >>> 0;
}

// hi * 2^32 is exact and the sum rounds once: the correctly rounded f64 of the 64-bit value.
export function f64ConvertI64S(lo: number, hi: number): number {
  return hi * TWO32 + (lo >>> 0);
}

export function f64ConvertI64U(lo: number, hi: number): number {
  return (hi >>> 0) * TWO32 + (lo >>> 0);
}

/**
 * f32.convert_i64_u. Going through the rounded f64 would round twice, which is wrong when the
 * first rounding lands on an f32 tie (e.g. 2^63 + 2^39 + 1). Below 2^53 the f64 is exact. Above,
 * the bits under 2^11 are folded into a sticky bit at 2^11 ("round to odd"): the result then has at
 * most 53 significant bits, so it is exact as an f64, and at least 26, which makes rounding it to
 * 24 bits give the same f32 as rounding the original value (Boldo & Melquiond).
 */
export function f32ConvertI64U(lo: number, hi: number): number {
  const h = hi >>> 0;
  if (h < 0x200000) return Math.fround(h * TWO32 + (lo >>> 0));
  const odd = (lo & 0x7ff) !== 0 ? (lo & ~0x7ff) | 0x800 : lo;
  return Math.fround(h * TWO32 + (odd >>> 0));
}

export function f32ConvertI64S(lo: number, hi: number): number {
  if (hi >= -0x200000 && hi < 0x200000) return Math.fround(hi * TWO32 + (lo >>> 0));
  if (hi >= 0) return f32ConvertI64U(lo, hi);
  // Round the magnitude (the rounding is symmetric); |-2^63| = 2^63 is fine as unsigned.
  return -f32ConvertI64U(-lo | 0, ~hi + (lo === 0 ? 1 : 0));
}

export const i32ReinterpretF32 = f32ToBits;
export const f32ReinterpretI32 = f32FromBits;
export const i64ReinterpretF64 = f64ToBits;
export const f64ReinterpretI64 = f64FromBits;
