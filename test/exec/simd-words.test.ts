// The compile tier's unboxed SIMD paths (compile/simd-words.ts) against native WebAssembly: every
// instruction they handle, with its v128 operands coming straight from loads (pending words) and
// through v128 locals (word variables), its result stored to memory directly and through a local.
// The spec testsuite mostly passes v128 parameters (arrays), so it rarely reaches these paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { s32 as sleb } from '../binary/bytes.js';
import { WebAssembly as pure } from '../../src/index.js';
import { OPS, PREFIX_SIMD, type OpInfo } from '../../src/syntax/opcodes.js';
import { I32, I64, F32, F64, V128 } from '../../src/syntax/types.js';
import { WORDS } from '../../src/exec/compile/simd-words.js';
import { TUNING } from '../../src/exec/compile/body.js';
import { uleb, funcsModule } from './numerics-oracle.js';

type Namespace = typeof globalThis.WebAssembly;
const SHUFFLES = [
  [0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23],
  [31, 30, 29, 28, 3, 2, 1, 0, 16, 16, 16, 16, 15, 15, 15, 15],
  [0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23],
];
const OUT = 256;

interface Case { name: string; op: OpInfo; imm: number[]; viaLocals: boolean }

function cases(): Case[] {
  const out: Case[] = [];
  for (const op of OPS) {
    if (op.prefix !== PREFIX_SIMD || !WORDS.has(op.name) || op.name === 'v128.store') continue;
    if (op.name.includes('relaxed')) continue; // native picks other allowed results; the spec's relaxed tests cover them
    const imms = op.imm === 'lane' ? Array.from({ length: op.width }, (_, l) => [l])
      : op.imm === 'shuffle' ? SHUFFLES
        : op.name === 'v128.const' ? [[...Array(16).keys()].map((k) => (k * 37 + 200) & 255)]
          : op.imm === 'memarg' ? [[op.align, 0]]
            : op.imm === 'memlane' ? Array.from({ length: op.width }, (_, l) => [op.align, 0, l]) : [[]];
    for (const imm of imms) for (const viaLocals of [false, true]) out.push({ name: `${op.name}/${imm.join('.')}/${viaLocals}`, op, imm, viaLocals });
  }
  return out;
}

// Each function: (i32, i32) -> i32. v128 operands are loaded from 0, 16, 32; i32 operands are the
// parameters; a memory load instruction reads at parameter 0. A v128 result goes to OUT.
function moduleOf(cs: Case[]): Uint8Array<ArrayBuffer> {
  return funcsModule(cs.map((c, i) => {
    const body: number[] = [2, 4, V128, 1, I64]; // locals 2..5: v128, 6: i64
    const memory = c.op.imm === 'memarg' || c.op.imm === 'memlane';
    const vector = c.op.results![0] === V128;
    // Without locals the store's address goes first, so the result is stored as it is computed.
    if (vector && !c.viaLocals) body.push(0x41, ...sleb(OUT));
    let v = 0, s = 0;
    if (memory) body.push(0x20, 0); // the address
    if (c.op.imm !== 'memarg') {
      for (const t of c.op.params ?? []) {
        if (t === V128) {
          body.push(0x41, 16 * v, 0xfd, 0, 4, 0); // v128.load offset 0
          if (c.viaLocals) body.push(0x21, 2 + v, 0x20, 2 + v);
          v++;
        } else {
          body.push(0x20, s++);
          if (t === F32) body.push(0xbe); // f32.reinterpret_i32
          if (t === I64) body.push(0xac); // i64.extend_i32_s
          if (t === F64) body.push(0xb7); // f64.convert_i32_s
        }
      }
    }
    body.push(0xfd);
    uleb(c.op.code, body);
    body.push(...c.imm);
    const r = c.op.results![0];
    if (r === F32) body.push(0xbc); // i32.reinterpret_f32
    if (r === F64) body.push(0xbd); // i64.reinterpret_f64
    // An i64 folds to i32 as lo ^ hi.
    if (r === I64 || r === F64) body.push(0x22, 6, 0xa7, 0x20, 6, 0x42, 32, 0x88, 0xa7, 0x73);
    if (vector) {
      if (c.viaLocals) body.push(0x21, 5, 0x41, ...sleb(OUT), 0x20, 5);
      body.push(0xfd, 11, 4, 0); // v128.store
    }
    if (vector || r === undefined) body.push(0x41, 0); // result 0
    body.push(0x0b);
    return { name: `f${i}`, params: [I32, I32], results: [I32], body };
  }), true);
}

