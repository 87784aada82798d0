// Where native WebAssembly is off: `node --jitless` has no globalThis.WebAssembly at all. Real
// programs (the C demo, lz4-wasm, argon2-browser) run there through `import 'purewasm/polyfill'` by
// package name, and print exactly what they print on native WebAssembly in a normal process.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packedPackage, here } from './packed.js';

before(async () => {
  await packedPackage();
});

interface Result { before?: string; output?: string; error?: string }
function child(flags: string[], mode: string, name: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--no-warnings', ...flags, join(here, 'jitless-child.js'), mode, name], { cwd: here });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', () => {
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!));
      } catch {
        reject(new Error(`no result: ${out}${err}`));
      }
    });
  });
}

for (const name of ['demo', 'lz4-wasm', 'argon2-browser']) {
  test(`node --jitless + purewasm/polyfill: ${name} prints what it prints natively`, async (t) => {
    const t0 = performance.now();
    const [native, jitless] = await Promise.all([child([], 'native', name), child(['--jitless'], 'polyfill', name)]);
    t.diagnostic(`${name}: ${(performance.now() - t0).toFixed(0)} ms, output ${jitless.output?.length} chars`);
    assert.equal(native.error, undefined, native.error);
    assert.equal(jitless.error, undefined, jitless.error);
    assert.equal(native.before, 'object');
    assert.equal(jitless.before, 'undefined', 'no native WebAssembly under --jitless');
    assert.ok(native.output && native.output.length > 20);
    assert.equal(jitless.output, native.output);
  });
}
