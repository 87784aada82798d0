// Differential check against Node's native WebAssembly: every mutated testsuite module that V8
// accepts must compile here too. (Node 20 implements a subset of 3.0 — no GC types, exnref,
// memory64 — so only this direction is an oracle: a module it rejects may still be valid 3.0.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpus, mutate, Rng } from '../fuzz/mutate.js';
import { compileModule } from '../../src/valid/index.js';

test('whatever native WebAssembly.validate accepts, compileModule accepts', () => {
  const base = corpus().filter((b) => WebAssembly.validate(b as BufferSource));
  const rng = new Rng(0xd1ff);
  const misses: string[] = [];
  let nativeAccepted = 0;
  for (let i = 0; i < 3000; i++) {
    let { bytes } = mutate(base[rng.below(base.length)], rng);
    if (rng.below(3) === 0 && bytes.length > 0) bytes = mutate(bytes, rng).bytes;
    if (!WebAssembly.validate(bytes as BufferSource)) continue;
    nativeAccepted++;
    try {
      compileModule(bytes);
    } catch (e) {
      misses.push(`${(e as Error).message} | ${Buffer.from(bytes).toString('hex').slice(0, 120)}`);
    }
  }
  console.log(`native diff: ${nativeAccepted} mutated modules accepted by V8, ${misses.length} refused here`);
  assert.ok(nativeAccepted > 100);
  assert.deepEqual(misses, []);
});
