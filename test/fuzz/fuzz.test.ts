// CI smoke run of the mutation fuzzer (the long run is `npm run fuzz`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebAssembly } from '../../src/index.js';
import { fuzz } from './mutate.js';

test('mutated testsuite modules: only CompileError escapes new Module, validate agrees, nothing is slow', () => {
  const r = fuzz(WebAssembly as never, 0xc0ffee, 4000, 60_000, 2000);
  console.log(`fuzz smoke: ${r.inputs} inputs, ${r.compileErrors} CompileError, ${r.accepted} accepted, max ${r.maxMs.toFixed(1)} ms`);
  assert.ok(r.inputs >= 1000, 'ran too few inputs');
  assert.deepEqual(r.crashes.map((c) => `${c.how}: ${c.error.split('\n')[0]}`), []);
  assert.deepEqual(r.slow.map((s) => `${s.how}: ${s.ms.toFixed(0)} ms`), []);
});
