// Unit tests of exec/numerics against independent references: BigInt arithmetic, exact rounding
// computed on BigInt, bit-level checks of the f32 NaN carrier, and the testsuite's trap strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as N from '../../src/exec/numerics.js';
import { RuntimeError } from '../../src/api/errors.js';
import { Rng, F32_EDGES, F64_EDGES, f32Bits, f64Bits, f32TieInts } from './numerics-inputs.js';

const TESTSUITE = new URL('../../../../shared/spec/testsuite/', import.meta.url).pathname;
const s64 = (b: bigint): bigint => BigInt.asIntN(64, b);
const u64 = (b: bigint): bigint => BigInt.asUintN(64, b);

function bitsOf(x: number): bigint {
  const lo = N.f64ToBits(x);
  return u64(N.toBigInt(lo, N.H.hi));
}
function fromBits(b: bigint): number {
  const lo = N.fromBigInt(b);
  return N.f64FromBits(lo, N.H.hi);
}
function trapOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof RuntimeError, `threw ${String(e)}`);
    return e.message;
  }
  return 'no trap';
}

/** The last top-level string of the S-expression at `at`: an assertion's expected message. */
function lastString(text: string, at: number): string {
  let depth = 0, last = '';
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === ';' && text[i + 1] === ';') i = text.indexOf('\n', i);
    else if (c === '"') {
      const end = text.indexOf('"', i + 1); // reasons contain no escapes
      if (depth === 1) last = text.slice(i + 1, end);
      i = end;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return last;
  }
  return last;
}

test('every core assert_trap reason of the testsuite is an exported constant', () => {
  const exported = new Set<unknown>(Object.values(N).filter((v) => typeof v === 'string'));
  const reasons = new Set<string>();
  for (const f of readdirSync(TESTSUITE).filter((f) => f.endsWith('.wast'))) {
    const text = readFileSync(join(TESTSUITE, f), 'utf8');
    for (let at = text.indexOf('(assert_trap'); at >= 0; at = text.indexOf('(assert_trap', at + 1)) reasons.add(lastString(text, at));
  }
  assert.ok(reasons.size >= 12, `only ${reasons.size} reasons found`);
  // bulk.wast expects "uninitialized element 2": the index is appended by the tier that knows it.
  for (const r of reasons) assert.ok(exported.has(r) || exported.has(r.replace(/ \d+$/, '')), `missing trap reason "${r}"`);
  assert.equal(trapOf(() => N.trap(N.UNREACHABLE)), 'unreachable');
  assert.ok(trapOf(() => N.trap(N.OOB_MEMORY)) === 'out of bounds memory access');
});

test('f32 NaN carrier: bit patterns as specified, and every f32 round-trips', () => {
  assert.equal(bitsOf(N.f32FromBits(0x7fc00000)), 0x7ff8000000000000n);
  assert.equal(bitsOf(N.f32FromBits(0x7fa00000)), 0x7ff4000000000000n);
  assert.equal(bitsOf(N.f32FromBits(0xff800001 | 0)), 0xfff0000020000000n);
  assert.equal(bitsOf(N.f32FromBits(0x7fffffff)), 0x7fffffffe0000000n);
  const rng = new Rng(7);
  const all = [...F32_EDGES, ...Array.from({ length: 20000 }, () => rng.u32() | 0)];
  for (let i = 0; i < 4000; i++) all.push((0x7f800000 | (rng.u32() & 0x807fffff) | 1) | 0); // NaNs
  for (const b of all) {
    const x = N.f32FromBits(b);
    assert.equal(N.f32ToBits(x), b, `0x${(b >>> 0).toString(16)}`);
    if (x === x) assert.equal(x, Math.fround(x)); // non-NaNs are plain f32 values
  }
  // A NaN with payload only below the f32 mantissa still reads as a (quiet) NaN.
  assert.equal(N.f32ToBits(fromBits(0x7ff0000000000001n)), 0x7fc00000);
});

