// The fast loop's br_table, else, memory.copy and memory.fill cases (body-fast.ts) accept only what the
// generic rules accept, and leave every refusal to them with their message (the loop is optimised
// at import, so these run in its optimised code). V8 agrees on each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModule } from '../../src/text/parse.js';
import { compileModule } from '../../src/valid/index.js';

/** A module with a 1-page memory and a function with `body`. */
function wat(body: string): Uint8Array {
  return parseModule(`(module (memory 1) (func (param i32 i64) (result i32) ${body}))`);
}

function outcome(bytes: Uint8Array): string {
  try {
    compileModule(bytes);
    return 'valid';
  } catch (e) {
    return (e as Error).message.replace(/^at byte offset \d+: in function \d+: /, '');
  }
}

const CASES: [string, string][] = [
  // br_table: targets of equal arity and types, to blocks and loops, with a value.
  ['(block (result i32) (block (result i32) (br_table 0 1 0 (i32.const 1) (local.get 0)))) ', 'valid'],
  ['(loop (block (br_table 1 0 1 (local.get 0)))) (i32.const 0)', 'valid'],
  ['(block (result i32) (br_table 0 0 (i32.const 1) (local.get 0))) (drop) (i32.const 0)', 'valid'],
  // Arities or types that differ, an index that is not i32, a label out of range.
  ['(block (result i32) (block (result i64) (br_table 0 1 (i64.const 1) (local.get 0)) (unreachable))) ', 'type mismatch: instruction requires [i32] but stack has [i64]'],
  ['(block (result i32) (block (br_table 1 0 (i32.const 1) (local.get 0)))) ', 'type mismatch: br_table targets have different arities'],
  ['(block (result i64) (br_table 0 (i32.const 1) (local.get 0))) (drop) (i32.const 0)', 'type mismatch: instruction requires [i64] but stack has [i32]'],
  ['(block (br_table 0 (local.get 1))) (i32.const 0)', 'type mismatch: expected i32, got i64'],
  ['(block (br_table 0 5 (local.get 0))) (i32.const 0)', 'unknown label 5'],
  // else: the if arm's results exactly, or nothing after unreachable code.
  ['(if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))', 'valid'],
  ['(if (result i32) (local.get 0) (then (unreachable)) (else (i32.const 2)))', 'valid'],
  ['(if (result i32) (local.get 0) (then (i64.const 1)) (else (i32.const 2)))', 'type mismatch: block requires [i32] but stack has [i64]'],
  ['(if (local.get 0) (then (i32.const 1)) (else)) (i32.const 0)', 'type mismatch: block requires [] but stack has [i32]'],
  // memory.copy and memory.fill: three i32 operands.
  ['(memory.copy (local.get 0) (local.get 0) (local.get 0)) (i32.const 0)', 'valid'],
  ['(memory.fill (local.get 0) (local.get 0) (local.get 0)) (i32.const 0)', 'valid'],
  ['(memory.copy (local.get 0) (local.get 1) (local.get 0)) (i32.const 0)', 'type mismatch: expected i32, got i64'],
  ['(memory.fill (local.get 0) (local.get 0) (local.get 1)) (i32.const 0)', 'type mismatch: expected i32, got i64'],
  ['(memory.fill (local.get 0) (local.get 0)) (i32.const 0)', 'type mismatch: expected i32, got nothing'],
];

test('br_table, else, memory.copy and memory.fill: the fast cases agree with the generic rules', () => {
  for (const [body, want] of CASES) {
    const got = outcome(wat(body));
    assert.equal(got, want, body);
    assert.equal(WebAssembly.validate(wat(body) as Uint8Array<ArrayBuffer>), want === 'valid', `${body}: V8`);
  }
});
