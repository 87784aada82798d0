// Integer SIMD instructions computed lane by lane on the vector file itself (frame.ts), through
// typed-array views of its buffer: no helper call per lane, no operand copies, no allocation. This
// serves the integer instructions that run.ts does not inline (comparisons, min/max, saturating
// arithmetic, shifts, narrowing, widening, …); floating-point and the rest stay with numerics'
// helpers (simd.ts). Results go to a scratch array first, so the destination may be an operand.
// Lane k of slot s in a view of n lanes per vector is element n * s + k (little-endian host, as
// everywhere in purewasm's SIMD).

import type { Files } from './frame.js';

// Operations (the op's immediate is an index in ENTRIES).
const ADD_SAT = 0, SUB_SAT = 1, MIN = 2, MAX = 3, AVGR = 4, EQ = 5, NE = 6, LT = 7, GT = 8, LE = 9, GE = 10, MUL = 11;
const ABS = 12, NEG = 13, POPCNT = 14, SHL = 15, SHR = 16, ALL_TRUE = 17, BITMASK = 18;
const NARROW = 19, EXTEND_LOW = 20, EXTEND_HIGH = 21, EXTMUL_LOW = 22, EXTMUL_HIGH = 23, EXTADD = 24, DOT = 25, Q15MULR = 26;


interface Entry {
  op: number;
  /** Operand lane width in bytes and signedness (the view operands are read through). */
  w: number;
  signed: boolean;
}
const ENTRIES: Entry[] = [];
/** Instruction name → index in ENTRIES. */
export const LANE_OPS = new Map<string, number>();

const WIDTH: Record<string, number> = { i8x16: 1, i16x8: 2, i32x4: 4 };
const def = (name: string, op: number, w: number, signed: boolean): void => {
  LANE_OPS.set(name, ENTRIES.push({ op, w, signed }) - 1);
};
for (const shape of ['i8x16', 'i16x8', 'i32x4']) {
  const w = WIDTH[shape];
  for (const [n, op] of [['min', MIN], ['max', MAX], ['lt', LT], ['gt', GT], ['le', LE], ['ge', GE]] as const) {
    def(`${shape}.${n}_s`, op, w, true);
    def(`${shape}.${n}_u`, op, w, false);
  }
  def(`${shape}.eq`, EQ, w, false);
  def(`${shape}.ne`, NE, w, false);
  def(`${shape}.abs`, ABS, w, true);
  def(`${shape}.neg`, NEG, w, true);
  def(`${shape}.shl`, SHL, w, false);
  def(`${shape}.shr_s`, SHR, w, true);
  def(`${shape}.shr_u`, SHR, w, false);
  def(`${shape}.all_true`, ALL_TRUE, w, false);
  def(`${shape}.bitmask`, BITMASK, w, true);
  if (w < 4) {
    def(`${shape}.add_sat_s`, ADD_SAT, w, true);
    def(`${shape}.add_sat_u`, ADD_SAT, w, false);
    def(`${shape}.sub_sat_s`, SUB_SAT, w, true);
    def(`${shape}.sub_sat_u`, SUB_SAT, w, false);
    def(`${shape}.avgr_u`, AVGR, w, false);
  }
}
def('i16x8.mul', MUL, 2, false);
def('i8x16.popcnt', POPCNT, 1, false);
// Narrowing reads the wider lanes; widening ones read the narrower (the shape after the name).
for (const [to, from] of [['i8x16', 2], ['i16x8', 4]] as const) {
  def(`${to}.narrow_${from === 2 ? 'i16x8' : 'i32x4'}_s`, NARROW, from, true);
  def(`${to}.narrow_${from === 2 ? 'i16x8' : 'i32x4'}_u`, NARROW, from, false);
}
for (const [to, from] of [['i16x8', 'i8x16'], ['i32x4', 'i16x8'], ['i64x2', 'i32x4']] as const) {
  const w = WIDTH[from];
  for (const s of ['s', 'u'] as const) {
    def(`${to}.extend_low_${from}_${s}`, EXTEND_LOW, w, s === 's');
    def(`${to}.extend_high_${from}_${s}`, EXTEND_HIGH, w, s === 's');
    if (to === 'i64x2') continue; // products of i32 lanes can exceed 2^53: the helpers do those
    def(`${to}.extmul_low_${from}_${s}`, EXTMUL_LOW, w, s === 's');
    def(`${to}.extmul_high_${from}_${s}`, EXTMUL_HIGH, w, s === 's');
    def(`${to}.extadd_pairwise_${from}_${s}`, EXTADD, w, s === 's');
  }
}
def('i32x4.dot_i16x8_s', DOT, 2, true);
def('i16x8.q15mulr_sat_s', Q15MULR, 2, true);
def('i16x8.relaxed_q15mulr_s', Q15MULR, 2, true);

