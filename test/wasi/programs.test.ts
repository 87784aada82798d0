// Real C programs (test/wasi/programs/*.c, built by build.sh) run with our Wasi and with node:wasi,
// on Node's native WebAssembly and on purewasm: stdout, stderr, exit code and the files left in
// the preopened directory must be identical.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Namespace, type ProgramRun, type RunResult, runNodeWasi, runOurs, runOursInMemory } from './harness.js';

const text = 'The quick brown fox\njumps over\tthe lazy dog.\n\nÜnïcödé line\nlast line without newline';

const cases: { name: string; program: string; run: ProgramRun }[] = [
  { name: 'echo: args and environment', program: 'echo', run: { args: ['one', 'two words', 'ünïcödé', ''], env: { A: '1', LANG: 'C', EMPTY: '', 'WITH SPACE': 'x=y' } } },
  { name: 'exitcode: _Exit(7)', program: 'exitcode', run: { args: ['7'] } },
  { name: 'exitcode: exit(42) flushing stdio', program: 'exitcode', run: { args: ['42', 'flush'] } },
  { name: 'exitcode: return 0', program: 'exitcode', run: { args: ['0'] } },
  { name: 'filter: stdin to stdout', program: 'filter', run: { stdin: text } },
  { name: 'filter: empty stdin', program: 'filter', run: { stdin: '' } },
  { name: 'wc: stdin', program: 'wc', run: { stdin: text.repeat(300) } },
  { name: 'wc: files, one missing', program: 'wc', run: { args: ['/sandbox/in.txt', '/sandbox/missing', '/sandbox/empty'], files: { 'in.txt': text, empty: '' } } },
  { name: 'files: create, read, seek, readdir, rename, unlink', program: 'files', run: { args: ['/sandbox'], files: { 'existing.txt': 'old' } } },
  { name: 'clocks: time, sleep, random', program: 'clocks', run: {} },
];

const native = (globalThis as { WebAssembly: Namespace }).WebAssembly;

function same(actual: RunResult, expected: RunResult): void {
  assert.equal(actual.stdout, expected.stdout, 'stdout');
  assert.equal(actual.stderr, expected.stderr, 'stderr');
  assert.equal(actual.code, expected.code, 'exit code');
  assert.deepEqual(actual.files, expected.files, 'files left in the preopened directory');
}

const expected = new Map<string, RunResult>();
function reference(c: (typeof cases)[number]): RunResult {
  let r = expected.get(c.name);
  if (!r) expected.set(c.name, (r = runNodeWasi(c.program, c.run)));
  return r;
}

for (const c of cases) {
  test(`native WebAssembly, our Wasi = node:wasi: ${c.name}`, () => {
    same(runOurs(native, c.program, c.run), reference(c));
  });
  test(`native WebAssembly, our Wasi with in-memory stdio: ${c.name}`, () => {
    same(runOursInMemory(native, c.program, c.run), reference(c));
  });
}

test('reference runs say what the programs are meant to do', () => {
  const echo = reference(cases[0]);
  assert.match(echo.stdout, /argv\[3\]=ünïcödé \(11 bytes\)/);
  assert.match(echo.stdout, /env: WITH SPACE=x=y/);
  assert.equal(reference(cases[1]).code, 7);
  assert.equal(reference(cases[2]).code, 42);
  assert.equal(reference(cases[4]).stdout, text.replace(/[a-z]/g, (ch) => ch.toUpperCase()));
  const files = reference(cases[8]);
  assert.equal(files.code, 0, files.stdout);
  assert.deepEqual(Object.keys(files.files), ['existing.txt', 'kept.txt']);
  assert.doesNotMatch(reference(cases[9]).stdout, /: no/);
});
