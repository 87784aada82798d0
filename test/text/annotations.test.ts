// The annotations of the core appendix (custom.rst) in the text parser: @custom sections in their
// placements, @name in the name section, branch hints, and the reference interpreter's errors for
// malformed and misplaced ones; other annotations stay white space.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModule, parseModuleAst, TextError } from '../../src/text/parse.js';
import { encodeModule } from '../../src/binary/encode.js';
import { Reader } from '../../src/binary/reader.js';

/** Section ids in order, custom sections as their names. */
function sections(b: Uint8Array): string[] {
  const out: string[] = [];
  for (const r = new Reader(b, 8); !r.eof();) {
    const id = r.u8();
    const end = r.u32() + r.pos;
    out.push(id === 0 ? `"${new TextDecoder().decode(r.take(r.u32()))}"` : String(id));
    r.pos = end;
  }
  return out;
}

test('@custom: the appendix example places every section as it says', () => {
  const b = parseModule(`(module
    (@custom "A" "aaa") (type $t (func)) (@custom "B" (after func) "bbb") (@custom "C" (before func) "ccc")
    (@custom "D" (after last) "ddd") (table 10 funcref) (func (type $t)) (@custom "E" (after import) "eee")
    (@custom "F" (before type) "fff") (@custom "G" (after data) "ggg") (@custom "H" (after code) "hhh")
    (@custom "I" (after func) "iii") (@custom "J" (before func) "jjj") (@custom "K" (before first) "kkk"))`);
  assert.deepEqual(sections(b), ['"K"', '"F"', '1', '"E"', '"C"', '"J"', '3', '"B"', '"I"', '4', '10', '"H"', '"G"', '"A"', '"D"']);
  // The payload is the concatenation of the data strings; native V8 reads the sections back.
  const m = new WebAssembly.Module(parseModule('(module (@custom "x" "a" "" "bc") (@custom "x") (@custom ""))') as Uint8Array<ArrayBuffer>);
  assert.deepEqual(WebAssembly.Module.customSections(m, 'x').map((s) => Buffer.from(s).toString()), ['abc', '']);
  assert.equal(WebAssembly.Module.customSections(m, '').length, 1);
  assert.deepEqual(sections(parseModule('(module (func))')), ['1', '3', '10']);
});

test('@name: the name section prefers the annotation to the identifier', () => {
  const ast = parseModuleAst('(module $m (@name "Modül") (import "a" "b" (func (@name "imp"))) (func $f (@name "λ")) (func $g))');
  assert.equal(ast.moduleName, 'Modül');
  assert.deepEqual([...ast.funcNames].sort(), [[0, 'imp'], [1, 'λ'], [2, 'g']]);
  const names = encodeModule(ast, { names: true });
  const text = Buffer.from(names).toString('utf8');
  assert.ok(text.includes('Modül') && text.includes('λ') && !text.includes('$m'), text);
});

test('malformed and misplaced annotations are TextErrors with the reference wording', () => {
  const cases: [string, string][] = [
    ['(@custom)', '@custom annotation: missing section name'],
    ['(@custom 4)', '@custom annotation: missing section name'],
    ['(@custom "\\df")', '@custom annotation: malformed UTF-8 encoding'],
    ['(@custom "a" here)', '@custom annotation: unexpected token'],
    ['(@custom "a" (after))', '@custom annotation: malformed section kind'],
    ['(@custom "a" (before types))', '@custom annotation: malformed section kind'],
    ['(@custom "a" (aft type))', '@custom annotation: malformed placement'],
    ['(@custom "a" (before last))', '@custom annotation: malformed section kind'],
    ['(func (block (@custom "a")))', 'misplaced @custom annotation'],
    ['(@custom "a") (module)', 'misplaced @custom annotation'],
    ['(module (@name "M1") (@name "M2"))', '@name annotation: multiple module'],
    ['(module (func) (@name "M"))', 'misplaced @name annotation'],
    ['(func (param i32) (@name "p"))', 'misplaced @name annotation'],
    ['(module (@metadata.code.branch_hint "\\01") (func))', '@metadata.code.branch_hint annotation: not in a function'],
    ['(func i32.const 0 (@metadata.code.branch_hint "\\01") (@metadata.code.branch_hint "\\01") if end)', '@metadata.code.branch_hint annotation: duplicate annotation'],
  ];
  for (const [src, message] of cases) {
    assert.throws(() => parseModule(src), (e: unknown) => e instanceof TextError && e.message.endsWith(message), src);
  }
});

test('well-placed annotations, and annotations the appendix does not define, change nothing', () => {
  const plain = parseModule('(module (type $t (func (param i32))) (func (type $t) local.get 0 if end))');
  for (const src of [
    '(module (type $t (@name "T") (func (param (@name "x") i32))) (func (type $t) local.get 0 (@metadata.code.branch_hint "\\01") if end))',
    '(module (@a 1 (2) "x") (type $t (func (@b) (param i32))) (func (type $t) (@c) local.get 0 if (@d (@e)) end))',
  ]) assert.deepEqual(parseModule(src), plain, src);
});

test('custom sections print as @custom annotations and encode back in place (wasm2wat round trip)', async () => {
  const { printBinary } = await import('../../src/text/print.js');
  const b = parseModule(`(module (@custom "K" (before first) "k") (type (func)) (@custom "E" (after type) "e\\00")
    (tag (type 0)) (@custom "T" (before global) "t") (global i32 (i32.const 0)) (func) (@custom "Z" "zz"))`);
  const text = printBinary(b);
  assert.match(text, /\(@custom "K" \(before first\) "k"\)/);
  assert.match(text, /\(@custom "E" \(after type\) "e\\00"\)/);
  assert.match(text, /\(@custom "Z" \(after code\) "zz"\)/);
  assert.deepEqual(parseModule(text), b);
  assert.deepEqual(sections(b), ['"K"', '1', '"E"', '3', '13', '"T"', '6', '10', '"Z"']);
});
