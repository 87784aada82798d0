// The Exported GC Object exotic object (api/gcobject.ts), on stand-in engine references: every
// internal method as the JS API specifies, identity per reference, and the way back to the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportedGcObject, gcRefOf } from '../../src/api/gcobject.js';

test('internal methods: no prototype, no properties, not extensible, writes throw', () => {
  const o = exportedGcObject({ fake: 'struct' }, 'struct') as Record<string | symbol, unknown>;
  assert.equal(typeof o, 'object');
  assert.equal(Object.getPrototypeOf(o), null);
  assert.equal(Reflect.setPrototypeOf(o, {}), false);
  assert.throws(() => Object.setPrototypeOf(o, {}), TypeError);
  assert.equal(Reflect.setPrototypeOf(o, null), false);
  assert.equal(Object.isExtensible(o), false);
  assert.equal(Reflect.preventExtensions(o), false);
  assert.throws(() => Object.preventExtensions(o), TypeError);
  assert.equal(Object.getOwnPropertyDescriptor(o, 'x'), undefined);
  assert.equal(Reflect.defineProperty(o, 'x', { value: 1 }), false);
  assert.throws(() => Object.defineProperty(o, 'x', { value: 1 }), TypeError);
  assert.equal('x' in o, false);
  assert.equal('toString' in o, false);
  assert.equal(o.x, undefined);
  assert.equal(o[Symbol.toPrimitive], undefined);
  assert.throws(() => { o.x = 1; }, TypeError);
  assert.throws(() => Reflect.set(o, 'x', 1), TypeError);
  assert.throws(() => delete o.x, TypeError);
  assert.deepEqual(Reflect.ownKeys(o), []);
  assert.deepEqual(Object.keys(o), []);
  assert.equal(Object.isFrozen(o), true, 'not extensible and no properties');
  assert.throws(() => `${o as unknown as string}`, TypeError, 'no toString to convert with');
  assert.equal(Object.prototype.toString.call(o), '[object Object]');
});

test('one object per engine reference, and back to the reference', () => {
  const s = { fake: 's' };
  const a = { fake: 'a' };
  const os = exportedGcObject(s, 'struct');
  assert.equal(exportedGcObject(s, 'struct'), os);
  const oa = exportedGcObject(a, 'array');
  assert.notEqual(oa, os);
  assert.deepEqual(gcRefOf(os), { ref: s, kind: 'struct' });
  assert.deepEqual(gcRefOf(oa), { ref: a, kind: 'array' });
  assert.equal(gcRefOf(s), undefined);
  assert.equal(gcRefOf({}), undefined);
  assert.equal(gcRefOf(null), undefined);
  assert.equal(gcRefOf(5), undefined);
});
