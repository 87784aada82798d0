// The CLI's commands run in-process (main() of commands.ts, printed as main.ts prints it): --help,
// run --invoke, validate, wat2wasm, wast, print, precompile, and their errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { file, oneError, programs, runCli } from './helpers.js';
import { watToBinary } from '../../src/cli/load.js';

const calc = file('calc.wat', `(module
  (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func (export "mul64") (param i64 i64) (result i64) local.get 0 local.get 1 i64.mul)
  (func (export "div") (param f64 f64) (result f64) local.get 0 local.get 1 f64.div)
  (func (export "half") (param f32) (result f32) local.get 0 f32.const 0.5 f32.mul)
  (func (export "two") (param i32) (result i32 f64) local.get 0 f64.const 1e21)
  (func (export "boom") unreachable)
  (memory (export "mem") 1))`);

test('--help for each command', async () => {
  for (const c of ['run', 'wast', 'validate', 'wat2wasm', 'print', 'precompile']) {
    const r = await runCli([c, '--help']);
    assert.equal(r.code, 0, c);
    assert.match(r.stdout, new RegExp(`^Usage: purewasm ${c}`), c);
    assert.equal((await runCli(['help', c])).stdout, r.stdout);
  }
});

test('run --invoke: typed arguments, results one per line as wasmtime prints them', async () => {
  const call = (...a: string[]) => runCli(['run', '--invoke', ...a]);
  assert.deepEqual(await call('add', calc, '2', '3'), { code: 0, stdout: '5\n', stderr: '' });
  assert.equal((await call('add', calc, '-1', '4294967295')).stdout, '-2\n');
  assert.equal((await call('div', calc, '1', '3')).stdout, '0.3333333333333333\n');
  assert.equal((await call('div', calc, '1', '0')).stdout, 'inf\n');
  assert.equal((await call('div', calc, '-1', '0')).stdout, '-inf\n');
  assert.equal((await call('div', calc, '0', '0')).stdout, 'NaN\n');
  assert.equal((await call('div', calc, '-0', '1')).stdout, '-0\n');
  assert.equal((await call('div', calc, '1', '1e30')).stdout, '0.0000000000000000000000000000009999999999999999\n');
  assert.equal((await call('half', calc, '0.2')).stdout, '0.1\n');
  assert.equal((await call('half', calc, '3e38')).stdout, '150000000000000000000000000000000000000\n');
  assert.equal((await call('two', calc, '7')).stdout, '7\n1000000000000000000000\n');
  assert.equal((await call('mul64', calc, '3', '-5')).stdout, '-15\n');
});

test('run --invoke: i64 values beyond 32 bits', async () => {
  assert.equal((await runCli(['run', '--invoke', 'mul64', calc, '123456789012', '1000'])).stdout, '123456789012000\n');
  assert.equal((await runCli(['run', '--invoke', 'mul64', calc, '0xffffffffffffffff', '1'])).stdout, '-1\n');
  assert.equal((await runCli(['run', '--invoke', 'mul64', calc, '-9223372036854775808', '1'])).stdout, '-9223372036854775808\n');
});

test('run: proc_exit in a start function ends the run with its code', async () => {
  const early = file('early.wat', `(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (func $init (call $exit (i32.const 17)))
  (start $init))`);
  assert.deepEqual(await runCli(['run', early]), { code: 17, stdout: '', stderr: '' });
});

test('run: errors are one line with a non-zero exit code', async () => {
  const trap = await runCli(['run', '--invoke', 'boom', calc]);
  assert.equal(trap.code, 134);
  oneError(trap.stderr, /calc\.wat: wasm trap: unreachable/);
  const arity = await runCli(['run', '--invoke', 'add', calc, '1']);
  assert.equal(arity.code, 1);
  oneError(arity.stderr, /add takes 2 argument\(s\) \(i32, i32\), got 1/);
  oneError((await runCli(['run', '--invoke', 'add', calc, 'x', '1'])).stderr, /invalid i32 argument: "x"/);
  oneError((await runCli(['run', '--invoke', 'add', calc, '1', '4294967296'])).stderr, /i32 argument out of range/);
  oneError((await runCli(['run', '--invoke', 'nope', calc])).stderr, /no export named "nope"/);
  oneError((await runCli(['run', '--invoke', 'mem', calc])).stderr, /"mem" is not a function/);
  oneError((await runCli(['run', 'missing.wasm'])).stderr, /missing\.wasm: cannot read: no such file/);
  oneError((await runCli(['run'])).stderr, /missing FILE/);
  oneError((await runCli(['run', '--bogus', calc])).stderr, /unknown option --bogus/);
  oneError((await runCli(['run', '--invoke'])).stderr, /--invoke needs a value/);
  oneError((await runCli(['run', '--dir', calc, calc])).stderr, /not a directory/);
  oneError((await runCli(['run', '--mapdir', 'nohost', calc])).stderr, /expected GUEST::HOST/);
  oneError((await runCli(['run', file('imp.wat', '(module (import "env" "f" (func)))')])).stderr, /unknown import env::f \(function\)/);
  oneError((await runCli(['run', file('bad.wat', '(module (func (result i32)))')])).stderr, /bad\.wat: CompileError/);
  oneError((await runCli(['run', file('syntax.wat', '(module\n  (func (export "f") i32.frob))')])).stderr, /syntax\.wat:2:\d+: /);
  oneError((await runCli(['run', file('binary.txt', new Uint8Array([0xff, 0xfe, 0x00]))])).stderr, /neither a WebAssembly binary nor UTF-8 text/);
  oneError((await runCli(['frobnicate'])).stderr, /unknown command "frobnicate"/);
});

