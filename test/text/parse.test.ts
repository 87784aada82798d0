import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModule, parseModuleNode, parseModuleAst, TextError } from '../../src/text/parse.js';
import { parseSExprs, type SList } from '../../src/text/sexpr.js';

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

function wat(source: string): number[] {
  return Array.from(parseModule(source));
}

/** The payload of section `id` of a module (assumes one-byte section sizes). */
function section(b: number[], id: number): number[] | null {
  for (let p = 8; p < b.length; p += 2 + b[p + 1]) if (b[p] === id) return b.slice(p + 2, p + 2 + b[p + 1]);
  return null;
}

function code(b: number[]): number[] {
  // The first function body's instructions (one-byte sizes, no locals).
  const c = section(b, 10)!;
  assert.equal(c[2], 0, 'no locals');
  return c.slice(3, 2 + c[1]);
}

function rejects(source: string, reason: RegExp, line?: number, column?: number): void {
  assert.throws(() => parseModule(source), (e: unknown) => {
    assert.ok(e instanceof TextError, `not a TextError: ${e}`);
    assert.match(e.message, reason);
    if (line !== undefined) assert.equal(e.line, line);
    if (column !== undefined) assert.equal(e.column, column);
    return true;
  });
}

test('empty modules, bare fields, module ids', () => {
  assert.deepEqual(wat('(module)'), HEADER);
  assert.deepEqual(wat('(module $m)'), HEADER);
  assert.deepEqual(wat(''), HEADER);
  assert.deepEqual(wat('(func)'), wat('(module (func))'));
});

test('inline imports and exports keep text order; imports come first in the index space', () => {
  const b = wat('(module (func $f (export "a") (export "b") (import "m" "n") (param i32)) (func (export "c") (call $f (i32.const 1))))');
  assert.deepEqual(section(b, 1), [2, 0x60, 1, 0x7f, 0, 0x60, 0, 0]);
  assert.deepEqual(section(b, 2), [1, 1, 0x6d, 1, 0x6e, 0x00, 0]);
  assert.deepEqual(section(b, 3), [1, 1]);
  assert.deepEqual(section(b, 7), [3, 1, 0x61, 0, 0, 1, 0x62, 0, 0, 1, 0x63, 0, 1]);
  assert.deepEqual(code(b), [0x41, 1, 0x10, 0, 0x0b]);
});

test('type uses: explicit types are reused, missing ones are appended after all explicit ones', () => {
  const b = wat('(module (func (param i32)) (type $v (func)) (func (type $v)) (func (param i32)) (func (result i64) (i64.const 0)))');
  // Types: 0 = explicit [] -> [], 1 = [i32] -> [], 2 = [] -> [i64], in order of first use.
  assert.deepEqual(section(b, 1), [3, 0x60, 0, 0, 0x60, 1, 0x7f, 0, 0x60, 0, 1, 0x7e]);
  assert.deepEqual(section(b, 3), [4, 1, 0, 1, 2]);
  // A type that is not final, or in a larger rec group, is not reused; a singleton group is.
  const c = wat('(module (type (sub (func))) (rec (type (func)) (type (func))) (rec (type (func))) (func))');
  assert.deepEqual(section(c, 1), [3, 0x50, 0, 0x60, 0, 0, 0x4e, 2, 0x60, 0, 0, 0x60, 0, 0, 0x60, 0, 0]);
  assert.deepEqual(section(c, 3), [1, 3]);
  const d = wat('(module (type (sub (func))) (func))');
  assert.deepEqual(section(d, 1), [2, 0x50, 0, 0x60, 0, 0, 0x60, 0, 0]);
  rejects('(module (type $t (func (param i32))) (func (type $t) (param i64)))', /inline function type/);
});

