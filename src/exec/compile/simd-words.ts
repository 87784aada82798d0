// Unboxed SIMD for the integer, bitwise and f32x4 instructions that dominate vectorised code. A v128
// produced here lives in four fresh JS variables (int32 words, little-endian lanes) computed by
// inline expressions, and is pushed as the pending expression `v128FromWords(w0, w1, w2, w3)`: the
// next instruction handled here takes the words straight from the variables (no array at all),
// while anything else (parameters, calls, block results, the generic helpers) evaluates the
// expression and gets the ordinary immutable 16-byte array; an array operand is unpacked once. Loads and stores go through the
// DataView as four int32 accesses. The variables are `var`s with names unique in the function,
// assigned once per execution of their straight-line code, so pending uses stay valid (pending
// expressions never outlive the block that computes them). Instructions not handled here take
// the generic path (simdops.ts: numerics' helpers on arrays).

import type { Instr } from '../../binary/instr.js';
import { I32, I64, F32, F64, V128 } from '../../syntax/types.js';
import type { Entry, FuncCompiler } from './body.js';
import { address } from './memops.js';

interface State {
  n: number;
  /** The f32 scratch pair (Float32Array, Int32Array over it), once made. */
  f32?: [string, string];
  /** The f64 scratch pair (Float64Array, Int32Array over it), once made. */
  f64?: [string, string];
  /** v128 constants made so far: bytes → prologue constant. */
  consts: Map<string, string>;
  /** Pending materialisation expression → its word expressions. */
  words: Map<string, string[]>;
}
const states = new WeakMap<FuncCompiler, State>();
function state(c: FuncCompiler): State {
  let s = states.get(c);
  if (!s) states.set(c, (s = { n: 0, consts: new Map(), words: new Map() }));
  return s;
}

/**
 * The four words of entry x: known ones as they are, an array (parameter, block result, helper
 * result …) unpacked from its bytes once, here, where the instruction consumes it.
 */
function wordsOf(c: FuncCompiler, x: Entry): string[] {
  const s = state(c);
  const known = x.v ? undefined : s.words.get(x.e);
  if (known) return known;
  const v = `q${s.n++}`;
  const w = range(4).map((k) => `${v}_${k}`);
  const b = (i: number): string => `${v}[${i}]`;
  c.emit(`var ${v} = ${x.e}, ${w.map((n, k) => `${n} = ${b(4 * k)} | ${b(4 * k + 1)} << 8 | ${b(4 * k + 2)} << 16 | ${b(4 * k + 3)} << 24`).join(', ')};`);
  return w;
}

/** Computes the four word expressions into fresh variables and pushes the v128. */
function pushWords(c: FuncCompiler, ws: string[]): void {
  const s = state(c);
  const v = `q${s.n++}`;
  const w = [0, 1, 2, 3].map((k) => `${v}_${k}`);
  c.emit(`var ${w.map((n, k) => `${n} = ${ws[k]}`).join(', ')};`);
  const e = `${c.use('v128FromWords')}(${w.join(', ')})`;
  s.words.set(e, w);
  c.push(V128, e);
}

/** A scalar operand evaluated once into a fresh variable. */
function once(c: FuncCompiler, e: string): string {
  if (/^(\(?-?\d+\)?|[a-zA-Z_$][\w$]*)$/.test(e)) return e;
  const v = `q${state(c).n++}`;
  c.emit(`var ${v} = ${e};`);
  return v;
}

// ---- lanes of words: lane j of width b bits (8, 16, 32) in word list w ----
function lane(w: string[], b: number, j: number, signed: boolean): string {
  const per = 32 / b;
  const x = w[Math.floor(j / per)];
  const at = (j % per) * b;
  if (b === 32) return signed ? x : `(${x} >>> 0)`;
  if (signed) return at + b === 32 ? `(${x} >> ${at})` : `(${x} << ${32 - at - b} >> ${32 - b})`;
  return at + b === 32 ? `(${x} >>> ${at})` : at === 0 ? `(${x} & ${2 ** b - 1})` : `(${x} >>> ${at} & ${2 ** b - 1})`;
}
/** Words from lane values (any int expressions, wrapped to the lane width). */
function pack(b: number, lanes: string[]): string[] {
  const per = 32 / b;
  const out: string[] = [];
  for (let k = 0; k < 4; k++) {
    const parts: string[] = [];
    for (let i = 0; i < per; i++) {
      const x = lanes[k * per + i];
      const at = i * b;
      if (b === 32) parts.push(`${x} | 0`);
      else if (at + b === 32) parts.push(`${x} << ${at}`);
      else parts.push(at === 0 ? `${x} & ${2 ** b - 1}` : `(${x} & ${2 ** b - 1}) << ${at}`);
    }
    out.push(parts.map((p) => `(${p})`).join(' | '));
  }
  return out;
}
const count = (b: number): number => 128 / b;
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

type Emit = (c: FuncCompiler, ins: Instr) => void;
export const WORDS = new Map<string, Emit>();
const def = (name: string, f: Emit): void => void WORDS.set(name, f);
/** The words of the operand on top of the stack (popped). */
const w1 = (c: FuncCompiler): string[] => wordsOf(c, c.pop());
/** The words of the two operands on top of the stack (popped), in stack order. */
function w2(c: FuncCompiler): [string[], string[]] {
  const y = c.pop(), x = c.pop();
  const wx = wordsOf(c, x);
  return [wx, wordsOf(c, y)];
}

