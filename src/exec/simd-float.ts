// Float SIMD lanes and the vector conversions. f32 lanes are computed in f64 and stored through a
// Float32Array, which rounds once: the same argument as for scalar f32 (double rounding of + - * /
// sqrt of f32 operands is innocuous). NaN results come out quiet, as arithmetic NaNs must; the
// operations the spec defines on bits (abs, neg, pmin, pmax) move lane bits through I32 instead.
import { f64Min, f64Max, f64Ceil, f64Floor, f64Trunc, f64Nearest } from './float.js';
import { i32TruncSatS, i32TruncSatU } from './convert.js';
import { I32, U32, F32, F64, load1, load2, load3, result, lanes1, lanes2, compare } from './simd-lanes.js';

type Un = (a: Uint8Array) => Uint8Array;
type Bin = (a: Uint8Array, b: Uint8Array) => Uint8Array;

/** Flips or clears the sign bit of each lane (words per lane w: 1 for f32, 2 for f64). */
function signOp(w: number, f: (hiWord: number) => number): Un {
  return (a) => {
    load1(a);
    for (let k = 0; k < 4; k++) I32[12 + k] = (k + 1) % w === 0 ? f(I32[k]) : I32[k];
    return result();
  };
}
const clearSign = (x: number): number => x & 0x7fffffff;
const flipSign = (x: number): number => x ^ 0x80000000;

/** pmin/pmax pick one operand's lane as is (bits included): b if pick(a, b), else a. */
function pick(view: Float32Array | Float64Array, pickB: (x: number, y: number) => boolean): Bin {
  const n = 16 / view.BYTES_PER_ELEMENT, w = 4 / n;
  return (a, b) => {
    load2(a, b);
    for (let k = 0; k < n; k++) {
      const src = pickB(view[k], view[n + k]) ? 4 : 0;
      for (let j = 0; j < w; j++) I32[12 + k * w + j] = I32[src + k * w + j];
    }
    return result();
  };
}

const CMP = {
  eq: (x: number, y: number) => x === y, ne: (x: number, y: number) => x !== y, lt: (x: number, y: number) => x < y,
  gt: (x: number, y: number) => x > y, le: (x: number, y: number) => x <= y, ge: (x: number, y: number) => x >= y,
};
export const f32x4Compare: Record<string, Bin> = {};
export const f64x2Compare: Record<string, Bin> = {};
for (const [name, f] of Object.entries(CMP)) {
  f32x4Compare[name] = compare(F32, I32, f);
  f64x2Compare[name] = compare(F64, I32, f);
}

// pmin(a, b) = b < a ? b : a;  pmax(a, b) = a < b ? b : a.
const pminPick = (x: number, y: number): boolean => y < x;
const pmaxPick = (x: number, y: number): boolean => x < y;

export const f32x4Abs = signOp(1, clearSign);
export const f32x4Neg = signOp(1, flipSign);
export const f32x4Sqrt = lanes1(F32, Math.sqrt);
export const f32x4Add = lanes2(F32, (x, y) => x + y);
export const f32x4Sub = lanes2(F32, (x, y) => x - y);
export const f32x4Mul = lanes2(F32, (x, y) => x * y);
export const f32x4Div = lanes2(F32, (x, y) => x / y);
export const f32x4Min = lanes2(F32, f64Min);
export const f32x4Max = lanes2(F32, f64Max);
export const f32x4Pmin = pick(F32, pminPick);
export const f32x4Pmax = pick(F32, pmaxPick);
export const f32x4Ceil = lanes1(F32, f64Ceil);
export const f32x4Floor = lanes1(F32, f64Floor);
export const f32x4Trunc = lanes1(F32, f64Trunc);
export const f32x4Nearest = lanes1(F32, f64Nearest);

