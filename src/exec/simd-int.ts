// Integer SIMD lanes (core spec "Vector Operations" over iN lanes). Typed-array stores wrap values
// to the lane width, which is exactly the spec's modular arithmetic for add/sub/mul/neg/abs/shl.
// Relaxed operations take their deterministic-profile meaning (one of the allowed results).
import { H } from './i64hi.js';
import { i32Popcnt } from './i32.js';
import { i64Add, i64Sub, i64Mul, i64Shl, i64ShrS, i64ShrU, i64LtS } from './i64.js';
import {
  U8, I8, U16, I16, I32, B, C, O, INT_SHAPES, CMP, load, result, lanes1, lanes2, compare, count, type LaneView, type Defs,
} from './simd-lanes.js';

const sat = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);
const min = (x: number, y: number): number => (x < y ? x : y);
const max = (x: number, y: number): number => (x > y ? x : y);

export const INT_OPS: Defs = [];
const def = (name: string, f: (...a: never[]) => Uint8Array | number): void => void INT_OPS.push([name, f]);

for (const [shape, s, u] of INT_SHAPES) {
  const n = count(s), bits = 128 / n;
  const smin = -(2 ** (bits - 1)), smax = 2 ** (bits - 1) - 1, umax = 2 ** bits - 1;
  for (const [op, f] of CMP) {
    if (op === 'eq' || op === 'ne') def(`${shape}.${op}`, compare(s, s, f));
    else {
      def(`${shape}.${op}_s`, compare(s, s, f));
      def(`${shape}.${op}_u`, compare(u, s, f));
    }
  }
  def(`${shape}.abs`, lanes1(s, (x) => (x < 0 ? -x : x)));
  def(`${shape}.neg`, lanes1(s, (x) => -x));
  def(`${shape}.all_true`, (a: Uint8Array) => (load(a), s.subarray(0, n).includes(0) ? 0 : 1));
  def(`${shape}.bitmask`, (a: Uint8Array) => {
    load(a);
    let m = 0;
    for (let k = 0; k < n; k++) if (s[k] < 0) m |= 1 << k;
    return m;
  });
  // Shifts by the count modulo the lane width.
  for (const [op, v, f] of [['shl', s, (x, c) => x << c], ['shr_s', s, (x, c) => x >> c], ['shr_u', u, (x, c) => x >>> c]] as
    [string, LaneView, (x: number, c: number) => number][]) {
    def(`${shape}.${op}`, (a: Uint8Array, c: number) => {
      load(a);
      for (let k = 0; k < n; k++) v[3 * n + k] = f(v[k], c & (bits - 1));
      return result();
    });
  }
  def(`${shape}.add`, lanes2(s, (x, y) => x + y));
  def(`${shape}.sub`, lanes2(s, (x, y) => x - y));
  def(`${shape}.min_s`, lanes2(s, min));
  def(`${shape}.min_u`, lanes2(u, min));
  def(`${shape}.max_s`, lanes2(s, max));
  def(`${shape}.max_u`, lanes2(u, max));
  if (bits < 32) {
    def(`${shape}.add_sat_s`, lanes2(s, (x, y) => sat(x + y, smin, smax)));
    def(`${shape}.add_sat_u`, lanes2(u, (x, y) => min(x + y, umax)));
    def(`${shape}.sub_sat_s`, lanes2(s, (x, y) => sat(x - y, smin, smax)));
    def(`${shape}.sub_sat_u`, lanes2(u, (x, y) => max(x - y, 0)));
    def(`${shape}.avgr_u`, lanes2(u, (x, y) => (x + y + 1) >>> 1));
  }
  if (bits > 8) def(`${shape}.mul`, lanes2(s, Math.imul));
}
def('i8x16.popcnt', lanes1(U8, i32Popcnt));

// Narrowing to [narrow] lanes from the [wide] lanes of a then b (contiguous in the scratch buffer);
// widening of [narrow] lanes, read signed or unsigned, to [wide] ones.
for (const [narrow, ns, nu, wide, ws] of [['i8x16', I8, U8, 'i16x8', I16], ['i16x8', I16, U16, 'i32x4', I32]] as
  [string, LaneView, LaneView, string, LaneView][]) {
  const n = count(ns), m = count(ws), top = 2 ** (128 / n - 1) - 1;
  for (const [sg, v, lo, hi] of [['s', ns, -top - 1, top], ['u', nu, 0, 2 * top + 1]] as [string, LaneView, number, number][]) {
    def(`${narrow}.narrow_${wide}_${sg}`, (a: Uint8Array, b: Uint8Array) => {
      load(a, b);
      for (let k = 0; k < n; k++) v[3 * n + k] = sat(ws[k], lo, hi);
      return result();
    });
    def(`${wide}.extadd_pairwise_${narrow}_${sg}`, (a: Uint8Array) => {
      load(a);
      for (let k = 0; k < m; k++) ws[3 * m + k] = v[2 * k] + v[2 * k + 1];
      return result();
    });
    for (const [half, h] of [['low', 0], ['high', m]] as [string, number][]) {
      def(`${wide}.extend_${half}_${narrow}_${sg}`, (a: Uint8Array) => {
        load(a);
        for (let k = 0; k < m; k++) ws[3 * m + k] = v[h + k];
        return result();
      });
      // Products of 8- or 16-bit lanes are exact doubles; the store wraps them to the wide lane.
      def(`${wide}.extmul_${half}_${narrow}_${sg}`, (a: Uint8Array, b: Uint8Array) => {
        load(a, b);
        for (let k = 0; k < m; k++) ws[3 * m + k] = v[h + k] * v[n + h + k];
        return result();
      });
    }
  }
}

