// Integer SIMD lanes (core spec "Vector Operations" over iN lanes). Typed-array stores wrap values
// to the lane width, which is exactly the spec's modular arithmetic for add/sub/mul/neg/abs/shl.
// Relaxed operations take their deterministic-profile meaning (one of the allowed results).
import { H } from './i64hi.js';
import { i32Popcnt } from './i32.js';
import { i64Add, i64Sub, i64Mul, i64Shl, i64ShrS, i64ShrU, i64LtS } from './i64.js';
import { U8, I8, U16, I16, U32, I32, B, C, O, load1, load2, load3, result, lanes1, lanes2, compare, type LaneView } from './simd-lanes.js';

const sat = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);
const abs = (x: number): number => (x < 0 ? -x : x);
const neg = (x: number): number => -x;
const min = (x: number, y: number): number => (x < y ? x : y);
const max = (x: number, y: number): number => (x > y ? x : y);
const avgr = (x: number, y: number): number => (x + y + 1) >>> 1;

type Cmp = (x: number, y: number) => boolean;
const CMP: Record<string, Cmp> = {
  eq: (x, y) => x === y, ne: (x, y) => x !== y, lt: (x, y) => x < y, gt: (x, y) => x > y,
  le: (x, y) => x <= y, ge: (x, y) => x >= y,
};

/** The ten comparisons of an integer shape, keyed like the spec's names (eq, ne, lt_s, lt_u, …). */
function comparisons(s: LaneView, u: LaneView, r: Int8Array | Int16Array | Int32Array): Record<string, (a: Uint8Array, b: Uint8Array) => Uint8Array> {
  const out: Record<string, (a: Uint8Array, b: Uint8Array) => Uint8Array> = {
    eq: compare(s, r, CMP.eq), ne: compare(s, r, CMP.ne),
  };
  for (const c of ['lt', 'gt', 'le', 'ge']) {
    out[`${c}_s`] = compare(s, r, CMP[c]);
    out[`${c}_u`] = compare(u, r, CMP[c]);
  }
  return out;
}
export const i8x16Compare = comparisons(I8, U8, I8);
export const i16x8Compare = comparisons(I16, U16, I16);
export const i32x4Compare = comparisons(I32, U32, I32);

/** Shift by the count modulo the lane width. */
function shift(v: LaneView, f: (x: number, s: number) => number): (a: Uint8Array, n: number) => Uint8Array {
  const lanes = 16 / v.BYTES_PER_ELEMENT, mask = 8 * v.BYTES_PER_ELEMENT - 1;
  return (a, n) => {
    const s = n & mask;
    load1(a);
    for (let k = 0; k < lanes; k++) v[3 * lanes + k] = f(v[k], s);
    return result();
  };
}
const shl = (x: number, s: number): number => x << s;
const shr = (x: number, s: number): number => x >> s;
const shru = (x: number, s: number): number => x >>> s;

function allTrue(v: LaneView): (a: Uint8Array) => number {
  const n = 16 / v.BYTES_PER_ELEMENT;
  return (a) => {
    load1(a);
    for (let k = 0; k < n; k++) if (v[k] === 0) return 0;
    return 1;
  };
}

function bitmask(v: Int8Array | Int16Array | Int32Array): (a: Uint8Array) => number {
  const n = 16 / v.BYTES_PER_ELEMENT;
  return (a) => {
    load1(a);
    let m = 0;
    for (let k = 0; k < n; k++) if (v[k] < 0) m |= 1 << k;
    return m;
  };
}

// ---- i8x16 ----
export const i8x16Abs = lanes1(I8, abs);
export const i8x16Neg = lanes1(I8, neg);
export const i8x16Popcnt = lanes1(U8, i32Popcnt);
export const i8x16AllTrue = allTrue(U8);
export const i8x16Bitmask = bitmask(I8);
export const i8x16Shl = shift(I8, shl);
export const i8x16ShrS = shift(I8, shr);
export const i8x16ShrU = shift(U8, shru);
export const i8x16Add = lanes2(I8, (x, y) => x + y);
export const i8x16AddSatS = lanes2(I8, (x, y) => sat(x + y, -128, 127));
export const i8x16AddSatU = lanes2(U8, (x, y) => min(x + y, 255));
export const i8x16Sub = lanes2(I8, (x, y) => x - y);
export const i8x16SubSatS = lanes2(I8, (x, y) => sat(x - y, -128, 127));
export const i8x16SubSatU = lanes2(U8, (x, y) => max(x - y, 0));
export const i8x16MinS = lanes2(I8, min);
export const i8x16MinU = lanes2(U8, min);
export const i8x16MaxS = lanes2(I8, max);
export const i8x16MaxU = lanes2(U8, max);
export const i8x16AvgrU = lanes2(U8, avgr);

