// Numeric instructions as JavaScript. Operations that cannot trap become pending expressions
// (folded into their consumers); trapping ones and every i64 result are statements into slots.
// Anything more than an operator or two calls exec/numerics by name.

import type { Instr } from '../../binary/instr.js';
import { I32, I64, F32, F64 } from '../../syntax/types.js';
import { f32FromBits, f64FromBits } from '../numerics.js';
import { TUNING, lit, type FuncCompiler } from './body.js';

type Emit = (c: FuncCompiler, ins: Instr) => void;
export const NUMERIC = new Map<string, Emit>();

/** f32/f64 constants: literals that round-trip, named prologue constants for NaNs. */
function floatConst(c: FuncCompiler, x: number, make: string): string {
  if (x !== x) return c.constant(`E.X.${make}`);
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '(-Infinity)';
  return lit(x);
}

NUMERIC.set('i32.const', (c, ins) => c.push(I32, lit(ins.lo)));
NUMERIC.set('i64.const', (c, ins) => c.push(I64, lit(ins.lo), lit(ins.hi)));
NUMERIC.set('f32.const', (c, ins) => c.push(F32, floatConst(c, f32FromBits(ins.lo), `f32FromBits(${ins.lo})`)));
NUMERIC.set('f64.const', (c, ins) => c.push(F64, floatConst(c, f64FromBits(ins.lo, ins.hi), `f64FromBits(${ins.lo}, ${ins.hi})`)));

// ---- pure operators on one value type ----

function bin(name: string, t: number, f: (a: string, b: string, c: FuncCompiler) => string): void {
  NUMERIC.set(name, (c) => {
    const b = c.pop().e;
    const a = c.pop().e;
    c.push(t, f(a, b, c));
  });
}
function un(name: string, t: number, f: (a: string, c: FuncCompiler) => string): void {
  NUMERIC.set(name, (c) => c.push(t, f(c.pop().e, c)));
}
function cmp(name: string, f: (a: string, b: string) => string): void {
  NUMERIC.set(name, (c) => {
    const b = c.pop().e;
    const a = c.pop().e;
    c.pushCond(f(a, b));
  });
}
/** A call of a pure helper. */
const call = (c: FuncCompiler, fn: string, ...args: string[]): string => `${c.use(fn)}(${args.join(', ')})`;

bin('i32.add', I32, (a, b) => `((${a} + ${b}) | 0)`);
bin('i32.sub', I32, (a, b) => `((${a} - ${b}) | 0)`);
bin('i32.mul', I32, (a, b, c) => `${c.use('imul')}(${a}, ${b})`);
bin('i32.and', I32, (a, b) => `(${a} & ${b})`);
bin('i32.or', I32, (a, b) => `(${a} | ${b})`);
// Of two pending comparisons (0 or 1 each), and/or are the boolean ones: keep a condition.
for (const [op, js] of [['and', '&&'], ['or', '||']]) {
  const plain = NUMERIC.get(`i32.${op}`)!;
  NUMERIC.set(`i32.${op}`, (c, ins) => {
    const [a, b] = c.stack.slice(-2);
    if (a.c !== null && !a.v && b.c !== null && !b.v) {
      c.popN(2);
      c.pushCond(`(${a.c} ${js} ${b.c})`);
    } else plain(c, ins);
  });
}
bin('i32.xor', I32, (a, b) => `(${a} ^ ${b})`);
bin('i32.shl', I32, (a, b) => `(${a} << ${b})`);
bin('i32.shr_s', I32, (a, b) => `(${a} >> ${b})`);
bin('i32.shr_u', I32, (a, b) => `((${a} >>> ${b}) | 0)`);
// Rotations inline (JS shift counts are taken mod 32, as wasm's): a helper call per rotation is
// what hash rounds spent most time in once their function was too big to inline it. The operand
// is read twice, so anything but a variable or constant is computed into the result's slot first.
for (const [op, l, r] of [['rotl', '<<', '>>>'], ['rotr', '>>>', '<<']]) {
  NUMERIC.set(`i32.${op}`, (c) => {
    const b = c.pop().e;
    const a = c.pop().e;
    const n = constOf(b);
    const rest = n === null ? `(32 - ${b})` : `${(32 - n) & 31}`;
    const rot = (x: string): string => `((${x} ${l} ${b}) | (${x} ${r} ${rest}))`;
    if (isAtom(a)) c.push(I32, rot(a));
    else {
      const [s] = c.target(I32);
      c.emit(`${s} = ${a};`);
      c.emit(`${s} = ${rot(s)};`); // a line of its own: local.set may retarget the last line
    }
  });
}
un('i32.clz', I32, (a, c) => `${c.use('clz32')}(${a})`);
un('i32.ctz', I32, (a, c) => call(c, 'i32Ctz', a));
un('i32.popcnt', I32, (a, c) => call(c, 'i32Popcnt', a));
un('i32.extend8_s', I32, (a) => `((${a} << 24) >> 24)`);
un('i32.extend16_s', I32, (a) => `((${a} << 16) >> 16)`);
NUMERIC.set('i32.eqz', (c) => {
  const x = c.pop();
  c.pushCond(x.c !== null && !x.v ? `!${x.c}` : `(${x.e} === 0)`);
});
cmp('i32.eq', (a, b) => `(${a} === ${b})`);
cmp('i32.ne', (a, b) => `(${a} !== ${b})`);
cmp('i32.lt_s', (a, b) => `(${a} < ${b})`);
cmp('i32.gt_s', (a, b) => `(${a} > ${b})`);
cmp('i32.le_s', (a, b) => `(${a} <= ${b})`);
cmp('i32.ge_s', (a, b) => `(${a} >= ${b})`);
/** An i32 as unsigned: literals fold (fewer bytecodes for interpreters and big functions). */
function u32(a: string): string {
  const n = constOf(a);
  return n === null ? `(${a} >>> 0)` : `${n >>> 0}`;
}
cmp('i32.lt_u', (a, b) => `(${u32(a)} < ${u32(b)})`);
cmp('i32.gt_u', (a, b) => `(${u32(a)} > ${u32(b)})`);
cmp('i32.le_u', (a, b) => `(${u32(a)} <= ${u32(b)})`);
cmp('i32.ge_u', (a, b) => `(${u32(a)} >= ${u32(b)})`);

