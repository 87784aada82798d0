// WebAssembly.validate reads an unshared buffer in place (no script can run before it returns) and
// copies shared memory: every kind of buffer source gives the same answer, and none is changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebAssembly as PW } from '../../src/index.js';
import { parseModule } from '../../src/text/parse.js';

test('validate(): ArrayBuffer, views at an offset, DataView and SharedArrayBuffer agree', () => {
  const good = parseModule('(module (memory 1) (func (export "f") (param i32) (result i32) (i32.load offset=4 (local.get 0))))');
  const bad = good.slice();
  bad[bad.length - 1] = 0x6a; // the body's final `end` becomes i32.add
  for (const [bytes, want] of [[good, true], [bad, false]] as const) {
    const padded = new Uint8Array(bytes.length + 7);
    padded.set(bytes, 3);
    const before = padded.slice();
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    const sources: [string, BufferSource][] = [
      ['ArrayBuffer', bytes.slice().buffer], ['Uint8Array', bytes as Uint8Array<ArrayBuffer>],
      ['view at an offset', padded.subarray(3, 3 + bytes.length)],
      ['DataView', new DataView(padded.buffer, 3, bytes.length)], // TypeScript's BufferSource leaves shared buffers out; the API takes any view.
      ['SharedArrayBuffer view', shared as unknown as BufferSource],
    ];
    for (const [what, src] of sources) assert.equal(PW.validate(src), want, what);
    assert.deepEqual(padded, before, 'the caller\'s bytes are unchanged');
  }
});
