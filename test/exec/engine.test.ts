// Hand-written modules for each instruction group of the JavaScript tier, run against Node's
// native WebAssembly where it supports the feature, and against known answers elsewhere.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadWabt, native, ours, outcome, sameOutcome, show, wat } from './harness.js';
import { hostFunc, createGlobal, createMemory, createTable, invoke } from '../../src/runtime/index.js';
import { compileModule } from '../../src/valid/index.js';
import { instantiate } from '../../src/runtime/index.js';
import { registerRecGroup } from '../../src/syntax/canon.js';
import { TUNING } from '../../src/exec/compile/index.js';
import { I32, I64, F64, FUNCREF, KIND_FUNC, type Limits } from '../../src/syntax/types.js';
import { LinkError, RuntimeError } from '../../src/api/errors.js';
import type { FuncInst, Value } from '../../src/runtime/interface.js';

before(loadWabt);

/** Runs every [export, ...args] on both engines and compares. */
function differential(text: string, calls: [string, ...unknown[]][]): void {
  const bytes = wat(text);
  const a = ours(bytes);
  const b = native(bytes);
  for (const [name, ...args] of calls) {
    const x = outcome(() => a.call(name, ...(args as Value[])));
    const y = outcome(() => b.call(name, ...args));
    assert.ok(sameOutcome(x, y), `${name}(${args.map(String).join(', ')}): ours ${show(x)}, native ${show(y)}`);
  }
}

const trapOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof RuntimeError, `expected a RuntimeError, got ${e}`);
    return (e as Error).message;
  }
  return 'no trap';
};

test('control: blocks with params and results, loops, br_table, if/else, multi-value', () => {
  differential(`(module
    (func (export "fac") (param i64) (result i64)
      (local i64) (local.set 1 (i64.const 1))
      (block (loop
        (br_if 1 (i64.le_s (local.get 0) (i64.const 1)))
        (local.set 1 (i64.mul (local.get 1) (local.get 0)))
        (local.set 0 (i64.sub (local.get 0) (i64.const 1)))
        (br 0)))
      (local.get 1))
    (func (export "switch") (param i32) (result i32)
      (block (block (block (block
        (br_table 0 1 2 3 (local.get 0)))
        (return (i32.const 10))) (return (i32.const 11))) (return (i32.const 12)))
      (i32.const 13))
    (func $swap (param i32 i64) (result i64 i32) (local.get 1) (local.get 0))
    (func (export "multi") (param i32 i64) (result i64)
      (call $swap (local.get 0) (local.get 1))
      (i64.extend_i32_s)
      (i64.add))
    (func (export "blockparams") (param i32) (result i32)
      (i32.const 5) (local.get 0)
      (block (param i32 i32) (result i32) (i32.add))
      (loop (param i32) (result i32 i32) (i32.const 3)) (i32.mul))
    (func (export "ifelse") (param i32 f64) (result f64 i32)
      (if (result f64 i32) (local.get 0)
        (then (f64.neg (local.get 1)) (i32.const 1))
        (else (local.get 1) (i32.const 0))))
    (func (export "brvalue") (param i32) (result i32)
      (block (result i32) (i32.const 7) (br_if 0 (local.get 0)) (drop) (i32.const 8))))`,
  [['fac', 20n], ['fac', 0n], ['switch', 0], ['switch', 2], ['switch', 3], ['switch', -1], ['switch', 99],
    ['multi', -5, 1n << 40n], ['blockparams', 4], ['ifelse', 1, 2.5], ['ifelse', 0, -0], ['brvalue', 1], ['brvalue', 0]]);
});