/** Narrowing: the 16 signed lanes of a then b are contiguous in the scratch buffer. */
function narrow(from: Int16Array | Int32Array, to: LaneView, lo: number, hi: number): (a: Uint8Array, b: Uint8Array) => Uint8Array {
  const n = 16 / to.BYTES_PER_ELEMENT;
  return (a, b) => {
    load2(a, b);
    for (let k = 0; k < n; k++) to[3 * n + k] = sat(from[k], lo, hi);
    return result();
  };
}
export const i8x16NarrowI16x8S = narrow(I16, I8, -128, 127);
export const i8x16NarrowI16x8U = narrow(I16, U8, 0, 255);
export const i16x8NarrowI32x4S = narrow(I32, I16, -32768, 32767);
export const i16x8NarrowI32x4U = narrow(I32, U16, 0, 65535);

// ---- widening: extend, extadd_pairwise, extmul (to = a view twice as wide as from) ----
function extend(from: LaneView, to: LaneView, high: boolean): (a: Uint8Array) => Uint8Array {
  const n = 16 / to.BYTES_PER_ELEMENT, h = high ? n : 0;
  return (a) => {
    load1(a);
    for (let k = 0; k < n; k++) to[3 * n + k] = from[h + k];
    return result();
  };
}
function extaddPairwise(from: LaneView, to: LaneView): (a: Uint8Array) => Uint8Array {
  const n = 16 / to.BYTES_PER_ELEMENT;
  return (a) => {
    load1(a);
    for (let k = 0; k < n; k++) to[3 * n + k] = from[2 * k] + from[2 * k + 1];
    return result();
  };
}
function extmul(from: LaneView, to: LaneView, high: boolean): (a: Uint8Array, b: Uint8Array) => Uint8Array {
  const n = 16 / to.BYTES_PER_ELEMENT, h = high ? n : 0, bOff = B / from.BYTES_PER_ELEMENT;
  // Products of 8- or 16-bit lanes are exact doubles; the store wraps them to the wide lane.
  return (a, b) => {
    load2(a, b);
    for (let k = 0; k < n; k++) to[3 * n + k] = from[h + k] * from[bOff + h + k];
    return result();
  };
}

// ---- i16x8 ----
export const i16x8ExtaddPairwiseI8x16S = extaddPairwise(I8, I16);
export const i16x8ExtaddPairwiseI8x16U = extaddPairwise(U8, I16);
export const i16x8Abs = lanes1(I16, abs);
export const i16x8Neg = lanes1(I16, neg);
/** Q15 rounding multiply; only -32768 * -32768 overflows, and saturates. */
export const i16x8Q15mulrSatS = lanes2(I16, (x, y) => min((x * y + 0x4000) >> 15, 32767));
export const i16x8AllTrue = allTrue(U16);
export const i16x8Bitmask = bitmask(I16);
export const i16x8ExtendLowI8x16S = extend(I8, I16, false);
export const i16x8ExtendHighI8x16S = extend(I8, I16, true);
export const i16x8ExtendLowI8x16U = extend(U8, I16, false);
export const i16x8ExtendHighI8x16U = extend(U8, I16, true);
export const i16x8Shl = shift(I16, shl);
export const i16x8ShrS = shift(I16, shr);
export const i16x8ShrU = shift(U16, shru);
export const i16x8Add = lanes2(I16, (x, y) => x + y);
export const i16x8AddSatS = lanes2(I16, (x, y) => sat(x + y, -32768, 32767));
export const i16x8AddSatU = lanes2(U16, (x, y) => min(x + y, 65535));
export const i16x8Sub = lanes2(I16, (x, y) => x - y);
export const i16x8SubSatS = lanes2(I16, (x, y) => sat(x - y, -32768, 32767));
export const i16x8SubSatU = lanes2(U16, (x, y) => max(x - y, 0));
export const i16x8Mul = lanes2(I16, Math.imul);
export const i16x8MinS = lanes2(I16, min);
export const i16x8MinU = lanes2(U16, min);
export const i16x8MaxS = lanes2(I16, max);
export const i16x8MaxU = lanes2(U16, max);
export const i16x8AvgrU = lanes2(U16, avgr);
export const i16x8ExtmulLowI8x16S = extmul(I8, I16, false);
export const i16x8ExtmulHighI8x16S = extmul(I8, I16, true);
export const i16x8ExtmulLowI8x16U = extmul(U8, I16, false);
export const i16x8ExtmulHighI8x16U = extmul(U8, I16, true);