/** Lane-wise binary operation of a shape (lanes read signed or unsigned). */
function bin(name: string, b: number, signed: boolean, f: (x: string, y: string) => string): void {
  def(name, (c) => {
    const [wx, wy] = w2(c);
    pushWords(c, pack(b, range(count(b)).map((j) => f(lane(wx, b, j, signed), lane(wy, b, j, signed)))));
  });
}
function un(name: string, b: number, signed: boolean, f: (x: string) => string): void {
  def(name, (c) => {
    const wx = w1(c);
    pushWords(c, pack(b, range(count(b)).map((j) => f(lane(wx, b, j, signed)))));
  });
}

// bitwise on whole words
function word2(name: string, f: (x: string, y: string) => string): void {
  def(name, (c) => {
    const [wx, wy] = w2(c);
    pushWords(c, range(4).map((k) => f(wx[k], wy[k])));
  });
}
word2('v128.and', (x, y) => `${x} & ${y}`);
word2('v128.or', (x, y) => `${x} | ${y}`);
word2('v128.xor', (x, y) => `${x} ^ ${y}`);
word2('v128.andnot', (x, y) => `${x} & ~${y}`);
def('v128.not', (c) => {
  const wx = w1(c);
  pushWords(c, wx.map((x) => `~${x}`));
});
def('v128.bitselect', (c) => {
  const [m, y, x] = [c.pop(), c.pop(), c.pop()];
  const [wx, wy, wm] = [wordsOf(c, x), wordsOf(c, y), wordsOf(c, m)];
  pushWords(c, range(4).map((k) => `(${wx[k]} & ${wm[k]}) | (${wy[k]} & ~${wm[k]})`));
});
def('v128.any_true', (c) => {
  const wx = w1(c);
  c.pushCond(`((${wx.join(' | ')}) !== 0)`);
});
def('v128.const', (c, ins) => {
  // The shared constant array (nothing to allocate where an array is needed), words as literals.
  const b = ins.bytes!;
  const list = Array.from(b).join(', ');
  const st = state(c);
  const name = st.consts.get(list) ?? c.constant(`new Uint8Array([${list}])`);
  st.consts.set(list, name);
  st.words.set(name, range(4).map((k) => `(${b[4 * k] | (b[4 * k + 1] << 8) | (b[4 * k + 2] << 16) | (b[4 * k + 3] << 24)})`));
  c.push(V128, name);
});

const clamp = (lo: number, hi: number, e: string): string => `Math.max(${lo}, Math.min(${hi}, ${e}))`;
const mask = (e: string): string => `(${e} ? -1 : 0)`;
const cmps: [string, string][] = [['eq', '==='], ['ne', '!=='], ['lt', '<'], ['gt', '>'], ['le', '<='], ['ge', '>=']];

for (const [shape, b] of [['i8x16', 8], ['i16x8', 16], ['i32x4', 32]] as const) {
  const max = 2 ** (b - 1) - 1, min = -(2 ** (b - 1)), umax = 2 ** b - 1;
  bin(`${shape}.add`, b, false, (x, y) => `${x} + ${y}`);
  bin(`${shape}.sub`, b, false, (x, y) => `${x} - ${y}`);
  for (const [op, js] of cmps) {
    if (op === 'eq' || op === 'ne') bin(`${shape}.${op}`, b, true, (x, y) => mask(`${x} ${js} ${y}`));
    else {
      bin(`${shape}.${op}_s`, b, true, (x, y) => mask(`${x} ${js} ${y}`));
      bin(`${shape}.${op}_u`, b, false, (x, y) => mask(`${x} ${js} ${y}`));
    }
  }
  bin(`${shape}.min_s`, b, true, (x, y) => `(${x} < ${y} ? ${x} : ${y})`);
  bin(`${shape}.max_s`, b, true, (x, y) => `(${x} > ${y} ? ${x} : ${y})`);
  bin(`${shape}.min_u`, b, false, (x, y) => `(${x} < ${y} ? ${x} : ${y})`);
  bin(`${shape}.max_u`, b, false, (x, y) => `(${x} > ${y} ? ${x} : ${y})`);
  un(`${shape}.neg`, b, true, (x) => `-${x}`);
  un(`${shape}.abs`, b, true, (x) => `(${x} < 0 ? -${x} : ${x})`);
  if (b < 32) {
    bin(`${shape}.add_sat_s`, b, true, (x, y) => clamp(min, max, `${x} + ${y}`));
    bin(`${shape}.sub_sat_s`, b, true, (x, y) => clamp(min, max, `${x} - ${y}`));
    bin(`${shape}.add_sat_u`, b, false, (x, y) => `Math.min(${umax}, ${x} + ${y})`);
    bin(`${shape}.sub_sat_u`, b, false, (x, y) => `Math.max(0, ${x} - ${y})`);
    bin(`${shape}.avgr_u`, b, false, (x, y) => `(${x} + ${y} + 1) >>> 1`);
  }
  if (b > 8) bin(`${shape}.mul`, b, false, (x, y) => `Math.imul(${x}, ${y})`);
  // shifts: the count modulo the lane width, evaluated once
  for (const [op, js, signed] of [['shl', '<<', false], ['shr_s', '>>', true], ['shr_u', '>>>', false]] as const) {
    def(`${shape}.${op}`, (c) => {
      const n = once(c, `(${c.pop().e} & ${b - 1})`);
      const wx = w1(c);
      pushWords(c, pack(b, range(count(b)).map((j) => `(${lane(wx, b, j, signed)} ${js} ${n})`)));
    });
  }
  def(`${shape}.splat`, (c) => {
    const x = once(c, c.pop().e);
    pushWords(c, pack(b, range(count(b)).map(() => x)));
  });
  const extract = (name: string, signed: boolean): void => {
    def(name, (c, ins) => {
      const wx = w1(c);
      const e = lane(wx, b, ins.a, signed);
      c.push(I32, e);
    });
  };
  if (b === 32) extract(`${shape}.extract_lane`, true);
  else {
    extract(`${shape}.extract_lane_s`, true);
    extract(`${shape}.extract_lane_u`, false);
  }
  def(`${shape}.replace_lane`, (c, ins) => {
    const x = once(c, c.pop().e);
    const wx = w1(c);
    pushWords(c, pack(b, range(count(b)).map((j) => (j === ins.a ? x : lane(wx, b, j, false)))));
  });
  def(`${shape}.all_true`, (c) => {
    const wx = w1(c);
    c.pushCond(`(${range(count(b)).map((j) => `${lane(wx, b, j, false)} !== 0`).join(' && ')})`);
  });
  def(`${shape}.bitmask`, (c) => {
    const wx = w1(c);
    c.push(I32, `(${range(count(b)).map((j) => `(${lane(wx, b, j, false)} >>> ${b - 1}) << ${j}`).join(' | ')})`);
  });
}

