// `purewasm run` spawned as a user runs it: WASI programs with their stdio, exit codes, --dir,
// --env; and that failures end the process with one line and the right code.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { cli, dir, file, oneError, programs, spawnCli } from './helpers.js';

test('--help lists every command', () => {
  const top = spawnCli(['--help']);
  assert.equal(top.code, 0);
  for (const c of ['run', 'wast', 'validate', 'wat2wasm', 'print', 'precompile']) assert.match(top.stdout, new RegExp(`\\n  ${c} `));
});

test('a WASI program gets its arguments and environment; the exit code is the program\'s', () => {
  const r = spawnCli(['run', '--env', 'GREETING=hi there', '--env=EMPTY=', join(programs, 'echo.wasm'), 'one', '--not-an-option']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /argv\[1\]=one /);
  assert.match(r.stdout, /argv\[0\]=\/.*echo\.wasm /);
  assert.match(spawnCli(['run', '--argv0', 'prog', join(programs, 'echo.wasm')]).stdout, /^argc=1\nargv\[0\]=prog /);
  assert.match(r.stdout, /argv\[2\]=--not-an-option /);
  assert.match(r.stdout, /env: GREETING=hi there\nenv: EMPTY=\nenvc=2/);
  assert.equal(r.stderr, 'done\n');
  assert.equal(spawnCli([join(programs, 'exitcode.wasm'), '9']).code, 9);
  assert.equal(spawnCli(['run', join(programs, 'exitcode.wasm'), '3', 'flush']).code, 3);
  const inherit = spawnCli(['run', '--env', 'PUREWASM_T', join(programs, 'echo.wasm')], '', { ...process.env, PUREWASM_T: 'from host' });
  assert.match(inherit.stdout, /env: PUREWASM_T=from host\nenvc=1/);
});

test('stdin to stdout, and files in --dir HOST::GUEST and --mapdir GUEST::HOST directories', () => {
  const f = spawnCli(['run', join(programs, 'filter.wasm')], 'abc\ndef\n');
  assert.equal(f.stdout, 'ABC\nDEF\n');
  assert.equal(f.stderr, '2 lines, 8 bytes\n');
  const r = spawnCli(['run', '--dir', `${dir}::/sandbox`, join(programs, 'files.wasm'), '/sandbox']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /\.\.\/escape\.txt.*Capabilities insufficient/);
  assert.equal(readFileSync(join(dir, 'kept.txt'), 'utf8'), 'this file stays\n');
  assert.equal(existsSync(join(dir, '..', 'escape.txt')), false);
  const m = spawnCli(['run', '--mapdir', `/data::${dir}`, join(programs, 'wc.wasm'), '/data/kept.txt']);
  assert.match(m.stdout, /^1 3 16 [0-9a-f]{64} \/data\/kept\.txt\n$/);
  const w = spawnCli(['run', '--dir', '.', join(programs, 'wc.wasm'), 'kept.txt']);
  assert.match(w.stdout, /^1 3 16 [0-9a-f]{64} kept\.txt\n$/);
});

test('a WASI program written in WAT', () => {
  const hello = file('hello.wat', `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello from wat\\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 15))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $exit (i32.const 5))))`);
  assert.deepEqual(spawnCli(['run', hello]), { code: 5, stdout: 'hello from wat\n', stderr: '' });
  // the same module through wat2wasm -o - (binary on stdout), run from the binary
  const r = spawnSync(process.execPath, [cli, 'wat2wasm', hello, '-o', '-'], { cwd: dir });
  assert.equal(r.status, 0, String(r.stderr));
  const wasm = file('hello.wasm', new Uint8Array(r.stdout));
  assert.ok(WebAssembly.validate(r.stdout));
  assert.deepEqual(spawnCli(['run', wasm]), { code: 5, stdout: 'hello from wat\n', stderr: '' });
  // older binaries import wasi_unstable
  const old = file('old.wat', readFileSync(hello, 'utf8').replaceAll('wasi_snapshot_preview1', 'wasi_unstable'));
  assert.deepEqual(spawnCli(['run', old]), { code: 5, stdout: 'hello from wat\n', stderr: '' });
});

test('--invoke on a WASI reactor runs _initialize first; on a command it skips _start', () => {
  const module = (entry: string) => `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $ready (mut i32) (i32.const 0))
  (data (i32.const 16) "hi\\n")
  (func (export "${entry}") (global.set $ready (i32.const 40)))
  (func (export "greet") (param i32) (result i32)
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (i32.add (global.get $ready) (local.get 0))))`;
  const reactor = file('reactor.wat', module('_initialize'));
  assert.deepEqual(spawnCli(['run', '--invoke', 'greet', reactor, '2']), { code: 0, stdout: 'hi\n42\n', stderr: '' });
  const command = file('command.wat', module('_start'));
  assert.deepEqual(spawnCli(['run', '--invoke', 'greet', command, '2']), { code: 0, stdout: 'hi\n2\n', stderr: '' });
});

test('a trap exits with 134, other failures with 1, each with one line on stderr', () => {
  const boom = file('boom.wat', '(module (func (export "_start") unreachable))');
  const trap = spawnCli(['run', boom]);
  assert.equal(trap.code, 134);
  oneError(trap.stderr, /boom\.wat: wasm trap: unreachable/);
  const unknown = spawnCli(['frobnicate']);
  assert.equal(unknown.code, 1);
  oneError(unknown.stderr, /unknown command "frobnicate"/);
});
