// Mutation fuzzing straight at compileModule (the JS API's Module and validate sit on top of it):
// whatever the damage, only CompileError may come out, and quickly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz } from '../fuzz/mutate.js';
import { compileModule } from '../../src/valid/index.js';
import { CompileError } from '../../src/api/errors.js';

const ns = {
  Module: class {
    constructor(bytes: Uint8Array) {
      compileModule(bytes);
    }
  },
  validate(bytes: Uint8Array): boolean {
    try {
      compileModule(bytes);
      return true;
    } catch (e) {
      if (e instanceof CompileError) return false;
      throw e;
    }
  },
  CompileError,
};

test('mutated testsuite modules: compileModule throws nothing but CompileError', () => {
  const r = fuzz(ns as never, 0x5eed, 3000, 30_000, 1000);
  console.log(`compile fuzz: ${r.inputs} inputs, ${r.compileErrors} CompileError, ${r.accepted} accepted, max ${r.maxMs.toFixed(1)} ms`);
  assert.ok(r.inputs >= 1000, 'ran too few inputs');
  assert.deepEqual(r.crashes.map((c) => `${c.how}: ${c.error.split('\n').slice(0, 3).join(' | ')}`), []);
  assert.deepEqual(r.slow.map((s) => `${s.how}: ${s.ms.toFixed(0)} ms`), []);
});
