// The WASI program runs every engine is checked on, and how runs are compared.
import assert from 'node:assert/strict';
import { type ProgramRun, type RunResult, runNodeWasi } from './harness.js';

export const text = 'The quick brown fox\njumps over\tthe lazy dog.\n\nÜnïcödé line\nlast line without newline';

/** ~100 KB of deterministic text with repeats, for the compressor. */
function corpus(): string {
  const words = ['wasm', 'engine', 'module', 'table', 'memory', 'global', 'i64', 'trap', 'stack', 'value', 'export', 'import'];
  let seed = 7;
  let s = '';
  while (s.length < 100_000) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    s += words[(seed >>> 16) % words.length] + ((seed >>> 8) % 13 === 0 ? '.\n' : ' ');
  }
  return s;
}

/** The clocks program's output when every check holds (it prints only what does not vary). */
const CLOCKS_OK = ['realtime after 2020', 'slept at least 20ms', 'slept less than 2s', 'monotonic resolution ok',
  'cputime readable', 'random buffers differ'].map((l) => `${l}: yes\n`).join('');

export const cases: { name: string; program: string; run: ProgramRun; fixed?: RunResult }[] = [
  { name: 'echo: args and environment', program: 'echo', run: { args: ['one', 'two words', 'ünïcödé', ''], env: { A: '1', LANG: 'C', EMPTY: '', 'WITH SPACE': 'x=y' } } },
  { name: 'exitcode: _Exit(7)', program: 'exitcode', run: { args: ['7'] } },
  { name: 'exitcode: exit(42) flushing stdio', program: 'exitcode', run: { args: ['42', 'flush'] } },
  { name: 'exitcode: return 0', program: 'exitcode', run: { args: ['0'] } },
  { name: 'filter: stdin to stdout', program: 'filter', run: { stdin: text } },
  { name: 'filter: empty stdin', program: 'filter', run: { stdin: '' } },
  { name: 'wc: stdin', program: 'wc', run: { stdin: text.repeat(300) } },
  { name: 'wc: files, one missing', program: 'wc', run: { args: ['/sandbox/in.txt', '/sandbox/missing', '/sandbox/empty'], files: { 'in.txt': text, empty: '' } } },
  { name: 'files: create, read, seek, readdir, rename, unlink', program: 'files', run: { args: ['/sandbox'], files: { 'existing.txt': 'old' } } },
  { name: 'meta: symlinks, hard links, times, append flag, rewinddir, errors', program: 'meta', run: { args: ['/sandbox'] } },
  // node:wasi is no oracle for this one: its poll_oneoff sometimes wakes before 20 ms have passed
  { name: 'clocks: time, sleep, random', program: 'clocks', run: {}, fixed: { stdout: CLOCKS_OK, stderr: '', code: 0, files: {} } },
  { name: 'compress: LZ77 round trip, checksums, libm', program: 'compress', run: { args: ['/sandbox/in.txt', '/sandbox/out.lz'], files: { 'in.txt': corpus() } } },
];

export function same(actual: RunResult, expected: RunResult): void {
  assert.equal(actual.stdout, expected.stdout, 'stdout');
  assert.equal(actual.stderr, expected.stderr, 'stderr');
  assert.equal(actual.code, expected.code, 'exit code');
  assert.deepEqual(actual.files, expected.files, 'files left in the preopened directory');
}

const expected = new Map<string, RunResult>();
export function reference(c: (typeof cases)[number]): RunResult {
  let r = c.fixed ?? expected.get(c.name);
  if (!r) expected.set(c.name, (r = runNodeWasi(c.program, c.run)));
  return r;
}