for (const [t, p] of [[F32, 'f32'], [F64, 'f64']] as const) {
  const round = (e: string, c: FuncCompiler): string => (t === F32 ? `${c.use('fround')}(${e})` : `(${e})`);
  bin(`${p}.add`, t, (a, b, c) => round(`${a} + ${b}`, c));
  bin(`${p}.sub`, t, (a, b, c) => round(`${a} - ${b}`, c));
  bin(`${p}.mul`, t, (a, b, c) => round(`${a} * ${b}`, c));
  bin(`${p}.div`, t, (a, b, c) => round(`${a} / ${b}`, c));
  un(`${p}.sqrt`, t, (a, c) => round(`${c.use('sqrt')}(${a})`, c));
  bin(`${p}.min`, t, (a, b, c) => call(c, `${p}Min`, a, b));
  bin(`${p}.max`, t, (a, b, c) => call(c, `${p}Max`, a, b));
  bin(`${p}.copysign`, t, (a, b, c) => call(c, `${p}Copysign`, a, b));
  for (const op of ['ceil', 'floor', 'trunc', 'nearest', 'abs', 'neg']) {
    un(`${p}.${op}`, t, (a, c) => call(c, `${p}${op[0].toUpperCase()}${op.slice(1)}`, a));
  }
  cmp(`${p}.eq`, (a, b) => `(${a} === ${b})`);
  cmp(`${p}.ne`, (a, b) => `(${a} !== ${b})`);
  cmp(`${p}.lt`, (a, b) => `(${a} < ${b})`);
  cmp(`${p}.gt`, (a, b) => `(${a} > ${b})`);
  cmp(`${p}.le`, (a, b) => `(${a} <= ${b})`);
  cmp(`${p}.ge`, (a, b) => `(${a} >= ${b})`);
}

// ---- i32 operations that trap: statements ----

function trapping(name: string, t: number, fn: string, arity: number): void {
  NUMERIC.set(name, (c) => {
    const args = c.popN(arity).map((x) => x.e);
    const [s] = c.target(t);
    c.emit(`${s} = ${c.use(fn)}(${args.join(', ')});`);
  });
}
trapping('i32.div_s', I32, 'i32DivS', 2);
trapping('i32.div_u', I32, 'i32DivU', 2);
trapping('i32.rem_s', I32, 'i32RemS', 2);
trapping('i32.rem_u', I32, 'i32RemU', 2);
for (const f of ['f32', 'f64']) {
  trapping(`i32.trunc_${f}_s`, I32, 'i32TruncS', 1);
  trapping(`i32.trunc_${f}_u`, I32, 'i32TruncU', 1);
  un(`i32.trunc_sat_${f}_s`, I32, (a, c) => call(c, 'i32TruncSatS', a));
  un(`i32.trunc_sat_${f}_u`, I32, (a, c) => call(c, 'i32TruncSatU', a));
}