// narrowing, widening, dot
for (const [name, from, to, signed] of [
  ['i8x16.narrow_i16x8_s', 16, 8, true], ['i8x16.narrow_i16x8_u', 16, 8, false],
  ['i16x8.narrow_i32x4_s', 32, 16, true], ['i16x8.narrow_i32x4_u', 32, 16, false],
] as const) {
  const [lo, hi] = signed ? [-(2 ** (to - 1)), 2 ** (to - 1) - 1] : [0, 2 ** to - 1];
  def(name, (c) => {
    const [wx, wy] = w2(c);
    const n = count(from);
    const lanes = range(2 * n).map((j) => clamp(lo, hi, j < n ? lane(wx, from, j, true) : lane(wy, from, j - n, true)));
    pushWords(c, pack(to, lanes));
  });
}
for (const [shape, to] of [['i16x8', 16], ['i32x4', 32], ['i64x2', 64]] as const) {
  const from = to / 2;
  const src = `i${from}x${128 / from}`;
  for (const half of ['low', 'high'] as const) {
    for (const s of ['s', 'u'] as const) {
      def(`${shape}.extend_${half}_${src}_${s}`, (c) => {
        const wx = w1(c);
        const base = half === 'low' ? 0 : count(to);
        if (to === 64) {
          const ls = range(2).map((j) => lane(wx, 32, base + j, true));
          pushWords(c, [ls[0], s === 's' ? `${ls[0]} >> 31` : '0', ls[1], s === 's' ? `${ls[1]} >> 31` : '0']);
        } else pushWords(c, pack(to, range(count(to)).map((j) => lane(wx, from, base + j, s === 's'))));
      });
    }
  }
}
def('i32x4.dot_i16x8_s', (c) => {
  const [wx, wy] = w2(c);
  const p = (j: number): string => `${lane(wx, 16, j, true)} * ${lane(wy, 16, j, true)}`;
  pushWords(c, range(4).map((k) => `(${p(2 * k)} + ${p(2 * k + 1)}) | 0`));
});
def('i8x16.shuffle', (c, ins) => {
  const [wx, wy] = w2(c);
  const idx = ins.bytes!;
  const src = (i: number): string[] => (i < 16 ? wx : wy);
  pushWords(c, range(4).map((k) => {
    const i0 = idx[4 * k];
    // A whole aligned word moves as one.
    if (i0 % 4 === 0 && idx[4 * k + 1] === i0 + 1 && idx[4 * k + 2] === i0 + 2 && idx[4 * k + 3] === i0 + 3) return src(i0)[(i0 % 16) / 4];
    return range(4).map((j) => {
      const i = idx[4 * k + j];
      const b = lane(src(i), 8, i % 16, false);
      return j === 0 ? b : `${b} << ${8 * j}`;
    }).join(' | ');
  }));
});

