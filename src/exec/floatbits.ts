// Float bit patterns and the sign-only operations (abs, neg, copysign), which the spec defines on
// bits and which must therefore keep NaN payloads, including signalling ones.
//
// f32 NaN convention (see numerics.ts): an f32 NaN travels as the f64 NaN with the same sign and the
// f32's 23-bit mantissa shifted left by 29. It is built and read here through an f64 scratch word,
// never through a Float32Array, because every f32 -> f64 conversion quiets signalling NaNs.
import { H } from './i64hi.js';

const scratch = new ArrayBuffer(8);
const f64 = new Float64Array(scratch);
const f32 = new Float32Array(scratch);
const i32 = new Int32Array(scratch);
// Word order of the f64 scratch: little-endian on nearly every host, but Node also runs on s390x.
const LITTLE = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LO = LITTLE ? 0 : 1;
const HI = LITTLE ? 1 : 0;

export function f64FromBits(lo: number, hi: number): number {
  i32[LO] = lo;
  i32[HI] = hi;
  return f64[0];
}

/** Low 32 bits of x's bit pattern; the high 32 bits go to H.hi. */
export function f64ToBits(x: number): number {
  f64[0] = x;
  H.hi = i32[HI];
  return i32[LO];
}

/** The high 32 bits of x's bit pattern (sign, exponent, top of the mantissa). */
export function f64HighBits(x: number): number {
  f64[0] = x;
  return i32[HI];
}

export function f32FromBits(b: number): number {
  if ((b & 0x7f800000) !== 0x7f800000 || (b & 0x7fffff) === 0) {
    i32[0] = b; // not a NaN: the Float32Array read is exact
    return f32[0];
  }
  i32[HI] = (b & 0x80000000) | 0x7ff00000 | ((b & 0x7fffff) >>> 3);
  i32[LO] = b << 29;
  return f64[0];
}

export function f32ToBits(x: number): number {
  if (x === x) {
    f32[0] = x;
    return i32[0];
  }
  f64[0] = x;
  const hi = i32[HI];
  const m = ((hi & 0xfffff) << 3) | (i32[LO] >>> 29);
  // A NaN whose payload lies only below the f32 mantissa (never produced by the f32 helpers) would
  // read as an infinity: give it the quiet bit instead so it stays a NaN.
  return (hi & 0x80000000) | 0x7f800000 | (m === 0 ? 0x400000 : m);
}

// Memory access. The spec's loads and stores are little-endian; DataView keeps f64 NaN bits intact.

export function f32Load(view: DataView, addr: number): number {
  return f32FromBits(view.getInt32(addr, true));
}

export function f32Store(view: DataView, addr: number, x: number): void {
  view.setInt32(addr, f32ToBits(x), true);
}

export function f64Load(view: DataView, addr: number): number {
  return view.getFloat64(addr, true);
}

export function f64Store(view: DataView, addr: number, x: number): void {
  view.setFloat64(addr, x, true);
}

// Sign operations. JS's -x and Math.abs happen to keep NaN bits in V8, but no standard promises it,
// so NaNs take the explicit bit path. They serve f32 too: the carried NaN has the f32's sign bit.

export function f64Abs(x: number): number {
  if (x === x) return Math.abs(x);
  f64[0] = x;
  i32[HI] &= 0x7fffffff;
  return f64[0];
}

export function f64Neg(x: number): number {
  if (x === x) return -x;
  f64[0] = x;
  i32[HI] ^= 0x80000000;
  return f64[0];
}

export function f64Copysign(x: number, y: number): number {
  f64[0] = y;
  const sign = i32[HI] & 0x80000000;
  f64[0] = x;
  i32[HI] = (i32[HI] & 0x7fffffff) | sign;
  return f64[0];
}

export const f32Abs = f64Abs;
export const f32Neg = f64Neg;
export const f32Copysign = f64Copysign;

/** x with the quiet bit set (x must be a NaN): the spec's arithmetic NaN carrying x's payload. */
export function quietNaN(x: number): number {
  f64[0] = x;
  i32[HI] |= 0x80000;
  return f64[0];
}

/** The f32 carrier of the quiet NaN keeping the sign and top 23 mantissa bits of the f64 NaN x. */
export function demoteNaN(x: number): number {
  f64[0] = x;
  i32[HI] |= 0x80000;
  i32[LO] &= 0xe0000000;
  return f64[0];
}