// ---- conversions producing f32/f64/i32 ----

un('f32.convert_i32_s', F32, (a, c) => `${c.use('fround')}(${a})`);
un('f32.convert_i32_u', F32, (a, c) => `${c.use('fround')}(${a} >>> 0)`);
un('f64.convert_i32_s', F64, (a) => a);
un('f64.convert_i32_u', F64, (a) => `(${a} >>> 0)`);
un('f32.demote_f64', F32, (a, c) => call(c, 'f32DemoteF64', a));
un('f64.promote_f32', F64, (a, c) => call(c, 'f64PromoteF32', a));
un('i32.reinterpret_f32', I32, (a, c) => call(c, 'f32ToBits', a));
un('f32.reinterpret_i32', F32, (a, c) => call(c, 'f32FromBits', a));

function fromI64(name: string, t: number, f: (lo: string, hi: string, c: FuncCompiler) => string): void {
  NUMERIC.set(name, (c) => {
    const x = c.pop();
    c.push(t, f(x.e, x.h, c));
  });
}
fromI64('i32.wrap_i64', I32, (lo) => lo);
fromI64('f64.convert_i64_s', F64, (lo, hi) => `(${hi} * 4294967296 + (${lo} >>> 0))`);
fromI64('f64.convert_i64_u', F64, (lo, hi) => `((${hi} >>> 0) * 4294967296 + (${lo} >>> 0))`);
fromI64('f32.convert_i64_s', F32, (lo, hi, c) => call(c, 'f32ConvertI64S', lo, hi));
fromI64('f32.convert_i64_u', F32, (lo, hi, c) => call(c, 'f32ConvertI64U', lo, hi));
fromI64('f64.reinterpret_i64', F64, (lo, hi, c) => call(c, 'f64FromBits', lo, hi));

// ---- i64: comparisons are pending conditions, everything else a statement ----

function cmp64(name: string, f: (al: string, ah: string, bl: string, bh: string) => string): void {
  NUMERIC.set(name, (c) => {
    const b = c.pop();
    const a = c.pop();
    c.pushCond(f(a.e, a.h, b.e, b.h));
  });
}
NUMERIC.set('i64.eqz', (c) => {
  const x = c.pop();
  c.pushCond(`((${x.e} | ${x.h}) === 0)`);
});
cmp64('i64.eq', (al, ah, bl, bh) => `(${al} === ${bl} && ${ah} === ${bh})`);
cmp64('i64.ne', (al, ah, bl, bh) => `(${al} !== ${bl} || ${ah} !== ${bh})`);
for (const [op, js] of [['lt', '<'], ['gt', '>'], ['le', '<='], ['ge', '>=']]) {
  const strict = js[0]; // the high words decide when they differ
  cmp64(`i64.${op}_s`, (al, ah, bl, bh) =>
    `(${ah} ${strict} ${bh} || (${ah} === ${bh} && (${al} >>> 0) ${js} (${bl} >>> 0)))`);
  cmp64(`i64.${op}_u`, (al, ah, bl, bh) =>
    `((${ah} >>> 0) ${strict} (${bh} >>> 0) || (${ah} === ${bh} && (${al} >>> 0) ${js} (${bl} >>> 0)))`);
}

/** An i64 result computed by statements `f(s, h, …)` from popped operands. */
function i64stmt(name: string, arity: number, f: (s: string, h: string, xs: { e: string; h: string }[], c: FuncCompiler) => string): void {
  NUMERIC.set(name, (c) => {
    const xs = c.popN(arity);
    const [s, h] = c.target(I64);
    c.emit(f(s, h, xs, c));
  });
}
/** A numerics helper returning the low word and leaving the high word in H.hi. */
function i64helper(name: string, fn: string, args: (xs: { e: string; h: string }[]) => string[], arity: number): void {
  i64stmt(name, arity, (s, h, xs, c) => `${s} = ${c.use(fn)}(${args(xs).join(', ')}); ${h} = ${c.use('H')}.hi;`);
}
i64stmt('i64.add', 2, (s, h, [a, b]) =>
  `T = (${a.e} + ${b.e}) | 0; ${h} = (${a.h} + ${b.h} + ((T >>> 0) < (${a.e} >>> 0) ? 1 : 0)) | 0; ${s} = T;`);
