// Float SIMD lanes and the vector conversions. f32 lanes are computed in f64 and stored through a
// Float32Array, which rounds once: the same argument as for scalar f32 (double rounding of + - * /
// sqrt of f32 operands is innocuous). NaN results come out quiet, as arithmetic NaNs must; the
// operations the spec defines on bits (abs, neg, pmin, pmax) move lane bits through I32 instead.
// Relaxed operations take their deterministic-profile meaning (unfused multiply-add, regular
// min/max, saturating truncation).
import { f64Min, f64Max, f64Ceil, f64Floor, f64Trunc, f64Nearest } from './float.js';
import { i32TruncSatS, i32TruncSatU } from './convert.js';
import { I32, U32, F32, F64, CMP, load, result, lanes1, lanes2, compare, count, type Defs } from './simd-lanes.js';

export const FLOAT_OPS: Defs = [];
const def = (name: string, f: (...a: never[]) => Uint8Array): void => void FLOAT_OPS.push([name, f]);

for (const [shape, v] of [['f32x4', F32], ['f64x2', F64]] as const) {
  const n = count(v), w = 4 / n; // words per lane
  // abs and neg clear or flip the sign bit (in each lane's high word), nothing else
  for (const [op, f] of [['abs', (x: number) => x & 0x7fffffff], ['neg', (x: number) => x ^ 0x80000000]] as const) {
    def(`${shape}.${op}`, (a: Uint8Array) => {
      load(a);
      for (let k = 0; k < 4; k++) I32[12 + k] = (k + 1) % w === 0 ? f(I32[k]) : I32[k];
      return result();
    });
  }
  for (const [op, f] of [['sqrt', Math.sqrt], ['ceil', f64Ceil], ['floor', f64Floor], ['trunc', f64Trunc], ['nearest', f64Nearest]] as const) {
    def(`${shape}.${op}`, lanes1(v, f));
  }
  for (const [op, f] of [
    ['add', (x: number, y: number) => x + y], ['sub', (x: number, y: number) => x - y], ['mul', (x: number, y: number) => x * y],
    ['div', (x: number, y: number) => x / y], ['min', f64Min], ['max', f64Max], ['relaxed_min', f64Min], ['relaxed_max', f64Max],
  ] as const) def(`${shape}.${op}`, lanes2(v, f));
  // pmin(a, b) = b < a ? b : a;  pmax(a, b) = a < b ? b : a: one operand's lane as is (bits included).
  for (const [op, pickB] of [['pmin', (x: number, y: number) => y < x], ['pmax', (x: number, y: number) => x < y]] as const) {
    def(`${shape}.${op}`, (a: Uint8Array, b: Uint8Array) => {
      load(a, b);
      for (let k = 0; k < n; k++) {
        const src = pickB(v[k], v[n + k]) ? 4 : 0;
        for (let j = 0; j < w; j++) I32[12 + k * w + j] = I32[src + k * w + j];
      }
      return result();
    });
  }
  for (const [op, f] of CMP) def(`${shape}.${op}`, compare(v, I32, f));
  // relaxed_madd / relaxed_nmadd: ±(a * b) + c, the product rounded to the lane's precision first
  const round = v === F32 ? Math.fround : (x: number): number => x;
  for (const [op, sign] of [['relaxed_madd', 1], ['relaxed_nmadd', -1]] as const) {
    def(`${shape}.${op}`, (a: Uint8Array, b: Uint8Array, c: Uint8Array) => {
      load(a, b, c);
      for (let k = 0; k < n; k++) v[3 * n + k] = sign * round(v[k] * v[n + k]) + v[2 * n + k];
      return result();
    });
  }
}

// ---- conversions ----
for (const [sg, trunc, ints] of [['s', i32TruncSatS, I32], ['u', i32TruncSatU, U32]] as const) {
  const fromF32 = (a: Uint8Array): Uint8Array => {
    load(a);
    for (let k = 0; k < 4; k++) I32[12 + k] = trunc(F32[k]);
    return result();
  };
  const fromF64 = (a: Uint8Array): Uint8Array => {
    load(a);
    I32[12] = trunc(F64[0]);
    I32[13] = trunc(F64[1]);
    I32[14] = I32[15] = 0;
    return result();
  };
  def(`i32x4.trunc_sat_f32x4_${sg}`, fromF32);
  def(`i32x4.relaxed_trunc_f32x4_${sg}`, fromF32);
  def(`i32x4.trunc_sat_f64x2_${sg}_zero`, fromF64);
  def(`i32x4.relaxed_trunc_f64x2_${sg}_zero`, fromF64);
  def(`f32x4.convert_i32x4_${sg}`, (a: Uint8Array) => {
    load(a);
    for (let k = 0; k < 4; k++) F32[12 + k] = ints[k]; // the Float32Array store rounds once
    return result();
  });
  def(`f64x2.convert_low_i32x4_${sg}`, (a: Uint8Array) => {
    load(a);
    F64[6] = ints[0];
    F64[7] = ints[1];
    return result();
  });
}
/** NaNs: the Float32Array store keeps the top payload bits and sets the quiet bit. */
def('f32x4.demote_f64x2_zero', (a: Uint8Array) => {
  load(a);
  F32[12] = F64[0];
  F32[13] = F64[1];
  I32[14] = I32[15] = 0;
  return result();
});
def('f64x2.promote_low_f32x4', (a: Uint8Array) => {
  load(a);
  F64[6] = F32[0];
  F64[7] = F32[1];
  return result();
});
