// Real compiler output (Rust, C, Emscripten) from the dev dependencies: each must compile, and the
// decoded imports and exports must be exactly what native WebAssembly reports for the same bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { compileModule } from '../../src/valid/index.js';
import { EXTERNAL_KIND_NAMES } from '../../src/syntax/types.js';

const require = createRequire(import.meta.url);
const MODULES: [string, string][] = [
  ['@swc/wasm', 'wasm_bg.wasm'],
  ['@silvia-odwyer/photon', 'photon_rs_bg.wasm'],
  ['@sqlite.org/sqlite-wasm', 'sqlite-wasm/jswasm/sqlite3.wasm'],
  ['argon2-browser', 'dist/argon2-simd.wasm'],
  ['lz4-wasm', 'lz4_wasm_bg.wasm'],
];

for (const [pkg, file] of MODULES) {
  test(`${pkg}/${file} compiles; imports and exports match native`, () => {
    const bytes = new Uint8Array(readFileSync(require.resolve(`${pkg}/package.json`).replace(/package\.json$/, file)));
    const m = compileModule(bytes);
    const native = new WebAssembly.Module(bytes);
    assert.deepEqual(
      m.imports.map((i) => ({ module: i.module, name: i.name, kind: EXTERNAL_KIND_NAMES[i.kind] })),
      WebAssembly.Module.imports(native));
    assert.deepEqual(
      m.exports.map((e) => ({ name: e.name, kind: EXTERNAL_KIND_NAMES[e.kind] })),
      WebAssembly.Module.exports(native));
    for (const name of new Set(m.customs.map((c) => c.name))) {
      const ours = m.customs.filter((c) => c.name === name).map((c) => Buffer.from(bytes.subarray(c.start, c.end)));
      const theirs = WebAssembly.Module.customSections(native, name).map((b) => Buffer.from(b));
      assert.deepEqual(ours, theirs, `custom section ${name}`);
    }
  });
}