test('f32/f64 loads and stores keep every bit, signalling NaNs included', () => {
  const dv = new DataView(new ArrayBuffer(16));
  for (const b of F32_EDGES) {
    dv.setInt32(1, b, true);
    N.f32Store(dv, 9, N.f32Load(dv, 1));
    assert.equal(dv.getInt32(9, true), b);
  }
  for (const b of F64_EDGES) {
    dv.setBigInt64(0, b, true);
    N.f64Store(dv, 8, N.f64Load(dv, 0));
    assert.equal(dv.getBigInt64(8, true), b);
  }
});

test('abs, neg and copysign change only the sign bit, also of NaNs', () => {
  const SIGN = 1n << 63n;
  for (const b of F64_EDGES) {
    const x = fromBits(b), u = u64(b);
    assert.equal(bitsOf(N.f64Abs(x)), u & ~SIGN);
    assert.equal(bitsOf(N.f64Neg(x)), u ^ SIGN);
    for (const c of [0n, SIGN, 0x7ff4000000000000n, 0xfff8000000000000n]) {
      assert.equal(bitsOf(N.f64Copysign(x, fromBits(c))), (u & ~SIGN) | (c & SIGN));
    }
  }
  for (const b of F32_EDGES) {
    const x = N.f32FromBits(b);
    assert.equal(N.f32ToBits(N.f32Abs(x)), b & 0x7fffffff);
    assert.equal(N.f32ToBits(N.f32Neg(x)), b ^ 0x80000000);
    assert.equal(N.f32ToBits(N.f32Copysign(x, N.f32FromBits(0xffa00000 | 0))), b | 0x80000000);
  }
});

test('min/max order -0 below +0; nearest rounds ties to even and keeps -0', () => {
  for (const [min, max] of [[N.f64Min, N.f64Max], [N.f32Min, N.f32Max]]) {
    assert.ok(Object.is(min(0, -0), -0) && Object.is(min(-0, 0), -0));
    assert.ok(Object.is(max(0, -0), 0) && Object.is(max(-0, 0), 0));
    assert.ok(Number.isNaN(min(NaN, -Infinity)) && Number.isNaN(max(Infinity, NaN)));
  }
  const cases: [number, number][] = [[0.5, 0], [1.5, 2], [2.5, 2], [-0.5, -0], [-2.5, -2], [-3.5, -4],
    [0.49999999999999994, 0], [-0, -0], [4503599627370497, 4503599627370497], [2 ** 52 - 0.5, 2 ** 52],
    [Infinity, Infinity], [-1e-300, -0]];
  for (const [x, want] of cases) assert.ok(Object.is(N.f64Nearest(x), want), `nearest(${x})`);
  // Signalling NaNs come out quiet from the rounding operations.
  const snan = fromBits(0x7ff4000000000001n);
  for (const f of [N.f64Ceil, N.f64Floor, N.f64Trunc, N.f64Nearest]) assert.equal(bitsOf(f(snan)), 0x7ffc000000000001n);
  assert.equal(bitsOf(N.f64PromoteF32(N.f32FromBits(0x7fa00000))), 0x7ffc000000000000n);
  assert.equal(N.f32ToBits(N.f32DemoteF64(fromBits(0x7ff4000000000000n))), 0x7fe00000);
});

// A BigInt reference for i64 helpers over (lo, hi) pairs.
function pairCall(f: (a: number, b: number, c: number, d: number) => number, a: bigint, b: bigint): bigint {
  const alo = N.fromBigInt(a), ahi = N.H.hi;
  const blo = N.fromBigInt(b), bhi = N.H.hi;
  const lo = f(alo, ahi, blo, bhi);
  return N.toBigInt(lo, N.H.hi);
}

function predicate(f: (a: number, b: number, c: number, d: number) => number, a: bigint, b: bigint): number {
  const alo = N.fromBigInt(a), ahi = N.H.hi;
  const blo = N.fromBigInt(b), bhi = N.H.hi;
  return f(alo, ahi, blo, bhi);
}

