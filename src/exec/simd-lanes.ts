// v128 plumbing for the SIMD helpers: a v128 value is a Uint8Array of 16 bytes (runtime/abi.ts),
// lanes little-endian. Operands are copied into one scratch buffer (A at byte 0, B at 16, C at 32)
// and each result is built at byte 48 and returned as a fresh copy, so helpers never alias their
// inputs. Typed-array views use the host's byte order, so the lane helpers assume a little-endian
// host (every platform Node and browsers run on except s390x).
// Helpers are made by a few generators over lane views and registered by instruction name (Defs
// rows, collected by simd.ts): the compile tier inlines nearly every SIMD instruction
// (compile/simd-words.ts), so these are the reference semantics, not a hot path.
import { H } from './i64hi.js';
import { f32FromBits, f32ToBits } from './floatbits.js';

// Any callable: the signatures differ by instruction (see simd.ts).
export type SimdFn = (...args: never[]) => Uint8Array | number | void;
/** [instruction text name, helper] rows. */
export type Defs = [string, SimdFn][];

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

/** Copies the operands to A, B, C. */
export function load(a: Uint8Array, b?: Uint8Array, c?: Uint8Array): void {
  U8.set(a, A);
  if (b) U8.set(b, B);
  if (c) U8.set(c, C);
}

export function result(): Uint8Array {
  return U8.slice(O, O + 16);
}

export type LaneView = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;
/** Lanes in a vector viewed through v. */
export const count = (v: LaneView): number => 16 / v.BYTES_PER_ELEMENT;
/** The integer shapes: name, signed and unsigned views of one lane width. */
export const INT_SHAPES: [string, Int8Array | Int16Array | Int32Array, LaneView][] = [['i8x16', I8, U8], ['i16x8', I16, U16], ['i32x4', I32, U32]];

/** Lane-wise unary operation: result lane k = f(a lane k), in view v (stores wrap to the lane). */
export function lanes1(v: LaneView, f: (x: number) => number): (a: Uint8Array) => Uint8Array {
  const n = count(v);
  return (a) => {
    load(a);
    for (let k = 0; k < n; k++) v[3 * n + k] = f(v[k]);
    return result();
  };
}

/** Lane-wise binary operation in view v. */
export function lanes2(v: LaneView, f: (x: number, y: number) => number): (a: Uint8Array, b: Uint8Array) => Uint8Array {
  const n = count(v);
  return (a, b) => {
    load(a, b);
    for (let k = 0; k < n; k++) v[3 * n + k] = f(v[k], v[n + k]);
    return result();
  };
}

/** Lane-wise comparison: operands read through v, each result lane all ones or zero through r
 *  (a signed integer view of the same lane width; r = I32 pairs for 64-bit lanes). */
export function compare(v: LaneView, r: Int8Array | Int16Array | Int32Array, f: (x: number, y: number) => boolean):
(a: Uint8Array, b: Uint8Array) => Uint8Array {
  const n = count(v), w = (r.length / 4) / n; // result words per lane
  return (a, b) => {
    load(a, b);
    for (let k = 0; k < n; k++) {
      const m = f(v[k], v[n + k]) ? -1 : 0;
      for (let j = 0; j < w; j++) r[(3 * n + k) * w + j] = m;
    }
    return result();
  };
}

/** The comparison operators by the spec's names (eq, ne, lt, gt, le, ge). */
export const CMP: [string, (x: number, y: number) => boolean][] = [
  ['eq', (x, y) => x === y], ['ne', (x, y) => x !== y], ['lt', (x, y) => x < y],
  ['gt', (x, y) => x > y], ['le', (x, y) => x <= y], ['ge', (x, y) => x >= y],
];

/** Bits of a where c is set, of b elsewhere. */
function bitselect(a: Uint8Array, b: Uint8Array, c: Uint8Array): Uint8Array {
  load(a, b, c);
  for (let k = 0; k < 4; k++) I32[12 + k] = (I32[k] & I32[8 + k]) | (I32[4 + k] & ~I32[8 + k]);
  return result();
}

