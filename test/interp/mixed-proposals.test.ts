// GC objects, v128 values and legacy exceptions crossing tiers: functions named c_… are compiled
// and i_… interpreted (each tier is fixed at the first call, as in mixed.test.ts). Structs and
// arrays made by one tier are read, written and cast by the other; v128 values pass through calls
// and fields; legacy try/catch/rethrow/delegate in one tier handles what the other throws.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModule } from '../../src/text/parse.js';
import { compileModule } from '../../src/valid/index.js';
import { instantiate, invoke, type WasmFunc } from '../../src/runtime/index.js';
import type { FuncInst, Value } from '../../src/runtime/interface.js';
import { configure } from '../../src/exec/interp/select.js';
import { RuntimeError } from '../../src/api/errors.js';

const maker = (name: string): string => `
  (func $${name} (export "${name}") (param i32 i64) (result (ref $pt))
    (struct.new $pt (local.get 0) (local.get 1) (f32.reinterpret_i32 (i32.const 0x7fa00001)) (i32.const -3)
      (i32x4.splat (local.get 0)) (ref.i31 (i32.const -5))))`;
// x, y, the f32's bits, the i8 field signed and unsigned, lane 3 of the v128 field, the i31 inside.
const reader = (name: string): string => `
  (func $${name} (export "${name}") (param $p (ref $pt)) (result i32 i64 i32 i32 i32 i32 i32)
    (struct.get $pt 0 (local.get $p)) (struct.get $pt 1 (local.get $p))
    (i32.reinterpret_f32 (struct.get $pt 2 (local.get $p)))
    (struct.get_s $pt 3 (local.get $p)) (struct.get_u $pt 3 (local.get $p))
    (i32x4.extract_lane 3 (struct.get $pt 4 (local.get $p)))
    (i31.get_s (ref.cast (ref i31) (struct.get $pt 5 (local.get $p)))))`;
// Sum of the i16 elements read signed, and the array's length in the high half.
const summer = (name: string): string => `
  (func $${name} (export "${name}") (param $a (ref $arr)) (result i32)
    (local $i i32) (local $s i32)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $a))))
      (local.set $s (i32.add (local.get $s) (array.get_s $arr (local.get $a) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (i32.add (local.get $s) (i32.shl (array.len (local.get $a)) (i32.const 16))))`;
// Which type an anyref has: 1 $pt, 2 i31, 3 $arr, 0 anything else (null included).
const kind = (name: string): string => `
  (func $${name} (export "${name}") (param $x anyref) (result i32)
    (block $p (result (ref $pt)) (block $i (result (ref i31)) (block $a (result (ref $arr))
      (br_on_cast $p anyref (ref $pt) (local.get $x))
      (br_on_cast $i anyref (ref i31))
      (br_on_cast $a anyref (ref $arr))
      (drop) (return (i32.const 0)))
      (drop) (return (i32.const 3)))
      (drop) (return (i32.const 2)))
    (drop) (i32.const 1))`;
// Legacy handlers around a call into the other tier: catch (payload + 1), a rethrow caught by an
// outer catch_all (100), a delegate to an outer catch (payload * 2).
const legacy = (name: string, callee: string): string => `
  (func $${name} (export "${name}") (param $k i32) (param $v i32) (result i32)
    (block $r (result i32)
      (if (i32.eq (local.get $k) (i32.const 0)) (then
        (try (result i32) (do (call $${callee} (local.get $v)) (i32.const -1))
          (catch $e (i32.add (i32.const 1))) (catch_all (i32.const -2))) (br $r)))
      (if (i32.eq (local.get $k) (i32.const 1)) (then
        (try (result i32) (do
          (try (do (call $${callee} (local.get $v))) (catch $e (drop) (rethrow 0))) (i32.const -1))
          (catch_all (i32.const 100))) (br $r)))
      (try (result i32) (do
        (try (result i32) (do (call $${callee} (local.get $v)) (i32.const -1)) (delegate 0)))
        (catch $e (i32.mul (i32.const 2))))))`;