i64stmt('i64.sub', 2, (s, h, [a, b]) =>
  `T = (${a.e} - ${b.e}) | 0; ${h} = (${a.h} - ${b.h} - ((${a.e} >>> 0) < (${b.e} >>> 0) ? 1 : 0)) | 0; ${s} = T;`);
// Bitwise i64 operations work word by word: pending when a word folds away against a constant
// (masks such as `& 0xffffffff` are common), statements otherwise.
function foldWord(op: string, a: string, b: string): string | null {
  const x = constOf(a);
  const y = constOf(b);
  if (x !== null && y !== null) return lit(op === '&' ? x & y : op === '|' ? x | y : x ^ y);
  for (const [k, v] of [[y, a], [x, b]] as const) {
    if (k === 0) return op === '&' ? '0' : v;
    if (k === -1 && op !== '^') return op === '&' ? v : '(-1)';
  }
  return null;
}
function isAtom(e: string): boolean {
  return /^(\(?-?\d+\)?|[lksh]\d+)$/.test(e);
}
for (const [op, js] of [['and', '&'], ['or', '|'], ['xor', '^']]) {
  NUMERIC.set(`i64.${op}`, (c) => {
    const [a, b] = c.popN(2);
    const lo = foldWord(js, a.e, b.e);
    const hi = foldWord(js, a.h, b.h);
    if (lo !== null && hi !== null && isAtom(lo) && isAtom(hi)) {
      c.push(I64, lo, hi);
      return;
    }
    const [s, h] = c.target(I64);
    c.emit(`${s} = ${lo ?? `${a.e} ${js} ${b.e}`}; ${h} = ${hi ?? `${a.h} ${js} ${b.h}`};`);
  });
}
const pair = (xs: { e: string; h: string }[]): string[] => [xs[0].e, xs[0].h, xs[1].e, xs[1].h];
const shift = (xs: { e: string; h: string }[]): string[] => [xs[0].e, xs[0].h, xs[1].e];
const one = (xs: { e: string; h: string }[]): string[] => [xs[0].e, xs[0].h];
const word = (xs: { e: string; h: string }[]): string[] => [xs[0].e];
for (const [op, fn] of [['div_s', 'i64DivS'], ['div_u', 'i64DivU'], ['rem_s', 'i64RemS'], ['rem_u', 'i64RemU']]) {
  i64helper(`i64.${op}`, fn, pair, 2);
}
// i64.mul inline (hash rounds multiply in their hot loops, where a helper call per product and
// its H.hi round trip cost more than the product): the low word is imul; the high word is the
// high half of the unsigned 32x32 product plus the low words of the cross products (dropped for
// known-zero high words). With a JIT the high half comes from four 16x16-bit products in int32
// arithmetic (halves of a in Y and A; TurboFan keeps it all in integer registers: 1.5x faster
// than doubles); without one, from two partial products exact in doubles (x * 16 bits < 2^48;
// `>>> 0` floors below 2^32), fewer calls for an interpreter.
i64stmt('i64.mul', 2, (s, h, [a, b], c) => {
  const kb = constOf(b.e);
  const [b0, b1] = kb === null ? ['(X & 65535)', '(X >>> 16)'] : [`${kb & 65535}`, `${kb >>> 16}`];
  const imul = c.use('imul');
  const cross = [b.h === '0' ? '' : ` + ${imul}(T, ${b.h})`, a.h === '0' ? '' : ` + ${imul}(${a.h}, X)`].join('');
  const high = TUNING.jit
    ? `${imul}(Y, ${b1}) + (${imul}(Y, ${b0}) >>> 16) + (${imul}(A, ${b1}) >>> 16) + ` +
      `(((${imul}(A, ${b0}) >>> 16) + (${imul}(Y, ${b0}) & 65535) + (${imul}(A, ${b1}) & 65535)) >>> 16)`
    : `(((T >>> 0) * ${b1} + ((T >>> 0) * ${b0} / 65536 >>> 0)) / 65536 >>> 0)`;
  const halves = TUNING.jit ? 'Y = T >>> 16; A = T & 65535; ' : '';
  return `T = ${a.e}; X = ${b.e}; ${halves}${h} = (${high}${cross}) | 0; ${s} = ${imul}(T, X);`;
});
for (const [op, fn] of [['shl', 'i64Shl'], ['shr_s', 'i64ShrS'], ['shr_u', 'i64ShrU'], ['rotl', 'i64Rotl'], ['rotr', 'i64Rotr']]) {
  i64stmt(`i64.${op}`, 2, (s, h, xs, c) => {
    const n = constOf(xs[1].e);
    return n === null
      ? `${s} = ${c.use(fn)}(${shift(xs).join(', ')}); ${h} = ${c.use('H')}.hi;`
      : constShift(op, n & 63, s, h, xs[0].e, xs[0].h);
  });
}

