// Real npm packages with precompiled code (`purewasm precompile` of every module they compile),
// run under node --jitless in a process that refuses to evaluate code, as a page with a strict
// Content-Security-Policy would: the output must be native WebAssembly's, and every function called
// must have found its code in the files (none interpreted).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const child = fileURLToPath(new URL('../realworld/child.js', import.meta.url));

interface Run { output?: string; error?: string; precompiled?: { hits: number; misses: number } }

function run(name: string, engine: string, flags: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [...flags, child, name, engine], { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 << 20, env: { ...process.env, ...env } });
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
  } catch {
    return { error: `no result (exit ${r.status}, signal ${r.signal}): ${r.stderr.slice(-2000)}` };
  }
}

for (const name of ['lz4-wasm', 'hash-wasm', '@sqlite.org/sqlite-wasm']) {
  test(`${name}: precompiled, eval refused, --jitless: native's output, no function interpreted`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'purewasm-precompiled-rw-'));
    const made = run(name, 'purewasm', [], { PUREWASM_PRECOMPILE_TO: dir, PUREWASM_ENGINE: 'compile' });
    assert.equal(made.error, undefined, made.error);
    assert.ok(readdirSync(dir).length > 0, 'no module was precompiled');
    const native = run(name, 'native', []);
    const pre = run(name, 'purewasm', ['--jitless'], { PUREWASM_PRECOMPILED: dir, PUREWASM_ENGINE: 'auto' });
    assert.equal(pre.error, undefined, pre.error);
    assert.equal(pre.output, native.output);
    assert.ok(pre.precompiled!.hits > 0, 'no precompiled code was used');
    assert.equal(pre.precompiled!.misses, 0, `${pre.precompiled!.misses} functions had no precompiled code`);
    console.log(`${name}: ${pre.precompiled!.hits} functions ran from precompiled code`);
  });
}
