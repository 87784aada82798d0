// GC values at the JS boundary (JS API ToWebAssemblyValue / ToJSValue): i31 references as Numbers
// with the spec's range check, structs and arrays as Exported GC Objects (one per reference, the
// same object back in wasm), host values in anyref, null and the non-nullable and concrete forms,
// extern.convert_any / any.convert_extern round trips, and Globals/Tables of those types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModule } from '../../src/text/parse.js';
import { ours as W } from './oracle.js';

const SRC = `(module
  (type $s (sub (struct (field (mut i32)))))
  (type $sub (sub $s (struct (field (mut i32)) (field i64))))
  (type $a (array (mut i32)))
  (global $keep (mut anyref) (ref.null any))
  (global (export "g") (mut anyref) (ref.null any))
  (global (export "gs") (mut (ref null $s)) (ref.null $s))
  (global (export "gc") anyref (ref.i31 (i32.const -7)))
  (table (export "tab") 2 anyref)
  (table (export "teq") 1 eqref)
  (func (export "newS") (param i32) (result (ref $s)) (struct.new $s (local.get 0)))
  (func (export "newSub") (param i32) (result (ref $sub)) (struct.new $sub (local.get 0) (i64.const 1)))
  (func (export "getS") (param (ref null $s)) (result i32) (struct.get $s 0 (local.get 0)))
  (func (export "setS") (param (ref $s) i32) (struct.set $s 0 (local.get 0) (local.get 1)))
  (func (export "getSub") (param (ref $sub)) (result i32) (struct.get $sub 0 (local.get 0)))
  (func (export "newA") (param i32) (result (ref $a)) (array.new $a (i32.const 9) (local.get 0)))
  (func (export "len") (param arrayref) (result i32) (array.len (local.get 0)))
  (func (export "i31") (param i32) (result i31ref) (ref.i31 (local.get 0)))
  (func (export "i31u") (param i31ref) (result i32) (i31.get_u (local.get 0)))
  (func (export "any") (param anyref) (result anyref) (local.get 0))
  (func (export "anyNN") (param (ref any)) (result (ref any)) (local.get 0))
  (func (export "eq") (param eqref) (result eqref) (local.get 0))
  (func (export "i31id") (param i31ref) (result i31ref) (local.get 0))
  (func (export "struct") (param structref) (result structref) (local.get 0))
  (func (export "array") (param arrayref) (result arrayref) (local.get 0))
  (func (export "none") (param nullref) (result nullref) (local.get 0))
  (func (export "refS") (param (ref $s)) (result (ref $s)) (local.get 0))
  (func (export "refSub") (param (ref null $sub)) (result (ref null $sub)) (local.get 0))
  (func (export "keep") (param anyref) (global.set $keep (local.get 0)))
  (func (export "kept") (result anyref) (global.get $keep))
  (func (export "same") (param anyref anyref) (result i32)
    (ref.eq (ref.cast eqref (local.get 0)) (ref.cast eqref (local.get 1))))
  (func (export "isI31") (param anyref) (result i32) (ref.test (ref i31) (local.get 0)))
  (func (export "isS") (param anyref) (result i32) (ref.test (ref $s) (local.get 0)))
  (func (export "externalize") (param anyref) (result externref) (extern.convert_any (local.get 0)))
  (func (export "internalize") (param externref) (result anyref) (any.convert_extern (local.get 0)))
  (func (export "extIsI31") (param externref) (result i32) (ref.test (ref i31) (any.convert_extern (local.get 0))))
  (func (export "extGetS") (param externref) (result i32)
    (struct.get $s 0 (ref.cast (ref $s) (any.convert_extern (local.get 0))))))`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const x: any = new W.Instance(new W.Module(parseModule(SRC))).exports;

