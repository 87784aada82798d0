// Hostile WAT: nesting deeper than the recursive parser's stack must be a TextError (what the CLI
// and script runner report as a syntax problem), never a bare RangeError; moderate nesting parses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModule, parseModuleAst, TextError } from '../../src/text/parse.js';
import { parseSExprs } from '../../src/text/sexpr.js';
import { WebAssembly as PW } from '../../src/index.js';

const blocks = (n: number): string => `(module (func ${'(block '.repeat(n)}${')'.repeat(n)}))`;
const folded = (n: number): string =>
  `(module (func (export "f") (result i32) ${'(i32.add (i32.const 1) '.repeat(n)}(i32.const 1)${')'.repeat(n)}))`;

test('WAT nested 20,000 deep: a TextError, not a RangeError', () => {
  for (const src of [blocks(20_000), folded(20_000)]) {
    assert.throws(() => parseModule(src), (e: unknown) => e instanceof TextError && /nesting too deep/.test(String(e)));
    assert.throws(() => parseModuleAst(src), TextError);
    const [node] = parseSExprs(src);
    assert.throws(() => parseModule(node), TextError);
  }
});

test('WAT nested 1,000 deep parses and runs', () => {
  const e = new PW.Instance(new PW.Module(parseModule(folded(1000))), {}).exports as { f(): number };
  assert.equal(e.f(), 1001);
  assert.doesNotThrow(() => parseModule(blocks(1000)));
});