// ---- f32x4: lanes through a per-function Float32Array/Int32Array scratch pair, like the generic
// helpers (reading a lane quiets a signalling NaN, which arithmetic may; bit operations stay on
// the words). FS[0]/IS[0] convert one value, FS[1..2] hold two operands read more than once.
function scratch(c: FuncCompiler): [string, string] {
  const st = state(c);
  if (!st.f32) {
    const f = c.constant('new Float32Array(3)');
    st.f32 = [f, c.constant(`new Int32Array(${f}.buffer)`)];
  }
  return st.f32;
}
function fop2(name: string, f: (F: string, I: string, x: string, y: string, c: FuncCompiler) => string): void {
  def(name, (c) => {
    const [wx, wy] = w2(c);
    const [F, I] = scratch(c);
    pushWords(c, range(4).map((k) => f(F, I, wx[k], wy[k], c)));
  });
}
function fop1(name: string, f: (F: string, I: string, x: string, c: FuncCompiler) => string): void {
  def(name, (c) => {
    const wx = w1(c);
    const [F, I] = scratch(c);
    pushWords(c, range(4).map((k) => f(F, I, wx[k], c)));
  });
}
const fIn = (F: string, I: string, w: string): string => `(${I}[0] = ${w}, ${F}[0])`;
const fOut = (F: string, I: string, e: string): string => `(${F}[0] = ${e}, ${I}[0])`;
const fTwo = (F: string, I: string, x: string, y: string): string => `${I}[1] = ${x}, ${I}[2] = ${y}`;
for (const [op, js] of [['add', '+'], ['sub', '-'], ['mul', '*'], ['div', '/']]) {
  fop2(`f32x4.${op}`, (F, I, x, y) => fOut(F, I, `${fIn(F, I, x)} ${js} ${fIn(F, I, y)}`));
}
for (const op of ['min', 'max']) {
  fop2(`f32x4.${op}`, (F, I, x, y, c) => `(${fTwo(F, I, x, y)}, ${F}[0] = ${c.use(op === 'min' ? 'f64Min' : 'f64Max')}(${F}[1], ${F}[2]), ${I}[0])`);
}
// pmin(a, b) = b < a ? b : a;  pmax(a, b) = a < b ? b : a (the chosen operand's bits)
fop2('f32x4.pmin', (F, I, x, y) => `((${fTwo(F, I, x, y)}, ${F}[2] < ${F}[1]) ? ${y} : ${x})`);
fop2('f32x4.pmax', (F, I, x, y) => `((${fTwo(F, I, x, y)}, ${F}[1] < ${F}[2]) ? ${y} : ${x})`);
for (const [op, js] of cmps) fop2(`f32x4.${op}`, (F, I, x, y) => `((${fTwo(F, I, x, y)}, ${F}[1] ${js} ${F}[2]) ? -1 : 0)`);
fop1('f32x4.abs', (_F, _I, x) => `${x} & 2147483647`);
fop1('f32x4.neg', (_F, _I, x) => `${x} ^ -2147483648`);
fop1('f32x4.sqrt', (F, I, x) => fOut(F, I, `Math.sqrt(${fIn(F, I, x)})`));
fop1('f32x4.convert_i32x4_s', (F, I, x) => fOut(F, I, x));
fop1('f32x4.convert_i32x4_u', (F, I, x) => fOut(F, I, `(${x} >>> 0)`));
fop1('i32x4.trunc_sat_f32x4_s', (F, I, x, c) => `${c.use('i32TruncSatS')}(${fIn(F, I, x)})`);
fop1('i32x4.trunc_sat_f32x4_u', (F, I, x, c) => `${c.use('i32TruncSatU')}(${fIn(F, I, x)})`);
for (const r of ['ceil', 'floor', 'trunc', 'nearest']) {
  const helper = `f64${r[0].toUpperCase()}${r.slice(1)}`;
  fop1(`f32x4.${r}`, (F, I, x, c) => fOut(F, I, `${c.use(helper)}(${fIn(F, I, x)})`));
}
def('f32x4.splat', (c) => {
  const x = once(c, `${c.use('f32ToBits')}(${c.pop().e})`);
  pushWords(c, [x, x, x, x]);
});
def('f32x4.extract_lane', (c, ins) => {
  const wx = w1(c);
  c.push(F32, `${c.use('f32FromBits')}(${wx[ins.a]})`);
});
def('f32x4.replace_lane', (c, ins) => {
  const x = once(c, `${c.use('f32ToBits')}(${c.pop().e})`);
  const wx = w1(c);
  pushWords(c, range(4).map((k) => (k === ins.a ? x : wx[k])));
});

// ---- f64x2: lanes are word pairs (lo, hi), read and written through a Float64Array scratch
// (D[0] converts, D[1..2] hold two operands read twice); Float64Array keeps NaN bits.
function scratch64(c: FuncCompiler): [string, string] {
  const st = state(c);
  if (!st.f64) {
    const d = c.constant('new Float64Array(3)');
    st.f64 = [d, c.constant(`new Int32Array(${d}.buffer)`)];
  }
  return st.f64;
}
const dIn = (D: string, I: string, lo: string, hi: string): string => `(${I}[0] = ${lo}, ${I}[1] = ${hi}, ${D}[0])`;
const dTwo = (I: string, x: string[], y: string[], j: number): string =>
  `${I}[2] = ${x[2 * j]}, ${I}[3] = ${x[2 * j + 1]}, ${I}[4] = ${y[2 * j]}, ${I}[5] = ${y[2 * j + 1]}`;
