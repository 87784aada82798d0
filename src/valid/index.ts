// The validated entry point: every consumer of wasm bytes (the JS API's Module, validate, compile,
// the script runner, the CLI) goes through compileModule, so they all accept and refuse alike.

import { decodeModule } from '../binary/decode.js';
import type { Module } from '../syntax/module.js';
import { validateModule } from './module.js';
import { LIMITS } from '../binary/limits.js';
import { CompileError } from '../api/errors.js';

export { decodeModule, validateModule };

/** Decodes and validates `bytes`; throws CompileError for anything malformed or invalid. */
export function compileModule(bytes: Uint8Array): Module {
  // Checked before decoding so that an oversized input costs nothing.
  if (bytes.length > LIMITS.moduleSize) {
    throw new CompileError(`at byte offset 0: module size (${bytes.length}) exceeds the implementation limit (${LIMITS.moduleSize})`);
  }
  const m = decodeModule(bytes);
  validateModule(m);
  return m;
}