/** i8x16.swizzle (and relaxed_swizzle, deterministically): out-of-range indices give 0. */
function swizzle(a: Uint8Array, s: Uint8Array): Uint8Array {
  load(a, s);
  for (let k = 0; k < 16; k++) {
    const j = U8[B + k];
    U8[O + k] = j < 16 ? U8[j] : 0;
  }
  return result();
}

const same = (x: number): number => x;
export const LANE_OPS: Defs = [
  ['v128.not', lanes1(I32, (x) => ~x)],
  ['v128.and', lanes2(I32, (x, y) => x & y)],
  ['v128.andnot', lanes2(I32, (x, y) => x & ~y)],
  ['v128.or', lanes2(I32, (x, y) => x | y)],
  ['v128.xor', lanes2(I32, (x, y) => x ^ y)],
  ['v128.bitselect', bitselect],
  ['v128.any_true', (a: Uint8Array) => (load(a), (I32[0] | I32[1] | I32[2] | I32[3]) !== 0 ? 1 : 0)],
  // i8x16.shuffle: `lanes` are the 16 immediate indices into the 32 bytes of a then b.
  ['i8x16.shuffle', (a: Uint8Array, b: Uint8Array, lanes: ArrayLike<number>) => {
    load(a, b);
    for (let k = 0; k < 16; k++) U8[O + k] = U8[lanes[k]];
    return result();
  }],
  ['i8x16.swizzle', swizzle],
  ['i8x16.relaxed_swizzle', swizzle],
  // extract_lane (a, k), replace_lane (a, k, x), splat (x); i64x2 below, with (lo, hi) pairs.
  ['i64x2.splat', (lo: number, hi: number) => {
    I32[12] = I32[14] = lo;
    I32[13] = I32[15] = hi;
    return result();
  }],
  /** Low word of lane k; the high word goes to H.hi. */
  ['i64x2.extract_lane', (a: Uint8Array, k: number) => {
    load(a);
    H.hi = I32[2 * k + 1];
    return I32[2 * k];
  }],
  ['i64x2.replace_lane', (a: Uint8Array, k: number, lo: number, hi: number) => {
    U8.set(a, O);
    I32[12 + 2 * k] = lo;
    I32[13 + 2 * k] = hi;
    return result();
  }],
];
// The lanes of the other shapes: [shape, view, lane bits from a value, value from lane bits].
for (const [shape, v, bits, value] of [
  ['i8x16', I8], ['i16x8', I16], ['i32x4', I32], ['f32x4', I32, f32ToBits, f32FromBits], ['f64x2', F64],
] as [string, LaneView, ((x: number) => number)?, ((x: number) => number)?][]) {
  const n = count(v), toBits = bits ?? same, fromBits = value ?? same;
  LANE_OPS.push([`${shape}.splat`, (x: number) => {
    v.fill(toBits(x), 3 * n, 4 * n);
    return result();
  }], [`${shape}.replace_lane`, (a: Uint8Array, k: number, x: number) => {
    U8.set(a, O);
    v[3 * n + k] = toBits(x);
    return result();
  }]);
  // i8x16 and i16x8 lanes read signed or unsigned (the unsigned view has the same lane width).
  const reads: [string, LaneView][] = n > 4 ? [['_s', v], ['_u', n === 16 ? U8 : U16]] : [['', v]];
  for (const [sx, view] of reads) {
    LANE_OPS.push([`${shape}.extract_lane${sx}`, (a: Uint8Array, k: number) => (load(a), fromBits(view[k]))]);
  }
}
// relaxed_laneselect: bitselect is one of its allowed results.
for (const shape of ['i8x16', 'i16x8', 'i32x4', 'i64x2']) LANE_OPS.push([`${shape}.relaxed_laneselect`, bitselect]);
