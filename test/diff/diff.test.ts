// CI sample of the differential test: committed wasm-opt -ttf modules (test/diff/corpus/, made by
// gen.ts with seed 1000) traced on native V8 and on purewasm must agree line for line; explained-*.wasm
// are mismatches of the long run that the harness explains (V8 words both call_indirect traps as
// one message; V8 canonicalises NaN results where purewasm keeps the payload, visible in memory).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { WebAssembly as PW } from '../../src/index.js';
import { equalUpToNaNs, firstDifference, trace } from './harness.js';
import { parseModule } from '../../src/text/parse.js';

const DIR = new URL('../../../test/diff/corpus/', import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith('.wasm')).sort();

test('differential sample: purewasm and V8 observe the same results, traps, import calls and memory', () => {
  assert.ok(files.length >= 30, 'corpus missing');
  let lines = 0;
  const diffs: string[] = [];
  for (const f of files) {
    const bytes = new Uint8Array(readFileSync(new URL(f, DIR)));
    const native = trace(globalThis.WebAssembly as never, bytes);
    assert.ok(!native.log[0].startsWith('compile'), `${f}: native V8 rejects it (${native.log[0]})`);
    lines += native.log.length;
    const d = firstDifference(native, trace(PW as never, bytes));
    if (d) diffs.push(`${f}: ${d}`);
  }
  assert.ok(lines > files.length * 5, 'the traces are too short to compare anything');
  assert.deepEqual(diffs, []);
});

test('memories equal up to NaN payloads: only bytes inside a NaN in both may differ', () => {
  const f64 = (bits: bigint): Uint8Array => {
    const b = new Uint8Array(12);
    new DataView(b.buffer).setBigUint64(2, bits, true);
    return b;
  };
  assert.ok(equalUpToNaNs(f64(0xfff8000000000000n), f64(0xffffffffffffffa0n)), 'two f64 NaNs');
  assert.ok(!equalUpToNaNs(f64(0xfff8000000000000n), f64(0x3ff8000000000000n)), 'NaN vs 1.5');
  assert.ok(!equalUpToNaNs(f64(1n), f64(2n)));
  const f32 = Uint8Array.of(1, 0, 0, 0xc0, 0xff), g32 = Uint8Array.of(1, 0xae, 0xff, 0xff, 0xff);
  assert.ok(equalUpToNaNs(f32, g32), 'two f32 NaNs at an unaligned offset');
  assert.ok(!equalUpToNaNs(Uint8Array.of(2, 0, 0, 0xc0, 0xff), g32), 'a difference outside the NaN');
});

// Seed 2, module 4113 of the long run: func_10 traps "out of bounds" on V8 but "integer overflow" on
// purewasm. Cause: `f32.max(f32.div(-nan:0x7fa07d, x), c)`, reinterpreted and fed to i32.ctz, picks the
// branch. V8 returns the canonical NaN (ctz 22: the call that traps out of bounds), purewasm an
// arithmetic NaN keeping the operand's payload (ctz 0: the conversion that overflows). The spec allows
// both results (any arithmetic NaN for a non-canonical NaN operand), so both runs are correct.
test('explained mismatch (seed 2, module 4113): a NaN payload the spec leaves open decides a branch', () => {
  const bytes = new Uint8Array(readFileSync(new URL('../../../test/diff/explained/seed2-4113-nan-branch.wasm', import.meta.url)));
  const d = firstDifference(trace(globalThis.WebAssembly as never, bytes), trace(PW as never, bytes));
  assert.match(d ?? '', /func_10/, 'the traces differ only from func_10 on');
  const reduced = parseModule(`(module (memory 1)
    (func (export "bits") (result i32)
      f32.const -nan:0x7fa07d  i32.const 0  f32.load offset=3 align=1  f32.div
      f32.const -0x1p61  f32.max  i32.reinterpret_f32))`);
  const bits = (ns: typeof WebAssembly): number =>
    (new ns.Instance(new ns.Module(reduced as Uint8Array<ArrayBuffer>), {}).exports.bits as () => number)();
  const arithmeticNaN = (b: number): boolean => (b & 0x7fc00000) === 0x7fc00000; // exponent all ones, quiet bit
  const [v8, ours] = [bits(globalThis.WebAssembly), bits(PW as never)];
  assert.ok(arithmeticNaN(v8) && arithmeticNaN(ours), `both results are arithmetic NaNs (${v8 >>> 0}, ${ours >>> 0})`);
  assert.equal(v8 & 0x7fffffff, 0x7fc00000, "V8's canonical NaN (its sign is unspecified)");
  assert.equal(ours >>> 0, 0xffffa07d, "purewasm keeps the dividend's payload");
});