test('memory: every width, offsets, out-of-bounds traps write nothing, grow, bulk operations', () => {
  const text = `(module
    (memory (export "mem") 1 3)
    (data "\\01\\02\\03\\04\\05\\06\\07\\08\\f0\\ff\\7f\\80")
    (data $p "hello")
    (func (export "l8s") (param i32) (result i32) (i32.load8_s offset=1 (local.get 0)))
    (func (export "l16u") (param i32) (result i32) (i32.load16_u (local.get 0)))
    (func (export "l64") (param i32) (result i64) (i64.load offset=2 (local.get 0)))
    (func (export "l32s") (param i32) (result i64) (i64.load32_s (local.get 0)))
    (func (export "s64") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
    (func (export "s16") (param i32 i32) (i32.store16 (local.get 0) (local.get 1)))
    (func (export "f32rt") (param i32 f32) (result i32)
      (f32.store (local.get 0) (local.get 1)) (i32.load (local.get 0)))
    (func (export "f64rt") (param i32 f64) (result i64)
      (f64.store (local.get 0) (local.get 1)) (i64.load (local.get 0)))
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
    (func (export "size") (result i32) (memory.size))
    (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
    (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
    (func (export "init") (param i32 i32 i32) (memory.init $p (local.get 0) (local.get 1) (local.get 2)))
    (func (export "drop") (data.drop $p))
    (func (export "sum") (param i32 i32) (result i32) (local i32)
      (block (loop (br_if 1 (i32.eqz (local.get 1)))
        (local.set 2 (i32.add (local.get 2) (i32.load8_u (local.get 0))))
        (local.set 0 (i32.add (local.get 0) (i32.const 1)))
        (local.set 1 (i32.sub (local.get 1) (i32.const 1))) (br 0)))
      (local.get 2)))`;
  differential(text, [
    ['l8s', 0], ['l8s', 8], ['l8s', 65534], ['l8s', 65535], ['l8s', -1], ['l16u', 9], ['l16u', 65535],
    ['l64', 0], ['l64', 65526], ['l64', 65527], ['l32s', 8], ['s64', 65528, -2n], ['l64', 65526],
    ['s64', 65530, 0x1122334455667788n], ['l64', 65526], ['s16', 65535, 1], ['sum', 65520, 16],
    ['f32rt', 100, -1.5], ['f64rt', 200, -0], ['size'], ['grow', 1], ['size'], ['l64', 65530],
    ['s64', 131064, 7n], ['l64', 131062], ['grow', 5], ['grow', 0], ['fill', 10, 0x1ff, 5], ['sum', 8, 8],
    ['fill', 131071, 1, 2], ['sum', 131060, 11], ['copy', 3, 0, 10], ['sum', 0, 14], ['copy', 0, 3, 10],
    ['sum', 0, 14], ['copy', 131070, 0, 3], ['init', 20, 1, 4], ['sum', 18, 8], ['init', 20, 4, 2],
    ['init', 131070, 0, 3], ['drop'], ['init', 20, 0, 0], ['init', 20, 0, 1],
  ]);
});

test('trap reasons are the spec words', () => {
  const a = ours(wat(`(module (memory 1) (table 2 funcref) (elem (i32.const 0) $f)
    (type $t (func (result i32))) (type $u (func (param i32)))
    (func $f (result i32) (i32.const 1))
    (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
    (func (export "trunc") (param f64) (result i64) (i64.trunc_f64_s (local.get 0)))
    (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
    (func (export "ci") (param i32) (result i32) (call_indirect (type $t) (local.get 0)))
    (func (export "cu") (param i32) (call_indirect (type $u) (i32.const 0) (local.get 0)))
    (func (export "unreachable") unreachable))`));
  assert.equal(trapOf(() => a.call('div', 1, 0)), 'integer divide by zero');
  assert.equal(trapOf(() => a.call('div', -0x80000000, -1)), 'integer overflow');
  assert.equal(trapOf(() => a.call('trunc', NaN)), 'invalid conversion to integer');
  assert.equal(trapOf(() => a.call('trunc', 1e19)), 'integer overflow');
  assert.equal(trapOf(() => a.call('load', 65533)), 'out of bounds memory access');
  assert.deepEqual(a.call('ci', 0), [1]);
  assert.equal(trapOf(() => a.call('ci', 1)), 'uninitialized element');
  assert.equal(trapOf(() => a.call('ci', 2)), 'undefined element');
  assert.equal(trapOf(() => a.call('cu', 0)), 'indirect call type mismatch');
  assert.equal(trapOf(() => a.call('unreachable')), 'unreachable');
});

