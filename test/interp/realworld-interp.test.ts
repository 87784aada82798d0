// The real npm packages of test/realworld, run unmodified on the interpreter tier (the child
// process gets PUREWASM_ENGINE=interpret): each output must equal the package's output on Node's
// native WebAssembly.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WORKLOADS } from '../realworld/workloads.js';

const child = fileURLToPath(new URL('../realworld/child.js', import.meta.url));

function run(name: string, engine: string, env: Record<string, string> = {}): { output?: string; error?: string; instantiations: number; runMs: number } {
  const r = spawnSync(process.execPath, [child, name, engine], { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 << 20, env: { ...process.env, ...env } });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    return { error: `no result (exit ${r.status}, signal ${r.signal}): ${r.stderr.slice(-2000)}`, instantiations: 0, runMs: NaN };
  }
}

for (const name of Object.keys(WORKLOADS)) {
  test(`${name}: same output on the interpreter as on native WebAssembly`, () => {
    const native = run(name, 'native');
    assert.equal(native.error, undefined, `native run failed: ${native.error}`);
    const interp = run(name, 'purewasm', { PUREWASM_ENGINE: 'interpret' });
    assert.equal(interp.error, undefined, `interpreter run failed: ${interp.error}`);
    assert.ok(interp.instantiations > 0, 'the package did not instantiate through purewasm');
    assert.equal(interp.output, native.output);
    console.log(`${name}: identical output on the interpreter (${interp.runMs.toFixed(0)} ms run)`);
  });
}