const WAT = `(module
  (type $pt (struct (field (mut i32)) (field (mut i64)) (field (mut f32)) (field (mut i8)) (field (mut v128)) (field (mut anyref))))
  (type $arr (array (mut i16)))
  (tag $e (param i32))
  ${maker('c_make')} ${maker('i_make')} ${reader('c_read')} ${reader('i_read')}
  (func $c_bump (export "c_bump") (param $p (ref $pt)) (struct.set $pt 0 (local.get $p) (i32.add (struct.get $pt 0 (local.get $p)) (i32.const 1))))
  (func $i_bump (export "i_bump") (param $p (ref $pt)) (struct.set $pt 0 (local.get $p) (i32.add (struct.get $pt 0 (local.get $p)) (i32.const 1))))
  (func $c_arr (export "c_arr") (param $n i32) (result (ref $arr)) (array.new $arr (i32.const 0xfffe) (local.get $n)))
  (func $i_arr (export "i_arr") (param $n i32) (result (ref $arr))
    (local $a (ref $arr)) (local.set $a (array.new_default $arr (local.get $n)))
    (array.fill $arr (local.get $a) (i32.const 0) (i32.const 0x18003) (local.get $n)) (local.get $a))
  (func $c_set (export "c_set") (param $a (ref $arr)) (param $i i32) (param $v i32) (array.set $arr (local.get $a) (local.get $i) (local.get $v)))
  (func $i_set (export "i_set") (param $a (ref $arr)) (param $i i32) (param $v i32) (array.set $arr (local.get $a) (local.get $i) (local.get $v)))
  ${summer('c_sum')} ${summer('i_sum')} ${kind('c_kind')} ${kind('i_kind')}
  (func $c_i31 (export "c_i31") (param i32) (result anyref) (ref.i31 (local.get 0)))
  (func $i_i31 (export "i_i31") (param i32) (result anyref) (ref.i31 (local.get 0)))
  ;; v128 through calls across tiers: lanes times 3 by one tier, plus 1 by the other
  (func $c_vec (export "c_vec") (param v128) (result v128) (i32x4.add (local.get 0) (i32x4.splat (i32.const 1))))
  (func $i_vec (export "i_vec") (param v128) (result v128) (i32x4.mul (local.get 0) (i32x4.splat (i32.const 3))))
  (func $c_vcall (export "c_vcall") (param i32) (result i32 i32)
    (local $v v128) (local.set $v (call $i_vec (i32x4.replace_lane 2 (i32x4.splat (local.get 0)) (i32.const 7))))
    (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 2 (local.get $v)))
  (func $i_vcall (export "i_vcall") (param i32) (result i32 i32)
    (local $v v128) (local.set $v (call $c_vec (i32x4.replace_lane 2 (i32x4.splat (local.get 0)) (i32.const 7))))
    (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 2 (local.get $v)))
  (func $c_throw (export "c_throw") (param i32) (throw $e (local.get 0)))
  (func $i_throw (export "i_throw") (param i32) (throw $e (local.get 0)))
  ${legacy('c_legacy', 'i_throw')} ${legacy('i_legacy', 'c_throw')}
)`;

const inst = instantiate(compileModule(parseModule(WAT)), []);
const fn = new Map(inst.exports.map((e) => [e.name, e.value as FuncInst]));
const call = (name: string, ...args: Value[]): Value[] => invoke(fn.get(name)!, args);
const one = (name: string, ...args: Value[]): Value => call(name, ...args)[0];
const tierOf = (name: string): string => ((fn.get(name) as WasmFunc).fn.name === 'interpretedEntry' ? 'interpret' : 'compile');

// First calls fix the tiers; every export is called once here under the mode its name says.
const firstArgs: Record<string, () => Value[]> = {
  make: () => [1, 2n], read: () => [one('c_make', 0, 0n)], bump: () => [one('c_make', 0, 0n)], arr: () => [1],
  set: () => [one('c_arr', 1), 0, 0], sum: () => [one('c_arr', 1)], kind: () => [null], i31: () => [0],
  vec: () => [new Uint8Array(16)], vcall: () => [0], throw: () => [0], legacy: () => [0, 0],
};
for (const name of fn.keys()) {
  configure({ engine: name.startsWith('i_') ? 'interpret' : 'compile' });
  try {
    call(name, ...firstArgs[name.slice(2)]());
  } catch {
    // throwers throw; their tier is chosen all the same
  }
}
configure({ engine: 'auto' });