test('tables and references: get/set/size/grow/fill/copy/init, elem.drop, call_indirect across tables', () => {
  differential(`(module
    (type $i (func (result i32)))
    (table $a 3 10 funcref) (table $b 2 externref)
    (func $one (result i32) (i32.const 1)) (func $two (result i32) (i32.const 2))
    (elem $e func $one $two $one)
    (elem (table $a) (i32.const 1) func $two)
    (func (export "call") (param i32) (result i32) (call_indirect $a (type $i) (local.get 0)))
    (func (export "isnull") (param i32) (result i32) (ref.is_null (table.get $a (local.get 0))))
    (func (export "size") (result i32) (table.size $a))
    (func (export "grow") (param i32) (result i32) (table.grow $a (ref.func $one) (local.get 0)))
    (func (export "fill") (param i32 i32) (table.fill $a (local.get 0) (ref.null func) (local.get 1)))
    (func (export "copy") (param i32 i32 i32) (table.copy $a $a (local.get 0) (local.get 1) (local.get 2)))
    (func (export "init") (param i32 i32 i32) (table.init $a $e (local.get 0) (local.get 1) (local.get 2)))
    (func (export "drop") (elem.drop $e))
    (func (export "setext") (param i32 externref) (table.set $b (local.get 0) (local.get 1)))
    (func (export "getext") (param i32) (result externref) (table.get $b (local.get 0))))`,
  [['call', 1], ['call', 0], ['isnull', 0], ['isnull', 1], ['isnull', 3], ['size'], ['grow', 2], ['size'], ['call', 4],
    ['grow', 6], ['grow', 5], ['fill', 3, 2], ['isnull', 4], ['fill', 4, 2], ['init', 0, 0, 3], ['call', 2],
    ['init', 3, 2, 2], ['copy', 3, 0, 2], ['call', 4], ['copy', 4, 0, 2], ['drop'], ['init', 0, 0, 1], ['init', 0, 0, 0],
    ['setext', 1, 'x'], ['getext', 1], ['getext', 0], ['setext', 2, null]]);
});

test('tail calls run in constant stack; stack exhaustion is a RangeError and the instance lives on', () => {
  const a = ours(wat(`(module
    (type $t (func (param i64 i64) (result i64)))
    (table funcref (elem $even $odd))
    (func $count (export "count") (param i64 i64) (result i64)
      (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
        (else (return_call $count (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (i64.const 2))))))
    (func $even (export "even") (param i64 i64) (result i64)
      (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
        (else (return_call_indirect (type $t) (i64.sub (local.get 0) (i64.const 1)) (local.get 1) (i32.const 1)))))
    (func $odd (param i64 i64) (result i64)
      (if (result i64) (i64.eqz (local.get 0)) (then (i64.const -1))
        (else (return_call_indirect (type $t) (i64.sub (local.get 0) (i64.const 1)) (local.get 1) (i32.const 0)))))
    (func $deep (export "deep") (param i32) (result i32) (i32.add (call $deep (local.get 0)) (i32.const 1))))`));
  assert.deepEqual(a.call('count', 1_000_000n, 0n), [2_000_000n]);
  assert.deepEqual(a.call('even', 1_000_001n, 42n), [-1n]);
  assert.deepEqual(a.call('even', 300_000n, 42n), [42n]);
  assert.throws(() => a.call('deep', 0), RangeError);
  assert.deepEqual(a.call('count', 10n, 1n), [21n]);
});