// ---- i32x4 ----
export const i32x4ExtaddPairwiseI16x8S = extaddPairwise(I16, I32);
export const i32x4ExtaddPairwiseI16x8U = extaddPairwise(U16, I32);
export const i32x4Abs = lanes1(I32, abs);
export const i32x4Neg = lanes1(I32, neg);
export const i32x4AllTrue = allTrue(I32);
export const i32x4Bitmask = bitmask(I32);
export const i32x4ExtendLowI16x8S = extend(I16, I32, false);
export const i32x4ExtendHighI16x8S = extend(I16, I32, true);
export const i32x4ExtendLowI16x8U = extend(U16, I32, false);
export const i32x4ExtendHighI16x8U = extend(U16, I32, true);
export const i32x4Shl = shift(I32, shl);
export const i32x4ShrS = shift(I32, shr);
export const i32x4ShrU = shift(U32, shru);
export const i32x4Add = lanes2(I32, (x, y) => x + y);
export const i32x4Sub = lanes2(I32, (x, y) => x - y);
export const i32x4Mul = lanes2(I32, Math.imul);
export const i32x4MinS = lanes2(I32, min);
export const i32x4MinU = lanes2(U32, min);
export const i32x4MaxS = lanes2(I32, max);
export const i32x4MaxU = lanes2(U32, max);
export const i32x4ExtmulLowI16x8S = extmul(I16, I32, false);
export const i32x4ExtmulHighI16x8S = extmul(I16, I32, true);
export const i32x4ExtmulLowI16x8U = extmul(U16, I32, false);
export const i32x4ExtmulHighI16x8U = extmul(U16, I32, true);

/** Products of i16 lanes are below 2^30 in magnitude; only their sum can wrap (to -2^31). */
export function i32x4DotI16x8S(a: Uint8Array, b: Uint8Array): Uint8Array {
  load2(a, b);
  for (let k = 0; k < 4; k++) I32[12 + k] = I16[2 * k] * I16[8 + 2 * k] + I16[2 * k + 1] * I16[9 + 2 * k];
  return result();
}

// ---- i64x2, on (lo, hi) word pairs with the i64 helpers ----
function pairs1(f: (lo: number, hi: number) => number): (a: Uint8Array) => Uint8Array {
  return (a) => {
    load1(a);
    for (let k = 0; k < 2; k++) {
      I32[12 + 2 * k] = f(I32[2 * k], I32[2 * k + 1]);
      I32[13 + 2 * k] = H.hi;
    }
    return result();
  };
}
function pairs2(f: (alo: number, ahi: number, blo: number, bhi: number) => number): (a: Uint8Array, b: Uint8Array) => Uint8Array {
  return (a, b) => {
    load2(a, b);
    for (let k = 0; k < 2; k++) {
      I32[12 + 2 * k] = f(I32[2 * k], I32[2 * k + 1], I32[4 + 2 * k], I32[5 + 2 * k]);
      I32[13 + 2 * k] = H.hi;
    }
    return result();
  };
}
function pairShift(f: (lo: number, hi: number, n: number) => number): (a: Uint8Array, n: number) => Uint8Array {
  return (a, n) => {
    load1(a);
    for (let k = 0; k < 2; k++) {
      I32[12 + 2 * k] = f(I32[2 * k], I32[2 * k + 1], n);
      I32[13 + 2 * k] = H.hi;
    }
    return result();
  };
}
const neg64 = (lo: number, hi: number): number => i64Sub(0, 0, lo, hi);
const abs64 = (lo: number, hi: number): number => {
  if (hi < 0) return neg64(lo, hi);
  H.hi = hi;
  return lo;
};

