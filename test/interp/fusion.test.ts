// The interpreter's translation shortcuts (lower.ts, translate.ts) and superinstructions
// (peephole.ts) against the compile tier: constant rotations, i64 compares with a constant, folded
// extensions, i32.wrap_i64 as a slot alias, inline conversions/min/max with their slow paths,
// hoisted float constants, constant select/store operands, the 32-bit multiply, and loops whose
// adjacent ops run fused (branch targets inside a fused pair included).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModule } from '../../src/text/parse.js';
import { compileModule } from '../../src/valid/index.js';
import { instantiate, invoke } from '../../src/runtime/index.js';
import type { FuncInst, Value } from '../../src/runtime/interface.js';
import { configure } from '../../src/exec/interp/select.js';

const WAT = `(module
  (memory 1)
  (func (export "rot") (param i32) (result i32)
    (i32.xor (i32.rotl (local.get 0) (i32.const 7)) (i32.rotr (local.get 0) (i32.const 45))))
  (func (export "rot0") (param i32) (result i32) (i32.rotl (local.get 0) (i32.const 32)))
  (func (export "cmp64") (param i64) (result i32)
    (i32.add (i64.lt_u (local.get 0) (i64.const 0x100000000))
      (i32.shl (i64.ge_s (local.get 0) (i64.const -3)) (i32.const 1))))
  (func (export "cmp64all") (param i64) (result i32)
    (i32.or (i32.or (i32.or (i64.lt_s (local.get 0) (i64.const -0x100000001))
      (i32.shl (i64.gt_s (local.get 0) (i64.const 3)) (i32.const 1)))
      (i32.or (i32.shl (i64.le_s (local.get 0) (i64.const 0xffffffff)) (i32.const 2))
        (i32.shl (i64.ge_s (local.get 0) (i64.const 0x100000000)) (i32.const 3))))
    (i32.or (i32.or (i32.shl (i64.lt_u (local.get 0) (i64.const -1)) (i32.const 4))
      (i32.shl (i64.gt_u (local.get 0) (i64.const 0xffffffff)) (i32.const 5)))
      (i32.or (i32.shl (i64.le_u (local.get 0) (i64.const 3)) (i32.const 6))
        (i32.shl (i64.ge_u (local.get 0) (i64.const -0x8000000000000000)) (i32.const 7))))))
  (func (export "fold") (param i64) (result i64)
    (i64.rotr (local.get 0) (i64.extend_i32_u (i32.const 24))))
  (func (export "wrap") (param i64) (result i32) (local $x i32)
    (local.set $x (i32.wrap_i64 (i64.shr_u (local.get 0) (i64.const 8))))
    (i32.add (local.get $x) (i32.wrap_i64 (local.get 0))))
  (func (export "ctz") (param i32) (result i32) (i32.add (i32.ctz (local.get 0)) (i32.mul (i32.clz (local.get 0)) (i32.const 64))))
  (func (export "cvt") (param i32) (result i32)
    (i32.reinterpret_f32 (f32.add (f32.convert_i32_s (local.get 0)) (f32.convert_i32_u (local.get 0)))))
  (func (export "trunc_sat") (param f64) (result i32)
    (i32.xor (i32.trunc_sat_f64_u (local.get 0)) (i32.trunc_sat_f64_s (local.get 0))))
  (func (export "trunc_u") (param f32) (result i32) (i32.trunc_f32_u (local.get 0)))
  (func (export "trunc_s") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
  (func (export "minmax") (param f64 f64) (result i64)
    (i64.xor (i64.reinterpret_f64 (f64.min (local.get 0) (local.get 1)))
      (i64.rotl (i64.reinterpret_f64 (f64.max (local.get 0) (local.get 1))) (i64.const 1))))
  (func (export "minmax32") (param f32 f32) (result i32)
    (i32.xor (i32.reinterpret_f32 (f32.min (local.get 0) (local.get 1)))
      (i32.rotl (i32.reinterpret_f32 (f32.max (local.get 0) (local.get 1))) (i32.const 1))))
  ;; hoisted constants (a NaN payload included) inside a loop, clamping with select
  (func (export "clamp") (param $n i32) (result i32) (local $s f32) (local $i i32) (local $acc i32)
    (loop $l
      (local.set $s (f32.mul (f32.convert_i32_s (local.get $i)) (f32.const 1.5)))
      (local.set $s (select (f32.const 0) (local.get $s) (f32.lt (local.get $s) (f32.const 4))))
      (local.set $acc (i32.add (local.get $acc) (i32.trunc_sat_f32_u (f32.min (local.get $s) (f32.const 255)))))
      (local.set $acc (i32.xor (local.get $acc) (i32.reinterpret_f32 (f32.const nan:0x200001))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $acc))
  (func (export "sel") (param i32 i32) (result i32)
    (i32.add (select (local.get 0) (i32.const 99) (local.get 1))
      (i32.mul (select (i32.const -7) (local.get 0) (local.get 1)) (i32.const 3))))
  (func (export "store") (param i32) (result i32)
    (i32.store offset=4 (local.get 0) (i32.const 0x12345678)) (i32.load offset=4 (local.get 0)))
  (func (export "mul") (param i64 i64) (result i64)
    (i64.xor (i64.mul (i64.shl (local.get 0) (i64.const 1)) (i64.and (local.get 1) (i64.const 0xffffffff)))
      (i64.mul (local.get 0) (i64.extend_i32_u (i32.wrap_i64 (local.get 1))))))
  ;; byte copy and sum: store8 + add, add + br_if, load8 + store8, add const twice, a branch to
  ;; the second op of a pair
  (func (export "copy") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $n)))
      (i32.store8 offset=100 (local.get $i) (i32.add (local.get $i) (i32.const 3)))
      (i32.store8 offset=300 (local.get $i) (i32.load8_u offset=100 (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $n (i32.add (local.get $n) (i32.const -1)))
      (br $l)))
    (local.set $i (i32.const 0))
    (loop $s2
      (local.set $s (i32.add (local.get $s) (i32.load8_u offset=300 (local.get $i))))
      (br_if $s2 (i32.and (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 63))))
    (local.get $s)))`;

