// The warm-up modules that the decoder and body validator run at import must be valid (a refusal
// would throw while loading the engine) on V8 and here, and must have the shapes they are there for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WARM_BYTES, WARM_SHAPES } from '../../src/valid/body-warm.js';
import { compileModule } from '../../src/valid/index.js';

test('the warm-up modules are valid on V8 and purewasm', () => {
  assert.equal(WebAssembly.validate(WARM_BYTES as Uint8Array<ArrayBuffer>), true);
  assert.equal(compileModule(WARM_BYTES).funcs.length, 2);
  assert.equal(WebAssembly.validate(WARM_SHAPES as Uint8Array<ArrayBuffer>), true);
  const m = compileModule(WARM_SHAPES);
  // Every field the decoder writes more than once is written.
  assert.deepEqual([m.numImportedFuncs, m.numImportedTables, m.numImportedMemories, m.numImportedGlobals, m.numImportedTags], [1, 1, 1, 1, 1]);
  assert.equal(m.start, 1);
  assert.equal(m.dataCount, 1);
  assert.equal(m.funcNames?.get(1), 's');
  assert.equal(m.globals[1].init !== null && m.globals[0].init === null, true);
});
