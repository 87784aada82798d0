// The engine's public surface (the contract in runtime/interface.ts): runtime objects,
// instantiation and invocation with boxed values.

import type { ExternVal, FuncInst, Value } from './interface.js';
import { EXTERNAL_FUNC, EXTERNAL_GLOBAL, EXTERNAL_MEMORY, EXTERNAL_TABLE, EXTERNAL_TAG } from '../syntax/types.js';
import { Memory, createMemory } from './memory.js';
import { Table, createTable } from './table.js';
import { Global, createGlobal } from './global.js';
import { HostFunc, WasmFunc, Tag, createTag, hostFunc, type AnyFn } from './func.js';
import { boxAll, collectSlots, funcTypeOf, unboxAll } from './abi.js';

export { instantiate, Instance } from './instance.js';
export { createMemory, createTable, createGlobal, createTag, hostFunc };
export { Memory, Table, Global, Tag, HostFunc, WasmFunc };
export { ExnInst } from './exn.js';
export { StructRef, ArrayRef, I31Ref } from './gc.js';
export { JS_TAG } from '../exec/compile/helpers.js';

/** EXTERNAL_* of an extern value. */
export function externKind(v: ExternVal): number {
  if (v instanceof WasmFunc || v instanceof HostFunc) return EXTERNAL_FUNC;
  if (v instanceof Table) return EXTERNAL_TABLE;
  if (v instanceof Memory) return EXTERNAL_MEMORY;
  if (v instanceof Global) return EXTERNAL_GLOBAL;
  if (v instanceof Tag) return EXTERNAL_TAG;
  throw new TypeError('not an extern value');
}

/** Calls `f` with boxed arguments and returns its boxed results. */
export function invoke(f: FuncInst, args: Value[]): Value[] {
  const ft = funcTypeOf(f.type);
  const flat = unboxAll(ft.params, args);
  const fn = (f as WasmFunc | HostFunc).fn as AnyFn;
  const first = fn(...flat);
  return boxAll(ft.results, collectSlots(ft.results, first));
}
