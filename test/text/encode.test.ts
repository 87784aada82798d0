import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteWriter, encodeModule } from '../../src/binary/encode.js';
import { parseModuleAst } from '../../src/text/parse.js';
import { printBinary } from '../../src/text/print.js';

function bytes(write: (w: ByteWriter) => void): number[] {
  const w = new ByteWriter(4);
  write(w);
  return Array.from(w.finish());
}

test('LEB128 writers', () => {
  assert.deepEqual(bytes((w) => w.u32(624485)), [0xe5, 0x8e, 0x26]);
  assert.deepEqual(bytes((w) => w.u32(0xffffffff)), [0xff, 0xff, 0xff, 0xff, 0x0f]);
  assert.deepEqual(bytes((w) => w.s32(-1)), [0x7f]);
  assert.deepEqual(bytes((w) => w.s32(63)), [0x3f]);
  assert.deepEqual(bytes((w) => w.s32(64)), [0xc0, 0x00]);
  assert.deepEqual(bytes((w) => w.s32(-0x80000000)), [0x80, 0x80, 0x80, 0x80, 0x78]);
  assert.deepEqual(bytes((w) => w.s33(-0x11)), [0x6f]);
  assert.deepEqual(bytes((w) => w.s33(0xffffffff)), [0xff, 0xff, 0xff, 0xff, 0x0f]);
  assert.deepEqual(bytes((w) => w.s64(-123456n)), [0xc0, 0xbb, 0x78]);
  assert.deepEqual(bytes((w) => w.s64(-0x8000000000000000n)), [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]);
  assert.deepEqual(bytes((w) => w.s64(0x7fffffffffffffffn)), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]);
  assert.deepEqual(bytes((w) => w.u64(0xffffffffffffffffn)), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
  assert.deepEqual(bytes((w) => w.bits32(0x7fc00000)), [0x00, 0x00, 0xc0, 0x7f]);
});

test('sized content gets its shortest length prefix, growing the buffer as needed', () => {
  const out = bytes((w) => {
    w.u8(0xaa);
    w.section(10, () => {
      for (let i = 0; i < 200; i++) w.u8(i);
    });
  });
  assert.deepEqual(out.slice(0, 4), [0xaa, 10, 0xc8, 0x01]);
  assert.equal(out.length, 4 + 200);
  assert.equal(out[4 + 199], 199);
});

test('vectors and raw f64 bits', () => {
  assert.deepEqual(bytes((w) => w.vec([1, 2, 300], (x) => w.u32(x))), [3, 1, 2, 0xac, 0x02]);
  assert.deepEqual(bytes((w) => w.bits64(0x00000001, 0x7ff80000)), [1, 0, 0, 0, 0, 0, 0xf8, 0x7f]);
  assert.deepEqual(bytes((w) => w.name(new TextEncoder().encode('é'))), [2, 0xc3, 0xa9]);
});

test('an optional name section carries the module id and the function names', () => {
  const m = parseModuleAst('(module $m (func $f) (func) (func $g))');
  const plain = encodeModule(m);
  const named = encodeModule(m, { names: true });
  assert.deepEqual(Array.from(named.subarray(0, plain.length)), Array.from(plain));
  const custom = Array.from(named.subarray(plain.length));
  // id 0, size, "name", subsection 0 ("m"), subsection 1 (0 → "f", 2 → "g")
  assert.deepEqual(custom, [0, 18, 4, 0x6e, 0x61, 0x6d, 0x65, 0, 2, 1, 0x6d, 1, 7, 2, 0, 1, 0x66, 2, 1, 0x67]);
  assert.match(printBinary(named), /\(func \$g/);
});
