// The js-string builtin set (JS API "Builtins", "String Builtins") with the compile options
// `builtins: ['js-string']` and `importedStringConstants`: import type checks at compile time,
// Module.imports, instantiation without the import object, and each builtin's steps and traps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModule } from '../../src/text/parse.js';
import { ours as W } from './oracle.js';

const OPTS = { builtins: ['js-string'] };

const SRC = `(module
  (type $a (array (mut i16)))
  (import "wasm:js-string" "cast" (func $cast (param externref) (result (ref extern))))
  (import "wasm:js-string" "test" (func $test (param externref) (result i32)))
  (import "wasm:js-string" "fromCharCodeArray" (func $fcca (param (ref null $a) i32 i32) (result (ref extern))))
  (import "wasm:js-string" "intoCharCodeArray" (func $icca (param externref (ref null $a) i32) (result i32)))
  (import "wasm:js-string" "fromCharCode" (func $fcc (param i32) (result (ref extern))))
  (import "wasm:js-string" "fromCodePoint" (func $fcp (param i32) (result externref)))
  (import "wasm:js-string" "charCodeAt" (func $cca (param externref i32) (result i32)))
  (import "wasm:js-string" "codePointAt" (func $cpa (param externref i32) (result i32)))
  (import "wasm:js-string" "length" (func $len (param externref) (result i32)))
  (import "wasm:js-string" "concat" (func $concat (param externref externref) (result (ref extern))))
  (import "wasm:js-string" "substring" (func $sub (param externref i32 i32) (result (ref extern))))
  (import "wasm:js-string" "equals" (func $eq (param externref externref) (result i32)))
  (import "wasm:js-string" "compare" (func $cmp (param externref externref) (result i32)))
  (import "str" "hello" (global $hello (ref extern)))
  (import "str" "😀 ok" (global $emoji externref))
  (import "env" "other" (func $other (result i32)))
  (func (export "cast") (param externref) (result externref) (call $cast (local.get 0)))
  (func (export "test") (param externref) (result i32) (call $test (local.get 0)))
  (func (export "fromCharCode") (param i32) (result externref) (call $fcc (local.get 0)))
  (func (export "fromCodePoint") (param i32) (result externref) (call $fcp (local.get 0)))
  (func (export "charCodeAt") (param externref i32) (result i32) (call $cca (local.get 0) (local.get 1)))
  (func (export "codePointAt") (param externref i32) (result i32) (call $cpa (local.get 0) (local.get 1)))
  (func (export "length") (param externref) (result i32) (call $len (local.get 0)))
  (func (export "concat") (param externref externref) (result externref) (call $concat (local.get 0) (local.get 1)))
  (func (export "substring") (param externref i32 i32) (result externref) (call $sub (local.get 0) (local.get 1) (local.get 2)))
  (func (export "equals") (param externref externref) (result i32) (call $eq (local.get 0) (local.get 1)))
  (func (export "compare") (param externref externref) (result i32) (call $cmp (local.get 0) (local.get 1)))
  (func (export "hello") (result externref) (global.get $hello))
  (func (export "emoji") (result externref) (global.get $emoji))
  (func (export "other") (result i32) (call $other))
  ;; a string through an i16 array and back: intoCharCodeArray at 1, fromCharCodeArray [1, 1 + n)
  (func (export "roundTrip") (param externref) (result externref)
    (local $arr (ref $a)) (local $n i32)
    (local.set $arr (array.new_default $a (i32.add (call $len (local.get 0)) (i32.const 2))))
    (local.set $n (call $icca (local.get 0) (local.get $arr) (i32.const 1)))
    (call $fcca (local.get $arr) (i32.const 1) (i32.add (i32.const 1) (local.get $n))))
  (func (export "into") (param externref i32 i32) (result i32)
    (call $icca (local.get 0) (array.new_default $a (local.get 1)) (local.get 2)))
  (func (export "intoNull") (param externref) (result i32) (call $icca (local.get 0) (ref.null $a) (i32.const 0)))
  (func (export "from") (param i32 i32 i32) (result externref)
    (call $fcca (array.new $a (i32.const 65) (local.get 0)) (local.get 1) (local.get 2)))
  (func (export "fromNull") (result externref) (call $fcca (ref.null $a) (i32.const 0) (i32.const 0))))`;