/** Words of two f64 results (each written to D[0], then its words read in order). */
const dOut = (D: string, I: string, e0: string, e1: string): string[] => [`(${D}[0] = ${e0}, ${I}[0])`, `${I}[1]`, `(${D}[0] = ${e1}, ${I}[0])`, `${I}[1]`];
function dop2(name: string, f: (D: string, I: string, x: string[], y: string[], j: number, c: FuncCompiler) => string): void {
  def(name, (c) => {
    const [wx, wy] = w2(c);
    const [D, I] = scratch64(c);
    pushWords(c, dOut(D, I, f(D, I, wx, wy, 0, c), f(D, I, wx, wy, 1, c)));
  });
}
for (const [op, js] of [['add', '+'], ['sub', '-'], ['mul', '*'], ['div', '/']]) {
  dop2(`f64x2.${op}`, (D, I, x, y, j) => `${dIn(D, I, x[2 * j], x[2 * j + 1])} ${js} ${dIn(D, I, y[2 * j], y[2 * j + 1])}`);
}
for (const op of ['min', 'max']) {
  dop2(`f64x2.${op}`, (D, I, x, y, j, c) => `(${dTwo(I, x, y, j)}, ${c.use(op === 'min' ? 'f64Min' : 'f64Max')}(${D}[1], ${D}[2]))`);
}
/** Lane-wise choice or mask of two f64x2: cond(j) evaluated once per lane. */
function dsel(name: string, cond: (D: string, j: number) => string, pick: (x: string[], y: string[], k: number, t: string) => string): void {
  def(name, (c) => {
    const [wx, wy] = w2(c);
    const [D, I] = scratch64(c);
    const t = [0, 1].map((j) => once(c, `((${dTwo(I, wx, wy, j)}, ${cond(D, j)}) ? 1 : 0)`));
    pushWords(c, range(4).map((k) => pick(wx, wy, k, t[k >> 1])));
  });
}
dsel('f64x2.pmin', (D) => `${D}[2] < ${D}[1]`, (x, y, k, t) => `(${t} ? ${y[k]} : ${x[k]})`);
dsel('f64x2.pmax', (D) => `${D}[1] < ${D}[2]`, (x, y, k, t) => `(${t} ? ${y[k]} : ${x[k]})`);
for (const [op, js] of cmps) dsel(`f64x2.${op}`, (D) => `${D}[1] ${js} ${D}[2]`, (_x, _y, _k, t) => `-${t}`);
def('f64x2.abs', (c) => {
  const w = w1(c);
  pushWords(c, [w[0], `${w[1]} & 2147483647`, w[2], `${w[3]} & 2147483647`]);
});
def('f64x2.neg', (c) => {
  const w = w1(c);
  pushWords(c, [w[0], `${w[1]} ^ -2147483648`, w[2], `${w[3]} ^ -2147483648`]);
});
def('f64x2.sqrt', (c) => {
  const w = w1(c);
  const [D, I] = scratch64(c);
  pushWords(c, dOut(D, I, `Math.sqrt(${dIn(D, I, w[0], w[1])})`, `Math.sqrt(${dIn(D, I, w[2], w[3])})`));
});
for (const r of ['ceil', 'floor', 'trunc', 'nearest']) {
  def(`f64x2.${r}`, (c) => {
    const w = w1(c);
    const [D, I] = scratch64(c);
    const f = c.use(`f64${r[0].toUpperCase()}${r.slice(1)}`);
    pushWords(c, dOut(D, I, `${f}(${dIn(D, I, w[0], w[1])})`, `${f}(${dIn(D, I, w[2], w[3])})`));
  });
}
def('f64x2.splat', (c) => {
  const x = once(c, c.pop().e);
  const [D, I] = scratch64(c);
  pushWords(c, dOut(D, I, x, x));
});
def('f64x2.extract_lane', (c, ins) => {
  const w = w1(c);
  const [D, I] = scratch64(c);
  c.push(F64, dIn(D, I, w[2 * ins.a], w[2 * ins.a + 1]));
});
def('f64x2.replace_lane', (c, ins) => {
  const x = once(c, c.pop().e);
  const w = w1(c);
  const [D, I] = scratch64(c);
  const r = dOut(D, I, x, x);
  pushWords(c, range(4).map((k) => ((k >> 1) === ins.a ? r[k] : w[k])));
});
def('f64x2.convert_low_i32x4_s', (c) => {
  const w = w1(c);
  const [D, I] = scratch64(c);
  pushWords(c, dOut(D, I, w[0], w[1]));
});
def('f64x2.convert_low_i32x4_u', (c) => {
  const w = w1(c);
  const [D, I] = scratch64(c);
  pushWords(c, dOut(D, I, `(${w[0]} >>> 0)`, `(${w[1]} >>> 0)`));
});
def('f64x2.promote_low_f32x4', (c) => {
  const w = w1(c);
  const [D, I] = scratch64(c);
  const [F, FI] = scratch(c);
  pushWords(c, dOut(D, I, fIn(F, FI, w[0]), fIn(F, FI, w[1])));
});
def('f32x4.demote_f64x2_zero', (c) => {
  const w = w1(c);
  const [D, I] = scratch64(c);
  const [F, FI] = scratch(c);
  pushWords(c, [fOut(F, FI, dIn(D, I, w[0], w[1])), fOut(F, FI, dIn(D, I, w[2], w[3])), '0', '0']);
});
for (const s of ['s', 'u'] as const) {
  def(`i32x4.trunc_sat_f64x2_${s}_zero`, (c) => {
    const w = w1(c);
    const [D, I] = scratch64(c);
    const f = c.use(s === 's' ? 'i32TruncSatS' : 'i32TruncSatU');
    pushWords(c, [`${f}(${dIn(D, I, w[0], w[1])})`, `${f}(${dIn(D, I, w[2], w[3])})`, '0', '0']);
  });
}

