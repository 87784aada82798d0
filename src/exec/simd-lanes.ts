// v128 plumbing for the SIMD helpers: a v128 value is a Uint8Array of 16 bytes (runtime/abi.ts),
// lanes little-endian. Operands are copied into one scratch buffer (A at byte 0, B at 16, C at 32)
// and each result is built at byte 48 and returned as a fresh copy, so helpers never alias their
// inputs. Typed-array views use the host's byte order, so the lane helpers assume a little-endian
// host (every platform Node and browsers run on except s390x).
import { H } from './i64hi.js';
import { f32FromBits, f32ToBits } from './floatbits.js';

const buf = new ArrayBuffer(64);
export const U8 = new Uint8Array(buf);
export const I8 = new Int8Array(buf);
export const U16 = new Uint16Array(buf);
export const I16 = new Int16Array(buf);
export const U32 = new Uint32Array(buf);
export const I32 = new Int32Array(buf);
/** f32 lanes: reading one quiets a signalling NaN, so only arithmetic (whose NaNs may be any
 *  quiet NaN) reads lanes through this view; bit-exact operations use I32. */
export const F32 = new Float32Array(buf);
export const F64 = new Float64Array(buf);

/** Byte offsets of the operands and the result. */
export const A = 0, B = 16, C = 32, O = 48;

export function load1(a: Uint8Array): void {
  U8.set(a, A);
}

export function load2(a: Uint8Array, b: Uint8Array): void {
  U8.set(a, A);
  U8.set(b, B);
}

export function load3(a: Uint8Array, b: Uint8Array, c: Uint8Array): void {
  U8.set(a, A);
  U8.set(b, B);
  U8.set(c, C);
}

export function result(): Uint8Array {
  return U8.slice(O, O + 16);
}

export type LaneView = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/** Lane-wise unary operation: result lane k = f(a lane k), in view v (stores wrap to the lane). */
export function lanes1(v: LaneView, f: (x: number) => number): (a: Uint8Array) => Uint8Array {
  const n = 16 / v.BYTES_PER_ELEMENT;
  return (a) => {
    load1(a);
    for (let k = 0; k < n; k++) v[3 * n + k] = f(v[k]);
    return result();
  };
}

/** Lane-wise binary operation in view v. */
export function lanes2(v: LaneView, f: (x: number, y: number) => number): (a: Uint8Array, b: Uint8Array) => Uint8Array {
  const n = 16 / v.BYTES_PER_ELEMENT;
  return (a, b) => {
    load2(a, b);
    for (let k = 0; k < n; k++) v[3 * n + k] = f(v[k], v[n + k]);
    return result();
  };
}

/** Lane-wise comparison: operands read through v, each result lane all ones or zero through r
 *  (a signed integer view of the same lane width; r = I32 pairs for 64-bit lanes). */
export function compare(v: LaneView, r: Int8Array | Int16Array | Int32Array, f: (x: number, y: number) => boolean):
(a: Uint8Array, b: Uint8Array) => Uint8Array {
  const n = 16 / v.BYTES_PER_ELEMENT, w = (r.length / 4) / n; // result words per lane
  return (a, b) => {
    load2(a, b);
    for (let k = 0; k < n; k++) {
      const m = f(v[k], v[n + k]) ? -1 : 0;
      for (let j = 0; j < w; j++) r[(3 * n + k) * w + j] = m;
    }
    return result();
  };
}

// ---- bitwise ----

export function v128Not(a: Uint8Array): Uint8Array {
  load1(a);
  for (let k = 0; k < 4; k++) I32[12 + k] = ~I32[k];
  return result();
}

function bitwise(f: (x: number, y: number) => number): (a: Uint8Array, b: Uint8Array) => Uint8Array {
  return lanes2(I32, f);
}
export const v128And = bitwise((x, y) => x & y);
export const v128Andnot = bitwise((x, y) => x & ~y);
export const v128Or = bitwise((x, y) => x | y);
export const v128Xor = bitwise((x, y) => x ^ y);

/** Bits of a where c is set, of b elsewhere. */
export function v128Bitselect(a: Uint8Array, b: Uint8Array, c: Uint8Array): Uint8Array {
  load3(a, b, c);
  for (let k = 0; k < 4; k++) I32[12 + k] = (I32[k] & I32[8 + k]) | (I32[4 + k] & ~I32[8 + k]);
  return result();
}