test('i64 helpers agree with BigInt arithmetic', () => {
  const rng = new Rng(11);
  const gen = (): bigint => {
    const k = rng.int(5);
    if (k === 0) return rng.i64();
    if (k === 1) return rng.i64() >> BigInt(rng.int(64));
    if (k === 2) return BigInt(rng.u32() | 0);
    if (k === 3) return s64((1n << BigInt(rng.int(64))) + BigInt(rng.int(3)) - 1n);
    return s64(BigInt(rng.u32()) << BigInt(rng.int(40)));
  };
  for (let i = 0; i < 20000; i++) {
    const a = gen(), b = gen(), n = b & 63n;
    assert.equal(pairCall(N.i64Mul, a, b), s64(a * b));
    assert.equal(pairCall(N.i64Add, a, b), s64(a + b));
    assert.equal(pairCall(N.i64Sub, a, b), s64(a - b));
    assert.equal(pairCall(N.i64Shl, a, b), s64(a << n));
    assert.equal(pairCall(N.i64ShrS, a, b), a >> n);
    assert.equal(pairCall(N.i64ShrU, a, b), s64(u64(a) >> n));
    assert.equal(pairCall(N.i64Rotl, a, b), s64((u64(a) << n) | (u64(a) >> ((64n - n) & 63n))));
    assert.equal(predicate(N.i64LtU, a, b), u64(a) < u64(b) ? 1 : 0);
    assert.equal(predicate(N.i64GeS, a, b), a >= b ? 1 : 0);
    if (b === 0n) continue;
    assert.equal(pairCall(N.i64DivU, a, b), s64(u64(a) / u64(b)), `${a} /u ${b}`);
    assert.equal(pairCall(N.i64RemU, a, b), s64(u64(a) % u64(b)), `${a} %u ${b}`);
    assert.equal(pairCall(N.i64RemS, a, b), a % b, `${a} %s ${b}`);
    if (a !== -(1n << 63n) || b !== -1n) assert.equal(pairCall(N.i64DivS, a, b), a / b, `${a} /s ${b}`);
  }
  const MIN = -(1n << 63n);
  assert.equal(trapOf(() => pairCall(N.i64DivS, MIN, -1n)), N.INT_OVERFLOW);
  assert.equal(pairCall(N.i64RemS, MIN, -1n), 0n);
  for (const f of [N.i64DivS, N.i64DivU, N.i64RemS, N.i64RemU]) assert.equal(trapOf(() => pairCall(f, 5n, 0n)), N.INT_DIVIDE_BY_ZERO);
  assert.equal(trapOf(() => N.i32DivS(-0x80000000, -1)), N.INT_OVERFLOW);
  assert.equal(N.i32RemS(-0x80000000, -1), 0);
});

test('BigInt boxing wraps to 64 bits', () => {
  assert.equal(N.fromBigInt((1n << 64n) + 5n), 5);
  assert.equal(N.H.hi, 0);
  assert.equal(N.fromBigInt(-1n), -1);
  assert.equal(N.H.hi, -1);
  assert.equal(N.toBigInt(0, -0x80000000), -(1n << 63n));
  assert.equal(N.toBigInt(-1, 0x7fffffff), (1n << 63n) - 1n);
});

/** Exact round-to-nearest-even of an integer to a 24-bit significand, on BigInt. */
function roundToF32(v: bigint): number {
  const m = v < 0n ? -v : v;
  const shift = Math.max(0, m.toString(2).length - 24);
  let q = m >> BigInt(shift);
  if (shift > 0) {
    const rem = m - (q << BigInt(shift)), half = 1n << BigInt(shift - 1);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q++;
  }
  const r = Number(q) * 2 ** shift;
  return v < 0n ? -r : r;
}

test('f32.convert_i64 rounds once from the full 64-bit value', () => {
  const v = (1n << 63n) + (1n << 39n) + 1n; // just above an f32 tie; via f64 it lands on the tie
  assert.equal(Math.fround(Number(v)), 2 ** 63); // the double rounding this must avoid
  const lo = N.fromBigInt(v);
  assert.equal(N.f32ConvertI64U(lo, N.H.hi), 2 ** 63 + 2 ** 40);
  assert.equal(N.f32ConvertI64S(N.fromBigInt(-((1n << 62n) + (1n << 38n) + 1n)), N.H.hi), -(2 ** 62 + 2 ** 39));
  const rng = new Rng(5);
  const values = [...f32TieInts(rng, 20000), ...Array.from({ length: 20000 }, () => rng.i64() >> BigInt(rng.int(40)))];
  values.push(-(1n << 63n), (1n << 63n) - 1n, 0n, -1n, (1n << 53n) + 1n, -(1n << 53n) - 1n);
  for (const x of values) {
    const lo = N.fromBigInt(x), hi = N.H.hi;
    assert.equal(N.f32ConvertI64S(lo, hi), roundToF32(x), `signed ${x}`);
    assert.equal(N.f32ConvertI64U(lo, hi), roundToF32(u64(x)), `unsigned ${u64(x)}`);
    assert.equal(N.f64ConvertI64S(lo, hi), Number(x));
    assert.equal(N.f64ConvertI64U(lo, hi), Number(u64(x)));
  }
});

