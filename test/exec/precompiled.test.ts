// Code compiled ahead of time (exec/compile/precompiled.ts, `purewasm precompile`): where evaluating
// code is refused, a module whose precompiled file is loaded runs compiled (not interpreted) with
// the same results, traps and exceptions; without the file, or for entries that do not match the
// code this purewasm generates, functions fall back to the interpreter. The file holds no module
// text and registers exactly the compile tier's sources.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseModule } from '../../src/text/parse.js';
import { compileModule } from '../../src/valid/index.js';
import { functionSource, TUNING } from '../../src/exec/compile/index.js';
import { hostTuning } from '../../src/exec/compile/body.js';
import { sourceKey } from '../../src/exec/compile/precompiled.js';
import { CompileError } from '../../src/index.js';
import { precompile } from '../../src/precompile.js';

const WAT = `(module
  (memory 1)
  (type $bin (func (param i32 i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $add $sub)
  (tag $oops (param i32))
  (func $add (type $bin) (i32.add (local.get 0) (local.get 1)))
  (func $sub (type $bin) (i32.sub (local.get 0) (local.get 1)))
  (func $fib (export "fib") (param i64) (result i64)
    (if (result i64) (i64.lt_u (local.get 0) (i64.const 2)) (then (local.get 0))
      (else (i64.add (call $fib (i64.sub (local.get 0) (i64.const 1))) (call $fib (i64.sub (local.get 0) (i64.const 2)))))))
  (func (export "sum") (param i32) (result i32) (local i32)
    (loop $l (i32.store8 (local.get 0) (local.get 0))
      (local.set 1 (i32.add (local.get 1) (i32.load8_u (local.get 0))))
      (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (local.get 1))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "pick") (param i32 i32 i32) (result i32)
    (call_indirect (type $bin) (local.get 1) (local.get 2) (local.get 0)))
  (func (export "catch") (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $oops $h) (throw $oops (i32.mul (local.get 0) (i32.const 3))))
      (i32.const -1)))
  (func $count (param i32 i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (local.get 1))
      (else (return_call $count (i32.sub (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.const 2))))))
  (func (export "count") (param i32) (result i32) (return_call $count (local.get 0) (i32.const 0)))
  (func (export "lanes") (param i32) (result i32)
    (i32x4.extract_lane 3 (i32x4.mul (i32x4.splat (local.get 0)) (v128.const i32x4 1 2 3 -4))))
  (func (export "mul64") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
  ;; big enough to be split into several functions where the host has a JIT (not without one)
  (func (export "big") (param i32) (result i32) (local i32)
    ${Array.from({ length: 1500 }, (_, k) => `(local.set 1 (i32.xor (i32.add (local.get 1) (i32.mul (local.get 0) (i32.const ${k + 1}))) (i32.const ${k * 7})))`).join('\n    ')}
    (local.get 1))
  (func (export "*/ globalThis.pwned = 1; /*") (result i32) (i32.const 7)))`;

const CALLS = {
  fib: [['20'], ['1']], sum: [[100], [255]], div: [[7, 2], [1, 0], [-2147483648, -1]], pick: [[0, 5, 3], [1, 5, 3], [2, 5, 3]],
  catch: [[14]], count: [[1_000_000]], lanes: [[5], [0x40000000]], '*/ globalThis.pwned = 1; /*': [[]],
  mul64: [['-1', '-1'], ['81985529216486895', '-81985529216486895']], big: [[3], [-77]],
};
const WANT = {
  fib: ['6765', '1'], sum: ['5050', '32640'],
  div: ['3', 'RuntimeError: integer divide by zero', 'RuntimeError: integer overflow'],
  pick: ['8', '2', 'RuntimeError: undefined element'], catch: ['42'], count: ['2000000'], lanes: ['-20', '0'],
  '*/ globalThis.pwned = 1; /*': ['7'],
  mul64: ['1', String(BigInt.asIntN(64, 81985529216486895n * -81985529216486895n))], big: [bigResult(3), bigResult(-77)],
};

function bigResult(x: number): string {
  let y = 0;
  for (let k = 0; k < 1500; k++) y = ((y + Math.imul(x, k + 1)) | 0) ^ (k * 7);
  return String(y);
}

const bytes = parseModule(WAT);
const dir = mkdtempSync(join(tmpdir(), 'purewasm-precompiled-'));
const wasmPath = join(dir, 'm.wasm');
writeFileSync(wasmPath, bytes);
const child = fileURLToPath(new URL('./precompiled-child.js', import.meta.url));