test('locals and labels by id, folded and flat forms', () => {
  const b = wat(`(module (func (param $p i32) (result i32) (local $x i64) (local i32 i32)
    (block $out (result i32)
      (loop $l
        local.get $p
        br_if $out
        (br $l))
      (local.set 3 (local.get $p))
      i32.const 7)))`);
  const c = section(b, 10)!;
  // One body: locals 1×i64, 2×i32; block i32 (loop (get 0, br_if 1, br 0) end) set 3 … end
  assert.deepEqual(c.slice(2), [
    2, 1, 0x7e, 2, 0x7f,
    0x02, 0x7f, 0x03, 0x40, 0x20, 0, 0x0d, 1, 0x0c, 0, 0x0b, 0x20, 0, 0x21, 3, 0x41, 7, 0x0b, 0x0b,
  ].slice(0, c.length - 2));
  assert.deepEqual(code(wat('(func (block $a (block $b (br $a) (br $b) (br 0))))')), [0x02, 0x40, 0x02, 0x40, 0x0c, 1, 0x0c, 0, 0x0c, 0, 0x0b, 0x0b, 0x0b]);
  assert.deepEqual(code(wat('(func (if (i32.const 1) (then nop) (else nop)))')), code(wat('(func i32.const 1 if nop else nop end)')));
  rejects('(func block $a end $b)', /mismatching label/);
  rejects('(func (br $nowhere))', /unknown label \$nowhere/);
});

test('memory instructions: memarg, memory indices, memory64 abbreviations', () => {
  assert.deepEqual(code(wat('(memory 1) (func (i32.load offset=4 align=1 (i32.const 0)) drop)')), [0x41, 0, 0x28, 0, 4, 0x1a, 0x0b]);
  assert.deepEqual(
    code(wat('(memory 1) (memory $m 1) (func (i64.store8 $m offset=0x10 (i32.const 0) (i64.const -1)))')),
    [0x41, 0, 0x42, 0x7f, 0x3c, 0x40, 1, 0x10, 0x0b],
  );
  const b = wat('(memory i64 (data "ab"))');
  assert.deepEqual(section(b, 5), [1, 0x05, 1, 1]);
  assert.deepEqual(section(b, 11), [1, 0, 0x42, 0, 0x0b, 2, 0x61, 0x62]);
  rejects('(memory 1) (func (i32.load align=3 (i32.const 0)))', /power of two/);
});

test('tables with inline elements, element segment forms', () => {
  const b = wat('(module (func $f) (table $t funcref (elem $f $f)) (elem declare func $f) (elem (table $t) (i32.const 1) func $f))');
  assert.deepEqual(section(b, 4), [1, 0x70, 1, 2, 2]);
  assert.deepEqual(section(b, 9), [3, 4, 0x41, 0, 0x0b, 2, 0xd2, 0, 0x0b, 0xd2, 0, 0x0b, 3, 0, 1, 0, 0, 0x41, 1, 0x0b, 1, 0]);
});

test('GC types, fields by id, casts', () => {
  const b = wat(`(module
    (rec (type $a (sub (struct (field $x i32)))) (type $b (sub $a (struct (field $x i32) (field $y (mut i64))))))
    (func (param (ref null $b)) (result i64) (struct.get $b $y (local.get 0)))
    (func (param anyref) (result i32) (ref.test (ref $a) (local.get 0))))`);
  assert.deepEqual(section(b, 1)!.slice(0, 17), [3, 0x4e, 2, 0x50, 0, 0x5f, 1, 0x7f, 0, 0x50, 1, 0, 0x5f, 2, 0x7f, 0, 0x7e]);
  assert.deepEqual(section(b, 10), [2, 8, 0, 0x20, 0, 0xfb, 2, 1, 1, 0x0b, 7, 0, 0x20, 0, 0xfb, 20, 0, 0x0b]);
});

test('SIMD immediates and constants', () => {
  assert.deepEqual(
    code(wat('(func (result v128) (v128.const i16x8 -1 2 3 4 5 6 7 0x8000))')),
    [0xfd, 12, 0xff, 0xff, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0, 0x80, 0x0b],
  );
  assert.deepEqual(
    code(wat('(func (result i32) (i8x16.extract_lane_u 15 (v128.const f32x4 1 -0 nan inf)))')).slice(-4),
    [0xfd, 22, 15, 0x0b],
  );
  rejects('(func (v128.const i8x16 256 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0) drop)', /i8 constant out of range/);
});

