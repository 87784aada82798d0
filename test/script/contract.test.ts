import { test } from 'node:test';
import assert from 'node:assert/strict';
import { observe, toBoxed, contractEngine } from '../../src/script/contract-engine.js';
import { HostRef } from '../../src/script/engine.js';
import { F32, F64, FUNCREF, I32, I64, V128, EXTERNAL_FUNC, EXTERNAL_GLOBAL, EXTERNAL_MEMORY, EXTERNAL_TABLE } from '../../src/syntax/types.js';

test('boxed values round-trip bit-exactly, signalling NaNs included', () => {
  for (const bits of [0x7fa00000, 0xffc00001, 0x00000001, 0x80000000, 0x7f800000]) {
    assert.deepEqual(observe(F32, toBoxed({ type: 'f32', bits })), { type: 'f32', bits });
  }
  for (const bits of [0x7ff4000000000001n, 0xfff8000000000000n, 1n, 0x8000000000000000n]) {
    assert.deepEqual(observe(F64, toBoxed({ type: 'f64', bits })), { type: 'f64', bits });
  }
  assert.deepEqual(observe(I64, toBoxed({ type: 'i64', value: -5n })), { type: 'i64', value: -5n });
  assert.deepEqual(observe(FUNCREF, toBoxed({ type: 'ref.null', heap: 'func' })), { type: 'ref', kind: 'null' });
  assert.equal(toBoxed({ type: 'ref.extern', n: 3 }), HostRef.of(3));
  assert.equal(toBoxed({ type: 'ref.host', n: 3 }), HostRef.of(3));
});

test('values that break the contract are reported, never masked', () => {
  assert.throws(() => observe(I32, 1.5), /engine returned 1.5 \(number\) for a i32 value/);
  assert.throws(() => observe(I32, 2 ** 31), TypeError);
  assert.throws(() => observe(I64, 1), TypeError);
  assert.throws(() => observe(I64, 2n ** 63n), TypeError);
  assert.throws(() => observe(F32, 0.1), TypeError); // not an f32 value
  assert.doesNotThrow(() => observe(F32, Math.fround(0.1)));
  assert.throws(() => observe(F64, 1n), TypeError);
  assert.throws(() => observe(V128, new Uint8Array(8)), TypeError);
});

test('the spectest module follows the testsuite conventions, fresh per script', () => {
  const e = contractEngine();
  const a = e.spectest();
  const kinds = Object.fromEntries([...a].map(([k, v]) => [k, v.kind]));
  for (const f of ['print', 'print_i32', 'print_i64', 'print_f32', 'print_f64', 'print_i32_f32', 'print_f64_f64']) assert.equal(kinds[f], EXTERNAL_FUNC, f);
  for (const g of ['global_i32', 'global_i64', 'global_f32', 'global_f64']) assert.equal(kinds[g], EXTERNAL_GLOBAL, g);
  assert.equal(kinds.table, EXTERNAL_TABLE);
  assert.equal(kinds.table64, EXTERNAL_TABLE);
  assert.equal(kinds.memory, EXTERNAL_MEMORY);
  assert.deepEqual(e.getGlobal(a.get('global_i32')!.value, null), { type: 'i32', value: 666 });
  assert.deepEqual(e.getGlobal(a.get('global_i64')!.value, null), { type: 'i64', value: 666n });
  assert.deepEqual(e.getGlobal(a.get('global_f32')!.value, null), { type: 'f32', bits: 0x4426a666 });
  assert.deepEqual(e.getGlobal(a.get('global_f64')!.value, null), { type: 'f64', bits: 0x4084d4cccccccccdn });
  assert.notEqual(e.spectest().get('memory')!.value, a.get('memory')!.value);
});
