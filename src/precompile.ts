// `purewasm/precompile`: precompile(bytes), the compile tier's code for a whole module as a
// JavaScript file, for hosts that refuse `new Function` (see exec/compile/precompiled.ts); a build-
// time tool, so not in the main entry. Also `purewasm precompile` (cli/tools.ts).
import { compileModule } from './valid/index.js';
import { functionSource, TUNING } from './exec/compile/index.js';
import { hostTuning } from './exec/compile/body.js';
import { precompiledFile } from './exec/compile/precompiled.js';
import type { Module } from './syntax/module.js';

/**
 * The hosts to generate code for: the compile tier's code differs (big functions are split, i64
 * products computed otherwise) between hosts with a JIT (a browser page with a strict CSP) and
 * without one (Hermes, Safari's Lockdown Mode, node --jitless). 'both' (the default) serves either,
 * in a file up to twice as large.
 */
export type PrecompileHosts = 'both' | 'jit' | 'no-jit';
const HOSTS: Record<PrecompileHosts, boolean[]> = { both: [true, false], jit: [true], 'no-jit': [false] };

export interface PrecompileOptions {
  hosts?: PrecompileHosts;
}

/**
 * Validates `bytes` (CompileError as WebAssembly.Module would throw) and returns the text of a
 * JavaScript file holding the compiled code of every function it defines; `name` (the module's
 * file name, say) goes into the file's opening comment.
 */
export function precompile(bytes: Uint8Array, name?: string, options: PrecompileOptions = {}): string {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('precompile: bytes must be a Uint8Array');
  const jits = HOSTS[options.hosts ?? 'both'];
  if (!jits) throw new TypeError(`precompile: hosts must be one of ${Object.keys(HOSTS).join(', ')}`);
  return precompiledFile(compileModule(bytes), (mod, index) => hostSources(mod, index, jits), name);
}

/** A function's source as generated on the hosts (with a JIT: true). */
function hostSources(mod: Module, index: number, jits: boolean[]): string[] {
  const saved = { jit: TUNING.jit, compactBytes: TUNING.compactBytes, splitChars: TUNING.splitChars };
  try {
    return jits.map((jit) => {
      Object.assign(TUNING, hostTuning(jit));
      return functionSource(mod, index);
    });
  } finally {
    Object.assign(TUNING, saved);
  }
}