const bytes = parseModule(SRC);
const OPTS_S = { builtins: ['js-string'], importedStringConstants: 'str' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function instance(): any {
  const m = new W.Module(bytes, OPTS_S);
  return new W.Instance(m, { env: { other: () => 42 } }).exports;
}

test('compile: builtin imports leave Module.imports; the rest stay', () => {
  const m = new W.Module(bytes, OPTS_S);
  assert.deepEqual(W.Module.imports(m), [{ kind: 'function', module: 'env', name: 'other' }]);
  assert.equal(W.validate(bytes, OPTS_S), true);
  // Without the option, wasm:js-string is an ordinary module name.
  assert.equal(W.Module.imports(new W.Module(bytes)).length, 16);
});

test('compile: a builtin import with another type (or another kind) is a CompileError', () => {
  const bad = [
    '(import "wasm:js-string" "length" (func (param externref) (result i64)))',
    '(import "wasm:js-string" "length" (func (param anyref) (result i32)))',
    '(import "wasm:js-string" "cast" (func (param externref) (result externref)))',
    '(import "wasm:js-string" "test" (global i32))',
    '(type $b (array (mut i8))) (import "wasm:js-string" "fromCharCodeArray" (func (param (ref null $b) i32 i32) (result (ref extern))))',
    '(type $b (array i16)) (import "wasm:js-string" "fromCharCodeArray" (func (param (ref null $b) i32 i32) (result (ref extern))))',
  ];
  // Function types match by declared subtyping only: a structurally "wider" type does not match.
  const ok = [false, false, false, false, false, false];
  bad.forEach((imp, i) => {
    const b = parseModule(`(module ${imp})`);
    assert.equal(W.validate(b, OPTS), ok[i], imp);
    assert.equal(W.validate(b), true, 'valid without the option');
    if (!ok[i]) assert.throws(() => new W.Module(b, OPTS), W.CompileError);
  });
  // An unknown name in wasm:js-string is an ordinary import.
  const unknown = parseModule('(module (import "wasm:js-string" "nope" (func)))');
  assert.equal(W.validate(unknown, OPTS), true);
  assert.deepEqual(W.Module.imports(new W.Module(unknown, OPTS)), [{ kind: 'function', module: 'wasm:js-string', name: 'nope' }]);
  // A compatible type other than the builtin's own: the builtin's type must match the import's.
  assert.equal(W.validate(parseModule('(module (import "wasm:js-string" "length" (func (param externref) (result i32))))'), OPTS), true);
});

test('instantiate: builtins and string constants need nothing in the import object', async () => {
  const x = instance();
  assert.equal(x.hello(), 'hello');
  assert.equal(x.emoji(), '😀 ok');
  assert.equal(x.other(), 42);
  const r = await W.instantiate(bytes, { env: { other: () => 1 } }, OPTS_S);
  assert.equal(r.instance.exports.hello(), 'hello');
  // The import object is used for a name the builtin set does not have.
  const u = parseModule('(module (import "wasm:js-string" "nope" (func (result i32))) (func (export "f") (result i32) (call 0)))');
  const xi = new W.Instance(new W.Module(u, OPTS), { 'wasm:js-string': { nope: () => 9 } }).exports;
  assert.equal(xi.f(), 9);
  // Without the options, wasm:js-string is looked up in the import object.
  assert.throws(() => new W.Instance(new W.Module(bytes), { env: { other: () => 1 } }), TypeError);
});

test('cast, test, length, concat, equals, compare', () => {
  const x = instance();
  assert.equal(x.cast('abc'), 'abc');
  for (const v of [null, undefined, 1, {}, new String('s'), Symbol('s')]) {
    assert.throws(() => x.cast(v), W.RuntimeError, String(typeof v));
    assert.equal(x.test(v), 0);
    assert.throws(() => x.length(v), W.RuntimeError);
  }
  assert.equal(x.test(''), 1);
  assert.equal(x.length(''), 0);
  assert.equal(x.length('😀'), 2);
  assert.equal(x.concat('ab', 'cd'), 'abcd');
  assert.throws(() => x.concat('ab', 1), W.RuntimeError);
  assert.throws(() => x.concat(null, 'a'), W.RuntimeError);
  assert.equal(x.equals('a', 'a'), 1);
  assert.equal(x.equals('a', 'b'), 0);
  assert.equal(x.equals(null, null), 1, 'null strings compare');
  assert.equal(x.equals(null, 'a'), 0);
  assert.throws(() => x.equals(1, 'a'), W.RuntimeError);
  assert.throws(() => x.equals('a', {}), W.RuntimeError);
  assert.equal(x.compare('a', 'b'), -1);
  assert.equal(x.compare('b', 'a'), 1);
  assert.equal(x.compare('a', 'a'), 0);
  assert.equal(x.compare('\uffff', '😀'), 1, 'code unit order');
  assert.equal(x.compare('', 'a'), -1);
  assert.throws(() => x.compare(null, 'a'), W.RuntimeError);
});

test('fromCharCode, fromCodePoint, charCodeAt, codePointAt', () => {
  const x = instance();
  assert.equal(x.fromCharCode(65), 'A');
  assert.equal(x.fromCharCode(0x10041), 'A', 'ToUint16');
  assert.equal(x.fromCharCode(-1), '\uffff');
  assert.equal(x.fromCodePoint(0x1f600), '😀');
  assert.equal(x.fromCodePoint(0x10ffff), '\u{10ffff}');
  assert.throws(() => x.fromCodePoint(0x110000), W.RuntimeError);
  assert.throws(() => x.fromCodePoint(-1), W.RuntimeError, 'an i32 operand is unsigned');
  assert.equal(x.charCodeAt('😀a', 0), 0xd83d);
  assert.equal(x.charCodeAt('😀a', 2), 97);
  assert.throws(() => x.charCodeAt('abc', 3), W.RuntimeError);
  assert.throws(() => x.charCodeAt('abc', -1), W.RuntimeError);
  assert.throws(() => x.charCodeAt(5, 0), W.RuntimeError);
  assert.equal(x.codePointAt('😀a', 0), 0x1f600);
  assert.equal(x.codePointAt('😀a', 1), 0xde00);
  assert.throws(() => x.codePointAt('abc', 3), W.RuntimeError);
});

test('substring', () => {
  const x = instance();
  assert.equal(x.substring('hello', 1, 3), 'el');
  assert.equal(x.substring('hello', 1, 100), 'ello');
  assert.equal(x.substring('hello', 3, 1), '', 'start > end');
  assert.equal(x.substring('hello', 6, 9), '', 'start > length');
  assert.equal(x.substring('hello', 5, 5), '');
  assert.equal(x.substring('hello', -1, 3), '', 'start is unsigned: > length');
  assert.throws(() => x.substring(null, 0, 0), W.RuntimeError);
});

test('fromCharCodeArray and intoCharCodeArray', () => {
  const x = instance();
  for (const s of ['', 'abc', '😀 \u0000 \uffff', 'x'.repeat(1000)]) assert.equal(x.roundTrip(s), s);
  assert.equal(x.into('abc', 3, 0), 3);
  assert.equal(x.into('abc', 5, 2), 3);
  assert.throws(() => x.into('abc', 5, 3), W.RuntimeError, 'start + length > array length');
  assert.throws(() => x.into('abc', 5, -1), W.RuntimeError, 'start is unsigned');
  assert.throws(() => x.into(1, 5, 0), W.RuntimeError);
  assert.throws(() => x.intoNull('a'), W.RuntimeError);
  assert.equal(x.from(3, 0, 3), 'AAA');
  assert.equal(x.from(3, 1, 2), 'A');
  assert.equal(x.from(3, 2, 2), '');
  assert.throws(() => x.from(3, 2, 1), W.RuntimeError, 'start > end');
  assert.throws(() => x.from(3, 0, 4), W.RuntimeError, 'end > length');
  assert.throws(() => x.from(3, 0, -1), W.RuntimeError, 'end is unsigned');
  assert.throws(() => x.fromNull(), W.RuntimeError);
});

test('importedStringConstants: only global const (ref extern) (or a supertype) imports', () => {
  const S = { importedStringConstants: 's' };
  assert.equal(W.validate(parseModule('(module (import "s" "x" (global externref)))'), S), true);
  assert.equal(W.validate(parseModule('(module (import "s" "x" (global (ref extern))))'), S), true);
  assert.equal(W.validate(parseModule('(module (import "s" "x" (global (mut externref))))'), S), false);
  assert.equal(W.validate(parseModule('(module (import "s" "x" (global i32)))'), S), false);
  assert.equal(W.validate(parseModule('(module (import "s" "x" (func)))'), S), false);
  assert.equal(W.validate(parseModule('(module (import "s" "x" (global anyref)))'), S), false);
  const m = new W.Module(parseModule('(module (import "s" "" (global $e externref)) (import "s" "\\00z" (global $z externref)) (func (export "e") (result externref) (global.get $e)) (func (export "z") (result externref) (global.get $z)))'), S);
  assert.deepEqual(W.Module.imports(m), []);
  // "Read the imports" asks for an import object whenever the module has imports, even these.
  assert.throws(() => new W.Instance(m), TypeError);
  const x = new W.Instance(m, {}).exports;
  assert.equal(x.e(), '');
  assert.equal(x.z(), '\u0000z');
});
