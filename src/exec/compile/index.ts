// The compile-to-JavaScript tier: each wasm function becomes one JS function, generated as source
// and compiled with `new Function` on its first call.
//
// Calling convention (runtime/abi.ts): one JS argument per wasm value, two for an i64 (low, high
// int32 words); the first result slot is the return value, a single i64's high word goes to H.hi,
// further slots of multi-value results to the shared array R.
// i64 values everywhere in generated code are such pairs: locals l<i>/k<i>, stack slots s<d>/h<d>,
// globals .v/.h; numerics' helpers return the low word and leave the high one in H.hi. BigInt
// appears only at the JS boundary (invoke, host functions, globals' `value`).
//
// Operand stack (body.ts): compile-time only; values are pending pure expressions folded into their
// consumers, or live in per-depth slot variables. Blocks are labelled blocks, loops `for (;;)`,
// br_table a `switch`. Small straight-line callees are expanded inline (inline.ts).
//
// Memory: every access checks `address + offset > length - width` once and then uses a DataView;
// the view and length live in locals reloaded after each call that may grow memory and after
// memory.grow (the only ways the buffer can be replaced while a function runs), when the memory's
// DataView is no longer the one held (growth always makes a new one). Bodies too big for
// V8's optimising compiler use "compact" code instead: one checked helper call per access.
// f32 NaNs follow numerics' carrier convention, so f32 loads/stores take a bit-exact path only
// when the value is a NaN. Arrays that may hold floats are created with generic elements, since V8
// quiets signalling NaNs stored into double arrays.
//
// Other value kinds: v128 values are immutable 16-byte arrays handled by numerics' SIMD helpers
// (simdops.ts); GC structs/arrays/i31 are runtime/gc.ts objects holding values in slot form.
//
// Traps throw RuntimeError via numerics' trap() with the spec's reason strings; JS stack overflow
// surfaces as the engine's RangeError and, since generated code holds no state outside its frame,
// the instance stays usable. Module text (names) never reaches generated source: only indices and
// numbers do.
//
// Lazy compilation: the source of a function is generated once per module (cached in a WeakMap) as
// a factory `(E) => [entry, step]`; each instance applies it to its environment E (functions,
// globals, tables, memories, segments, helpers), so code is shared and only closures are per
// instance. Until its first call a function is a stub that compiles it and replaces itself in the
// instance's function array F and in its FuncInst. A factory may also come from a file of code
// compiled ahead of time (precompiled.ts), for hosts that refuse `new Function`.
//
// Exceptions: throw raises an ExnInst (runtime/exn.ts) with the payload in slot form; try_table is
// a labelled block around a JS try/catch, whose handler matches tags by identity and branches
// like br with the payload. Only functions containing try_table have a try/catch.
//
// Tail calls: a function containing return_call* compiles to a `step` that returns the marker TAIL
// after storing the callee and arguments in TC; its entry point runs the trampoline (helpers.ts),
// which calls the callee's step when it has one, so chains of tail calls use constant JS stack.
// Functions without tail calls pay nothing.

import type { Module } from '../../syntax/module.js';
import type { AnyFn, WasmFunc } from '../../runtime/func.js';
import type { Global } from '../../runtime/global.js';
import type { Memory } from '../../runtime/memory.js';
import type { Table } from '../../runtime/table.js';
import type { FuncInst, TagInst, Value } from '../../runtime/interface.js';
import { compileFunction } from './body.js';
import { precompiledFactory, type Factory } from './precompiled.js';

/** Code-generation thresholds; tests lower them to exercise every form on small modules. */
export { TUNING } from './body.js';
import { HELPERS } from './helpers.js';
import { buildFunction } from '../interp/select.js';

/** What generated code sees of an instance (index spaces include imports). */
export interface Env {
  X: Record<string, unknown>;
  F: AnyFn[];
  FI: FuncInst[];
  G: Global[];
  T: Table[];
  M: Memory[];
  D: Uint8Array[];
  EL: Value[][];
  /** Tags (imports first). */
  TG: TagInst[];
  /** Canonical type ids by type index (generated code reads them here, FuncCompiler.typeId). */
  Y: readonly number[];
}

export function newEnv(): Env {
  return { X: HELPERS, F: [], FI: [], G: [], T: [], M: [], D: [], EL: [], TG: [], Y: [] };
}

const factories = new WeakMap<Module, Factory[]>();

/**
 * The generated source of function `index`: the body of a factory `(E) => [entry, step]`, strict
 * code (so it means the same in `new Function` and in a precompiled file loaded as a module).
 */
export function functionSource(mod: Module, index: number): string {
  return compileFunction(mod, index);
}

function factoryOf(mod: Module, index: number): Factory {
  let list = factories.get(mod);
  if (!list) factories.set(mod, (list = []));
  let f = list[index];
  if (!f) {
    const src = functionSource(mod, index);
    f = precompiledFactory(src) ?? (new Function('E', src) as Factory);
    list[index] = f;
  }
  return f;
}

/** Compiles `fi` (a function of the instance with environment `env`) unless already done. */
export function ensureCompiled(fi: WasmFunc, mod: Module, env: Env): void {
  if (fi.compiled) return;
  // The tier is chosen here (exec/interp/select.ts): compiled, or interpreted without eval.
  const [entry, step] = buildFunction(mod, fi.index, env, () => factoryOf(mod, fi.index)(env));
  fi.compiled = true;
  fi.fn = entry;
  fi.step = step;
  env.F[fi.index] = entry;
}

/** The initial entry point of `fi`: compiles on first call, then forwards. */
export function lazyStub(fi: WasmFunc, mod: Module, env: Env): AnyFn {
  return function lazy(...args: unknown[]): unknown {
    ensureCompiled(fi, mod, env);
    return fi.fn(...args);
  };
}