test('float-to-integer truncation: limits, traps and saturation', () => {
  const i64 = (f: (x: number) => number, x: number): bigint => N.toBigInt(f(x), N.H.hi);
  assert.equal(N.i32TruncS(2147483647.9), 2147483647);
  assert.equal(N.i32TruncS(-2147483648.9), -2147483648);
  assert.equal(trapOf(() => N.i32TruncS(2147483648)), N.INT_OVERFLOW);
  assert.equal(trapOf(() => N.i32TruncS(-2147483649)), N.INT_OVERFLOW);
  assert.equal(trapOf(() => N.i32TruncU(NaN)), N.INVALID_CONVERSION);
  assert.equal(N.i32TruncU(-0.9999999999999999), 0);
  assert.equal(N.i32TruncU(4294967295.5), -1);
  assert.equal(trapOf(() => N.i32TruncU(-1)), N.INT_OVERFLOW);
  assert.equal(trapOf(() => N.i32TruncU(4294967296)), N.INT_OVERFLOW);
  assert.equal(i64(N.i64TruncS, -(2 ** 63)), -(1n << 63n));
  assert.equal(i64(N.i64TruncS, 2 ** 63 - 1024), (1n << 63n) - 1024n);
  assert.equal(trapOf(() => N.i64TruncS(2 ** 63)), N.INT_OVERFLOW);
  assert.equal(trapOf(() => N.i64TruncS(-Infinity)), N.INT_OVERFLOW);
  assert.equal(trapOf(() => N.i64TruncU(N.f32FromBits(0x7fa00000))), N.INVALID_CONVERSION);
  assert.equal(i64(N.i64TruncU, 2 ** 64 - 2048), (1n << 64n) - 2048n - (1n << 64n));
  assert.equal(trapOf(() => N.i64TruncU(2 ** 64)), N.INT_OVERFLOW);
  assert.equal(N.i32TruncSatS(NaN), 0);
  assert.equal(N.i32TruncSatS(-Infinity), -2147483648);
  assert.equal(N.i32TruncSatU(1e10), -1);
  assert.equal(i64(N.i64TruncSatS, 1e300), (1n << 63n) - 1n);
  assert.equal(i64(N.i64TruncSatS, -1e300), -(1n << 63n));
  assert.equal(i64(N.i64TruncSatS, NaN), 0n);
  assert.equal(i64(N.i64TruncSatU, Infinity), -1n);
  assert.equal(i64(N.i64TruncSatU, -5), 0n);
  const rng = new Rng(9);
  for (let i = 0; i < 5000; i++) {
    const x = (rng.u32() / 2 ** 32 - 0.5) * 2 ** rng.int(64);
    assert.equal(i64(N.i64TruncSatS, x), BigInt(Math.trunc(x)));
  }
});

test('float bits: reinterpret round trips and f32 values stay f32', () => {
  for (const b of F64_EDGES) assert.equal(bitsOf(fromBits(b)), u64(b));
  assert.equal(f64Bits(N.f64FromBits(0, 0x3ff00000)), f64Bits(1));
  assert.equal(N.f32ToBits(1.5), f32Bits(1.5));
  for (const [a, b] of [[1, 3], [0.1, 0.2], [16777216, 1], [3.4028234663852886e38, 3.4028234663852886e38]]) {
    const x = Math.fround(a), y = Math.fround(b);
    for (const r of [N.f32Add(x, y), N.f32Sub(x, y), N.f32Mul(x, y), N.f32Div(x, y), N.f32Sqrt(x)]) assert.equal(r, Math.fround(r));
  }
});
