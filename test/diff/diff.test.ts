// CI sample of the differential test: committed wasm-opt -ttf modules (test/diff/corpus/, made by
// gen.ts with seed 1000) traced on native V8 and on purewasm must agree line for line; explained-*.wasm
// are mismatches of the long run that the harness explains (V8 words both call_indirect traps as
// one message; V8 canonicalises NaN results where purewasm keeps the payload, visible in memory).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { WebAssembly as PW } from '../../src/index.js';
import { equalUpToNaNs, firstDifference, trace } from './harness.js';

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

test('open mismatch (seed 2, module 4113): V8 traps memory-oob where purewasm traps on a conversion', {
  todo: 'found at 12:34 by the long run, not analysed yet: func_10 (trace line 17) ' +
    'traps "out of bounds" on V8 and "integer overflow"/"invalid conversion" on purewasm; memories agree before it',
}, () => {
  const bytes = new Uint8Array(readFileSync(new URL('../../../test/diff/open/seed2-4113-trap-kind.wasm', import.meta.url)));
  assert.equal(firstDifference(trace(globalThis.WebAssembly as never, bytes), trace(PW as never, bytes)), null);
});