test('multi-memory and memory64 (known answers)', () => {
  const a = ours(wat(`(module
    (memory $m 1) (memory $n i64 1 2)
    (func (export "cross") (param i32 i64) (result i64)
      (i64.store $n (local.get 1) (i64.const 0x1234567890))
      (i32.store $m (local.get 0) (i32.const 77))
      (i64.add (i64.load $n (local.get 1)) (i64.extend_i32_u (i32.load $m (local.get 0)))))
    (func (export "l64") (param i64) (result i32) (i32.load8_u $n (local.get 0)))
    (func (export "size64") (result i64) (memory.size $n))
    (func (export "grow64") (param i64) (result i64) (memory.grow $n (local.get 0)))
    (func (export "copy") (param i32 i64 i32) (memory.copy $m $n (local.get 0) (local.get 1) (local.get 2))))`));
  assert.deepEqual(a.call('cross', 16, 65528n), [0x1234567890n + 77n]);
  assert.deepEqual(a.call('l64', 65535n), [0]);
  assert.equal(trapOf(() => a.call('l64', 65536n)), 'out of bounds memory access');
  assert.equal(trapOf(() => a.call('l64', 1n << 40n)), 'out of bounds memory access');
  assert.equal(trapOf(() => a.call('l64', -1n)), 'out of bounds memory access');
  assert.deepEqual(a.call('size64'), [1n]);
  assert.deepEqual(a.call('grow64', 1n), [1n]);
  assert.deepEqual(a.call('grow64', 1n), [-1n]);
  assert.deepEqual(a.call('grow64', 1n << 40n), [-1n]);
  assert.deepEqual(a.call('l64', 65536n), [0]);
  a.call('copy', 0, 65528n, 8);
  assert.equal(trapOf(() => a.call('copy', 65530, 0n, 8)), 'out of bounds memory access');
});

function funcType(params: number[], results: number[]): number {
  return registerRecGroup([{ final: true, supers: [], comp: { kind: KIND_FUNC, params, results } }], 0, [])[0];
}
const lim = (min: number, max: number | null = null): Limits => ({ min, max, addr64: false, shared: false, pageSizeLog2: 16 });

test('instantiation: imports checked and linked, globals, start, segments applied in order', () => {
  const bytes = wat(`(module
    (import "m" "add" (func $add (param i64 i32) (result i64)))
    (import "m" "g" (global $g i32))
    (import "m" "mg" (global $mg (mut i64)))
    (import "m" "mem" (memory 1))
    (import "m" "tab" (table 2 funcref))
    (global $h i32 (i32.add (global.get $g) (i32.const 10)))
    (global $k (mut f64) (f64.const 1.5))
    (func $start (global.set $mg (call $add (global.get $mg) (global.get $h))))
    (start $start)
    (data (i32.const 8) "ab")
    (elem (i32.const 1) $start)
    (func (export "mg") (result i64) (global.get $mg))
    (func (export "k") (param f64) (result f64) (global.set $k (f64.add (global.get $k) (local.get 0))) (global.get $k)))`);
  const m = compileModule(bytes);
  const add = hostFunc(funcType([I64, I32], [I64]), ([x, y]) => [(x as bigint) + BigInt(y as number)]);
  const g = createGlobal({ type: I32, mutable: false }, 5);
  const mg = createGlobal({ type: I64, mutable: true }, 1n << 33n);
  const mem = createMemory(lim(1));
  const tab = createTable({ elem: FUNCREF, limits: lim(2) }, null);
  const inst = instantiate(m, [add, g, mg, mem, tab]);
  assert.equal(mg.value, (1n << 33n) + 15n, 'start ran');
  assert.equal(new Uint8Array(mem.buffer)[9], 'b'.charCodeAt(0));
  assert.notEqual(tab.get(1), null);
  const call = (n: string, ...args: Value[]): Value[] => invoke(inst.exports.find((e) => e.name === n)!.value as FuncInst, args);
  assert.deepEqual(call('k', 2), [3.5]);
  assert.deepEqual(call('mg'), [(1n << 33n) + 15n]);

  const bad = (imports: unknown[], why: RegExp): void => {
    assert.throws(() => instantiate(m, imports as never), (e: unknown) => e instanceof LinkError && why.test((e as Error).message));
  };
  bad([hostFunc(funcType([I64], [I64]), () => [0n]), g, mg, mem, tab], /"m" "add"/);
  bad([add, createGlobal({ type: I32, mutable: true }, 5), mg, mem, tab], /"m" "g"/);
  bad([add, g, createGlobal({ type: F64, mutable: true }, 0), mem, tab], /"m" "mg"/);
  bad([add, g, mg, createMemory({ ...lim(0), max: 1 }), tab], /"m" "mem"/);
  bad([add, g, mg, mem, createTable({ elem: FUNCREF, limits: lim(1) }, null)], /"m" "tab"/);
  bad([add, g, mg, tab, mem], /"m" "mem"/);

  // A later segment out of bounds: earlier segments stay applied, instantiation traps.
  const seg = compileModule(wat(`(module (import "m" "mem" (memory 1))
    (data (i32.const 0) "x") (data (i32.const 65535) "yz"))`));
  const mem2 = createMemory(lim(1));
  assert.throws(() => instantiate(seg, [mem2]), (e: unknown) => e instanceof RuntimeError && /out of bounds memory access/.test((e as Error).message));
  assert.equal(new Uint8Array(mem2.buffer)[0], 'x'.charCodeAt(0));
  assert.equal(new Uint8Array(mem2.buffer)[65535], 0);
});

