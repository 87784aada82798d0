// `purewasm/precompile`: precompile(bytes), the compile tier's code for a whole module as a
// JavaScript file, for hosts that refuse `new Function` (see exec/compile/precompiled.ts); a build-
// time tool, so not in the main entry. Also `purewasm precompile` (cli/tools.ts).
import { compileModule } from './valid/index.js';
import { functionSource, TUNING } from './exec/compile/index.js';
import { hostTuning } from './exec/compile/body.js';
import { precompiledFile } from './exec/compile/precompiled.js';
import type { Module } from './syntax/module.js';

/**
 * Validates `bytes` (CompileError as WebAssembly.Module would throw) and returns the text of a
 * JavaScript file holding the compiled code of every function it defines; `name` (the module's
 * file name, say) goes into the file's opening comment.
 */
export function precompile(bytes: Uint8Array, name?: string): string {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('precompile: bytes must be a Uint8Array');
  return precompiledFile(compileModule(bytes), hostSources, name);
}

/** A function's source as generated on a host with a JIT and on one without. */
function hostSources(mod: Module, index: number): string[] {
  const saved = { jit: TUNING.jit, compactBytes: TUNING.compactBytes, splitChars: TUNING.splitChars };
  try {
    return [true, false].map((jit) => {
      Object.assign(TUNING, hostTuning(jit));
      return functionSource(mod, index);
    });
  } finally {
    Object.assign(TUNING, saved);
  }
}
