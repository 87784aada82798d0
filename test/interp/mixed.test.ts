// Mixed-tier calls: the tier of a function is chosen at its first call, so calling each export
// once under a chosen engine mode makes some functions compiled and others interpreted. Calls then
// cross in both directions (direct, through tables, tail calls, exceptions, traps) with the one
// calling convention, and 'auto' falls back to the interpreter when `new Function` is refused.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModule } from '../../src/text/parse.js';
import { compileModule } from '../../src/valid/index.js';
import { instantiate, invoke, type WasmFunc } from '../../src/runtime/index.js';
import type { FuncInst, Value } from '../../src/runtime/interface.js';
import { configure } from '../../src/exec/interp/select.js';
import { f32FromBits, f32ToBits } from '../../src/exec/numerics.js';
import { RuntimeError } from '../../src/api/errors.js';

const WAT = `(module
  (type $leaf (func (param i64 i32 f32) (result i64 i32 f32)))
  (type $i2i (func (param i64) (result i64)))
  (tag $boom (param i32 i64))
  (table $t 8 funcref)
  (elem (table $t) (i32.const 0) func $c_leaf $i_leaf $c_call $i_call $c_even $i_odd)
  (func $c_leaf (export "c_leaf") (type $leaf)
    (i64.add (local.get 0) (i64.const 0x100000000)) (i32.mul (local.get 1) (i32.const 3)) (local.get 2))
  (func $i_leaf (export "i_leaf") (type $leaf)
    (i64.sub (local.get 0) (i64.const 1)) (i32.add (local.get 1) (i32.const 7)) (local.get 2))
  ;; call table entry k with fixed arguments; sum the i64 and i32 results, return the f32 bits too
  (func $c_call (export "c_call") (param $k i32) (result i64 i32)
    (local $r i64) (local $f f32)
    (call_indirect $t (type $leaf) (i64.const -5) (i32.const 11) (f32.reinterpret_i32 (i32.const 0x7fa00001)) (local.get $k))
    (local.set $f) (i64.extend_i32_s) (i64.add) (i32.reinterpret_f32 (local.get $f)))
  (func $i_call (export "i_call") (param $k i32) (result i64 i32)
    (local $f f32)
    (call_indirect $t (type $leaf) (i64.const -5) (i32.const 11) (f32.reinterpret_i32 (i32.const 0x7fa00001)) (local.get $k))
    (local.set $f) (i64.extend_i32_s) (i64.add) (i32.reinterpret_f32 (local.get $f)))
  ;; mutual tail recursion across the tiers
  (func $c_even (export "c_even") (type $i2i)
    (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
      (else (return_call $i_odd (i64.sub (local.get 0) (i64.const 1))))))
  (func $i_odd (export "i_odd") (type $i2i)
    (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 0))
      (else (return_call_indirect $t (type $i2i) (i64.sub (local.get 0) (i64.const 1)) (i32.const 4)))))
  ;; traps and exceptions crossing tiers
  (func $i_div (export "i_div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $c_div (export "c_div") (param i32 i32) (result i32) (call $i_div (local.get 0) (local.get 1)))
  (func $i_throw (export "i_throw") (param i32) (throw $boom (local.get 0) (i64.const -2)))
  (func $c_catch (export "c_catch") (param i32) (result i32 i64)
    (block $h (result i32 i64)
      (try_table (catch $boom $h) (call $i_throw (local.get 0)))
      (i32.const 0) (i64.const 0)))
  (func $c_throw (export "c_throw") (param i32) (throw $boom (local.get 0) (i64.const 9)))
  (func $i_catch (export "i_catch") (param i32) (result i32 i64)
    (block $h (result i32 i64)
      (try_table (catch $boom $h) (call $c_throw (local.get 0)))
      (i32.const 0) (i64.const 0)))
  ;; unbounded recursion
  (func $i_deep (export "i_deep") (param i32) (result i32) (i32.add (call $i_deep (local.get 0)) (i32.const 1)))
  (func $late (export "late") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  ;; deep recursion with wide frames: frame starts beyond the ones whose views run() keeps
  (func $wide (export "wide") (param i32) (result i32) (local $a i32) ${'(local i32) '.repeat(99)}
    (local.set $a (local.get 0))
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (local.get $a) (call $wide (i32.sub (local.get 0) (i32.const 1)))))))
)`;

const mod = compileModule(parseModule(WAT));
const inst = instantiate(mod, []);
const fn = new Map(inst.exports.map((e) => [e.name, e.value as FuncInst]));
const call = (name: string, ...args: Value[]): Value[] => invoke(fn.get(name)!, args);
const tierOf = (name: string): string => ((fn.get(name) as WasmFunc).fn.name === 'interpretedEntry' ? 'interpret' : 'compile');

