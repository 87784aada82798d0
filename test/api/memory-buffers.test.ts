// Memory.prototype.toResizableBuffer / toFixedLengthBuffer (JS API "Memories"; Node 20's V8 has
// neither, so these follow the spec text): the buffer kinds, detaching, growth in place, the
// redefined HostResizeArrayBuffer, and wasm code on both tiers seeing the same bytes throughout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebAssembly as PW, configure } from '../../src/index.js';
import { parseModule } from '../../src/text/parse.js';

type RAB = ArrayBuffer & { resizable: boolean; maxByteLength: number; resize(n: number): void };
const PAGE = 65536;

test('toResizableBuffer: TypeError without a maximum; otherwise a resizable buffer over the same bytes', () => {
  assert.throws(() => new PW.Memory({ initial: 1 }).toResizableBuffer(), TypeError);
  const m = new PW.Memory({ initial: 1, maximum: 3 });
  const fixed = m.buffer;
  new Uint8Array(fixed)[5] = 42;
  const r = m.toResizableBuffer() as RAB;
  assert.equal(fixed.byteLength, 0, 'the fixed-length buffer is detached');
  assert.equal(r.resizable, true);
  assert.equal(r.maxByteLength, 3 * PAGE);
  assert.equal(r.byteLength, PAGE);
  assert.equal(new Uint8Array(r)[5], 42);
  assert.equal(m.buffer, r);
  assert.equal(m.toResizableBuffer(), r, 'already resizable: the same buffer');
  // Growing keeps the buffer: a length-tracking view sees the new pages.
  const view = new Uint8Array(r);
  assert.equal(m.grow(1), 1);
  assert.equal(m.buffer, r);
  assert.equal(r.byteLength, 2 * PAGE);
  assert.equal(view.length, 2 * PAGE);
  assert.equal(m.grow(0), 2);
  assert.equal(m.buffer, r, 'a growth by 0 does not replace a resizable buffer');
  assert.throws(() => m.grow(2), RangeError);
});

test('resize() on the buffer grows the memory by whole pages, as the redefined HostResizeArrayBuffer says', () => {
  const m = new PW.Memory({ initial: 1, maximum: 4 });
  const r = m.toResizableBuffer() as RAB;
  r.resize(3 * PAGE);
  assert.equal(m.buffer, r);
  assert.equal(r.byteLength, 3 * PAGE);
  assert.equal(m.grow(0), 3, 'the memory has grown');
  assert.throws(() => r.resize(2 * PAGE), RangeError, 'shrinking');
  assert.throws(() => r.resize(3 * PAGE + 1), RangeError, 'not whole pages');
  assert.throws(() => r.resize(5 * PAGE), RangeError, 'past the maximum');
  assert.throws(() => r.resize(-1), RangeError);
  assert.throws(() => r.resize(1n as unknown as number), TypeError);
  r.resize(3 * PAGE); // a growth by 0 pages
  assert.equal(r.byteLength, 3 * PAGE);
  // On another buffer the own resize is ArrayBuffer.prototype.resize.
  const other = new (ArrayBuffer as unknown as new (n: number, o: object) => RAB)(1, { maxByteLength: 8 });
  (r.resize as (this: RAB, n: number) => void).call(other, 5);
  assert.equal(other.byteLength, 5);
});

test('toFixedLengthBuffer: back to a fixed-length buffer (the resizable one detached), replaced again on growth', () => {
  const m = new PW.Memory({ initial: 1, maximum: 4 });
  const first = m.buffer;
  assert.equal(m.toFixedLengthBuffer(), first, 'already fixed: the same buffer');
  const r = m.toResizableBuffer() as RAB;
  new Uint8Array(r)[7] = 9;
  const f = m.toFixedLengthBuffer() as RAB;
  assert.equal(r.byteLength, 0, 'the resizable buffer is detached');
  assert.equal(f.resizable, false);
  assert.equal(new Uint8Array(f)[7], 9);
  m.grow(1);
  assert.notEqual(m.buffer, f);
  assert.equal(f.byteLength, 0);
  assert.equal(new Uint8Array(m.buffer)[7], 9);
});

const WAT = `(module (memory (export "mem") 1 4)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1))))`;

for (const engine of ['compile', 'interpret'] as const) {
  test(`wasm code (${engine} tier) and a resizable buffer see the same memory as it grows`, () => {
    const previous = configure({ engine });
    try {
      const e = new PW.Instance(new PW.Module(parseModule(WAT))).exports as Record<string, (...a: number[]) => number> & { mem: WebAssembly.Memory };
      const r = (e.mem as unknown as { toResizableBuffer(): RAB }).toResizableBuffer();
      const view = new DataView(r);
      e.store(8, 0x01020304);
      assert.equal(view.getInt32(8, true), 0x01020304);
      assert.equal(e.grow(1), 1, 'memory.grow in wasm');
      assert.equal(e.mem.buffer, r);
      assert.equal(r.byteLength, 2 * PAGE);
      view.setInt32(PAGE + 4, -7, true);
      assert.equal(e.load(PAGE + 4), -7);
      r.resize(3 * PAGE);
      assert.equal(e.size(), 3);
      e.store(2 * PAGE + 16, 5);
      assert.equal(view.getInt32(2 * PAGE + 16, true), 5);
      assert.throws(() => e.load(3 * PAGE), PW.RuntimeError, 'bounds follow the memory');
      const fixed = (e.mem as unknown as { toFixedLengthBuffer(): ArrayBuffer }).toFixedLengthBuffer();
      assert.equal(r.byteLength, 0);
      assert.equal(e.load(PAGE + 4), -7);
      assert.equal(e.grow(1), 3);
      assert.equal(fixed.byteLength, 0, 'a fixed-length buffer is replaced on growth');
      assert.equal(new DataView(e.mem.buffer).getInt32(2 * PAGE + 16, true), 5);
    } finally {
      configure(previous);
    }
  });
}