test('the exports run on the tiers their names say', () => {
  for (const name of fn.keys()) assert.equal(tierOf(name), name[0] === 'i' ? 'interpret' : 'compile', name);
});

test('structs made by one tier are read and written by the other', () => {
  const want = [41, -(2n ** 40n), 0x7fa00001, -3, 253, 41, -5];
  for (const [make, read] of [['c_make', 'i_read'], ['i_make', 'c_read'], ['i_make', 'i_read'], ['c_make', 'c_read']]) {
    const p = one(make, 41, -(2n ** 40n));
    assert.deepEqual(call(read, p), want, `${make} → ${read}`);
    call('c_bump', p);
    call('i_bump', p);
    assert.equal(call(read === 'c_read' ? 'i_read' : 'c_read', p)[0], 43);
  }
  assert.throws(() => call('i_read', null), (e: unknown) => e instanceof RuntimeError && e.message === 'null structure reference');
});

test('arrays cross tiers: fill, set and get_s, bounds traps', () => {
  const a = one('i_arr', 3); // 0x18003 stored as an i16: 0x8003, read signed -32765
  assert.deepEqual(call('c_sum', a), [3 * -32765 + (3 << 16)]);
  call('c_set', a, 1, 5);
  assert.deepEqual(call('i_sum', a), [2 * -32765 + 5 + (3 << 16)]);
  const b = one('c_arr', 4); // 0xfffe: -2 signed
  call('i_set', b, 3, 0x12345);
  assert.deepEqual(call('i_sum', b), [3 * -2 + 0x2345 + (4 << 16)]);
  assert.deepEqual(call('c_sum', b), call('i_sum', b));
  for (const set of ['c_set', 'i_set']) assert.throws(() => call(set, b, 4, 0), (e: unknown) => e instanceof RuntimeError && e.message === 'out of bounds array access');
});

test('casts and br_on_cast agree across tiers on objects of either tier', () => {
  const values: [Value, number][] = [[one('c_make', 1, 1n), 1], [one('i_make', 1, 1n), 1], [one('c_i31', 9), 2], [one('i_i31', -9), 2],
    [one('c_arr', 2), 3], [one('i_arr', 2), 3], [null, 0]];
  for (const [v, k] of values) {
    assert.equal(one('c_kind', v), k);
    assert.equal(one('i_kind', v), k);
  }
});

test('v128 values pass between the tiers through calls', () => {
  assert.deepEqual(call('c_vcall', 5), [15, 21]);
  assert.deepEqual(call('i_vcall', 5), [6, 8]);
});

test('legacy try/catch, rethrow and delegate catch what the other tier throws', () => {
  for (const f of ['c_legacy', 'i_legacy']) {
    assert.deepEqual(call(f, 0, 41), [42], f);
    assert.deepEqual(call(f, 1, 41), [100], f);
    assert.deepEqual(call(f, 2, 41), [82], f);
  }
});

test("a v128 local of an inlined callee starts at zero and leaves the caller's vectors alone", () => {
  const m = compileModule(parseModule(`(module
    ;; small and straight-line without SIMD instructions: expanded inline, its v128 local included
    (func $z (param i32) (result i32) (local v128) (local.set 1 (local.get 1)) (local.get 0))
    (func (export "f") (param i32) (result i32 i32)
      (local $v v128)
      (local.set $v (i32x4.splat (local.get 0)))
      (i32x4.add (local.get $v) (i32x4.splat (i32.const 1)))
      (call $z (i32.const 9))
      (local.set 0)
      (i32x4.extract_lane 3)
      (local.get 0)))`));
  configure({ engine: 'interpret' });
  try {
    const f = instantiate(m, []).exports[0].value as FuncInst;
    assert.deepEqual(invoke(f, [41]), [42, 9]);
  } finally {
    configure({ engine: 'auto' });
  }
});
