// Single instructions whose compiled form has several statements: a following local.set must
// still receive the instruction's result (it retargets the last generated line when it can).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadWabt, native, ours, outcome, sameOutcome, show, wat } from './harness.js';
import type { Value } from '../../src/runtime/interface.js';

before(loadWabt);

test('rotations and i64.mul of computed operands into locals equal native', () => {
  const bytes = wat(`(module
    (func (export "rot") (param i32 i32) (result i32) (local i32 i32)
      (local.set 2 (i32.rotr (i32.xor (local.get 0) (local.get 1)) (i32.const 7)))
      (local.set 3 (i32.rotl (i32.add (local.get 0) (local.get 2)) (local.get 1)))
      (local.set 2 (i32.rotl (local.get 2) (i32.const 32)))
      (i32.xor (local.get 2) (local.get 3)))
    (func (export "mul") (param i64 i64) (result i64) (local i64)
      (local.set 2 (i64.mul (i64.xor (local.get 0) (local.get 1)) (i64.const 0x94d049bb133111eb)))
      (i64.add (local.get 2) (i64.mul (local.get 2) (i64.extend_i32_u (i32.wrap_i64 (local.get 1)))))))`);
  const a = ours(bytes);
  const b = native(bytes);
  const ints = [0, 1, -1, 7, 31, 32, 33, 0x7fffffff, -0x80000000, 0x12345678, -0x5a5a5a5b];
  const longs = [0n, 1n, -1n, 0xffffffffn, 0x100000000n, -0x8000000000000000n, 0x0123456789abcdefn, -0x5a5a5a5a5a5a5a5bn];
  const calls: [string, ...Value[]][] = [];
  for (const x of ints) for (const y of ints) calls.push(['rot', x, y]);
  for (const x of longs) for (const y of longs) calls.push(['mul', x, y]);
  for (const [name, ...args] of calls) {
    const x = outcome(() => a.call(name, ...args));
    const y = outcome(() => b.call(name, ...args));
    assert.ok(sameOutcome(x, y), `${name}(${args.map(String).join(', ')}): ours ${show(x)}, native ${show(y)}`);
  }
});