test('i31: Numbers in [-2^30, 2^30) that are int32 values, signed on the way out', () => {
  assert.equal(x.i31(5), 5);
  assert.equal(x.i31(-1), -1);
  assert.equal(x.i31(0x40000000), -(2 ** 30), 'ref.i31 keeps 31 bits, read back signed');
  assert.equal(x.i31(0x3fffffff), 0x3fffffff);
  assert.equal(x.i31(0x7fffffff), -1);
  assert.equal(x.i31(0x80000001), 1);
  for (const v of [0, 1, -1, 2 ** 30 - 1, -(2 ** 30)]) {
    assert.equal(x.i31id(v), v);
    assert.equal(x.any(v), v);
    assert.equal(x.eq(v), v);
    assert.equal(x.isI31(v), 1);
    assert.equal(x.i31u(v), v & 0x7fffffff);
  }
  // -0 is not an i31 (WebAssembly/spec#1984): a host value, so identity survives externref/anyref.
  assert.throws(() => x.i31id(-0), TypeError);
  assert.ok(Object.is(x.any(-0), -0));
  assert.equal(x.isI31(-0), 0);
  for (const v of [2 ** 30, -(2 ** 30) - 1, 1.5, NaN, Infinity, 2 ** 31, '5', 5n, {}, true]) {
    assert.throws(() => x.i31id(v), TypeError, `i31ref ${String(v)}`);
    assert.throws(() => x.eq(v), TypeError, `eqref ${String(v)}`);
  }
  // Outside the range a Number is a host value: anyref only.
  for (const v of [2 ** 30, 1.5, NaN, -(2 ** 31)]) {
    assert.ok(Object.is(x.any(v), v));
    assert.equal(x.isI31(v), 0);
  }
  assert.equal(x.i31id(null), null, 'i31ref is nullable');
}, );

test('null and non-nullable forms', () => {
  for (const f of ['any', 'eq', 'i31id', 'struct', 'array', 'none', 'refSub']) assert.equal(x[f](null), null, f);
  assert.throws(() => x.anyNN(null), TypeError);
  assert.throws(() => x.refS(null), TypeError);
  assert.throws(() => x.getS(null), WebAssembly.RuntimeError === undefined ? Error : Error, 'null struct traps');
  for (const v of [0, {}, 'x', undefined]) assert.throws(() => x.none(v), TypeError, `nullref ${String(v)}`);
  assert.throws(() => x.none(x.newS(1)), TypeError);
  const o = { host: true };
  assert.equal(x.anyNN(o), o, 'host values are (ref any)');
  for (const f of ['eq', 'struct', 'array', 'refS', 'refSub']) assert.throws(() => x[f](o), TypeError, `${f} of a host object`);
});

test('structs and arrays are Exported GC Objects: one object per reference, identity kept', () => {
  const s = x.newS(3);
  assert.equal(typeof s, 'object');
  assert.equal(Object.getPrototypeOf(s), null);
  assert.deepEqual(Reflect.ownKeys(s), []);
  assert.throws(() => { s.x = 1; }, TypeError);
  assert.equal(s.x, undefined);
  assert.equal(x.getS(s), 3);
  x.setS(s, 8);
  assert.equal(x.getS(s), 8);
  assert.equal(x.refS(s), s);
  assert.equal(x.any(s), s);
  assert.equal(x.eq(s), s);
  assert.equal(x.struct(s), s);
  x.keep(s);
  assert.equal(x.kept(), s, 'the same object each time the reference leaves');
  assert.equal(x.same(s, x.kept()), 1, 'and the same reference back in wasm');
  assert.notEqual(x.newS(3), s);
  assert.equal(x.isS(s), 1);
  const a = x.newA(4);
  assert.equal(Object.getPrototypeOf(a), null);
  assert.equal(x.len(a), 4);
  assert.equal(x.array(a), a);
  assert.equal(x.eq(a), a);
  assert.throws(() => x.len(s), TypeError, 'a struct is not an arrayref');
  assert.throws(() => x.struct(a), TypeError, 'an array is not a structref');
  assert.throws(() => x.refS(a), TypeError);
  assert.throws(() => x.i31id(s), TypeError);
  assert.throws(() => x.none(a), TypeError);
  assert.equal(x.isS(a), 0);
});

test('concrete types: subtypes pass, supertypes and siblings do not', () => {
  const sub = x.newSub(6);
  assert.equal(x.refS(sub), sub);
  assert.equal(x.getS(sub), 6);
  assert.equal(x.getSub(sub), 6);
  assert.equal(x.refSub(sub), sub);
  assert.throws(() => x.refSub(x.newS(1)), TypeError, '$s is not a $sub');
  assert.throws(() => x.getSub(x.newS(1)), TypeError);
});

