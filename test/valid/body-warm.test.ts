// The warm-up module that the body validator runs through its fast loop at import must be valid
// (a refusal would throw while loading the engine) on V8 and here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WARM_BYTES } from '../../src/valid/body-warm.js';
import { compileModule } from '../../src/valid/index.js';

test('the warm-up module is valid on V8 and purewasm', () => {
  assert.equal(WebAssembly.validate(WARM_BYTES as Uint8Array<ArrayBuffer>), true);
  const m = compileModule(WARM_BYTES);
  assert.equal(m.funcs.length, 2);
});
