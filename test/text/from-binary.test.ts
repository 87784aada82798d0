// Round trips over every well-formed module of the binary testsuite:
//   binary → AST → binary          checks the encoder's choices (element segment forms, table
//                                   initialisers, data count, local runs) against the reference's;
//   binary → AST → WAT → binary     checks the printer and the parser against each other.
// Section and body sizes are compared in their shortest form (the reference pads them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binaryToAst } from '../../src/text/from-binary.js';
import { printModule, printBinary, f32Literal, f64Literal, stringLiteral } from '../../src/text/print.js';
import { parseModule, parseModuleAst } from '../../src/text/parse.js';
import { parseF32, parseF64 } from '../../src/text/numbers.js';
import { encodeModule } from '../../src/binary/encode.js';
import { decodeModule } from '../../src/binary/decode.js';
import { binaryModules, binWastFiles } from '../util/wast-binaries.js';
import { normalizeSizes, sameBytes } from './twins.js';

test('testsuite-bin: binary → AST → binary and binary → AST → WAT → binary give the same bytes', () => {
  let encoded = 0;
  let printed = 0;
  const differing: string[] = [];
  for (const file of binWastFiles()) {
    binaryModules(file).forEach((m, i) => {
      if (m.kind === 'malformed') return;
      try {
        decodeModule(m.bytes);
      } catch {
        return; // a decode-time error inside another assertion: not well formed
      }
      const where = `${file.split('/').pop()} module #${i}`;
      const expected = normalizeSizes(m.bytes);
      const ast = binaryToAst(m.bytes);
      if (sameBytes(normalizeSizes(encodeModule(ast)), expected)) encoded++;
      else differing.push(`${where} (encoded)`);
      const text = printModule(ast);
      if (sameBytes(normalizeSizes(parseModule(text)), expected)) printed++;
      else differing.push(`${where} (printed)`);
    });
  }
  console.log(`round trips: ${encoded} re-encoded identically, ${printed} printed and re-parsed identically, ${differing.length} differing`);
  assert.deepEqual(differing, []);
  assert.ok(encoded > 5000 && printed > 5000, `only ${encoded}/${printed} modules`);
});

test('the AST keeps memarg offsets beyond 2^53 and locals; segments are re-encoded in their compact form', () => {
  const bytes = Uint8Array.from([
    0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    1, 4, 1, 0x60, 0, 0, // type () -> ()
    3, 2, 1, 0, // func 0: type 0
    5, 3, 1, 0, 1, // memory 1
    9, 8, 1, 2, 0, 0x41, 0, 0x0b, 0, 0, // elem form 2: table 0, offset, elemkind, no items
    10, 21, 1, 19, 1, 2, 0x7e, // body: 2 × i64
    0x41, 0, 0x29, 3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x1a, 0x0b,
  ]);
  const m = binaryToAst(bytes);
  assert.deepEqual(m.funcs[0].locals, [0x7e, 0x7e]);
  assert.equal(m.funcs[0].body[1].offset, 0xffffffffffffffffn);
  assert.deepEqual([m.elems[0].table, m.elems[0].items.length], [0, 0]);
  // Form 2 naming table 0 is written back as the shorter form 0; everything else is unchanged.
  const expected = [...bytes.subarray(0, 23), 9, 6, 1, 0, 0x41, 0, 0x0b, 0, ...bytes.subarray(33)];
  assert.deepEqual(Array.from(encodeModule(m)), expected);
  assert.match(printModule(m), /i64\.load offset=18446744073709551615\n/);
});

test('printed literals read back to the same bits', () => {
  for (const bits of [0, 0x80000000, 1, 0x007fffff, 0x00800000, 0x3f800000, 0x7f7fffff, 0x7f800000, 0xff800000, 0x7fc00000, 0xffa00001]) {
    assert.equal(parseF32(f32Literal(bits)), bits, f32Literal(bits));
  }
  for (const [lo, hi] of [[0, 0], [0, 0x80000000 | 0], [1, 0], [-1, 0x000fffff], [0, 0x3ff00000], [-1, 0x7fefffff], [0, 0x7ff00000], [1, 0xfff00000 | 0], [0, 0x7ff80000]]) {
    assert.deepEqual(parseF64(f64Literal(lo, hi)), [lo, hi], f64Literal(lo, hi));
  }
  assert.equal(f32Literal(0x3fc00000), '0x1.800000p+0');
  assert.equal(stringLiteral(Uint8Array.from([0x61, 0x22, 0x5c, 0x0a, 0xc3, 0xa9])), '"a\\22\\5c\\0a\\c3\\a9"');
});

test('function names become identifiers: from the text, and from the name section', () => {
  const source = '(module (func $f (call $f)) (func $g (export "g") (call $f)) (start $g))';
  const text = printModule(parseModuleAst(source));
  assert.match(text, /\(func \$f \(type 0\)\n {4}call \$f\)/);
  assert.match(text, /\(export "g" \(func \$g\)\)/);
  assert.match(text, /\(start \$g\)/);
  assert.deepEqual(parseModule(text), parseModule(source));

  const plain = encodeModule(parseModuleAst('(module (func (call 1)) (func (call 0)))'));
  // name section: function names 0 → "a b", 1 → "a b" (a duplicate: left numeric)
  const sub = [1, 11, 2, 0, 3, 0x61, 0x20, 0x62, 1, 3, 0x61, 0x20, 0x62];
  const custom = [0, 5 + sub.length, 4, 0x6e, 0x61, 0x6d, 0x65, ...sub];
  const named = Uint8Array.from([...plain, ...custom]);
  const printed = printBinary(named);
  assert.match(printed, /\(func \$"a b" \(type 0\)\n {4}call 1\)/);
  assert.match(printed, /\(func \(type 0\)\n {4}call \$"a b"\)/);
  assert.deepEqual(parseModule(printed), plain);
});