test('extern.convert_any / any.convert_extern round trips', () => {
  const s = x.newS(11);
  assert.equal(x.externalize(s), s, 'a struct through externref is its Exported GC Object');
  assert.equal(x.externalize(7), 7, 'an i31 through externref is its Number');
  assert.equal(x.internalize(s), s);
  assert.equal(x.extGetS(s), 11, 'an Exported GC Object passed as externref is the struct inside');
  assert.equal(x.extIsI31(5), 1, 'an i31-range Number passed as externref is ref.extern (ref.i31)');
  assert.equal(x.extIsI31(2 ** 30), 0);
  assert.equal(x.extIsI31({}), 0);
  assert.equal(x.internalize(-3), -3);
  const o = {};
  assert.equal(x.internalize(o), o);
  assert.equal(x.externalize(o), o);
  assert.equal(x.internalize(null), null);
});

test('Globals and Tables of GC types from JS', () => {
  assert.equal(x.gc.value, -7);
  assert.throws(() => { x.gc.value = 1; }, TypeError, 'immutable');
  const s = x.newS(2);
  for (const v of [s, 5, 'host', 2 ** 40, null, x.newA(1)]) {
    x.g.value = v;
    assert.equal(x.g.value, v);
  }
  x.gs.value = s;
  assert.equal(x.gs.value, s);
  x.gs.value = x.newSub(1);
  assert.throws(() => { x.gs.value = x.newA(1); }, TypeError);
  assert.throws(() => { x.gs.value = 5; }, TypeError);
  x.gs.value = null;
  assert.equal(x.tab.get(0), null);
  x.tab.set(0, s);
  x.tab.set(1, 123);
  assert.equal(x.tab.get(0), s);
  assert.equal(x.tab.get(1), 123);
  assert.equal(x.tab.grow(2, 'str'), 2);
  assert.equal(x.tab.get(3), 'str');
  x.teq.set(0, s);
  assert.equal(x.teq.get(0), s);
  assert.throws(() => x.teq.set(0, {}), TypeError, 'a host object is not an eqref');
  assert.throws(() => x.teq.grow(1, 'str'), TypeError);
});

test('GC values in exception payloads', () => {
  const t = new W.Tag({ parameters: ['externref'] });
  const s = x.newS(1);
  const e = new W.Exception(t, [s]);
  assert.equal(e.getArg(t, 0), s);
  const e2 = new W.Exception(t, [5]);
  assert.equal(e2.getArg(t, 0), 5);
});

test('GC values through host functions and wasm exceptions', () => {
  const src = `(module
    (type $s (struct (field i32)))
    (import "m" "echo" (func $echo (param (ref $s)) (result (ref $s))))
    (import "m" "i31" (func $i31 (result i31ref)))
    (tag $t (export "t") (param anyref))
    (func (export "viaHost") (param i32) (result i32)
      (struct.get $s 0 (call $echo (struct.new $s (local.get 0)))))
    (func (export "hostI31") (result i32) (i31.get_s (call $i31)))
    (func (export "throwS") (param i32) (throw $t (struct.new $s (local.get 0))))
    (func (export "getS") (param anyref) (result i32) (struct.get $s 0 (ref.cast (ref $s) (local.get 0)))))`;
  const seen: unknown[] = [];
  let i31: unknown = 0;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const y: any = new W.Instance(new W.Module(parseModule(src)), {
    m: { echo: (o: unknown) => { seen.push(o); return o; }, i31: () => i31 },
  }).exports;
  assert.equal(y.viaHost(12), 12);
  assert.equal(Object.getPrototypeOf(seen[0]), null, 'the host function sees an Exported GC Object');
  i31 = -5;
  assert.equal(y.hostI31(), -5);
  i31 = 2 ** 30;
  assert.throws(() => y.hostI31(), TypeError, 'a host result out of the i31 range');
  let e: { getArg(t: unknown, i: number): unknown } | undefined;
  try { y.throwS(4); } catch (x) { e = x as typeof e; }
  const s = e!.getArg(y.t, 0);
  assert.equal(e!.getArg(y.t, 0), s, 'the same object on each read');
  assert.equal(y.getS(s), 4);
});