function runChild(files: string[], flags: string[] = []): Record<string, { results: string[]; tier: string }> {
  const env = { ...process.env };
  delete env.PUREWASM_ENGINE;
  const r = spawnSync(process.execPath, [...flags, child, wasmPath, JSON.stringify(CALLS), ...files], { encoding: 'utf8', env });
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
  } catch {
    return assert.fail(`child failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  }
}

function check(out: Record<string, { results: string[]; tier: string }>, tier: (name: string) => string): void {
  for (const [name, want] of Object.entries(WANT)) {
    assert.deepEqual(out[name].results, want, name);
    assert.equal(out[name].tier, tier(name), `${name} ran ${out[name].tier}`);
  }
}

test('the file registers exactly the compile tier\'s sources (with and without a JIT) and holds no module text', async () => {
  const js = precompile(bytes, 'm.wasm');
  const keys = [...js.matchAll(/^code\.set\('([0-9a-f:]+)', function \(E\) \{$/gm)].map((m) => m[1]);
  const want = new Set<string>();
  const saved = { ...TUNING };
  for (const jit of [true, false]) {
    Object.assign(TUNING, hostTuning(jit));
    const mod = compileModule(bytes); // a fresh module: nothing generated before
    for (let i = mod.numImportedFuncs; i < mod.funcs.length; i++) want.add(sourceKey(functionSource(mod, i)));
  }
  Object.assign(TUNING, saved);
  const mod = compileModule(bytes);
  const n = mod.funcs.length - mod.numImportedFuncs;
  assert.ok(want.size > n + 1, `the host settings should change big and mul64 (${want.size} sources for ${n} functions)`);
  assert.deepEqual(new Set(keys), want);
  assert.equal(keys.length, want.size, 'each source once');
  assert.ok(!js.includes('pwned'), 'an export name reached the file');
  // As a classic script it declares no global (a page's own `code` stays untouched).
  const { Script, createContext } = await import('node:vm');
  const ctx = createContext({ code: 'page' });
  new Script(js).runInContext(ctx);
  assert.equal(ctx.code, 'page');
  assert.equal((new Script(`globalThis[Symbol.for('purewasm.precompiled')].size`).runInContext(ctx) as number), keys.length);
  assert.ok(js.includes('// m.wasm.'), js.slice(0, 300));
  const named = precompile(bytes, 'evil\n*/ x\u2028y');
  assert.ok(named.split('\n')[1].startsWith('// evil__/_x_y.'), 'the name is sanitised');
  assert.ok(!named.includes('\u2028'));
  assert.throws(() => precompile(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0])), CompileError);
  assert.throws(() => precompile([0, 0x61] as never), TypeError);
});

test('where eval is refused, precompiled functions run compiled; the rest are interpreted', () => {
  const file = join(dir, 'm.wasm.js');
  writeFileSync(file, precompile(bytes, 'm.wasm'));
  check(runChild([file]), () => 'compiled');
  check(runChild([file], ['--jitless']), () => 'compiled');
  check(runChild([]), () => 'interpreted');
  // Entries from a purewasm that generated other code for some functions are not used for them.
  const stale = join(dir, 'stale.js');
  const src = readFileSync(file, 'utf8');
  const fibKey = sourceKey(functionSource(compileModule(bytes), 2));
  assert.ok(src.includes(fibKey));
  writeFileSync(stale, src.replace(fibKey, fibKey.replace(/:[0-9a-f]+$/, ':0')));
  check(runChild([stale]), (name) => (name === 'fib' ? 'interpreted' : 'compiled'));
  // Code for one kind of host: the functions whose code differs run interpreted on the other.
  const noJit = join(dir, 'no-jit.js');
  writeFileSync(noJit, precompile(bytes, 'm.wasm', { hosts: 'no-jit' }));
  assert.ok(readFileSync(noJit, 'utf8').length < src.length * 0.8);
  check(runChild([noJit], ['--jitless']), () => 'compiled');
  check(runChild([noJit]), (name) => (name === 'big' || name === 'mul64' ? 'interpreted' : 'compiled'));
  const jit = join(dir, 'jit.js');
  writeFileSync(jit, precompile(bytes, 'm.wasm', { hosts: 'jit' }));
  check(runChild([jit]), () => 'compiled');
  assert.throws(() => precompile(bytes, 'm.wasm', { hosts: 'all' as never }), TypeError);
});

test('generated code is the same in every process (no process-wide type ids in it)', { timeout: 300_000 }, () => {
  const keysChild = fileURLToPath(new URL('./precompiled-keys-child.js', import.meta.url));
  const run = (...args: string[]): string[] => {
    const r = spawnSync(process.execPath, [keysChild, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });
    assert.equal(r.status, 0, r.stderr.slice(-2000));
    return r.stdout.trim().split('\n');
  };
  const plain = run();
  const polluted = run('polluted');
  assert.ok(plain.length > 1000, `only ${plain.length} modules`);
  assert.equal(polluted.length, plain.length);
  const differ = plain.filter((line, k) => line !== polluted[k]).length;
  assert.equal(differ, 0, `${differ} of ${plain.length} modules generate other code after other types were registered`);
});