export const i64x2Abs = pairs1(abs64);
export const i64x2Neg = pairs1(neg64);
export function i64x2AllTrue(a: Uint8Array): number {
  load1(a);
  return (I32[0] | I32[1]) !== 0 && (I32[2] | I32[3]) !== 0 ? 1 : 0;
}
export function i64x2Bitmask(a: Uint8Array): number {
  load1(a);
  return (I32[1] < 0 ? 1 : 0) | (I32[3] < 0 ? 2 : 0);
}
function extend64(high: boolean, signed: boolean): (a: Uint8Array) => Uint8Array {
  const h = high ? 2 : 0;
  return (a) => {
    load1(a);
    for (let k = 0; k < 2; k++) {
      const x = I32[h + k];
      I32[12 + 2 * k] = x;
      I32[13 + 2 * k] = signed ? x >> 31 : 0;
    }
    return result();
  };
}
export const i64x2ExtendLowI32x4S = extend64(false, true);
export const i64x2ExtendHighI32x4S = extend64(true, true);
export const i64x2ExtendLowI32x4U = extend64(false, false);
export const i64x2ExtendHighI32x4U = extend64(true, false);
export const i64x2Shl = pairShift(i64Shl);
export const i64x2ShrS = pairShift(i64ShrS);
export const i64x2ShrU = pairShift(i64ShrU);
export const i64x2Add = pairs2(i64Add);
export const i64x2Sub = pairs2(i64Sub);
export const i64x2Mul = pairs2(i64Mul);

function extmul64(high: boolean, signed: boolean): (a: Uint8Array, b: Uint8Array) => Uint8Array {
  const h = high ? 2 : 0;
  return (a, b) => {
    load2(a, b);
    for (let k = 0; k < 2; k++) {
      const x = I32[h + k], y = I32[4 + h + k];
      I32[12 + 2 * k] = signed ? i64Mul(x, x >> 31, y, y >> 31) : i64Mul(x, 0, y, 0);
      I32[13 + 2 * k] = H.hi;
    }
    return result();
  };
}
export const i64x2ExtmulLowI32x4S = extmul64(false, true);
export const i64x2ExtmulHighI32x4S = extmul64(true, true);
export const i64x2ExtmulLowI32x4U = extmul64(false, false);
export const i64x2ExtmulHighI32x4U = extmul64(true, false);

function compare64(f: (alo: number, ahi: number, blo: number, bhi: number) => boolean): (a: Uint8Array, b: Uint8Array) => Uint8Array {
  return (a, b) => {
    load2(a, b);
    for (let k = 0; k < 2; k++) {
      const m = f(I32[2 * k], I32[2 * k + 1], I32[4 + 2 * k], I32[5 + 2 * k]) ? -1 : 0;
      I32[12 + 2 * k] = I32[13 + 2 * k] = m;
    }
    return result();
  };
}
const lt64 = (al: number, ah: number, bl: number, bh: number): boolean => i64LtS(al, ah, bl, bh) === 1;
export const i64x2Compare: Record<string, (a: Uint8Array, b: Uint8Array) => Uint8Array> = {
  eq: compare64((al, ah, bl, bh) => al === bl && ah === bh),
  ne: compare64((al, ah, bl, bh) => al !== bl || ah !== bh),
  lt_s: compare64(lt64),
  gt_s: compare64((al, ah, bl, bh) => lt64(bl, bh, al, ah)),
  le_s: compare64((al, ah, bl, bh) => !lt64(bl, bh, al, ah)),
  ge_s: compare64((al, ah, bl, bh) => !lt64(al, ah, bl, bh)),
};

// ---- relaxed integer operations (deterministic profile) ----
export const i16x8RelaxedQ15mulrS = i16x8Q15mulrSatS;

/** Each i16 lane: the saturated sum of two i8 products (the second operand read as signed). */
function dotI8(k: number): number {
  return sat(I8[2 * k] * I8[B + 2 * k] + I8[2 * k + 1] * I8[B + 2 * k + 1], -32768, 32767);
}

export function i16x8RelaxedDotI8x16I7x16S(a: Uint8Array, b: Uint8Array): Uint8Array {
  load2(a, b);
  for (let k = 0; k < 8; k++) I16[O / 2 + k] = dotI8(k);
  return result();
}

export function i32x4RelaxedDotI8x16I7x16AddS(a: Uint8Array, b: Uint8Array, c: Uint8Array): Uint8Array {
  load3(a, b, c);
  for (let k = 0; k < 4; k++) I32[O / 4 + k] = dotI8(2 * k) + dotI8(2 * k + 1) + I32[C / 4 + k];
  return result();
}