/** The value of an integer literal expression (as made by lit), or null. */
function constOf(e: string): number | null {
  const m = /^\(?(-?\d+)\)?$/.exec(e);
  return m ? Number(m[1]) : null;
}

/**
 * i64 shifts and rotations by a constant (the common case: hashes, bit packing) as word
 * operations. `s`/`h` may be the same variables as `lo`/`hi`, so each word is computed from
 * operands not yet overwritten (T holds the one that would be).
 */
function constShift(op: string, n: number, s: string, h: string, lo: string, hi: string): string {
  if (op === 'rotr') return constShift('rotl', (64 - n) & 63, s, h, lo, hi);
  if (n === 0) return `${s} = ${lo}; ${h} = ${hi};`;
  switch (op) {
    case 'shl':
      return n < 32
        ? `${h} = (${hi} << ${n}) | (${lo} >>> ${32 - n}); ${s} = ${lo} << ${n};`
        : `${h} = ${lo} << ${n - 32}; ${s} = 0;`;
    case 'shr_u':
      return n < 32
        ? `${s} = (${lo} >>> ${n}) | (${hi} << ${32 - n}); ${h} = (${hi} >>> ${n}) | 0;`
        : `${s} = (${hi} >>> ${n - 32}) | 0; ${h} = 0;`;
    case 'shr_s':
      return n < 32
        ? `${s} = (${lo} >>> ${n}) | (${hi} << ${32 - n}); ${h} = ${hi} >> ${n};`
        : `${s} = ${hi} >> ${n - 32}; ${h} = ${hi} >> 31;`;
    default: { // rotl
      if (n === 32) return `T = ${lo}; ${s} = ${hi}; ${h} = T;`;
      const [a, b, m] = n < 32 ? [lo, hi, n] : [hi, lo, n - 32];
      return `T = (${a} << ${m}) | (${b} >>> ${32 - m}); ${h} = (${b} << ${m}) | (${a} >>> ${32 - m}); ${s} = T;`;
    }
  }
}
for (const [op, fn] of [['clz', 'i64Clz'], ['ctz', 'i64Ctz'], ['popcnt', 'i64Popcnt']]) {
  i64stmt(`i64.${op}`, 1, (s, h, xs, c) => `${s} = ${c.use(fn)}(${one(xs).join(', ')}); ${h} = 0;`);
}
i64stmt('i64.extend8_s', 1, (s, h, [a]) => `${s} = (${a.e} << 24) >> 24; ${h} = ${s} >> 31;`);
i64stmt('i64.extend16_s', 1, (s, h, [a]) => `${s} = (${a.e} << 16) >> 16; ${h} = ${s} >> 31;`);
i64stmt('i64.extend32_s', 1, (s, h, [a]) => `${s} = ${a.e}; ${h} = ${s} >> 31;`);
for (const signed of [true, false]) {
  const name = `i64.extend_i32_${signed ? 's' : 'u'}`;
  NUMERIC.set(name, (c) => {
    const x = c.pop();
    const n = constOf(x.e);
    if (n !== null) {
      c.push(I64, lit(n), signed && n < 0 ? '(-1)' : '0'); // a constant stays one (shift counts)
      return;
    }
    const [s, h] = c.target(I64);
    c.emit(signed ? `${s} = ${x.e}; ${h} = ${s} >> 31;` : `${s} = ${x.e}; ${h} = 0;`);
  });
}
i64helper('i64.reinterpret_f64', 'f64ToBits', word, 1);
for (const f of ['f32', 'f64']) {
  i64helper(`i64.trunc_${f}_s`, 'i64TruncS', word, 1);
  i64helper(`i64.trunc_${f}_u`, 'i64TruncU', word, 1);
  i64helper(`i64.trunc_sat_${f}_s`, 'i64TruncSatS', word, 1);
  i64helper(`i64.trunc_sat_${f}_u`, 'i64TruncSatU', word, 1);
}
