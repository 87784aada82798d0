// Hostile names: import, export, custom-section and name-section strings that are JavaScript
// fragments. The compile tier generates JavaScript, so a name reaching generated source could run
// attacker-chosen code. Each fragment would set globalThis.__pwned if it ever ran; the tests run
// everything (compile, instantiate, call on both tiers, reflection) and check the flag, the exact
// reported names, and that generated source contains none of them. Native V8 is the oracle for
// what the JS API reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebAssembly as PW } from '../../src/index.js';
import { compileBytes } from '../../src/api/module.js';
import { functionSource } from '../../src/exec/compile/index.js';
import { configure } from '../../src/exec/interp/select.js';
import { I32, SEC, body, functype, module, name, section, u32, vec } from './bytes.js';

const g = globalThis as { __pwned?: unknown };

export const FRAGMENTS = [
  '"); globalThis.__pwned = 1; ("',
  "'); globalThis.__pwned = 1; ('",
  '`; globalThis.__pwned = 1; `',
  '${globalThis.__pwned = 1}',
  '*/ globalThis.__pwned = 1; /*',
  '\u2028globalThis.__pwned = 1 //',
  '\u2029globalThis.__pwned = 1 //',
  '\n}); globalThis.__pwned = 1; ((function(){\n',
  '\\"; globalThis.__pwned = 1; //',
  '</script><script>globalThis.__pwned = 1</script>',
  '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'then', 'prototype', 'length',
  'l0', 's0', 'h0', 'E', 'F', 'H', 'R', 'X', 'M', 'T', 'G', 'dv', 'u8', 'len', 'TC', 'arguments', 'eval', 'this',
  '', '\0', 'a\0b', '\u{10ffff}', '𝄞', 'é', 'e\u0301',
];

/** Module: imports a function under every fragment (module and field both), exports a function
 * (returning its index) under every fragment, a memory under "memory!", custom sections and a
 * name section naming functions and locals after the fragments. */
export function hostileModule(): Uint8Array<ArrayBuffer> {
  const n = FRAGMENTS.length;
  const imports = FRAGMENTS.map((f) => [...name(f), ...name(f), 0x00, 0x00]);
  // Defined function i (index n + i) calls import i, then returns i.
  const funcs = FRAGMENTS.map(() => [1]);
  const codes = FRAGMENTS.map((_, i) => body([[1, I32]], [0x10, ...u32(i), 0x41, ...sleb(i), 0x0b]));
  const exports = [...FRAGMENTS.map((f, i) => [...name(f), 0x00, ...u32(n + i)]), [...name('memory!'), 0x02, 0x00]];
  const fnNames = vec(FRAGMENTS.map((f, i) => [...u32(n + i), ...name(f)]));
  const localNames = vec(FRAGMENTS.map((f, i) => [...u32(n + i), ...vec([[0, ...name(f)]])]));
  const nameSec = [...name('name'), 0x00, ...u32(name(FRAGMENTS[0]).length), ...name(FRAGMENTS[0]),
    0x01, ...u32(fnNames.length), ...fnNames, 0x02, ...u32(localNames.length), ...localNames];
  return module(
    section(SEC.type, vec([functype([], []), functype([], [I32])])),
    section(SEC.import, vec(imports)),
    section(SEC.func, vec(funcs)),
    section(SEC.memory, vec([[0x00, 0x01]])),
    section(SEC.export, vec(exports)),
    section(SEC.code, vec(codes)),
    ...FRAGMENTS.map((f, i) => section(SEC.custom, [...name(f), i & 0xff])),
    section(SEC.custom, nameSec),
  );
}

/** Signed LEB128 of 0 ≤ i < 8192. */
function sleb(i: number): number[] {
  return i < 64 ? [i] : [(i & 0x7f) | 0x80, i >> 7];
}

/** An import object with every fragment as an own property (also "__proto__") at both levels. */
function importObject(calls: string[]): WebAssembly.Imports {
  const outer: Record<string, unknown> = {};
  for (const f of FRAGMENTS) {
    const inner: Record<string, unknown> = {};
    Object.defineProperty(inner, f, { value: () => void calls.push(f), enumerable: true });
    Object.defineProperty(outer, f, { value: inner, enumerable: true });
  }
  return outer as WebAssembly.Imports;
}

test('hostile names: no fragment runs anywhere, on either tier', () => {
  delete g.__pwned;
  const bytes = hostileModule();
  for (const engine of ['compile', 'interpret'] as const) {
    const previous = configure({ engine });
    try {
      const calls: string[] = [];
      const mod = new PW.Module(bytes);
      const inst = new PW.Instance(mod, importObject(calls));
      const ex = inst.exports as Record<string, () => number>;
      FRAGMENTS.forEach((f, i) => assert.equal(ex[f](), i, `export ${JSON.stringify(f)} on ${engine}`));
      assert.deepEqual(calls, FRAGMENTS, 'each export called its own import');
      assert.equal(g.__pwned, undefined);
    } finally {
      configure(previous);
    }
  }
});

