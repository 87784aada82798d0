// CI sample of the differential test: committed wasm-opt -ttf modules (test/diff/corpus/, made by
// gen.ts with seed 1000) traced on native V8 and on purewasm must agree line for line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { WebAssembly as PW } from '../../src/index.js';
import { firstDifference, trace } from './harness.js';

const DIR = new URL('../../../test/diff/corpus/', import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith('.wasm')).sort();

test('differential sample: purewasm and V8 observe the same results, traps, import calls and memory', () => {
  assert.ok(files.length >= 30, 'corpus missing');
  let lines = 0;
  const diffs: string[] = [];
  for (const f of files) {
    const bytes = new Uint8Array(readFileSync(new URL(f, DIR)));
    const native = trace(globalThis.WebAssembly as never, bytes);
    assert.ok(!native[0].startsWith('compile'), `${f}: native V8 rejects it (${native[0]})`);
    lines += native.length;
    const d = firstDifference(native, trace(PW as never, bytes));
    if (d) diffs.push(`${f}: ${d}`);
  }
  assert.ok(lines > files.length * 5, 'the traces are too short to compare anything');
  assert.deepEqual(diffs, []);
});
