// Differential test of the SIMD helpers against Node's native WebAssembly: every non-relaxed,
// non-memory SIMD instruction of the opcode table, on random vectors built from edge lanes. v128
// values cross the JS boundary as two i64 halves (i64x2.splat + replace_lane in, extract_lane
// out); floats as their bits. NaN lanes of arithmetic results follow the spec's NaN rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as N from '../../src/exec/numerics.js';
import { OPS, PREFIX_SIMD, type OpInfo } from '../../src/syntax/opcodes.js';
import { I32, I64, F32, F64, V128 } from '../../src/syntax/types.js';
import { uleb, funcsModule } from './numerics-oracle.js';
import { Rng, I32_EDGES, F32_EDGES, F64_EDGES, I64_EDGES } from './numerics-inputs.js';

// NUMERICS_SCALE / NUMERICS_SEED as in numerics-diff.test.ts.
const PER_OP = 500 * Number(process.env.NUMERICS_SCALE ?? 1);
const SEED = Number(process.env.NUMERICS_SEED ?? 0);
const SHUFFLES = [
  [0, 17, 2, 19, 4, 21, 6, 23, 8, 25, 10, 27, 12, 29, 14, 31],
  [31, 30, 29, 28, 3, 2, 1, 0, 16, 16, 16, 16, 15, 15, 15, 15],
  [5, 5, 5, 5, 20, 21, 22, 23, 9, 1, 13, 0, 30, 18, 7, 24],
];

interface Case {
  name: string; // export name
  op: OpInfo;
  imm: number[]; // immediate bytes after the opcode
  immArg: number | number[] | null; // our helper's immediate argument
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const op of OPS) {
    if (op.prefix !== PREFIX_SIMD || op.imm === 'memarg' || op.imm === 'memlane' || op.name === 'v128.const') continue;
    if (op.name.includes('relaxed')) continue; // native picks other allowed results; see numerics-spec
    if (op.imm === 'lane') {
      for (let l = 0; l < op.width; l++) out.push({ name: `${op.name}/${l}`, op, imm: [l], immArg: l });
    } else if (op.imm === 'shuffle') {
      SHUFFLES.forEach((s, i) => out.push({ name: `${op.name}/${i}`, op, imm: s, immArg: s }));
    } else out.push({ name: op.name, op, imm: [], immArg: null });
  }
  return out;
}

// Boundary types: v128 → two i64, f32 → i32, f64 → i64.
const boundary = (t: number): number[] => (t === V128 ? [I64, I64] : t === F32 ? [I32] : t === F64 ? [I64] : [t]);

function oracleModule(cs: Case[]): Uint8Array<ArrayBuffer> {
  return funcsModule(cs.map((c) => {
    const params = c.op.params!.flatMap(boundary), results = c.op.results!.flatMap(boundary);
    const tmp = params.length; // one v128 local after the parameters
    const body: number[] = [1, 1, V128];
    let p = 0;
    for (const t of c.op.params!) {
      if (t === V128) body.push(0x20, p, 0xfd, 18, 0x20, p + 1, 0xfd, 30, 1), (p += 2);
      else {
        body.push(0x20, p++);
        if (t === F32) body.push(0xbe);
        if (t === F64) body.push(0xbf);
      }
    }
    body.push(0xfd);
    uleb(c.op.code, body);
    body.push(...c.imm);
    const r = c.op.results![0];
    if (r === V128) body.push(0x22, tmp, 0xfd, 29, 0, 0x20, tmp, 0xfd, 29, 1);
    if (r === F32) body.push(0xbc);
    if (r === F64) body.push(0xbd);
    body.push(0x0b);
    return { name: c.name, params, results, body };
  }));
}

// Vectors as two signed i64 halves.
type Vec = [bigint, bigint];
function toBytes([lo, hi]: Vec): Uint8Array {
  const b = new Uint8Array(16), v = new DataView(b.buffer);
  v.setBigInt64(0, lo, true);
  v.setBigInt64(8, hi, true);
  return b;
}
function fromBytes(b: Uint8Array): Vec {
  const v = new DataView(b.buffer, b.byteOffset, 16);
  return [v.getBigInt64(0, true), v.getBigInt64(8, true)];
}

const I16_EDGES = [0, 1, -1, 0x7fff, -0x8000, 0x7ffe, -0x7fff, 0x80, 0xff, 0x100, -0x80, -0x81, 0x4000, 0x55];
const I8_EDGES = [0, 1, -1, 0x7f, -0x80, 0x7e, -0x7f, 0x40, 0x0f, 0x10];
/** A random vector of lanes of one shape (0 i8, 1 i16, 2 i32, 3 f32, 4 f64, 5 i64, 6 nice f32). */
function randomVec(rng: Rng, shape: number): Vec {
  const v = new DataView(new ArrayBuffer(16));
  for (let off = 0; off < 16;) {
    const pick = <T>(xs: T[]): T => xs[rng.int(xs.length)];
    const edge = rng.int(3) !== 0;
    switch (shape) {
      case 0: v.setInt8(off, edge ? pick(I8_EDGES) : rng.u32()); off += 1; break;
      case 1: v.setInt16(off, edge ? pick(I16_EDGES) : rng.u32(), true); off += 2; break;
      case 2: v.setInt32(off, edge ? pick(I32_EDGES) : rng.u32(), true); off += 4; break;
      case 3: v.setInt32(off, edge ? pick(F32_EDGES) : rng.u32(), true); off += 4; break;
      case 4: v.setBigInt64(off, edge ? pick(F64_EDGES) : rng.i64(), true); off += 8; break;
      case 5: v.setBigInt64(off, edge ? pick(I64_EDGES) : rng.i64(), true); off += 8; break;
      default: v.setFloat32(off, (rng.u32() / 2 ** 32 - 0.5) * 2 ** (rng.int(70) - 20), true); off += 4;
    }
  }
  return [v.getBigInt64(0, true), v.getBigInt64(8, true)];
}

