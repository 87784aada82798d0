import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenize, TextError, isNumberText } from '../../src/text/lexer.js';
import { parseSExprs, isList, type SList } from '../../src/text/sexpr.js';
import { SHARED } from '../util/wast-binaries.js';

const kinds = (s: string) => tokenize(s).map((t) => `${t.kind}:${t.text}`);

test('tokens are delimited by parens, white space and comments only', () => {
  assert.deepEqual(kinds('(func(nop))'), ['(:(', 'keyword:func', '(:(', 'keyword:nop', '):)', '):)']);
  assert.deepEqual(kinds('nop;;bla\n$f'), ['keyword:nop', 'id:$f']);
  assert.deepEqual(kinds('0$l $l$l $l0 $"l"0 "a""b" "a"x'), [
    'reserved:0$l', 'id:$l$l', 'id:$l0', 'reserved:$"l"0', 'reserved:"a""b"', 'reserved:"a"x',
  ]);
  assert.deepEqual(kinds('i32.const0 a,b {x}'), ['keyword:i32.const0', 'reserved:a,b', 'reserved:{x}']);
  assert.deepEqual(kinds('offset=4 nan:canonical nan nan:0x7f -inf +0x1.8p-3 1_000 1e10 0x1P+2'), [
    'keyword:offset=4', 'keyword:nan:canonical', 'number:nan', 'number:nan:0x7f', 'number:-inf', 'number:+0x1.8p-3',
    'number:1_000', 'number:1e10', 'number:0x1P+2',
  ]);
});

test('number syntax', () => {
  for (const ok of ['0', '-1', '0x_1'.replace('_', ''), '1.', '1.5', '1.5e-3', '0x1.', '0xA.Bp4', '1_2.3_4e5_6']) {
    assert.ok(isNumberText(ok), ok);
  }
  for (const bad of ['1__0', '_1', '1_', '0x', '.5', '1e', '0x1p', 'nan:0x', 'infinity', '1.e']) {
    assert.ok(!isNumberText(bad), bad);
  }
});

test('strings decode all escapes to bytes', () => {
  const [t] = tokenize(String.raw`"a\t\n\r\"\'\\\00\ff\u{41}\u{10FFFF}ß"`);
  assert.equal(t.kind, 'string');
  assert.deepEqual([...t.bytes!], [97, 9, 10, 13, 34, 39, 92, 0, 255, 0x41, 0xf4, 0x8f, 0xbf, 0xbf, 0xc3, 0x9f]);
  assert.deepEqual(tokenize('$"a b"')[0].name, 'a b');
  assert.throws(() => tokenize('"abc'), /unclosed string/);
  assert.throws(() => tokenize('"\\u{D800}"'), TextError);
  assert.throws(() => tokenize('"\\u{110000}"'), TextError);
  assert.throws(() => tokenize('"\\q"'), TextError);
  assert.throws(() => tokenize('"a\x01"'), TextError);
  assert.throws(() => tokenize('$""'), /empty identifier/);
});

test('block comments nest; errors carry line:column', () => {
  assert.deepEqual(kinds('(;a(;b;)c;)x (;;;;) y'), ['keyword:x', 'keyword:y']);
  assert.throws(() => tokenize('(; (; ;)'), /unclosed comment/);
  try {
    tokenize('x\n  y é');
    assert.fail('no error');
  } catch (e) {
    assert.ok(e instanceof TextError);
    assert.equal(e.line, 2);
    assert.equal(e.column, 5);
    assert.match(e.message, /^2:5: illegal character/);
  }
  const toks = tokenize('a\r\nb\rc\nd');
  assert.deepEqual(toks.map((t) => [t.line, t.column]), [[1, 1], [2, 1], [3, 1], [4, 1]]);
});

test('annotations are nodes, may hold any tokens, and must nest', () => {
  const [m] = parseSExprs('(module (@a x-y$yz"aa"-2 (@) ( @x)) (@"b c") (func))') as SList[];
  assert.equal(m.items.length, 4);
  const a = m.items[1] as SList;
  assert.equal(a.annot, 'a');
  assert.equal((m.items[2] as SList).annot, 'b c');
  const dropped = parseSExprs('(module (@a x) (func (@b)))', { annotations: 'drop' })[0] as SList;
  assert.equal(dropped.items.length, 2);
  assert.ok(isList(dropped.items[1], 'func'));
  assert.equal((dropped.items[1] as SList).items.length, 1);
  assert.throws(() => parseSExprs('(@)'), /empty annotation id/);
  assert.throws(() => parseSExprs('(@ x)'), /empty annotation id/);
  assert.throws(() => parseSExprs('(@x (y)'), /unclosed annotation/);
  assert.throws(() => parseSExprs('(@x))'), /unexpected token/);
  assert.throws(() => parseSExprs('(a (b)'), /1:1: unclosed parenthesis/);
});

test('nodes record offsets so a consumer can slice their source', () => {
  const src = '(a)\n  (module $m (func))';
  const [, m] = parseSExprs(src) as SList[];
  assert.equal(src.slice(m.offset, m.end), '(module $m (func))');
  assert.deepEqual([m.line, m.column], [2, 3]);
});

test('every script of the testsuite reads as S-expressions', () => {
  // The text originals only: the binary-encoded twins are read by the spec test.
  const dirs = [join(SHARED, 'spec/testsuite')];
  let n = 0;
  for (const dir of dirs) {
    for (const sub of ['', 'custom', 'legacy']) {
      let names: string[];
      try {
        names = readdirSync(join(dir, sub));
      } catch {
        continue;
      }
      for (const f of names.filter((x) => x.endsWith('.wast'))) {
        const src = readFileSync(join(dir, sub, f), 'utf8');
        assert.doesNotThrow(() => parseSExprs(src), `${sub}/${f}`);
        n++;
      }
    }
  }
  assert.ok(n > 260, `${n} scripts`);
});
