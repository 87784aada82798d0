// The hand-specialised SIMD helpers (exec/simd-fast.ts) against the generic ones they replace
// (GENERIC_SIMD, themselves tested against native in numerics-simd.test.ts): equal results on
// vectors of edge and random lanes, every immediate, and operands left untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GENERIC_SIMD, SIMD_OPS, SIMD_MEMORY_OPS } from '../../src/exec/simd.js';
import { FAST_OPS, FAST_MEMORY_OPS } from '../../src/exec/simd-fast.js';
import { OPS, PREFIX_SIMD, type OpInfo } from '../../src/syntax/opcodes.js';
import { I32 } from '../../src/syntax/types.js';

type Fn = (...args: unknown[]) => unknown;

let seed = 0x2545f491;
function rand(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
}
const EDGE_BYTES = [0x00, 0xff, 0x80, 0x7f, 0x01, 0xfe, 0x81];
function vector(): Uint8Array {
  const v = new Uint8Array(16);
  const mode = rand() % 3;
  for (let k = 0; k < 16; k++) v[k] = mode === 0 ? rand() & 255 : mode === 1 ? EDGE_BYTES[rand() % EDGE_BYTES.length] : (rand() & 1 ? 0 : 0xff) ^ (rand() % 3);
  return v;
}
function scalar(): number {
  const edges = [0, -1, 1, 0x7fffffff, -0x80000000, 0x8000, 0x7fff, 255, 256, -129, 15, 16, 31, 32, 33];
  return rand() & 1 ? edges[rand() % edges.length] : rand() | 0;
}
const opOf = (name: string): OpInfo => OPS.find((o) => o.prefix === PREFIX_SIMD && o.name === name)!;

test('fast SIMD helpers equal the generic ones, and are the ones SIMD_OPS holds', () => {
  for (const [name, fast] of FAST_OPS) {
    const op = opOf(name);
    const ref = GENERIC_SIMD.get(name) as Fn;
    assert.ok(ref, `no generic helper for ${name}`);
    assert.equal(SIMD_OPS.get(name), fast, name);
    for (let i = 0; i < 400; i++) {
      const args: unknown[] = op.params!.map((t) => (t === I32 ? scalar() : vector()));
      if (op.imm === 'lane') args.splice(1, 0, i % op.width);
      if (op.imm === 'shuffle') args.push(Array.from({ length: 16 }, () => rand() % 32));
      const copies = args.map((a) => (a instanceof Uint8Array ? a.slice() : a));
      const want = ref(...args);
      const got = (fast as Fn)(...args);
      assert.deepEqual(got, want, `${name}(${copies.map(String).join(' | ')})`);
      assert.deepEqual(args, copies, `${name} modified an operand`);
    }
  }
});

test('fast SIMD memory helpers equal the generic ones', () => {
  for (const [name, fast] of FAST_MEMORY_OPS) {
    const ref = GENERIC_SIMD.get(name) as Fn;
    assert.ok(ref, `no generic helper for ${name}`);
    assert.equal(SIMD_MEMORY_OPS.get(name), fast, name);
    for (let i = 0; i < 200; i++) {
      const mem = new Uint8Array(64).map(() => rand() & 255);
      const at = rand() % 40;
      assert.deepEqual((fast as Fn)(mem, at), ref(mem.slice(), at), `${name} at ${at}`);
    }
  }
});