const mod = compileModule(parseModule(WAT));
function exportsOn(engine: 'compile' | 'interpret'): Map<string, FuncInst> {
  const inst = instantiate(mod, []);
  const fns = new Map(inst.exports.map((e) => [e.name, e.value as FuncInst]));
  configure({ engine });
  return fns;
}
const compiled = exportsOn('compile');
const interpreted = exportsOn('interpret');

function both(name: string, args: Value[]): [unknown, unknown] {
  const run = (fns: Map<string, FuncInst>): unknown => {
    configure({ engine: fns === compiled ? 'compile' : 'interpret' });
    try {
      return invoke(fns.get(name)!, args);
    } catch (e) {
      return `${(e as Error).constructor.name}: ${(e as Error).message}`;
    }
  };
  return [run(compiled), run(interpreted)];
}

const I32 = [0, 1, -1, 7, 0x80000000 | 0, 0x7fffffff, 0x12345678, -0x1234568, 256, 65535];
const I64 = [0n, 1n, -1n, 2n, 3n, 4n, -3n, -2n, 0xfffffffen, 0xffffffffn, -0x100000001n, -0x100000002n, 0x100000000n, -0x8000000000000000n, 0x123456789abcdefn, -0x100000001n];
const F = [0, -0, 1.5, -1.5, 2.5e9, -2.5e9, 4294967295.9, 4294967296, -0.9, -1, 2147483647.5, -2147483648.5, NaN, Infinity, -Infinity];

test('translation shortcuts and superinstructions give the compile tier\'s results', () => {
  const cases: [string, Value[]][] = [];
  for (const x of I32) for (const n of ['rot', 'rot0', 'ctz', 'cvt', 'store', 'copy']) cases.push([n, [n === 'store' || n === 'copy' ? (x >>> 0) % 60 : x]]);
  for (const x of I32) for (const y of [0, 1, -1]) cases.push(['sel', [x, y]]);
  for (const x of I64) for (const n of ['cmp64', 'cmp64all', 'fold', 'wrap']) cases.push([n, [x]]);
  for (const x of I64) for (const y of I64) cases.push(['mul', [x, y]]);
  for (const x of F) for (const n of ['trunc_sat', 'trunc_u', 'trunc_s']) cases.push([n, [x]]);
  for (const x of F) for (const y of F) cases.push(['minmax', [x, y]], ['minmax32', [Math.fround(x), Math.fround(y)]]);
  for (const n of [1, 2, 5, 200]) cases.push(['clamp', [n]]);
  for (const [name, args] of cases) {
    const [c, i] = both(name, args);
    assert.deepEqual(i, c, `${name}(${args.join(', ')})`);
  }
  configure({ engine: 'auto' });
});
