// CI smoke runs of the mutation fuzzer (the long run is test/fuzz/run.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebAssembly } from '../../src/index.js';
import { fuzz } from './mutate.js';
import { supervise } from './supervise.js';

test('mutated testsuite modules: only CompileError escapes new Module, validate agrees, nothing is slow', () => {
  const r = fuzz(WebAssembly as never, 0xc0ffee, 4000, 60_000, 2000);
  console.log(`fuzz smoke: ${r.inputs} inputs, ${r.compileErrors} CompileError, ${r.accepted} accepted, max ${r.maxMs.toFixed(1)} ms`);
  assert.ok(r.inputs >= 1000, 'ran too few inputs');
  assert.deepEqual(r.crashes.map((c) => `${c.how}: ${c.error.split('\n')[0]}`), []);
  assert.deepEqual(r.slow.map((s) => `${s.how}: ${s.ms.toFixed(0)} ms`), []);
});

test('supervised: mutants decode, validate like V8, instantiate and run without crashes or hangs', async () => {
  const r = await supervise({ seed: 0xbeef, inputs: 6000 });
  console.log(`supervised smoke: ${r.inputs} inputs, ${r.accepted} accepted, ${r.calls} calls, ${r.loops} looped, ` +
    `${[...r.disagreements.values()].reduce((a, d) => a + d.count, 0)} disagreements`);
  assert.equal(r.inputs, 6000);
  assert.ok(r.accepted > 50 && r.calls > 100, 'the run reached too few modules to mean anything');
  assert.deepEqual(r.crashes.map((c) => `#${c.index} ${c.phase}: ${c.error.split('\n')[0]}`), []);
  assert.deepEqual(r.hangs.map((h) => `#${h.index}: ${h.error}`), []);
});
