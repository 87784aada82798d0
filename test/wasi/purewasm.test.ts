// The same C programs on purewasm's own engine, with our Wasi: results must equal node:wasi on
// native WebAssembly.
import { test } from 'node:test';
import { WebAssembly as PureWasm } from '../../src/index.js';
import { cases, reference, same } from './cases.js';
import { type Namespace, runOurs, runOursInMemory } from './harness.js';

const pure = PureWasm as unknown as Namespace;

for (const c of cases) {
  test(`purewasm, our Wasi = node:wasi on native: ${c.name}`, () => {
    same(runOurs(pure, c.program, c.run), reference(c));
  });
}

test('purewasm, in-memory stdio: wc on stdin', () => {
  const c = cases.find((x) => x.program === 'wc')!;
  same(runOursInMemory(pure, c.program, c.run), reference(c));
});