test('NaN bit patterns survive locals, calls, select, memory and globals', () => {
  const a = ours(wat(`(module (memory 1) (global $g (mut f32) (f32.const 0))
    (func $id (param f32) (result f32) (local.get 0))
    (func (export "f") (param i32) (result i32) (local f32)
      (local.set 1 (f32.reinterpret_i32 (local.get 0)))
      (f32.store (i32.const 4) (select (call $id (local.get 1)) (f32.const 0) (i32.const 1)))
      (global.set $g (f32.load (i32.const 4)))
      (i32.reinterpret_f32 (f32.neg (f32.neg (global.get $g)))))
    (func (export "d") (param i64) (result i64)
      (f64.store (i32.const 8) (f64.abs (f64.reinterpret_i64 (local.get 0))))
      (i64.reinterpret_f64 (f64.copysign (f64.load (i32.const 8)) (f64.const -1)))))`));
  for (const bits of [0x7f800001, 0x7fa00000, -0x7fffffff, 0x7fc00001]) assert.deepEqual(a.call('f', bits), [bits]);
  // A signalling f64 NaN: abs, store, load and copysign keep its payload and set only the sign.
  assert.deepEqual(a.call('d', 0x7ff0000000000001n), [BigInt.asIntN(64, 0xfff0000000000001n)]);
});

test('memory views are reloaded after calls that may grow memory (direct, nested, host)', () => {
  const growHost = hostFunc(funcType([], []), () => {
    mem.grow(1);
    return [];
  });
  const mem = createMemory(lim(1, 10));
  const a = ours(wat(`(module (import "m" "grow" (func $hg)) (import "m" "mem" (memory 1 10))
    (func $g (drop (memory.grow (i32.const 1))))
    (func $outer (call $g))
    (func $leaf (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
    (func (export "direct") (result i32) (call $g) (i32.load (i32.const 65536)))
    (func (export "nested") (result i32) (call $outer) (i32.load (i32.const 131072)))
    (func (export "host") (result i32) (call $hg) (i32.store (i32.const 196608) (i32.const 9)) (i32.load (i32.const 196608)))
    (func (export "leaf") (result i32) (i32.load (call $leaf (i32.const 199999)))))`), [growHost, mem]);
  assert.deepEqual(a.call('direct'), [0]);
  assert.deepEqual(a.call('nested'), [0]);
  assert.deepEqual(a.call('host'), [9]);
  assert.deepEqual(a.call('leaf'), [0]);
});