export function v128AnyTrue(a: Uint8Array): number {
  load1(a);
  return (I32[0] | I32[1] | I32[2] | I32[3]) !== 0 ? 1 : 0;
}

// ---- splat, lanes, shuffles ----

function splat(v: LaneView, bitsOf: (x: number) => number = (x) => x): (x: number) => Uint8Array {
  const n = 16 / v.BYTES_PER_ELEMENT;
  return (x) => {
    const b = bitsOf(x);
    for (let k = 0; k < n; k++) v[3 * n + k] = b;
    return result();
  };
}
export const i8x16Splat = splat(I8);
export const i16x8Splat = splat(I16);
export const i32x4Splat = splat(I32);
export const f32x4Splat = splat(I32, f32ToBits);
export const f64x2Splat = splat(F64);

export function i64x2Splat(lo: number, hi: number): Uint8Array {
  I32[12] = I32[14] = lo;
  I32[13] = I32[15] = hi;
  return result();
}

// Extracting reads the lane straight from the value (lanes are aligned when byteOffset is, which
// holds for the fresh copies v128 values are; a DataView would serve unaligned ones).
export function i8x16ExtractLaneS(a: Uint8Array, k: number): number {
  return (a[k] << 24) >> 24;
}

export function i8x16ExtractLaneU(a: Uint8Array, k: number): number {
  return a[k];
}

export function i16x8ExtractLaneS(a: Uint8Array, k: number): number {
  return ((a[2 * k] | (a[2 * k + 1] << 8)) << 16) >> 16;
}

export function i16x8ExtractLaneU(a: Uint8Array, k: number): number {
  return a[2 * k] | (a[2 * k + 1] << 8);
}

export function i32x4ExtractLane(a: Uint8Array, k: number): number {
  const i = 4 * k;
  return a[i] | (a[i + 1] << 8) | (a[i + 2] << 16) | (a[i + 3] << 24);
}

/** Low word of lane k; the high word goes to H.hi. */
export function i64x2ExtractLane(a: Uint8Array, k: number): number {
  H.hi = i32x4ExtractLane(a, 2 * k + 1);
  return i32x4ExtractLane(a, 2 * k);
}

export function f32x4ExtractLane(a: Uint8Array, k: number): number {
  return f32FromBits(i32x4ExtractLane(a, k));
}

export function f64x2ExtractLane(a: Uint8Array, k: number): number {
  load1(a);
  return F64[k];
}

function replace(v: LaneView, bitsOf: (x: number) => number = (x) => x): (a: Uint8Array, k: number, x: number) => Uint8Array {
  const n = 16 / v.BYTES_PER_ELEMENT;
  return (a, k, x) => {
    U8.set(a, O);
    v[3 * n + k] = bitsOf(x);
    return result();
  };
}
export const i8x16ReplaceLane = replace(I8);
export const i16x8ReplaceLane = replace(I16);
export const i32x4ReplaceLane = replace(I32);
export const f32x4ReplaceLane = replace(I32, f32ToBits);
export const f64x2ReplaceLane = replace(F64);

export function i64x2ReplaceLane(a: Uint8Array, k: number, lo: number, hi: number): Uint8Array {
  U8.set(a, O);
  I32[12 + 2 * k] = lo;
  I32[13 + 2 * k] = hi;
  return result();
}

/** i8x16.shuffle: `lanes` are the 16 immediate indices into the 32 bytes of a then b. */
export function i8x16Shuffle(a: Uint8Array, b: Uint8Array, lanes: ArrayLike<number>): Uint8Array {
  load2(a, b);
  for (let k = 0; k < 16; k++) U8[O + k] = U8[lanes[k]];
  return result();
}

/** i8x16.swizzle (and relaxed_swizzle, deterministically): out-of-range indices give 0. */
export function i8x16Swizzle(a: Uint8Array, s: Uint8Array): Uint8Array {
  load2(a, s);
  for (let k = 0; k < 16; k++) {
    const j = U8[B + k];
    U8[O + k] = j < 16 ? U8[j] : 0;
  }
  return result();
}