// ---- i64x2: lanes are word pairs; carries inline, mul and shifts by numerics' i64 helpers
// (low word returned, high word in H.hi, read right after in the same declaration).
function qop2(name: string, f: (x: string[], y: string[], j: number, c: FuncCompiler) => [string, string]): void {
  def(name, (c) => {
    const [wx, wy] = w2(c);
    pushWords(c, [...f(wx, wy, 0, c), ...f(wx, wy, 1, c)]);
  });
}
const lo = (w: string[], j: number): string => w[2 * j];
const hi = (w: string[], j: number): string => w[2 * j + 1];
qop2('i64x2.add', (x, y, j) => [`${lo(x, j)} + ${lo(y, j)} | 0`,
  `${hi(x, j)} + ${hi(y, j)} + ((${lo(x, j)} >>> 0) + (${lo(y, j)} >>> 0) > 4294967295 ? 1 : 0) | 0`]);
qop2('i64x2.sub', (x, y, j) => [`${lo(x, j)} - ${lo(y, j)} | 0`,
  `${hi(x, j)} - ${hi(y, j)} - ((${lo(x, j)} >>> 0) < (${lo(y, j)} >>> 0) ? 1 : 0) | 0`]);
qop2('i64x2.mul', (x, y, j, c) => [`${c.use('i64Mul')}(${lo(x, j)}, ${hi(x, j)}, ${lo(y, j)}, ${hi(y, j)})`, `${c.use('H')}.hi`]);
for (const [half, base] of [['low', 0], ['high', 2]] as const) {
  qop2(`i64x2.extmul_${half}_i32x4_s`, (x, y, j, c) => [`${c.use('i64Mul')}(${x[base + j]}, ${x[base + j]} >> 31, ${y[base + j]}, ${y[base + j]} >> 31)`, `${c.use('H')}.hi`]);
  qop2(`i64x2.extmul_${half}_i32x4_u`, (x, y, j, c) => [`${c.use('i64Mul')}(${x[base + j]}, 0, ${y[base + j]}, 0)`, `${c.use('H')}.hi`]);
}
const lt64 = (x: string[], y: string[], j: number): string =>
  `(${hi(x, j)} < ${hi(y, j)} || (${hi(x, j)} === ${hi(y, j)} && (${lo(x, j)} >>> 0) < (${lo(y, j)} >>> 0)))`;
const eq64 = (x: string[], y: string[], j: number): string => `(${lo(x, j)} === ${lo(y, j)} && ${hi(x, j)} === ${hi(y, j)})`;
for (const [op, f] of [
  ['eq', eq64], ['ne', (x, y, j) => `!${eq64(x, y, j)}`], ['lt_s', lt64], ['gt_s', (x, y, j) => lt64(y, x, j)],
  ['le_s', (x, y, j) => `!${lt64(y, x, j)}`], ['ge_s', (x, y, j) => `!${lt64(x, y, j)}`],
] as [string, (x: string[], y: string[], j: number) => string][]) {
  def(`i64x2.${op}`, (c) => {
    const [wx, wy] = w2(c);
    const t = [0, 1].map((j) => once(c, `(${f(wx, wy, j)} ? -1 : 0)`));
    pushWords(c, [t[0], t[0], t[1], t[1]]);
  });
}
def('i64x2.neg', (c) => {
  const w = w1(c);
  pushWords(c, [`-${w[0]} | 0`, `~${w[1]} + (${w[0]} === 0 ? 1 : 0) | 0`, `-${w[2]} | 0`, `~${w[3]} + (${w[2]} === 0 ? 1 : 0) | 0`]);
});
def('i64x2.abs', (c) => {
  const w = w1(c);
  const ws: string[] = [];
  for (const j of [0, 1]) {
    const [l, h] = [w[2 * j], w[2 * j + 1]];
    ws.push(`(${h} < 0 ? -${l} | 0 : ${l})`, `(${h} < 0 ? ~${h} + (${l} === 0 ? 1 : 0) | 0 : ${h})`);
  }
  pushWords(c, ws);
});
for (const [op, helper] of [['shl', 'i64Shl'], ['shr_s', 'i64ShrS'], ['shr_u', 'i64ShrU']]) {
  def(`i64x2.${op}`, (c) => {
    const n = once(c, `(${c.pop().e} & 63)`);
    const w = w1(c);
    const f = c.use(helper), H = c.use('H');
    pushWords(c, [`${f}(${w[0]}, ${w[1]}, ${n})`, `${H}.hi`, `${f}(${w[2]}, ${w[3]}, ${n})`, `${H}.hi`]);
  });
}
def('i64x2.splat', (c) => {
  const x = c.pop();
  const [l, h] = [once(c, x.e), once(c, x.h)];
  pushWords(c, [l, h, l, h]);
});
def('i64x2.extract_lane', (c, ins) => {
  const w = w1(c);
  c.push(I64, w[2 * ins.a], w[2 * ins.a + 1]);
});
def('i64x2.replace_lane', (c, ins) => {
  const x = c.pop();
  const [l, h] = [once(c, x.e), once(c, x.h)];
  const w = w1(c);
  pushWords(c, range(4).map((k) => ((k >> 1) === ins.a ? (k & 1 ? h : l) : w[k])));
});
def('i64x2.all_true', (c) => {
  const w = w1(c);
  c.pushCond(`((${w[0]} | ${w[1]}) !== 0 && (${w[2]} | ${w[3]}) !== 0)`);
});
def('i64x2.bitmask', (c) => {
  const w = w1(c);
  c.push(I32, `(${w[1]} >>> 31 | (${w[3]} >>> 31) << 1)`);
});

