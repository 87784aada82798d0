// i32 operations that are more than one JS operator. Operands and results are signed int32 numbers.
import { trap, INT_DIVIDE_BY_ZERO, INT_OVERFLOW } from './trap.js';

export function i32Clz(x: number): number {
  return Math.clz32(x);
}

export function i32Ctz(x: number): number {
  // x & -x isolates the lowest set bit; clz32 of it is 31 - its index (and 32 for x = 0).
  return x === 0 ? 32 : 31 - Math.clz32(x & -x);
}

export function i32Popcnt(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

// JS shift counts are taken mod 32, which is the spec's rule, so the rotations need no masking.
export function i32Rotl(x: number, n: number): number {
  return (x << n) | (x >>> -n);
}

export function i32Rotr(x: number, n: number): number {
  return (x >>> n) | (x << -n);
}

// The double quotient of two int32 can never round onto an integer it does not equal (its distance
// to the nearest integer is at least 1/|b|, far above half an ulp), so `| 0` truncates exactly.
export function i32DivS(a: number, b: number): number {
  if (b === 0) trap(INT_DIVIDE_BY_ZERO);
  if (a === -0x80000000 && b === -1) trap(INT_OVERFLOW);
  return (a / b) | 0;
}

export function i32DivU(a: number, b: number): number {
  if (b === 0) trap(INT_DIVIDE_BY_ZERO);
  return ((a >>> 0) / (b >>> 0)) | 0;
}

// JS % truncates like the spec's rem_s (sign of the dividend); -2^31 % -1 is -0, and | 0 makes it 0.
export function i32RemS(a: number, b: number): number {
  if (b === 0) trap(INT_DIVIDE_BY_ZERO);
  return (a % b) | 0;
}

export function i32RemU(a: number, b: number): number {
  if (b === 0) trap(INT_DIVIDE_BY_ZERO);
  return ((a >>> 0) % (b >>> 0)) | 0;
}

export function i32Extend8S(x: number): number {
  return (x << 24) >> 24;
}

export function i32Extend16S(x: number): number {
  return (x << 16) >> 16;
}
