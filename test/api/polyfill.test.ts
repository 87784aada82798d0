// The polyfill: installs purewasm where WebAssembly is missing (node --jitless has none), keeps a
// usable native one unless forced, and defines the global with a native global's attributes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { install } from '../../src/index.js';
import { namespace } from '../../src/api/namespace.js';

const polyfill = fileURLToPath(new URL('../../src/polyfill.js', import.meta.url));
const add = '[0,97,115,109,1,0,0,0,1,7,1,96,2,127,127,1,127,3,2,1,0,7,7,1,3,97,100,100,0,0,10,9,1,7,0,32,0,32,1,106,11]';

function run(flags: string[], code: string): string {
  const r = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', code], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  // (--jitless prints a warning about --expose_wasm on stderr: only the exit status counts.)
  return r.stdout.trim();
}

test('node --jitless: the polyfill installs a working WebAssembly with native attributes', () => {
  const out = run(['--jitless', '--no-warnings'], `
    const before = typeof WebAssembly;
    await import(${JSON.stringify(polyfill)});
    const d = Object.getOwnPropertyDescriptor(globalThis, 'WebAssembly');
    const { instance } = await WebAssembly.instantiate(new Uint8Array(${add}));
    console.log(JSON.stringify([before, d.writable, d.enumerable, d.configurable, String(WebAssembly), instance.exports.add(2, 3)]));
  `);
  assert.deepEqual(JSON.parse(out), ['undefined', true, false, true, '[object WebAssembly]', 5]);
});

test('a usable native WebAssembly is kept; install({ force: true }) replaces it', () => {
  const native = globalThis.WebAssembly;
  try {
    assert.equal(install(), false);
    assert.equal(globalThis.WebAssembly, native);
    assert.equal(install({ force: true }), true);
    assert.equal(globalThis.WebAssembly, namespace);
    const d = Object.getOwnPropertyDescriptor(globalThis, 'WebAssembly')!;
    assert.deepEqual([d.writable, d.enumerable, d.configurable], [true, false, true]);
    assert.equal(install(), false, 'already installed');
  } finally {
    Object.defineProperty(globalThis, 'WebAssembly', { value: native, writable: true, enumerable: false, configurable: true });
  }
});

test('an unusable WebAssembly (compilation refused, as under a strict CSP) is replaced', () => {
  const native = globalThis.WebAssembly;
  const refusing = { ...native, Module: function () { throw new native.CompileError('Wasm code generation disallowed by embedder'); } };
  try {
    Object.defineProperty(globalThis, 'WebAssembly', { value: refusing, writable: true, enumerable: false, configurable: true });
    assert.equal(install(), true);
    assert.equal(globalThis.WebAssembly, namespace);
  } finally {
    Object.defineProperty(globalThis, 'WebAssembly', { value: native, writable: true, enumerable: false, configurable: true });
  }
});
