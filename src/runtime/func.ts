// Function and tag instances. Every FuncInst carries `fn`, callable with the compiled code's
// convention (runtime/abi.ts): compiled code calls imports, table entries and funcrefs through it
// without knowing whether they are wasm or host functions.

import type { FuncInst, TagInst, Value } from './interface.js';
import { boxAll, funcTypeOf, returnSlots, slotCount, unboxAll } from './abi.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFn = (...args: any[]) => any;

/** A function defined by a wasm module instance. */
export class WasmFunc implements FuncInst {
  readonly type: number;
  api: unknown = undefined;
  /** Compiled entry point; a lazy stub until the first call compiles the body. */
  fn: AnyFn;
  /** With tail calls: the body that returns TAIL instead of making them (exec/compile). */
  step: AnyFn | null = null;
  compiled = false;
  /** The owning instance's environment for compiled code (exec/compile Env). */
  ownerEnv: unknown = null;
  /** The owning module and the function index in it. */
  readonly owner: unknown;
  readonly index: number;

  constructor(type: number, owner: unknown, index: number, fn: AnyFn) {
    this.type = type;
    this.owner = owner;
    this.index = index;
    this.fn = fn;
  }
}

/** A function given by the host: `call` takes and returns boxed values. */
export class HostFunc implements FuncInst {
  readonly type: number;
  api: unknown = undefined;
  readonly fn: AnyFn;
  readonly call: (args: Value[]) => Value[];

  constructor(type: number, call: (args: Value[]) => Value[]) {
    this.type = type;
    this.call = call;
    const ft = funcTypeOf(type);
    const params = ft.params;
    const results = ft.results;
    const nSlots = slotCount(results);
    this.fn = function hostAdapter(...slots: unknown[]): unknown {
      const out = call(boxAll(params, slots));
      if (nSlots === 0) return undefined;
      return returnSlots(results, unboxAll(results, out));
    };
  }
}

export function hostFunc(type: number, call: (args: Value[]) => Value[]): HostFunc {
  return new HostFunc(type, call);
}

export class Tag implements TagInst {
  readonly type: number;
  constructor(type: number) {
    this.type = type;
  }
}

export function createTag(type: number): Tag {
  return new Tag(type);
}
