// Behaviour the spec text requires where Node 20's V8 predates or deviates from it, so these are
// checked against the spec rather than against native.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebAssembly as P } from '../../src/index.js';
import { logged } from './oracle.js';
import { build } from './wasm.js';

test('DefaultValue(externref) is undefined (V8 11 gives null)', () => {
  assert.equal(new P.Global({ value: 'externref' }).value, undefined);
  assert.equal(new P.Global({ value: 'externref' }, undefined).value, undefined);
  assert.equal(new P.Global({ value: 'externref' }, null).value, null);
  const t = new P.Table({ element: 'externref', initial: 1 });
  assert.equal(t.get(0), undefined);
  t.grow(1);
  assert.equal(t.get(1), undefined);
  t.set(0, null);
  assert.equal(t.get(0), null);
  t.set(0);
  assert.equal(t.get(0), undefined);
});

test('descriptors: every member is read before `initial`/`maximum` are converted (AddressValue is any)', () => {
  const log: string[] = [];
  assert.throws(() => new P.Memory(logged({ initial: -1, maximum: 2 }, log)), TypeError);
  assert.deepEqual(log, ['o.address', 'o.initial', 'o.maximum', 'o.shared']);
  log.length = 0;
  assert.throws(() => new P.Table(logged({ element: 'anyfunc', initial: -1 }, log)), TypeError);
  assert.deepEqual(log, ['o.address', 'o.element', 'o.initial', 'o.maximum']);
});

test('memory64: address "i64" takes and gives BigInts', () => {
  const m = new P.Memory({ address: 'i64', initial: 1n, maximum: 3n });
  assert.equal(m.buffer.byteLength, 65536);
  assert.equal(m.grow(1n), 1n);
  assert.equal(m.buffer.byteLength, 131072);
  assert.throws(() => m.grow(1), TypeError, 'a Number is not a BigInt');
  assert.throws(() => m.grow(-1n), TypeError);
  assert.throws(() => m.grow(2n ** 64n), TypeError);
  assert.throws(() => m.grow(5n), RangeError);
  assert.throws(() => new P.Memory({ address: 'i64', initial: 1 }), TypeError);
  assert.throws(() => new P.Memory({ address: 'i65', initial: 1n }), TypeError);
  assert.throws(() => new P.Memory({ address: 'i64', initial: 2n ** 48n + 1n }), RangeError);
  // The runtime limit of a 64-bit memory is 262,144 pages (16 GiB).
  assert.throws(() => new P.Memory({ address: 'i64', initial: 262_145n }), RangeError);
  assert.throws(() => new P.Memory({ address: 'i64', initial: 1n }).grow(262_144n), RangeError);
  assert.equal(new P.Memory({ address: 'i32', initial: 1 }).grow(0), 1);
});

test('table64: address "i64" takes and gives BigInts', () => {
  const t = new P.Table({ address: 'i64', element: 'externref', initial: 2n }, 'x');
  assert.equal(t.length, 2n);
  assert.equal(t.get(1n), 'x');
  t.set(0n, 'y');
  assert.equal(t.get(0n), 'y');
  assert.equal(t.grow(1n, 'z'), 2n);
  assert.equal(t.get(2n), 'z');
  assert.throws(() => t.get(0), TypeError);
  assert.throws(() => t.get(3n), RangeError);
});

test('"funcref" is accepted as a spelling of "anyfunc"', () => {
  assert.equal(new P.Table({ element: 'funcref', initial: 1 }).get(0), null);
  assert.equal(new P.Global({ value: 'funcref' }).value, null);
});

test('Module.exports/imports descriptors are fresh dictionaries with members in lexicographic order', () => {
  const bytes = build({
    types: [[[], []]],
    imports: [{ module: 'm', name: 'f', kind: 'func', type: 0 }, { module: 'm', name: 'mem', kind: 'memory', min: 1 }],
    funcs: [{ type: 0, body: [] }],
    tables: [{ elem: 0x70, min: 1 }],
    globals: [{ type: 0x7f, init: [0x41, 0] }],
    exports: [{ name: 'g', kind: 'global', index: 0 }, { name: 't', kind: 'table', index: 0 }, { name: 'f', kind: 'func', index: 1 }, { name: 'mem', kind: 'memory', index: 0 }],
  });
  const m = new P.Module(bytes);
  const e = P.Module.exports(m);
  assert.deepEqual(e.map((x) => Object.keys(x)), [['kind', 'name'], ['kind', 'name'], ['kind', 'name'], ['kind', 'name']]);
  assert.deepEqual(e, [{ kind: 'global', name: 'g' }, { kind: 'table', name: 't' }, { kind: 'function', name: 'f' }, { kind: 'memory', name: 'mem' }]);
  assert.notEqual(P.Module.exports(m), e);
  const i = P.Module.imports(m);
  assert.deepEqual(i.map((x) => Object.keys(x)), [['kind', 'module', 'name'], ['kind', 'module', 'name']]);
  assert.deepEqual(i, [{ kind: 'function', module: 'm', name: 'f' }, { kind: 'memory', module: 'm', name: 'mem' }]);
});