function randomScalar(rng: Rng, t: number): number | bigint {
  if (t === I32) return rng.int(4) === 0 ? I32_EDGES[rng.int(I32_EDGES.length)] : rng.u32() | 0;
  if (t === F32) return F32_EDGES[rng.int(F32_EDGES.length)];
  if (t === F64) return F64_EDGES[rng.int(F64_EDGES.length)];
  return rng.int(2) ? I64_EDGES[rng.int(I64_EDGES.length)] : rng.i64();
}

/** Our helper on boundary values; returns the result in boundary form. */
function ours(c: Case, args: (number | bigint | Vec)[]): (number | bigint)[] {
  const f = N.SIMD_OPS.get(c.op.name) as unknown as (...a: unknown[]) => unknown;
  const xs: unknown[] = [];
  c.op.params!.forEach((t, i) => {
    const a = args[i];
    if (t === V128) xs.push(toBytes(a as Vec));
    else if (t === F32) xs.push(N.f32FromBits(a as number));
    else if (t === F64) {
      const lo = N.fromBigInt(a as bigint);
      xs.push(N.f64FromBits(lo, N.H.hi));
    } else if (t === I64) {
      const lo = N.fromBigInt(a as bigint);
      xs.push(lo, N.H.hi);
    } else xs.push(a);
  });
  // Immediates follow the stack operands, except that replace_lane takes the lane before the value.
  if (c.immArg !== null) xs.splice(c.op.name.includes('replace_lane') ? 1 : xs.length, 0, c.immArg);
  const r = f(...xs);
  const t = c.op.results![0];
  if (t === V128) return fromBytes(r as Uint8Array);
  if (t === F32) return [N.f32ToBits(r as number)];
  if (t === F64) {
    const lo = N.f64ToBits(r as number);
    return [N.toBigInt(lo, N.H.hi)];
  }
  if (t === I64) return [N.toBigInt(r as number, N.H.hi)];
  return [r as number];
}

const ARITH_F32 = /^f32x4\.(sqrt|add|sub|mul|div|min|max|ceil|floor|trunc|nearest|demote_f64x2_zero)$/;
const ARITH_F64 = /^f64x2\.(sqrt|add|sub|mul|div|min|max|ceil|floor|trunc|nearest|promote_low_f32x4)$/;

/** Lanes where native gave a NaN and ours gave a quiet NaN count as equal, unless native's input
 *  NaNs were all canonical and ours is not (spec: canonical in, canonical out). */