type View = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;
let views: { buffer: ArrayBufferLike; s: View[]; u: View[] } | null = null;
/** Views of the vector file by lane width (index log2 w) and signedness. */
function viewsOf(f: Files): { s: View[]; u: View[] } {
  if (views === null || views.buffer !== f.V.buffer) {
    const b = f.V.buffer;
    views = { buffer: b, s: [new Int8Array(b), new Int16Array(b), f.V], u: [f.V8, new Uint16Array(b), new Uint32Array(b)] };
  }
  return views;
}
const LOG2 = [0, 0, 1, 1, 2];
const T = new Float64Array(16);

/** The range of a lane of w bytes (index log2 w), signed and unsigned. */
const LO_S = [-128, -32768], HI_S = [127, 32767], HI_U = [255, 65535];

/** [V_LANES, d, a, b, entry]: slots (frame-relative already added); b is the i32 count of shifts. */
export function execLanes(f: Files, d: number, a: number, b: number, entry: number): void {
  const { op, w, signed } = ENTRIES[entry];
  const V = viewsOf(f);
  const x = (signed || op === NARROW ? V.s : V.u)[LOG2[w]]; // narrowing reads signed lanes either way
  const n = 16 / w;
  const xa = n * a, xb = n * b;
  let m = n; // result lanes
  // Saturation bounds: of the operands' lanes, or of the result's for narrowing.
  const r = LOG2[op === NARROW ? w / 2 : w];
  const lo = signed ? LO_S[r] : 0, hi = signed ? HI_S[r] : HI_U[r];
  let v = 0;
  switch (op) {
    case ADD_SAT: for (let k = 0; k < n; k++) T[k] = (v = x[xa + k] + x[xb + k]) < lo ? lo : v > hi ? hi : v; break;
    case SUB_SAT: for (let k = 0; k < n; k++) T[k] = (v = x[xa + k] - x[xb + k]) < lo ? lo : v > hi ? hi : v; break;
    case MIN: for (let k = 0; k < n; k++) T[k] = x[xa + k] < x[xb + k] ? x[xa + k] : x[xb + k]; break;
    case MAX: for (let k = 0; k < n; k++) T[k] = x[xa + k] > x[xb + k] ? x[xa + k] : x[xb + k]; break;
    case AVGR: for (let k = 0; k < n; k++) T[k] = (x[xa + k] + x[xb + k] + 1) >>> 1; break;
    case EQ: for (let k = 0; k < n; k++) T[k] = x[xa + k] === x[xb + k] ? -1 : 0; break;
    case NE: for (let k = 0; k < n; k++) T[k] = x[xa + k] !== x[xb + k] ? -1 : 0; break;
    case LT: for (let k = 0; k < n; k++) T[k] = x[xa + k] < x[xb + k] ? -1 : 0; break;
    case GT: for (let k = 0; k < n; k++) T[k] = x[xa + k] > x[xb + k] ? -1 : 0; break;
    case LE: for (let k = 0; k < n; k++) T[k] = x[xa + k] <= x[xb + k] ? -1 : 0; break;
    case GE: for (let k = 0; k < n; k++) T[k] = x[xa + k] >= x[xb + k] ? -1 : 0; break;
    case MUL: for (let k = 0; k < n; k++) T[k] = Math.imul(x[xa + k], x[xb + k]); break;
    case ABS: for (let k = 0; k < n; k++) T[k] = x[xa + k] < 0 ? -x[xa + k] : x[xa + k]; break;
    case NEG: for (let k = 0; k < n; k++) T[k] = -x[xa + k]; break;
    case POPCNT: for (let k = 0; k < n; k++) {
      let c = 0;
      for (v = x[xa + k]; v !== 0; v &= v - 1) c++;
      T[k] = c;
    } break;
    case SHL: { const c = f.I[b] & (8 * w - 1); for (let k = 0; k < n; k++) T[k] = x[xa + k] << c; break; }
    case SHR: { const c = f.I[b] & (8 * w - 1); for (let k = 0; k < n; k++) T[k] = signed ? x[xa + k] >> c : x[xa + k] >>> c; break; }
    case ALL_TRUE: { let r = 1; for (let k = 0; k < n; k++) if (x[xa + k] === 0) r = 0; f.I[d] = r; return; }
    case BITMASK: { let r = 0; for (let k = 0; k < n; k++) if (x[xa + k] < 0) r |= 1 << k; f.I[d] = r; return; }
    case NARROW: // n wide lanes from a then from b, into 2n narrow ones, saturated (signedness: the result's)
      for (let k = 0; k < n; k++) {
        T[k] = (v = x[xa + k]) < lo ? lo : v > hi ? hi : v;
        T[n + k] = (v = x[xb + k]) < lo ? lo : v > hi ? hi : v;
      }
      store(V, w / 2, d, 2 * n);
      return;
    case EXTEND_LOW: case EXTEND_HIGH: case EXTMUL_LOW: case EXTMUL_HIGH: {
      m = n / 2;
      const o = op === EXTEND_HIGH || op === EXTMUL_HIGH ? m : 0;
      const mul = op === EXTMUL_LOW || op === EXTMUL_HIGH;
      for (let k = 0; k < m; k++) T[k] = mul ? x[xa + o + k] * x[xb + o + k] : x[xa + o + k];
      if (w === 4) { // into i64x2: two words per lane
        for (let k = 0; k < m; k++) wide(f.V, 4 * d + 2 * k, T[k]);
        return;
      }
      store(V, 2 * w, d, m);
      return;
    }
    case EXTADD: m = n / 2; for (let k = 0; k < m; k++) T[k] = x[xa + 2 * k] + x[xa + 2 * k + 1]; store(V, 2 * w, d, m); return;
    case DOT: m = n / 2; for (let k = 0; k < m; k++) T[k] = x[xa + 2 * k] * x[xb + 2 * k] + x[xa + 2 * k + 1] * x[xb + 2 * k + 1]; store(V, 2 * w, d, m); return;
    default: for (let k = 0; k < n; k++) T[k] = (v = (x[xa + k] * x[xb + k] + 0x4000) >> 15) > 32767 ? 32767 : v; // Q15MULR
  }
  store(V, w, d, m);
}

/** Writes T[0 … m) as the lanes (w bytes, wrapping) of slot d. */
function store(V: { u: View[] }, w: number, d: number, m: number): void {
  const y = V.u[LOG2[w]];
  for (let k = 0; k < m; k++) y[m * d + k] = T[k];
}

/** An exact integer (|x| < 2^53) as an i64 lane: two words at V[i], V[i + 1]. */
function wide(V: Int32Array, i: number, x: number): void {
  V[i] = x | 0;
  V[i + 1] = Math.floor(x / 4294967296) | 0;
}