// ---- widening multiplies and pairwise sums, q15mulr, popcnt, swizzle ----
for (const [shape, to] of [['i16x8', 16], ['i32x4', 32]] as const) {
  const from = to / 2;
  const src = `i${from}x${128 / from}`;
  for (const half of ['low', 'high'] as const) {
    for (const sg of ['s', 'u'] as const) {
      const base = half === 'low' ? 0 : count(to);
      const mul = (x: string, y: string): string => (to === 32 ? `Math.imul(${x}, ${y})` : `${x} * ${y}`);
      bin2(`${shape}.extmul_${half}_${src}_${sg}`, to, (wx, wy, j) => mul(lane(wx, from, base + j, sg === 's'), lane(wy, from, base + j, sg === 's')));
    }
  }
  for (const sg of ['s', 'u'] as const) {
    def(`${shape}.extadd_pairwise_${src}_${sg}`, (c) => {
      const wx = w1(c);
      pushWords(c, pack(to, range(count(to)).map((j) => `${lane(wx, from, 2 * j, sg === 's')} + ${lane(wx, from, 2 * j + 1, sg === 's')}`)));
    });
  }
}
/** A binary operation whose result lanes (width b) are computed from both operands' words. */
function bin2(name: string, b: number, f: (wx: string[], wy: string[], j: number) => string): void {
  def(name, (c) => {
    const [wx, wy] = w2(c);
    pushWords(c, pack(b, range(count(b)).map((j) => f(wx, wy, j))));
  });
}
// Only -32768 * -32768 overflows (and saturates); relaxed_q15mulr_s takes the same result.
for (const name of ['i16x8.q15mulr_sat_s', 'i16x8.relaxed_q15mulr_s']) {
  bin(name, 16, true, (x, y) => `Math.min((${x} * ${y} + 16384) >> 15, 32767)`);
}
def('i8x16.popcnt', (c) => {
  const wx = w1(c);
  const st = state(c);
  const table = st.consts.get('popcnt') ?? c.constant('new Uint8Array(256).map((_, i) => { let n = 0; for (let x = i; x !== 0; x &= x - 1) n++; return n; })');
  st.consts.set('popcnt', table);
  pushWords(c, pack(8, range(16).map((j) => `${table}[${lane(wx, 8, j, false)}]`)));
});
for (const name of ['i8x16.swizzle', 'i8x16.relaxed_swizzle']) {
  def(name, (c) => {
    const [wx, wy] = w2(c);
    // lane j: index i = byte j of y; the byte of x at i (words chosen by i >> 2), 0 when i >= 16
    const pick = (i: string): string =>
      `(${i} < 16 ? ((${i} < 8 ? (${i} < 4 ? ${wx[0]} : ${wx[1]}) : (${i} < 12 ? ${wx[2]} : ${wx[3]})) >>> ((${i} & 3) << 3) & 255) : 0)`;
    pushWords(c, pack(8, range(16).map((j) => pick(lane(wy, 8, j, false)))));
  });
}
// Relaxed instructions whose deterministic result (numerics) is the plain one's.
for (const [relaxed, plain] of [
  ['i8x16.relaxed_laneselect', 'v128.bitselect'], ['i16x8.relaxed_laneselect', 'v128.bitselect'],
  ['i32x4.relaxed_laneselect', 'v128.bitselect'], ['i64x2.relaxed_laneselect', 'v128.bitselect'],
  ['f32x4.relaxed_min', 'f32x4.min'], ['f32x4.relaxed_max', 'f32x4.max'],
  ['f64x2.relaxed_min', 'f64x2.min'], ['f64x2.relaxed_max', 'f64x2.max'],
  ['i32x4.relaxed_trunc_f32x4_s', 'i32x4.trunc_sat_f32x4_s'], ['i32x4.relaxed_trunc_f32x4_u', 'i32x4.trunc_sat_f32x4_u'],
  ['i32x4.relaxed_trunc_f64x2_s_zero', 'i32x4.trunc_sat_f64x2_s_zero'], ['i32x4.relaxed_trunc_f64x2_u_zero', 'i32x4.trunc_sat_f64x2_u_zero'],
]) {
  const f = WORDS.get(plain);
  if (f) def(relaxed, f);
}