let seed = 0x9e3779b9 | 0;
function rand(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
}
const EDGES = [0, 1, 0x7f, 0x80, 0xff, 0xfe, 0x01];

interface Run { mem: Uint8Array; fns: Record<string, (a: number, b: number) => number> }
function instance(ns: Namespace, bytes: Uint8Array<ArrayBuffer>): Run {
  const x = new ns.Instance(new ns.Module(bytes), {}).exports as Record<string, unknown>;
  return { mem: new Uint8Array((x.mem as WebAssembly.Memory).buffer), fns: x as Run['fns'] };
}
const lanes = (m: Uint8Array): number[] => Array.from(new Int32Array(m.slice(OUT, OUT + 16).buffer));
const isNaN32 = (b: number): boolean => (b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0;
const isNaN64 = (l: number, h: number): boolean => (h & 0x7ff00000) === 0x7ff00000 && ((h & 0xfffff) !== 0 || l !== 0);
function outcome(f: () => number): string {
  try {
    return String(f());
  } catch (e) {
    return `trap ${(e as Error).constructor.name}`;
  }
}

function check(): void {
  const cs = cases();
  assert.ok(cs.length > 150, `${cs.length} cases`);
  const bytes = moduleOf(cs);
  const native = instance(globalThis.WebAssembly, bytes);
  const ours = instance(pure as unknown as Namespace, bytes);
  cs.forEach((c, i) => {
    for (let n = 0; n < 60; n++) {
      const input = new Uint8Array(48).map(() => (rand() % 3 === 0 ? EDGES[rand() % EDGES.length] : rand() & 255));
      const a = c.op.imm === 'memarg' || c.op.imm === 'memlane' ? (n === 0 ? 65536 - 4 : rand() % 40) : rand() % 4 === 0 ? rand() % 70 : rand() | 0;
      const b = rand() % 3 === 0 ? EDGES[rand() % EDGES.length] - 128 : rand() | 0;
      for (const r of [native, ours]) {
        r.mem.fill(0, 0, OUT + 16);
        r.mem.set(input);
      }
      const want = outcome(() => native.fns[`f${i}`](a, b));
      const got = outcome(() => ours.fns[`f${i}`](a, b));
      const ctx = `${c.name} on [${input}] (${a}, ${b})`;
      assert.equal(got, want, ctx);
      const [o, w] = [lanes(ours.mem), lanes(native.mem)];
      // Where native gives an f32 NaN, any NaN with the quiet bit is as right (spec: arithmetic NaN).
      if (c.op.name.startsWith('f32x4.')) for (let k = 0; k < 4; k++) if (isNaN32(w[k]) && isNaN32(o[k]) && (o[k] & 0x400000) !== 0) o[k] = w[k];
      if (c.op.name.startsWith('f64x2.')) {
        for (let k = 0; k < 4; k += 2) {
          if (isNaN64(w[k], w[k + 1]) && isNaN64(o[k], o[k + 1]) && (o[k + 1] & 0x80000) !== 0) [o[k], o[k + 1]] = [w[k], w[k + 1]];
        }
      }
      assert.deepEqual(o, w, ctx);
      assert.deepEqual(ours.mem.subarray(0, OUT), native.mem.subarray(0, OUT), `${ctx}: memory`);
    }
  });
}

test('unboxed SIMD paths equal native', check);

test('unboxed SIMD paths equal native in compact code (memory through checked helpers)', () => {
  const saved = TUNING.compactBytes;
  TUNING.compactBytes = 0;
  try {
    check();
  } finally {
    TUNING.compactBytes = saved;
  }
});