/** First calls (which fix each function's tier) under the mode its name says: c_ compiled, i_ interpreted. */
function warm(): void {
  const first: [string, Value[]][] = [
    ['c_leaf', [0n, 0, 0]], ['i_leaf', [0n, 0, 0]], ['c_call', [0]], ['i_call', [1]], ['c_even', [0n]], ['i_odd', [0n]],
    ['i_div', [1, 1]], ['c_div', [1, 1]], ['i_throw', [0]], ['c_catch', [0]], ['c_throw', [0]], ['i_catch', [0]],
  ];
  for (const [name, args] of first) {
    configure({ engine: name.startsWith('i_') ? 'interpret' : 'compile' });
    try {
      call(name, ...args);
    } catch {
      // throwers throw; their tier is chosen all the same
    }
  }
  configure({ engine: 'auto' });
}
warm();

test('each function runs on the tier chosen at its first call', () => {
  for (const name of fn.keys()) if (/^[ci]_/.test(name) && name !== 'i_deep') assert.equal(tierOf(name), name[0] === 'i' ? 'interpret' : 'compile', name);
});

test('calls through a table both ways keep i64, multi-value and f32 NaN payloads', () => {
  const nan = f32ToBits(f32FromBits(0x7fa00001)); // the carrier round-trips a signalling NaN
  assert.equal(nan, 0x7fa00001);
  // compiled caller → interpreted leaf and the reverse, and each tier calling its own kind
  assert.deepEqual(call('c_call', 1), [-6n + 18n, 0x7fa00001]);
  assert.deepEqual(call('i_call', 0), [-5n + 0x100000000n + 33n, 0x7fa00001]);
  assert.deepEqual(call('i_call', 1), [-6n + 18n, 0x7fa00001]);
  assert.deepEqual(call('c_call', 0), [-5n + 0x100000000n + 33n, 0x7fa00001]);
  // a table entry of another type is refused the same way from both tiers
  assert.throws(() => call('c_call', 3), (e: unknown) => e instanceof RuntimeError && e.message === 'indirect call type mismatch');
  assert.throws(() => call('i_call', 2), (e: unknown) => e instanceof RuntimeError && e.message === 'indirect call type mismatch');
});

test('tail calls alternate between the tiers in constant stack space', () => {
  assert.deepEqual(call('c_even', 1_000_000n), [1n]);
  assert.deepEqual(call('i_odd', 1_000_001n), [1n]);
  assert.deepEqual(call('c_even', 7n), [0n]);
});

test('traps cross tiers with the spec reason; exceptions are caught across tiers', () => {
  assert.throws(() => call('c_div', 1, 0), (e: unknown) => e instanceof RuntimeError && e.message === 'integer divide by zero');
  assert.deepEqual(call('c_div', 7, 2), [3]);
  assert.deepEqual(call('c_catch', 42), [42, -2n]);
  assert.deepEqual(call('i_catch', 43), [43, 9n]);
});

test('stack exhaustion in interpreted code is a RangeError and leaves the instance usable', () => {
  configure({ engine: 'interpret' });
  assert.throws(() => call('i_deep', 1), RangeError);
  assert.throws(() => call('i_deep', 1), RangeError);
  configure({ engine: 'auto' });
  assert.deepEqual(call('i_leaf', 3n, 4, 1.5), [2n, 11, 1.5]);
  assert.deepEqual(call('c_call', 1), [12n, 0x7fa00001]);
});

test('deep interpreted recursion with wide frames (frame starts past 65,536 slots) computes right', () => {
  configure({ engine: 'interpret' });
  for (let k = 0; k < 2; k++) assert.deepEqual(call('wide', 900), [900 * 901 / 2]);
  assert.equal(tierOf('wide'), 'interpret');
  configure({ engine: 'auto' });
});

test('configure rejects unknown engines', () => {
  assert.throws(() => configure({ engine: 'jit' as never }), TypeError);
});

// Last: once 'auto' has seen `new Function` refused it interprets from then on, as under a CSP.
test("'auto' interprets a function first called after new Function became unavailable", () => {
  const real = globalThis.Function;
  const refuse = function () {
    throw new EvalError('refused by the test (as by a Content-Security-Policy)');
  };
  globalThis.Function = refuse as unknown as FunctionConstructor;
  try {
    configure({ engine: 'auto' });
    assert.deepEqual(call('late', 12), [144]);
  } finally {
    globalThis.Function = real;
  }
  assert.equal(tierOf('late'), 'interpret');
});
