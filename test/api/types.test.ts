// ToWebAssemblyValue's type checks for the reference types of 3.0 (typed function references,
// non-nullable references, anyref, exnref) through globals and tables a module exports, and the
// compile options (builtin set names, imported string constants). Node 20 has none of these
// enabled by default, so they are checked against the spec text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebAssembly as P } from '../../src/index.js';
import { build, i32, externref, anyref, exnref, type ModuleDef } from './wasm.js';

// Types 0: [] -> [i32], 1: [i32] -> [].
const TYPES: ModuleDef['types'] = [[[], [i32]], [[i32], []]];
const refNull = (idx: number) => [0x63, idx];
const ref = (idx: number) => [0x64, idx];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Exports = Record<string, any>;
function exportsOf(def: ModuleDef, imports?: object): Exports {
  return new P.Instance(new P.Module(build(def)), imports).exports as Exports;
}

test('typed function references: (ref null $t) accepts only functions of a matching type', () => {
  const e = exportsOf({
    types: TYPES,
    funcs: [{ type: 0, body: [0x41, 7] }, { type: 1, body: [] }],
    globals: [{ type: refNull(0), mutable: true, init: [0xd0, 0] }, { type: ref(0), mutable: true, init: [0xd2, 0] }],
    tables: [{ elem: refNull(0), min: 2 }],
    exports: [
      { name: 'f0', kind: 'func', index: 0 }, { name: 'f1', kind: 'func', index: 1 },
      { name: 'g', kind: 'global', index: 0 }, { name: 'nn', kind: 'global', index: 1 }, { name: 't', kind: 'table', index: 0 },
    ],
  });
  assert.equal(e.g.value, null);
  e.g.value = e.f0;
  assert.equal(e.g.value, e.f0);
  assert.throws(() => (e.g.value = e.f1), TypeError, 'wrong function type');
  assert.throws(() => (e.g.value = () => 1), TypeError, 'not an exported function');
  assert.throws(() => (e.g.value = 1), TypeError);
  e.g.value = null;
  assert.equal(e.nn.value, e.f0);
  assert.throws(() => (e.nn.value = null), TypeError, 'non-nullable');
  e.t.set(1, e.f0);
  assert.equal(e.t.get(1), e.f0);
  assert.throws(() => e.t.set(0, e.f1), TypeError);
  assert.equal(e.t.grow(1), 2, 'a nullable element type has a default');
  assert.equal(e.t.get(2), null);
});

test('anyref holds host values; exnref globals and tables are unreachable from JS', () => {
  const e = exportsOf({
    globals: [{ type: anyref, mutable: true, init: [0xd0, 0x6e] }, { type: exnref, mutable: true, init: [0xd0, 0x69] }],
    tables: [{ elem: exnref, min: 1 }, { elem: externref, min: 1 }],
    exports: [{ name: 'any', kind: 'global', index: 0 }, { name: 'exn', kind: 'global', index: 1 }, { name: 'texn', kind: 'table', index: 0 }, { name: 'text', kind: 'table', index: 1 }],
  });
  const o = { x: 1 };
  e.any.value = o;
  assert.equal(e.any.value, o);
  e.any.value = 'str';
  assert.equal(e.any.value, 'str');
  e.any.value = null;
  assert.equal(e.any.value, null);
  assert.throws(() => e.exn.value, TypeError);
  assert.throws(() => e.exn.valueOf(), TypeError);
  assert.throws(() => (e.exn.value = null), TypeError);
  assert.throws(() => e.texn.get(0), TypeError);
  assert.throws(() => e.texn.set(0, null), TypeError);
  assert.equal(e.texn.length, 1);
  assert.equal(e.text.get(0), null, 'a table initialised by the module holds ref.null');
});

const STRINGS: ModuleDef = {
  types: [[[], [externref]]],
  imports: [
    { module: "'", name: 'hello', kind: 'global', type: [0x64, 0x6f] },
    { module: 'env', name: 'x', kind: 'global', type: i32 },
    { module: "'", name: 'wörld', kind: 'global', type: externref },
  ],
  funcs: [{ type: 0, body: [0x23, 2] }],
  exports: [{ name: 'hello', kind: 'global', index: 0 }, { name: 'get', kind: 'func', index: 0 }],
};

test('importedStringConstants: names become strings, imports() omits them, wrong types do not compile', async () => {
  const bytes = build(STRINGS);
  const m = new P.Module(bytes, { importedStringConstants: "'" });
  assert.deepEqual(P.Module.imports(m), [{ kind: 'global', module: 'env', name: 'x' }]);
  const e = new P.Instance(m, { env: { x: 1 } }).exports as Exports;
  assert.equal(e.hello.value, 'hello');
  assert.equal(e.get(), 'wörld');
  // Without the option they are ordinary imports.
  assert.equal(P.Module.imports(new P.Module(bytes)).length, 3);
  assert.throws(() => new P.Instance(new P.Module(bytes), { env: { x: 1 } }), TypeError);
  // A string constant must be imported as `global const (ref extern)` or a supertype.
  const mutable = build({ imports: [{ module: 's', name: 'a', kind: 'global', type: externref, mutable: true }] });
  const wrongType = build({ imports: [{ module: 's', name: 'a', kind: 'global', type: i32 }] });
  const func = build({ types: [[[], []]], imports: [{ module: 's', name: 'a', kind: 'func', type: 0 }] });
  for (const b of [mutable, wrongType, func]) {
    assert.equal(P.validate(b, { importedStringConstants: 's' }), false);
    assert.equal(P.validate(b), true);
    assert.throws(() => new P.Module(b, { importedStringConstants: 's' }), P.CompileError);
    await assert.rejects(P.compile(b, { importedStringConstants: 's' }), P.CompileError);
  }
  assert.equal(P.validate(mutable, { importedStringConstants: null }), true);
});

test('compile options: builtins is a sequence of strings without duplicates; unknown sets are ignored', () => {
  const b = build({ types: [[[], []]], imports: [{ module: 'wasm:nothing', name: 'f', kind: 'func', type: 0 }] });
  assert.equal(P.validate(b, { builtins: ['nothing', 'other'] }), true);
  assert.equal(P.validate(b, { builtins: ['a', 'a'] }), false);
  assert.throws(() => new P.Module(b, { builtins: ['x', 'x'] }), P.CompileError);
  assert.throws(() => P.validate(b, { builtins: 'abc' }), TypeError, 'a string is not a sequence');
  assert.throws(() => P.validate(b, { builtins: {} }), TypeError, 'not iterable');
  assert.throws(() => P.validate(b, 1 as never), TypeError, 'options not an object');
  const log: string[] = [];
  P.validate(b, { get builtins() { log.push('builtins'); return undefined; }, get importedStringConstants() { log.push('strings'); return undefined; } });
  assert.deepEqual(log, ['builtins', 'strings']);
  assert.deepEqual(P.Module.imports(new P.Module(b, { builtins: ['nothing'] })), [{ kind: 'function', module: 'wasm:nothing', name: 'f' }]);
});