function sameUpToNaN(width: 32 | 64, inWidth: 32 | 64, got: Vec, want: Vec, inputs: Vec[]): boolean {
  const bytes = (v: Vec): DataView => new DataView(toBytes(v).buffer);
  const g = bytes(got), w = bytes(want);
  const canonIn = inputs.every((v) => {
    const d = bytes(v);
    for (let o = 0; o < 16; o += inWidth / 8) {
      const [isNaN, canon] = inWidth === 32 ? nan32(d.getUint32(o, true)) : nan64(d.getBigUint64(o, true));
      if (isNaN && !canon) return false;
    }
    return true;
  });
  for (let o = 0; o < 16; o += width / 8) {
    if (width === 32) {
      const a = g.getUint32(o, true), b = w.getUint32(o, true);
      if (a === b) continue;
      const [an, ac] = nan32(a), [bn] = nan32(b);
      if (!an || !bn || (a & 0x400000) === 0 || (canonIn && !ac)) return false;
    } else {
      const a = g.getBigUint64(o, true), b = w.getBigUint64(o, true);
      if (a === b) continue;
      const [an, ac] = nan64(a), [bn] = nan64(b);
      if (!an || !bn || (a & 0x8000000000000n) === 0n || (canonIn && !ac)) return false;
    }
  }
  return true;
}
const nan32 = (b: number): [boolean, boolean] => [(b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0, (b & 0x7fffffff) === 0x7fc00000];
const nan64 = (b: bigint): [boolean, boolean] => [
  (b & 0x7ff0000000000000n) === 0x7ff0000000000000n && (b & 0xfffffffffffffn) !== 0n,
  (b & 0x7fffffffffffffffn) === 0x7ff8000000000000n,
];

const show = (xs: unknown[]): string => JSON.stringify(xs, (_, v) => (typeof v === 'bigint' ? `0x${BigInt.asUintN(64, v).toString(16)}` : v));

test('SIMD helpers match native WebAssembly', () => {
  const cs = cases();
  assert.ok(cs.length > 200, `${cs.length} cases`);
  const native = new WebAssembly.Instance(new WebAssembly.Module(oracleModule(cs))).exports as Record<string, (...a: unknown[]) => unknown>;
  const rng = new Rng(SEED + 21);
  const failures: string[] = [];
  for (const c of cs) {
    for (let i = 0; i < PER_OP && failures.length < 20; i++) {
      // Operands often share a lane shape (or are equal), so lane-wise edge pairs like
      // (-32768, -32768) actually meet.
      const shape = rng.int(7), same = rng.int(8) === 0 ? randomVec(rng, shape) : null;
      const args = c.op.params!.map((t) =>
        t === V128 ? same ?? randomVec(rng, rng.int(2) ? shape : rng.int(7)) : randomScalar(rng, t));
      const flat = args.flatMap((a) => (Array.isArray(a) ? a : [a]));
      const raw = native[c.name](...flat);
      const want = (Array.isArray(raw) ? raw : [raw]) as (number | bigint)[];
      const got = ours(c, args);
      if (got.every((x, k) => x === want[k])) continue;
      const vecs = args.filter(Array.isArray) as Vec[];
      const arith = ARITH_F32.test(c.op.name) ? 32 : ARITH_F64.test(c.op.name) ? 64 : 0;
      const inWidth = c.op.name.includes('demote') ? 64 : c.op.name.includes('promote') ? 32 : arith;
      if (arith && sameUpToNaN(arith, inWidth as 32 | 64, got as Vec, want as Vec, vecs)) continue;
      failures.push(`${c.name}${show(args)}: ours ${show(got)}, native ${show(want)}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('SIMD loads and stores match native WebAssembly', () => {
  const ops = OPS.filter((o) => o.prefix === PREFIX_SIMD && (o.imm === 'memarg' || o.imm === 'memlane'));
  const cs: { name: string; op: OpInfo; lane: number | null }[] = [];
  for (const op of ops) {
    if (op.imm === 'memlane') for (let l = 0; l < op.width; l++) cs.push({ name: `${op.name}/${l}`, op, lane: l });
    else cs.push({ name: op.name, op, lane: null });
  }
  // The module: memory 0 exported as "mem"; each function takes the address, then v128 operands
  // as i64 halves, and returns a v128 result as two i64.
  const bytes = funcsModule(cs.map((c) => {
    const hasV = c.op.params!.length > 0, retV = c.op.results!.length > 0;
    const params = [I32, ...(hasV ? [I64, I64] : [])], results = retV ? [I64, I64] : [];
    const body: number[] = [1, 1, V128, 0x20, 0];
    if (hasV) body.push(0x20, 1, 0xfd, 18, 0x20, 2, 0xfd, 30, 1);
    body.push(0xfd);
    uleb(c.op.code, body);
    body.push(c.op.align, 0); // memarg: natural alignment, offset 0
    if (c.lane !== null) body.push(c.lane);
    const tmp = params.length;
    if (retV) body.push(0x22, tmp, 0xfd, 29, 0, 0x20, tmp, 0xfd, 29, 1);
    body.push(0x0b);
    return { name: c.name, params, results, body };
  }), true);
  const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  const native = inst.exports as Record<string, (...a: unknown[]) => unknown>;
  const nativeMem = new Uint8Array((inst.exports.mem as WebAssembly.Memory).buffer);
  const ourMem = new Uint8Array(65536);
  const rng = new Rng(33);
  for (let i = 0; i < 65536; i += 4) new DataView(ourMem.buffer).setUint32(i, rng.u32());
  nativeMem.set(ourMem);
  const failures: string[] = [];
  for (const c of cs) {
    const f = N.SIMD_MEMORY_OPS.get(c.op.name) as unknown as (...a: unknown[]) => Uint8Array | undefined;
    for (let i = 0; i < 200 && failures.length < 20; i++) {
      const addr = rng.int(2) ? rng.int(65536 - 16) : 65536 - (1 << c.op.align); // the access may end at the very end
      const v = randomVec(rng, rng.int(7));
      const hasV = c.op.params!.length > 0;
      const raw = native[c.name](addr, ...(hasV ? v : []));
      const args: unknown[] = [ourMem, addr];
      if (hasV) args.push(toBytes(v));
      if (c.lane !== null) args.push(c.lane);
      const r = f(...args);
      if (r !== undefined && show(fromBytes(r)) !== show(raw as unknown[])) {
        failures.push(`${c.name}(${addr}, ${show(v)}): ours ${show(fromBytes(r))}, native ${show(raw as unknown[])}`);
      }
      const near = (m: Uint8Array): string => m.slice(Math.max(0, addr - 8), addr + 24).join();
      if (near(nativeMem) !== near(ourMem)) failures.push(`${c.name}(${addr}, ${show(v)}): memories differ`);
    }
    if (Buffer.compare(nativeMem, ourMem) !== 0) failures.push(`${c.name}: memories differ`);
  }
  assert.deepEqual(failures, []);
});
