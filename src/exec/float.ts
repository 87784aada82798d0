// Float arithmetic where plain JS differs from the spec: NaN results must be quiet (the spec's
// "arithmetic NaN"; canonical when every NaN operand is) and ties round to even.
//
// f32 arithmetic is the f64 operation followed by Math.fround. Rounding twice is harmless for
// + - * / and sqrt of f32 operands: the exact result is rounded to 53 bits first, and since
// 53 >= 2 * 24 + 2 that intermediate can never create a false tie at 24 bits (Figueroa, "When is
// double rounding innocuous?", 1995), so the result equals the correctly rounded f32 one. NaNs come
// out in the f32 carrier form: the f64 operation quiets and keeps the payload's top bits, fround
// keeps its top 23 mantissa bits.
import { demoteNaN, quietNaN } from './floatbits.js';

const TWO52 = 4503599627370496;

export function f32Add(a: number, b: number): number {
  return Math.fround(a + b);
}

export function f32Sub(a: number, b: number): number {
  return Math.fround(a - b);
}

export function f32Mul(a: number, b: number): number {
  return Math.fround(a * b);
}

export function f32Div(a: number, b: number): number {
  return Math.fround(a / b);
}

export function f32Sqrt(x: number): number {
  return Math.fround(Math.sqrt(x));
}

// Math.min/max order -0 below +0 as the spec does, and return a quiet NaN (V8: the canonical one)
// when any operand is NaN. The explicit NaN branch does not depend on that: a + b propagates one
// operand's payload quieted, which the spec allows (and it is canonical if both NaNs are).
export function f64Min(a: number, b: number): number {
  return a === a && b === b ? Math.min(a, b) : a + b;
}

export function f64Max(a: number, b: number): number {
  return a === a && b === b ? Math.max(a, b) : a + b;
}

// f32 values are f64 values, and the f64 results below of f32 operands are f32 values again.
export const f32Min = f64Min;
export const f32Max = f64Max;

// V8's unoptimised Math.floor/ceil/trunc return a signalling NaN unchanged, so NaN takes x + x,
// which quiets it (any arithmetic does; unlike x + 0 or x * 1, no optimiser folds it away).
export function f64Ceil(x: number): number {
  return x === x ? Math.ceil(x) : x + x;
}

export function f64Floor(x: number): number {
  return x === x ? Math.floor(x) : x + x;
}

export function f64Trunc(x: number): number {
  return x === x ? Math.trunc(x) : x + x;
}

/** Round to nearest, ties to even, keeping the sign of zero (Math.round rounds ties up). */
export function f64Nearest(x: number): number {
  const a = Math.abs(x);
  if (!(a < TWO52)) return x === x ? x : x + x; // integral or infinite; a NaN is quieted by x + x
  // In [2^52, 2^53) the ulp is 1, so adding 2^52 rounds a to an integer, ties to even.
  const r = a + TWO52 - TWO52;
  return x > 0 ? r : x < 0 ? -r : x;
}

export const f32Ceil = f64Ceil;
export const f32Floor = f64Floor;
export const f32Trunc = f64Trunc;
export const f32Nearest = f64Nearest;

export function f64Sqrt(x: number): number {
  return Math.sqrt(x);
}

/** f64.promote_f32: exact, except that a NaN must come out quiet. */
export function f64PromoteF32(x: number): number {
  return x === x ? x : quietNaN(x);
}

/** f32.demote_f64: rounds to nearest even; a NaN keeps the top 23 bits of its payload, quieted. */
export function f32DemoteF64(x: number): number {
  return x === x ? Math.fround(x) : demoteNaN(x);
}
