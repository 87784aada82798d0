// The `purewasm` command, spawned as a user would run it, on small inputs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';

const cli = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const programs = fileURLToPath(new URL('../../../test/wasi/programs/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'purewasm-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function purewasm(args: string[], input = '') {
  const r = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', cwd: dir });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** An error is exactly one line on stderr, starting with "purewasm: ". */
function oneError(stderr: string, pattern: RegExp): void {
  const lines = stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one line expected on stderr, got ${JSON.stringify(stderr)}`);
  assert.match(lines[0], /^purewasm: /);
  assert.match(lines[0], pattern);
}

function file(name: string, text: string | Uint8Array): string {
  writeFileSync(join(dir, name), text);
  return name;
}

const calc = file('calc.wat', `(module
  (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func (export "mul64") (param i64 i64) (result i64) local.get 0 local.get 1 i64.mul)
  (func (export "div") (param f64 f64) (result f64) local.get 0 local.get 1 f64.div)
  (func (export "half") (param f32) (result f32) local.get 0 f32.const 0.5 f32.mul)
  (func (export "two") (param i32) (result i32 f64) local.get 0 f64.const 1e21)
  (func (export "boom") unreachable)
  (memory (export "mem") 1))`);

test('--help for the tool and each command', () => {
  const top = purewasm(['--help']);
  assert.equal(top.code, 0);
  for (const c of ['run', 'wast', 'validate', 'wat2wasm', 'print']) {
    assert.match(top.stdout, new RegExp(`\\b${c}\\b`));
    const r = purewasm([c, '--help']);
    assert.equal(r.code, 0, c);
    assert.match(r.stdout, new RegExp(`^Usage: purewasm ${c}`), c);
  }
});

test('run: a WASI program gets its arguments and environment; exit code is the program\'s', () => {
  const r = purewasm(['run', '--env', 'GREETING=hi there', '--env=EMPTY=', join(programs, 'echo.wasm'), 'one', '--not-an-option']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /argv\[1\]=one /);
  assert.match(r.stdout, /argv\[2\]=--not-an-option /);
  assert.match(r.stdout, /env: GREETING=hi there\nenv: EMPTY=\nenvc=2/);
  assert.equal(r.stderr, 'done\n');
  assert.equal(purewasm([join(programs, 'exitcode.wasm'), '9']).code, 9);
  assert.equal(purewasm(['run', join(programs, 'exitcode.wasm'), '3', 'flush']).code, 3);
});

test('run: stdin to stdout, and files in a --dir HOST::GUEST directory', () => {
  const f = purewasm(['run', join(programs, 'filter.wasm')], 'abc\ndef\n');
  assert.equal(f.stdout, 'ABC\nDEF\n');
  assert.equal(f.stderr, '2 lines, 8 bytes\n');
  const r = purewasm(['run', '--dir', `${dir}::/sandbox`, join(programs, 'files.wasm'), '/sandbox']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /\.\.\/escape\.txt.*Capabilities insufficient/);
  assert.equal(readFileSync(join(dir, 'kept.txt'), 'utf8'), 'this file stays\n');
  assert.equal(existsSync(join(dir, '..', 'escape.txt')), false);
  const w = purewasm(['run', '--dir', '.', join(programs, 'wc.wasm'), 'kept.txt']);
  assert.match(w.stdout, /^1 3 16 [0-9a-f]{64} kept\.txt\n$/);
});

test('run --invoke: typed arguments, results one per line as wasmtime prints them', () => {
  const call = (...a: string[]) => purewasm(['run', '--invoke', ...a]);
  assert.deepEqual(call('add', calc, '2', '3'), { code: 0, stdout: '5\n', stderr: '' });
  assert.equal(call('add', calc, '-1', '4294967295').stdout, '-2\n');
  assert.equal(call('div', calc, '1', '3').stdout, '0.3333333333333333\n');
  assert.equal(call('div', calc, '1', '0').stdout, 'inf\n');
  assert.equal(call('div', calc, '0', '0').stdout, 'NaN\n');
  assert.equal(call('div', calc, '1', '1e30').stdout, '0.0000000000000000000000000000009999999999999999\n');
  assert.equal(call('half', calc, '0.2').stdout, '0.1\n');
  assert.equal(call('two', calc, '7').stdout, '7\n1000000000000000000000\n');
  assert.equal(call('mul64', calc, '3', '-5').stdout, '-15\n');
});

test('run --invoke: i64 values beyond 32 bits', { todo: 'purewasm engine loses the high half of i64 values at the JS boundary (i64.const 2^33 returns 0n) — engine owners' }, () => {
  assert.equal(purewasm(['run', '--invoke', 'mul64', calc, '123456789012', '1000']).stdout, '123456789012000\n');
});

test('run: errors are one line with a non-zero exit code', () => {
  const trap = purewasm(['run', '--invoke', 'boom', calc]);
  assert.equal(trap.code, 134);
  oneError(trap.stderr, /calc\.wat: wasm trap: unreachable/);
  const arity = purewasm(['run', '--invoke', 'add', calc, '1']);
  assert.equal(arity.code, 1);
  oneError(arity.stderr, /add takes 2 argument\(s\) \(i32, i32\), got 1/);
  oneError(purewasm(['run', '--invoke', 'add', calc, 'x', '1']).stderr, /invalid i32 argument: "x"/);
  oneError(purewasm(['run', '--invoke', 'nope', calc]).stderr, /no export named "nope"/);
  oneError(purewasm(['run', 'missing.wasm']).stderr, /missing\.wasm: cannot read/);
  oneError(purewasm(['run', '--bogus', calc]).stderr, /unknown option --bogus/);
  oneError(purewasm(['run', '--dir', join(dir, 'kept.txt'), calc]).stderr, /not a directory/);
  const imp = file('imp.wat', '(module (import "env" "f" (func)))');
  oneError(purewasm(['run', imp]).stderr, /unknown import env::f \(function\)/);
  const bad = file('bad.wat', '(module (func (result i32)))');
  oneError(purewasm(['run', bad]).stderr, /bad\.wat: CompileError/);
  const syntax = file('syntax.wat', '(module\n  (func (export "f") i32.frob))');
  oneError(purewasm(['run', syntax]).stderr, /syntax\.wat:2:\d+: /);
  oneError(purewasm(['frobnicate']).stderr, /unknown command "frobnicate"/);
});

test('validate: silent when valid, the byte offset when not', () => {
  assert.deepEqual(purewasm(['validate', calc, join(programs, 'wc.wasm')]), { code: 0, stdout: '', stderr: '' });
  const broken = file('broken.wasm', new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x99]));
  const r = purewasm(['validate', broken]);
  assert.equal(r.code, 1);
  oneError(r.stderr, /broken\.wasm: CompileError: .*byte offset \d+/);
});

test('wat2wasm: writes a binary that native WebAssembly accepts; -o - to stdout', () => {
  const r = purewasm(['wat2wasm', calc, '-o', 'calc.wasm']);
  assert.equal(r.code, 0, r.stderr);
  const bytes = readFileSync(join(dir, 'calc.wasm'));
  assert.ok(WebAssembly.validate(bytes));
  const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  assert.equal((inst.exports.add as (a: number, b: number) => number)(40, 2), 42);
  assert.equal(purewasm(['wat2wasm', calc]).code, 0);
  assert.deepEqual(readFileSync(join(dir, 'calc.wasm')), bytes);
  const invalid = file('invalid.wat', '(module (func (result i32)))');
  const v = purewasm(['wat2wasm', invalid]);
  assert.equal(v.code, 1);
  oneError(v.stderr, /CompileError/);
  assert.equal(purewasm(['wat2wasm', '--no-check', invalid, '-o', 'x.wasm']).code, 0);
  oneError(purewasm(['wat2wasm', 'calc.wasm']).stderr, /already a WebAssembly binary/);
});

test('wast: per-file status and counts; exit code 1 when a file fails', () => {
  const good = file('good.wast', `(module (func (export "f") (param i32) (result i32) local.get 0 i32.const 1 i32.add))
(assert_return (invoke "f" (i32.const 41)) (i32.const 42))
(assert_trap (module (func $s unreachable) (start $s)) "unreachable")
(assert_invalid (module (func (result i32))) "type mismatch")`);
  const badScript = file('bad.wast', `(module (func (export "f") (result i32) i32.const 1))
(assert_return (invoke "f") (i32.const 2))`);
  const ok = purewasm(['wast', good]);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.equal(ok.stdout, 'good.wast: ok (4 passed, 0 failed, 0 not run)\n');
  const r = purewasm(['wast', '-v', good, badScript]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^good\.wast: ok .*\nbad\.wast: FAIL \(1 passed, 1 failed, 0 not run\)\n  bad\.wast:2: failed: assert_return: /);
});

test('print: says plainly that it is not available yet', () => {
  const r = purewasm(['print', calc]);
  assert.equal(r.code, 1);
  oneError(r.stderr, /not yet/);
});