/** Q15 rounding multiply; only -32768 * -32768 overflows, and saturates (relaxed: the same). */
const q15 = lanes2(I16, (x, y) => min((x * y + 0x4000) >> 15, 32767));
def('i16x8.q15mulr_sat_s', q15);
def('i16x8.relaxed_q15mulr_s', q15);
/** Products of i16 lanes are below 2^30 in magnitude; only their sum can wrap (to -2^31). */
def('i32x4.dot_i16x8_s', (a: Uint8Array, b: Uint8Array) => {
  load(a, b);
  for (let k = 0; k < 4; k++) I32[12 + k] = I16[2 * k] * I16[8 + 2 * k] + I16[2 * k + 1] * I16[9 + 2 * k];
  return result();
});

// ---- i64x2, on (lo, hi) word pairs with the i64 helpers: f gives lane k's low word, H.hi its high ----
function pairs(f: (k: number, c: number) => number): (a: Uint8Array, b?: Uint8Array | number) => Uint8Array {
  return (a, b) => {
    const c = typeof b === 'number' ? b : 0;
    load(a, typeof b === 'number' ? undefined : b);
    for (let k = 0; k < 2; k++) {
      I32[12 + 2 * k] = f(k, c);
      I32[13 + 2 * k] = H.hi;
    }
    return result();
  };
}
/** (lo, hi) of lane k of a (x = 0) or b (x = 4): I32[x + 2k], I32[x + 2k + 1]. */
const lo = (x: number, k: number): number => I32[x + 2 * k], hi = (x: number, k: number): number => I32[x + 2 * k + 1];
const neg64 = (k: number): number => i64Sub(0, 0, lo(0, k), hi(0, k));
def('i64x2.neg', pairs(neg64));
def('i64x2.abs', pairs((k) => (hi(0, k) < 0 ? neg64(k) : ((H.hi = hi(0, k)), lo(0, k)))));
def('i64x2.all_true', (a: Uint8Array) => (load(a), (I32[0] | I32[1]) !== 0 && (I32[2] | I32[3]) !== 0 ? 1 : 0));
def('i64x2.bitmask', (a: Uint8Array) => (load(a), (I32[1] < 0 ? 1 : 0) | (I32[3] < 0 ? 2 : 0)));
for (const [op, f] of [['shl', i64Shl], ['shr_s', i64ShrS], ['shr_u', i64ShrU]] as const) def(`i64x2.${op}`, pairs((k, c) => f(lo(0, k), hi(0, k), c)));
for (const [op, f] of [['add', i64Add], ['sub', i64Sub], ['mul', i64Mul]] as const) def(`i64x2.${op}`, pairs((k) => f(lo(0, k), hi(0, k), lo(4, k), hi(4, k))));
for (const [half, h] of [['low', 0], ['high', 2]] as const) {
  const x = (k: number): number => I32[h + k], y = (k: number): number => I32[4 + h + k];
  def(`i64x2.extend_${half}_i32x4_s`, pairs((k) => ((H.hi = x(k) >> 31), x(k))));
  def(`i64x2.extend_${half}_i32x4_u`, pairs((k) => ((H.hi = 0), x(k))));
  def(`i64x2.extmul_${half}_i32x4_s`, pairs((k) => i64Mul(x(k), x(k) >> 31, y(k), y(k) >> 31)));
  def(`i64x2.extmul_${half}_i32x4_u`, pairs((k) => i64Mul(x(k), 0, y(k), 0)));
}
const lt64 = (x: number, y: number, k: number): boolean => i64LtS(lo(x, k), hi(x, k), lo(y, k), hi(y, k)) === 1;
const eq64 = (k: number): boolean => lo(0, k) === lo(4, k) && hi(0, k) === hi(4, k);
for (const [op, f] of [
  ['eq', eq64], ['ne', (k) => !eq64(k)], ['lt_s', (k) => lt64(0, 4, k)], ['gt_s', (k) => lt64(4, 0, k)],
  ['le_s', (k) => !lt64(4, 0, k)], ['ge_s', (k) => !lt64(0, 4, k)],
] as [string, (k: number) => boolean][]) def(`i64x2.${op}`, pairs((k) => (H.hi = f(k) ? -1 : 0)));

// ---- relaxed dot products (deterministic profile: the second operand read as signed) ----
/** Each i16 lane: the saturated sum of two i8 products. */
const dotI8 = (k: number): number => sat(I8[2 * k] * I8[B + 2 * k] + I8[2 * k + 1] * I8[B + 2 * k + 1], -32768, 32767);
def('i16x8.relaxed_dot_i8x16_i7x16_s', (a: Uint8Array, b: Uint8Array) => {
  load(a, b);
  for (let k = 0; k < 8; k++) I16[O / 2 + k] = dotI8(k);
  return result();
});
def('i32x4.relaxed_dot_i8x16_i7x16_add_s', (a: Uint8Array, b: Uint8Array, c: Uint8Array) => {
  load(a, b, c);
  for (let k = 0; k < 4; k++) I32[O / 4 + k] = dotI8(2 * k) + dotI8(2 * k + 1) + I32[C / 4 + k];
  return result();
});