test('hostile names: exports object has every name as an own property, in order, "__proto__" included', () => {
  const ex = new PW.Instance(new PW.Module(hostileModule()), importObject([])).exports;
  assert.equal(Object.getPrototypeOf(ex), null);
  assert.ok(Object.isFrozen(ex));
  assert.deepEqual(Object.getOwnPropertyNames(ex), [...FRAGMENTS, 'memory!']);
  assert.ok(Object.hasOwn(ex, '__proto__'));
  assert.equal(typeof (ex as Record<string, unknown>)['__proto__'], 'function');
  assert.ok((ex as Record<string, unknown>)['memory!'] instanceof PW.Memory);
  // The same keys as native V8.
  const native = new WebAssembly.Instance(new WebAssembly.Module(hostileModule()), importObject([])).exports;
  assert.deepEqual(Object.getOwnPropertyNames(ex), Object.getOwnPropertyNames(native));
});

test('hostile names: Module.exports/imports/customSections report them exactly, as V8 does', () => {
  const bytes = hostileModule();
  const mod = new PW.Module(bytes);
  const nat = new WebAssembly.Module(bytes);
  const plain = (a: object[]): object[] => a.map((d) => ({ ...d }));
  assert.deepEqual(PW.Module.imports(mod).map((d) => [d.module, d.name, d.kind]), FRAGMENTS.map((f) => [f, f, 'function']));
  assert.deepEqual(PW.Module.exports(mod).map((d) => d.name), [...FRAGMENTS, 'memory!']);
  assert.deepEqual(plain(PW.Module.imports(mod)).map((d) => JSON.stringify(d, Object.keys(d).sort())),
    plain(WebAssembly.Module.imports(nat)).map((d) => JSON.stringify(d, Object.keys(d).sort())));
  assert.deepEqual(plain(PW.Module.exports(mod)).map((d) => JSON.stringify(d, Object.keys(d).sort())),
    plain(WebAssembly.Module.exports(nat)).map((d) => JSON.stringify(d, Object.keys(d).sort())));
  FRAGMENTS.forEach((f, i) => {
    const cs = PW.Module.customSections(mod, f).map((b) => [...new Uint8Array(b)]);
    assert.deepEqual(cs, WebAssembly.Module.customSections(nat, f).map((b) => [...new Uint8Array(b)]), JSON.stringify(f));
    assert.ok(cs.some((c) => c.length === 1 && c[0] === (i & 0xff)));
  });
  assert.equal(PW.Module.customSections(mod, 'name').length, 1);
  assert.equal(g.__pwned, undefined);
});

test('hostile names: "__proto__" in the import object is read with [[Get]] like V8', () => {
  // An import ("__proto__", "toString") with no own "__proto__" finds Object.prototype.toString:
  // the JS API reads imports with Get, so this links (a host function) in both engines.
  const bytes = module(
    section(SEC.type, vec([functype([], [])])),
    section(SEC.import, vec([[...name('__proto__'), ...name('toString'), 0x00, 0x00]])),
  );
  assert.doesNotThrow(() => new WebAssembly.Instance(new WebAssembly.Module(bytes), {}));
  assert.doesNotThrow(() => new PW.Instance(new PW.Module(bytes), {}));
  // A null-prototype import object has no "__proto__": the module's member is undefined, which
  // "read the imports" answers with a TypeError.
  const bare = Object.create(null);
  assert.throws(() => new WebAssembly.Instance(new WebAssembly.Module(bytes), bare), TypeError);
  assert.throws(() => new PW.Instance(new PW.Module(bytes), bare), TypeError);
});

test('hostile names: generated JavaScript contains none of the names', () => {
  const m = compileBytes(hostileModule(), { builtins: null, importedStringConstants: null }).module;
  const markers = FRAGMENTS.filter((f) => f.includes('pwned') || f.includes('__proto__') || f === 'constructor' || f === 'hasOwnProperty' || f === '𝄞');
  for (let i = m.numImportedFuncs; i < m.funcs.length; i++) {
    const src = functionSource(m, i);
    for (const f of markers) assert.ok(!src.includes(f), `function ${i} source contains ${JSON.stringify(f)}`);
    assert.ok(!src.includes('\u2028') && !src.includes('\u2029'), 'line separators in source');
    assert.ok(!src.includes('`'), 'template literal in source');
  }
});