test('exceptions: try_table catch clauses and the legacy try', () => {
  assert.deepEqual(
    code(wat('(tag $e (param i32)) (func (block $h (result i32) (try_table (catch $e $h) (catch_all 0) (throw $e (i32.const 1))) (i32.const 0)) drop)')),
    [0x02, 0x7f, 0x1f, 0x40, 2, 0x00, 0, 0, 0x02, 0, 0x41, 1, 0x08, 0, 0x0b, 0x41, 0, 0x0b, 0x1a, 0x0b],
  );
  assert.deepEqual(
    code(wat('(tag $e) (func (try $t (do (throw $e)) (catch $e (rethrow $t)) (catch_all)))')),
    [0x06, 0x40, 0x08, 0, 0x07, 0, 0x09, 0, 0x19, 0x0b, 0x0b],
  );
  assert.deepEqual(code(wat('(func (block (try (do) (delegate 0))))')), [0x02, 0x40, 0x06, 0x40, 0x18, 0, 0x0b, 0x0b]);
});

test('annotations are ignored anywhere, also when the S-expression reader keeps them', () => {
  const plain = wat('(module (func (param i32) (i32.add (i32.const 1) (i32.const 2)) drop))');
  const annotated = '((@x) module (@a x) ((@y) func (@b (nested "s")) (param (@c) i32) (i32.add (@d) (i32.const 1) (i32.const 2)) (@e) drop))';
  assert.deepEqual(wat(annotated), plain);
  assert.deepEqual(Array.from(parseModuleNode(parseSExprs(annotated)[0] as SList).bytes), plain);
});

test('script forms: binary, quote, definition', () => {
  const [bin, quote, def] = parseSExprs('(module $m binary "\\00asm" "\\01\\00\\00\\00") (module quote "(func)") (module definition $d (func))') as SList[];
  assert.deepEqual(parseModuleNode(bin), { id: 'm', definition: false, form: 'binary', bytes: Uint8Array.from(HEADER) });
  assert.deepEqual(Array.from(parseModuleNode(quote).bytes), wat('(func)'));
  const d = parseModuleNode(def);
  assert.equal(d.definition, true);
  assert.equal(d.id, 'd');
  assert.equal(parseModuleAst('(module (func))').funcs.length, 1);
});

test('errors name the position and what was expected', () => {
  rejects('(module\n  (func i32.foo))', /unknown operator i32\.foo/, 2, 9);
  rejects('(module (func $f) (func $f))', /duplicate function \$f/);
  rejects('(module (func) (import "m" "n" (func)))', /import after function/);
  rejects('(func (i32.const 0x1_0000_0000) drop)', /i32 constant out of range/);
  rejects('(func (call $g))', /unknown function \$g/);
  rejects('(module (start 0) (start 0))', /multiple start/);
  rejects('(module (func) (func (result i32) (i32.const)))', /expected an i32 literal/);
  rejects('(import "\\ff" "x" (func))', /malformed UTF-8/);
  rejects('(module (func (delegate 0)))', /unknown operator/);
});

test('element lists: `func x*`, reftype with items, and bare indices only without a table use', () => {
  const withFunc = wat('(module (func $f) (table 1 funcref) (elem (table 0) (i32.const 0) func $f))');
  assert.deepEqual(wat('(module (func $f) (table 1 funcref) (elem (i32.const 0) $f))'), withFunc);
  assert.deepEqual(wat('(module (func $f) (table 1 funcref) (elem (offset (i32.const 0)) func $f))'), withFunc);
  rejects('(module (func $f) (table 1 funcref) (elem (table 0) (i32.const 0) $f))', /expected an element list/);
  // Items: (item …) or one folded instruction each.
  assert.deepEqual(
    wat('(module (func $f) (elem funcref (item ref.func $f) (ref.null func)))'),
    wat('(module (func $f) (elem funcref (item (ref.func $f)) (item ref.null func)))'),
  );
});

test('memarg values are literals with the usual underscore rules', () => {
  assert.deepEqual(code(wat('(memory 1) (func (i32.load offset=1_0 (i32.const 0)) drop)')), [0x41, 0, 0x28, 2, 10, 0x1a, 0x0b]);
  rejects('(memory 1) (func (i32.load offset=1__0 (i32.const 0)) drop)', /malformed offset/);
  rejects('(memory 1) (func (i32.load align=_4 (i32.const 0)) drop)', /malformed alignment/);
});
