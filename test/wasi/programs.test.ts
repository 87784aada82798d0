// Real C programs (test/wasi/programs/*.c, built by build.sh) on Node's native WebAssembly, with our
// Wasi and with node:wasi: stdout, stderr, exit code and the files left in the preopened directory
// must be identical. (purewasm.test.ts runs the same cases on purewasm's engine.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cases, reference, same, text } from './cases.js';
import { type Namespace, runOurs, runOursInMemory } from './harness.js';

const native = (globalThis as { WebAssembly: Namespace }).WebAssembly;

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
  assert.doesNotMatch(reference(cases[10]).stdout, /: no/);
  assert.match(reference(cases[9]).stdout, /contents: xy23456789AB\n/);
});
