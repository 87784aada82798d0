// Which tier runs a function, decided when it is first called (the compile tier's lazy stub asks
// buildFunction). 'compile' generates JavaScript with `new Function`; 'interpret' never evaluates
// code; 'auto' (the default) compiles while the host allows it and otherwise interprets — silently,
// also when evaluation becomes unavailable mid-program (a strict Content-Security-Policy, an engine
// without a runtime compiler): the two tiers share one calling convention, so a module may mix them.
//
// The starting mode may also come from the environment variable PUREWASM_ENGINE (tests and tools
// run whole programs on one tier that way).

import type { Module } from '../../syntax/module.js';
import type { AnyFn } from '../../runtime/func.js';
import type { Env } from '../compile/index.js';
import { interpreted } from './entry.js';
import { hasPrecompiled } from '../compile/precompiled.js';

export type EngineMode = 'compile' | 'interpret' | 'auto';
const MODES: readonly string[] = ['compile', 'interpret', 'auto'];

function initialMode(): EngineMode {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const m = env?.PUREWASM_ENGINE;
  return m !== undefined && MODES.includes(m) ? (m as EngineMode) : 'auto';
}

let mode: EngineMode = initialMode();
/** Known once a compilation failed and a probe showed that `new Function` is refused. */
let evalBlocked = false;

export interface EngineOptions {
  engine?: EngineMode;
}

/** Sets the tier for functions first called from now on; returns the previous settings. */
export function configure(options: EngineOptions): Required<EngineOptions> {
  const previous = { engine: mode };
  if (options.engine !== undefined) {
    if (!MODES.includes(options.engine)) throw new TypeError(`engine must be one of ${MODES.join(', ')}`);
    mode = options.engine;
  }
  return previous;
}

export function engineMode(): EngineMode {
  return mode;
}

function canEvaluate(): boolean {
  try {
    return new Function('return 1')() === 1;
  } catch {
    return false;
  }
}

/** Builds the entry point and step of a function: `compile` runs the compile tier. */
export function buildFunction(mod: Module, index: number, env: Env, compile: () => [AnyFn, AnyFn | null]): [AnyFn, AnyFn | null] {
  if (mode === 'interpret') return interpreted(mod, index, env);
  if (mode === 'compile') return compile();
  // Without evaluation only precompiled code compiles (a function without any is interpreted).
  if (evalBlocked && !hasPrecompiled()) return interpreted(mod, index, env);
  if (uncompilable.get(mod)?.has(index)) return interpreted(mod, index, env);
  try {
    return compile();
  } catch (e) {
    if (e instanceof RangeError) {
      // Stack exhaustion while compiling: the program's own when the stack is nearly used up (let
      // it propagate); otherwise the source nests deeper than the host's parser allows (about 2,500
      // nested blocks in V8), and the interpreter, which does not recurse on nesting, runs it.
      if (!hasHeadroom()) throw e;
      let set = uncompilable.get(mod);
      if (!set) uncompilable.set(mod, (set = new Set()));
      set.add(index);
      return interpreted(mod, index, env);
    }
    if (!canEvaluate()) evalBlocked = true;
    return interpreted(mod, index, env);
  }
}

/** Functions whose generated source the host refused (too deeply nested), per module. */
const uncompilable = new WeakMap<Module, Set<number>>();

/** Whether a modest recursion (far less than a compile needs) still fits on the stack. */
function hasHeadroom(): boolean {
  const probe = (n: number): number => (n === 0 ? 0 : 1 + probe(n - 1));
  try {
    return probe(2000) === 2000;
  } catch {
    return false;
  }
}
