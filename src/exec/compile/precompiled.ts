// Code compiled ahead of time, for hosts that refuse `new Function` (a strict Content-Security-
// Policy, engines without a runtime compiler): `purewasm precompile` (or precompile() below) writes
// the compile tier's code for every function of a module into a JavaScript file; loading that file,
// as a script or a module, before the wasm is instantiated lets those functions run compiled with
// no evaluation at all, at the compile tier's speed instead of the interpreter's.
//
// The file registers each function's factory under a key of its generated source (length and two
// 32-bit hashes) in a registry on globalThis, so it needs no import of purewasm and works with any
// bundle of it. At a function's first call the compile tier generates its source as always and
// takes the registered factory whose key matches; the factory's text is that source, so a match
// runs exactly the code `new Function` would have made. A file from another purewasm version, other
// code-generation settings or another module simply does not match: those functions compile with
// `new Function` where allowed and are interpreted where not.

import type { Module } from '../../syntax/module.js';
import type { AnyFn } from '../../runtime/func.js';

export type Factory = (E: unknown) => [AnyFn, AnyFn | null];

const REGISTRY = Symbol.for('purewasm.precompiled');

function registry(): Map<string, Factory> | undefined {
  return (globalThis as Record<symbol, Map<string, Factory> | undefined>)[REGISTRY];
}

/** Whether any precompiled code is loaded (the interpreter fallback checks before compiling). */
export function hasPrecompiled(): boolean {
  const r = registry();
  return r !== undefined && r.size > 0;
}

/** The registry key of a generated source: its length and two independent 32-bit hashes. */
export function sourceKey(src: string): string {
  let a = 0x811c9dc5;
  let b = 0x2f3c9e61;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  return `${src.length}:${(a >>> 0).toString(16)}:${(b >>> 0).toString(16)}`;
}

/** The registered factory for this source, if a precompiled file provided one. */
export function precompiledFactory(src: string): Factory | undefined {
  const r = registry();
  return r === undefined || r.size === 0 ? undefined : r.get(sourceKey(src));
}

/**
 * The JavaScript text of a precompiled-code file for `mod` (validated): a factory per source of
 * each function it defines (`sources` gives them: the compile tier's code differs between hosts
 * with and without a JIT), each exactly what the compile tier generates, registered by its key.
 */
export function precompiledFile(mod: Module, sources: (mod: Module, index: number) => string[], from = 'a module'): string {
  const out: string[] = [
    `// Code compiled ahead of time by purewasm (purewasm precompile) for ${mod.funcs.length - mod.numImportedFuncs} functions of`,
    `// ${from.replace(/[^\w./@+-]/g, '_')}. Load it (as a script or a module) before instantiating the module with purewasm: its`,
    '// functions then run compiled without evaluating code. A purewasm version that generates other',
    '// code ignores the entries that differ.',
    // A block: loaded as a classic script, the file declares no global name.
    '{',
    `const code = globalThis[Symbol.for('purewasm.precompiled')] || (globalThis[Symbol.for('purewasm.precompiled')] = new Map());`,
  ];
  const seen = new Set<string>();
  for (let i = mod.numImportedFuncs; i < mod.funcs.length; i++) {
    for (const src of sources(mod, i)) {
      const key = sourceKey(src);
      if (seen.has(key)) continue; // the same code for both hosts, or identical functions
      seen.add(key);
      // The key is hex digits and colons; src is generated code that never contains module text.
      out.push(`code.set('${key}', function (E) {\n${src}\n});`);
    }
  }
  out.push('}');
  return out.join('\n') + '\n';
}