// ---- memory: four int32 accesses through the DataView after the usual bounds check ----
function dvOf(c: FuncCompiler, ins: Instr, x: Entry, width: number): string {
  return address(c, ins, x, width) || `${c.memory(ins.a).M}.dv`;
}
function loadWords(name: string, width: number, words: (dv: string) => string[]): void {
  def(name, (c, ins) => {
    const dv = dvOf(c, ins, c.pop(), width);
    pushWords(c, words(dv));
  });
}
const g32 = (dv: string, at: number): string => `${dv}.getInt32(A${at ? ` + ${at}` : ''}, true)`;
loadWords('v128.load', 16, (dv) => range(4).map((k) => g32(dv, 4 * k)));
loadWords('v128.load64_zero', 8, (dv) => [g32(dv, 0), g32(dv, 4), '0', '0']);
loadWords('v128.load32_zero', 4, (dv) => [g32(dv, 0), '0', '0', '0']);
loadWords('v128.load16x4_s', 8, (dv) => range(4).map((k) => `${dv}.getInt16(A + ${2 * k}, true)`));
loadWords('v128.load16x4_u', 8, (dv) => range(4).map((k) => `${dv}.getUint16(A + ${2 * k}, true)`));
loadWords('v128.load8x8_s', 8, (dv) => range(4).map((k) => `(${dv}.getInt8(A + ${2 * k}) & 65535) | ${dv}.getInt8(A + ${2 * k + 1}) << 16`));
loadWords('v128.load8x8_u', 8, (dv) => range(4).map((k) => `${dv}.getUint8(A + ${2 * k}) | ${dv}.getUint8(A + ${2 * k + 1}) << 16`));
loadWords('v128.load32x2_s', 8, (dv) => { const [a, b] = [g32(dv, 0), g32(dv, 4)]; return [a, `${a} >> 31`, b, `${b} >> 31`]; });
loadWords('v128.load32x2_u', 8, (dv) => [g32(dv, 0), '0', g32(dv, 4), '0']);
loadWords('v128.load8_splat', 1, (dv) => range(4).map(() => `${dv}.getUint8(A) * 16843009 | 0`));
loadWords('v128.load16_splat', 2, (dv) => range(4).map(() => `${dv}.getUint16(A, true) * 65537 | 0`));
loadWords('v128.load32_splat', 4, (dv) => range(4).map(() => g32(dv, 0)));
loadWords('v128.load64_splat', 8, (dv) => [g32(dv, 0), g32(dv, 4), g32(dv, 0), g32(dv, 4)]);
/** Lane loads and stores: the lane's bytes (1, 2, 4 or 8) move as one access or two words. */
for (const n of [1, 2, 4, 8]) {
  const get = (dv: string): string => (n === 1 ? `${dv}.getUint8(A)` : n === 2 ? `${dv}.getUint16(A, true)` : g32(dv, 0));
  def(`v128.load${8 * n}_lane`, (c, ins) => {
    const w = w1(c);
    const dv = dvOf(c, ins, c.pop(), n);
    const b = 8 * n;
    if (n === 8) pushWords(c, range(4).map((k) => ((k >> 1) === ins.c ? g32(dv, 4 * (k & 1)) : w[k])));
    else pushWords(c, pack(Math.min(b, 32), range(count(b)).map((j) => (j === ins.c ? get(dv) : lane(w, b, j, false)))));
  });
  def(`v128.store${8 * n}_lane`, (c, ins) => {
    const w = w1(c);
    const dv = dvOf(c, ins, c.pop(), n);
    const v = (j: number): string => lane(w, 8 * n, j, true);
    if (n === 8) c.emit(`${dv}.setInt32(A, ${w[2 * ins.c]}, true); ${dv}.setInt32(A + 4, ${w[2 * ins.c + 1]}, true);`);
    else c.emit(`${dv}.${n === 1 ? 'setInt8(A, ' : n === 2 ? 'setInt16(A, ' : 'setInt32(A, '}${v(ins.c)}${n === 1 ? ')' : ', true)'};`);
  });
}
def('v128.store', (c, ins) => {
  const v = c.pop();
  const x = c.pop();
  const wv = wordsOf(c, v);
  const dv = dvOf(c, ins, x, 16);
  c.emit(range(4).map((k) => `${dv}.setInt32(A${k ? ` + ${4 * k}` : ''}, ${wv[k]}, true);`).join(' '));
});

/** Handles `ins` unboxed if it is one of the instructions above. */
export function emitWords(c: FuncCompiler, ins: Instr): boolean {
  const f = WORDS.get(ins.op.name);
  if (f) f(c, ins);
  return f !== undefined;
}

// ---- v128 locals as words ----
// A v128 local declared by the function itself (not a parameter, which arrives as an array, nor a
// local of an inlined callee) lives in four int32 variables l<i>$0..3, so values pass through it
// unboxed. Only local.get/set/tee reach it (hooked before body.ts's own handling), and its
// initialisation comes from zeroValue. The `$` keeps body.ts's `\bl<i>\b` reads test working.

/** What of the compiler's private state this needs (read only). */
interface Internals { localBase: number; declaredLocals: number; localTypes: number[] }

export function isWordLocal(c: FuncCompiler, abs: number): boolean {
  const k = c as unknown as Internals;
  return k.localTypes[abs] === V128 && abs >= c.type.params.length && abs < k.declaredLocals;
}

function pushKnown(c: FuncCompiler, w: string[]): void {
  const e = `${c.use('v128FromWords')}(${w.join(', ')})`;
  state(c).words.set(e, w);
  c.push(V128, e);
}

/** local.get/set/tee of a word local; false for every other local. */
export function emitLocal(c: FuncCompiler, ins: Instr): boolean {
  if ((c as unknown as Internals).localBase !== 0 || !isWordLocal(c, ins.a)) return false;
  const w = range(4).map((j) => `l${ins.a}$${j}`);
  if (ins.op.name === 'local.get') {
    pushKnown(c, w);
    return true;
  }
  const x = c.pop();
  const ws = wordsOf(c, x);
  const mine = new RegExp(`\\bl${ins.a}\\b`);
  c.flushRefs((e) => mine.test(e));
  c.emit(`${w.map((n, j) => `${n} = ${ws[j]}`).join(', ')};`);
  if (ins.op.name === 'local.tee') pushKnown(c, w);
  return true;
}