test('a DataView is a BufferSource (V8 11 rejects it in validate)', () => {
  const b = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff]);
  assert.equal(P.validate(new DataView(b.buffer, 0, 8)), true);
  assert.equal(P.validate(new DataView(b.buffer)), false);
  assert.ok(new P.Module(new DataView(b.buffer, 0, 8)) instanceof P.Module);
});

test('a detached buffer holds no bytes', () => {
  const b = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  structuredClone(b.buffer, { transfer: [b.buffer] });
  assert.equal(P.validate(b), false);
  assert.throws(() => new P.Module(b), P.CompileError);
});

test('read the imports checks each import before reading the next (V8 reads them all first)', () => {
  const bytes = build({
    types: [[[], []]],
    imports: [{ module: 'a', name: 'f', kind: 'func', type: 0 }, { module: 'b', name: 'g', kind: 'global', type: 0x7f }],
  });
  const log: string[] = [];
  // Import #0 is not callable: a LinkError, before module "b" (not an object) is even read.
  assert.throws(() => new P.Instance(new P.Module(bytes), logged({ a: {} }, log)), P.LinkError);
  assert.deepEqual(log, ['o.a', 'o.a.f']);
});

test('instantiate(bytes) resolves to a WebAssemblyInstantiatedSource: members in lexicographic order', async () => {
  const r = await P.instantiate(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  assert.deepEqual(Object.keys(r), ['instance', 'module']);
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
});

test('Table.set converts the value before checking the index (V8 checks the index first)', () => {
  const t = new P.Table({ element: 'anyfunc', initial: 1 });
  assert.throws(() => t.set(5, 'not a function'), TypeError);
  assert.throws(() => t.set(5, null), RangeError);
});

test('a Tag may have v128 parameters: ValueType includes "v128" (V8 11 refuses it)', () => {
  assert.equal(Object.prototype.toString.call(new P.Tag({ parameters: ['v128', 'i32'] })), '[object WebAssembly.Tag]');
});

test('TagType.parameters is a sequence: any iterable, not an array-like (V8 11 reads length)', () => {
  assert.ok(new P.Tag({ parameters: new Set(['f32']) }) instanceof P.Tag);
  assert.ok(new P.Tag({ parameters: (function* () { yield 'i32'; })() }) instanceof P.Tag);
  assert.throws(() => new P.Tag({ parameters: { length: 1, 0: 'i32' } as never }), TypeError);
});

test('undefined in an externref table or global is a non-null reference inside wasm', () => {
  const bytes = build({
    types: [[[], [0x7f]]],
    imports: [{ module: 'm', name: 't', kind: 'table', elem: 0x6f, min: 1 }, { module: 'm', name: 'g', kind: 'global', type: 0x6f }],
    // (func (result i32) (ref.is_null (table.get 0 (i32.const 0))))  (func (result i32) (ref.is_null (global.get 0)))
    funcs: [{ type: 0, body: [0x41, 0, 0x25, 0, 0xd1] }, { type: 0, body: [0x23, 0, 0xd1] }],
    exports: [{ name: 'tableNull', kind: 'func', index: 0 }, { name: 'globalNull', kind: 'func', index: 1 }],
  });
  const t = new P.Table({ element: 'externref', initial: 1 });
  const e = new P.Instance(new P.Module(bytes), { m: { t, g: new P.Global({ value: 'externref' }) } }).exports as Record<string, () => number>;
  assert.equal(e.tableNull(), 0);
  assert.equal(e.globalNull(), 0);
  t.set(0, null);
  assert.equal(e.tableNull(), 1);
});