test('validate: silent when valid, the byte offset when not', async () => {
  assert.deepEqual(await runCli(['validate', calc, join(programs, 'wc.wasm')]), { code: 0, stdout: '', stderr: '' });
  const broken = file('broken.wasm', new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x99]));
  const r = await runCli(['validate', broken]);
  assert.equal(r.code, 1);
  oneError(r.stderr, /broken\.wasm: CompileError: .*byte offset \d+/);
});

test('wat2wasm: writes a binary that native WebAssembly accepts', async () => {
  const out = calc.replace(/\.wat$/, '.out.wasm');
  const r = await runCli(['wat2wasm', calc, '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  const bytes = readFileSync(out);
  const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  assert.equal((inst.exports.add as (a: number, b: number) => number)(40, 2), 42);
  assert.equal((await runCli(['wat2wasm', calc])).code, 0);
  assert.deepEqual(readFileSync(calc.replace(/\.wat$/, '.wasm')), bytes);
  const invalid = file('invalid.wat', '(module (func (result i32)))');
  const v = await runCli(['wat2wasm', invalid]);
  assert.equal(v.code, 1);
  oneError(v.stderr, /CompileError/);
  assert.equal((await runCli(['wat2wasm', '--no-check', invalid, '-o', invalid + '.wasm'])).code, 0);
  oneError((await runCli(['wat2wasm', out])).stderr, /already a WebAssembly binary/);
  oneError((await runCli(['wat2wasm', calc, calc])).stderr, /exactly one FILE/);
});

test('precompile: the compiled code of each function, beside the input or where -o says', async () => {
  const r = await runCli(['precompile', calc]);
  assert.equal(r.code, 0, r.stderr);
  const js = readFileSync(calc.replace(/\.wat$/, '.wasm.js'), 'utf8');
  assert.match(js, /^\/\/ Code compiled ahead of time by purewasm \(purewasm precompile\) for 6 functions of\n\/\/ calc\.wat\./);
  // Six functions; mul64's code differs between hosts with and without a JIT, so seven sources.
  assert.equal(js.match(/^code\.set\('/gm)?.length, 7);
  const out = join(calc, '..', 'calc.pre.js');
  assert.equal((await runCli(['precompile', calc, '-o', out])).code, 0);
  assert.equal(readFileSync(out, 'utf8'), js);
  const invalid = file('invalid2.wat', '(module (func (result i32)))');
  const v = await runCli(['precompile', invalid]);
  assert.equal(v.code, 1);
  oneError(v.stderr, /invalid2\.wat: CompileError: .*byte offset \d+/);
  oneError((await runCli(['precompile'])).stderr, /exactly one FILE/);
  const jitOnly = join(calc, '..', 'calc.jit.js');
  assert.equal((await runCli(['precompile', calc, '--host', 'jit', '-o', jitOnly])).code, 0);
  assert.equal(readFileSync(jitOnly, 'utf8').match(/^code\.set\('/gm)?.length, 6);
  oneError((await runCli(['precompile', calc, '--host', 'x'])).stderr, /--host must be both, jit or no-jit/);
});

test('wast: per-file status and counts; exit code 1 when a file fails', async () => {
  const good = file('good.wast', `(module (func (export "f") (param i32) (result i32) local.get 0 i32.const 1 i32.add))
(assert_return (invoke "f" (i32.const 41)) (i32.const 42))
(assert_trap (module (func $s unreachable) (start $s)) "unreachable")
(assert_invalid (module (func (result i32))) "type mismatch")`);
  const bad = file('bad.wast', `(module (func (export "f") (result i32) i32.const 1))
(assert_return (invoke "f") (i32.const 2))`);
  const ok = await runCli(['wast', good]);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.equal(ok.stdout, `${good}: ok (4 passed, 0 failed, 0 not run)\n`);
  const r = await runCli(['wast', '-v', good, bad]);
  assert.equal(r.code, 1);
  const lines = r.stdout.split('\n');
  assert.match(lines[0], /good\.wast: ok /);
  assert.equal(lines[1], `${bad}: FAIL (1 passed, 1 failed, 0 not run)`);
  assert.match(lines[2], /^ {2}.*bad\.wast:2: failed: assert_return: /);
  assert.equal(lines[3], 'total: 1 of 2 files ok; 5 passed, 1 failed, 0 not run');
  oneError((await runCli(['wast', join(programs, 'nothing.wast')])).stderr, /cannot read/);
});

test('print: the text of a module parses back to the same bytes; invalid input is one error line', async () => {
  const r = await runCli(['print', calc]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^\(module/);
  const printed = file('printed.wat', r.stdout);
  assert.deepEqual(watToBinary(printed, readFileSync(printed)), watToBinary(calc, readFileSync(calc)));
  const broken = file('broken.wasm', '\0asm\x01\0\0\0\x01');
  const bad = await runCli(['print', broken]);
  assert.equal(bad.code, 1);
  oneError(bad.stderr, /CompileError|unexpected end|length/);
});