export const f64x2Abs = signOp(2, clearSign);
export const f64x2Neg = signOp(2, flipSign);
export const f64x2Sqrt = lanes1(F64, Math.sqrt);
export const f64x2Add = lanes2(F64, (x, y) => x + y);
export const f64x2Sub = lanes2(F64, (x, y) => x - y);
export const f64x2Mul = lanes2(F64, (x, y) => x * y);
export const f64x2Div = lanes2(F64, (x, y) => x / y);
export const f64x2Min = lanes2(F64, f64Min);
export const f64x2Max = lanes2(F64, f64Max);
export const f64x2Pmin = pick(F64, pminPick);
export const f64x2Pmax = pick(F64, pmaxPick);
export const f64x2Ceil = lanes1(F64, f64Ceil);
export const f64x2Floor = lanes1(F64, f64Floor);
export const f64x2Trunc = lanes1(F64, f64Trunc);
export const f64x2Nearest = lanes1(F64, f64Nearest);

// ---- conversions ----
export const i32x4TruncSatF32x4S: Un = (a) => {
  load1(a);
  for (let k = 0; k < 4; k++) I32[12 + k] = i32TruncSatS(F32[k]);
  return result();
};
export const i32x4TruncSatF32x4U: Un = (a) => {
  load1(a);
  for (let k = 0; k < 4; k++) I32[12 + k] = i32TruncSatU(F32[k]);
  return result();
};
function convert32(view: Int32Array | Uint32Array): Un {
  return (a) => {
    load1(a);
    for (let k = 0; k < 4; k++) F32[12 + k] = view[k]; // the Float32Array store rounds once
    return result();
  };
}
function truncZero(f: (x: number) => number): Un {
  return (a) => {
    load1(a);
    I32[12] = f(F64[0]);
    I32[13] = f(F64[1]);
    I32[14] = I32[15] = 0;
    return result();
  };
}
function convertLow(view: Int32Array | Uint32Array): Un {
  return (a) => {
    load1(a);
    F64[6] = view[0];
    F64[7] = view[1];
    return result();
  };
}
export const f32x4ConvertI32x4S = convert32(I32);
export const f32x4ConvertI32x4U = convert32(U32);
export const i32x4TruncSatF64x2SZero = truncZero(i32TruncSatS);
export const i32x4TruncSatF64x2UZero = truncZero(i32TruncSatU);
export const f64x2ConvertLowI32x4S = convertLow(I32);
export const f64x2ConvertLowI32x4U = convertLow(U32);

/** NaNs: the Float32Array store keeps the top payload bits and sets the quiet bit. */
export function f32x4DemoteF64x2Zero(a: Uint8Array): Uint8Array {
  load1(a);
  F32[12] = F64[0];
  F32[13] = F64[1];
  I32[14] = I32[15] = 0;
  return result();
}

export function f64x2PromoteLowF32x4(a: Uint8Array): Uint8Array {
  load1(a);
  F64[6] = F32[0];
  F64[7] = F32[1];
  return result();
}

// ---- relaxed float operations (deterministic profile: unfused multiply-add, regular min/max) ----
export const i32x4RelaxedTruncF32x4S = i32x4TruncSatF32x4S;
export const i32x4RelaxedTruncF32x4U = i32x4TruncSatF32x4U;
export const i32x4RelaxedTruncF64x2SZero = i32x4TruncSatF64x2SZero;
export const i32x4RelaxedTruncF64x2UZero = i32x4TruncSatF64x2UZero;
export const f32x4RelaxedMin = f32x4Min;
export const f32x4RelaxedMax = f32x4Max;
export const f64x2RelaxedMin = f64x2Min;
export const f64x2RelaxedMax = f64x2Max;

function madd(view: Float32Array | Float64Array, sign: number): (a: Uint8Array, b: Uint8Array, c: Uint8Array) => Uint8Array {
  const n = 16 / view.BYTES_PER_ELEMENT;
  const round = view === F32 ? Math.fround : (x: number) => x;
  return (a, b, c) => {
    load3(a, b, c);
    for (let k = 0; k < n; k++) view[3 * n + k] = sign * round(view[k] * view[n + k]) + view[2 * n + k];
    return result();
  };
}
export const f32x4RelaxedMadd = madd(F32, 1);
export const f32x4RelaxedNmadd = madd(F32, -1);
export const f64x2RelaxedMadd = madd(F64, 1);
export const f64x2RelaxedNmadd = madd(F64, -1);
