// binary → AST → binary: every well-formed module of the binary testsuite reads into the text-module
// AST and encodes back to the same bytes (section and body sizes compared in shortest form), which
// checks the encoder's choices (element segment forms, table initialisers, data count, local runs)
// against the reference interpreter's on thousands of modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binaryToAst } from '../../src/text/from-binary.js';
import { encodeModule } from '../../src/binary/encode.js';
import { decodeModule } from '../../src/binary/decode.js';
import { binaryModules, binWastFiles } from '../util/wast-binaries.js';
import { normalizeSizes, sameBytes } from './twins.js';

test('testsuite-bin: binary → AST → binary gives the same bytes', () => {
  let same = 0;
  const differing: string[] = [];
  for (const file of binWastFiles()) {
    binaryModules(file).forEach((m, i) => {
      if (m.kind === 'malformed') return;
      try {
        decodeModule(m.bytes);
      } catch {
        return; // not well formed after all (e.g. in assert_invalid with a decode-time error)
      }
      const again = encodeModule(binaryToAst(m.bytes));
      if (sameBytes(normalizeSizes(again), normalizeSizes(m.bytes))) same++;
      else differing.push(`${file.split('/').pop()} module #${i}`);
    });
  }
  console.log(`round trip: ${same} identical, ${differing.length} differing`);
  assert.deepEqual(differing, []);
  assert.ok(same > 5000, `only ${same} modules`);
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
});
