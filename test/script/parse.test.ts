import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScript } from '../../src/script/parse.js';
import { matches, mismatch } from '../../src/script/match.js';
import type { AssertReturn, ResultPat } from '../../src/script/ast.js';
import type { Observed } from '../../src/script/engine.js';

test('module forms: binary, quote, text, definition, instance, names', () => {
  const cmds = parseScript(`
    (module $a binary "\\00asm" "\\01\\00\\00\\00")
    (module definition $d binary "\\00asm\\01\\00\\00\\00")
    (module instance $i $d)
    (module instance)
    (module quote "(func)" " (memory 1)")
    (module $t (func (export "f")) (@custom "x" "y"))
    (register "r" $a)
  `);
  assert.deepEqual(cmds.map((c) => c.type), ['module', 'module', 'instance', 'instance', 'module', 'module', 'register']);
  const [a, d, i, i2, q, t, r] = cmds as any[];
  assert.equal(a.name, 'a');
  assert.deepEqual([...a.source.bytes], [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  assert.equal(d.definition, true);
  assert.deepEqual([i.name, i.definition, i2.name, i2.definition], ['i', 'd', null, null]);
  assert.equal(new TextDecoder().decode(q.source.text), '(func) (memory 1)');
  assert.equal(t.source.form, 'text');
  // The name goes (the script owns it); annotations stay for the WAT parser (e.g. @custom).
  assert.equal(t.source.text, '(module (func (export "f")) (@custom "x" "y"))');
  assert.deepEqual([r.as, r.module], ['r', 'a']);
  assert.equal(a.line, 2);
});

test('actions and constants', () => {
  const [c] = parseScript(`(invoke $m "f" (i32.const -1) (i64.const 0xffffffffffffffff) (f32.const -0x1p-1)
    (f64.const nan:0x1) (v128.const i16x8 -1 0 1 2 3 4 5 0xffff) (ref.null func) (ref.extern 7) (ref.host 3))`) as any[];
  assert.equal(c.type, 'action');
  const { module, name, args } = c.action;
  assert.equal(module, 'm');
  assert.equal(name, 'f');
  assert.deepEqual(args.slice(0, 4), [
    { type: 'i32', value: -1 }, { type: 'i64', value: -1n }, { type: 'f32', bits: 0xbf000000 }, { type: 'f64', bits: 0x7ff0000000000001n },
  ]);
  assert.deepEqual([...args[4].bytes], [255, 255, 0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 255, 255]);
  assert.deepEqual(args.slice(5), [{ type: 'ref.null', heap: 'func' }, { type: 'ref.extern', n: 7 }, { type: 'ref.host', n: 3 }]);
  assert.throws(() => parseScript('(invoke "f" (i32.const 0x1_0000_0000))'), /1:24: constant out of range/);
  assert.throws(() => parseScript('(invoke "f" (v128.const i32x4 1 2 3))'), /wrong number of lane literals/);
  assert.throws(() => parseScript('(get "g" (i32.const 1))'), /get takes no arguments/);
});

test('assertions', () => {
  const cmds = parseScript(`
    (assert_return (invoke "f") (f32.const nan:canonical) (either (i32.const 1) (i32.const 2)) (ref.null) (ref.func) (ref.extern))
    (assert_trap (invoke "f") "unreachable")
    (assert_trap (module binary "") "out of bounds")
    (assert_trap (module instance) "out of bounds")
    (assert_exhaustion (invoke "f") "call stack exhausted")
    (assert_exception (invoke "f"))
    (assert_malformed (module quote "x") "unexpected token")
    (assert_invalid (module binary "") "type mismatch")
    (assert_unlinkable (module instance $m) "unknown import")
    (assert_uninstantiable (module binary "") "unreachable")
    (get "g")
  `);
  assert.deepEqual(cmds.map((c) => c.type), [
    'assert_return', 'assert_trap', 'assert_trap', 'assert_trap', 'assert_exhaustion', 'assert_exception',
    'assert_malformed', 'assert_invalid', 'assert_unlinkable', 'assert_uninstantiable', 'action',
  ]);
  const ret = cmds[0] as AssertReturn;
  assert.deepEqual(ret.results, [
    { type: 'f32', pat: { kind: 'nan:canonical' } },
    { type: 'either', alts: [{ type: 'i32', value: 1 }, { type: 'i32', value: 2 }] },
    { type: 'ref.null', heap: null },
    { type: 'ref', kind: 'func', n: null },
    { type: 'ref', kind: 'extern', n: null },
  ]);
  assert.equal((cmds[3] as any).module.type, 'instance');
  assert.throws(() => parseScript('(assert_frobnicate)'), /unknown script command/);
});

test('a script that is only module fields is one text module', () => {
  const cmds = parseScript('(func) (memory 1)');
  assert.equal(cmds.length, 1);
  assert.equal(cmds[0].type, 'module');
});

const res = (src: string): ResultPat[] => (parseScript(`(assert_return (invoke "f") ${src})`)[0] as AssertReturn).results;

test('NaN patterns: canonical and arithmetic, f32 and f64, per lane', () => {
  const [can32, ari32, can64, ari64] = res('(f32.const nan:canonical) (f32.const nan:arithmetic) (f64.const nan:canonical) (f64.const nan:arithmetic)');
  const f32 = (bits: number): Observed => ({ type: 'f32', bits });
  const f64 = (bits: bigint): Observed => ({ type: 'f64', bits });
  assert.ok(matches(can32, f32(0x7fc00000)) && matches(can32, f32(0xffc00000)));
  assert.ok(!matches(can32, f32(0x7fc00001)) && !matches(can32, f32(0x7fa00000)) && !matches(can32, f32(0x7f800000)));
  assert.ok(matches(ari32, f32(0x7fc00001)) && matches(ari32, f32(0xffe00000)));
  assert.ok(!matches(ari32, f32(0x7fa00000)) && !matches(ari32, f32(0x3f800000)));
  assert.ok(matches(can64, f64(0xfff8000000000000n)) && !matches(can64, f64(0x7ff8000000000001n)));
  assert.ok(matches(ari64, f64(0x7ff8000000000001n)) && !matches(ari64, f64(0x7ff4000000000000n)));
  assert.ok(!matches(can32, f64(0x7ff8000000000000n)), 'type must match');

  const [v] = res('(v128.const f32x4 nan:canonical 1.0 nan:arithmetic -0)');
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x7fc00000, true);
  view.setUint32(4, 0x3f800000, true);
  view.setUint32(8, 0xffc00001, true);
  view.setUint32(12, 0x80000000, true);
  assert.ok(matches(v, { type: 'v128', bytes }));
  view.setUint32(12, 0, true);
  assert.ok(!matches(v, { type: 'v128', bytes }));
  const [vi] = res('(v128.const i8x16 -1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0x80)');
  const b2 = new Uint8Array(16);
  b2[0] = 255;
  b2[15] = 128;
  assert.ok(matches(vi, { type: 'v128', bytes: b2 }));
});

test('reference patterns and either', () => {
  const pats = res('(ref.null) (ref.null extern) (ref.func) (ref.extern 3) (ref.extern) (ref.host 3) (ref.eq) (ref.struct) (ref.i31) (ref.any)');
  const [nul, nulExt, func, ext3, ext, host3, eq, struct, i31, any] = pats;
  const ref = (kind: any, host?: number): Observed => ({ type: 'ref', kind, host });
  assert.ok(matches(nul, ref('null')) && matches(nulExt, ref('null')) && !matches(nul, ref('func')));
  assert.ok(matches(func, ref('func')) && !matches(func, ref('null')) && !matches(func, ref('struct')));
  assert.ok(matches(ext3, ref('host', 3)) && !matches(ext3, ref('host', 4)));
  assert.ok(matches(ext, ref('struct')) && !matches(ext, ref('null')));
  assert.ok(matches(host3, ref('host', 3)) && !matches(host3, ref('struct')));
  assert.ok(matches(eq, ref('i31')) && matches(eq, ref('array')) && !matches(eq, ref('host', 1)));
  assert.ok(matches(struct, ref('struct')) && !matches(struct, ref('array')));
  assert.ok(matches(i31, ref('i31')));
  assert.ok(matches(any, ref('host', 1)) && !matches(any, ref('func')));
  const [either] = res('(either (i32.const 1) (i32.const 2))');
  assert.ok(matches(either, { type: 'i32', value: 2 }) && !matches(either, { type: 'i32', value: 3 }));
  assert.match(mismatch(res('(i32.const 1)'), [{ type: 'i32', value: 2 }])!, /expected \(i32.const 1\), got \(i32.const 2\)/);
  assert.match(mismatch(res('(i32.const 1)'), [])!, /expected 1 results, got 0/);
  assert.equal(mismatch(res('(i64.const -1)'), [{ type: 'i64', value: -1n }]), null);
});
