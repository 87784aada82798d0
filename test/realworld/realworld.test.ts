// Real npm packages run unmodified with purewasm as globalThis.WebAssembly; each output must equal
// the same workload's output on Node's native WebAssembly (each engine in a fresh process).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WORKLOADS } from './workloads.js';

const child = fileURLToPath(new URL('./child.js', import.meta.url));

function run(name: string, engine: string): { output?: string; error?: string; instantiations: number; ms: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [child, name, engine], { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return { ...JSON.parse(line), ms };
  } catch {
    return { error: `no result (exit ${r.status}, signal ${r.signal}): ${r.stderr.slice(-2000)}`, instantiations: 0, ms };
  }
}

for (const name of Object.keys(WORKLOADS)) {
  test(`${name}: same output on purewasm as on native WebAssembly`, () => {
    const native = run(name, 'native');
    assert.equal(native.error, undefined, `native run failed: ${native.error}`);
    const pure = run(name, 'purewasm');
    assert.equal(pure.error, undefined, `purewasm run failed: ${pure.error}`);
    assert.ok(pure.instantiations > 0, 'the package did not instantiate through purewasm');
    assert.equal(pure.output, native.output);
    console.log(`${name}: identical output; purewasm ${pure.ms.toFixed(0)} ms, native ${native.ms.toFixed(0)} ms (whole process)`);
  });
}