test('exceptions: tags, payloads, rethrow, JS exceptions caught by catch_all only, traps never caught', () => {
  const jsError = new TypeError('from the host');
  const thrower = hostFunc(funcType([I32], []), ([mode]) => {
    if (mode === 1) throw jsError;
    if (mode === 2) return (a.call('trap') as never);
    return [];
  });
  const a = ours(wat(`(module
    (import "m" "host" (func $host (param i32)))
    (tag $t (param i32 i64))
    (tag $u)
    (func (export "trap") unreachable)
    (func $raise (param i32) (throw $t (local.get 0) (i64.const -7)))
    (func (export "payload") (param i32) (result i32 i64)
      (block $h (result i32 i64)
        (try_table (catch $t $h) (call $raise (local.get 0)))
        (i32.const 0) (i64.const 0)))
    (func (export "order") (result i32)
      (block $all
        (block $u (try_table (catch $u $u) (catch_all $all) (throw $t (i32.const 1) (i64.const 1))))
        (return (i32.const 1)))
      (i32.const 2))
    (func (export "rethrow") (result i32)
      block $outer (result i32 i64)
        try_table (catch $t $outer)
          block $h (result exnref)
            try_table (catch_all_ref $h)
              i32.const 9
              call $raise
            end
            i32.const -1
            return
          end
          throw_ref
        end
        unreachable
      end
      drop)
    (func (export "host") (param i32) (result i32)
      (block $h (try_table (catch_all $h) (call $host (local.get 0))) (return (i32.const 0)))
      (i32.const 1)))`), [thrower]);
  assert.deepEqual(a.call('payload', 42), [42, -7n]);
  assert.deepEqual(a.call('order'), [2]);
  assert.deepEqual(a.call('rethrow'), [9]);
  assert.deepEqual(a.call('host', 0), [0]);
  assert.deepEqual(a.call('host', 1), [1], 'a JS exception is caught by catch_all');
  assert.throws(() => a.call('host', 2), RuntimeError, 'a trap passes through try_table');
  // Uncaught, a wasm exception reaches the embedder as an ExnInst with boxed arguments.
  const b = ours(wat(`(module (tag $t (export "t") (param f64 i64)) (func (export "f") (throw $t (f64.const 1.5) (i64.const -1))))`));
  assert.throws(() => b.call('f'), (e: unknown) => {
    const x = e as { tag: unknown; args: Value[] };
    return x.tag === b.get('t') && x.args[0] === 1.5 && x.args[1] === -1n;
  });
});

test('compact code (for functions too big for the optimising JIT) behaves the same', () => {
  const saved = TUNING.compactBytes;
  TUNING.compactBytes = 0;
  try {
    differential(`(module (memory 1 2)
      (func (export "rw") (param i32 i64 f32 f64) (result i64)
        (i64.store offset=3 (local.get 0) (local.get 1))
        (f32.store offset=16 (local.get 0) (local.get 2))
        (f64.store offset=24 (local.get 0) (local.get 3))
        (i32.store16 offset=40 (local.get 0) (i32.const -2))
        (i64.add (i64.load offset=3 (local.get 0))
          (i64.add (i64.load16_s offset=40 (local.get 0)) (i64.load8_u offset=41 (local.get 0)))))
      (func (export "f32") (param i32) (result f32) (f32.load offset=16 (local.get 0)))
      (func (export "f64") (param i32) (result f64) (f64.load offset=24 (local.get 0)))
      (func (export "grow") (param i32) (result i32) (i32.add (memory.grow (local.get 0)) (memory.size))))`,
    [['rw', 0, -5n, 1.5, -2.25], ['rw', 65488, 1n << 40n, 0, 0], ['rw', 65489, 1n, 0, 0], ['f32', 0], ['f64', 0],
      ['grow', 1], ['rw', 131000, 7n, 2, 3], ['grow', 1], ['rw', -1, 0n, 0, 0]]);
  } finally {
    TUNING.compactBytes = saved;
  }
});
